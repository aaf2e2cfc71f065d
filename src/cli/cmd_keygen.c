/* cmd_keygen.c: `selfcheck keygen`: makes the unit's signing key pair
 * (PREFIX.key and PREFIX.pub) and prints its key id (docs/signing.md). */
#include "cli.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "fsutil.h"
#include "report_keys.h"
#include "sign.h"

static int keygen_exit_code(sign_status st)
{
    switch (st) {
    case SIGN_OK: return EXIT_OK;
    case SIGN_ERR_EXISTS: return EXIT_EXISTS;
    case SIGN_ERR_IO: return EXIT_IO;
    case SIGN_ERR_PASSPHRASE: return EXIT_KEY;
    default: return EXIT_INTERNAL;
    }
}

/* Creates the folder the default key goes into (the data folder may not
 * exist before the first run). */
static int make_parent(const char *prefix)
{
    char *copy = strdup(prefix);
    if (copy == NULL)
        return -1;
    char *err = NULL;
    int rc = fsutil_mkdir_p(dirname(copy), &err);
    if (rc != 0) {
        cli_error("%s", err);
        free(err);
    }
    free(copy);
    return rc;
}

int cmd_keygen(const cli_globals *g, int argc, char **argv)
{
    const char *algo_text = NULL, *out = NULL, *pass_file = NULL;
    const cli_option opts[] = {
        {"algo", "sm2|ed25519", N_("the algorithm (default: [signing] algo; sm2 is SM2 with SM3)"), &algo_text, NULL,
         false},
        {"out", "PREFIX", N_("write PREFIX.key and PREFIX.pub (default: [signing] key without .key)"), &out, NULL,
         false},
        {"passphrase-file", "F", N_("encrypt the private key with the first line of F"), &pass_file, NULL, false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_IO, EXIT_EXISTS, EXIT_KEY, EXIT_INTERNAL, -1};
    static const cli_help help = {
        "keygen", NULL,
        N_("Makes the unit's signing key pair: PREFIX.key, the private key (PKCS#8 PEM,\n"
        "mode 0600), and PREFIX.pub, the public key to give the supervisor. Prints the\n"
        "key id (SHA-256 of the DER public key). Never overwrites a key.\n"),
        exits};
    int done = cli_parse_options(argc, argv, opts, &help);
    if (done != CLI_CONTINUE)
        return done;
    config *cfg = NULL;
    if (algo_text == NULL || out == NULL) {
        if ((cfg = cli_load_config(g)) == NULL)
            return EXIT_INPUT;
        if (algo_text == NULL)
            algo_text = cfg->signing_algo;
    }
    sign_algo algo;
    if (sign_algo_parse(algo_text, &algo) != 0) {
        cli_error(_("keygen: unknown algorithm '%s' (sm2 or ed25519)"), algo_text);
        config_free(cfg);
        return EXIT_USAGE;
    }
    char *prefix = out ? strdup(out) : cfg ? report_key_prefix(cfg->signing_key) : NULL;
    if (prefix == NULL || *prefix == '\0') {
        cli_error("%s", _("keygen: no key path: give --out PREFIX"));
        free(prefix);
        config_free(cfg);
        return EXIT_USAGE;
    }
    config_free(cfg);
    if (out == NULL && make_parent(prefix) != 0) {
        free(prefix);
        return EXIT_IO;
    }
    char *passphrase = NULL, *err = NULL, *key_id = NULL;
    if (pass_file != NULL && report_passphrase_read(pass_file, &passphrase, &err) != 0) {
        cli_error("%s", err);
        free(err);
        free(prefix);
        return EXIT_KEY;
    }
    sign_status st = sign_keygen(algo, prefix, passphrase, &key_id, &err);
    report_passphrase_free(passphrase);
    int code = keygen_exit_code(st);
    if (st != SIGN_OK) {
        cli_error("%s", err ? err : _("cannot make the key pair"));
    } else {
        printf(pass_file ? _("private key: %s.key (keep it secret, encrypted)\n")
                         : _("private key: %s.key (keep it secret; not encrypted)\n"),
               prefix);
        printf(_("public key:  %s.pub (give it to your supervisor)\n"), prefix);
        printf(_("algorithm:   %s\n"), sign_algo_name(algo));
        /* the key id line is read by people and scripts alike: its label stays */
        printf("key id:      %s\n", key_id);
    }
    free(err);
    free(key_id);
    free(prefix);
    return code;
}
