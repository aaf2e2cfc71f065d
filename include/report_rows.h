/* report_rows.h: what a report says, row by row, for its two writers
 * (report_csv.c and report_sqlite.c; report.c runs them). */
#ifndef SELFCHECK_REPORT_ROWS_H
#define SELFCHECK_REPORT_ROWS_H

#include <stddef.h>
#include "report_format.h"
#include "report_forms.h"
#include "report_incidents.h"
#include "session.h"

/* Everything a row needs besides its instance. */
typedef struct report_ctx {
    const session *s;
    char report_id[37];
    char generated_at[20];
    const char *key_id, *algo;
    const char *assessor;
    char format_version[16];
    char percent[32];
    const char *grade, *grade_zh, *verdict, *complete;
    /* the digest of each checklist the plan uses (checklist_digest.h) */
    const checklist *const *digest_lists;
    char *const *digests;
    size_t digest_count;
    /* the annex forms the report carries (format 3), or NULL */
    const report_forms *forms;
    /* the incidents of the period (format 4), or NULL */
    const report_incidents *incidents;
} report_ctx;

/* The digest report_write computed for list ("" when it has none). */
const char *report_ctx_digest(const report_ctx *cx, const checklist *list);

/* "answered", "na", "recorded", "unanswered" or "hidden". */
const char *report_state_name(instance_state st);

/* The cells of the row of plan instance i (unescaped), each a new string.
 * Returns 0, or -1 when out of memory (the cells made are still set: free
 * them with report_cells_free in both cases). */
int report_row_cells(const report_ctx *cx, size_t i, char *cells[REPORT_COL_COUNT]);
void report_cells_free(char *cells[REPORT_COL_COUNT]);

#endif
