/* report_csv.c: the CSV half of the report writer (see report_csv.h and
 * docs/report-format.md): BOM, header, one row per asked instance, then the
 * section of the annex forms (report_forms.c), every cell through the
 * formula guard. */
#include "report_csv.h"
#include "csvfile.h"
#include "error.h"
#include "i18n.h"

#include <stdlib.h>

#define UTF8_BOM "\xEF\xBB\xBF"

/* Writes one row of cells, each through the formula guard. */
static void put_row(csvfile_buffer *b, char *cells[REPORT_COL_COUNT])
{
    for (int c = 0; c < REPORT_COL_COUNT && !b->failed; c++) {
        char *guarded = report_cell_neutralise(cells[c]);
        if (guarded == NULL)
            b->failed = 1;
        else
            csvfile_buffer_field(b, guarded, c + 1 == REPORT_COL_COUNT);
        free(guarded);
    }
}

/* The whole CSV file: BOM, header, one row per asked instance, then the
 * annex forms' section. */
int report_csv_render(const report_ctx *cx, char **out, size_t *len, char **err)
{
    csvfile_buffer b = {0};
    csvfile_buffer_raw(&b, UTF8_BOM);
    for (int c = 0; c < REPORT_COL_COUNT; c++)
        csvfile_buffer_field(&b, report_csv_columns[c], c + 1 == REPORT_COL_COUNT);
    const score_result *r = cx->s->score;
    for (size_t i = 0; i < r->count && !b.failed; i++) {
        if (r->instances[i].state == STATE_HIDDEN)
            continue;
        char *cells[REPORT_COL_COUNT] = {0};
        if (report_row_cells(cx, i, cells) != 0)
            b.failed = 1;
        put_row(&b, cells);
        report_cells_free(cells);
    }
    if (!b.failed)
        report_forms_csv_write(&b, cx->forms);
    if (!b.failed)
        report_incidents_csv_write(&b, cx->incidents);
    if (b.failed) {
        free(b.data);
        return error_set(err, _("out of memory"));
    }
    *out = b.data;
    *len = b.len;
    return 0;
}

