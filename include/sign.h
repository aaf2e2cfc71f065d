/* sign.h: signing keys, detached signatures and key ids, through OpenSSL 3 EVP.
 *
 * SM2 with SM3 (distinguishing ID "1234567812345678", GM/T 0009) is the
 * default; Ed25519 is the alternative. A signature is the raw bytes that
 * `openssl pkeyutl -sign -rawin` would produce over a file's exact bytes, so a
 * supervisor can verify with the stock openssl command (docs/report-format.md). */
#ifndef SELFCHECK_SIGN_H
#define SELFCHECK_SIGN_H

#include <stdbool.h>
#include <stddef.h>

typedef enum sign_algo {
    SIGN_ALGO_SM2 = 0,
    SIGN_ALGO_ED25519
} sign_algo;

/* Statuses: 0 is success; the others are distinct so that the command line can
 * map them to documented exit codes. */
typedef enum sign_status {
    SIGN_OK = 0,
    SIGN_ERR_IO = -1,             /* cannot read or write a file */
    SIGN_ERR_BAD_SIGNATURE = -2,  /* signature does not match the data */
    SIGN_ERR_PASSPHRASE = -3,     /* key is encrypted and the passphrase is wrong or missing */
    SIGN_ERR_KEY_PERMISSIONS = -4,/* private key readable by group or others */
    SIGN_ERR_KEY_TYPE = -5,       /* key is not SM2 or Ed25519, or not the kind asked for */
    SIGN_ERR_MALFORMED = -6,      /* not a PEM key, or a signature of impossible size */
    SIGN_ERR_EXISTS = -7,         /* keygen would overwrite a file */
    SIGN_ERR_INTERNAL = -8,       /* OpenSSL failed unexpectedly */
    SIGN_ERR_NOT_ENCRYPTED = -9   /* a passphrase was given for a key that is not encrypted */
} sign_status;

typedef struct sign_key sign_key;   /* opaque: wraps an EVP_PKEY */

/* "sm2" / "ed25519". sign_algo_parse returns 0, or -1 for an unknown name. */
const char *sign_algo_name(sign_algo algo);
int sign_algo_parse(const char *name, sign_algo *out);

/* Generates a key pair: PREFIX.key (PKCS#8 PEM, created 0600, encrypted with
 * AES-256-CBC when passphrase is non-NULL and non-empty) and PREFIX.pub
 * (SubjectPublicKeyInfo PEM). Refuses to overwrite either file. On success
 * stores the key id (see sign_key_id) in *key_id (caller frees). */
sign_status sign_keygen(sign_algo algo, const char *prefix, const char *passphrase,
                        char **key_id, char **err);

/* Loads a private key. Refuses a file that group or others may read. passphrase
 * is NULL (or empty) for an unencrypted key; given for a key that is not
 * encrypted it is refused (SIGN_ERR_NOT_ENCRYPTED): whoever gave it believes
 * the key is protected, and it is not. */
sign_status sign_key_load_private(const char *path, const char *passphrase,
                                  sign_key **out, char **err);
/* Loads a public key (SubjectPublicKeyInfo PEM). */
sign_status sign_key_load_public(const char *path, sign_key **out, char **err);
/* Parses a public key (SubjectPublicKeyInfo PEM) held in memory, so that a
 * caller verifying many files decodes each key once. */
sign_status sign_key_parse_public(const char *pem, size_t len, sign_key **out, char **err);
/* The public key's own bytes (32 for Ed25519, the 65-byte point for SM2),
 * from which sign_key_from_raw_public rebuilds it without decoding PEM:
 * a verifier holding many keys loads them that way. *out: caller frees. */
sign_status sign_key_raw_public(const sign_key *key, unsigned char **out, size_t *len, char **err);
sign_status sign_key_from_raw_public(sign_algo algo, const unsigned char *raw, size_t len, sign_key **out,
                                     char **err);
void sign_key_free(sign_key *key);

sign_algo sign_key_algo(const sign_key *key);
/* The key id: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo (64
 * characters), equal to `openssl pkey -pubin -in K.pub -outform DER | sha256sum`.
 * Returns a new string (caller frees), or NULL on failure. */
char *sign_key_id(const sign_key *key);

/* The public half of a key as SubjectPublicKeyInfo PEM (what PREFIX.pub
 * holds): *pem (caller frees, NUL-terminated) and *len. */
sign_status sign_key_public_pem(const sign_key *key, char **pem, size_t *len, char **err);

/* Signs data. *sig (caller frees) receives the raw signature (DER for SM2,
 * 64 bytes for Ed25519). */
sign_status sign_data(const sign_key *key, const unsigned char *data, size_t len,
                      unsigned char **sig, size_t *sig_len, char **err);
/* Verifies data against a raw signature with a public (or private) key. */
sign_status sign_verify_data(const sign_key *key, const unsigned char *data, size_t len,
                             const unsigned char *sig, size_t sig_len, char **err);

/* True when sig could be a signature of either algorithm: 64 bytes
 * (Ed25519), or a DER SEQUENCE of 8 to 72 bytes (SM2). Anything else is a
 * damaged or foreign .sig file, whatever the key. */
bool sign_signature_plausible(const void *sig, size_t len);

/* Signs the exact bytes of the file at path and writes PATH.sig atomically
 * (refusing to overwrite an existing one). */
sign_status sign_file(const sign_key *key, const char *path, char **err);
/* Verifies the file at path against sig_path (PATH.sig when sig_path is NULL). */
sign_status sign_verify_file(const sign_key *key, const char *path, const char *sig_path,
                             char **err);

#endif
