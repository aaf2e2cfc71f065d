/* cmd_report.c: `selfcheck report`: writes the signed report of a completed
 * assessment (CSV and SQLite, each with FILE.sig) and says how to check it
 * by hand (docs/report-format.md). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fsutil.h"
#include "report.h"
#include "report_keys.h"

/* --format csv,sqlite (either or both). 0, or -1 after printing why. */
static int parse_formats(const char *text, bool *csv, bool *sqlite)
{
    *csv = *sqlite = false;
    char *copy = strdup(text);
    if (copy == NULL)
        return -1;
    int rc = 0;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        tok += strspn(tok, " ");
        tok[strcspn(tok, " ")] = '\0';
        if (strcmp(tok, "csv") == 0) {
            *csv = true;
        } else if (strcmp(tok, "sqlite") == 0) {
            *sqlite = true;
        } else {
            cli_error("report: unknown format '%s' (csv, sqlite or csv,sqlite)", tok);
            rc = -1;
        }
    }
    free(copy);
    if (rc == 0 && !*csv && !*sqlite) {
        cli_error("report: --format needs csv, sqlite or csv,sqlite");
        rc = -1;
    }
    return rc;
}

/* Whether the output folder is a built-in default: DATA/reports, or the one
 * config_defaults gives. Only such a folder is created when missing: a
 * configured folder such as /media/usb that is not there usually means the
 * USB stick is not mounted, and creating it would put the report on the
 * local disk instead. */
static bool is_default_output(const config *cfg)
{
    char *standard = fsutil_join(cfg->data_dir, "reports");
    config *defaults = config_defaults();
    bool same = (standard && strcmp(standard, cfg->output_dir) == 0) ||
                (defaults && defaults->output_dir && strcmp(defaults->output_dir, cfg->output_dir) == 0);
    config_free(defaults);
    free(standard);
    return same;
}

static int report_exit_code(report_status st)
{
    switch (st) {
    case REPORT_OK: return EXIT_OK;
    case REPORT_ERR_INCOMPLETE: return EXIT_INCOMPLETE;
    case REPORT_ERR_EXISTS: return EXIT_EXISTS;
    case REPORT_ERR_IO: return EXIT_IO;
    case REPORT_ERR_KEY: return EXIT_KEY;
    case REPORT_ERR_INTERNAL: break;
    }
    return EXIT_INTERNAL;
}

/* A hint after a key problem, or NULL. */
static const char *key_hint(sign_status st, bool have_passphrase)
{
    switch (st) {
    case SIGN_ERR_IO: return "make the unit's key with 'selfcheck keygen', or give --key FILE";
    case SIGN_ERR_PASSPHRASE:
        return have_passphrase ? "the passphrase file holds another passphrase"
                               : "the key is encrypted: give --passphrase-file FILE";
    case SIGN_ERR_KEY_TYPE: return "the key must be an SM2 or Ed25519 private key (selfcheck keygen)";
    default: return NULL;
    }
}

/* Prints the files written and the command that checks each by hand. */
static void print_written(const report_result *res, const char *key_path)
{
    printf("report id: %s\n", res->report_id);
    const char *files[2] = {res->csv_path, res->sqlite_path};
    for (int i = 0; i < 2; i++)
        if (files[i])
            printf("wrote:     %s\n           %s.sig\n", files[i], files[i]);
    printf("signed by: key id %s (%s)\n", res->key_id, sign_algo_name(res->algo));
    char *pub = report_key_public_path(key_path);
    char *qpub = pub && fsutil_exists(pub) ? report_shell_quote(pub) : strdup("unit.pub");
    printf("check by hand (prints \"Signature Verified Successfully\"):\n");
    for (int i = 0; i < 2; i++) {
        if (files[i] == NULL)
            continue;
        char *qf = report_shell_quote(files[i]);
        char *sig = NULL;
        char *qsig = asprintf(&sig, "%s.sig", files[i]) >= 0 ? report_shell_quote(sig) : NULL;
        char *cmd = qf && qsig && qpub ? report_verify_command(res->algo, qpub, qf, qsig) : NULL;
        if (cmd)
            printf("  %s\n", cmd);
        free(cmd);
        free(qf);
        free(qsig);
        free(sig);
    }
    free(qpub);
    free(pub);
}

int cmd_report(const cli_globals *g, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("usage: selfcheck report [--profile P] [--period X] [--format csv,sqlite] [--out DIR]\n"
               "                        [--key FILE] [--passphrase-file F] [--allow-incomplete]\n"
               "                        [--replace]\n"
               "Writes the signed report of an assessment into DIR: UNIT_PROFILE_PERIOD.csv\n"
               "(UTF-8 for spreadsheets) and .sqlite, each with a detached signature FILE.sig\n"
               "made with the unit's private key. An existing report of the same name is\n"
               "kept unless --replace (for a corrected re-issue): then the old files are\n"
               "removed only once the new ones are written and signed.\n"
               "An assessment with unanswered items is refused unless --allow-incomplete\n"
               "(then every row says complete=no). See docs/report-format.md.\n"
               "Defaults: both formats, DIR from [paths] output, the key from [signing] key.\n"
               "DIR must exist (is the USB stick mounted?), except the built-in default\n"
               "DATA/reports, which is created.\n"
               "exit: 0 ok, 2 bad command line, 3 invalid configuration or checklists,\n"
               "4 store error, 5 cannot write, 6 no such assessment or system,\n"
               "7 assessment incomplete, 8 a report file exists, 9 key unusable\n"
               "(missing, readable by others, wrong passphrase, wrong type), 70 internal error.\n");
        return EXIT_OK;
    }
    const char *profile_text = NULL, *period = NULL, *formats = "csv,sqlite", *out_dir = NULL;
    const char *key_path = NULL, *pass_file = NULL;
    bool allow_incomplete = false, replace = false, bad = false;
    for (int i = 1; i < argc; i++) {
        if (cli_option(argc, argv, &i, "--profile", &profile_text, &bad) ||
            cli_option(argc, argv, &i, "--period", &period, &bad) ||
            cli_option(argc, argv, &i, "--format", &formats, &bad) ||
            cli_option(argc, argv, &i, "--out", &out_dir, &bad) ||
            cli_option(argc, argv, &i, "--key", &key_path, &bad) ||
            cli_option(argc, argv, &i, "--passphrase-file", &pass_file, &bad)) {
            if (bad)
                return EXIT_USAGE;
            continue;
        }
        if (strcmp(argv[i], "--allow-incomplete") == 0) {
            allow_incomplete = true;
            continue;
        }
        if (strcmp(argv[i], "--replace") == 0) {
            replace = true;
            continue;
        }
        cli_error("report: unknown argument '%s'", argv[i]);
        return EXIT_USAGE;
    }
    report_options opts = {.allow_incomplete = allow_incomplete, .replace = replace};
    if (parse_formats(formats, &opts.write_csv, &opts.write_sqlite) != 0)
        return EXIT_USAGE;
    session *s;
    int code = cli_open_session(g, profile_text, period, false, &s);
    if (code != EXIT_OK)
        return code;
    char *err = NULL, *passphrase = NULL;
    opts.out_dir = out_dir ? out_dir : s->cfg->output_dir;
    opts.key_path = key_path ? key_path : s->cfg->signing_key;
    if (out_dir == NULL && is_default_output(s->cfg) && fsutil_mkdir_p(opts.out_dir, &err) != 0) {
        cli_error("%s", err);
        free(err);
        session_free(s);
        return EXIT_IO;
    }
    if (pass_file != NULL && report_passphrase_read(pass_file, &passphrase, &err) != 0) {
        cli_error("%s", err);
        free(err);
        session_free(s);
        return EXIT_KEY;
    }
    opts.passphrase = passphrase;
    report_result res;
    report_status st = report_write(s, &opts, &res, &err);
    report_passphrase_free(passphrase);
    code = report_exit_code(st);
    if (st != REPORT_OK) {
        cli_error("%s", err ? err : "cannot write the report");
        const char *hint = st == REPORT_ERR_KEY ? key_hint(res.key_status, pass_file != NULL) : NULL;
        if (hint)
            cli_error("%s", hint);
    } else {
        if (!s->score->complete)
            printf("note:      incomplete: %zu of %zu asked items unanswered (complete=no)\n",
                   s->score->asked - s->score->answered, s->score->asked);
        print_written(&res, opts.key_path);
    }
    free(err);
    report_result_clear(&res);
    session_free(s);
    return code;
}
