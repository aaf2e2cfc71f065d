/* review_db.h: the supervisor's review database: units, their keys, and the
 * verified reports imported from them (docs/review.md).
 *
 * One SQLite file, apart from any unit's answer store: by default
 * $XDG_DATA_HOME/selfcheck/review.db. WAL with synchronous=FULL; the schema
 * is versioned by PRAGMA user_version and migrated forward on open. Only
 * reports that verified are stored, each with the SHA-256 of every file it
 * came from and the id of the key that signed it. The database implements
 * the importer interface of review_import.h; verification does not know it. */
#ifndef SELFCHECK_REVIEW_DB_H
#define SELFCHECK_REVIEW_DB_H

#include <stdbool.h>
#include <stddef.h>
#include "review_import.h"
#include "review_verify.h"

/* The schema this code writes and reads (PRAGMA user_version). */
#define REVIEW_DB_VERSION 6
/* PRAGMA application_id of a review database: "SCKV". */
#define REVIEW_DB_APPLICATION_ID 0x53434B56

typedef struct review_db review_db;

/* What went wrong, as a kind the command line maps to an exit code. */
typedef enum review_db_status {
    REVIEW_DB_OK = 0,
    REVIEW_DB_ERROR = -1,        /* the database cannot be opened, read or written */
    REVIEW_DB_EXISTS = -2,       /* the unit or key is registered already */
    REVIEW_DB_NOT_FOUND = -3,    /* no such unit or key */
    REVIEW_DB_INVALID = -4,      /* a bad code, name, date or key id */
    REVIEW_DB_KEY_MISMATCH = -5, /* the key's id is not the one the unit wrote on its form */
    REVIEW_DB_KEY_BAD = -6,      /* the key file is not an SM2 or Ed25519 public key */
    REVIEW_DB_IN_USE = -7        /* the unit has imported reports and cannot be removed */
} review_db_status;

/* The default path, $XDG_DATA_HOME/selfcheck/review.db (or
 * ~/.local/share/...). Caller frees; NULL without HOME or memory. */
char *review_db_default_path(void);

/* Opens (creating it and its folder when absent) and migrates the database.
 * Returns REVIEW_DB_OK with *out (close with review_db_close), or an error
 * with *err. A database of a newer schema than this code is refused. One
 * thread at a time uses an open database (it is opened without SQLite's
 * per-call locking, which cost the import's writer a lock per bound value). */
review_db_status review_db_open(const char *path, review_db **out, char **err);
void review_db_close(review_db *db);

/* ---- the registry ---- */

/* Registers a unit. region and level may be NULL or "". */
review_db_status review_unit_add(review_db *db, const char *code, const char *name, const char *region,
                                 const char *level, char **err);
/* Removes a unit and its keys; refused (REVIEW_DB_IN_USE) when reports of
 * it were imported, since every figure must stay traceable to its key. */
review_db_status review_unit_remove(review_db *db, const char *code, char **err);

/* Registers a public key (PEM bytes) for a unit, valid for reports of
 * periods ending from valid_from (YYYY-MM-DD; NULL is today) on; a key
 * registered earlier for the unit then only covers periods ending by that
 * day. With expected_id (the hex id from the unit's form; case and spaces
 * are ignored) a key with another id is refused. *key_id (caller frees)
 * receives the id. */
review_db_status review_key_add(review_db *db, const char *unit_code, const char *pem, size_t pem_len,
                                const char *expected_id, const char *valid_from, char **key_id, char **err);
/* Revokes a key (by its id, or the unique key id prefix of at least 8 hex
 * digits) at `at` (YYYY-MM-DDTHH:MM:SS; NULL is now): no report signed
 * with it is imported from then on; reports imported before stay, marked. */
review_db_status review_key_revoke(review_db *db, const char *key_id, const char *at, char **err);

typedef struct review_key_info {
    char *key_id, *algo, *valid_from, *revoked_at;  /* revoked_at "" when not revoked */
} review_key_info;

typedef struct review_unit_info {
    char *code, *name, *region, *level;
    review_key_info *keys;   /* oldest first */
    size_t key_count;
    long report_count;       /* reports imported */
} review_unit_info;

/* Every unit, by code. Returns REVIEW_DB_OK with *out and *count (free
 * with review_units_free). */
review_db_status review_units_list(review_db *db, review_unit_info **out, size_t *count, char **err);
void review_units_free(review_unit_info *units, size_t count);

/* The registry as it is now, keys decoded, for verification (today and now
 * from the clock, SELFCHECK_NOW in tests). Free with review_registry_free. */
review_db_status review_db_registry(review_db *db, review_registry **out, char **err);

/* The database's side of the importer interface (review_import.h). The
 * importer borrows db. */
void review_db_importer(review_db *db, review_importer *out);

/* The open connection, for the query module (review_query.h). */
struct sqlite3 *review_db_handle(review_db *db);

#endif
