/* test_report.c: cmocka tests of the signed report (report.h, report_read.h,
 * report_keys.h).
 *
 * Each test builds a real assessment from tests/fixtures/report-basic.ini in
 * its own temporary folder, writes the report, and checks the files from
 * outside the module where it can: the CSV with libcsv directly, the
 * database with SQLite (and the sqlite3 command), the signatures with the
 * openssl command, so that writer and reader cannot pass by agreeing with
 * each other. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <sqlite3.h>

#include "checklist_digest.h"
#include "config.h"
#include "fsutil.h"
#include "report.h"
#include "report_keys.h"
#include "printable.h"
#include "report_read.h"
#include "trust.h"
#include "session.h"
#include "sign.h"
#include "testutil.h"

#define CHECKLIST "report-basic"
#define FIXTURE FIXTURES_DIR "/report-basic.ini"
#define SM2_OPTS " -digest sm3 -pkeyopt distid:1234567812345678"
#define ASKED 8   /* instances of the fixture asked once hosted = no */

/* Notes and owners that a spreadsheet would run as formulas, or that CSV
 * must quote: each instance of the fixture gets one. (A lone CR, or a line
 * break or tab in an owner, cannot be recorded: record_limits.h; the guard
 * of such cells is checked on its own below.) */
typedef struct tricky {
    const char *item, *system, *value, *note, *owner;
} tricky;

static const tricky answers[] = {
    {"backup-daily", "oa", "yes", "=SUM(A1:A9)", "王五"},
    {"backup-daily", "web", "partial", "+86 010-12345678", "@王五"},
    {"firewall-on", "", "yes", "-1 条例外规则", ""},
    {"av-frequency", "", "weekly", "每周五更新，另有\"增量\"更新, 异地\r\n第二行\n第三行", "-张三"},
    {"log-days", "", "200", "'已核对", "''两个引号"},
    {"last-drill", "", "2026-03-01", "\r\n换行开头", "=1+2 开头"},
    {"hosted", "", "no", "普通说明, with a comma", "李四"},
    {"remarks", "", "第一行\n第二行, 含逗号和\"引号\"", "", ""},
};
#define ANSWER_COUNT (sizeof answers / sizeof answers[0])

typedef struct fx {
    char *dir;       /* the test's folder */
    char *db;        /* DIR/selfcheck.db */
    char *out;       /* DIR/out: where reports go */
    char *keys;      /* DIR/keys */
    session *s;
} fx;

static char *join(const char *a, const char *b)
{
    char *p = fsutil_join(a, b);
    assert_non_null(p);
    return p;
}

static char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *out = NULL;
    assert_true(vasprintf(&out, format, ap) >= 0);
    va_end(ap);
    return out;
}

static session *open_session(const fx *f, const char *unit_code)
{
    if (!fsutil_exists(f->db)) {
        store *st = NULL;
        assert_int_equal(store_open(f->db, &st, NULL), 0);
        assert_int_equal(store_system_add(st, "oa", "办公自动化系统", NULL), 0);
        assert_int_equal(store_system_add(st, "web", "门户网站", NULL), 0);
        store_close(st);
    }
    config *cfg = config_defaults();
    assert_non_null(cfg);
    free(cfg->unit_code);
    free(cfg->unit_name);
    free(cfg->assessor);
    cfg->unit_code = strdup(unit_code);
    cfg->unit_name = strdup("某某市\"信息\"中心, 第一科");
    cfg->assessor = strdup("张三");
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set = NULL;
    const char *paths[] = {FIXTURE};
    assert_int_equal(checklist_set_load(paths, 1, &set, &diags), 0);
    diag_list_clear(&diags);
    session *s = NULL;
    char *err = NULL;
    if (session_open(cfg, set, f->db, PROFILE_MONTHLY, NULL, &s, &err) != 0)
        fail_msg("session_open: %s", err);
    return s;
}

static void set_field(session *s, const char *item_id, const char *system, answer_field field, const char *text)
{
    long i = plan_find(s->plan, CHECKLIST, item_id, system);
    assert_true(i >= 0);
    char *err = NULL;
    if (session_set(s, (size_t)i, field, text, &err) != 0)
        fail_msg("session_set %s/%s: %s", item_id, system, err);
}

/* Answers the first `count` instances of the table (all: a complete one). */
static void answer_some(session *s, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const tricky *t = &answers[i];
        set_field(s, t->item, t->system, ANSWER_FIELD_VALUE, t->value);
        set_field(s, t->item, t->system, ANSWER_FIELD_NOTE, t->note);
        set_field(s, t->item, t->system, ANSWER_FIELD_OWNER, t->owner);
    }
}

static int fx_setup(void **state)
{
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    fx *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    if (f->dir == NULL)
        return -1;
    f->db = fsutil_join(f->dir, "selfcheck.db");
    f->out = fsutil_join(f->dir, "out");
    f->keys = fsutil_join(f->dir, "keys");
    if (mkdir(f->out, 0700) != 0 || mkdir(f->keys, 0700) != 0)
        return -1;
    *state = f;
    return 0;
}

static int fx_teardown(void **state)
{
    fx *f = *state;
    session_free(f->s);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->db);
    free(f->out);
    free(f->keys);
    free(f);
    return 0;
}

/* A completed assessment of unit UNIT-A. */
static int fx_setup_complete(void **state)
{
    if (fx_setup(state) != 0)
        return -1;
    fx *f = *state;
    f->s = open_session(f, "UNIT-A");
    answer_some(f->s, ANSWER_COUNT);
    return f->s->score->complete ? 0 : -1;
}

/* KEYS/NAME.key and .pub; returns the private key path (caller frees). */
static char *make_key(const fx *f, sign_algo algo, const char *name, const char *passphrase)
{
    char *prefix = join(f->keys, name);
    char *id = NULL, *err = NULL;
    if (sign_keygen(algo, prefix, passphrase, &id, &err) != SIGN_OK)
        fail_msg("keygen: %s", err);
    free(id);
    char *path = fmt("%s.key", prefix);
    free(prefix);
    return path;
}

static report_status write_report(const fx *f, const char *out_dir, const char *key, const char *pass,
                                  bool csv, bool sqlite, bool allow_incomplete, report_result *res,
                                  char **err)
{
    report_options o = {.out_dir = out_dir, .write_csv = csv, .write_sqlite = sqlite,
                        .allow_incomplete = allow_incomplete, .key_path = key, .passphrase = pass};
    return report_write(f->s, &o, res, err);
}

static void write_ok(const fx *f, const char *out_dir, const char *key, bool csv, bool sqlite,
                     report_result *res)
{
    char *err = NULL;
    report_status st = write_report(f, out_dir, key, NULL, csv, sqlite, false, res, &err);
    if (st != REPORT_OK)
        fail_msg("report_write: %d %s", st, err);
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* noinline: inlined, gcc -O2 takes pointers into the file's text for
 * pointers to read_all's local `data` (-Wdangling-pointer, a false alarm
 * that fails the Release build). */
__attribute__((noinline)) static char *read_all(const char *path, size_t *len)
{
    char *data = NULL;
    char *err = NULL;
    if (fsutil_read_file(path, 1u << 26, &data, len, &err) != 0)
        fail_msg("%s", err);
    return data;
}

static void write_all(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = read_all(from, &len);
    write_all(to, data, len);
    free(data);
}

/* Runs a shell command; returns its output, stdout and stderr (caller frees). */
static char *run_command(const char *command)
{
    char *full = fmt("%s 2>&1", command);
    FILE *p = popen(full, "r");
    free(full);
    assert_non_null(p);
    size_t cap = 4096, used = 0, n;
    char *out = malloc(cap);
    assert_non_null(out);
    while ((n = fread(out + used, 1, cap - used - 1, p)) > 0) {
        used += n;
        if (used + 1 == cap) {
            cap *= 2;
            out = realloc(out, cap);
            assert_non_null(out);
        }
    }
    out[used] = '\0';
    pclose(p);
    return out;
}

static bool have_command(const char *name)
{
    char *cmd = fmt("command -v %s >/dev/null 2>&1", name);
    bool ok = system(cmd) == 0;
    free(cmd);
    return ok;
}

/* The stock openssl command checks FILE against FILE.sig. */
static void assert_openssl_verifies(const char *pub, const char *file, sign_algo algo)
{
    if (!have_command("openssl"))
        return;
    char *cmd = fmt("openssl pkeyutl -verify -pubin -inkey '%s' -rawin -in '%s' -sigfile '%s.sig'%s", pub, file,
                    file, algo == SIGN_ALGO_SM2 ? SM2_OPTS : "");
    char *out = run_command(cmd);
    if (strstr(out, "Signature Verified Successfully") == NULL)
        fail_msg("%s\n%s", cmd, out);
    free(out);
    free(cmd);
}

/* ---- CSV read with libcsv directly ---- */

typedef struct raw_csv {
    char *cells[64][REPORT_COL_COUNT + 1];
    size_t sizes[64];
    size_t rows, field;
    bool overflow;
} raw_csv;

static void raw_field(void *data, size_t len, void *ctx)
{
    raw_csv *r = ctx;
    if (r->rows >= 64 || r->field > REPORT_COL_COUNT) {
        r->overflow = true;
        return;
    }
    char *s = malloc(len + 1);
    memcpy(s, data ? data : "", len);
    s[len] = '\0';
    r->cells[r->rows][r->field++] = s;
}

static void raw_row(int c, void *ctx)
{
    (void)c;
    raw_csv *r = ctx;
    if (r->rows < 64)
        r->sizes[r->rows++] = r->field;
    r->field = 0;
}

static raw_csv *raw_parse(const char *path)
{
    size_t len;
    char *data = read_all(path, &len);
    assert_true(len > 3);
    assert_memory_equal(data, "\xEF\xBB\xBF", 3);
    raw_csv *r = calloc(1, sizeof *r);
    struct csv_parser p;
    assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL), 0);
    assert_int_equal(csv_parse(&p, data + 3, len - 3, raw_field, raw_row, r), len - 3);
    assert_int_equal(csv_fini(&p, raw_field, raw_row, r), 0);
    csv_free(&p);
    free(data);
    assert_false(r->overflow);
    return r;
}

static void raw_free(raw_csv *r)
{
    for (size_t i = 0; i < r->rows; i++)
        for (size_t c = 0; c < r->sizes[i]; c++)
            free(r->cells[i][c]);
    free(r);
}

/* The row of an instance, or -1. */
static long raw_find(const raw_csv *r, const char *item_id, const char *system)
{
    for (size_t i = 1; i < r->rows; i++)
        if (strcmp(r->cells[i][REPORT_COL_ITEM_ID], item_id) == 0 &&
            strcmp(r->cells[i][REPORT_COL_SYSTEM_ID], system) == 0)
            return (long)i;
    return -1;
}

static const report_item *doc_find(const report_doc *d, const char *item_id, const char *system)
{
    for (size_t i = 0; i < d->item_count; i++)
        if (strcmp(d->items[i].item_id, item_id) == 0 && strcmp(d->items[i].system_id, system) == 0)
            return &d->items[i];
    return NULL;
}

/* ---- tests ---- */

static void test_file_stem(void **state)
{
    (void)state;
    struct {
        const char *unit, *profile, *period, *expected;
    } cases[] = {
        {"4401-hb", "monthly", "2026-11", "4401-hb_monthly_2026-11"},
        {"UNIT_A", "change", "2026-11-15@oa", "UNIT_A_change_2026-11-15@oa"},
        {"../etc", "monthly", "2026-11", "___etc_monthly_2026-11"},
        {"a/b\\c", "x y", "..", "a_b_c_x_y___"},
        {"ctl\x01\x1b\n", "p", "", "ctl____p_x"},
        {"-rf", "monthly", "2026-H2", "_rf_monthly_2026-H2"},
        {"单位", "monthly", "2026-11", "_______monthly_2026-11"},
        {"", "", "", "x_x_x"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *stem = report_file_stem(cases[i].unit, cases[i].profile, cases[i].period);
        assert_non_null(stem);
        assert_string_equal(stem, cases[i].expected);
        assert_null(strchr(stem, '/'));
        assert_null(strstr(stem, ".."));
        free(stem);
    }
    char longer[300];
    memset(longer, 'u', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    char *stem = report_file_stem(longer, longer, longer);
    assert_true(strlen(stem) < 255);   /* fits NAME_MAX with ".sqlite.sig" */
    free(stem);
}

static void test_cell_guard(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"=SUM(A1)", "'=SUM(A1)"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@cmd", "'@cmd"},
        {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"\nx", "'\nx"}, {"'quoted", "''quoted"},
        {"''", "'''"}, {"'", "''"}, {"plain", "plain"}, {"", ""}, {"中文=1", "中文=1"},
        {"a'b", "a'b"}, {"2026-11-21", "2026-11-21"}, {" =1", " =1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *guarded = report_cell_neutralise(cases[i].in);
        assert_string_equal(guarded, cases[i].out);
        char *back = report_cell_restore(guarded);
        assert_string_equal(back, cases[i].in);
        free(back);
        free(guarded);
    }
    char *empty = report_cell_neutralise(NULL);
    assert_string_equal(empty, "");
    free(empty);
}

/* "Make the configured key pair": the folder of [signing] key made, the
 * algorithm and path from the settings unless given, refused kinds told
 * apart by status. */
static void test_keygen_configured(void **state)
{
    fx *f = *state;
    config *cfg = config_defaults();
    assert_non_null(cfg);
    free(cfg->signing_key);
    cfg->signing_key = fmt("%s/new/deeper/unit.key", f->dir);
    free(cfg->signing_algo);
    cfg->signing_algo = strdup("ed25519");
    report_keygen_request req = {NULL, NULL, NULL};
    report_keygen_result res;
    char *err = NULL;
    assert_int_equal(report_keygen(cfg, &req, &res, &err), REPORT_KEYGEN_OK);
    assert_int_equal(res.algo, SIGN_ALGO_ED25519);
    char *want = fmt("%s/new/deeper/unit", f->dir);
    assert_string_equal(res.prefix, want);
    free(want);
    sign_key *key = NULL;
    assert_int_equal(sign_key_load_private(cfg->signing_key, NULL, &key, NULL), SIGN_OK);
    char *id = sign_key_id(key);
    assert_string_equal(id, res.key_id);
    free(id);
    sign_key_free(key);
    report_keygen_result_clear(&res);
    /* again: the pair exists, and sign_keygen's status says so */
    assert_int_equal(report_keygen(cfg, &req, &res, &err), REPORT_KEYGEN_ERR_KEY);
    assert_int_equal(res.sign, SIGN_ERR_EXISTS);
    report_keygen_result_clear(&res);
    free(err);
    err = NULL;
    /* given algorithm, prefix and passphrase win over the settings */
    char *prefix = fmt("%s/given", f->dir);
    report_keygen_request given = {"sm2", prefix, "口令"};
    assert_int_equal(report_keygen(cfg, &given, &res, &err), REPORT_KEYGEN_OK);
    assert_int_equal(res.algo, SIGN_ALGO_SM2);
    char *path = fmt("%s.key", prefix);
    assert_int_equal(sign_key_load_private(path, NULL, &key, NULL), SIGN_ERR_PASSPHRASE);
    assert_int_equal(sign_key_load_private(path, "口令", &key, NULL), SIGN_OK);
    sign_key_free(key);
    free(path);
    report_keygen_result_clear(&res);
    /* no settings needed when both are given */
    free(prefix);
    prefix = fmt("%s/bare", f->dir);
    report_keygen_request bare = {"ed25519", prefix, NULL};
    assert_int_equal(report_keygen(NULL, &bare, &res, &err), REPORT_KEYGEN_OK);
    report_keygen_result_clear(&res);
    free(prefix);
    report_keygen_request bad_algo = {"rsa", NULL, NULL};
    assert_int_equal(report_keygen(cfg, &bad_algo, &res, &err), REPORT_KEYGEN_ERR_ALGO);
    assert_non_null(strstr(err, "rsa"));
    free(err);
    err = NULL;
    report_keygen_result_clear(&res);
    /* a [signing] key report would not find under the pair's name */
    free(cfg->signing_key);
    cfg->signing_key = fmt("%s/unit.pem", f->dir);
    assert_int_equal(report_keygen(cfg, &req, &res, &err), REPORT_KEYGEN_ERR_PATH);
    assert_null(res.prefix);
    free(err);
    config_free(cfg);
}

static void test_key_helpers(void **state)
{
    fx *f = *state;
    char *p = report_key_prefix("/a/unit.key");
    assert_string_equal(p, "/a/unit");
    free(p);
    p = report_key_prefix("/a/unit");
    assert_string_equal(p, "/a/unit");
    free(p);
    p = report_key_public_path("/a/unit.key");
    assert_string_equal(p, "/a/unit.pub");
    free(p);
    p = report_shell_quote("/tmp/a b/it's.csv");
    assert_string_equal(p, "'/tmp/a b/it'\\''s.csv'");
    free(p);
    p = report_shell_quote("/tmp/plain-1_x.csv");
    assert_string_equal(p, "/tmp/plain-1_x.csv");
    free(p);

    struct {
        const char *content, *expected;
    } cases[] = {{"secret\n", "secret"}, {"秘密 口令\r\nsecond line", "秘密 口令"}, {"nonl", "nonl"},
                 {"", NULL}, {"\nsecret", NULL}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = testutil_write(f->dir, "pass", cases[i].content);
        char *pass = NULL, *err = NULL;
        int rc = report_passphrase_read(path, &pass, &err);
        if (cases[i].expected) {
            assert_int_equal(rc, 0);
            assert_string_equal(pass, cases[i].expected);
        } else {
            assert_int_equal(rc, -1);
            assert_non_null(err);
            assert_null(pass);
        }
        report_passphrase_free(pass);
        free(err);
        unlink(path);
        free(path);
    }
    char *pass = NULL, *err = NULL;
    assert_int_equal(report_passphrase_read("/nonexistent/pass", &pass, &err), -1);
    assert_non_null(err);
    free(err);
}

/* The CSV: BOM, CRLF, one header, one row per asked instance, every row the
 * same width; cells read back with libcsv equal what was written, guarded. */
static void test_csv_report(void **state)
{
    fx *f = *state;
    char *key = make_key(f, SIGN_ALGO_SM2, "unit", NULL);
    report_result res;
    write_ok(f, f->out, key, true, false, &res);
    assert_non_null(res.csv_path);
    assert_null(res.sqlite_path);
    assert_int_equal(res.algo, SIGN_ALGO_SM2);
    assert_int_equal(strlen(res.key_id), 64);
    assert_int_equal(strlen(res.report_id), 36);
    char *expected_path = join(f->out, "UNIT-A_monthly_2026-11.csv");
    assert_string_equal(res.csv_path, expected_path);
    free(expected_path);
    assert_int_equal(count_entries(f->out), 3);   /* the CSV, its .sig and UNIT-A.pub, no temporaries */

    /* line ends: outside quotes every LF follows a CR, and no CR stands alone */
    size_t len;
    char *data = read_all(res.csv_path, &len);
    bool quoted = false;
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) {
        if (data[i] == '"')
            quoted = !quoted;
        else if (!quoted && data[i] == '\n') {
            assert_true(i > 0 && data[i - 1] == '\r');
            lines++;
        } else if (!quoted && data[i] == '\r')
            assert_true(i + 1 < len && data[i + 1] == '\n');
    }
    assert_false(quoted);
    assert_int_equal(lines, 1 + ASKED);
    assert_memory_equal(data + len - 2, "\r\n", 2);
    free(data);

    raw_csv *r = raw_parse(res.csv_path);
    assert_int_equal(r->rows, 1 + ASKED);
    for (size_t i = 0; i < r->rows; i++)
        assert_int_equal(r->sizes[i], REPORT_COL_COUNT);
    for (int c = 0; c < REPORT_COL_COUNT; c++)
        assert_string_equal(r->cells[0][c], report_csv_columns[c]);
    char percent[32];
    snprintf(percent, sizeof percent, "%.1f", f->s->score->percent);
    for (size_t i = 1; i < r->rows; i++) {
        char **row = r->cells[i];
        assert_string_equal(row[REPORT_COL_FORMAT_VERSION], "4");
        assert_string_equal(row[REPORT_COL_REPORT_ID], res.report_id);
        assert_string_equal(row[REPORT_COL_UNIT_CODE], "UNIT-A");
        assert_string_equal(row[REPORT_COL_UNIT_NAME], "某某市\"信息\"中心, 第一科");
        assert_string_equal(row[REPORT_COL_PROFILE], "monthly");
        assert_string_equal(row[REPORT_COL_PERIOD], "2026-11");
        assert_string_equal(row[REPORT_COL_ASSESSOR], "张三");
        assert_string_equal(row[REPORT_COL_COMPLETED_AT], f->s->assessment->completed_at);
        assert_string_equal(row[REPORT_COL_GENERATED_AT], "2026-11-21T10:00:00");
        assert_string_equal(row[REPORT_COL_TOOL_VERSION], SELFCHECK_VERSION);
        assert_string_equal(row[REPORT_COL_SIGNER_KEY_ID], res.key_id);
        assert_string_equal(row[REPORT_COL_SIGNATURE_ALGO], "sm2");
        assert_string_equal(row[REPORT_COL_COMPLETE], "yes");
        assert_string_equal(row[REPORT_COL_TOTAL_PERCENT], percent);
        assert_string_equal(row[REPORT_COL_GRADE], f->s->score->grade->name);
        assert_string_equal(row[REPORT_COL_GRADE_ZH], f->s->score->grade->label_zh);
        assert_string_equal(row[REPORT_COL_VERDICT], f->s->score->pass ? "pass" : "fail");
        assert_string_equal(row[REPORT_COL_CHECKLIST_ID], CHECKLIST);
        assert_string_equal(row[REPORT_COL_CHECKLIST_VERSION], "3");
        /* no cell a spreadsheet would evaluate */
        for (int c = 0; c < REPORT_COL_COUNT; c++)
            assert_null(strchr("=+-@\t\r\n", row[c][0] ? row[c][0] : 'x'));
    }
    /* the hidden item is not reported */
    assert_int_equal(raw_find(r, "hosting-contract", ""), -1);
    /* every tricky note and owner: guarded exactly once */
    for (size_t t = 0; t < ANSWER_COUNT; t++) {
        long i = raw_find(r, answers[t].item, answers[t].system);
        assert_true(i > 0);
        char *note = report_cell_neutralise(answers[t].note);
        char *owner = report_cell_neutralise(answers[t].owner);
        assert_string_equal(r->cells[i][REPORT_COL_NOTE], note);
        assert_string_equal(r->cells[i][REPORT_COL_REMEDIATION_OWNER], owner);
        free(note);
        free(owner);
    }
    long row = raw_find(r, "backup-daily", "oa");
    assert_string_equal(r->cells[row][REPORT_COL_NOTE], "'=SUM(A1:A9)");
    assert_string_equal(r->cells[row][REPORT_COL_QUESTION_ZH], "重要系统的数据是否每天备份,且\"可用\"？");
    assert_string_equal(r->cells[row][REPORT_COL_SYSTEM_NAME], "办公自动化系统");
    assert_string_equal(r->cells[row][REPORT_COL_ANSWER_TEXT], "是");
    assert_string_equal(r->cells[row][REPORT_COL_STATE], "answered");
    assert_string_equal(r->cells[row][REPORT_COL_SEVERITY], "high");
    assert_string_equal(r->cells[row][REPORT_COL_WEIGHT], "3");
    assert_string_equal(r->cells[row][REPORT_COL_SCORE], "3");
    assert_string_equal(r->cells[row][REPORT_COL_MAX_SCORE], "3");
    assert_string_equal(r->cells[row][REPORT_COL_FINDING], "no");
    row = raw_find(r, "av-frequency", "");
    assert_string_equal(r->cells[row][REPORT_COL_ANSWER], "weekly");
    assert_string_equal(r->cells[row][REPORT_COL_ANSWER_TEXT], "每周");
    assert_string_equal(r->cells[row][REPORT_COL_SCORE], "1.2");
    assert_string_equal(r->cells[row][REPORT_COL_MAX_SCORE], "2");
    assert_string_equal(r->cells[row][REPORT_COL_FINDING], "yes");
    assert_string_equal(r->cells[row][REPORT_COL_REMEDIATION_DUE], "2026-12-21");
    row = raw_find(r, "remarks", "");
    assert_string_equal(r->cells[row][REPORT_COL_STATE], "recorded");
    assert_string_equal(r->cells[row][REPORT_COL_ANSWER], "第一行\n第二行, 含逗号和\"引号\"");
    assert_string_equal(r->cells[row][REPORT_COL_SEVERITY], "");
    assert_string_equal(r->cells[row][REPORT_COL_SCORE], "");
    raw_free(r);

    /* selfcheck's own reader undoes exactly the guard */
    report_doc *doc = NULL;
    char *err = NULL;
    if (report_parse_file(res.csv_path, &doc, &err) != 0)
        fail_msg("%s", err);
    assert_int_equal(doc->format, REPORT_FORMAT_CSV);
    assert_int_equal(doc->item_count, ASKED);
    assert_string_equal(doc->unit_code, "UNIT-A");
    assert_string_equal(doc->unit_name, "某某市\"信息\"中心, 第一科");
    assert_true(doc->complete);
    for (size_t t = 0; t < ANSWER_COUNT; t++) {
        const report_item *it = doc_find(doc, answers[t].item, answers[t].system);
        assert_non_null(it);
        assert_string_equal(it->note, answers[t].note);
        assert_string_equal(it->owner, answers[t].owner);
        assert_string_equal(it->answer, answers[t].value);
    }
    report_doc_free(doc);

    char *pub = report_key_public_path(key);
    sign_key *pk = NULL;
    assert_int_equal(sign_key_load_public(pub, &pk, NULL), SIGN_OK);
    assert_int_equal(sign_verify_file(pk, res.csv_path, NULL, NULL), SIGN_OK);
    sign_key_free(pk);
    assert_openssl_verifies(pub, res.csv_path, SIGN_ALGO_SM2);
    free(pub);
    report_result_clear(&res);
    free(key);
}

static void check_database(const char *path, const fx *f, const report_result *res)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    struct {
        const char *sql, *expected;
    } checks[] = {
        {"PRAGMA integrity_check", "ok"},
        {"PRAGMA journal_mode", "delete"},
        {"PRAGMA application_id", "1396919122"},
        {"PRAGMA user_version", "4"},
        {"SELECT count(*) FROM report", "1"},
        {"SELECT unit_code || '|' || profile || '|' || period || '|' || complete FROM report",
         "UNIT-A|monthly|2026-11|1"},
        {"SELECT count(*) FROM items", "8"},
        {"SELECT count(*) FROM checklists", "1"},
        {"SELECT version FROM checklists WHERE checklist_id = 'report-basic'", "3"},
        {"SELECT count(*) FROM items WHERE item_id = 'hosting-contract'", "0"},
        {"SELECT note FROM items WHERE item_id = 'backup-daily' AND system_id = 'oa'", "=SUM(A1:A9)"},
        {"SELECT group_concat(item_id || '@' || system_id) FROM findings",
         "backup-daily@web,av-frequency@,hosted@"},
    };
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        sqlite3_stmt *st = NULL;
        assert_int_equal(sqlite3_prepare_v2(db, checks[i].sql, -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *got = (const char *)sqlite3_column_text(st, 0);
        if (got == NULL || strcmp(got, checks[i].expected) != 0)
            fail_msg("%s: got '%s', expected '%s'", checks[i].sql, got ? got : "NULL", checks[i].expected);
        sqlite3_finalize(st);
    }
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT report_id, signer_key_id, percent, findings FROM report",
                                        -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), res->report_id);
    assert_string_equal((const char *)sqlite3_column_text(st, 1), res->key_id);
    assert_true(sqlite3_column_double(st, 2) == f->s->score->percent);
    assert_int_equal(sqlite3_column_int(st, 3), f->s->score->findings);
    sqlite3_finalize(st);
    sqlite3_close(db);
    /* a single self-contained file: the header says rollback journal, and
     * no journal or WAL file is left beside it */
    size_t len;
    unsigned char *bytes = (unsigned char *)read_all(path, &len);
    assert_true(len > 100);
    assert_int_equal(bytes[18], 1);
    assert_int_equal(bytes[19], 1);
    free(bytes);
    if (have_command("sqlite3")) {
        char *cmd = fmt("sqlite3 '%s' 'PRAGMA integrity_check'", path);
        char *out = run_command(cmd);
        assert_string_equal(out, "ok\n");
        free(out);
        free(cmd);
    }
}

/* Both formats, signed, checked by openssl, SQLite and the reader. */
static void both_formats(void **state, sign_algo algo)
{
    fx *f = *state;
    char *key = make_key(f, algo, "unit", NULL);
    char *pub = report_key_public_path(key);
    report_result res;
    write_ok(f, f->out, key, true, true, &res);
    assert_int_equal(res.algo, algo);
    assert_int_equal(count_entries(f->out), 5);   /* and UNIT-A.pub */
    const char *files[2] = {res.csv_path, res.sqlite_path};
    for (int i = 0; i < 2; i++) {
        struct stat st;
        assert_int_equal(stat(files[i], &st), 0);
        assert_int_equal(st.st_mode & 0777, 0600);
        assert_openssl_verifies(pub, files[i], algo);
        report_verification v;
        char *err = NULL;
        report_verify_status vs = report_verify(files[i], pub, NULL, &v, &err);
        if (vs != REPORT_VERIFY_OK)
            fail_msg("%s: %d %s", files[i], vs, err);
        assert_string_equal(v.key_id, res.key_id);
        assert_int_equal(v.algo, algo);
        assert_int_equal(v.doc->format, i == 0 ? REPORT_FORMAT_CSV : REPORT_FORMAT_SQLITE);
        report_verification_clear(&v);
    }
    check_database(res.sqlite_path, f, &res);

    /* the two files say the same */
    report_doc *a = NULL, *b = NULL;
    assert_int_equal(report_parse_file(res.csv_path, &a, NULL), 0);
    assert_int_equal(report_parse_file(res.sqlite_path, &b, NULL), 0);
    assert_int_equal(b->format, REPORT_FORMAT_SQLITE);
    assert_string_equal(a->report_id, b->report_id);
    assert_string_equal(a->unit_name, b->unit_name);
    assert_string_equal(a->completed_at, b->completed_at);
    assert_string_equal(a->signer_key_id, b->signer_key_id);
    assert_string_equal(a->signature_algo, sign_algo_name(algo));
    assert_string_equal(a->grade_zh, b->grade_zh);
    assert_string_equal(a->verdict, b->verdict);
    assert_true(a->percent == b->percent);
    assert_int_equal(a->item_count, b->item_count);
    for (size_t i = 0; i < a->item_count; i++) {
        const report_item *x = &a->items[i], *y = &b->items[i];
        assert_string_equal(x->item_id, y->item_id);
        assert_string_equal(x->system_id, y->system_id);
        assert_string_equal(x->question_zh, y->question_zh);
        assert_string_equal(x->answer, y->answer);
        assert_string_equal(x->answer_text, y->answer_text);
        assert_string_equal(x->note, y->note);
        assert_string_equal(x->owner, y->owner);
        assert_string_equal(x->due, y->due);
        assert_string_equal(x->state, y->state);
        assert_int_equal(x->scored, y->scored);
        assert_true(x->score == y->score && x->max_score == y->max_score && x->weight == y->weight);
        assert_int_equal(x->finding, y->finding);
        assert_int_equal(x->checklist_version, y->checklist_version);
        assert_string_equal(x->checklist_digest, y->checklist_digest);
    }
    /* both formats record the digest of the checklist's canonical content */
    char *digest = checklist_digest(&f->s->set->lists[0]);
    assert_non_null(digest);
    assert_int_equal(a->checklist_count, 1);
    assert_int_equal(b->checklist_count, 1);
    assert_string_equal(a->checklists[0].id, CHECKLIST);
    assert_string_equal(a->checklists[0].digest, digest);
    assert_string_equal(b->checklists[0].digest, digest);
    assert_int_equal(strncmp(digest, "sha256:", 7), 0);
    assert_int_equal(strlen(digest), 7 + 64);
    free(digest);
    report_doc_free(a);
    report_doc_free(b);
    report_result_clear(&res);
    free(pub);
    free(key);
}

static void test_both_formats_sm2(void **state)
{
    both_formats(state, SIGN_ALGO_SM2);
}

static void test_both_formats_ed25519(void **state)
{
    both_formats(state, SIGN_ALGO_ED25519);
}

/* One changed byte, verified in memory with report_verify_bytes: fails the
 * test when it still verifies. */
static void tamper_one(const sign_key *key, char *data, size_t len, char *sig, size_t sig_len, char *at,
                       const char *what, size_t i)
{
    *at ^= 0x01;
    report_verification v;
    char *err = NULL;
    report_verify_status vs = report_verify_bytes(NULL, data, len, sig, sig_len, key, NULL, &v, &err);
    *at ^= 0x01;
    if (vs == REPORT_VERIFY_OK)
        fail_msg("byte %zu of the %s changed and still verified", i, what);
    assert_null(v.doc);
    assert_non_null(err);
    free(err);
    report_verification_clear(&v);
}

/* A changed byte of the report or of its signature is rejected: every byte
 * of the header line and of the signature, and a few hundred spread over
 * the rest (a fixed seed, so a failure repeats). */
static void tamper(void **state, sign_algo algo, bool sqlite)
{
    fx *f = *state;
    char *key_path = make_key(f, algo, sqlite ? "unit-db" : "unit", NULL);
    char *pub = report_key_public_path(key_path);
    sign_key *key = NULL;
    assert_int_equal(sign_key_load_public(pub, &key, NULL), SIGN_OK);
    report_result res;
    write_ok(f, f->out, key_path, !sqlite, sqlite, &res);
    const char *path = sqlite ? res.sqlite_path : res.csv_path;
    char *sig_path = fmt("%s.sig", path);
    size_t len, sig_len;
    char *data = read_all(path, &len);
    char *sig = read_all(sig_path, &sig_len);
    report_verification v;
    assert_int_equal(report_verify_bytes(path, data, len, sig, sig_len, key, NULL, &v, NULL), REPORT_VERIFY_OK);
    assert_false(v.name_mismatch);
    report_verification_clear(&v);
    size_t header = 0;
    while (header < len && data[header] != '\n')
        header++;
    if (sqlite)
        header = len < 100 ? len : 100;   /* the database header */
    for (size_t i = 0; i <= header && i < len; i++)
        tamper_one(key, data, len, sig, sig_len, &data[i], "report", i);
    unsigned seed = 12345;
    for (int n = 0; n < 300 && len > header + 1; n++) {
        seed = seed * 1103515245u + 12345u;
        size_t i = header + 1 + (seed >> 8) % (len - header - 1);
        tamper_one(key, data, len, sig, sig_len, &data[i], "report", i);
    }
    for (size_t i = 0; i < sig_len; i++)
        tamper_one(key, data, len, sig, sig_len, &sig[i], "signature", i);
    free(data);
    free(sig);
    free(sig_path);
    report_result_clear(&res);
    sign_key_free(key);
    free(pub);
    free(key_path);
}

static void test_tamper_sm2(void **state)
{
    tamper(state, SIGN_ALGO_SM2, false);
    tamper(state, SIGN_ALGO_SM2, true);
}

static void test_tamper_ed25519(void **state)
{
    tamper(state, SIGN_ALGO_ED25519, false);
    tamper(state, SIGN_ALGO_ED25519, true);
}

static report_verify_status trust_verify(const char *file, const char *dir, char **err)
{
    report_verification v;
    report_verify_status vs = report_verify(file, NULL, dir, &v, err);
    if (vs == REPORT_VERIFY_OK) {
        assert_non_null(v.doc);
        assert_string_equal(v.doc->unit_code, "UNIT-A");
    } else {
        assert_null(v.doc);
    }
    report_verification_clear(&v);
    return vs;
}

#define assert_trust(file, dir, expected)                                                       \
    do {                                                                                        \
        char *e_ = NULL;                                                                        \
        report_verify_status got_ = trust_verify((file), (dir), &e_);                            \
        if (got_ != (expected))                                                                 \
            fail_msg("%s with %s: got %d, expected %d: %s", #file, #dir, got_, (expected), e_); \
        if ((expected) != REPORT_VERIFY_OK)                                                     \
            assert_non_null(e_);                                                                \
        free(e_);                                                                               \
    } while (0)

/* A trust folder tells one unit from another. */
static void test_verify_trust(void **state)
{
    fx *f = *state;
    char *key_a = make_key(f, SIGN_ALGO_SM2, "a", NULL);
    char *key_b = make_key(f, SIGN_ALGO_ED25519, "b", NULL);
    char *pub_a = report_key_public_path(key_a), *pub_b = report_key_public_path(key_b);
    char *trust = join(f->dir, "trust"), *swapped = join(f->dir, "swapped"), *others = join(f->dir, "others");
    assert_int_equal(mkdir(trust, 0700), 0);
    assert_int_equal(mkdir(swapped, 0700), 0);
    assert_int_equal(mkdir(others, 0700), 0);
    char *p;
    copy_file(pub_a, p = join(trust, "UNIT-A.pub"));
    free(p);
    copy_file(pub_b, p = join(trust, "UNIT-B.pub"));
    free(p);
    copy_file(pub_b, p = join(swapped, "UNIT-A.pub"));   /* A's name, B's key */
    free(p);
    copy_file(pub_b, p = join(others, "UNIT-B.pub"));
    free(p);

    report_result res;
    write_ok(f, f->out, key_a, true, true, &res);
    assert_trust(res.csv_path, trust, REPORT_VERIFY_OK);
    assert_trust(res.sqlite_path, trust, REPORT_VERIFY_OK);
    assert_trust(res.csv_path, swapped, REPORT_VERIFY_KEY_MISMATCH);
    /* nothing of a SQLite report is read before a signature over it checks
     * out: it can only be said that the unit's key does not verify it */
    assert_trust(res.sqlite_path, swapped, REPORT_VERIFY_BAD_SIGNATURE);
    assert_trust(res.csv_path, others, REPORT_VERIFY_UNKNOWN_SIGNER);
    assert_trust(res.sqlite_path, others, REPORT_VERIFY_UNKNOWN_SIGNER);

    /* one byte of the question changed: bad signature under the unit's key */
    size_t len;
    char *data = read_all(res.csv_path, &len);
    char *q = strstr(data, "每天备份");
    assert_non_null(q);
    q[0] ^= 0x01;
    char *changed = join(f->dir, "changed.csv");
    char *changed_sig = fmt("%s.sig", changed);
    char *sig_path = fmt("%s.sig", res.csv_path);
    write_all(changed, data, len);
    copy_file(sig_path, changed_sig);
    assert_trust(changed, trust, REPORT_VERIFY_BAD_SIGNATURE);
    free(data);

    /* the unit code pointing out of the trust folder is refused outright */
    data = read_all(res.csv_path, &len);
    char *forged = join(f->dir, "forged.csv");
    char *forged_sig = fmt("%s.sig", forged);
    FILE *fp = fopen(forged, "wb");
    assert_non_null(fp);
    for (char *at = data; at < data + len;) {
        char *hit = strstr(at, "\"UNIT-A\"");
        size_t n = hit ? (size_t)(hit - at) : (size_t)(data + len - at);
        fwrite(at, 1, n, fp);
        if (hit == NULL)
            break;
        fputs("\"../trust/UNIT-A\"", fp);
        at = hit + strlen("\"UNIT-A\"");
    }
    fclose(fp);
    copy_file(sig_path, forged_sig);
    assert_trust(forged, f->dir, REPORT_VERIFY_MALFORMED);
    free(data);

    /* unit A's report signed with unit B's key */
    char *out_b = join(f->dir, "out-b");
    assert_int_equal(mkdir(out_b, 0700), 0);
    report_result res_b;
    write_ok(f, out_b, key_b, true, true, &res_b);
    assert_trust(res_b.csv_path, trust, REPORT_VERIFY_KEY_MISMATCH);
    assert_trust(res_b.sqlite_path, trust, REPORT_VERIFY_KEY_MISMATCH);
    char *err = NULL;
    report_verification v;
    assert_int_equal(report_verify(res_b.csv_path, NULL, trust, &v, &err), REPORT_VERIFY_KEY_MISMATCH);
    assert_non_null(strstr(err, "UNIT-B"));
    free(err);
    err = NULL;
    report_verification_clear(&v);

    /* with an explicit key: the other unit's key does not verify */
    assert_int_equal(report_verify(res.csv_path, pub_b, NULL, &v, NULL), REPORT_VERIFY_BAD_SIGNATURE);
    report_verification_clear(&v);
    assert_int_equal(report_verify(res.sqlite_path, pub_b, NULL, &v, NULL), REPORT_VERIFY_BAD_SIGNATURE);
    report_verification_clear(&v);

    /* no signature file, no file, a broken key */
    char *lonely = join(f->dir, "lonely.csv");
    copy_file(res.csv_path, lonely);
    assert_int_equal(report_verify(lonely, pub_a, NULL, &v, NULL), REPORT_VERIFY_MALFORMED);
    report_verification_clear(&v);
    assert_trust(lonely, trust, REPORT_VERIFY_MALFORMED);
    assert_int_equal(report_verify("/nonexistent/r.csv", pub_a, NULL, &v, NULL), REPORT_VERIFY_MALFORMED);
    report_verification_clear(&v);
    assert_int_equal(report_verify(res.csv_path, key_a, NULL, &v, NULL), REPORT_VERIFY_KEY);
    report_verification_clear(&v);

    /* a well signed file that is not a report */
    char *other = testutil_write(f->dir, "other.txt", "unit,score\r\nUNIT-A,100\r\n");
    sign_key *sk = NULL;
    assert_int_equal(sign_key_load_private(key_a, NULL, &sk, NULL), SIGN_OK);
    assert_int_equal(sign_file(sk, other, NULL), SIGN_OK);
    sign_key_free(sk);
    assert_int_equal(report_verify(other, pub_a, NULL, &v, NULL), REPORT_VERIFY_MALFORMED);
    report_verification_clear(&v);
    assert_trust(other, trust, REPORT_VERIFY_MALFORMED);

    free(other);
    free(lonely);
    report_result_clear(&res_b);
    free(out_b);
    free(forged);
    free(forged_sig);
    free(changed);
    free(changed_sig);
    free(sig_path);
    report_result_clear(&res);
    free(trust);
    free(swapped);
    free(others);
    free(pub_a);
    free(pub_b);
    free(key_a);
    free(key_b);
}

/* What the importer uses: a trust store of decoded keys, more than one per
 * unit, and verification of bytes in memory; the file name is compared with
 * the signed content; signature files of no signature's size are malformed;
 * a FIFO is refused, not waited on. */
static void test_verify_bytes(void **state)
{
    fx *f = *state;
    char *key_a = make_key(f, SIGN_ALGO_SM2, "a", NULL);
    char *key_a2 = make_key(f, SIGN_ALGO_ED25519, "a2", NULL);
    char *key_b = make_key(f, SIGN_ALGO_ED25519, "b", NULL);
    char *pub_a = report_key_public_path(key_a), *pub_a2 = report_key_public_path(key_a2);
    char *pub_b = report_key_public_path(key_b);
    sign_key *ka = NULL, *ka2 = NULL, *kb = NULL, *kb_again = NULL;
    assert_int_equal(sign_key_load_public(pub_a, &ka, NULL), SIGN_OK);
    assert_int_equal(sign_key_load_public(pub_a2, &ka2, NULL), SIGN_OK);
    assert_int_equal(sign_key_load_public(pub_b, &kb, NULL), SIGN_OK);
    assert_int_equal(sign_key_load_public(pub_b, &kb_again, NULL), SIGN_OK);
    char *id_a = sign_key_id(ka), *id_b = sign_key_id(kb);

    trust_store *t = trust_new();
    assert_non_null(t);
    assert_int_equal(trust_add(t, "UNIT-A", ka2, NULL, NULL), TRUST_OK);   /* an older key of A first */
    assert_int_equal(trust_add(t, "UNIT-A", ka, "a.pub", NULL), TRUST_OK);
    assert_int_equal(trust_add(t, "UNIT-B", kb, NULL, NULL), TRUST_OK);
    char *err = NULL;
    assert_int_equal(trust_add(t, "UNIT-C", kb_again, NULL, &err), TRUST_ERR_INVALID);   /* B's key for C */
    assert_non_null(strstr(err, "UNIT-B"));
    free(err);
    err = NULL;
    assert_int_equal(trust_add(t, "../x", NULL, NULL, NULL), TRUST_ERR_INVALID);
    assert_int_equal(trust_count(t), 3);
    assert_string_equal(trust_find_id(t, id_a)->unit_code, "UNIT-A");
    assert_true(trust_has_unit(t, "UNIT-B"));
    assert_false(trust_has_unit(t, "UNIT-C"));

    report_result res;
    write_ok(f, f->out, key_a, true, true, &res);
    const char *paths[2] = {res.csv_path, res.sqlite_path};
    for (int i = 0; i < 2; i++) {
        size_t len, sig_len;
        char *data = read_all(paths[i], &len);
        char *sig_path = fmt("%s.sig", paths[i]);
        char *sig = read_all(sig_path, &sig_len);
        report_verification v;
        /* the second key of the unit verifies; the name is the content's */
        assert_int_equal(report_verify_bytes(paths[i], data, len, sig, sig_len, NULL, t, &v, NULL),
                         REPORT_VERIFY_OK);
        assert_string_equal(v.key_unit, "UNIT-A");
        assert_string_equal(v.key_id, id_a);
        assert_false(v.name_mismatch);
        report_verification_clear(&v);
        /* renamed to another period: still valid, and the name is flagged */
        const char *renamed = i == 0 ? "UNIT-A_monthly_2026-01.csv" : "/usb/UNIT-A_monthly_2026-01.sqlite";
        assert_int_equal(report_verify_bytes(renamed, data, len, sig, sig_len, NULL, t, &v, NULL),
                         REPORT_VERIFY_OK);
        assert_true(v.name_mismatch);
        assert_string_equal(v.expected_name, "UNIT-A_monthly_2026-11");
        report_verification_clear(&v);
        /* no name at all: chosen by the claim (CSV) or by trying the keys */
        assert_int_equal(report_verify_bytes(NULL, data, len, sig, sig_len, NULL, t, &v, NULL), REPORT_VERIFY_OK);
        report_verification_clear(&v);
        /* one key that is not the signer's: both key ids named (CSV) */
        assert_int_equal(report_verify_bytes(paths[i], data, len, sig, sig_len, kb, NULL, &v, &err),
                         REPORT_VERIFY_BAD_SIGNATURE);
        assert_non_null(strstr(err, id_b));
        if (i == 0)
            assert_non_null(strstr(err, id_a));
        free(err);
        err = NULL;
        report_verification_clear(&v);
        /* an empty or impossible signature is malformed, not "changed" */
        assert_int_equal(report_verify_bytes(paths[i], data, len, sig, 0, ka, NULL, &v, NULL),
                         REPORT_VERIFY_MALFORMED);
        report_verification_clear(&v);
        assert_int_equal(report_verify_bytes(paths[i], data, len, sig, 3, NULL, t, &v, NULL), REPORT_VERIFY_MALFORMED);
        report_verification_clear(&v);
        char *empty = fmt("%s.sig", paths[i]);
        write_all(empty, "", 0);
        assert_int_equal(report_verify(paths[i], pub_a, NULL, &v, NULL), REPORT_VERIFY_MALFORMED);
        report_verification_clear(&v);
        write_all(empty, sig, sig_len);
        free(empty);
        free(sig);
        free(sig_path);
        free(data);
    }
    /* a FIFO as the report or as its signature is refused at once */
    char *fifo = join(f->dir, "UNIT-A_monthly_2026-11.csv");
    char *fifo_sig = fmt("%s.sig", fifo);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    char *csv_sig = fmt("%s.sig", res.csv_path);
    copy_file(csv_sig, fifo_sig);
    free(csv_sig);
    report_verification v;
    assert_int_equal(report_verify(fifo, pub_a, NULL, &v, &err), REPORT_VERIFY_MALFORMED);
    assert_non_null(strstr(err, "not a regular file"));
    free(err);
    err = NULL;
    report_verification_clear(&v);
    unlink(fifo);
    unlink(fifo_sig);
    copy_file(res.csv_path, fifo);
    assert_int_equal(mkfifo(fifo_sig, 0600), 0);
    assert_int_equal(report_verify(fifo, pub_a, NULL, &v, NULL), REPORT_VERIFY_MALFORMED);
    report_verification_clear(&v);
    assert_int_equal(sign_key_load_public(fifo_sig, &kb_again, NULL), SIGN_ERR_IO);

    /* printable text: escapes and line breaks are defused, Chinese kept */
    char *p = printable_text("a\x1b[2Jb\r\nc\xc2\x9b" "d 中文\x7f");
    assert_string_equal(p, "a?[2Jb / c?d 中文?");
    free(p);

    free(fifo);
    free(fifo_sig);
    report_result_clear(&res);
    trust_free(t);
    free(id_a);
    free(id_b);
    free(pub_a);
    free(pub_a2);
    free(pub_b);
    free(key_a);
    free(key_a2);
    free(key_b);
}

/* The digest is over the parsed checklist: comments, blank lines, spacing
 * and key order do not change it; a changed question, weight or allowed
 * answer does. */
static void test_checklist_digest(void **state)
{
    (void)state;
    char *dir = testutil_tempdir();
    size_t len;
    char *text = read_all(FIXTURE, &len);
    checklist *base = NULL;
    diag_list d;
    diag_list_init(&d);
    assert_int_equal(checklist_load_file(FIXTURE, &base, &d), 0);
    char *want = checklist_digest(base);
    assert_non_null(want);
    /* a comment, blank lines and spaces around '=' */
    char *commented = fmt("; edited by hand\n\n%s\n\n; end\n", text);
    struct {
        const char *what;
        char *text;
        bool same;
    } cases[] = {
        {"comments and blank lines", commented, true},
        {"a changed question", NULL, false},
        {"a changed severity (and so weight)", NULL, false},
        {"a changed allow", NULL, false},
        {"the same, spaced and reordered", NULL, true},
    };
    char *q = strstr(text, "边界防火墙");
    char *w = strstr(text, "severity = critical");
    char *a = strstr(text, "allow = partial, na");
    char *t = strstr(text, "type = yesno\nallow");
    assert_non_null(q);
    assert_non_null(w);
    assert_non_null(a);
    assert_non_null(t);
    cases[1].text = fmt("%.*s边界路由器%s", (int)(q - text), text, q + strlen("边界防火墙"));
    cases[2].text = fmt("%.*sseverity = high%s", (int)(w - text), text, w + strlen("severity = critical"));
    cases[3].text = fmt("%.*sallow = na%s", (int)(a - text), text, a + strlen("allow = partial, na"));
    cases[4].text = fmt("%.*sallow   =   partial, na\ntype=yesno%s", (int)(t - text), text,
                        t + strlen("type = yesno\nallow = partial, na"));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = fmt("%s/c%zu.ini", dir, i);
        write_all(path, cases[i].text, strlen(cases[i].text));
        checklist *c = NULL;
        diag_list_clear(&d);
        if (checklist_load_file(path, &c, &d) != 0)
            fail_msg("%s: does not load", cases[i].what);
        char *got = checklist_digest(c);
        assert_non_null(got);
        if ((strcmp(got, want) == 0) != cases[i].same)
            fail_msg("%s: the digest %s", cases[i].what, cases[i].same ? "changed" : "did not change");
        free(got);
        checklist_free(c);
        free(path);
        free(cases[i].text);
    }
    diag_list_clear(&d);
    free(want);
    checklist_free(base);
    free(text);
    free(dir);
}

/* Unanswered items: refused, or with allow_incomplete marked on every row. */
static void test_incomplete(void **state)
{
    fx *f = *state;
    f->s = open_session(f, "UNIT-A");
    answer_some(f->s, 3);
    assert_false(f->s->score->complete);
    char *key = make_key(f, SIGN_ALGO_ED25519, "unit", NULL);
    report_result res;
    char *err = NULL;
    assert_int_equal(write_report(f, f->out, key, NULL, true, true, false, &res, &err), REPORT_ERR_INCOMPLETE);
    assert_non_null(strstr(err, "unanswered"));
    free(err);
    report_result_clear(&res);
    assert_int_equal(count_entries(f->out), 0);

    err = NULL;
    assert_int_equal(write_report(f, f->out, key, NULL, true, true, true, &res, &err), REPORT_OK);
    raw_csv *r = raw_parse(res.csv_path);
    assert_int_equal(r->rows, 1 + ASKED);
    size_t unanswered = 0;
    for (size_t i = 1; i < r->rows; i++) {
        assert_string_equal(r->cells[i][REPORT_COL_COMPLETE], "no");
        assert_string_equal(r->cells[i][REPORT_COL_COMPLETED_AT], "");
        unanswered += strcmp(r->cells[i][REPORT_COL_STATE], "unanswered") == 0;
    }
    assert_int_equal(unanswered, ASKED - 3);
    raw_free(r);
    report_doc *doc = NULL;
    assert_int_equal(report_parse_file(res.sqlite_path, &doc, NULL), 0);
    assert_false(doc->complete);
    report_doc_free(doc);
    report_result_clear(&res);
    free(key);
}

/* An existing report, or only its signature, is never overwritten. */
static void test_exists(void **state)
{
    fx *f = *state;
    char *key = make_key(f, SIGN_ALGO_ED25519, "unit", NULL);
    report_result res, again;
    write_ok(f, f->out, key, true, false, &res);
    size_t len, len2;
    char *before = read_all(res.csv_path, &len);
    char *err = NULL;
    assert_int_equal(write_report(f, f->out, key, NULL, true, true, false, &again, &err), REPORT_ERR_EXISTS);
    assert_non_null(strstr(err, "already exists"));
    free(err);
    report_result_clear(&again);
    assert_int_equal(count_entries(f->out), 3);   /* no .sqlite written either */
    char *after = read_all(res.csv_path, &len2);
    assert_int_equal(len, len2);
    assert_memory_equal(before, after, len);
    free(before);
    free(after);

    /* only a signature of that name: still refused, nothing written */
    char *out2 = join(f->dir, "out2");
    assert_int_equal(mkdir(out2, 0700), 0);
    char *stale = testutil_write(out2, "UNIT-A_monthly_2026-11.sqlite.sig", "old");
    err = NULL;
    assert_int_equal(write_report(f, out2, key, NULL, true, true, false, &again, &err), REPORT_ERR_EXISTS);
    free(err);
    report_result_clear(&again);
    assert_int_equal(count_entries(out2), 1);

    /* a missing folder */
    char *missing = join(f->dir, "missing");
    err = NULL;
    assert_int_equal(write_report(f, missing, key, NULL, true, true, false, &again, &err), REPORT_ERR_IO);
    free(err);
    report_result_clear(&again);
    assert_false(fsutil_exists(missing));
    free(missing);
    free(stale);
    free(out2);
    report_result_clear(&res);
    free(key);
}

/* Writes an OpenSSL key of another type, mode 0600. */
static char *foreign_key(const fx *f, const char *name, EVP_PKEY *pkey)
{
    assert_non_null(pkey);
    char *path = join(f->keys, name);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    assert_int_equal(chmod(path, 0600), 0);
    assert_int_equal(PEM_write_PrivateKey(fp, pkey, NULL, NULL, 0, NULL, NULL), 1);
    fclose(fp);
    EVP_PKEY_free(pkey);
    return path;
}

static void expect_key_error(const fx *f, const char *key, const char *pass, sign_status expected,
                             const char *words)
{
    report_result res;
    char *err = NULL;
    assert_int_equal(write_report(f, f->out, key, pass, true, true, false, &res, &err), REPORT_ERR_KEY);
    assert_int_equal(res.key_status, expected);
    assert_non_null(err);
    if (strstr(err, words) == NULL)
        fail_msg("'%s' not in: %s", words, err);
    free(err);
    report_result_clear(&res);
    assert_int_equal(count_entries(f->out), 0);
}

/* Keys that cannot sign: each says why, and nothing is written. */
static void test_key_errors(void **state)
{
    fx *f = *state;
    char *locked = make_key(f, SIGN_ALGO_SM2, "locked", "正确的口令");
    expect_key_error(f, locked, "wrong", SIGN_ERR_PASSPHRASE, "passphrase");
    expect_key_error(f, locked, NULL, SIGN_ERR_PASSPHRASE, "passphrase");

    char *open_key = make_key(f, SIGN_ALGO_ED25519, "open", NULL);
    assert_int_equal(chmod(open_key, 0644), 0);
    expect_key_error(f, open_key, NULL, SIGN_ERR_KEY_PERMISSIONS, "chmod 600");

    char *ec = foreign_key(f, "p256.key", EVP_PKEY_Q_keygen(NULL, NULL, "EC", "P-256"));
    expect_key_error(f, ec, NULL, SIGN_ERR_KEY_TYPE, "");
    char *rsa = foreign_key(f, "rsa.key", EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)1024));
    expect_key_error(f, rsa, NULL, SIGN_ERR_KEY_TYPE, "");
    char *pub = report_key_public_path(open_key);
    expect_key_error(f, pub, NULL, SIGN_ERR_KEY_PERMISSIONS, "");   /* 0644 .pub: refused before parsing */
    assert_int_equal(chmod(pub, 0600), 0);
    expect_key_error(f, pub, NULL, SIGN_ERR_MALFORMED, "");
    char *missing = join(f->keys, "missing.key");
    expect_key_error(f, missing, NULL, SIGN_ERR_IO, "");

    free(missing);
    free(pub);
    free(ec);
    free(rsa);
    free(open_key);
    free(locked);
}

/* The encrypted key signs once given its passphrase. */
static void test_encrypted_key(void **state)
{
    fx *f = *state;
    char *locked = make_key(f, SIGN_ALGO_SM2, "locked", "正确的口令");
    report_result res;
    char *err = NULL;
    if (write_report(f, f->out, locked, "正确的口令", true, true, false, &res, &err) != REPORT_OK)
        fail_msg("%s", err);
    char *pub = report_key_public_path(locked);
    assert_openssl_verifies(pub, res.csv_path, SIGN_ALGO_SM2);
    assert_openssl_verifies(pub, res.sqlite_path, SIGN_ALGO_SM2);
    free(pub);
    report_result_clear(&res);
    free(locked);
}

/* When a later file cannot be written, the earlier ones go too. */
static void test_cleanup_on_failure(void **state)
{
    fx *f = *state;
    char *key = make_key(f, SIGN_ALGO_ED25519, "unit", NULL);
    char *probe = join(f->dir, "probe");
    assert_int_equal(mkdir(probe, 0700), 0);
    report_result res;
    write_ok(f, probe, key, true, true, &res);
    struct stat csv_st, db_st;
    assert_int_equal(stat(res.csv_path, &csv_st), 0);
    assert_int_equal(stat(res.sqlite_path, &db_st), 0);
    report_result_clear(&res);
    assert_true(csv_st.st_size + 64 < db_st.st_size);

    /* room for the CSV and its signature, not for the database */
    struct rlimit saved, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = (rlim_t)(csv_st.st_size + 64);
    void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    char *err = NULL;
    report_status st = write_report(f, f->out, key, NULL, true, true, false, &res, &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, old);
    assert_int_equal(st, REPORT_ERR_IO);
    assert_non_null(err);
    free(err);
    report_result_clear(&res);
    assert_int_equal(count_entries(f->out), 0);
    free(probe);
    free(key);
}

/* A replacement that fails half-way puts the old report back untouched; one
 * that succeeds leaves only the new files. */
static void test_replace(void **state)
{
    fx *f = *state;
    char *key = make_key(f, SIGN_ALGO_ED25519, "unit", NULL);
    report_result res;
    write_ok(f, f->out, key, true, true, &res);
    size_t csv_len, db_len, sig_len;
    char *old_csv = read_all(res.csv_path, &csv_len);
    char *old_db = read_all(res.sqlite_path, &db_len);
    char *csv_sig = NULL;
    assert_true(asprintf(&csv_sig, "%s.sig", res.csv_path) > 0);
    char *old_sig = read_all(csv_sig, &sig_len);
    char *csv_path = strdup(res.csv_path), *db_path = strdup(res.sqlite_path);
    report_result_clear(&res);

    /* room for the new CSV and its signature, not for the new database */
    struct rlimit saved, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
    small = saved;
    small.rlim_cur = (rlim_t)(csv_len + 64);
    void (*old)(int) = signal(SIGXFSZ, SIG_IGN);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    report_options o = {.out_dir = f->out, .write_csv = true, .write_sqlite = true, .key_path = key,
                        .replace = true};
    char *err = NULL;
    report_status st = report_write(f->s, &o, &res, &err);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
    signal(SIGXFSZ, old);
    assert_int_equal(st, REPORT_ERR_IO);
    free(err);
    report_result_clear(&res);
    size_t n;
    char *now = read_all(csv_path, &n);
    assert_true(n == csv_len && memcmp(now, old_csv, n) == 0);
    free(now);
    now = read_all(db_path, &n);
    assert_true(n == db_len && memcmp(now, old_db, n) == 0);
    free(now);
    now = read_all(csv_sig, &n);
    assert_true(n == sig_len && memcmp(now, old_sig, n) == 0);
    free(now);
    assert_int_equal(count_entries(f->out), 5);

    /* without the limit the replacement goes through: a new report id */
    err = NULL;
    if (report_write(f->s, &o, &res, &err) != REPORT_OK)
        fail_msg("replace: %s", err);
    now = read_all(csv_path, &n);
    assert_false(n == csv_len && memcmp(now, old_csv, n) == 0);
    free(now);
    assert_int_equal(count_entries(f->out), 5);
    report_result_clear(&res);
    free(old_csv);
    free(old_db);
    free(old_sig);
    free(csv_sig);
    free(csv_path);
    free(db_path);
    free(key);
}

/* The openssl command shown to the user, for each algorithm. */
static void test_verify_command(void **state)
{
    (void)state;
    char *cmd = report_verify_command(SIGN_ALGO_SM2, "unit.pub", "R.csv", "R.csv.sig");
    assert_string_equal(cmd, "openssl pkeyutl -verify -pubin -inkey unit.pub -rawin -in R.csv -sigfile R.csv.sig"
                             " -digest sm3 -pkeyopt distid:1234567812345678");
    free(cmd);
    cmd = report_verify_command(SIGN_ALGO_ED25519, "unit.pub", "R.csv", "R.csv.sig");
    assert_string_equal(cmd, "openssl pkeyutl -verify -pubin -inkey unit.pub -rawin -in R.csv -sigfile R.csv.sig");
    free(cmd);
    /* the screen's form: the same words over lines joined by " \\" */
    cmd = report_verify_command_lines(SIGN_ALGO_SM2, "unit.pub", "R.csv", "R.csv.sig");
    assert_string_equal(cmd, "openssl pkeyutl -verify -pubin -inkey unit.pub -rawin \\\n    -in R.csv \\\n"
                             "    -sigfile R.csv.sig \\\n    -digest sm3 -pkeyopt distid:1234567812345678");
    free(cmd);
    cmd = report_verify_command_lines(SIGN_ALGO_ED25519, "unit.pub", "R.csv", "R.csv.sig");
    assert_string_equal(cmd, "openssl pkeyutl -verify -pubin -inkey unit.pub -rawin \\\n    -in R.csv \\\n"
                             "    -sigfile R.csv.sig");
    free(cmd);
    char *pub = report_key_public_path("/var/lib/selfcheck/unit.key");
    assert_string_equal(pub, "/var/lib/selfcheck/unit.pub");
    free(pub);
}

/* What is not a report is refused with a reason. */
static void test_parse_rejects(void **state)
{
    fx *f = *state;
    char *key = make_key(f, SIGN_ALGO_ED25519, "unit", NULL);
    report_result res;
    write_ok(f, f->out, key, true, false, &res);
    size_t len;
    char *good = read_all(res.csv_path, &len);
    report_doc *doc = NULL;
    assert_int_equal(report_parse(good, len, &doc, NULL), 0);
    report_doc_free(doc);

    /* a version 3 report (no incidents) and a version 2 one (no annex
     * forms either) are still read */
    for (char version = '3'; version >= '2'; version--) {
        char *v2 = strdup(good);
        assert_non_null(v2);
        for (char *v; (v = strstr(v2, "\r\n\"4\",")) != NULL;)
            v[3] = version;
        char *err = NULL;
        if (report_parse(v2, strlen(v2), &doc, &err) != 0)
            fail_msg("version %c: %s", version, err);
        assert_int_equal(doc->format_version, version - '0');
        assert_int_equal(doc->form_value_count, 0);
        assert_int_equal(doc->incident_count, 0);
        report_doc_free(doc);
        doc = NULL;
        free(v2);
    }

    /* a version 1 report (no checklist_digest column) is still read */
    {
        char *v1 = strdup(good);
        assert_non_null(v1);
        char *h = strstr(v1, "\"checklist_digest\",");
        assert_non_null(h);
        memmove(h, h + strlen("\"checklist_digest\","), strlen(h + strlen("\"checklist_digest\",")) + 1);
        for (char *d; (d = strstr(v1, "\"sha256:")) != NULL;)
            memmove(d, d + 74, strlen(d + 74) + 1);
        for (char *v; (v = strstr(v1, "\r\n\"4\",")) != NULL;)
            v[3] = '1';
        char *err = NULL;
        if (report_parse(v1, strlen(v1), &doc, &err) != 0)
            fail_msg("version 1: %s", err);
        assert_int_equal(doc->format_version, 1);
        assert_string_equal(doc->items[0].checklist_digest, "");
        assert_string_equal(doc->checklists[0].digest, "");
        report_doc_free(doc);
        doc = NULL;
        free(v1);
    }

    struct {
        const char *what, *find, *replace;
    } edits[] = {
        {"an extra field", "\"\"\r\n", "\"\",\"x\"\r\n"},
        {"another header", "\"remediation_due\"", "\"due\""},
        {"a newer version", "\r\n\"4\",", "\r\n\"5\","},
        {"an unclosed quote", "\"remediation_due\"\r\n", "\"remediation_due\r\n"},
        {"rows that disagree", "\"UNIT-A\"", "\"UNIT-B\""},
        {"an unknown state", "\"recorded\"", "\"maybe\""},
    };
    for (size_t e = 0; e < sizeof edits / sizeof edits[0]; e++) {
        char *at = strstr(good, edits[e].find);
        assert_non_null(at);
        char *bad = fmt("%.*s%s%s", (int)(at - good), good, edits[e].replace, at + strlen(edits[e].find));
        char *err = NULL;
        if (report_parse(bad, strlen(bad), &doc, &err) == 0)
            fail_msg("%s: accepted", edits[e].what);
        assert_null(doc);
        assert_non_null(err);
        free(err);
        free(bad);
    }
    const char *junk[] = {"", "hello", "\xEF\xBB\xBF\"format_version\"", "SQLite format 3"};
    for (size_t j = 0; j < sizeof junk / sizeof junk[0]; j++) {
        char *err = NULL;
        assert_int_equal(report_parse(junk[j], strlen(junk[j]) + (j == 3), &doc, &err), -1);
        free(err);
    }
    /* a SQLite database, but not a report */
    char *other = join(f->dir, "other.sqlite");
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "CREATE TABLE report (x); INSERT INTO report VALUES (1);", NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    char *err = NULL;
    assert_int_equal(report_parse_file(other, &doc, &err), -1);
    assert_non_null(strstr(err, "not a selfcheck report"));
    free(err);
    /* a truncated report database */
    report_result res2;
    char *out2 = join(f->dir, "out2");
    assert_int_equal(mkdir(out2, 0700), 0);
    write_ok(f, out2, key, false, true, &res2);
    char *bytes = read_all(res2.sqlite_path, &len);
    for (size_t cut = 16; cut < len; cut += len / 7) {
        err = NULL;
        assert_int_equal(report_parse(bytes, cut, &doc, &err), -1);
        free(err);
    }
    free(bytes);
    report_result_clear(&res2);
    free(out2);
    free(other);
    free(good);
    report_result_clear(&res);
    free(key);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_file_stem),
        cmocka_unit_test(test_cell_guard),
        cmocka_unit_test(test_verify_command),
        cmocka_unit_test_setup_teardown(test_key_helpers, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_keygen_configured, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_csv_report, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_both_formats_sm2, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_both_formats_ed25519, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_tamper_sm2, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_tamper_ed25519, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_verify_trust, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_verify_bytes, fx_setup_complete, fx_teardown),
        cmocka_unit_test(test_checklist_digest),
        cmocka_unit_test_setup_teardown(test_incomplete, fx_setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_exists, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_key_errors, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_encrypted_key, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_cleanup_on_failure, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_replace, fx_setup_complete, fx_teardown),
        cmocka_unit_test_setup_teardown(test_parse_rejects, fx_setup_complete, fx_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
