/* ui_export.c: the sign-and-export screen's logic and layout (see ui_export.h).
 *
 * Every failure report_write can give is turned into a sentence that says
 * what to do: choose another folder, answer the rest or confirm, type the
 * key's passphrase, or generate a key. */
#include "ui_export.h"

#include "report_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "fsutil.h"
#include "i18n.h"
#include "text.h"


int ui_export_keygen(const config *cfg, char **key_id, char **err)
{
    report_keygen_request req = {NULL, NULL, NULL};
    report_keygen_result res;
    report_keygen_status st = report_keygen(cfg, &req, &res, err);
    *key_id = res.key_id;
    res.key_id = NULL;
    report_keygen_result_clear(&res);
    return st == REPORT_KEYGEN_OK ? 0 : -1;
}

ui_export *ui_export_new(ui_context *ctx)
{
    ui_export *ex = calloc(1, sizeof *ex);
    if (ex == NULL)
        return NULL;
    ex->ctx = ctx;
    ex->folder.max_chars = 1024;
    ex->passphrase.max_chars = 256;
    ex->passphrase.masked = true;
    const config *cfg = ctx->session->cfg;
    ui_field_set(&ex->folder, cfg->output_dir);
    return ex;
}

void ui_export_free(ui_export *ex)
{
    if (ex == NULL)
        return;
    ui_field_free(&ex->folder);
    /* the passphrase must not linger in freed memory */
    if (ex->passphrase.chars)
        memset(ex->passphrase.chars, 0, ex->passphrase.capacity * sizeof *ex->passphrase.chars);
    ui_field_free(&ex->passphrase);
    free(ex->error);
    free(ex->exported_to);
    report_result_clear(&ex->result);
    ui_pane_free(&ex->pane);
    free(ex);
}

static void export_error(ui_export *ex, const char *tmpl, const char *arg1, const char *arg2)
{
    const char *args[] = {arg1 ? arg1 : "", arg2 ? arg2 : ""};
    free(ex->error);
    ex->error = ui_subst(tmpl, args, 2);
}

static void export_run(ui_export *ex, bool allow_incomplete, bool replace)
{
    const session *s = ex->ctx->session;
    const config *cfg = s->cfg;
    char *folder = ui_field_text(&ex->folder);
    char *pass = ex->state == UI_EXPORT_PASSPHRASE ? ui_field_text(&ex->passphrase) : NULL;
    char *err = NULL;
    free(ex->error);
    ex->error = NULL;
    if (folder == NULL || *folder == '\0') {
        export_error(ex, _("Cannot write to {1}: {2}. Check that the folder exists and the USB stick is in and has room."), "", "");
        goto done;
    }
    /* The configured folder is ours to create; any other (a USB stick) must
     * already be there, so that an unmounted stick is not silently replaced
     * by a folder on the local disk. */
    if (cfg->output_dir && strcmp(folder, cfg->output_dir) == 0 && !fsutil_exists(folder)
        && fsutil_mkdir_p(folder, &err) != 0) {
        export_error(ex, _("Cannot write to {1}: {2}. Check that the folder exists and the USB stick is in and has room."), folder, err);
        goto done;
    }
    report_options opts = {
        .out_dir = folder,
        .write_csv = true,
        .write_sqlite = true,
        .allow_incomplete = allow_incomplete,
        .replace = replace,
        .key_path = cfg->signing_key,
        .passphrase = pass && *pass ? pass : NULL,
    };
    report_result_clear(&ex->result);
    memset(&ex->result, 0, sizeof ex->result);
    report_status st = report_write(s, &opts, &ex->result, &err);
    switch (st) {
    case REPORT_OK:
        ex->state = UI_EXPORT_DONE;
        ex->pane.top = 0;
        free(ex->exported_to);
        ex->exported_to = strdup(folder);   /* NULL: the offer to keep it is not made */
        break;
    case REPORT_ERR_EXISTS:
        export_error(ex, _("A report of that name is already in {1}: {2}."), folder, err);
        ex->state = UI_EXPORT_REPLACE;
        break;
    case REPORT_ERR_INCOMPLETE: {
        char missing[32];
        snprintf(missing, sizeof missing, "%zu", s->score->asked - s->score->answered);
        export_error(ex, _("{1} items are not answered yet."), missing, NULL);
        ex->state = UI_EXPORT_CONFIRM;
        break;
    }
    case REPORT_ERR_KEY:
        if (ex->result.key_status == SIGN_ERR_PASSPHRASE) {
            if (ex->state == UI_EXPORT_PASSPHRASE)
                export_error(ex, _("Wrong passphrase, please try again."), cfg->signing_key, NULL);
            ex->state = UI_EXPORT_PASSPHRASE;
            ui_field_set(&ex->passphrase, NULL);
        } else if (ex->result.key_status == SIGN_ERR_IO && !fsutil_exists(cfg->signing_key)) {
            export_error(ex, _("No signing key at {1}. Press g to generate one (then give the public key to your supervisor), Esc to go back."), cfg->signing_key, NULL);
            ex->state = UI_EXPORT_KEY_MISSING;
        } else if (ex->result.key_status == SIGN_ERR_KEY_PERMISSIONS) {
            export_error(ex, _("The signing key {1} can be read by other users. Run chmod 600 {1} and try again."), cfg->signing_key, NULL);
            ex->state = UI_EXPORT_FORM;
        } else {
            export_error(ex, _("The signing key {1} cannot be used: {2}"), cfg->signing_key, err);
            ex->state = UI_EXPORT_FORM;
        }
        break;
    case REPORT_ERR_IO:
    case REPORT_ERR_INTERNAL:
    default:
        export_error(ex, _("Cannot write to {1}: {2}. Check that the folder exists and the USB stick is in and has room."), folder, err);
        ex->state = UI_EXPORT_FORM;
        break;
    }
done:
    if (pass) {
        memset(pass, 0, strlen(pass));
        free(pass);
    }
    free(folder);
    free(err);
}

static void export_start(ui_export *ex)
{
    const score_result *r = ex->ctx->session->score;
    if (!r->complete && ex->state != UI_EXPORT_CONFIRM) {
        char missing[32];
        snprintf(missing, sizeof missing, "%zu", r->asked - r->answered);
        export_error(ex, _("{1} items are not answered yet."), missing, NULL);
        ex->state = UI_EXPORT_CONFIRM;
        return;
    }
    export_run(ex, !r->complete, false);
}

/* Whether the folder just exported into is not yet the configured one, so
 * that the screen offers to keep it for next month. */
static bool export_offers_folder(const ui_export *ex)
{
    const char *now = ex->ctx->session->cfg->output_dir;
    return ex->state == UI_EXPORT_DONE && ex->exported_to != NULL
        && (now == NULL || strcmp(now, ex->exported_to) != 0);
}

/* o: keeps the folder as [paths] output in the settings file, and in the
 * settings in memory (the context's and the open session's copy). */
static void export_keep_folder(ui_export *ex)
{
    ui_context *ctx = ex->ctx;
    char *path = ui_context_config_save_path(ctx), *err = NULL;
    const char *args[] = {ex->exported_to, err};
    if (config_save_output(ctx->cfg, ex->exported_to, path, &err) != 0
        || ui_set_string(&ctx->session->cfg->output_dir, ex->exported_to) != 0) {
        args[1] = err ? err : "?";
        ui_context_sayf(ctx, UI_ROLE_WARNING, _("The folder {1} could not be kept: {2}"), args, 2);
    } else {
        ui_context_sayf(ctx, UI_ROLE_ANSWERED, _("Kept: the next export offers {1}."), args, 1);
    }
    free(err);
    free(path);
}

ui_action ui_export_key(ui_export *ex, ui_key k)
{
    if (k.code == UI_KEY_RESIZE)
        return UI_ACT_REDRAW;
    if (k.code == UI_KEY_F1)
        return UI_ACT_HELP;
    ui_context_say(ex->ctx, UI_ROLE_NORMAL, NULL);
    switch (ex->state) {
    case UI_EXPORT_FORM: {
        ui_field_result r = ui_field_key(&ex->folder, k);
        if (r == UI_FIELD_CANCEL)
            return UI_ACT_SUMMARY;
        if (r == UI_FIELD_SUBMIT)
            export_start(ex);
        return UI_ACT_REDRAW;
    }
    case UI_EXPORT_CONFIRM:
        if (k.code == UI_KEY_ENTER) {
            export_run(ex, true, false);
        } else if (k.code == UI_KEY_ESC) {
            ex->state = UI_EXPORT_FORM;
            free(ex->error);
            ex->error = NULL;
        }
        return UI_ACT_REDRAW;
    case UI_EXPORT_REPLACE:
        if (k.code == UI_KEY_ENTER) {
            export_run(ex, !ex->ctx->session->score->complete, true);
        } else if (k.code == UI_KEY_ESC) {
            ex->state = UI_EXPORT_FORM;
            free(ex->error);
            ex->error = NULL;
        }
        return UI_ACT_REDRAW;
    case UI_EXPORT_PASSPHRASE: {
        ui_field_result r = ui_field_key(&ex->passphrase, k);
        if (r == UI_FIELD_CANCEL) {
            ex->state = UI_EXPORT_FORM;
            ui_field_set(&ex->passphrase, NULL);
        } else if (r == UI_FIELD_SUBMIT) {
            export_run(ex, !ex->ctx->session->score->complete, false);
        }
        return UI_ACT_REDRAW;
    }
    case UI_EXPORT_KEY_MISSING: {
        k = ui_key_command(k);
        if (k.code == UI_KEY_ESC) {
            ex->state = UI_EXPORT_FORM;
            return UI_ACT_REDRAW;
        }
        if (k.code == UI_KEY_CHAR && k.ch == 'g') {
            char *key_id = NULL, *err = NULL;
            if (ui_export_keygen(ex->ctx->session->cfg, &key_id, &err) != 0) {
                export_error(ex, _("The signing key {1} cannot be used: {2}"), ex->ctx->session->cfg->signing_key, err);
                ex->state = UI_EXPORT_FORM;
            } else {
                const char *args[] = {key_id};
                ui_context_sayf(ex->ctx, UI_ROLE_ANSWERED, _("Signing key generated, id {1}."), args, 1);
                ex->state = UI_EXPORT_FORM;
                export_run(ex, !ex->ctx->session->score->complete, false);
            }
            free(key_id);
            free(err);
        }
        return UI_ACT_REDRAW;
    }
    case UI_EXPORT_DONE:
        break;
    }
    k = ui_key_command(k);
    unsigned ch = k.code == UI_KEY_CHAR ? k.ch : 0;
    if (ch == 'q')
        return UI_ACT_QUIT;
    if (ch == '?')
        return UI_ACT_HELP;
    if (ch == 'L') {
        ui_context_switch_lang(ex->ctx);
        return UI_ACT_REDRAW;
    }
    if (k.code == UI_KEY_ESC || k.code == UI_KEY_ENTER || ch == 'b')
        return UI_ACT_SUMMARY;
    if (ch == 'o' && export_offers_folder(ex)) {
        export_keep_folder(ex);
        return UI_ACT_REDRAW;
    }
    if (ui_pane_key(&ex->pane, k))
        return UI_ACT_REDRAW;
    return UI_ACT_NONE;
}

static void exp_text(ui_export *ex, int col, ui_role role, const char *text)
{
    if (text != NULL && ui_pane_text(&ex->pane, col, role, text) == 0)
        ui_pane_skip(&ex->pane, 1);
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void export_render_done(ui_export *ex)
{
    const ui_context *ctx = ex->ctx;
    const config *cfg = ctx->session->cfg;
    exp_text(ex, 0, UI_ROLE_ANSWERED, _("The report is signed and exported."));
    if (export_offers_folder(ex)) {
        /* first, so that it is seen without scrolling */
        const char *fargs[] = {ex->exported_to};
        char *offer = ui_subst(_("Export into {1} next month too? Press o to keep it as the export folder ([paths] output in the settings)."), fargs, 1);
        exp_text(ex, 0, UI_ROLE_WARNING, offer);
        free(offer);
    }
    ui_pane_skip(&ex->pane, 1);
    exp_text(ex, 0, UI_ROLE_NORMAL, _("Files:"));
    const char *files[2] = {ex->result.csv_path, ex->result.sqlite_path};
    for (int i = 0; i < 2; i++) {
        if (files[i] == NULL)
            continue;
        char *sig = NULL;
        exp_text(ex, 2, UI_ROLE_NORMAL, files[i]);
        if (asprintf(&sig, "%s.sig", files[i]) >= 0) {
            exp_text(ex, 2, UI_ROLE_NORMAL, sig);
            free(sig);
        }
    }
    const char *kargs[] = {sign_algo_name(ex->result.algo)};
    char *line = ui_subst(_("Key id ({1}):"), kargs, 1);
    exp_text(ex, 0, UI_ROLE_NORMAL, line);
    free(line);
    exp_text(ex, 2, UI_ROLE_NORMAL, ex->result.key_id ? ex->result.key_id : "-");
    /* the unit's public key the report wrote beside the reports, which the
     * command below names; else the one beside the private key */
    char *pub = ex->result.pubkey_path ? strdup(ex->result.pubkey_path)
                                       : report_key_public_path(cfg->signing_key ? cfg->signing_key : "unit.key");
    const char *args[] = {pub ? pub : ""};
    line = ui_subst(_("Public key: {1} (give it to your supervisor to verify reports)"), args, 1);
    exp_text(ex, 0, UI_ROLE_NORMAL, line);
    free(line);
    ui_pane_skip(&ex->pane, 1);
    exp_text(ex, 0, UI_ROLE_NORMAL, _("Your supervisor verifies each file in the report's folder with (it prints Signature Verified Successfully):"));
    /* over several lines with "\" continuations, quoted for the shell, so
     * that it can be copied from the screen and pasted as it is */
    char *qpub = report_shell_quote(pub ? base_name(pub) : "unit.pub");
    for (int i = 0; i < 2 && qpub; i++) {
        if (files[i] == NULL)
            continue;
        char *sig = NULL;
        if (asprintf(&sig, "%s.sig", base_name(files[i])) < 0)
            continue;
        char *qfile = report_shell_quote(base_name(files[i])), *qsig = report_shell_quote(sig);
        char *cmd = qfile && qsig ? report_verify_command_lines(ex->result.algo, qpub, qfile, qsig) : NULL;
        if (cmd)
            exp_text(ex, 2, UI_ROLE_TITLE, cmd);
        free(cmd);
        free(qfile);
        free(qsig);
        free(sig);
    }
    free(qpub);
    free(pub);
}

void ui_export_render(ui_export *ex, ui_canvas *c)
{
    const ui_context *ctx = ex->ctx;
    const session *s = ctx->session;
    ui_render_assessment_title(ctx, c, _("Sign and export the report"));
    int body_top = 2, body_rows = c->rows - 4, width = c->cols - 4;
    if (ui_pane_begin(&ex->pane, width) != 0)
        return;
    const char *hints = _("Enter export  Esc back to the summary  F1 help");
    if (ex->state == UI_EXPORT_DONE) {
        export_render_done(ex);
        hints = export_offers_folder(ex) ? _("o keep this folder  Enter/Esc back  j/k scroll  ? help  q quit")
                                         : _("Enter/Esc back to the summary  j/k scroll  ? help  q quit");
    } else {
        if (ex->state == UI_EXPORT_KEY_MISSING)
            hints = _("g generate the signing key  Esc back");
        else if (ex->state == UI_EXPORT_CONFIRM)
            hints = _("Enter export anyway  Esc cancel");
        else if (ex->state == UI_EXPORT_REPLACE)
            hints = _("Enter replace the old report  Esc back");
        exp_text(ex, 0, UI_ROLE_NORMAL, _("Folder to write the report into (e.g. a USB stick):"));
        ui_canvas *pc = ui_pane_lines(&ex->pane, 1);
        if (pc) {
            ui_field_render(&ex->folder, pc, ex->pane.y, 2, width - 2,
                            ex->state == UI_EXPORT_FORM ? UI_ROLE_INPUT : UI_ROLE_DIM);
            if (ex->state != UI_EXPORT_FORM)
                pc->cursor_row = pc->cursor_col = -1;
        }
        ui_pane_skip(&ex->pane, 2);
        char *line = NULL;
        if (asprintf(&line, "%s%s (%s)", _("Signing key: "),
                     s->cfg->signing_key ? s->cfg->signing_key : "-",
                     s->cfg->signing_algo ? s->cfg->signing_algo : "sm2") >= 0) {
            exp_text(ex, 0, UI_ROLE_DIM, line);
            free(line);
        }
        exp_text(ex, 0, UI_ROLE_DIM, _("Writes the report as CSV (opens in a spreadsheet) and SQLite, each with a .sig signature."));
        ui_pane_skip(&ex->pane, 1);
        if (ex->error)
            exp_text(ex, 0, UI_ROLE_WARNING, ex->error);
        if (ex->state == UI_EXPORT_CONFIRM) {
            exp_text(ex, 0, UI_ROLE_WARNING, _("Press Enter again to export anyway (the report says it is incomplete), Esc to cancel."));
        } else if (ex->state == UI_EXPORT_REPLACE) {
            exp_text(ex, 0, UI_ROLE_NORMAL, _("To re-issue the report after correcting answers, press Enter to replace the old one (it is removed only once the new one is written and signed; if writing fails it stays as it was). Esc to choose another folder instead."));
        } else if (ex->state == UI_EXPORT_PASSPHRASE) {
            ui_pane_skip(&ex->pane, 1);
            exp_text(ex, 0, UI_ROLE_NORMAL, _("The signing key is encrypted: type its passphrase and press Enter:"));
            ui_canvas *fc = ui_pane_lines(&ex->pane, 1);
            if (fc)
                ui_field_render(&ex->passphrase, fc, ex->pane.y, 2, width - 2 < 40 ? width - 2 : 40,
                                UI_ROLE_INPUT);
            ui_pane_skip(&ex->pane, 1);
        }
    }
    ui_pane_show(&ex->pane, c, body_top, 2, body_rows, -1, -1, c->cols - 1);
    ui_render_hints(ctx, c, hints);
    ui_render_status(ctx, c);
}
