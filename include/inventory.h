/* inventory.h: the data asset inventory (数据资产清单) of document 000's
 * annex: the unit block and one row per information system (docs/forms.md).
 *
 * Its export is the annex's table: the column titles in the annex's order,
 * one row per system with anything recorded. */
#ifndef SELFCHECK_INVENTORY_H
#define SELFCHECK_INVENTORY_H

#include <stddef.h>
#include "forms.h"

/* The form: its fields, their annex titles and kinds. */
extern const forms_def inventory_form;

/* The columns of the annex's table, in its order (machine tokens). */
#define INVENTORY_EXPORT_COLUMNS 8
extern const char *const inventory_export_titles[INVENTORY_EXPORT_COLUMNS];

/* The annex's table as CSV (UTF-8 with a BOM, CRLF): the header, then one
 * row per system of `d` that has anything recorded; the header alone when
 * none has. *out (caller frees) and *len. Returns 0 or FORMS_ERR with *err. */
int inventory_export(const forms_data *d, char **out, size_t *len, char **err);

#endif
