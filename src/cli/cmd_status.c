/* cmd_status.c: `selfcheck status`: for each profile the last completed
 * assessment, what is due or overdue and when the next one is due. What is
 * due comes from the core (due.h), the same list the start screen shows. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "due.h"
#include "period.h"
#include "score.h"
#include "store.h"

/* Earlier periods still due that the line names one by one; more are shown
 * as a range. */
#define STATUS_EARLIER_SHOWN 3

/* The score of a stored assessment, for the status line. Returns EXIT_OK,
 * or an exit code with *err: EXIT_STORE when its answers cannot be read. */
static int assessment_percent(store *st, const checklist_set *set, const config *cfg, const assessment *a,
                              double *percent, const char **grade, char **err)
{
    plan *pl = NULL;
    answer_set *answers = NULL;
    score_result *r = NULL;
    int code = EXIT_INTERNAL;
    if (plan_build(set, a->profile, a->systems, a->system_count, &pl, err) != 0)
        goto done;
    if (store_answers_load(st, a->id, &answers, err) != 0) {
        code = EXIT_STORE;
        goto done;
    }
    if (score_compute(pl, answers, cfg, &r, err) != 0)
        goto done;
    *percent = r->percent;
    *grade = grade_label(r->grade, cfg->lang);
    code = EXIT_OK;
done:
    score_result_free(r);
    answer_set_free(answers);
    plan_free(pl);
    return code;
}

/* Prints "最近完成 PERIOD (于 DATE, 85.0% 良好)" or "尚无已完成的检查". */
static void print_last(bool en, const assessment *last, double percent, const char *grade)
{
    if (last)
        printf("%s %s (%s %.10s, %.1f%% %s)", en ? "last completed" : "最近完成", last->period, en ? "on" : "于",
               last->completed_at, percent, grade);
    else
        printf("%s", en ? "never completed" : "尚无已完成的检查");
}

/* Prints " —— 已逾期（进行中，已答 5 项）" for a due period: the overdue
 * mark when it is, and the state in brackets when asked for. */
static void print_due_state(bool en, const due_entry *e, size_t answered, bool with_state)
{
    if (e->overdue)
        printf("%s", en ? " — OVERDUE" : " —— 已逾期");
    if (!with_state)
        return;
    if (e->state == DUE_IN_PROGRESS) {
        if (en)
            printf(" (in progress, %zu answered)", answered);
        else
            printf("（进行中，已答 %zu 项）", answered);
    } else if (e->state == DUE_NOT_STARTED) {
        printf("%s", en ? " (not started)" : "（未开始）");
    }
}

/* The line of a monthly or half-year profile: the last completed check, the
 * previous period when it is still due (due.h says when), then the current
 * period, or the next one when the current is done. Everything is read
 * before anything is printed, so that an error leaves no half line. Returns
 * an exit code; on error the message is printed. */
static int calendar_status(store *st, const checklist_set *set, const config *cfg, profile p, const char *today)
{
    bool en = strcmp(cfg->lang, "en") == 0;
    const char *sep = en ? "; " : "；";
    char *err = NULL;
    due_list *due = NULL;
    size_t *answered = NULL;
    double percent = 0;
    const char *grade = "-";
    int code = EXIT_STORE;
    if (due_compute(st, cfg->unit_code, p, today, &cfg->schedule, &due, &err) != 0)
        goto fail;
    code = EXIT_INTERNAL;
    answered = calloc(due->count, sizeof *answered);
    if (answered == NULL) {
        err = strdup("out of memory");
        goto fail;
    }
    code = EXIT_STORE;
    for (size_t i = 0; i < due->count; i++)
        if (due->entries[i].state == DUE_IN_PROGRESS &&
            store_answered_count(st, due->entries[i].assessment->id, &answered[i], &err) != 0)
            goto fail;
    if (due->last_completed &&
        (code = assessment_percent(st, set, cfg, due->last_completed, &percent, &grade, &err)) != EXIT_OK)
        goto fail;

    printf("%-9s ", profile_name(p));
    print_last(en, due->last_completed, percent, grade);
    /* the current period is always the last entry; those before it are
     * earlier periods still due, shown with their state, or as one range
     * when there are many (the start screen lists each) */
    size_t earlier = due->count - 1;
    if (earlier > STATUS_EARLIER_SHOWN) {
        bool overdue = false;
        for (size_t i = 0; i < earlier; i++)
            overdue = overdue || due->entries[i].overdue;
        if (en)
            printf("; %zu periods %s to %s not completed", earlier, due->entries[0].period,
                   due->entries[earlier - 1].period);
        else
            printf("；%s 至 %s 共 %zu 期未完成", due->entries[0].period, due->entries[earlier - 1].period, earlier);
        if (overdue)
            printf("%s", en ? " — OVERDUE" : " —— 已逾期");
        earlier = 0;
    }
    for (size_t i = 0; i < earlier; i++) {
        const due_entry *e = &due->entries[i];
        printf("%s%s", sep, e->period);
        if (e->due[0])
            printf(" %s %s", en ? "due" : "截止", e->due);
        print_due_state(en, e, answered[i], true);
    }
    const due_entry *cur = &due->entries[due->count - 1];
    const char *target = cur->state == DUE_DONE ? due->next_period : cur->period;
    const char *target_due = cur->state == DUE_DONE ? due->next_due : cur->due;
    printf("%s%s %s", sep, en ? "next" : "下次", target);
    if (target_due[0])
        printf(" %s %s", en ? "due" : "截止", target_due);
    /* "not started" is what a current period usually is: said only when late */
    if (cur->state != DUE_DONE)
        print_due_state(en, cur, answered[due->count - 1], cur->state == DUE_IN_PROGRESS || cur->overdue);
    printf("\n");
    free(answered);
    due_list_free(due);
    return EXIT_OK;

fail:
    cli_error("%s: %s", profile_name(p), err ? err : "out of memory");
    free(err);
    free(answered);
    due_list_free(due);
    return code;
}

/* The line of the change profile: the last completed check and the ones
 * still open. Nothing falls due by the calendar. Returns an exit code. */
static int change_status(store *st, const checklist_set *set, const config *cfg)
{
    bool en = strcmp(cfg->lang, "en") == 0;
    const char *sep = en ? "; " : "；";
    assessment **list = NULL;
    size_t count = 0;
    char *err = NULL;
    if (store_assessment_list(st, cfg->unit_code, PROFILE_CHANGE, &list, &count, &err) != 0) {
        cli_error("%s: %s", profile_name(PROFILE_CHANGE), err);
        free(err);
        return EXIT_STORE;
    }
    /* newest period first: the first completed one is the last */
    const assessment *last = NULL;
    for (size_t i = 0; i < count && last == NULL; i++)
        if (list[i]->completed_at)
            last = list[i];
    double percent = 0;
    const char *grade = "-";
    int code = last ? assessment_percent(st, set, cfg, last, &percent, &grade, &err) : EXIT_OK;
    if (code != EXIT_OK) {
        cli_error("%s: %s", profile_name(PROFILE_CHANGE), err ? err : "out of memory");
        free(err);
        assessment_free_array(list, count);
        return code;
    }
    printf("%-9s ", profile_name(PROFILE_CHANGE));
    print_last(en, last, percent, grade);
    size_t open = 0;
    for (size_t i = 0; i < count; i++)
        if (!list[i]->completed_at)
            printf("%s%s", open++ ? ", " : (en ? "; open: " : "；未完成："), list[i]->period);
    printf("%s%s\n", sep, en ? "due after each significant change of a system" : "系统发生重大变更后进行");
    assessment_free_array(list, count);
    return EXIT_OK;
}

int cmd_status(const cli_globals *g, int argc, char **argv)
{
    static const int exits[] = {EXIT_OK, EXIT_USAGE, EXIT_INPUT, EXIT_STORE, -1};
    static const cli_help help = {
        "status", NULL,
        "Shows the checklists in use and, for each profile, the last completed check,\n"
        "the earlier periods still due (unfinished, or skipped since the unit's first\n"
        "check; more than three as one range) and when the next one is due (monthly\n"
        "and half-yearly, per [schedule]); overdue ones are marked.\n",
        exits};
    int done = cli_parse_options(argc, argv, NULL, &help);
    if (done != CLI_CONTINUE)
        return done;
    config *cfg;
    checklist_set *set;
    int code = cli_load_config_and_checklists(g, &cfg, &set);
    if (code != EXIT_OK)
        return code;
    bool en = strcmp(cfg->lang, "en") == 0;
    size_t items = 0, per_profile[PROFILE_COUNT] = {0};
    for (size_t l = 0; l < set->count; l++)
        for (size_t i = 0; i < set->lists[l].item_count; i++) {
            items++;
            for (int k = 0; k < PROFILE_COUNT; k++)
                if (set->lists[l].items[i].profiles & (1u << k))
                    per_profile[k]++;
        }
    printf("selfcheck %s · %s %s\n", SELFCHECK_VERSION, en ? "checklists in" : "检查表目录", cfg->checklists);
    printf("%zu %s, %zu %s (monthly %zu, halfyear %zu, change %zu)\n", set->count,
           en ? "checklists" : "个检查表", items, en ? "items" : "个检查项", per_profile[0], per_profile[1],
           per_profile[2]);
    if (cfg->unit_code[0] == '\0') {
        printf("%s\n", en ? "No unit configured yet: run selfcheck to set it up, or set [unit] code in selfcheck.ini."
                          : "尚未设置单位：运行 selfcheck 按提示设置，或在 selfcheck.ini 的 [unit] 中填写 code。");
    } else {
        printf("%s %s %s\n", en ? "Unit" : "单位", cfg->unit_code, cfg->unit_name);
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
            code = calendar_status(st, set, cfg, PROFILE_MONTHLY, today);
            if (code == EXIT_OK)
                code = calendar_status(st, set, cfg, PROFILE_HALFYEAR, today);
            if (code == EXIT_OK)
                code = change_status(st, set, cfg);
            store_close(st);
        }
        free(path);
    }
    checklist_set_free(set);
    config_free(cfg);
    return code;
}
