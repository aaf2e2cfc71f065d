/* report_format.c: the column names, the file name stem and the formula
 * guard that the report writer and every reader share (see report_format.h). */
#include "report_format.h"
#include "csvfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest part of a file name stem taken from one input. */
#define STEM_PART_MAX 64

const char *const report_csv_columns[REPORT_COL_COUNT] = {
    "format_version", "report_id", "unit_code", "unit_name", "profile", "period",
    "assessor", "completed_at", "generated_at", "tool_version", "signer_key_id",
    "signature_algo", "complete", "total_percent", "grade", "grade_zh", "verdict",
    "checklist_id", "checklist_version", "checklist_digest", "item_id", "system_id", "system_name",
    "question_zh", "severity", "weight", "state", "answer", "answer_text", "score",
    "max_score", "finding", "note", "remediation_owner", "remediation_due",
};

/* ---- cells ---- */

/* The guard is the CSV module's, so that sheets, reports and the import
 * agree on it. */
char *report_cell_neutralise(const char *text)
{
    return csvfile_guard(text);
}

char *report_cell_restore(const char *text)
{
    return csvfile_unguard(text);
}

/* ---- file names ---- */

/* Appends a sanitised copy of part: ASCII letters, digits, '-' and '@' are
 * kept, anything else (separators, dots, spaces, control characters, bytes
 * of non-ASCII text) becomes '_'. */
static void stem_append(char *out, size_t *len, const char *part)
{
    size_t n = 0;
    for (const char *p = part ? part : ""; *p && n < STEM_PART_MAX; p++, n++) {
        char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '@';
        out[(*len)++] = keep ? c : '_';
    }
    if (n == 0)
        out[(*len)++] = 'x';
}

char *report_file_stem(const char *unit_code, const char *profile_text, const char *period)
{
    char *out = malloc(3 * (STEM_PART_MAX + 1) + 1);
    if (out == NULL)
        return NULL;
    size_t len = 0;
    stem_append(out, &len, unit_code);
    out[len++] = '_';
    stem_append(out, &len, profile_text);
    out[len++] = '_';
    stem_append(out, &len, period);
    out[len] = '\0';
    /* A name starting with '-' reads as an option to the commands a
     * supervisor types (openssl, sqlite3). */
    if (out[0] == '-')
        out[0] = '_';
    return out;
}

bool report_name_has_unit(const char *name, const char *unit_code)
{
    if (name == NULL || unit_code == NULL)
        return false;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    char part[STEM_PART_MAX + 2];
    size_t len = 0;
    stem_append(part, &len, unit_code);
    if (part[0] == '-')
        part[0] = '_';
    part[len++] = '_';
    return strncmp(base, part, len) == 0;
}

bool report_name_is_report(const char *name)
{
    if (name == NULL)
        return false;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = strlen(base);
    bool ext = (n > 4 && strcmp(base + n - 4, ".csv") == 0) || (n > 7 && strcmp(base + n - 7, ".sqlite") == 0);
    return ext && (strstr(base, "_monthly_") || strstr(base, "_halfyear_") || strstr(base, "_change_"));
}
