/* test_ui_setup.c: the first-run screen without a terminal: the unit code
 * checked as it is typed (too long is refused, not cut), empty fields said
 * to be required once left, what the code is for, Esc asking before it
 * throws typed text away, and the Chinese word for the assessor. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "i18n.h"
#include "testutil.h"
#include "ui_context.h"
#include "ui_setup.h"

typedef struct fixture {
    char *dir;
    char *path;
    ui_context ctx;
} fixture;

static int fixture_setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    char *ini = NULL;
    assert_true(asprintf(&ini, "[paths]\ndata = %s/data\n[signing]\nkey = %s/data/unit.key\n[ui]\nlang = en\n",
                         f->dir, f->dir) > 0);
    f->path = testutil_write(f->dir, "selfcheck.ini", ini);
    free(ini);
    char *err = NULL;
    assert_int_equal(ui_context_init(&f->ctx, f->path, NULL, &err), 0);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    fixture *f = *state;
    ui_context_free(&f->ctx);
    testutil_rmtree(f->dir);
    free(f->dir);
    free(f->path);
    free(f);
    return 0;
}

static void type(ui_setup *st, const char *ascii)
{
    for (const char *p = ascii; *p; p++)
        ui_setup_key(st, ui_key_char((unsigned char)*p));
}

/* The whole canvas as text. Caller frees. */
static char *render(ui_setup *st)
{
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 24, 80), 0);
    ui_setup_render(st, &c);
    char *out = testutil_canvas_text(&c);
    ui_canvas_free(&c);
    return out;
}

static void test_code_checked_as_typed(void **state)
{
    fixture *f = *state;
    ui_setup *st = ui_setup_new(&f->ctx);
    char *screen = render(st);
    assert_non_null(strstr(screen, "supervisor registered"));   /* what the code is for */
    assert_null(strstr(screen, "Required"));                    /* nothing typed, nothing left yet */
    free(screen);
    type(st, "44 01");
    char *problem = ui_setup_problem(st, UI_SETUP_CODE);
    assert_non_null(problem);
    assert_non_null(strstr(problem, "no spaces"));
    free(problem);
    screen = render(st);
    assert_non_null(strstr(screen, "no spaces"));                /* shown while typing */
    free(screen);
    for (int i = 0; i < 5; i++)
        ui_setup_key(st, ui_key_make(UI_KEY_BACKSPACE));
    /* 40 characters are kept, not cut at 32, and refused with the count */
    type(st, "abcdefghijabcdefghijabcdefghijabcdefghij");
    char *text = ui_field_text(&st->fields[UI_SETUP_CODE]);
    assert_int_equal(strlen(text), 40);
    free(text);
    problem = ui_setup_problem(st, UI_SETUP_CODE);
    assert_non_null(strstr(problem, "40 characters"));
    free(problem);
    st->focus = UI_SETUP_SAVE;
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ENTER)), UI_ACT_REDRAW);
    assert_int_equal(st->focus, UI_SETUP_CODE);
    assert_non_null(strstr(st->error, "Unit code: 40 characters: at most 32"));
    for (int i = 0; i < 8; i++)
        ui_setup_key(st, ui_key_make(UI_KEY_BACKSPACE));
    problem = ui_setup_problem(st, UI_SETUP_CODE);
    assert_null(problem);
    /* the name, left empty, says it is required; before it is left it does not */
    ui_setup_key(st, ui_key_make(UI_KEY_TAB));
    screen = render(st);
    assert_null(strstr(screen, "Required."));
    free(screen);
    ui_setup_key(st, ui_key_make(UI_KEY_TAB));
    screen = render(st);
    assert_non_null(strstr(screen, "Required."));
    free(screen);
    ui_setup_free(st);
}

static void test_esc_asks_before_discarding(void **state)
{
    fixture *f = *state;
    ui_setup *st = ui_setup_new(&f->ctx);
    /* nothing typed: Esc quits at once */
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ESC)), UI_ACT_QUIT);
    type(st, "4401");
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ESC)), UI_ACT_REDRAW);
    assert_non_null(strstr(f->ctx.message, "Esc again"));
    /* any other key goes back to the form, and the text is still there */
    assert_int_equal(ui_setup_key(st, ui_key_char('x')), UI_ACT_REDRAW);
    char *text = ui_field_text(&st->fields[UI_SETUP_CODE]);
    assert_string_equal(text, "4401");
    free(text);
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ESC)), UI_ACT_REDRAW);
    assert_int_equal(ui_setup_key(st, ui_key_make(UI_KEY_ESC)), UI_ACT_QUIT);
    ui_setup_free(st);
}

/* The README and the reports say 检查人: the screen uses the same word. */
static void test_assessor_word(void **state)
{
    fixture *f = *state;
    i18n_set_lang("zh");
    ui_setup *st = ui_setup_new(&f->ctx);
    char *screen = render(st);
    assert_non_null(strstr(screen, "检查人"));
    assert_null(strstr(screen, "评估人"));
    free(screen);
    ui_setup_free(st);
    i18n_set_lang("en");
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_code_checked_as_typed, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_esc_asks_before_discarding, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_assessor_word, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
