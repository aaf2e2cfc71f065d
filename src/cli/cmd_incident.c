/* cmd_incident.c: `selfcheck incident classify|lint`: the level, warning
 * colour and required actions of an incident under document 003, from the
 * rules file (docs/incidents.md). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "cmd_incident.h"
#include "incident.h"

int cmd_incident_load_rules(const char *named, incident_rules **out, int invalid_code)
{
    *out = NULL;
    char *path = named ? strdup(named) : incident_rules_default_path();
    if (path == NULL) {
        cli_error(_("no incident rules file found (share/selfcheck/rules/incident.ini): give one with --rules"));
        return EXIT_NOT_FOUND;
    }
    diag_list diags;
    diag_list_init(&diags);
    int rc = incident_rules_load(path, out, &diags);
    cli_print_diags(&diags);
    if (rc != 0)
        fprintf(stderr, ngettext("%zu problem\n", "%zu problems\n", diags.count), diags.count);
    diag_list_clear(&diags);
    free(path);
    return rc == 0 ? EXIT_OK : invalid_code;
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

void cmd_incident_print_result(const incident_rules *rules, const incident_result *res)
{
    const char *lang = i18n_lang();
    printf("level: %s\n", incident_level_token(res->level));
    printf("warning: %s\n", incident_warning_token(res->warning));
    if (res->level == INCIDENT_LEVEL_NONE) {
        printf("%s\n", _("No rule of 003 第七条-第九条 applies to these facts: it is not an incident of level "
                         "I, II or III. If it threatens or affects security, public order, the economy or the "
                         "public interest, give impact=some, considerable or serious (第七条(五), 第八条(八), "
                         "第九条(五))."));
        return;
    }
    const incident_level_info *info = &rules->levels[res->level];
    printf(_("Level %1$s (%2$s) incident, %3$s warning (%4$s).\n"), incident_level_token(res->level),
           incident_level_name(rules, res->level, lang), warning_word(res->warning), info->clause);
    printf("%s\n", res->applied_count == 1 ? _("The rule that applies:")
                                           : _("The rules that apply (the highest level decides):"));
    for (size_t i = 0; i < res->applied_count; i++) {
        const incident_rule *r = res->applied[i];
        printf(_("  [%1$s] %2$s: %3$s\n"), incident_level_token(r->level), r->clause, incident_rule_text(r, lang));
    }
    printf("%s\n", _("What the plan requires:"));
    for (size_t i = 0; i < res->action_count; i++) {
        const incident_action *a = res->actions[i];
        printf(_("  %1$zu. %2$s: %3$s\n"), i + 1, a->clause, incident_action_text(a, lang));
    }
}

int cmd_incident_read_facts(int argc, char **argv, int first, incident_facts *facts)
{
    incident_facts_init(facts);
    char *err = NULL;
    for (int i = first; i < argc; i++)
        if (incident_facts_set_arg(facts, argv[i], &err) != 0) {
            cli_error("%s", err);
            free(err);
            return EXIT_USAGE;
        }
    return EXIT_OK;
}

/* The facts of argv[first..argc) graded by the rules file; printed. */
static int classify(const char *rules_path, int argc, char **argv, int first)
{
    if (first >= argc) {
        cli_error("%s", _("incident classify needs the facts as KEY=VALUE (see selfcheck incident --help)"));
        return EXIT_USAGE;
    }
    incident_facts facts;
    char *err = NULL;
    if (cmd_incident_read_facts(argc, argv, first, &facts) != EXIT_OK)
        return EXIT_USAGE;
    incident_rules *rules;
    int code = cmd_incident_load_rules(rules_path, &rules, EXIT_INPUT);
    if (code != EXIT_OK)
        return code;
    incident_result *res = NULL;
    int rc = incident_classify(rules, &facts, &res, &err);
    if (rc != 0) {
        cli_error("%s", err);
        free(err);
        code = rc == INCIDENT_ERR_NOMEM ? EXIT_INTERNAL : EXIT_USAGE;
    } else {
        cmd_incident_print_result(rules, res);
    }
    incident_result_free(res);
    incident_rules_free(rules);
    return code;
}

/* Checks the rules file named (or the installed one) and says so. */
static int lint(const char *path)
{
    incident_rules *rules;
    int code = cmd_incident_load_rules(path, &rules, EXIT_FINDINGS);
    if (code != EXIT_OK)
        return code;
    printf(_("%1$s: %2$zu rules, %3$zu actions: no problems\n"), rules->path, rules->rule_count,
           rules->action_count);
    incident_rules_free(rules);
    return EXIT_OK;
}

int cmd_incident(const cli_globals *g, int argc, char **argv)
{
    static const int exits[] = {EXIT_OK,   EXIT_FINDINGS, EXIT_USAGE,  EXIT_INPUT, EXIT_STORE, EXIT_IO,
                                EXIT_NOT_FOUND, EXIT_EXISTS, EXIT_KEY, EXIT_INTERNAL, -1};
    static const cli_help help = {
        "incident",
        "classify KEY=VALUE... | record TITLE KEY=VALUE... | edit N KEY=VALUE... | list | show N | "
        "event N KIND [TEXT] | export [N] --out FILE | lint [FILE]",
        N_("classify grades an incident by the rules of 003 (第七条-第九条) and prints\n"
        "'level: I|II|III|none' and 'warning: red|yellow|blue|none' on lines of their\n"
        "own, then every rule that applies and what the plan requires, with clauses.\n"
        "No rule applying is level none, exit 0. The facts (one not given is none, no\n"
        "or 0; attack, outage and vuln need mlps_level):\n"
        "  mlps_level  0-4                  attack      none|small|large\n"
        "  outage      none|short|long      pi_records  a count\n"
        "  secrets     no|yes               data        none|ordinary|general\n"
        "  defaced     no|yes|political     terminal    no|yes\n"
        "  vuln        none|low|medium|high posts       a count\n"
        "  media       no|yes               impact      none|some|considerable|serious\n"
        "record grades the same way and keeps the incident in the store, discovered\n"
        "at --at (default: now); list and show print the records with their timeline\n"
        "and the plan's time limits (met, late, open, overdue); event adds to the\n"
        "timeline: discovered, reported, warning, contained, opinion, ended,\n"
        "investigated or note, at --at. edit N changes facts of incident N (and its\n"
        "system with --system ID, or --system '' for none), grades it again and notes\n"
        "the change in the timeline. export writes the records (all, or N) to\n"
        "--out FILE with FILE.sig, signed with the unit's key as a report is, checked\n"
        "by selfcheck verify FILE. lint checks the rules file (FILE, or --rules, or\n"
        "the installed one) and prints every problem as FILE:LINE: message\n"
        "(docs/incidents.md).\n"),
        exits};
    const char *rules_path = NULL, *system = NULL, *at = NULL, *out = NULL, *key = NULL, *pass_file = NULL;
    const cli_option opts[] = {
        {"rules", "FILE", N_("the rules file (default: share/selfcheck/rules/incident.ini)"), &rules_path, NULL,
         false},
        {"system", "ID", N_("record, edit: the system concerned"), &system, NULL, false},
        {"at", "TIME", N_("record, event: when it happened, YYYY-MM-DD HH:MM (default: now)"), &at, NULL, false},
        {"out", "FILE", N_("export: the file to write (FILE.sig beside it)"), &out, NULL, false},
        {"key", "FILE", N_("the unit's private key (default: [signing] key)"), &key, NULL, false},
        {"passphrase-file", "F", N_("the passphrase of an encrypted key: the first line of F"), &pass_file, NULL,
         false},
        CLI_OPTION_END,
    };
    int first;
    int done = cli_parse(argc, argv, opts, &help, &first);
    if (done != CLI_CONTINUE)
        return done;
    const char *action = first < argc ? argv[first] : "";
    if (strcmp(action, "classify") == 0)
        return classify(rules_path, argc, argv, first + 1);
    if (strcmp(action, "lint") == 0 && argc - first <= 2)
        return lint(argc - first == 2 ? argv[first + 1] : rules_path);
    if (strcmp(action, "record") == 0 || strcmp(action, "list") == 0 || strcmp(action, "show") == 0 ||
        strcmp(action, "event") == 0 || strcmp(action, "export") == 0 || strcmp(action, "edit") == 0)
        return cmd_incident_record(g, rules_path, system, at, out, key, pass_file, argc, argv, first);
    cli_error("%s", _("usage: selfcheck incident classify|record|edit|list|show|event|export|lint (selfcheck "
                      "incident --help)"));
    return EXIT_USAGE;
}
