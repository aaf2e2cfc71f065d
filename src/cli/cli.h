/* cli.h: what the subcommands of the command line share.
 *
 * main.c parses the global options (--config, --db, --help, --version) and
 * dispatches to one cmd_NAME function per subcommand (src/cli/cmd_NAME.c).
 * Each returns a process exit code from the table below, which `selfcheck
 * --help` and docs/cli.md list. */
#ifndef SELFCHECK_CLI_H
#define SELFCHECK_CLI_H

#include <stdbool.h>

#include "error.h"
#include "i18n.h"
#include "checklist.h"
#include "config.h"
#include "session.h"
#include "sign.h"

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
    EXIT_NOT_EXPECTED = 14,   /* verify: a valid report of another unit or period than expected */
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

/* Prints each entry as "selfcheck: FILE:LINE: message" on stderr. */
void cli_print_diags(const diag_list *diags);

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

/* A hint after a key that cannot sign (what to do about st), or NULL; for
 * report and incident export. */
const char *cli_key_hint(sign_status st, bool have_passphrase);

/* The name of a profile or a severity in the language of the output
 * ("monthly", "每月例行检查"); profile_name and severity_name give the
 * tokens of files and reports. Never NULL, not to be freed. */
const char *cli_profile_label(profile p);

/* One option of a command: parsed by cli_parse, shown by its --help. A
 * command's options are a table ending in an entry with a NULL name; adding
 * an option is adding a row (and its line in docs/selfcheck.1). */
typedef struct cli_option {
    const char *name;     /* the long name without "--" */
    const char *arg;      /* placeholder of its value ("FILE"), NULL for a flag */
    const char *help;     /* N_() text for --help */
    const char **value;   /* receives the value (options with arg) */
    bool *flag;           /* set true when given (flags) */
    bool required;        /* shown without [] in the usage line; cli_parse refuses its absence */
} cli_option;

/* What a command's --help says besides its options. */
typedef struct cli_help {
    const char *command;    /* "score", "systems" */
    const char *operands;   /* operands for the usage line ("FILE"), or NULL: syntax, not translated */
    const char *text;       /* N_() what it does: lines ending in '\n' */
    const int *exits;       /* its exit codes, ending in -1 */
} cli_help;

/* The rows most commands share, and the end of a table. */
#define CLI_OPTION_PROFILE(v) {"profile", "P", N_("monthly (default), halfyear or change"), (v), NULL, false}
#define CLI_OPTION_PERIOD(v) \
    {"period", "X", N_("2026-11, 2026-H2 or DATE@SYSTEM (default: the current period)"), (v), NULL, false}
#define CLI_OPTION_END {NULL, NULL, NULL, NULL, NULL, false}

/* cli_parse's result when the command goes on. */
#define CLI_CONTINUE (-1)

/* Parses the options of a command (argv[0] is its name) with getopt_long:
 * options may come before or after operands, "--" ends them, and an
 * option's value is never taken for an option (answer --from --help reads a
 * file named --help). Returns CLI_CONTINUE with *first_operand the index of
 * the first operand (argv is permuted so that operands come last);
 * otherwise the code the command exits with: EXIT_OK after printing --help,
 * EXIT_USAGE after printing a usage error. */
int cli_parse(int argc, char **argv, const cli_option *opts, const cli_help *help, int *first_operand);

/* cli_parse for a command that takes options only: an operand is a usage
 * error. */
int cli_parse_options(int argc, char **argv, const cli_option *opts, const cli_help *help);

/* cli_parse for a command that takes min to max operands (max -1: any
 * number): another count is a usage error that names the operands. */
int cli_parse_count(int argc, char **argv, const cli_option *opts, const cli_help *help, int min, int max,
                    int *first_operand);

/* One subcommand of a command that has them (review, review units): a table
 * ending in an entry with a NULL name. Adding a subcommand is adding a row
 * (and its lines in docs/selfcheck.1 and docs/zh_CN/selfcheck.1). */
typedef struct cli_subcommand {
    const char *name;
    cli_command_fn run;    /* gets argv from the subcommand's name on */
    const char *summary;   /* N_() one line for the command's --help */
} cli_subcommand;

/* Runs the subcommand that argv[1] names (argv[0] is the command), or prints
 * the command's --help (its subcommands listed under "commands:"): --help
 * there is EXIT_OK, no subcommand, an unknown one or an option before it
 * EXIT_USAGE. help->operands is the usage line's "COMMAND [ARGS]". The
 * subcommand's own cli_help names it in full ("review units add") so that
 * its errors and --help do too. */
int cli_dispatch(const cli_globals *g, int argc, char **argv, const cli_subcommand *subs, const cli_help *help);

/* The --help text of a command. */
void cli_print_help(const cli_help *help, const cli_option *opts);
/* "usage: selfcheck COMMAND OPERANDS [--option ARG]...", wrapped. */
void cli_print_usage_line(const char *command, const char *operands, const cli_option *opts);
/* "exit: 0 ok, 2 bad command line, ..." for the codes (ending in -1). */
void cli_print_exit_codes(const int *codes);
/* The short meaning of an exit code, from the one table (main.c). */
const char *cli_exit_label(int code);

int cmd_lint(const cli_globals *g, int argc, char **argv);
int cmd_template(const cli_globals *g, int argc, char **argv);
int cmd_answer(const cli_globals *g, int argc, char **argv);
int cmd_score(const cli_globals *g, int argc, char **argv);
int cmd_status(const cli_globals *g, int argc, char **argv);
int cmd_systems(const cli_globals *g, int argc, char **argv);
int cmd_inventory(const cli_globals *g, int argc, char **argv);
int cmd_survey(const cli_globals *g, int argc, char **argv);
int cmd_keygen(const cli_globals *g, int argc, char **argv);
int cmd_report(const cli_globals *g, int argc, char **argv);
int cmd_verify(const cli_globals *g, int argc, char **argv);
int cmd_run(const cli_globals *g, int argc, char **argv);
int cmd_review(const cli_globals *g, int argc, char **argv);
int cmd_incident(const cli_globals *g, int argc, char **argv);

#endif
