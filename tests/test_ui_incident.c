/* test_ui_incident.c: the incident classifier screen's logic without a
 * terminal (ui_incident.h): the facts change with the keys and the level and
 * warning follow at once; a count is typed and checked; the result page
 * lists the rules and the actions with clauses; saving without a title asks
 * for one, then records the incident in the store; the screen's word lists
 * match the classifier's facts; the system line offers the registered
 * systems or none and the record keeps the one chosen; a recorded incident
 * reopens by its number with its facts, and saving a change grades it
 * again and notes it in the timeline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "incident_store.h"
#include "store.h"
#include "testutil.h"
#include "ui_context.h"
#include "ui_incident.h"

typedef struct fx {
    char *dir, *config_path;
    ui_context ctx;
    ui_incident *s;
} fx;

static int setup(void **state)
{
    fx *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    char *ini = NULL;
    assert_int_not_equal(asprintf(&ini, "[unit]\ncode = 4401-hb\nname = 示例局\n[paths]\nchecklists = %s/checklists\n"
                                        "data = %s/data\n[ui]\nlang = en\n",
                                  SOURCE_DIR, f->dir),
                         -1);
    f->config_path = testutil_write(f->dir, "selfcheck.ini", ini);
    free(ini);
    char *err = NULL;
    assert_int_equal(ui_context_init(&f->ctx, f->config_path, NULL, &err), 0);
    f->s = ui_incident_new(&f->ctx);
    assert_non_null(f->s);
    if (f->s->rules == NULL)
        fail_msg("no rules: %s", f->s->error ? f->s->error : "?");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    ui_incident_free(f->s);
    ui_context_free(&f->ctx);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->config_path);
    free(f);
    return 0;
}

static void press(ui_incident *s, ui_keycode code, int times)
{
    for (int i = 0; i < times; i++)
        ui_incident_key(s, ui_key_make(code));
}

static void type(ui_incident *s, const char *text)
{
    for (const char *p = text; *p; p++)
        ui_incident_key(s, ui_key_char((unsigned char)*p));
}

/* The rendered screen's text at 80x24. Caller frees. */
static char *screen_text(ui_incident *s)
{
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_incident_render(s, &c);
    size_t size = 1;
    char *all = calloc(1, 1);
    for (int r = 0; r < 24; r++) {
        char *row = ui_canvas_row_text(&c, r);
        size += strlen(row) + 1;
        all = realloc(all, size);
        strcat(all, row);
        strcat(all, "\n");
        free(row);
    }
    ui_canvas_free(&c);
    return all;
}

static void test_words_match_the_facts(void **state)
{
    fx *f = *state;
    /* every value of a word fact can be reached and graded */
    for (int fact = 0; fact < INCIDENT_FACT_COUNT; fact++) {
        const char *values = incident_fact_values((incident_fact)fact);
        if (strchr(values, '|') == NULL)
            continue;
        size_t n = 1;
        for (const char *p = values; *p; p++)
            n += *p == '|';
        ui_list_select(&f->s->list, UI_INCIDENT_LINE_FACTS + (size_t)fact);
        for (size_t i = 0; i < n; i++)
            press(f->s, UI_KEY_RIGHT, 1);
        assert_int_equal(f->s->value[fact], 0);   /* round: n steps come back to the first */
        press(f->s, UI_KEY_LEFT, 1);
        assert_int_equal(f->s->value[fact], (long)n - 1);
        press(f->s, UI_KEY_RIGHT, 1);
    }
}

static void test_level_follows_the_facts(void **state)
{
    fx *f = *state;
    ui_incident *s = f->s;
    assert_int_equal(s->result->level, INCIDENT_LEVEL_NONE);
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_DEFACED);
    press(s, UI_KEY_RIGHT, 1);
    assert_int_equal(s->result->level, INCIDENT_LEVEL_II);
    assert_int_equal(s->result->warning, INCIDENT_WARNING_YELLOW);
    char *text = screen_text(s);
    assert_non_null(strstr(text, "Level II (serious) · yellow warning"));
    free(text);
    /* the MLPS level and a large attack: level I, red */
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_MLPS_LEVEL);
    press(s, UI_KEY_RIGHT, 3);
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_ATTACK);
    press(s, UI_KEY_LEFT, 1);
    assert_int_equal(s->value[INCIDENT_FACT_ATTACK], 2);
    assert_int_equal(s->result->level, INCIDENT_LEVEL_I);
    assert_int_equal(s->result->warning, INCIDENT_WARNING_RED);
    /* a count is typed: 99999 records keep it; a bad count is refused */
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_PI_RECORDS);
    press(s, UI_KEY_ENTER, 1);
    assert_true(s->editing);
    press(s, UI_KEY_BACKSPACE, 1);
    type(s, "1,000");
    press(s, UI_KEY_ENTER, 1);
    assert_true(s->editing);
    assert_non_null(s->error);
    for (int i = 0; i < 5; i++)
        press(s, UI_KEY_BACKSPACE, 1);
    type(s, "99999");
    press(s, UI_KEY_ENTER, 1);
    assert_false(s->editing);
    assert_null(s->error);
    assert_int_equal(s->value[INCIDENT_FACT_PI_RECORDS], 99999);
    /* the result page lists every rule with its clause, and the actions */
    press(s, UI_KEY_TAB, 1);
    assert_true(s->result_page);
    text = screen_text(s);
    assert_non_null(strstr(text, "level: I · warning: red"));
    assert_non_null(strstr(text, "[I] 003 第七条(一)"));
    assert_non_null(strstr(text, "[II] 003 第八条(四)"));
    assert_non_null(strstr(text, "[III] 003 第九条(二)"));
    assert_non_null(strstr(text, "What the plan requires:"));
    free(text);
    /* scrolling stops at the last line */
    press(s, UI_KEY_PGDN, 20);
    text = screen_text(s);
    int stopped = s->scroll;
    assert_true(stopped > 0);
    assert_non_null(strstr(text, "第二十三条"));
    free(text);
    press(s, UI_KEY_PGDN, 1);
    free(screen_text(s));
    assert_int_equal(s->scroll, stopped);
}

static void test_save(void **state)
{
    fx *f = *state;
    ui_incident *s = f->s;
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_POSTS);
    press(s, UI_KEY_ENTER, 1);
    press(s, UI_KEY_BACKSPACE, 1);
    type(s, "300");
    press(s, UI_KEY_ENTER, 1);
    assert_int_equal(s->result->level, INCIDENT_LEVEL_II);
    /* no title: asked for */
    ui_incident_key(s, ui_key_char('s'));
    assert_int_equal(s->saved_id, 0);
    assert_true(s->editing);
    assert_int_equal(s->list.selected, UI_INCIDENT_LINE_TITLE);
    type(s, "forum posts");
    press(s, UI_KEY_ENTER, 1);
    ui_incident_key(s, ui_key_char('s'));
    assert_int_equal(s->saved_id, 1);
    ui_incident_key(s, ui_key_char('s'));   /* the same facts again: the same record */
    assert_int_equal(s->saved_id, 1);
    char *path = ui_context_store_path(&f->ctx);
    incident_store *is = NULL;
    assert_int_equal(incident_store_open(path, &is, NULL), 0);
    incident_record *r = NULL;
    assert_int_equal(incident_store_get(is, 1, &r, NULL), 0);
    assert_string_equal(r->title, "forum posts");
    assert_string_equal(r->facts, "posts=300");
    assert_string_equal(r->rules, "8-7-posts");
    assert_int_equal(r->event_count, 1);
    assert_string_equal(r->events[0].at, s->discovered);
    incident_record_free(r);
    incident_record **list = NULL;
    size_t n = 0;
    assert_int_equal(incident_store_list(is, &list, &n, NULL), 0);
    assert_int_equal(n, 1);
    incident_record_free_array(list, n);
    incident_store_close(is);
    free(path);
    /* a change makes it a new incident */
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_MEDIA);
    press(s, UI_KEY_RIGHT, 1);
    assert_int_equal(s->saved_id, 0);
    assert_int_equal(s->result->level, INCIDENT_LEVEL_I);
}

static void test_system_and_reopen(void **state)
{
    fx *f = *state;
    char *path = ui_context_store_path(&f->ctx), *err = NULL;
    store *st = NULL;
    if (store_open(path, &st, &err) != 0 || store_system_add(st, "oa", "办公自动化系统", &err) != 0 ||
        store_system_add(st, "web", "门户网站", &err) != 0)
        fail_msg("%s", err);
    store_close(st);
    /* a screen opened now offers them */
    ui_incident_free(f->s);
    ui_incident *s = f->s = ui_incident_new(&f->ctx);
    assert_non_null(s);
    assert_int_equal(s->system_count, 2);
    ui_list_select(&s->list, UI_INCIDENT_LINE_SYSTEM);
    char *text = screen_text(s);
    assert_non_null(strstr(text, "System concerned"));
    free(text);
    press(s, UI_KEY_RIGHT, 2);   /* none -> oa -> web */
    text = screen_text(s);
    assert_non_null(strstr(text, "web 门户网站"));
    free(text);
    press(s, UI_KEY_RIGHT, 1);   /* back to none */
    assert_int_equal(s->system, 0);
    press(s, UI_KEY_LEFT, 1);    /* and round the other way to web */
    ui_list_select(&s->list, UI_INCIDENT_LINE_TITLE);
    press(s, UI_KEY_ENTER, 1);
    type(s, "defaced");
    press(s, UI_KEY_ENTER, 1);
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_DEFACED);
    press(s, UI_KEY_RIGHT, 1);
    assert_int_equal(s->result->level, INCIDENT_LEVEL_II);
    ui_incident_key(s, ui_key_char('s'));
    assert_int_equal(s->saved_id, 1);

    /* a new screen reopens incident 1 by its number */
    ui_incident_free(f->s);
    s = f->s = ui_incident_new(&f->ctx);
    ui_incident_key(s, ui_key_char('o'));
    assert_true(s->opening);
    type(s, "7");
    press(s, UI_KEY_ENTER, 1);
    assert_non_null(s->error);   /* no incident 7 */
    assert_int_equal(s->open_id, 0);
    press(s, UI_KEY_BACKSPACE, 1);
    type(s, "1");
    press(s, UI_KEY_ENTER, 1);
    assert_int_equal(s->open_id, 1);
    assert_false(s->editing);
    assert_string_equal(s->title, "defaced");
    assert_string_equal(s->systems[s->system - 1].id, "web");
    assert_int_equal(s->value[INCIDENT_FACT_DEFACED], 1);
    assert_int_equal(s->result->level, INCIDENT_LEVEL_II);
    text = screen_text(s);
    assert_non_null(strstr(text, "Incident 1 (003)"));
    free(text);
    /* the title stays the record's */
    ui_list_select(&s->list, UI_INCIDENT_LINE_TITLE);
    press(s, UI_KEY_ENTER, 1);
    assert_false(s->editing);
    assert_non_null(s->error);
    /* a change, saved: the same record graded again, the change noted */
    ui_list_select(&s->list, UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_DEFACED);
    press(s, UI_KEY_RIGHT, 1);   /* political */
    assert_int_equal(s->result->level, INCIDENT_LEVEL_I);
    assert_int_equal(s->saved_id, 0);
    ui_incident_key(s, ui_key_char('s'));
    assert_int_equal(s->saved_id, 1);
    incident_store *is = NULL;
    assert_int_equal(incident_store_open(path, &is, NULL), 0);
    incident_record **list = NULL;
    size_t n = 0;
    assert_int_equal(incident_store_list(is, &list, &n, NULL), 0);
    assert_int_equal(n, 1);
    assert_int_equal(list[0]->level, INCIDENT_LEVEL_I);
    assert_string_equal(list[0]->facts, "defaced=political");
    assert_string_equal(list[0]->system_id, "web");
    assert_int_equal(list[0]->event_count, 2);
    assert_int_equal(list[0]->events[1].kind, INCIDENT_EVENT_EDITED);
    assert_non_null(strstr(list[0]->events[1].text, "level: II -> I"));
    incident_record_free_array(list, n);
    incident_store_close(is);
    free(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_words_match_the_facts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_level_follows_the_facts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_save, setup, teardown),
        cmocka_unit_test_setup_teardown(test_system_and_reopen, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
