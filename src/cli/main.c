/* main.c: the selfcheck command line: global options, subcommand dispatch,
 * and the helpers the subcommands share (see cli.h and docs/cli.md). */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "msg.h"

static const struct {
    const char *name;
    cli_command_fn run;
    const char *summary;
} commands[] = {
    {"run", cmd_run, "open the check on screen (the default)"},
    {"status", cmd_status, "last completed check, what is due or overdue, for each profile"},
    {"lint", cmd_lint, "check checklist files: FILE:LINE: for every problem"},
    {"template", cmd_template, "write a blank answer sheet (CSV) for a profile"},
    {"answer", cmd_answer, "record a filled answer sheet, all or nothing"},
    {"score", cmd_score, "scores per checklist, total, grade, verdict and findings"},
    {"systems", cmd_systems, "add, list or remove the unit's information systems"},
    {"keygen", cmd_keygen, "make the unit's signing key pair"},
    {"report", cmd_report, "write the signed report (CSV and SQLite)"},
    {"verify", cmd_verify, "verify a report's signature (and its signer with --trust)"},
};

static void usage(FILE *out)
{
    fprintf(out,
            "usage: selfcheck [--config FILE] [--db FILE] [COMMAND [ARGS]]\n"
            "\n"
            "A security self-check for government departments: walks staff through the\n"
            "checklists, scores the answers and writes a signed report for the supervisor.\n"
            "Without a command it opens the check on screen.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out,
            "\n"
            "options:\n"
            "  --config FILE  settings (default: $XDG_CONFIG_HOME/selfcheck/selfcheck.ini,\n"
            "                 then /etc/selfcheck/selfcheck.ini, then built-in defaults)\n"
            "  --db FILE      answer store (default: DATA/selfcheck.db from [paths] data)\n"
            "  --help         this text; 'selfcheck COMMAND --help' for a command\n"
            "  --version      the version\n"
            "\n"
            "exit codes:\n"
            "  0 ok                  1 lint found problems\n"
            "  2 bad command line    3 invalid input file (FILE:LINE: message)\n"
            "  4 answer store error  5 file cannot be read or written\n"
            "  6 not found           7 assessment incomplete\n"
            "  8 already exists      9 key unusable (permissions, passphrase, type)\n"
            " 10 bad signature      11 unknown signer\n"
            " 12 unit/key mismatch  13 malformed report\n"
            " 70 internal error\n");
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("selfcheck: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

/* Messages for the unit's staff speak [ui] lang from the start, so that even
 * a sheet that cannot be read is explained in it. A configuration that does
 * not load leaves English; the command then reports why. */
static void cli_set_language(const cli_globals *g)
{
    config *cfg = NULL;
    if (config_load(g->config_path, &cfg, NULL) == 0)
        msg_set_lang(cfg->lang);
    config_free(cfg);
}

config *cli_load_config(const cli_globals *g)
{
    config *cfg = NULL;
    char *err = NULL;
    if (config_load(g->config_path, &cfg, &err) != 0) {
        cli_error("%s", err ? err : "cannot read the configuration");
        free(err);
        return NULL;
    }
    return cfg;
}

checklist_set *cli_load_checklists(const config *cfg)
{
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set = NULL;
    const char *paths[] = {cfg->checklists};
    if (checklist_set_load(paths, 1, &set, &diags) != 0) {
        for (size_t i = 0; i < diags.count; i++) {
            char *line = diag_format(&diags.items[i]);
            cli_error("%s", line ? line : diags.items[i].message);
            free(line);
        }
    }
    diag_list_clear(&diags);
    return set;
}

int cli_load_config_and_checklists(const cli_globals *g, config **cfg, checklist_set **set)
{
    *set = NULL;
    *cfg = cli_load_config(g);
    if (*cfg == NULL)
        return EXIT_INPUT;
    *set = cli_load_checklists(*cfg);
    if (*set == NULL) {
        config_free(*cfg);
        *cfg = NULL;
        return EXIT_INPUT;
    }
    return EXIT_OK;
}

int cli_open_session(const cli_globals *g, const char *profile_name, const char *period, bool create,
                     session **out)
{
    *out = NULL;
    profile p = PROFILE_MONTHLY;
    if (profile_name != NULL && profile_parse(profile_name, &p) != 0) {
        cli_error("unknown profile '%s' (monthly, halfyear or change)", profile_name);
        return EXIT_USAGE;
    }
    config *cfg;
    checklist_set *set;
    int code = cli_load_config_and_checklists(g, &cfg, &set);
    if (code != EXIT_OK)
        return code;
    char *err = NULL;
    if (period != NULL && period_validate(p, period, &err) != 0) {
        cli_error("%s", err);
        free(err);
        config_free(cfg);
        checklist_set_free(set);
        return EXIT_USAGE;
    }
    bool may_create = create || period == NULL;
    int rc = may_create ? session_open(cfg, set, g->db_path, p, period, out, &err)
                        : session_open_existing(cfg, set, g->db_path, p, period, out, &err);
    if (rc == 0 && *out == NULL) {
        cli_error("no %s assessment %s: nothing has been answered for it", profile_name ? profile_name : "monthly",
                  period);
        return EXIT_NOT_FOUND;
    }
    if (rc != 0) {
        cli_error("%s", err ? err : "cannot open the assessment");
        code = rc == SESSION_ERR_NO_UNIT ? EXIT_INPUT : rc == SESSION_ERR_NOT_FOUND ? EXIT_NOT_FOUND : EXIT_STORE;
        free(err);
        return code;
    }
    return EXIT_OK;
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return true;
    return false;
}

bool cli_option(int argc, char **argv, int *i, const char *name, const char **value, bool *bad)
{
    size_t n = strlen(name);
    if (strncmp(argv[*i], name, n) != 0)
        return false;
    if (argv[*i][n] == '=') {
        *value = argv[*i] + n + 1;
        return true;
    }
    if (argv[*i][n] != '\0')
        return false;
    if (*i + 1 >= argc) {
        cli_error("%s needs a value", name);
        *bad = true;
        return true;
    }
    *value = argv[++*i];
    return true;
}

int main(int argc, char **argv)
{
    /* LC_CTYPE (wcwidth needs a UTF-8 locale for Chinese widths) and
     * LC_MESSAGES from the environment; numbers stay in the C locale */
    i18n_init(NULL);
    cli_globals g = {0};
    int i = 1;
    bool bad = false;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("selfcheck %s\n", SELFCHECK_VERSION);
            return EXIT_OK;
        }
        if (cli_option(argc, argv, &i, "--config", &g.config_path, &bad) ||
            cli_option(argc, argv, &i, "--db", &g.db_path, &bad)) {
            if (bad)
                return EXIT_USAGE;
            continue;
        }
        cli_error("unknown option '%s' (see selfcheck --help)", argv[i]);
        return EXIT_USAGE;
    }
    cli_set_language(&g);
    if (i >= argc) {
        char run_name[] = "run";   /* commands take argv as main does: writable */
        char *run_argv[] = {run_name, NULL};
        return cmd_run(&g, 1, run_argv);
    }
    for (size_t c = 0; c < sizeof commands / sizeof commands[0]; c++)
        if (strcmp(argv[i], commands[c].name) == 0)
            return commands[c].run(&g, argc - i, argv + i);
    cli_error(_("unknown command '%s' (see selfcheck --help)"), argv[i]);
    return EXIT_USAGE;
}
