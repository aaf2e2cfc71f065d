/* ui_review_lists.c: what the review's three lists share (see
 * ui_review_lists.h): reading, the table in the language in force, the
 * keys. Each list's own parts are in ui_review_items.c,
 * ui_review_followup.c and ui_review_missing.c. */
#include "ui_review_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_context.h"

static const ui_review_list_part *part_of(const ui_review_list *l)
{
    switch (l->kind) {
    case UI_REVIEW_LIST_ITEMS: return &ui_review_items_part;
    case UI_REVIEW_LIST_FOLLOWUP: return &ui_review_followup_part;
    case UI_REVIEW_LIST_MISSING: break;
    }
    return &ui_review_missing_part;
}

static void list_clear(ui_review_list *l)
{
    review_item_counts_free(l->items, l->item_count);
    review_slots_free(l->units, l->unit_count);
    review_findings_free(l->findings, l->finding_count);
    review_missing_free(l->missing, l->missing_count);
    l->items = NULL;
    l->units = NULL;
    l->findings = NULL;
    l->missing = NULL;
    l->item_count = l->unit_count = l->finding_count = l->missing_count = 0;
    memset(l->counts, 0, sizeof l->counts);
}

/* (Re)makes the table in the language in force, keeping the selection. */
static void list_table(ui_review_list *l)
{
    long keep = l->table ? ui_table_selected(l->table) : -1;
    ui_table_free(l->table);
    ui_table_column columns[8];
    size_t n = part_of(l)->columns(l, columns);
    l->table = ui_table_new(columns, n);
    snprintf(l->lang, sizeof l->lang, "%s", i18n_lang());
    if (l->table == NULL)
        return;
    part_of(l)->fill(l);
    if (keep >= 0)
        ui_table_select(l->table, (size_t)keep);
}

static void list_load(ui_review_list *l)
{
    list_clear(l);
    char *err = NULL;
    free(l->error);
    l->error = NULL;
    if (part_of(l)->load(l, &err) != 0)
        l->error = strdup(err ? err : _("out of memory"));
    free(err);
    ui_table_free(l->table);
    l->table = NULL;
    list_table(l);
}

ui_review_list *ui_review_list_new(ui_review *rv, ui_review_list_kind kind)
{
    ui_review_list *l = calloc(1, sizeof *l);
    if (l == NULL)
        return NULL;
    l->rv = rv;
    l->kind = kind;
    list_load(l);
    if (l->table == NULL) {
        ui_review_list_free(l);
        return NULL;
    }
    return l;
}

void ui_review_list_free(ui_review_list *l)
{
    if (l == NULL)
        return;
    list_clear(l);
    ui_table_free(l->table);
    free(l->error);
    free(l);
}

ui_action ui_review_list_key(ui_review_list *l, ui_key k)
{
    ui_action common = ui_review_key(l->rv, &k, UI_ACT_REVIEW_TABLE);
    if (common != UI_ACT_NONE)
        return common;
    if (l->kind == UI_REVIEW_LIST_ITEMS && (k.code == UI_KEY_LEFT || k.code == UI_KEY_RIGHT)) {
        if (ui_review_step_period(l->rv, k.code == UI_KEY_LEFT ? -1 : 1))
            list_load(l);
        return UI_ACT_REDRAW;
    }
    if (l->table && ui_table_key(l->table, k))
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

void ui_review_list_render(ui_review_list *l, ui_canvas *c)
{
    if (l->table == NULL || strcmp(l->lang, i18n_lang()) != 0)
        list_table(l);
    int rows = part_of(l)->render(l, c);
    if (l->error)
        ui_render_wrapped(c, 2, 2, c->cols - 4, 3, 0, UI_ROLE_WARNING, l->error);
    else if (l->table && rows > 1)
        ui_table_render(l->table, c, 2, 0, c->cols, rows);
}
