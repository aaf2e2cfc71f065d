/* main.c: the selfcheck command line: global options, subcommand dispatch,
 * and the helpers the subcommands share (see cli.h and docs/cli.md). */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "error.h"
#include "i18n.h"
#include "paths.h"

static const struct {
    const char *name;
    cli_command_fn run;
    const char *summary;
} commands[] = {
    {"run", cmd_run, N_("open the check on screen (the default)")},
    {"status", cmd_status, N_("last completed check, what is due or overdue, for each profile")},
    {"lint", cmd_lint, N_("check checklist files: FILE:LINE: for every problem")},
    {"template", cmd_template, N_("write a blank answer sheet (CSV) for a profile")},
    {"answer", cmd_answer, N_("record a filled answer sheet, all or nothing")},
    {"score", cmd_score, N_("scores per checklist, total, grade, verdict and findings")},
    {"systems", cmd_systems, N_("add, list or remove the unit's information systems")},
    {"inventory", cmd_inventory, N_("the data asset inventory of 000's annex: set, show, import, export")},
    {"survey", cmd_survey, N_("the website survey of 001's annex: set, show, import, export")},
    {"keygen", cmd_keygen, N_("make the unit's signing key pair")},
    {"report", cmd_report, N_("write the signed report (CSV and SQLite)")},
    {"verify", cmd_verify, N_("verify a report's signature (and its signer with --trust)")},
    {"review", cmd_review, N_("the supervisor's review: units and keys, import, tables (docs/review.md)")},
    {"incident", cmd_incident, N_("grade an incident by the rules of 003: level, warning, actions")},
};

/* The one table of exit codes: every command's --help names its codes from
 * here, and docs/cli.md and docs/selfcheck.1 list the same. */
static const struct {
    int code;
    const char *label;
} exit_codes[] = {
    {EXIT_OK, N_("ok")},
    {EXIT_FINDINGS, N_("lint found problems")},
    {EXIT_USAGE, N_("bad command line")},
    {EXIT_INPUT, N_("invalid input file (FILE:LINE: message)")},
    {EXIT_STORE, N_("answer store or review database error")},
    {EXIT_IO, N_("file or standard output cannot be read or written")},
    {EXIT_NOT_FOUND, N_("not found")},
    {EXIT_INCOMPLETE, N_("assessment incomplete")},
    {EXIT_EXISTS, N_("already exists")},
    {EXIT_KEY, N_("key unusable (permissions, passphrase, type)")},
    {EXIT_BAD_SIGNATURE, N_("bad signature")},
    {EXIT_UNKNOWN_SIGNER, N_("unknown signer")},
    {EXIT_KEY_MISMATCH, N_("unit/key mismatch")},
    {EXIT_MALFORMED, N_("malformed report")},
    {EXIT_NOT_EXPECTED, N_("not the unit or period expected; review import: some reports rejected")},
    {EXIT_INTERNAL, N_("internal error")},
};

const char *cli_exit_label(int code)
{
    for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++)
        if (exit_codes[i].code == code)
            return _(exit_codes[i].label);
    return "?";
}

static void usage(void)
{
    printf("%s selfcheck [--config FILE] [--db FILE] [COMMAND [ARGS]]\n\n", _("usage:"));
    fputs(_("A security self-check for government departments: walks staff through the\n"
            "checklists, scores the answers and writes a signed report for the supervisor.\n"
            "Without a command it opens the check on screen.\n"),
          stdout);
    printf("\n%s\n", _("commands:"));
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-9s %s\n", commands[i].name, _(commands[i].summary));
    printf("\n%s\n", _("options:"));
    static const struct {
        const char *label, *help;
    } globals[] = {
        {"--config FILE", N_("settings (default: $XDG_CONFIG_HOME/selfcheck/selfcheck.ini,\n"
                             "then /etc/selfcheck/selfcheck.ini, then built-in defaults)")},
        {"--db FILE", N_("answer store (default: DATA/selfcheck.db from [paths] data)")},
        {"--help", N_("this text; 'selfcheck COMMAND --help' for a command")},
        {"--version", N_("the version and the bundled checklists' versions")},
    };
    for (size_t i = 0; i < sizeof globals / sizeof globals[0]; i++) {
        printf("  %-14s ", globals[i].label);
        /* a help of two lines: the second under the first */
        for (const char *line = _(globals[i].help); line;) {
            const char *nl = strchr(line, '\n');
            printf("%.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
            if ((line = nl ? nl + 1 : NULL) != NULL)
                printf("%17s", "");
        }
    }
    printf("\n%s\n", _("exit codes:"));
    for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++)
        printf("  %2d %s\n", exit_codes[i].code, _(exit_codes[i].label));
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

void cli_print_diags(const diag_list *diags)
{
    for (size_t i = 0; i < diags->count; i++) {
        char *line = diag_format(&diags->items[i]);
        cli_error("%s", line ? line : diags->items[i].message);
        free(line);
    }
}

/* Messages for the unit's staff speak [ui] lang from the start, so that even
 * a sheet that cannot be read is explained in it. A configuration that does
 * not load leaves English; the command then reports why. */
static void cli_set_language(const cli_globals *g)
{
    config *cfg = NULL;
    if (config_load(g->config_path, &cfg, NULL) == 0)
        i18n_set_lang(config_lang(cfg));
    config_free(cfg);
}

config *cli_load_config(const cli_globals *g)
{
    config *cfg = NULL;
    char *err = NULL;
    if (config_load(g->config_path, &cfg, &err) != 0) {
        cli_error("%s", err ? err : _("cannot read the configuration"));
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
    if (checklist_set_load(paths, 1, &set, &diags) != 0)
        cli_print_diags(&diags);
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
        cli_error(_("unknown profile '%s' (monthly, halfyear or change)"), profile_name);
        return EXIT_USAGE;
    }
    config *cfg;
    checklist_set *set;
    int code = cli_load_config_and_checklists(g, &cfg, &set);
    if (code != EXIT_OK)
        return code;
    char *err = NULL;
    /* without --profile the period's form names it (2026-11-15@oa: on change), as run does */
    if (profile_name == NULL && period != NULL)
        (void)period_profile(period, &p);   /* none: monthly, whose check below says why */
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
        cli_error(_("no %s assessment %s: nothing has been answered for it"), cli_profile_label(p), period);
        return EXIT_NOT_FOUND;
    }
    if (rc != 0) {
        cli_error("%s", err ? err : _("cannot open the assessment"));
        code = rc == SESSION_ERR_NO_UNIT ? EXIT_INPUT : rc == SESSION_ERR_NOT_FOUND ? EXIT_NOT_FOUND : EXIT_STORE;
        free(err);
        return code;
    }
    return EXIT_OK;
}

const char *cli_profile_label(profile p)
{
    return profile_label(p);
}

/* Standard output is checked once at the end: a full disk or a closed pipe
 * behind it must not look like success (exit 5). */
static int finish_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error(_("cannot write standard output: %s"), i18n_strerror(errno));
        return code == EXIT_OK ? EXIT_IO : code;
    }
    return code;
}

/* --version: the program's version, then the bundled checklists' (those
 * beside the binary, whatever the settings add), one per line. */
static void print_version(void)
{
    printf("selfcheck %s\n", SELFCHECK_VERSION);
    char *dir = paths_share("selfcheck/checklists");
    checklist_set *set = NULL;
    diag_list diags;
    diag_list_init(&diags);
    const char *paths[] = {dir};
    if (dir == NULL || checklist_set_load(paths, 1, &set, &diags) != 0) {
        printf(_("bundled checklists: none found (%s)\n"), dir ? dir : "share/selfcheck/checklists");
    } else {
        printf(_("bundled checklists in %s:\n"), dir);
        for (size_t i = 0; i < set->count; i++)
            printf("  %-24s %d\n", set->lists[i].id, set->lists[i].version);
    }
    diag_list_clear(&diags);
    checklist_set_free(set);
    free(dir);
}

/* Parses the global options, which come before the command. Returns
 * CLI_CONTINUE with *next the index of the command, else an exit code. */
static int parse_globals(int argc, char **argv, cli_globals *g, bool *help, bool *version, int *next)
{
    static const struct option longs[] = {
        {"config", required_argument, NULL, 'c'},
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    opterr = 0;
    int c;
    /* '+': stop at the command, whose options are its own */
    while ((c = getopt_long(argc, argv, "+:h", longs, NULL)) != -1) {
        switch (c) {
        case 'c': g->config_path = optarg; break;
        case 'd': g->db_path = optarg; break;
        case 'h': *help = true; break;
        case 'V': *version = true; break;
        case ':':
            cli_error(_("%s needs a value"), argv[optind - 1]);
            return EXIT_USAGE;
        default:
            cli_error(_("unknown option '%s' (see selfcheck --help)"), argv[optind - 1]);
            return EXIT_USAGE;
        }
    }
    *next = optind;
    return CLI_CONTINUE;
}

static int run(int argc, char **argv)
{
    cli_globals g = {0};
    int i;
    bool help = false, version = false;
    int code = parse_globals(argc, argv, &g, &help, &version, &i);
    if (code != CLI_CONTINUE)
        return code;
    cli_set_language(&g);
    if (help) {
        usage();
        return EXIT_OK;
    }
    if (version) {
        print_version();
        return EXIT_OK;
    }
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

int main(int argc, char **argv)
{
    /* nothing reads SQLite's memory statistics, and keeping them takes a
     * global lock around each of its allocations (thousands a report in
     * review import); before SQLite's first use, or it is ignored */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* LC_CTYPE (wcwidth needs a UTF-8 locale for Chinese widths) and
     * LC_MESSAGES from the environment; numbers stay in the C locale */
    i18n_init(NULL);
    return finish_stdout(run(argc, argv));
}
