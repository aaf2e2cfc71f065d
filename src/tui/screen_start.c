/* screen_start.c: the start screen (logic in src/ui/ui_start.c). It is read
 * afresh each time it is shown, so that it reflects what was just answered. */
#include "screen.h"

static int start_enter(tui_app *app)
{
    ui_start_free(app->start);
    app->start = ui_start_new(&app->ctx);
    return app->start ? 0 : -1;
}

static void start_draw(tui_app *app, ui_canvas *c)
{
    ui_start_render(app->start, c);
}

static ui_action start_key(tui_app *app, ui_key k)
{
    return ui_start_key(app->start, k);
}

static void start_leave(tui_app *app)
{
    (void)app;   /* kept until the chosen entry is opened; freed on the next enter */
}

const tui_screen screen_start = {UI_SCREEN_START, start_enter, start_draw, start_key, start_leave};
