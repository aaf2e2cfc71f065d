/* test_alloc.c: the core under allocation failure, in the manner of SQLite's
 * malloc tests. Each scenario (loading the checklists, reading and writing
 * the settings, the answer store, a session that answers and scores and the
 * percentage of the stored assessment, reading an answer sheet and CSV,
 * writing a signed report in both formats and verifying and reading both
 * back) is run once to count its allocations, then again for N = 1, 2, ...
 * with the Nth allocation failing, until a run completes without reaching
 * N. Every run that met the failure must return an error (and not crash),
 * and every run must free all it allocated, through the allocator it came
 * from (memory of the wraps freed by another library's free is reported at
 * the allocation that made it).
 *
 * How allocations are made to fail: this binary is linked with
 * -Wl,--wrap for malloc, calloc, realloc, free, strdup, strndup, asprintf,
 * vasprintf and realpath (tests/CMakeLists.txt), which reroutes those calls
 * made by the core library and this file (not those inside other shared
 * libraries) through the __wrap_ functions below; SQLite's own allocations
 * come here through sqlite3_config(SQLITE_CONFIG_MALLOC). The real functions
 * are still the sanitizer's, so this runs under ASan as well. Memory that
 * iniparser, libcsv and the C library allocate for themselves is not
 * failed here. Large counts are sampled (every allocation up to SAMPLE_ALL,
 * then about SAMPLE_RUNS more spread over the rest) to keep the test fast. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "checklist.h"
#include "config.h"
#include "csvfile.h"
#include "fsutil.h"
#include "report.h"
#include "report_read.h"
#include "session.h"
#include "sign.h"
#include "sheet.h"
#include "sheet_import.h"
#include "store.h"
#include "testutil.h"

#define SAMPLE_ALL 200
#define SAMPLE_RUNS 200

/* ---- the failing allocator ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t count, size_t n);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
int __real_vasprintf(char **out, const char *fmt, va_list ap);
char *__real_realpath(const char *path, char *resolved);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t count, size_t n);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
int __wrap_asprintf(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int __wrap_vasprintf(char **out, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
char *__wrap_realpath(const char *path, char *resolved);

static bool armed;         /* count (and fail) only inside a scenario */
static long calls;         /* allocations counted since armed */
static long fail_at;       /* the allocation that fails; 0: none */
static bool injected;      /* whether it was reached */
static bool injected_sql;  /* ... and it was one of SQLite's */
static long trace_at;      /* TEST_ALLOC_TRACE=N: abort at allocation N, for a debugger */

/* The live allocations made through the wraps: an open-addressing set of
 * pointers (backward-shift deletion), with the number of the allocation that
 * made each, in static memory so that keeping it allocates nothing. */
#define LIVE_SLOTS (1u << 18)
static uintptr_t live[LIVE_SLOTS];
static long live_call[LIVE_SLOTS];
static size_t live_count;

/* A pointer handed out again while the set still holds it: it was freed
 * where the wraps do not see it (by another allocator's free, such as
 * OpenSSL's OPENSSL_free inside libcrypto), so the count of live
 * allocations is wrong from then on and a later leak is blamed on whatever
 * reuses the address. The first such is kept and fails the run. */
static long reused_call;   /* the allocation whose memory was freed unseen; 0: none */

static size_t slot_of(uintptr_t p)
{
    return (size_t)((p >> 4) * 2654435761u) & (LIVE_SLOTS - 1);
}

static void live_add(void *ptr)
{
    if (ptr == NULL)
        return;
    if (live_count + 1 >= LIVE_SLOTS / 2) {
        fprintf(stderr, "test_alloc: too many live allocations\n");
        abort();
    }
    uintptr_t p = (uintptr_t)ptr;
    size_t i = slot_of(p);
    while (live[i] != 0) {
        if (live[i] == p) {
            if (reused_call == 0)
                reused_call = live_call[i] > 0 ? live_call[i] : -1;
            live_call[i] = armed ? calls : 0;   /* the same memory, now this allocation's */
            return;
        }
        i = (i + 1) & (LIVE_SLOTS - 1);
    }
    live[i] = p;
    live_call[i] = armed ? calls : 0;
    live_count++;
}

static void live_remove(void *ptr)
{
    uintptr_t p = (uintptr_t)ptr;
    size_t i = slot_of(p);
    while (live[i] != 0 && live[i] != p)
        i = (i + 1) & (LIVE_SLOTS - 1);
    if (live[i] == 0)
        return;   /* allocated where we do not see it (inside a library) */
    live[i] = 0;
    live_count--;
    /* shift back the entries that probed past the freed slot */
    size_t j = i;
    for (;;) {
        j = (j + 1) & (LIVE_SLOTS - 1);
        if (live[j] == 0)
            break;
        size_t home = slot_of(live[j]);
        bool between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (!between) {
            live[i] = live[j];
            live_call[i] = live_call[j];
            live[j] = 0;
            i = j;
        }
    }
}

/* Whether this allocation is to fail. */
static bool should_fail(void)
{
    if (!armed)
        return false;
    calls++;
    if (trace_at != 0 && calls == trace_at && fail_at == trace_at)
        abort();
    if (fail_at != 0 && calls == fail_at) {
        injected = true;
        return true;
    }
    return false;
}

void *__wrap_malloc(size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __real_malloc(n);
    live_add(p);
    return p;
}

void *__wrap_calloc(size_t count, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    void *p = __real_calloc(count, n);
    live_add(p);
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;   /* p is left as it was, as realloc does */
    }
    void *q = __real_realloc(p, n);
    if (q != NULL) {
        if (p != NULL)
            live_remove(p);
        live_add(q);
    }
    return q;
}

void __wrap_free(void *p)
{
    if (p != NULL)
        live_remove(p);
    __real_free(p);
}

char *__wrap_strdup(const char *s)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    char *p = __real_strdup(s);
    live_add(p);
    return p;
}

char *__wrap_strndup(const char *s, size_t n)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    char *p = __real_strndup(s, n);
    live_add(p);
    return p;
}

int __wrap_vasprintf(char **out, const char *fmt, va_list ap)
{
    if (should_fail()) {
        errno = ENOMEM;
        return -1;
    }
    int n = __real_vasprintf(out, fmt, ap);
    if (n >= 0)
        live_add(*out);
    return n;
}

int __wrap_asprintf(char **out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = __wrap_vasprintf(out, fmt, ap);
    va_end(ap);
    return n;
}

char *__wrap_realpath(const char *path, char *resolved)
{
    if (resolved == NULL && should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    char *p = __real_realpath(path, resolved);
    if (resolved == NULL)
        live_add(p);
    return p;
}

/* SQLite's allocator: the same counter, with the size kept in front. */
#define SQL_HEADER 16

static void *sql_malloc(int n)
{
    if (should_fail()) {
        injected_sql = true;
        return NULL;
    }
    unsigned char *p = __real_malloc((size_t)n + SQL_HEADER);
    if (p == NULL)
        return NULL;
    memcpy(p, &n, sizeof n);
    live_add(p);
    return p + SQL_HEADER;
}

static void sql_free(void *q)
{
    if (q == NULL)
        return;
    unsigned char *p = (unsigned char *)q - SQL_HEADER;
    live_remove(p);
    __real_free(p);
}

static int sql_size(void *q)
{
    int n;
    memcpy(&n, (unsigned char *)q - SQL_HEADER, sizeof n);
    return n;
}

static void *sql_realloc(void *q, int n)
{
    if (should_fail()) {
        injected_sql = true;
        return NULL;
    }
    unsigned char *old = (unsigned char *)q - SQL_HEADER;
    unsigned char *p = __real_realloc(old, (size_t)n + SQL_HEADER);
    if (p == NULL)
        return NULL;
    live_remove(old);
    memcpy(p, &n, sizeof n);
    live_add(p);
    return p + SQL_HEADER;
}

static int sql_roundup(int n)
{
    return (n + 7) & ~7;
}

static int sql_init(void *data)
{
    (void)data;
    return SQLITE_OK;
}

static void sql_shutdown(void *data)
{
    (void)data;
}

static const sqlite3_mem_methods sql_methods = {sql_malloc, sql_free, sql_realloc, sql_size,
                                                sql_roundup, sql_init, sql_shutdown, NULL};

/* ---- the driver ---- */

typedef struct scenario {
    const char *name;
    int (*prepare)(void);   /* before each run, not counted; may be NULL */
    int (*run)(void);       /* 0 on success; frees all it made either way */
    bool refuses;           /* the input is bad: every run must fail */
} scenario;

static char *work;          /* a temporary folder for the scenarios' files */

static int run_once(const scenario *sc, long n, bool *met)
{
    if (sc->prepare != NULL && sc->prepare() != 0)
        fail_msg("%s: preparing failed", sc->name);
    size_t before = live_count;
    calls = 0;
    fail_at = n;
    injected = injected_sql = false;
    if (getenv("TEST_ALLOC_VERBOSE"))
        fprintf(stderr, "%s: n=%ld\n", sc->name, n);
    armed = true;
    int rc = sc->run();
    armed = false;
    *met = injected;
    if (reused_call != 0) {
        long first = reused_call;
        reused_call = 0;
        fail_msg("%s: with allocation %ld failing, the memory of allocation %ld (-1: made before the run) was "
                 "freed by a free the wraps do not see (another allocator's?)",
                 sc->name, n, first);
    }
    if (live_count != before)
        fail_msg("%s: with allocation %ld failing, %zu allocation(s) were not freed", sc->name, n,
                 live_count - before);
    return rc;
}

static void drive(const scenario *sc)
{
    bool met;
    /* a first run leaves behind what is made once per process (SQLite's
     * static state, the C locale of number.h); the next one counts */
    if (sc->prepare != NULL && sc->prepare() != 0)
        fail_msg("%s: preparing failed", sc->name);
    armed = true;
    fail_at = 0;
    int rc0 = sc->run();
    armed = false;
    if ((rc0 != 0) != sc->refuses || (run_once(sc, 0, &met) != 0) != sc->refuses)
        fail_msg("%s %s without any allocation failing", sc->name, sc->refuses ? "succeeds" : "fails");
    long total = calls;
    long step = total > SAMPLE_ALL ? (total - SAMPLE_ALL) / SAMPLE_RUNS + 1 : 1;
    long runs = 0;
    for (long n = 1;; n += n < SAMPLE_ALL ? 1 : step) {
        int rc = run_once(sc, n, &met);
        runs++;
        if (!met) {
            /* past the last allocation: the run is the complete one */
            if ((rc != 0) != sc->refuses)
                fail_msg("%s: wrong result with no allocation failing (n=%ld)", sc->name, n);
            break;
        }
        /* SQLite absorbs some failures itself (its "benign" allocations:
         * caches, hash tables); a run whose own checks then pass is fine */
        if (rc == 0 && (sc->refuses || !injected_sql))
            fail_msg("%s: succeeded although allocation %ld of %ld failed", sc->name, n, total);
    }
    print_message("%s: %ld allocations, %ld runs\n", sc->name, total, runs);
}

/* -- the checklists -- */

static int run_loader(void)
{
    const char *paths[] = {SOURCE_DIR "/checklists"};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &set, &diags);
    diag_list_clear(&diags);
    checklist_set_free(set);
    return rc;
}

/* Checklists with problems: refused, also short of memory. */
static int run_loader_problems(void)
{
    const char *paths[] = {FIXTURES_DIR "/bad"};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &set, &diags);
    if (rc == 0 && set == NULL)
        rc = -1;
    diag_list_clear(&diags);
    checklist_set_free(set);
    return rc;
}

/* -- the settings -- */

static char *config_path, *config_copy;

static int prepare_config(void)
{
    unlink(config_copy);
    return 0;
}

static int run_config(void)
{
    config *c = NULL;
    char *err = NULL;
    int rc = config_load(config_path, &c, &err);
    if (rc == 0)
        rc = config_save(c, config_copy, &err);
    if (rc == 0)
        rc = config_save_lang(c, "en", NULL, &err);
    free(err);
    config_free(c);
    return rc;
}

/* -- the store -- */

static char *db_path;

static int prepare_store(void)
{
    char *wal = NULL, *shm = NULL;
    if (asprintf(&wal, "%s-wal", db_path) < 0 || asprintf(&shm, "%s-shm", db_path) < 0)
        return -1;
    unlink(db_path);
    unlink(wal);
    unlink(shm);
    free(wal);
    free(shm);
    return 0;
}

static int run_store(void)
{
    store *s = NULL;
    char *err = NULL;
    assessment *a = NULL;
    answer_set *answers = NULL;
    system_info *systems = NULL;
    size_t count = 0, answered = 0;
    int rc = store_open(db_path, &s, &err);
    if (rc == 0)
        rc = store_system_add(s, "oa", "办公自动化系统", &err);
    if (rc == 0)
        rc = store_systems_list(s, &systems, &count, &err);
    if (rc == 0)
        rc = store_assessment_open(s, "4401-hb", PROFILE_MONTHLY, "2026-11", "张三", &a, &err);
    if (rc == 0)
        rc = store_answer_put(s, a->id, "example", "backup-daily", "oa", ANSWER_FIELD_VALUE, "yes", "2026-11-03T10:00:00", &err);
    if (rc == 0)
        rc = store_answer_put(s, a->id, "example", "backup-daily", "oa", ANSWER_FIELD_NOTE, "每天", "2026-11-03T10:00:00", &err);
    if (rc == 0)
        rc = store_answers_load(s, a->id, &answers, &err);
    if (rc == 0)
        rc = store_answered_count(s, a->id, &answered, &err);
    if (rc == 0 && answered != 1)
        rc = -1;
    answer_set_free(answers);
    assessment_free(a);
    system_info_free_array(systems, count);
    store_close(s);
    free(err);
    return rc;
}

/* -- a session: open, answer, score -- */

/* The half-year session of example.ini on the scenario's store. */
static int open_session(session **s, char **err)
{
    const char *paths[] = {FIXTURES_DIR "/example.ini"};
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    int rc = checklist_set_load(paths, 1, &set, &diags);
    diag_list_clear(&diags);
    if (rc != 0)
        return rc;
    config *cfg = config_defaults();
    if (cfg == NULL) {
        checklist_set_free(set);
        return -1;
    }
    char *code = strdup("4401-hb");
    if (code == NULL) {
        config_free(cfg);
        checklist_set_free(set);
        return -1;
    }
    free(cfg->unit_code);
    cfg->unit_code = code;
    return session_open(cfg, set, db_path, PROFILE_HALFYEAR, "2026-H2", s, err);
}

static int run_session(void)
{
    session *s = NULL;
    char *err = NULL;
    int rc = open_session(&s, &err);
    long freq = rc == 0 ? plan_find(s->plan, "example", "backup-frequency", "") : -1;
    long age = rc == 0 ? plan_find(s->plan, "example", "av-signature-age", "") : -1;
    if (rc == 0 && (freq < 0 || age < 0))
        rc = -1;
    if (rc == 0)
        rc = session_set(s, (size_t)freq, ANSWER_FIELD_VALUE, "每周", &err);
    if (rc == 0)
        rc = session_set(s, (size_t)age, ANSWER_FIELD_VALUE, "45", &err);
    if (rc == 0)
        rc = session_set(s, (size_t)age, ANSWER_FIELD_OWNER, "李四", &err);
    if (rc == 0)
        rc = session_refresh(s, &err);
    if (rc == 0 && (s->score == NULL || s->score->count == 0))
        rc = -1;
    /* the stored assessment scored afresh gives the session's percentage */
    score_stored stored = {-1, NULL, VERDICT_PASS, 99, 0, 0};
    if (rc == 0)
        rc = score_stored_percent(s->store, s->db_path, s->set, s->cfg, s->assessment, &stored, &err);
    if (rc == 0 && (stored.percent != s->score->percent || stored.grade != s->score->grade ||
                    stored.verdict != s->score->verdict || stored.critical_failures != s->score->critical_failures))
        rc = -1;
    if (rc != 0 && fail_at == 0 && err != NULL)
        fprintf(stderr, "session: %s\n", err);
    session_free(s);
    free(err);
    return rc;
}

/* -- a filled sheet recorded into a session -- */

static char *import_path;

static int prepare_sheet_import(void)
{
    if (prepare_store() != 0)
        return -1;
    FILE *out = fopen(import_path, "wb");
    if (out == NULL)
        return -1;
    fputs("\xEF\xBB\xBF\"答题表\",\"profile=halfyear\",\"period=2026-H2\"\r\n"
          "checklist_id,item_id,system,answer,note,remediation_owner,remediation_due\r\n"
          "example,backup-frequency,,每日,1.10101199001011E+17,,\r\n"
          "example,av-signature-age,,１８０天,,李四,2026年12月1日\r\n"
          "example,backup-notes,,异地备份,,,\r\n"
          ",,,,,,\r\n",
          out);
    return fclose(out) == 0 ? 0 : -1;
}

static int run_sheet_import(void)
{
    session *s = NULL;
    sheet *sh = NULL;
    char *err = NULL;
    diag_list problems, warnings;
    diag_list_init(&problems);
    diag_list_init(&warnings);
    int rc = open_session(&s, &err);
    if (rc == 0)
        rc = sheet_read(import_path, &sh, &err);
    const char *p = NULL, *period = NULL;
    if (rc == 0 && sheet_import_target(sh, import_path, NULL, NULL, &p, &period, &err) != SHEET_IMPORT_OK)
        rc = -1;
    if (rc == 0 && strcmp(period, s->assessment->period) != 0)
        rc = -1;
    size_t recorded = 0;
    if (rc == 0 && sheet_import(s, sh, import_path, &problems, &warnings, &recorded, &err) != SHEET_IMPORT_OK)
        rc = -1;
    if (rc == 0 && (recorded != 3 || warnings.count != 1 || problems.count != 0))
        rc = -1;
    if (rc != 0 && fail_at == 0)
        fprintf(stderr, "sheet import: %s\n", err ? err : problems.count ? problems.items[0].message : "?");
    diag_list_clear(&problems);
    diag_list_clear(&warnings);
    sheet_free(sh);
    session_free(s);
    free(err);
    return rc;
}

/* -- CSV: an answer sheet and the CSV module itself -- */

static int run_sheet(void)
{
    sheet *sh = NULL;
    char *err = NULL;
    int rc = sheet_read(FIXTURES_DIR "/worked-example-sheet.csv", &sh, &err);
    if (rc == 0 && sh->count == 0)
        rc = -1;
    sheet_free(sh);
    free(err);
    if (rc != 0)
        return rc;
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, CSVFILE_BOM);
    for (int i = 0; i < 40; i++) {
        char *g = csvfile_guard(i % 3 ? "=1+2" : "中文,\"引号\"\n第二行");
        if (g == NULL)
            b.failed = 1;
        csvfile_buffer_field(&b, g, i % 4 == 3);
        free(g);
    }
    if (b.failed) {
        free(b.data);
        return -1;
    }
    csvfile_table *t = NULL;
    csvfile_status st = csvfile_parse(b.data, b.len, 0, &t, NULL, &err);
    free(b.data);
    free(err);
    if (st != CSVFILE_OK)
        return -1;
    rc = t->count == 10 ? 0 : -1;
    csvfile_table_free(t);
    return rc;
}

/* -- a signed report written in both formats, then read and verified back -- */

static char *report_dir, *key_prefix, *key_path, *pub_path;

static int prepare_report(void)
{
    if (prepare_store() != 0)
        return -1;
    testutil_rmtree(report_dir);
    if (fsutil_mkdir_p(report_dir, NULL) != 0)
        return -1;
    if (access(key_path, F_OK) == 0)
        return 0;
    char *id = NULL;
    sign_status st = sign_keygen(SIGN_ALGO_ED25519, key_prefix, NULL, &id, NULL);
    free(id);
    return st == SIGN_OK ? 0 : -1;
}

/* Reads the report at path back, verified with the unit's public key; its
 * items are counted into *items, or compared with *items when non-zero (the
 * two formats hold the same items). */
static int read_back(const char *path, size_t *items)
{
    report_verification v;
    char *err = NULL;
    report_verify_status st = report_verify(path, pub_path, NULL, &v, &err);
    int rc = st == REPORT_VERIFY_OK && v.doc->item_count > 0 && strcmp(v.doc->unit_code, "4401-hb") == 0 ? 0 : -1;
    if (rc == 0 && *items != 0 && v.doc->item_count != *items)
        rc = -1;
    if (rc == 0)
        *items = v.doc->item_count;
    report_verification_clear(&v);
    free(err);
    return rc;
}

static int run_report(void)
{
    session *s = NULL;
    char *err = NULL;
    report_result result = {0};
    int rc = open_session(&s, &err);
    long freq = rc == 0 ? plan_find(s->plan, "example", "backup-frequency", "") : -1;
    if (rc == 0 && freq < 0)
        rc = -1;
    if (rc == 0)
        rc = session_set(s, (size_t)freq, ANSWER_FIELD_VALUE, "每周", &err);
    if (rc == 0)
        rc = session_refresh(s, &err);
    report_options opts = {.out_dir = report_dir, .write_csv = true, .write_sqlite = true,
                           .allow_incomplete = true, .key_path = key_path};
    if (rc == 0 && report_write(s, &opts, &result, &err) != REPORT_OK)
        rc = -1;
    if (rc == 0 && (result.csv_path == NULL || result.sqlite_path == NULL))
        rc = -1;
    size_t items = 0;
    if (rc == 0)
        rc = read_back(result.csv_path, &items);
    if (rc == 0)
        rc = read_back(result.sqlite_path, &items);
    if (rc != 0 && fail_at == 0 && err != NULL)
        fprintf(stderr, "report: %s\n", err);
    report_result_clear(&result);
    session_free(s);
    free(err);
    return rc;
}

static scenario scenarios[] = {
    {"loader", NULL, run_loader, false},
    {"loader with problems", NULL, run_loader_problems, true},
    {"config", prepare_config, run_config, false},
    {"store", prepare_store, run_store, false},
    {"session", prepare_store, run_session, false},
    {"sheet", NULL, run_sheet, false},
    {"sheet import", prepare_sheet_import, run_sheet_import, false},
    {"report", prepare_report, run_report, false},
};

static void test_scenario(void **state)
{
    const scenario *sc = *state;
    const char *only = getenv("TEST_ALLOC_ONLY");   /* to debug one scenario */
    if (only == NULL || strcmp(only, sc->name) == 0)
        drive(sc);
}

int main(void)
{
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &sql_methods) != SQLITE_OK) {
        fprintf(stderr, "sqlite3_config failed\n");
        return 1;
    }
    const char *trace = getenv("TEST_ALLOC_TRACE");
    trace_at = trace ? atol(trace) : 0;
    work = testutil_tempdir();
    if (work == NULL)
        return 1;
    setenv("SELFCHECK_NOW", "2026-11-03T10:00:00", 1);
    setenv("XDG_DATA_HOME", work, 1);
    setenv("XDG_CONFIG_HOME", work, 1);
    config_path = fsutil_join(work, "selfcheck.ini");
    config_copy = fsutil_join(work, "copy/selfcheck.ini");
    db_path = fsutil_join(work, "answers.db");
    import_path = fsutil_join(work, "import.csv");
    report_dir = fsutil_join(work, "reports");
    key_prefix = fsutil_join(work, "unit");
    key_path = fsutil_join(work, "unit.key");
    pub_path = fsutil_join(work, "unit.pub");
    char *written = testutil_write(work, "selfcheck.ini",
                                   "[unit]\ncode = 4401-hb\nname = 示例局\nassessor = 张三\n"
                                   "[paths]\nchecklists = " FIXTURES_DIR "/example.ini\n"
                                   "[ui]\nlang = zh\n"
                                   "[grades]\npass_mark = 62.5\nexcellent = 90, 优秀, Excellent\n"
                                   "good = 75, 良好, Good\nfair = 60, 合格, Fair\npoor = 0, 不合格, Poor\n"
                                   "[schedule]\nmonthly_due_day = 20\nremediation_days = 30\n");
    if (written == NULL)
        return 1;
    free(written);
    struct CMUnitTest tests[sizeof scenarios / sizeof scenarios[0]];
    for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
        tests[i] = (struct CMUnitTest){scenarios[i].name, test_scenario, NULL, NULL, &scenarios[i]};
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    testutil_rmtree(work);
    free(work);
    free(config_path);
    free(config_copy);
    free(db_path);
    free(import_path);
    free(report_dir);
    free(key_prefix);
    free(key_path);
    free(pub_path);
    return failed;
}
