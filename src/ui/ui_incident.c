/* ui_incident.c: the incident classifier screen's logic and layout (see
 * ui_incident.h). The facts are the classifier's own (incident.h); every
 * change grades them again, so the level line is always the level of what
 * is on screen. Like the forms screen it holds no store connection while
 * the user reads: opening, reopening a record and saving each open the
 * store, do their part and close it. */
#include "ui_incident.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "incident_store.h"
#include "number.h"
#include "period.h"
#include "store.h"

/* How a fact is asked: its label, and the labels of its words in the order
 * of incident.c's word lists (NULL for a count or the MLPS level). */
typedef struct fact_ui {
    const char *label;
    const char *const *words;
} fact_ui;

static const char *const attack_labels[] = {N_("none"), N_("small-scale attack"), N_("large-scale attack"), NULL};
static const char *const outage_labels[] = {N_("none"), N_("short interruption of service"),
                                            N_("long paralysis or interruption"), NULL};
static const char *const no_yes_labels[] = {N_("no"), N_("yes"), NULL};
static const char *const data_labels[] = {N_("none"), N_("ordinary data"), N_("general data"), NULL};
static const char *const defaced_labels[] = {N_("no"), N_("defaced"),
                                             N_("defaced with anti-party, reactionary or terrorist content"), NULL};
static const char *const vuln_labels[] = {N_("none"), N_("low risk"), N_("medium risk"), N_("high risk or worse"),
                                          NULL};
static const char *const impact_labels[] = {N_("none"), N_("some threat or effect"),
                                            N_("considerable threat or effect"), N_("serious threat or effect"), NULL};

static const fact_ui facts_ui[INCIDENT_FACT_COUNT] = {
    [INCIDENT_FACT_MLPS_LEVEL] = {N_("MLPS level of the affected system"), NULL},
    [INCIDENT_FACT_ATTACK] = {N_("Attack on that system"), attack_labels},
    [INCIDENT_FACT_OUTAGE] = {N_("Damage and outage"), outage_labels},
    [INCIDENT_FACT_PI_RECORDS] = {N_("Personal-information records leaked"), NULL},
    [INCIDENT_FACT_SECRETS] = {N_("State secrets or key data involved"), no_yes_labels},
    [INCIDENT_FACT_DATA] = {N_("Other data lost"), data_labels},
    [INCIDENT_FACT_DEFACED] = {N_("Website or page defaced"), defaced_labels},
    [INCIDENT_FACT_TERMINAL] = {N_("Such content on output terminals, beyond control"), no_yes_labels},
    [INCIDENT_FACT_VULN] = {N_("Worst vulnerability found"), vuln_labels},
    [INCIDENT_FACT_POSTS] = {N_("Public-opinion posts and comments"), NULL},
    [INCIDENT_FACT_MEDIA] = {N_("Mainstream media reporting"), no_yes_labels},
    [INCIDENT_FACT_IMPACT] = {N_("Other threat or effect"), impact_labels},
};

static void say_error(ui_incident *s, const char *text)
{
    free(s->error);
    s->error = text ? strdup(text) : NULL;
}

/* How many values a fact of words or the level takes; 0 for a count. */
static long value_count(incident_fact f)
{
    if (f == INCIDENT_FACT_MLPS_LEVEL)
        return 5;
    long n = 0;
    for (const char *const *w = facts_ui[f].words; w && *w; w++)
        n++;
    return n;
}

/* The facts on screen as the classifier takes them: a fact at its "none"
 * value is not given, except the MLPS level when a fact about the system is
 * (the classifier asks for it then; 0 says the system has none). */
static void facts_of(const ui_incident *s, incident_facts *facts)
{
    incident_facts_init(facts);
    for (int f = 0; f < INCIDENT_FACT_COUNT; f++)
        if (s->value[f] != 0) {
            facts->value[f] = s->value[f];
            facts->given[f] = true;
        }
    if (s->value[INCIDENT_FACT_ATTACK] || s->value[INCIDENT_FACT_OUTAGE] || s->value[INCIDENT_FACT_VULN])
        facts->given[INCIDENT_FACT_MLPS_LEVEL] = true;
}

/* Grades the facts again; a change makes the incident one not yet saved. */
static void regrade(ui_incident *s)
{
    incident_result_free(s->result);
    s->result = NULL;
    s->saved_id = 0;
    s->scroll = 0;
    if (s->rules == NULL)
        return;
    incident_facts facts;
    facts_of(s, &facts);
    char *err = NULL;
    if (incident_classify(s->rules, &facts, &s->result, &err) != 0)
        say_error(s, err ? err : _("out of memory"));
    free(err);
}

/* The registered systems, for the system line. A store that cannot be read
 * leaves the list empty and says why. */
static void load_systems(ui_incident *s)
{
    char *path = ui_context_store_path(s->ctx), *err = NULL;
    store *st = NULL;
    if (path == NULL || store_open(path, &st, &err) != 0 ||
        store_systems_list(st, &s->systems, &s->system_count, &err) != 0)
        say_error(s, err ? err : _("out of memory"));
    store_close(st);
    free(err);
    free(path);
}

/* The id of the system on screen, "" for none. */
static const char *system_id(const ui_incident *s)
{
    return s->system ? s->systems[s->system - 1].id : "";
}

ui_incident *ui_incident_new(ui_context *ctx)
{
    ui_incident *s = calloc(1, sizeof *s);
    if (s == NULL || (s->title = strdup("")) == NULL) {
        free(s);
        return NULL;
    }
    s->ctx = ctx;
    char now[20];
    clock_now(now);
    if (incident_time_parse(now, s->discovered) != 0)
        snprintf(s->discovered, sizeof s->discovered, "%s", "1970-01-01T00:00");
    ui_list_init(&s->list, UI_INCIDENT_LINE_COUNT);
    s->field.max_chars = 200;
    char *path = incident_rules_default_path();
    diag_list diags;
    diag_list_init(&diags);
    if (path == NULL)
        say_error(s, _("no incident rules file found (share/selfcheck/rules/incident.ini)"));
    else if (incident_rules_load(path, &s->rules, &diags) != 0) {
        char *line = diags.count ? diag_format(&diags.items[0]) : NULL;
        say_error(s, line ? line : _("the incident rules file has problems: selfcheck incident lint"));
        free(line);
    }
    diag_list_clear(&diags);
    free(path);
    load_systems(s);
    regrade(s);
    return s;
}

void ui_incident_free(ui_incident *s)
{
    if (s == NULL)
        return;
    incident_result_free(s->result);
    incident_rules_free(s->rules);
    ui_field_free(&s->field);
    system_info_free_array(s->systems, s->system_count);
    free(s->title);
    free(s->error);
    free(s);
}

int ui_incident_save(ui_incident *s)
{
    if (s->saved_id != 0)
        return 0;
    if (s->rules == NULL || s->result == NULL)
        return -1;
    if (s->title[strspn(s->title, " ")] == '\0') {
        say_error(s, _("Give the incident a title first (the first line)."));
        return -1;
    }
    char *path = ui_context_store_path(s->ctx), *err = NULL;
    incident_store *is = NULL;
    incident_facts facts;
    facts_of(s, &facts);
    char now[20];
    clock_now(now);
    long long id = s->open_id;
    bool changed = false;
    int rc = path == NULL || incident_store_open(path, &is, &err) != 0 ? -1 : 0;
    if (rc == 0 && s->open_id != 0)
        rc = incident_store_update(is, s->open_id, system_id(s), &facts, s->result, now, &changed, &err) != 0 ? -1 : 0;
    else if (rc == 0)
        rc = incident_store_add(is, s->title, system_id(s), &facts, s->result, s->discovered, now, &id, &err) != 0
                 ? -1
                 : 0;
    incident_store_close(is);
    free(path);
    if (rc != 0)
        say_error(s, err ? err : _("out of memory"));
    else
        s->saved_id = id;
    free(err);
    return rc;
}

/* Puts the system of that id on the system line: a registered one, or one
 * since removed, added to the list so that saving keeps it. */
static int select_system(ui_incident *s, const char *id)
{
    s->system = 0;
    if (*id == '\0')
        return 0;
    for (size_t i = 0; i < s->system_count; i++)
        if (strcmp(s->systems[i].id, id) == 0) {
            s->system = i + 1;
            return 0;
        }
    system_info *g = realloc(s->systems, (s->system_count + 1) * sizeof *g);
    if (g == NULL)
        return -1;
    s->systems = g;
    system_info *added = &g[s->system_count];
    added->id = strdup(id);
    added->name = strdup(id);
    s->system_count++;
    s->system = s->system_count;
    return added->id && added->name ? 0 : -1;
}

int ui_incident_open(ui_incident *s, long long id)
{
    char *path = ui_context_store_path(s->ctx), *err = NULL;
    incident_store *is = NULL;
    incident_record *rec = NULL;
    int rc = path == NULL || incident_store_open(path, &is, &err) != 0 || incident_store_get(is, id, &rec, &err) != 0
                 ? -1
                 : 0;
    incident_store_close(is);
    free(path);
    incident_facts facts;
    char *title = NULL;
    if (rc == 0 && incident_facts_parse(rec->facts, &facts, &err) != 0)
        rc = -1;
    if (rc == 0 && ((title = strdup(rec->title)) == NULL || select_system(s, rec->system_id) != 0)) {
        error_set(&err, "%s", _("out of memory"));
        rc = -1;
    }
    if (rc != 0) {
        say_error(s, err ? err : _("out of memory"));
        free(err);
        free(title);
        incident_record_free(rec);
        return -1;
    }
    free(s->title);
    s->title = title;
    const char *found = incident_record_first(rec, INCIDENT_EVENT_DISCOVERED);
    snprintf(s->discovered, sizeof s->discovered, "%.16s", found ? found : rec->recorded_at);
    for (int f = 0; f < INCIDENT_FACT_COUNT; f++)
        s->value[f] = facts.value[f];
    incident_record_free(rec);
    regrade(s);
    s->open_id = s->saved_id = id;
    say_error(s, NULL);
    return 0;
}

/* The text of a line's value as shown. Caller frees. */
static char *line_value(const ui_incident *s, size_t line)
{
    char *out = NULL;
    if (line == UI_INCIDENT_LINE_TITLE)
        return strdup(*s->title ? s->title : "-");
    if (line == UI_INCIDENT_LINE_DISCOVERED) {
        if (asprintf(&out, "%.10s %.5s", s->discovered, s->discovered + 11) < 0)
            return NULL;
        return out;
    }
    if (line == UI_INCIDENT_LINE_SYSTEM) {
        if (s->system == 0)
            return strdup(_("none"));
        const system_info *sys = &s->systems[s->system - 1];
        return asprintf(&out, "%s %s", sys->id, sys->name) < 0 ? NULL : out;
    }
    incident_fact f = (incident_fact)(line - UI_INCIDENT_LINE_FACTS);
    long v = s->value[f];
    if (facts_ui[f].words != NULL)
        return strdup(_(facts_ui[f].words[v]));
    if (f == INCIDENT_FACT_MLPS_LEVEL) {
        if (v == 0)
            return strdup(_("not graded, or no system concerned"));
        return asprintf(&out, _("level %ld"), v) < 0 ? NULL : out;
    }
    return asprintf(&out, "%ld", v) < 0 ? NULL : out;
}

/* Starts typing on a text or count line; moves a choice on by one. */
static void line_enter(ui_incident *s, size_t line, int step)
{
    if (line == UI_INCIDENT_LINE_SYSTEM) {
        long n = (long)s->system_count + 1;
        s->system = (size_t)(((long)s->system + (step ? step : 1) + n) % n);
        s->saved_id = 0;
        return;
    }
    if (s->open_id != 0 && line < UI_INCIDENT_LINE_SYSTEM) {
        /* the title and the discovery are the record's: events go on its timeline */
        say_error(s, _("A recorded incident keeps its title and discovery time (add events with selfcheck "
                       "incident event)."));
        return;
    }
    if (line < UI_INCIDENT_LINE_FACTS || value_count((incident_fact)(line - UI_INCIDENT_LINE_FACTS)) == 0) {
        if (step != 0 && line >= UI_INCIDENT_LINE_FACTS)
            return;
        char *v = line == UI_INCIDENT_LINE_TITLE ? strdup(s->title) : line_value(s, line);
        s->editing = true;
        ui_field_set(&s->field, v ? v : "");
        free(v);
        return;
    }
    incident_fact f = (incident_fact)(line - UI_INCIDENT_LINE_FACTS);
    long n = value_count(f);
    s->value[f] = (s->value[f] + (step ? step : 1) + n) % n;
    regrade(s);
}

/* Checks and keeps what was typed on the selected line. */
static void line_submit(ui_incident *s)
{
    size_t line = s->list.selected;
    char *text = ui_field_text_trimmed(&s->field);
    if (text == NULL) {
        say_error(s, _("out of memory"));
        return;
    }
    if (s->opening) {
        char *folded = ui_fold_digits(text);
        long v;
        if (folded && number_parse_whole(folded, 1, 1000000000L, &v)) {
            if (ui_incident_open(s, v) == 0) {
                s->opening = s->editing = false;
                s->result_page = false;
            }
        } else {
            say_error(s, _("Not an incident number: selfcheck incident list shows them."));
        }
        free(folded);
        free(text);
        return;
    }
    if (line == UI_INCIDENT_LINE_TITLE) {
        free(s->title);
        s->title = text;
        text = NULL;
        s->saved_id = 0;
        s->editing = false;
    } else if (line == UI_INCIDENT_LINE_DISCOVERED) {
        char *folded = ui_fold_digits(text);
        char t[17];
        if (folded && incident_time_parse(folded, t) == 0) {
            memcpy(s->discovered, t, sizeof t);
            s->saved_id = 0;
            s->editing = false;
        } else {
            say_error(s, _("Not a time: write it as 2026-11-02 09:10."));
        }
        free(folded);
    } else {
        char *folded = ui_fold_digits(text);
        long v;
        if (folded && number_parse_whole(folded, 0, 1000000000000L, &v)) {
            s->value[line - UI_INCIDENT_LINE_FACTS] = v;
            s->editing = false;
            regrade(s);
        } else {
            say_error(s, _("Not a count: a whole number such as 120000."));
        }
        free(folded);
    }
    if (!s->editing)
        say_error(s, NULL);
    free(text);
}

static ui_action edit_key(ui_incident *s, ui_key k)
{
    switch (ui_field_key(&s->field, k)) {
    case UI_FIELD_SUBMIT: line_submit(s); return UI_ACT_REDRAW;
    case UI_FIELD_CANCEL:
        s->editing = s->opening = false;
        say_error(s, NULL);
        return UI_ACT_REDRAW;
    case UI_FIELD_CHANGED: return UI_ACT_REDRAW;
    case UI_FIELD_IGNORED: break;
    }
    return k.code == UI_KEY_RESIZE ? UI_ACT_REDRAW : UI_ACT_NONE;
}

/* Says where a saved incident is. */
static void say_saved(ui_incident *s)
{
    char id[24];
    snprintf(id, sizeof id, "%lld", s->saved_id);
    const char *args[] = {id};
    ui_context_sayf(s->ctx, UI_ROLE_ANSWERED, _("Saved as incident {1} (selfcheck incident show {1})."), args, 1);
}

ui_action ui_incident_key(ui_incident *s, ui_key k)
{
    if (s->editing)
        return edit_key(s, k);
    ui_context_say(s->ctx, UI_ROLE_NORMAL, NULL);
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'q')
        return UI_ACT_QUIT;
    if (ch == 'L') {
        ui_context_switch_lang(s->ctx);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    if (ch == 'o' && !s->result_page) {
        s->opening = s->editing = true;
        ui_field_set(&s->field, "");
        return UI_ACT_REDRAW;
    }
    if (ch == 's' && s->result != NULL) {
        if (ui_incident_save(s) == 0)
            say_saved(s);
        else if (s->title[0] == '\0') {
            s->result_page = false;
            ui_list_select(&s->list, UI_INCIDENT_LINE_TITLE);
            line_enter(s, UI_INCIDENT_LINE_TITLE, 0);
        }
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_TAB || k.code == UI_KEY_BTAB) {
        s->result_page = !s->result_page && s->result != NULL;
        return UI_ACT_REDRAW;
    }
    if (s->result_page) {
        if (k.code == UI_KEY_ESC || k.code == UI_KEY_BACKSPACE || ch == 'b') {
            s->result_page = false;
            return UI_ACT_REDRAW;
        }
        int step = k.code == UI_KEY_UP || ch == 'k' ? -1 : k.code == UI_KEY_DOWN || ch == 'j' ? 1
                 : k.code == UI_KEY_PGUP ? -10 : k.code == UI_KEY_PGDN || ch == ' ' ? 10 : 0;
        if (k.code == UI_KEY_HOME)
            step = -s->scroll;
        if (step == 0)
            return UI_ACT_NONE;
        s->scroll = s->scroll + step < 0 ? 0 : s->scroll + step;   /* the layout stops it at the end */
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_ESC || k.code == UI_KEY_BACKSPACE || ch == 'b')
        return UI_ACT_START;
    if (k.code == UI_KEY_ENTER || ch == ' ') {
        line_enter(s, s->list.selected, 0);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_LEFT || k.code == UI_KEY_RIGHT) {
        line_enter(s, s->list.selected, k.code == UI_KEY_LEFT ? -1 : 1);
        s->editing = false;
        return UI_ACT_REDRAW;
    }
    return ui_list_key(&s->list, k) ? UI_ACT_REDRAW : UI_ACT_NONE;
}

/* The role that shows a warning colour: red, yellow or blue (the word goes with it). */
static ui_role warning_role(incident_warning w)
{
    switch (w) {
    case INCIDENT_WARNING_RED: return UI_ROLE_CRITICAL;
    case INCIDENT_WARNING_YELLOW: return UI_ROLE_WARNING;
    case INCIDENT_WARNING_BLUE: return UI_ROLE_TITLE;
    default: return UI_ROLE_DIM;
    }
}

static const char *warning_word(incident_warning w)
{
    switch (w) {
    case INCIDENT_WARNING_RED: return _("red");
    case INCIDENT_WARNING_YELLOW: return _("yellow");
    case INCIDENT_WARNING_BLUE: return _("blue");
    default: return "";
    }
}

/* The level line: "Level II (较大) · yellow warning", in the warning's colour. */
static void render_level(ui_incident *s, ui_canvas *c, int row, int width)
{
    char text[256];
    const incident_result *r = s->result;
    if (r == NULL)
        return;
    if (r->level == INCIDENT_LEVEL_NONE) {
        ui_canvas_put_cut(c, row, 2, width, UI_ROLE_DIM,
                          _("No rule of 003 applies to these facts: not an incident of level I, II or III."));
        return;
    }
    snprintf(text, sizeof text, _(" Level %1$s (%2$s) · %3$s warning "), incident_level_token(r->level),
             incident_level_name(s->rules, r->level, s->ctx->lang), warning_word(r->warning));
    ui_canvas_put_cut(c, row, 2, width, warning_role(r->warning), text);
}

static void draw_line(void *data, ui_canvas *c, int row, int col, int width, size_t i, bool selected)
{
    const ui_incident *s = data;
    ui_role role = selected ? UI_ROLE_SELECTED : UI_ROLE_NORMAL;
    const char *label = i == UI_INCIDENT_LINE_TITLE        ? _("Title")
                        : i == UI_INCIDENT_LINE_DISCOVERED ? _("Discovered at")
                        : i == UI_INCIDENT_LINE_SYSTEM     ? _("System concerned")
                                                           : _(facts_ui[i - UI_INCIDENT_LINE_FACTS].label);
    if (selected)
        ui_canvas_put(c, row, col, 1, role, ">");
    int label_cols = width / 2;
    ui_canvas_put_cut(c, row, col + 2, label_cols - 3, role, label);
    char *v = line_value(s, i);
    bool none = (i >= UI_INCIDENT_LINE_FACTS && s->value[i - UI_INCIDENT_LINE_FACTS] == 0) ||
                (i == UI_INCIDENT_LINE_SYSTEM && s->system == 0);
    ui_canvas_put_cut(c, row, col + label_cols, width - label_cols, none && !selected ? UI_ROLE_DIM : role,
                      v ? v : "?");
    free(v);
}

/* One paragraph of the result page, drawn from wrapped line *y on (lines
 * above `top` are scrolled away). A line end closing it is not drawn. */
static void paragraph(ui_canvas *c, int *y, int top, int bottom, int width, ui_role role, char *text)
{
    size_t len = strlen(text);
    if (len > 0 && text[len - 1] == '\n')
        text[len - 1] = '\0';
    int n = ui_render_wrapped(c, 0, 2, width, 0, 0, role, text);
    int skip = *y < top ? top - *y : 0;
    if (skip < n && *y + skip < bottom)
        ui_render_wrapped(c, *y + skip, 2, width, bottom - (*y + skip), skip, role, text);
    *y += n;
}

/* A fixed text as a paragraph. */
static void heading(ui_canvas *c, int *y, int top, int bottom, int width, const char *text)
{
    char *copy = strdup(text);
    if (copy)
        paragraph(c, y, top, bottom, width, UI_ROLE_DIM, copy);
    free(copy);
}

/* The page of rules and actions, scrolled by s->scroll. */
static void render_result(ui_incident *s, ui_canvas *c, int top, int bottom, int width)
{
    const incident_result *r = s->result;
    const char *lang = s->ctx->lang;
    char *line = NULL;
    int measured = 0;
    for (int pass = 0; pass < 2; pass++) {
        /* the first pass only measures (nothing falls between its bounds),
         * so that the scroll stops at the last line */
        int total = 0, y = top - s->scroll;
        int *py = pass ? &y : &total;
        int lo = pass ? top : INT_MIN / 2, hi = pass ? bottom : INT_MIN / 2;
        ui_canvas *dc = c;
        if (r->level != INCIDENT_LEVEL_NONE) {
            const incident_level_info *info = &s->rules->levels[r->level];
            if (asprintf(&line, _("level: %1$s · warning: %2$s · %3$s"), incident_level_token(r->level),
                         incident_warning_token(r->warning), info->clause) >= 0)
                paragraph(dc, py, lo, hi, width, warning_role(r->warning), line);
            free(line);
            heading(dc, py, lo, hi, width, r->applied_count == 1 ? _("The rule that applies:")
                                                                 : _("The rules that apply (the highest level decides):"));
            for (size_t i = 0; i < r->applied_count; i++) {
                const incident_rule *rule = r->applied[i];
                if (asprintf(&line, _("  [%1$s] %2$s: %3$s\n"), incident_level_token(rule->level), rule->clause,
                             incident_rule_text(rule, lang)) >= 0)
                    paragraph(dc, py, lo, hi, width, UI_ROLE_NORMAL, line);
                free(line);
            }
            heading(dc, py, lo, hi, width, _("What the plan requires:"));
            for (size_t i = 0; i < r->action_count; i++) {
                const incident_action *a = r->actions[i];
                if (asprintf(&line, _("  %1$zu. %2$s: %3$s\n"), i + 1, a->clause, incident_action_text(a, lang)) >= 0)
                    paragraph(dc, py, lo, hi, width, UI_ROLE_NORMAL, line);
                free(line);
            }
        } else {
            heading(dc, py, lo, hi, width, _("No rule of 003 applies to these facts: not an incident of level I, II or III."));
        }
        if (pass == 0) {
            int room = bottom - top;
            int max_scroll = total > room ? total - room : 0;
            if (s->scroll > max_scroll)
                s->scroll = max_scroll;
            measured = total;
        }
    }
    /* the marks of a text longer than the window, as the shared pane draws them */
    if (s->scroll > 0)
        ui_canvas_put(c, top, c->cols - 1, 1, UI_ROLE_DIM, UI_MORE_ABOVE);
    if (s->scroll + (bottom - top) < measured)
        ui_canvas_put(c, bottom - 1, c->cols - 1, 1, UI_ROLE_DIM, UI_MORE_BELOW);
}

void ui_incident_render(ui_incident *s, ui_canvas *c)
{
    if (s->open_id != 0) {
        char id[24];
        snprintf(id, sizeof id, "%lld", s->open_id);
        const char *args[] = {id};
        char *title = ui_subst(_("Incident {1} (003)"), args, 1);
        ui_render_title(s->ctx, c, title ? title : "");
        free(title);
    } else {
        ui_render_title(s->ctx, c, _("Network and information security incident (003)"));
    }
    int width = c->cols - 4, y = 2;
    int bottom = c->rows - 3 - (s->error ? 2 : 0);
    if (s->result_page && s->result) {
        render_result(s, c, y, bottom, width);
    } else {
        int list_bottom = bottom - 2 - (s->editing ? 2 : 0);
        s->list.show_selection = !s->editing;
        ui_list_render(&s->list, c, y, 2, width + 1, list_bottom - y, draw_line, s);
        render_level(s, c, list_bottom + 1, width);
        if (s->editing) {
            ui_field_render(&s->field, c, list_bottom + 3, 4, width - 2, UI_ROLE_INPUT);
            ui_canvas_cursor(c, c->cursor_row, c->cursor_col);
        }
    }
    if (s->opening)
        ui_canvas_put_cut(c, bottom - 3, 2, width, UI_ROLE_NORMAL, _("Reopen the incident of number:"));
    if (s->error)
        ui_render_wrapped(c, bottom, 2, width, 2, 0, UI_ROLE_WARNING, s->error);
    const char *hints = s->editing       ? _("Enter keep · Esc cancel")
                        : s->result_page ? _("↑↓ scroll · s save as a record · Tab/b back to the facts · q quit")
                                         : _("↑↓ move · ←→/Enter change · Tab rules · s save · o reopen · b back · q quit");
    ui_render_hints(s->ctx, c, hints);
    ui_render_status(s->ctx, c);
}
