/* answer.h: what an answer to an item may be, and its canonical form.
 *
 * Answers are stored as text in one canonical spelling per type: yes, no,
 * partial, na; a choice key; a number as %g; a date YYYY-MM-DD; never (for
 * number and date items that allow it); "scheduled YYYY-MM-DD" (date items
 * that allow it: a re-assessment booked for that day); free text.
 * Input is forgiving where a spreadsheet or a Chinese user would be: case is
 * ignored, full-width forms are read as ASCII, 是/否/部分/不适用 are
 * understood, choices may be given by their label (每日 for 每天), numbers
 * with their unit (180天) and thousands separators, dates as a Chinese
 * spreadsheet writes them (answer_read_date). This is the one table of
 * answer words: the sheet, the command line and the TUI all parse here. */
#ifndef SELFCHECK_ANSWER_H
#define SELFCHECK_ANSWER_H

#include "checklist.h"
#include "period.h"

/* Validates input for an item and returns its canonical form in *canonical
 * (caller frees). `today` (YYYY-MM-DD) bounds dates: a date after it is
 * refused. Returns 0, or -1 with *err saying what the item accepts. */
int answer_parse(const item *it, const char *input, const char *today,
                 char **canonical, char **err);

/* Whether input is the item's "never" answer (never, 从未, 无, 没有), which
 * only items with `allow = never` have. */
bool answer_means_never(const item *it, const char *input);

/* Whether value is a date item's "scheduled" answer (only items with `allow =
 * scheduled` have it): "scheduled YYYY-MM-DD", also typed as "已安排 DATE",
 * "已安排测评 DATE" or "已安排重新测评 DATE" (a colon may follow the word). When
 * it is and `date` is not NULL, the booked day is written there as YYYY-MM-DD. */
bool answer_scheduled_date(const item *it, const char *value, char date[11]);

/* Whether text may be recorded as a free-text answer or a note (`name`
 * false: several lines, at most RECORD_MAX_TEXT bytes) or as an owner or a
 * system name (`name` true: one line, at most RECORD_MAX_NAME bytes): valid
 * UTF-8 without control characters (printable_find_control: no escape
 * sequence, no lone CR). Returns 0, or -1 with *err saying why. */
int answer_text_check(const char *text, bool name, char **err);

/* What the answer cell accepts, e.g. "yes|no|partial|na", "daily|weekly|none",
 * "0..3650", "YYYY-MM-DD", "text". Caller frees. */
char *answer_allowed(const item *it);

/* The Chinese forms the answer cell also accepts, e.g. "是|否|部分|不适用",
 * "每天|每周|不备份", "0..36500 天|从未", "2026年3月31日"; "" for text.
 * Caller frees; NULL when out of memory. */
char *answer_allowed_zh(const item *it);

/* Both: "yes|no|partial (是|否|部分)", what the sheet's `allowed` column and
 * the error messages show. Caller frees; NULL when out of memory. */
char *answer_allowed_all(const item *it);

/* Reads a date as people and spreadsheets write it: 2026-03-31, 2026-3-31,
 * 2026/3/31, 2026.3.31, 2026年3月31日, 26年3月31日 (LibreOffice in a Chinese
 * locale; this century), full-width digits, a time of 0:00 after it. A form
 * whose order is a guess (12/11/26) is refused. 0 with *out, or -1. */
int answer_read_date(const char *text, civil_date *out);
/* answer_read_date for every place that reads a date someone typed (an
 * answer, a remediation due date on a sheet or on the screen): 0 with *out,
 * or -1 with *err naming the forms that are accepted. */
int answer_date_parse(const char *text, civil_date *out, char **err);

/* The answer as shown to a person in `lang` ("是"/"Yes", a choice label, a
 * number with its unit). Caller frees. */
char *answer_display(const item *it, const char *value, const char *lang);

#endif
