/* ui_review_missing.c: who has not reported (see ui_review_lists.h): of
 * the periods review_missing_periods finds not reported, those of the
 * current monthly and half-year period (the latest whose due date has
 * passed), each unit with its latest report and the due periods it has
 * missed. */
#include "ui_review_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_context.h"

static int missing_load(ui_review_list *l, char **err)
{
    if (review_missing_periods(l->rv->db, &l->rv->sched, l->rv->ctx->today, &l->missing, &l->missing_count, err) !=
        0)
        return -1;
    for (size_t i = 0; i < l->missing_count; i++) {
        int check = strcmp(l->missing[i].profile, "halfyear") == 0;
        if (strcmp(l->missing[i].period, l->rv->due[check]) == 0)
            l->counts[check]++;
    }
    return 0;
}

static size_t missing_columns(const ui_review_list *l, ui_table_column *out)
{
    (void)l;
    const ui_table_column columns[] = {
        {_("Unit code"), 4, false, UI_ALIGN_LEFT, false, 0},
        {_("Unit name"), 8, true, UI_ALIGN_LEFT, false, 0},
        {_("Report due"), 10, false, UI_ALIGN_LEFT, false, 0},
        {_("Last reported"), 7, false, UI_ALIGN_LEFT, false, 0},
        {_("Missed"), 4, false, UI_ALIGN_RIGHT, true, 0},
    };
    memcpy(out, columns, sizeof columns);
    return sizeof columns / sizeof columns[0];
}

static void missing_fill(ui_review_list *l)
{
    static const char *const check[2] = {"monthly", "halfyear"};
    for (int g = 0; g < 2; g++) {
        char *text = NULL;
        if (asprintf(&text, _("%1$s %2$s: %3$zu units have not reported"),
                     g == 0 ? _("Monthly check") : _("Half-year check"), l->rv->due[g], l->counts[g]) >= 0)
            ui_table_add_heading(l->table, text, UI_ROLE_TITLE);
        free(text);
        for (size_t i = 0; i < l->missing_count; i++) {
            const review_missing *m = &l->missing[i];
            if (strcmp(m->profile, check[g]) != 0 || strcmp(m->period, l->rv->due[g]) != 0)
                continue;
            /* the unit's missed periods of the check: its rows are together */
            size_t missed = 0;
            for (size_t k = 0; k < l->missing_count; k++)
                missed += strcmp(l->missing[k].unit_code, m->unit_code) == 0 &&
                          strcmp(l->missing[k].profile, m->profile) == 0;
            char count[24];
            snprintf(count, sizeof count, "%zu", missed);
            const char *cells[] = {m->unit_code, m->unit_name, m->due,
                                   m->last_reported[0] ? m->last_reported : _("never"), count};
            long r = ui_table_add_row(l->table, cells, UI_ROLE_NORMAL);
            if (r >= 0 && !m->last_reported[0])
                ui_table_set_role(l->table, (size_t)r, 3, UI_ROLE_WARNING);
        }
    }
}

static int missing_render(ui_review_list *l, ui_canvas *c)
{
    char *line = NULL;
    ui_review_frame(l->rv, c, _("Not reported"), _("Up/Down scroll  Esc back  L language  ? help"));
    if (asprintf(&line, _("Due dates from [schedule]; today %s"), l->rv->ctx->today) < 0)
        line = NULL;
    ui_canvas_put_cut(c, 1, 1, c->cols - 2, UI_ROLE_NORMAL, line ? line : "");
    free(line);
    return c->rows - 3 - 2;
}

const ui_review_list_part ui_review_missing_part = {missing_load, missing_columns, missing_fill, missing_render};
