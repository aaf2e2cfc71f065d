/* test_msg.c: cmocka tests of the message table (msg.h).
 *
 * A Chinese format string with other conversions than its English one would
 * read the wrong arguments, so every pair must take the same conversions in
 * the same order. Every msg("...") in the sources must have its pair, or a
 * Chinese user would meet English where the code meant Chinese. And the
 * language switch must do what the command line and the screen rely on. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fsutil.h"
#include "msg.h"

/* The conversions of a printf format, e.g. "%s:%d: %zu" -> "s d zu ". */
static char *conversions(const char *fmt)
{
    size_t cap = strlen(fmt) * 2 + 1, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        p++;
        if (*p == '%')
            continue;
        while (*p && strchr("-+ #0123456789.*", *p))
            p++;
        while (*p && strchr("hlLqjzt", *p))
            out[len++] = *p++;
        assert_true(*p != '\0');
        out[len++] = *p;
        out[len++] = ' ';
    }
    return out;
}

static void test_pairs_take_the_same_arguments(void **state)
{
    (void)state;
    size_t count = 0;
    const char *const (*pairs)[2] = msg_table(&count);
    assert_true(count > 40);
    for (size_t i = 0; i < count; i++) {
        char *en = conversions(pairs[i][0]), *zh = conversions(pairs[i][1]);
        if (strcmp(en, zh) != 0)
            fail_msg("'%s' takes %s, its Chinese '%s' takes %s", pairs[i][0], en, pairs[i][1], zh);
        free(en);
        free(zh);
        for (size_t k = 0; k < i; k++)
            if (strcmp(pairs[k][0], pairs[i][0]) == 0)
                fail_msg("'%s' is in the table twice", pairs[i][0]);
    }
}

static void test_language_switch(void **state)
{
    (void)state;
    const char *english = "'%s' is not a number";
    assert_ptr_equal(msg(english), english);   /* English until told otherwise */
    msg_set_lang("zh");
    assert_string_equal(msg(english), "“%s”不是数字");
    assert_string_equal(msg("a message nobody translated"), "a message nobody translated");
    assert_string_equal(msg_strerror(ENOSPC), "磁盘或 U 盘已满");
    assert_string_equal(msg_strerror(EROFS), "只读（U 盘是否打开了写保护？）");
    assert_string_equal(msg_strerror(EBADF), strerror(EBADF));   /* the rare ones as libc says them */
    msg_set_lang("en");
    assert_ptr_equal(msg(english), english);
    assert_string_equal(msg_strerror(ENOSPC), strerror(ENOSPC));
    msg_set_lang("fr");
    assert_ptr_equal(msg(english), english);
    msg_set_lang(NULL);
    assert_ptr_equal(msg(english), english);
}

/* Reads the C string literals that follow *p (adjacent ones joined, escapes
 * undone) into a new string; *p moves past them. NULL if none. */
static char *read_literals(const char **p)
{
    const char *s = *p;
    size_t cap = strlen(s) + 1, len = 0;
    char *out = calloc(1, cap);
    assert_non_null(out);
    bool any = false;
    for (;;) {
        while (*s == ' ' || *s == '\n' || *s == '\t')
            s++;
        if (*s != '"')
            break;
        any = true;
        for (s++; *s && *s != '"'; s++) {
            if (*s == '\\') {
                s++;
                out[len++] = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s;
            } else {
                out[len++] = *s;
            }
        }
        if (*s == '"')
            s++;
    }
    *p = s;
    if (!any) {
        free(out);
        return NULL;
    }
    return out;
}

static bool in_table(const char *english)
{
    size_t count = 0;
    const char *const (*pairs)[2] = msg_table(&count);
    for (size_t i = 0; i < count; i++)
        if (strcmp(pairs[i][0], english) == 0)
            return true;
    return false;
}

/* Every msg("...") of one source file has its pair; returns how many there are. */
static size_t check_source(const char *path)
{
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(fsutil_read_file(path, 1u << 22, &text, &len, NULL), 0);
    size_t found = 0;
    for (const char *p = strstr(text, "msg(\""); p != NULL; p = strstr(p, "msg(\"")) {
        /* not msg_strerror( or some_msg( */
        bool word = p > text && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z'));
        p += 4;
        if (word)
            continue;
        char *literal = read_literals(&p);
        if (literal == NULL)
            continue;
        if (!in_table(literal))
            fail_msg("%s: msg(\"%s\") has no Chinese in src/core/msg.c", path, literal);
        found++;
        free(literal);
    }
    free(text);
    return found;
}

static void test_every_msg_call_is_translated(void **state)
{
    (void)state;
    const char *dirs[] = {SOURCE_DIR "/src/core", SOURCE_DIR "/src/cli", SOURCE_DIR "/src/ui",
                          SOURCE_DIR "/src/tui"};
    size_t calls = 0;
    for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
        DIR *dir = opendir(dirs[d]);
        assert_non_null(dir);
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 3 || strcmp(e->d_name + n - 2, ".c") != 0 || strcmp(e->d_name, "msg.c") == 0)
                continue;
            char *path = fsutil_join(dirs[d], e->d_name);
            calls += check_source(path);
            free(path);
        }
        closedir(dir);
    }
    /* the scan itself works: the answers, sheets and files use it */
    assert_true(calls > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_take_the_same_arguments),
        cmocka_unit_test(test_language_switch),
        cmocka_unit_test(test_every_msg_call_is_translated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
