/* test_record_limits.c: cmocka tests of the limits of recorded text
 * (record_limits.h) as the store and the session apply them: a text at its
 * limit is recorded, one byte more is refused; control characters are
 * refused (a note may have lines, an owner or a system name may not); a unit
 * has at most RECORD_MAX_SYSTEMS systems; a refused change leaves the store
 * as it was. The session is the half-year check of example.ini with the
 * systems web and oa (testutil_example_session). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "record_limits.h"
#include "session.h"
#include "store.h"
#include "testutil.h"

typedef testutil_session fixture;

/* n bytes of 'x' (caller frees) */
static char *filled(size_t n)
{
    char *t = malloc(n + 1);
    assert_non_null(t);
    memset(t, 'x', n);
    t[n] = '\0';
    return t;
}

/* The store's put of one field of the first instance of the plan. */
static int put(session *s, answer_field field, const char *text, char **err)
{
    const instance *in = &s->plan->items[0];
    return store_answer_put(s->store, s->assessment->id, in->list->id, in->item->id, in->system_id, field, text,
                            NULL, err);
}

static void assert_refused(int rc, char **errp, const char *phrase)
{
    char *err = *errp;   /* read after the call has filled it */
    if (rc != STORE_ERR_INVALID || err == NULL || strstr(err, phrase) == NULL)
        print_message("expected STORE_ERR_INVALID with \"%s\", got %d: %s\n", phrase, rc, err ? err : "(none)");
    assert_int_equal(rc, STORE_ERR_INVALID);
    assert_non_null(err);
    assert_non_null(strstr(err, phrase));
    free(err);
}

static void test_text_limits(void **state)
{
    fixture *f = *state;
    char *at = filled(RECORD_MAX_TEXT), *over = filled(RECORD_MAX_TEXT + 1);
    char *name_at = filled(RECORD_MAX_NAME), *name_over = filled(RECORD_MAX_NAME + 1);
    char *err = NULL;
    assert_int_equal(put(f->s, ANSWER_FIELD_NOTE, at, NULL), 0);
    assert_int_equal(put(f->s, ANSWER_FIELD_OWNER, name_at, NULL), 0);
    assert_refused(put(f->s, ANSWER_FIELD_NOTE, over, &err), &err, "16385 bytes, more than the 16384 allowed");
    err = NULL;
    assert_refused(put(f->s, ANSWER_FIELD_OWNER, name_over, &err), &err, "201 bytes, more than the 200 allowed");
    /* what was there stays */
    assert_int_equal(session_refresh(f->s, NULL), 0);
    const answer *a = session_answer(f->s, 0);
    assert_non_null(a);
    assert_int_equal(strlen(a->note), RECORD_MAX_TEXT);
    assert_int_equal(strlen(a->owner), RECORD_MAX_NAME);
    assert_int_equal(session_text_bytes(f->s), RECORD_MAX_TEXT + RECORD_MAX_NAME);
    free(at);
    free(over);
    free(name_at);
    free(name_over);
}

static void test_control_characters(void **state)
{
    fixture *f = *state;
    /* a note may have lines (LF, CRLF) and tabs */
    assert_int_equal(put(f->s, ANSWER_FIELD_NOTE, "第一行\n第二行\r\n\t第三行", NULL), 0);
    const char *bad_notes[] = {"清屏\x1b[2J", "单独\r回车", "八位\xc2\x9b" "2J", "响铃\a", "删除\x7f"};
    for (size_t i = 0; i < sizeof bad_notes / sizeof bad_notes[0]; i++) {
        char *err = NULL;
        assert_refused(put(f->s, ANSWER_FIELD_NOTE, bad_notes[i], &err), &err, "control character");
    }
    char *err = NULL;
    assert_refused(put(f->s, ANSWER_FIELD_NOTE, "\xff\xfe", &err), &err, "invalid UTF-8 at byte 1");
    /* an owner is one line */
    const char *bad_owners[] = {"王五\n李四", "王五\x1b]0;x\a", "王五\t"};
    for (size_t i = 0; i < sizeof bad_owners / sizeof bad_owners[0]; i++) {
        err = NULL;
        assert_refused(put(f->s, ANSWER_FIELD_OWNER, bad_owners[i], &err), &err, "a name is one line of text");
    }
    err = NULL;
    assert_refused(store_system_add(f->s->store, "mail", "邮件\x1b[2J", &err), &err, "a name is one line of text");
    /* through the session, as the walk screen records */
    err = NULL;
    assert_int_equal(session_set(f->s, 0, ANSWER_FIELD_OWNER, "赵六\x1b[31m", &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "a name is one line of text"));
    free(err);
    assert_int_equal(session_refresh(f->s, NULL), 0);
    assert_non_null(session_answer(f->s, 0));
    assert_null(session_answer(f->s, 0)->owner);
}

static void test_free_text_answer(void **state)
{
    fixture *f = *state;
    const item *text_item = NULL;
    for (size_t i = 0; i < f->s->plan->count && text_item == NULL; i++)
        if (f->s->plan->items[i].item->type == ANSWER_TEXT)
            text_item = f->s->plan->items[i].item;
    assert_non_null(text_item);
    char *at = filled(RECORD_MAX_TEXT), *over = filled(RECORD_MAX_TEXT + 1), *canonical = NULL, *err = NULL;
    assert_int_equal(answer_parse(text_item, at, "2026-03-15", &canonical, NULL), 0);
    free(canonical);
    assert_int_equal(answer_parse(text_item, over, "2026-03-15", &canonical, &err), -1);
    assert_null(canonical);
    assert_non_null(strstr(err, "more than the 16384 allowed"));
    free(err);
    free(at);
    free(over);
}

/* The walk records through session_set, which counts the check's total:
 * texts stored earlier (here rows of items the plan does not have, which the
 * store keeps and a report would carry) leave room for one more note only up
 * to RECORD_MAX_TOTAL. */
static void test_session_total(void **state)
{
    fixture *f = *state;
    char *note = filled(RECORD_MAX_TEXT);
    size_t rows = RECORD_MAX_TOTAL / RECORD_MAX_TEXT;   /* exactly the total */
    assert_int_equal(store_begin(f->s->store, NULL), 0);
    for (size_t i = 0; i < rows; i++) {
        char id[24];
        snprintf(id, sizeof id, "old-%zu", i);
        assert_int_equal(store_answer_put(f->s->store, f->s->assessment->id, "gone", id, "", ANSWER_FIELD_NOTE, note,
                                          NULL, NULL),
                         0);
    }
    assert_int_equal(store_commit(f->s->store, NULL), 0);
    assert_int_equal(session_refresh(f->s, NULL), 0);
    assert_int_equal(session_text_bytes(f->s), RECORD_MAX_TOTAL);
    char *err = NULL;
    assert_int_equal(session_set(f->s, 0, ANSWER_FIELD_NOTE, "再多一个字", &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err, "more than the 16777216 allowed"));
    free(err);
    assert_true(session_answer(f->s, 0) == NULL || session_answer(f->s, 0)->note == NULL);
    /* once a stored note is cleared there is room again */
    assert_int_equal(store_answer_put(f->s->store, f->s->assessment->id, "gone", "old-0", "", ANSWER_FIELD_NOTE, "",
                                      NULL, NULL),
                     0);
    assert_int_equal(session_refresh(f->s, NULL), 0);
    assert_int_equal(session_set(f->s, 0, ANSWER_FIELD_NOTE, "再多一个字", NULL), 0);
    free(note);
}

static void test_systems_limit(void **state)
{
    fixture *f = *state;
    system_info *systems;
    size_t count;
    assert_int_equal(store_systems_list(f->s->store, &systems, &count, NULL), 0);
    system_info_free_array(systems, count);
    for (size_t i = count; i < RECORD_MAX_SYSTEMS; i++) {
        char id[16];
        snprintf(id, sizeof id, "s%zu", i);
        assert_int_equal(store_system_add(f->s->store, id, "系统", NULL), 0);
    }
    char *err = NULL;
    assert_refused(store_system_add(f->s->store, "one-more", "系统", &err), &err, "100 systems are registered");
    assert_int_equal(store_system_remove(f->s->store, "s2", NULL), 0);
    assert_int_equal(store_system_add(f->s->store, "one-more", "系统", NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_text_limits, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_control_characters, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_free_text_answer, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_session_total, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_systems_limit, testutil_session_setup, testutil_session_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
