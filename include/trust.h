/* trust.h: the public keys a supervisor trusts, by unit.
 *
 * A trust store holds decoded public keys (sign_key), each with the unit it
 * belongs to and its key id; a unit may have more than one key (a new key
 * after a lost machine), and a key id names one entry. Keys are decoded once
 * when they are added, never again per report: decoding PEM costs more than
 * checking a signature. Today the store is filled from a folder of
 * UNITCODE.pub files (verify --trust); the supervisor's registry adds its
 * keys with trust_add. Reading a key id or a unit code from a report before
 * its signature is checked only chooses which of these keys to try. */
#ifndef SELFCHECK_TRUST_H
#define SELFCHECK_TRUST_H

#include <stdbool.h>
#include <stddef.h>
#include "sign.h"

typedef enum trust_status {
    TRUST_OK = 0,
    TRUST_ERR_IO = -1,        /* the folder cannot be read */
    TRUST_ERR_NOMEM = -2,     /* out of memory */
    TRUST_ERR_INVALID = -3    /* not a unit code, or a key id already given to another unit */
} trust_status;

/* One trusted key. The store owns all of it. */
typedef struct trust_entry {
    char *unit_code;
    char *key_id;       /* lower-case hex SHA-256 of the public key (sign_key_id) */
    char *source;       /* where it came from (a file path), for messages; may be "" */
    sign_key *key;
} trust_entry;

typedef struct trust_store trust_store;

/* A new empty store (trust_free it), or NULL when out of memory. */
trust_store *trust_new(void);
void trust_free(trust_store *t);

/* Whether a report that none of the keys chosen by what it claims verifies
 * is then tried against every other key of the store (the default, false:
 * `verify --trust` names the unit whose key signed it). The supervisor's
 * import sets it: with a thousand units a rejected report must cost a few
 * verifications, not one per registered key. */
void trust_set_chosen_only(trust_store *t, bool chosen_only);
bool trust_chosen_only(const trust_store *t);

/* Adds a key for a unit, taking ownership of key (also on failure). source
 * may be NULL. Adding the same key id for the same unit again is a no-op;
 * for another unit it is TRUST_ERR_INVALID. Returns a trust_status, with
 * *err on failure. */
trust_status trust_add(trust_store *t, const char *unit_code, sign_key *key, const char *source, char **err);
/* trust_add with the key's id given (lower-case hex, as sign_key_id makes
 * it) by a caller that keeps it, as the supervisor's registry does: the id
 * is not computed again. NULL computes it. */
trust_status trust_add_id(trust_store *t, const char *unit_code, sign_key *key, const char *key_id,
                          const char *source, char **err);

/* Adds every UNITCODE.pub of a folder (UNITCODE a valid unit code). Files
 * that are not usable public keys are passed over and counted in *skipped
 * (when non-NULL). Returns a trust_status, with *err on failure. */
trust_status trust_load_dir(trust_store *t, const char *dir, size_t *skipped, char **err);

/* The entry with this key id, or NULL. */
const trust_entry *trust_find_id(const trust_store *t, const char *key_id);
/* True when the unit has at least one key. */
bool trust_has_unit(const trust_store *t, const char *unit_code);
/* Every entry, in the order added: the count, and entry i (i < count). */
size_t trust_count(const trust_store *t);
const trust_entry *trust_get(const trust_store *t, size_t i);

#endif
