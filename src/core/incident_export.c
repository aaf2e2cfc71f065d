/* incident_export.c: incident records as a signed CSV file (see
 * incident_export.h and docs/incidents.md#export).
 *
 * The signature is the report's: sign_data over the file's exact bytes, so
 * the same openssl command verifies it; the two files are one set under a
 * marker (fileset.h), the public key goes beside them as the report puts it
 * (report_put_public_key). Verifying reads the file once, checks the
 * signature over those bytes before believing anything in them, and parses
 * the same bytes. */
#include "incident_export.h"
#include "csvfile.h"
#include "error.h"
#include "fileset.h"
#include "fsutil.h"
#include "i18n.h"
#include "incident_deadline.h"
#include "report_keys.h"
#include "trust.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Exports list a unit's incidents: only the owner may read them. */
#define EXPORT_FILE_MODE 0600
#define MARK_SUFFIX ".incident-incomplete"
#define BOM "\xEF\xBB\xBF"

static const char *const columns[] = {
    "incident_format", "unit_code", "unit_name", "key_id", "exported_at", "incident", "title",
    "system_id", "level", "warning", "facts", "recorded_at", "entry", "name", "at", "due", "status",
    "clause", "text",
};
enum { NCOLUMNS = sizeof columns / sizeof columns[0] };
enum { C_UNIT = 1, C_UNIT_NAME = 2, C_EXPORTED = 4, C_INCIDENT = 5, C_ENTRY = 12 };

/* The columns of one row after the incident's: entry, name, at, due, status, clause, text. */
typedef struct entry_cells {
    const char *entry, *name, *at, *due, *status, *clause, *text;
} entry_cells;

/* One guarded field. */
static void put(csvfile_buffer *b, const char *text, int last)
{
    char *g = csvfile_guard(text);
    if (g == NULL)
        b->failed = 1;
    csvfile_buffer_field(b, g, last);
    free(g);
}

static void put_row(csvfile_buffer *b, const incident_export_options *o, const char *key_id,
                    const incident_record *rec, const entry_cells *e)
{
    char format[16], id[24];
    snprintf(format, sizeof format, "%d", INCIDENT_EXPORT_FORMAT);
    snprintf(id, sizeof id, "%lld", rec->id);
    const char *cells[NCOLUMNS] = {
        format, o->unit_code, o->unit_name, key_id, o->now, id, rec->title, rec->system_id,
        incident_level_token(rec->level), incident_warning_token(rec->warning), rec->facts, rec->recorded_at,
        e->entry, e->name, e->at, e->due, e->status, e->clause, e->text,
    };
    for (int c = 0; c < NCOLUMNS; c++)
        put(b, cells[c] ? cells[c] : "", c == NCOLUMNS - 1);
}

/* The rule of that id in the rules set, or NULL (a rule since removed). */
static const incident_rule *rule_find(const incident_rules *r, const char *id, size_t len)
{
    for (size_t i = 0; i < r->rule_count; i++)
        if (strlen(r->rules[i].id) == len && strncmp(r->rules[i].id, id, len) == 0)
            return &r->rules[i];
    return NULL;
}

/* The rows of one incident. */
static int render_record(csvfile_buffer *b, const incident_rules *rules, const incident_record *rec,
                         const incident_export_options *o, const char *key_id, char **err)
{
    entry_cells e = {"incident", "", "", "", "", "", ""};
    put_row(b, o, key_id, rec, &e);
    for (const char *p = rec->rules; *p;) {
        size_t len = strcspn(p, " ");
        char *name = strndup(p, len);
        if (name == NULL)
            return error_set(err, "%s", _("out of memory"));
        const incident_rule *rule = rule_find(rules, p, len);
        e = (entry_cells){"rule", name, "", "", "", rule ? rule->clause : "", rule ? incident_rule_text(rule, o->lang) : ""};
        put_row(b, o, key_id, rec, &e);
        free(name);
        p += len;
        p += *p == ' ';
    }
    for (size_t i = 0; i < rec->event_count; i++) {
        const incident_event *ev = &rec->events[i];
        e = (entry_cells){"event", incident_event_token(ev->kind), ev->at, "", "", "", ev->text};
        put_row(b, o, key_id, rec, &e);
    }
    incident_deadline *limits = NULL;
    size_t n = 0;
    if (incident_deadlines(rules, rec, o->now, &limits, &n, err) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const incident_deadline *d = &limits[i];
        e = (entry_cells){"limit", d->action->id, d->done, d->due, incident_deadline_token(d->status),
                          d->action->clause, incident_action_text(d->action, o->lang)};
        put_row(b, o, key_id, rec, &e);
    }
    free(limits);
    for (size_t i = 0; i < rules->action_count && rec->level != INCIDENT_LEVEL_NONE; i++) {
        const incident_action *a = &rules->actions[i];
        if (!a->at[rec->level])
            continue;
        e = (entry_cells){"action", a->id, "", "", "", a->clause, incident_action_text(a, o->lang)};
        put_row(b, o, key_id, rec, &e);
    }
    return 0;
}

int incident_export_render(const incident_rules *rules, incident_record *const *records, size_t count,
                           const incident_export_options *opts, const char *key_id, char **data, size_t *len,
                           char **err)
{
    *data = NULL;
    *len = 0;
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, BOM);
    for (int c = 0; c < NCOLUMNS; c++)
        csvfile_buffer_field(&b, columns[c], c == NCOLUMNS - 1);
    for (size_t i = 0; i < count; i++)
        if (render_record(&b, rules, records[i], opts, key_id ? key_id : "", err) != 0) {
            free(b.data);
            return -1;
        }
    if (b.failed) {
        free(b.data);
        return error_set(err, "%s", _("out of memory"));
    }
    *data = b.data;
    *len = b.len;
    return 0;
}

void incident_export_result_clear(incident_export_result *result)
{
    if (result == NULL)
        return;
    free(result->sig_path);
    free(result->pubkey_path);
    free(result->key_id);
    memset(result, 0, sizeof *result);
}

/* The folder of path ("." when it names none). Caller frees. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Removes what an interrupted export of path left: its file, its signature
 * and their temporary files, when the marker nobody holds says it was
 * being written. */
static void recover(const char *path, const char *sig_path, const char *marker)
{
    fileset_marker m;
    char *content = NULL;
    if (fileset_claim(marker, &content, &m, NULL) == 1) {
        unlink(sig_path);
        unlink(path);
        fileset_remove_temps(path);
        fileset_remove_temps(sig_path);
        fileset_end(&m, NULL);
    }
    free(content);
}

incident_export_status incident_export_write(const incident_rules *rules, incident_record *const *records,
                                             size_t count, const incident_export_options *opts,
                                             incident_export_result *result, char **err)
{
    memset(result, 0, sizeof *result);
    result->key_status = SIGN_OK;
    incident_export_status rc = INCIDENT_EXPORT_ERR_INTERNAL;
    char *dir = folder_of(opts->out_path), *sig_path = NULL, *marker = NULL, *data = NULL;
    unsigned char *sig = NULL;
    size_t len = 0, sig_len = 0;
    sign_key *key = NULL;
    fileset_marker m = {.fd = -1};
    bool begun = false, wrote = false;
    struct stat st;
    if (dir == NULL || asprintf(&sig_path, "%s.sig", opts->out_path) < 0 ||
        asprintf(&marker, "%s" MARK_SUFFIX, opts->out_path) < 0) {
        sig_path = marker = NULL;
        error_set(err, "%s", _("out of memory"));
        goto done;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        error_set(err, _("%s: no such folder"), dir);
        rc = INCIDENT_EXPORT_ERR_IO;
        goto done;
    }
    recover(opts->out_path, sig_path, marker);
    if (fsutil_exists(opts->out_path) || fsutil_exists(sig_path)) {
        error_set(err, _("%s: already exists, not overwritten (move the old file away, or give another --out)"),
                  fsutil_exists(opts->out_path) ? opts->out_path : sig_path);
        rc = INCIDENT_EXPORT_ERR_EXISTS;
        goto done;
    }
    result->key_status = sign_key_load_private(opts->key_path, opts->passphrase, &key, err);
    if (result->key_status != SIGN_OK) {
        rc = INCIDENT_EXPORT_ERR_KEY;
        goto done;
    }
    result->algo = sign_key_algo(key);
    if ((result->key_id = sign_key_id(key)) == NULL) {
        error_set(err, "%s", _("out of memory"));
        goto done;
    }
    if (incident_export_render(rules, records, count, opts, result->key_id, &data, &len, err) != 0 ||
        sign_data(key, (const unsigned char *)data, len, &sig, &sig_len, err) != SIGN_OK)
        goto done;
    int mrc = fileset_begin(marker, "selfcheck incident export\n", &m, err);
    if (mrc != 0) {
        if (mrc == FSUTIL_EXISTS)
            error_set(err, _("%s: another export of this file is being written"), opts->out_path);
        rc = INCIDENT_EXPORT_ERR_IO;
        goto done;
    }
    begun = true;
    int w = fsutil_write_atomic(opts->out_path, data, len, EXPORT_FILE_MODE, false, err);
    wrote = w == 0;
    if (w == 0)
        w = fsutil_write_atomic(sig_path, sig, sig_len, 0644, false, err);
    if (w != 0) {
        rc = w == FSUTIL_EXISTS ? INCIDENT_EXPORT_ERR_EXISTS : INCIDENT_EXPORT_ERR_IO;
        goto done;
    }
    if (fileset_end(&m, err) != 0) {
        begun = false;
        rc = INCIDENT_EXPORT_ERR_IO;
        goto done;
    }
    begun = false;
    result->sig_path = sig_path;
    sig_path = NULL;
    report_put_public_key(dir, opts->unit_code, key, &result->pubkey_path, &result->pubkey_conflict);
    rc = INCIDENT_EXPORT_OK;
done:
    if (rc != INCIDENT_EXPORT_OK && begun) {
        if (wrote)
            unlink(opts->out_path);
        if (sig_path)
            unlink(sig_path);
        fileset_remove_temps(opts->out_path);
        fileset_end(&m, NULL);
    } else if (rc != INCIDENT_EXPORT_OK && wrote) {
        /* the marker could not be removed: the set stands incomplete for
         * the next run to clear, never as a file without its signature */
        unlink(opts->out_path);
    }
    sign_key_free(key);
    free(sig);
    free(data);
    free(marker);
    free(sig_path);
    free(dir);
    return rc;
}

bool incident_export_detect(const void *data, size_t len)
{
    static const char head[] = BOM "\"incident_format\"";
    return len >= sizeof head - 1 && memcmp(data, head, sizeof head - 1) == 0;
}

bool incident_export_detect_file(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    if (fsutil_read_regular(path, REPORT_MAX_BYTES, &data, &len, NULL) != 0)
        return false;
    bool is = incident_export_detect(data, len);
    free(data);
    return is;
}

void incident_export_verification_clear(incident_export_verification *v)
{
    if (v == NULL)
        return;
    free(v->unit_code);
    free(v->unit_name);
    free(v->exported_at);
    free(v->key_id);
    memset(v, 0, sizeof *v);
}

/* The signature with one key: OK, BAD_SIGNATURE or INTERNAL; the key noted. */
static report_verify_status try_key(const sign_key *key, const char *data, size_t len, const char *sig,
                                    size_t sig_len, incident_export_verification *out)
{
    free(out->key_id);
    out->key_id = sign_key_id(key);
    out->algo = sign_key_algo(key);
    sign_status st = sign_verify_data(key, (const unsigned char *)data, len, (const unsigned char *)sig, sig_len, NULL);
    return st == SIGN_OK ? REPORT_VERIFY_OK : st == SIGN_ERR_INTERNAL ? REPORT_VERIFY_INTERNAL
                                                                       : REPORT_VERIFY_BAD_SIGNATURE;
}

/* With a trust folder: the keys of the unit the (not yet verified) first row
 * names, then, when none verifies, every other key, to tell a key mismatch
 * from a changed file. */
static report_verify_status verify_trusted(const char *trust_dir, const csvfile_table *t, const char *data,
                                           size_t len, const char *sig, size_t sig_len,
                                           incident_export_verification *out, char **err)
{
    const char *unit = t->count > 1 ? csvfile_cell(&t->rows[1], C_UNIT) : "";
    trust_store *ts = trust_new();
    if (ts == NULL) {
        error_set(err, "%s", _("out of memory"));
        return REPORT_VERIFY_INTERNAL;
    }
    report_verify_status vs = REPORT_VERIFY_INTERNAL;
    if (trust_load_dir(ts, trust_dir, NULL, err) != TRUST_OK)
        goto done;
    if (!trust_has_unit(ts, unit)) {
        error_set(err, _("no key registered for unit %s in %s"), *unit ? unit : "-", trust_dir);
        vs = REPORT_VERIFY_UNKNOWN_SIGNER;
        goto done;
    }
    for (size_t i = 0; i < trust_count(ts); i++) {
        const trust_entry *e = trust_get(ts, i);
        if (strcmp(e->unit_code, unit) == 0 && (vs = try_key(e->key, data, len, sig, sig_len, out)) == REPORT_VERIFY_OK)
            goto done;
    }
    for (size_t i = 0; i < trust_count(ts); i++) {
        const trust_entry *e = trust_get(ts, i);
        if (strcmp(e->unit_code, unit) != 0 && try_key(e->key, data, len, sig, sig_len, out) == REPORT_VERIFY_OK) {
            error_set(err, _("signed with the key of unit %1$s, not with a key of unit %2$s"), e->unit_code, unit);
            vs = REPORT_VERIFY_KEY_MISMATCH;
            goto done;
        }
    }
    error_set(err, "%s", _("BAD signature: the file was changed after it was signed, or another key signed it"));
    vs = REPORT_VERIFY_BAD_SIGNATURE;
done:
    trust_free(ts);
    return vs;
}

/* Reads what a verified export says into out. */
static report_verify_status read_verified(const csvfile_table *t, incident_export_verification *out, char **err)
{
    if (t->count < 1 || t->rows[0].count != NCOLUMNS) {
        error_set(err, "%s", _("not a selfcheck incident export (its columns are not those of one)"));
        return REPORT_VERIFY_MALFORMED;
    }
    const char *unit = t->count > 1 ? csvfile_cell(&t->rows[1], C_UNIT) : "";
    out->unit_code = csvfile_unguard(unit);
    out->unit_name = csvfile_unguard(t->count > 1 ? csvfile_cell(&t->rows[1], C_UNIT_NAME) : "");
    out->exported_at = csvfile_unguard(t->count > 1 ? csvfile_cell(&t->rows[1], C_EXPORTED) : "");
    if (out->unit_code == NULL || out->unit_name == NULL || out->exported_at == NULL) {
        error_set(err, "%s", _("out of memory"));
        return REPORT_VERIFY_INTERNAL;
    }
    for (size_t i = 1; i < t->count; i++)
        out->incident_count += strcmp(csvfile_cell(&t->rows[i], C_ENTRY), "incident") == 0;
    return REPORT_VERIFY_OK;
}

report_verify_status incident_export_verify(const char *path, const char *pubkey_path, const char *trust_dir,
                                            incident_export_verification *out, char **err)
{
    memset(out, 0, sizeof *out);
    char *data = NULL, *sig = NULL, *sig_path = NULL;
    size_t len = 0, sig_len = 0;
    csvfile_table *t = NULL;
    sign_key *key = NULL;
    report_verify_status vs = REPORT_VERIFY_MALFORMED;
    if (asprintf(&sig_path, "%s.sig", path) < 0) {
        sig_path = NULL;
        error_set(err, "%s", _("out of memory"));
        vs = REPORT_VERIFY_INTERNAL;
        goto done;
    }
    if (fsutil_read_regular(path, REPORT_MAX_BYTES, &data, &len, err) != 0 ||
        fsutil_read_regular(sig_path, REPORT_MAX_SIG_BYTES, &sig, &sig_len, err) != 0)
        goto done;
    if (!sign_signature_plausible(sig, sig_len)) {
        error_set(err, _("%s: not a signature"), sig_path);
        goto done;
    }
    int line = 0;
    char *perr = NULL;
    if (csvfile_parse(data, len, 0, &t, &line, &perr) != CSVFILE_OK) {
        error_set(err, _("%1$s:%2$d: not a selfcheck incident export: %3$s"), path, line, perr ? perr : "");
        free(perr);
        goto done;
    }
    if (pubkey_path != NULL) {
        sign_status ks = sign_key_load_public(pubkey_path, &key, err);
        if (ks != SIGN_OK) {
            vs = REPORT_VERIFY_KEY;
            goto done;
        }
        vs = try_key(key, data, len, sig, sig_len, out);
        if (vs == REPORT_VERIFY_BAD_SIGNATURE)
            error_set(err, "%s",
                      _("BAD signature: the file was changed after it was signed, or another key signed it"));
    } else {
        vs = verify_trusted(trust_dir, t, data, len, sig, sig_len, out, err);
    }
    if (vs == REPORT_VERIFY_OK)
        vs = read_verified(t, out, err);
done:
    if (vs != REPORT_VERIFY_OK)
        error_prefix(err, "%s", path);
    csvfile_table_free(t);
    sign_key_free(key);
    free(data);
    free(sig);
    free(sig_path);
    return vs;
}
