/* ui_incident.h: the incident classifier on screen (`e` from the start
 * screen): the facts of document 003 asked one per line, the level and
 * warning colour shown as they change, a page with every rule that applies
 * and what the plan requires with clauses (Tab), and the incident saved as
 * an incident record (s), as `selfcheck incident record` does
 * (docs/incidents.md). The affected system is one of the registered
 * systems or none. A recorded incident is reopened by its number (o): its
 * facts and system can be changed and saved again, which grades it again
 * and notes the change in its timeline (`selfcheck incident edit`). */
#ifndef SELFCHECK_UI_INCIDENT_H
#define SELFCHECK_UI_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>

#include "incident.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_key.h"
#include "ui_list.h"

/* The lines of the facts page: the title, when it was discovered, the
 * system concerned, then one per fact (UI_INCIDENT_LINE_FACTS +
 * incident_fact). */
enum {
    UI_INCIDENT_LINE_TITLE = 0,
    UI_INCIDENT_LINE_DISCOVERED,
    UI_INCIDENT_LINE_SYSTEM,
    UI_INCIDENT_LINE_FACTS,
    UI_INCIDENT_LINE_COUNT = UI_INCIDENT_LINE_FACTS + INCIDENT_FACT_COUNT
};

typedef struct ui_incident {
    ui_context *ctx;              /* not owned */
    incident_rules *rules;        /* NULL when the rules file cannot be read (error says why) */
    long value[INCIDENT_FACT_COUNT];   /* each fact: a count, a level, or the index of its word */
    char *title;                  /* "" until typed */
    char discovered[17];          /* YYYY-MM-DDTHH:MM */
    incident_result *result;      /* the classification of the facts as they are, or NULL */
    ui_list list;
    bool editing;                 /* a text or number line is being typed */
    ui_field field;
    bool result_page;             /* the page of rules and actions is shown */
    int scroll;                   /* of that page, in wrapped lines */
    long long saved_id;           /* the record these facts were saved as; 0 when not saved */
    long long open_id;            /* the record reopened (o): saving updates it; 0 for a new one */
    bool opening;                 /* the number of a record to reopen is being typed */
    struct system_info *systems;  /* the registered systems (and a reopened record's unregistered one) */
    size_t system_count;
    size_t system;                /* 0: none; else systems[system - 1] */
    char *error;                  /* shown above the hints, or NULL */
} ui_incident;

/* Loads the rules. NULL when out of memory; rules that cannot be read leave
 * the reason in ->error. */
ui_incident *ui_incident_new(ui_context *ctx);
void ui_incident_free(ui_incident *s);
/* UI_ACT_START to go back, UI_ACT_QUIT, or UI_ACT_REDRAW. */
ui_action ui_incident_key(ui_incident *s, ui_key k);
void ui_incident_render(ui_incident *s, ui_canvas *c);

/* Saves the incident as a record in the answer store: a new one, or the
 * reopened one graded again (incident_store_update). Returns 0 with
 * ->saved_id set (also when it was saved already), or -1 with ->error. */
int ui_incident_save(ui_incident *s);

/* Reopens recorded incident id: its title, discovery time, system and
 * facts on screen. Returns 0, or -1 with ->error (no such incident). */
int ui_incident_open(ui_incident *s, long long id);

#endif
