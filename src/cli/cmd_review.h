/* cmd_review.h: what the parts of `selfcheck review` share (cmd_review.c
 * dispatches and imports, cmd_review_units.c keeps the registry,
 * cmd_review_query.c prints the tables). */
#ifndef SELFCHECK_CMD_REVIEW_H
#define SELFCHECK_CMD_REVIEW_H

#include "cli.h"
#include "review_db.h"

/* review import: some report was rejected (docs/review.md). */
#define EXIT_REJECTED 14

/* The option every review command takes: its database. */
#define CLI_OPTION_REVIEW_DB(v) \
    {"db", "FILE", N_("the review database (default: $XDG_DATA_HOME/selfcheck/review.db)"), (v), NULL, false}

/* The review database a command was given: its own --db (option, or
 * NULL), else the global one (selfcheck --db FILE review ...), else NULL
 * for the default path. */
const char *review_cli_db_path(const cli_globals *g, const char *option);
/* Opens the review database of review_cli_db_path (NULL: the default
 * path), printing the error. Returns EXIT_OK with *db, or an exit code. */
int review_cli_open(const cli_globals *g, const char *path, review_db **db);
/* The exit code of a registry or database status. */
int review_cli_exit(review_db_status status);

/* Adds the bundled checklists to the official set (review_checklists.h),
 * printing a warning when there are none and the error otherwise. Returns
 * EXIT_OK or an exit code. */
int review_cli_add_bundled(review_db *db);

/* Each gets argv from its own name on ("units", "add", …). */
int cmd_review_checklists(const cli_globals *g, int argc, char **argv);
int cmd_review_units(const cli_globals *g, int argc, char **argv);
int cmd_review_export(const cli_globals *g, int argc, char **argv);
/* The tables missing, findings, items, systems, websites and incidents: the one
 * argv[0] names, each a row of cmd_review_query.c's `queries`. */
int cmd_review_query(const cli_globals *g, int argc, char **argv);
/* The review screen: `selfcheck review [--db FILE]`, `review tui [--db FILE]`. */
int cmd_review_tui(const cli_globals *g, int argc, char **argv);

#endif
