/* cmd_sheet.c: `selfcheck template` writes a blank answer sheet and
 * `selfcheck answer --from` records a filled one, all or nothing (the
 * checking and recording are the core's, sheet_import.h; this file prints
 * and chooses the exit code). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "fsutil.h"
#include "sheet.h"
#include "sheet_import.h"

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
    if (sheet_render_template(s->plan, s->assessment->profile, s->assessment->period, &data, &len, &err) != 0) {
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
    if (sh->encoding == SHEET_GB18030)
        fprintf(stderr, _("%s: read as GB18030 (GBK), the encoding of \"CSV\" in Excel and WPS on Chinese Windows\n"),
                from);
    /* the check the sheet was made for, unless the command line names another */
    switch (sheet_import_target(sh, from, profile_text, period, &profile_text, &period, &err)) {
    case SHEET_IMPORT_OK:
        break;
    case SHEET_IMPORT_NOMEM:
        cli_error("%s", err);
        free(err);
        sheet_free(sh);
        return EXIT_INTERNAL;
    default:
        cli_error("%s", err);
        free(err);
        sheet_free(sh);
        return EXIT_INPUT;
    }
    session *s;
    int code = cli_open_session(g, profile_text, period, true, &s);
    if (code != EXIT_OK) {
        sheet_free(sh);
        return code;
    }
    diag_list problems, warnings;
    diag_list_init(&problems);
    diag_list_init(&warnings);
    size_t recorded = 0;
    sheet_import_status status = sheet_import(s, sh, from, &problems, &warnings, &recorded, &err);
    cli_print_diags(&warnings);
    diag_list_clear(&warnings);
    switch (status) {
    case SHEET_IMPORT_OK:
        printf(_("recorded %zu answers from %s; %zu of %zu items of the %s check %s answered\n"), recorded, from,
               s->score->answered, s->score->asked, cli_profile_label(s->assessment->profile), s->assessment->period);
        break;
    case SHEET_IMPORT_INVALID:
        cli_print_diags(&problems);
        cli_error(_("%s: problems found: %zu; nothing of the sheet was recorded"), from, problems.count);
        code = EXIT_INPUT;
        break;
    case SHEET_IMPORT_STORE:
        cli_error("%s", err ? err : _("cannot record the answers"));
        code = EXIT_STORE;
        break;
    case SHEET_IMPORT_NOMEM:
    case SHEET_IMPORT_MISMATCH:   /* decided before, by sheet_import_target */
        cli_error("%s", err ? err : _("out of memory"));
        code = EXIT_INTERNAL;
        break;
    }
    diag_list_clear(&problems);
    /* a refused sheet creates no check */
    char *discard_err = NULL;
    if (code != EXIT_OK && session_discard_if_unused(s, &discard_err) != 0)
        cli_error("%s", discard_err);
    free(discard_err);
    free(err);
    sheet_free(sh);
    session_free(s);
    return code;
}
