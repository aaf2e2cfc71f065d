/* screen_summary.c: the summary screen (logic in src/ui/ui_summary.c). */
#include "screen.h"

static int summary_enter(tui_app *app)
{
    if (app->summary == NULL)
        app->summary = ui_summary_new(&app->ctx);
    return app->summary ? 0 : -1;
}

static void summary_draw(tui_app *app, ui_canvas *c)
{
    ui_summary_render(app->summary, c);
}

static ui_action summary_key(tui_app *app, ui_key k)
{
    return ui_summary_key(app->summary, k);
}

static void summary_leave(tui_app *app)
{
    (void)app;   /* kept while the assessment is open: the walk reads its jump */
}

const tui_screen screen_summary = {UI_SCREEN_SUMMARY, summary_enter, summary_draw, summary_key,
                                   summary_leave};
