/* ui_review_items.c: an item across units (see ui_review_lists.h): the
 * items some unit fails in the period shown, most failed first, and the
 * failing units of the item chosen. */
#include "ui_review_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_context.h"

#define UNITS_ROWS 5   /* the failing units, below the table */

static int items_load(ui_review_list *l, char **err)
{
    ui_review *rv = l->rv;
    if (review_items_failed(rv->db, ui_review_period(rv), &l->items, &l->item_count, err) != 0)
        return -1;
    return review_period_slots(rv->db, ui_review_profile_token(rv), ui_review_period(rv), &l->units, &l->unit_count,
                               err);
}

/* Whether a failing unit answered an item's checklist in a version that
 * is not official: the list then has a column counting them. */
static bool items_nonstandard(const ui_review_list *l)
{
    for (size_t i = 0; i < l->item_count; i++)
        if (l->items[i].nonstandard > 0)
            return true;
    return false;
}

static size_t items_columns(const ui_review_list *l, ui_table_column *out)
{
    const ui_table_column columns[] = {
        {_("Item"), 6, false, UI_ALIGN_LEFT, false, 0},
        {_("Question"), 10, true, UI_ALIGN_LEFT, false, 0},
        {_("Units failing"), 4, false, UI_ALIGN_RIGHT, true, 0},
        {_("Of units"), 4, false, UI_ALIGN_RIGHT, true, 0},
        {_("Non-standard"), 4, false, UI_ALIGN_RIGHT, true, 0},
    };
    size_t n = sizeof columns / sizeof columns[0] - !items_nonstandard(l);
    memcpy(out, columns, n * sizeof columns[0]);
    return n;
}

static void items_fill(ui_review_list *l)
{
    for (size_t i = 0; i < l->item_count; i++) {
        const review_item_count *it = &l->items[i];
        char where[200], failing[24], reporting[24], nonstandard[24] = "";
        snprintf(where, sizeof where, "%s/%s", it->checklist_id, it->item_id);
        snprintf(failing, sizeof failing, "%ld", it->failing);
        snprintf(reporting, sizeof reporting, "%ld", it->reporting);
        if (it->nonstandard > 0)
            snprintf(nonstandard, sizeof nonstandard, "%ld", it->nonstandard);
        const char *cells[] = {where, it->question_zh, failing, reporting, nonstandard};
        long r = ui_table_add_row(l->table, cells, UI_ROLE_NORMAL);
        if (r >= 0)
            ui_table_set_role(l->table, (size_t)r, 2, UI_ROLE_FAILED);
        if (r >= 0 && it->nonstandard > 0)
            ui_table_set_role(l->table, (size_t)r, 4, UI_ROLE_WARNING);
    }
}

static int by_code(const void *key, const void *slot)
{
    return strcmp(key, ((const review_slot *)slot)->unit_code);
}

/* "u1 单位u1、u2 单位u2" for the item's failing units. Caller frees. */
static char *items_units(const ui_review_list *l, const review_item_count *it)
{
    size_t len = 1;
    for (long u = 0; u < it->failing; u++) {
        const review_slot *s = bsearch(it->units[u], l->units, l->unit_count, sizeof *l->units, by_code);
        len += strlen(it->units[u]) + (s ? strlen(s->unit_name) + 1 : 0) + 4;
    }
    char *out = malloc(len);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (long u = 0; u < it->failing; u++) {
        const review_slot *s = bsearch(it->units[u], l->units, l->unit_count, sizeof *l->units, by_code);
        if (u > 0)
            strcat(out, "\xE3\x80\x81");   /* 、 */
        strcat(out, it->units[u]);
        if (s) {
            strcat(out, " ");
            strcat(out, s->unit_name);
        }
    }
    return out;
}

static int items_render(ui_review_list *l, ui_canvas *c)
{
    ui_review *rv = l->rv;
    char *title = NULL, *line = NULL;
    if (asprintf(&title, _("Items across units %1$s %2$s"), ui_review_check_label(rv), ui_review_period(rv)) < 0)
        title = NULL;
    ui_review_frame(rv, c, title ? title : "", _("Up/Down choose an item  Left/Right period  Esc back  ? help"));
    free(title);
    if (asprintf(&line, _("%zu items failed by some unit, most failed first"), l->item_count) < 0)
        line = NULL;
    ui_canvas_put_cut(c, 1, 1, c->cols - 2, UI_ROLE_NORMAL, line ? line : "");
    free(line);
    int bottom = c->rows - 3 - UNITS_ROWS;
    if (l->item_count == 0) {
        ui_canvas_put_cut(c, 3, 2, c->cols - 4, UI_ROLE_DIM, _("No unit fails any item in this period."));
        return 0;
    }
    long chosen = l->table ? ui_table_selected(l->table) : -1;
    if (chosen >= 0 && (size_t)chosen < l->item_count) {
        const review_item_count *it = &l->items[chosen];
        char *heading = NULL, *units = items_units(l, it);
        int n = it->nonstandard > 0
                  ? asprintf(&heading, _("Units failing %1$s/%2$s: %3$ld of %4$ld, %5$ld of them against a "
                                         "non-standard checklist"),
                             it->checklist_id, it->item_id, it->failing, it->reporting, it->nonstandard)
                  : asprintf(&heading, _("Units failing %1$s/%2$s: %3$ld of %4$ld"), it->checklist_id, it->item_id,
                             it->failing, it->reporting);
        if (n < 0)
            heading = NULL;
        ui_canvas_hline(c, bottom, 0, c->cols, UI_ROLE_DIM);
        ui_canvas_put_cut(c, bottom + 1, 1, c->cols - 2, UI_ROLE_TITLE, heading ? heading : "");
        ui_render_wrapped(c, bottom + 2, 2, c->cols - 4, UNITS_ROWS - 2, 0, UI_ROLE_NORMAL, units ? units : "");
        free(heading);
        free(units);
    }
    return bottom - 2;
}

const ui_review_list_part ui_review_items_part = {items_load, items_columns, items_fill, items_render};
