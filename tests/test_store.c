/* test_store.c: cmocka tests of the SQLite answer store (store.h).
 *
 * The schema version and journal mode are checked with the SQLite API on the
 * file itself, not through the module. Then systems, assessments (and the
 * systems snapshot that follows the unit's list until the assessment is
 * completed), answers field by field, and explicit transactions. Last, the
 * crash test: a child process records answers one by one and reports each
 * one whose commit has returned; the parent kills it with SIGKILL at several
 * points, reopens the store, and checks that every reported answer is there
 * with its exact value and that PRAGMA integrity_check says ok. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fsutil.h"
#include "period.h"
#include "store.h"
#include "testutil.h"

typedef struct fixture {
    char *dir;
    char *db;      /* dir/sub/selfcheck.db: the folder does not exist yet */
    store *s;      /* opened by setup_open */
} fixture;

static int group_setup(void **state)
{
    (void)state;
    setenv("SELFCHECK_NOW", "2026-03-15T10:20:30", 1);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    unsetenv("SELFCHECK_NOW");
    return 0;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    if (f->dir == NULL)
        return -1;
    f->db = fsutil_join(f->dir, "sub/folder/selfcheck.db");
    *state = f;
    return 0;
}

static int setup_open(void **state)
{
    if (setup(state) != 0)
        return -1;
    fixture *f = *state;
    char *err = NULL;
    if (store_open(f->db, &f->s, &err) != 0) {
        print_error("%s\n", err);
        free(err);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    store_close(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f);
    return 0;
}

/* ---- direct SQLite access, independent of the module ---- */

static sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    return db;
}

/* The first column of the first row of sql, as text (caller frees), or NULL. */
static char *raw_text(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    char *out = NULL;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
        out = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return out;
}

static long long raw_int(sqlite3 *db, const char *sql)
{
    char *text = raw_text(db, sql);
    assert_non_null(text);
    long long n = strtoll(text, NULL, 10);
    free(text);
    return n;
}

static void assert_integrity_ok(const char *path)
{
    sqlite3 *db = raw_open(path);
    char *result = raw_text(db, "PRAGMA integrity_check");
    assert_non_null(result);
    assert_string_equal(result, "ok");
    free(result);
    sqlite3_close(db);
}

/* ---- opening ---- */

static void test_open_creates_schema(void **state)
{
    fixture *f = *state;
    store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(f->db, &s, &err), 0);
    assert_null(err);
    assert_true(fsutil_exists(f->db));
    store_close(s);

    sqlite3 *db = raw_open(f->db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    char *mode = raw_text(db, "PRAGMA journal_mode");
    assert_string_equal(mode, "wal");
    free(mode);
    const char *tables[] = {"systems", "assessments", "assessment_systems", "answers"};
    for (size_t i = 0; i < 4; i++) {
        char *sql = NULL;
        assert_true(asprintf(&sql, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
                             tables[i]) > 0);
        assert_int_equal(raw_int(db, sql), 1);
        free(sql);
    }
    sqlite3_close(db);
    assert_integrity_ok(f->db);
}

/* The answers list the unit's weaknesses: a new store, and its WAL file, can
 * be read by their owner only, whatever the umask. */
static void test_new_store_is_private(void **state)
{
    fixture *f = *state;
    mode_t old_mask = umask(022);
    store *s = NULL;
    char *err = NULL;
    assert_int_equal(store_open(f->db, &s, &err), 0);
    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", &err), 0);
    struct stat st;
    assert_int_equal(stat(f->db, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char *wal = NULL;
    assert_true(asprintf(&wal, "%s-wal", f->db) > 0);
    assert_int_equal(stat(wal, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    free(wal);
    store_close(s);
    umask(old_mask);
}

static void test_reopen_is_idempotent(void **state)
{
    fixture *f = *state;
    store *s = NULL;
    assert_int_equal(store_open(f->db, &s, NULL), 0);
    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", NULL), 0);
    store_close(s);
    for (int round = 0; round < 3; round++) {
        char *err = NULL;
        assert_int_equal(store_open(f->db, &s, &err), 0);
        system_info *systems;
        size_t count;
        assert_int_equal(store_systems_list(s, &systems, &count, NULL), 0);
        assert_int_equal(count, 1);
        assert_string_equal(systems[0].name, "办公自动化系统");
        system_info_free_array(systems, count);
        store_close(s);
    }
    sqlite3 *db = raw_open(f->db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 6);
    sqlite3_close(db);
}

static void test_newer_schema_refused(void **state)
{
    fixture *f = *state;
    store *s = NULL;
    assert_int_equal(store_open(f->db, &s, NULL), 0);
    store_close(s);
    sqlite3 *db = raw_open(f->db);
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", STORE_SCHEMA_VERSION + 1);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);

    char *err = NULL;
    s = (store *)1;
    assert_int_equal(store_open(f->db, &s, &err), -1);
    assert_null(s);
    assert_non_null(err);
    assert_non_null(strstr(err, f->db));
    assert_non_null(strstr(err, "newer selfcheck"));
    char number[16];
    snprintf(number, sizeof number, "schema %d", STORE_SCHEMA_VERSION + 1);
    assert_non_null(strstr(err, number));
    free(err);
    /* and the file is left at its version */
    db = raw_open(f->db);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION + 1);
    sqlite3_close(db);
}

static void test_not_a_database_refused(void **state)
{
    fixture *f = *state;
    char text[4096];
    for (size_t i = 0; i + 1 < sizeof text; i++)
        text[i] = "not a database\n"[i % 15];
    text[sizeof text - 1] = '\0';
    char *path = testutil_write(f->dir, "junk.db", text);
    store *s = (store *)1;
    char *err = NULL;
    assert_int_equal(store_open(path, &s, &err), -1);
    assert_null(s);
    assert_non_null(err);
    assert_non_null(strstr(err, path));
    free(err);
    free(path);
}

/* ---- systems ---- */

static void assert_systems(store *s, const char *const *ids, const char *const *names, size_t n)
{
    system_info *systems;
    size_t count;
    assert_int_equal(store_systems_list(s, &systems, &count, NULL), 0);
    assert_int_equal(count, n);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(systems[i].id, ids[i]);
        assert_string_equal(systems[i].name, names[i]);
    }
    system_info_free_array(systems, count);
}

static void assert_fails(int rc, char **errp, const char *phrase)
{
    char *err = *errp;   /* read after the call has filled it */
    if (rc >= 0 || err == NULL || strstr(err, phrase) == NULL)
        print_message("expected failure with \"%s\", got %d: %s\n", phrase, rc, err ? err : "(none)");
    assert_true(rc < 0);
    assert_non_null(err);
    assert_non_null(strstr(err, phrase));
    free(err);
}

static void test_systems(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assert_systems(s, NULL, NULL, 0);
    assert_int_equal(store_system_add(s, "web", "门户网站", NULL), 0);
    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", NULL), 0);
    assert_int_equal(store_system_add(s, "mail-2", "邮件系统, \"二期\"", NULL), 0);
    const char *ids[] = {"mail-2", "oa", "web"};
    const char *names[] = {"邮件系统, \"二期\"", "办公自动化系统", "门户网站"};
    assert_systems(s, ids, names, 3);

    const char *bad_ids[] = {"", "OA", "-oa", "o a", "o_a", "办公", "oa;drop", "a/b",
                             "0123456789012345678901234567890123456789012345678901234567890123x"};
    for (size_t i = 0; i < sizeof bad_ids / sizeof bad_ids[0]; i++) {
        char *err = NULL;
        assert_fails(store_system_add(s, bad_ids[i], "名称", &err), &err, "must be lower-case");
    }
    char *err = NULL;
    assert_fails(store_system_add(s, "new", "", &err), &err, "needs a name");
    err = NULL;
    assert_fails(store_system_add(s, "new", NULL, &err), &err, "needs a name");
    err = NULL;
    assert_fails(store_system_add(s, "oa", "另一个", &err), &err, "exists already");
    err = NULL;
    assert_fails(store_system_remove(s, "nope", &err), &err, "no system 'nope'");
    assert_systems(s, ids, names, 3);

    assert_int_equal(store_system_remove(s, "oa", NULL), 0);
    err = NULL;
    assert_fails(store_system_remove(s, "oa", &err), &err, "no system 'oa'");
    /* the kind of failure is in the return value, for exit codes */
    assert_int_equal(store_system_remove(s, "oa", NULL), STORE_ERR_NOT_FOUND);
    assert_int_equal(store_system_add(s, "web", "又一个", NULL), STORE_ERR_EXISTS);
    assert_int_equal(store_system_add(s, "Web", "大写", NULL), STORE_ERR_INVALID);
    assert_int_equal(store_system_add(s, "new", "", NULL), STORE_ERR_INVALID);
    const char *ids2[] = {"mail-2", "web"};
    const char *names2[] = {"邮件系统, \"二期\"", "门户网站"};
    assert_systems(s, ids2, names2, 2);
    /* a removed id can be added again */
    assert_int_equal(store_system_add(s, "oa", "新办公系统", NULL), 0);
}

/* ---- assessments ---- */

static assessment *open_assessment(store *s, profile p, const char *period)
{
    assessment *a = NULL;
    char *err = NULL;
    int rc = store_assessment_open(s, "U1", p, period, "张三", &a, &err);
    if (rc != 0)
        print_message("%s\n", err);
    free(err);
    assert_int_equal(rc, 0);
    assert_non_null(a);
    return a;
}

static void assert_assessment_systems(const assessment *a, const char *const *ids, size_t n)
{
    assert_int_equal(a->system_count, n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(a->systems[i].id, ids[i]);
}

static void test_assessment_open_once(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assessment *found = (assessment *)1;
    assert_int_equal(store_assessment_find(s, "U1", PROFILE_MONTHLY, "2026-03", &found, NULL), 0);
    assert_null(found);

    assessment *a = open_assessment(s, PROFILE_MONTHLY, "2026-03");
    assert_true(a->id > 0);
    assert_string_equal(a->unit_code, "U1");
    assert_int_equal(a->profile, PROFILE_MONTHLY);
    assert_string_equal(a->period, "2026-03");
    assert_string_equal(a->assessor, "张三");
    assert_string_equal(a->created_at, "2026-03-15T10:20:30");
    assert_null(a->completed_at);
    assert_int_equal(a->system_count, 0);

    assessment *again = open_assessment(s, PROFILE_MONTHLY, "2026-03");
    assert_true(again->id == a->id);
    assert_int_equal(store_assessment_find(s, "U1", PROFILE_MONTHLY, "2026-03", &found, NULL), 0);
    assert_non_null(found);
    assert_true(found->id == a->id);
    assessment_free(found);

    /* another period, profile or unit is another assessment */
    assessment *other = open_assessment(s, PROFILE_MONTHLY, "2026-04");
    assessment *half = open_assessment(s, PROFILE_HALFYEAR, "2026-H1");
    assert_true(other->id != a->id);
    assert_true(half->id != a->id && half->id != other->id);
    assert_int_equal(half->profile, PROFILE_HALFYEAR);
    assessment *unit2 = NULL;
    assert_int_equal(store_assessment_open(s, "U2", PROFILE_MONTHLY, "2026-03", NULL, &unit2, NULL), 0);
    assert_true(unit2->id != a->id);
    assert_string_equal(unit2->assessor, "");

    /* a period of the wrong form is refused */
    char *err = NULL;
    assessment *bad = (assessment *)1;
    assert_fails(store_assessment_open(s, "U1", PROFILE_MONTHLY, "2026-13", "x", &bad, &err), &err, "2026-13");
    assert_null(bad);
    err = NULL;
    assert_fails(store_assessment_open(s, "U1", PROFILE_HALFYEAR, "2026-03", "x", &bad, &err), &err, "half-year");

    /* listed newest period first, only the unit's and profile's */
    assessment *old = open_assessment(s, PROFILE_MONTHLY, "2025-12");
    assessment **list;
    size_t count;
    assert_int_equal(store_assessment_list(s, "U1", PROFILE_MONTHLY, &list, &count, NULL), 0);
    assert_int_equal(count, 3);
    assert_string_equal(list[0]->period, "2026-04");
    assert_string_equal(list[1]->period, "2026-03");
    assert_string_equal(list[2]->period, "2025-12");
    assessment_free_array(list, count);

    assessment_free(old);
    assessment_free(unit2);
    assessment_free(half);
    assessment_free(other);
    assessment_free(again);
    assessment_free(a);
}

static void test_assessment_systems_snapshot(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", NULL), 0);
    assessment *a = open_assessment(s, PROFILE_HALFYEAR, "2026-H1");
    const char *just_oa[] = {"oa"};
    assert_assessment_systems(a, just_oa, 1);
    assert_string_equal(a->systems[0].name, "办公自动化系统");
    long long id = a->id;
    assessment_free(a);

    /* while open, it follows the unit's list */
    assert_int_equal(store_system_add(s, "web", "门户网站", NULL), 0);
    a = open_assessment(s, PROFILE_HALFYEAR, "2026-H1");
    const char *both[] = {"oa", "web"};
    assert_assessment_systems(a, both, 2);
    assessment_free(a);
    assert_int_equal(store_system_remove(s, "oa", NULL), 0);
    a = open_assessment(s, PROFILE_HALFYEAR, "2026-H1");
    const char *just_web[] = {"web"};
    assert_assessment_systems(a, just_web, 1);
    assessment_free(a);

    /* completed: frozen */
    assert_int_equal(store_assessment_set_completed(s, id, "2026-06-20T09:00:00", NULL), 0);
    assert_int_equal(store_system_add(s, "mail", "邮件系统", NULL), 0);
    assert_int_equal(store_system_remove(s, "web", NULL), 0);
    a = open_assessment(s, PROFILE_HALFYEAR, "2026-H1");
    assert_true(a->id == id);
    assert_string_equal(a->completed_at, "2026-06-20T09:00:00");
    assert_assessment_systems(a, just_web, 1);
    assert_string_equal(a->systems[0].name, "门户网站");
    assessment_free(a);
    assessment *found = NULL;
    assert_int_equal(store_assessment_find(s, "U1", PROFILE_HALFYEAR, "2026-H1", &found, NULL), 0);
    assert_assessment_systems(found, just_web, 1);
    assessment_free(found);

    /* reopened for answering: follows the list again */
    assert_int_equal(store_assessment_set_completed(s, id, NULL, NULL), 0);
    a = open_assessment(s, PROFILE_HALFYEAR, "2026-H1");
    assert_null(a->completed_at);
    const char *just_mail[] = {"mail"};
    assert_assessment_systems(a, just_mail, 1);
    assessment_free(a);
}

static void test_change_needs_its_system(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assessment *a = (assessment *)1;
    char *err = NULL;
    assert_fails(store_assessment_open(s, "U1", PROFILE_CHANGE, "2026-03-05@oa", "x", &a, &err), &err,
                 "no system 'oa'");
    assert_null(a);
    assert_int_equal(store_assessment_open(s, "U1", PROFILE_CHANGE, "2026-03-05@oa", "x", &a, NULL),
                     STORE_ERR_NOT_FOUND);
    assert_null(a);
    /* nothing was created by the failed attempt */
    assert_int_equal(store_assessment_find(s, "U1", PROFILE_CHANGE, "2026-03-05@oa", &a, NULL), 0);
    assert_null(a);
    err = NULL;
    assert_fails(store_assessment_open(s, "U1", PROFILE_CHANGE, "2026-03", "x", &a, &err), &err, "DATE@SYSTEM");

    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", NULL), 0);
    assert_int_equal(store_system_add(s, "web", "门户网站", NULL), 0);
    a = open_assessment(s, PROFILE_CHANGE, "2026-03-05@oa");
    const char *just_oa[] = {"oa"};
    assert_assessment_systems(a, just_oa, 1);
    assert_int_equal(a->profile, PROFILE_CHANGE);
    assessment_free(a);
}

/* ---- answers ---- */

static answer_set *load(store *s, long long id)
{
    answer_set *set = NULL;
    assert_int_equal(store_answers_load(s, id, &set, NULL), 0);
    assert_non_null(set);
    return set;
}

static void assert_str_or_null(const char *got, const char *expected)
{
    if (expected == NULL)
        assert_null(got);
    else {
        assert_non_null(got);
        assert_string_equal(got, expected);
    }
}

static void assert_answer(store *s, long long id, const char *system, const char *value, const char *note,
                          const char *owner, const char *due, const char *answered_at)
{
    answer_set *set = load(s, id);
    const answer *a = answer_set_find(set, "ops", "backup", system);
    assert_non_null(a);
    assert_string_equal(a->checklist_id, "ops");
    assert_string_equal(a->item_id, "backup");
    assert_string_equal(a->system_id, system ? system : "");
    assert_str_or_null(a->value, value);
    assert_str_or_null(a->note, note);
    assert_str_or_null(a->owner, owner);
    assert_str_or_null(a->due, due);
    assert_str_or_null(a->answered_at, answered_at);
    answer_set_free(set);
}

static int put(store *s, long long id, const char *system, answer_field field, const char *text, const char *when)
{
    char *err = NULL;
    int rc = store_answer_put(s, id, "ops", "backup", system, field, text, when, &err);
    if (rc != 0)
        print_message("%s\n", err);
    free(err);
    return rc;
}

static void test_answer_fields(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assessment *a = open_assessment(s, PROFILE_MONTHLY, "2026-03");
    long long id = a->id;
    assessment_free(a);

    /* a note first: the row exists, unanswered */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_NOTE, "备份在机房B; \"异地\"\n第二行", "2026-03-01T08:00:00"), 0);
    assert_answer(s, id, "oa", NULL, "备份在机房B; \"异地\"\n第二行", NULL, NULL, NULL);
    size_t answered = 9;
    assert_int_equal(store_answered_count(s, id, &answered, NULL), 0);
    assert_int_equal(answered, 0);   /* a note alone is no answer */

    /* the value sets answered_at */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_VALUE, "partial", "2026-03-02T09:00:00"), 0);
    assert_answer(s, id, "oa", "partial", "备份在机房B; \"异地\"\n第二行", NULL, NULL, "2026-03-02T09:00:00");
    /* the same value again: answered_at unchanged */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_VALUE, "partial", "2026-03-03T09:00:00"), 0);
    assert_answer(s, id, "oa", "partial", "备份在机房B; \"异地\"\n第二行", NULL, NULL, "2026-03-02T09:00:00");
    /* other fields do not touch it */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_OWNER, "王五", "2026-03-04T09:00:00"), 0);
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_DUE, "2026-04-14", "2026-03-04T09:00:01"), 0);
    assert_answer(s, id, "oa", "partial", "备份在机房B; \"异地\"\n第二行", "王五", "2026-04-14", "2026-03-02T09:00:00");
    /* a new value: answered_at moves */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_VALUE, "yes", "2026-03-05T09:00:00"), 0);
    assert_answer(s, id, "oa", "yes", "备份在机房B; \"异地\"\n第二行", "王五", "2026-04-14", "2026-03-05T09:00:00");

    /* clearing: NULL for any field, "" for note, owner and due */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_NOTE, "", NULL), 0);
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_OWNER, NULL, NULL), 0);
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_DUE, "", NULL), 0);
    assert_answer(s, id, "oa", "yes", NULL, NULL, NULL, "2026-03-05T09:00:00");
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_VALUE, NULL, "2026-03-06T09:00:00"), 0);
    assert_answer(s, id, "oa", NULL, NULL, NULL, NULL, NULL);
    /* answered again after clearing */
    assert_int_equal(put(s, id, "oa", ANSWER_FIELD_VALUE, "no", "2026-03-07T09:00:00"), 0);
    assert_answer(s, id, "oa", "no", NULL, NULL, NULL, "2026-03-07T09:00:00");

    /* when = NULL: the clock (SELFCHECK_NOW) */
    assert_int_equal(put(s, id, NULL, ANSWER_FIELD_VALUE, "yes", NULL), 0);
    assert_answer(s, id, NULL, "yes", NULL, NULL, NULL, "2026-03-15T10:20:30");
    assert_answer(s, id, "", "yes", NULL, NULL, NULL, "2026-03-15T10:20:30");
    assert_int_equal(store_answered_count(s, id, &answered, NULL), 0);
    assert_int_equal(answered, 2);

    /* each assessment has its own answers */
    assessment *b = open_assessment(s, PROFILE_MONTHLY, "2026-04");
    answer_set *other = load(s, b->id);
    assert_int_equal(other->count, 0);
    assert_null(answer_set_find(other, "ops", "backup", "oa"));
    answer_set_free(other);
    assessment_free(b);

    char *err = NULL;
    assert_fails(store_answer_put(s, id, "ops", "backup", "", (answer_field)9, "x", NULL, &err), &err,
                 "unknown answer field");
}

static void test_answer_set_find(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assessment *a = open_assessment(s, PROFILE_MONTHLY, "2026-03");
    /* ids that sort differently under careless comparisons: '-' < digits < letters */
    const char *lists[] = {"b", "a-b", "ab", "a", "a0"};
    const char *items[] = {"x1", "x", "x-1", "y", "x0"};
    const char *systems[] = {"web", "", "oa", "oa-2"};
    for (size_t l = 0; l < 5; l++)
        for (size_t i = 0; i < 5; i++)
            for (size_t k = 0; k < 4; k++) {
                char value[64];
                snprintf(value, sizeof value, "%s|%s|%s", lists[l], items[i], systems[k]);
                assert_int_equal(store_answer_put(s, a->id, lists[l], items[i], systems[k], ANSWER_FIELD_VALUE,
                                                  value, NULL, NULL), 0);
            }
    answer_set *set = load(s, a->id);
    assert_int_equal(set->count, 100);
    for (size_t l = 0; l < 5; l++)
        for (size_t i = 0; i < 5; i++)
            for (size_t k = 0; k < 4; k++) {
                char value[64];
                snprintf(value, sizeof value, "%s|%s|%s", lists[l], items[i], systems[k]);
                const answer *found = answer_set_find(set, lists[l], items[i], systems[k]);
                if (found == NULL)
                    fail_msg("answer %s not found", value);
                assert_string_equal(found->value, value);
            }
    assert_non_null(answer_set_find(set, "a", "x", NULL));
    assert_string_equal(answer_set_find(set, "a", "x", NULL)->value, "a|x|");
    assert_null(answer_set_find(set, "a", "x", "mail"));
    assert_null(answer_set_find(set, "c", "x", ""));
    assert_null(answer_set_find(set, "a", "z", ""));
    assert_null(answer_set_find(set, "", "", ""));
    assert_null(answer_set_find(NULL, "a", "x", ""));
    answer_set_free(set);
    assessment_free(a);
}

static long long raw_answer_count(const char *path)
{
    sqlite3 *db = raw_open(path);
    long long n = raw_int(db, "SELECT count(*) FROM answers");
    sqlite3_close(db);
    return n;
}

static void test_transaction_rollback(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assessment *a = open_assessment(s, PROFILE_MONTHLY, "2026-03");
    assert_int_equal(store_begin(s, NULL), 0);
    for (int i = 0; i < 5; i++) {
        char item_id[16];
        snprintf(item_id, sizeof item_id, "i%d", i);
        assert_int_equal(store_answer_put(s, a->id, "ops", item_id, "", ANSWER_FIELD_VALUE, "yes", NULL, NULL), 0);
        assert_int_equal(store_answer_put(s, a->id, "ops", item_id, "", ANSWER_FIELD_NOTE, "备注", NULL, NULL), 0);
    }
    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", NULL), 0);
    /* inside the transaction the store sees its writes, another connection does not */
    answer_set *inside = load(s, a->id);
    assert_int_equal(inside->count, 5);
    answer_set_free(inside);
    assert_int_equal(raw_answer_count(f->db), 0);
    store_rollback(s);

    answer_set *after = load(s, a->id);
    assert_int_equal(after->count, 0);
    answer_set_free(after);
    assert_systems(s, NULL, NULL, 0);
    assert_int_equal(raw_answer_count(f->db), 0);
    /* rollback outside a transaction is harmless */
    store_rollback(s);
    /* and writes commit on their own again */
    assert_int_equal(store_answer_put(s, a->id, "ops", "solo", "", ANSWER_FIELD_VALUE, "no", NULL, NULL), 0);
    assert_int_equal(raw_answer_count(f->db), 1);
    assessment_free(a);
}

static void test_transaction_commit(void **state)
{
    fixture *f = *state;
    store *s = f->s;
    assessment *a = open_assessment(s, PROFILE_MONTHLY, "2026-03");
    assert_int_equal(store_begin(s, NULL), 0);
    for (int i = 0; i < 50; i++) {
        char item_id[16], value[16];
        snprintf(item_id, sizeof item_id, "i%02d", i);
        snprintf(value, sizeof value, "%d", i * 3);
        assert_int_equal(store_answer_put(s, a->id, "ops", item_id, "oa", ANSWER_FIELD_VALUE, value, NULL, NULL), 0);
    }
    assert_int_equal(store_system_add(s, "oa", "办公自动化系统", NULL), 0);
    assert_int_equal(raw_answer_count(f->db), 0);
    char *err = NULL;
    assert_int_equal(store_commit(s, &err), 0);
    assert_null(err);
    assert_int_equal(raw_answer_count(f->db), 50);
    /* all there after a reopen */
    store_close(s);
    f->s = NULL;
    assert_int_equal(store_open(f->db, &f->s, NULL), 0);
    answer_set *set = load(f->s, a->id);
    assert_int_equal(set->count, 50);
    for (int i = 0; i < 50; i++) {
        char item_id[16], value[16];
        snprintf(item_id, sizeof item_id, "i%02d", i);
        snprintf(value, sizeof value, "%d", i * 3);
        assert_string_equal(answer_set_find(set, "ops", item_id, "oa")->value, value);
    }
    answer_set_free(set);
    const char *ids[] = {"oa"};
    const char *names[] = {"办公自动化系统"};
    assert_systems(f->s, ids, names, 1);
    /* a commit without a transaction is an error with a message */
    err = NULL;
    assert_int_equal(store_commit(f->s, &err), -1);
    assert_non_null(err);
    free(err);
    /* two begins: the second is refused, the first still commits */
    assert_int_equal(store_begin(f->s, NULL), 0);
    err = NULL;
    assert_int_equal(store_begin(f->s, &err), -1);
    assert_non_null(err);
    free(err);
    assert_int_equal(store_commit(f->s, NULL), 0);
    assessment_free(a);
}

/* ---- the crash test ---- */

#define CRASH_BATCH 10

static void crash_value(char *out, size_t size, int round, int i)
{
    snprintf(out, size, "第%d轮答案 %d; \"值\" #%d", round, i, i * 7919);
}

/* Child: records answers until killed; after each commit has returned it
 * writes the number committed so far to fd. batch > 1 commits them in
 * explicit transactions of that many. Never returns. */
static void crash_child(const char *db, long long assessment_id, int round, int batch, int fd)
{
    store *s;
    if (store_open(db, &s, NULL) != 0)
        _exit(2);
    for (int i = 0; i < 1000000; i++) {
        char item_id[32], value[128];
        snprintf(item_id, sizeof item_id, "item-%07d", i);
        crash_value(value, sizeof value, round, i);
        if (batch > 1 && i % batch == 0 && store_begin(s, NULL) != 0)
            _exit(3);
        if (store_answer_put(s, assessment_id, "crash", item_id, "", ANSWER_FIELD_VALUE, value, NULL, NULL) != 0)
            _exit(4);
        if (batch > 1 && i % batch != batch - 1)
            continue;
        if (batch > 1 && store_commit(s, NULL) != 0)
            _exit(5);
        int done = i + 1;
        if (write(fd, &done, sizeof done) != (ssize_t)sizeof done)
            _exit(6);
    }
    _exit(0);
}

/* Reads one count; 0 at end of file. */
static int read_count(int fd, int *count)
{
    size_t got = 0;
    char *p = (char *)count;
    while (got < sizeof *count) {
        ssize_t n = read(fd, p + got, sizeof *count - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return got == 0 ? 0 : -1;
        got += (size_t)n;
    }
    return 1;
}

/* One round: start the child, kill it once it has reported kill_after
 * commits, then check what it reported. Returns the number committed. */
static int crash_round(const char *db, const char *period, int round, int batch, int kill_after)
{
    store *s = NULL;
    assert_int_equal(store_open(db, &s, NULL), 0);
    assessment *a = open_assessment(s, PROFILE_MONTHLY, period);
    long long id = a->id;
    assessment_free(a);
    store_close(s);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        crash_child(db, id, round, batch, fds[1]);
    }
    close(fds[1]);
    /* no assertion may fail while the child runs: it would be left behind */
    int reported = 0, n;
    bool stopped = false, in_order = true;
    while (reported < kill_after) {
        if (read_count(fds[0], &n) != 1) {
            stopped = true;
            break;
        }
        in_order = in_order && n == reported + batch;   /* one report per commit, in order */
        reported = n;
    }
    int killed = kill(pid, SIGKILL);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (stopped)
        fail_msg("the child stopped by itself after %d answers (status %d)", reported, status);
    assert_int_equal(killed, 0);
    assert_true(in_order);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
    /* reports written before the kill landed are commits too */
    int rc;
    while ((rc = read_count(fds[0], &n)) == 1) {
        assert_int_equal(n, reported + batch);
        reported = n;
    }
    assert_int_equal(rc, 0);
    close(fds[0]);

    char *err = NULL;
    rc = store_open(db, &s, &err);
    if (rc != 0)
        print_message("%s\n", err);
    assert_int_equal(rc, 0);
    answer_set *set = load(s, id);
    /* all reported; at most the one commit in flight beyond; never half a batch */
    assert_true(set->count >= (size_t)reported);
    assert_true(set->count <= (size_t)(reported + batch));
    assert_int_equal(set->count % (size_t)batch, 0);
    for (size_t i = 0; i < set->count; i++) {
        char item_id[32], value[128];
        snprintf(item_id, sizeof item_id, "item-%07zu", i);
        crash_value(value, sizeof value, round, (int)i);
        const answer *found = answer_set_find(set, "crash", item_id, "");
        if (found == NULL)
            fail_msg("round %d: committed answer %zu of %d is missing", round, i, reported);
        assert_non_null(found->value);
        assert_string_equal(found->value, value);
    }
    int committed = (int)set->count;
    answer_set_free(set);
    store_close(s);
    assert_integrity_ok(db);
    return committed;
}

static void test_crash_keeps_committed_answers(void **state)
{
    fixture *f = *state;
    const struct {
        const char *period;
        int batch;
        int kill_after;
    } rounds[] = {
        {"2026-01", 1, 1},
        {"2026-02", 1, 200},
        {"2026-03", 1, 613},
        {"2026-04", CRASH_BATCH, 300},   /* explicit transactions: all or nothing */
    };
    int committed[4];
    for (int r = 0; r < 4; r++)
        committed[r] = crash_round(f->db, rounds[r].period, r, rounds[r].batch, rounds[r].kill_after);
    /* the earlier rounds are untouched by the later kills */
    store *s = NULL;
    assert_int_equal(store_open(f->db, &s, NULL), 0);
    for (int r = 0; r < 4; r++) {
        assessment *a = NULL;
        assert_int_equal(store_assessment_find(s, "U1", PROFILE_MONTHLY, rounds[r].period, &a, NULL), 0);
        assert_non_null(a);
        answer_set *set = load(s, a->id);
        assert_int_equal(set->count, committed[r]);
        char value[128];
        crash_value(value, sizeof value, r, committed[r] - 1);
        char item_id[32];
        snprintf(item_id, sizeof item_id, "item-%07d", committed[r] - 1);
        assert_string_equal(answer_set_find(set, "crash", item_id, "")->value, value);
        answer_set_free(set);
        assessment_free(a);
    }
    store_close(s);
    assert_integrity_ok(f->db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_open_creates_schema, setup, teardown),
        cmocka_unit_test_setup_teardown(test_new_store_is_private, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_is_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_a_database_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_systems, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_assessment_open_once, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_assessment_systems_snapshot, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_change_needs_its_system, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_answer_fields, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_answer_set_find, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_rollback, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_transaction_commit, setup_open, teardown),
        cmocka_unit_test_setup_teardown(test_crash_keeps_committed_answers, setup, teardown),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
