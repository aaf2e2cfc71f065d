/* bench_core.c: how long the core takes on a large assessment: loading a
 * 500-item checklist, building the plan, and rescoring after one answer (what
 * the screen does on every key that changes an answer).
 *
 * Build: cmake --build build --target bench_core; run: build/bench_core.
 * Prints one line per measurement; not a test, so it asserts nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checklist.h"
#include "config.h"
#include "score.h"
#include "store.h"

#define ITEMS 500

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *write_checklist(const char *dir)
{
    char *path = NULL;
    if (asprintf(&path, "%s/bench.ini", dir) < 0)
        return NULL;
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return NULL;
    fprintf(f, "[checklist]\nid = bench\nversion = 1\ntitle_zh = 性能测试\ntitle_en = Benchmark\n");
    for (int i = 0; i < ITEMS; i++) {
        fprintf(f, "\n[item.q%d]\nquestion_zh = 第%d项：是否已按要求落实网络安全管理制度并定期检查？\n"
                   "question_en = Item %d: are the security rules applied and checked regularly?\n"
                   "guidance_zh = 查看制度文件和检查记录。\nguidance_en = Read the rules and the records.\n"
                   "source = 004 二(一)\ntype = yesno\nallow = partial, na\nseverity = %s\n"
                   "profiles = monthly, halfyear\n%s",
                i, i, i, i % 10 == 0 ? "critical" : "medium",
                i % 7 == 3 ? "show_if = q0: yes, partial\n" : "");
    }
    fclose(f);
    return path;
}

int main(void)
{
    char dir[] = "/tmp/selfcheck-bench-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return 1;
    char *path = write_checklist(dir);
    diag_list diags;
    diag_list_init(&diags);
    checklist_set *set = NULL;
    const char *paths[] = {path};
    double t0 = now_seconds();
    const int loads = 20;
    for (int i = 0; i < loads; i++) {
        checklist_set_free(set);
        if (checklist_set_load(paths, 1, &set, &diags) != 0) {
            fprintf(stderr, "bench checklist does not load\n");
            return 1;
        }
    }
    double t1 = now_seconds();
    printf("load %d-item checklist:        %8.3f ms\n", ITEMS, (t1 - t0) * 1000 / loads);

    plan *pl = NULL;
    plan_build(set, PROFILE_MONTHLY, NULL, 0, &pl, NULL);
    answer_set answers = {calloc(ITEMS, sizeof(answer)), 0};
    for (int i = 0; i < ITEMS; i++) {
        answer *a = &answers.items[answers.count++];
        a->checklist_id = strdup("bench");
        if (asprintf(&a->item_id, "q%d", i) < 0)
            return 1;
        a->system_id = strdup("");
        a->value = strdup(i % 3 ? "yes" : "partial");
    }
    /* answer_set_find expects the store's order: by checklist, item, system */
    for (size_t i = 1; i < answers.count; i++)
        for (size_t j = i; j > 0 && strcmp(answers.items[j - 1].item_id, answers.items[j].item_id) > 0; j--) {
            answer tmp = answers.items[j];
            answers.items[j] = answers.items[j - 1];
            answers.items[j - 1] = tmp;
        }
    config *cfg = config_defaults();
    const int rounds = 200;
    score_result *r = NULL;
    t0 = now_seconds();
    for (int i = 0; i < rounds; i++) {
        score_result_free(r);
        score_compute(pl, &answers, cfg, &r, NULL);
    }
    t1 = now_seconds();
    printf("score %zu instances:            %8.3f ms  (%.1f%%)\n", pl->count, (t1 - t0) * 1000 / rounds,
           r->percent);

    char db[256];
    snprintf(db, sizeof db, "%s/bench.db", dir);
    store *st = NULL;
    assessment *as = NULL;
    if (store_open(db, &st, NULL) != 0 ||
        store_assessment_open(st, "bench", PROFILE_MONTHLY, "2026-11", "", &as, NULL) != 0)
        return 1;
    const int commits = 200;
    t0 = now_seconds();
    for (int i = 0; i < commits; i++)
        if (store_answer_put(st, as->id, "bench", "q1", "", ANSWER_FIELD_VALUE, i % 2 ? "yes" : "no", NULL,
                             NULL) != 0)
            return 1;
    t1 = now_seconds();
    printf("commit one answer (WAL, FULL):  %8.3f ms\n", (t1 - t0) * 1000 / commits);
    for (size_t i = 0; i < answers.count; i++)
        store_answer_put(st, as->id, "bench", answers.items[i].item_id, "", ANSWER_FIELD_VALUE,
                         answers.items[i].value, NULL, NULL);
    t0 = now_seconds();
    for (int i = 0; i < rounds; i++) {
        answer_set *loaded = NULL;
        store_answers_load(st, as->id, &loaded, NULL);
        answer_set_free(loaded);
    }
    t1 = now_seconds();
    printf("reload %d answers:             %8.3f ms\n", ITEMS, (t1 - t0) * 1000 / rounds);
    assessment_free(as);

    score_result_free(r);
    store_close(st);
    for (size_t i = 0; i < answers.count; i++) {
        free(answers.items[i].checklist_id);
        free(answers.items[i].item_id);
        free(answers.items[i].system_id);
        free(answers.items[i].value);
    }
    free(answers.items);
    plan_free(pl);
    config_free(cfg);
    checklist_set_free(set);
    diag_list_clear(&diags);
    unlink(db);
    char wal[300];
    snprintf(wal, sizeof wal, "%s-wal", db);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", db);
    unlink(wal);
    unlink(path);
    free(path);
    rmdir(dir);
    return 0;
}
