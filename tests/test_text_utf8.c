/* test_text_utf8.c: cmocka tests of text_utf8_valid (text.h), the one UTF-8
 * check of every report, sheet and form read: its verdict and the offset of
 * the first bad byte agree with the well-formed sequences of RFC 3629 for
 * every sequence of up to three bytes, at every position, in ASCII runs,
 * Chinese text and random bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

/* The length of the well-formed sequence at u (RFC 3629, table of section
 * 4), or 0 when none starts there. */
static size_t well_formed(const unsigned char *u, size_t len)
{
    static const struct {
        unsigned char lead_lo, lead_hi, second_lo, second_hi;
        size_t length;
    } forms[] = {
        {0x00, 0x7F, 0, 0, 1},       {0xC2, 0xDF, 0x80, 0xBF, 2}, {0xE0, 0xE0, 0xA0, 0xBF, 3},
        {0xE1, 0xEC, 0x80, 0xBF, 3}, {0xED, 0xED, 0x80, 0x9F, 3}, {0xEE, 0xEF, 0x80, 0xBF, 3},
        {0xF0, 0xF0, 0x90, 0xBF, 4}, {0xF1, 0xF3, 0x80, 0xBF, 4}, {0xF4, 0xF4, 0x80, 0x8F, 4},
    };
    for (size_t f = 0; f < sizeof forms / sizeof forms[0]; f++) {
        if (u[0] < forms[f].lead_lo || u[0] > forms[f].lead_hi)
            continue;
        size_t n = forms[f].length;
        if (n == 1)
            return 1;
        if (len < n || u[1] < forms[f].second_lo || u[1] > forms[f].second_hi)
            return 0;
        for (size_t k = 2; k < n; k++)
            if ((u[k] & 0xC0) != 0x80)
                return 0;
        return n;
    }
    return 0;
}

/* What text_utf8_valid must say: valid, or the first bad offset. */
static bool reference(const unsigned char *s, size_t len, size_t *bad)
{
    for (size_t i = 0; i < len;) {
        size_t n = well_formed(s + i, len - i);
        if (n == 0) {
            *bad = i;
            return false;
        }
        i += n;
    }
    return true;
}

static void check(const unsigned char *s, size_t len)
{
    size_t want_bad = (size_t)-1, got_bad = (size_t)-1;
    bool want = reference(s, len, &want_bad);
    bool got = text_utf8_valid((const char *)s, len, &got_bad);
    if (want != got || (!want && want_bad != got_bad)) {
        char hex[3 * 64 + 1] = "";
        for (size_t i = 0; i < len && i < 64; i++)
            snprintf(hex + 3 * i, 4, "%02x ", s[i]);
        fail_msg("%s: valid %d at %zu, expected %d at %zu", hex, got, got_bad, want, want_bad);
    }
    /* the offset is optional */
    assert_int_equal(text_utf8_valid((const char *)s, len, NULL), want);
}

/* Every sequence of one, two and three bytes, alone, after text and
 * before it, so that it is met at every alignment of the ASCII runs. */
static void test_every_short_sequence(void **state)
{
    (void)state;
    unsigned char buf[32];
    static const char before[] = "abcdefghijk";   /* 0 to 11 bytes of ASCII */
    for (unsigned a = 0; a < 256; a++) {
        for (size_t pre = 0; pre < 12; pre++) {
            memcpy(buf, before, pre);
            buf[pre] = (unsigned char)a;
            check(buf, pre + 1);
            memcpy(buf + pre + 1, "xyz", 3);
            check(buf, pre + 4);
        }
        for (unsigned b = 0; b < 256; b++) {
            unsigned char two[2] = {(unsigned char)a, (unsigned char)b};
            check(two, 2);
            if (a < 0xE0 || a > 0xF4)
                continue;
            for (unsigned c = 0; c < 256; c++) {
                unsigned char three[5] = {(unsigned char)a, (unsigned char)b, (unsigned char)c, 'q', 0x80};
                check(three, 3);
                check(three, 4);
                check(three, 5);
            }
        }
    }
}

/* Chinese text and ASCII as a report holds them, then random bytes mostly
 * made of the pieces of well-formed text. */
static void test_text_and_random_bytes(void **state)
{
    (void)state;
    const char *good = "\"第1项检查：是否落实安全措施？\",\"high\",\"1\",\"answered\",\"yes\",\"是\",\"单位\"\r\n"
                       "😀 emoji, ü, ЖЖ, 中文 mixed with English text and a long ASCII run of many bytes";
    check((const unsigned char *)good, strlen(good));
    static const unsigned char pieces[][4] = {{'a'}, {'"'}, {0xE4, 0xB8, 0xAD}, {0xC3, 0xBC}, {0xF0, 0x9F, 0x98, 0x80},
                                              {0x80}, {0xE4}, {0xED, 0xA0, 0x80}, {0xEF, 0xBF, 0xBD}, {0xFF}};
    static const size_t sizes[] = {1, 1, 3, 2, 4, 1, 1, 3, 3, 1};
    unsigned char buf[256];
    uint32_t seed = 2026;
    for (int round = 0; round < 100000; round++) {
        size_t len = 0;
        seed = seed * 1664525u + 1013904223u;
        size_t count = (seed >> 24) % 40;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1664525u + 1013904223u;
            unsigned r = seed >> 16;
            /* mostly ASCII and Chinese, now and then a broken piece */
            size_t p = r % 16 < 8 ? 0 : r % 16 < 13 ? 2 : (r >> 4) % 10;
            memcpy(buf + len, pieces[p], sizes[p]);
            len += sizes[p];
        }
        check(buf, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_short_sequence),
        cmocka_unit_test(test_text_and_random_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
