/* tui.c: tui_run and the single event loop of the terminal interface.
 *
 * The loop reads one key, hands it to the current screen, and acts on what
 * the screen asks (switch screen, open an assessment, quit). Drawing is
 * deferred: a key that changed something marks the screen dirty and the loop
 * draws once before waiting for the next key. A window below 80x24 gets the
 * "too small" page from the same loop, and KEY_RESIZE just marks it dirty,
 * since every screen computes its layout from the size at each draw. */
#include "tui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "period.h"
#include "review_db.h"
#include "screen.h"
#include "terminal.h"

/* Exit codes, the same numbers as the command line's (docs/cli.md). */
enum {
    TUI_EXIT_USAGE = 2,      /* unknown profile, bad period */
    TUI_EXIT_INPUT = 3,      /* invalid configuration or checklists */
    TUI_EXIT_STORE = 4,      /* the answer store cannot be opened */
    TUI_EXIT_TERMINAL = 5    /* no usable terminal (EXIT_IO) */
};

static void tui_switch(tui_app *app, const tui_screen *next)
{
    if (app->screen && app->screen != next)
        app->screen->leave(app);
    if (next->enter(app) != 0) {
        ui_context_say(&app->ctx, UI_ROLE_WARNING, _("out of memory"));
        return;
    }
    app->screen = next;
}

/* Frees the screens that belong to an open assessment, and closes it. */
static void tui_close_assessment(tui_app *app)
{
    ui_walk_free(app->walk);
    app->walk = NULL;
    ui_summary_free(app->summary);
    app->summary = NULL;
    ui_export_free(app->export);
    app->export = NULL;
    ui_context_close(&app->ctx);
}

/* Opens an assessment and shows it: the walk at the first unanswered item,
 * or the summary when everything is answered or a review was asked for.
 * Returns 0, or -1 with *err. */
static int tui_open(tui_app *app, profile p, const char *period, bool review, char **err)
{
    if (app->screen)
        app->screen->leave(app);
    app->screen = NULL;
    tui_close_assessment(app);
    if (ui_context_open(&app->ctx, p, period, err) != 0)
        return -1;
    const score_result *r = app->ctx.session->score;
    tui_switch(app, review || (r->complete && r->asked > 0) ? &screen_summary : &screen_walk);
    return 0;
}

static void tui_to_start(tui_app *app)
{
    if (app->screen)
        app->screen->leave(app);
    app->screen = NULL;
    tui_close_assessment(app);
    tui_switch(app, &screen_start);
}

static void tui_act(tui_app *app, ui_action act)
{
    switch (act) {
    case UI_ACT_HELP:
        /* the help goes over the screen without leaving it */
        app->under_help = app->screen;
        if (screen_help.enter(app) == 0)
            app->screen = &screen_help;
        break;
    case UI_ACT_BACK:
        if (app->under_help)
            app->screen = app->under_help;
        app->under_help = NULL;
        break;
    case UI_ACT_START:
        if (app->pending) {
            /* the command line named a profile: open it now that setup is done */
            char *err = NULL;
            app->pending = false;
            if (tui_open(app, app->pending_profile, app->pending_period, false, &err) != 0) {
                tui_to_start(app);
                const char *args[] = {err ? err : "?"};
                ui_context_sayf(&app->ctx, UI_ROLE_WARNING, _("This check cannot be opened: {1}"), args, 1);
            }
            free(err);
            break;
        }
        tui_to_start(app);
        break;
    case UI_ACT_OPEN: {
        const ui_start_entry *e = app->start ? ui_start_chosen(app->start) : NULL;
        if (e == NULL)
            break;
        char *err = NULL;
        char *period = strdup(e->period);
        profile p = e->profile;
        bool review = e->status == UI_STATUS_DONE;
        if (period && tui_open(app, p, period, review, &err) != 0) {
            tui_switch(app, &screen_start);
            const char *args[] = {err ? err : "?"};
            ui_context_sayf(&app->ctx, UI_ROLE_WARNING, _("This check cannot be opened: {1}"), args, 1);
        }
        free(period);
        free(err);
        break;
    }
    case UI_ACT_WALK:
        tui_switch(app, &screen_walk);
        break;
    case UI_ACT_SUMMARY:
        tui_switch(app, &screen_summary);
        break;
    case UI_ACT_EXPORT:
        tui_switch(app, &screen_export);
        break;
    case UI_ACT_SYSTEMS:
        tui_switch(app, &screen_systems);
        break;
    case UI_ACT_FORMS:
        tui_switch(app, &screen_forms);
        break;
    case UI_ACT_INCIDENT:
        tui_switch(app, &screen_incident);
        break;
    case UI_ACT_REVIEW_TABLE:
        tui_switch(app, &screen_review_table);
        break;
    case UI_ACT_REVIEW_UNIT:
        tui_switch(app, &screen_review_unit);
        break;
    case UI_ACT_REVIEW_COMPARE:
        tui_switch(app, &screen_review_compare);
        break;
    case UI_ACT_REVIEW_ITEMS:
        tui_switch(app, &screen_review_items);
        break;
    case UI_ACT_REVIEW_FOLLOWUP:
        tui_switch(app, &screen_review_followup);
        break;
    case UI_ACT_REVIEW_MISSING:
        tui_switch(app, &screen_review_missing);
        break;
    case UI_ACT_NONE:
    case UI_ACT_REDRAW:
    case UI_ACT_QUIT:
        break;
    }
}

static void tui_draw(tui_app *app, ui_canvas *c)
{
    int rows, cols;
    term_size(&rows, &cols);
    if (ui_canvas_reset(c, rows, cols) != 0)
        return;
    if (ui_too_small(rows, cols))
        ui_render_too_small(&app->ctx, c);
    else
        app->screen->draw(app, c);
    term_present(c);
}

/* The event loop. Returns the exit code. */
static int tui_loop(tui_app *app)
{
    ui_canvas canvas = {0};
    bool dirty = true;
    int code = 0;
    for (;;) {
        if (dirty) {
            tui_draw(app, &canvas);
            dirty = false;
        }
        ui_key k;
        if (term_read_key(&k, 1000) == 0)
            continue;
        if (k.code == UI_KEY_INTERRUPT) {
            code = 128 + term_stop_signal();
            break;
        }
        dirty = true;
        if (k.code == UI_KEY_RESIZE)
            continue;
        int rows, cols;
        term_size(&rows, &cols);
        if (ui_too_small(rows, cols)) {
            /* nothing else can be seen to be done; q still quits */
            ui_key cmd = ui_key_command(k);
            if (cmd.code == UI_KEY_CHAR && cmd.ch == 'q')
                break;
            continue;
        }
        ui_action act = app->screen->key(app, k);
        if (act == UI_ACT_NONE) {
            dirty = false;
            continue;
        }
        if (act == UI_ACT_QUIT)
            break;
        tui_act(app, act);
    }
    /* leave the screen under the help too, so a note being typed is kept */
    if (app->screen == &screen_help && app->under_help)
        app->screen = app->under_help;
    if (app->screen)
        app->screen->leave(app);
    app->screen = NULL;
    ui_canvas_free(&canvas);
    return code;
}

static void tui_free(tui_app *app)
{
    ui_setup_free(app->setup);
    ui_start_free(app->start);
    ui_systems_free(app->systems);
    ui_forms_free(app->forms);
    ui_incident_free(app->incident);
    ui_review_table_free(app->review_table);
    ui_review_unit_free(app->review_unit);
    ui_review_compare_free(app->review_compare);
    ui_review_list_free(app->review_list);
    ui_review_free(app->review);
    tui_close_assessment(app);
    free(app->pending_period);
    ui_context_free(&app->ctx);
}

int tui_run(const char *config_path, const char *db_path, const char *profile_name, const char *period)
{
    term_prepare();
    tui_app app;
    memset(&app, 0, sizeof app);
    char *err = NULL;

    profile p = PROFILE_MONTHLY;
    bool named = profile_name != NULL || period != NULL;
    if (profile_name && profile_parse(profile_name, &p) != 0) {
        fprintf(stderr, _("selfcheck: unknown profile '%s' (monthly, halfyear or change)\n"), profile_name);
        return TUI_EXIT_USAGE;
    }
    if (!profile_name && period && period_profile(period, &p) != 0) {
        fprintf(stderr, _("selfcheck: '%s' is not a period (2026-11, 2026-H2 or 2026-11-15@SYSTEM)\n"), period);
        return TUI_EXIT_USAGE;
    }
    if (period && period_validate(p, period, &err) != 0) {
        fprintf(stderr, "selfcheck: %s\n", err ? err : "bad period");
        free(err);
        return TUI_EXIT_USAGE;
    }
    if (ui_context_init(&app.ctx, config_path, db_path, &err) != 0) {
        fprintf(stderr, "selfcheck: %s\n", err ? err : "cannot read the configuration");
        free(err);
        return TUI_EXIT_INPUT;
    }
    bool first_run = app.ctx.cfg->unit_code == NULL || app.ctx.cfg->unit_code[0] == '\0';
    if (named && first_run) {
        app.pending = true;
        app.pending_profile = p;
        app.pending_period = period ? strdup(period) : NULL;
    } else if (named) {
        /* a named assessment that cannot be opened is an error of the
         * command line's kind: say so before taking over the screen */
        int rc = ui_context_open(&app.ctx, p, period, &err);
        if (rc != 0) {
            fprintf(stderr, "selfcheck: %s\n", err ? err : "cannot open the assessment");
            free(err);
            tui_free(&app);
            return rc == -1 ? TUI_EXIT_INPUT : TUI_EXIT_STORE;
        }
    }
    if (term_open(&err) != 0) {
        fprintf(stderr, "selfcheck: %s\n", err ? err : "cannot use the terminal");
        free(err);
        tui_free(&app);
        return TUI_EXIT_TERMINAL;
    }
    if (first_run) {
        tui_switch(&app, &screen_setup);
    } else if (app.ctx.session) {
        const score_result *r = app.ctx.session->score;
        tui_switch(&app, r->complete && r->asked > 0 ? &screen_summary : &screen_walk);
    } else {
        tui_switch(&app, &screen_start);
    }
    int code = app.screen ? tui_loop(&app) : TUI_EXIT_TERMINAL;
    bool had_session = app.ctx.session != NULL;
    term_close();
    /* text typed into a field that could not be saved when the program was
     * ended: shown once the terminal is back, so that it can be given again */
    const char *unsaved = app.walk ? app.walk->unsaved : NULL;
    if (unsaved)
        fprintf(stderr, "selfcheck: %s\n", unsaved);
    else if (had_session && code == 0)
        printf("%s\n", _("Quit. Every answer is saved."));
    tui_free(&app);
    return code;
}

int tui_run_review(const char *config_path, const char *db_path)
{
    term_prepare();
    tui_app app;
    memset(&app, 0, sizeof app);
    char *err = NULL;
    if (ui_context_init(&app.ctx, config_path, NULL, &err) != 0) {
        fprintf(stderr, "selfcheck: %s\n", err ? err : "cannot read the configuration");
        free(err);
        return TUI_EXIT_INPUT;
    }
    /* before the database: without a terminal nothing is opened or created */
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "selfcheck: %s\n",
                _("the review screen needs a terminal; for scripts use 'selfcheck review export', "
                  "'missing', 'findings' and 'items'"));
        tui_free(&app);
        return TUI_EXIT_TERMINAL;
    }
    char *fallback = db_path ? NULL : review_db_default_path();
    review_db *db = NULL;
    if (db_path == NULL && fallback == NULL) {
        fprintf(stderr, "selfcheck: %s\n", _("no review database: give --db FILE (HOME is not set)"));
        tui_free(&app);
        return TUI_EXIT_STORE;
    }
    review_db_status st = review_db_open(db_path ? db_path : fallback, &db, &err);
    free(fallback);
    if (st == REVIEW_DB_OK)
        app.review = ui_review_new(&app.ctx, db, &app.ctx.cfg->schedule, &err);
    if (app.review == NULL) {
        fprintf(stderr, "selfcheck: %s\n", err ? err : _("cannot open the review database"));
        free(err);
        tui_free(&app);
        return TUI_EXIT_STORE;
    }
    if (term_open(&err) != 0) {
        fprintf(stderr, "selfcheck: %s\n", err ? err : "cannot use the terminal");
        free(err);
        tui_free(&app);
        return TUI_EXIT_TERMINAL;
    }
    tui_switch(&app, &screen_review_table);
    int code = app.screen ? tui_loop(&app) : TUI_EXIT_TERMINAL;
    term_close();
    tui_free(&app);
    return code;
}
