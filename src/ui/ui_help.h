/* ui_help.h: the help page that `?` opens over any screen, listing every key
 * of that screen and the keys common to all. */
#ifndef SELFCHECK_UI_HELP_H
#define SELFCHECK_UI_HELP_H

#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_key.h"

typedef enum ui_screen_id {
    UI_SCREEN_SETUP = 0,
    UI_SCREEN_START,
    UI_SCREEN_WALK,
    UI_SCREEN_SUMMARY,
    UI_SCREEN_EXPORT,
    UI_SCREEN_SYSTEMS,
    UI_SCREEN_HELP,
    UI_SCREEN_FORMS,    /* after HELP: it has no help page of its own; its keys are on its hint line */
    UI_SCREEN_INCIDENT, /* likewise */
    /* the supervisor's review (ui_review.h): their pages come with the screen */
    UI_SCREEN_REVIEW_TABLE,
    UI_SCREEN_REVIEW_UNIT,
    UI_SCREEN_REVIEW_COMPARE,
    UI_SCREEN_REVIEW_ITEMS,
    UI_SCREEN_REVIEW_FOLLOWUP,
    UI_SCREEN_REVIEW_MISSING
} ui_screen_id;

typedef struct ui_help {
    ui_context *ctx;        /* not owned */
    ui_screen_id about;     /* whose keys are listed */
    int top;
    /* set after ui_help_init to list these instead of the string table's
     * pages (the review's screens); common: the keys every such screen has */
    const char *page, *common;
} ui_help;

void ui_help_init(ui_help *h, ui_context *ctx, ui_screen_id about);
/* Scrolls, or returns UI_ACT_BACK to close. */
ui_action ui_help_key(ui_help *h, ui_key k);
void ui_help_render(ui_help *h, ui_canvas *c);
/* The keys of a screen of the unit's check (setup to systems), and those of
 * every screen, in the language in force: "KEY\tWHAT IT DOES" lines, a line
 * without a tab a heading (static strings, not to be freed). */
const char *ui_help_page(ui_screen_id about);
const char *ui_help_common(void);

#endif
