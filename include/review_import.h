/* review_import.h: importing folders of signed reports (docs/review.md).
 *
 * The folders are walked; every file with a FILE.sig beside it is a report
 * to check, and the CSV and SQLite files of one report (same name stem, same
 * folder) are checked together. Verify-and-parse workers (threads, behind a
 * bounded queue) check reports against a registry (review_verify.h); one
 * writer, the calling thread, hands what verified to an importer, the store
 * side, in batches that are committed whole. The store is behind the
 * importer interface so that verification never depends on it. */
#ifndef SELFCHECK_REVIEW_IMPORT_H
#define SELFCHECK_REVIEW_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "review_verify.h"

typedef enum review_store_outcome {
    REVIEW_STORED_NEW = 0,      /* a report not seen before; now stored */
    REVIEW_STORED_ALREADY,      /* the same report was stored before: nothing changed */
    REVIEW_STORED_CONFLICT,     /* its report id was stored before with other content */
    REVIEW_STORED_ERROR         /* the store failed: the batch is rolled back */
} review_store_outcome;

/* A file a verified report was read from. */
typedef struct review_file {
    const char *path;
    const char *sha256;     /* hex SHA-256 of its bytes */
    const char *format;     /* "csv" or "sqlite" */
} review_file;

/* The store side. Every function returns 0 or -1 with *err, except store. */
typedef struct review_importer {
    void *self;
    int (*begin)(void *self, char **err);
    /* Stores a verified report read from `files` (one, or the CSV and the
     * SQLite file of the same report). */
    review_store_outcome (*store)(void *self, const report_doc *doc, const char *key_id,
                                  const char *content_sha256, const review_file *files, size_t file_count,
                                  char **err);
    int (*commit)(void *self, char **err);
    void (*rollback)(void *self);
    /* The SHA-256 of every file imported before, sorted (caller frees the
     * array and its strings); such a file is not checked again. */
    int (*known_files)(void *self, char ***hashes, size_t *count, char **err);
} review_importer;

/* What happened to one file. */
typedef enum review_file_outcome {
    REVIEW_FILE_IMPORTED = 0,   /* a new report */
    REVIEW_FILE_ALREADY,        /* imported before (or its twin in this run) */
    REVIEW_FILE_REJECTED
} review_file_outcome;

typedef struct review_import_summary {
    size_t reports;     /* report files found (with a .sig) */
    size_t imported;    /* files of reports newly stored */
    size_t already;     /* files imported before */
    size_t rejected;
    size_t skipped;     /* other files: keys, notes, lone signatures */
} review_import_summary;

typedef struct review_import_options {
    bool allow_incomplete;
    size_t workers;     /* 0: one per processor */
    size_t batch;       /* reports per transaction; 0: 100 */
    /* Called on the calling thread for every report file, in order of the
     * walk; detail is the reason in English (NULL unless rejected). */
    void (*on_file)(void *ctx, const char *path, review_file_outcome outcome, review_reason reason,
                    const char *detail);
    /* Called on the calling thread now and then: files done of total. */
    void (*on_progress)(void *ctx, size_t done, size_t total);
    void *ctx;
} review_import_options;

/* review_import's failures, by kind. */
#define REVIEW_IMPORT_ERR_PATH (-1)   /* a path given cannot be read */
#define REVIEW_IMPORT_ERR_STORE (-2)  /* the store failed, or memory ran out */

/* Imports every report under `paths` (files or folders, walked
 * recursively). Returns 0 with *summary filled (also when reports were
 * rejected), or REVIEW_IMPORT_ERR_PATH or _STORE with *err; batches
 * committed before stay. */
int review_import(const review_registry *registry, const review_importer *importer, const char *const *paths,
                  size_t path_count, const review_import_options *opts, review_import_summary *summary,
                  char **err);

#endif
