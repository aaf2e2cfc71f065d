/* screen_export.c: the sign-and-export screen (logic in src/ui/ui_export.c). */
#include "screen.h"

static int export_enter(tui_app *app)
{
    ui_export_free(app->export);
    app->export = ui_export_new(&app->ctx);
    return app->export ? 0 : -1;
}

static void export_draw(tui_app *app, ui_canvas *c)
{
    ui_export_render(app->export, c);
}

static ui_action export_key(tui_app *app, ui_key k)
{
    return ui_export_key(app->export, k);
}

static void export_leave(tui_app *app)
{
    ui_export_free(app->export);
    app->export = NULL;
}

const tui_screen screen_export = {UI_SCREEN_EXPORT, export_enter, export_draw, export_key, export_leave};
