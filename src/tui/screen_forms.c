/* screen_forms.c: the annex forms screen (logic in src/ui/ui_forms.c). */
#include "screen.h"

static int forms_enter(tui_app *app)
{
    if (app->forms == NULL)
        app->forms = ui_forms_new(&app->ctx);
    return app->forms ? 0 : -1;
}

static void forms_draw(tui_app *app, ui_canvas *c)
{
    ui_forms_render(app->forms, c);
}

static ui_action forms_key(tui_app *app, ui_key k)
{
    return ui_forms_key(app->forms, k);
}

static void forms_leave(tui_app *app)
{
    ui_forms_free(app->forms);
    app->forms = NULL;
}

const tui_screen screen_forms = {UI_SCREEN_FORMS, forms_enter, forms_draw, forms_key, forms_leave};
