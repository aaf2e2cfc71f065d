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
            cli_error(_("report: unknown format '%s' (csv, sqlite or csv,sqlite)"), tok);
            rc = -1;
        }
    }
    free(copy);
    if (rc == 0 && !*csv && !*sqlite) {
        cli_error("%s", _("report: --format needs csv, sqlite or csv,sqlite"));
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

const char *cli_key_hint(sign_status st, bool have_passphrase)
{
    switch (st) {
    case SIGN_ERR_IO: return _("make the unit's key with 'selfcheck keygen', or give --key FILE");
    case SIGN_ERR_PASSPHRASE:
        /* "wrong passphrase" says it all when one was given */
        return have_passphrase ? NULL : _("give --passphrase-file FILE");
    case SIGN_ERR_NOT_ENCRYPTED:
        return _("leave out --passphrase-file, or encrypt the key (docs/signing.md)");
    case SIGN_ERR_KEY_TYPE: return _("the key must be an SM2 or Ed25519 private key (selfcheck keygen)");
    default: return NULL;
    }
}

/* Prints the files written and the command that checks each by hand. */
static void print_written(const report_result *res, const char *unit_code)
{
    printf(_("report id: %s\n"), res->report_id);
    const char *files[2] = {res->csv_path, res->sqlite_path};
    for (int i = 0; i < 2; i++)
        if (files[i])
            /* TRANSLATORS: the file and its signature, one under the other */
            printf(_("wrote:     %s\n           %s.sig\n"), files[i], files[i]);
    printf(_("signed by: key id %s (%s)\n"), res->key_id, sign_algo_name(res->algo));
    if (res->pubkey_path)
        printf(_("public key: %s\n"), res->pubkey_path);
    else if (res->pubkey_conflict)
        cli_error(_("warning: the report folder holds a %s.pub with another key; it was not overwritten, and the "
                    "command below needs the unit's own public key there"),
                  unit_code);
    char *pub = NULL;
    if (res->pubkey_path == NULL && asprintf(&pub, "%s.pub", unit_code) < 0)
        pub = NULL;
    const char *pub_name = res->pubkey_path ? res->pubkey_path : pub;
    const char *first = files[0] ? files[0] : files[1];
    char *dir = first ? strndup(first, strrchr(first, '/') ? (size_t)(strrchr(first, '/') - first) : 0) : NULL;
    /* TRANSLATORS: %s is the report folder */
    printf(_("check by hand in %s (prints \"Signature Verified Successfully\"):\n"), dir && *dir ? dir : ".");
    for (int i = 0; i < 2 && pub_name; i++) {
        if (files[i] == NULL)
            continue;
        char *cmd = report_folder_command(res->algo, pub_name, files[i], 0);
        if (cmd)
            printf("  %s\n", cmd);
        free(cmd);
    }
    free(dir);
    free(pub);
}

/* Whether path holds a PEM public key, given where the private key belongs. */
static bool key_file_is_public(const char *path)
{
    char *text = NULL, *err = NULL;
    size_t len = 0;
    bool pub = false;
    if (fsutil_read_regular(path, 64 * 1024, &text, &len, &err) == 0)
        pub = strstr(text, "-----BEGIN PUBLIC KEY-----") != NULL && strstr(text, "PRIVATE KEY-----") == NULL;
    if (text != NULL)
        memset(text, 0, len);   /* it may be the private key: do not leave it in freed memory */
    free(text);
    free(err);   /* an unreadable key is reported by the signing itself */
    return pub;
}

int cmd_report(const cli_globals *g, int argc, char **argv)
{
    const char *profile_text = NULL, *period = NULL, *formats = "csv,sqlite", *out_dir = NULL;
    const char *key_path = NULL, *pass_file = NULL;
    bool allow_incomplete = false, replace = false;
    const cli_option options[] = {
        CLI_OPTION_PROFILE(&profile_text),
        CLI_OPTION_PERIOD(&period),
        {"format", "csv,sqlite", N_("csv, sqlite or both (default: both)"), &formats, NULL, false},
        {"out", "DIR", N_("the folder to write into (default: [paths] output)"), &out_dir, NULL, false},
        {"key", "FILE", N_("the unit's private key (default: [signing] key)"), &key_path, NULL, false},
        {"passphrase-file", "F", N_("the passphrase of an encrypted key: the first line of F"), &pass_file, NULL, false},
        {"allow-incomplete", NULL, N_("report an assessment with unanswered items (complete=no)"), NULL,
         &allow_incomplete, false},
        {"replace", NULL, N_("replace an existing report of the same name (a corrected re-issue)"), NULL, &replace,
         false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK,         EXIT_USAGE,  EXIT_INPUT, EXIT_STORE, EXIT_IO, EXIT_NOT_FOUND,
                                EXIT_INCOMPLETE, EXIT_EXISTS, EXIT_KEY,   EXIT_INTERNAL, -1};
    static const cli_help help = {
        "report", NULL,
        N_("Writes the signed report of an assessment into DIR: UNIT_PROFILE_PERIOD.csv\n"
        "(UTF-8 for spreadsheets) and .sqlite, each with a detached signature FILE.sig\n"
        "made with the unit's private key. An existing report of the same name is\n"
        "kept unless --replace: then the old files are removed only once the new ones\n"
        "are written and signed. DIR must exist (is the USB stick mounted?), except\n"
        "the built-in default DATA/reports, which is created. See docs/report-format.md.\n"),
        exits};
    int done = cli_parse_options(argc, argv, options, &help);
    if (done != CLI_CONTINUE)
        return done;
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
    if (opts.key_path != NULL && key_file_is_public(opts.key_path)) {
        /* said first: its mode (0644, as a public key may be) is not the problem */
        cli_error(_("%s is a public key: reports are signed with the unit's private key (the .key file "
                    "beside it); the public key is the one to give to your supervisor"),
                  opts.key_path);
        session_free(s);
        return EXIT_KEY;
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
        /* one line: the problem, then what to do about it */
        const char *hint = st == REPORT_ERR_KEY ? cli_key_hint(res.key_status, pass_file != NULL) : NULL;
        if (hint)
            cli_error(_("%1$s: %2$s"), err ? err : _("cannot write the report"), hint);
        else
            cli_error("%s", err ? err : _("cannot write the report"));
    } else {
        if (!s->score->complete)
            printf(_("note:      incomplete: %zu of %zu asked items unanswered (complete=no)\n"),
                   s->score->asked - s->score->answered, s->score->asked);
        print_written(&res, s->assessment->unit_code);
    }
    free(err);
    report_result_clear(&res);
    session_free(s);
    return code;
}
