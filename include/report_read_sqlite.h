/* report_read_sqlite.h: the SQLite half of the report reader (report_read.h
 * is the whole reader; this is what it calls for SQLite reports). Nothing of
 * a database is read before its signature has been checked. */
#ifndef SELFCHECK_REPORT_READ_SQLITE_H
#define SELFCHECK_REPORT_READ_SQLITE_H

#include <stddef.h>
#include "report_read.h"

/* Fills doc (zeroed, its format set) from a SQLite report's bytes. Safe on
 * hostile bytes (a private read-only copy, SQLite's defensive settings).
 * Returns 0, or -1 with *err; doc may then hold part of the content. */
int report_sqlite_read(const void *data, size_t len, report_doc *doc, char **err);

#endif
