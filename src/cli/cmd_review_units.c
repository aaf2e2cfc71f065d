/* cmd_review_units.c: `selfcheck review units`, the registry of units and
 * their keys: add, key (a new key: rotation), revoke (a lost key), import (a
 * roster CSV), import-keys (a trust folder of UNITCODE.pub), list, remove. */
#include "cmd_review.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "fsutil.h"
#include "i18n.h"

#define KEY_FILE_MAX (64 * 1024)

typedef struct units_args {
    const char *db, *key, *key_id, *region, *level, *from, *at;
    bool csv;
} units_args;

/* The rows the registry's commands share: a new option is a row and its
 * field in units_args. */
#define UNITS_OPTION_KEY(a) \
    {"key", "FILE.pub", N_("the unit's public key (SM2 or Ed25519, PEM)"), &(a)->key, NULL, true}
#define UNITS_OPTION_KEY_ID(a) \
    {"key-id", "HEX", N_("the key id on the unit's paper form: the key must have it"), &(a)->key_id, NULL, false}
#define UNITS_OPTION_FROM(a) \
    {"from", "YYYY-MM-DD", N_("the key signs the periods that end on or after this day (default: all)"), \
     &(a)->from, NULL, false}

static const int units_exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, EXIT_NOT_FOUND,
                                  EXIT_EXISTS, EXIT_KEY, EXIT_KEY_MISMATCH, -1};

/* Parses a registry command that takes `operands` operands and opens the
 * database of --db (*db_path once parsed, else the global --db). Returns CLI_CONTINUE with *db
 * and *first (the first operand), else the exit code. */
static int units_open(const cli_globals *g, int argc, char **argv, const cli_option *opts, const cli_help *help,
                      int operands, const char *const *db_path, review_db **db, int *first)
{
    int rc = cli_parse_count(argc, argv, opts, help, operands, operands, first);
    if (rc != CLI_CONTINUE)
        return rc;
    rc = review_cli_open(g, *db_path, db);
    return rc == EXIT_OK ? CLI_CONTINUE : rc;
}

/* Registers the key file for the unit and prints its id. */
static int add_key(review_db *db, const char *unit, const char *key_path, const char *key_id, const char *from)
{
    char *pem = NULL, *err = NULL, *id = NULL;
    size_t len = 0;
    if (fsutil_read_file(key_path, KEY_FILE_MAX, &pem, &len, &err) != 0) {
        cli_error("%s", err ? err : key_path);
        free(err);
        return EXIT_IO;
    }
    review_db_status st = review_key_add(db, unit, pem, len, key_id, from, &id, &err);
    free(pem);
    if (st != REVIEW_DB_OK) {
        cli_error("%s: %s", key_path, err ? err : _("cannot register the key"));
        free(err);
        return review_cli_exit(st);
    }
    printf(_("unit %1$s: key registered\n"), unit);
    printf("key id: %s\n", id);
    free(id);
    return EXIT_OK;
}

static int units_add(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {
        UNITS_OPTION_KEY(&a),
        UNITS_OPTION_KEY_ID(&a),
        {"region", "R", N_("the unit's region"), &a.region, NULL, false},
        {"level", "L", N_("the unit's level"), &a.level, NULL, false},
        UNITS_OPTION_FROM(&a),
        CLI_OPTION_REVIEW_DB(&a.db),
        CLI_OPTION_END,
    };
    static const cli_help help = {"review units add", "CODE NAME",
                                  N_("Registers a unit and its key; prints the key id.\n"), units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 2, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    const char *code = argv[first], *name = argv[first + 1];
    char *err = NULL;
    review_db_status st = review_unit_add(db, code, name, a.region, a.level, &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot register the unit"));
        free(err);
        rc = review_cli_exit(st);
    } else {
        rc = add_key(db, code, a.key, a.key_id, a.from);
        /* a refused key leaves no unit without a key behind */
        if (rc != EXIT_OK)
            review_unit_remove(db, code, NULL);
    }
    review_db_close(db);
    return rc;
}

static int units_key(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {
        UNITS_OPTION_KEY(&a), UNITS_OPTION_KEY_ID(&a), UNITS_OPTION_FROM(&a), CLI_OPTION_REVIEW_DB(&a.db),
        CLI_OPTION_END,
    };
    static const cli_help help = {
        "review units key", "CODE",
        N_("A new key for a registered unit (a new machine): the periods that end on or\n"
           "after --from must be signed with it.\n"),
        units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 1, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    rc = add_key(db, argv[first], a.key, a.key_id, a.from);
    review_db_close(db);
    return rc;
}

static int units_revoke(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {
        {"at", "YYYY-MM-DDTHH:MM:SS", N_("the moment the key was lost (default: now)"), &a.at, NULL, false},
        CLI_OPTION_REVIEW_DB(&a.db),
        CLI_OPTION_END,
    };
    static const cli_help help = {"review units revoke", "KEYID",
                                  N_("A lost key: nothing signed with it is imported any more.\n"), units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 1, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    char *err = NULL;
    review_db_status st = review_key_revoke(db, argv[first], a.at, &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot revoke the key"));
        free(err);
        rc = review_cli_exit(st);
    } else {
        printf(_("key %s revoked: reports signed with it are no longer imported\n"), argv[first]);
        rc = EXIT_OK;
    }
    review_db_close(db);
    return rc;
}

static int units_remove(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {CLI_OPTION_REVIEW_DB(&a.db), CLI_OPTION_END};
    static const cli_help help = {"review units remove", "CODE",
                                  N_("Removes a unit of which no report was imported.\n"), units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 1, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    char *err = NULL;
    review_db_status st = review_unit_remove(db, argv[first], &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot remove the unit"));
        free(err);
        rc = review_cli_exit(st);
    } else {
        printf(_("unit %s removed\n"), argv[first]);
        rc = EXIT_OK;
    }
    review_db_close(db);
    return rc;
}

/* One guarded CSV cell into the buffer. */
static void csv_cell(csvfile_buffer *b, const char *text, bool last)
{
    char *safe = csvfile_guard(text);
    if (safe == NULL)
        b->failed = 1;
    csvfile_buffer_field(b, safe ? safe : "", last);
    free(safe);
}

static int list_units(review_db *db, bool csv)
{
    review_unit_info *units;
    size_t n;
    char *err = NULL;
    review_db_status st = review_units_list(db, &units, &n, &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot list the units"));
        free(err);
        return review_cli_exit(st);
    }
    if (csv) {
        csvfile_buffer b = {0};
        const char *head[] = {"code", "name", "region", "level", "reports", "key_id", "algo", "valid_from",
                              "revoked_at"};
        for (size_t h = 0; h < 9; h++)
            csvfile_buffer_field(&b, head[h], h == 8);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < units[i].key_count || k == 0; k++) {
                const review_key_info *key = units[i].key_count ? &units[i].keys[k] : NULL;
                char reports[24];
                snprintf(reports, sizeof reports, "%ld", units[i].report_count);
                csv_cell(&b, units[i].code, false);
                csv_cell(&b, units[i].name, false);
                csv_cell(&b, units[i].region, false);
                csv_cell(&b, units[i].level, false);
                csv_cell(&b, reports, false);
                csv_cell(&b, key ? key->key_id : "", false);
                csv_cell(&b, key ? key->algo : "", false);
                csv_cell(&b, key ? key->valid_from : "", false);
                csv_cell(&b, key ? key->revoked_at : "", true);
            }
        if (b.failed) {
            free(b.data);
            review_units_free(units, n);
            cli_error("%s", _("out of memory"));
            return EXIT_INTERNAL;
        }
        fwrite(b.data, 1, b.len, stdout);
        free(b.data);
    } else {
        for (size_t i = 0; i < n; i++) {
            const review_unit_info *u = &units[i];
            printf(_("%1$s  %2$s  (%3$ld reports)\n"), u->code, u->name, u->report_count);
            for (size_t k = 0; k < u->key_count; k++) {
                const review_key_info *key = &u->keys[k];
                printf(_("    key %1$.16s…  %2$s  from %3$s"), key->key_id, key->algo, key->valid_from);
                if (key->revoked_at[0])
                    printf(_("  revoked %s"), key->revoked_at);
                putchar('\n');
            }
        }
        if (n == 0)
            puts(_("no units registered"));
    }
    review_units_free(units, n);
    return EXIT_OK;
}

/* ---- the roster ---- */

/* The column named `name` in the header, or -1. */
static long roster_column(const csvfile_row *header, const char *name)
{
    for (size_t c = 0; c < header->count; c++)
        if (strcmp(header->fields[c], name) == 0)
            return (long)c;
    return -1;
}

static const char *roster_cell(const csvfile_row *row, long column)
{
    return column < 0 ? "" : csvfile_cell(row, (size_t)column);
}

/* Registers the unit of one roster row (and its key, relative to dir).
 * Returns true when it was registered with everything it names. */
static bool roster_unit(review_db *db, const char *path, const char *dir, const csvfile_row *row,
                        const long *cols)
{
    const char *code = roster_cell(row, cols[0]), *key = roster_cell(row, cols[4]);
    char *err = NULL;
    review_db_status st = review_unit_add(db, code, roster_cell(row, cols[1]), roster_cell(row, cols[2]),
                                          roster_cell(row, cols[3]), &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s:%d: %s", path, row->line, err ? err : "");
        free(err);
        return false;
    }
    if (*key == '\0')
        return true;
    char *key_path = key[0] == '/' ? strdup(key) : fsutil_join(dir, key);
    int rc = key_path ? add_key(db, code, key_path, NULL, NULL) : EXIT_INTERNAL;
    free(key_path);
    if (rc != EXIT_OK) {
        cli_error(_("%1$s:%2$d: unit %3$s registered without a key"), path, row->line, code);
        return false;
    }
    return true;
}

static int import_roster(review_db *db, const char *path)
{
    char *data = NULL, *err = NULL;
    size_t len = 0;
    if (fsutil_read_file(path, 16 * 1024 * 1024, &data, &len, &err) != 0) {
        cli_error("%s", err ? err : path);
        free(err);
        return EXIT_IO;
    }
    csvfile_table *t = NULL;
    int line = 0;
    csvfile_status cs = csvfile_parse(data, len, 0, &t, &line, &err);
    free(data);
    if (cs != CSVFILE_OK) {
        cli_error("%s:%d: %s", path, line, err ? err : "");
        free(err);
        return EXIT_INPUT;
    }
    static const char *const names[] = {"code", "name", "region", "level", "key"};
    long cols[5] = {-1, -1, -1, -1, -1};
    if (t->count > 0)
        for (size_t c = 0; c < 5; c++)
            cols[c] = roster_column(&t->rows[0], names[c]);
    if (cols[0] < 0 || cols[1] < 0) {
        cli_error(_("%s:1: the roster needs the columns code and name (and may have region, level, key)"), path);
        csvfile_table_free(t);
        return EXIT_INPUT;
    }
    char *dir = strdup(path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash != NULL)
        *slash = '\0';
    int added = 0, problems = 0;
    for (size_t r = 1; r < t->count; r++) {
        if (roster_unit(db, path, slash ? dir : ".", &t->rows[r], cols))
            added++;
        else
            problems++;
    }
    free(dir);
    csvfile_table_free(t);
    printf(_("%1$d units registered, %2$d problems\n"), added, problems);
    return problems ? EXIT_INPUT : EXIT_OK;
}

static int import_keys(review_db *db, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        cli_error(_("%s: cannot read the folder"), dir);
        return EXIT_IO;
    }
    int added = 0, problems = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 4 || strcmp(e->d_name + n - 4, ".pub") != 0)
            continue;
        char *code = strndup(e->d_name, n - 4);
        char *path = fsutil_join(dir, e->d_name);
        int rc = code && path ? add_key(db, code, path, NULL, NULL) : EXIT_INTERNAL;
        if (rc == EXIT_OK)
            added++;
        else if (rc != EXIT_EXISTS)
            problems++;
        free(code);
        free(path);
    }
    closedir(d);
    printf(_("%1$d keys registered, %2$d problems\n"), added, problems);
    return problems ? EXIT_INPUT : EXIT_OK;
}

static int units_list(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {
        {"csv", NULL, N_("as CSV (machine column names)"), NULL, &a.csv, false},
        CLI_OPTION_REVIEW_DB(&a.db),
        CLI_OPTION_END,
    };
    static const cli_help help = {"review units list", NULL, N_("Every registered unit and its keys.\n"),
                                  units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 0, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    rc = list_units(db, a.csv);
    review_db_close(db);
    return rc;
}

static int units_import(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {CLI_OPTION_REVIEW_DB(&a.db), CLI_OPTION_END};
    static const cli_help help = {
        "review units import", "ROSTER.csv",
        N_("Registers the units of a roster: a CSV with the columns code and name, and\n"
           "optionally region, level and key (a public key file, relative to the roster).\n"),
        units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 1, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    rc = import_roster(db, argv[first]);
    review_db_close(db);
    return rc;
}

static int units_import_keys(const cli_globals *g, int argc, char **argv)
{
    units_args a = {0};
    const cli_option opts[] = {CLI_OPTION_REVIEW_DB(&a.db), CLI_OPTION_END};
    static const cli_help help = {
        "review units import-keys", "DIR",
        N_("Registers the keys of a folder of UNITCODE.pub files for units registered\n"
           "already (keys registered before are left as they are).\n"),
        units_exits};
    review_db *db;
    int first, rc = units_open(g, argc, argv, opts, &help, 1, &a.db, &db, &first);
    if (rc != CLI_CONTINUE)
        return rc;
    rc = import_keys(db, argv[first]);
    review_db_close(db);
    return rc;
}

/* The registry's commands: a new one is a row here. */
static const cli_subcommand units_commands[] = {
    {"add", units_add, N_("register a unit and its key; prints the key id")},
    {"key", units_key, N_("a new key for a unit (a new machine)")},
    {"revoke", units_revoke, N_("a lost key: nothing signed with it is imported any more")},
    {"import", units_import, N_("register the units of a roster CSV (code,name[,region,level,key])")},
    {"import-keys", units_import_keys, N_("a folder of UNITCODE.pub for units registered already")},
    {"list", units_list, N_("every unit and its keys")},
    {"remove", units_remove, N_("a unit of which no report was imported")},
    {NULL, NULL, NULL},
};

int cmd_review_units(const cli_globals *g, int argc, char **argv)
{
    static const cli_help help = {
        "review units", "COMMAND [ARGS]",
        N_("The registry of units and their keys. Every command takes --db FILE;\n"
           "'selfcheck review units COMMAND --help' for one.\n"),
        units_exits};
    return cli_dispatch(g, argc, argv, units_commands, &help);
}
