/* ui_start.c: the start screen's logic and layout (see ui_start.h).
 *
 * Everything shown is read once when the screen is entered: the store is
 * opened, listed and closed again, so that the session opened afterwards is
 * the only one holding it. */
#include "ui_start.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "due.h"
#include "score.h"
#include "i18n.h"
#include "period.h"
#include "store.h"
#include "text.h"

#define START_FINISHED_MAX 12

static void entry_clear(ui_start_entry *e)
{
    free(e->period);
    free(e->system_name);
    free(e->completed_at);
}

void ui_start_free(ui_start *st)
{
    if (st == NULL)
        return;
    for (size_t i = 0; i < st->count; i++)
        entry_clear(&st->entries[i]);
    free(st->entries);
    free(st->error);
    ui_table_free(st->table);
    free(st->entry_row);
    free(st);
}

static ui_start_entry *start_add(ui_start *st, ui_start_section section, profile p, const char *period)
{
    ui_start_entry *grown = realloc(st->entries, (st->count + 1) * sizeof *grown);
    if (grown == NULL)
        return NULL;
    st->entries = grown;
    ui_start_entry *e = &st->entries[st->count];
    memset(e, 0, sizeof *e);
    e->section = section;
    e->profile = p;
    e->period = strdup(period);
    if (e->period == NULL)
        return NULL;
    st->count++;
    return e;
}

static bool start_listed(const ui_start *st, profile p, const char *period)
{
    for (size_t i = 0; i < st->count; i++)
        if (st->entries[i].profile == p && strcmp(st->entries[i].period, period) == 0)
            return true;
    return false;
}

/* Keeps the first store error (taking err) to show on the screen; the
 * entries that could be read are listed all the same. */
static void start_store_error(ui_start *st, char *err)
{
    if (st->error == NULL && err != NULL) {
        st->error = err;
        st->error_lead = N_("The answer store cannot be read. Tell the system administrator what follows; do not delete the file.");
    } else {
        free(err);
    }
}

/* What the entries are read from while the screen gathers them. */
typedef struct start_source {
    store *db;
    const char *path;              /* db's file, for the annex forms */
    const checklist_set *set;      /* NULL when the checklists have errors */
} start_source;

/* Fills status, answer count and completion of an entry from the store: the
 * count is of the items asked now, scored as the walk and `status` score it,
 * so the three show the same numbers. */
static void start_status(ui_start *st, const start_source *src, ui_start_entry *e, const assessment *a)
{
    if (a == NULL) {
        e->status = UI_STATUS_NONE;
        return;
    }
    char *err = NULL;
    score_stored sc;
    if (src->set != NULL) {
        if (score_stored_percent(src->db, src->path, src->set, st->ctx->cfg, a, &sc, &err) != 0) {
            start_store_error(st, err);
        } else {
            e->answered = sc.answered;
            e->asked = sc.asked;
            e->counted = true;
        }
    }
    if (a->completed_at) {
        e->status = UI_STATUS_DONE;
        e->completed_at = strdup(a->completed_at);
    } else {
        e->status = UI_STATUS_OPEN;
    }
}

/* The monthly or half-year checks due, as the core works them out (due.h),
 * so that this screen and `selfcheck status` agree. A store error is kept
 * in ->error (the first one only) and the profile shows nothing due. */
static void start_due_entries(ui_start *st, const start_source *src, profile p)
{
    const ui_context *ctx = st->ctx;
    due_list *due = NULL;
    char *err = NULL;
    if (due_compute(src->db, ctx->cfg->unit_code, p, ctx->today, &ctx->cfg->schedule, &due, &err) != 0) {
        start_store_error(st, err);
        return;
    }
    for (size_t i = 0; i < due->count; i++) {
        const due_entry *d = &due->entries[i];
        ui_start_entry *e = start_add(st, UI_START_DUE, p, d->period);
        if (e == NULL)
            break;
        start_status(st, src, e, d->assessment);
        memcpy(e->due, d->due, sizeof e->due);
        e->overdue = d->overdue;
    }
    due_list_free(due);
}

static void start_other_entries(ui_start *st, const start_source *src, profile p, size_t *finished)
{
    assessment **all = NULL;
    size_t n = 0;
    char *err = NULL;
    if (store_assessment_list(src->db, st->ctx->cfg->unit_code, p, &all, &n, &err) != 0) {
        start_store_error(st, err);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        const assessment *a = all[i];
        if (start_listed(st, p, a->period))
            continue;
        bool done = a->completed_at != NULL;
        if (done && *finished >= START_FINISHED_MAX)
            continue;
        ui_start_entry *e = start_add(st, done ? UI_START_FINISHED : UI_START_UNFINISHED, p, a->period);
        if (e == NULL)
            break;
        start_status(st, src, e, a);
        if (done)
            (*finished)++;
        if (p == PROFILE_CHANGE) {
            for (size_t k = 0; k < a->system_count; k++)
                if (e->system_name == NULL)
                    e->system_name = strdup(a->systems[k].name);
        }
    }
    assessment_free_array(all, n);
}

static int entry_order(const void *pa, const void *pb)
{
    const ui_start_entry *a = pa, *b = pb;
    if (a->section != b->section)
        return (int)a->section - (int)b->section;
    if (a->section == UI_START_FINISHED && a->completed_at && b->completed_at)
        return strcmp(b->completed_at, a->completed_at);   /* newest first */
    return 0;
}

static void start_gather(ui_start *st)
{
    ui_context *ctx = st->ctx;
    char *err = NULL;
    checklist_set *set = NULL;
    if (ui_context_load_checklists(ctx->cfg, &set, &err) == 0) {
        st->checklist_count = set->count;
        for (size_t i = 0; i < set->count; i++)
            st->item_count += set->lists[i].item_count;
    } else {
        st->error = err;
        st->error_lead = N_("The checklist files have errors, so no check can start now. Tell whoever maintains the checklists what follows (selfcheck lint lists every problem); answers already saved are not affected.");
        err = NULL;
    }
    char *path = ui_context_store_path(ctx);
    store *db = NULL;
    if (path == NULL || store_open(path, &db, &err) != 0) {
        start_store_error(st, err);
        free(path);
        checklist_set_free(set);
        return;
    }
    start_source src = {db, path, set};
    start_due_entries(st, &src, PROFILE_MONTHLY);
    start_due_entries(st, &src, PROFILE_HALFYEAR);
    system_info *systems = NULL;
    size_t system_count = 0;
    if (store_systems_list(db, &systems, &system_count, &err) != 0) {
        start_store_error(st, err);
        err = NULL;
        st->have_systems = true;   /* unknown: do not also claim there are none */
    } else {
        st->have_systems = system_count > 0;
        for (size_t i = 0; i < system_count; i++) {
            char *period = NULL;
            if (asprintf(&period, "%s@%s", ctx->today, systems[i].id) < 0)
                continue;
            assessment *a = NULL;
            if (store_assessment_find(db, ctx->cfg->unit_code, PROFILE_CHANGE, period, &a, &err) != 0) {
                start_store_error(st, err);
                err = NULL;
            }
            ui_start_entry *e = start_add(st, UI_START_CHANGE, PROFILE_CHANGE, period);
            if (e) {
                e->system_name = strdup(systems[i].name);
                start_status(st, &src, e, a);
            }
            assessment_free(a);
            free(period);
        }
        system_info_free_array(systems, system_count);
    }
    size_t finished = 0;
    start_other_entries(st, &src, PROFILE_MONTHLY, &finished);
    start_other_entries(st, &src, PROFILE_HALFYEAR, &finished);
    start_other_entries(st, &src, PROFILE_CHANGE, &finished);
    store_close(db);
    free(path);
    checklist_set_free(set);
    /* stable order of sections (qsort is not stable: sort indexes in) */
    for (size_t i = 1; i < st->count; i++)
        for (size_t j = i; j > 0 && entry_order(&st->entries[j - 1], &st->entries[j]) > 0; j--) {
            ui_start_entry t = st->entries[j];
            st->entries[j] = st->entries[j - 1];
            st->entries[j - 1] = t;
        }
}

static void start_build(ui_start *st);

ui_start *ui_start_new(ui_context *ctx)
{
    ui_start *st = calloc(1, sizeof *st);
    if (st == NULL)
        return NULL;
    st->ctx = ctx;
    start_gather(st);
    /* preselect what the user most likely came for: an assessment in
     * progress, else the first check that is due */
    size_t pick = 0;
    bool found = false;
    for (size_t i = 0; i < st->count && !found; i++)
        if (st->entries[i].section == UI_START_DUE && st->entries[i].status == UI_STATUS_OPEN) {
            pick = i;
            found = true;
        }
    for (size_t i = 0; i < st->count && !found; i++)
        if (st->entries[i].section == UI_START_DUE && st->entries[i].status != UI_STATUS_DONE) {
            pick = i;
            found = true;
        }
    st->selected = pick;
    start_build(st);
    return st;
}

const ui_start_entry *ui_start_chosen(const ui_start *st)
{
    return st->selected < st->count ? &st->entries[st->selected] : NULL;
}

ui_action ui_start_key(ui_start *st, ui_key k)
{
    ui_context_say(st->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'q' || k.code == UI_KEY_ESC)
        return UI_ACT_QUIT;
    if (ch == '?' || k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    if (ch == 's')
        return UI_ACT_SYSTEMS;
    if (ch == 'i')
        return UI_ACT_FORMS;
    if (ch == 'e')
        return UI_ACT_INCIDENT;
    if (ch == 'L') {
        ui_context_switch_lang(st->ctx);
        return UI_ACT_REDRAW;
    }
    if (st->count == 0)
        return k.code == UI_KEY_RESIZE ? UI_ACT_REDRAW : UI_ACT_NONE;
    if (k.code == UI_KEY_ENTER)
        return UI_ACT_OPEN;
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    if (st->table && ui_table_key(st->table, k)) {
        long row = ui_table_selected(st->table);
        for (size_t i = 0; i < st->count; i++)
            if (st->entry_row[i] == row)
                st->selected = i;
        return UI_ACT_REDRAW;
    }
    return UI_ACT_NONE;
}

static char *start_entry_label(const ui_start *st, const ui_start_entry *e)
{
    const ui_context *ctx = st->ctx;
    if (e->profile == PROFILE_CHANGE) {
        const char *args[] = {e->system_name ? e->system_name : e->period};
        return ui_subst(_("Change: {1}"), args, 1);
    }
    return strdup(ui_profile_label(ctx, e->profile));
}

static char *start_entry_status(const ui_start_entry *e, ui_role *role)
{
    char count[32], asked[32];
    snprintf(count, sizeof count, "%zu", e->answered);
    snprintf(asked, sizeof asked, "%zu", e->asked);
    char done[11] = "";
    if (e->completed_at)
        snprintf(done, sizeof done, "%.10s", e->completed_at);
    const char *args[] = {e->status == UI_STATUS_DONE ? done : count, asked};
    /* TRANSLATORS: answered of the items asked now, as the walk's status bar counts them */
    const char *key = e->status == UI_STATUS_NONE ? _("not started")
                      : e->status == UI_STATUS_OPEN ? (e->counted ? _("in progress, {1}/{2} answered")
                                                                  : _("in progress"))
                      : _("completed {1}");
    *role = e->status == UI_STATUS_DONE ? UI_ROLE_ANSWERED : UI_ROLE_NORMAL;
    return ui_subst(key, args, 2);
}

/* "2026-11-25 到期", or "已逾期" in the critical role; "" when done or none. */
static char *start_entry_due(const ui_start_entry *e, ui_role *role)
{
    *role = e->overdue ? UI_ROLE_CRITICAL : UI_ROLE_NORMAL;
    if (e->due[0] == '\0' || e->status == UI_STATUS_DONE)
        return strdup("");
    const char *args[] = {e->due};
    return ui_subst(e->overdue ? _("OVERDUE {1}") : _("due {1}"), args, 1);
}

/* Lays the entries out as a table, in the current language: a heading
 * before each section (a blank row between sections), then label, period,
 * due date and state. Only the names give up width, so the due date and the
 * state are never lost at 80 columns. */
static void start_build(ui_start *st)
{
    static const ui_table_column columns[] = {
        {.min = 8, .flex = true}, {.min = 10, .flex = true}, {.min = 6}, {.min = 6},
    };
    static const char *const headers[] = {N_("Checks due"), N_("After a system change (today)"),
                                          N_("Unfinished (resume)"), N_("Finished (review)")};
    if (st->table == NULL && (st->table = ui_table_new(columns, 4)) == NULL)
        return;
    if (st->entry_row == NULL && st->count > 0 && (st->entry_row = calloc(st->count, sizeof *st->entry_row)) == NULL) {
        ui_table_free(st->table);
        st->table = NULL;
        return;
    }
    ui_table_clear(st->table);
    for (size_t i = 0; i < st->count; i++) {
        const ui_start_entry *e = &st->entries[i];
        if (i == 0 || e->section != st->entries[i - 1].section) {
            if (i > 0)
                ui_table_add_heading(st->table, "", UI_ROLE_NORMAL);
            ui_table_add_heading(st->table, _(headers[e->section]), UI_ROLE_TITLE);
        }
        ui_role status_role, due_role;
        char *label = start_entry_label(st, e);
        char *status = start_entry_status(e, &status_role);
        char *due = start_entry_due(e, &due_role);
        const char *cells[] = {label, e->period, due, status};
        long row = ui_table_add_row(st->table, cells, UI_ROLE_NORMAL);
        st->entry_row[i] = row;
        if (row >= 0) {
            ui_table_set_role(st->table, (size_t)row, 2, due_role);
            ui_table_set_role(st->table, (size_t)row, 3, status_role);
        }
        free(label);
        free(status);
        free(due);
    }
    if (st->selected < st->count && st->entry_row[st->selected] >= 0)
        ui_table_select(st->table, (size_t)st->entry_row[st->selected]);
}

void ui_start_render(ui_start *st, ui_canvas *c)
{
    const ui_context *ctx = st->ctx;
    const config *cfg = ctx->cfg;
    char *title = NULL;
    if (asprintf(&title, "%s \xC2\xB7 %s (%s) \xC2\xB7 %s%s", _("Security self-check"),
                 cfg->unit_name, cfg->unit_code, _("assessor "), cfg->assessor) < 0)
        title = NULL;
    ui_render_title(ctx, c, title ? title : "");
    free(title);

    int y = 2, width = c->cols - 4;
    if (st->error) {
        /* the detail comes from the core, in English: say first, in the
         * user's language, what it means and whom to tell */
        y += ui_render_wrapped(c, y, 2, width, 3, 0, UI_ROLE_WARNING, _(st->error_lead));
        y += ui_render_wrapped(c, y, 4, width - 2, 4, 0, UI_ROLE_DIM, st->error);
    } else {
        char lists[32], items[32];
        snprintf(lists, sizeof lists, "%zu", st->checklist_count);
        snprintf(items, sizeof items, "%zu", st->item_count);
        const char *args[] = {lists, items};
        char *line = ui_subst(_("{1} checklists loaded, {2} items."), args, 2);
        y += ui_render_wrapped(c, y, 2, width, 2, 0, UI_ROLE_DIM, line);
        free(line);
        if (!st->have_systems)
            y += ui_render_wrapped(c, y, 2, width, 3, 0, UI_ROLE_WARNING, _("No information systems registered: the per-system items will not be asked. Press s to register them (for example code oa, name Office automation)."));
    }
    y++;
    int body_bottom = c->rows - 2;
    if (st->count == 0) {
        ui_render_wrapped(c, y, 2, width, body_bottom - y, 0, UI_ROLE_NORMAL, _("Nothing to open."));
    }

    start_build(st);
    if (st->table)
        ui_table_render(st->table, c, y, 2, c->cols - 3, body_bottom - y);
    ui_render_hints(ctx, c, _("↑↓ choose  Enter open  s systems  i forms  e incident  L lang  ? help  q quit"));
    ui_render_status(ctx, c);
}
