/* review_verify.c: checks one report file against the supervisor's registry
 * (see review_verify.h and docs/review.md).
 *
 * The file is read once; those bytes are hashed, and verified and parsed by
 * the one verification path every reader of reports uses
 * (report_verify_bytes over a trust store holding the registry's keys): the
 * key is chosen by what the report claims without believing it, a SQLite
 * report is opened only after its signature checked out, and the content
 * handed on is the parse of the bytes that were checked. What is the
 * review's own comes after: revocation, the day a key is valid from, and
 * rotation. Keys are decoded once when the registry is built, never per
 * report: decoding a PEM key costs more than an Ed25519 verification. */
#include "review_verify.h"
#include "error.h"
#include "i18n.h"
#include "fsutil.h"
#include "number.h"
#include "period.h"
#include "report_read_csv.h"
#include "trust.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#define SIG_MAX_BYTES 1024

static const char *const reason_tokens[REVIEW_REASON_COUNT] = {
    [REVIEW_OK] = "ok",
    [REVIEW_BAD_SIGNATURE] = "bad-signature",
    [REVIEW_UNKNOWN_UNIT] = "unknown-unit",
    [REVIEW_KEY_MISMATCH] = "key-mismatch",
    [REVIEW_KEY_REVOKED] = "key-revoked",
    [REVIEW_KEY_NOT_YET_VALID] = "key-not-yet-valid",
    [REVIEW_KEY_REPLACED] = "key-replaced",
    [REVIEW_MALFORMED] = "malformed",
    [REVIEW_INCOMPLETE] = "incomplete",
    [REVIEW_PAIR_MISMATCH] = "pair-mismatch",
    [REVIEW_ID_CONFLICT] = "id-conflict",
};

const char *review_reason_token(review_reason r)
{
    return r >= 0 && r < REVIEW_REASON_COUNT ? reason_tokens[r] : "unknown";
}

void review_registry_free(review_registry *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->unit_count; i++)
        free(r->units[i]);
    free(r->units);
    for (size_t i = 0; i < r->key_count; i++) {
        free(r->keys[i].unit_code);
        /* once finished, the trust store owns the keys */
        if (r->trust == NULL)
            sign_key_free(r->keys[i].key);
    }
    free(r->keys);
    trust_free(r->trust);
    free(r);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(((const review_key *)a)->key_id, ((const review_key *)b)->key_id);
}

/* By unit, then by the day a key is valid from. */
static int cmp_unit_day(const void *a, const void *b)
{
    const review_key *x = a, *y = b;
    int c = strcmp(x->unit_code, y->unit_code);
    return c != 0 ? c : strcmp(x->valid_from, y->valid_from);
}

int review_registry_finish(review_registry *r, char **err)
{
    qsort(r->units, r->unit_count, sizeof *r->units, cmp_str);
    /* a key is replaced on the first later day another key of its unit
     * was registered for: the next later day among its unit's keys in
     * order (sorted, not compared pairwise: a registry has thousands) */
    qsort(r->keys, r->key_count, sizeof *r->keys, cmp_unit_day);
    for (size_t i = 0, later = 0; i < r->key_count; i++) {
        review_key *k = &r->keys[i];
        if (later <= i)
            later = i + 1;
        while (later < r->key_count && strcmp(r->keys[later].unit_code, k->unit_code) == 0 &&
               strcmp(r->keys[later].valid_from, k->valid_from) <= 0)
            later++;
        bool same_unit = later < r->key_count && strcmp(r->keys[later].unit_code, k->unit_code) == 0;
        k->replaced_on[0] = '\0';
        if (same_unit)
            memcpy(k->replaced_on, r->keys[later].valid_from, sizeof k->replaced_on);
    }
    qsort(r->keys, r->key_count, sizeof *r->keys, cmp_key);
    /* the keys move into a trust store, the one path of verification; a
     * rejected report is tried against the keys it names, not all */
    trust_store *t = trust_new();
    if (t == NULL)
        return error_set(err, _("out of memory"));
    trust_set_chosen_only(t, true);
    for (size_t i = 0; i < r->key_count; i++) {
        review_key *k = &r->keys[i];
        sign_key *key = k->key;
        k->key = NULL;
        /* the id kept since registration (the key ids are unique) */
        size_t before = trust_count(t);
        bool added = trust_add_id(t, k->unit_code, key, k->key_id, NULL, err) == TRUST_OK;
        if (added && trust_count(t) == before) {
            error_set(err, _("review database: key %.16s… is there twice"), k->key_id);
            added = false;
        }
        if (!added) {
            /* the store freed the keys it took, this one too */
            for (size_t j = 0; j < i; j++)
                r->keys[j].key = NULL;
            trust_free(t);
            return -1;
        }
        k->key = trust_get(t, before)->key;
    }
    r->trust = t;
    return 0;
}

const review_key *review_registry_key(const review_registry *r, const char *key_id)
{
    review_key probe;
    if (strlen(key_id) >= sizeof probe.key_id || r->key_count == 0)
        return NULL;
    strcpy(probe.key_id, key_id);
    return bsearch(&probe, r->keys, r->key_count, sizeof *r->keys, cmp_key);
}

bool review_registry_has_unit(const review_registry *r, const char *unit_code)
{
    return r->unit_count > 0 &&
           bsearch(&unit_code, r->units, r->unit_count, sizeof *r->units, cmp_str) != NULL;
}

void review_checked_clear(review_checked *c)
{
    if (c == NULL)
        return;
    free(c->detail);
    report_doc_free(c->doc);
    memset(c, 0, sizeof *c);
}

int review_period_end(const char *period, char out[11])
{
    civil_date d = {0};
    int year = 0, month = 0, n = 0;
    if (strchr(period, '@') != NULL) {
        char day[11];
        size_t len = (size_t)(strchr(period, '@') - period);
        if (len != 10)
            return -1;
        memcpy(day, period, 10);
        day[10] = '\0';
        if (date_parse(day, &d) != 0)
            return -1;
    } else if (sscanf(period, "%4d-H%1d%n", &year, &month, &n) == 2 && period[n] == '\0' && n == 7 &&
               (month == 1 || month == 2)) {
        d = (civil_date){year, month == 1 ? 6 : 12, month == 1 ? 30 : 31};
    } else if (sscanf(period, "%4d-%2d%n", &year, &month, &n) == 2 && period[n] == '\0' && n == 7 &&
               month >= 1 && month <= 12) {
        civil_date next = month == 12 ? (civil_date){year + 1, 1, 1} : (civil_date){year, month + 1, 1};
        d = date_from_days(date_to_days(next) - 1);
    } else {
        return -1;
    }
    if (!date_valid(d))
        return -1;
    date_format(d, out);
    return 0;
}

static void hex_of(const unsigned char *digest, unsigned len, char out[65])
{
    static const char digits[] = "0123456789abcdef";
    for (unsigned i = 0; i < len && i < 32; i++) {
        out[2 * i] = digits[digest[i] >> 4];
        out[2 * i + 1] = digits[digest[i] & 0x0f];
    }
    out[64] = '\0';
}

/* SHA-256 fetched once: an implicit fetch per use takes a lock that the
 * workers would contend for. */
static EVP_MD *sha256_md;
static pthread_once_t sha256_once = PTHREAD_ONCE_INIT;

static void sha256_fetch(void)
{
    sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

static const EVP_MD *sha256(void)
{
    pthread_once(&sha256_once, sha256_fetch);
    return sha256_md ? sha256_md : EVP_sha256();
}

/* SHA-256 over the content both formats carry, in a fixed order: what a
 * CSV report and its SQLite twin must agree on. */
static int sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (!EVP_Digest(data, len, digest, &n, sha256(), NULL) || n != 32)
        return -1;
    hex_of(digest, n, out);
    return 0;
}

/* The content digest's input, gathered into a buffer: a report is some
 * 3,000 short strings, and each EVP_DigestUpdate call costs more than
 * hashing a short string. The bytes hashed are the same. */
typedef struct digest_sink {
    EVP_MD_CTX *md;
    size_t used;
    int ok;
    unsigned char buf[8192];
} digest_sink;

static void digest_flush(digest_sink *d)
{
    if (d->used > 0)
        d->ok &= EVP_DigestUpdate(d->md, d->buf, d->used);
    d->used = 0;
}

/* Adds a string and its terminating NUL, so that fields cannot run together. */
static void digest_text(digest_sink *d, const char *s)
{
    size_t n = strlen(s) + 1;
    if (d->used + n > sizeof d->buf)
        digest_flush(d);
    if (n > sizeof d->buf) {
        d->ok &= EVP_DigestUpdate(d->md, s, n);
        return;
    }
    memcpy(d->buf + d->used, s, n);
    d->used += n;
}

/* As the CSV writes it (%.10g), so that a CSV report and its SQLite twin
 * agree; whole numbers, nearly all of them, without printf. */
static void digest_number(digest_sink *d, double v)
{
    char text[40];
    if (v == (double)(long)v && v > -1e9 && v < 1e9) {
        long n = (long)v;
        char *p = text + sizeof text;
        *--p = '\0';
        bool negative = n < 0;
        unsigned long u = negative ? (unsigned long)-n : (unsigned long)n;
        do
            *--p = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        if (negative)
            *--p = '-';
        digest_text(d, p);
        return;
    }
    if (number_format(text, sizeof text, 10, v) < 0) {
        d->ok = 0;
        return;
    }
    digest_text(d, text);
}

static int content_hex(const report_doc *doc, char out[65])
{
    digest_sink *d = malloc(sizeof *d);
    if (d == NULL)
        return -1;
    d->md = EVP_MD_CTX_new();
    d->used = 0;
    d->ok = 1;
    if (d->md == NULL || !EVP_DigestInit_ex(d->md, sha256(), NULL)) {
        EVP_MD_CTX_free(d->md);
        free(d);
        return -1;
    }
    const char *head[] = {doc->report_id, doc->unit_code, doc->unit_name, doc->profile, doc->period,
                          doc->assessor, doc->completed_at, doc->generated_at, doc->tool_version,
                          doc->signer_key_id, doc->signature_algo, doc->complete ? "yes" : "no",
                          doc->grade, doc->grade_zh, doc->verdict};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        digest_text(d, head[i]);
    digest_number(d, doc->percent);
    for (size_t i = 0; i < doc->item_count; i++) {
        const report_item *it = &doc->items[i];
        const char *texts[] = {it->checklist_id, it->item_id, it->system_id, it->system_name,
                               it->question_zh, it->severity, it->state, it->answer, it->answer_text,
                               it->finding ? "yes" : "no", it->note, it->owner, it->due,
                               it->scored ? "scored" : "unscored"};
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
            digest_text(d, texts[t]);
        digest_number(d, it->checklist_version);
        digest_number(d, it->weight);
        if (it->scored) {
            digest_number(d, it->score);
            digest_number(d, it->max_score);
        }
    }
    /* the annex forms (format 3); nothing for a report without them, so the
     * content hash of the reports imported before stays what it was */
    if (doc->form_value_count > 0)
        digest_text(d, "forms");
    for (size_t i = 0; i < doc->form_value_count; i++) {
        const report_form_value *v = &doc->form_values[i];
        const char *texts[] = {v->form, v->record, v->record_name, v->field, v->title, v->value, v->value_title};
        for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
            digest_text(d, texts[t]);
    }
    digest_flush(d);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    int ok = d->ok && EVP_DigestFinal_ex(d->md, digest, &n);
    EVP_MD_CTX_free(d->md);
    free(d);
    if (!ok || n != 32)
        return -1;
    hex_of(digest, n, out);
    return 0;
}

static review_reason reject(review_checked *out, review_reason reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static review_reason reject(review_checked *out, review_reason reason, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    free(out->detail);
    out->detail = NULL;
    error_setv(&out->detail, fmt, ap);
    va_end(ap);
    out->reason = reason;
    return reason;
}

/* The review's own rules for the key that verified: not revoked, valid
 * from its day, not replaced before the end of the report's period. */
static review_reason check_rules(const review_registry *r, const report_doc *doc, const review_key *k,
                                 review_checked *out)
{
    /* the dates inside a report are the unit's word: a revoked key is
     * refused whatever they say */
    if (k->revoked)
        return reject(out, REVIEW_KEY_REVOKED, _("signed with unit %s's key %.16s…, which was revoked"),
                      doc->unit_code, k->key_id);
    if (strcmp(k->valid_from, r->today) > 0)
        return reject(out, REVIEW_KEY_NOT_YET_VALID, _("signed with unit %s's key %.16s…, registered from %s"),
                      doc->unit_code, k->key_id, k->valid_from);
    char end[11];
    if (review_period_end(doc->period, end) != 0)
        return reject(out, REVIEW_MALFORMED, _("period '%.40s' is not a period"), doc->period);
    if (k->replaced_on[0] != '\0' && strcmp(end, k->replaced_on) > 0)
        return reject(out, REVIEW_KEY_REPLACED,
                      _("period %s ends after %s, when unit %s's key %.16s… was replaced by a new one"),
                      doc->period, k->replaced_on, doc->unit_code, k->key_id);
    memcpy(out->key_id, k->key_id, sizeof out->key_id);
    return REVIEW_OK;
}

/* The review's reason for a verification that failed. No registered key
 * for the unit a report claims is an unknown unit, unless the unit is
 * registered (without that key). */
static review_reason reason_of(const review_registry *r, report_verify_status vs, const char *data, size_t len)
{
    switch (vs) {
    case REPORT_VERIFY_BAD_SIGNATURE: return REVIEW_BAD_SIGNATURE;
    case REPORT_VERIFY_KEY_MISMATCH: return REVIEW_KEY_MISMATCH;
    case REPORT_VERIFY_UNKNOWN_SIGNER: {
        char *unit = NULL, *key_id = NULL;
        bool registered = report_detect_format(data, len) == REPORT_FORMAT_CSV &&
                          report_csv_claim(data, len, &unit, &key_id, NULL) == 0 &&
                          review_registry_has_unit(r, unit);
        free(unit);
        free(key_id);
        return registered ? REVIEW_KEY_MISMATCH : REVIEW_UNKNOWN_UNIT;
    }
    default: return REVIEW_MALFORMED;
    }
}

/* The message without the "PATH: " that report_verify_bytes puts first:
 * the import prints the path itself. */
static const char *without_path(const char *message, const char *path)
{
    size_t n = strlen(path);
    if (message != NULL && strncmp(message, path, n) == 0 && message[n] == ':' && message[n + 1] == ' ')
        return message + n + 2;
    return message;
}

review_reason review_check_file(const review_registry *r, const char *path, bool allow_incomplete,
                                char *const *known, size_t known_count, review_checked *out)
{
    memset(out, 0, sizeof *out);
    char *data = NULL, *sig = NULL, *sig_path = NULL, *err = NULL;
    size_t len = 0, sig_len = 0;
    report_doc *doc = NULL;
    if (asprintf(&sig_path, "%s.sig", path) < 0) {
        sig_path = NULL;
        reject(out, REVIEW_MALFORMED, _("out of memory"));
        goto done;
    }
    if (fsutil_read_file(path, REPORT_MAX_BYTES, &data, &len, &err) != 0) {
        reject(out, REVIEW_MALFORMED, "%s", err ? err : _("cannot be read"));
        goto done;
    }
    if (sha256_hex(data, len, out->file_sha256) != 0) {
        reject(out, REVIEW_MALFORMED, _("cannot hash the file"));
        goto done;
    }
    const char *hash = out->file_sha256;
    if (known_count > 0 && bsearch(&hash, known, known_count, sizeof *known, cmp_str) != NULL) {
        out->known = true;
        out->reason = REVIEW_OK;
        goto done;
    }
    if (fsutil_read_file(sig_path, SIG_MAX_BYTES, &sig, &sig_len, &err) != 0) {
        reject(out, REVIEW_MALFORMED, "%s", err ? err : _("cannot be read"));
        goto done;
    }
    report_verification v;
    report_verify_status vs = report_verify_bytes(path, data, len, sig, sig_len, NULL, r->trust, &v, &err);
    if (vs == REPORT_VERIFY_BAD_SIGNATURE) {
        /* a file cut short fails its signature too; that it does not
         * parse says what happened (what is parsed is not used) */
        char *why = NULL;
        report_doc *unused = NULL;
        if (report_parse(data, len, &unused, &why) != 0) {
            reject(out, REVIEW_MALFORMED, _("%s (damaged or truncated)"), why ? why : _("not a selfcheck report"));
            free(why);
            report_verification_clear(&v);
            goto done;
        }
        report_doc_free(unused);
    }
    if (vs != REPORT_VERIFY_OK) {
        const char *why = without_path(err, path);
        reject(out, reason_of(r, vs, data, len), "%s", why ? why : _("not a selfcheck report"));
        report_verification_clear(&v);
        goto done;
    }
    doc = v.doc;
    v.doc = NULL;
    const review_key *k = review_registry_key(r, v.key_id);
    report_verification_clear(&v);
    if (!review_registry_has_unit(r, doc->unit_code)) {
        reject(out, REVIEW_UNKNOWN_UNIT, _("unit %s is not registered"), doc->unit_code);
        goto done;
    }
    if (k == NULL) {
        reject(out, REVIEW_MALFORMED, _("verified with a key the registry does not hold"));
        goto done;
    }
    if (check_rules(r, doc, k, out) != REVIEW_OK)
        goto done;
    if (!doc->complete && !allow_incomplete) {
        reject(out, REVIEW_INCOMPLETE, _("an incomplete report (unanswered items)"));
        goto done;
    }
    if (content_hex(doc, out->content_sha256) != 0) {
        reject(out, REVIEW_MALFORMED, _("cannot hash the content"));
        goto done;
    }
    out->reason = REVIEW_OK;
    out->doc = doc;
    doc = NULL;
done:
    report_doc_free(doc);
    free(err);
    free(sig_path);
    free(sig);
    free(data);
    return out->reason;
}
