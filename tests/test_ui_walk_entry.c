/* test_ui_walk_entry.c: entering answers on the walk-through without a
 * terminal: a remediation due date in the past is warned about and asked
 * again; Esc on the owner prompt and on the due-date prompt do the same;
 * 从未 typed through an input method is read on a number item; c takes over
 * last time's owner too; last time's note is labelled apart from this
 * time's; the position total stays put while conditions hide items; an
 * answer recorded meanwhile by another program is not written over unseen;
 * a finished checklist with a failed critical item is not marked ✓; the
 * summary's findings show the answer given; the status bar counts answered
 * of the items asked now, says why its total moved, and the start screen and
 * the stored score (what `selfcheck status` prints) count the same; quitting
 * or a signal while a field is open, clearing and taking over re-read the
 * item before they write, as the other saves do. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "score.h"
#include "session.h"
#include "store.h"
#include "testutil.h"
#include "testutil_walk.h"
#include "text.h"
#include "ui_context.h"
#include "ui_help.h"
#include "ui_start.h"
#include "ui_summary.h"
#include "ui_walk.h"

/* 0 q-gate (steers q-dep), 1 q-dep, 2 q-days (never allowed), 3 q-yes (critical) */
static const char checklist_ini[] =
    "[checklist]\nid = t\nversion = 1\ntitle_zh = 测试清单\ntitle_en = Test list\n\n"
    "[item.q-gate]\nquestion_zh = 是否有外包运维？\nquestion_en = Outsourced operations?\nsource = 000\n"
    "type = yesno\nweight = 0\nprofiles = monthly\n\n"
    "[item.q-dep]\nquestion_zh = 是否签订保密协议？\nquestion_en = Confidentiality agreement signed?\n"
    "source = 000\ntype = yesno\nseverity = high\nprofiles = monthly\nshow_if = q-gate: yes\n\n"
    "[item.q-days]\nquestion_zh = 距上次恢复演练多少天？\nquestion_en = Days since the last restore drill?\n"
    "source = 000\ntype = number\nmin = 0\nmax = 36500\nfull = 180\npartial = 365\nunit_zh = 天\n"
    "unit_en = days\nallow = never\nseverity = medium\nprofiles = monthly\n\n"
    "[item.q-yes]\nquestion_zh = 是否每天备份？\nquestion_en = Backed up daily?\nsource = 000\n"
    "type = yesno\nseverity = critical\nprofiles = monthly\n";

typedef testutil_walk fixture;

static int fixture_setup(void **state)
{
    *state = testutil_walk_new(checklist_ini, NULL, NULL);
    return 0;
}

static int fixture_teardown(void **state)
{
    testutil_walk_free(*state);
    return 0;
}

/* The walk laid out at 80x24, as text. Caller frees. */
static char *render(ui_walk *w)
{
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_walk_render(w, &c);
    char *out = testutil_canvas_text(&c);
    ui_canvas_free(&c);
    return out;
}

/* Answers "no" to q-yes and reaches its due-date prompt with an owner. */
static ui_walk *to_due_prompt(fixture *f)
{
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    ui_walk_key(w, ui_key_char('n'));
    assert_int_equal(w->focus, UI_FOCUS_OWNER);
    testutil_type(w, "王五");
    testutil_press(w, UI_KEY_ENTER);
    assert_int_equal(w->focus, UI_FOCUS_DUE);
    assert_true(w->editing);
    return w;
}

static void test_past_due_warned_and_asked_again(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = to_due_prompt(f);
    ui_walk_key(w, ui_key_char(0x15));   /* Ctrl-U */
    testutil_type(w, "2026-11-01");
    testutil_press(w, UI_KEY_ENTER);
    /* not saved: the prompt stays, the message says why */
    assert_true(w->editing);
    assert_int_equal(w->current, 3);
    assert_non_null(w->error);
    assert_non_null(strstr(w->error, "2026-11-01 已经过去"));
    assert_string_not_equal(testutil_walk_answer(f, 3)->due, "2026-11-01");
    /* another date is checked afresh: a future one is saved at once */
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "2026-10-01");
    testutil_press(w, UI_KEY_ENTER);
    assert_true(w->editing);
    assert_non_null(strstr(w->error, "2026-10-01"));
    /* Enter again keeps the past date */
    testutil_press(w, UI_KEY_ENTER);
    assert_false(w->editing);
    assert_string_equal(testutil_walk_answer(f, 3)->due, "2026-10-01");
    ui_walk_free(w);
}

static void test_esc_on_both_prompts_the_same(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    /* Esc on the owner prompt */
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    ui_walk_key(w, ui_key_char('n'));
    assert_int_equal(w->focus, UI_FOCUS_OWNER);
    testutil_type(w, "未完");
    testutil_press(w, UI_KEY_ESC);
    assert_false(w->editing);
    assert_false(w->chain);
    assert_int_equal(w->focus, UI_FOCUS_ANSWER);
    assert_int_equal(w->current, 3);
    assert_null(testutil_walk_answer(f, 3)->owner);
    char *said_owner = strdup(f->ctx.message);
    ui_walk_free(w);
    /* Esc on the due-date prompt: the same */
    w = to_due_prompt(f);
    testutil_press(w, UI_KEY_ESC);
    assert_false(w->editing);
    assert_false(w->chain);
    assert_int_equal(w->focus, UI_FOCUS_ANSWER);
    assert_int_equal(w->current, 3);
    assert_string_equal(f->ctx.message, said_owner);
    assert_non_null(strstr(said_owner, "Tab"));
    free(said_owner);
    ui_walk_free(w);
}

static void test_never_through_input_method(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 2);
    ui_walk_key(w, ui_key_char(0x4ECE));   /* 从: opens the field */
    assert_true(w->editing);
    ui_walk_key(w, ui_key_char(0x672A));   /* 未 */
    testutil_press(w, UI_KEY_ENTER);
    assert_string_equal(testutil_walk_answer(f, 2)->value, "never");
    ui_walk_free(w);
}

/* Last month: q-yes answered no, owner 王五. Returns the walk on it. */
static ui_walk *last_month_failed(fixture *f)
{
    testutil_walk_open(f, "2026-10");
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    ui_walk_key(w, ui_key_char('n'));
    testutil_type(w, "王五");
    testutil_press(w, UI_KEY_ENTER);
    testutil_press(w, UI_KEY_ENTER);
    return w;
}

static void test_take_over_owner_and_notes_labelled(void **state)
{
    fixture *f = *state;
    ui_walk *w = last_month_failed(f);
    ui_walk_goto(w, 3);
    testutil_press(w, UI_KEY_TAB);
    testutil_press(w, UI_KEY_ENTER);
    testutil_type(w, "上月备份盘损坏");
    testutil_press(w, UI_KEY_ENTER);
    assert_string_equal(testutil_walk_answer(f, 3)->note, "上月备份盘损坏");
    ui_walk_free(w);

    testutil_walk_open(f, "2026-11");
    w = ui_walk_new(&f->ctx, 3);
    char *screen = render(w);
    assert_non_null(strstr(screen, "上次备注：上月备份盘损坏"));
    assert_non_null(strstr(screen, "上次整改责任人：王五"));
    assert_non_null(strstr(screen, "本次备注：（未填）"));
    free(screen);
    ui_walk_key(w, ui_key_char('c'));
    assert_string_equal(testutil_walk_answer(f, 3)->value, "no");
    assert_string_equal(testutil_walk_answer(f, 3)->owner, "王五");
    assert_null(testutil_walk_answer(f, 3)->note);   /* a note is this time's own */
    assert_false(w->editing);              /* the owner is there: not asked again */
    assert_non_null(strstr(f->ctx.message, "整改责任人"));
    ui_walk_free(w);
}

static void test_total_fixed_while_items_hide(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 2);
    char *before = render(w);
    assert_non_null(strstr(before, "第 3/4 项"));
    ui_walk_goto(w, 0);
    ui_walk_key(w, ui_key_char('n'));   /* hides q-dep */
    ui_walk_goto(w, 2);
    char *after = render(w);
    assert_non_null(strstr(after, "第 3/4 项"));
    free(before);
    free(after);
    ui_walk_free(w);
}

static void test_answer_recorded_meanwhile_not_overwritten(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    /* another program (the command line) answers q-yes meanwhile */
    store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(f->db, &st, &err), 0);
    const session *s = f->ctx.session;
    assert_int_equal(store_answer_put(st, s->assessment->id, "t", "q-yes", NULL, ANSWER_FIELD_VALUE, "yes", NULL, &err), 0);
    store_close(st);
    ui_walk_key(w, ui_key_char('n'));
    assert_string_equal(testutil_walk_answer(f, 3)->value, "yes");   /* not written over */
    assert_non_null(w->error);
    assert_non_null(strstr(w->error, "别处"));
    assert_non_null(strstr(w->error, "是"));
    ui_walk_key(w, ui_key_char('n'));                      /* given again: it is the user's */
    assert_string_equal(testutil_walk_answer(f, 3)->value, "no");
    testutil_press(w, UI_KEY_ESC);

    /* the same while typing a note */
    ui_walk_goto(w, 3);
    testutil_press(w, UI_KEY_TAB);
    testutil_press(w, UI_KEY_ENTER);
    testutil_type(w, "我的备注");
    assert_int_equal(store_open(f->db, &st, &err), 0);
    assert_int_equal(store_answer_put(st, s->assessment->id, "t", "q-yes", NULL, ANSWER_FIELD_NOTE, "命令行备注", NULL, &err), 0);
    store_close(st);
    testutil_press(w, UI_KEY_ENTER);
    assert_true(w->editing);
    assert_string_equal(testutil_walk_answer(f, 3)->note, "命令行备注");
    assert_non_null(strstr(w->error, "命令行备注"));
    testutil_press(w, UI_KEY_ENTER);
    assert_false(w->editing);
    assert_string_equal(testutil_walk_answer(f, 3)->note, "我的备注");
    ui_walk_free(w);
}

/* The row of the checklist in the left pane. Caller frees. */
static char *list_row(ui_walk *w)
{
    char *screen = render(w);
    char *row = strstr(screen, "测试清单");
    assert_non_null(row);
    while (row > screen && row[-1] != '\n')
        row--;
    char *end = strchr(row, '\n');
    char *out = strndup(row, (size_t)(end - row));
    free(screen);
    return out;
}

static void test_finished_list_with_critical_failure_not_ticked(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    ui_walk_key(w, ui_key_char('n'));   /* q-gate: q-dep is not asked */
    ui_walk_goto(w, 2);
    testutil_type(w, "10");
    testutil_press(w, UI_KEY_ENTER);
    ui_walk_goto(w, 3);
    ui_walk_key(w, ui_key_char('y'));
    ui_walk_goto(w, 3);
    char *row = list_row(w);
    assert_non_null(strstr(row, "\xE2\x9C\x93 测试清单"));   /* all answered, nothing to fix */
    free(row);
    ui_walk_key(w, ui_key_char('n'));   /* the critical item fails */
    testutil_press(w, UI_KEY_ESC);
    row = list_row(w);
    assert_null(strstr(row, "\xE2\x9C\x93"));
    assert_non_null(strstr(row, "\xE2\x9C\x97 测试清单"));
    free(row);
    ui_walk_free(w);
}

static void test_summary_shows_answer_given(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = to_due_prompt(f);
    testutil_press(w, UI_KEY_ENTER);
    ui_walk_free(w);
    ui_summary *sum = ui_summary_new(&f->ctx);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_summary_render(sum, &c);
    char *screen = testutil_canvas_text(&c);
    assert_non_null(strstr(screen, "回答：否 · 整改：王五 · 期限 2026-12-21"));
    free(screen);
    ui_canvas_free(&c);
    ui_summary_free(sum);
}

/* The status bar (the last row) at 80x24, as text. Caller frees. */
static char *status_bar(ui_walk *w)
{
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_walk_render(w, &c);
    char *all = testutil_canvas_text(&c);
    ui_canvas_free(&c);
    char *last = all + strlen(all);
    while (last > all && last[-1] == '\n')
        last--;
    *last = '\0';
    char *row = strrchr(all, '\n');
    char *out = strdup(row ? row + 1 : all);
    free(all);
    return out;
}

/* The entry of 2026-11 on the start screen. */
static void start_counts(fixture *f, size_t *answered, size_t *asked)
{
    ui_start *st = ui_start_new(&f->ctx);
    assert_non_null(st);
    assert_null(st->error);
    const ui_start_entry *e = ui_start_chosen(st);
    assert_non_null(e);
    assert_string_equal(e->period, "2026-11");
    assert_true(e->counted);
    *answered = e->answered;
    *asked = e->asked;
    ui_start_free(st);
}

/* What `selfcheck status` prints for it: the stored assessment scored afresh. */
static void stored_counts(fixture *f, size_t *answered, size_t *asked)
{
    const session *s = f->ctx.session;
    score_stored sc;
    char *err = NULL;
    assert_int_equal(score_stored_percent(s->store, s->db_path, s->set, s->cfg, s->assessment, &sc, &err), 0);
    *answered = sc.answered;
    *asked = sc.asked;
}

static void test_count_of_items_asked_now(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 0);
    /* q-dep is asked only once the gate says yes */
    char *bar = status_bar(w);
    assert_non_null(strstr(bar, "0/3 ·"));
    free(bar);

    /* yes to the gate: one more item asked, and the bar says why */
    ui_walk_key(w, ui_key_char('y'));
    bar = status_bar(w);
    assert_non_null(strstr(bar, "1/4 ·"));
    assert_non_null(strstr(bar, "新增 1 项需要回答，现需回答 4 项"));
    free(bar);
    /* then the item it steers */
    ui_walk_key(w, ui_key_char('y'));
    bar = status_bar(w);
    assert_non_null(strstr(bar, "2/4 ·"));
    free(bar);
    size_t answered, asked;
    start_counts(f, &answered, &asked);
    assert_int_equal(answered, 2);
    assert_int_equal(asked, 4);

    /* no to the gate hides q-dep: the total goes down, and the bar says why */
    ui_walk_goto(w, 0);
    ui_walk_key(w, ui_key_char('n'));
    bar = status_bar(w);
    assert_non_null(strstr(bar, "1/3 ·"));
    free(bar);
    assert_non_null(f->ctx.message);
    assert_non_null(strstr(f->ctx.message, "1 项不再需要回答，现需回答 3 项"));

    /* the answer to q-dep is kept in the store but not counted: the start
     * screen and the stored score count as the walk does */
    assert_non_null(session_answer(f->ctx.session, 1));
    start_counts(f, &answered, &asked);
    assert_int_equal(answered, 1);
    assert_int_equal(asked, 3);
    stored_counts(f, &answered, &asked);
    assert_int_equal(answered, 1);
    assert_int_equal(asked, 3);
    assert_int_equal(f->ctx.session->score->answered, 1);
    assert_int_equal(f->ctx.session->score->asked, 3);

    /* yes again: the item comes back, answered, and the bar says so */
    ui_walk_goto(w, 0);
    ui_walk_key(w, ui_key_char('y'));
    assert_non_null(strstr(f->ctx.message, "新增 1 项需要回答，现需回答 4 项"));
    bar = status_bar(w);
    assert_non_null(strstr(bar, "2/4 ·"));
    free(bar);

    /* a key that changes no answer says nothing of the total */
    ui_walk_key(w, ui_key_char('j'));
    assert_true(f->ctx.message == NULL || strstr(f->ctx.message, "需要回答") == NULL);
    ui_walk_free(w);
}

/* Another program (the command line) records one field of q-yes. */
static void record_elsewhere(fixture *f, answer_field field, const char *value)
{
    store *st = NULL;
    char *err = NULL;
    assert_int_equal(store_open(f->db, &st, &err), 0);
    assert_int_equal(store_answer_put(st, f->ctx.session->assessment->id, "t", "q-yes", NULL, field, value, NULL, &err), 0);
    store_close(st);
}

/* Quitting or a signal while a field is open saves it, after re-reading it
 * as every save does: a note recorded meanwhile elsewhere stays, and what
 * was typed is kept for the terminal; a change to another field of the item
 * does not stop the note being saved. */
static void test_flush_rereads_first(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    testutil_press(w, UI_KEY_TAB);
    testutil_press(w, UI_KEY_ENTER);
    testutil_type(w, "我的备注");
    record_elsewhere(f, ANSWER_FIELD_NOTE, "命令行备注");
    ui_walk_flush(w);
    assert_false(w->editing);
    assert_string_equal(testutil_walk_answer(f, 3)->note, "命令行备注");   /* not written over */
    assert_non_null(w->unsaved);
    assert_non_null(strstr(w->unsaved, "我的备注"));
    assert_non_null(strstr(w->unsaved, "命令行备注"));
    assert_non_null(strstr(w->unsaved, "q-yes"));
    ui_walk_free(w);

    w = ui_walk_new(&f->ctx, 3);
    testutil_press(w, UI_KEY_TAB);
    testutil_press(w, UI_KEY_ENTER);
    testutil_type(w, "，已核对");
    record_elsewhere(f, ANSWER_FIELD_VALUE, "yes");
    ui_walk_flush(w);
    assert_null(w->unsaved);
    assert_string_equal(testutil_walk_answer(f, 3)->note, "命令行备注，已核对");
    assert_string_equal(testutil_walk_answer(f, 3)->value, "yes");
    ui_walk_free(w);

    /* a number out of range is not saved either, and says so */
    w = ui_walk_new(&f->ctx, 2);
    testutil_type(w, "99999");
    ui_walk_flush(w);
    assert_null(testutil_walk_answer(f, 2));
    assert_non_null(w->unsaved);
    assert_non_null(strstr(w->unsaved, "99999"));
    ui_walk_free(w);
}

/* Clearing and taking over last time's answer re-read first too. */
static void test_clear_and_take_over_reread_first(void **state)
{
    fixture *f = *state;
    ui_walk *w = last_month_failed(f);
    ui_walk_free(w);

    testutil_walk_open(f, "2026-11");
    w = ui_walk_new(&f->ctx, 3);
    record_elsewhere(f, ANSWER_FIELD_VALUE, "yes");
    ui_walk_key(w, ui_key_char('c'));
    assert_string_equal(testutil_walk_answer(f, 3)->value, "yes");   /* not written over */
    assert_null(testutil_walk_answer(f, 3)->owner);                  /* nor last time's owner added */
    assert_non_null(w->error);
    assert_non_null(strstr(w->error, "别处"));

    ui_walk_goto(w, 3);
    ui_walk_key(w, ui_key_char('d'));
    record_elsewhere(f, ANSWER_FIELD_VALUE, "no");
    ui_walk_key(w, ui_key_char('d'));
    assert_string_equal(testutil_walk_answer(f, 3)->value, "no");    /* what was shown was not what is there */
    assert_non_null(w->error);
    ui_walk_key(w, ui_key_char('d'));
    ui_walk_key(w, ui_key_char('d'));
    assert_null(testutil_walk_answer(f, 3)->value);                  /* seen, then cleared */
    ui_walk_free(w);
}

/* The due-date prompt reads every date form a sheet takes, by the core's
 * one reader, and refuses a form whose order is a guess with the forms that
 * are accepted. */
static void test_due_date_in_chinese_forms(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    static const struct {
        const char *typed, *stored;
    } forms[] = {{"2026年12月20日", "2026-12-20"}, {"26年12月21日", "2026-12-21"},
                 {"2026/12/22", "2026-12-22"}, {"2026.12.23", "2026-12-23"}, {"２０２６年１２月２４日", "2026-12-24"}};
    ui_walk *w = to_due_prompt(f);
    ui_walk_key(w, ui_key_char(0x15));   /* Ctrl-U: the proposed date goes */
    testutil_type(w, "12/11/26");
    testutil_press(w, UI_KEY_ENTER);
    assert_true(w->editing);
    assert_non_null(w->error);
    assert_non_null(strstr(w->error, "2026年3月31日"));
    assert_non_null(strstr(w->error, "2026/3/31"));
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        ui_walk_goto(w, 3);
        for (int tab = 0; tab < 3; tab++)
            testutil_press(w, UI_KEY_TAB);
        assert_int_equal(w->focus, UI_FOCUS_DUE);
        testutil_press(w, UI_KEY_ENTER);
        ui_walk_key(w, ui_key_char(0x15));
        testutil_type(w, forms[k].typed);
        testutil_press(w, UI_KEY_ENTER);
        assert_null(w->error);
        assert_string_equal(testutil_walk_answer(f, 3)->due, forms[k].stored);
    }
    /* a date in the past is noticed in any form */
    ui_walk_goto(w, 3);
    for (int tab = 0; tab < 3; tab++)
        testutil_press(w, UI_KEY_TAB);
    testutil_press(w, UI_KEY_ENTER);
    ui_walk_key(w, ui_key_char(0x15));
    testutil_type(w, "2026年1月5日");
    testutil_press(w, UI_KEY_ENTER);
    assert_non_null(w->error);
    assert_non_null(strstr(w->error, "2026年1月5日"));
    assert_string_equal(testutil_walk_answer(f, 3)->due, "2026-12-24");
    ui_walk_free(w);
}

/* A key the item does not take is answered with what it takes, the Chinese
 * forms too, as the sheet's `allowed` column gives them. */
static void test_not_allowed_names_chinese_forms(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    ui_walk *w = ui_walk_new(&f->ctx, 3);
    ui_walk_key(w, ui_key_char('p'));          /* q-yes takes no "partly" */
    assert_null(testutil_walk_answer(f, 3));
    assert_non_null(f->ctx.message);
    assert_non_null(strstr(f->ctx.message, "yes|no (是|否)"));
    ui_walk_goto(w, 2);
    ui_walk_key(w, ui_key_char('x'));          /* q-days takes no "not applicable" */
    assert_non_null(strstr(f->ctx.message, "0..36500|never (0..36500 天|从未)"));
    ui_walk_free(w);
}

/* The keys a help page lists, one per line: "KEY, KEY\tdoes" up to the
 * heading `until` (NULL: to the end); those whose description starts with
 * "choice items" or "number and date items" only work on those items. */
static size_t help_letters(const char *page, const char *until, char *out, size_t max)
{
    size_t n = 0;
    const char *stop = until ? strstr(page, until) : NULL;
    for (const char *line = page; line && *line && (stop == NULL || line < stop);) {
        const char *end = strchr(line, '\n'), *tab = strchr(line, '\t');
        if (tab && (end == NULL || tab < end) && strncmp(tab + 1, "choice items", 12) != 0 &&
            strncmp(tab + 1, "number and date items", 21) != 0)
            for (const char *k = line; k < tab; k++)
                if ((k == line || k[-1] == ' ') && (k + 1 == tab || k[1] == ',') && *k > ' ' && *k < 0x7f &&
                    n + 1 < max)
                    out[n++] = *k;
        line = end ? end + 1 : NULL;
    }
    out[n] = '\0';
    return n;
}

/* Each help page lists the same keys in both languages, and every letter
 * key it lists for the walk-through and the start screen does something
 * there; the start page names the annex forms (i) and the incident
 * classifier (e); c is said to take over the owner too. */
static void test_help_lists_what_the_keys_do(void **state)
{
    fixture *f = *state;
    testutil_walk_open(f, "2026-11");
    for (ui_screen_id about = UI_SCREEN_SETUP; about <= UI_SCREEN_HELP; about++) {
        const char *zh = about == UI_SCREEN_HELP ? ui_help_common() : ui_help_page(about);
        ui_context_toggle_lang(&f->ctx);
        const char *en = about == UI_SCREEN_HELP ? ui_help_common() : ui_help_page(about);
        ui_context_toggle_lang(&f->ctx);
        size_t zl = 0, el = 0, zt = 0, et = 0;
        for (const char *p = zh; *p; p++) {
            zl += *p == '\n';
            zt += *p == '\t';
        }
        for (const char *p = en; *p; p++) {
            el += *p == '\n';
            et += *p == '\t';
        }
        assert_int_equal(zl, el);
        assert_int_equal(zt, et);
        assert_true(strcmp(zh, en) != 0);   /* translated */
    }
    const char *start_zh = ui_help_page(UI_SCREEN_START);
    assert_non_null(strstr(start_zh, "\ni\t附件表格"));
    assert_non_null(strstr(start_zh, "\ne\t安全事件定级"));
    assert_non_null(strstr(ui_help_page(UI_SCREEN_WALK), "\nc\t沿用上次检查的回答；本次尚未填写整改责任人时，一并沿用"));

    ui_context_toggle_lang(&f->ctx);
    char letters[64];
    assert_true(help_letters(ui_help_page(UI_SCREEN_WALK), "While typing", letters, sizeof letters) >= 10);
    assert_non_null(strchr(letters, 'c'));
    for (const char *k = letters; *k; k++) {
        ui_walk *w = ui_walk_new(&f->ctx, 0);
        if (ui_walk_key(w, ui_key_char((unsigned char)*k)) == UI_ACT_NONE)
            fail_msg("walk: '%c' is in the help and does nothing", *k);
        ui_walk_free(w);
    }
    assert_true(help_letters(ui_help_page(UI_SCREEN_START), NULL, letters, sizeof letters) >= 5);
    assert_non_null(strchr(letters, 'i'));
    assert_non_null(strchr(letters, 'e'));
    for (const char *k = letters; *k; k++) {
        ui_start *st = ui_start_new(&f->ctx);
        if (ui_start_key(st, ui_key_char((unsigned char)*k)) == UI_ACT_NONE)
            fail_msg("start: '%c' is in the help and does nothing", *k);
        ui_start_free(st);
    }
    ui_context_toggle_lang(&f->ctx);

    /* F1 while typing opens the help; what is typed stays */
    ui_walk *w = ui_walk_new(&f->ctx, 2);
    testutil_type(w, "12");
    assert_int_equal(ui_walk_key(w, ui_key_make(UI_KEY_F1)), UI_ACT_HELP);
    assert_true(w->editing);
    char *typed = ui_field_text(&w->field);
    assert_string_equal(typed, "12");
    free(typed);
    ui_walk_free(w);
}

int main(void)
{
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_past_due_warned_and_asked_again, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_esc_on_both_prompts_the_same, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_never_through_input_method, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_take_over_owner_and_notes_labelled, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_total_fixed_while_items_hide, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_answer_recorded_meanwhile_not_overwritten, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finished_list_with_critical_failure_not_ticked, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_summary_shows_answer_given, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_count_of_items_asked_now, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_flush_rereads_first, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_due_date_in_chinese_forms, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_not_allowed_names_chinese_forms, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_help_lists_what_the_keys_do, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_clear_and_take_over_reread_first, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
