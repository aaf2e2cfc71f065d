/* bench_review.c: how long the review screen takes to open on a large
 * review database: UNITS registered units with PERIODS monthly reports each
 * (default 10,000 x 12; every 25th unit has not reported the latest month),
 * filled directly through the review database's importer interface (the
 * path `review import` stores verified reports by; nothing is signed or
 * verified here), then the database opened again and the table screen
 * opened on it: the due period worked out, the period read, the units
 * sorted and the first 80x24 page laid out. The target (issue 11 §6) is
 * under 200 ms.
 *
 * Build: cmake --build build --target bench_review; run:
 *   build/bench_review [UNITS] [PERIODS] [ITEMS] [DIR]
 * ITEMS is the items per report (default 20: the table screen reads no
 * item, so more only make the file larger and the fill slower). DIR keeps
 * the database (default: a temporary folder, removed). Prints one line per
 * measurement; not a test, so it asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "i18n.h"
#include "review_db.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_review.h"
#include "ui_review_table.h"

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long arg(int argc, char **argv, int i, long fallback)
{
    return argc > i ? strtol(argv[i], NULL, 10) : fallback;
}

/* One synthetic report: `items` items of 1 point, the first `failed` of
 * them findings. The strings are the caller's buffers or literals. */
static void fill_doc(report_doc *d, report_item *items, size_t n, size_t failed, char *rid, char *unit,
                     char *period, char *generated)
{
    static char empty[] = "", csvfmt[] = "bench", zh[] = "张三", yes[] = "yes", no[] = "no",
                is[] = "是", not_[] = "否", q[] = "第1项检查：是否落实安全措施？", high[] = "high",
                answered[] = "answered", owner[] = "李四", due[] = "2027-02-28", algo[] = "ed25519",
                kid[] = "00", ver[] = "0.1.0", pass[] = "pass", good[] = "good", good_zh[] = "良好", fail[] = "fail",
                fail_zh[] = "不合格", monthly[] = "monthly";
    memset(d, 0, sizeof *d);
    d->format = REPORT_FORMAT_CSV;
    d->format_version = 1;
    d->report_id = rid;
    d->unit_code = unit;
    d->unit_name = unit;
    d->profile = monthly;
    d->period = period;
    d->assessor = zh;
    d->completed_at = d->generated_at = generated;
    d->tool_version = ver;
    d->signer_key_id = kid;
    d->signature_algo = algo;
    d->complete = true;
    d->percent = 100.0 * (double)(n - failed) / (double)n;
    bool ok = d->percent >= 60;
    d->grade = ok ? good : fail;
    d->grade_zh = ok ? good_zh : fail_zh;
    d->verdict = ok ? pass : fail;
    d->items = items;
    d->item_count = n;
    static char ids[512][16];
    for (size_t i = 0; i < n && i < 512; i++) {
        report_item *it = &items[i];
        bool bad = i < failed;
        snprintf(ids[i], sizeof ids[i], "item-%zu", i + 1);
        *it = (report_item){0};
        it->checklist_id = csvfmt;
        it->checklist_version = 1;
        it->checklist_digest = empty;
        it->item_id = ids[i];
        it->system_id = it->system_name = empty;
        it->question_zh = q;
        it->severity = high;
        it->weight = 1;
        it->state = answered;
        it->answer = bad ? no : yes;
        it->answer_text = bad ? not_ : is;
        it->scored = true;
        it->score = bad ? 0 : 1;
        it->max_score = 1;
        it->finding = bad;
        it->note = empty;
        it->owner = bad ? owner : empty;
        it->due = bad ? due : empty;
    }
}

static int fill(const char *path, long units, long periods, long items)
{
    char *err = NULL;
    review_db *db;
    if (review_db_open(path, &db, &err) != REVIEW_DB_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    sqlite3 *conn = review_db_handle(db);
    sqlite3_exec(conn, "BEGIN", NULL, NULL, NULL);
    for (long u = 0; u < units; u++) {
        char code[32], name[48];
        snprintf(code, sizeof code, "u%05ld", u);
        snprintf(name, sizeof name, "第%ld单位", u);
        if (review_unit_add(db, code, name, NULL, NULL, &err) != REVIEW_DB_OK) {
            fprintf(stderr, "%s\n", err);
            return -1;
        }
    }
    sqlite3_exec(conn, "COMMIT", NULL, NULL, NULL);
    review_importer imp;
    review_db_importer(db, &imp);
    report_item *buf = calloc((size_t)items, sizeof *buf);
    if (buf == NULL)
        return -1;
    unsigned seed = 11;
    long stored = 0;
    for (long p = 0; p < periods; p++) {
        char period[32], generated[48];
        /* the last `periods` months up to 2026-12 */
        long m = 12 * 2026 + 11 - (periods - 1 - p);
        snprintf(period, sizeof period, "%04ld-%02ld", m / 12, m % 12 + 1);
        snprintf(generated, sizeof generated, "%s-26T10:00:00", period);
        for (long u = 0; u < units; u++) {
            if (p == periods - 1 && u % 25 == 7)
                continue;   /* has not reported the latest month */
            if (stored % 1000 == 0 && imp.begin(imp.self, &err) != 0)
                break;
            char unit[32], rid[80];
            snprintf(unit, sizeof unit, "u%05ld", u);
            snprintf(rid, sizeof rid, "%s-%s", unit, period);
            seed = seed * 1103515245u + 12345u;
            size_t failed = (size_t)((seed >> 16) % (unsigned)(items / 2 + 1));
            report_doc d;
            fill_doc(&d, buf, (size_t)items, failed, rid, unit, period, generated);
            review_file file = {rid, rid, "csv"};
            if (imp.store(imp.self, &d, "00", rid, &file, 1, &err) != REVIEW_STORED_NEW)
                break;
            if (++stored % 1000 == 0 && imp.commit(imp.self, &err) != 0)
                break;
        }
    }
    int rc = err == NULL && imp.commit(imp.self, &err) == 0 ? 0 : -1;
    if (rc != 0)
        fprintf(stderr, "fill: %s\n", err ? err : "?");
    free(err);
    free(buf);
    review_db_close(db);
    return rc;
}

/* The parts of opening the screen, in ms. */
enum { PART_DB, PART_STATE, PART_QUERY, PART_DRAW, PART_TOTAL, PARTS };
static const char *const part_name[PARTS] = {"open the database", "the periods due", "read and sort the period",
                                             "lay out the first page", "in all"};

/* Opens the table screen as `selfcheck review` does, and lays out its
 * first page. Returns 0 with the times of its parts, or -1. */
static int open_screen(ui_context *ctx, const char *path, ui_canvas *c, size_t *rows, double ms[PARTS])
{
    double t[5];
    t[0] = now_seconds();
    char *err = NULL;
    review_db *db;
    if (review_db_open(path, &db, &err) != REVIEW_DB_OK)
        return -1;
    t[1] = now_seconds();
    ui_review *rv = ui_review_new(ctx, db, &ctx->cfg->schedule, &err);
    t[2] = now_seconds();
    ui_review_table *tb = rv ? ui_review_table_new(rv) : NULL;
    t[3] = now_seconds();
    if (tb == NULL || ui_canvas_reset(c, 24, 80) != 0)
        return -1;
    ui_review_table_render(tb, c);
    t[4] = now_seconds();
    for (int i = 0; i < PART_TOTAL; i++)
        ms[i] = (t[i + 1] - t[i]) * 1000;
    ms[PART_TOTAL] = (t[4] - t[0]) * 1000;
    *rows = tb->count;
    ui_review_table_free(tb);
    ui_review_free(rv);
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long units = arg(argc, argv, 1, 10000), periods = arg(argc, argv, 2, 12), items = arg(argc, argv, 3, 20);
    if (units < 1 || periods < 1 || periods > 120 || items < 1 || items > 512) {
        fprintf(stderr, "usage: bench_review [UNITS] [PERIODS] [ITEMS 1-512] [DIR]\n");
        return 2;
    }
    char tmp[] = "/tmp/selfcheck-bench-review-XXXXXX";
    const char *dir = argc > 4 ? argv[4] : mkdtemp(tmp);
    if (dir == NULL)
        return 1;
    setenv("SELFCHECK_NOW", "2027-01-10T09:00:00", 1);
    char path[4096], cfg[4096];
    snprintf(path, sizeof path, "%s/review.db", dir);
    snprintf(cfg, sizeof cfg, "%s/selfcheck.ini", dir);
    FILE *f = fopen(cfg, "w");
    if (f == NULL)
        return 1;
    fputs("[ui]\nlang = zh\n", f);
    fclose(f);
    if (access(path, F_OK) != 0) {
        double t0 = now_seconds();
        if (fill(path, units, periods, items) != 0)
            return 1;
        printf("fill %ld units x %ld periods x %ld items: %8.1f s\n", units, periods, items, now_seconds() - t0);
    }
    ui_context ctx;
    char *err = NULL;
    if (ui_context_init(&ctx, cfg, NULL, &err) != 0) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    ui_canvas c = {0};
    enum { RUNS = 9 };
    double ms[PARTS][RUNS];
    size_t rows = 0;
    for (int i = 0; i < RUNS; i++) {
        double one[PARTS];
        if (open_screen(&ctx, path, &c, &rows, one) != 0) {
            fprintf(stderr, "the screen does not open\n");
            return 1;
        }
        for (int p = 0; p < PARTS; p++)
            ms[p][i] = one[p];
    }
    double first = ms[PART_TOTAL][0];
    for (int p = 0; p < PARTS; p++) {
        qsort(ms[p], RUNS, sizeof ms[p][0], by_value);
        printf("  %-26s median %7.1f ms, best %7.1f ms\n", part_name[p], ms[p][RUNS / 2], ms[p][0]);
    }
    char *top = ui_canvas_row_text(&c, 3);
    printf("open the review table (%zu units): first %.1f ms, median of %d %.1f ms, best %.1f ms\n", rows, first,
           RUNS, ms[PART_TOTAL][RUNS / 2], ms[PART_TOTAL][0]);
    printf("first row: %s\n", top ? top : "");
    free(top);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak memory: %.1f MB\n", (double)ru.ru_maxrss / 1024);
    ui_canvas_free(&c);
    ui_context_free(&ctx);
    if (argc <= 4) {
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            return 1;
    }
    return 0;
}
