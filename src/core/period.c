/* period.c: civil dates, assessment periods and due dates (see period.h). */
#include "period.h"
#include "error.h"
#include "ident.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

bool date_valid(civil_date d)
{
    return d.year >= 1900 && d.year <= 9999 && d.month >= 1 && d.month <= 12 &&
           d.day >= 1 && d.day <= days_in_month(d.year, d.month);
}

int date_parse(const char *text, civil_date *out)
{
    int y, m, d, n = 0;
    char sep1, sep2;
    if (text == NULL || sscanf(text, "%4d%c%2d%c%2d%n", &y, &sep1, &m, &sep2, &d, &n) != 5 ||
        text[n] != '\0' || sep1 != sep2 || (sep1 != '-' && sep1 != '/'))
        return -1;
    /* the year must be written with four digits */
    if (strchr(text, sep1) - text != 4)
        return -1;
    civil_date date = {y, m, d};
    if (!date_valid(date))
        return -1;
    *out = date;
    return 0;
}

void date_format(civil_date d, char out[11])
{
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u, (unsigned)d.month % 100u,
             (unsigned)d.day % 100u);
}

/* Howard Hinnant's days-from-civil algorithm: exact for the proleptic
 * Gregorian calendar, no time zones involved. */
long date_to_days(civil_date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

civil_date date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    return (civil_date){(int)(y + (m <= 2)), (int)m, (int)d};
}

/* SELFCHECK_NOW, when set and well formed, replaces the clock. */
static bool clock_override(civil_date *date, int *h, int *mi, int *s)
{
    const char *now = getenv("SELFCHECK_NOW");
    if (now == NULL || strlen(now) < 10)
        return false;
    char day[11];
    memcpy(day, now, 10);
    day[10] = '\0';
    if (date_parse(day, date) != 0)
        return false;
    *h = *mi = *s = 0;
    if (now[10] == 'T' && sscanf(now + 11, "%2d:%2d:%2d", h, mi, s) != 3)
        *h = *mi = *s = 0;
    return true;
}

void clock_today(char out[11])
{
    char now[20];
    clock_now(now);
    memcpy(out, now, 10);   /* YYYY-MM-DD of YYYY-MM-DDTHH:MM:SS */
    out[10] = '\0';
}

void clock_now(char out[20])
{
    civil_date d;
    int h, m, s;
    if (!clock_override(&d, &h, &m, &s)) {
        time_t t = time(NULL);
        struct tm tm;
        localtime_r(&t, &tm);
        d = (civil_date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
        h = tm.tm_hour;
        m = tm.tm_min;
        s = tm.tm_sec;
    }
    snprintf(out, 20, "%04u-%02u-%02uT%02u:%02u:%02u", (unsigned)d.year % 10000u,
             (unsigned)d.month % 100u, (unsigned)d.day % 100u, (unsigned)h % 100u,
             (unsigned)m % 100u, (unsigned)s % 100u);
}

/* A period names a stored assessment, so only its one canonical spelling is
 * accepted: sscanf would also take " 3" or "+3". */
static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int parse_month_period(const char *period, int *year, int *month)
{
    if (strlen(period) != 7 || !all_digits(period, 4) || period[4] != '-' || !all_digits(period + 5, 2))
        return -1;
    *year = atoi(period);
    *month = atoi(period + 5);
    return *month >= 1 && *month <= 12 && *year >= 1900 ? 0 : -1;
}

static int parse_half_period(const char *period, int *year, int *half)
{
    if (strlen(period) != 7 || !all_digits(period, 4) || strncmp(period + 4, "-H", 2) != 0 ||
        (period[6] != '1' && period[6] != '2'))
        return -1;
    *year = atoi(period);
    *half = period[6] - '0';
    return *year >= 1900 ? 0 : -1;
}

int period_current(profile p, const char *today, char **out, char **err)
{
    civil_date d;
    if (date_parse(today, &d) != 0)
        return error_set(err, _("invalid date '%s'"), today);
    int n = -1;
    if (p == PROFILE_MONTHLY)
        n = asprintf(out, "%04d-%02d", d.year, d.month);
    else if (p == PROFILE_HALFYEAR)
        n = asprintf(out, "%04d-H%d", d.year, d.month <= 6 ? 1 : 2);
    else
        return error_set(err, _("a change assessment needs --period DATE@SYSTEM (for example %s@oa)"), today);
    return n < 0 ? error_set(err, _("out of memory")) : 0;
}

int period_profile(const char *period, profile *out)
{
    static const profile order[] = {PROFILE_MONTHLY, PROFILE_HALFYEAR, PROFILE_CHANGE};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        char *err = NULL;
        int rc = period_validate(order[i], period, &err);
        free(err);
        if (rc == 0) {
            *out = order[i];
            return 0;
        }
    }
    return -1;
}

char *period_change_system(const char *period)
{
    const char *at = strchr(period, '@');
    return at ? strdup(at + 1) : NULL;
}

int period_validate(profile p, const char *period, char **err)
{
    int a, b;
    switch (p) {
    case PROFILE_MONTHLY:
        if (parse_month_period(period, &a, &b) != 0)
            return error_set(err, _("period '%s' is not a month: write YYYY-MM, for example 2026-11"), period);
        return 0;
    case PROFILE_HALFYEAR:
        if (parse_half_period(period, &a, &b) != 0)
            return error_set(err, _("period '%s' is not a half-year: write YYYY-H1 or YYYY-H2"), period);
        return 0;
    case PROFILE_CHANGE: {
        const char *at = strchr(period, '@');
        civil_date d;
        char day[11] = "";
        if (at != NULL && at - period == 10) {
            memcpy(day, period, 10);
            day[10] = '\0';
        }
        bool id_ok = at != NULL && ident_name_valid(at + 1);
        char canonical[11];
        bool date_ok = date_parse(day, &d) == 0;
        if (date_ok) {
            date_format(d, canonical);
            date_ok = strcmp(canonical, day) == 0;
        }
        if (!id_ok || !date_ok)
            return error_set(err, _("period '%s' is not a change: write DATE@SYSTEM, for example 2026-11-15@oa"), period);
        return 0;
    }
    }
    return error_set(err, _("unknown profile"));
}

int period_due_date(profile p, const char *period, const schedule *s, char out[11])
{
    int year, part;
    civil_date due;
    if (p == PROFILE_MONTHLY && parse_month_period(period, &year, &part) == 0) {
        int day = s->monthly_due_day;
        if (day > days_in_month(year, part))
            day = days_in_month(year, part);
        due = (civil_date){year, part, day};
    } else if (p == PROFILE_HALFYEAR && parse_half_period(period, &year, &part) == 0) {
        due = (civil_date){year, s->halfyear_due[part - 1][0], s->halfyear_due[part - 1][1]};
    } else {
        return -1;
    }
    if (!date_valid(due))
        return -1;
    date_format(due, out);
    return 0;
}

static char *period_step(profile p, const char *period, int step)
{
    int year, part;
    char *out = NULL;
    if (p == PROFILE_MONTHLY && parse_month_period(period, &year, &part) == 0) {
        int index = year * 12 + (part - 1) + step;
        if (asprintf(&out, "%04d-%02d", index / 12, index % 12 + 1) < 0)
            return NULL;
    } else if (p == PROFILE_HALFYEAR && parse_half_period(period, &year, &part) == 0) {
        int index = year * 2 + (part - 1) + step;
        if (asprintf(&out, "%04d-H%d", index / 2, index % 2 + 1) < 0)
            return NULL;
    }
    return out;
}

char *period_next(profile p, const char *period)
{
    return period_step(p, period, 1);
}

char *period_previous(profile p, const char *period)
{
    return period_step(p, period, -1);
}
