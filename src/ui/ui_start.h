/* ui_start.h: the start screen's logic: which profile to run, what is due or
 * overdue, unfinished assessments to resume, finished ones to review. */
#ifndef SELFCHECK_UI_START_H
#define SELFCHECK_UI_START_H

#include <stdbool.h>
#include <stddef.h>

#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_key.h"
#include "ui_table.h"

typedef enum ui_start_section {
    UI_START_DUE = 0,       /* the current period of monthly and half-year checks, and overdue ones */
    UI_START_CHANGE,        /* a re-assessment after a change, one entry per system */
    UI_START_UNFINISHED,    /* other assessments not completed */
    UI_START_FINISHED       /* completed assessments, newest first */
} ui_start_section;

typedef enum ui_start_status {
    UI_STATUS_NONE = 0,     /* not started */
    UI_STATUS_OPEN,         /* answers given, not completed */
    UI_STATUS_DONE
} ui_start_status;

typedef struct ui_start_entry {
    ui_start_section section;
    profile profile;
    char *period;           /* the period to open */
    char *system_name;      /* for a change: the system's name, else NULL */
    ui_start_status status;
    size_t answered, asked; /* answered of the items asked now (counted: read) */
    bool counted;
    char due[11];           /* due date, or "" */
    bool overdue;
    char *completed_at;     /* or NULL */
} ui_start_entry;

typedef struct ui_start {
    ui_context *ctx;        /* not owned */
    ui_start_entry *entries;
    size_t count;
    size_t selected;        /* the entry selected */
    ui_table *table;        /* the entries as laid out, with a heading per section (owned) */
    long *entry_row;        /* the table row of each entry */
    size_t checklist_count, item_count;
    bool have_systems;      /* false: per-system items will not be asked */
    char *error;            /* why the store or the checklists could not be read, or NULL */
    const char *error_lead; /* what ->error means: a msgid, translated when drawn */
} ui_start;

/* Reads the store and the checklists to list what can be opened. Returns
 * NULL when out of memory; a store or checklist error is kept in ->error. */
ui_start *ui_start_new(ui_context *ctx);
void ui_start_free(ui_start *st);
/* Returns UI_ACT_OPEN when an entry was chosen: see ui_start_chosen. */
ui_action ui_start_key(ui_start *st, ui_key k);
void ui_start_render(ui_start *st, ui_canvas *c);
/* The selected entry, or NULL when there is none. */
const ui_start_entry *ui_start_chosen(const ui_start *st);


#endif
