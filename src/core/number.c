/* number.c: numbers read and written in the C locale (see number.h).
 *
 * One C locale object is made on first use and kept for the life of the
 * process; strtod_l and uselocale take it, so the process's own locale (and
 * any thread's) is never changed. */
#include "number.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_locale = (locale_t)0;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* The C locale for strtod_l, made once: the review import's workers read
 * numbers at the same time, so the first use is guarded by pthread_once. */
static locale_t c_numeric(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    if (pthread_once(&once, make_c_locale) != 0)
        return (locale_t)0;
    return c_locale;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The shape strtod must not widen: sign, digits, one point, exponent. */
static bool decimal_shape(const char *p)
{
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = 0;
    while (is_digit(*p))
        p++, digits++;
    if (*p == '.') {
        p++;
        while (is_digit(*p))
            p++, digits++;
    }
    if (digits == 0)
        return false;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-')
            p++;
        if (!is_digit(*p))
            return false;
        while (is_digit(*p))
            p++;
    }
    return *p == '\0';
}

/* A whole number of at most nine digits, as strtod reads it (exactly, a
 * minus zero included) without its cost: a report's weights and scores
 * are nearly all such numbers. False for anything else. */
static bool small_whole(const char *text, double *out)
{
    const char *p = text;
    bool negative = *p == '-';
    if (*p == '+' || *p == '-')
        p++;
    long v = 0;
    int digits = 0;
    for (; is_digit(*p) && digits < 10; p++, digits++)
        v = v * 10 + (*p - '0');
    if (*p != '\0' || digits == 0 || digits > 9)
        return false;
    *out = negative ? -(double)v : (double)v;
    return true;
}

bool number_parse_real(const char *text, double *out)
{
    if (text != NULL && small_whole(text, out))
        return true;
    if (text == NULL || !decimal_shape(text))
        return false;
    locale_t c = c_numeric();
    if (c == (locale_t)0)
        return false;
    char *end;
    errno = 0;
    double d = strtod_l(text, &end, c);
    if (errno != 0 || *end != '\0' || !isfinite(d))
        return false;
    *out = d;
    return true;
}

bool number_parse_whole(const char *text, long min, long max, long *out)
{
    if (text == NULL)
        return false;
    const char *p = text;
    if (*p == '+' || *p == '-')
        p++;
    if (!is_digit(*p))
        return false;
    for (const char *q = p; *q; q++)
        if (!is_digit(*q))
            return false;
    /* strtol's digits are the same in every locale; the shape was checked */
    char *end;
    errno = 0;
    long n = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || n < min || n > max)
        return false;
    *out = n;
    return true;
}

int number_format(char *out, size_t size, int digits, double v)
{
    locale_t c = c_numeric();
    if (c == (locale_t)0)
        return -1;
    locale_t old = uselocale(c);
    int n = snprintf(out, size, "%.*g", digits, v);
    uselocale(old);
    return n;
}

char *number_text(int digits, double v)
{
    char buf[64];
    int n = number_format(buf, sizeof buf, digits, v);
    if (n < 0 || (size_t)n >= sizeof buf)
        return NULL;
    return strdup(buf);
}
