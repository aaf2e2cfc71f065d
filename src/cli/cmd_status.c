/* cmd_status.c: `selfcheck status`: for each profile the last completed
 * assessment and when the next one is due. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "score.h"
#include "store.h"

/* The score of a stored assessment, for the status line. */
static int assessment_percent(store *st, const checklist_set *set, const config *cfg, const assessment *a,
                              double *percent, const char **grade)
{
    plan *pl = NULL;
    answer_set *answers = NULL;
    score_result *r = NULL;
    int rc = -1;
    if (plan_build(set, a->profile, a->systems, a->system_count, &pl, NULL) == 0 &&
        store_answers_load(st, a->id, &answers, NULL) == 0 && score_compute(pl, answers, cfg, &r, NULL) == 0) {
        *percent = r->percent;
        *grade = grade_label(r->grade, cfg->lang);
        rc = 0;
    }
    score_result_free(r);
    answer_set_free(answers);
    plan_free(pl);
    return rc;
}

static void profile_status(store *st, const checklist_set *set, const config *cfg, profile p, const char *today)
{
    bool en = strcmp(cfg->lang, "en") == 0;
    const char *sep = en ? "; " : "；";
    assessment **list = NULL;
    size_t count = 0;
    char *err = NULL;
    if (store_assessment_list(st, cfg->unit_code, p, &list, &count, &err) != 0) {
        cli_error("%s", err);
        free(err);
        return;
    }
    const assessment *last = NULL;
    for (size_t i = 0; i < count && last == NULL; i++)
        if (list[i]->completed_at)
            last = list[i];
    printf("%-9s ", profile_name(p));
    if (last) {
        double percent = 0;
        const char *grade = "-";
        assessment_percent(st, set, cfg, last, &percent, &grade);
        printf("%s %s (%s %.10s, %.1f%% %s)", en ? "last completed" : "最近完成", last->period,
               en ? "on" : "于", last->completed_at, percent, grade);
    } else {
        printf("%s", en ? "never completed" : "尚无已完成的检查");
    }
    if (p == PROFILE_CHANGE) {
        size_t open = 0;
        for (size_t i = 0; i < count; i++)
            if (!list[i]->completed_at)
                printf("%s%s", open++ ? ", " : (en ? "; open: " : "；未完成："), list[i]->period);
        printf("%s%s\n", sep, en ? "due after each significant change of a system" : "系统发生重大变更后进行");
        assessment_free_array(list, count);
        return;
    }
    char *current = NULL;
    if (period_current(p, today, &current, NULL) == 0) {
        bool done = false;
        for (size_t i = 0; i < count; i++)
            if (strcmp(list[i]->period, current) == 0 && list[i]->completed_at)
                done = true;
        char *target = done ? period_next(p, current) : strdup(current);
        char due[11];
        if (target && period_due_date(p, target, &cfg->schedule, due) == 0) {
            bool overdue = !done && strcmp(today, due) > 0;
            printf("%s%s %s %s %s%s\n", sep, en ? "next" : "下次", target, en ? "due" : "截止", due,
                   overdue ? (en ? " — OVERDUE" : " —— 已逾期") : "");
        } else {
            printf("\n");
        }
        free(target);
    }
    free(current);
    assessment_free_array(list, count);
}

int cmd_status(const cli_globals *g, int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        printf("usage: selfcheck status\n"
               "Shows the checklists in use and, for each profile, the last completed check\n"
               "and when the next one is due (monthly and half-yearly, per [schedule]).\n"
               "exit: 0 ok, 3 invalid configuration or checklists, 4 store error.\n");
        return EXIT_OK;
    }
    if (argc > 1) {
        cli_error("status: unknown argument '%s'", argv[1]);
        return EXIT_USAGE;
    }
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
            profile_status(st, set, cfg, PROFILE_MONTHLY, today);
            profile_status(st, set, cfg, PROFILE_HALFYEAR, today);
            profile_status(st, set, cfg, PROFILE_CHANGE, today);
            store_close(st);
        }
        free(path);
    }
    checklist_set_free(set);
    config_free(cfg);
    return code;
}
