/* review_items.c: the review's screen of an item across units: which units fail it in the period shown
 * (logic in src/ui/ui_review_items.c and ui_review_lists.c). Read again on
 * each entry. */
#include "screen.h"

static int review_items_enter(tui_app *app)
{
    ui_review_list_free(app->review_list);
    app->review_list = ui_review_list_new(app->review, UI_REVIEW_LIST_ITEMS);
    return app->review_list ? 0 : -1;
}

static void review_items_draw(tui_app *app, ui_canvas *c)
{
    ui_review_list_render(app->review_list, c);
}

static ui_action review_items_key(tui_app *app, ui_key k)
{
    return ui_review_list_key(app->review_list, k);
}

static void review_items_leave(tui_app *app)
{
    (void)app;
}

const tui_screen screen_review_items = {UI_SCREEN_REVIEW_ITEMS, review_items_enter, review_items_draw, review_items_key,
                                     review_items_leave};
