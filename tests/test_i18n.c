/* test_i18n.c: cmocka tests of the translation mechanism (i18n.h) as the
 * built catalogue gives it: the language switches at run time, the common
 * causes of a failed write are said in Chinese, and the answer store names a
 * damaged file by SQLite's error code, in the user's language. */
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

#include "i18n.h"
#include "store.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_switch),
        cmocka_unit_test(test_store_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
