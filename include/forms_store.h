/* forms_store.h: where the forms' values are kept: tables of their own in
 * the unit's answer store (the same SQLite file as the answers).
 *
 * The forms open their own connection and keep their own schema version (key
 * `forms_schema` of the table forms_meta), so that they never take a step of
 * the answer store's migrations (docs/store.md). The file must have been
 * opened once with store_open first (which makes it and its systems table). */
#ifndef SELFCHECK_FORMS_STORE_H
#define SELFCHECK_FORMS_STORE_H

#include <stddef.h>
#include "forms.h"
#include "store.h"

#define FORMS_SCHEMA_VERSION 1

typedef struct forms_store forms_store;

/* Opens the forms' tables in the answer store at path, creating them when
 * absent. A store whose forms schema is newer than ours is refused. Returns 0
 * with *out, or FORMS_ERR with *err. */
int forms_store_open(const char *path, forms_store **out, char **err);
void forms_store_close(forms_store *fs);

/* The form as recorded: the unit block and one row for each of the systems
 * (a row of a system no longer registered is kept in the store, not shown).
 * Returns 0 with *out (free with forms_data_free), or FORMS_ERR with *err. */
int forms_store_load(forms_store *fs, const forms_def *def, const system_info *systems, size_t system_count,
                     forms_data **out, char **err);

/* Records every change in one transaction: all or nothing. 0 or FORMS_ERR. */
int forms_store_apply(forms_store *fs, const forms_def *def, const forms_changes *changes, char **err);

#endif
