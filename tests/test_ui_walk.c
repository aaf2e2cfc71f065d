/* test_ui_walk.c: the screens' logic without a terminal, on a real session
 * over a small checklist: answering keys, the owner/due chain of a finding,
 * number and date input refused with a message, a Chinese note stored
 * intact, taking over last time's answer, search, the layout at 80x24 and
 * 120x40, the summary's order, the export command, start and setup. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <sqlite3.h>

#include "store.h"
#include "testutil.h"
#include "testutil_walk.h"
#include "ident.h"
#include "text.h"
#include "ui_context.h"
#include "ui_export.h"
#include "ui_setup.h"
#include "ui_start.h"
#include "ui_summary.h"
#include "ui_systems.h"
#include "ui_walk.h"

static const char checklist_ini[] =
    "[checklist]\nid = t\nversion = 1\ntitle_zh = 测试清单\ntitle_en = Test list\n\n"
    "[item.q-yes]\nquestion_zh = 是否每天备份？\nquestion_en = Backed up daily?\n"
    "source = 004 二(四)5\ntype = yesno\nallow = partial, na\nseverity = high\nprofiles = monthly\n\n"
    "[item.q-choice]\nquestion_zh = 备份频率？\nquestion_en = How often?\nsource = 004\n"
    "type = choice\nchoices = daily, weekly\nchoice.daily.score = 1\nchoice.daily.zh = 每天\n"
    "choice.daily.en = Daily\nchoice.weekly.score = 0.5\nchoice.weekly.zh = 每周\n"
    "choice.weekly.en = Weekly\nseverity = medium\nprofiles = monthly\n\n"
    "[item.q-days]\nquestion_zh = 病毒库距上次更新多少天？\nquestion_en = Days since the update?\n"
    "source = 000\ntype = number\nmin = 0\nmax = 365\nfull = 7\npartial = 30\nunit_zh = 天\n"
    "unit_en = days\nseverity = high\nprofiles = monthly\n\n"
    "[item.q-date]\nquestion_zh = 最近一次恢复测试的日期？\nquestion_en = Date of the last restore test?\n"
    "source = 004\ntype = date\nmax_age_days = 365\nallow = never\nseverity = low\nprofiles = monthly\n\n"
    "[item.q-sys]\nquestion_zh = 该系统是否没有未修复的高危漏洞？\nquestion_en = Is the system free of high-risk flaws?\n"
    "source = 000\ntype = yesno\nseverity = critical\nprofiles = monthly\nscope = system\n\n"
    "[item.q-text]\nquestion_zh = 其他说明\nquestion_en = Other remarks\nsource = 004\ntype = text\n"
    "profiles = monthly\n";

typedef testutil_walk fixture;

static int fixture_setup(void **state)
{
    *state = testutil_walk_new(checklist_ini, "oa", "办公自动化系统");
    return 0;
}

static int fixture_teardown(void **state)
{
    testutil_walk_free(*state);
    return 0;
}

/* The whole canvas as text, one row per line. Caller frees. */
static char *canvas_text(const ui_canvas *c)
{
    return testutil_canvas_text(c);
}

/* Answers the first item of PERIOD with yes, then closes the assessment. */
static void answer_first(fixture *f, const char *period)
{
    testutil_walk_open(f, period);
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    ui_walk_key(w, ui_key_char('y'));
    ui_walk_free(w);
    ui_context_close(&f->ctx);
}

/* The start screen laid out at 80x24, as text. Caller frees. */
static char *start_text(ui_start *st)
{
    ui_canvas c = {0};
    ui_canvas_reset(&c, 24, 80);
    ui_start_render(st, &c);
    char *all = canvas_text(&c);
    ui_canvas_free(&c);
    return all;
}

static void test_yes_commits_and_advances(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, -1);
    assert_int_equal(w->current, 0);
    assert_int_equal(ui_walk_key(w, ui_key_char('y')), UI_ACT_REDRAW);
    assert_string_equal(testutil_walk_answer(f, 0)->value, "yes");
    assert_int_equal(w->current, 1);
    /* ｙ from an input method in full-width mode works the same */
    ui_walk_goto(w, 0);
    ui_walk_key(w, ui_key_char(0xFF50));   /* ｐ: partial */
    assert_string_equal(testutil_walk_answer(f, 0)->value, "partial");
    ui_walk_free(w);
    /* a new session (a restart) finds it stored and resumes after it */
    testutil_walk_open(f, "2026-11");
    assert_string_equal(testutil_walk_answer(f, 0)->value, "partial");
    w = ui_walk_new(&f->ctx, -1);
    assert_int_equal(w->current, 1);
    ui_walk_free(w);
}

static void test_finding_asks_owner_then_due(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    ui_walk_key(w, ui_key_char('n'));
    assert_true(w->editing);
    assert_int_equal(w->focus, UI_FOCUS_OWNER);
    assert_int_equal(w->current, 0);
    testutil_type(w, "王五");
    testutil_press(w, UI_KEY_ENTER);
    assert_string_equal(testutil_walk_answer(f, 0)->owner, "王五");
    assert_true(w->editing);
    assert_int_equal(w->focus, UI_FOCUS_DUE);
    char *due = ui_field_text(&w->field);
    assert_string_equal(due, "2026-12-21");   /* the schedule's default, shown to confirm */
    free(due);
    testutil_press(w, UI_KEY_ENTER);
    assert_false(w->editing);
    assert_int_equal(w->current, 1);
    assert_string_equal(testutil_walk_answer(f, 0)->due, "2026-12-21");
    /* Esc skips the chain and stays */
    ui_walk_key(w, ui_key_char('2'));
    assert_string_equal(testutil_walk_answer(f, 1)->value, "weekly");
    assert_true(w->editing);
    testutil_press(w, UI_KEY_ESC);
    assert_false(w->editing);
    assert_int_equal(w->current, 1);
    ui_walk_free(w);
}

static void test_choice_by_arrows(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 1);
    testutil_press(w, UI_KEY_RIGHT);
    assert_int_equal(w->choice, 1);
    testutil_press(w, UI_KEY_RIGHT);
    assert_int_equal(w->choice, 0);
    testutil_press(w, UI_KEY_ENTER);
    assert_string_equal(testutil_walk_answer(f, 1)->value, "daily");
    assert_int_equal(w->current, 2);
    /* a digit with no such choice is refused with a message */
    ui_walk_goto(w, 1);
    ui_walk_key(w, ui_key_char('7'));
    assert_string_equal(testutil_walk_answer(f, 1)->value, "daily");
    assert_non_null(f->ctx.message);
    ui_walk_free(w);
}

static void test_number_validated_in_place(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 2);
    testutil_type(w, "5x");
    assert_true(w->editing);
    testutil_press(w, UI_KEY_ENTER);
    assert_non_null(w->error);
    assert_non_null(strstr(w->error, "请输入一个数字"));
    assert_true(w->editing);
    assert_null(testutil_walk_answer(f, 2));
    ui_walk_key(w, ui_key_char(0x15));   /* Ctrl-U */
    testutil_type(w, "400");
    testutil_press(w, UI_KEY_ENTER);
    assert_non_null(strstr(w->error, "0 到 365 天"));
    /* the layout shows the message under the field */
    ui_canvas c = {0};
    ui_canvas_reset(&c, 24, 80);
    ui_walk_render(w, &c);
    char *all = canvas_text(&c);
    assert_non_null(strstr(all, "! 数字须在 0 到 365 天之间。"));
    assert_true(c.cursor_row >= 0);
    free(all);
    ui_canvas_free(&c);
    /* the message goes as soon as the text is changed */
    testutil_press(w, UI_KEY_BACKSPACE);
    assert_null(w->error);
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "３");   /* full-width digit from an input method */
    testutil_press(w, UI_KEY_ENTER);
    assert_null(w->error);
    assert_string_equal(testutil_walk_answer(f, 2)->value, "3");
    assert_int_equal(w->current, 3);
    ui_walk_free(w);
}

static void test_date_validated_in_place(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    testutil_type(w, "2027-01-01");
    testutil_press(w, UI_KEY_ENTER);
    assert_non_null(strstr(w->error, "不能晚于今天（2026-11-21）"));
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "2026-02-30");
    testutil_press(w, UI_KEY_ENTER);
    assert_non_null(strstr(w->error, "2026年3月31日"));
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "２０２６／１１／１");
    testutil_press(w, UI_KEY_ENTER);
    assert_null(w->error);
    assert_string_equal(testutil_walk_answer(f, 3)->value, "2026-11-01");
    /* in English the message is English */
    ui_context_toggle_lang(&f->ctx);
    ui_walk_goto(w, 3);
    testutil_type(w, "3");
    testutil_press(w, UI_KEY_ENTER);
    assert_non_null(strstr(w->error, "is not a date: write 2026-03-31"));
    ui_context_toggle_lang(&f->ctx);
    ui_walk_free(w);
}

/* n answers "never" where the item allows it, and is refused with the
 * allowed answers where it does not; typing 从未 works too. */
static void test_never_key(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 2);   /* q-days: no allow = never */
    ui_walk_key(w, ui_key_char('n'));
    assert_false(w->editing);
    assert_null(testutil_walk_answer(f, 2));
    assert_non_null(strstr(f->ctx.message, "0..365"));

    ui_walk_goto(w, 3);   /* q-date: allow = never */
    ui_canvas c = {0};
    ui_canvas_reset(&c, 24, 80);
    ui_walk_render(w, &c);
    char *all = canvas_text(&c);
    assert_non_null(strstr(all, "n 从未"));
    free(all);
    ui_walk_key(w, ui_key_char('n'));
    assert_string_equal(testutil_walk_answer(f, 3)->value, "never");
    assert_true(f->ctx.session->score->instances[3].score == 0);
    /* scored 0: a finding, so the owner is asked for */
    assert_int_equal(w->focus, UI_FOCUS_OWNER);
    testutil_press(w, UI_KEY_ESC);

    ui_walk_goto(w, 3);
    testutil_type(w, "2026-11-01");
    testutil_press(w, UI_KEY_ENTER);
    assert_string_equal(testutil_walk_answer(f, 3)->value, "2026-11-01");
    ui_walk_goto(w, 3);
    testutil_press(w, UI_KEY_ENTER);   /* edit the answer and type the word */
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "从未");
    testutil_press(w, UI_KEY_ENTER);
    assert_null(w->error);
    assert_string_equal(testutil_walk_answer(f, 3)->value, "never");
    ui_canvas_free(&c);
    ui_walk_free(w);
}

static void test_chinese_note_stored_intact(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 5);
    const char *note = "机房巡检：已核对门禁记录（含周末）";
    testutil_press(w, UI_KEY_TAB);
    assert_int_equal(w->focus, UI_FOCUS_NOTE);
    testutil_press(w, UI_KEY_ENTER);
    testutil_type(w, note);
    /* the cursor moves over whole characters */
    testutil_press(w, UI_KEY_LEFT);
    testutil_press(w, UI_KEY_BACKSPACE);
    testutil_type(w, "末");
    testutil_press(w, UI_KEY_ENTER);
    assert_string_equal(testutil_walk_answer(f, 5)->note, note);
    /* text being typed when the screen is left is kept */
    testutil_press(w, UI_KEY_ENTER);
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "未按回车");
    ui_walk_flush(w);
    assert_string_equal(testutil_walk_answer(f, 5)->note, "未按回车");
    ui_walk_free(w);
}

static void test_take_over_previous(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-10");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    ui_walk_key(w, ui_key_char('y'));
    ui_walk_free(w);
    testutil_walk_open(f, "2026-11");
    w = ui_walk_new(&f->ctx, 0);
    assert_null(testutil_walk_answer(f, 0));
    ui_canvas c = {0};
    ui_canvas_reset(&c, 24, 80);
    ui_walk_render(w, &c);
    char *all = canvas_text(&c);
    assert_non_null(strstr(all, "上次（2026-10）：是"));
    assert_non_null(strstr(all, "按 c 沿用"));
    free(all);
    /* taking it over is one explicit key, never automatic */
    ui_walk_key(w, ui_key_char('c'));
    assert_string_equal(testutil_walk_answer(f, 0)->value, "yes");
    /* no previous answer: a message, nothing stored */
    ui_walk_goto(w, 1);
    ui_walk_key(w, ui_key_char('c'));
    assert_null(testutil_walk_answer(f, 1));
    assert_non_null(f->ctx.message);
    ui_canvas_free(&c);
    ui_walk_free(w);
}

static void test_search_and_unanswered(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    ui_walk_key(w, ui_key_char('/'));
    assert_true(w->searching);
    testutil_type(w, "漏洞");
    testutil_press(w, UI_KEY_ENTER);
    assert_false(w->searching);
    assert_int_equal(w->current, 4);
    ui_walk_key(w, ui_key_char('/'));
    testutil_type(w, "restore");
    testutil_press(w, UI_KEY_ENTER);
    assert_int_equal(w->current, 3);
    ui_walk_key(w, ui_key_char('/'));
    testutil_type(w, "不存在的问题");
    testutil_press(w, UI_KEY_ENTER);
    assert_int_equal(w->current, 3);
    assert_non_null(strstr(f->ctx.message, "没有找到"));
    ui_walk_goto(w, 0);
    ui_walk_key(w, ui_key_char('y'));
    ui_walk_goto(w, 0);
    ui_walk_key(w, ui_key_char('u'));
    assert_int_equal(w->current, 1);
    testutil_press(w, UI_KEY_END);
    assert_int_equal(w->current, 5);
    testutil_press(w, UI_KEY_HOME);
    assert_int_equal(w->current, 0);
    ui_walk_key(w, ui_key_char('j'));
    assert_int_equal(w->current, 1);
    assert_int_equal(ui_walk_key(w, ui_key_char('s')), UI_ACT_SUMMARY);
    assert_int_equal(ui_walk_key(w, ui_key_char('?')), UI_ACT_HELP);
    assert_int_equal(ui_walk_key(w, ui_key_char('q')), UI_ACT_QUIT);
    ui_walk_free(w);
}

static void check_layout(fixture *f, int rows, int cols)
{
    ui_walk *w = ui_walk_new(&f->ctx, 4);
    ui_canvas c = {0};
    ui_canvas_reset(&c, rows, cols);
    ui_walk_render(w, &c);
    char *all = canvas_text(&c);
    assert_non_null(strstr(all, "系统：办公自动化系统"));
    assert_non_null(strstr(all, "该系统是否没有未修复的高"));
    assert_non_null(strstr(all, "重要程度 关键"));
    assert_non_null(strstr(all, "测试清单"));
    for (int r = 0; r < c.rows; r++) {
        char *row = ui_canvas_row_text(&c, r);
        assert_true((int)text_width(row) <= cols);
        free(row);
    }
    /* the status bar: progress and live score, always */
    char *last = ui_canvas_row_text(&c, rows - 1);
    assert_non_null(strstr(last, "/6 \xC2\xB7 "));
    free(last);
    free(all);
    ui_canvas_free(&c);
    ui_walk_free(w);
}

static void test_layout_80x24_and_120x40(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    check_layout(f, 24, 80);
    check_layout(f, 40, 120);
}

static void test_summary_critical_first(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    ui_walk_key(w, ui_key_char('n'));     /* q-yes: a finding */
    testutil_press(w, UI_KEY_ESC);
    ui_walk_goto(w, 4);
    ui_walk_key(w, ui_key_char('n'));     /* q-sys: a critical failure */
    testutil_press(w, UI_KEY_ESC);
    ui_walk_free(w);
    size_t *list = NULL;
    size_t n = ui_summary_findings(f->ctx.session, &list);
    assert_int_equal(n, 2);
    assert_int_equal(list[0], 4);
    assert_int_equal(list[1], 0);
    free(list);
    ui_summary *sum = ui_summary_new(&f->ctx);
    ui_canvas c = {0};
    ui_canvas_reset(&c, 24, 80);
    ui_summary_render(sum, &c);
    char *all = canvas_text(&c);
    /* half the items answered, one critical failure: no grade, no verdict yet */
    assert_non_null(strstr(all, "结论：未完成"));
    assert_null(strstr(all, "结论：通过"));
    assert_null(strstr(all, "结论：不通过"));
    assert_non_null(strstr(all, "等级：-"));
    assert_non_null(strstr(all, "关键项不合格（1 项"));
    assert_true(strstr(all, "关键项不合格（1 项") < strstr(all, "问题项（1 项"));
    const score_result *r = f->ctx.session->score;
    char total[48];
    snprintf(total, sizeof total, "暂计 %.1f%%", r->percent);
    assert_non_null(strstr(all, total));
    free(all);
    /* Enter goes back to the chosen finding */
    assert_int_equal(ui_summary_key(sum, ui_key_make(UI_KEY_DOWN)), UI_ACT_REDRAW);
    assert_int_equal(ui_summary_key(sum, ui_key_make(UI_KEY_ENTER)), UI_ACT_WALK);
    assert_int_equal(sum->jump, 0);
    assert_int_equal(ui_summary_key(sum, ui_key_char('e')), UI_ACT_EXPORT);
    ui_canvas_free(&c);
    ui_summary_free(sum);
}

static void test_start_lists_due_and_unfinished(void **state)
{
    fixture *f = *state;
    answer_first(f, "2026-11");
    ui_start *st = ui_start_new(&f->ctx);
    assert_null(st->error);
    const ui_start_entry *e = ui_start_chosen(st);
    assert_non_null(e);
    assert_int_equal(e->profile, PROFILE_MONTHLY);
    assert_string_equal(e->period, "2026-11");
    assert_int_equal(e->status, UI_STATUS_OPEN);
    assert_int_equal(e->answered, 1);
    assert_string_equal(e->due, "2026-11-25");
    char *all = start_text(st);
    assert_non_null(strstr(all, "进行中，已答 1/"));
    assert_non_null(strstr(all, "变更：办公自动化系统"));
    free(all);
    assert_int_equal(ui_start_key(st, ui_key_make(UI_KEY_ENTER)), UI_ACT_OPEN);
    ui_start_free(st);
    profile p;
    assert_int_equal(period_profile("2026-H2", &p), 0);
    assert_int_equal(p, PROFILE_HALFYEAR);
    assert_int_equal(period_profile("2026-11", &p), 0);
    assert_int_equal(p, PROFILE_MONTHLY);
    assert_int_equal(period_profile("soon", &p), -1);
}

/* A checklist with a typo: the start screen says in the user's language what
 * that means and whom to tell, then the loader's FILE:LINE message; s still
 * reaches the systems. */
static void test_start_explains_broken_checklists(void **state)
{
    fixture *f = *state;
    free(f->ctx.cfg->checklists);
    f->ctx.cfg->checklists = testutil_write(f->dir, "broken.ini",
        "[checklist]\nid = b\nversion = 1\ntitle_zh = 坏\ntitle_en = Broken\n\n"
        "[item.x]\nquestion_zh = 甲？\nquestion_en = A?\nsource = 1\ntype = yesno\n"
        "severity = hihg\nprofiles = monthly\n");
    ui_start *st = ui_start_new(&f->ctx);
    assert_non_null(st->error);
    assert_non_null(strstr(st->error, "broken.ini:12:"));
    char *all = start_text(st);
    assert_non_null(strstr(all, "检查清单文件有错误"));
    assert_non_null(strstr(all, "broken.ini:12:"));
    free(all);
    assert_int_equal(ui_start_key(st, ui_key_char('s')), UI_ACT_SYSTEMS);
    ui_start_free(st);
}

/* A store that answers in part: what can be read is listed, and the first
 * failure is explained in the user's language rather than dropped. */
static void test_start_reports_store_errors(void **state)
{
    fixture *f = *state;
    answer_first(f, "2026-11");
    char *db_path = NULL;
    assert_true(asprintf(&db_path, "%s/data/selfcheck.db", f->dir) > 0);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE answers", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(db_path);
    ui_start *st = ui_start_new(&f->ctx);
    assert_non_null(st->error);
    assert_non_null(strstr(st->error, "answers"));
    const ui_start_entry *e = ui_start_chosen(st);
    assert_non_null(e);
    assert_string_equal(e->period, "2026-11");   /* still listed */
    char *all = start_text(st);
    assert_non_null(strstr(all, "无法读取保存回答的数据库"));
    free(all);
    ui_start_free(st);
}

/* The systems screen: add checks the code and the name in the user's
 * language and refuses a code in use; remove asks first; every change is in
 * the store at once. */
static void test_systems_screen(void **state)
{
    fixture *f = *state;
    ui_systems *sy = ui_systems_new(&f->ctx);
    assert_non_null(sy);
    assert_null(sy->error);
    assert_int_equal(sy->count, 1);   /* oa, from the fixture */
    assert_string_equal(sy->systems[0].id, "oa");

    /* a bad code, then a code in use, then no name */
    assert_int_equal(ui_systems_key(sy, ui_key_char('a')), UI_ACT_REDRAW);
    assert_int_equal(sy->mode, UI_SYSTEMS_ADD);
    for (const char *p = "Web Portal"; *p; p++)
        ui_systems_key(sy, ui_key_char((unsigned char)*p));
    ui_systems_key(sy, ui_key_make(UI_KEY_ENTER));
    assert_int_equal(sy->focus, 1);
    ui_systems_key(sy, ui_key_make(UI_KEY_ENTER));
    assert_non_null(sy->error);
    assert_non_null(strstr(sy->error, "小写字母"));
    assert_int_equal(sy->focus, 0);
    ui_systems_key(sy, ui_key_char(0x15));   /* Ctrl-U */
    ui_systems_key(sy, ui_key_char('o'));
    ui_systems_key(sy, ui_key_char('a'));
    ui_systems_key(sy, ui_key_make(UI_KEY_TAB));
    const char *name = "门户网站";
    size_t len = strlen(name), i = 0;
    while (i < len) {
        unsigned cp;
        i += text_decode(name + i, len - i, &cp);
        ui_systems_key(sy, ui_key_char(cp));
    }
    ui_systems_key(sy, ui_key_make(UI_KEY_ENTER));
    assert_non_null(strstr(sy->error, "已有代码为 oa 的系统"));
    assert_int_equal(sy->count, 1);
    ui_systems_key(sy, ui_key_char(0x15));
    for (const char *p = "web"; *p; p++)
        ui_systems_key(sy, ui_key_char((unsigned char)*p));
    ui_systems_key(sy, ui_key_make(UI_KEY_ENTER));   /* to the name, which is kept */
    ui_systems_key(sy, ui_key_make(UI_KEY_ENTER));
    assert_null(sy->error);
    assert_int_equal(sy->mode, UI_SYSTEMS_LIST);
    assert_int_equal(sy->count, 2);
    assert_string_equal(sy->systems[sy->list.selected].id, "web");
    assert_string_equal(sy->systems[sy->list.selected].name, "门户网站");

    /* the layout lists both, and fits 80x24 */
    ui_canvas c = {0};
    ui_canvas_reset(&c, 24, 80);
    ui_systems_render(sy, &c);
    char *all = canvas_text(&c);
    assert_non_null(strstr(all, "办公自动化系统"));
    assert_non_null(strstr(all, "> web"));
    free(all);

    /* remove: asked first; any other key keeps it */
    ui_systems_key(sy, ui_key_char('d'));
    assert_int_equal(sy->mode, UI_SYSTEMS_CONFIRM);
    ui_canvas_reset(&c, 24, 80);
    ui_systems_render(sy, &c);
    all = canvas_text(&c);
    assert_non_null(strstr(all, "删除系统 web（门户网站）？"));
    free(all);
    ui_systems_key(sy, ui_key_char('x'));
    assert_int_equal(sy->mode, UI_SYSTEMS_LIST);
    assert_int_equal(sy->count, 2);
    ui_systems_key(sy, ui_key_char('d'));
    ui_systems_key(sy, ui_key_char('y'));
    assert_int_equal(sy->count, 1);
    assert_string_equal(sy->systems[0].id, "oa");
    assert_int_equal(ui_systems_key(sy, ui_key_make(UI_KEY_ESC)), UI_ACT_START);
    ui_canvas_free(&c);
    ui_systems_free(sy);

    /* what the screen did is in the store */
    char *db = NULL;
    assert_true(asprintf(&db, "%s/data/selfcheck.db", f->dir) > 0);
    store *st = NULL;
    system_info *systems = NULL;
    size_t count = 0;
    assert_int_equal(store_open(db, &st, NULL), 0);
    assert_int_equal(store_systems_list(st, &systems, &count, NULL), 0);
    assert_int_equal(count, 1);
    assert_string_equal(systems[0].id, "oa");
    system_info_free_array(systems, count);
    store_close(st);
    free(db);
}

static void test_setup_saves_config(void **state)
{
    (void)state;
    char *dir = testutil_tempdir();
    char *ini = NULL;
    assert_true(asprintf(&ini, "[paths]\ndata = %s/data\n[signing]\nkey = %s/data/unit.key\n", dir, dir) > 0);
    char *path = testutil_write(dir, "selfcheck.ini", ini);
    free(ini);
    ui_context ctx;
    char *err = NULL;
    assert_int_equal(ui_context_init(&ctx, path, NULL, &err), 0);
    ui_setup *st = ui_setup_new(&ctx);
    assert_true(st->keygen);
    assert_false(ident_unit_code_valid("a b"));
    assert_true(ident_unit_code_valid("4401-hb"));
    assert_true(ident_unit_code_valid("abcdefghijklmnopqrstuvwxyz012345"));    /* 32 */
    assert_false(ident_unit_code_valid("abcdefghijklmnopqrstuvwxyz0123456"));  /* 33 */
    /* the screen takes no code that the config would refuse when read back */
    assert_false(ident_unit_code_valid("44.01"));
    assert_false(ident_unit_code_valid(""));
    assert_false(ident_unit_code_valid("../x"));
    /* the name is required */
    const char *code = "4401-hb";
    for (const char *p = code; *p; p++)
        ui_setup_key(st, ui_key_char((unsigned char)*p));
    st->focus = UI_SETUP_SAVE;
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ENTER)), UI_ACT_REDRAW);
    assert_int_equal(st->focus, UI_SETUP_NAME);
    assert_non_null(st->error);
    ui_setup_key(st, ui_key_char(0x6D4B));   /* 测 */
    ui_setup_key(st, ui_key_char(0x5C40));   /* 局 */
    ui_setup_key(st, ui_key_make(UI_KEY_TAB));
    ui_setup_key(st, ui_key_char(0x5F20));   /* 张 */
    ui_setup_key(st, ui_key_make(UI_KEY_TAB));
    assert_int_equal(st->focus, UI_SETUP_KEYGEN);
    ui_setup_key(st, ui_key_char(' '));       /* no key in a unit test: it is slow */
    assert_false(st->keygen);
    ui_setup_key(st, ui_key_make(UI_KEY_TAB));
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ENTER)), UI_ACT_START);
    ui_setup_free(st);
    ui_context_free(&ctx);
    config *cfg = NULL;
    assert_int_equal(config_load(path, &cfg, &err), 0);
    assert_string_equal(cfg->unit_code, "4401-hb");
    assert_string_equal(cfg->unit_name, "测局");
    assert_string_equal(cfg->assessor, "张");
    config_free(cfg);
    testutil_rmtree(dir);
    free(dir);
    free(path);
}

/* Backspace is "back" as on every screen and never erases an answer;
 * clearing a field takes d or Delete twice, and any other key between keeps
 * it. Enter on an unanswered yes/no item says which keys answer it. */
static void test_clearing_is_deliberate(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    assert_int_equal(ui_walk_key(w, ui_key_make(UI_KEY_ENTER)), UI_ACT_REDRAW);
    assert_null(testutil_walk_answer(f, 0) ? testutil_walk_answer(f, 0)->value : NULL);
    assert_non_null(f->ctx.message);
    assert_non_null(strstr(f->ctx.message, "y 是"));
    assert_non_null(strstr(f->ctx.message, "n 否"));
    ui_walk_key(w, ui_key_char('y'));
    ui_walk_goto(w, 0);
    assert_int_equal(ui_walk_key(w, ui_key_make(UI_KEY_BACKSPACE)), UI_ACT_START);
    assert_string_equal(testutil_walk_answer(f, 0)->value, "yes");
    ui_walk_key(w, ui_key_make(UI_KEY_DELETE));
    assert_string_equal(testutil_walk_answer(f, 0)->value, "yes");
    assert_non_null(strstr(f->ctx.message, "Delete"));
    ui_walk_key(w, ui_key_make(UI_KEY_TAB));   /* any other key keeps it */
    ui_walk_key(w, ui_key_make(UI_KEY_BTAB));
    ui_walk_key(w, ui_key_char('d'));
    assert_string_equal(testutil_walk_answer(f, 0)->value, "yes");
    ui_walk_key(w, ui_key_char('d'));
    const answer *a = testutil_walk_answer(f, 0);
    assert_true(a == NULL || a->value == NULL);
    ui_walk_free(w);
}

int main(void)
{
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_yes_commits_and_advances, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finding_asks_owner_then_due, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_choice_by_arrows, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_number_validated_in_place, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_date_validated_in_place, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_never_key, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_chinese_note_stored_intact, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_clearing_is_deliberate, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_take_over_previous, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_search_and_unanswered, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_layout_80x24_and_120x40, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_summary_critical_first, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_start_lists_due_and_unfinished, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_start_explains_broken_checklists, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_start_reports_store_errors, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_systems_screen, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_setup_saves_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
