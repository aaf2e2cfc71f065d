/* config.h: selfcheck.ini, the unit's settings (format: docs/configuration.md).
 *
 * Looked up in order: an explicit --config FILE, $XDG_CONFIG_HOME/selfcheck/
 * selfcheck.ini (~/.config/...), /etc/selfcheck/selfcheck.ini, then built-in
 * defaults. Read with iniparser after the same raw-line checks as checklists,
 * so a bad value is reported with its file and line. */
#ifndef SELFCHECK_CONFIG_H
#define SELFCHECK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include "period.h"

typedef struct grade_level {
    char *name;        /* e.g. "excellent" */
    double min;        /* lowest percentage of this grade */
    char *label_zh;    /* 优秀 */
    char *label_en;    /* Excellent */
} grade_level;

typedef struct config {
    char *path;            /* the file read, or NULL for built-in defaults */
    char *unit_code, *unit_name, *assessor;   /* empty strings until set */
    char *checklists;      /* folder(s) of checklist files, ':'-separated */
    char *data_dir;        /* where the answer store lives */
    char *output_dir;      /* where reports are written */
    char *signing_key;     /* the unit's private key file */
    char *signing_algo;    /* "sm2" or "ed25519" */
    char *lang;            /* "zh" or "en" as [ui] lang gives it; NULL when the
                              settings do not give it (see config_lang) */
    bool ambiguous_wide;   /* [ui] ambiguous = wide: East Asian ambiguous-width characters take two columns */
    grade_level *grades;   /* sorted by min, highest first; the last has min 0 */
    size_t grade_count;
    double pass_mark;      /* percentage at or above which the verdict can be pass */
    schedule schedule;
} config;

/* Loads the configuration. explicit_path may be NULL (then the search order
 * above applies, and a missing file just means defaults). Returns 0 with *out
 * set (free with config_free), or -1 with *err "FILE:LINE: message". */
int config_load(const char *explicit_path, config **out, char **err);
/* Built-in defaults only. */
config *config_defaults(void);
void config_free(config *c);

/* Writes the configuration to path atomically (creating its folder). */
int config_save(const config *c, const char *path, char **err);
/* Keeps the language chosen on screen: sets c->lang and writes [ui] lang into
 * the file the config was read from, changing that line only; when the config
 * came from the built-in defaults, writes the whole config to new_path (the
 * user's file). lang is "zh" or "en". Returns 0, or -1 with *err. */
int config_save_lang(config *c, const char *lang, const char *new_path, char **err);
/* Keeps the export folder chosen on screen as [paths] output, the same way
 * (c->output_dir is set too). Returns 0, or -1 with *err. */
int config_save_output(config *c, const char *dir, const char *new_path, char **err);
/* Where a user's own config file goes ($XDG_CONFIG_HOME/selfcheck/selfcheck.ini).
 * Caller frees. */
char *config_user_path(void);
/* The answer store's path: data_dir/selfcheck.db. Caller frees. */
char *config_store_path(const config *c);

/* The grade for a percentage (rounded to one decimal first). Never NULL when
 * the config has grades. */
const grade_level *config_grade_for(const config *c, double percent);
const char *grade_label(const grade_level *g, const char *lang);

/* The language to speak: [ui] lang when the settings give it, else the
 * environment's (i18n_env_lang: LANGUAGE, LC_ALL, LC_MESSAGES, LANG; zh_* is
 * Chinese, anything else English). "zh" or "en"; never NULL, not to be freed. */
const char *config_lang(const config *c);

#endif
