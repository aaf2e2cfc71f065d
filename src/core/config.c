/* config.c: selfcheck.ini, read with the guarded INI reader (see config.h and
 * docs/configuration.md). */
#include "config.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"
#include "ident.h"
#include "ini.h"
#include "number.h"
#include "paths.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the bundled checklists are said to be when paths_share finds them
 * nowhere (a binary copied out of its tree): the message then names the
 * place a package puts them. */
#define INSTALLED_CHECKLISTS "/usr/share/selfcheck/checklists"

#define SYSTEM_CONFIG "/etc/selfcheck/selfcheck.ini"

/* $XDG_x_HOME, or $HOME/fallback, joined with "selfcheck". */
static char *xdg_dir(const char *variable, const char *fallback)
{
    const char *base = getenv(variable);
    char *out = NULL;
    if (base != NULL && base[0] == '/') {
        if (asprintf(&out, "%s/selfcheck", base) < 0)
            return NULL;
        return out;
    }
    const char *home = getenv("HOME");
    if (asprintf(&out, "%s/%s/selfcheck", home && *home ? home : ".", fallback) < 0)
        return NULL;
    return out;
}

char *config_user_path(void)
{
    char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
    if (dir == NULL)
        return NULL;
    char *path = fsutil_join(dir, "selfcheck.ini");
    free(dir);
    return path;
}

char *config_store_path(const config *c)
{
    return fsutil_join(c->data_dir, "selfcheck.db");
}

static int add_grade(config *c, const char *name, double min, const char *zh, const char *en)
{
    grade_level *grown = realloc(c->grades, (c->grade_count + 1) * sizeof *grown);
    if (grown == NULL)
        return -1;
    c->grades = grown;
    grade_level *g = &c->grades[c->grade_count];
    g->name = strdup(name);
    g->label_zh = strdup(zh);
    g->label_en = strdup(en);
    g->min = min;
    if (!g->name || !g->label_zh || !g->label_en) {
        free(g->name);
        free(g->label_zh);
        free(g->label_en);
        return -1;
    }
    c->grade_count++;
    return 0;
}

static void free_grades(config *c)
{
    for (size_t i = 0; i < c->grade_count; i++) {
        free(c->grades[i].name);
        free(c->grades[i].label_zh);
        free(c->grades[i].label_en);
    }
    free(c->grades);
    c->grades = NULL;
    c->grade_count = 0;
}

config *config_defaults(void)
{
    config *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->unit_code = strdup("");
    c->unit_name = strdup("");
    c->assessor = strdup("");
    /* beside the binary: PREFIX/share when installed, build/share in the build tree */
    errno = 0;
    c->checklists = paths_share("selfcheck/checklists");
    /* not found: name where a package puts them; out of memory: fail below */
    if (c->checklists == NULL && errno != ENOMEM)
        c->checklists = strdup(INSTALLED_CHECKLISTS);
    c->data_dir = xdg_dir("XDG_DATA_HOME", ".local/share");
    c->output_dir = c->data_dir ? fsutil_join(c->data_dir, "reports") : NULL;
    c->signing_key = c->data_dir ? fsutil_join(c->data_dir, "unit.key") : NULL;
    c->signing_algo = strdup("sm2");
    c->lang = NULL;   /* not given: the environment decides (config_lang) */
    c->pass_mark = 60;
    c->schedule = (schedule){
        .monthly_due_day = 25,
        .halfyear_due = {{6, 25}, {12, 25}},
        .remediation_days = 30,
    };
    if (!c->unit_code || !c->unit_name || !c->assessor || !c->checklists || !c->data_dir ||
        !c->output_dir || !c->signing_key || !c->signing_algo ||
        add_grade(c, "excellent", 90, "优秀", "Excellent") != 0 ||
        add_grade(c, "good", 80, "良好", "Good") != 0 ||
        add_grade(c, "pass", 60, "合格", "Pass") != 0 ||
        add_grade(c, "fail", 0, "不合格", "Fail") != 0) {
        config_free(c);
        return NULL;
    }
    return c;
}

void config_free(config *c)
{
    if (c == NULL)
        return;
    free(c->path);
    free(c->unit_code);
    free(c->unit_name);
    free(c->assessor);
    free(c->checklists);
    free(c->data_dir);
    free(c->output_dir);
    free(c->signing_key);
    free(c->signing_algo);
    free(c->lang);
    free_grades(c);
    free(c);
}

/* Reading one file: where messages point, and the first problem. */
typedef struct config_reader {
    const char *path;
    char *dir;      /* relative paths in the file are relative to its folder */
    char **err;
    int failed;
} config_reader;

static void fail_at(config_reader *r, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail_at(config_reader *r, int line, const char *fmt, ...)
{
    if (r->failed++)
        return;   /* the first problem is the one reported */
    char *message = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&message, fmt, ap);
    va_end(ap);
    error_set(r->err, "%s:%d: %s", r->path, line, n < 0 ? _("invalid value") : message);
    if (n >= 0)
        free(message);
}

/* Replaces *slot with a copy of value; running out of memory fails the read. */
static void set_string(config_reader *r, int line, char **slot, const char *value)
{
    char *copy = strdup(value);
    if (copy == NULL) {
        fail_at(r, line, _("out of memory"));
        return;
    }
    free(*slot);
    *slot = copy;
}

static void set_path(config_reader *r, int line, char **slot, const char *value)
{
    /* a ':'-separated list of folders: resolve each relative part */
    char *joined = strdup("");
    char *copy = strdup(value), *saveptr = NULL;
    if (joined == NULL || copy == NULL) {
        free(joined);
        free(copy);
        fail_at(r, line, _("out of memory"));
        return;
    }
    for (char *part = strtok_r(copy, ":", &saveptr); part && joined; part = strtok_r(NULL, ":", &saveptr)) {
        char *full = part[0] == '/' ? strdup(part) : fsutil_join(r->dir, part);
        char *next = NULL;
        if (full == NULL || asprintf(&next, "%s%s%s", joined, *joined ? ":" : "", full) < 0)
            next = NULL;
        free(full);
        free(joined);
        joined = next;
    }
    free(copy);
    if (joined == NULL) {
        fail_at(r, line, _("out of memory"));
        return;
    }
    free(*slot);
    *slot = joined;
}

static const char *const known_keys[][8] = {
    {"unit", "code", "name", "assessor", NULL},
    {"paths", "checklists", "data", "output", NULL},
    {"signing", "key", "algo", NULL},
    {"ui", "lang", "ambiguous", NULL},
    {"schedule", "monthly_due_day", "halfyear_due", "remediation_days", NULL},
};

static void check_known(config_reader *r, const ini_file *f)
{
    for (size_t i = 0; i < f->count; i++) {
        const ini_section *s = &f->sections[i];
        if (strcmp(s->name, "grades") == 0)
            continue;   /* any key there names a grade */
        const char *const *keys = NULL;
        for (size_t k = 0; k < sizeof known_keys / sizeof known_keys[0]; k++)
            if (strcmp(known_keys[k][0], s->name) == 0)
                keys = known_keys[k] + 1;
        if (keys == NULL) {
            fail_at(r, s->line, _("unknown section [%s]"), s->name);
            continue;
        }
        for (size_t k = 0; k < s->key_count; k++) {
            bool known = false;
            for (const char *const *name = keys; *name; name++)
                if (strcmp(*name, s->keys[k].name) == 0)
                    known = true;
            if (!known)
                fail_at(r, s->keys[k].line, _("unknown key '%s' in [%s]"), s->keys[k].name, s->name);
        }
    }
}

static int compare_grades(const void *a, const void *b)
{
    double x = ((const grade_level *)a)->min, y = ((const grade_level *)b)->min;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* [grades]: pass_mark = N, and NAME = MIN, 中文, English for each grade. */
static void read_grades(config_reader *r, config *c, const ini_section *s)
{
    bool any_level = false;
    for (size_t k = 0; k < s->key_count; k++) {
        const ini_key *key = &s->keys[k];
        if (strcmp(key->name, "pass_mark") == 0) {
            if (!number_parse_real(key->value, &c->pass_mark) || c->pass_mark < 0 || c->pass_mark > 100)
                fail_at(r, key->line, _("pass_mark must be a number from 0 to 100, not '%s'"), key->value);
            continue;
        }
        if (!any_level) {
            free_grades(c);   /* the file's grades replace the built-in ones */
            any_level = true;
        }
        /* exactly three comma-separated fields: anything more is an error,
         * never silently dropped */
        char *copy = strdup(key->value);
        if (copy == NULL) {
            fail_at(r, key->line, _("out of memory"));
            return;
        }
        char *parts[4] = {NULL, NULL, NULL, NULL};
        int n = 0;
        for (char *p = copy; p != NULL && n < 4;) {
            char *comma = strchr(p, ',');
            if (comma)
                *comma = '\0';
            while (*p == ' ')
                p++;
            char *end = p + strlen(p);
            while (end > p && end[-1] == ' ')
                *--end = '\0';
            parts[n++] = p;
            p = comma ? comma + 1 : NULL;
        }
        double min;
        if (n != 3 || !number_parse_real(parts[0], &min) || min < 0 || min > 100 || *parts[1] == '\0' ||
            *parts[2] == '\0')
            fail_at(r, key->line, _("grade '%s' must read 'MIN, 中文名, English name' with MIN from 0 to 100"),
                    key->name);
        else if (add_grade(c, key->name, min, parts[1], parts[2]) != 0)
            fail_at(r, key->line, _("out of memory"));
        free(copy);
    }
    if (any_level && r->failed == 0) {
        qsort(c->grades, c->grade_count, sizeof *c->grades, compare_grades);
        if (c->grade_count == 0 || c->grades[c->grade_count - 1].min != 0)
            fail_at(r, s->line, _("[grades] needs a lowest grade with minimum 0, so every score has a grade"));
        for (size_t i = 1; i < c->grade_count; i++)
            if (c->grades[i].min == c->grades[i - 1].min)
                fail_at(r, s->line, _("grades '%s' and '%s' have the same minimum"), c->grades[i - 1].name,
                        c->grades[i].name);
    }
}

static void read_schedule(config_reader *r, config *c, const ini_section *s)
{
    long n;
    const char *v;
    if ((v = ini_get(s, "monthly_due_day")) != NULL) {
        if (!number_parse_whole(v, 1, 28, &n))
            fail_at(r, ini_line(s, "monthly_due_day"), _("monthly_due_day must be a day from 1 to 28, not '%s'"), v);
        else
            c->schedule.monthly_due_day = (int)n;
    }
    if ((v = ini_get(s, "remediation_days")) != NULL) {
        if (!number_parse_whole(v, 1, 3650, &n))
            fail_at(r, ini_line(s, "remediation_days"), _("remediation_days must be from 1 to 3650, not '%s'"), v);
        else
            c->schedule.remediation_days = (int)n;
    }
    if ((v = ini_get(s, "halfyear_due")) != NULL) {
        int m1, d1, m2, d2, end = 0;
        if (sscanf(v, "%2d-%2d , %2d-%2d%n", &m1, &d1, &m2, &d2, &end) != 4 || v[end] != '\0' ||
            m1 < 1 || m1 > 6 || m2 < 7 || m2 > 12 ||
            !date_valid((civil_date){2001, m1, d1}) || !date_valid((civil_date){2001, m2, d2}))
            fail_at(r, ini_line(s, "halfyear_due"),
                    _("halfyear_due must read 'MM-DD, MM-DD' (a day in the first half, one in the second), not '%s'"), v);
        else {
            c->schedule.halfyear_due[0][0] = m1;
            c->schedule.halfyear_due[0][1] = d1;
            c->schedule.halfyear_due[1][0] = m2;
            c->schedule.halfyear_due[1][1] = d2;
        }
    }
}

static int read_file(config *c, const char *path, char **err)
{
    diag_list diags;
    diag_list_init(&diags);
    ini_file *f;
    if (ini_file_read(path, &f, &diags) != 0) {
        char *first = diags.count ? diag_format(&diags.items[0]) : NULL;
        error_set(err, "%s", first ? first : path);
        free(first);
        diag_list_clear(&diags);
        return -1;
    }
    diag_list_clear(&diags);
    config_reader r = {.path = path, .err = err};
    const char *slash = strrchr(path, '/');
    r.dir = slash == path ? strdup("/") : slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (r.dir == NULL) {
        ini_file_free(f);
        return error_set(err, _("%s: out of memory"), path);
    }
    check_known(&r, f);
    const ini_section *s;
    const char *v;
    if ((s = ini_find_section(f, "unit")) != NULL) {
        if ((v = ini_get(s, "code")) != NULL) {
            /* empty means not set yet, as the first run leaves it */
            if (*v != '\0' && !ident_unit_code_valid(v))
                fail_at(&r, ini_line(s, "code"), _("unit code '%s' must be 1 to %d letters, digits, '-' or '_'"),
                        v, IDENT_UNIT_CODE_MAX);
            else
                set_string(&r, ini_line(s, "code"), &c->unit_code, v);
        }
        if ((v = ini_get(s, "name")) != NULL)
            set_string(&r, ini_line(s, "name"), &c->unit_name, v);
        if ((v = ini_get(s, "assessor")) != NULL)
            set_string(&r, ini_line(s, "assessor"), &c->assessor, v);
    }
    if ((s = ini_find_section(f, "paths")) != NULL) {
        const char *keys[] = {"checklists", "data", "output"};
        char **slots[] = {&c->checklists, &c->data_dir, &c->output_dir};
        for (int i = 0; i < 3; i++)
            if ((v = ini_get(s, keys[i])) != NULL) {
                if (*v == '\0')
                    fail_at(&r, ini_line(s, keys[i]), _("%s must not be empty"), keys[i]);
                else
                    set_path(&r, ini_line(s, keys[i]), slots[i], v);
            }
        /* the output folder and the key live under the data folder unless
         * they are set themselves */
        if (ini_get(s, "data") != NULL && *ini_get(s, "data") != '\0') {
            if (ini_get(s, "output") == NULL) {
                char *derived = fsutil_join(c->data_dir, "reports");
                if (derived == NULL)
                    fail_at(&r, ini_line(s, "data"), _("out of memory"));
                else {
                    free(c->output_dir);
                    c->output_dir = derived;
                }
            }
            const ini_section *signing = ini_find_section(f, "signing");
            if (signing == NULL || ini_get(signing, "key") == NULL) {
                char *derived = fsutil_join(c->data_dir, "unit.key");
                if (derived == NULL)
                    fail_at(&r, ini_line(s, "data"), _("out of memory"));
                else {
                    free(c->signing_key);
                    c->signing_key = derived;
                }
            }
        }
    }
    if ((s = ini_find_section(f, "signing")) != NULL) {
        if ((v = ini_get(s, "key")) != NULL)
            set_path(&r, ini_line(s, "key"), &c->signing_key, v);
        if ((v = ini_get(s, "algo")) != NULL) {
            if (strcmp(v, "sm2") != 0 && strcmp(v, "ed25519") != 0)
                fail_at(&r, ini_line(s, "algo"), _("algo must be 'sm2' or 'ed25519', not '%s'"), v);
            else
                set_string(&r, ini_line(s, "algo"), &c->signing_algo, v);
        }
    }
    if ((s = ini_find_section(f, "ui")) != NULL && (v = ini_get(s, "lang")) != NULL) {
        if (*v == '\0' || strcmp(v, "unset") == 0) {
            /* a later file may take back what an earlier one gave */
            free(c->lang);
            c->lang = NULL;
        } else if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0)
            fail_at(&r, ini_line(s, "lang"), _("lang must be 'zh' or 'en' (or 'unset'), not '%s'"), v);
        else
            set_string(&r, ini_line(s, "lang"), &c->lang, v);
    }
    if (s != NULL && (v = ini_get(s, "ambiguous")) != NULL) {
        if (strcmp(v, "wide") != 0 && strcmp(v, "narrow") != 0)
            fail_at(&r, ini_line(s, "ambiguous"), _("ambiguous must be 'wide' or 'narrow', not '%s'"), v);
        else
            c->ambiguous_wide = strcmp(v, "wide") == 0;
    }
    if ((s = ini_find_section(f, "grades")) != NULL)
        read_grades(&r, c, s);
    if ((s = ini_find_section(f, "schedule")) != NULL)
        read_schedule(&r, c, s);
    free(r.dir);
    ini_file_free(f);
    if (r.failed)
        return -1;
    char *copy = strdup(path);
    if (copy == NULL)
        return error_set(err, _("%s: out of memory"), path);
    free(c->path);
    c->path = copy;
    return 0;
}

int config_load(const char *explicit_path, config **out, char **err)
{
    *out = NULL;
    config *c = config_defaults();
    if (c == NULL)
        return error_set(err, _("out of memory"));
    const char *path = explicit_path;
    char *user = NULL;
    if (path == NULL) {
        user = config_user_path();
        if (user != NULL && fsutil_exists(user))
            path = user;
        else if (fsutil_exists(SYSTEM_CONFIG))
            path = SYSTEM_CONFIG;
    }
    /* an explicit file must exist; the others are optional */
    if (path != NULL && read_file(c, path, err) != 0) {
        free(user);
        config_free(c);
        return -1;
    }
    free(user);
    *out = c;
    return 0;
}

const grade_level *config_grade_for(const config *c, double percent)
{
    double rounded = round(percent * 10.0) / 10.0;
    for (size_t i = 0; i < c->grade_count; i++)
        if (rounded >= c->grades[i].min)
            return &c->grades[i];
    return c->grade_count ? &c->grades[c->grade_count - 1] : NULL;
}

const char *config_lang(const config *c)
{
    if (c != NULL && c->lang != NULL)
        return strcmp(c->lang, "en") == 0 ? "en" : "zh";
    return i18n_env_lang();
}

const char *grade_label(const grade_level *g, const char *lang)
{
    if (g == NULL)
        return "-";
    return lang && strcmp(lang, "en") == 0 ? g->label_en : g->label_zh;
}

/* What emit and emit_line return besides 0 (or-ed together by config_save). */
enum { EMIT_UNQUOTABLE = 1, EMIT_NOMEM = 2 };

/* Appends "key = value" with the value quoted as iniparser needs. Once *buf
 * is NULL (memory ran out), does nothing. */
static int emit(char **buf, const char *key, const char *value)
{
    if (*buf == NULL)
        return EMIT_NOMEM;
    const char *v = value ? value : "";
    if (!ini_quotable(v))
        return EMIT_UNQUOTABLE;
    char *quoted = ini_quote(v);
    if (quoted == NULL)
        return EMIT_NOMEM;
    char *next = NULL;
    int n = asprintf(&next, "%s%s = %s\n", *buf, key, quoted);
    free(quoted);
    if (n < 0)
        return EMIT_NOMEM;
    free(*buf);
    *buf = next;
    return 0;
}

static int emit_line(char **buf, const char *text)
{
    char *next = NULL;
    if (*buf == NULL || asprintf(&next, "%s%s\n", *buf, text) < 0)
        return EMIT_NOMEM;
    free(*buf);
    *buf = next;
    return 0;
}

/* Sets *slot to value and keeps it: in the file the config was read from
 * (that one line), or as a whole new file at new_path. */
static int keep_value(config *c, char **slot, const char *section, const char *key, const char *value,
                      const char *new_path, char **err)
{
    char *copy = strdup(value);
    if (copy == NULL)
        return error_set(err, _("out of memory"));
    free(*slot);
    *slot = copy;
    if (c->path != NULL)
        return ini_file_set(c->path, section, key, value, err);
    if (new_path == NULL)
        return error_set(err, _("there is no settings file to keep [%s] %s in"), section, key);
    char *path = strdup(new_path);
    if (path == NULL)
        return error_set(err, _("out of memory"));
    if (config_save(c, path, err) != 0) {
        free(path);
        return -1;
    }
    c->path = path;   /* from now on values are changed in that file */
    return 0;
}

int config_save_lang(config *c, const char *lang, const char *new_path, char **err)
{
    if (lang == NULL || (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0))
        return error_set(err, _("lang must be 'zh' or 'en', not '%s'"), lang ? lang : "");
    return keep_value(c, &c->lang, "ui", "lang", lang, new_path, err);
}

int config_save_output(config *c, const char *dir, const char *new_path, char **err)
{
    if (dir == NULL || *dir == '\0')
        return error_set(err, _("the export folder is empty"));
    return keep_value(c, &c->output_dir, "paths", "output", dir, new_path, err);
}

int config_save(const config *c, const char *path, char **err)
{
    char *buf = strdup("; selfcheck configuration (docs/configuration.md)\n");
    char number[64];
    int rc = buf ? 0 : EMIT_NOMEM;
    rc |= emit_line(&buf, "\n[unit]");
    rc |= emit(&buf, "code", c->unit_code);
    rc |= emit(&buf, "name", c->unit_name);
    rc |= emit(&buf, "assessor", c->assessor);
    rc |= emit_line(&buf, "\n[paths]");
    rc |= emit(&buf, "checklists", c->checklists);
    rc |= emit(&buf, "data", c->data_dir);
    rc |= emit(&buf, "output", c->output_dir);
    rc |= emit_line(&buf, "\n[signing]");
    rc |= emit(&buf, "key", c->signing_key);
    rc |= emit(&buf, "algo", c->signing_algo);
    rc |= emit_line(&buf, "\n[ui]");
    if (c->lang != NULL)   /* not given stays not given */
        rc |= emit(&buf, "lang", c->lang);
    if (c->ambiguous_wide)
        rc |= emit(&buf, "ambiguous", "wide");
    rc |= emit_line(&buf, "\n[grades]");
    number_format(number, sizeof number, 6, c->pass_mark);
    rc |= emit(&buf, "pass_mark", number);
    for (size_t i = 0; i < c->grade_count && rc == 0; i++) {
        if (strchr(c->grades[i].label_zh, ',') || strchr(c->grades[i].label_en, ',')) {
            free(buf);
            return error_set(err, _("%s: grade label '%s' contains a comma, which the file cannot hold"), path,
                             strchr(c->grades[i].label_zh, ',') ? c->grades[i].label_zh : c->grades[i].label_en);
        }
        char *value = NULL;
        char min[32];
        number_format(min, sizeof min, 6, c->grades[i].min);
        if (asprintf(&value, "%s, %s, %s", min, c->grades[i].label_zh, c->grades[i].label_en) < 0)
            rc |= EMIT_NOMEM;
        else
            rc |= emit(&buf, c->grades[i].name, value);
        free(value);
    }
    rc |= emit_line(&buf, "\n[schedule]");
    snprintf(number, sizeof number, "%d", c->schedule.monthly_due_day);
    rc |= emit(&buf, "monthly_due_day", number);
    snprintf(number, sizeof number, "%02d-%02d, %02d-%02d", c->schedule.halfyear_due[0][0] % 100,
             c->schedule.halfyear_due[0][1] % 100, c->schedule.halfyear_due[1][0] % 100,
             c->schedule.halfyear_due[1][1] % 100);
    rc |= emit(&buf, "halfyear_due", number);
    snprintf(number, sizeof number, "%d", c->schedule.remediation_days);
    rc |= emit(&buf, "remediation_days", number);
    if (rc != 0) {
        free(buf);
        if (rc & EMIT_NOMEM)
            return error_set(err, _("%s: out of memory"), path);
        return error_set(err, _("%s: a value cannot be written (it holds a line break or both kinds of quote)"), path);
    }
    char *copy = strdup(path);
    if (copy == NULL) {
        free(buf);
        return error_set(err, _("%s: out of memory"), path);
    }
    char *slash = strrchr(copy, '/');
    if (slash != NULL && slash != copy) {
        *slash = '\0';
        if (fsutil_mkdir_p(copy, err) != 0) {
            free(copy);
            free(buf);
            return -1;
        }
    }
    free(copy);
    rc = fsutil_write_atomic(path, buf, strlen(buf), 0644, true, err);
    free(buf);
    return rc;
}
