/* review_followup.c: the review's screen of remediation follow-up: overdue, open and resolved findings
 * (logic in src/ui/ui_review_followup.c and ui_review_lists.c). Read again on
 * each entry. */
#include "screen.h"

static int review_followup_enter(tui_app *app)
{
    ui_review_list_free(app->review_list);
    app->review_list = ui_review_list_new(app->review, UI_REVIEW_LIST_FOLLOWUP);
    return app->review_list ? 0 : -1;
}

static void review_followup_draw(tui_app *app, ui_canvas *c)
{
    ui_review_list_render(app->review_list, c);
}

static ui_action review_followup_key(tui_app *app, ui_key k)
{
    return ui_review_list_key(app->review_list, k);
}

static void review_followup_leave(tui_app *app)
{
    (void)app;
}

const tui_screen screen_review_followup = {UI_SCREEN_REVIEW_FOLLOWUP, review_followup_enter, review_followup_draw, review_followup_key,
                                     review_followup_leave};
