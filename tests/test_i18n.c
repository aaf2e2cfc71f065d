/* test_i18n.c: cmocka tests of the translation mechanism (i18n.h) as the
 * built catalogue gives it: the language switches at run time, the common
 * causes of a failed write are said in Chinese, the answer store names a
 * damaged file by SQLite's error code, in the user's language, and the report
 * reader says what is wrong with a report in it, naming file and line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "i18n.h"
#include "report_format.h"
#include "report_read.h"
#include "store.h"
#include "trust.h"
#include "testutil.h"

static void test_switch(void **state)
{
    (void)state;
    i18n_init("zh");
    assert_string_equal(i18n_lang(), "zh");
    assert_string_equal(i18n_strerror(ENOSPC), "磁盘或 U 盘已满");
    assert_string_equal(i18n_strerror(EROFS), "只读（U 盘是否打开了写保护？）");
    assert_string_equal(i18n_strerror(EBADF), strerror(EBADF));   /* rare ones as libc says them */
    i18n_set_lang("en");
    assert_string_equal(i18n_lang(), "en");
    assert_string_equal(i18n_strerror(ENOSPC), "the disk or USB stick is full");
    i18n_set_lang("fr");
    assert_string_equal(i18n_lang(), "en");
}

static void test_store_damaged(void **state)
{
    (void)state;
    char path[] = "/tmp/test_i18n_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    static const char junk[] = "this is not a database, but it is long enough to be read as one......"
                               "................................................................";
    assert_int_equal(write(fd, junk, sizeof junk), (ssize_t)sizeof junk);
    close(fd);
    i18n_init("zh");
    store *s = NULL;
    char *err = NULL;
    assert_int_not_equal(store_open(path, &s, &err), 0);
    assert_non_null(err);
    if (strstr(err, "不是 selfcheck 的答题库") == NULL)
        fail_msg("not said in Chinese by its kind: %s", err);
    free(err);
    err = NULL;
    i18n_set_lang("en");
    assert_int_not_equal(store_open(path, &s, &err), 0);
    if (strstr(err, "is not a selfcheck answer store") == NULL)
        fail_msg("not said in English by its kind: %s", err);
    free(err);
    unlink(path);
}

/* The error of reading `text` (length len) as the report file dir/name. */
static char *report_error(const char *dir, const char *name, const char *text, size_t len)
{
    char *path = testutil_write(dir, name, "");
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    report_doc *doc = NULL;
    char *err = NULL;
    assert_int_not_equal(report_parse_file(path, &doc, &err), 0);
    assert_null(doc);
    assert_non_null(err);
    if (strstr(err, path) == NULL)
        fail_msg("the file is not named: %s", err);
    free(path);
    return err;
}

static void expect_in(char *err, const char *part)
{
    if (strstr(err, part) == NULL)
        fail_msg("'%s' not in: %s", part, err);
    free(err);
}

static void test_report_reader(void **state)
{
    (void)state;
    char *dir = testutil_tempdir();
    static const char version[] = "\xEF\xBB\xBF\"format_version\",\"report_id\"\r\n\"9\",\"r\"\r\n";
    /* a header of every column, a first row as wide and a second row short */
    char rows[4096] = "\xEF\xBB\xBF";
    for (int c = 0; c < REPORT_COL_COUNT; c++)
        snprintf(rows + strlen(rows), sizeof rows - strlen(rows), "%s\"%s\"", c ? "," : "", report_csv_columns[c]);
    strcat(rows, "\r\n\"3\"");
    for (int c = 1; c < REPORT_COL_COUNT; c++)
        strcat(rows, ",\"x\"");
    strcat(rows, "\r\n\"3\",\"x\"\r\n");
    static const char sqlite[] = "SQLite format 3\0 but nothing of a database follows the sixteen bytes ......";

    i18n_init("zh");
    expect_in(report_error(dir, "v.csv", version, sizeof version - 1), "不是有效的 selfcheck CSV 报告: 第 2 行：格式版本“9”");
    char want[200];
    snprintf(want, sizeof want, "第 3 行：有 2 个字段，表头有 %d 个", REPORT_COL_COUNT);
    expect_in(report_error(dir, "w.csv", rows, strlen(rows)), want);
    expect_in(report_error(dir, "d.sqlite", sqlite, sizeof sqlite), "不是有效的 selfcheck SQLite 报告");

    i18n_set_lang("en");
    expect_in(report_error(dir, "v.csv", version, sizeof version - 1),
              "not a valid selfcheck CSV report: line 2: format version '9'");
    snprintf(want, sizeof want, "line 3: 2 fields, the header has %d", REPORT_COL_COUNT);
    expect_in(report_error(dir, "w.csv", rows, strlen(rows)), want);
    testutil_rmtree(dir);
    free(dir);
}

/* What the store could not do is said in the user's language, and so is a
 * folder of trusted keys that cannot be read. */
static void test_store_context(void **state)
{
    (void)state;
    char *dir = testutil_tempdir();
    char *path = testutil_write(dir, "answers.db", "");
    unlink(path);
    store *s = NULL;
    assert_int_equal(store_open(path, &s, NULL), 0);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "DROP TABLE systems", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    i18n_init("zh");
    char *err = NULL;
    assert_int_not_equal(store_system_add(s, "oa", "办公系统", &err), 0);
    expect_in(err, "无法添加信息系统");
    err = NULL;
    i18n_set_lang("en");
    assert_int_not_equal(store_system_add(s, "oa", "办公系统", &err), 0);
    expect_in(err, "cannot add the system");
    store_close(s);

    i18n_set_lang("zh");
    char *missing = testutil_write(dir, "keys", "");
    unlink(missing);
    trust_store *t = trust_new();
    assert_non_null(t);
    err = NULL;
    assert_int_not_equal(trust_load_dir(t, missing, NULL, &err), TRUST_OK);
    expect_in(err, "无法读取受信任公钥文件夹：文件或文件夹不存在");
    trust_free(t);
    free(missing);
    free(path);
    testutil_rmtree(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch),
        cmocka_unit_test(test_store_damaged),
        cmocka_unit_test(test_report_reader),
        cmocka_unit_test(test_store_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
