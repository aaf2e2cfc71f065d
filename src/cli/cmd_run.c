/* cmd_run.c: `selfcheck run [--profile P] [--period X]`, also what plain
 * `selfcheck` does: opens the check on screen. */
#include "cli.h"

#include <stdio.h>

#include "tui.h"

int cmd_run(const cli_globals *g, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("usage: selfcheck run [--profile monthly|halfyear|change] [--period X]\n"
               "Opens the check on screen (the same as selfcheck with no command).\n"
               "The first run asks for the unit and offers to make its signing key.\n"
               "exit: 0 ok, 2 bad command line, 3 invalid configuration or checklists,\n"
               "4 answer store error.\n");
        return EXIT_OK;
    }
    const char *profile_text = NULL, *period = NULL;
    bool bad = false;
    for (int i = 1; i < argc; i++) {
        if (cli_option(argc, argv, &i, "--profile", &profile_text, &bad) ||
            cli_option(argc, argv, &i, "--period", &period, &bad)) {
            if (bad)
                return EXIT_USAGE;
            continue;
        }
        cli_error("run: unknown argument '%s'", argv[i]);
        return EXIT_USAGE;
    }
    return tui_run(g->config_path, g->db_path, profile_text, period);
}
