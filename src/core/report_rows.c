/* report_rows.c: the cells of a report's rows, shared by the CSV and the
 * SQLite writer (see report_rows.h). */
#include "report_rows.h"
#include "answer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

const char *report_state_name(instance_state st)
{
    switch (st) {
    case STATE_HIDDEN: return "hidden";
    case STATE_UNANSWERED: return "unanswered";
    case STATE_ANSWERED: return "answered";
    case STATE_NA: return "na";
    case STATE_RECORDED: return "recorded";
    }
    return "?";
}




/* A number as text, the same in every locale (SQLite's printf ignores
 * LC_NUMERIC; a German locale's "1,5" would break the CSV's meaning). */
static void number_cell(char out[32], double value)
{
    sqlite3_snprintf(32, out, "%.10g", value);
}

/* The cells of the row of instance i (unescaped), each a new string. */
int report_row_cells(const report_ctx *cx, size_t i, char *cells[REPORT_COL_COUNT])
{
    const session *s = cx->s;
    const assessment *a = s->assessment;
    const instance *in = &s->plan->items[i];
    const instance_score *sc = &s->score->instances[i];
    const char *value = sc->answer ? sc->answer->value : NULL;
    char version[16], weight[32], score[32] = "", max[32] = "";
    snprintf(version, sizeof version, "%d", in->list->version);
    number_cell(weight, in->item->weight);
    if (sc->state == STATE_ANSWERED) {
        number_cell(score, sc->points);
        number_cell(max, sc->max);
    }
    const char *fixed[REPORT_COL_COUNT] = {
        [REPORT_COL_FORMAT_VERSION] = cx->format_version,
        [REPORT_COL_REPORT_ID] = cx->report_id,
        [REPORT_COL_UNIT_CODE] = a->unit_code,
        [REPORT_COL_UNIT_NAME] = s->cfg->unit_name,
        [REPORT_COL_PROFILE] = profile_name(a->profile),
        [REPORT_COL_PERIOD] = a->period,
        [REPORT_COL_ASSESSOR] = cx->assessor,
        [REPORT_COL_COMPLETED_AT] = a->completed_at,
        [REPORT_COL_GENERATED_AT] = cx->generated_at,
        [REPORT_COL_TOOL_VERSION] = SELFCHECK_VERSION,
        [REPORT_COL_SIGNER_KEY_ID] = cx->key_id,
        [REPORT_COL_SIGNATURE_ALGO] = cx->algo,
        [REPORT_COL_COMPLETE] = cx->complete,
        [REPORT_COL_TOTAL_PERCENT] = cx->percent,
        [REPORT_COL_GRADE] = cx->grade,
        [REPORT_COL_GRADE_ZH] = cx->grade_zh,
        [REPORT_COL_VERDICT] = cx->verdict,
        [REPORT_COL_CHECKLIST_ID] = in->list->id,
        [REPORT_COL_CHECKLIST_VERSION] = version,
        [REPORT_COL_CHECKLIST_DIGEST] = report_ctx_digest(cx, in->list),
        [REPORT_COL_ITEM_ID] = in->item->id,
        [REPORT_COL_SYSTEM_ID] = in->system_id,
        [REPORT_COL_SYSTEM_NAME] = in->system_name,
        [REPORT_COL_QUESTION_ZH] = in->item->question_zh,
        [REPORT_COL_SEVERITY] = in->item->type == ANSWER_TEXT ? "" : severity_name(in->item->severity),
        [REPORT_COL_WEIGHT] = weight,
        [REPORT_COL_STATE] = report_state_name(sc->state),
        [REPORT_COL_ANSWER] = value,
        [REPORT_COL_ANSWER_TEXT] = NULL,
        [REPORT_COL_SCORE] = score,
        [REPORT_COL_MAX_SCORE] = max,
        [REPORT_COL_FINDING] = sc->finding ? "yes" : "no",
        [REPORT_COL_NOTE] = sc->answer ? sc->answer->note : NULL,
        [REPORT_COL_REMEDIATION_OWNER] = sc->answer ? sc->answer->owner : NULL,
        [REPORT_COL_REMEDIATION_DUE] = sc->answer ? sc->answer->due : NULL,
    };
    int rc = 0;
    for (int c = 0; c < REPORT_COL_COUNT; c++) {
        if (c == REPORT_COL_ANSWER_TEXT)
            cells[c] = value ? answer_display(in->item, value, "zh") : strdup("");
        else
            cells[c] = strdup(fixed[c] ? fixed[c] : "");
        if (cells[c] == NULL)
            rc = -1;
    }
    return rc;
}

void report_cells_free(char *cells[REPORT_COL_COUNT])
{
    for (int c = 0; c < REPORT_COL_COUNT; c++) {
        free(cells[c]);
        cells[c] = NULL;
    }
}


const char *report_ctx_digest(const report_ctx *cx, const checklist *list)
{
    for (size_t i = 0; i < cx->digest_count; i++)
        if (cx->digest_lists[i] == list)
            return cx->digests[i];
    return "";
}
