/* bench_draw.c: how long laying out one screen of a 500-item assessment
 * takes, against a frame (16.7 ms at 60 Hz; a terminal redraw is far rarer).
 *
 * Builds 10 checklists of 50 monthly items (Chinese questions and guidance)
 * in a temporary folder, opens a session, answers half of them, and times:
 * the text layer alone (width and wrapping of every question, what a screen
 * does at most), and the real layouts of the walk-through and the summary at
 * 80x24 and 200x60, which go through every plan instance on each draw.
 *
 * Not a test: run it by hand (cmake --build B --target bench_draw &&
 * B/bench_draw). */
#include "text.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_summary.h"
#include "ui_text.h"
#include "ui_walk.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"

#define LISTS 10
#define ITEMS_PER_LIST 50

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bench_write(const char *dir, const char *name, const char *text)
{
    char *path = fsutil_join(dir, name), *err = NULL;
    int rc = path ? fsutil_write_atomic(path, text, strlen(text), 0600, true, &err) : -1;
    if (rc != 0)
        fprintf(stderr, "bench_draw: %s\n", err ? err : "out of memory");
    free(err);
    free(path);
    return rc;
}

/* One checklist file of ITEMS_PER_LIST yes/no items with long Chinese text. */
static char *bench_checklist(int list)
{
    size_t cap = 1 << 20, len = 0;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    len += (size_t)snprintf(out + len, cap - len,
                            "[checklist]\nid = bench-%02d\nversion = 1\ntitle_zh = 基准检查清单第%d份\n"
                            "title_en = Benchmark list %d\n\n", list, list, list);
    for (int i = 0; i < ITEMS_PER_LIST; i++)
        len += (size_t)snprintf(out + len, cap - len,
                                "[item.l%02d-i%03d]\nquestion_zh = 第%d项：本单位的信息系统、服务器、网络设备和终端"
                                "是否都已按照管理制度的要求完成本月的安全检查并留有记录？\n"
                                "question_en = Item %d: have all systems, servers, network devices and "
                                "terminals of the unit had this month's security check, with a record?\n"
                                "guidance_zh = 查看检查记录表，逐台核对设备清单，确认每台设备都有检查人、"
                                "检查时间和检查结果，发现的问题已登记并明确了整改责任人和期限。\n"
                                "guidance_en = Look at the check records and compare them with the device "
                                "list: each device has who checked it, when, and the result.\n"
                                "source = 000 四(二)\ntype = yesno\nallow = partial, na\nseverity = %s\n"
                                "profiles = monthly\n\n",
                                list, i, i + 1, i + 1, i % 10 == 0 ? "critical" : "high");
    return out;
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    setenv("SELFCHECK_NOW", "2026-11-21T10:00:00", 1);
    char dir[] = "/tmp/bench_draw.XXXXXX";
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    char *lists = fsutil_join(dir, "lists");
    mkdir(lists, 0700);
    for (int l = 0; l < LISTS; l++) {
        char name[32];
        snprintf(name, sizeof name, "bench-%02d.ini", l);
        char *text = bench_checklist(l);
        if (text == NULL || bench_write(lists, name, text) != 0)
            return 1;
        free(text);
    }
    char ini[2048];
    snprintf(ini, sizeof ini, "[unit]\ncode = bench\nname = 基准测试局\nassessor = 张三\n[paths]\n"
             "checklists = %s\ndata = %s/data\n", lists, dir);
    if (bench_write(dir, "selfcheck.ini", ini) != 0)
        return 1;
    char *config_path = fsutil_join(dir, "selfcheck.ini"), *err = NULL;
    ui_context ctx;
    if (ui_context_init(&ctx, config_path, NULL, &err) != 0 ||
        ui_context_open(&ctx, PROFILE_MONTHLY, "2026-11", &err) != 0) {
        fprintf(stderr, "bench_draw: %s\n", err ? err : "?");
        return 1;
    }
    session *s = ctx.session;
    for (size_t i = 0; i < s->plan->count; i += 2)
        session_set(s, i, ANSWER_FIELD_VALUE, i % 6 == 0 ? "no" : "yes", NULL);
    printf("assessment: %zu items, %zu answered\n", s->plan->count, s->score->answered);

    const int frames = 200;
    /* the text layer: every question wrapped and fitted, far more than a frame needs */
    double t0 = now_ms();
    size_t lines = 0;
    for (int f = 0; f < frames; f++)
        for (size_t i = 0; i < s->plan->count; i++) {
            const char *q = item_question(s->plan->items[i].item, "zh");
            text_span *spans = NULL;
            size_t n = text_wrap(q, 52, &spans);
            lines += n;
            free(spans);
            lines += text_fit(q, 20, NULL) > 0;
        }
    double text_ms = (now_ms() - t0) / frames;
    printf("text layer, all %zu questions wrapped and fitted: %8.3f ms per pass\n",
           s->plan->count, text_ms);

    static const int sizes[][2] = {{24, 80}, {60, 200}};
    ui_walk *w = ui_walk_new(&ctx, -1);
    ui_summary *sum = ui_summary_new(&ctx);
    ui_canvas c = {0};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        int rows = sizes[k][0], cols = sizes[k][1];
        t0 = now_ms();
        for (int f = 0; f < frames; f++) {
            ui_walk_goto(w, (size_t)(f * 7) % s->plan->count);
            ui_canvas_reset(&c, rows, cols);
            ui_walk_render(w, &c);
        }
        double walk_ms = (now_ms() - t0) / frames;
        t0 = now_ms();
        for (int f = 0; f < frames; f++) {
            ui_canvas_reset(&c, rows, cols);
            ui_summary_render(sum, &c);
        }
        double sum_ms = (now_ms() - t0) / frames;
        printf("%3dx%-3d walk-through layout: %8.3f ms   summary layout: %8.3f ms   (frame: 16.7 ms)\n",
               cols, rows, walk_ms, sum_ms);
    }
    ui_canvas_free(&c);
    ui_summary_free(sum);
    ui_walk_free(w);
    ui_context_free(&ctx);
    free(config_path);
    char *cmd = NULL;
    if (asprintf(&cmd, "rm -rf '%s'", dir) > 0 && system(cmd) != 0)
        fprintf(stderr, "bench_draw: could not remove %s\n", dir);
    free(cmd);
    free(lists);
    return lines > 0 ? 0 : 1;
}
