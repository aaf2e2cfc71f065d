/* screen_help.c: the help page over another screen (logic in src/ui/ui_help.c).
 * The screen underneath is not left, so nothing typed there is lost. */
#include "screen.h"

static int help_enter(tui_app *app)
{
    ui_screen_id about = app->under_help ? app->under_help->id : UI_SCREEN_START;
    ui_help_init(&app->help, &app->ctx, about);
    if (app->review) {
        app->help.page = ui_review_help(about);
        app->help.common = ui_review_help_common();
    }
    return 0;
}

static void help_draw(tui_app *app, ui_canvas *c)
{
    ui_help_render(&app->help, c);
}

static ui_action help_key(tui_app *app, ui_key k)
{
    return ui_help_key(&app->help, k);
}

static void help_leave(tui_app *app)
{
    (void)app;
}

const tui_screen screen_help = {UI_SCREEN_HELP, help_enter, help_draw, help_key, help_leave};
