/* screen_incident.c: the incident classifier screen (logic in src/ui/ui_incident.c). */
#include "screen.h"

static int incident_enter(tui_app *app)
{
    if (app->incident == NULL)
        app->incident = ui_incident_new(&app->ctx);
    return app->incident ? 0 : -1;
}

static void incident_draw(tui_app *app, ui_canvas *c)
{
    ui_incident_render(app->incident, c);
}

static ui_action incident_key(tui_app *app, ui_key k)
{
    return ui_incident_key(app->incident, k);
}

static void incident_leave(tui_app *app)
{
    ui_incident_free(app->incident);
    app->incident = NULL;
}

const tui_screen screen_incident = {UI_SCREEN_INCIDENT, incident_enter, incident_draw, incident_key, incident_leave};
