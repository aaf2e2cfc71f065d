/* cmd_systems.c: `selfcheck systems add|list|remove`: the unit's information
 * systems, which the per-system checklist items are asked for. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "printable.h"
#include "store.h"
#include "text.h"

static int open_store(const cli_globals *g, store **out)
{
    config *cfg = cli_load_config(g);
    if (cfg == NULL)
        return EXIT_INPUT;
    char *path = g->db_path ? strdup(g->db_path) : config_store_path(cfg);
    config_free(cfg);
    char *err = NULL;
    int rc = store_open(path, out, &err);
    free(path);
    if (rc != 0) {
        cli_error("%s", err);
        free(err);
        return EXIT_STORE;
    }
    return EXIT_OK;
}

int cmd_systems(const cli_globals *g, int argc, char **argv)
{
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_NOT_FOUND, EXIT_EXISTS, -1};
    static const cli_help help = {
        "systems", "add ID NAME | list | remove ID",
        N_("The unit's information systems: per-system items are asked once for each.\n"
        "ID is short (lower-case letters, digits, '-'), NAME is shown to people.\n"),
        exits};
    int first;
    int done = cli_parse(argc, argv, NULL, &help, &first);
    if (done != CLI_CONTINUE)
        return done;
    argc -= first - 1;
    argv += first - 1;
    const char *action = argc > 1 ? argv[1] : "";
    if (!((strcmp(action, "add") == 0 && argc == 4) || (strcmp(action, "list") == 0 && argc == 2) ||
          (strcmp(action, "remove") == 0 && argc == 3))) {
        cli_error(_("usage: selfcheck systems add ID NAME | list | remove ID"));
        return EXIT_USAGE;
    }
    store *s;
    int code = open_store(g, &s);
    if (code != EXIT_OK)
        return code;
    char *err = NULL;
    int rc;
    if (strcmp(action, "add") == 0) {
        if ((rc = store_system_add(s, argv[2], argv[3], &err)) != 0) {
            cli_error("%s", err);
            code = rc == STORE_ERR_INVALID ? EXIT_USAGE : rc == STORE_ERR_EXISTS ? EXIT_EXISTS : EXIT_STORE;
        } else {
            printf(_("added system %s (%s)\n"), argv[2], argv[3]);
        }
    } else if (strcmp(action, "remove") == 0) {
        if ((rc = store_system_remove(s, argv[2], &err)) != 0) {
            cli_error("%s", err);
            code = rc == STORE_ERR_NOT_FOUND ? EXIT_NOT_FOUND : EXIT_STORE;
        } else {
            printf(_("removed system %s (answers already given for it are kept)\n"), argv[2]);
        }
    } else {
        system_info *systems;
        size_t count;
        if (store_systems_list(s, &systems, &count, &err) != 0) {
            cli_error("%s", err);
            code = EXIT_STORE;
        } else {
            if (count == 0)
                printf("%s\n", _("no systems yet: add one with 'selfcheck systems add ID NAME'"));
            for (size_t i = 0; i < count; i++) {
                /* a name stored before names were checked may hold an escape sequence */
                char *id = text_pad(systems[i].id, 16), *name = printable_text(systems[i].name);
                printf("%s %s\n", id ? id : systems[i].id, name ? name : "?");
                free(id);
                free(name);
            }
            system_info_free_array(systems, count);
        }
    }
    free(err);
    store_close(s);
    return code;
}
