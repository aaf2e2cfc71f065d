/* screen_systems.c: the information-systems screen (logic in
 * src/ui/ui_systems.c). */
#include "screen.h"

static int systems_enter(tui_app *app)
{
    if (app->systems == NULL)
        app->systems = ui_systems_new(&app->ctx);
    return app->systems ? 0 : -1;
}

static void systems_draw(tui_app *app, ui_canvas *c)
{
    ui_systems_render(app->systems, c);
}

static ui_action systems_key(tui_app *app, ui_key k)
{
    return ui_systems_key(app->systems, k);
}

static void systems_leave(tui_app *app)
{
    ui_systems_free(app->systems);
    app->systems = NULL;
}

const tui_screen screen_systems = {UI_SCREEN_SYSTEMS, systems_enter, systems_draw, systems_key, systems_leave};
