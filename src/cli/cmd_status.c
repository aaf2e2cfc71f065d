/* cmd_status.c: `selfcheck status`: for each profile the last completed
 * assessment, what is due or overdue and when the next one is due. What is
 * due comes from the core (due.h), the same list the start screen shows. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "due.h"
#include "period.h"
#include "printable.h"
#include "score.h"
#include "store.h"
#include "text.h"

/* Earlier periods still due that the line names one by one; more are shown
 * as a range. */
#define STATUS_EARLIER_SHOWN 3

/* What the status line says of the last completed check. */
typedef struct last_score {
    double percent;
    const char *grade;
    score_verdict verdict;
    size_t critical_failures;
    size_t answered, asked;     /* of the items asked now, as the walk counts them */
} last_score;

/* The score of a stored assessment, for the status line (the core's one
 * reading of it). Returns EXIT_OK, or an exit code with *err: EXIT_STORE
 * when its answers cannot be read. */
static int assessment_percent(store *st, const char *db_path, const checklist_set *set, const config *cfg,
                              const assessment *a, last_score *out, char **err)
{
    score_stored sc;
    int rc = score_stored_percent(st, db_path, set, cfg, a, &sc, err);
    if (rc != 0)
        return rc == SCORE_ERR_STORE ? EXIT_STORE : EXIT_INTERNAL;
    out->percent = sc.percent;
    out->grade = grade_label(sc.grade, config_lang(cfg));
    out->verdict = sc.verdict;
    out->critical_failures = sc.critical_failures;
    out->answered = sc.answered;
    out->asked = sc.asked;
    return EXIT_OK;
}

/* Prints the profile's name padded to the widest of the three, so that the
 * lines' second columns align in either language. */
static void print_profile(profile p)
{
    static const profile all[] = {PROFILE_MONTHLY, PROFILE_HALFYEAR, PROFILE_CHANGE};
    size_t width = 0;
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        size_t w = text_width(cli_profile_label(all[i]));
        width = w > width ? w : width;
    }
    char *padded = text_pad(cli_profile_label(p), width + 2);
    fputs(padded ? padded : cli_profile_label(p), stdout);
    free(padded);
}

/* Prints "最近完成 PERIOD (于 DATE, 75.8% 合格 · 不通过（1 个关键项）)" or
 * "尚无已完成的检查": the verdict beside the grade, since a critical failure
 * fails a check whatever its grade. */
static void print_last(const assessment *last, const last_score *ls)
{
    if (!last) {
        printf("%s", _("never completed"));
        return;
    }
    char verdict[128];
    if (ls->verdict != VERDICT_FAIL || ls->critical_failures == 0)
        /* incomplete: a check completed before its checklists gained items */
        snprintf(verdict, sizeof verdict, "%s", score_verdict_label(ls->verdict));
    else
        /* TRANSLATORS: the verdict of a check with N critical items failed */
        snprintf(verdict, sizeof verdict, ngettext("fail (%zu critical item)", "fail (%zu critical items)",
                                                   ls->critical_failures),
                 ls->critical_failures);
    /* TRANSLATORS: period, date (YYYY-MM-DD), percent, grade, verdict */
    printf(_("last completed %s (on %.10s, %.1f%% %s · %s)"), last->period, last->completed_at, ls->percent,
           ls->grade, verdict);
}

/* Prints " —— 已逾期（进行中，已答 5/21 项）" for a due period: the overdue
 * mark when it is, and the state in brackets when asked for. */
static void print_due_state(const due_entry *e, const last_score *progress, bool with_state)
{
    if (e->overdue)
        printf("%s", _(" — OVERDUE"));
    if (!with_state)
        return;
    if (e->state == DUE_IN_PROGRESS)
        /* TRANSLATORS: answered of the items asked now, as the walk's status bar shows them */
        printf(_(" (in progress, %zu/%zu answered)"), progress->answered, progress->asked);
    else if (e->state == DUE_NOT_STARTED)
        printf("%s", _(" (not started)"));
}

/* The line of a monthly or half-year profile: the last completed check, the
 * previous period when it is still due (due.h says when), then the current
 * period, or the next one when the current is done. Everything is read
 * before anything is printed, so that an error leaves no half line. Returns
 * an exit code; on error the message is printed. */
static int calendar_status(store *st, const char *db_path, const checklist_set *set, const config *cfg, profile p,
                           const char *today)
{
    /* TRANSLATORS: between the parts of a status line */
    const char *sep = _("; ");
    char *err = NULL;
    due_list *due = NULL;
    last_score *answered = NULL;
    last_score ls = {0, "-", VERDICT_INCOMPLETE, 0, 0, 0};
    int code = EXIT_STORE;
    if (due_compute(st, cfg->unit_code, p, today, &cfg->schedule, &due, &err) != 0)
        goto fail;
    code = EXIT_INTERNAL;
    answered = calloc(due->count, sizeof *answered);
    if (answered == NULL) {
        err = strdup(_("out of memory"));
        goto fail;
    }
    for (size_t i = 0; i < due->count; i++)
        if (due->entries[i].state == DUE_IN_PROGRESS &&
            (code = assessment_percent(st, db_path, set, cfg, due->entries[i].assessment, &answered[i], &err))
            != EXIT_OK)
            goto fail;
    if (due->last_completed &&
        (code = assessment_percent(st, db_path, set, cfg, due->last_completed, &ls, &err)) != EXIT_OK)
        goto fail;

    print_profile(p);
    print_last(due->last_completed, &ls);
    /* the current period is always the last entry; those before it are
     * earlier periods still due, shown with their state, or as one range
     * when there are many (the start screen lists each) */
    size_t earlier = due->count - 1;
    if (earlier > STATUS_EARLIER_SHOWN) {
        bool overdue = false;
        for (size_t i = 0; i < earlier; i++)
            overdue = overdue || due->entries[i].overdue;
        fputs(sep, stdout);
        /* TRANSLATORS: how many, first period, last period */
        printf(_("%zu periods %s to %s not completed"), earlier, due->entries[0].period,
               due->entries[earlier - 1].period);
        if (overdue)
            printf("%s", _(" — OVERDUE"));
        earlier = 0;
    }
    for (size_t i = 0; i < earlier; i++) {
        const due_entry *e = &due->entries[i];
        printf("%s%s", sep, e->period);
        if (e->due[0])
            printf(_(" due %s"), e->due);
        print_due_state(e, &answered[i], true);
    }
    const due_entry *cur = &due->entries[due->count - 1];
    const char *target = cur->state == DUE_DONE ? due->next_period : cur->period;
    const char *target_due = cur->state == DUE_DONE ? due->next_due : cur->due;
    fputs(sep, stdout);
    printf(_("next %s"), target);
    if (target_due[0])
        printf(_(" due %s"), target_due);
    /* "not started" is what a current period usually is: said only when late */
    if (cur->state != DUE_DONE)
        print_due_state(cur, &answered[due->count - 1], cur->state == DUE_IN_PROGRESS || cur->overdue);
    printf("\n");
    free(answered);
    due_list_free(due);
    return EXIT_OK;

fail:
    cli_error("%s: %s", cli_profile_label(p), err ? err : _("out of memory"));
    free(err);
    free(answered);
    due_list_free(due);
    return code;
}

/* The line of the change profile: the last completed check and the ones
 * still open. Nothing falls due by the calendar. Returns an exit code. */
static int change_status(store *st, const char *db_path, const checklist_set *set, const config *cfg)
{
    const char *sep = _("; ");
    assessment **list = NULL;
    size_t count = 0;
    char *err = NULL;
    if (store_assessment_list(st, cfg->unit_code, PROFILE_CHANGE, &list, &count, &err) != 0) {
        cli_error("%s: %s", cli_profile_label(PROFILE_CHANGE), err);
        free(err);
        return EXIT_STORE;
    }
    /* newest period first: the first completed one is the last */
    const assessment *last = NULL;
    for (size_t i = 0; i < count && last == NULL; i++)
        if (list[i]->completed_at)
            last = list[i];
    last_score ls = {0, "-", VERDICT_INCOMPLETE, 0, 0, 0};
    int code = last ? assessment_percent(st, db_path, set, cfg, last, &ls, &err) : EXIT_OK;
    if (code != EXIT_OK) {
        cli_error("%s: %s", cli_profile_label(PROFILE_CHANGE), err ? err : _("out of memory"));
        free(err);
        assessment_free_array(list, count);
        return code;
    }
    print_profile(PROFILE_CHANGE);
    print_last(last, &ls);
    size_t open = 0;
    for (size_t i = 0; i < count; i++)
        if (!list[i]->completed_at) {
            if (open++ == 0)
                printf("%s%s", sep, _("open: "));
            else
                fputs(_(", "), stdout);
            fputs(list[i]->period, stdout);
        }
    printf("%s%s\n", sep, _("due after each significant change of a system"));
    assessment_free_array(list, count);
    return EXIT_OK;
}

int cmd_status(const cli_globals *g, int argc, char **argv)
{
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, -1};
    static const cli_help help = {
        "status", NULL,
        N_("Shows the checklists in use and, for each profile, the last completed check,\n"
        "the earlier periods still due (unfinished, or skipped since the unit's first\n"
        "check; more than three as one range) and when the next one is due (monthly\n"
        "and half-yearly, per [schedule]); overdue ones are marked.\n"),
        exits};
    int done = cli_parse_options(argc, argv, NULL, &help);
    if (done != CLI_CONTINUE)
        return done;
    config *cfg;
    checklist_set *set;
    int code = cli_load_config_and_checklists(g, &cfg, &set);
    if (code != EXIT_OK)
        return code;
    size_t items = 0, per_profile[PROFILE_COUNT] = {0};
    for (size_t l = 0; l < set->count; l++)
        for (size_t i = 0; i < set->lists[l].item_count; i++) {
            items++;
            for (int k = 0; k < PROFILE_COUNT; k++)
                if (set->lists[l].items[i].profiles & (1u << k))
                    per_profile[k]++;
        }
    printf(_("selfcheck %s · checklists in %s\n"), SELFCHECK_VERSION, cfg->checklists);
    /* TRANSLATORS: checklists, items, then items per profile: monthly, half-year, change */
    printf(_("%zu checklists, %zu items (monthly %zu, halfyear %zu, change %zu)\n"), set->count, items,
           per_profile[0], per_profile[1], per_profile[2]);
    if (cfg->unit_code[0] == '\0') {
        printf("%s\n", _("No unit configured yet: run selfcheck to set it up, or set [unit] code in selfcheck.ini."));
    } else {
        char *unit_name = printable_text(cfg->unit_name);   /* the settings file is text from elsewhere */
        printf(_("Unit %s %s\n"), cfg->unit_code, unit_name ? unit_name : "?");
        free(unit_name);
        char *path = g->db_path ? strdup(g->db_path) : config_store_path(cfg);
        store *st = NULL;
        char *err = NULL;
        if (store_open(path, &st, &err) != 0) {
            cli_error("%s", err);
            free(err);
            code = EXIT_STORE;
        } else {
            char today[11];
            clock_today(today);
            /* stop at the first error: its message is the one line */
            code = calendar_status(st, path, set, cfg, PROFILE_MONTHLY, today);
            if (code == EXIT_OK)
                code = calendar_status(st, path, set, cfg, PROFILE_HALFYEAR, today);
            if (code == EXIT_OK)
                code = change_status(st, path, set, cfg);
            store_close(st);
        }
        free(path);
    }
    checklist_set_free(set);
    config_free(cfg);
    return code;
}
