/* test_ui_widgets.c: the screen widgets without a terminal: the list
 * (selection, paging, headings skipped, the marks for hidden rows), the
 * table (widths by display width, names shortened with "…" before dates and
 * states, sorting, headings), the tall pane (no row cap, the focus kept in
 * view, marks) and the bars and trend chart. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"
#include "ui_canvas.h"
#include "ui_chart.h"
#include "ui_context.h"
#include "ui_list.h"
#include "ui_pane.h"
#include "ui_table.h"

static void assert_row(const ui_canvas *c, int row, const char *expected)
{
    char *text = ui_canvas_row_text(c, row);
    assert_non_null(text);
    assert_string_equal(text, expected);
    free(text);
}

static bool row_has(const ui_canvas *c, int row, const char *needle)
{
    char *text = ui_canvas_row_text(c, row);
    bool found = text && strstr(text, needle);
    free(text);
    return found;
}

static void test_cut_marks_the_cut(void **state)
{
    (void)state;
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 2, 12), 0);
    assert_int_equal(ui_canvas_put_cut(&c, 0, 0, 9, UI_ROLE_NORMAL, "全市生态环境质量"), 9);
    assert_row(&c, 0, "全市生态…");
    /* text that fits is not marked */
    ui_canvas_put_cut(&c, 1, 0, 8, UI_ROLE_NORMAL, "办公自动");
    assert_row(&c, 1, "办公自动");
    ui_canvas_free(&c);
}

/* A title cut to the full width of the title bar (a long unit name) ends in
 * "…" and keeps the date at the right. */
static void test_title_keeps_date(void **state)
{
    (void)state;
    ui_context ctx = {0};
    memcpy(ctx.today, "2026-11-21", 11);
    memcpy(ctx.lang, "zh", 3);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 1, 80), 0);
    ui_render_title(&ctx, &c, "每月例行检查 2026-11 \xC2\xB7 广州市生态环境局黄埔分局信息化建设办公室 \xC2\xB7 欧阳建国（信息科）");
    char *row = ui_canvas_row_text(&c, 0);
    assert_non_null(row);
    size_t n = strlen(row);
    while (n > 0 && row[n - 1] == ' ')
        n--;
    assert_true(n >= 10);
    assert_memory_equal(row + n - 10, "2026-11-21", 10);
    assert_non_null(strstr(row, "…"));
    free(row);
    ui_canvas_free(&c);
}

static void list_row(void *data, ui_canvas *c, int row, int col, int width, size_t i, bool selected)
{
    (void)data;
    char label[32];
    snprintf(label, sizeof label, "%s%zu", selected ? ">" : " ", i);
    ui_canvas_put(c, row, col, width, UI_ROLE_NORMAL, label);
}

static void test_list_keys_and_scroll(void **state)
{
    (void)state;
    ui_list l = {0};
    ui_list_init(&l, 20);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 5, 10), 0);
    ui_list_render(&l, &c, 0, 0, 10, 5, list_row, NULL);
    assert_row(&c, 0, ">0");
    assert_false(ui_list_more_above(&l));
    assert_true(ui_list_more_below(&l));
    assert_true(row_has(&c, 4, UI_MORE_BELOW));
    assert_true(ui_list_key(&l, ui_key_make(UI_KEY_PGDN)));
    assert_int_equal(l.selected, 4);
    assert_true(ui_list_key(&l, ui_key_make(UI_KEY_END)));
    assert_int_equal(l.selected, 19);
    ui_canvas_reset(&c, 5, 10);
    ui_list_render(&l, &c, 0, 0, 10, 5, list_row, NULL);
    assert_int_equal(l.top, 15);
    assert_row(&c, 0, " 15      " UI_MORE_ABOVE);
    assert_row(&c, 4, ">19");
    assert_false(ui_list_more_below(&l));
    assert_true(ui_list_key(&l, ui_key_char('k')));
    assert_int_equal(l.selected, 18);
    assert_true(ui_list_key(&l, ui_key_make(UI_KEY_HOME)));
    assert_int_equal(l.selected, 0);
    assert_false(ui_list_key(&l, ui_key_char('x')));
    /* a shorter list keeps the selection inside it */
    l.selected = 15;
    ui_list_set_count(&l, 3);
    assert_int_equal(l.selected, 2);
    ui_list_set_count(&l, 0);
    assert_int_equal(l.selected, 0);
    assert_true(ui_list_key(&l, ui_key_make(UI_KEY_DOWN)));
    ui_canvas_free(&c);
}

static bool even_only(const void *data, size_t i)
{
    (void)data;
    return i % 2 == 0;
}

static void test_list_skips_rows_not_selectable(void **state)
{
    (void)state;
    ui_list l = {.selectable = even_only};
    ui_list_init(&l, 7);
    assert_int_equal(l.selected, 0);
    ui_list_key(&l, ui_key_make(UI_KEY_DOWN));
    assert_int_equal(l.selected, 2);
    ui_list_key(&l, ui_key_make(UI_KEY_END));
    assert_int_equal(l.selected, 6);
    ui_list_key(&l, ui_key_make(UI_KEY_DOWN));
    assert_int_equal(l.selected, 6);
    ui_list_select(&l, 3);
    assert_int_equal(l.selected, 4);
}

/* The start screen's case: a long system name shortens; due date and state stay. */
static void test_table_keeps_dates_and_states(void **state)
{
    (void)state;
    const ui_table_column cols[] = {
        {.title = "检查", .min = 6, .flex = true},
        {.title = "期间", .min = 8, .flex = true},
        {.title = "到期", .min = 10},
        {.title = "状态", .min = 6},
    };
    ui_table *t = ui_table_new(cols, 4);
    assert_non_null(t);
    assert_int_equal(ui_table_add_heading(t, "到期的检查", UI_ROLE_TITLE), 0);
    const char *a[] = {"每月例行检查", "2026-11", "2026-11-25 到期", "未开始"};
    const char *b[] = {"变更：全市生态环境质量自动监测监控平台", "2026-12-01@env-monitor-platform",
                       "", "进行中（已答 3 项）"};
    assert_int_equal(ui_table_add_row(t, a, UI_ROLE_NORMAL), 1);
    assert_int_equal(ui_table_add_row(t, b, UI_ROLE_NORMAL), 2);
    int w[4];
    int used = ui_table_widths(t, 76, w);
    assert_true(used <= 75);
    assert_int_equal(w[2], (int)text_width("2026-11-25 到期"));
    assert_int_equal(w[3], (int)text_width("进行中（已答 3 项）"));
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 6, 80), 0);
    ui_table_render(t, &c, 0, 2, 76, 6);
    assert_true(row_has(&c, 0, "到期"));
    assert_true(row_has(&c, 1, "到期的检查"));
    /* the heading is not selectable: the first row is */
    assert_int_equal(ui_table_selected(t), 1);
    assert_true(row_has(&c, 2, "> 每月例行检查"));
    assert_true(row_has(&c, 2, "2026-11-25 到期"));
    assert_true(row_has(&c, 3, "进行中（已答 3 项）"));
    assert_true(row_has(&c, 3, "…"));
    assert_true(row_has(&c, 3, "变更：全市"));
    ui_table_key(t, ui_key_make(UI_KEY_DOWN));
    assert_int_equal(ui_table_selected(t), 2);
    ui_table_free(t);
    ui_canvas_free(&c);
}

static void test_table_sorts_between_headings(void **state)
{
    (void)state;
    const ui_table_column cols[] = {{.title = "单位", .flex = true}, {.title = "得分", .align = UI_ALIGN_RIGHT, .numeric = true}};
    ui_table *t = ui_table_new(cols, 2);
    assert_non_null(t);
    const char *r0[] = {"甲局", "81.5"}, *r1[] = {"乙局", "9.0"}, *r2[] = {"丙局", "100.0"};
    ui_table_add_row(t, r0, UI_ROLE_NORMAL);
    ui_table_add_row(t, r1, UI_ROLE_NORMAL);
    ui_table_add_heading(t, "未报送", UI_ROLE_DIM);
    ui_table_add_row(t, r2, UI_ROLE_NORMAL);
    ui_table_select(t, 0);
    ui_table_sort(t, 1, false);
    /* 9.0 before 81.5 (by number, not text); the row after the heading stays there */
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 5, 30), 0);
    ui_table_render(t, &c, 0, 0, 30, 5);
    assert_true(row_has(&c, 1, "乙局"));
    assert_true(row_has(&c, 2, "甲局"));
    assert_true(row_has(&c, 3, "未报送"));
    assert_true(row_has(&c, 4, "丙局"));
    /* the selection follows its row */
    assert_int_equal(ui_table_selected(t), 0);
    assert_true(row_has(&c, 2, ">"));
    /* right-aligned numbers end in the same column */
    char *x = ui_canvas_row_text(&c, 1), *y = ui_canvas_row_text(&c, 2);
    assert_int_equal(text_width(x), text_width(y));
    free(x);
    free(y);
    ui_table_sort(t, 1, true);
    ui_canvas_reset(&c, 5, 30);
    ui_table_render(t, &c, 0, 0, 30, 5);
    assert_true(row_has(&c, 1, "甲局"));
    ui_table_sort(t, 99, false);
    ui_canvas_reset(&c, 5, 30);
    ui_table_render(t, &c, 0, 0, 30, 5);
    assert_true(row_has(&c, 1, "甲局"));
    assert_true(row_has(&c, 2, "乙局"));
    ui_table_clear(t);
    assert_int_equal(ui_table_selected(t), -1);
    ui_table_free(t);
    ui_canvas_free(&c);
}

static void test_table_narrow_never_drops_a_column(void **state)
{
    (void)state;
    const ui_table_column cols[] = {{.title = "A", .min = 3, .flex = true}, {.title = "B", .min = 4},
                                    {.title = "C", .min = 2}};
    ui_table *t = ui_table_new(cols, 3);
    const char *r[] = {"abcdefghij", "2026-11-25", "done"};
    ui_table_add_row(t, r, UI_ROLE_NORMAL);
    int w[3];
    ui_table_widths(t, 14, w);
    for (int i = 0; i < 3; i++)
        assert_true(w[i] >= 1);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 2, 14), 0);
    ui_table_render(t, &c, 0, 0, 14, 2);
    char *row = ui_canvas_row_text(&c, 1);
    assert_non_null(strstr(row, "…"));
    assert_true(text_width(row) <= 14);
    free(row);
    ui_table_free(t);
    ui_canvas_free(&c);
}

static void test_pane_has_no_row_cap(void **state)
{
    (void)state;
    ui_pane p = {0};
    assert_int_equal(ui_pane_begin(&p, 20), 0);
    for (int i = 0; i < 1000; i++) {
        char line[32];
        snprintf(line, sizeof line, "line %d", i);
        assert_int_equal(ui_pane_text(&p, 0, UI_ROLE_NORMAL, line), 1);
    }
    assert_int_equal(p.y, 1000);
    /* wrapped text counts every line it takes */
    assert_int_equal(ui_pane_text(&p, 2, UI_ROLE_NORMAL, "一二三四五六七八九十一二三"), 2);
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 10, 22), 0);
    ui_pane_key(&p, ui_key_make(UI_KEY_END));
    ui_pane_show(&p, &c, 0, 0, 10, -1, -1, 21);
    assert_true(row_has(&c, 9, "  十一二三"));
    assert_true(row_has(&c, 0, UI_MORE_ABOVE));
    ui_canvas_free(&c);
    ui_pane_free(&p);
}

static void test_pane_keeps_the_focus_in_view(void **state)
{
    (void)state;
    ui_pane p = {0};
    assert_int_equal(ui_pane_begin(&p, 20), 0);
    for (int i = 0; i < 30; i++) {
        char line[32];
        snprintf(line, sizeof line, "line %d", i);
        ui_pane_text(&p, 0, UI_ROLE_NORMAL, line);
    }
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 5, 21), 0);
    ui_pane_show(&p, &c, 0, 0, 5, 20, 22, 20);
    assert_int_equal(p.top, 17);
    assert_row(&c, 0, "line 17             " UI_MORE_ABOVE);
    assert_row(&c, 4, "line 21             " UI_MORE_BELOW);
    /* scrolled by keys, never past the end */
    ui_pane_key(&p, ui_key_make(UI_KEY_PGDN));
    ui_pane_key(&p, ui_key_make(UI_KEY_PGDN));
    ui_pane_key(&p, ui_key_make(UI_KEY_PGDN));
    ui_canvas_reset(&c, 5, 21);
    ui_pane_show(&p, &c, 0, 0, 5, -1, -1, 20);
    assert_int_equal(p.top, 25);
    assert_row(&c, 4, "line 29");
    ui_pane_key(&p, ui_key_make(UI_KEY_HOME));
    ui_canvas_reset(&c, 5, 21);
    ui_pane_show(&p, &c, 0, 0, 5, -1, -1, 20);
    assert_row(&c, 0, "line 0");
    assert_false(ui_pane_key(&p, ui_key_char('x')));
    ui_canvas_free(&c);
    ui_pane_free(&p);
}

static void test_chart_bar_and_trend(void **state)
{
    (void)state;
    ui_canvas c = {0};
    assert_int_equal(ui_canvas_reset(&c, 6, 24), 0);
    assert_int_equal(ui_chart_bar(&c, 0, 0, 12, 50, 100, UI_ROLE_ANSWERED), 12);
    assert_row(&c, 0, "[#####.....]");
    ui_chart_bar(&c, 1, 0, 7, 120, 100, UI_ROLE_ANSWERED);
    assert_row(&c, 1, "[#####]");
    ui_chart_bar(&c, 2, 0, 7, 1, 0, UI_ROLE_ANSWERED);
    assert_row(&c, 2, "[.....]");

    ui_canvas_reset(&c, 6, 24);
    const double values[] = {100, 50, NAN, 0, 25};
    const char *labels[] = {"2026-07", "08", "09", "10", "11"};
    ui_chart_series s = {.values = values, .labels = labels, .count = 5, .max = 100};
    assert_int_equal(ui_chart_trend(&c, 0, 0, 20, 5, &s, UI_ROLE_ANSWERED), 5);
    /* slots of 4: four rows of columns; 100 fills all, 50 half, 25 one row; no report: -, zero: _ */
    assert_row(&c, 0, "###");
    assert_row(&c, 2, "### ###");
    assert_row(&c, 3, "### ### -   _   ###");
    assert_true(row_has(&c, 4, "20…"));
    assert_true(row_has(&c, 4, "11"));
    /* too many periods for the width: the newest are kept */
    ui_canvas_reset(&c, 6, 24);
    assert_int_equal(ui_chart_trend(&c, 0, 0, 4, 3, &s, UI_ROLE_ANSWERED), 2);
    assert_row(&c, 1, "_ #");
    assert_row(&c, 2, "1011");

    /* each value written below its column: the slots widen to the widest
     * text and one space, so that no value is cut; fewer periods fit */
    const char *texts[] = {"100.0", "50.0", "-", "0.0", "25.0"};
    s.texts = texts;
    ui_canvas_reset(&c, 6, 24);
    assert_int_equal(ui_chart_trend(&c, 0, 0, 20, 5, &s, UI_ROLE_ANSWERED), 3);
    /* three slots of 6: 09 (no report), 10 (zero), 11 (25.0); three rows of columns */
    assert_row(&c, 2, "-     _     #####");
    assert_row(&c, 3, "-     0.0   25.0");
    assert_row(&c, 4, "09    10    11");
    /* the focused period kept in view, its label selected */
    s.focused = true;
    s.focus = 1;
    ui_canvas_reset(&c, 6, 24);
    assert_int_equal(ui_chart_trend(&c, 0, 0, 20, 5, &s, UI_ROLE_ANSWERED), 3);
    assert_row(&c, 0, "#####");
    assert_row(&c, 3, "100.0 50.0  -");
    assert_row(&c, 4, "2026… 08    09");
    assert_int_equal(ui_canvas_role_at(&c, 4, 6), UI_ROLE_SELECTED);
    assert_int_equal(ui_canvas_role_at(&c, 4, 0), UI_ROLE_DIM);
    ui_canvas_free(&c);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cut_marks_the_cut),
        cmocka_unit_test(test_title_keeps_date),
        cmocka_unit_test(test_list_keys_and_scroll),
        cmocka_unit_test(test_list_skips_rows_not_selectable),
        cmocka_unit_test(test_table_keeps_dates_and_states),
        cmocka_unit_test(test_table_sorts_between_headings),
        cmocka_unit_test(test_table_narrow_never_drops_a_column),
        cmocka_unit_test(test_pane_has_no_row_cap),
        cmocka_unit_test(test_pane_keeps_the_focus_in_view),
        cmocka_unit_test(test_chart_bar_and_trend),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
