/* ui_review.h: what the supervisor's review screens share: the review
 * database, the schedule that says which period is due, the check and the
 * period shown, and the unit opened from the table (docs/review.md).
 *
 * The screens (ui_review_table.h, ui_review_unit.h, ui_review_compare.h,
 * ui_review_items.h, ui_review_followup.h, ui_review_missing.h) each read
 * what they show from the database when they are entered; this holds only
 * the choices that carry from one screen to the next. */
#ifndef SELFCHECK_UI_REVIEW_H
#define SELFCHECK_UI_REVIEW_H

#include <stdbool.h>

#include "period.h"
#include "review_db.h"
#include "ui_context.h"
#include "ui_help.h"

/* The two checks the review follows, as indexes of the arrays below. */
enum { UI_REVIEW_MONTHLY = 0, UI_REVIEW_HALFYEAR = 1 };

typedef struct ui_review {
    ui_context *ctx;           /* language, today, status line (not owned) */
    review_db *db;             /* owned */
    schedule sched;            /* [schedule] of the settings: when a period is due */
    int check;                 /* UI_REVIEW_MONTHLY or UI_REVIEW_HALFYEAR */
    char *due[2];              /* per check: the latest period whose due date has passed */
    char *shown[2];            /* per check: the period the table shows */
    char *first[2];            /* per check: the earliest period reported, or NULL */
    bool first_read[2];        /* first[] has been read (on the first step back) */
    char *unit;                /* the unit opened from the table, or NULL */
    char *unit_name;
    char *compare_with;        /* the unit's earlier period being compared, or NULL */
    char *compare_later;       /* and the later one (NULL: the period shown) */
} ui_review;

/* The state over an open database (taken: freed with the state, also on
 * failure). Returns NULL with *err. */
ui_review *ui_review_new(ui_context *ctx, review_db *db, const schedule *s, char **err);
void ui_review_free(ui_review *rv);

/* The latest period of p (monthly or half-year) whose due date under s is
 * before today, or the period containing today when none of the last few
 * is. Caller frees; NULL when out of memory. */
char *ui_review_due_period(profile p, const char *today, const schedule *s);

/* The check shown, as a profile, its token and its label. */
profile ui_review_profile(const ui_review *rv);
const char *ui_review_profile_token(const ui_review *rv);
const char *ui_review_check_label(const ui_review *rv);
/* The period the table shows for the check shown. */
const char *ui_review_period(const ui_review *rv);
/* Switches between the monthly and the half-year check. */
void ui_review_toggle_check(ui_review *rv);
/* Moves the period shown one back (dir < 0) or on (dir > 0), never before
 * the first period reported nor past the period containing today. Returns
 * true when it moved. */
bool ui_review_step_period(ui_review *rv, int dir);
/* Sets the period shown (copied). 0, or -1 when out of memory. */
int ui_review_show_period(ui_review *rv, const char *period);
/* Remembers the unit opened (copied). 0, or -1 when out of memory. */
int ui_review_open_unit(ui_review *rv, const char *code, const char *name);

/* "+2.5", "-10.0", "0.0" into out. */
void ui_review_format_change(double change, char out[24]);

/* The help page (KEY<TAB>what it does lines) of a review screen, in the
 * language in force; NULL for a screen that is not a review screen. The
 * keys every review screen has are ui_review_help_common's. */
const char *ui_review_help(ui_screen_id id);
const char *ui_review_help_common(void);

/* The keys every review screen has: a resize redraws, q and Esc (and
 * Backspace, except on the table) return `back` (UI_ACT_QUIT on the
 * table), ? and F1 the help,
 * L switches the language. Clears the status message first and folds the
 * full-width forms of keys (ui_key_command) into *k. Returns the action,
 * or UI_ACT_NONE for any other key. */
ui_action ui_review_key(ui_review *rv, ui_key *k, ui_action back);

/* Draws the title, the hints and the status bar every review screen has. */
void ui_review_frame(const ui_review *rv, ui_canvas *c, const char *title, const char *hints);

#endif
