/* ui_summary.h: the summary screen's logic: a bar per checklist, the total,
 * grade and verdict, then the critical failures and the findings with who
 * fixes them by when. Enter on a finding goes back to that item. */
#ifndef SELFCHECK_UI_SUMMARY_H
#define SELFCHECK_UI_SUMMARY_H

#include <stddef.h>

#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_key.h"
#include "ui_list.h"
#include "ui_pane.h"

typedef struct ui_summary {
    ui_context *ctx;        /* not owned; ctx->session must be open */
    ui_list findings;       /* which finding is selected (index into the list shown) */
    long jump;              /* plan index chosen with Enter (for the walk), or -1 */
    ui_pane head;           /* the total, grade and verdict: stays in view */
    ui_pane pane;           /* the rest of the summary, before it is cut to the window */
} ui_summary;

/* Returns NULL when out of memory. Free with ui_summary_free. */
ui_summary *ui_summary_new(ui_context *ctx);
void ui_summary_free(ui_summary *sum);
ui_action ui_summary_key(ui_summary *sum, ui_key k);
void ui_summary_render(ui_summary *sum, ui_canvas *c);

/* The plan indexes of the findings in the order shown: critical failures
 * first, then the other findings, each in plan order. Returns the count;
 * *out (caller frees) receives them, NULL when there are none. */
size_t ui_summary_findings(const session *s, size_t **out);

#endif
