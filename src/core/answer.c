/* answer.c: validating answers and spelling them canonically (see answer.h). */
#include "answer.h"
#include "error.h"
#include "i18n.h"
#include "number.h"
#include "period.h"

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
        bool ok = day != NULL && date_parse(day, &d) == 0 && date_valid(d);
        free(day);
        if (ok && date != NULL)
            date_format(d, date);
        return ok;
    }
    return false;
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
    char *allowed = answer_allowed(it);
    error_set(err, _("'%s' is not an answer here: use %s"), v, allowed ? allowed : "yes|no");
    free(allowed);
    return -1;
}

static int parse_choice(const item *it, const char *v, char **canonical, char **err)
{
    for (size_t i = 0; i < it->choice_count; i++) {
        const choice *c = &it->choices[i];
        if (strcasecmp(v, c->key) == 0 || strcmp(v, c->label_zh) == 0 || strcasecmp(v, c->label_en) == 0) {
            *canonical = strdup(c->key);
            return 0;
        }
    }
    if (it->allow_na && is_na(v)) {
        *canonical = strdup("na");
        return 0;
    }
    char *allowed = answer_allowed(it);
    error_set(err, _("'%s' is not one of the choices: use %s"), v, allowed ? allowed : "");
    free(allowed);
    return -1;
}

static int parse_number(const item *it, const char *v, char **canonical, char **err)
{
    if (it->allow_na && is_na(v)) {
        *canonical = strdup("na");
        return 0;
    }
    double d;
    if (!number_parse_real(v, &d))
        return error_set(err, _("'%s' is not a number"), v);
    if (d < it->number_min || d > it->number_max)
        return error_set(err, _("%g is outside %g..%g"), d, it->number_min, it->number_max);
    if ((*canonical = number_text(15, d)) == NULL)
        return error_set(err, _("out of memory"));
    return 0;
}

static int parse_date(const item *it, const char *v, const char *today, char **canonical, char **err)
{
    if (it->allow_na && is_na(v)) {
        *canonical = strdup("na");
        return 0;
    }
    civil_date d, now;
    if (date_parse(v, &d) != 0)
        return error_set(err, _("'%s' is not a date: write YYYY-MM-DD, for example 2026-03-31"), v);
    if (today != NULL && date_parse(today, &now) == 0 && date_to_days(d) > date_to_days(now))
        return error_set(err, _("%s is in the future (today is %s)"), v, today);
    char buf[11];
    date_format(d, buf);
    *canonical = strdup(buf);
    return 0;
}

int answer_parse(const item *it, const char *input, const char *today,
                 char **canonical, char **err)
{
    *canonical = NULL;
    if (input == NULL)
        return error_set(err, _("no answer given"));
    if (it->type == ANSWER_TEXT) {
        *canonical = strdup(input);
        return *canonical ? 0 : error_set(err, _("out of memory"));
    }
    char *v = trimmed(input);
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
