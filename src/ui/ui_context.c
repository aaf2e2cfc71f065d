/* ui_context.c: the state the screens share, and the frame they all draw
 * (see ui_context.h). */
#include "ui_context.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "period.h"
#include "text.h"

int ui_set_string(char **field, const char *value)
{
    char *copy = strdup(value ? value : "");
    if (copy == NULL)
        return -1;
    free(*field);
    *field = copy;
    return 0;
}

int ui_context_init(ui_context *ctx, const char *config_path, const char *db_path, char **err)
{
    memset(ctx, 0, sizeof *ctx);
    if (config_load(config_path, &ctx->cfg, err) != 0)
        return -1;
    if ((config_path && (ctx->config_path = strdup(config_path)) == NULL)
        || (db_path && (ctx->db_path = strdup(db_path)) == NULL)) {
        ui_context_free(ctx);
        return error_set(err, _("out of memory"));
    }
    snprintf(ctx->lang, sizeof ctx->lang, "%s", config_lang(ctx->cfg));
    i18n_set_lang(ctx->lang);   /* what the core says shows on screen too */
    i18n_init(ctx->lang);
    text_set_ambiguous_wide(ctx->cfg->ambiguous_wide);
    clock_today(ctx->today);
    return 0;
}

void ui_context_free(ui_context *ctx)
{
    ui_context_close(ctx);
    config_free(ctx->cfg);
    free(ctx->config_path);
    free(ctx->db_path);
    free(ctx->message);
    memset(ctx, 0, sizeof *ctx);
}

bool ui_context_en(const ui_context *ctx)
{
    return ui_lang_en(ctx->lang);
}

void ui_context_toggle_lang(ui_context *ctx)
{
    snprintf(ctx->lang, sizeof ctx->lang, "%s", ui_context_en(ctx) ? "zh" : "en");
    i18n_set_lang(ctx->lang);
    i18n_set_lang(ctx->lang);
}

void ui_context_switch_lang(ui_context *ctx)
{
    ui_context_toggle_lang(ctx);
    char *path = ui_context_config_save_path(ctx), *err = NULL;
    if (config_save_lang(ctx->cfg, ctx->lang, path, &err) != 0) {
        const char *args[] = {err ? err : "?"};
        ui_context_sayf(ctx, UI_ROLE_WARNING, _("Language switched for this session only: {1}"), args, 1);
    }
    free(err);
    free(path);
}

void ui_context_say(ui_context *ctx, ui_role role, const char *text)
{
    free(ctx->message);
    ctx->message = text ? strdup(text) : NULL;
    ctx->message_role = role;
}

void ui_context_sayf(ui_context *ctx, ui_role role, const char *tmpl, const char *const *args, size_t n)
{
    char *text = ui_subst(tmpl, args, n);
    ui_context_say(ctx, role, text);
    free(text);
}

int ui_context_load_checklists(const config *cfg, checklist_set **out, char **err)
{
    diag_list diags;
    diag_list_init(&diags);
    const char *paths[1] = {cfg->checklists ? cfg->checklists : ""};
    *out = NULL;
    if (checklist_set_load(paths, 1, out, &diags) == 0) {
        diag_list_clear(&diags);
        return 0;
    }
    /* The first few problems are enough to act on; `selfcheck lint` lists all. */
    size_t len = 0, shown = diags.count < 3 ? diags.count : 3;
    char *joined = NULL;
    for (size_t i = 0; i < shown; i++) {
        char *line = diag_format(&diags.items[i]);
        if (line == NULL)
            continue;
        size_t add = strlen(line);
        char *grown = realloc(joined, len + add + 3);
        if (grown != NULL) {
            joined = grown;
            if (len) {
                memcpy(joined + len, "; ", 2);
                len += 2;
            }
            memcpy(joined + len, line, add + 1);
            len += add;
        }
        free(line);
    }
    if (joined)
        error_set(err, "%s%s", joined, diags.count > shown ? "; ..." : "");
    else
        error_set(err, _("cannot load the checklists from %s"), paths[0]);
    free(joined);
    diag_list_clear(&diags);
    return -1;
}

char *ui_context_store_path(const ui_context *ctx)
{
    if (ctx->db_path)
        return strdup(ctx->db_path);
    return config_store_path(ctx->cfg);
}

char *ui_context_config_save_path(const ui_context *ctx)
{
    if (ctx->config_path)
        return strdup(ctx->config_path);
    return config_user_path();
}

int ui_context_open(ui_context *ctx, profile p, const char *period, char **err)
{
    ui_context_close(ctx);
    config *cfg = NULL;
    checklist_set *set = NULL;
    if (config_load(ctx->config_path, &cfg, err) != 0)
        return -1;
    if (ui_context_load_checklists(cfg, &set, err) != 0) {
        config_free(cfg);
        return -1;
    }
    /* session_open takes cfg and set, also when it fails. */
    return session_open(cfg, set, ctx->db_path, p, period, &ctx->session, err) == 0 ? 0 : -2;
}

void ui_context_close(ui_context *ctx)
{
    session_free(ctx->session);
    ctx->session = NULL;
}

const char *ui_profile_label(const ui_context *ctx, profile p)
{
    (void)ctx; /* the language is gettext's */
    switch (p) {
    case PROFILE_MONTHLY: return _("Monthly routine check");
    case PROFILE_HALFYEAR: return _("Half-yearly comprehensive check");
    case PROFILE_CHANGE: return _("Re-assessment after a system change");
    }
    return "?";
}

char *ui_progress_text(const ui_context *ctx)
{
    char *out = NULL;
    const score_result *r = ctx->session ? ctx->session->score : NULL;
    if (r == NULL)
        return strdup("");
    int rc;
    if (r->grade != NULL && r->max > 0)
        rc = asprintf(&out, "%zu/%zu \xC2\xB7 %.1f%% \xC2\xB7 %s", r->answered, r->asked,
                      r->percent, grade_label(r->grade, ctx->lang));
    else if (r->max > 0)
        /* the percentage of an unfinished check is provisional and has no grade */
        rc = asprintf(&out, _("%zu/%zu \xC2\xB7 %.1f%% so far"), r->answered, r->asked, r->percent);
    else
        rc = asprintf(&out, "%zu/%zu \xC2\xB7 -", r->answered, r->asked);
    return rc < 0 ? NULL : out;
}

void ui_render_title(const ui_context *ctx, ui_canvas *c, const char *title)
{
    ui_canvas_fill(c, 0, 0, c->cols, UI_ROLE_TITLE);
    int right = (int)text_width(ctx->today) + 1;
    /* the title is cut to leave a blank and the date: a title cut to the
     * full width (a long unit name) still leaves the date its room */
    int used = ui_canvas_put_cut(c, 0, 1, c->cols - right - 2, UI_ROLE_TITLE, title);
    if (c->cols - right >= used + 2)
        ui_canvas_put(c, 0, c->cols - right, right, UI_ROLE_TITLE, ctx->today);
}

void ui_render_assessment_title(const ui_context *ctx, ui_canvas *c, const char *heading)
{
    const session *s = ctx->session;
    char *title = NULL;
    if (asprintf(&title, "%s \xC2\xB7 %s %s \xC2\xB7 %s", heading,
                 ui_profile_label(ctx, s->assessment->profile), s->assessment->period,
                 s->cfg->unit_name) < 0)
        title = NULL;
    ui_render_title(ctx, c, title ? title : "");
    free(title);
}

void ui_render_hints(const ui_context *ctx, ui_canvas *c, const char *hints)
{
    (void)ctx;
    if (c->rows < 2)
        return;
    ui_canvas_put(c, c->rows - 2, 1, c->cols - 2, UI_ROLE_DIM, hints);
}

/* The status message in `room` columns of the last row; one that does not
 * fit takes the key-hint line above as well (the hints come back with the
 * next key), so it is read whole; only past two lines is it cut, with "…". */
static void status_message(ui_canvas *c, int row, int room, ui_role role, const char *text)
{
    if ((int)text_width(text) <= room || row < 1) {
        ui_canvas_put_cut(c, row, 1, room, role, text);
        return;
    }
    size_t fit = text_fit(text, (size_t)(c->cols - 2), NULL);
    /* break where text_wrap would, so that no word or closing mark is split */
    text_span *spans = NULL;
    size_t n = text_wrap(text, (size_t)(c->cols - 2), &spans);
    if (n != (size_t)-1 && n > 0)
        fit = spans[0].length;
    ui_canvas_fill(c, row - 1, 0, c->cols, UI_ROLE_TITLE);
    ui_canvas_putn(c, row - 1, 1, c->cols - 2, role, text, fit);
    const char *rest = text + fit;
    if (n != (size_t)-1 && n > 1)
        rest = text + spans[1].offset;
    while (*rest == ' ')
        rest++;
    ui_canvas_put_cut(c, row, 1, room, role, rest);
    free(spans);
}

void ui_render_status(const ui_context *ctx, ui_canvas *c)
{
    int row = c->rows - 1;
    if (row < 0)
        return;
    ui_canvas_fill(c, row, 0, c->cols, UI_ROLE_TITLE);
    /* right: [✗ critical failures] progress; left: the message. The message
     * wins over the critical count, which the screens show anyway. */
    char *progress = ui_progress_text(ctx);
    int pw = progress ? (int)text_width(progress) : 0;
    int mw = ctx->message ? (int)text_width(ctx->message) : 0;
    int right = c->cols - pw - 1;
    const score_result *r = ctx->session ? ctx->session->score : NULL;
    if (r && r->critical_failures > 0) {
        char count[32];
        snprintf(count, sizeof count, "%zu", r->critical_failures);
        const char *args[] = {count};
        char *crit = ui_subst(_("{1} critical failed"), args, 1);
        if (crit) {
            int cw = (int)text_width(crit) + 4;   /* "✗ " before, two spaces after */
            if (right - cw - 2 >= mw + 1) {
                right -= cw;
                ui_canvas_put(c, row, right, 2, UI_ROLE_CRITICAL, "\xE2\x9C\x97 ");
                ui_canvas_put(c, row, right + 2, cw - 4, UI_ROLE_CRITICAL, crit);
            }
            free(crit);
        }
    }
    if (progress && pw < c->cols - 1)
        ui_canvas_put(c, row, c->cols - pw - 1, pw, UI_ROLE_TITLE, progress);
    if (ctx->message)
        status_message(c, row, right - 2, ctx->message_role == UI_ROLE_NORMAL
                       ? UI_ROLE_TITLE : ctx->message_role, ctx->message);
    free(progress);
}

bool ui_too_small(int rows, int cols)
{
    return rows < UI_MIN_ROWS || cols < UI_MIN_COLS;
}

void ui_render_too_small(const ui_context *ctx, ui_canvas *c)
{
    (void)ctx; /* the language is gettext's */
    char size_now[32], size_min[32];
    snprintf(size_now, sizeof size_now, "%dx%d", c->cols, c->rows);
    snprintf(size_min, sizeof size_min, "%dx%d", UI_MIN_COLS, UI_MIN_ROWS);
    const char *args[] = {size_min, size_now};
    char *text = ui_subst(_("The window is too small: it needs at least {1} (columns x rows) and is {2}. Please make it larger, or press q to quit."), args, 2);
    if (text == NULL || c->cols < 2 || c->rows < 1) {
        free(text);
        return;
    }
    text_span *spans = NULL;
    size_t n = text_wrap(text, (size_t)c->cols, &spans);
    if (n == (size_t)-1)
        n = 0;
    if ((int)n > c->rows) {
        /* a window too small even for the sentence: the short form, whole */
        free(spans);
        free(text);
        spans = NULL;
        text = ui_subst(_("Too small: {1} needed. q quits."), args, 2);
        n = text ? text_wrap(text, (size_t)c->cols, &spans) : 0;
        if (n == (size_t)-1)
            n = 0;
    }
    int top = (c->rows - (int)n) / 2;
    if (top < 0)
        top = 0;
    for (size_t i = 0; i < n && top + (int)i < c->rows; i++) {
        int left = (c->cols - (int)spans[i].columns) / 2;
        ui_canvas_putn(c, top + (int)i, left < 0 ? 0 : left, c->cols, UI_ROLE_WARNING,
                       text + spans[i].offset, spans[i].length);
    }
    free(spans);
    free(text);
}

int ui_render_wrapped(ui_canvas *c, int row, int col, int width, int height, int skip,
                      ui_role role, const char *text)
{
    if (text == NULL || *text == '\0' || width < 2)
        return 0;
    text_span *spans = NULL;
    size_t n = text_wrap(text, (size_t)width, &spans);
    if (n == (size_t)-1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        int y = (int)i - skip;
        if (y >= 0 && y < height)
            ui_canvas_putn(c, row + y, col, width, role, text + spans[i].offset, spans[i].length);
    }
    free(spans);
    return (int)n;
}

ui_key ui_key_command(ui_key k)
{
    if (k.code != UI_KEY_CHAR)
        return k;
    if (k.ch >= 0xFF01 && k.ch <= 0xFF5E)
        k.ch -= 0xFEE0;       /* full-width ASCII: ｙ -> y, ？ -> ? */
    else if (k.ch == 0x3000)
        k.ch = ' ';
    else if (k.ch == 0x3001)
        k.ch = '/';           /* 、 is where '/' sits with many Chinese input methods */
    else if (k.ch == 0x662F)
        k.ch = 'y';           /* 是 */
    else if (k.ch == 0x5426)
        k.ch = 'n';           /* 否 */
    return k;
}

char *ui_fold_digits(const char *text)
{
    size_t len = strlen(text), i = 0, n = 0;
    char *out = malloc(len + 1);
    if (out == NULL)
        return NULL;
    while (i < len) {
        unsigned cp;
        size_t step = text_decode(text + i, len - i, &cp);
        if (cp >= 0xFF10 && cp <= 0xFF19)
            out[n++] = (char)('0' + (cp - 0xFF10));
        else if (cp == 0xFF0E || cp == 0x3002)
            out[n++] = '.';
        else if (cp == 0xFF0D || cp == 0x2212)
            out[n++] = '-';
        else if (cp == 0xFF0F)
            out[n++] = '/';
        else if (cp == 0x3000)
            out[n++] = ' ';
        else {
            memcpy(out + n, text + i, step);
            n += step;
        }
        i += step;
    }
    out[n] = '\0';
    /* trim spaces an input method may leave around the value */
    size_t start = 0;
    while (out[start] == ' ')
        start++;
    while (n > start && out[n - 1] == ' ')
        out[--n] = '\0';
    memmove(out, out + start, n - start + 1);
    return out;
}
