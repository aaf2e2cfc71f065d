/* screen_setup.c: the first-run screen (logic in src/ui/ui_setup.c). */
#include "screen.h"

static int setup_enter(tui_app *app)
{
    if (app->setup == NULL)
        app->setup = ui_setup_new(&app->ctx);
    return app->setup ? 0 : -1;
}

static void setup_draw(tui_app *app, ui_canvas *c)
{
    ui_setup_render(app->setup, c);
}

static ui_action setup_key(tui_app *app, ui_key k)
{
    return ui_setup_key(app->setup, k);
}

static void setup_leave(tui_app *app)
{
    ui_setup_free(app->setup);
    app->setup = NULL;
}

const tui_screen screen_setup = {UI_SCREEN_SETUP, setup_enter, setup_draw, setup_key, setup_leave};
