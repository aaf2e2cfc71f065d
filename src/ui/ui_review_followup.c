/* ui_review_followup.c: remediation follow-up (see ui_review_lists.h):
 * every finding of every unit followed through its reports (review_findings),
 * overdue ones first, then those not yet due, then those resolved, each
 * group under a heading with its count. */
#include "ui_review_lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "ui_context.h"

static int followup_load(ui_review_list *l, char **err)
{
    if (review_findings(l->rv->db, NULL, false, l->rv->ctx->today, &l->findings, &l->finding_count, err) != 0)
        return -1;
    for (size_t i = 0; i < l->finding_count; i++)
        l->counts[l->findings[i].status == REVIEW_FINDING_OVERDUE ? 0
                  : l->findings[i].status == REVIEW_FINDING_OPEN  ? 1
                                                                   : 2]++;
    return 0;
}

/* Whether a finding was answered against a checklist that is not official:
 * the list then has a Marks column that names it. */
static bool followup_nonstandard(const ui_review_list *l)
{
    for (size_t i = 0; i < l->finding_count; i++)
        if (l->findings[i].nonstandard)
            return true;
    return false;
}

static size_t followup_columns(const ui_review_list *l, ui_table_column *out)
{
    const ui_table_column columns[] = {
        {_("Unit code"), 4, false, UI_ALIGN_LEFT, false, 0},
        {_("Item"), 6, false, UI_ALIGN_LEFT, false, 0},
        {_("Question"), 8, true, UI_ALIGN_LEFT, false, 0},
        {_("Owner"), 4, true, UI_ALIGN_LEFT, false, 0},
        {_("Due"), 10, false, UI_ALIGN_LEFT, false, 0},
        {_("Found"), 7, false, UI_ALIGN_LEFT, false, 0},
        {_("Resolved in"), 7, false, UI_ALIGN_LEFT, false, 0},
        {_("Marks"), 6, false, UI_ALIGN_LEFT, false, 0},
    };
    size_t n = sizeof columns / sizeof columns[0] - !followup_nonstandard(l);
    memcpy(out, columns, n * sizeof columns[0]);
    return n;
}

static void followup_fill(ui_review_list *l)
{
    static const review_followup order[3] = {REVIEW_FINDING_OVERDUE, REVIEW_FINDING_OPEN, REVIEW_FINDING_RESOLVED};
    static const ui_role role[3] = {UI_ROLE_WARNING, UI_ROLE_TITLE, UI_ROLE_ANSWERED};
    for (int g = 0; g < 3; g++) {
        if (l->counts[g] == 0)
            continue;
        char *text = NULL;
        int n = g == 0 ? asprintf(&text, _("Overdue: %zu"), l->counts[g])
              : g == 1 ? asprintf(&text, _("Not yet due: %zu"), l->counts[g])
                       : asprintf(&text, _("Resolved: %zu"), l->counts[g]);
        if (n >= 0)
            ui_table_add_heading(l->table, text, role[g]);
        free(text);
        for (size_t i = 0; i < l->finding_count; i++) {
            const review_finding *f = &l->findings[i];
            if (f->status != order[g])
                continue;
            char where[200], mark[160] = "";
            snprintf(where, sizeof where, "%s%s%s", f->item_id, f->system_id[0] ? "@" : "", f->system_id);
            if (f->nonstandard)
                snprintf(mark, sizeof mark, _("non-standard %s"), f->checklist_id);
            const char *cells[] = {f->unit_code, where, f->question_zh, f->owner[0] ? f->owner : "-",
                                   f->due[0] ? f->due : "-", f->first_period,
                                   f->resolved_in[0] ? f->resolved_in : "-", mark};
            long r = ui_table_add_row(l->table, cells, UI_ROLE_NORMAL);
            if (r >= 0 && g == 0)
                ui_table_set_role(l->table, (size_t)r, 4, UI_ROLE_WARNING);
            if (r >= 0 && f->nonstandard)
                ui_table_set_role(l->table, (size_t)r, 7, UI_ROLE_WARNING);
        }
    }
}

static int followup_render(ui_review_list *l, ui_canvas *c)
{
    char *line = NULL;
    ui_review_frame(l->rv, c, _("Remediation follow-up"), _("Up/Down scroll  Esc back  L language  ? help"));
    if (asprintf(&line, _("%1$zu findings: %2$zu overdue, %3$zu not yet due, %4$zu resolved (today %5$s)"),
                 l->finding_count, l->counts[0], l->counts[1], l->counts[2], l->rv->ctx->today) < 0)
        line = NULL;
    ui_canvas_put_cut(c, 1, 1, c->cols - 2, UI_ROLE_NORMAL, line ? line : "");
    free(line);
    if (l->finding_count == 0) {
        ui_canvas_put_cut(c, 3, 2, c->cols - 4, UI_ROLE_DIM, _("No unit has reported a finding."));
        return 0;
    }
    return c->rows - 3 - 2;
}

const ui_review_list_part ui_review_followup_part = {followup_load, followup_columns, followup_fill,
                                                     followup_render};
