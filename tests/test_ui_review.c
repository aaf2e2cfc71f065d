/* test_ui_review.c: the review screens' logic and layout without a
 * terminal, against numbers worked out by hand: the period due under the
 * schedule, the orders of the table (unit, score, weakest first, change,
 * reversed; units without a report last), a row's cells, and the table
 * drawn at 80x24 over a database filled through the importer interface:
 * the units that have not reported in it, the columns kept while paging
 * through more units than fit, and the keys that sort and change period. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "i18n.h"
#include "review_db.h"
#include "review_period.h"
#include "testutil.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_review.h"
#include "ui_review_compare.h"
#include "ui_review_lists.h"
#include "ui_review_table.h"
#include "ui_review_unit.h"

static const schedule default_schedule = {25, {{6, 25}, {12, 25}}, 30};

static void test_due_period(void **state)
{
    (void)state;
    static const struct {
        profile p;
        const char *today, *want;
    } cases[] = {
        {PROFILE_MONTHLY, "2027-01-10", "2026-12"},   /* January is due on the 25th */
        {PROFILE_MONTHLY, "2026-11-26", "2026-11"},
        {PROFILE_MONTHLY, "2026-11-25", "2026-10"},   /* on its due day a period is not yet late */
        {PROFILE_HALFYEAR, "2027-01-10", "2026-H2"},  /* due 2026-12-25 */
        {PROFILE_HALFYEAR, "2026-12-25", "2026-H1"},
        {PROFILE_HALFYEAR, "2026-06-26", "2026-H1"},
        {PROFILE_HALFYEAR, "2026-06-25", "2025-H2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = ui_review_due_period(cases[i].p, cases[i].today, &default_schedule);
        assert_non_null(got);
        assert_string_equal(got, cases[i].want);
        free(got);
    }
}

/* A slot by hand: percent < 0 is a unit that has not reported. */
static review_slot slot(const char *code, double percent, bool has_change, double change)
{
    review_slot s = {0};
    s.unit_code = (char *)(uintptr_t)code;
    s.unit_name = (char *)(uintptr_t)"单位";
    s.reported = percent >= 0;
    s.percent = percent < 0 ? 0 : percent;
    s.has_change = has_change;
    s.change = change;
    s.complete = true;
    s.grade = s.grade_zh = s.verdict = s.last_reported = (char *)(uintptr_t)"";
    return s;
}

static void assert_order(const review_slot *s, size_t n, ui_review_order o, bool reverse, const char *want)
{
    size_t order[8];
    ui_review_sort(s, n, o, reverse, order);
    char got[64] = "";
    for (size_t i = 0; i < n; i++) {
        strcat(got, s[order[i]].unit_code);
        strcat(got, i + 1 < n ? " " : "");
    }
    assert_string_equal(got, want);
}

static void test_sort(void **state)
{
    (void)state;
    /* e: not reported; b and d tie on score; c has no change */
    const review_slot s[] = {
        slot("b", 70.0, true, -5.0), slot("e", -1, false, 0), slot("a", 90.0, true, 10.0),
        slot("d", 70.0, true, -12.5), slot("c", 55.5, false, 0),
    };
    assert_order(s, 5, UI_REVIEW_BY_UNIT, false, "a b c d e");
    assert_order(s, 5, UI_REVIEW_BY_UNIT, true, "e d c b a");
    assert_order(s, 5, UI_REVIEW_BY_SCORE, false, "a b d c e");
    assert_order(s, 5, UI_REVIEW_WEAKEST, false, "c b d a e");
    /* largest fall first: d -12.5, b -5.0, a +10.0; c without a change; e last */
    assert_order(s, 5, UI_REVIEW_BY_CHANGE, false, "d b a c e");
    /* reversed, but the units without a report stay last */
    assert_order(s, 5, UI_REVIEW_WEAKEST, true, "a d b c e");
    assert_order(s, 5, UI_REVIEW_BY_CHANGE, true, "a b d c e");
}

static void test_row_cells(void **state)
{
    (void)state;
    i18n_init("zh");
    char total[24], change[24], marks[96];
    const char *cells[7];
    review_slot s = slot("u1", 87.25, true, -2.54);
    s.grade = (char *)(uintptr_t)"good";
    s.grade_zh = (char *)(uintptr_t)"良好";
    s.verdict = (char *)(uintptr_t)"pass";
    s.key_revoked = true;
    ui_review_row_cells(&s, total, change, marks, cells);
    assert_string_equal(cells[2], "87.2%");   /* printf rounds 87.25 to even */
    assert_string_equal(cells[3], "良好");
    assert_string_equal(cells[4], "通过");
    assert_string_equal(cells[5], "-2.5");
    assert_string_equal(cells[6], "密钥已吊销");
    s = slot("u2", -1, false, 0);
    ui_review_row_cells(&s, total, change, marks, cells);
    assert_string_equal(cells[2], "-");
    assert_string_equal(cells[5], "");
    assert_string_equal(cells[6], "未报送");
    i18n_set_lang("en");
    s = slot("u3", 50.0, true, 0.04);
    s.grade = (char *)(uintptr_t)"fail";
    s.grade_zh = (char *)(uintptr_t)"不合格";
    s.verdict = (char *)(uintptr_t)"fail";
    s.complete = false;
    ui_review_row_cells(&s, total, change, marks, cells);
    assert_string_equal(cells[3], "fail");
    assert_string_equal(cells[5], "0.0");   /* never -0.0 or +0.0 */
    assert_string_equal(cells[6], "incomplete");
    i18n_set_lang("zh");
    char out[24];
    ui_review_format_change(-0.04, out);
    assert_string_equal(out, "0.0");
    ui_review_format_change(12.35, out);
    assert_string_equal(out, "+12.3");
}

/* ---- the table over a database ---- */

typedef struct fixture {
    char *dir;
    ui_context ctx;
    ui_review *rv;
} fixture;

static char *copy_of(const char *s)
{
    char *c = strdup(s);
    assert_non_null(c);
    return c;
}

/* Stores a report of one item, a-1, scoring percent / 100 of 1 point; a
 * finding due on `due` unless that is NULL. */
static void put_report(review_db *db, const char *unit, const char *period, double percent, const char *due)
{
    report_doc *d = calloc(1, sizeof *d);
    assert_non_null(d);
    char rid[64];
    snprintf(rid, sizeof rid, "%s-%s", unit, period);
    d->format = REPORT_FORMAT_CSV;
    d->format_version = 1;
    d->report_id = copy_of(rid);
    d->unit_code = copy_of(unit);
    d->unit_name = copy_of(unit);
    d->profile = copy_of(strchr(period, 'H') ? "halfyear" : "monthly");
    d->period = copy_of(period);
    d->assessor = copy_of("张三");
    d->completed_at = copy_of("2026-12-26T10:00:00");
    d->generated_at = copy_of("2026-12-26T10:00:00");
    d->tool_version = copy_of("0.1.0");
    d->signer_key_id = copy_of("00");
    d->signature_algo = copy_of("ed25519");
    d->complete = true;
    d->percent = percent;
    d->grade = copy_of(percent >= 60 ? "pass" : "fail");
    d->grade_zh = copy_of(percent >= 60 ? "合格" : "不合格");
    d->verdict = copy_of(percent >= 60 ? "pass" : "fail");
    d->items = calloc(1, sizeof *d->items);
    assert_non_null(d->items);
    d->item_count = 1;
    report_item *it = &d->items[0];
    it->checklist_id = copy_of("a");
    it->checklist_version = 1;
    it->item_id = copy_of("a-1");
    it->system_id = copy_of("");
    it->system_name = copy_of("");
    it->question_zh = copy_of("问题");
    it->severity = copy_of("high");
    it->weight = 1;
    it->state = copy_of("answered");
    it->answer = copy_of("yes");
    it->answer_text = copy_of("是");
    it->scored = true;
    it->score = percent / 100;
    it->max_score = 1;
    it->finding = due != NULL;
    it->note = copy_of("");
    it->owner = copy_of("");
    it->due = copy_of(due ? due : "");
    review_importer imp;
    review_db_importer(db, &imp);
    review_file file = {rid, rid, "csv"};
    char *err = NULL;
    assert_int_equal(imp.begin(imp.self, &err), 0);
    assert_int_equal(imp.store(imp.self, d, "00", rid, &file, 1, &err), REVIEW_STORED_NEW);
    assert_int_equal(imp.commit(imp.self, &err), 0);
    report_doc_free(d);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->dir = testutil_tempdir();
    setenv("SELFCHECK_NOW", "2027-01-10T09:00:00", 1);
    char *cfg = testutil_write(f->dir, "selfcheck.ini", "[ui]\nlang = zh\n");
    char *err = NULL;
    assert_int_equal(ui_context_init(&f->ctx, cfg, NULL, &err), 0);
    free(cfg);
    char path[4096];
    snprintf(path, sizeof path, "%s/review.db", f->dir);
    review_db *db;
    assert_int_equal(review_db_open(path, &db, &err), REVIEW_DB_OK);
    /* u01..u30: u01 and u02 as worked out below, the rest 80.0 in December */
    for (int u = 1; u <= 30; u++) {
        char code[8], name[64];
        snprintf(code, sizeof code, "u%02d", u);
        snprintf(name, sizeof name, u == 1 ? "市生态环境局办公室信息中心" : "单位%d", u);
        assert_int_equal(review_unit_add(db, code, name, NULL, NULL, &err), REVIEW_DB_OK);
        if (u >= 4)
            put_report(db, code, "2026-12", 80.0, NULL);
    }
    /* u01's a-1 is a finding in both months: due first on 2026-12-01, so
     * overdue on 2027-01-10 */
    put_report(db, "u01", "2026-11", 50.0, "2026-12-01");
    put_report(db, "u01", "2026-12", 62.5, "2027-02-01");   /* +12.5 */
    /* u02's is gone in its next report: resolved, not shown */
    put_report(db, "u02", "2026-10", 90.0, "2026-10-31");
    put_report(db, "u02", "2026-12", 95.0, NULL);   /* no November: no change */
    /* u03 has not reported December */
    f->rv = ui_review_new(&f->ctx, db, &default_schedule, &err);
    assert_non_null(f->rv);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    ui_review_free(f->rv);
    ui_context_free(&f->ctx);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f);
    return 0;
}

static char *row_text(const ui_canvas *c, int row)
{
    char *t = ui_canvas_row_text(c, row);
    assert_non_null(t);
    return t;
}

static void assert_row(const ui_canvas *c, int row, const char *want)
{
    char *t = row_text(c, row);
    assert_string_equal(t, want);
    free(t);
}

static bool row_has(const ui_canvas *c, int row, const char *needle)
{
    char *t = row_text(c, row);
    bool found = strstr(t, needle) != NULL;
    if (!found)
        fprintf(stderr, "row %d: '%s' lacks '%s'\n", row, t, needle);
    free(t);
    return found;
}

static void test_table_render(void **state)
{
    fixture *f = *state;
    ui_review_table *t = ui_review_table_new(f->rv);
    assert_non_null(t);
    assert_null(t->error);
    assert_int_equal(t->count, 30);
    assert_int_equal(t->reported, 29);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_review_table_render(t, &c);
    assert_row(&c, 0, " 审核 月度检查 2026-12                                               2027-01-10");
    assert_row(&c, 1, " 30 个单位：已报送 29 个，未报送 1 个");
    /* the columns are as wide as the widest cell of all 30 units: the
     * name of u01 (26 columns), totals of five ("-" for u03 on the right),
     * the marks as wide as 未报送 */
    assert_row(&c, 2, "  单位代码  单位名称                     总分  等级  结论  较上期  标记");
    assert_row(&c, 3, "> u01       市生态环境局办公室信息中心  62.5%  合格  通过   +12.5");
    assert_row(&c, 4, "  u02       单位2                       95.0%  合格  通过");
    assert_row(&c, 5, "  u03       单位3                           -                      未报送");
    /* 18 rows fit (rows 3..20); the mark says more are below */
    assert_row(&c, 20, "  u18       单位18                      80.0%  合格  通过                      v");
    assert_row(&c, 21, " 排序：u 单位  s 得分  w 最弱在前  c 变化  r 倒序（现为：单位）");

    /* End: the last unit selected, the page scrolled, the columns kept */
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_END)), UI_ACT_REDRAW);
    ui_canvas_reset(&c, 24, 80);
    ui_review_table_render(t, &c);
    assert_row(&c, 2, "  单位代码  单位名称                     总分  等级  结论  较上期  标记");
    assert_row(&c, 3, "  u13       单位13                      80.0%  合格  通过                      ^");
    assert_row(&c, 20, "> u30       单位30                      80.0%  合格  通过");

    /* weakest first: u01 62.5, then the 80.0s by code, u02 95.0, u03 last */
    assert_int_equal(ui_review_table_key(t, ui_key_char('w')), UI_ACT_REDRAW);
    ui_canvas_reset(&c, 24, 80);
    ui_review_table_render(t, &c);
    char *r3 = row_text(&c, 3), *r4 = row_text(&c, 4);
    assert_non_null(strstr(r3, "> u01"));
    assert_non_null(strstr(r4, "  u04"));
    free(r3);
    free(r4);
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_END)), UI_ACT_REDRAW);
    const review_slot *last = ui_review_table_chosen(t);
    assert_string_equal(last->unit_code, "u03");
    assert_false(last->reported);
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_UP)), UI_ACT_REDRAW);
    assert_string_equal(ui_review_table_chosen(t)->unit_code, "u02");

    /* November: only u01 reported it, 50.0, its first report: no change */
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_LEFT)), UI_ACT_REDRAW);
    assert_string_equal(ui_review_period(f->rv), "2026-11");
    assert_int_equal(t->reported, 1);
    /* the selection stays on u02 */
    assert_string_equal(ui_review_table_chosen(t)->unit_code, "u02");
    /* October is the first period reported: nothing before it */
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_LEFT)), UI_ACT_REDRAW);
    assert_string_equal(ui_review_period(f->rv), "2026-10");
    ui_review_table_key(t, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(ui_review_period(f->rv), "2026-10");
    /* and not past the period containing today (2027-01) */
    for (int i = 0; i < 5; i++)
        ui_review_table_key(t, ui_key_make(UI_KEY_RIGHT));
    assert_string_equal(ui_review_period(f->rv), "2027-01");
    assert_int_equal(t->reported, 0);

    /* Enter opens the unit chosen */
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_HOME)), UI_ACT_REDRAW);
    assert_int_equal(ui_review_table_key(t, ui_key_make(UI_KEY_ENTER)), UI_ACT_REVIEW_UNIT);
    assert_non_null(f->rv->unit);
    assert_int_equal(ui_review_table_key(t, ui_key_char('q')), UI_ACT_QUIT);
    ui_canvas_free(&c);
    ui_review_table_free(t);
}

static void test_labels(void **state)
{
    (void)state;
    char out[8], score[48];
    ui_review_period_label("2026-11", out);
    assert_string_equal(out, "11");
    ui_review_period_label("2026-H2", out);
    assert_string_equal(out, "26H2");
    ui_review_item_score(true, 0.5, 2, score);
    assert_string_equal(score, "0.5/2");
    ui_review_item_score(false, 0, 0, score);
    assert_string_equal(score, "-");
}

static void test_unit_render(void **state)
{
    fixture *f = *state;
    assert_int_equal(ui_review_open_unit(f->rv, "u01", "市生态环境局办公室信息中心"), 0);
    ui_review_unit *u = ui_review_unit_new(f->rv);
    assert_non_null(u);
    assert_null(u->error);
    assert_int_equal(u->points, 2);
    assert_int_equal(u->at, 1);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_review_unit_render(u, &c);
    assert_row(&c, 0, " 单位 u01 市生态环境局办公室信息中心 · 月度检查 2026-12              2027-01-10");
    assert_row(&c, 1, " 总分 62.5% · 合格 · 通过 · 较上期 +12.5");
    assert_row(&c, 3, " 各检查表得分                            历次总分");
    /* 0.625 of 12 cells is 7.5: rounded to 8 */
    assert_row(&c, 4, " a              [########....]  62.5%");
    /* five rows of bars: 50.0 is 2.5 rows high, rounded up to 3, 62.5 is 3.125, up to 4;
     * below them each period's total, then its label (December's, shown, selected) */
    assert_row(&c, 4, " a              [########....]  62.5%");
    assert_row(&c, 5, "                                               #####");
    assert_row(&c, 6, "                                         ##### #####");
    assert_row(&c, 8, "                                         ##### #####");
    assert_row(&c, 9, "                                         50.0  62.5");
    assert_row(&c, 10, "                                         11    12");
    assert_int_equal(ui_canvas_role_at(&c, 10, 47), UI_ROLE_SELECTED);
    assert_int_equal(ui_canvas_role_at(&c, 10, 41), UI_ROLE_DIM);
    assert_row(&c, 12, " 未整改问题：1 项，其中逾期 1 项");
    assert_row(&c, 13, "  检查项  检查内容  责任人  整改期限    状态");
    assert_row(&c, 14, "> a-1     问题      -       2026-12-01  已逾期");
    assert_int_equal(ui_canvas_role_at(&c, 14, 36), UI_ROLE_SELECTED);

    /* Left: November, its first report: 50.0, no change; c compares it with the report after it */
    assert_int_equal(ui_review_unit_key(u, ui_key_make(UI_KEY_LEFT)), UI_ACT_REDRAW);
    assert_string_equal(ui_review_period(f->rv), "2026-11");
    ui_canvas_reset(&c, 24, 80);
    ui_review_unit_render(u, &c);
    assert_row(&c, 1, " 总分 50.0% · 不合格 · 不通过 · 较上期 -");
    assert_int_equal(ui_review_unit_key(u, ui_key_char('c')), UI_ACT_REVIEW_COMPARE);
    assert_string_equal(f->rv->compare_with, "2026-11");
    assert_string_equal(f->rv->compare_later, "2026-12");
    assert_int_equal(ui_review_unit_key(u, ui_key_make(UI_KEY_LEFT)), UI_ACT_REDRAW);
    assert_string_equal(ui_review_period(f->rv), "2026-11");
    /* back to December, and c compares it with November */
    ui_review_unit_key(u, ui_key_make(UI_KEY_RIGHT));
    assert_string_equal(ui_review_period(f->rv), "2026-12");
    assert_int_equal(ui_review_unit_key(u, ui_key_char('c')), UI_ACT_REVIEW_COMPARE);
    assert_string_equal(f->rv->compare_with, "2026-11");
    assert_string_equal(f->rv->compare_later, "2026-12");

    ui_review_compare *x = ui_review_compare_new(f->rv);
    assert_non_null(x);
    assert_null(x->error);
    ui_canvas_reset(&c, 24, 80);
    ui_review_compare_render(x, &c);
    /* the period Left and Right move is in brackets */
    assert_row(&c, 0, " 两期对比 u01 市生态环境局办公室信息中心：[2026-11] 与 2026-12       2027-01-10");
    assert_row(&c, 1, " 改善 1 项 · 退步 0 项 · 新增 0 项 · 减少 0 项 · 不变 0 项");
    assert_row(&c, 2, "  检查项  检查内容  2026-11  2026-12  变化");
    assert_row(&c, 3, "> a/a-1   问题        0.5/1  0.625/1  改善");
    /* no earlier report to compare with, and the earlier never reaches the later */
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(f->rv->compare_with, "2026-11");
    ui_review_compare_key(x, ui_key_make(UI_KEY_RIGHT));
    assert_string_equal(f->rv->compare_with, "2026-11");
    /* Tab: Left and Right move the later one, never onto the earlier */
    assert_int_equal(ui_review_compare_key(x, ui_key_make(UI_KEY_TAB)), UI_ACT_REDRAW);
    ui_canvas_reset(&c, 24, 80);
    ui_review_compare_render(x, &c);
    assert_row(&c, 0, " 两期对比 u01 市生态环境局办公室信息中心：2026-11 与 [2026-12]       2027-01-10");
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(f->rv->compare_later, "2026-12");
    assert_int_equal(ui_review_compare_key(x, ui_key_make(UI_KEY_ESC)), UI_ACT_REVIEW_UNIT);
    ui_review_compare_free(x);

    /* u03 has not reported: said so, and nothing to compare */
    assert_int_equal(ui_review_open_unit(f->rv, "u03", "单位3"), 0);
    ui_review_unit_free(u);
    u = ui_review_unit_new(f->rv);
    assert_non_null(u);
    ui_canvas_reset(&c, 24, 80);
    ui_review_unit_render(u, &c);
    assert_row(&c, 1, " 2026-12 未报送（尚无报告）");
    assert_row(&c, 12, " 未整改问题：0 项，其中逾期 0 项");
    assert_row(&c, 13, "  没有未整改问题。");
    assert_int_equal(ui_review_unit_key(u, ui_key_char('c')), UI_ACT_REDRAW);
    assert_string_equal(f->ctx.message, "该单位本检查的报告不足两期，无法对比。");
    assert_int_equal(ui_review_unit_key(u, ui_key_char('q')), UI_ACT_REVIEW_TABLE);
    ui_review_unit_free(u);
    ui_canvas_free(&c);
}


/* Two periods chosen among four, both ways round: the kinds follow the
 * order of the two (the earlier left), and what improved from the earlier
 * to the later is counted so whichever period moved. */
static void test_compare_chosen_periods(void **state)
{
    fixture *f = *state;
    /* u04: 80.0 in December (setup); September 40.0 with a finding, October 100.0, November 20.0 */
    put_report(f->rv->db, "u04", "2026-09", 40.0, "2026-10-01");
    put_report(f->rv->db, "u04", "2026-10", 100.0, NULL);
    put_report(f->rv->db, "u04", "2026-11", 20.0, "2026-12-01");
    assert_int_equal(ui_review_open_unit(f->rv, "u04", "单位4"), 0);
    ui_review_unit *u = ui_review_unit_new(f->rv);
    assert_non_null(u);
    /* the default: the period shown (December, the latest) and the one before */
    assert_int_equal(ui_review_unit_key(u, ui_key_char('c')), UI_ACT_REVIEW_COMPARE);
    ui_review_compare *x = ui_review_compare_new(f->rv);
    assert_non_null(x);
    assert_string_equal(f->rv->compare_with, "2026-11");
    assert_string_equal(ui_review_compare_later(x), "2026-12");
    assert_int_equal(x->kinds[REVIEW_IMPROVED], 1);   /* 0.2 -> 0.8 */
    /* the earlier back to October: 1.0 -> 0.8 regressed */
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(f->rv->compare_with, "2026-10");
    assert_int_equal(x->kinds[REVIEW_REGRESSED], 1);
    assert_int_equal(x->kinds[REVIEW_IMPROVED], 0);
    /* the later back to November: October 1.0 -> November 0.2 regressed */
    ui_review_compare_key(x, ui_key_make(UI_KEY_TAB));
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(ui_review_compare_later(x), "2026-11");
    assert_int_equal(x->kinds[REVIEW_REGRESSED], 1);
    /* not onto the earlier */
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(ui_review_compare_later(x), "2026-11");
    /* the earlier to September: 0.4 -> 0.2 regressed, then the later to October: 0.4 -> 1.0 improved */
    ui_review_compare_key(x, ui_key_make(UI_KEY_BTAB));
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(f->rv->compare_with, "2026-09");
    assert_int_equal(x->kinds[REVIEW_REGRESSED], 1);
    ui_review_compare_key(x, ui_key_make(UI_KEY_TAB));
    ui_review_compare_key(x, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(ui_review_compare_later(x), "2026-10");
    assert_int_equal(x->kinds[REVIEW_IMPROVED], 1);
    assert_int_equal(x->kinds[REVIEW_REGRESSED], 0);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_review_compare_render(x, &c);
    assert_true(row_has(&c, 0, "2026-09 与 [2026-10]"));
    assert_row(&c, 2, "  检查项  检查内容  2026-09  2026-10  变化");
    assert_row(&c, 3, "> a/a-1   问题        0.4/1      1/1  改善");
    ui_canvas_free(&c);
    ui_review_compare_free(x);
    /* a unit not reporting the period shown: its latest report and the one before */
    assert_int_equal(ui_review_show_period(f->rv, "2027-01"), 0);
    ui_review_unit_free(u);
    u = ui_review_unit_new(f->rv);
    assert_non_null(u);
    assert_int_equal(ui_review_unit_key(u, ui_key_char('c')), UI_ACT_REVIEW_COMPARE);
    assert_string_equal(f->rv->compare_with, "2026-11");
    assert_string_equal(f->rv->compare_later, "2026-12");
    ui_review_unit_free(u);
}

/* Thirteen months at 80x24: the newest six that fit with their totals
 * whole, said in the title; stepping back keeps the period shown in view. */
static void test_unit_trend_of_many_periods(void **state)
{
    fixture *f = *state;
    static const char *const months[] = {"2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05",
                                         "2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"};
    for (size_t i = 0; i < 12; i++)
        put_report(f->rv->db, "u05", months[i], 100.0 - 5.0 * (double)i, NULL);
    assert_int_equal(ui_review_open_unit(f->rv, "u05", "单位5"), 0);
    ui_review_unit *u = ui_review_unit_new(f->rv);
    assert_non_null(u);
    assert_int_equal(u->points, 13);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_review_unit_render(u, &c);
    assert_true(row_has(&c, 3, "历次总分（共 13 期，显示 6 期）"));
    /* 2026-07 .. 2026-11 are 65.0 .. 45.0, December 80.0 */
    assert_row(&c, 9, "                                         65.0  60.0  55.0  50.0  45.0  80.0");
    assert_row(&c, 10, "                                         07    08    09    10    11    12");
    for (int i = 0; i < 8; i++)
        ui_review_unit_key(u, ui_key_make(UI_KEY_LEFT));
    assert_string_equal(ui_review_period(f->rv), "2026-04");
    ui_canvas_reset(&c, 24, 80);
    ui_review_unit_render(u, &c);
    assert_row(&c, 9, "                                         100.0 95.0  90.0  85.0  80.0  75.0");
    assert_row(&c, 10, "                                         12    01    02    03    04    05");
    assert_int_equal(ui_canvas_role_at(&c, 10, 41 + 4 * 6), UI_ROLE_SELECTED);
    ui_canvas_free(&c);
    ui_review_unit_free(u);
}

static void test_lists_render(void **state)
{
    fixture *f = *state;
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);

    /* who has not reported: December, u03 (never); 2026-H2, all 30 (none ever did) */
    ui_review_list *l = ui_review_list_new(f->rv, UI_REVIEW_LIST_MISSING);
    assert_non_null(l);
    assert_null(l->error);
    assert_int_equal(l->counts[0], 1);
    assert_int_equal(l->counts[1], 30);
    ui_review_list_render(l, &c);
    assert_row(&c, 2, "  单位代码  单位名称                    报送期限    最近报送  缺报期数");
    assert_row(&c, 3, "月度检查 2026-12：1 个单位未报送");
    assert_row(&c, 4, "> u03       单位3                       2026-12-25  从未报送         1");
    assert_row(&c, 5, "半年检查 2026-H2：30 个单位未报送");
    assert_true(row_has(&c, 6, "u01       市生态环境局办公室信息中心  2026-12-25  从未报送         1"));
    assert_int_equal(ui_review_list_key(l, ui_key_make(UI_KEY_ESC)), UI_ACT_REVIEW_TABLE);
    ui_review_list_free(l);

    /* follow-up: u01's a-1 overdue (due first 2026-12-01), u02's resolved in December */
    l = ui_review_list_new(f->rv, UI_REVIEW_LIST_FOLLOWUP);
    assert_non_null(l);
    ui_canvas_reset(&c, 24, 80);
    ui_review_list_render(l, &c);
    assert_row(&c, 1, " 共 2 项问题：逾期 1 项，未到期 0 项，已整改 1 项（今天 2027-01-10）");
    assert_row(&c, 3, "逾期未整改：1 项");
    assert_true(row_has(&c, 4, "> u01       a-1     问题"));
    assert_true(row_has(&c, 4, "2026-12-01  2026-11  -"));
    assert_row(&c, 5, "已整改：1 项");
    assert_true(row_has(&c, 6, "2026-10-31  2026-10  2026-12"));
    ui_review_list_free(l);

    /* items of December: a-1 is a finding of u01 alone, of the 29 reports */
    l = ui_review_list_new(f->rv, UI_REVIEW_LIST_ITEMS);
    assert_non_null(l);
    ui_canvas_reset(&c, 24, 80);
    ui_review_list_render(l, &c);
    assert_row(&c, 1, " 1 个检查项有单位不符合，不符合单位多的在前");
    assert_true(row_has(&c, 3, "> a/a-1"));
    assert_true(row_has(&c, 3, "1          29"));
    assert_row(&c, 17, " 不符合 a/a-1 的单位：29 个中有 1 个");
    assert_row(&c, 18, "  u01 市生态环境局办公室信息中心");
    /* November: u01 only, and its a-1 a finding too */
    assert_int_equal(ui_review_list_key(l, ui_key_make(UI_KEY_LEFT)), UI_ACT_REDRAW);
    ui_canvas_reset(&c, 24, 80);
    ui_review_list_render(l, &c);
    assert_row(&c, 17, " 不符合 a/a-1 的单位：1 个中有 1 个");
    ui_review_list_free(l);
    ui_canvas_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_period),
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_row_cells),
        cmocka_unit_test_setup_teardown(test_table_render, setup, teardown),
        cmocka_unit_test(test_labels),
        cmocka_unit_test_setup_teardown(test_unit_render, setup, teardown),
        cmocka_unit_test_setup_teardown(test_compare_chosen_periods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unit_trend_of_many_periods, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lists_render, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
