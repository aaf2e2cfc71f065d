/* cmd_score.c: `selfcheck score`: the breakdown per checklist, the total,
 * grade, verdict and findings of an assessment. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "printable.h"
#include "sysattr.h"
#include "text.h"

/* The answers the inventory contradicts (docs/forms.md), which the score
 * alone would not show. */
static void print_conflicts(const session *s, const char *lang)
{
    sysattr_conflict *c;
    size_t n;
    if (sysattr_conflicts(s->plan, s->answers, &c, &n) != 0) {
        cli_error("%s", _("out of memory"));
        return;
    }
    if (n > 0)
        printf(_("Contradicts the inventory (%zu):\n"), n);
    for (size_t i = 0; i < n; i++) {
        const instance *in = &s->plan->items[c[i].index];
        char *text = sysattr_conflict_text(&c[i], in->item, lang);
        /* names and answers are recorded text: no escape sequence reaches the terminal */
        char *shown = printable_text(text), *system = printable_text(in->system_name);
        if (system != NULL && *system != '\0')
            printf("  %s/%s (%s): %s\n", in->list->id, in->item->id, system, shown ? shown : "?");
        else
            printf("  %s/%s: %s\n", in->list->id, in->item->id, shown ? shown : "?");
        free(text);
        free(shown);
        free(system);
    }
    free(c);
}

static void print_padded(const char *text, size_t columns)
{
    char *padded = text_pad(text, columns);
    fputs(padded ? padded : text, stdout);
    free(padded);
}

/* Right-aligns text in `columns` display columns (Chinese takes two). */
static void print_right(const char *text, size_t columns)
{
    size_t width = text_width(text);
    for (; width < columns; width++)
        putchar(' ');
    fputs(text, stdout);
}

static void print_finding(const session *s, size_t i, const char *lang)
{
    const instance *in = &s->plan->items[i];
    const instance_score *sc = &s->score->instances[i];
    /* the answer, the system's name and the owner are recorded text, printed
     * so that no escape sequence in them reaches the terminal */
    char *display = answer_display(in->item, sc->answer->value, lang);
    char *shown = printable_text(display ? display : sc->answer->value);
    char *system = printable_text(in->system_name);
    char *owner = printable_text(sc->answer->owner ? sc->answer->owner : _("(none)"));
    printf("  [%s] %s", severity_label(in->item->severity), in->item->id);
    if (*in->system_id)
        printf(_(" (system %s)"), system ? system : "?");
    printf(_(": %s — points %.2f/%g\n"), shown ? shown : "?", sc->points, in->item->weight);
    printf("      %s\n", item_question(in->item, lang));
    printf(_("      owner %s, due %s\n"), owner ? owner : "?", sc->answer->due ? sc->answer->due : "-");
    free(display);
    free(shown);
    free(system);
    free(owner);
}

int cmd_score(const cli_globals *g, int argc, char **argv)
{
    const char *profile_text = NULL, *period = NULL, *lang_option = NULL;
    const cli_option opts[] = {
        CLI_OPTION_PROFILE(&profile_text),
        CLI_OPTION_PERIOD(&period),
        {"lang", "zh|en", N_("the language of the output (default: [ui] lang)"), &lang_option, NULL, false},
        CLI_OPTION_END,
    };
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, EXIT_IO, EXIT_NOT_FOUND, -1};
    static const cli_help help = {
        "score", NULL,
        N_("Prints the score of each checklist, the total, grade and verdict, then the\n"
        "critical failures and every finding with its remediation owner and date.\n"),
        exits};
    int done = cli_parse_options(argc, argv, opts, &help);
    if (done != CLI_CONTINUE)
        return done;
    if (lang_option && strcmp(lang_option, "zh") != 0 && strcmp(lang_option, "en") != 0) {
        cli_error("%s", _("score: --lang must be zh or en"));
        return EXIT_USAGE;
    }
    session *s;
    int code = cli_open_session(g, profile_text, period, false, &s);
    if (code != EXIT_OK)
        return code;
    const char *lang = lang_option ? lang_option : config_lang(s->cfg);
    if (lang_option)
        i18n_set_lang(lang_option);
    const score_result *r = s->score;
    char *unit_name = printable_text(s->cfg->unit_name);
    printf(_("Unit %s %s · %s %s\n"), s->cfg->unit_code, unit_name ? unit_name : "?",
           cli_profile_label(s->assessment->profile), s->assessment->period);
    free(unit_name);
    print_padded(_("Checklist"), 40);
    print_right(_("answered"), 10);
    print_right(_("points"), 14);
    print_right("%", 8);
    putchar('\n');
    for (size_t l = 0; l < r->list_count; l++) {
        const checklist_score *cs = &r->lists[l];
        if (cs->list == NULL || cs->asked == 0)
            continue;
        char answered[32], points[48];
        snprintf(answered, sizeof answered, "%zu/%zu", cs->answered, cs->asked);
        snprintf(points, sizeof points, "%.2f/%.2f", cs->points, cs->max);
        print_padded(checklist_title(cs->list, lang), 40);
        if (cs->max > 0)
            printf(" %9s %13s %6.1f%%\n", answered, points, cs->percent);
        else
            printf(" %9s %13s %7s\n", answered, points, "-");
    }
    if (r->verdict == VERDICT_INCOMPLETE) {
        /* TRANSLATORS: answered/asked, points/max, the percentage so far; "INCOMPLETE" is the verdict */
        printf(_("Total: %zu/%zu answered · %.2f/%.2f · %.1f%% so far (provisional) · no grade · verdict INCOMPLETE\n"),
               r->answered, r->asked, r->points, r->max, r->percent);
    } else {
        const char *verdict = r->pass ? _("PASS") : _("FAIL");
        /* TRANSLATORS: answered/asked, answered, points/max, percent, grade, verdict */
        printf(_("Total: %zu/%zu answered · %.2f/%.2f · %.1f%% · grade %s · verdict %s\n"), r->answered, r->asked,
               r->points, r->max, r->percent, grade_label(r->grade, lang), verdict);
    }
    if (!r->complete)
        printf("%s\n", _("Incomplete: some items are not answered yet."));
    if (r->critical_failures > 0) {
        printf(_("Critical failures (%zu):\n"), r->critical_failures);
        for (size_t i = 0; i < r->count; i++)
            if (r->instances[i].critical_failure)
                print_finding(s, i, lang);
    }
    if (r->findings > r->critical_failures) {
        printf(_("Findings (%zu):\n"), r->findings - r->critical_failures);
        for (size_t i = 0; i < r->count; i++)
            if (r->instances[i].finding && !r->instances[i].critical_failure)
                print_finding(s, i, lang);
    }
    print_conflicts(s, lang);
    session_free(s);
    return EXIT_OK;
}
