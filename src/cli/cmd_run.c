/* cmd_run.c: `selfcheck run [--profile P] [--period X]`, also what plain
 * `selfcheck` does: opens the check on screen. */
#include "cli.h"

#include <stdio.h>

#include "tui.h"

int cmd_run(const cli_globals *g, int argc, char **argv)
{
    const char *profile_text = NULL, *period = NULL;
    const cli_option opts[] = {
        CLI_OPTION_PROFILE(&profile_text),
        CLI_OPTION_PERIOD(&period),
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, -1};
    static const cli_help help = {
        "run", NULL,
        N_("Opens the check on screen (the same as selfcheck with no command).\n"
        "The first run asks for the unit and offers to make its signing key.\n"),
        exits};
    int done = cli_parse_options(argc, argv, opts, &help);
    if (done != CLI_CONTINUE)
        return done;
    return tui_run(g->config_path, g->db_path, profile_text, period);
}
