/* review_verify.h: the supervisor's check of one report against the registry.
 *
 * Verification knows nothing of where reports are stored: it is given a
 * registry (units and their keys, each key decoded once) and the bytes of a
 * report and its signature, and says whether the report is genuine, and if
 * not why, as a reason code. The review database fills a registry
 * (review_db.h); another store could too. A registry is read-only once
 * built, so worker threads share one. */
#ifndef SELFCHECK_REVIEW_VERIFY_H
#define SELFCHECK_REVIEW_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include "report_read.h"
#include "sign.h"
#include "trust.h"

/* Why a report is not imported. Stable codes: the import command prints them
 * as machine-readable tokens (docs/review.md). */
typedef enum review_reason {
    REVIEW_OK = 0,
    REVIEW_BAD_SIGNATURE,     /* the file changed after signing */
    REVIEW_UNKNOWN_UNIT,      /* no such unit in the registry */
    REVIEW_KEY_MISMATCH,      /* signed with another unit's key, or a key not registered for the unit */
    REVIEW_KEY_REVOKED,       /* the key was revoked: nothing signed with it is imported */
    REVIEW_KEY_NOT_YET_VALID, /* the key is registered from a later day */
    REVIEW_KEY_REPLACED,      /* an old key, replaced before the end of the report's period */
    REVIEW_MALFORMED,         /* cannot be read, or is not a selfcheck report (truncated, damaged) */
    REVIEW_INCOMPLETE,        /* unanswered items, and incomplete reports not allowed */
    REVIEW_PAIR_MISMATCH,     /* its CSV/SQLite twin is another report, or was rejected */
    REVIEW_ID_CONFLICT,       /* its report id was imported before with other content */
    REVIEW_REASON_COUNT
} review_reason;

/* The token of a reason ("bad-signature", "unknown-unit"...): never translated. */
const char *review_reason_token(review_reason r);

/* A registered key. */
typedef struct review_key {
    char key_id[65];          /* lower-case hex SHA-256 of the DER public key */
    char *unit_code;
    sign_key *key;            /* decoded once */
    char valid_from[11];      /* YYYY-MM-DD: the day it was registered for */
    char replaced_on[11];     /* the valid_from of the unit's next key, or "" */
    bool revoked;             /* revoked at or before the time the registry was read */
} review_key;

typedef struct review_registry {
    char **units;             /* sorted unit codes */
    size_t unit_count;
    review_key *keys;         /* sorted by key_id */
    size_t key_count;
    char today[11];           /* the day the registry was read (keys not yet valid) */
    trust_store *trust;       /* the keys, for report_verify_bytes; owns them once finished */
} review_registry;

/* Frees the registry and everything it owns; NULL is fine. */
void review_registry_free(review_registry *r);
/* Sorts the registry's arrays, fills replaced_on and moves the keys into
 * the registry's trust store (each review_key's key then points into it);
 * call once after filling. 0, or -1 with *err (out of memory, or a key
 * whose id is not the one stored). */
int review_registry_finish(review_registry *r, char **err);
/* The key with that id, or NULL. */
const review_key *review_registry_key(const review_registry *r, const char *key_id);
bool review_registry_has_unit(const review_registry *r, const char *unit_code);

/* A report that verified, or the reason it did not. */
typedef struct review_checked {
    review_reason reason;
    char *detail;             /* one line saying why, or NULL when OK */
    report_doc *doc;          /* the verified content; NULL unless REVIEW_OK */
    char file_sha256[65];     /* of the report file's bytes ("" when unreadable) */
    char content_sha256[65];  /* of the parsed content, the same for a CSV and its SQLite twin */
    char key_id[65];          /* the key that verified it */
    bool known;               /* its bytes were imported before: not checked again (doc NULL) */
} review_checked;

void review_checked_clear(review_checked *c);

/* Reads the file at path and PATH.sig once, hashes the bytes, and verifies
 * and parses them with report_verify_bytes over the registry's trust store,
 * then applies the review's rules for the key (docs/review.md). A file whose hash is in `known` (sorted
 * hex SHA-256 strings, may be NULL) is not checked again: REVIEW_OK with
 * out->known set and no doc. Fills *out in every case (clear with
 * review_checked_clear). Returns the reason (REVIEW_OK when genuine). */
review_reason review_check_file(const review_registry *r, const char *path, bool allow_incomplete,
                                char *const *known, size_t known_count, review_checked *out);

/* The last day of a report's period ("2026-11" -> 2026-11-30, "2026-H1" ->
 * 2026-06-30, "2026-11-15@oa" -> 2026-11-15). 0, or -1 when it is not one. */
int review_period_end(const char *period, char out[11]);

#endif
