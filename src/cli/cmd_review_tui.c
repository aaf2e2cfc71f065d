/* cmd_review_tui.c: `selfcheck review` with no command, and `selfcheck
 * review tui`: opens the supervisor's review screen (docs/review.md). */
#include "cmd_review.h"

#include <stdio.h>

#include "tui.h"

int cmd_review_tui(const cli_globals *g, int argc, char **argv)
{
    const char *db = NULL;
    const cli_option opts[] = {
        {"db", "FILE", N_("the review database (default: $XDG_DATA_HOME/selfcheck/review.db)"), &db, NULL, false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, -1};
    static const cli_help help = {
        "review tui", NULL,
        N_("Opens the review screen (the same as selfcheck review with no command): the\n"
           "table of units by period, a unit's checklists, trend and open findings, two\n"
           "periods compared, an item across units, remediation follow-up and who has not\n"
           "reported. Its keys are listed by ? on each screen (docs/review.md).\n"),
        exits};
    if (argc > 0) {
        int done = cli_parse_options(argc, argv, opts, &help);
        if (done != CLI_CONTINUE)
            return done;
    }
    return tui_run_review(g->config_path, review_cli_db_path(g, db));
}
