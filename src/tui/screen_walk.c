/* screen_walk.c: the walk-through screen (logic in src/ui/ui_walk.c). Its
 * state lives as long as the assessment is open, so going to the summary and
 * back keeps the place. */
#include "screen.h"

static int walk_enter(tui_app *app)
{
    if (app->walk == NULL)
        app->walk = ui_walk_new(&app->ctx, -1);
    if (app->walk == NULL)
        return -1;
    if (app->summary && app->summary->jump >= 0) {
        ui_walk_goto(app->walk, (size_t)app->summary->jump);
        app->summary->jump = -1;
    }
    return 0;
}

static void walk_draw(tui_app *app, ui_canvas *c)
{
    ui_walk_render(app->walk, c);
}

static ui_action walk_key(tui_app *app, ui_key k)
{
    return ui_walk_key(app->walk, k);
}

static void walk_leave(tui_app *app)
{
    /* text typed but not yet entered is kept rather than lost */
    ui_walk_flush(app->walk);
}

const tui_screen screen_walk = {UI_SCREEN_WALK, walk_enter, walk_draw, walk_key, walk_leave};
