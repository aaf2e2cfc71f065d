/* ui_export.h: the sign-and-export screen's logic: the output folder, the
 * checks before writing (incomplete assessment, missing key, passphrase),
 * report_write, and then the files, the key id and the openssl command with
 * which the supervisor verifies them. */
#ifndef SELFCHECK_UI_EXPORT_H
#define SELFCHECK_UI_EXPORT_H

#include <stdbool.h>

#include "report.h"
#include "ui_canvas.h"
#include "ui_context.h"
#include "ui_field.h"
#include "ui_key.h"
#include "ui_pane.h"

typedef enum ui_export_state {
    UI_EXPORT_FORM = 0,     /* the folder is being typed */
    UI_EXPORT_CONFIRM,      /* incomplete: a second Enter exports anyway */
    UI_EXPORT_REPLACE,      /* a report of that name exists: Enter replaces it */
    UI_EXPORT_PASSPHRASE,   /* the key is encrypted: its passphrase is being typed */
    UI_EXPORT_KEY_MISSING,  /* no key: g generates one */
    UI_EXPORT_DONE
} ui_export_state;

typedef struct ui_export {
    ui_context *ctx;        /* not owned; ctx->session must be open */
    ui_export_state state;
    ui_field folder;
    ui_field passphrase;
    char *error;            /* why the last attempt failed, or NULL */
    report_result result;   /* the files written, once DONE */
    ui_pane pane;           /* the screen's body, laid out in full, scrolled */
    char *exported_to;      /* the folder of the report once DONE, or NULL */
} ui_export;

/* Returns NULL when out of memory. Free with ui_export_free. */
ui_export *ui_export_new(ui_context *ctx);
void ui_export_free(ui_export *ex);
ui_action ui_export_key(ui_export *ex, ui_key k);
void ui_export_render(ui_export *ex, ui_canvas *c);

/* Generates the unit's key pair at the configured path, unencrypted
 * (report_keygen, as `selfcheck keygen` does). Returns 0 with *key_id
 * (caller frees), or -1 with *err. */
int ui_export_keygen(const config *cfg, char **key_id, char **err);

#endif
