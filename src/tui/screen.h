/* screen.h: the screens of the TUI and the state they share.
 *
 * Each screen is a table of {enter, draw, key, leave} in its own file
 * (screen_*.c); the screen's logic is in src/ui, so these files only create
 * and free that state and hand keys and canvases across. The event loop in
 * tui.c is the only place that switches screens or draws. */
#ifndef SELFCHECK_SCREEN_H
#define SELFCHECK_SCREEN_H

#include <stdbool.h>

#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_export.h"
#include "ui_forms.h"
#include "ui_help.h"
#include "ui_incident.h"
#include "ui_key.h"
#include "ui_review.h"
#include "ui_review_compare.h"
#include "ui_review_lists.h"
#include "ui_review_table.h"
#include "ui_review_unit.h"
#include "ui_setup.h"
#include "ui_start.h"
#include "ui_summary.h"
#include "ui_systems.h"
#include "ui_walk.h"

struct tui_screen;

typedef struct tui_app {
    ui_context ctx;
    ui_setup *setup;
    ui_start *start;
    ui_walk *walk;          /* kept while the assessment is open, so its place is kept */
    ui_summary *summary;    /* likewise */
    ui_export *export;
    ui_systems *systems;
    ui_forms *forms;
    ui_incident *incident;
    ui_help help;
    const struct tui_screen *screen;       /* the screen shown */
    const struct tui_screen *under_help;   /* the screen the help was opened over */
    /* the supervisor's review (tui_run_review), NULL in the unit's TUI */
    ui_review *review;
    ui_review_table *review_table;
    ui_review_unit *review_unit;
    ui_review_compare *review_compare;
    ui_review_list *review_list;   /* items across units, follow-up or missing */
    bool pending;           /* the command line named a profile to open after setup */
    profile pending_profile;
    char *pending_period;
} tui_app;

typedef struct tui_screen {
    ui_screen_id id;
    /* Prepares the screen's state. Returns 0, or -1 when out of memory. */
    int (*enter)(tui_app *app);
    void (*draw)(tui_app *app, ui_canvas *c);
    ui_action (*key)(tui_app *app, ui_key k);
    /* Called when another screen replaces this one, and on quitting. */
    void (*leave)(tui_app *app);
} tui_screen;

extern const tui_screen screen_setup;
extern const tui_screen screen_start;
extern const tui_screen screen_walk;
extern const tui_screen screen_summary;
extern const tui_screen screen_export;
extern const tui_screen screen_help;
extern const tui_screen screen_systems;
extern const tui_screen screen_forms;
extern const tui_screen screen_incident;
extern const tui_screen screen_review_table;
extern const tui_screen screen_review_unit;
extern const tui_screen screen_review_compare;
extern const tui_screen screen_review_items;
extern const tui_screen screen_review_followup;
extern const tui_screen screen_review_missing;

#endif
