/* report_read.h: reading a signed report back, and checking who signed it.
 *
 * What `selfcheck verify` does, as a library: a report file (CSV or SQLite,
 * told apart by its first bytes) is read into memory once; its signature
 * FILE.sig is checked against those bytes before anything in them is
 * trusted, and the content handed back is parsed from the same bytes, so the
 * file cannot change between the check and the reading. With a trust store
 * (trust.h) what is read from the not yet verified bytes only chooses the key
 * to try (docs/report-format.md). */
#ifndef SELFCHECK_REPORT_READ_H
#define SELFCHECK_REPORT_READ_H

#include <stdbool.h>
#include <stddef.h>
#include "report_format.h"
#include "report_forms.h"
#include "report_incidents.h"
#include "sign.h"
#include "trust.h"


typedef enum report_format {
    REPORT_FORMAT_UNKNOWN = 0,
    REPORT_FORMAT_CSV,
    REPORT_FORMAT_SQLITE
} report_format;

/* "csv", "sqlite" or "unknown". */
const char *report_format_name(report_format f);
/* SQLite by its 16-byte header magic; CSV when the bytes start with the UTF-8
 * byte-order mark and the quoted first header cell "format_version". */
report_format report_detect_format(const void *data, size_t len);

/* One item instance of a report. Strings are never NULL ("" when empty). */
typedef struct report_item {
    char *checklist_id;
    int checklist_version;
    char *checklist_digest;  /* "sha256:..." (checklist_digest.h); "" in a version 1 report */
    char *item_id, *system_id, *system_name;
    char *question_zh, *severity;
    double weight;
    char *state;             /* answered, na, recorded or unanswered */
    char *answer, *answer_text;
    bool scored;             /* state is answered: score and max_score mean something */
    double score, max_score; /* points and the most points the item could give */
    bool finding;
    char *note, *owner, *due;
} report_item;

/* A checklist a report was answered against. The strings point into the
 * report's items (not to be freed). */
typedef struct report_checklist {
    const char *id;
    int version;
    const char *digest;   /* "" in a version 1 report */
} report_checklist;

/* A report's content. Strings are never NULL ("" when empty). */
typedef struct report_doc {
    report_format format;
    int format_version;
    char *report_id, *unit_code, *unit_name, *profile, *period, *assessor;
    char *completed_at, *generated_at, *tool_version;
    char *signer_key_id, *signature_algo;
    bool complete;
    double percent;
    char *grade, *grade_zh, *verdict;
    report_item *items;
    size_t item_count;
    /* Every checklist the report used, in the order of its items: what the
     * review compares with the official checklists. */
    report_checklist *checklists;
    size_t checklist_count;
    /* The annex forms the unit recorded (format 3; none before), in report
     * order (report_forms.h). */
    report_form_value *form_values;
    size_t form_value_count;
    /* The incidents of the report's period (format 4; none before), by
     * number (report_incidents.h). Always allocations of their own. */
    report_incident *incidents;
    size_t incident_count;
    /* When non-NULL, every string above lies in this one block, freed with
     * the report (what the CSV reader makes); when NULL, each string is an
     * allocation of its own. */
    char *strings;
} report_doc;

/* Parses a report held in memory (CSV cells have the formula guard undone).
 * Returns 0 with *out (free with report_doc_free), or -1 with *err saying why
 * it is not a selfcheck report. Safe on hostile bytes: a SQLite report is
 * opened read-only from a private copy with SQLite's defensive settings. */
int report_parse(const void *data, size_t len, report_doc **out, char **err);
/* Reads and parses the file at path. 0 or -1 with *err. */
int report_parse_file(const char *path, report_doc **out, char **err);
void report_doc_free(report_doc *doc);

typedef enum report_verify_status {
    REPORT_VERIFY_OK = 0,
    REPORT_VERIFY_BAD_SIGNATURE = -1,  /* the file changed, or another key signed it */
    REPORT_VERIFY_UNKNOWN_SIGNER = -2, /* trust store: no key registered for the report's unit */
    REPORT_VERIFY_KEY_MISMATCH = -3,   /* signed with a key other than the unit's */
    REPORT_VERIFY_MALFORMED = -4,      /* unreadable, no or a malformed FILE.sig, or not a selfcheck report */
    REPORT_VERIFY_KEY = -5,            /* the public key given cannot be used */
    REPORT_VERIFY_INTERNAL = -6
} report_verify_status;

typedef struct report_verification {
    report_doc *doc;   /* the verified content; NULL unless REPORT_VERIFY_OK */
    char *key_path;    /* the public key file the signature was checked with, or NULL */
    char *key_id;      /* the key id of the key that verified (or was tried), or NULL */
    char *key_unit;    /* with a trust store: the unit that key is registered for, or NULL */
    sign_algo algo;
    /* On REPORT_VERIFY_OK with a file name given: the name is not the one
     * the content gives (a report renamed to another unit or period).
     * expected_name is then the stem it should have ("UNIT_PROFILE_PERIOD"). */
    bool name_mismatch;
    char *expected_name;
} report_verification;

/* Verifies report bytes already in memory against their detached signature
 * bytes, then parses the same bytes: the importer's entry point (each file
 * read once, keys decoded once). `name` is the file's name or path, used in
 * messages, to choose keys and for the name check; it may be NULL. Exactly
 * one of `key` (a public key) and `trust` (a store of units' keys) is given.
 * With a trust store the key is chosen without believing the report: the
 * units the file name begins with and, for CSV, the unit code and key id of
 * its first row; a SQLite report is opened only after a signature over it
 * checks out (if no chosen key verifies it, every key of the store is
 * tried, unless trust_set_chosen_only said not to). On REPORT_VERIFY_OK, out->doc holds the content; otherwise *err
 * says why in one line. Free out's members with report_verification_clear
 * in every case. */
report_verify_status report_verify_bytes(const char *name, const void *data, size_t len, const void *sig,
                                         size_t sig_len, const sign_key *key, const trust_store *trust,
                                         report_verification *out, char **err);

/* Verifies the report at path against PATH.sig, with the public key at
 * pubkey_path, or (pubkey_path NULL) with the keys of the folder trust_dir
 * (UNITCODE.pub files, see trust.h). Exactly one of the two must be given.
 * The report and its signature are read as regular files only (a FIFO is
 * refused, never waited on) and within REPORT_MAX_BYTES and
 * REPORT_MAX_SIG_BYTES. Otherwise as report_verify_bytes. */
report_verify_status report_verify(const char *path, const char *pubkey_path,
                                   const char *trust_dir, report_verification *out,
                                   char **err);
void report_verification_clear(report_verification *v);

#endif
