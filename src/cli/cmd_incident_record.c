/* cmd_incident_record.c: `selfcheck incident record|list|show|event|export`:
 * the unit's incident records, their timelines and the plan's time limits,
 * and their signed export (docs/incidents.md#the-record). */
#include "cmd_incident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "incident_deadline.h"
#include "incident_export.h"
#include "incident_store.h"
#include "number.h"
#include "period.h"
#include "printable.h"
#include "report_keys.h"

typedef struct record_ctx {
    config *cfg;
    incident_store *store;
    incident_rules *rules;
    char now[20];
} record_ctx;

static void ctx_close(record_ctx *cx)
{
    incident_rules_free(cx->rules);
    incident_store_close(cx->store);
    config_free(cx->cfg);
}

/* The configuration, the store and the rules. EXIT_OK or an exit code. */
static int ctx_open(const cli_globals *g, const char *rules_path, record_ctx *cx)
{
    memset(cx, 0, sizeof *cx);
    clock_now(cx->now);
    if ((cx->cfg = cli_load_config(g)) == NULL)
        return EXIT_INPUT;
    int code = cmd_incident_load_rules(rules_path, &cx->rules, EXIT_INPUT);
    if (code != EXIT_OK) {
        ctx_close(cx);
        return code;
    }
    char *path = g->db_path ? strdup(g->db_path) : config_store_path(cx->cfg);
    char *err = NULL;
    if (path == NULL || incident_store_open(path, &cx->store, &err) != 0) {
        cli_error("%s", err ? err : _("out of memory"));
        free(err);
        free(path);
        ctx_close(cx);
        return EXIT_STORE;
    }
    free(path);
    return EXIT_OK;
}

static int store_exit(int rc)
{
    switch (rc) {
    case INCIDENT_STORE_OK: return EXIT_OK;
    case INCIDENT_STORE_INVALID: return EXIT_USAGE;
    case INCIDENT_STORE_NOT_FOUND: return EXIT_NOT_FOUND;
    default: return EXIT_STORE;
    }
}

/* Prints the message of a failed call and returns its exit code. */
static int fail(char *err, int code)
{
    cli_error("%s", err ? err : _("out of memory"));
    free(err);
    return code;
}

/* Text from the store made safe to print, "-" when empty; printed. */
static void print_safe(const char *text)
{
    char *c = printable_text(text && *text ? text : "-");
    fputs(c ? c : "?", stdout);
    free(c);
}

/* A time YYYY-MM-DDTHH:MM as people write it ("2026-11-02 09:10"). */
static void print_time(const char *t)
{
    printf("%.10s %.5s", t, strlen(t) > 11 ? t + 11 : "");
}

static const char *event_label(incident_event_kind k)
{
    switch (k) {
    case INCIDENT_EVENT_DISCOVERED: return _("discovered");
    case INCIDENT_EVENT_REPORTED: return _("reported");
    case INCIDENT_EVENT_WARNING: return _("warning issued");
    case INCIDENT_EVENT_CONTAINED: return _("contained");
    case INCIDENT_EVENT_OPINION: return _("public opinion answered");
    case INCIDENT_EVENT_ENDED: return _("response ended");
    case INCIDENT_EVENT_INVESTIGATED: return _("investigation reported");
    case INCIDENT_EVENT_EDITED: return _("facts changed");
    default: return _("note");
    }
}

static const char *status_label(incident_deadline_status s)
{
    switch (s) {
    case INCIDENT_DEADLINE_WAITING: return _("not started");
    case INCIDENT_DEADLINE_OPEN: return _("not yet due");
    case INCIDENT_DEADLINE_MET: return _("met in time");
    case INCIDENT_DEADLINE_LATE: return _("met late");
    case INCIDENT_DEADLINE_OVERDUE: return _("overdue");
    case INCIDENT_DEADLINE_IN_FORCE: return _("in force");
    default: return _("duty ended");
    }
}

/* How many of a record's limits are overdue; -1 when they cannot be read. */
static int overdue_count(const record_ctx *cx, const incident_record *rec)
{
    incident_deadline *d = NULL;
    size_t n = 0;
    char *err = NULL;
    if (incident_deadlines(cx->rules, rec, cx->now, &d, &n, &err) != 0) {
        free(err);
        return -1;
    }
    int overdue = 0;
    for (size_t i = 0; i < n; i++)
        overdue += d[i].status == INCIDENT_DEADLINE_OVERDUE;
    free(d);
    return overdue;
}

/* record TITLE KEY=VALUE...: graded and kept. */
static int do_record(record_ctx *cx, const char *system, const char *at, int argc, char **argv, int first)
{
    if (first >= argc) {
        cli_error("%s", _("incident record needs a title, then the facts as KEY=VALUE"));
        return EXIT_USAGE;
    }
    const char *title = argv[first];
    incident_facts facts;
    if (cmd_incident_read_facts(argc, argv, first + 1, &facts) != EXIT_OK)
        return EXIT_USAGE;
    incident_result *res = NULL;
    char *err = NULL;
    int rc = incident_classify(cx->rules, &facts, &res, &err);
    if (rc != 0)
        return fail(err, rc == INCIDENT_ERR_NOMEM ? EXIT_INTERNAL : EXIT_USAGE);
    long long id = 0;
    rc = incident_store_add(cx->store, title, system, &facts, res, at ? at : cx->now, cx->now, &id, &err);
    if (rc == 0) {
        printf(_("incident %lld recorded\n"), id);
        cmd_incident_print_result(cx->rules, res);
    }
    incident_result_free(res);
    return rc == 0 ? EXIT_OK : fail(err, store_exit(rc));
}

static int do_list(record_ctx *cx)
{
    incident_record **list = NULL;
    size_t n = 0;
    char *err = NULL;
    int rc = incident_store_list(cx->store, &list, &n, &err);
    if (rc != 0)
        return fail(err, store_exit(rc));
    if (n == 0)
        printf("%s\n", _("No incident recorded (selfcheck incident record TITLE KEY=VALUE...)."));
    for (size_t i = 0; i < n; i++) {
        const incident_record *r = list[i];
        const char *found = incident_record_first(r, INCIDENT_EVENT_DISCOVERED);
        printf("%4lld  %-4s %-6s  ", r->id, incident_level_token(r->level), incident_warning_token(r->warning));
        print_time(found ? found : r->recorded_at);
        printf("  ");
        print_safe(r->title);
        int overdue = overdue_count(cx, r);
        if (overdue > 0)
            printf(_("  (%d overdue)"), overdue);
        putchar('\n');
    }
    incident_record_free_array(list, n);
    return EXIT_OK;
}

/* The incident number of an operand; EXIT_OK or EXIT_USAGE. */
static int read_id(const char *text, long long *id)
{
    long v;
    if (text == NULL || !number_parse_whole(text, 1, 1000000000L, &v)) {
        cli_error(_("'%s' is not an incident number (selfcheck incident list shows them)"), text ? text : "");
        return EXIT_USAGE;
    }
    *id = v;
    return EXIT_OK;
}

/* edit N KEY=VALUE...: the facts given replace those recorded; graded again. */
static int do_edit(record_ctx *cx, const char *system, int argc, char **argv, int first)
{
    long long id;
    if (argc - first < 1 || (argc - first < 2 && system == NULL)) {
        cli_error("%s", _("usage: selfcheck incident edit N KEY=VALUE... [--system ID]"));
        return EXIT_USAGE;
    }
    if (read_id(argv[first], &id) != EXIT_OK)
        return EXIT_USAGE;
    incident_facts change;
    if (cmd_incident_read_facts(argc, argv, first + 1, &change) != EXIT_OK)
        return EXIT_USAGE;
    incident_record *rec = NULL;
    char *err = NULL;
    int rc = incident_store_get(cx->store, id, &rec, &err);
    if (rc != 0)
        return fail(err, store_exit(rc));
    incident_facts facts;
    rc = incident_facts_parse(rec->facts, &facts, &err);
    incident_record_free(rec);
    if (rc != 0)
        return fail(err, EXIT_STORE);
    incident_facts_merge(&facts, &change);
    incident_result *res = NULL;
    rc = incident_classify(cx->rules, &facts, &res, &err);
    if (rc != 0)
        return fail(err, rc == INCIDENT_ERR_NOMEM ? EXIT_INTERNAL : EXIT_USAGE);
    bool changed = false;
    rc = incident_store_update(cx->store, id, system, &facts, res, cx->now, &changed, &err);
    if (rc == 0) {
        printf(changed ? _("incident %lld changed and graded again\n") : _("incident %lld: nothing changed\n"), id);
        cmd_incident_print_result(cx->rules, res);
    }
    incident_result_free(res);
    return rc == 0 ? EXIT_OK : fail(err, store_exit(rc));
}

static void print_limit(const incident_deadline *d)
{
    const incident_limit *l = &d->action->limit;
    printf("  [%s] %s: ", status_label(d->status), d->action->clause);
    if (l->duty) {
        printf(_("duty from %1$s until %2$s"), event_label(l->after), event_label(l->met_by));
    } else {
        char span[32];
        if (l->minutes % 1440 == 0)
            snprintf(span, sizeof span, _("%ld days"), l->minutes / 1440);
        else
            snprintf(span, sizeof span, _("%ld h"), l->minutes / 60);
        printf(_("%1$s within %2$s after %3$s"), event_label(l->met_by), span, event_label(l->after));
    }
    if (*d->due) {
        printf("%s", _(", due by "));
        print_time(d->due);
    }
    if (*d->done) {
        printf("%s", _(", done at "));
        print_time(d->done);
    }
    putchar('\n');
}

static void print_record(const record_ctx *cx, const incident_record *r)
{
    const char *lang = i18n_lang();
    printf(_("incident %lld: "), r->id);
    print_safe(r->title);
    printf("\nlevel: %s\nwarning: %s\n", incident_level_token(r->level), incident_warning_token(r->warning));
    printf("%s ", _("system:"));
    print_safe(r->system_id);
    printf("\n%s ", _("facts:"));
    print_safe(r->facts);
    printf("\n%s ", _("recorded at:"));
    print_time(r->recorded_at);
    putchar('\n');
    if (*r->rules) {
        printf("%s\n", _("The rules that applied:"));
        for (const char *p = r->rules; *p;) {
            size_t len = strcspn(p, " ");
            const incident_rule *rule = NULL;
            for (size_t i = 0; i < cx->rules->rule_count && rule == NULL; i++)
                if (strlen(cx->rules->rules[i].id) == len && strncmp(cx->rules->rules[i].id, p, len) == 0)
                    rule = &cx->rules->rules[i];
            if (rule)
                printf(_("  [%1$s] %2$s: %3$s\n"), incident_level_token(rule->level), rule->clause,
                       incident_rule_text(rule, lang));
            else
                printf("  %.*s\n", (int)len, p);
            p += len;
            p += *p == ' ';
        }
    }
    printf("%s\n", _("Timeline:"));
    for (size_t i = 0; i < r->event_count; i++) {
        const incident_event *e = &r->events[i];
        printf("  ");
        print_time(e->at);
        printf("  %s", event_label(e->kind));
        if (*e->text) {
            printf(": ");
            print_safe(e->text);
        }
        putchar('\n');
    }
    incident_deadline *d = NULL;
    size_t n = 0;
    char *err = NULL;
    if (incident_deadlines(cx->rules, r, cx->now, &d, &n, &err) != 0) {
        cli_error("%s", err ? err : _("out of memory"));
        free(err);
    } else if (n > 0) {
        printf("%s\n", _("Time limits of the plan:"));
        for (size_t i = 0; i < n; i++)
            print_limit(&d[i]);
    }
    free(d);
    if (r->level != INCIDENT_LEVEL_NONE) {
        printf("%s\n", _("What the plan requires:"));
        size_t k = 0;
        for (size_t i = 0; i < cx->rules->action_count; i++) {
            const incident_action *a = &cx->rules->actions[i];
            if (a->at[r->level])
                printf(_("  %1$zu. %2$s: %3$s\n"), ++k, a->clause, incident_action_text(a, lang));
        }
    }
}

static int do_show(record_ctx *cx, int argc, char **argv, int first)
{
    long long id;
    if (first + 1 != argc) {
        cli_error("%s", _("usage: selfcheck incident show N"));
        return EXIT_USAGE;
    }
    if (read_id(argv[first], &id) != EXIT_OK)
        return EXIT_USAGE;
    incident_record *r = NULL;
    char *err = NULL;
    int rc = incident_store_get(cx->store, id, &r, &err);
    if (rc != 0)
        return fail(err, store_exit(rc));
    print_record(cx, r);
    incident_record_free(r);
    return EXIT_OK;
}

/* event N KIND [TEXT] */
static int do_event(record_ctx *cx, const char *at, int argc, char **argv, int first)
{
    long long id;
    incident_event_kind kind;
    if (argc - first < 2 || argc - first > 3) {
        cli_error("%s", _("usage: selfcheck incident event N KIND [TEXT] [--at TIME]"));
        return EXIT_USAGE;
    }
    if (read_id(argv[first], &id) != EXIT_OK)
        return EXIT_USAGE;
    if (incident_event_parse(argv[first + 1], &kind) != 0 || kind == INCIDENT_EVENT_EDITED) {
        cli_error(_("'%s' is not an event: discovered, reported, warning, contained, opinion, ended, investigated "
                    "or note"),
                  argv[first + 1]);
        return EXIT_USAGE;
    }
    char *err = NULL;
    int rc = incident_store_add_event(cx->store, id, kind, at ? at : cx->now, argc - first == 3 ? argv[first + 2] : NULL,
                                      cx->now, &err);
    if (rc != 0)
        return fail(err, store_exit(rc));
    printf(_("incident %1$lld: %2$s recorded\n"), id, event_label(kind));
    return EXIT_OK;
}

static int export_exit(incident_export_status st)
{
    switch (st) {
    case INCIDENT_EXPORT_OK: return EXIT_OK;
    case INCIDENT_EXPORT_ERR_EXISTS: return EXIT_EXISTS;
    case INCIDENT_EXPORT_ERR_IO: return EXIT_IO;
    case INCIDENT_EXPORT_ERR_KEY: return EXIT_KEY;
    default: return EXIT_INTERNAL;
    }
}

/* Prints the files written and the openssl command that checks them. */
static void print_exported(const incident_export_result *res, const char *out, const char *unit_code)
{
    /* TRANSLATORS: the file and its signature, one under the other */
    printf(_("wrote:     %s\n           %s.sig\n"), out, out);
    printf(_("signed by: key id %s (%s)\n"), res->key_id, sign_algo_name(res->algo));
    if (res->pubkey_path)
        printf(_("public key: %s\n"), res->pubkey_path);
    else if (res->pubkey_conflict)
        cli_error(_("warning: the folder holds a %s.pub with another key; it was not overwritten"), unit_code);
    char *pub = NULL;
    if (asprintf(&pub, "%s.pub", unit_code) < 0)
        pub = NULL;
    const char *slash = strrchr(out, '/');
    char *dir = slash ? strndup(out, (size_t)(slash - out)) : NULL;
    char *cmd = pub ? report_folder_command(res->algo, pub, out, 0) : NULL;
    printf(_("check with: selfcheck verify %s\n"), out);
    if (cmd)
        /* TRANSLATORS: %s is the folder of the file */
        printf(_("or by hand in %s (prints \"Signature Verified Successfully\"):\n  %s\n"), dir && *dir ? dir : ".",
               cmd);
    free(cmd);
    free(dir);
    free(pub);
}

static int do_export(record_ctx *cx, const char *out, const char *key, const char *pass_file, int argc, char **argv,
                     int first)
{
    if (out == NULL || argc - first > 1) {
        cli_error("%s", _("usage: selfcheck incident export [N] --out FILE"));
        return EXIT_USAGE;
    }
    if (*cx->cfg->unit_code == '\0') {
        cli_error("%s", _("the unit has no code yet: set [unit] code in the settings (selfcheck setup)"));
        return EXIT_INPUT;
    }
    incident_record **list = NULL;
    size_t n = 0;
    char *err = NULL;
    int rc;
    if (argc - first == 1) {
        long long id;
        if (read_id(argv[first], &id) != EXIT_OK)
            return EXIT_USAGE;
        if ((list = calloc(1, sizeof *list)) == NULL)
            return fail(NULL, EXIT_INTERNAL);
        rc = incident_store_get(cx->store, id, &list[0], &err);
        n = rc == 0;
    } else {
        rc = incident_store_list(cx->store, &list, &n, &err);
    }
    if (rc != 0) {
        incident_record_free_array(list, n);
        return fail(err, store_exit(rc));
    }
    char *passphrase = NULL;
    if (pass_file != NULL && report_passphrase_read(pass_file, &passphrase, &err) != 0) {
        incident_record_free_array(list, n);
        return fail(err, EXIT_KEY);
    }
    incident_export_options opts = {
        .out_path = out, .key_path = key ? key : cx->cfg->signing_key, .passphrase = passphrase,
        .unit_code = cx->cfg->unit_code, .unit_name = cx->cfg->unit_name, .now = cx->now, .lang = i18n_lang(),
    };
    incident_export_result res;
    incident_export_status st = incident_export_write(cx->rules, list, n, &opts, &res, &err);
    report_passphrase_free(passphrase);
    int code = export_exit(st);
    if (st != INCIDENT_EXPORT_OK) {
        cli_error("%s", err ? err : _("cannot write the export"));
        const char *hint = st == INCIDENT_EXPORT_ERR_KEY ? cli_key_hint(res.key_status, pass_file != NULL) : NULL;
        if (hint)
            cli_error("%s", hint);
    } else {
        printf(_("incidents exported: %zu\n"), n);
        print_exported(&res, out, cx->cfg->unit_code);
    }
    free(err);
    incident_export_result_clear(&res);
    incident_record_free_array(list, n);
    return code;
}

int cmd_incident_record(const cli_globals *g, const char *rules_path, const char *system, const char *at,
                        const char *out, const char *key, const char *pass_file, int argc, char **argv, int first)
{
    const char *action = argv[first];
    bool is_record = strcmp(action, "record") == 0, is_event = strcmp(action, "event") == 0;
    bool is_edit = strcmp(action, "edit") == 0;
    if ((system && !is_record && !is_edit) || (at && !is_record && !is_event)) {
        cli_error(_("incident %s: --system is for record and edit, --at for record and event"), action);
        return EXIT_USAGE;
    }
    if ((out || key || pass_file) && strcmp(action, "export") != 0) {
        cli_error(_("incident %s: --out, --key and --passphrase-file are for export"), action);
        return EXIT_USAGE;
    }
    record_ctx cx;
    int code = ctx_open(g, rules_path, &cx);
    if (code != EXIT_OK)
        return code;
    if (is_record)
        code = do_record(&cx, system, at, argc, argv, first + 1);
    else if (strcmp(action, "list") == 0)
        code = first + 1 == argc ? do_list(&cx) : (cli_error("%s", _("usage: selfcheck incident list")), EXIT_USAGE);
    else if (strcmp(action, "show") == 0)
        code = do_show(&cx, argc, argv, first + 1);
    else if (is_event)
        code = do_event(&cx, at, argc, argv, first + 1);
    else if (is_edit)
        code = do_edit(&cx, system, argc, argv, first + 1);
    else
        code = do_export(&cx, out, key, pass_file, argc, argv, first + 1);
    ctx_close(&cx);
    return code;
}
