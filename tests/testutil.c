/* testutil.c: what the unit tests share (testutil.h): temporary folders and
 * files, the sheet tests' session and the walk-through tests' context. */
#include "testutil.h"
#include "testutil_walk.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "session.h"
#include "ui_canvas.h"
#include "fsutil.h"
#include "store.h"
#include "text.h"
#include "ui_walk.h"

char *testutil_tempdir(void)
{
    char *path = strdup("/tmp/selfcheck-test-XXXXXX");
    if (path == NULL || mkdtemp(path) == NULL) {
        free(path);
        return NULL;
    }
    return path;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void testutil_rmtree(const char *path)
{
    if (path != NULL)
        nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *testutil_write(const char *dir, const char *name, const char *text)
{
    char *path = fsutil_join(dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        free(path);
        return NULL;
    }
    fputs(text, f);
    fclose(f);
    return path;
}

char *testutil_read(const char *path)
{
    char *text = NULL;
    size_t len;
    if (fsutil_read_file(path, 64u * 1024u * 1024u, &text, &len, NULL) != 0)
        return NULL;
    return text;
}

int testutil_example_session(const char *dir, profile p, session **out)
{
    setenv("SELFCHECK_NOW", "2026-03-15T09:00:00", 1);
    setenv("XDG_DATA_HOME", dir, 1);
    setenv("XDG_CONFIG_HOME", dir, 1);
    char *db = fsutil_join(dir, "selfcheck.db");
    char *err = NULL;
    store *st = NULL;
    if (db == NULL || store_open(db, &st, &err) != 0 || store_system_add(st, "web", "门户网站", &err) != 0 ||
        store_system_add(st, "oa", "办公自动化系统", &err) != 0) {
        fprintf(stderr, "%s\n", err ? err : "out of memory");
        free(err);
        free(db);
        store_close(st);
        return -1;
    }
    store_close(st);
    const char *paths[] = {FIXTURES_DIR "/example.ini"};
    checklist_set *set;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &set, &diags);
    diag_list_clear(&diags);
    config *cfg = rc == 0 ? config_defaults() : NULL;
    if (cfg == NULL) {
        free(db);
        return -1;
    }
    free(cfg->unit_code);
    cfg->unit_code = strdup("U1");
    rc = session_open(cfg, set, db, p, NULL, out, &err);
    if (rc != 0)
        fprintf(stderr, "%s\n", err);
    free(err);
    free(db);
    return rc == 0 ? 0 : -1;
}

int testutil_session_setup(void **state)
{
    testutil_session *f = calloc(1, sizeof *f);
    if (f == NULL || (f->dir = testutil_tempdir()) == NULL ||
        testutil_example_session(f->dir, PROFILE_HALFYEAR, &f->s) != 0)
        return -1;
    *state = f;
    return 0;
}

int testutil_session_teardown(void **state)
{
    testutil_session *f = *state;
    session_free(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f);
    unsetenv("SELFCHECK_NOW");
    unsetenv("XDG_DATA_HOME");
    unsetenv("XDG_CONFIG_HOME");
    return 0;
}

testutil_walk *testutil_walk_new(const char *checklist_ini, const char *system_id, const char *system_name)
{
    testutil_walk *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testutil_tempdir();
    assert_non_null(f->dir);
    char *list = testutil_write(f->dir, "t.ini", checklist_ini);
    char *ini = NULL;
    assert_true(asprintf(&ini, "[unit]\ncode = T1\nname = 测试局\nassessor = 张三\n[paths]\n"
                         "checklists = %s\ndata = %s/data\noutput = %s/out\n[signing]\nkey = %s/data/unit.key\n"
                         "[ui]\nlang = zh\n",
                         list, f->dir, f->dir, f->dir) > 0);
    f->config_path = testutil_write(f->dir, "selfcheck.ini", ini);
    free(ini);
    free(list);
    assert_true(asprintf(&f->db, "%s/data/selfcheck.db", f->dir) > 0);
    char *err = NULL;
    if (system_id != NULL) {
        store *s = NULL;
        assert_int_equal(store_open(f->db, &s, &err), 0);
        assert_int_equal(store_system_add(s, system_id, system_name, &err), 0);
        store_close(s);
    }
    if (ui_context_init(&f->ctx, f->config_path, NULL, &err) != 0)
        fail_msg("ui_context_init: %s", err ? err : "?");
    return f;
}

void testutil_walk_free(testutil_walk *f)
{
    ui_context_free(&f->ctx);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->config_path);
    free(f->db);
    free(f);
}

void testutil_walk_open(testutil_walk *f, const char *period)
{
    char *err = NULL;
    if (ui_context_open(&f->ctx, PROFILE_MONTHLY, period, &err) != 0)
        fail_msg("open: %s", err ? err : "?");
}

ui_action testutil_press(ui_walk *w, ui_keycode code)
{
    return ui_walk_key(w, ui_key_make(code));
}

const answer *testutil_walk_answer(testutil_walk *f, size_t index)
{
    return session_answer(f->ctx.session, index);
}

void testutil_type(ui_walk *w, const char *text)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        unsigned cp;
        i += text_decode(text + i, len - i, &cp);
        ui_walk_key(w, ui_key_char(cp));
    }
}

char *testutil_canvas_text(const ui_canvas *c)
{
    size_t cap = (size_t)c->rows * ((size_t)c->cols * 4 + 1) + 1, len = 0;
    char *out = calloc(1, cap);
    if (out == NULL)
        return NULL;
    for (int r = 0; r < c->rows; r++) {
        char *row = ui_canvas_row_text(c, r);
        len += (size_t)snprintf(out + len, cap - len, "%s\n", row ? row : "");
        free(row);
    }
    return out;
}
