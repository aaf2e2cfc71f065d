/* incident_export.h: incident records exported as a signed file, as a
 * report is: FILE (CSV, UTF-8 with BOM), its detached signature FILE.sig made
 * with the unit's key by the report's signing code (sign.h), and the unit's
 * public key UNITCODE.pub beside them (report_keys.h). The two files appear
 * together or not at all (fileset.h). `selfcheck verify FILE` and the stock
 * openssl command check it (docs/incidents.md#export). */
#ifndef SELFCHECK_INCIDENT_EXPORT_H
#define SELFCHECK_INCIDENT_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "incident.h"
#include "incident_store.h"
#include "report_read.h"
#include "sign.h"

/* The version of the export's columns (its first cell, "incident_format"). */
#define INCIDENT_EXPORT_FORMAT 1

typedef enum incident_export_status {
    INCIDENT_EXPORT_OK = 0,
    INCIDENT_EXPORT_ERR_EXISTS = -1,     /* FILE or FILE.sig is there already */
    INCIDENT_EXPORT_ERR_IO = -2,         /* no such folder, cannot write */
    INCIDENT_EXPORT_ERR_KEY = -3,        /* the key cannot sign: see key_status */
    INCIDENT_EXPORT_ERR_INTERNAL = -4    /* out of memory, OpenSSL failed */
} incident_export_status;

typedef struct incident_export_options {
    const char *out_path;      /* the CSV file to write; FILE.sig beside it */
    const char *key_path;      /* the unit's private key */
    const char *passphrase;    /* NULL for an unencrypted key */
    const char *unit_code, *unit_name;
    const char *now;           /* the time of the export and of the limits' measure (clock_now) */
    const char *lang;          /* the language of the texts of rules and actions ("en", else Chinese) */
} incident_export_options;

typedef struct incident_export_result {
    char *sig_path;            /* FILE.sig once written */
    char *pubkey_path;         /* as report_put_public_key */
    bool pubkey_conflict;
    char *key_id;
    sign_algo algo;
    sign_status key_status;    /* why the key failed, with INCIDENT_EXPORT_ERR_KEY */
} incident_export_result;

/* The CSV of the records (docs/incidents.md#export): one row per incident,
 * rule applied, event, time limit and required action, each with the unit
 * and incident columns. key_id may be "". Returns 0 with *data (caller
 * frees, NUL-terminated) and *len, or -1 with *err. */
int incident_export_render(const incident_rules *rules, incident_record *const *records, size_t count,
                           const incident_export_options *opts, const char *key_id, char **data, size_t *len,
                           char **err);

/* Renders, signs and writes FILE and FILE.sig, never over an existing file,
 * then the public key beside them. A set an interrupted run left (its marker
 * FILE.incident-incomplete nobody holds) is removed first. On failure
 * nothing of this run is left. Fill *result in every case (free with
 * incident_export_result_clear). */
incident_export_status incident_export_write(const incident_rules *rules, incident_record *const *records,
                                             size_t count, const incident_export_options *opts,
                                             incident_export_result *result, char **err);
void incident_export_result_clear(incident_export_result *result);

/* True when the bytes are an incident export (the BOM and the quoted first
 * cell "incident_format"), which `verify` then checks instead of a report. */
bool incident_export_detect(const void *data, size_t len);
/* The same for the file at path (a regular file within REPORT_MAX_BYTES;
 * false when it cannot be read: the report verifier then says why). */
bool incident_export_detect_file(const char *path);

/* What a verified export says. */
typedef struct incident_export_verification {
    char *unit_code, *unit_name, *exported_at;
    char *key_id;              /* of the key that verified (or was tried) */
    sign_algo algo;
    size_t incident_count;
} incident_export_verification;

/* Checks FILE against FILE.sig, with the public key at pubkey_path or
 * (pubkey_path NULL) a key of the folder trust_dir registered for the unit the
 * file names (as report_verify: what the unverified bytes say only chooses
 * the key), then reads it. Returns the report_verify_status a report would
 * give, with *err on failure; free out's members with
 * incident_export_verification_clear in every case. */
report_verify_status incident_export_verify(const char *path, const char *pubkey_path, const char *trust_dir,
                                            incident_export_verification *out, char **err);
void incident_export_verification_clear(incident_export_verification *v);

#endif
