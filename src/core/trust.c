/* trust.c: the store of trusted public keys by unit (see trust.h).
 *
 * A plain array: a supervisor registers hundreds of units, not millions,
 * and a look-up by key id is a string comparison per entry, far below the
 * cost of the signature check that follows it. */
#include "trust.h"
#include "ident.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct trust_store {
    trust_entry *entries;
    size_t count, capacity;
    bool chosen_only;
};

trust_store *trust_new(void)
{
    return calloc(1, sizeof(trust_store));
}

void trust_set_chosen_only(trust_store *t, bool chosen_only)
{
    t->chosen_only = chosen_only;
}

bool trust_chosen_only(const trust_store *t)
{
    return t != NULL && t->chosen_only;
}

static void entry_clear(trust_entry *e)
{
    free(e->unit_code);
    free(e->key_id);
    free(e->source);
    sign_key_free(e->key);
}

void trust_free(trust_store *t)
{
    if (t == NULL)
        return;
    for (size_t i = 0; i < t->count; i++)
        entry_clear(&t->entries[i]);
    free(t->entries);
    free(t);
}

const trust_entry *trust_find_id(const trust_store *t, const char *key_id)
{
    if (t == NULL || key_id == NULL)
        return NULL;
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->entries[i].key_id, key_id) == 0)
            return &t->entries[i];
    return NULL;
}

bool trust_has_unit(const trust_store *t, const char *unit_code)
{
    if (t == NULL || unit_code == NULL)
        return false;
    for (size_t i = 0; i < t->count; i++)
        if (strcmp(t->entries[i].unit_code, unit_code) == 0)
            return true;
    return false;
}

size_t trust_count(const trust_store *t)
{
    return t ? t->count : 0;
}

const trust_entry *trust_get(const trust_store *t, size_t i)
{
    return t && i < t->count ? &t->entries[i] : NULL;
}

trust_status trust_add(trust_store *t, const char *unit_code, sign_key *key, const char *source, char **err)
{
    return trust_add_id(t, unit_code, key, NULL, source, err);
}

trust_status trust_add_id(trust_store *t, const char *unit_code, sign_key *key, const char *key_id,
                          const char *source, char **err)
{
    if (!ident_unit_code_valid(unit_code)) {
        sign_key_free(key);
        error_set(err, _("'%.80s' is not a unit code (1 to 32 letters, digits, '-' and '_')"),
                  unit_code ? unit_code : "");
        return TRUST_ERR_INVALID;
    }
    /* the id from the caller where it is known: OpenSSL's encoder makes
     * the DER that the id hashes at a cost of about 0.15 ms a key */
    char *id = key_id ? strdup(key_id) : sign_key_id(key);
    if (id == NULL) {
        sign_key_free(key);
        error_set(err, _("out of memory"));
        return TRUST_ERR_NOMEM;
    }
    const trust_entry *known = trust_find_id(t, id);
    if (known != NULL) {
        bool same = strcmp(known->unit_code, unit_code) == 0;
        if (!same)
            error_set(err, _("key %s is registered for unit %s already, not also for %s"), id,
                      known->unit_code, unit_code);
        free(id);
        sign_key_free(key);
        return same ? TRUST_OK : TRUST_ERR_INVALID;
    }
    if (t->count == t->capacity) {
        size_t capacity = t->capacity ? 2 * t->capacity : 16;
        trust_entry *grown = realloc(t->entries, capacity * sizeof *grown);
        if (grown == NULL) {
            free(id);
            sign_key_free(key);
            error_set(err, _("out of memory"));
            return TRUST_ERR_NOMEM;
        }
        t->entries = grown;
        t->capacity = capacity;
    }
    trust_entry e = {.unit_code = strdup(unit_code), .key_id = id, .source = strdup(source ? source : ""),
                     .key = key};
    if (e.unit_code == NULL || e.source == NULL) {
        entry_clear(&e);
        error_set(err, _("out of memory"));
        return TRUST_ERR_NOMEM;
    }
    t->entries[t->count++] = e;
    return TRUST_OK;
}

static int pub_file(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return n > 4 && strcmp(e->d_name + n - 4, ".pub") == 0;
}

trust_status trust_load_dir(trust_store *t, const char *dir, size_t *skipped, char **err)
{
    if (skipped)
        *skipped = 0;
    struct dirent **names = NULL;
    /* sorted, so that the same folder always gives the same store */
    int n = scandir(dir, &names, pub_file, alphasort);
    if (n < 0) {
        error_set(err, _("%s: cannot read the folder of trusted keys: %s"), dir, i18n_strerror(errno));
        return TRUST_ERR_IO;
    }
    trust_status status = TRUST_OK;
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        char *unit = status == TRUST_OK ? strndup(name, strlen(name) - 4) : NULL;
        char *path = unit ? fsutil_join(dir, name) : NULL;
        sign_key *key = NULL;
        if (status != TRUST_OK) {
            /* only freeing the rest */
        } else if (unit == NULL || path == NULL) {
            error_set(err, _("out of memory"));
            status = TRUST_ERR_NOMEM;
        } else if (!ident_unit_code_valid(unit) || sign_key_load_public(path, &key, NULL) != SIGN_OK) {
            if (skipped)
                (*skipped)++;
        } else {
            trust_status st = trust_add(t, unit, key, path, NULL);
            if (st == TRUST_ERR_NOMEM) {
                error_set(err, _("out of memory"));
                status = st;
            } else if (st != TRUST_OK && skipped) {
                (*skipped)++;
            }
        }
        free(unit);
        free(path);
        free(names[i]);
    }
    free(names);
    return status;
}
