/* answer.c: validating answers and spelling them canonically (see answer.h). */
#include "answer.h"
#include "error.h"
#include "i18n.h"
#include "number.h"
#include "period.h"
#include "printable.h"
#include "record_limits.h"
#include "text.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Words a user may type for each yes/no answer, in either language. */
static const struct {
    const char *canonical;
    const char *spellings[6];
} yesno_words[] = {
    {"yes", {"yes", "y", "是", "符合", NULL}},
    {"no", {"no", "n", "否", "不符合", NULL}},
    {"partial", {"partial", "p", "部分", "部分符合", NULL}},
    {"na", {"na", "n/a", "x", "不适用", NULL}},
};

static char *trimmed(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    return strndup(s, n);
}

/* A copy with the full-width forms a Chinese input method types (０-９, Ａ-Ｚ,
 * ／, ．, ，, ：, the ideographic space) made ASCII, then trimmed. Caller frees. */
static char *halfwidth(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    if (out == NULL)
        return NULL;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        /* U+FF01..U+FF5E are EF BC 81..EF BC BF and EF BD 80..EF BD 9E */
        if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
            unsigned cp = 0xFF00u + (p[1] == 0xBD ? 0x40u : 0u) + (p[2] - 0x80u);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                *o++ = (char)(cp - 0xFF01 + 0x21);
                p += 3;
                continue;
            }
        }
        if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {   /* U+3000 */
            *o++ = ' ';
            p += 3;
            continue;
        }
        *o++ = (char)*p++;
    }
    *o = '\0';
    char *t = trimmed(out);
    free(out);
    return t;
}

/* Chinese words that mean the same in a choice label: a label 每天 is also
 * matched by 每日, and the other way round. */
static const char *const same_words[][2] = {
    {"每日", "每天"}, {"每星期", "每周"}, {"每礼拜", "每周"}, {"每个月", "每月"}, {"每年度", "每年"},
};

/* s with each word of same_words replaced by the second one. Caller frees. */
static char *canonical_words(const char *s)
{
    char *out = strdup(s);
    for (size_t w = 0; out != NULL && w < sizeof same_words / sizeof same_words[0]; w++) {
        char *at;
        size_t from = strlen(same_words[w][0]), to = strlen(same_words[w][1]);
        while ((at = strstr(out, same_words[w][0])) != NULL) {
            /* every replacement is no longer than what it replaces */
            memcpy(at, same_words[w][1], to);
            memmove(at + to, at + from, strlen(at + from) + 1);
        }
    }
    return out;
}

static bool same_label(const char *input, const char *label)
{
    if (strcmp(input, label) == 0)
        return true;
    char *a = canonical_words(input), *b = canonical_words(label);
    bool same = a != NULL && b != NULL && strcmp(a, b) == 0;
    free(a);
    free(b);
    return same;
}

/* "never" and the ways a Chinese user writes it */
static const char *const never_words[] = {"never", "从未", "无", "没有"};

static bool is_na(const char *v)
{
    for (int i = 0; yesno_words[3].spellings[i]; i++)
        if (strcasecmp(v, yesno_words[3].spellings[i]) == 0)
            return true;
    return false;
}

bool answer_means_never(const item *it, const char *input)
{
    if (!it->allow_never || input == NULL)
        return false;
    for (size_t i = 0; i < sizeof never_words / sizeof never_words[0]; i++)
        if (strcasecmp(input, never_words[i]) == 0)
            return true;
    return false;
}

/* The words before a booked date, longest first so that a shorter one does
 * not cut a longer one short */
static const char *const scheduled_words[] = {"scheduled", "已安排重新测评", "已安排测评", "已安排"};

bool answer_scheduled_date(const item *it, const char *value, char date[11])
{
    if (!it->allow_scheduled || value == NULL)
        return false;
    while (isspace((unsigned char)*value))
        value++;
    for (size_t w = 0; w < sizeof scheduled_words / sizeof scheduled_words[0]; w++) {
        size_t n = strlen(scheduled_words[w]);
        if (strncasecmp(value, scheduled_words[w], n) != 0)
            continue;
        const char *rest = value + n;
        for (;;) {
            if (isspace((unsigned char)*rest) || *rest == ':')
                rest++;
            else if (strncmp(rest, "：", strlen("：")) == 0)
                rest += strlen("：");
            else
                break;
        }
        char *day = trimmed(rest);
        civil_date d;
        bool ok = day != NULL && answer_read_date(day, &d) == 0;
        free(day);
        if (ok && date != NULL)
            date_format(d, date);
        return ok;
    }
    return false;
}

char *answer_allowed_all(const item *it)
{
    char *tokens = answer_allowed(it), *zh = answer_allowed_zh(it), *out = NULL;
    if (tokens != NULL && zh != NULL && *zh != '\0') {
        if (asprintf(&out, "%s (%s)", tokens, zh) < 0)
            out = NULL;
    } else if (tokens != NULL) {
        out = strdup(tokens);
    }
    free(tokens);
    free(zh);
    return out;
}

static int parse_yesno(const item *it, const char *v, char **canonical, char **err)
{
    for (size_t w = 0; w < sizeof yesno_words / sizeof yesno_words[0]; w++)
        for (int i = 0; yesno_words[w].spellings[i]; i++)
            if (strcasecmp(v, yesno_words[w].spellings[i]) == 0) {
                const char *c = yesno_words[w].canonical;
                if ((strcmp(c, "partial") == 0 && !it->allow_partial) ||
                    (strcmp(c, "na") == 0 && !it->allow_na))
                    break;
                *canonical = strdup(c);
                return 0;
            }
    char *allowed = answer_allowed_all(it);
    error_set(err, _("'%s' is not an answer here: use %s"), v, allowed ? allowed : "yes|no");
    free(allowed);
    return -1;
}

static int parse_choice(const item *it, const char *v, char **canonical, char **err)
{
    for (size_t i = 0; i < it->choice_count; i++) {
        const choice *c = &it->choices[i];
        if (strcasecmp(v, c->key) == 0 || same_label(v, c->label_zh) || strcasecmp(v, c->label_en) == 0) {
            *canonical = strdup(c->key);
            return 0;
        }
    }
    if (it->allow_na && is_na(v)) {
        *canonical = strdup("na");
        return 0;
    }
    char *allowed = answer_allowed_all(it);
    error_set(err, _("'%s' is not one of the choices: use %s"), v, allowed ? allowed : "");
    free(allowed);
    return -1;
}

/* What a spreadsheet or a person adds around a number taken away: the
 * item's unit after it (180天, "12 days"), thousands separators (1,234,567).
 * Caller frees. */
static char *number_plain(const item *it, const char *v)
{
    char *out = strdup(v);
    if (out == NULL)
        return NULL;
    size_t n = strlen(out);
    const char *units[] = {it->unit_zh, it->unit_en};
    for (size_t u = 0; u < 2; u++) {
        size_t k = units[u] ? strlen(units[u]) : 0;
        if (k > 0 && n > k && strcasecmp(out + n - k, units[u]) == 0) {
            n -= k;
            while (n > 0 && out[n - 1] == ' ')
                n--;
            out[n] = '\0';
            break;
        }
    }
    /* 1,234 or 12,345.5: commas only between groups of three digits */
    const char *comma = strchr(out, ',');
    if (comma == NULL)
        return out;
    size_t start = out[0] == '-' || out[0] == '+' ? 1 : 0, lead = 0, i = start;
    while (isdigit((unsigned char)out[i]))
        i++, lead++;
    bool grouped = lead >= 1 && lead <= 3 && out[i] == ',';
    while (grouped && out[i] == ',') {
        for (int g = 1; g <= 3; g++)
            grouped = grouped && isdigit((unsigned char)out[i + (size_t)g]);
        i += 4;
        grouped = grouped && !isdigit((unsigned char)out[i]);
    }
    if (grouped) {
        char *o = out;
        for (const char *p = out; *p; p++)
            if (*p != ',')
                *o++ = *p;
        *o = '\0';
    }
    return out;
}

static int parse_number(const item *it, const char *v, char **canonical, char **err)
{
    if (it->allow_na && is_na(v)) {
        *canonical = strdup("na");
        return 0;
    }
    double d;
    char *plain = number_plain(it, v);
    if (plain == NULL)
        return error_set(err, _("out of memory"));
    bool ok = number_parse_real(plain, &d);
    free(plain);
    if (!ok) {
        char *forms = answer_allowed_all(it);
        error_set(err, _("'%s' is not a number: use %s"), v, forms ? forms : "");
        free(forms);
        return -1;
    }
    if (d < it->number_min || d > it->number_max)
        return error_set(err, _("%g is outside %g..%g"), d, it->number_min, it->number_max);
    if ((*canonical = number_text(15, d)) == NULL)
        return error_set(err, _("out of memory"));
    return 0;
}

int answer_read_date(const char *text, civil_date *out)
{
    char *v = text ? halfwidth(text) : NULL;
    if (v == NULL)
        return -1;
    /* a date with midnight, as a spreadsheet writes a date cell with a time */
    char *space = strchr(v, ' ');
    if (space != NULL && (strcmp(space, " 0:00") == 0 || strcmp(space, " 00:00") == 0 ||
                          strcmp(space, " 0:00:00") == 0 || strcmp(space, " 00:00:00") == 0))
        *space = '\0';
    int rc = date_parse(v, out);
    int y, m, d, n = 0;
    if (rc != 0 && sscanf(v, "%4d.%2d.%2d%n", &y, &m, &d, &n) == 3 && v[n] == '\0' && strchr(v, '.') - v == 4) {
        civil_date c = {y, m, d};
        if (date_valid(c)) {
            *out = c;
            rc = 0;
        }
    }
    /* 2026年3月31日, and 26年3月31日 as LibreOffice in a Chinese locale saves
     * a typed 2026/3/31 (a year of two digits is this century's) */
    const char *nian = strstr(v, "年");
    if (rc != 0 && nian != NULL && (nian - v == 4 || nian - v == 2) &&
        sscanf(v, "%4d", &y) == 1 && sscanf(nian + strlen("年"), "%2d月%n", &m, &n) == 1 && n > 0) {
        const char *day = nian + strlen("年") + n;
        int k = 0;
        if (sscanf(day, "%2d日%n", &d, &k) == 1 && k > 0 && day[k] == '\0') {
            bool digits = true;
            for (const char *p = v; p < nian; p++)
                digits = digits && isdigit((unsigned char)*p);
            civil_date c = {nian - v == 2 ? 2000 + y : y, m, d};
            if (digits && date_valid(c)) {
                *out = c;
                rc = 0;
            }
        }
    }
    free(v);
    return rc;
}

int answer_date_parse(const char *text, civil_date *out, char **err)
{
    if (answer_read_date(text, out) == 0)
        return 0;
    return error_set(err, _("'%s' is not a date: write 2026-03-31, 2026/3/31, 2026.3.31 or 2026年3月31日"), text);
}

static int parse_date(const item *it, const char *v, const char *today, char **canonical, char **err)
{
    if (it->allow_na && is_na(v)) {
        *canonical = strdup("na");
        return 0;
    }
    civil_date d, now;
    if (answer_date_parse(v, &d, err) != 0)
        return -1;
    if (today != NULL && date_parse(today, &now) == 0 && date_to_days(d) > date_to_days(now))
        return error_set(err, _("%s is in the future (today is %s)"), v, today);
    char buf[11];
    date_format(d, buf);
    *canonical = strdup(buf);
    return 0;
}

int answer_text_check(const char *text, bool name, char **err)
{
    size_t len = strlen(text), max = name ? RECORD_MAX_NAME : RECORD_MAX_TEXT, bad;
    if (len > max)
        /* TRANSLATORS: the text's length, then the limit, both in bytes */
        return error_set(err, _("%zu bytes, more than the %zu allowed (a Chinese character takes 3)"), len, max);
    if (!text_utf8_valid(text, len, &bad))
        return error_set(err, _("invalid UTF-8 at byte %zu"), bad + 1);
    const char *control = printable_find_control(text, !name);
    if (control != NULL)
        return error_set(err, name ? _("a control character or line break (U+%04X) at byte %zu: a name is one line of text")
                                   : _("a control character (U+%04X) at byte %zu: escape sequences and a lone CR are not allowed"),
                         printable_control_code(control), (size_t)(control - text) + 1);
    return 0;
}

int answer_parse(const item *it, const char *input, const char *today,
                 char **canonical, char **err)
{
    *canonical = NULL;
    if (input == NULL)
        return error_set(err, _("no answer given"));
    if (it->type == ANSWER_TEXT) {
        if (answer_text_check(input, false, err) != 0)
            return -1;
        *canonical = strdup(input);
        return *canonical ? 0 : error_set(err, _("out of memory"));
    }
    char *v = halfwidth(input);
    if (v == NULL)
        return error_set(err, _("out of memory"));
    int rc;
    if (*v == '\0') {
        rc = error_set(err, _("no answer given"));
    } else if (answer_means_never(it, v)) {   /* only number and date items allow it */
        *canonical = strdup("never");         /* a failed copy is caught below */
        rc = 0;
    } else if (answer_scheduled_date(it, v, NULL)) {
        /* a booked day may lie ahead: it is not bounded by today */
        char day[11];
        answer_scheduled_date(it, v, day);
        rc = asprintf(canonical, "scheduled %s", day) < 0 ? error_set(err, _("out of memory")) : 0;
        if (rc != 0)
            *canonical = NULL;
    } else if (it->type == ANSWER_YESNO) {
        rc = parse_yesno(it, v, canonical, err);
    } else if (it->type == ANSWER_CHOICE) {
        rc = parse_choice(it, v, canonical, err);
    } else if (it->type == ANSWER_NUMBER) {
        rc = parse_number(it, v, canonical, err);
    } else {
        rc = parse_date(it, v, today, canonical, err);
    }
    free(v);
    if (rc == 0 && *canonical == NULL)
        return error_set(err, _("out of memory"));
    return rc;
}

char *answer_allowed(const item *it)
{
    char *out = NULL;
    const char *na = it->allow_na ? "|na" : "";
    switch (it->type) {
    case ANSWER_YESNO:
        if (asprintf(&out, "yes|no%s%s", it->allow_partial ? "|partial" : "", na) < 0)
            return NULL;
        return out;
    case ANSWER_CHOICE: {
        size_t size = 8;
        for (size_t i = 0; i < it->choice_count; i++)
            size += strlen(it->choices[i].key) + 1;
        out = calloc(1, size);
        if (out == NULL)
            return NULL;
        for (size_t i = 0; i < it->choice_count; i++) {
            if (i > 0)
                strcat(out, "|");
            strcat(out, it->choices[i].key);
        }
        strcat(out, na);
        return out;
    }
    case ANSWER_NUMBER:
    {
        /* the sheet's "allowed" column: C-locale numbers whatever LC_NUMERIC says */
        char lo[32], hi[32];
        number_format(lo, sizeof lo, 6, it->number_min);
        number_format(hi, sizeof hi, 6, it->number_max);
        if (asprintf(&out, "%s..%s%s%s", lo, hi, it->allow_never ? "|never" : "", na) < 0)
            return NULL;
        return out;
    }
    case ANSWER_DATE:
        if (asprintf(&out, "YYYY-MM-DD%s%s%s", it->allow_scheduled ? "|scheduled YYYY-MM-DD" : "",
                     it->allow_never ? "|never" : "", na) < 0)
            return NULL;
        return out;
    case ANSWER_TEXT:
        return strdup("text");
    }
    return NULL;
}

char *answer_display(const item *it, const char *value, const char *lang)
{
    /* Not gettext: these words are written into signed reports in the
     * report's language, which must not depend on whether a catalogue is
     * installed or on the screen's language; they are the report format's
     * own bilingual labels, as the checklists' labels are. */
    bool en = lang && strcmp(lang, "en") == 0;
    if (value == NULL)
        return strdup(en ? "(unanswered)" : "（未答）");
    if (strcmp(value, "na") == 0 && it->type != ANSWER_TEXT)
        return strdup(en ? "Not applicable" : "不适用");
    if (strcmp(value, "never") == 0 && (it->type == ANSWER_NUMBER || it->type == ANSWER_DATE))
        return strdup(en ? "Never" : "从未");
    char day[11];
    if (answer_scheduled_date(it, value, day)) {
        char *out = NULL;
        if (asprintf(&out, en ? "Re-assessment scheduled on %s" : "已安排重新测评：%s", day) < 0)
            return NULL;
        return out;
    }
    char *out = NULL;
    switch (it->type) {
    case ANSWER_YESNO:
        if (strcmp(value, "yes") == 0) return strdup(en ? "Yes" : "是");
        if (strcmp(value, "no") == 0) return strdup(en ? "No" : "否");
        if (strcmp(value, "partial") == 0) return strdup(en ? "Partly" : "部分");
        break;
    case ANSWER_CHOICE:
        for (size_t i = 0; i < it->choice_count; i++)
            if (strcmp(it->choices[i].key, value) == 0)
                return strdup(en ? it->choices[i].label_en : it->choices[i].label_zh);
        break;
    case ANSWER_NUMBER: {
        const char *unit = en ? it->unit_en : it->unit_zh;
        if (asprintf(&out, "%s%s%s", value, unit && *unit && en ? " " : "", unit ? unit : "") < 0)
            return NULL;
        return out;
    }
    case ANSWER_DATE:
        break;
    case ANSWER_TEXT:
        break;
    }
    return strdup(value);
}

/* Appends "|" (unless first) and word to the growing *out. */
static int add_word(char **out, const char *word)
{
    char *next = NULL;
    if (asprintf(&next, "%s%s%s", *out ? *out : "", *out && **out ? "|" : "", word) < 0)
        return -1;
    free(*out);
    *out = next;
    return 0;
}

char *answer_allowed_zh(const item *it)
{
    char *out = strdup("");
    int rc = out == NULL ? -1 : 0;
    switch (it->type) {
    case ANSWER_YESNO:
        rc = rc || add_word(&out, "是") || add_word(&out, "否");
        if (it->allow_partial)
            rc = rc || add_word(&out, "部分");
        break;
    case ANSWER_CHOICE:
        for (size_t i = 0; i < it->choice_count && rc == 0; i++)
            rc = add_word(&out, it->choices[i].label_zh);
        break;
    case ANSWER_NUMBER: {
        char lo[32], hi[32], *range = NULL;
        number_format(lo, sizeof lo, 6, it->number_min);
        number_format(hi, sizeof hi, 6, it->number_max);
        const char *unit = it->unit_zh ? it->unit_zh : "";
        if (rc == 0 && asprintf(&range, "%s..%s%s%s", lo, hi, *unit ? " " : "", unit) < 0)
            rc = -1;
        rc = rc || add_word(&out, range);
        free(range);
        if (it->allow_never)
            rc = rc || add_word(&out, "从未");
        break;
    }
    case ANSWER_DATE:
        rc = rc || add_word(&out, "2026年3月31日");
        if (it->allow_scheduled)
            rc = rc || add_word(&out, "已安排 2026年3月31日");
        if (it->allow_never)
            rc = rc || add_word(&out, "从未");
        break;
    case ANSWER_TEXT:
        return out;
    }
    if (rc == 0 && it->allow_na && it->type != ANSWER_TEXT)
        rc = add_word(&out, "不适用");
    if (rc != 0) {
        free(out);
        return NULL;
    }
    return out;
}
