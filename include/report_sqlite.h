/* report_sqlite.h: the SQLite half of the report writer. */
#ifndef SELFCHECK_REPORT_SQLITE_H
#define SELFCHECK_REPORT_SQLITE_H

#include <stddef.h>
#include "report_rows.h"

/* The whole SQLite report as the bytes of a database file: *out (caller
 * frees) and *len. Built in memory: nothing is written to disk. Returns 0,
 * or -1 with *err. */
int report_sqlite_render(const report_ctx *cx, char **out, size_t *len, char **err);

#endif
