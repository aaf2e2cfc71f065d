/* review_unit.c: the review's screen of one unit: its checklists, trend
 * and open findings (logic in src/ui/ui_review_unit.c). Read again on each
 * entry: the table may have chosen another unit. */
#include "screen.h"

static int review_unit_enter(tui_app *app)
{
    ui_review_unit_free(app->review_unit);
    app->review_unit = ui_review_unit_new(app->review);
    return app->review_unit ? 0 : -1;
}

static void review_unit_draw(tui_app *app, ui_canvas *c)
{
    ui_review_unit_render(app->review_unit, c);
}

static ui_action review_unit_key(tui_app *app, ui_key k)
{
    return ui_review_unit_key(app->review_unit, k);
}

static void review_unit_leave(tui_app *app)
{
    (void)app;   /* kept until the next entry reads it again */
}

const tui_screen screen_review_unit = {UI_SCREEN_REVIEW_UNIT, review_unit_enter, review_unit_draw,
                                     review_unit_key, review_unit_leave};
