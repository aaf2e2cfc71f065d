/* cmd_lint.c: `selfcheck lint [PATH...]`: checks checklist files and reports
 * every problem as FILE:LINE: message. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cmd_lint(const cli_globals *g, int argc, char **argv)
{
    static const int exits[] = {EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INPUT, -1};
    static const cli_help help = {
        "lint", "[PATH...]",
        N_("Checks checklist files (a PATH is a file or a folder of *.ini files; default:\n"
        "the configured checklists). Every problem is printed as FILE:LINE: message.\n"),
        exits};
    int first;
    int done = cli_parse(argc, argv, NULL, &help, &first);
    if (done != CLI_CONTINUE)
        return done;
    argc -= first - 1;
    argv += first - 1;
    config *cfg = NULL;
    const char *const *paths;
    size_t count;
    if (argc > 1) {
        paths = (const char *const *)(argv + 1);
        count = (size_t)argc - 1;
    } else {
        cfg = cli_load_config(g);
        if (cfg == NULL)
            return EXIT_INPUT;
        paths = (const char *const *)&cfg->checklists;
        count = 1;
    }
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set = NULL;
    int rc = checklist_set_load(paths, count, &set, &diags);
    for (size_t i = 0; i < diags.count; i++) {
        char *line = diag_format(&diags.items[i]);
        fprintf(stderr, "%s\n", line ? line : diags.items[i].message);
        free(line);
    }
    if (rc == 0) {
        size_t items = 0;
        for (size_t i = 0; i < set->count; i++)
            items += set->lists[i].item_count;
        printf(_("%zu checklists, %zu items: no problems\n"), set->count, items);
    } else {
        fprintf(stderr, ngettext("%zu problem\n", "%zu problems\n", diags.count), diags.count);
    }
    diag_list_clear(&diags);
    checklist_set_free(set);
    config_free(cfg);
    return rc == 0 ? EXIT_OK : EXIT_FINDINGS;
}
