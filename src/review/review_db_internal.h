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
    sqlite3_stmt *find_file, *find_report, *insert_report, *insert_item, *insert_file, *current, *supersede;
    bool in_batch;
};

/* Sets *err to "review database: WHAT: SQLite's message"; returns status. */
review_db_status review_db_fail(review_db *db, review_db_status status, char **err, const char *what);
/* Runs SQL without results. 0, or -1 with *err. */
int review_db_exec(review_db *db, const char *sql, char **err);
/* Binds text (NULL as ""), not copied: it must outlive the step. */
int review_db_bind_text(sqlite3_stmt *st, int i, const char *text);
/* A copy of a text column ("" for NULL); NULL when out of memory. */
char *review_db_column(sqlite3_stmt *st, int c);
/* Finalizes the importer's statements. */
void review_store_finalize(review_db *db);

#endif
