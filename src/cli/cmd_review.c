/* cmd_review.c: `selfcheck review`, the supervisor's commands: dispatch to
 * units, import, export, missing, findings and items, and the import itself
 * (docs/review.md). The work is in src/review; this prints and decides the
 * exit code. */
#include "cmd_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "number.h"
#include "review_import.h"

const char *review_cli_db_path(const cli_globals *g, const char *option)
{
    return option != NULL ? option : g->db_path;
}

int review_cli_exit(review_db_status status)
{
    switch (status) {
    case REVIEW_DB_OK: return EXIT_OK;
    case REVIEW_DB_EXISTS: return EXIT_EXISTS;
    case REVIEW_DB_NOT_FOUND: return EXIT_NOT_FOUND;
    case REVIEW_DB_INVALID: return EXIT_USAGE;
    case REVIEW_DB_KEY_MISMATCH: return EXIT_KEY_MISMATCH;
    case REVIEW_DB_KEY_BAD: return EXIT_KEY;
    case REVIEW_DB_IN_USE: return EXIT_EXISTS;
    case REVIEW_DB_ERROR: break;
    }
    return EXIT_STORE;
}

int review_cli_open(const cli_globals *g, const char *path, review_db **db)
{
    path = review_cli_db_path(g, path);
    char *fallback = path ? NULL : review_db_default_path();
    if (path == NULL && fallback == NULL) {
        cli_error("%s", _("no review database: give --db FILE (HOME is not set)"));
        return EXIT_USAGE;
    }
    char *err = NULL;
    review_db_status st = review_db_open(path ? path : fallback, db, &err);
    free(fallback);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot open the review database"));
        free(err);
        return EXIT_STORE;
    }
    return EXIT_OK;
}

/* What each rejection means, for the person at the machine. */
static const char *const reason_text[REVIEW_REASON_COUNT] = {
    [REVIEW_OK] = N_("imported"),
    [REVIEW_BAD_SIGNATURE] = N_("the signature does not match: the file was changed after it was signed"),
    [REVIEW_UNKNOWN_UNIT] = N_("the unit is not registered"),
    [REVIEW_KEY_MISMATCH] = N_("signed with a key that is not this unit's"),
    [REVIEW_KEY_REVOKED] = N_("signed with a revoked key"),
    [REVIEW_KEY_NOT_YET_VALID] = N_("signed with a key that is not valid yet"),
    [REVIEW_KEY_REPLACED] = N_("signed with the unit's old key for a period after it was replaced"),
    [REVIEW_MALFORMED] = N_("damaged, truncated or not a selfcheck report"),
    [REVIEW_INCOMPLETE] = N_("an incomplete report (import it with --allow-incomplete)"),
    [REVIEW_PAIR_MISMATCH] = N_("its CSV and SQLite files do not agree"),
    [REVIEW_ID_CONFLICT] = N_("its report id was imported before with other content"),
};

typedef struct import_view {
    bool tty;
    struct timespec start, last;
    size_t shown;
} import_view;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void on_file(void *ctx, const char *path, review_file_outcome outcome, review_reason reason,
                    const char *detail)
{
    import_view *v = ctx;
    if (outcome != REVIEW_FILE_REJECTED)
        return;
    if (v->tty)
        fputs("\r\033[K", stderr);
    /* the token stays English: scripts read it */
    printf(_("rejected: %1$s: %2$s [%3$s]: %4$s\n"), path, _(reason_text[reason]), review_reason_token(reason),
           detail ? detail : "");
    fflush(stdout);
}

static void on_progress(void *ctx, size_t done, size_t total)
{
    import_view *v = ctx;
    if (!v->tty || (done < total && seconds_since(&v->last) < 0.1))
        return;
    clock_gettime(CLOCK_MONOTONIC, &v->last);
    double elapsed = seconds_since(&v->start);
    int width = 30, filled = total ? (int)((double)width * (double)done / (double)total) : width;
    char bar[31];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    fputc('\r', stderr);
    fprintf(stderr, _("[%1$s] %2$zu/%3$zu files, %4$.0f/s"), bar, done, total,
            elapsed > 0 ? (double)done / elapsed : 0.0);
    fflush(stderr);
}

static int cmd_review_import(const cli_globals *g, int argc, char **argv)
{
    const char *db_path = NULL, *workers = NULL, *batch = NULL;
    review_import_options opts = {0};
    const cli_option options[] = {
        CLI_OPTION_REVIEW_DB(&db_path),
        {"allow-incomplete", NULL, N_("import reports with unanswered items too"), NULL, &opts.allow_incomplete,
         false},
        {"workers", "N", N_("verifying threads, 1 to 16 (default: one per processor)"), &workers, NULL, false},
        {"batch", "N", N_("reports committed together, 1 to 10000 (default 100)"), &batch, NULL, false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_STORE, EXIT_IO, EXIT_REJECTED, -1};
    static const cli_help help = {
        "review import", "PATH...",
        N_("Verifies every report under the folders and files given (folders are walked)\n"
           "against the registry and imports what verifies. Other files are skipped.\n"
           "Exit 0: every report imported (or imported before); 14: some were rejected.\n"),
        exits};
    int first;
    int code = cli_parse_count(argc, argv, options, &help, 1, -1, &first);
    if (code != CLI_CONTINUE)
        return code;
    long n;
    if (workers) {
        if (!number_parse_whole(workers, 1, 16, &n)) {
            cli_error(_("--workers takes 1 to 16, not '%s'"), workers);
            return EXIT_USAGE;
        }
        opts.workers = (size_t)n;
    }
    if (batch) {
        if (!number_parse_whole(batch, 1, 10000, &n)) {
            cli_error(_("--batch takes 1 to 10000, not '%s'"), batch);
            return EXIT_USAGE;
        }
        opts.batch = (size_t)n;
    }
    review_db *db;
    code = review_cli_open(g, db_path, &db);
    if (code != EXIT_OK)
        return code;
    /* a new selfcheck brings new bundled checklists: official from now on */
    if ((code = review_cli_add_bundled(db)) != EXIT_OK) {
        review_db_close(db);
        return code;
    }
    char *err = NULL;
    review_registry *reg = NULL;
    if (review_db_registry(db, &reg, &err) != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot read the registry"));
        free(err);
        review_db_close(db);
        return EXIT_STORE;
    }
    import_view view = {.tty = isatty(STDERR_FILENO) == 1};
    clock_gettime(CLOCK_MONOTONIC, &view.start);
    view.last = view.start;
    opts.on_file = on_file;
    opts.on_progress = on_progress;
    opts.ctx = &view;
    review_importer imp;
    review_db_importer(db, &imp);
    review_import_summary sum;
    int rc = review_import(reg, &imp, (const char *const *)argv + first, (size_t)(argc - first), &opts, &sum, &err);
    if (view.tty)
        fputs("\r\033[K", stderr);
    double elapsed = seconds_since(&view.start);
    printf(_("%1$zu report files: %2$zu imported, %3$zu imported before, %4$zu rejected; %5$zu other files "
             "skipped (%6$.1f s)\n"),
           sum.reports, sum.imported, sum.already, sum.rejected, sum.skipped, elapsed);
    if (rc != 0) {
        cli_error("%s", err ? err : _("the import failed"));
        code = rc == REVIEW_IMPORT_ERR_PATH ? EXIT_IO : EXIT_STORE;
        free(err);
    } else {
        code = sum.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
    }
    review_registry_free(reg);
    review_db_close(db);
    return code;
}

/* The review's commands: a new one is a row here. */
static const cli_subcommand review_commands[] = {
    {"tui", cmd_review_tui, N_("the review screen (the same as no command)")},
    {"units", cmd_review_units,
     N_("register units and their keys: add, key, revoke, import, import-keys, list, remove")},
    {"checklists", cmd_review_checklists, N_("the official checklists: add DIR, list")},
    {"import", cmd_review_import, N_("verify and import folders of reports")},
    {"export", cmd_review_export, N_("one CSV row per unit and period, for the meeting")},
    {"missing", cmd_review_query, N_("units that have not reported a period that is due")},
    {"findings", cmd_review_query, N_("open findings and their remediation (--overdue: past their date)")},
    {"items", cmd_review_query, N_("the items most often failed")},
    {"systems", cmd_review_query, N_("the units' information systems, from their inventories")},
    {"websites", cmd_review_query, N_("the units' websites, from their website surveys")},
    {"incidents", cmd_review_query, N_("the incidents the units reported, their level, status and limits missed")},
    {NULL, NULL, NULL},
};

int cmd_review(const cli_globals *g, int argc, char **argv)
{
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, EXIT_NOT_FOUND,
                                EXIT_EXISTS, EXIT_KEY, EXIT_KEY_MISMATCH, EXIT_REJECTED, -1};
    static const cli_help help = {
        "review", "COMMAND [ARGS]",
        N_("The supervisor's review of the units' signed reports (docs/review.md).\n"
           "Without a command (or with tui) it opens the review screen: the table of\n"
           "units by period, a unit's checklists, trend and findings, two periods\n"
           "compared, an item across units, remediation follow-up, who has not reported.\n"
           "Every command takes --db FILE, the review database (default:\n"
           "$XDG_DATA_HOME/selfcheck/review.db); 'selfcheck review COMMAND --help' for one.\n"),
        exits};
    /* no command (or only --db): the review screen */
    if (argc < 2 || strcmp(argv[1], "--db") == 0 || strncmp(argv[1], "--db=", 5) == 0)
        return cmd_review_tui(g, argc, argv);
    return cli_dispatch(g, argc, argv, review_commands, &help);
}
