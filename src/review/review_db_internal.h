/* review_db_internal.h: what the review database's files share (review_db.c
 * opens and registers, review_store.c imports, review_query.c reads). Not a
 * public header: the rest of the program goes through review_db.h. */
#ifndef SELFCHECK_REVIEW_DB_INTERNAL_H
#define SELFCHECK_REVIEW_DB_INTERNAL_H

#include <sqlite3.h>
#include "review_db.h"

struct review_db {
    sqlite3 *conn;
    /* the importer's statements, prepared on first use */
    sqlite3_stmt *find_file, *find_report, *insert_report, *insert_item, *insert_items, *insert_file, *current;
    sqlite3_stmt *supersede;
    sqlite3_stmt *insert_checklist, *mark, *insert_form;
    sqlite3_stmt *insert_incident, *insert_incident_entry;   /* review_incidents.c's */
    bool in_batch;
};

/* SQL: true when the checklist CHECKLIST of report REPORT (SQL expressions)
 * was answered against a version the review does not know: its digest is
 * not an official checklist's. A NULL digest (a report imported before
 * schema 3) was never checked and is not marked. */
#define REVIEW_NONSTANDARD(REPORT, CHECKLIST)                                                          \
    "EXISTS (SELECT 1 FROM report_checklists rc WHERE rc.report = " REPORT " AND rc.checklist_id = "    \
    CHECKLIST " AND rc.digest IS NOT NULL AND rc.digest NOT IN (SELECT digest FROM official_checklists))"

/* SQL: the mark of the report whose id is REPORT: the checklists it was
 * answered against that the review does not know, "ID vN, ID vN" in report
 * order, or "". */
#define REVIEW_MARK(REPORT)                                                                            \
    "coalesce((SELECT group_concat(checklist_id || ' v' || version, ', ') FROM (SELECT checklist_id,"   \
    " version FROM report_checklists rc WHERE rc.report = " REPORT " AND rc.digest IS NOT NULL"          \
    " AND rc.digest NOT IN (SELECT digest FROM official_checklists) ORDER BY rc.seq)), '')"

/* Sets *err to "review database: WHAT: SQLite's message"; returns status. */
review_db_status review_db_fail(review_db *db, review_db_status status, char **err, const char *what);
/* Steps a prepared insert or update once, then resets it and clears its
 * bindings for the next row. Returns 0, or -1 with review_db_fail's message. */
int review_db_run(review_db *db, sqlite3_stmt *st, char **err);
/* review_db_fail for a query that could not be read: -1. */
int review_db_read_fail(review_db *db, char **err);

/* Grows *array (of `size`-byte elements, *count of them used, room for
 * *cap) by one element; returns it zeroed, or NULL when out of memory (the
 * array is left as it was). */
void *review_grow(void **array, size_t *count, size_t *cap, size_t size);

/* Fills `element` from the current row of a query; 0, or -1 when out of
 * memory (what it allocated stays in the element, for the list's _free). */
typedef int (*review_row_fn)(sqlite3_stmt *st, void *element, void *ctx);
/* Frees a list of count elements (the list's _free). */
typedef void (*review_list_free_fn)(void *list, size_t count);

/* Steps st to its end, each row into a new zeroed element of `size` bytes
 * filled by row(st, element, ctx), and finalizes st. Returns 0 with *out
 * and *count (also for no rows: NULL and 0), or -1 with *err after freeing
 * what it collected with list_free. */
int review_collect(review_db *db, sqlite3_stmt *st, size_t size, review_row_fn row, void *ctx,
                   review_list_free_fn list_free, void **out, size_t *count, char **err);
/* Runs SQL without results. 0, or -1 with *err. */
int review_db_exec(review_db *db, const char *sql, char **err);
/* Binds text (NULL as ""), not copied: it must outlive the step. */
int review_db_bind_text(sqlite3_stmt *st, int i, const char *text);
/* A copy of a text column ("" for NULL); NULL when out of memory. */
char *review_db_column(sqlite3_stmt *st, int c);
/* Copies text column cols[i] (i itself when cols is NULL) into *slots[i]
 * for each of the n slots. 0, or -1 when out of memory. */
int review_db_columns(sqlite3_stmt *st, const int *cols, char **const *slots, size_t n);
/* Finalizes the importer's statements. */
void review_store_finalize(review_db *db);

struct report_doc;
/* Stores the incidents the report carries (format 4) with the report of
 * row id `report`, in the import's transaction. 0, or -1 with *err. */
int review_incidents_store(review_db *db, sqlite3_int64 report, const struct report_doc *doc, char **err);
/* Finalizes its statements (review_store_finalize calls it). */
void review_incidents_finalize(review_db *db);

#endif
