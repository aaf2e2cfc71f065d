/* test_csvfile.c: cmocka tests of csvfile.h: strict reading with the line
 * where each row starts (quoted line breaks, CRLF, bare CR, blank lines, a
 * byte-order mark), the errors and their lines, reading only a header, the
 * writer, the formula guard with its exact inverse, and that recognising
 * repeated openings of rows reads the same as parsing them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"

static csvfile_table *parse_ok(const char *text, size_t max_rows)
{
    csvfile_table *t = NULL;
    char *err = NULL;
    int line = -1;
    csvfile_status st = csvfile_parse(text, strlen(text), max_rows, &t, &line, &err);
    if (st != CSVFILE_OK)
        fail_msg("'%s' not read: %d at line %d: %s", text, (int)st, line, err ? err : "");
    assert_null(err);
    assert_non_null(t);
    return t;
}

static void assert_row(const csvfile_row *r, int line, size_t count, const char *first, const char *last)
{
    assert_int_equal(r->line, line);
    assert_int_equal(r->count, count);
    assert_string_equal(r->fields[0], first);
    assert_string_equal(r->fields[count - 1], last);
}

static void test_rows_and_lines(void **state)
{
    (void)state;
    csvfile_table *t = parse_ok(CSVFILE_BOM "\"a\",\"b\"\r\n"
                                "\"1\",\"two\r\nlines\"\r\n"
                                "\r\n"
                                "  \r\n"
                                "x,\"say \"\"hi\"\"\"\n"
                                "\"中文\",\"\"", 0);
    assert_int_equal(t->count, 4);
    assert_row(&t->rows[0], 1, 2, "a", "b");
    assert_row(&t->rows[1], 2, 2, "1", "two\r\nlines");
    assert_row(&t->rows[2], 6, 2, "x", "say \"hi\"");
    assert_row(&t->rows[3], 7, 2, "中文", "");
    assert_string_equal(csvfile_cell(&t->rows[0], 1), "b");
    assert_string_equal(csvfile_cell(&t->rows[0], 2), "");   /* past the end */
    csvfile_table_free(t);

    /* bare CR ends a row but not a line, as the sheet has always counted */
    t = parse_ok("a\rb\nc", 0);
    assert_int_equal(t->count, 3);
    assert_int_equal(t->rows[0].line, 1);
    assert_int_equal(t->rows[1].line, 1);
    assert_int_equal(t->rows[2].line, 2);
    csvfile_table_free(t);

    t = parse_ok("", 0);
    assert_int_equal(t->count, 0);
    csvfile_table_free(t);
    t = parse_ok(CSVFILE_BOM, 0);
    assert_int_equal(t->count, 0);
    csvfile_table_free(t);
    csvfile_table_free(NULL);
}

static void test_errors(void **state)
{
    (void)state;
    struct {
        const char *text;
        csvfile_status status;
        int line;
    } cases[] = {
        {"a,b\r\n\"x\"y,z\r\n", CSVFILE_MALFORMED, 2},
        {"a,b\nc,d\ne,f\"g\n", CSVFILE_MALFORMED, 3},
        {"a\n\"multi\nline\" junk\n", CSVFILE_MALFORMED, 3},
        {"a,b\n\n\"open,\nstill open\n", CSVFILE_UNCLOSED, 3},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csvfile_table *t = NULL;
        char *err = NULL;
        int line = -1;
        csvfile_status st = csvfile_parse(cases[i].text, strlen(cases[i].text), 0, &t, &line, &err);
        assert_int_equal(st, cases[i].status);
        assert_null(t);
        assert_int_equal(line, cases[i].line);
        assert_non_null(err);
        assert_non_null(strstr(err, "malformed CSV"));
        free(err);
    }
    /* a second BOM is text of the first field, not skipped */
    csvfile_table *t = parse_ok(CSVFILE_BOM CSVFILE_BOM "a\n", 0);
    assert_string_equal(t->rows[0].fields[0], CSVFILE_BOM "a");
    csvfile_table_free(t);
}

static void test_max_rows(void **state)
{
    (void)state;
    /* only the header and the first row are read; the broken rest is not */
    csvfile_table *t = parse_ok("h1,h2\r\nv1,v2\r\nbro\"ken\r\n\"open", 2);
    assert_int_equal(t->count, 2);
    assert_row(&t->rows[1], 2, 2, "v1", "v2");
    csvfile_table_free(t);
    t = parse_ok("a\rb\rc\n", 1);
    assert_int_equal(t->count, 1);
    csvfile_table_free(t);
    t = parse_ok("a\n", 5);
    assert_int_equal(t->count, 1);
    csvfile_table_free(t);
}

static void test_csvfile_buffer(void **state)
{
    (void)state;
    csvfile_buffer b = {0};
    csvfile_buffer_field(&b, "a", 0);
    csvfile_buffer_field(&b, NULL, 0);
    csvfile_buffer_field(&b, "say \"hi\", 你好\n", 1);
    csvfile_buffer_raw(&b, "raw");
    assert_false(b.failed);
    assert_string_equal(b.data, "\"a\",\"\",\"say \"\"hi\"\", 你好\n\"\r\nraw");
    assert_int_equal(b.len, strlen(b.data));
    free(b.data);
    /* growing past the first allocation */
    csvfile_buffer big = {0};
    char field[1000];
    memset(field, 'x', sizeof field - 1);
    field[sizeof field - 1] = '\0';
    for (int i = 0; i < 20; i++)
        csvfile_buffer_field(&big, field, i == 19);
    assert_false(big.failed);
    assert_int_equal(big.len, 20 * (999 + 2 + 1) + 1);
    assert_int_equal(strlen(big.data), big.len);
    free(big.data);
}

static void test_round_trip(void **state)
{
    (void)state;
    const char *cells[] = {"=1+2", "a,b", "two\nlines", "\"q\"", "", "'x", "中文"};
    size_t n = sizeof cells / sizeof cells[0];
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, CSVFILE_BOM);
    for (size_t i = 0; i < n; i++) {
        char *g = csvfile_guard(cells[i]);
        assert_non_null(g);
        csvfile_buffer_field(&b, g, i + 1 == n);
        free(g);
    }
    assert_false(b.failed);
    csvfile_table *t = parse_ok(b.data, 0);
    free(b.data);
    assert_int_equal(t->count, 1);
    assert_int_equal(t->rows[0].count, n);
    for (size_t i = 0; i < n; i++) {
        char *back = csvfile_unguard(t->rows[0].fields[i]);
        assert_string_equal(back, cells[i]);
        free(back);
    }
    csvfile_table_free(t);
}

static void test_guard(void **state)
{
    (void)state;
    struct {
        const char *in, *out;
    } cases[] = {
        {"=SUM(A1)", "'=SUM(A1)"}, {"+1", "'+1"}, {"-1", "'-1"}, {"@cmd", "'@cmd"},
        {"\tx", "'\tx"}, {"\rx", "'\rx"}, {"\nx", "'\nx"}, {"'quoted", "''quoted"},
        {"''", "'''"}, {"'", "''"}, {"plain", "plain"}, {"", ""}, {"中文=1", "中文=1"},
        {"a'b", "a'b"}, {"2026-11-21", "2026-11-21"}, {" =1", " =1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *guarded = csvfile_guard(cases[i].in);
        assert_string_equal(guarded, cases[i].out);
        char *back = csvfile_unguard(guarded);
        assert_string_equal(back, cases[i].in);
        /* the copy-free form: the same text, inside the guarded cell */
        const char *in_place = csvfile_unguarded(guarded);
        assert_string_equal(in_place, cases[i].in);
        assert_true(in_place == guarded || in_place == guarded + 1);
        /* and the other way: guard(unguard(y)) == y for what guard writes */
        char *again = csvfile_guard(back);
        assert_string_equal(again, guarded);
        free(again);
        free(back);
        free(guarded);
    }
    /* a '\'' that the guard did not put there stays */
    const char *kept[] = {"'abc", "'中文", "'", "'1"};
    for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
        char *back = csvfile_unguard(kept[i]);
        assert_string_equal(back, kept[i]);
        free(back);
    }
    char *empty = csvfile_guard(NULL);
    assert_string_equal(empty, "");
    free(empty);
    empty = csvfile_unguard(NULL);
    assert_string_equal(empty, "");
    free(empty);
}

/* The fields' text taken from a table outlives it; many rows of many
 * fields come back whole (the text block grows while pointers are made
 * only at the end). */
static void test_take_text(void **state)
{
    (void)state;
    csvfile_buffer b = {0};
    for (int r = 0; r < 300; r++)
        for (int c = 0; c < 40; c++) {
            char cell[32];
            snprintf(cell, sizeof cell, "r%dc%d中", r, c);
            csvfile_buffer_field(&b, cell, c == 39);
        }
    assert_false(b.failed);
    csvfile_table *t = NULL;
    char *err = NULL;
    assert_int_equal(csvfile_parse(b.data, b.len, 0, &t, NULL, &err), CSVFILE_OK);
    assert_int_equal(t->count, 300);
    const char *kept[3] = {t->rows[0].fields[0], t->rows[150].fields[17], t->rows[299].fields[39]};
    char *text = csvfile_table_take_text(t);
    assert_non_null(text);
    assert_null(csvfile_table_take_text(t));
    assert_int_equal(t->rows[299].line, 300);
    csvfile_table_free(t);
    assert_string_equal(kept[0], "r0c0中");
    assert_string_equal(kept[1], "r150c17中");
    assert_string_equal(kept[2], "r299c39中");
    free(text);
    free(b.data);
}

/* csvfile_parse_repeating gives exactly csvfile_parse's table, status and
 * line, whatever the rows: openings repeated or not, quotes doubled inside
 * them, an opening followed by a line end, a line break or a stray quote
 * after it, every kind of line end, text left unclosed. */
static void assert_same_parse(const char *text, size_t len, size_t repeat)
{
    csvfile_table *a = NULL, *b = NULL;
    char *ea = NULL, *eb = NULL;
    int la = -1, lb = -1;
    csvfile_status sa = csvfile_parse(text, len, 0, &a, &la, &ea);
    csvfile_status sb = csvfile_parse_repeating(text, len, repeat, &b, &lb, &eb);
    if (sa != sb || la != lb)
        fail_msg("repeat %zu of '%.*s': status %d line %d, parse gives %d line %d", repeat, (int)len, text, (int)sb,
                 lb, (int)sa, la);
    assert_true((ea == NULL) == (eb == NULL));
    if (ea != NULL)
        assert_string_equal(ea, eb);
    free(ea);
    free(eb);
    if (sa != CSVFILE_OK)
        return;
    if (a->count != b->count)
        fail_msg("repeat %zu of '%.*s': %zu rows, parse gives %zu", repeat, (int)len, text, b->count, a->count);
    for (size_t r = 0; r < a->count; r++) {
        const csvfile_row *x = &a->rows[r], *y = &b->rows[r];
        assert_int_equal(x->line, y->line);
        assert_int_equal(x->count, y->count);
        for (size_t f = 0; f < x->count; f++) {
            assert_string_equal(x->fields[f], y->fields[f]);
            /* the fields of a row lie together in the same way */
            assert_int_equal(x->fields[f] - x->fields[0], y->fields[f] - y->fields[0]);
        }
    }
    csvfile_table_free(a);
    csvfile_table_free(b);
}

static void test_repeating(void **state)
{
    (void)state;
    const char *fixed[] = {
        "\"h\",\"i\",\"j\"\r\n\"a\",\"b\",\"c\"\r\n\"a\",\"b\",\"d\"\r\n\"a\",\"b\",\"e\"",
        "\"a\",\"b\",\"c\"\n\"a\",\"b\",\n\"a\",\"b\",\r\n\"a\",\"b\",\"c\"\n",
        "\"a\",\"b\",\"c\"\r\n\"a\",\"b\",\"x\"y\"\r\n",
        "\"a\",\"b\",\"c\"\r\n\"a\",\"b\",\"open\r\nline\"\r\n\"a\",\"b\",\"c\"",
        "\"a\",\"b\",\"c\"\r\n\"a\",\"b\",\"never closed\r\n",
        "\"q\"\"x\",\"\",\"c\"\r\n\"q\"\"x\",\"\",\"d\"\r\n\"q\"\"x\",\"\" ,\"d\"\r\n",
        "\"a\",\"b\",\"c\"\r\"a\",\"b\",\"d\"\r\"a\",\"b\",  \"e\"\r",
        "\"a\",\"b\"\r\n\"a\",\"b\"\r\n\"a\",\"b\",\"c\"\r\n\"a\",\"b\",\"c\"\r\n",
        "\"a\",\"b\",\"c\"\r\n  \"a\",\"b\",\"c\"\r\n\r\n\"a\",\"b\",,\r\n",
        "a,b,c\r\na,b,c\r\n\"a\",\"b\",c\r\n\"a\",\"b\",c\r\n",
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        for (size_t repeat = 0; repeat <= 4; repeat++)
            assert_same_parse(fixed[i], strlen(fixed[i]), repeat);

    /* rows drawn from pieces that mostly repeat the row before */
    static const char *const pieces[] = {"\"a\",", "\"b\",", "\"a\"\"b\",", "\"\",", "c,", "\"中\",",
                                         "\"x\r\ny\",", "\"z\"", "\r\n", "\n", "\r", " ", "\"", ",",
                                         "\"a\",\"b\",", "\"tail\"\r\n"};
    const size_t count = sizeof pieces / sizeof pieces[0];
    unsigned seed = 12345;
    char text[2048];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        size_t row_pieces[8], n_row = 0;
        int rows = 1 + (int)(seed % 6);
        for (int r = 0; r < rows; r++) {
            seed = seed * 1103515245u + 12345u;
            /* a fresh opening, or the last one again with a new tail */
            if (n_row == 0 || (seed >> 16) % 4 == 0) {
                n_row = 1 + (seed >> 20) % 6;
                for (size_t k = 0; k < n_row; k++) {
                    seed = seed * 1103515245u + 12345u;
                    /* mostly well-formed fields, sometimes anything */
                    row_pieces[k] = (seed >> 16) % 5 == 0 ? (seed >> 8) % count : (seed >> 8) % 6;
                }
            }
            for (size_t k = 0; k < n_row; k++) {
                size_t pl = strlen(pieces[row_pieces[k]]);
                memcpy(text + len, pieces[row_pieces[k]], pl);
                len += pl;
            }
            seed = seed * 1103515245u + 12345u;
            const char *tail = pieces[(seed >> 16) % 3 == 0 ? (seed >> 8) % count : 15];
            memcpy(text + len, tail, strlen(tail));
            len += strlen(tail);
        }
        for (size_t repeat = 1; repeat <= 4; repeat++)
            assert_same_parse(text, len, repeat);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_and_lines),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_max_rows),
        cmocka_unit_test(test_csvfile_buffer),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_guard),
        cmocka_unit_test(test_take_text),
        cmocka_unit_test(test_repeating),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
