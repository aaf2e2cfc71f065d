/* sign.c: key pairs, detached signatures and key ids (see sign.h).
 *
 * Everything goes through OpenSSL 3 EVP so that a supervisor can check a
 * report with the stock `openssl pkeyutl` command and nothing of ours. SM2
 * needs its distinguishing ID set by hand: OpenSSL 3.0 defaults to an empty
 * one, 4.0 to "1234567812345678", and only an explicit ID gives signatures
 * that both (and other GM/T 0009 implementations) accept. Failures that a
 * caller expects (a wrong passphrase, a bad signature) leave OpenSSL's error
 * queue empty so that they cannot surface later as someone else's error. */
#include "sign.h"
#include "error.h"
#include "i18n.h"
#include "fileset.h"
#include "fsutil.h"

#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

/* GM/T 0009-2012 default user ID, the one other SM2 implementations assume. */
#define SM2_DIST_ID "1234567812345678"
#define SM2_DIST_ID_LEN 16

/* Reports are a few MiB at most; the cap only stops a wrong path (a disk
 * image, /dev/zero) from eating memory, since the whole file is signed in one
 * call (Ed25519 cannot stream). */
#define SIGN_MAX_DATA_BYTES ((size_t)256 * 1024 * 1024)
/* SM2 signatures are at most 72 bytes and Ed25519 ones 64. */
#define SIGN_MAX_SIG_BYTES ((size_t)1024)
/* A PEM key, even RSA-8192 and encrypted, is a few KiB. */
#define SIGN_MAX_KEY_FILE_BYTES ((size_t)64 * 1024)
/* Smallest DER SM2 signature: SEQUENCE { INTEGER 1 byte, INTEGER 1 byte }. */
#define SM2_MIN_SIG_BYTES 8
#define ED25519_SIG_BYTES 64
/* Largest: SEQUENCE { INTEGER 33 bytes, INTEGER 33 bytes } with headers. */
#define SM2_MAX_SIG_BYTES 72

struct sign_key {
    EVP_PKEY *pkey;
    sign_algo algo;
    bool has_private;
};

/* Handed to OpenSSL as the PEM password callback so that it never falls back
 * to prompting on the terminal, and so that we learn whether the key was
 * encrypted at all: that is what separates a passphrase problem from a file
 * that is not a key. */
struct passphrase_ctx {
    const char *passphrase;  /* NULL or "" when the caller has none */
    bool asked;
};

/* Stores "message (OpenSSL: reason)" and empties the error queue. */
__attribute__((format(printf, 3, 4)))
static sign_status sign_fail_ossl(char **err, sign_status status, const char *fmt, ...)
{
    char reason[256] = "no reason given";
    unsigned long code = ERR_peek_last_error();
    if (code != 0)
        ERR_error_string_n(code, reason, sizeof reason);
    ERR_clear_error();
    char *message = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&message, fmt, ap);
    va_end(ap);
    error_set(err, _("%s (OpenSSL: %s)"), n < 0 ? _("OpenSSL failed") : message, reason);
    if (n >= 0)
        free(message);
    return status;
}

const char *sign_algo_name(sign_algo algo)
{
    switch (algo) {
    case SIGN_ALGO_SM2:
        return "sm2";
    case SIGN_ALGO_ED25519:
        return "ed25519";
    }
    return "unknown";
}

int sign_algo_parse(const char *name, sign_algo *out)
{
    if (name == NULL)
        return -1;
    if (strcasecmp(name, "sm2") == 0) {
        *out = SIGN_ALGO_SM2;
        return 0;
    }
    if (strcasecmp(name, "ed25519") == 0) {
        *out = SIGN_ALGO_ED25519;
        return 0;
    }
    return -1;
}

/* An EC key on the SM2 curve is stored exactly like an SM2 key (there is no
 * separate OID), and OpenSSL 3 loads both as "SM2", so this also accepts keys
 * made with `openssl ecparam -name SM2`. */
static int sign_pkey_algo(const EVP_PKEY *pkey, sign_algo *out)
{
    if (EVP_PKEY_is_a(pkey, "SM2")) {
        *out = SIGN_ALGO_SM2;
        return 0;
    }
    if (EVP_PKEY_is_a(pkey, "ED25519")) {
        *out = SIGN_ALGO_ED25519;
        return 0;
    }
    return -1;
}

/* Wraps pkey (taking ownership, also on failure). */
static sign_status sign_key_wrap(EVP_PKEY *pkey, bool has_private, const char *path,
                                 sign_key **out, char **err)
{
    sign_algo algo;
    if (sign_pkey_algo(pkey, &algo) != 0) {
        const char *type = EVP_PKEY_get0_type_name(pkey);
        error_set(err, _("%s: %s key; selfcheck signs only with SM2 or Ed25519 keys"),
                  path, type ? type : "unknown");
        EVP_PKEY_free(pkey);
        return SIGN_ERR_KEY_TYPE;
    }
    sign_key *key = calloc(1, sizeof *key);
    if (key == NULL) {
        EVP_PKEY_free(pkey);
        error_set(err, _("%s: out of memory"), path);
        return SIGN_ERR_INTERNAL;
    }
    key->pkey = pkey;
    key->algo = algo;
    key->has_private = has_private;
    *out = key;
    return SIGN_OK;
}

static int sign_passphrase_supply(char *buf, int size, int rwflag, void *u)
{
    (void)rwflag;
    struct passphrase_ctx *ctx = u;
    ctx->asked = true;
    if (ctx->passphrase == NULL || ctx->passphrase[0] == '\0')
        return -1;
    size_t n = strlen(ctx->passphrase);
    if (size < 0 || n > (size_t)size)
        return -1;
    memcpy(buf, ctx->passphrase, n);
    return (int)n;
}

/* Reads a non-secret regular file whole (never waiting on a FIFO), so that
 * an oversized file is reported as malformed rather than as an I/O error. */
static sign_status sign_read_capped(const char *path, size_t max, char **buf, size_t *len, char **err)
{
    int rc = fsutil_read_regular(path, max, buf, len, err);
    if (rc == 0)
        return SIGN_OK;
    return rc == FSUTIL_TOO_LARGE ? SIGN_ERR_MALFORMED : SIGN_ERR_IO;
}

/* Cleansed, then freed by the allocator that made it (malloc): OpenSSL's
 * OPENSSL_clear_free would hand it to OpenSSL's allocator, which is the C
 * library's only by default. */
static void sign_secret_free(char *buf)
{
    if (buf == NULL)
        return;
    OPENSSL_cleanse(buf, SIGN_MAX_KEY_FILE_BYTES + 1);
    free(buf);
}

/* Reads a private key file. The mode is checked with fstat on the descriptor
 * that is then read, so the file checked is the file used. The buffer is
 * allocated once (no realloc leaving copies of the key behind); the caller
 * cleanses and frees it with sign_secret_free. */
static sign_status sign_read_private_file(const char *path, char **buf, size_t *len, char **err)
{
    *buf = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        error_set(err, "%s: %s", path, i18n_strerror(errno));
        return SIGN_ERR_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        error_set(err, "%s: %s", path, i18n_strerror(errno));
        close(fd);
        return SIGN_ERR_IO;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, _("%s: not a regular file"), path);
        close(fd);
        return SIGN_ERR_IO;
    }
    if ((st.st_mode & 077) != 0) {
        if (st.st_mode & 044)
            error_set(err, _("%1$s: readable by group or others (mode %2$04o); run chmod 600 %1$s"), path,
                      (unsigned)(st.st_mode & 07777));
        else
            error_set(err, _("%1$s: writable by group or others (mode %2$04o); run chmod 600 %1$s"), path,
                      (unsigned)(st.st_mode & 07777));
        close(fd);
        return SIGN_ERR_KEY_PERMISSIONS;
    }
    char *data = malloc(SIGN_MAX_KEY_FILE_BYTES + 1);
    if (data == NULL) {
        error_set(err, _("%s: out of memory"), path);
        close(fd);
        return SIGN_ERR_INTERNAL;
    }
    size_t used = 0;
    for (;;) {
        ssize_t n = read(fd, data + used, SIGN_MAX_KEY_FILE_BYTES + 1 - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            error_set(err, "%s: %s", path, i18n_strerror(errno));
            close(fd);
            sign_secret_free(data);
            return SIGN_ERR_IO;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        if (used > SIGN_MAX_KEY_FILE_BYTES) {
            error_set(err, _("%s: more than %zu bytes, too large to be a key file"),
                      path, SIGN_MAX_KEY_FILE_BYTES);
            close(fd);
            sign_secret_free(data);
            return SIGN_ERR_MALFORMED;
        }
    }
    close(fd);
    data[used] = '\0';
    *buf = data;
    *len = used;
    return SIGN_OK;
}

sign_status sign_key_load_private(const char *path, const char *passphrase,
                                  sign_key **out, char **err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    sign_status status = sign_read_private_file(path, &text, &len, err);
    if (status != SIGN_OK)
        return status;
    BIO *bio = BIO_new_mem_buf(text, (int)len);
    if (bio == NULL) {
        sign_secret_free(text);
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("%s: cannot read key"), path);
    }
    struct passphrase_ctx pw = { passphrase, false };
    EVP_PKEY *pkey = PEM_read_bio_PrivateKey(bio, NULL, sign_passphrase_supply, &pw);
    BIO_free(bio);
    bool public_only = strstr(text, "-----BEGIN PUBLIC KEY-----") != NULL;
    sign_secret_free(text);
    if (pkey == NULL) {
        ERR_clear_error();
        if (pw.asked && (passphrase == NULL || passphrase[0] == '\0')) {
            error_set(err, _("%s: key is encrypted; a passphrase is needed"), path);
            return SIGN_ERR_PASSPHRASE;
        }
        if (pw.asked) {
            error_set(err, _("%s: wrong passphrase (or the key file is damaged)"), path);
            return SIGN_ERR_PASSPHRASE;
        }
        if (public_only) {
            error_set(err, _("%s: a public key; signing needs the private key (.key)"), path);
            return SIGN_ERR_MALFORMED;
        }
        error_set(err, _("%s: not a PEM private key"), path);
        return SIGN_ERR_MALFORMED;
    }
    if (!pw.asked && passphrase != NULL && passphrase[0] != '\0') {
        EVP_PKEY_free(pkey);
        error_set(err, _("%s: the key is not encrypted, yet a passphrase was given"), path);
        return SIGN_ERR_NOT_ENCRYPTED;
    }
    return sign_key_wrap(pkey, true, path, out, err);
}

sign_status sign_key_load_public(const char *path, sign_key **out, char **err)
{
    *out = NULL;
    char *text = NULL;
    size_t len = 0;
    sign_status status = sign_read_capped(path, SIGN_MAX_KEY_FILE_BYTES, &text, &len, err);
    if (status != SIGN_OK)
        return status;
    BIO *bio = BIO_new_mem_buf(text, (int)len);
    if (bio == NULL) {
        free(text);
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("%s: cannot read key"), path);
    }
    /* The callback matters even here: given an encrypted private key,
     * PEM_read_bio_PUBKEY would otherwise prompt on the terminal. */
    struct passphrase_ctx pw = { NULL, false };
    EVP_PKEY *pkey = PEM_read_bio_PUBKEY(bio, NULL, sign_passphrase_supply, &pw);
    BIO_free(bio);
    bool private_given = strstr(text, "PRIVATE KEY-----") != NULL;
    /* Someone may have pointed us at the private key by mistake. */
    OPENSSL_cleanse(text, len);
    free(text);
    if (pkey == NULL) {
        ERR_clear_error();
        if (private_given) {
            error_set(err, _("%s: a private key; verifying needs the public key (.pub)"), path);
            return SIGN_ERR_MALFORMED;
        }
        error_set(err, _("%s: not a PEM public key"), path);
        return SIGN_ERR_MALFORMED;
    }
    return sign_key_wrap(pkey, false, path, out, err);
}

void sign_key_free(sign_key *key)
{
    if (key == NULL)
        return;
    EVP_PKEY_free(key->pkey);
    free(key);
}

sign_algo sign_key_algo(const sign_key *key)
{
    return key->algo;
}

static char *sign_pkey_id(const EVP_PKEY *pkey)
{
    unsigned char *der = NULL;
    int der_len = i2d_PUBKEY(pkey, &der);
    if (der_len <= 0) {
        ERR_clear_error();
        return NULL;
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    int ok = EVP_Digest(der, (size_t)der_len, digest, &digest_len, EVP_sha256(), NULL);
    OPENSSL_free(der);
    if (!ok) {
        ERR_clear_error();
        return NULL;
    }
    char *hex = malloc((size_t)digest_len * 2 + 1);
    if (hex == NULL)
        return NULL;
    static const char digits[] = "0123456789abcdef";
    for (unsigned int i = 0; i < digest_len; i++) {
        hex[2 * i] = digits[digest[i] >> 4];
        hex[2 * i + 1] = digits[digest[i] & 0x0f];
    }
    hex[2 * digest_len] = '\0';
    return hex;
}

char *sign_key_id(const sign_key *key)
{
    if (key == NULL)
        return NULL;
    return sign_pkey_id(key->pkey);
}

/* Turns a PEM memory BIO into a file. The BIO's buffer is cleansed before it
 * is freed because for an unencrypted key it holds the key in clear. */
static sign_status sign_bio_write_file(BIO *bio, const char *path, mode_t mode, char **err)
{
    char *data = NULL;
    long len = BIO_get_mem_data(bio, &data);
    sign_status status = SIGN_OK;
    if (len <= 0 || data == NULL) {
        status = sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("%s: no PEM produced"), path);
    } else {
        int rc = fsutil_write_atomic(path, data, (size_t)len, mode, false, err);
        status = rc == 0 ? SIGN_OK : rc == FSUTIL_EXISTS ? SIGN_ERR_EXISTS : SIGN_ERR_IO;
    }
    if (len > 0 && data != NULL)
        OPENSSL_cleanse(data, (size_t)len);
    return status;
}

sign_status sign_keygen(sign_algo algo, const char *prefix, const char *passphrase,
                        char **key_id, char **err)
{
    if (key_id != NULL)
        *key_id = NULL;
    char *key_path = NULL, *pub_path = NULL;
    if (asprintf(&key_path, "%s.key", prefix) < 0) {
        error_set(err, _("out of memory"));
        return SIGN_ERR_INTERNAL;
    }
    if (asprintf(&pub_path, "%s.pub", prefix) < 0) {
        free(key_path);
        error_set(err, _("out of memory"));
        return SIGN_ERR_INTERNAL;
    }
    EVP_PKEY *pkey = NULL;
    BIO *key_bio = NULL, *pub_bio = NULL;
    char *id = NULL;
    sign_status status = SIGN_OK;
    bool encrypt = passphrase != NULL && passphrase[0] != '\0';

    /* A pair that an interrupted keygen left half-made (its marker is
     * there and nobody holds it) is removed first: the pair appears whole
     * or not at all. */
    char *marker_path = NULL;
    fileset_marker marker = {.fd = -1};
    if (asprintf(&marker_path, "%s.keygen-incomplete", prefix) < 0) {
        marker_path = NULL;
        error_set(err, _("out of memory"));
        status = SIGN_ERR_INTERNAL;
        goto done;
    }
    char *left = NULL;
    if (fileset_claim(marker_path, &left, &marker, NULL) == 1) {
        unlink(pub_path);
        unlink(key_path);
        fileset_remove_temps(pub_path);
        fileset_remove_temps(key_path);
        fileset_end(&marker, NULL);
    }
    free(left);
    fileset_remove_temps(marker_path);

    /* Both checked before either is written, so a refusal leaves nothing
     * behind and never half a pair. */
    if (fsutil_exists(key_path) || fsutil_exists(pub_path)) {
        error_set(err, _("%s: already exists, not overwritten"),
                  fsutil_exists(key_path) ? key_path : pub_path);
        status = SIGN_ERR_EXISTS;
        goto done;
    }
    /* The same limit the loader's passphrase buffer has, so that every key we
     * write can be read back. */
    if (encrypt && strlen(passphrase) > PEM_BUFSIZE - 1) {
        error_set(err, _("passphrase longer than %d bytes"), PEM_BUFSIZE - 1);
        status = SIGN_ERR_PASSPHRASE;
        goto done;
    }
    if (algo == SIGN_ALGO_SM2)
        pkey = EVP_PKEY_Q_keygen(NULL, NULL, "SM2");
    else if (algo == SIGN_ALGO_ED25519)
        pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
    else {
        error_set(err, _("unknown signature algorithm %d"), (int)algo);
        status = SIGN_ERR_KEY_TYPE;
        goto done;
    }
    if (pkey == NULL) {
        status = sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("cannot generate an %s key"),
                                sign_algo_name(algo));
        goto done;
    }
    key_bio = BIO_new(BIO_s_mem());
    pub_bio = BIO_new(BIO_s_mem());
    if (key_bio == NULL || pub_bio == NULL) {
        status = sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("out of memory"));
        goto done;
    }
    int ok = encrypt
        ? PEM_write_bio_PKCS8PrivateKey(key_bio, pkey, EVP_aes_256_cbc(), passphrase,
                                        (int)strlen(passphrase), NULL, NULL)
        : PEM_write_bio_PKCS8PrivateKey(key_bio, pkey, NULL, NULL, 0, NULL, NULL);
    if (!ok) {
        status = sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("%s: cannot encode the private key"),
                                key_path);
        goto done;
    }
    if (!PEM_write_bio_PUBKEY(pub_bio, pkey)) {
        status = sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("%s: cannot encode the public key"),
                                pub_path);
        goto done;
    }
    id = sign_pkey_id(pkey);
    if (id == NULL) {
        error_set(err, _("cannot compute the key id"));
        status = SIGN_ERR_INTERNAL;
        goto done;
    }
    int mrc = fileset_begin(marker_path, "selfcheck keygen\n", &marker, err);
    if (mrc != 0) {
        status = mrc == FSUTIL_EXISTS ? SIGN_ERR_EXISTS : SIGN_ERR_IO;
        goto done;
    }
    status = sign_bio_write_file(key_bio, key_path, 0600, err);
    if (status == SIGN_OK)
        status = sign_bio_write_file(pub_bio, pub_path, 0644, err);
    if (status != SIGN_OK) {
        /* A private key without its public half is useless and would block
         * the next attempt; both are ours, written a moment ago. */
        unlink(pub_path);
        unlink(key_path);
        fileset_end(&marker, NULL);
        goto done;
    }
    if (fileset_end(&marker, err) != 0) {
        status = SIGN_ERR_IO;
        goto done;
    }
    if (key_id != NULL) {
        *key_id = id;
        id = NULL;
    }
done:
    free(marker_path);
    free(id);
    BIO_free(key_bio);
    BIO_free(pub_bio);
    EVP_PKEY_free(pkey);
    free(key_path);
    free(pub_path);
    return status;
}

/* Prepares a context for signing or verifying. SM2 gets its distinguishing
 * ID on a pkey context attached before the Init call, which then uses that
 * context instead of making its own. The caller frees *mctx and then *pctx:
 * the digest context does not own a context given to it this way. */
static sign_status sign_ctx_open(const sign_key *key, bool for_signing,
                                 EVP_MD_CTX **mctx_out, EVP_PKEY_CTX **pctx_out, char **err)
{
    *mctx_out = NULL;
    *pctx_out = NULL;
    EVP_MD_CTX *mctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX *pctx = NULL;
    const EVP_MD *md = NULL;
    if (mctx == NULL)
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("out of memory"));
    if (key->algo == SIGN_ALGO_SM2) {
        pctx = EVP_PKEY_CTX_new(key->pkey, NULL);
        if (pctx == NULL
            || EVP_PKEY_CTX_set1_id(pctx, SM2_DIST_ID, SM2_DIST_ID_LEN) <= 0) {
            EVP_PKEY_CTX_free(pctx);
            EVP_MD_CTX_free(mctx);
            return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("cannot set the SM2 ID"));
        }
        EVP_MD_CTX_set_pkey_ctx(mctx, pctx);
        md = EVP_sm3();
    }
    int ok = for_signing
        ? EVP_DigestSignInit(mctx, NULL, md, NULL, key->pkey)
        : EVP_DigestVerifyInit(mctx, NULL, md, NULL, key->pkey);
    if (ok <= 0) {
        EVP_MD_CTX_free(mctx);
        EVP_PKEY_CTX_free(pctx);
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL,
                              for_signing ? _("cannot start %s signing") : _("cannot start %s verification"),
                              sign_algo_name(key->algo));
    }
    *mctx_out = mctx;
    *pctx_out = pctx;
    return SIGN_OK;
}

sign_status sign_data(const sign_key *key, const unsigned char *data, size_t len,
                      unsigned char **sig, size_t *sig_len, char **err)
{
    static const unsigned char empty[1];
    *sig = NULL;
    *sig_len = 0;
    if (!key->has_private) {
        error_set(err, _("a public key cannot sign; load the private key"));
        return SIGN_ERR_KEY_TYPE;
    }
    int max = EVP_PKEY_get_size(key->pkey);
    if (max <= 0)
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("cannot size the signature"));
    EVP_MD_CTX *mctx = NULL;
    EVP_PKEY_CTX *pctx = NULL;
    sign_status status = sign_ctx_open(key, true, &mctx, &pctx, err);
    if (status != SIGN_OK)
        return status;
    unsigned char *out = malloc((size_t)max);
    size_t out_len = (size_t)max;
    if (out == NULL) {
        error_set(err, _("out of memory"));
        status = SIGN_ERR_INTERNAL;
    } else if (EVP_DigestSign(mctx, out, &out_len, data ? data : empty, len) <= 0) {
        status = sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("%s signing failed"),
                                sign_algo_name(key->algo));
        free(out);
    } else {
        *sig = out;
        *sig_len = out_len;
    }
    EVP_MD_CTX_free(mctx);
    EVP_PKEY_CTX_free(pctx);
    return status;
}

sign_status sign_verify_data(const sign_key *key, const unsigned char *data, size_t len,
                             const unsigned char *sig, size_t sig_len, char **err)
{
    static const unsigned char empty[1];
    if (key->algo == SIGN_ALGO_ED25519 && sig_len != ED25519_SIG_BYTES) {
        error_set(err, _("signature is %zu bytes; Ed25519 signatures are %d"),
                  sig_len, ED25519_SIG_BYTES);
        return SIGN_ERR_MALFORMED;
    }
    if (key->algo == SIGN_ALGO_SM2) {
        int max = EVP_PKEY_get_size(key->pkey);
        if (sig_len < SM2_MIN_SIG_BYTES || max <= 0 || sig_len > (size_t)max) {
            ERR_clear_error();
            error_set(err, _("signature is %zu bytes; SM2 signatures are %d to %d"),
                      sig_len, SM2_MIN_SIG_BYTES, max);
            return SIGN_ERR_MALFORMED;
        }
    }
    EVP_MD_CTX *mctx = NULL;
    EVP_PKEY_CTX *pctx = NULL;
    sign_status status = sign_ctx_open(key, false, &mctx, &pctx, err);
    if (status != SIGN_OK)
        return status;
    /* 0 is a mismatch and a negative value a signature that does not even
     * parse (SM2 DER); both mean the same thing to the caller. */
    if (EVP_DigestVerify(mctx, sig, sig_len, data ? data : empty, len) != 1) {
        ERR_clear_error();
        error_set(err, _("signature does not match (the data changed after signing, "
                  "or another key signed it)"));
        status = SIGN_ERR_BAD_SIGNATURE;
    }
    EVP_MD_CTX_free(mctx);
    EVP_PKEY_CTX_free(pctx);
    return status;
}

sign_status sign_key_public_pem(const sign_key *key, char **pem, size_t *len, char **err)
{
    *pem = NULL;
    *len = 0;
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL || !PEM_write_bio_PUBKEY(bio, key->pkey)) {
        BIO_free(bio);
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("cannot encode the public key"));
    }
    char *data = NULL;
    long n = BIO_get_mem_data(bio, &data);
    char *copy = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (copy == NULL) {
        BIO_free(bio);
        error_set(err, _("out of memory"));
        return SIGN_ERR_INTERNAL;
    }
    memcpy(copy, data, (size_t)n);
    copy[n] = '\0';
    BIO_free(bio);
    *pem = copy;
    *len = (size_t)n;
    return SIGN_OK;
}

bool sign_signature_plausible(const void *sig, size_t len)
{
    const unsigned char *b = sig;
    if (len == ED25519_SIG_BYTES)
        return true;
    return b != NULL && len >= SM2_MIN_SIG_BYTES && len <= SM2_MAX_SIG_BYTES && b[0] == 0x30;
}

sign_status sign_file(const sign_key *key, const char *path, char **err)
{
    char *sig_path = NULL;
    if (asprintf(&sig_path, "%s.sig", path) < 0) {
        error_set(err, _("out of memory"));
        return SIGN_ERR_INTERNAL;
    }
    char *data = NULL;
    size_t len = 0;
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    sign_status status;
    /* Checked first so that a refusal costs no reading and no signing. */
    if (fsutil_exists(sig_path)) {
        error_set(err, _("%s: already exists, not overwritten"), sig_path);
        status = SIGN_ERR_EXISTS;
        goto done;
    }
    status = sign_read_capped(path, SIGN_MAX_DATA_BYTES, &data, &len, err);
    if (status != SIGN_OK)
        goto done;
    status = sign_data(key, (const unsigned char *)data, len, &sig, &sig_len, err);
    if (status != SIGN_OK) {
        error_prefix(err, "%s", path);
        goto done;
    }
    int rc = fsutil_write_atomic(sig_path, sig, sig_len, 0644, false, err);
    if (rc != 0)
        status = rc == FSUTIL_EXISTS ? SIGN_ERR_EXISTS : SIGN_ERR_IO;
done:
    free(sig);
    free(data);
    free(sig_path);
    return status;
}

sign_status sign_verify_file(const sign_key *key, const char *path, const char *sig_path,
                             char **err)
{
    char *own_sig_path = NULL;
    if (sig_path == NULL) {
        if (asprintf(&own_sig_path, "%s.sig", path) < 0) {
            error_set(err, _("out of memory"));
            return SIGN_ERR_INTERNAL;
        }
        sig_path = own_sig_path;
    }
    char *data = NULL, *sig = NULL;
    size_t len = 0, sig_len = 0;
    sign_status status = sign_read_capped(sig_path, SIGN_MAX_SIG_BYTES, &sig, &sig_len, err);
    if (status != SIGN_OK)
        goto done;
    status = sign_read_capped(path, SIGN_MAX_DATA_BYTES, &data, &len, err);
    if (status != SIGN_OK)
        goto done;
    status = sign_verify_data(key, (const unsigned char *)data, len,
                              (const unsigned char *)sig, sig_len, err);
    if (status == SIGN_ERR_BAD_SIGNATURE)
        error_set(err, _("%s: does not match signature %s (the file changed after signing, "
                  "or another key signed it)"), path, sig_path);
    else if (status != SIGN_OK)
        error_prefix(err, "%s", sig_path);
done:
    free(data);
    free(sig);
    free(own_sig_path);
    return status;
}

sign_status sign_key_parse_public(const char *pem, size_t len, sign_key **out, char **err)
{
    *out = NULL;
    if (len > SIGN_MAX_KEY_FILE_BYTES) {
        error_set(err, _("a public key of %zu bytes is too large"), len);
        return SIGN_ERR_MALFORMED;
    }
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    if (bio == NULL)
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("cannot read key"));
    struct passphrase_ctx pw = { NULL, false };
    EVP_PKEY *pkey = PEM_read_bio_PUBKEY(bio, NULL, sign_passphrase_supply, &pw);
    BIO_free(bio);
    if (pkey == NULL) {
        ERR_clear_error();
        error_set(err, _("not a PEM public key"));
        return SIGN_ERR_MALFORMED;
    }
    return sign_key_wrap(pkey, false, "public key", out, err);
}

sign_status sign_key_raw_public(const sign_key *key, unsigned char **out, size_t *len, char **err)
{
    *out = NULL;
    *len = 0;
    unsigned char buf[256];
    size_t n = 0;
    int ok = key->algo == SIGN_ALGO_ED25519
        ? (n = sizeof buf, EVP_PKEY_get_raw_public_key(key->pkey, buf, &n))
        : EVP_PKEY_get_octet_string_param(key->pkey, OSSL_PKEY_PARAM_PUB_KEY, buf, sizeof buf, &n);
    if (ok != 1 || n == 0)
        return sign_fail_ossl(err, SIGN_ERR_INTERNAL, _("cannot read the public key's bytes"));
    *out = malloc(n);
    if (*out == NULL) {
        error_set(err, _("out of memory"));
        return SIGN_ERR_INTERNAL;
    }
    memcpy(*out, buf, n);
    *len = n;
    return SIGN_OK;
}

/* The SM2 curve's parameters as a key without a point, made once: a key
 * copies its curve from it rather than building the curve from its name,
 * which costs some 25 µs a key (25 ms for a review's 1,000 units). */
static EVP_PKEY *sm2_curve;
static pthread_once_t sm2_curve_once = PTHREAD_ONCE_INIT;

static void sm2_curve_make(void)
{
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
    char group[] = "SM2";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
        OSSL_PARAM_construct_end(),
    };
    if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) <= 0 ||
        EVP_PKEY_fromdata(ctx, &sm2_curve, EVP_PKEY_KEY_PARAMETERS, params) <= 0)
        sm2_curve = NULL;
    EVP_PKEY_CTX_free(ctx);
    ERR_clear_error();
}

/* An SM2 public key from its encoded point on the curve made once; NULL
 * when that cannot be done (then the key is built from the curve's name). */
static EVP_PKEY *sm2_from_curve(const unsigned char *raw, size_t len)
{
    pthread_once(&sm2_curve_once, sm2_curve_make);
    if (sm2_curve == NULL)
        return NULL;
    EVP_PKEY *pkey = EVP_PKEY_new();
    if (pkey == NULL || EVP_PKEY_copy_parameters(pkey, sm2_curve) <= 0 ||
        EVP_PKEY_set1_encoded_public_key(pkey, raw, len) <= 0) {
        EVP_PKEY_free(pkey);
        ERR_clear_error();
        return NULL;
    }
    return pkey;
}

sign_status sign_key_from_raw_public(sign_algo algo, const unsigned char *raw, size_t len, sign_key **out,
                                     char **err)
{
    *out = NULL;
    EVP_PKEY *pkey = NULL;
    if (algo == SIGN_ALGO_ED25519) {
        pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, len);
    } else if ((pkey = sm2_from_curve(raw, len)) != NULL) {
        /* the point is on the curve: set1_encoded_public_key checked it */
    } else {
        EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "SM2", NULL);
        char group[] = "SM2";
        OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_PKEY_PARAM_GROUP_NAME, group, 0),
            OSSL_PARAM_construct_octet_string(OSSL_PKEY_PARAM_PUB_KEY, (void *)(uintptr_t)raw, len),
            OSSL_PARAM_construct_end(),
        };
        if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) <= 0 ||
            EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0)
            pkey = NULL;
        EVP_PKEY_CTX_free(ctx);
    }
    if (pkey == NULL)
        return sign_fail_ossl(err, SIGN_ERR_MALFORMED, _("not a %s public key"), sign_algo_name(algo));
    return sign_key_wrap(pkey, false, "public key", out, err);
}
