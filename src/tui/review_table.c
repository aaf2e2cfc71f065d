/* review_table.c: the review's table of units by period (logic in
 * src/ui/ui_review_table.c). Kept while the review runs, so that coming
 * back from a unit finds the same row; read again on the way back, since
 * the unit's screen may have moved the period. */
#include "screen.h"

static int review_table_enter(tui_app *app)
{
    if (app->review_table == NULL)
        app->review_table = ui_review_table_new(app->review);
    else
        ui_review_table_reload(app->review_table);
    return app->review_table ? 0 : -1;
}

static void review_table_draw(tui_app *app, ui_canvas *c)
{
    ui_review_table_render(app->review_table, c);
}

static ui_action review_table_key(tui_app *app, ui_key k)
{
    return ui_review_table_key(app->review_table, k);
}

static void review_table_leave(tui_app *app)
{
    (void)app;
}

const tui_screen screen_review_table = {UI_SCREEN_REVIEW_TABLE, review_table_enter, review_table_draw,
                                        review_table_key, review_table_leave};
