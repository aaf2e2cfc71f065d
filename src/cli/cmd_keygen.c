/* cmd_keygen.c: `selfcheck keygen`: makes the unit's signing key pair
 * (PREFIX.key and PREFIX.pub) and prints its key id (docs/signing.md). */
#include "cli.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
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
    if (cli_wants_help(argc, argv)) {
        printf("usage: selfcheck keygen [--algo sm2|ed25519] [--out PREFIX] [--passphrase-file F]\n"
               "Makes the unit's signing key pair: PREFIX.key, the private key (PKCS#8 PEM,\n"
               "mode 0600, encrypted with the first line of F when --passphrase-file is\n"
               "given), and PREFIX.pub, the public key to give the supervisor. Prints the\n"
               "key id (SHA-256 of the DER public key). Never overwrites a key.\n"
               "Defaults: --algo from [signing] algo (sm2: SM2 with SM3), --out from\n"
               "[signing] key without its .key ending (DATA/unit).\n"
               "exit: 0 ok, 2 bad command line, 3 invalid configuration, 5 cannot write,\n"
               "8 a key file exists, 9 unusable passphrase file, 70 internal error.\n");
        return EXIT_OK;
    }
    const char *algo_text = NULL, *out = NULL, *pass_file = NULL;
    bool bad = false;
    for (int i = 1; i < argc; i++) {
        if (cli_option(argc, argv, &i, "--algo", &algo_text, &bad) ||
            cli_option(argc, argv, &i, "--out", &out, &bad) ||
            cli_option(argc, argv, &i, "--passphrase-file", &pass_file, &bad)) {
            if (bad)
                return EXIT_USAGE;
            continue;
        }
        cli_error("keygen: unknown argument '%s'", argv[i]);
        return EXIT_USAGE;
    }
    config *cfg = NULL;
    if (algo_text == NULL || out == NULL) {
        if ((cfg = cli_load_config(g)) == NULL)
            return EXIT_INPUT;
        if (algo_text == NULL)
            algo_text = cfg->signing_algo;
    }
    sign_algo algo;
    if (sign_algo_parse(algo_text, &algo) != 0) {
        cli_error("keygen: unknown algorithm '%s' (sm2 or ed25519)", algo_text);
        config_free(cfg);
        return EXIT_USAGE;
    }
    char *prefix = out ? strdup(out) : cfg ? report_key_prefix(cfg->signing_key) : NULL;
    if (prefix == NULL || *prefix == '\0') {
        cli_error("keygen: no key path: give --out PREFIX");
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
        cli_error("%s", err ? err : "cannot make the key pair");
    } else {
        printf("private key: %s.key (keep it secret%s)\n", prefix,
               pass_file ? ", encrypted" : "; not encrypted");
        printf("public key:  %s.pub (give it to your supervisor)\n", prefix);
        printf("algorithm:   %s\n", sign_algo_name(algo));
        printf("key id:      %s\n", key_id);
    }
    free(err);
    free(key_id);
    free(prefix);
    return code;
}
