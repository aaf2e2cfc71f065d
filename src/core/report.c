/* report.c: writes the signed report of an assessment (see report.h and
 * docs/report-format.md).
 *
 * One run makes up to four files in the destination folder: STEM.csv and
 * STEM.sqlite with their detached signatures. Every target name is checked
 * before anything is written, each file appears atomically under its final
 * name (link of a synced temporary file, so an existing file is never
 * replaced), and when a later step fails every file this run made is
 * removed again: the supervisor never receives a report without its
 * signature, nor a signature over something half-written. */
#include "report.h"
#include "answer.h"
#include "error.h"
#include "fsutil.h"
#include "checklist_digest.h"
#include "fileset.h"
#include "i18n.h"
#include "report_csv.h"
#include "report_keys.h"
#include "report_forms.h"
#include "report_sqlite.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>
#include <sqlite3.h>

/* Reports list the unit's weaknesses: only the owner may read them. */
#define REPORT_FILE_MODE 0600

/* A random (version 4) UUID from OpenSSL's generator. */
static int make_report_id(char out[37])
{
    unsigned char b[16];
    if (RAND_bytes(b, sizeof b) != 1)
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
             b[14], b[15]);
    return 0;
}

/* ---- the set of files ---- */

/* The files of one report, in the order they are named in a marker. */
enum { SET_CSV, SET_CSV_SIG, SET_DB, SET_DB_SIG, SET_COUNT };
static const char *const set_ext[SET_COUNT] = {".csv", ".csv.sig", ".sqlite", ".sqlite.sig"};
/* Reports before their signatures when removing or moving away, signatures
 * before their reports when putting in place: a report never stands without
 * its signature, while a signature without its report is harmless. */
static const int reports_first[SET_COUNT] = {SET_CSV, SET_DB, SET_CSV_SIG, SET_DB_SIG};
static const int sigs_first[SET_COUNT] = {SET_CSV_SIG, SET_DB_SIG, SET_CSV, SET_DB};

#define MARK_WRITING ".report-incomplete"
#define MARK_COMMITTING ".report-committing"
#define ASIDE ".replaced"
#define MARK_HEAD "selfcheck report set; files there before:\n"

typedef struct report_set {
    char *path[SET_COUNT];
    char *aside[SET_COUNT];
    char *writing, *committing;
} report_set;

static void set_free(report_set *rs)
{
    for (int k = 0; k < SET_COUNT; k++) {
        free(rs->path[k]);
        free(rs->aside[k]);
    }
    free(rs->writing);
    free(rs->committing);
    memset(rs, 0, sizeof *rs);
}

/* The paths of the set DIR/STEM.*. 0, or -1 when out of memory. */
static int set_paths(const char *dir, const char *stem, report_set *rs)
{
    memset(rs, 0, sizeof *rs);
    char *base = fsutil_join(dir, stem);
    int rc = base ? 0 : -1;
    for (int k = 0; k < SET_COUNT && rc == 0; k++)
        if (asprintf(&rs->path[k], "%s%s", base, set_ext[k]) < 0 ||
            asprintf(&rs->aside[k], "%s%s" ASIDE, base, set_ext[k]) < 0)
            rc = -1;
    if (rc == 0 && (asprintf(&rs->writing, "%s" MARK_WRITING, base) < 0 ||
                    asprintf(&rs->committing, "%s" MARK_COMMITTING, base) < 0))
        rc = -1;
    free(base);
    if (rc != 0)
        set_free(rs);
    return rc;
}

/* Whether the marker's list of files there before names file k. */
static bool marker_had(const char *content, int k)
{
    size_t n = strlen(set_ext[k]);
    for (const char *line = content; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, set_ext[k], n) == 0 && (line[n] == '\n' || line[n] == '\0'))
            return true;
    return false;
}

/* Undoes an interrupted or failed run: what it wrote goes, what it moved
 * aside comes back, its temporary files go. */
static void set_rollback(const report_set *rs, const char *marker)
{
    for (int i = 0; i < SET_COUNT; i++) {
        int k = reports_first[i];
        if (!marker_had(marker, k) || fsutil_exists(rs->aside[k]))
            unlink(rs->path[k]);
    }
    for (int i = 0; i < SET_COUNT; i++) {
        int k = sigs_first[i];
        if (marker_had(marker, k))
            rename(rs->aside[k], rs->path[k]);
    }
    for (int k = 0; k < SET_COUNT; k++)
        fileset_remove_temps(rs->path[k]);
    fileset_sync_dir_of(rs->writing);
}

/* Finishes a run interrupted after its new set was complete: the old
 * files it moved aside go. */
static void set_drop_aside(const report_set *rs)
{
    for (int i = 0; i < SET_COUNT; i++)
        unlink(rs->aside[reports_first[i]]);
    for (int k = 0; k < SET_COUNT; k++)
        fileset_remove_temps(rs->path[k]);
    fileset_sync_dir_of(rs->writing);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Recovers every set in dir that an interrupted run left (a marker nobody
 * holds): undone while it was being written, finished once it was
 * committing. A marker's own temporary file is removed. */
static void recover_folder(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *name = e->d_name;
        bool writing = ends_with(name, MARK_WRITING), committing = ends_with(name, MARK_COMMITTING);
        if (strstr(name, MARK_WRITING ".tmp.") != NULL) {
            char *p = fsutil_join(dir, name);
            if (p)
                unlink(p);
            free(p);
            continue;
        }
        if (!writing && !committing)
            continue;
        size_t n = strlen(name) - strlen(writing ? MARK_WRITING : MARK_COMMITTING);
        char *stem = strndup(name, n);
        report_set rs;
        if (stem == NULL || set_paths(dir, stem, &rs) != 0) {
            free(stem);
            continue;
        }
        fileset_marker m;
        char *content = NULL;
        if (fileset_claim(writing ? rs.writing : rs.committing, &content, &m, NULL) == 1) {
            if (writing)
                set_rollback(&rs, content);
            else
                set_drop_aside(&rs);
            fileset_end(&m, NULL);
        }
        free(content);
        set_free(&rs);
        free(stem);
    }
    closedir(d);
}

/* REPORT_ERR_EXISTS when a file of the set that this run writes is there. */
static report_status check_targets(const report_set *rs, const bool want[SET_COUNT], char **err)
{
    for (int k = 0; k < SET_COUNT; k++)
        if (want[k] && (fsutil_exists(rs->path[k]) || fsutil_exists(rs->aside[k]))) {
            error_set(err, _("%s: already exists, not overwritten (move the old report away, or write to another "
                             "folder with --out)"),
                      fsutil_exists(rs->path[k]) ? rs->path[k] : rs->aside[k]);
            return REPORT_ERR_EXISTS;
        }
    return REPORT_OK;
}

/* Writes one file of the set, never over an existing one. */
static report_status put_file(const char *path, const void *data, size_t len, mode_t mode, char **err)
{
    int rc = fsutil_write_atomic(path, data, len, mode, false, err);
    return rc == 0 ? REPORT_OK : rc == FSUTIL_EXISTS ? REPORT_ERR_EXISTS : REPORT_ERR_IO;
}

/* The rendered report of one format and its signature. */
typedef struct rendered {
    char *data;
    size_t len;
    unsigned char *sig;
    size_t sig_len;
} rendered;

static report_status render_and_sign(const report_ctx *cx, const sign_key *key, bool sqlite, rendered *out,
                                     char **err)
{
    int rc = sqlite ? report_sqlite_render(cx, &out->data, &out->len, err)
                    : report_csv_render(cx, &out->data, &out->len, err);
    if (rc != 0)
        return REPORT_ERR_INTERNAL;
    if (out->len > REPORT_MAX_BYTES) {
        error_set(err, _("the report would be %zu bytes, more than the %zu a report may have"), out->len,
                  REPORT_MAX_BYTES);
        return REPORT_ERR_INTERNAL;
    }
    if (sign_data(key, (const unsigned char *)out->data, out->len, &out->sig, &out->sig_len, err) != SIGN_OK)
        return REPORT_ERR_INTERNAL;
    return REPORT_OK;
}

report_status report_write(const session *s, const report_options *opts,
                           report_result *result, char **err)
{
    memset(result, 0, sizeof *result);
    result->key_status = SIGN_OK;
    if (opts->out_dir == NULL || (!opts->write_csv && !opts->write_sqlite)) {
        error_set(err, _("report: no folder or no format given"));
        return REPORT_ERR_INTERNAL;
    }
    const score_result *r = s->score;
    if (r->asked == 0) {
        error_set(err, _("the assessment asks no items: nothing to report (for per-system "
                  "checklists add the unit's systems first)"));
        return REPORT_ERR_INCOMPLETE;
    }
    if (!r->complete && !opts->allow_incomplete) {
        error_set(err, _("%zu of %zu asked items are unanswered: answer them, or report anyway "
                  "with --allow-incomplete"), r->asked - r->answered, r->asked);
        return REPORT_ERR_INCOMPLETE;
    }
    struct stat st;
    if (stat(opts->out_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        error_set(err, _("%s: no such folder"), opts->out_dir);
        return REPORT_ERR_IO;
    }
    /* A run killed while it put the public key beside a finished set left
     * its temporary file; every run removes it, even one that then finds
     * the set already there. */
    char *pub_path = NULL;
    if (asprintf(&pub_path, "%s/%s.pub", opts->out_dir, s->assessment->unit_code) >= 0) {
        fileset_remove_temps(pub_path);
        free(pub_path);
    }

    sign_key *key = NULL;
    sign_status ks = sign_key_load_private(opts->key_path, opts->passphrase, &key, err);
    if (ks != SIGN_OK) {
        result->key_status = ks;
        return REPORT_ERR_KEY;
    }
    report_ctx cx = {.s = s};
    result->algo = sign_key_algo(key);
    result->key_id = sign_key_id(key);
    report_status status = REPORT_ERR_INTERNAL;
    report_set rs = {0};
    rendered files[2] = {{0}};
    fileset_marker marker = {.fd = -1};
    char marker_text[256] = MARK_HEAD;
    bool began = false;
    const checklist **digest_lists = NULL;
    char **digests = NULL;
    size_t digest_count = 0;
    report_forms *forms = NULL;
    report_incidents *incidents = NULL;
    char *stem = report_file_stem(s->assessment->unit_code, profile_name(s->assessment->profile),
                                  s->assessment->period);
    if (result->key_id == NULL || stem == NULL || make_report_id(cx.report_id) != 0) {
        error_set(err, _("cannot make the report id or key id"));
        goto done;
    }
    if ((result->report_id = strdup(cx.report_id)) == NULL)
        goto oom;
    cx.key_id = result->key_id;
    cx.algo = sign_algo_name(result->algo);
    cx.assessor = s->assessment->assessor && *s->assessment->assessor ? s->assessment->assessor
                                                                      : s->cfg->assessor;
    snprintf(cx.format_version, sizeof cx.format_version, "%d", REPORT_FORMAT_VERSION);
    clock_now(cx.generated_at);
    sqlite3_snprintf(sizeof cx.percent, cx.percent, "%.1f", r->percent);
    cx.grade = r->grade ? r->grade->name : "";
    cx.grade_zh = r->grade ? r->grade->label_zh : "";
    cx.verdict = score_verdict_token(r->verdict);
    cx.complete = r->complete ? "yes" : "no";
    /* one digest per checklist the plan uses */
    digest_lists = calloc(r->list_count ? r->list_count : 1, sizeof *digest_lists);
    digests = calloc(r->list_count ? r->list_count : 1, sizeof *digests);
    if (digest_lists == NULL || digests == NULL)
        goto oom;
    for (size_t l = 0; l < r->list_count; l++) {
        if (r->lists[l].list == NULL)
            continue;
        digest_lists[digest_count] = r->lists[l].list;
        if ((digests[digest_count++] = checklist_digest(r->lists[l].list)) == NULL)
            goto oom;
    }
    cx.digest_lists = digest_lists;
    cx.digests = digests;
    cx.digest_count = digest_count;
    /* the annex forms travel inside the report, covered by its signature */
    if (s->db_path != NULL &&
        report_forms_load(s->db_path, s->assessment->systems, s->assessment->system_count, &forms, err) != 0)
        goto done;
    cx.forms = forms;
    /* and so do the incidents of its period (report_incidents.h) */
    if (s->db_path != NULL &&
        report_incidents_load(s->db_path, NULL, s->assessment->period, s->assessment->systems,
                              s->assessment->system_count, cx.generated_at, &incidents, err) != 0)
        goto done;
    cx.incidents = incidents;


    bool want[SET_COUNT] = {opts->write_csv, opts->write_csv, opts->write_sqlite, opts->write_sqlite};
    if (set_paths(opts->out_dir, stem, &rs) != 0)
        goto oom;
    /* what an interrupted run left in this folder is undone or finished
     * first, so that it neither blocks this run nor stays */
    recover_folder(opts->out_dir);
    if (!opts->replace && (status = check_targets(&rs, want, err)) != REPORT_OK)
        goto done;
    for (int k = 0; k < SET_COUNT; k++)
        if (want[k] && fsutil_exists(rs.aside[k])) {
            error_set(err, _("%1$s: left by an interrupted replacement: put it back as %2$s or remove it"),
                      rs.aside[k], rs.path[k]);
            status = REPORT_ERR_EXISTS;
            goto done;
        }
    /* everything is made and signed in memory before the folder is touched */
    if (opts->write_csv && (status = render_and_sign(&cx, key, false, &files[0], err)) != REPORT_OK)
        goto done;
    if (opts->write_sqlite && (status = render_and_sign(&cx, key, true, &files[1], err)) != REPORT_OK)
        goto done;

    size_t used = strlen(MARK_HEAD);
    memcpy(marker_text, MARK_HEAD, used + 1);
    bool any_old = false;
    for (int k = 0; k < SET_COUNT; k++)
        if (want[k] && fsutil_exists(rs.path[k])) {
            used += (size_t)snprintf(marker_text + used, sizeof marker_text - used, "%s\n", set_ext[k]);
            any_old = true;
        }
    int mrc = fileset_begin(rs.writing, marker_text, &marker, err);
    if (mrc != 0) {
        if (mrc == FSUTIL_EXISTS)
            error_set(err, _("%s: another report is being written into this folder; try again when it is done"),
                      rs.writing);
        status = mrc == FSUTIL_EXISTS ? REPORT_ERR_EXISTS : REPORT_ERR_IO;
        goto done;
    }
    began = true;
    for (int i = 0; i < SET_COUNT; i++) {
        int k = reports_first[i];
        if (want[k] && fsutil_exists(rs.path[k]) && rename(rs.path[k], rs.aside[k]) != 0) {
            error_set(err, _("%s: cannot set the old report aside: %s"), rs.path[k], i18n_strerror(errno));
            status = REPORT_ERR_IO;
            goto done;
        }
    }
    for (int f = 0; f < 2; f++) {
        if (files[f].data == NULL)
            continue;
        int k = f == 0 ? SET_CSV : SET_DB;
        if ((status = put_file(rs.path[k + 1], files[f].sig, files[f].sig_len, 0644, err)) != REPORT_OK ||
            (status = put_file(rs.path[k], files[f].data, files[f].len, REPORT_FILE_MODE, err)) != REPORT_OK)
            goto done;
    }
    /* the new set is whole: from here on an interrupted run is finished,
     * not undone */
    if (any_old) {
        if (fileset_rename(&marker, rs.committing, err) != 0) {
            status = REPORT_ERR_IO;
            goto done;
        }
        set_drop_aside(&rs);
    }
    if (fileset_end(&marker, err) != 0) {
        status = REPORT_ERR_IO;
        began = false;
        goto done;
    }
    began = false;
    report_put_public_key(opts->out_dir, s->assessment->unit_code, key, &result->pubkey_path,
                          &result->pubkey_conflict);
    if ((opts->write_csv && (result->csv_path = strdup(rs.path[SET_CSV])) == NULL) ||
        (opts->write_sqlite && (result->sqlite_path = strdup(rs.path[SET_DB])) == NULL))
        goto oom;
    status = REPORT_OK;
    goto done;
oom:
    error_set(err, _("out of memory"));
    status = REPORT_ERR_INTERNAL;
done:
    if (began) {
        set_rollback(&rs, marker_text);
        fileset_end(&marker, NULL);
    }
    for (int f = 0; f < 2; f++) {
        free(files[f].data);
        free(files[f].sig);
    }
    set_free(&rs);
    for (size_t l = 0; l < digest_count; l++)
        free(digests[l]);
    free(digests);
    free(digest_lists);
    report_forms_free(forms);
    report_incidents_free(incidents);
    free(stem);
    sign_key_free(key);
    if (status != REPORT_OK) {
        free(result->csv_path);
        free(result->sqlite_path);
        free(result->pubkey_path);
        result->csv_path = result->sqlite_path = result->pubkey_path = NULL;
    }
    return status;
}

void report_result_clear(report_result *result)
{
    if (result == NULL)
        return;
    free(result->csv_path);
    free(result->sqlite_path);
    free(result->key_id);
    free(result->report_id);
    free(result->pubkey_path);
    result->csv_path = result->sqlite_path = result->key_id = result->report_id = result->pubkey_path = NULL;
}
