/* report_keys.c: key pair file names, passphrase files and shell quoting for
 * the keygen, report and verify commands (see report_keys.h). */
#include "report_keys.h"
#include "error.h"
#include "fileset.h"
#include "fsutil.h"
#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#define PASSPHRASE_FILE_MAX 4096

char *report_key_prefix(const char *key_path)
{
    size_t n = strlen(key_path);
    if (n > 4 && strcmp(key_path + n - 4, ".key") == 0)
        n -= 4;
    return strndup(key_path, n);
}

char *report_key_public_path(const char *key_path)
{
    char *prefix = report_key_prefix(key_path);
    char *out = NULL;
    if (prefix == NULL || asprintf(&out, "%s.pub", prefix) < 0)
        out = NULL;
    free(prefix);
    return out;
}

/* The command with `sep` between its groups of options. */
static char *verify_command(sign_algo algo, const char *pubkey, const char *file, const char *sigfile,
                            const char *sep)
{
    char *out = NULL;
    int rc = asprintf(&out, "openssl pkeyutl -verify -pubin -inkey %s -rawin%s-in %s%s-sigfile %s%s%s", pubkey,
                      sep, file, sep, sigfile, algo == SIGN_ALGO_SM2 ? sep : "",
                      algo == SIGN_ALGO_SM2 ? "-digest sm3 -pkeyopt distid:1234567812345678" : "");
    return rc < 0 ? NULL : out;
}

char *report_verify_command(sign_algo algo, const char *pubkey, const char *file, const char *sigfile)
{
    return verify_command(algo, pubkey, file, sigfile, " ");
}

char *report_verify_command_lines(sign_algo algo, const char *pubkey, const char *file, const char *sigfile)
{
    return verify_command(algo, pubkey, file, sigfile, " \\\n    ");
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

char *report_folder_command(sign_algo algo, const char *pub_name, const char *report_path, int lines)
{
    char *sig = NULL, *qpub = NULL, *qfile = NULL, *qsig = NULL, *out = NULL;
    if (asprintf(&sig, "%s.sig", base_of(report_path)) < 0)
        return NULL;
    qpub = report_shell_quote(base_of(pub_name));
    qfile = report_shell_quote(base_of(report_path));
    qsig = report_shell_quote(sig);
    if (qpub && qfile && qsig)
        out = lines ? report_verify_command_lines(algo, qpub, qfile, qsig)
                    : report_verify_command(algo, qpub, qfile, qsig);
    free(sig);
    free(qpub);
    free(qfile);
    free(qsig);
    return out;
}

void report_keygen_result_clear(report_keygen_result *result)
{
    free(result->prefix);
    free(result->key_id);
    memset(result, 0, sizeof *result);
}

/* Makes the folder that will hold PREFIX.key (the data folder may not exist
 * before the first run). */
static int make_key_folder(const char *prefix, char **err)
{
    const char *slash = strrchr(prefix, '/');
    if (slash == NULL || slash == prefix)
        return 0;
    char *dir = strndup(prefix, (size_t)(slash - prefix));
    if (dir == NULL)
        return error_set(err, "%s", _("out of memory"));
    int rc = fsutil_mkdir_p(dir, err);
    free(dir);
    return rc;
}

report_keygen_status report_keygen(const config *cfg, const report_keygen_request *req,
                                   report_keygen_result *result, char **err)
{
    memset(result, 0, sizeof *result);
    const char *algo_name = req->algo ? req->algo : cfg && cfg->signing_algo ? cfg->signing_algo : "sm2";
    if (sign_algo_parse(algo_name, &result->algo) != 0) {
        error_set(err, _("unknown signing algorithm '%s' (sm2 or ed25519)"), algo_name);
        return REPORT_KEYGEN_ERR_ALGO;
    }
    if (req->prefix != NULL) {
        if (*req->prefix == '\0') {
            error_set(err, "%s", _("the key pair needs a file name"));
            return REPORT_KEYGEN_ERR_PATH;
        }
        result->prefix = strdup(req->prefix);
    } else {
        const char *path = cfg ? cfg->signing_key : NULL;
        size_t n = path ? strlen(path) : 0;
        if (n == 0) {
            error_set(err, "%s", _("no signing key is configured ([signing] key)"));
            return REPORT_KEYGEN_ERR_PATH;
        }
        /* report reads [signing] key itself: a pair under another name
         * would never be used */
        if (n <= 4 || strcmp(path + n - 4, ".key") != 0) {
            error_set(err, _("%s: the signing key's file name must end in .key ([signing] key)"), path);
            return REPORT_KEYGEN_ERR_PATH;
        }
        result->prefix = report_key_prefix(path);
    }
    if (result->prefix == NULL) {
        error_set(err, "%s", _("out of memory"));
        return REPORT_KEYGEN_ERR_MEMORY;
    }
    if (req->prefix == NULL && make_key_folder(result->prefix, err) != 0)
        return REPORT_KEYGEN_ERR_FOLDER;
    const char *pass = req->passphrase && *req->passphrase ? req->passphrase : NULL;
    result->sign = sign_keygen(result->algo, result->prefix, pass, &result->key_id, err);
    return result->sign == SIGN_OK ? REPORT_KEYGEN_OK : REPORT_KEYGEN_ERR_KEY;
}

int report_passphrase_read(const char *path, char **out, char **err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    if (fsutil_read_file(path, PASSPHRASE_FILE_MAX, &text, &len, err) != 0) {
        error_prefix(err, _("passphrase file"));
        return -1;
    }
    /* Only the first line counts, so that an editor's final newline does
     * not become part of the passphrase. */
    size_t line = 0;
    while (line < len && text[line] != '\r' && text[line] != '\n' && text[line] != '\0')
        line++;
    const char *why = line == 0 ? _("its first line is empty")
                    : line < len && text[line] == '\0' ? _("it holds a NUL byte") : NULL;
    if (why != NULL) {
        OPENSSL_cleanse(text, len);
        free(text);
        return error_set(err, _("%s: not a usable passphrase file: %s"), path, why);
    }
    char *pass = strndup(text, line);
    OPENSSL_cleanse(text, len);
    free(text);
    if (pass == NULL)
        return error_set(err, _("out of memory"));
    *out = pass;
    return 0;
}

void report_passphrase_free(char *passphrase)
{
    if (passphrase == NULL)
        return;
    OPENSSL_cleanse(passphrase, strlen(passphrase));
    free(passphrase);
}

char *report_shell_quote(const char *text)
{
    bool plain = *text != '\0';
    for (const char *p = text; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./@:+,=", *p))
            plain = false;
    if (plain)
        return strdup(text);
    /* 'it'\''s' */
    size_t quotes = 0;
    for (const char *p = text; *p; p++)
        quotes += *p == '\'';
    char *out = malloc(strlen(text) + 3 * quotes + 3);
    if (out == NULL)
        return NULL;
    char *o = out;
    *o++ = '\'';
    for (const char *p = text; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

/* Puts the unit's public key beside the report as UNITCODE.pub, unless a
 * file of that name is there: it is kept, and if it holds another key that
 * is noted (the openssl command shown would not verify with it). Not being
 * able to write it does not undo the report. */
void report_put_public_key(const char *dir, const char *unit_code, const sign_key *key, char **pubkey_path,
                           bool *conflict)
{
    char *name = NULL, *path = NULL, *pem = NULL;
    size_t len = 0;
    if (asprintf(&name, "%s.pub", unit_code) < 0 || (path = fsutil_join(dir, name)) == NULL)
        goto done;
    fileset_remove_temps(path);   /* what an interrupted write of it left */
    if (fsutil_exists(path)) {
        sign_key *there = NULL;
        char *id = NULL, *mine = sign_key_id(key);
        if (sign_key_load_public(path, &there, NULL) == SIGN_OK && (id = sign_key_id(there)) != NULL && mine &&
            strcmp(id, mine) == 0) {
            *pubkey_path = path;
            path = NULL;
        } else {
            *conflict = true;
        }
        free(id);
        free(mine);
        sign_key_free(there);
        goto done;
    }
    if (sign_key_public_pem(key, &pem, &len, NULL) == SIGN_OK &&
        fsutil_write_atomic(path, pem, len, 0644, false, NULL) == 0) {
        *pubkey_path = path;
        path = NULL;
    }
done:
    free(pem);
    free(path);
    free(name);
}
