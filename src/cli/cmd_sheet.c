/* cmd_sheet.c: `selfcheck template` writes a blank answer sheet and
 * `selfcheck answer --from` records a filled one, all or nothing. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answer.h"
#include "error.h"
#include "fsutil.h"
#include "period.h"
#include "sheet.h"

int cmd_template(const cli_globals *g, int argc, char **argv)
{
    const char *profile_text = NULL, *period = NULL, *out_path = NULL;
    const cli_option opts[] = {
        CLI_OPTION_PROFILE(&profile_text),
        CLI_OPTION_PERIOD(&period),
        {"out", "FILE", N_("write the sheet to FILE (default: standard output); never overwrites"), &out_path, NULL,
         false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, EXIT_NOT_FOUND, EXIT_EXISTS, -1};
    static const cli_help help = {
        "template", NULL,
        N_("Writes a blank answer sheet (CSV, UTF-8) with one row per item, and per\n"
        "system for per-system items. Fill the 'answer' column (the 'allowed' column\n"
        "says what it takes) and read it back with 'selfcheck answer --from FILE'.\n"),
        exits};
    int done = cli_parse_options(argc, argv, opts, &help);
    if (done != CLI_CONTINUE)
        return done;
    /* The sheet is the assessment's plan: open the session so that the
     * systems are those the assessment covers. */
    session *s;
    int code = cli_open_session(g, profile_text, period, true, &s);
    if (code != EXIT_OK)
        return code;
    char *data = NULL, *err = NULL;
    size_t len = 0;
    if (sheet_render_template(s->plan, &data, &len, &err) != 0) {
        cli_error("%s", err);
        code = EXIT_INTERNAL;
    } else if (out_path == NULL) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
            cli_error("%s", _("cannot write the sheet to standard output"));
            code = EXIT_IO;
        }
    } else if ((code = fsutil_write_atomic(out_path, data, len, 0644, false, &err)) != 0) {
        cli_error("%s", err);
        code = code == FSUTIL_EXISTS ? EXIT_EXISTS : EXIT_IO;
    } else {
        /* TRANSLATORS: file, rows, profile, period */
        fprintf(stderr, _("wrote %s: %zu rows for the %s check %s\n"), out_path, s->plan->count,
                cli_profile_label(s->assessment->profile), s->assessment->period);
    }
    free(data);
    free(err);
    /* a blank sheet answers nothing: it opens no check */
    char *discard_err = NULL;
    if (session_discard_if_unused(s, &discard_err) != 0 && code == EXIT_OK) {
        cli_error("%s", discard_err);
        code = EXIT_STORE;
    }
    free(discard_err);
    session_free(s);
    return code;
}

/* A row checked against the plan, ready to be recorded. */
typedef struct checked_row {
    long index;
    char *value;   /* canonical, or NULL when the answer cell is empty */
    const sheet_row *row;
    char *due;
} checked_row;

/* Checks every row, so that one run names every problem of the sheet.
 * Returns the number of problems (each printed as FILE:LINE: reason). */
static size_t check_rows(const char *path, const session *s, const sheet *sh, checked_row *checked)
{
    char today[11];
    clock_today(today);
    size_t problems = 0;
    for (size_t r = 0; r < sh->count; r++) {
        const sheet_row *row = &sh->rows[r];
        checked[r].row = row;
        checked[r].index = -1;
        long index = plan_find(s->plan, row->checklist_id, row->item_id, row->system);
        if (index < 0) {
            cli_error(_("%s:%d: no item %s/%s%s%s in the %s check %s"), path, row->line, row->checklist_id,
                      row->item_id, *row->system ? _(" for system ") : "", row->system,
                      cli_profile_label(s->assessment->profile), s->assessment->period);
            problems++;
            continue;
        }
        bool twice = false;
        for (size_t e = 0; e < r && !twice; e++)
            if (checked[e].index == index) {
                cli_error(_("%s:%d: item %s%s%s given twice (also on line %d)"), path, row->line, row->item_id,
                          *row->system ? _(" for system ") : "", row->system, checked[e].row->line);
                twice = true;
            }
        if (twice) {
            problems++;
            continue;
        }
        checked[r].index = index;
        char *err = NULL;
        if (*row->answer != '\0' &&
            answer_parse(s->plan->items[index].item, row->answer, today, &checked[r].value, &err) != 0) {
            cli_error("%s:%d: %s: %s", path, row->line, row->item_id, err);
            free(err);
            problems++;
        }
        if (*row->due != '\0') {
            civil_date d;
            char buf[11];
            if (date_parse(row->due, &d) != 0) {
                cli_error(_("%s:%d: %s: remediation_due '%s' is not a date (YYYY-MM-DD)"), path, row->line,
                          row->item_id, row->due);
                problems++;
                continue;
            }
            date_format(d, buf);
            checked[r].due = strdup(buf);
        }
    }
    return problems;
}

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

int cmd_answer(const cli_globals *g, int argc, char **argv)
{
    const char *profile_text = NULL, *period = NULL, *from = NULL;
    const cli_option opts[] = {
        {"from", "FILE", N_("the filled answer sheet"), &from, NULL, true},
        CLI_OPTION_PROFILE(&profile_text),
        CLI_OPTION_PERIOD(&period),
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, EXIT_NOT_FOUND, -1};
    static const cli_help help = {
        "answer", NULL,
        N_("Records a filled answer sheet (from 'selfcheck template'). All or nothing:\n"
        "every bad row is reported as FILE:LINE: reason and nothing of the sheet is\n"
        "recorded. Empty cells leave what is already stored unchanged.\n"),
        exits};
    int done = cli_parse_options(argc, argv, opts, &help);
    if (done != CLI_CONTINUE)
        return done;
    if (from == NULL) {
        cli_error("%s", _("answer: --from FILE is required"));
        return EXIT_USAGE;
    }
    sheet *sh = NULL;
    char *err = NULL;
    if (access(from, R_OK) != 0) {
        cli_error(_("%s: cannot read the sheet"), from);
        return EXIT_IO;
    }
    if (sheet_read(from, &sh, &err) != 0) {
        cli_error("%s", err);
        free(err);
        return EXIT_INPUT;
    }
    session *s;
    int code = cli_open_session(g, profile_text, period, true, &s);
    if (code != EXIT_OK) {
        sheet_free(sh);
        return code;
    }
    checked_row *checked = calloc(sh->count ? sh->count : 1, sizeof *checked);
    size_t recorded = 0, problems = 0;
    if (checked == NULL) {
        code = EXIT_INTERNAL;
    } else if ((problems = check_rows(from, s, sh, checked)) != 0) {
        cli_error(_("%s: problems found: %zu; nothing of the sheet was recorded"), from, problems);
        code = EXIT_INPUT;
    } else if (record_rows(s, checked, sh->count, &recorded, &err) != 0) {
        cli_error("%s", err ? err : _("cannot record the answers"));
        code = EXIT_STORE;
    } else {
        printf(_("recorded %zu answers from %s; %zu of %zu items of the %s check %s answered\n"), recorded, from,
               s->score->answered, s->score->asked, cli_profile_label(s->assessment->profile), s->assessment->period);
    }
    /* a refused sheet creates no check */
    char *discard_err = NULL;
    if (code != EXIT_OK && session_discard_if_unused(s, &discard_err) != 0)
        cli_error("%s", discard_err);
    free(discard_err);
    for (size_t r = 0; checked && r < sh->count; r++) {
        free(checked[r].value);
        free(checked[r].due);
    }
    free(checked);
    free(err);
    sheet_free(sh);
    session_free(s);
    return code;
}
