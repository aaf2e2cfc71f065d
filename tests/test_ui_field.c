/* test_ui_field.c: the one-line field editor on code points: Chinese typed
 * one character at a time is stored intact, the cursor and Backspace move
 * over whole characters, and the field scrolls by columns to keep the
 * cursor in view without cutting a wide character. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"
#include "ui_field.h"

static void type(ui_field *f, const char *text)
{
    size_t len = strlen(text), i = 0;
    while (i < len) {
        unsigned cp;
        i += text_decode(text + i, len - i, &cp);
        assert_int_equal(ui_field_key(f, ui_key_char(cp)), UI_FIELD_CHANGED);
    }
}

static void expect_text(const ui_field *f, const char *want)
{
    char *text = ui_field_text(f);
    assert_string_equal(text, want);
    free(text);
}

static void test_chinese_typed_intact(void **state)
{
    (void)state;
    ui_field f = {0};
    type(&f, "整改责任人：王五 (IT)");
    expect_text(&f, "整改责任人：王五 (IT)");
    assert_int_equal(f.len, 13);
    ui_field_key(&f, ui_key_make(UI_KEY_HOME));
    ui_field_key(&f, ui_key_make(UI_KEY_DELETE));
    expect_text(&f, "改责任人：王五 (IT)");
    ui_field_key(&f, ui_key_make(UI_KEY_END));
    for (int i = 0; i < 5; i++)
        ui_field_key(&f, ui_key_make(UI_KEY_BACKSPACE));
    expect_text(&f, "改责任人：王五");
    ui_field_key(&f, ui_key_make(UI_KEY_LEFT));
    type(&f, "小");
    expect_text(&f, "改责任人：王小五");
    ui_field_key(&f, ui_key_char(0x7F));   /* DEL as Backspace */
    expect_text(&f, "改责任人：王五");
    ui_field_key(&f, ui_key_char(0x15));   /* Ctrl-U */
    expect_text(&f, "");
    assert_int_equal(ui_field_key(&f, ui_key_make(UI_KEY_ENTER)), UI_FIELD_SUBMIT);
    assert_int_equal(ui_field_key(&f, ui_key_make(UI_KEY_ESC)), UI_FIELD_CANCEL);
    assert_int_equal(ui_field_key(&f, ui_key_make(UI_KEY_UP)), UI_FIELD_IGNORED);
    /* control characters are not stored */
    ui_field_key(&f, ui_key_char('\t'));
    expect_text(&f, "");
    ui_field_free(&f);
}

static void test_limit_and_set(void **state)
{
    (void)state;
    ui_field f = {0};
    f.max_chars = 3;
    type(&f, "一二三四");
    expect_text(&f, "一二三");
    ui_field_set(&f, "甲乙丙丁");
    expect_text(&f, "甲乙丙");
    assert_int_equal(f.cursor, 3);
    ui_field_set(&f, NULL);
    expect_text(&f, "");
    ui_field_free(&f);
}

static void test_render_scrolls_by_columns(void **state)
{
    (void)state;
    ui_field f = {0};
    ui_canvas c = {0};
    ui_canvas_reset(&c, 1, 12);
    type(&f, "一二三四五六七八");   /* 16 columns into a 9-column field */
    ui_field_render(&f, &c, 0, 1, 9, UI_ROLE_INPUT);
    char *row = ui_canvas_row_text(&c, 0);
    /* the end is shown, with room for the cursor after it */
    assert_string_equal(row, " 五六七八");
    assert_int_equal(c.cursor_col, 9);
    free(row);
    ui_field_key(&f, ui_key_make(UI_KEY_HOME));
    ui_canvas_reset(&c, 1, 12);
    ui_field_render(&f, &c, 0, 1, 9, UI_ROLE_INPUT);
    row = ui_canvas_row_text(&c, 0);
    assert_string_equal(row, " 一二三四");   /* 8 of 9 columns: no half character */
    assert_int_equal(c.cursor_col, 1);
    free(row);
    f.masked = true;
    ui_canvas_reset(&c, 1, 12);
    ui_field_render(&f, &c, 0, 0, 12, UI_ROLE_INPUT);
    row = ui_canvas_row_text(&c, 0);
    assert_string_equal(row, "********");
    free(row);
    ui_canvas_free(&c);
    ui_field_free(&f);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chinese_typed_intact),
        cmocka_unit_test(test_limit_and_set),
        cmocka_unit_test(test_render_scrolls_by_columns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
