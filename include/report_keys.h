/* report_keys.h: the small key-file chores that keygen, report and verify
 * share: where a key pair's files are, and reading a passphrase file. */
#ifndef SELFCHECK_REPORT_KEYS_H
#define SELFCHECK_REPORT_KEYS_H

#include <stdbool.h>
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
