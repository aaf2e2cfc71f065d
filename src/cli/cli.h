/* cli.h: what the subcommands of the command line share.
 *
 * main.c parses the global options (--config, --db, --help, --version) and
 * dispatches to one cmd_NAME function per subcommand (src/cli/cmd_NAME.c).
 * Each returns a process exit code from the table below, which `selfcheck
 * --help` and docs/cli.md list. */
#ifndef SELFCHECK_CLI_H
#define SELFCHECK_CLI_H

#include <stdbool.h>
#include "checklist.h"
#include "config.h"
#include "session.h"

enum exit_code {
    EXIT_OK = 0,
    EXIT_FINDINGS = 1,        /* lint found problems */
    EXIT_USAGE = 2,           /* bad command line */
    EXIT_INPUT = 3,           /* invalid input file: checklist, config, sheet (FILE:LINE: message) */
    EXIT_STORE = 4,           /* the answer store cannot be opened or written */
    EXIT_IO = 5,              /* a file cannot be read or written (missing folder, full disk) */
    EXIT_NOT_FOUND = 6,       /* no such assessment, system or file */
    EXIT_INCOMPLETE = 7,      /* the assessment has unanswered items */
    EXIT_EXISTS = 8,          /* would overwrite an existing file */
    EXIT_KEY = 9,             /* key unusable: permissions, passphrase, type */
    EXIT_BAD_SIGNATURE = 10,  /* verify: signature does not match */
    EXIT_UNKNOWN_SIGNER = 11, /* verify: no registered key for the unit */
    EXIT_KEY_MISMATCH = 12,   /* verify: signed with a key other than the unit's */
    EXIT_MALFORMED = 13,      /* verify: the report is not a selfcheck report */
    EXIT_INTERNAL = 70
};

/* Global options, given before the subcommand. */
typedef struct cli_globals {
    const char *config_path;   /* --config FILE, or NULL */
    const char *db_path;       /* --db FILE, or NULL */
} cli_globals;

/* One subcommand: argv[0] is its name. */
typedef int (*cli_command_fn)(const cli_globals *g, int argc, char **argv);

/* Prints "selfcheck: message" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Loads the configuration (printing the error). Returns NULL on failure. */
config *cli_load_config(const cli_globals *g);
/* Loads the configured checklists (printing every problem). NULL on failure. */
checklist_set *cli_load_checklists(const config *cfg);
/* Both of the above: EXIT_OK with *cfg and *set, else an exit code. */
int cli_load_config_and_checklists(const cli_globals *g, config **cfg, checklist_set **set);
/* Opens the session for --profile/--period (strings may be NULL: monthly and
 * the current period). Prints errors; returns an exit code (EXIT_OK with *out).
 * The current period is created when absent; a period named explicitly is
 * created only with `create` (reading commands must not leave empty
 * assessments behind): otherwise EXIT_NOT_FOUND. */
int cli_open_session(const cli_globals *g, const char *profile_name, const char *period, bool create,
                     session **out);

/* True when argv[i] is "--help" or "-h". */
bool cli_wants_help(int argc, char **argv);
/* For "--name VALUE" and "--name=VALUE": stores VALUE and advances *i.
 * Returns true when argv[*i] is that option; prints a usage error and sets
 * *bad when the value is missing. */
bool cli_option(int argc, char **argv, int *i, const char *name, const char **value, bool *bad);

int cmd_lint(const cli_globals *g, int argc, char **argv);
int cmd_template(const cli_globals *g, int argc, char **argv);
int cmd_answer(const cli_globals *g, int argc, char **argv);
int cmd_score(const cli_globals *g, int argc, char **argv);
int cmd_status(const cli_globals *g, int argc, char **argv);
int cmd_systems(const cli_globals *g, int argc, char **argv);
int cmd_keygen(const cli_globals *g, int argc, char **argv);
int cmd_report(const cli_globals *g, int argc, char **argv);
int cmd_verify(const cli_globals *g, int argc, char **argv);
int cmd_run(const cli_globals *g, int argc, char **argv);

#endif
