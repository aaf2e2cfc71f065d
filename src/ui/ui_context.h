/* ui_context.h: what every screen shares: where the files are, the unit's
 * configuration, the open assessment, the language, and the status line.
 *
 * Also the parts of the frame every screen draws the same way (title bar,
 * key hints, status bar with progress and live score) and the "window too
 * small" page, so that each screen only lays out its own body. */
#ifndef SELFCHECK_UI_CONTEXT_H
#define SELFCHECK_UI_CONTEXT_H

#include <stdbool.h>

#include "checklist.h"
#include "config.h"
#include "session.h"
#include "ui_canvas.h"
#include "ui_key.h"
#include "ui_text.h"

/* The smallest window the screens are laid out for. */
#define UI_MIN_ROWS 24
#define UI_MIN_COLS 80

typedef struct ui_context {
    char *config_path;       /* --config FILE, or NULL: the search order of config.h */
    char *db_path;           /* --db FILE, or NULL: the configured data folder */
    config *cfg;             /* the unit's settings, for the setup and start screens (owned) */
    session *session;        /* the assessment being answered, or NULL (owned) */
    char lang[3];            /* "zh" or "en" */
    char *message;           /* one line for the status bar, or NULL (owned) */
    ui_role message_role;
    char today[11];
} ui_context;

/* Loads the configuration (config_load). Returns 0, or -1 with *err; on
 * failure the context holds nothing and needs no free. */
int ui_context_init(ui_context *ctx, const char *config_path, const char *db_path, char **err);
void ui_context_free(ui_context *ctx);

bool ui_context_en(const ui_context *ctx);
void ui_context_toggle_lang(ui_context *ctx);
/* The L key: toggles the language and keeps it in the config file, so the
 * next start speaks it too; says so on the status bar when it cannot. */
void ui_context_switch_lang(ui_context *ctx);

/* Sets the status-bar message (copied); NULL clears it. */
void ui_context_say(ui_context *ctx, ui_role role, const char *text);
/* Sets the message from a translated template with {1}.. filled by args. */
void ui_context_sayf(ui_context *ctx, ui_role role, const char *tmpl, const char *const *args, size_t n);

/* Opens (creating) the assessment of profile p and period (NULL: the current
 * one): reloads the configuration and the checklists for the session, which
 * owns them. Any open session is closed first. Returns 0; -1 with *err when
 * the configuration or the checklists are invalid; -2 with *err when the
 * session cannot be opened (the answer store, a period naming no system). */
int ui_context_open(ui_context *ctx, profile p, const char *period, char **err);
void ui_context_close(ui_context *ctx);

/* Loads the configured checklists. Returns 0 with *out (caller frees with
 * checklist_set_free), or -1 with *err listing the first problems found. */
int ui_context_load_checklists(const config *cfg, checklist_set **out, char **err);
/* Where the store is (--db or data_dir/selfcheck.db). Caller frees. */
char *ui_context_store_path(const ui_context *ctx);
/* Where the configuration is saved (--config or the user's file). Caller frees. */
char *ui_context_config_save_path(const ui_context *ctx);

/* Replaces a heap string field (free the old, copy the new). 0 or -1. */
int ui_set_string(char **field, const char *value);

/* The live progress "37/112 · 81.5% · 良好" of the session. Caller frees. */
char *ui_progress_text(const ui_context *ctx);
/* The localised name of a profile. */
const char *ui_profile_label(const ui_context *ctx, profile p);

/* Frame parts: row 0 title bar, row rows-2 key hints, row rows-1 status bar. */
void ui_render_title(const ui_context *ctx, ui_canvas *c, const char *title);
/* The title line of a screen about the open assessment:
 * "HEADING · profile period · unit name". */
void ui_render_assessment_title(const ui_context *ctx, ui_canvas *c, const char *heading);
void ui_render_hints(const ui_context *ctx, ui_canvas *c, const char *hints);
void ui_render_status(const ui_context *ctx, ui_canvas *c);
/* True when the window is below UI_MIN_ROWS x UI_MIN_COLS. */
bool ui_too_small(int rows, int cols);
/* Says plainly that the window is too small, and how big it must be. */
void ui_render_too_small(const ui_context *ctx, ui_canvas *c);

/* Draws UTF-8 text wrapped by display width into the rectangle (row, col,
 * width, height) starting with wrapped line `skip`. Returns the number of
 * wrapped lines the text has (drawn or not). */
int ui_render_wrapped(ui_canvas *c, int row, int col, int width, int height, int skip,
                      ui_role role, const char *text);

/* Folds the full-width forms an input method types (ｙ, ？, １, ／, 、) to the
 * ASCII keys they stand for, so commands work while a Chinese input method is
 * on. Other keys are returned as they are. */
ui_key ui_key_command(ui_key k);
/* Copies text with full-width digits, '.', '-', '/' and '。' folded to ASCII
 * and surrounding spaces removed, for numbers and dates typed through an
 * input method. Caller frees. */
char *ui_fold_digits(const char *text);

#endif
