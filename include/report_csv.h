/* report_csv.h: the CSV half of the report writer. */
#ifndef SELFCHECK_REPORT_CSV_H
#define SELFCHECK_REPORT_CSV_H

#include <stddef.h>
#include "report_rows.h"

/* The whole CSV report in memory: *out (caller frees) and *len. Returns 0,
 * or -1 with *err. */
int report_csv_render(const report_ctx *cx, char **out, size_t *len, char **err);

#endif
