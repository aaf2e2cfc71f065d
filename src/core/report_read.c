/* report_read.c: reads a signed report back and checks its signer (see
 * report_read.h and docs/report-format.md).
 *
 * The file is read into memory once. The signature is checked against
 * those bytes, and the content is parsed from the same bytes, so nothing can
 * change in between. With a trust store, the key to try is chosen by the
 * file name and, for CSV, by the unit code and key id of the header and
 * first row (read through strict libcsv, nothing else believed); a SQLite
 * database is never opened before a signature over it checks out. The two
 * formats' parsers are report_read_csv.c and report_read_sqlite.c. */
#include "report_read.h"
#include "ident.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"
#include "report_format.h"
#include "report_read_csv.h"
#include "report_read_sqlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UTF8_BOM "\xEF\xBB\xBF"
#define SQLITE_MAGIC "SQLite format 3"   /* and its NUL: 16 bytes */

const char *report_format_name(report_format f)
{
    switch (f) {
    case REPORT_FORMAT_CSV: return "csv";
    case REPORT_FORMAT_SQLITE: return "sqlite";
    case REPORT_FORMAT_UNKNOWN: break;
    }
    return "unknown";
}

report_format report_detect_format(const void *data, size_t len)
{
    static const char csv_start[] = UTF8_BOM "\"format_version\"";
    if (len >= 16 && memcmp(data, SQLITE_MAGIC, 16) == 0)
        return REPORT_FORMAT_SQLITE;
    if (len >= sizeof csv_start - 1 && memcmp(data, csv_start, sizeof csv_start - 1) == 0)
        return REPORT_FORMAT_CSV;
    return REPORT_FORMAT_UNKNOWN;
}

static void item_clear(report_item *it)
{
    free(it->checklist_id);
    free(it->checklist_digest);
    free(it->item_id);
    free(it->system_id);
    free(it->system_name);
    free(it->question_zh);
    free(it->severity);
    free(it->state);
    free(it->answer);
    free(it->answer_text);
    free(it->note);
    free(it->owner);
    free(it->due);
}

void report_doc_free(report_doc *doc)
{
    if (doc == NULL)
        return;
    report_incident_list_free(doc->incidents, doc->incident_count);
    if (doc->strings != NULL) {
        free(doc->strings);
        free(doc->items);
        free(doc->checklists);
        free(doc->form_values);
        free(doc);
        return;
    }
    for (size_t i = 0; i < doc->form_value_count; i++)
        report_form_value_clear(&doc->form_values[i]);
    free(doc->form_values);
    char **strings[] = {&doc->report_id, &doc->unit_code, &doc->unit_name, &doc->profile,
                        &doc->period, &doc->assessor, &doc->completed_at, &doc->generated_at,
                        &doc->tool_version, &doc->signer_key_id, &doc->signature_algo,
                        &doc->grade, &doc->grade_zh, &doc->verdict};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++)
        free(*strings[i]);
    for (size_t i = 0; i < doc->item_count; i++)
        item_clear(&doc->items[i]);
    free(doc->items);
    free(doc->checklists);
    free(doc);
}

/* ---- values ---- */

static bool known_state(const char *text)
{
    const char *states[] = {"answered", "na", "recorded", "unanswered"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(text, states[i]) == 0)
            return true;
    return false;
}

/* Lists the checklists of the items; one checklist has one version and one
 * digest throughout. */
static int doc_checklists(report_doc *doc, char **err)
{
    doc->checklists = calloc(doc->item_count ? doc->item_count : 1, sizeof *doc->checklists);
    if (doc->checklists == NULL)
        return error_set(err, _("out of memory"));
    for (size_t i = 0; i < doc->item_count; i++) {
        const report_item *it = &doc->items[i];
        size_t c = 0;
        while (c < doc->checklist_count && strcmp(doc->checklists[c].id, it->checklist_id) != 0)
            c++;
        if (c == doc->checklist_count) {
            doc->checklists[c] = (report_checklist){it->checklist_id, it->checklist_version, it->checklist_digest};
            doc->checklist_count++;
        } else if (doc->checklists[c].version != it->checklist_version ||
                   strcmp(doc->checklists[c].digest, it->checklist_digest) != 0) {
            return error_set(err, _("item %1$zu: checklist %2$.80s has another version or digest than before"), i + 1,
                             it->checklist_id);
        }
    }
    return 0;
}

/* Checks what both formats must hold. */
static int doc_check(const report_doc *doc, char **err)
{
    if (!ident_unit_code_valid(doc->unit_code))
        return error_set(err, _("the unit code '%.80s' is not 1 to 32 letters, digits, '-' and '_'"), doc->unit_code);
    if (doc->item_count == 0)
        return error_set(err, "%s", _("the report lists no items"));
    if (strcmp(doc->signature_algo, "sm2") != 0 && strcmp(doc->signature_algo, "ed25519") != 0)
        return error_set(err, _("unknown signature algorithm '%.40s'"), doc->signature_algo);
    for (size_t i = 0; i < doc->item_count; i++)
        if (!known_state(doc->items[i].state))
            return error_set(err, _("item %1$zu: unknown state '%2$.40s'"), i + 1, doc->items[i].state);
    return 0;
}

/* ---- both ---- */

int report_parse(const void *data, size_t len, report_doc **out, char **err)
{
    *out = NULL;
    report_format f = report_detect_format(data, len);
    if (f == REPORT_FORMAT_UNKNOWN)
        return error_set(err, "%s", _("not a selfcheck report (neither its CSV header nor a SQLite database)"));
    report_doc *doc = calloc(1, sizeof *doc);
    if (doc == NULL)
        return error_set(err, "%s", _("out of memory"));
    doc->format = f;
    int rc = f == REPORT_FORMAT_CSV ? report_csv_read(data, len, doc, err) : report_sqlite_read(data, len, doc, err);
    if (rc == 0)
        rc = doc_check(doc, err);
    if (rc == 0)
        rc = doc_checklists(doc, err);
    if (rc != 0) {
        error_prefix(err, "%s",
                     f == REPORT_FORMAT_CSV ? _("not a valid selfcheck CSV report") : _("not a valid selfcheck SQLite report"));
        report_doc_free(doc);
        return -1;
    }
    *out = doc;
    return 0;
}

int report_parse_file(const char *path, report_doc **out, char **err)
{
    *out = NULL;
    char *data;
    size_t len;
    if (fsutil_read_regular(path, REPORT_MAX_BYTES, &data, &len, err) != 0)
        return -1;
    int rc = report_parse(data, len, out, err);
    if (rc != 0)
        error_prefix(err, "%s", path);
    free(data);
    return rc;
}

/* ---- verification ---- */

void report_verification_clear(report_verification *v)
{
    if (v == NULL)
        return;
    report_doc_free(v->doc);
    free(v->key_path);
    free(v->key_id);
    free(v->key_unit);
    free(v->expected_name);
    memset(v, 0, sizeof *v);
}

/* Notes the key that verified (or was tried) in v; key_id is its id when
 * known already (a trust entry's), else it is computed. */
static report_verify_status note_key(report_verification *v, const sign_key *key, const char *key_id,
                                     const char *unit, char **err)
{
    free(v->key_id);
    free(v->key_unit);
    v->key_id = key_id ? strdup(key_id) : sign_key_id(key);
    v->key_unit = unit ? strdup(unit) : NULL;
    v->algo = sign_key_algo(key);
    if (v->key_id == NULL || (unit && v->key_unit == NULL)) {
        error_set(err, _("out of memory"));
        return REPORT_VERIFY_INTERNAL;
    }
    return REPORT_VERIFY_OK;
}

/* The signature against the bytes with one key: OK, BAD_SIGNATURE or
 * INTERNAL. */
static report_verify_status check_signature(const sign_key *key, const void *data, size_t len, const void *sig,
                                            size_t sig_len)
{
    sign_status st = sign_verify_data(key, data, len, sig, sig_len, NULL);
    /* a size this key's algorithm cannot make (the signature is plausible
     * for the other one: report_verify_bytes checked) is another key's */
    switch (st) {
    case SIGN_OK: return REPORT_VERIFY_OK;
    case SIGN_ERR_INTERNAL: return REPORT_VERIFY_INTERNAL;
    default: return REPORT_VERIFY_BAD_SIGNATURE;
    }
}

/* Tries one trusted entry, unless it was tried already (tried[i]). */
static report_verify_status try_entry(const trust_store *t, size_t i, bool *tried, const void *data, size_t len,
                                      const void *sig, size_t sig_len, const trust_entry **found)
{
    if (tried[i])
        return REPORT_VERIFY_BAD_SIGNATURE;
    tried[i] = true;
    const trust_entry *e = trust_get(t, i);
    report_verify_status st = check_signature(e->key, data, len, sig, sig_len);
    if (st == REPORT_VERIFY_OK)
        *found = e;
    return st;
}

/* Finds the trusted key that signed the bytes, choosing first by what the
 * report may claim: the units its file name begins with, and for CSV the
 * unit code and key id of its first row. When none of those verifies, every
 * other key is tried, so that a report signed with another unit's key is
 * named as such. On failure the status says why and *err explains. */
static report_verify_status find_signer(const char *label, const char *name, report_format f, const char *data,
                                        size_t len, const void *sig, size_t sig_len, const trust_store *t,
                                        const trust_entry **found, char **err)
{
    *found = NULL;
    char *unit = NULL, *claimed_id = NULL;
    size_t n = trust_count(t);
    bool *tried = calloc(n ? n : 1, sizeof *tried);
    if (tried == NULL) {
        error_set(err, _("out of memory"));
        return REPORT_VERIFY_INTERNAL;
    }
    report_verify_status status = REPORT_VERIFY_BAD_SIGNATURE;
    if (f == REPORT_FORMAT_CSV) {
        char *why = NULL;
        if (report_csv_claim(data, len, &unit, &claimed_id, &why) != 0 || !ident_unit_code_valid(unit)) {
            if (why == NULL)
                error_set(&why, _("the unit code '%.80s' is not 1 to 32 letters, digits, '-' and '_'"), unit);
            error_set(err, _("%s: not a selfcheck report: %s"), label, why);
            free(why);
            status = REPORT_VERIFY_MALFORMED;
            goto done;
        }
    }
    /* the order: the claimed key, the claimed unit's keys, the named units'
     * keys, all others (unless the store says the chosen ones only) */
    int passes = trust_chosen_only(t) ? 3 : 4;
    for (int pass = 0; pass < passes && *found == NULL; pass++) {
        for (size_t i = 0; i < n && *found == NULL; i++) {
            const trust_entry *e = trust_get(t, i);
            bool pick = pass == 0   ? claimed_id && strcmp(e->key_id, claimed_id) == 0
                        : pass == 1 ? unit && strcmp(e->unit_code, unit) == 0
                        : pass == 2 ? report_name_has_unit(name, e->unit_code)
                                    : true;
            if (!pick || tried[i])
                continue;
            report_verify_status st = try_entry(t, i, tried, data, len, sig, sig_len, found);
            if (st == REPORT_VERIFY_INTERNAL) {
                error_set(err, _("%s: the signature could not be checked (OpenSSL failed)"), label);
                status = st;
                goto done;
            }
        }
    }
    if (*found != NULL) {
        status = REPORT_VERIFY_OK;
        goto done;
    }
    if (unit != NULL && !trust_has_unit(t, unit)) {
        error_set(err, _("%s: unit %s has no registered key"), label, unit);
        status = REPORT_VERIFY_UNKNOWN_SIGNER;
    } else if (unit != NULL) {
        const trust_entry *claimed = trust_find_id(t, claimed_id);
        if (claimed != NULL && strcmp(claimed->unit_code, unit) == 0) {
            error_set(err, _("%s: the signature does not match with unit %s's registered key (the file changed "
                             "after signing)"),
                      label, unit);
            status = REPORT_VERIFY_BAD_SIGNATURE;
        } else if (claimed != NULL) {
            error_set(err, _("%s: says it is unit %s's report but claims to be signed with the key registered "
                             "for unit %s, and does not verify with it"),
                      label, unit, claimed->unit_code);
            status = REPORT_VERIFY_KEY_MISMATCH;
        } else {
            error_set(err, _("%s: says it is unit %s's report but names signer key %.16s…, which is not "
                             "registered for %s"),
                      label, unit, claimed_id, unit);
            status = REPORT_VERIFY_KEY_MISMATCH;
        }
    } else {
        /* SQLite: nothing of it is read before a signature checks out */
        bool named = false;
        for (size_t i = 0; i < n && !named; i++)
            named = report_name_has_unit(name, trust_get(t, i)->unit_code);
        if (named || !report_name_is_report(name)) {
            error_set(err, _("%s: the signature does not match any registered key (the file changed after "
                             "signing, or a key not registered here signed it)"),
                      label);
            status = REPORT_VERIFY_BAD_SIGNATURE;
        } else {
            error_set(err, _("%s: the unit its name gives has no registered key"), label);
            status = REPORT_VERIFY_UNKNOWN_SIGNER;
        }
    }
done:
    free(tried);
    free(unit);
    free(claimed_id);
    return status;
}

/* With one key that did not verify: for a CSV report, names the signer key
 * the report records when it is not the key tried. */
static void explain_one_key(const char *label, report_format f, const char *data, size_t len,
                            const char *tried_id, char **err)
{
    char *unit = NULL, *claimed_id = NULL;
    if (f == REPORT_FORMAT_CSV && report_csv_claim(data, len, &unit, &claimed_id, NULL) == 0 &&
        strcmp(claimed_id, tried_id) != 0) {
        error_set(err, _("%1$s: the report names signer key %2$s, but the key tried is %3$s: it was signed with "
                         "another key (give that unit's public key, or use --trust), or it changed after signing"),
                  label, claimed_id, tried_id);
    } else {
        error_set(err, _("%1$s: the signature does not match with key %2$s (the file changed after signing, or "
                         "another key signed it)"),
                  label, tried_id);
    }
    free(unit);
    free(claimed_id);
}

/* Sets v->name_mismatch when the file's name is not the one its content
 * gives. */
static int check_name(const char *name, const report_doc *doc, report_verification *v, char **err)
{
    if (name == NULL)
        return 0;
    char *stem = report_file_stem(doc->unit_code, doc->profile, doc->period);
    if (stem == NULL)
        return error_set(err, _("out of memory"));
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *ext = doc->format == REPORT_FORMAT_CSV ? ".csv" : ".sqlite";
    size_t n = strlen(stem);
    bool same = strncmp(base, stem, n) == 0 && strcmp(base + n, ext) == 0;
    if (!same) {
        v->name_mismatch = true;
        v->expected_name = stem;
    } else {
        free(stem);
    }
    return 0;
}

report_verify_status report_verify_bytes(const char *name, const void *data, size_t len, const void *sig,
                                         size_t sig_len, const sign_key *key, const trust_store *trust,
                                         report_verification *out, char **err)
{
    memset(out, 0, sizeof *out);
    const char *label = name ? name : _("the report");
    if ((key == NULL) == (trust == NULL)) {
        error_set(err, "%s", _("verify: give either a public key or a trust store"));
        return REPORT_VERIFY_INTERNAL;
    }
    report_format f = report_detect_format(data, len);
    if (f == REPORT_FORMAT_UNKNOWN) {
        error_set(err, _("%s: not a selfcheck report (neither its CSV header nor a SQLite database)"), label);
        return REPORT_VERIFY_MALFORMED;
    }
    if (!sign_signature_plausible(sig, sig_len)) {
        error_set(err, _("%s: the signature file is %zu bytes and not an SM2 or Ed25519 signature: damaged or "
                         "not a signature"),
                  label, sig_len);
        return REPORT_VERIFY_MALFORMED;
    }
    report_doc *doc = NULL;
    report_verify_status status;
    const trust_entry *entry = NULL;
    if (key != NULL) {
        if ((status = note_key(out, key, NULL, NULL, err)) != REPORT_VERIFY_OK)
            goto done;
        status = check_signature(key, data, len, sig, sig_len);
        if (status == REPORT_VERIFY_BAD_SIGNATURE)
            explain_one_key(label, f, data, len, out->key_id, err);
        else if (status == REPORT_VERIFY_INTERNAL)
            error_set(err, _("%s: the signature could not be checked (OpenSSL failed)"), label);
    } else {
        status = find_signer(label, name, f, data, len, sig, sig_len, trust, &entry, err);
        if (status == REPORT_VERIFY_OK) {
            status = note_key(out, entry->key, entry->key_id, entry->unit_code, err);
            if (status == REPORT_VERIFY_OK && *entry->source && (out->key_path = strdup(entry->source)) == NULL) {
                error_set(err, _("out of memory"));
                status = REPORT_VERIFY_INTERNAL;
            }
        }
    }
    if (status != REPORT_VERIFY_OK)
        goto done;

    /* Signed by a known key: only now is the content read, from the very
     * bytes that were checked. */
    if (report_parse(data, len, &doc, err) != 0) {
        error_prefix(err, "%s", label);
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    if (entry != NULL && strcmp(doc->unit_code, entry->unit_code) != 0) {
        error_set(err, _("%s: says it is unit %s's report but is signed with the key registered for unit %s"),
                  label, doc->unit_code, entry->unit_code);
        status = REPORT_VERIFY_KEY_MISMATCH;
        goto done;
    }
    /* A report naming another signer than the key that signed it is not
     * one selfcheck wrote. */
    if (strcmp(doc->signer_key_id, out->key_id) != 0) {
        error_set(err, _("%1$s: signed with key %2$s but names signer key %3$s"), label, out->key_id,
                  doc->signer_key_id);
        status = REPORT_VERIFY_KEY_MISMATCH;
        goto done;
    }
    if (strcmp(doc->signature_algo, sign_algo_name(out->algo)) != 0) {
        error_set(err, _("%1$s: signed with %2$s but names %3$s"), label, sign_algo_name(out->algo),
                  doc->signature_algo);
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    if (check_name(name, doc, out, err) != 0) {
        status = REPORT_VERIFY_INTERNAL;
        goto done;
    }
    out->doc = doc;
    doc = NULL;
    status = REPORT_VERIFY_OK;
done:
    report_doc_free(doc);
    return status;
}

report_verify_status report_verify(const char *path, const char *pubkey_path,
                                   const char *trust_dir, report_verification *out,
                                   char **err)
{
    memset(out, 0, sizeof *out);
    if ((pubkey_path == NULL) == (trust_dir == NULL)) {
        error_set(err, "%s", _("verify: give either a public key or a trust folder"));
        return REPORT_VERIFY_INTERNAL;
    }
    char *data = NULL, *sig = NULL, *sig_path = NULL;
    size_t len = 0, sig_len = 0;
    sign_key *key = NULL;
    trust_store *trust = NULL;
    report_verify_status status = REPORT_VERIFY_MALFORMED;
    int rc;
    if (asprintf(&sig_path, "%s.sig", path) < 0) {
        sig_path = NULL;
        error_set(err, _("out of memory"));
        status = REPORT_VERIFY_INTERNAL;
        goto done;
    }
    if (fsutil_read_regular(path, REPORT_MAX_BYTES, &data, &len, err) != 0) {
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    if ((rc = fsutil_read_regular(sig_path, REPORT_MAX_SIG_BYTES, &sig, &sig_len, err)) != 0) {
        if (rc == FSUTIL_NOT_FOUND)
            error_set(err, _("%s: no signature file %s next to it"), path, sig_path);
        status = REPORT_VERIFY_MALFORMED;
        goto done;
    }
    if (pubkey_path != NULL) {
        if (sign_key_load_public(pubkey_path, &key, err) != SIGN_OK) {
            status = REPORT_VERIFY_KEY;
            goto done;
        }
    } else {
        trust = trust_new();
        if (trust == NULL) {
            error_set(err, _("out of memory"));
            status = REPORT_VERIFY_INTERNAL;
            goto done;
        }
        trust_status ts = trust_load_dir(trust, trust_dir, NULL, err);
        if (ts != TRUST_OK) {
            status = ts == TRUST_ERR_NOMEM ? REPORT_VERIFY_INTERNAL : REPORT_VERIFY_KEY;
            goto done;
        }
    }
    status = report_verify_bytes(path, data, len, sig, sig_len, key, trust, out, err);
    if (pubkey_path != NULL && out->key_path == NULL && (out->key_path = strdup(pubkey_path)) == NULL) {
        error_set(err, _("out of memory"));
        status = REPORT_VERIFY_INTERNAL;
    }
done:
    if (status != REPORT_VERIFY_OK && out->doc != NULL) {
        report_doc_free(out->doc);
        out->doc = NULL;
    }
    sign_key_free(key);
    trust_free(trust);
    free(sig_path);
    free(sig);
    free(data);
    return status;
}
