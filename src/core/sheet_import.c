/* sheet_import.c: a filled answer sheet checked against the assessment and
 * recorded all or nothing (see sheet_import.h). */
#include "sheet_import.h"

#include "answer.h"
#include "i18n.h"
#include "number.h"
#include "period.h"
#include "record_limits.h"
#include "store.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A row checked against the plan, ready to be recorded. */
typedef struct checked_row {
    long index;           /* the instance of the plan, -1 for a bad row */
    char *value;          /* canonical, or NULL when the answer cell is empty */
    char *due;            /* YYYY-MM-DD, or NULL when the cell is empty */
    const sheet_row *row;
} checked_row;

/* Past an optional sign and at least one digit at p, or NULL. */
static const char *signed_digits(const char *p)
{
    if (*p == '-' || *p == '+')
        p++;
    if (!isdigit((unsigned char)*p))
        return NULL;
    while (isdigit((unsigned char)*p))
        p++;
    return p;
}

/* Whether a cell holds what a spreadsheet makes of a long digit string or
 * of "1/2" typed into a cell: 1.10101199001011E+17 (an ID card number that
 * lost its last digits), ½. */
static bool spreadsheet_number_form(const char *cell)
{
    static const char *const fractions[] = {"½", "⅓", "⅔", "¼", "¾", "⅕", "⅛"};
    for (size_t f = 0; f < sizeof fractions / sizeof fractions[0]; f++)
        if (strstr(cell, fractions[f]) != NULL)
            return true;
    const char *p = cell;
    while (*p == ' ')
        p++;
    /* mantissa, then E and the exponent, each signed digits */
    if ((p = signed_digits(p)) == NULL)
        return false;
    if (*p == '.')
        for (p++; isdigit((unsigned char)*p); p++)
            ;
    if (*p != 'E' && *p != 'e')
        return false;
    if ((p = signed_digits(p + 1)) == NULL)
        return false;
    while (*p == ' ')
        p++;
    return *p == '\0';
}

/* Warns about the free-text cells of a row that a spreadsheet may have
 * rewritten; they are recorded as they are. */
static int warn_number_forms(const session *s, const checked_row *c, const char *path, diag_list *warnings)
{
    const sheet_row *row = c->row;
    const item *it = s->plan->items[c->index].item;
    const struct {
        const char *column, *text;
    } cells[] = {
        {"answer", it->type == ANSWER_TEXT ? row->answer : ""},
        {"note", row->note},
        {"remediation_owner", row->owner},
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++)
        if (spreadsheet_number_form(cells[i].text) &&
            /* TRANSLATORS: item, column name, the cell */
            diag_add(warnings, path, row->line,
                     _("%1$s: %2$s '%3$s' looks like a number a spreadsheet rewrote (a long number such as an ID "
                       "card number loses digits, 1/2 becomes ½): recorded as it is, check it"),
                     row->item_id, cells[i].column, cells[i].text) != 0)
            return -1;
    return 0;
}

/* The system of the check whose id a spreadsheet may have rewritten into
 * `cell`: one whose id reads as the same number (007 saved as 7, 1e3 as
 * 1.00E+03), or NULL. Such ids come from stores older than the rule that a
 * new id starts with a letter. */
static const system_info *rewritten_system(const session *s, const char *cell)
{
    double v, w;
    if (!number_parse_real(cell, &v))
        return NULL;
    for (size_t i = 0; i < s->assessment->system_count; i++) {
        const system_info *sys = &s->assessment->systems[i];
        if (strcmp(sys->id, cell) != 0 && number_parse_real(sys->id, &w) && w == v)
            return sys;
    }
    return NULL;
}

/* The message of a row whose item is not in the check: when its system cell
 * reads as a number, a spreadsheet may have rewritten the id, and the system
 * it most likely was is named. */
static int no_such_item(const session *s, const sheet_row *row, const char *path, diag_list *problems)
{
    const char *for_system = *row->system ? _(" for system ") : "";
    const char *p = profile_label(s->assessment->profile), *period = s->assessment->period;
    double v;
    const system_info *sys = *row->system ? rewritten_system(s, row->system) : NULL;
    if (sys != NULL)
        /* TRANSLATORS: checklist, item, the system cell, profile, period, the likely system's id and name */
        return diag_add(problems, path, row->line,
                        _("no item %1$s/%2$s for system %3$s in the %4$s check %5$s: a spreadsheet may have "
                          "rewritten the system id (007 becomes 7, 1e3 becomes 1.00E+03); it is most likely "
                          "system %6$s (%7$s): write %6$s into the system cell as text (type '%6$s), or fill in "
                          "a new sheet from selfcheck template"),
                        row->checklist_id, row->item_id, row->system, p, period, sys->id, sys->name);
    if (*row->system && number_parse_real(row->system, &v))
        /* TRANSLATORS: checklist, item, the system cell, profile, period */
        return diag_add(problems, path, row->line,
                        _("no item %1$s/%2$s for system %3$s in the %4$s check %5$s: a spreadsheet may have "
                          "rewritten the system id (007 becomes 7, 1e3 becomes 1.00E+03); write the id into the "
                          "system cell as text (a leading '), or fill in a new sheet from selfcheck template"),
                        row->checklist_id, row->item_id, row->system, p, period);
    /* TRANSLATORS: checklist, item, " for system ", system, profile, period */
    return diag_add(problems, path, row->line, _("no item %s/%s%s%s in the %s check %s"), row->checklist_id,
                    row->item_id, for_system, row->system, p, period);
}

/* Checks row r into checked[r]. Returns 0 (problems added to the list), or
 * -1 when out of memory. */
static int check_row(const session *s, const sheet *sh, size_t r, const char *path, const char *today,
                     checked_row *checked, diag_list *problems)
{
    const sheet_row *row = &sh->rows[r];
    checked_row *c = &checked[r];
    c->row = row;
    c->index = -1;
    const char *for_system = *row->system ? _(" for system ") : "";
    long index = plan_find(s->plan, row->checklist_id, row->item_id, row->system);
    if (index < 0)
        return no_such_item(s, row, path, problems);
    for (size_t e = 0; e < r; e++)
        if (checked[e].index == index)
            return diag_add(problems, path, row->line, _("item %s%s%s given twice (also on line %d)"),
                            row->item_id, for_system, row->system, checked[e].row->line);
    c->index = index;
    char *why = NULL;
    if (*row->answer != '\0' &&
        answer_parse(s->plan->items[index].item, row->answer, today, &c->value, &why) != 0) {
        int rc = diag_add(problems, path, row->line, "%s: %s", row->item_id, why ? why : _("out of memory"));
        free(why);
        if (rc != 0)
            return -1;
    }
    /* the store's limits, checked here too so that each is named at its line */
    const struct {
        const char *column, *text;
        bool name;
    } texts[] = {{"note", row->note, false}, {"remediation_owner", row->owner, true}};
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        if (*texts[t].text == '\0' || answer_text_check(texts[t].text, texts[t].name, &why) == 0)
            continue;
        int rc = diag_add(problems, path, row->line, "%s: %s: %s", row->item_id, texts[t].column,
                          why ? why : _("out of memory"));
        free(why);
        why = NULL;
        if (rc != 0)
            return -1;
    }
    if (*row->due != '\0') {
        civil_date d;
        if (answer_date_parse(row->due, &d, &why) != 0) {
            /* TRANSLATORS: the item, then why the due date is not read (it names the forms that are) */
            int rc = diag_add(problems, path, row->line, _("%1$s: remediation_due: %2$s"), row->item_id,
                              why ? why : _("out of memory"));
            free(why);
            return rc;
        }
        char buf[11];
        date_format(d, buf);
        if ((c->due = strdup(buf)) == NULL)
            return -1;
    }
    return 0;
}

/* The bytes of recorded text the assessment would hold with the sheet: what
 * is stored, less what the sheet's filled cells replace, plus those cells. */
static size_t texts_with_sheet(const session *s, const checked_row *checked, size_t count)
{
    size_t total = session_text_bytes(s);
    for (size_t r = 0; r < count; r++) {
        const answer *old = session_answer(s, (size_t)checked[r].index);
        const char *cells[][2] = {{checked[r].value, old ? old->value : NULL},
                                  {checked[r].row->note, old ? old->note : NULL},
                                  {checked[r].row->owner, old ? old->owner : NULL}};
        for (size_t c = 0; c < 3; c++)
            if (cells[c][0] != NULL && *cells[c][0] != '\0')
                total += strlen(cells[c][0]) - (cells[c][1] ? strlen(cells[c][1]) : 0);
    }
    return total;
}

/* Writes every checked row and the default due dates in one transaction. */
static int record_rows(session *s, const checked_row *checked, size_t count, size_t *recorded, char **err)
{
    char now[20];
    clock_now(now);
    if (store_begin(s->store, err) != 0)
        return -1;
    *recorded = 0;
    for (size_t r = 0; r < count; r++) {
        const instance *in = &s->plan->items[checked[r].index];
        const sheet_row *row = checked[r].row;
        struct {
            answer_field field;
            const char *text;
        } fields[] = {
            {ANSWER_FIELD_VALUE, checked[r].value},
            {ANSWER_FIELD_NOTE, *row->note ? row->note : NULL},
            {ANSWER_FIELD_OWNER, *row->owner ? row->owner : NULL},
            {ANSWER_FIELD_DUE, checked[r].due},
        };
        for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
            /* an empty cell leaves what is stored alone */
            if (fields[f].text == NULL)
                continue;
            if (store_answer_put(s->store, s->assessment->id, in->list->id, in->item->id, in->system_id,
                                 fields[f].field, fields[f].text, now, err) != 0) {
                store_rollback(s->store);
                return -1;
            }
        }
        if (checked[r].value)
            (*recorded)++;
    }
    /* the default due dates of the findings (and the completion mark) in the
     * same transaction: one sheet, one outcome, even on a full disk */
    if (session_refresh(s, err) != 0 || store_commit(s->store, err) != 0) {
        store_rollback(s->store);
        return -1;
    }
    return 0;
}

sheet_import_status sheet_import(session *s, const sheet *sh, const char *path, diag_list *problems,
                                 diag_list *warnings, size_t *recorded, char **err)
{
    *recorded = 0;
    checked_row *checked = calloc(sh->count ? sh->count : 1, sizeof *checked);
    if (checked == NULL) {
        error_set(err, "%s", _("out of memory"));
        return SHEET_IMPORT_NOMEM;
    }
    char today[11];
    clock_today(today);
    size_t before = problems->count, total;
    sheet_import_status status = SHEET_IMPORT_OK;
    for (size_t r = 0; r < sh->count && status == SHEET_IMPORT_OK; r++)
        if (check_row(s, sh, r, path, today, checked, problems) != 0)
            status = SHEET_IMPORT_NOMEM;
    for (size_t r = 0; r < sh->count && status == SHEET_IMPORT_OK; r++)
        if (checked[r].index >= 0 && warn_number_forms(s, &checked[r], path, warnings) != 0)
            status = SHEET_IMPORT_NOMEM;
    if (status == SHEET_IMPORT_NOMEM)
        error_set(err, "%s", _("out of memory"));
    else if (problems->count > before)
        status = SHEET_IMPORT_INVALID;
    else if ((total = texts_with_sheet(s, checked, sh->count)) > RECORD_MAX_TOTAL) {
        /* TRANSLATORS: the bytes the texts would take, then the limit */
        if (diag_add(problems, path, 0, _("the answers, notes and owners of this check would take %zu bytes, "
                                          "more than the %zu allowed: shorten a note"),
                     total, RECORD_MAX_TOTAL) != 0) {
            error_set(err, "%s", _("out of memory"));
            status = SHEET_IMPORT_NOMEM;
        } else {
            status = SHEET_IMPORT_INVALID;
        }
    } else if (record_rows(s, checked, sh->count, recorded, err) != 0)
        status = SHEET_IMPORT_STORE;
    for (size_t r = 0; r < sh->count; r++) {
        free(checked[r].value);
        free(checked[r].due);
    }
    free(checked);
    return status;
}

sheet_import_status sheet_import_target(const sheet *sh, const char *path, const char *profile_arg,
                                        const char *period_arg, const char **profile_out, const char **period_out,
                                        char **err)
{
    *profile_out = profile_arg;
    *period_out = period_arg;
    if (sh->profile == NULL && sh->period == NULL)
        return SHEET_IMPORT_OK;   /* a sheet made by hand or by an older version */
    profile p;
    char *why = NULL;
    if (sh->profile == NULL || profile_parse(sh->profile, &p) != 0) {
        error_set(err, _("%s:%d: 'profile=%s' is not a kind of check (monthly, halfyear or change)"), path,
                  sh->target_line, sh->profile ? sh->profile : "");
        return SHEET_IMPORT_INVALID;
    }
    if (sh->period == NULL || period_validate(p, sh->period, &why) != 0) {
        error_set(err, "%s:%d: %s", path, sh->target_line, why ? why : _("no period= in the sheet"));
        free(why);
        return SHEET_IMPORT_INVALID;
    }
    profile named = p;
    if (profile_arg != NULL && profile_parse(profile_arg, &named) == 0 && named != p) {
        /* TRANSLATORS: sheet, its profile, its period, the profile of --profile */
        error_set(err, _("%1$s: the sheet was made for the %2$s check %3$s, not for the %4$s check: "
                         "leave out --profile, or fill a template of the %4$s check"),
                  path, profile_label(p), sh->period, profile_label(named));
        return SHEET_IMPORT_MISMATCH;
    }
    if (period_arg != NULL && strcmp(period_arg, sh->period) != 0) {
        /* TRANSLATORS: sheet, its profile, its period, the period of --period */
        error_set(err, _("%1$s: the sheet was made for the %2$s check %3$s, not for %4$s: "
                         "leave out --period, or fill a template of %4$s"),
                  path, profile_label(p), sh->period, period_arg);
        return SHEET_IMPORT_MISMATCH;
    }
    /* an unknown --profile is the command line's to refuse */
    if (profile_arg == NULL)
        *profile_out = sh->profile;
    *period_out = sh->period;
    return SHEET_IMPORT_OK;
}
