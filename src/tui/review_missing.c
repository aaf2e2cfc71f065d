/* review_missing.c: the review's screen of who has not reported the current period, and since when
 * (logic in src/ui/ui_review_missing.c and ui_review_lists.c). Read again on
 * each entry. */
#include "screen.h"

static int review_missing_enter(tui_app *app)
{
    ui_review_list_free(app->review_list);
    app->review_list = ui_review_list_new(app->review, UI_REVIEW_LIST_MISSING);
    return app->review_list ? 0 : -1;
}

static void review_missing_draw(tui_app *app, ui_canvas *c)
{
    ui_review_list_render(app->review_list, c);
}

static ui_action review_missing_key(tui_app *app, ui_key k)
{
    return ui_review_list_key(app->review_list, k);
}

static void review_missing_leave(tui_app *app)
{
    (void)app;
}

const tui_screen screen_review_missing = {UI_SCREEN_REVIEW_MISSING, review_missing_enter, review_missing_draw, review_missing_key,
                                     review_missing_leave};
