/* forms_check.c: the checks of single values of the annex forms (see
 * forms_check.h). Pure functions of their text: no store, no locale (the
 * volume is read as digits, never through strtod, so that "1.2TB" is kept as
 * written whatever LC_NUMERIC says). */
#include "forms_check.h"
#include "period.h"
#include "text.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* GB 32100-2015 4.2: the 31 characters of a code, in the order of their
 * values 0..30. */
static const char credit_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int credit_value(char c)
{
    const char *p = c ? strchr(credit_alphabet, c) : NULL;
    return p ? (int)(p - credit_alphabet) : -1;
}

char forms_credit_check_char(const char *first17)
{
    /* weights are 3^i mod 31 for positions 1..17 (GB 32100-2015 附录B) */
    int weight = 1, sum = 0;
    for (int i = 0; i < 17; i++) {
        int v = credit_value(first17[i]);
        if (v < 0)
            return '\0';
        sum += v * weight;
        weight = weight * 3 % 31;
    }
    return credit_alphabet[(31 - sum % 31) % 31];
}

static char *stripped(const char *text)
{
    return text_strip(text, text + strlen(text));
}

/* Every check starts from the text without surrounding white space; an empty
 * text is never valid (an empty cell means "not given" to the callers). */
static int start(const char *text, char **out)
{
    *out = stripped(text ? text : "");
    if (*out == NULL)
        return FORMS_CHECK_NOMEM;
    if (**out == '\0') {
        free(*out);
        *out = NULL;
        return FORMS_CHECK_BAD;
    }
    return 0;
}

static int refuse(char *s, int rc)
{
    free(s);
    return rc;
}

int forms_check_credit_code(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    if (strlen(s) != 18)
        return refuse(s, FORMS_CHECK_BAD);
    for (char *p = s; *p; p++) {
        *p = (char)toupper((unsigned char)*p);
        if (credit_value(*p) < 0)
            return refuse(s, FORMS_CHECK_BAD);
    }
    if (forms_credit_check_char(s) != s[17])
        return refuse(s, FORMS_CHECK_CHECKSUM);
    *canonical = s;
    return 0;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return len > 0;
}

int forms_check_phone(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    /* spaces are how people group digits; they carry nothing */
    char *w = s;
    for (char *r = s; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    char *p = s;
    if (strncmp(p, "+86", 3) == 0)
        p += 3;
    size_t len = strlen(p);
    bool ok = false;
    if (len == 11 && p[0] == '1' && all_digits(p, len)) {
        ok = true;   /* a mobile number */
    } else {
        char *dash = strchr(p, '-');
        const char *local = p;
        size_t local_len = len;
        if (dash != NULL) {
            size_t area = (size_t)(dash - p);
            if (!(p[0] == '0' && (area == 3 || area == 4) && all_digits(p, area))) {
                free(s);
                return FORMS_CHECK_BAD;
            }
            local = dash + 1;
            char *ext = strchr(local, '-');
            local_len = ext ? (size_t)(ext - local) : strlen(local);
            if (ext != NULL && !(all_digits(ext + 1, strlen(ext + 1)) && strlen(ext + 1) <= 6)) {
                free(s);
                return FORMS_CHECK_BAD;
            }
        }
        ok = (local_len == 7 || local_len == 8) && all_digits(local, local_len) && local[0] != '0';
    }
    if (!ok)
        return refuse(s, FORMS_CHECK_BAD);
    if (p != s)
        memmove(s, p, strlen(p) + 1);
    *canonical = s;
    return 0;
}

/* Appends text to a growing string. -1 when out of memory. */
static int append(char **buf, size_t *len, const char *text)
{
    size_t n = strlen(text);
    char *grown = realloc(*buf, *len + n + 1);
    if (grown == NULL)
        return -1;
    memcpy(grown + *len, text, n + 1);
    *buf = grown;
    *len += n;
    return 0;
}

int forms_check_ips(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    /* '、' (U+3001) is how a Chinese list is written: make it a separator */
    for (char *p = s; (p = strstr(p, "\xE3\x80\x81")) != NULL; p += 3)
        memcpy(p, "  ,", 3);
    char *out = NULL;
    size_t out_len = 0;
    int count = 0;
    char *save = NULL;
    for (char *tok = strtok_r(s, ", ;", &save); tok; tok = strtok_r(NULL, ", ;", &save)) {
        unsigned char addr[16];
        char spelled[INET6_ADDRSTRLEN];
        int family = strchr(tok, ':') ? AF_INET6 : AF_INET;
        if (inet_pton(family, tok, addr) != 1 || inet_ntop(family, addr, spelled, sizeof spelled) == NULL) {
            free(out);
            return refuse(s, FORMS_CHECK_BAD);
        }
        if ((count++ > 0 && append(&out, &out_len, ", ") != 0) || append(&out, &out_len, spelled) != 0) {
            free(out);
            return refuse(s, FORMS_CHECK_NOMEM);
        }
    }
    free(s);
    if (count == 0)
        return FORMS_CHECK_BAD;
    *canonical = out;
    return 0;
}

int forms_check_volume(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    const char *p = s;
    while (*p == '0' && isdigit((unsigned char)p[1]))
        p++;   /* "065GB" is 65GB */
    const char *digits = p;
    while (isdigit((unsigned char)*p))
        p++;
    size_t int_len = (size_t)(p - digits);
    size_t frac_len = 0;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)p[frac_len]))
            frac_len++;
        if (frac_len == 0)
            return refuse(s, FORMS_CHECK_BAD);
        p += frac_len;
    }
    size_t number_len = (size_t)(p - digits);
    while (*p == ' ')
        p++;
    char unit[3] = {0};
    if (strlen(p) != 2 || toupper((unsigned char)p[1]) != 'B')
        return refuse(s, FORMS_CHECK_BAD);
    unit[0] = (char)toupper((unsigned char)p[0]);
    unit[1] = 'B';
    if (int_len == 0 || strchr("GTP", unit[0]) == NULL)
        return refuse(s, FORMS_CHECK_BAD);
    bool zero = true;
    for (size_t i = 0; i < number_len; i++)
        if (digits[i] != '0' && digits[i] != '.')
            zero = false;
    if (zero)
        return refuse(s, FORMS_CHECK_BAD);
    char *out = malloc(number_len + 3);
    if (out == NULL)
        return refuse(s, FORMS_CHECK_NOMEM);
    memcpy(out, digits, number_len);
    memcpy(out + number_len, unit, 3);
    free(s);
    *canonical = out;
    return 0;
}

int forms_check_level(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    for (char *p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    static const char *const none[] = {"0", "none", "无", "未定级", "未备案", NULL};
    static const char *const words[][4] = {
        {"1", "一级", "第一级", "level 1"},
        {"2", "二级", "第二级", "level 2"},
        {"3", "三级", "第三级", "level 3"},
        {"4", "四级", "第四级", "level 4"},
    };
    const char *found = NULL;
    for (int i = 0; none[i] && !found; i++)
        if (strcmp(s, none[i]) == 0)
            found = "none";
    for (int l = 0; l < 4 && !found; l++)
        for (int w = 0; w < 4; w++)
            if (strcmp(s, words[l][w]) == 0)
                found = words[l][0];
    free(s);
    if (found == NULL)
        return FORMS_CHECK_BAD;
    *canonical = strdup(found);
    return *canonical ? 0 : FORMS_CHECK_NOMEM;
}

int forms_check_date(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    civil_date d;
    rc = date_parse(s, &d) == 0 ? 0 : FORMS_CHECK_BAD;
    free(s);
    if (rc != 0)
        return rc;
    if ((*canonical = malloc(11)) == NULL)
        return FORMS_CHECK_NOMEM;
    date_format(d, *canonical);
    return 0;
}

int forms_check_domain(const char *text, char **canonical)
{
    *canonical = NULL;
    char *s;
    int rc = start(text, &s);
    if (rc != 0)
        return rc;
    size_t len = strlen(s);
    if (len > 0 && s[len - 1] == '.')
        s[--len] = '\0';   /* the root's dot */
    int dots = 0;
    size_t label = 0;
    for (char *p = s; *p; p++) {
        *p = (char)tolower((unsigned char)*p);
        if (*p == '.') {
            if (label == 0 || p[-1] == '-')
                return refuse(s, FORMS_CHECK_BAD);
            dots++;
            label = 0;
        } else if (isalnum((unsigned char)*p) || (*p == '-' && label > 0)) {
            if (++label > 63)
                return refuse(s, FORMS_CHECK_BAD);
        } else {
            return refuse(s, FORMS_CHECK_BAD);
        }
    }
    if (dots == 0 || label == 0 || len > 253 || s[len - 1] == '-')
        return refuse(s, FORMS_CHECK_BAD);
    *canonical = s;
    return 0;
}
