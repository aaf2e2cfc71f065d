/* test_ui_text.c: display width and wrapping (text.h) with Chinese, mixed
 * and English text, as the screens use them; the string table; the canvas
 * that never holds half a wide character; full-width input folding. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <fcntl.h>
#include <unistd.h>

#include "config.h"

#include "testutil.h"
#include "i18n.h"
#include "text.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_text.h"

/* Every line of a wrap: its text, for comparisons. */
static char *line_of(const char *s, const text_span *sp)
{
    return strndup(s + sp->offset, sp->length);
}

static void test_width_chinese_mixed_english(void **state)
{
    (void)state;
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("安全自查"), 8);
    assert_int_equal(text_width("OA系统v2"), 8);
    assert_int_equal(text_width("（全角）"), 8);
    assert_int_equal(text_width(""), 0);
    /* an invalid byte is one replacement character of width 1 */
    assert_int_equal(text_width("a\xFF" "b"), 3);
}

static void test_fit_never_splits_a_wide_character(void **state)
{
    (void)state;
    size_t w = 99;
    /* 5 columns hold two Chinese characters (4 columns), not half a third */
    assert_int_equal(text_fit("安全自查", 5, &w), 6);
    assert_int_equal(w, 4);
    assert_int_equal(text_fit("安全自查", 1, &w), 0);
    assert_int_equal(w, 0);
    assert_int_equal(text_fit("ab安全", 3, &w), 2);
    assert_int_equal(w, 2);
    assert_int_equal(text_fit("ab安全", 4, &w), 5);
    assert_int_equal(w, 4);
    assert_int_equal(text_fit("hello", 10, &w), 5);
    assert_int_equal(w, 5);
}

static void test_wrap_chinese_between_any_characters(void **state)
{
    (void)state;
    const char *s = "是否杜绝了多人共用同一个帐号的情况？";   /* 18 characters, 36 columns */
    text_span *sp = NULL;
    size_t n = text_wrap(s, 10, &sp);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        assert_true(sp[i].columns <= 10);
        assert_int_equal(sp[i].columns % 2, 0);     /* only whole characters */
        assert_int_equal(sp[i].length % 3, 0);      /* 3 bytes each in UTF-8 */
    }
    char *first = line_of(s, &sp[0]);
    assert_string_equal(first, "是否杜绝了");
    free(first);
    free(sp);
    /* an odd width: a double-width character never starts in the last column */
    n = text_wrap(s, 9, &sp);
    for (size_t i = 0; i < n; i++)
        assert_true(sp[i].columns <= 8);
    free(sp);
}

/* Chinese punctuation stays with its text: no line begins with ，。、）” and
 * none ends with （“; and a space between Chinese text is not the only break. */
static void test_wrap_keeps_punctuation_with_its_text(void **state)
{
    (void)state;
    /* at 10 columns the plain cut would start line 2 with "，" */
    const char *s = "打开控制台，查看病毒库（或日志）的日期。";
    text_span *sp = NULL;
    size_t n = text_wrap(s, 10, &sp);
    assert_true(n >= 4);
    const char *no_start[] = {"，", "。", "、", "）", "”"};
    const char *no_end[] = {"（", "“"};
    for (size_t i = 0; i < n; i++) {
        char *line = line_of(s, &sp[i]);
        assert_true(sp[i].columns <= 10);
        assert_true(sp[i].length > 0);
        for (size_t k = 0; k < sizeof no_start / sizeof no_start[0]; k++)
            if (strncmp(line, no_start[k], strlen(no_start[k])) == 0)
                fail_msg("line %zu begins with %s: %s", i, no_start[k], line);
        for (size_t k = 0; k < sizeof no_end / sizeof no_end[0]; k++) {
            size_t l = strlen(line), m = strlen(no_end[k]);
            if (l >= m && strcmp(line + l - m, no_end[k]) == 0)
                fail_msg("line %zu ends with %s: %s", i, no_end[k], line);
        }
        free(line);
    }
    char *first = line_of(s, &sp[0]);
    assert_string_equal(first, "打开控制");   /* "台，" moves down together */
    free(first);
    free(sp);

    /* a space inside Chinese text: the line still fills up to the width */
    s = "回答“从未”（按 n 键；判为不符合）";
    n = text_wrap(s, 14, &sp);
    first = line_of(s, &sp[0]);
    assert_true(sp[0].columns >= 12);
    assert_true(text_width(first) <= 14);
    free(first);
    free(sp);

    /* English words next to Chinese are still not cut */
    s = "查看 antivirus 日志";
    n = text_wrap(s, 12, &sp);
    for (size_t i = 0; i < n; i++) {
        char *line = line_of(s, &sp[i]);
        assert_true(strstr(line, "antivir") == NULL || strstr(line, "antivirus") != NULL);
        free(line);
    }
    free(sp);
}

static void test_wrap_english_at_spaces(void **state)
{
    (void)state;
    const char *s = "Is the data of important systems backed up every day?";
    text_span *sp = NULL;
    size_t n = text_wrap(s, 20, &sp);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        char *line = line_of(s, &sp[i]);
        assert_true(sp[i].columns <= 20);
        /* no word cut: each line starts and ends at a word boundary */
        assert_true(line[0] != ' ' && (sp[i].length == 0 || line[sp[i].length - 1] != ' '));
        size_t end = sp[i].offset + sp[i].length;
        assert_true(s[end] == '\0' || s[end] == ' ');
        free(line);
    }
    char *first = line_of(s, &sp[0]);
    assert_string_equal(first, "Is the data of");
    free(first);
    free(sp);
}

static void test_wrap_mixed_and_newlines(void **state)
{
    (void)state;
    const char *s = "依据：GB/T 22239 第八条\n如何检查：查看 OA 系统日志";
    text_span *sp = NULL;
    size_t n = text_wrap(s, 16, &sp);
    assert_true(n >= 3);
    for (size_t i = 0; i < n; i++) {
        char *line = line_of(s, &sp[i]);
        assert_true(sp[i].columns <= 16);
        assert_int_equal(sp[i].columns, text_width(line));
        assert_null(strchr(line, '\n'));
        free(line);
    }
    /* the hard break starts a new line */
    bool found = false;
    for (size_t i = 0; i < n; i++)
        if (strncmp(s + sp[i].offset, "如何检查", strlen("如何检查")) == 0)
            found = true;
    assert_true(found);
    free(sp);
    assert_int_equal(text_wrap("", 10, &sp), 0);
    assert_null(sp);
}

/* text_strip: white space off both ends of a byte range, nothing else. */
static void test_strip(void **state)
{
    (void)state;
    const char *s = " \t 办公 系统 \r\n";
    char *out = text_strip(s, s + strlen(s));
    assert_string_equal(out, "办公 系统");
    free(out);
    out = text_strip(s, s + 3);   /* only white space */
    assert_string_equal(out, "");
    free(out);
}

static void test_pad_by_columns(void **state)
{
    (void)state;
    char *p = text_pad("网络", 6);
    assert_string_equal(p, "网络  ");
    assert_int_equal(text_width(p), 6);
    free(p);
    p = text_pad("网络安全", 5);     /* cut whole, then padded to exactly 5 */
    assert_string_equal(p, "网络 ");
    free(p);
    p = text_pad("abc", 2);
    assert_string_equal(p, "ab");
    free(p);
}

static void test_canvas_wide_characters(void **state)
{
    (void)state;
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 3, 10), 0);
    /* 9 columns left from column 1: four Chinese characters, not a half fifth */
    assert_int_equal(ui_canvas_put(&c, 0, 1, 20, UI_ROLE_NORMAL, "安全自查检查"), 8);
    char *row = ui_canvas_row_text(&c, 0);
    assert_string_equal(row, " 安全自查");
    free(row);
    /* writing over the right half of 安 blanks its left half */
    ui_canvas_put(&c, 0, 2, 1, UI_ROLE_FAILED, "x");
    row = ui_canvas_row_text(&c, 0);
    assert_string_equal(row, "  x全自查");
    free(row);
    /* control characters never reach the terminal */
    ui_canvas_put(&c, 1, 0, 10, UI_ROLE_NORMAL, "a\tb\nc");
    row = ui_canvas_row_text(&c, 1);
    assert_string_equal(row, "a b c");
    free(row);
    assert_int_equal(ui_canvas_role_at(&c, 0, 2), UI_ROLE_FAILED);
    ui_canvas_free(&c);
}

static void test_subst_placeholders(void **state)
{
    (void)state;
    /* a placeholder without an argument is left empty; a translation may
     * take the values in another order (the catalogue's placeholders are
     * checked against their msgids by cli_po) */
    const char *args[] = {"80x24", "60x20"};
    char *s = ui_subst("need {1}, have {2}, {3}", args, 2);
    assert_string_equal(s, "need 80x24, have 60x20, ");
    free(s);
    s = ui_subst("{2} then {1}", args, 2);
    assert_string_equal(s, "60x20 then 80x24");
    free(s);
}

static void test_too_small_page(void **state)
{
    (void)state;
    ui_context ctx;
    memset(&ctx, 0, sizeof ctx);
    strcpy(ctx.lang, "zh");
    ui_canvas c = {0};
    assert_true(ui_too_small(23, 80));
    assert_true(ui_too_small(24, 79));
    assert_false(ui_too_small(24, 80));
    assert_int_equal(ui_canvas_reset(&c, 10, 30), 0);
    ui_render_too_small(&ctx, &c);
    char all[2048] = "";
    for (int r = 0; r < c.rows; r++) {
        char *row = ui_canvas_row_text(&c, r);
        strncat(all, row, sizeof all - strlen(all) - 1);
        free(row);
    }
    assert_non_null(strstr(all, "窗口太小"));
    assert_non_null(strstr(all, "80x24"));
    assert_non_null(strstr(all, "30x10"));
    ui_canvas_free(&c);
}

static void test_input_method_folding(void **state)
{
    (void)state;
    assert_int_equal(ui_key_command(ui_key_char(0xFF59)).ch, 'y');   /* ｙ */
    assert_int_equal(ui_key_command(ui_key_char(0xFF1F)).ch, '?');   /* ？ */
    assert_int_equal(ui_key_command(ui_key_char(0x662F)).ch, 'y');   /* 是 */
    assert_int_equal(ui_key_command(ui_key_char(0x5426)).ch, 'n');   /* 否 */
    assert_int_equal(ui_key_command(ui_key_char(0x4E2D)).ch, 0x4E2D);
    char *s = ui_fold_digits(" ２０２６－１１－０１ ");
    assert_string_equal(s, "2026-11-01");
    free(s);
    s = ui_fold_digits("３。５");
    assert_string_equal(s, "3.5");
    free(s);
    s = ui_fold_digits("备注不变");
    assert_string_equal(s, "备注不变");
    free(s);
}

/* [ui] ambiguous = wide: · — … ✓ count two columns, in widths, in what
 * fits, and in the mark that ends a cut text; the default counts one. */
static void test_ambiguous_wide(void **state)
{
    (void)state;
    assert_int_equal(text_width("·—…✓"), 4);
    text_set_ambiguous_wide(true);
    assert_int_equal(text_width("·—…✓"), 8);
    assert_int_equal(text_width("安全 · 自查"), 12);
    assert_int_equal(text_width("abc"), 3);
    size_t w = 0;
    assert_int_equal(text_fit("a·b", 2, &w), 1);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 1, 10), 0);
    assert_int_equal(ui_canvas_put_cut(&c, 0, 0, 6, UI_ROLE_NORMAL, "abcdefgh"), 6);
    char *row = ui_canvas_row_text(&c, 0);
    assert_string_equal(row, "abcd…");
    free(row);
    text_set_ambiguous_wide(false);
    ui_canvas_reset(&c, 1, 10);
    ui_canvas_put_cut(&c, 0, 0, 6, UI_ROLE_NORMAL, "abcdefgh");
    row = ui_canvas_row_text(&c, 0);
    assert_string_equal(row, "abcde…");
    free(row);
    ui_canvas_free(&c);
    /* the setting is read from [ui] ambiguous */
    char path[] = "/tmp/test_ui_text_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char ini[] = "[ui]\nlang = zh\nambiguous = wide\n";
    assert_int_equal(write(fd, ini, sizeof ini - 1), (ssize_t)(sizeof ini - 1));
    close(fd);
    config *cfg = NULL;
    char *err = NULL;
    assert_int_equal(config_load(path, &cfg, &err), 0);
    assert_true(cfg->ambiguous_wide);
    config_free(cfg);
    fd = open(path, O_WRONLY | O_TRUNC);
    const char bad[] = "[ui]\nambiguous = double\n";
    assert_int_equal(write(fd, bad, sizeof bad - 1), (ssize_t)(sizeof bad - 1));
    close(fd);
    assert_int_equal(config_load(path, &cfg, &err), -1);
    /* in the test's language (Chinese): the line, the key and the value */
    assert_non_null(strstr(err, ":2: ambiguous 须为 wide 或 narrow，不能是“double”"));
    free(err);
    unlink(path);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    i18n_init("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ambiguous_wide),
        cmocka_unit_test(test_width_chinese_mixed_english),
        cmocka_unit_test(test_fit_never_splits_a_wide_character),
        cmocka_unit_test(test_wrap_chinese_between_any_characters),
        cmocka_unit_test(test_wrap_keeps_punctuation_with_its_text),
        cmocka_unit_test(test_wrap_english_at_spaces),
        cmocka_unit_test(test_wrap_mixed_and_newlines),
        cmocka_unit_test(test_strip),
        cmocka_unit_test(test_pad_by_columns),
        cmocka_unit_test(test_canvas_wide_characters),
        cmocka_unit_test(test_subst_placeholders),
        cmocka_unit_test(test_too_small_page),
        cmocka_unit_test(test_input_method_folding),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
