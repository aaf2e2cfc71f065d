/* cmd_review_units.c: `selfcheck review units`, the registry of units and
 * their keys: add, key (a new key: rotation), revoke (a lost key), import (a
 * roster CSV), import-keys (a trust folder of UNITCODE.pub), list, remove. */
#include "cmd_review.h"

#include <dirent.h>
#include <getopt.h>
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
    int first;          /* index of the first positional argument */
} units_args;

static void units_usage(FILE *out)
{
    fputs(_("usage: selfcheck review units COMMAND [ARGS] [--db FILE]\n"
            "  add CODE NAME --key UNIT.pub [--key-id HEX] [--region R] [--level L]\n"
            "                   register a unit and its key; prints the key id\n"
            "  key CODE --key NEW.pub [--key-id HEX] [--from YYYY-MM-DD]\n"
            "                   a new key (new machine): periods ending after the day\n"
            "                   must be signed with it\n"
            "  revoke KEYID [--at YYYY-MM-DDTHH:MM:SS]\n"
            "                   a lost key: nothing signed with it is imported any more\n"
            "  import ROSTER.csv  columns code,name[,region,level,key]\n"
            "  import-keys DIR    a folder of UNITCODE.pub for units registered already\n"
            "  list [--csv]       every unit and its keys\n"
            "  remove CODE        a unit of which no report was imported\n"
            "\n"
            "exit: 0 ok, 2 bad command line, 4 database error, 5 file unreadable,\n"
            "      6 no such unit or key, 8 registered already (or has reports),\n"
            "      9 not an SM2 or Ed25519 public key, 12 the key id differs from --key-id\n"), out);
}

static int parse_args(int argc, char **argv, units_args *a)
{
    static const struct option options[] = {
        {"db", required_argument, NULL, 'd'},     {"key", required_argument, NULL, 'k'},
        {"key-id", required_argument, NULL, 'i'}, {"region", required_argument, NULL, 'r'},
        {"level", required_argument, NULL, 'l'},  {"from", required_argument, NULL, 'f'},
        {"at", required_argument, NULL, 'a'},     {"csv", no_argument, NULL, 'c'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    memset(a, 0, sizeof *a);
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "h", options, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'k': a->key = optarg; break;
        case 'i': a->key_id = optarg; break;
        case 'r': a->region = optarg; break;
        case 'l': a->level = optarg; break;
        case 'f': a->from = optarg; break;
        case 'a': a->at = optarg; break;
        case 'c': a->csv = true; break;
        case 'h': units_usage(stdout); return -1;
        default: units_usage(stderr); return -2;
        }
    }
    a->first = optind;
    return 0;
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

static int units_add(review_db *db, const units_args *a, int argc, char **argv)
{
    if (argc - a->first != 2 || a->key == NULL) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    const char *code = argv[a->first], *name = argv[a->first + 1];
    char *err = NULL;
    review_db_status st = review_unit_add(db, code, name, a->region, a->level, &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot register the unit"));
        free(err);
        return review_cli_exit(st);
    }
    int rc = add_key(db, code, a->key, a->key_id, a->from);
    /* a refused key leaves no unit without a key behind */
    if (rc != EXIT_OK)
        review_unit_remove(db, code, NULL);
    return rc;
}

static int units_key(review_db *db, const units_args *a, int argc, char **argv)
{
    if (argc - a->first != 1 || a->key == NULL) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    return add_key(db, argv[a->first], a->key, a->key_id, a->from);
}

static int units_revoke(review_db *db, const units_args *a, int argc, char **argv)
{
    if (argc - a->first != 1) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    char *err = NULL;
    review_db_status st = review_key_revoke(db, argv[a->first], a->at, &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot revoke the key"));
        free(err);
        return review_cli_exit(st);
    }
    printf(_("key %s revoked: reports signed with it are no longer imported\n"), argv[a->first]);
    return EXIT_OK;
}

static int units_remove(review_db *db, const units_args *a, int argc, char **argv)
{
    if (argc - a->first != 1) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    char *err = NULL;
    review_db_status st = review_unit_remove(db, argv[a->first], &err);
    if (st != REVIEW_DB_OK) {
        cli_error("%s", err ? err : _("cannot remove the unit"));
        free(err);
        return review_cli_exit(st);
    }
    printf(_("unit %s removed\n"), argv[a->first]);
    return EXIT_OK;
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

static int units_list(review_db *db, const units_args *a)
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
    if (a->csv) {
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

static int units_import(review_db *db, const units_args *a, int argc, char **argv)
{
    if (argc - a->first != 1) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    const char *path = argv[a->first];
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

static int units_import_keys(review_db *db, const units_args *a, int argc, char **argv)
{
    if (argc - a->first != 1) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    const char *dir = argv[a->first];
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

int cmd_review_units(const cli_globals *g, int argc, char **argv)
{
    (void)g;
    units_args a;
    int p = parse_args(argc, argv, &a);
    if (p != 0)
        return p == -1 ? EXIT_OK : EXIT_USAGE;
    if (a.first >= argc) {
        units_usage(stderr);
        return EXIT_USAGE;
    }
    const char *sub = argv[a.first];
    a.first++;
    static const char *const known[] = {"add", "key", "revoke", "remove", "list", "import", "import-keys"};
    bool ok = false;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        ok |= strcmp(sub, known[i]) == 0;
    if (!ok) {
        cli_error(_("unknown units command '%s' (see selfcheck review units --help)"), sub);
        return EXIT_USAGE;
    }
    review_db *db;
    int rc = review_cli_open(a.db, &db);
    if (rc != EXIT_OK)
        return rc;
    if (strcmp(sub, "add") == 0)
        rc = units_add(db, &a, argc, argv);
    else if (strcmp(sub, "key") == 0)
        rc = units_key(db, &a, argc, argv);
    else if (strcmp(sub, "revoke") == 0)
        rc = units_revoke(db, &a, argc, argv);
    else if (strcmp(sub, "remove") == 0)
        rc = units_remove(db, &a, argc, argv);
    else if (strcmp(sub, "list") == 0)
        rc = units_list(db, &a);
    else if (strcmp(sub, "import") == 0)
        rc = units_import(db, &a, argc, argv);
    else
        rc = units_import_keys(db, &a, argc, argv);
    review_db_close(db);
    return rc;
}
