/* cmd_keygen.c: `selfcheck keygen`: makes the unit's signing key pair
 * (PREFIX.key and PREFIX.pub) and prints its key id (docs/signing.md). */
#include "cli.h"

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
    if ((algo_text == NULL || out == NULL) && (cfg = cli_load_config(g)) == NULL)
        return EXIT_INPUT;
    char *passphrase = NULL, *err = NULL;
    if (pass_file != NULL && report_passphrase_read(pass_file, &passphrase, &err) != 0) {
        cli_error("%s", err);
        free(err);
        config_free(cfg);
        return EXIT_KEY;
    }
    report_keygen_request req = {algo_text, out, passphrase};
    report_keygen_result res;
    report_keygen_status st = report_keygen(cfg, &req, &res, &err);
    report_passphrase_free(passphrase);
    config_free(cfg);
    int code = EXIT_OK;
    switch (st) {
    case REPORT_KEYGEN_OK: break;
    case REPORT_KEYGEN_ERR_ALGO:
    case REPORT_KEYGEN_ERR_PATH: code = EXIT_USAGE; break;
    case REPORT_KEYGEN_ERR_FOLDER: code = EXIT_IO; break;
    case REPORT_KEYGEN_ERR_KEY: code = keygen_exit_code(res.sign); break;
    case REPORT_KEYGEN_ERR_MEMORY: code = EXIT_INTERNAL; break;
    }
    if (st != REPORT_KEYGEN_OK) {
        cli_error("%s", err ? err : _("cannot make the key pair"));
    } else {
        printf(pass_file ? _("private key: %s.key (keep it secret, encrypted)\n")
                         : _("private key: %s.key (keep it secret; not encrypted)\n"),
               res.prefix);
        printf(_("public key:  %s.pub (give it to your supervisor)\n"), res.prefix);
        printf(_("algorithm:   %s\n"), sign_algo_name(res.algo));
        /* the key id line is read by people and scripts alike: its label stays */
        printf("key id:      %s\n", res.key_id);
    }
    free(err);
    report_keygen_result_clear(&res);
    return code;
}
