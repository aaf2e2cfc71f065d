/* review_compare.c: the review's screen of two of a unit's periods
 * compared item by item (logic in src/ui/ui_review_compare.c). Read again
 * on each entry. */
#include "screen.h"

static int review_compare_enter(tui_app *app)
{
    ui_review_compare_free(app->review_compare);
    app->review_compare = ui_review_compare_new(app->review);
    return app->review_compare ? 0 : -1;
}

static void review_compare_draw(tui_app *app, ui_canvas *c)
{
    ui_review_compare_render(app->review_compare, c);
}

static ui_action review_compare_key(tui_app *app, ui_key k)
{
    return ui_review_compare_key(app->review_compare, k);
}

static void review_compare_leave(tui_app *app)
{
    (void)app;   /* kept until the next entry reads it again */
}

const tui_screen screen_review_compare = {UI_SCREEN_REVIEW_COMPARE, review_compare_enter, review_compare_draw,
                                     review_compare_key, review_compare_leave};
