/* report_keys.h: the small key-file chores that keygen, report and verify
 * share: where a key pair's files are, making the configured pair, and
 * reading a passphrase file. */
#ifndef SELFCHECK_REPORT_KEYS_H
#define SELFCHECK_REPORT_KEYS_H

#include <stdbool.h>

#include "config.h"
#include "sign.h"

/* The prefix of a key pair from its private key path: "dir/unit.key" gives
 * "dir/unit"; a path without ".key" is its own prefix. Caller frees. */
char *report_key_prefix(const char *key_path);
/* The public half next to a private key: PREFIX.pub. Caller frees. */
char *report_key_public_path(const char *key_path);

/* The openssl command that verifies `file` against `sigfile` with the public
 * key `pubkey` (all three used as given: quote them first where a shell
 * needs it): with -digest sm3 and the GM/T 0009 id for SM2, without them for
 * Ed25519. Caller frees. */
char *report_verify_command(sign_algo algo, const char *pubkey, const char *file, const char *sigfile);
/* The same command over several lines joined by " \" line continuations,
 * each short enough for an 80-column screen, so that it can be copied from
 * the screen and pasted into a shell as it is. Caller frees. */
char *report_verify_command_lines(sign_algo algo, const char *pubkey, const char *file, const char *sigfile);

/* The openssl command that verifies the report at report_path with the
 * public key file pub_name, to be run in the report's folder: both files by
 * their base names, quoted for a POSIX shell where needed; over several
 * lines (as report_verify_command_lines) when `lines`. The export screen
 * and `report` show it. Caller frees; NULL when out of memory. */
char *report_folder_command(sign_algo algo, const char *pub_name, const char *report_path, int lines);

/* Puts the unit's public key beside a signed file set in dir as
 * UNITCODE.pub (the name verify --trust and the supervisor's registry
 * expect), unless a file of that name is there: it is kept, and when it
 * holds another key *conflict is set (it is never overwritten). *pubkey_path
 * (caller frees) is the file holding this key, or stays NULL when it could not
 * be written or holds another key. Not being able to write it is no failure
 * of the set: the report and the incident export both call this. */
void report_put_public_key(const char *dir, const char *unit_code, const sign_key *key, char **pubkey_path,
                           bool *conflict);

/* "Make the configured key pair": what `selfcheck keygen`, the first-run
 * screen and the export screen all do. */
typedef struct report_keygen_request {
    const char *algo;        /* "sm2" or "ed25519"; NULL: [signing] algo of cfg (sm2 without one) */
    const char *prefix;      /* writes PREFIX.key and PREFIX.pub; NULL: [signing] key of cfg,
                                which must end in .key, and its folder is made */
    const char *passphrase;  /* encrypts the private key; NULL or "": not encrypted */
} report_keygen_request;

typedef struct report_keygen_result {
    char *prefix;            /* the pair written: PREFIX.key, PREFIX.pub */
    sign_algo algo;
    char *key_id;            /* sign_key_id of the new key */
    sign_status sign;        /* with REPORT_KEYGEN_ERR_KEY: what sign_keygen said */
} report_keygen_result;

typedef enum report_keygen_status {
    REPORT_KEYGEN_OK = 0,
    REPORT_KEYGEN_ERR_ALGO,      /* an unknown algorithm name (given or configured) */
    REPORT_KEYGEN_ERR_PATH,      /* no prefix given and no usable [signing] key */
    REPORT_KEYGEN_ERR_FOLDER,    /* the configured key's folder cannot be made */
    REPORT_KEYGEN_ERR_KEY,       /* sign_keygen failed: result->sign says how */
    REPORT_KEYGEN_ERR_MEMORY
} report_keygen_status;

/* Makes the key pair of the request, filling in from cfg (may be NULL when
 * the request names both algo and prefix) what it leaves out. Never prints.
 * Returns REPORT_KEYGEN_OK with *result (clear with
 * report_keygen_result_clear), or another status with *err in the user's
 * language; *result is cleared first, so clearing it is always right. */
report_keygen_status report_keygen(const config *cfg, const report_keygen_request *req,
                                   report_keygen_result *result, char **err);
void report_keygen_result_clear(report_keygen_result *result);

/* Reads a passphrase from the first line of a file (the line end, LF or
 * CRLF, is not part of it). Refuses an empty passphrase and files over 4 KiB.
 * Returns 0 with *out (free with report_passphrase_free), or -1 with *err. */
int report_passphrase_read(const char *path, char **out, char **err);
/* Wipes and frees a passphrase; NULL is fine. */
void report_passphrase_free(char *passphrase);

/* The path quoted for a POSIX shell when it needs it ('...' with ' escaped),
 * for printing commands a user can paste. Caller frees. */
char *report_shell_quote(const char *text);

#endif
