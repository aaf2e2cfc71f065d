/* testutil.c: temporary folders and files for the unit tests. */
#include "testutil.h"

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
