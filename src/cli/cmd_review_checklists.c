/* cmd_review_checklists.c: `selfcheck review checklists`, the checklists the
 * review knows as official (add a folder, list them): a report answered
 * against any other is marked 非标准检查表 (docs/review.md). */
#include "cmd_review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "i18n.h"
#include "review_checklists.h"
#include "text.h"

/* The exit code of a checklist status: a folder that does not load is
 * invalid input, not a bad command line. */
static int checklists_exit(review_db_status status)
{
    return status == REVIEW_DB_INVALID ? EXIT_INPUT : review_cli_exit(status);
}

int review_cli_add_bundled(review_db *db)
{
    char *err = NULL;
    review_db_status st = review_checklists_add_bundled(db, NULL, &err);
    if (st == REVIEW_DB_NOT_FOUND) {
        /* every report will be marked: say why */
        cli_error(_("warning: %s: every report is marked as answered against a non-standard checklist unless its folder "
                   "is added with review checklists add"), err ? err : "");
        st = REVIEW_DB_OK;
    } else if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot read the bundled checklists"));
    }
    free(err);
    return checklists_exit(st);
}

static int list_officials(review_db *db, bool csv)
{
    review_official *o;
    size_t n;
    char *err = NULL;
    if (review_checklists_list(db, &o, &n, &err) != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot read the review database"));
        free(err);
        return EXIT_STORE;
    }
    int rc = EXIT_OK;
    if (csv) {
        csvfile_buffer b = {0};
        csvfile_buffer_raw(&b, CSVFILE_BOM);
        static const char *const header[] = {"checklist_id", "version", "digest", "source", "added_at", "title_zh"};
        for (size_t c = 0; c < 6; c++)
            csvfile_buffer_field(&b, header[c], c == 5);
        for (size_t i = 0; i < n; i++) {
            char version[16];
            snprintf(version, sizeof version, "%d", o[i].version);
            const char *cells[] = {o[i].checklist_id, version, o[i].digest, o[i].source, o[i].added_at,
                                   o[i].title_zh};
            for (size_t c = 0; c < 6; c++) {
                char *safe = csvfile_guard(cells[c]);
                if (safe == NULL)
                    b.failed = 1;
                csvfile_buffer_field(&b, safe, c == 5);
                free(safe);
            }
        }
        if (b.failed) {
            cli_error("%s", _("out of memory"));
            rc = EXIT_INTERNAL;
        } else {
            fwrite(b.data, 1, b.len, stdout);
        }
        free(b.data);
    } else {
        for (size_t i = 0; i < n; i++) {
            const char *source = strcmp(o[i].source, REVIEW_CHECKLISTS_BUNDLED) == 0 ? _("bundled") : o[i].source;
            /* the digest's first 12 hex digits tell versions apart on a screen */
            printf("%s v%d  %.19s…  %s  %s\n", o[i].checklist_id, o[i].version, o[i].digest, source,
                   o[i].title_zh);
        }
        if (n == 0)
            puts(_("no official checklists: every report is marked non-standard"));
    }
    review_officials_free(o, n);
    return rc;
}

static const int checklists_exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, -1};

/* Parses a checklists command with `operands` operands and opens the
 * database with the bundled set added. CLI_CONTINUE with *db, or an exit code. */
static int checklists_open(const cli_globals *g, int argc, char **argv, const cli_option *opts,
                           const cli_help *help, int operands, const char *const *db_path, review_db **db,
                           int *first)
{
    int rc = cli_parse_count(argc, argv, opts, help, operands, operands, first);
    if (rc != CLI_CONTINUE)
        return rc;
    if ((rc = review_cli_open(g, *db_path, db)) != EXIT_OK)
        return rc;
    if ((rc = review_cli_add_bundled(*db)) != EXIT_OK) {
        review_db_close(*db);
        return rc;
    }
    return CLI_CONTINUE;
}

static int checklists_add(const cli_globals *g, int argc, char **argv)
{
    const char *db_path = NULL;
    const cli_option opts[] = {CLI_OPTION_REVIEW_DB(&db_path), CLI_OPTION_END};
    static const cli_help help = {
        "review checklists add", "DIR",
        N_("Makes the checklists of the folder (its *.ini files) official: reports answered\n"
           "against them are no longer marked. A checklist that does not load is refused.\n"),
        checklists_exits};
    review_db *db;
    int first, rc = checklists_open(g, argc, argv, opts, &help, 1, &db_path, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    char *err = NULL;
    size_t added = 0;
    review_db_status st = review_checklists_add_dir(db, argv[first], NULL, &added, &err);
    rc = EXIT_OK;
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : argv[first]);
        rc = checklists_exit(st);
    } else {
        printf(_("%1$zu checklists added as official from %2$s\n"), added, argv[first]);
    }
    free(err);
    review_db_close(db);
    return rc;
}

static int checklists_list(const cli_globals *g, int argc, char **argv)
{
    const char *db_path = NULL;
    bool csv = false;
    const cli_option opts[] = {
        {"csv", NULL, N_("as CSV (machine column names)"), NULL, &csv, false},
        CLI_OPTION_REVIEW_DB(&db_path),
        CLI_OPTION_END,
    };
    static const cli_help help = {"review checklists list", NULL,
                                  N_("Every official checklist: id, version, digest and where it came from.\n"),
                                  checklists_exits};
    review_db *db;
    int first, rc = checklists_open(g, argc, argv, opts, &help, 0, &db_path, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    rc = list_officials(db, csv);
    review_db_close(db);
    return rc;
}

/* The commands of the official checklists: a new one is a row here. */
static const cli_subcommand checklists_commands[] = {
    {"add", checklists_add, N_("make the checklists of a folder official")},
    {"list", checklists_list, N_("every official checklist")},
    {NULL, NULL, NULL},
};

int cmd_review_checklists(const cli_globals *g, int argc, char **argv)
{
    static const cli_help help = {
        "review checklists", "COMMAND [ARGS]",
        N_("The official checklists: those bundled with selfcheck and those of the folders\n"
           "added here. A report answered against any other checklist (an edited copy) is\n"
           "marked as answered against a non-standard checklist, which is named.\n"),
        checklists_exits};
    return cli_dispatch(g, argc, argv, checklists_commands, &help);
}
