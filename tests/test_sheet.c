/* test_sheet.c: cmocka tests of the CSV answer sheet (sheet.h).
 *
 * A plan is built the way the program builds it: example.ini, a store with
 * two information systems, and session_open for the half-year profile. Its
 * template must start with the UTF-8 byte-order mark, end lines with CRLF
 * and carry the SHEET_COLUMNS header. A filled sheet with notes in Chinese,
 * with commas, double quotes and line breaks must read back byte for byte,
 * each row with the line it starts on. Malformed sheets must be refused with
 * FILE:LINE: at the line of the problem. Sheets are also written by hand, as
 * a spreadsheet would re-save them, so that the reader is not only tested
 * against its own writer. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checklist.h"
#include "csvfile.h"
#include "config.h"
#include "fsutil.h"
#include "session.h"
#include "sheet.h"
#include "store.h"
#include "testutil.h"

#define BOM "\xEF\xBB\xBF"
/* the columns of the first version's template, without system_name: its
 * sheets are still read, columns being found by name */
#define COLUMNS_V1 "checklist_id,item_id,system,type,allowed,question_zh,question_en," \
                   "answer,note,remediation_owner,remediation_due"

typedef testutil_session fixture;

/* The expected plan: item and system of each row, in order. */
static const struct {
    const char *item;
    const char *system;
} plan_rows[] = {
    {"backup-daily", "oa"},
    {"backup-daily", "web"},
    {"backup-frequency", ""},
    {"av-signature-age", ""},
    {"mlps-last-change", "oa"},
    {"mlps-last-change", "web"},
    {"mlps-last-assessment", "oa"},
    {"mlps-last-assessment", "web"},
    {"hosted-by-third-party", ""},
    {"hosting-contract", ""},
    {"backup-notes", ""},
};
#define PLAN_ROWS (sizeof plan_rows / sizeof plan_rows[0])

static char *write_sheet(const fixture *f, const char *name, const char *text, size_t len)
{
    char *path = fsutil_join(f->dir, name);
    FILE *out = fopen(path, "wb");
    assert_non_null(out);
    assert_int_equal(fwrite(text, 1, len, out), len);
    assert_int_equal(fclose(out), 0);
    return path;
}

static sheet *read_ok(const char *path)
{
    sheet *sh = NULL;
    char *err = NULL;
    int rc = sheet_read(path, &sh, &err);
    if (rc != 0)
        print_message("%s\n", err);
    free(err);
    assert_int_equal(rc, 0);
    assert_non_null(sh);
    return sh;
}

/* Reading text must fail with "PATH:line: " and phrase in the message. */
static void assert_sheet_error(const fixture *f, const char *text, int line, const char *phrase)
{
    char *path = write_sheet(f, "bad.csv", text, strlen(text));
    sheet *sh = (sheet *)1;
    char *err = NULL;
    int rc = sheet_read(path, &sh, &err);
    char *prefix = NULL;
    if (line > 0)
        assert_true(asprintf(&prefix, "%s:%d: ", path, line) > 0);
    else
        assert_true(asprintf(&prefix, "%s: ", path) > 0);
    if (rc != -1 || err == NULL || strncmp(err, prefix, strlen(prefix)) != 0 || strstr(err, phrase) == NULL)
        print_message("expected \"%s...%s\", got %d: %s\n", prefix, phrase, rc, err ? err : "(none)");
    assert_int_equal(rc, -1);
    assert_null(sh);
    assert_non_null(err);
    assert_true(strncmp(err, prefix, strlen(prefix)) == 0);
    assert_non_null(strstr(err, phrase));
    free(prefix);
    free(err);
    free(path);
}

static void test_plan_from_session(void **state)
{
    fixture *f = *state;
    const plan *pl = f->s->plan;
    assert_int_equal(pl->count, PLAN_ROWS);
    for (size_t i = 0; i < PLAN_ROWS; i++) {
        assert_string_equal(pl->items[i].list->id, "example");
        assert_string_equal(pl->items[i].item->id, plan_rows[i].item);
        assert_string_equal(pl->items[i].system_id, plan_rows[i].system);
    }
    assert_string_equal(pl->items[0].system_name, "办公自动化系统");
    assert_string_equal(f->s->assessment->period, "2026-H1");
}

static void test_template_format(void **state)
{
    fixture *f = *state;
    char *text = NULL, *err = NULL;
    size_t len = 0;
    assert_int_equal(sheet_render_template(f->s->plan, PROFILE_HALFYEAR, "2026-H1", &text, &len, &err), 0);
    assert_null(err);
    assert_int_equal(strlen(text), len);
    /* UTF-8 byte-order mark for Excel and WPS */
    assert_true(len > 3 && memcmp(text, BOM, 3) == 0);
    /* every line ends with CRLF, and there is no other CR or LF */
    size_t lines = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '\n') {
            assert_true(i > 0 && text[i - 1] == '\r');
            lines++;
        } else if (text[i] == '\r') {
            assert_true(i + 1 < len && text[i + 1] == '\n');
        }
    }
    assert_int_equal(lines, PLAN_ROWS + 3);
    assert_true(len >= 2 && memcmp(text + len - 2, "\r\n", 2) == 0);

    /* a title that records the check, in cells a spreadsheet keeps as text,
     * then the column titles for people */
    const char *title = "\"Answer sheet of the halfyear check 2026-H1\",\"profile=halfyear\",\"period=2026-H1\"\r\n"
                        "\"System name\",\"Question (Chinese)\",\"Answers it takes\",\"Answer (fill in)\","
                        "\"Note\",\"Remediation owner\",\"Remediation due\",\"Checklist\",\"Item\",\"System\","
                        "\"Type\",\"Question (English)\"\r\n";
    assert_true(strncmp(text + 3, title, strlen(title)) == 0);

    /* the header: SHEET_COLUMNS, each name quoted */
    const char *header_start = text + 3 + strlen(title);
    const char *header_end = strstr(header_start, "\r\n");
    char *header = strndup(header_start, (size_t)(header_end - header_start));
    char *unquoted = calloc(1, strlen(header) + 1), *o = unquoted;
    for (const char *p = header; *p; p++)
        if (*p != '"')
            *o++ = *p;
    assert_string_equal(unquoted, SHEET_COLUMNS);
    /* what the person filling it reads first, the program's columns after */
    assert_string_equal(header, "\"system_name\",\"question_zh\",\"allowed\",\"answer\",\"note\",\"remediation_owner\","
                                "\"remediation_due\",\"checklist_id\",\"item_id\",\"system\",\"type\",\"question_en\"");
    free(unquoted);
    free(header);

    /* one row, byte for byte */
    const char *row = header_end + 2;
    const char *expected =
        "\"办公自动化系统\",\"重要信息系统的数据是否每天进行完整可用的备份？\","
        "\"yes|no|partial|na (是|否|部分|不适用)\",\"\",\"\",\"\",\"\",\"example\",\"backup-daily\",\"oa\",\"yesno\","
        "\"Is the data of important systems backed up completely and usably every day?\"\r\n";
    assert_true(strncmp(row, expected, strlen(expected)) == 0);
    assert_non_null(strstr(text, "\"daily|weekly|monthly|none (每天|每周|每月|不备份)\",\"\",\"\",\"\",\"\",\"example\",\"backup-frequency\",\"\",\"choice\","));
    assert_non_null(strstr(text, "\"0..3650 (0..3650 天)\",\"\",\"\",\"\",\"\",\"example\",\"av-signature-age\",\"\",\"number\","));
    assert_non_null(strstr(text, "\r\n\"门户网站\",\"")); /* the system's name opens its rows */
    assert_non_null(strstr(text, "\"YYYY-MM-DD|na (2026年3月31日|不适用)\",\"\",\"\",\"\",\"\",\"example\",\"mlps-last-change\",\"web\",\"date\","));
    assert_non_null(strstr(text, "\"text\",\"\",\"\",\"\",\"\",\"example\",\"backup-notes\",\"\",\"text\","));

    /* and the template reads back: the check it is for, then one row per
     * instance, at lines 4.. */
    char *path = write_sheet(f, "template.csv", text, len);
    sheet *sh = read_ok(path);
    assert_string_equal(sh->profile, "halfyear");
    assert_string_equal(sh->period, "2026-H1");
    assert_int_equal(sh->target_line, 1);
    assert_int_equal(sh->count, PLAN_ROWS);
    for (size_t i = 0; i < PLAN_ROWS; i++) {
        assert_int_equal(sh->rows[i].line, (int)i + 4);
        assert_string_equal(sh->rows[i].checklist_id, "example");
        assert_string_equal(sh->rows[i].item_id, plan_rows[i].item);
        assert_string_equal(sh->rows[i].system, plan_rows[i].system);
        assert_string_equal(sh->rows[i].answer, "");
        assert_string_equal(sh->rows[i].note, "");
        assert_string_equal(sh->rows[i].owner, "");
        assert_string_equal(sh->rows[i].due, "");
    }
    sheet_free(sh);
    free(path);
    free(text);
}

/* What each row of the filled sheet holds. */
static const struct {
    const char *answer, *note, *owner, *due;
} filled[] = {
    {"yes", "", "", ""},
    {"partial", "备份只覆盖数据库, 不含附件;\n下周补齐", "张三", "2026-04-14"},
    {"每周", "他说：\"每周五\"做备份", "", ""},
    {"45", "第一行\r\n第二行\r\n第三行, \"引用\"", "李四 \"Li\"", "2026/4/30"},
    {"2020-1-5", "  前后有空格  ", "", ""},
    {"na", "\"\"", "", ""},
    {"2025-12-01", ",,,", "", ""},
    {"2025-12-01", "\n", "", ""},
    {"是", "=1+2", "", ""},
    {"", "未答，待确认\n\n（空行之后）", "", ""},
    {"存放在机房B柜, \"异地\"一份;\n见《备份制度》第3条", "", "", ""},
};

static int newlines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

static void test_filled_round_trip(void **state)
{
    fixture *f = *state;
    const plan *pl = f->s->plan;
    assert_int_equal(sizeof filled / sizeof filled[0], PLAN_ROWS);
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, BOM);
    const char *names[] = {"checklist_id", "item_id", "system", "type", "allowed", "question_zh",
                           "question_en", "answer", "note", "remediation_owner", "remediation_due"};
    for (size_t c = 0; c < 11; c++)
        csvfile_buffer_field(&b, names[c], c == 10);
    int expected_line[PLAN_ROWS];
    int line = 2;
    for (size_t i = 0; i < PLAN_ROWS; i++) {
        const instance *in = &pl->items[i];
        const char *row[] = {in->list->id, in->item->id, in->system_id, "t", "a", in->item->question_zh,
                             in->item->question_en, filled[i].answer, filled[i].note, filled[i].owner,
                             filled[i].due};
        expected_line[i] = line;
        for (size_t c = 0; c < 11; c++) {
            csvfile_buffer_field(&b, row[c], c == 10);
            line += newlines(row[c]);
        }
        line++;
    }
    assert_false(b.failed);
    /* the writer quotes every field and doubles quotes */
    assert_non_null(strstr(b.data, "\"他说：\"\"每周五\"\"做备份\""));
    assert_non_null(strstr(b.data, "\"\"\"\"\"\""));
    char *path = write_sheet(f, "filled.csv", b.data, b.len);
    sheet *sh = read_ok(path);
    assert_int_equal(sh->count, PLAN_ROWS);
    for (size_t i = 0; i < PLAN_ROWS; i++) {
        const sheet_row *r = &sh->rows[i];
        assert_int_equal(r->line, expected_line[i]);
        assert_string_equal(r->checklist_id, "example");
        assert_string_equal(r->item_id, plan_rows[i].item);
        assert_string_equal(r->system, plan_rows[i].system);
        assert_string_equal(r->answer, filled[i].answer);
        assert_string_equal(r->note, filled[i].note);
        assert_string_equal(r->owner, filled[i].owner);
        assert_string_equal(r->due, filled[i].due);
    }
    /* a row after a multi-line note starts where it should */
    assert_int_equal(sh->rows[2].line, 5);
    assert_int_equal(sh->rows[4].line, 9);
    sheet_free(sh);
    free(path);
    free(b.data);
}

/* A sheet as a spreadsheet re-saves it: no BOM, LF, fields quoted only
 * where needed, columns in another order, a column of the user's own. */
static void test_hand_written_sheet(void **state)
{
    fixture *f = *state;
    const char *text =
        "answer,my own column,note,system,item_id,checklist_id\n"
        "yes,x,\"多行\n备注, 含\"\"引号\"\"\",oa,backup-daily,example\n"
        "no,,,web,backup-daily,example\n"
        "\n"
        "每周,y,plain,,backup-frequency,example\n"
        "\"\",,\"\",,av-signature-age,example";   /* no line end at the end */
    char *path = write_sheet(f, "hand.csv", text, strlen(text));
    sheet *sh = read_ok(path);
    assert_int_equal(sh->count, 4);
    assert_int_equal(sh->rows[0].line, 2);
    assert_string_equal(sh->rows[0].answer, "yes");
    assert_string_equal(sh->rows[0].note, "多行\n备注, 含\"引号\"");
    assert_string_equal(sh->rows[0].system, "oa");
    assert_string_equal(sh->rows[0].item_id, "backup-daily");
    assert_string_equal(sh->rows[0].checklist_id, "example");
    assert_string_equal(sh->rows[0].owner, "");   /* no such column */
    assert_string_equal(sh->rows[0].due, "");
    assert_int_equal(sh->rows[1].line, 4);
    assert_string_equal(sh->rows[1].answer, "no");
    assert_string_equal(sh->rows[1].note, "");
    assert_int_equal(sh->rows[2].line, 6);   /* after the blank line */
    assert_string_equal(sh->rows[2].answer, "每周");
    assert_string_equal(sh->rows[2].system, "");
    assert_int_equal(sh->rows[3].line, 7);
    assert_string_equal(sh->rows[3].item_id, "av-signature-age");
    assert_string_equal(sh->rows[3].answer, "");
    sheet_free(sh);
    free(path);

    /* a header alone is a sheet with no rows */
    path = write_sheet(f, "header-only.csv", BOM COLUMNS_V1 "\r\n", strlen(BOM COLUMNS_V1 "\r\n"));
    sh = read_ok(path);
    assert_int_equal(sh->count, 0);
    sheet_free(sh);
    free(path);
}

/* A line holding only spaces is no row, and must not shift the line
 * numbers of the rows after it. */
static void test_blank_line_with_spaces(void **state)
{
    fixture *f = *state;
    const char *text =
        "checklist_id,item_id,system,answer\r\n"
        "example,backup-daily,oa,yes\r\n"
        "   \r\n"
        "example,backup-daily,web,no\r\n";
    char *path = write_sheet(f, "spaces.csv", text, strlen(text));
    sheet *sh = read_ok(path);
    size_t count = sh->count;
    int first = count > 0 ? sh->rows[0].line : 0, second = count > 1 ? sh->rows[1].line : 0;
    sheet_free(sh);
    free(path);
    if (second != 4)
        print_message("the row on line 4 was read as starting on line %d\n", second);
    assert_int_equal(count, 2);
    assert_int_equal(first, 2);
    assert_int_equal(second, 4);
}

static void test_malformed_csv(void **state)
{
    fixture *f = *state;
    /* a quote opened on line 3 and never closed */
    assert_sheet_error(f,
                       COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,yes,,,\r\n"
                       "example,backup-daily,web,yesno,,,,no,\"never closed,,,\r\n"
                       "more text\r\n",
                       3, "malformed CSV");
    /* a stray quote inside an unquoted field, on line 3 */
    assert_sheet_error(f,
                       COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,yes,,,\r\n"
                       "example,backup-daily,web,yesno,,,,n\"o,,,\r\n"
                       "example,backup-frequency,,choice,,,,daily,,,\r\n",
                       3, "malformed CSV");
    /* the same after a note of two lines: the line is counted through it */
    assert_sheet_error(f,
                       BOM COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,yes,\"one\r\ntwo\",,\r\n"
                       "example,backup-daily,web,yesno,,,,n\"o,,,\r\n",
                       4, "malformed CSV");
    /* text after a closing quote */
    assert_sheet_error(f,
                       COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,\"yes\"es,,,\r\n",
                       2, "malformed CSV");
}

static void test_wrong_field_count(void **state)
{
    fixture *f = *state;
    assert_sheet_error(f,
                       COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,yes,\"a note\r\nof two lines\",,\r\n"
                       "example,backup-daily,web,yesno,,,,no,,\r\n",
                       4, "10 fields, the header 11");
    assert_sheet_error(f,
                       COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,yes,,,,extra\r\n",
                       2, "12 fields, the header 11");
}

static void test_missing_required_column(void **state)
{
    fixture *f = *state;
    const char *required[] = {"checklist_id", "item_id", "system", "answer"};
    for (size_t i = 0; i < 4; i++) {
        char header[256] = "";
        for (size_t k = 0; k < 4; k++)
            if (k != i) {
                strcat(header, *header ? "," : "");
                strcat(header, required[k]);
            }
        char *text = NULL, *phrase = NULL;
        assert_true(asprintf(&text, "%s,note\r\na,b,c,d\r\n", header) > 0);
        assert_true(asprintf(&phrase, "no column '%s'", required[i]) > 0);
        assert_sheet_error(f, text, 1, phrase);
        free(text);
        free(phrase);
    }
    /* a header name must match exactly */
    assert_sheet_error(f, BOM "checklist_id,item_id,system,Answer\r\nexample,backup-daily,oa,yes\r\n", 1,
                       "no column 'answer'");
}

static void test_invalid_utf8(void **state)
{
    fixture *f = *state;
    /* bytes that are neither UTF-8 nor GB18030 (0x80 and 0xFF lead nothing) */
    assert_sheet_error(f,
                       BOM COLUMNS_V1 "\r\n"
                       "example,backup-daily,oa,yesno,,,,yes,\"备注\r\n第二行\",,\r\n"
                       "example,backup-daily,web,yesno,,,,no,\"\x80\xFF\",,\r\n",
                       4, "neither UTF-8 nor GB18030");
    /* after a UTF-8 byte-order mark the file said it was UTF-8 */
    assert_sheet_error(f, BOM "checklist_id,item_id,system,answer,\xB1\xB8\xD7\xA2\r\n", 1, "neither UTF-8");
    /* a GB18030 character cut off at the end */
    assert_sheet_error(f, "checklist_id,item_id,system,answer\r\nexample,backup-daily,oa,\xCA", 2, "GB18030");
}

/* GBK, as Excel and WPS save "CSV" on Chinese Windows, is read as GB18030 */
static void test_gb18030(void **state)
{
    fixture *f = *state;
    /* 备注 (GBK B1B8 D7A2) in the header, 是 (CAC7) and 备份 (B1B8 B7DD) in cells,
     * and a four-byte GB18030 character (0x81308130, U+0080) in a note */
    static const char text[] = "checklist_id,item_id,system,answer,note,\xB1\xB8\xD7\xA2\r\n"
                               "example,backup-daily,oa,\xCA\xC7,\"\xB1\xB8\xB7\xDD\r\nx\x81\x30\x81\x30\",\r\n";
    char *path = write_sheet(f, "gbk.csv", text, sizeof text - 1);
    sheet *sh = read_ok(path);
    assert_int_equal(sh->encoding, SHEET_GB18030);
    assert_int_equal(sh->count, 1);
    assert_int_equal(sh->rows[0].line, 2);
    assert_string_equal(sh->rows[0].answer, "是");
    assert_string_equal(sh->rows[0].note, "备份\r\nx\xC2\x80");
    sheet_free(sh);
    free(path);
    /* UTF-8 stays UTF-8, with or without a BOM */
    static const char utf8[] = "checklist_id,item_id,system,answer\r\nexample,backup-daily,oa,是\r\n";
    path = write_sheet(f, "utf8.csv", utf8, sizeof utf8 - 1);
    sh = read_ok(path);
    assert_int_equal(sh->encoding, SHEET_UTF8);
    assert_string_equal(sh->rows[0].answer, "是");
    sheet_free(sh);
    free(path);
}

/* text in UTF-16 (little-endian when le) with its byte-order mark, from
 * ASCII and the one Chinese character 是 (U+662F); *len set */
static char *utf16(const char *ascii, bool le, size_t *len)
{
    size_t n = strlen(ascii);
    char *out = malloc(2 * n + 2);
    assert_non_null(out);
    out[le ? 0 : 1] = '\xFF';
    out[le ? 1 : 0] = '\xFE';
    size_t o = 2;
    for (size_t i = 0; i < n; i++, o += 2) {
        unsigned unit = ascii[i] == '@' ? 0x662Fu : (unsigned char)ascii[i];
        out[o + (le ? 0 : 1)] = (char)(unit & 0xFF);
        out[o + (le ? 1 : 0)] = (char)(unit >> 8);
    }
    *len = o;
    return out;
}

/* a spreadsheet's "Unicode" is UTF-16 with a byte-order mark, either order */
static void test_utf16(void **state)
{
    fixture *f = *state;
    const char *ascii = "checklist_id,item_id,system,answer,note\r\nexample,backup-daily,oa,@,\"a\r\nb\"\r\n";
    for (int le = 0; le < 2; le++) {
        size_t len;
        char *text = utf16(ascii, le, &len);
        char *path = write_sheet(f, "utf16.csv", text, len);
        sheet *sh = read_ok(path);
        assert_int_equal(sh->encoding, SHEET_UTF16);
        assert_int_equal(sh->count, 1);
        assert_int_equal(sh->rows[0].line, 2);
        assert_string_equal(sh->rows[0].answer, "是");
        assert_string_equal(sh->rows[0].note, "a\r\nb");
        sheet_free(sh);
        free(path);
        free(text);
    }
    /* a lone surrogate (D800), and half a unit at the end, are not UTF-16 */
    static const char *const bad[] = {"\xFF\xFE" "c\0,\0\x00\xD8" "a\0", "\xFF\xFE" "c\0,"};
    static const size_t bad_len[] = {10, 5};
    for (size_t i = 0; i < 2; i++) {
        char *path = write_sheet(f, "bad16.csv", bad[i], bad_len[i]);
        sheet *sh = (sheet *)1;
        char *err = NULL;
        assert_int_equal(sheet_read(path, &sh, &err), -1);
        assert_null(sh);
        assert_non_null(strstr(err, "not UTF-16"));
        free(err);
        free(path);
    }
}

/* identifiers are lower-case: a spreadsheet that changed their case (Calc
 * saves a system true as TRUE) does not change which instance a row is */
static void test_id_case(void **state)
{
    fixture *f = *state;
    static const char text[] = "checklist_id,item_id,system,answer,note\r\nExample,BACKUP-daily,TRUE,Yes,Note\r\n";
    char *path = write_sheet(f, "case.csv", text, sizeof text - 1);
    sheet *sh = read_ok(path);
    assert_string_equal(sh->rows[0].checklist_id, "example");
    assert_string_equal(sh->rows[0].item_id, "backup-daily");
    assert_string_equal(sh->rows[0].system, "true");
    assert_string_equal(sh->rows[0].answer, "Yes");   /* the other cells as they are */
    assert_string_equal(sh->rows[0].note, "Note");
    sheet_free(sh);
    free(path);
}

/* a sheet saved with tabs or semicolons between the cells is named so at
 * its header row, not as broken CSV somewhere below it */
static void test_other_separators(void **state)
{
    fixture *f = *state;
    assert_sheet_error(f, "title\r\nchecklist_id\titem_id\tsystem\tanswer\r\nexample\tbackup-daily\toa\t\"a,\"\"b\"\"\"\r\n",
                       2, "separated by tabs");
    assert_sheet_error(f, "\"checklist_id\";\"item_id\";\"system\";\"answer\"\r\n", 1, "separated by semicolons");
    /* item_id alone on a line, or inside a word, says nothing of the separator */
    assert_sheet_error(f, "my_item_id;x\r\nitem_id\r\nexample\r\n", 2, "no column 'checklist_id'");
    /* commas, and a cell that holds item_id between tabs further down */
    static const char text[] = "checklist_id,item_id,system,answer,note\r\nexample,backup-daily,oa,yes,\"a\titem_id\tb\"\r\n";
    char *path = write_sheet(f, "comma.csv", text, sizeof text - 1);
    sheet *sh = read_ok(path);
    assert_string_equal(sh->rows[0].note, "a\titem_id\tb");
    sheet_free(sh);
    free(path);
}

/* rows of empty cells, as spreadsheets save below the data, are left out,
 * and rows of titles above the header row are skipped */
static void test_blank_rows_and_titles(void **state)
{
    fixture *f = *state;
    static const char text[] = BOM "自查答题表,,,\r\n"
                                   "检查表,检查项,系统,回答\r\n"
                                   "checklist_id,item_id,system,answer\r\n"
                                   "example,backup-daily,oa,yes\r\n"
                                   ",,,\r\n"
                                   "example,backup-daily,web,no\r\n"
                                   ",,,\r\n"
                                   ",,,\r\n"
                                   ",,\r\n"
                                   " , ,,\r\n";
    char *path = write_sheet(f, "blank.csv", text, sizeof text - 1);
    sheet *sh = read_ok(path);
    assert_int_equal(sh->count, 2);
    assert_int_equal(sh->rows[0].line, 4);
    assert_int_equal(sh->rows[1].line, 6);
    assert_string_equal(sh->rows[1].answer, "no");
    sheet_free(sh);
    free(path);
    /* a header row to be found must name item_id: a sheet without any still
     * names the first row */
    assert_sheet_error(f, BOM "检查表,检查项\r\nexample,backup-daily\r\n", 1, "no column 'checklist_id'");
}

/* a NUL would cut the cell short without a word: it is named at its line */
static void test_nul_byte(void **state)
{
    fixture *f = *state;
    static const char text[] = BOM COLUMNS_V1 "\r\n"
                               "example,backup-daily,oa,yesno,,,,yes,\"备注\r\n第二行\",,\r\n"
                               "example,backup-daily,web,yesno,,,,no,\"截\0断\",,\r\n";
    char *path = write_sheet(f, "nul.csv", text, sizeof text - 1);
    sheet *sh = (sheet *)1;
    char *err = NULL;
    assert_int_equal(sheet_read(path, &sh, &err), -1);
    assert_null(sh);
    char *prefix = NULL;
    assert_true(asprintf(&prefix, "%s:4: ", path) > 0);
    assert_true(strncmp(err, prefix, strlen(prefix)) == 0);
    assert_non_null(strstr(err, "NUL"));
    free(prefix);
    free(err);
    free(path);
}

/* which of two columns of one name holds the answers would be a guess */
static void test_repeated_header_column(void **state)
{
    fixture *f = *state;
    assert_sheet_error(f, BOM "checklist_id,item_id,system,answer,note,answer\r\nexample,backup-daily,oa,yes,,no\r\n",
                       1, "column 'answer' twice");
    assert_sheet_error(f, BOM "checklist_id,item_id,system,answer,note,note\r\nexample,backup-daily,oa,yes,a,b\r\n",
                       1, "(columns 5 and 6)");
    /* a column of the user's own may be named twice */
    static const char own[] = BOM "checklist_id,item_id,system,answer,备注,备注\r\nexample,backup-daily,oa,yes,a,b\r\n";
    char *path = write_sheet(f, "own.csv", own, sizeof own - 1);
    sheet *sh = read_ok(path);
    assert_int_equal(sh->count, 1);
    sheet_free(sh);
    free(path);
}

static void test_empty_sheet(void **state)
{
    fixture *f = *state;
    assert_sheet_error(f, "", 0, "empty sheet");
    assert_sheet_error(f, BOM, 0, "empty sheet");
    char *missing = fsutil_join(f->dir, "no-such.csv");
    sheet *sh = (sheet *)1;
    char *err = NULL;
    assert_int_equal(sheet_read(missing, &sh, &err), -1);
    assert_null(sh);
    assert_non_null(strstr(err, missing));
    free(err);
    free(missing);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_plan_from_session, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_template_format, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_filled_round_trip, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_hand_written_sheet, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_blank_line_with_spaces, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_malformed_csv, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_wrong_field_count, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_missing_required_column, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_gb18030, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_utf16, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_id_case, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_other_separators, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_blank_rows_and_titles, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_empty_sheet, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_nul_byte, testutil_session_setup, testutil_session_teardown),
        cmocka_unit_test_setup_teardown(test_repeated_header_column, testutil_session_setup, testutil_session_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
