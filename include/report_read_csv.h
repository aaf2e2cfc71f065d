/* report_read_csv.h: the CSV half of the report reader (report_read.h is
 * the whole reader; this is what it calls for CSV reports). */
#ifndef SELFCHECK_REPORT_READ_CSV_H
#define SELFCHECK_REPORT_READ_CSV_H

#include <stddef.h>
#include "report_read.h"

/* Fills doc (zeroed, its format set) from a CSV report's bytes, which begin
 * with the byte-order mark (report_detect_format said CSV). Returns 0, or -1
 * with *err; doc may then hold part of the content (report_doc_free frees it). */
int report_csv_read(const char *data, size_t len, report_doc *doc, char **err);

/* The unit code and signer key id a CSV report claims, from its header and
 * first row only, without believing anything else in it: what a trust store
 * uses to choose the key to try. Returns 0 with two new strings (caller
 * frees), or -1 with *err. */
int report_csv_claim(const char *data, size_t len, char **unit_code, char **key_id, char **err);

#endif
