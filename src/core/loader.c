/* loader.c: reads checklist INI files into the model (see checklist.h and
 * docs/checklist-format.md). The raw-line checks and iniparser itself are in
 * ini.c; this file checks the content: keys, types, thresholds, references. */
#include "checklist.h"
#include "ini.h"
#include "number.h"
#include "printable.h"
#include "fsutil.h"
#include "i18n.h"
#include "ident.h"
#include "show_if.h"
#include "sysattr.h"
#include "i18n.h"
#include "text.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


/* A checklist file is read with a diag_file: its name for messages, where
 * problems go, and how many were found. */
typedef diag_file load_context;

/* A copy of v (NULL for NULL); running out of memory is reported at line,
 * so that the file fails to load rather than load without the text. A
 * control character (an escape sequence, a lone CR) is refused: the text is
 * shown on terminals and written into signed reports. */
static char *dup_text(load_context *cx, int line, const char *v)
{
    if (v == NULL)
        return NULL;
    const char *bad = printable_find_control(v, false);
    if (bad != NULL)
        /* TRANSLATORS: the character's code point (U+001B), then its byte in the value */
        diag_file_report(cx, line, _("a control character (U+%04X) at byte %zu of the value: "
                                     "checklist text may not hold control characters or a lone CR"),
                         printable_control_code(bad), (size_t)(bad - v) + 1);
    char *copy = strdup(v);
    if (copy == NULL)
        diag_file_report(cx, line, _("out of memory"));
    return copy;
}

static char *required_text(load_context *cx, const ini_section *s, const char *key)
{
    const char *v = ini_get(s, key);
    if (v == NULL || *v == '\0') {
        int line = v ? ini_line(s, key) : s->line;
        if (strstr(key, "_zh"))
            diag_file_report(cx, line, _("[%s] needs its Chinese text '%s'"), s->name, key);
        else if (strstr(key, "_en"))
            diag_file_report(cx, line, _("[%s] needs its English text '%s'"), s->name, key);
        else
            diag_file_report(cx, line, _("[%s] needs '%s'"), s->name, key);
        return NULL;
    }
    return dup_text(cx, ini_line(s, key), v);
}

static const char *const checklist_keys[] = {"id", "version", "title_zh", "title_en", NULL};
static const char *const common_item_keys[] = {
    "question_zh", "question_en", "guidance_zh", "guidance_en", "source", "type",
    "profiles", "severity", "weight", "scope", "allow", "show_if", "show_if_unrecorded", "states", NULL};
static const char *const yesno_keys[] = {"partial_score", NULL};
static const char *const number_keys[] = {"min", "max", "better", "full", "partial",
                                          "partial_score", "unit_zh", "unit_en", NULL};
static const char *const date_keys[] = {"max_age_days", "not_before", NULL};
static const char *const choice_keys[] = {"choices", NULL};

static bool in_list(const char *const *list, const char *name)
{
    for (; list && *list; list++)
        if (strcmp(*list, name) == 0)
            return true;
    return false;
}

static void parse_checklist_section(load_context *cx, const ini_section *s, checklist *list)
{
    for (size_t k = 0; k < s->key_count; k++)
        if (!in_list(checklist_keys, s->keys[k].name))
            diag_file_report(cx, s->keys[k].line, _("unknown key '%s' in [checklist]"), s->keys[k].name);
    const char *id = ini_get(s, "id");
    if (id == NULL)
        diag_file_report(cx, s->line, _("[checklist] needs 'id'"));
    else if (!ident_name_valid(id))
        diag_file_report(cx, ini_line(s, "id"), _("checklist id '%s' must be lower-case letters, digits and '-'"), id);
    else {
        list->id = dup_text(cx, ini_line(s, "id"), id);
        list->id_line = ini_line(s, "id");
    }
    long version;
    const char *v = ini_get(s, "version");
    if (v == NULL)
        diag_file_report(cx, s->line, _("[checklist] needs 'version'"));
    else if (!number_parse_whole(v, 1, 1000000, &version))
        diag_file_report(cx, ini_line(s, "version"), _("version '%s' must be a whole number from 1"), v);
    else
        list->version = (int)version;
    list->title_zh = required_text(cx, s, "title_zh");
    list->title_en = required_text(cx, s, "title_en");
}

static const item *earlier_item(const checklist *list, size_t before, const char *id)
{
    for (size_t i = 0; i < before; i++)
        if (list->items[i].id && strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    return NULL;
}

static double default_weight(severity s)
{
    switch (s) {
    case SEVERITY_CRITICAL: return 4;
    case SEVERITY_HIGH: return 3;
    case SEVERITY_MEDIUM: return 2;
    case SEVERITY_LOW: return 1;
    }
    return 1;
}

static void parse_choices(load_context *cx, const ini_section *s, item *it)
{
    const char *v = ini_get(s, "choices");
    if (v == NULL) {
        diag_file_report(cx, s->line, _("[%s] is a choice item and needs 'choices'"), s->name);
        return;
    }
    char **words;
    long count = text_split_list(v, &words);
    if (count < 2) {
        diag_file_report(cx, ini_line(s, "choices"), _("'choices' needs at least two comma-separated values"));
        if (count > 0)
            text_words_free(words, count);
        return;
    }
    it->choices = calloc((size_t)count, sizeof *it->choices);
    if (it->choices == NULL) {
        diag_file_report(cx, ini_line(s, "choices"), _("out of memory"));
        text_words_free(words, count);
        return;
    }
    bool some_full = false;
    for (long i = 0; i < count; i++) {
        choice *c = &it->choices[it->choice_count++];
        c->key = words[i];
        words[i] = NULL;
        if (!ident_name_valid(c->key) || strcmp(c->key, "na") == 0) {
            if (strcmp(c->key, "na") == 0)
                diag_file_report(cx, ini_line(s, "choices"), "%s",
                                 _("choice 'na' is reserved: use allow = na for 'not applicable'"));
            else
                diag_file_report(cx, ini_line(s, "choices"),
                                 _("choice '%s' must be lower-case letters, digits and '-'"), c->key);
            continue;
        }
        for (long j = 0; j < i; j++)
            if (strcmp(it->choices[j].key, c->key) == 0)
                diag_file_report(cx, ini_line(s, "choices"), _("choice '%s' listed twice"), c->key);
        char key[IDENT_NAME_MAX + 32];
        snprintf(key, sizeof key, "choice.%s.score", c->key);
        const char *score = ini_get(s, key);
        if (score == NULL)
            diag_file_report(cx, s->line, _("[%s] needs '%s'"), s->name, key);
        else if (!number_parse_real(score, &c->score) || c->score < 0 || c->score > 1)
            diag_file_report(cx, ini_line(s, key), _("'%s' must be a number from 0 to 1"), key);
        else if (c->score == 1)
            some_full = true;
        snprintf(key, sizeof key, "choice.%s.zh", c->key);
        c->label_zh = required_text(cx, s, key);
        snprintf(key, sizeof key, "choice.%s.en", c->key);
        c->label_en = required_text(cx, s, key);
    }
    free(words);
    if (!some_full)
        diag_file_report(cx, ini_line(s, "choices"), _("no choice scores 1: the item could never reach full score"));
}

/* Keys of the form choice.KEY.{score,zh,en} must name a listed choice. */
static bool known_choice_key(const item *it, const char *name)
{
    if (strncmp(name, "choice.", 7) != 0)
        return false;
    const char *key = name + 7;
    const char *dot = strrchr(key, '.');
    if (dot == NULL || (strcmp(dot, ".score") != 0 && strcmp(dot, ".zh") != 0 && strcmp(dot, ".en") != 0))
        return false;
    for (size_t i = 0; i < it->choice_count; i++)
        if (strlen(it->choices[i].key) == (size_t)(dot - key) &&
            strncmp(it->choices[i].key, key, (size_t)(dot - key)) == 0)
            return true;
    return false;
}

static void parse_number_item(load_context *cx, const ini_section *s, item *it)
{
    const char *names[] = {"min", "max", "full"};
    double *slots[] = {&it->number_min, &it->number_max, &it->number_full};
    bool ok = true;
    for (int i = 0; i < 3; i++) {
        const char *v = ini_get(s, names[i]);
        if (v == NULL) {
            diag_file_report(cx, s->line, _("[%s] is a number item and needs '%s'"), s->name, names[i]);
            ok = false;
        } else if (!number_parse_real(v, slots[i])) {
            diag_file_report(cx, ini_line(s, names[i]), _("'%s' must be a number, not '%s'"), names[i], v);
            ok = false;
        }
    }
    const char *better = ini_get(s, "better");
    it->direction = NUMBER_LOWER_IS_BETTER;
    if (better != NULL) {
        if (strcmp(better, "higher") == 0)
            it->direction = NUMBER_HIGHER_IS_BETTER;
        else if (strcmp(better, "lower") != 0) {
            diag_file_report(cx, ini_line(s, "better"), _("'better' must be 'lower' or 'higher', not '%s'"), better);
            ok = false;
        }
    }
    const char *partial = ini_get(s, "partial");
    bool has_partial = partial != NULL;
    it->number_partial = it->number_full;
    if (has_partial && !number_parse_real(partial, &it->number_partial)) {
        diag_file_report(cx, ini_line(s, "partial"), _("'partial' must be a number, not '%s'"), partial);
        ok = false;
    }
    if (ini_get(s, "partial_score") != NULL && !has_partial)
        diag_file_report(cx, ini_line(s, "partial_score"), _("'partial_score' needs a 'partial' threshold"));
    if (!ok)
        return;
    if (it->number_min >= it->number_max)
        diag_file_report(cx, ini_line(s, "max"), _("bad threshold: 'min' (%g) must be below 'max' (%g)"),
               it->number_min, it->number_max);
    else if (it->direction == NUMBER_LOWER_IS_BETTER &&
             !(it->number_min <= it->number_full && it->number_full <= it->number_partial &&
               it->number_partial <= it->number_max))
        diag_file_report(cx, ini_line(s, has_partial ? "partial" : "full"),
               _("bad threshold: with better = lower, need min <= full <= partial <= max "
               "(have %g, %g, %g, %g)"), it->number_min, it->number_full, it->number_partial, it->number_max);
    else if (it->direction == NUMBER_HIGHER_IS_BETTER &&
             !(it->number_min <= it->number_partial && it->number_partial <= it->number_full &&
               it->number_full <= it->number_max))
        diag_file_report(cx, ini_line(s, has_partial ? "partial" : "full"),
               _("bad threshold: with better = higher, need min <= partial <= full <= max "
               "(have %g, %g, %g, %g)"), it->number_min, it->number_partial, it->number_full, it->number_max);
    const char *uz = ini_get(s, "unit_zh"), *ue = ini_get(s, "unit_en");
    if ((uz == NULL) != (ue == NULL))
        diag_file_report(cx, ini_line(s, uz ? "unit_zh" : "unit_en"), _("give both 'unit_zh' and 'unit_en', or neither"));
    it->unit_zh = dup_text(cx, s->line, uz ? uz : "");
    it->unit_en = dup_text(cx, s->line, ue ? ue : "");
}

static void parse_date_item(load_context *cx, const ini_section *s, const checklist *list,
                            size_t index, item *it)
{
    const char *age = ini_get(s, "max_age_days");
    long days;
    if (age != NULL) {
        if (!number_parse_whole(age, 1, 100000, &days))
            diag_file_report(cx, ini_line(s, "max_age_days"), _("'max_age_days' must be a whole number from 1, not '%s'"), age);
        else
            it->max_age_days = (int)days;
    }
    const char *before = ini_get(s, "not_before");
    if (before != NULL) {
        const item *other = earlier_item(list, index, before);
        if (other == NULL)
            diag_file_report(cx, ini_line(s, "not_before"), _("'not_before' names '%s', which is not an earlier item of this file"), before);
        else if (other->type != ANSWER_DATE)
            diag_file_report(cx, ini_line(s, "not_before"), _("'not_before' names '%s', which is not a date item"), before);
        else if (other->scope == SCOPE_SYSTEM && it->scope == SCOPE_UNIT)
            diag_file_report(cx, ini_line(s, "not_before"), _("a unit item cannot be compared with the per-system item '%s'"), before);
        else
            it->not_before = dup_text(cx, ini_line(s, "not_before"), before);
    }
    if (age == NULL && before == NULL)
        diag_file_report(cx, s->line, _("[%s] is a date item and needs 'max_age_days' or 'not_before'"), s->name);
}

static void parse_item(load_context *cx, const ini_section *s, checklist *list, size_t index)
{
    item *it = &list->items[index];
    it->line = s->line;
    const char *id = s->name + strlen("item.");
    if (!ident_name_valid(id))
        diag_file_report(cx, s->line, _("item id '%s' must be lower-case letters, digits and '-'"), id);
    it->id = dup_text(cx, s->line, id);
    it->question_zh = required_text(cx, s, "question_zh");
    it->question_en = required_text(cx, s, "question_en");
    const char *gz = ini_get(s, "guidance_zh"), *ge = ini_get(s, "guidance_en");
    if ((gz == NULL || *gz == '\0') != (ge == NULL || *ge == '\0'))
        diag_file_report(cx, ini_line(s, gz && *gz ? "guidance_zh" : "guidance_en"),
               gz && *gz ? _("[%s] has guidance in Chinese only: give both 'guidance_zh' and 'guidance_en'")
                         : _("[%s] has guidance in English only: give both 'guidance_zh' and 'guidance_en'"),
               s->name);
    it->guidance_zh = dup_text(cx, s->line, gz ? gz : "");
    it->guidance_en = dup_text(cx, s->line, ge ? ge : "");
    it->source = required_text(cx, s, "source");

    const char *type = ini_get(s, "type");
    bool type_known = true;
    if (type == NULL) {
        diag_file_report(cx, s->line, _("[%s] needs 'type' (yesno, choice, number, date or text)"), s->name);
        type_known = false;
    } else if (strcmp(type, "yesno") == 0) it->type = ANSWER_YESNO;
    else if (strcmp(type, "choice") == 0) it->type = ANSWER_CHOICE;
    else if (strcmp(type, "number") == 0) it->type = ANSWER_NUMBER;
    else if (strcmp(type, "date") == 0) it->type = ANSWER_DATE;
    else if (strcmp(type, "text") == 0) it->type = ANSWER_TEXT;
    else {
        diag_file_report(cx, ini_line(s, "type"), _("unknown type '%s' (yesno, choice, number, date or text)"), type);
        type_known = false;
    }

    const char *profiles = ini_get(s, "profiles");
    if (profiles == NULL) {
        diag_file_report(cx, s->line, _("[%s] needs 'profiles' (monthly, halfyear, change)"), s->name);
    } else {
        char **words;
        long count = text_split_list(profiles, &words);
        if (count < 1)
            diag_file_report(cx, ini_line(s, "profiles"), _("'profiles' has an empty entry"));
        for (long i = 0; i < count; i++) {
            profile p;
            if (profile_parse(words[i], &p) != 0)
                diag_file_report(cx, ini_line(s, "profiles"), _("unknown profile '%s' (monthly, halfyear, change)"), words[i]);
            else
                it->profiles |= (unsigned)p;
        }
        if (count > 0)
            text_words_free(words, count);
    }

    const char *scope_v = ini_get(s, "scope");
    it->scope = SCOPE_UNIT;
    if (scope_v != NULL) {
        if (strcmp(scope_v, "system") == 0)
            it->scope = SCOPE_SYSTEM;
        else if (strcmp(scope_v, "unit") != 0)
            diag_file_report(cx, ini_line(s, "scope"), _("'scope' must be 'unit' or 'system', not '%s'"), scope_v);
    }

    bool scored = !type_known || it->type != ANSWER_TEXT;
    /* weight = 0 marks a yesno or choice question that only decides which
     * items follow: asked and recorded, never scored */
    const char *weight = ini_get(s, "weight");
    double weight_value = 0;
    bool weight_ok = weight != NULL && number_parse_real(weight, &weight_value) && weight_value >= 0 &&
                     weight_value <= 100;
    bool steering = weight_ok && weight_value == 0;
    if (steering && type_known && it->type != ANSWER_YESNO && it->type != ANSWER_CHOICE) {
        diag_file_report(cx, ini_line(s, "weight"), _("only yesno and choice items may have weight 0"));
        steering = false;
    }
    const char *sev = ini_get(s, "severity");
    it->severity = SEVERITY_LOW;
    if (sev == NULL) {
        if (scored && !steering)
            diag_file_report(cx, s->line, _("[%s] needs 'severity' (critical, high, medium or low)"), s->name);
    } else if (!scored) {
        diag_file_report(cx, ini_line(s, "severity"), _("a text item is not scored: remove 'severity'"));
    } else if (severity_parse(sev, &it->severity) != 0)
        diag_file_report(cx, ini_line(s, "severity"), _("unknown severity '%s' (critical, high, medium or low)"), sev);

    it->weight = scored ? default_weight(it->severity) : 0;
    if (weight != NULL) {
        if (!scored)
            diag_file_report(cx, ini_line(s, "weight"), _("a text item is not scored: remove 'weight'"));
        else if (!weight_ok)
            diag_file_report(cx, ini_line(s, "weight"), _("'weight' must be a number from 0 to 100, not '%s'"), weight);
        else
            it->weight = weight_value;
    }

    const char *allow = ini_get(s, "allow");
    if (allow != NULL) {
        char **words;
        long count = text_split_list(allow, &words);
        if (count < 1)
            diag_file_report(cx, ini_line(s, "allow"), _("'allow' has an empty entry"));
        for (long i = 0; i < count; i++) {
            if (strcmp(words[i], "na") == 0 && scored)
                it->allow_na = true;
            else if (strcmp(words[i], "partial") == 0 && type_known && it->type == ANSWER_YESNO)
                it->allow_partial = true;
            else if (strcmp(words[i], "never") == 0 && type_known &&
                     (it->type == ANSWER_DATE || it->type == ANSWER_NUMBER))
                it->allow_never = true;
            else if (strcmp(words[i], "scheduled") == 0 && type_known && it->type == ANSWER_DATE)
                it->allow_scheduled = true;
            else
                diag_file_report(cx, ini_line(s, "allow"), _("'allow = %s' does not apply to a %s item"), words[i],
                       type_known ? answer_type_name(it->type) : "");
        }
        if (count > 0)
            text_words_free(words, count);
    }

    it->partial_score = 0.5;
    const char *ps = ini_get(s, "partial_score");
    if (ps != NULL && (!number_parse_real(ps, &it->partial_score) || it->partial_score <= 0 || it->partial_score >= 1))
        diag_file_report(cx, ini_line(s, "partial_score"), _("'partial_score' must be a number between 0 and 1 (exclusive)"));
    if (ps != NULL && type_known && it->type == ANSWER_YESNO && !it->allow_partial)
        diag_file_report(cx, ini_line(s, "partial_score"), _("'partial_score' needs 'allow = partial'"));

    if (type_known) {
        switch (it->type) {
        case ANSWER_CHOICE: parse_choices(cx, s, it); break;
        case ANSWER_NUMBER: parse_number_item(cx, s, it); break;
        case ANSWER_DATE: parse_date_item(cx, s, list, index, it); break;
        case ANSWER_YESNO:
        case ANSWER_TEXT: break;
        }
        const char *const *extra = it->type == ANSWER_YESNO ? yesno_keys
                                 : it->type == ANSWER_NUMBER ? number_keys
                                 : it->type == ANSWER_DATE ? date_keys
                                 : it->type == ANSWER_CHOICE ? choice_keys : NULL;
        for (size_t k = 0; k < s->key_count; k++) {
            const char *name = s->keys[k].name;
            if (in_list(common_item_keys, name) || in_list(extra, name) ||
                (it->type == ANSWER_CHOICE && known_choice_key(it, name)))
                continue;
            bool elsewhere = in_list(yesno_keys, name) || in_list(number_keys, name) ||
                             in_list(date_keys, name) || in_list(choice_keys, name) ||
                             strncmp(name, "choice.", 7) == 0;
            if (elsewhere)
                diag_file_report(cx, s->keys[k].line, _("key '%s' does not apply to a %s item"), name,
                       answer_type_name(it->type));
            else
                diag_file_report(cx, s->keys[k].line, _("unknown key '%s'"), name);
        }
    } else {
        /* without a known type, a key that no type takes is named too, so
         * that a misspelt one ("typ") is seen beside the missing 'type' */
        for (size_t k = 0; k < s->key_count; k++) {
            const char *name = s->keys[k].name;
            if (!in_list(common_item_keys, name) && !in_list(yesno_keys, name) && !in_list(number_keys, name)
                && !in_list(date_keys, name) && !in_list(choice_keys, name) && strncmp(name, "choice.", 7) != 0)
                diag_file_report(cx, s->keys[k].line, _("unknown key '%s'"), name);
        }
    }
    show_if_parse(cx, s, list, index, it);
    show_if_parse_states(cx, s, it);
}

int checklist_load_file(const char *path, checklist **out, diag_list *diags)
{
    *out = NULL;
    ini_file *ini;
    if (ini_file_read(path, &ini, diags) != 0)
        return -1;
    load_context cx = {.path = path, .diags = diags};
    checklist *list = calloc(1, sizeof *list);
    size_t item_sections = 0;
    for (size_t i = 0; i < ini->count; i++)
        if (strncmp(ini->sections[i].name, "item.", 5) == 0)
            item_sections++;
    if (list == NULL || (list->path = strdup(path)) == NULL ||
        (list->items = calloc(item_sections ? item_sections : 1, sizeof *list->items)) == NULL) {
        diag_file_report(&cx, 0, _("out of memory"));
        checklist_free(list);
        ini_file_free(ini);
        return -1;
    }
    const ini_section *header = NULL;
    for (size_t i = 0; i < ini->count; i++) {
        const ini_section *s = &ini->sections[i];
        if (strcmp(s->name, "checklist") == 0) {
            header = s;
            parse_checklist_section(&cx, s, list);
        } else if (strncmp(s->name, "item.", 5) == 0) {
            size_t index = list->item_count++;
            parse_item(&cx, s, list, index);
        } else {
            diag_file_report(&cx, s->line, _("unknown section [%s] (expected [checklist] or [item.ID])"), s->name);
        }
    }
    if (header == NULL)
        diag_file_report(&cx, 0, _("no [checklist] section"));
    if (list->item_count == 0)
        diag_file_report(&cx, 0, _("no [item.ID] sections: a checklist needs at least one item"));
    if (cx.errors > 0 && show_if_report_loops(&cx, ini) != 0)
        diag_file_report(&cx, 0, _("out of memory"));
    ini_file_free(ini);
    if (cx.errors > 0) {
        checklist_free(list);
        return -1;
    }
    *out = list;
    return 0;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with_ini(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".ini") == 0;
}

/* Says that memory ran out (as far as that can still be said). Returns -1. */
static int out_of_memory(diag_list *diags, const char *path)
{
    diag_add(diags, path, 0, _("out of memory"));
    return -1;
}

/* Appends the files named by one PATH (a file, or a folder's *.ini in name order). */
static int collect_files(const char *path, char ***files, size_t *count, diag_list *diags)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_add(diags, path, 0, "%s", i18n_strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        char **grown = realloc(*files, (*count + 1) * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(diags, path);
        *files = grown;
        if (((*files)[*count] = strdup(path)) == NULL)
            return out_of_memory(diags, path);
        (*count)++;
        return 0;
    }
    DIR *dir = opendir(path);
    if (dir == NULL) {
        diag_add(diags, path, 0, "%s", i18n_strerror(errno));
        return -1;
    }
    size_t first = *count;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' || !ends_with_ini(entry->d_name))
            continue;
        char **grown = realloc(*files, (*count + 1) * sizeof *grown);
        if (grown == NULL || (grown[*count] = fsutil_join(path, entry->d_name)) == NULL) {
            if (grown != NULL)
                *files = grown;
            closedir(dir);
            return out_of_memory(diags, path);
        }
        *files = grown;
        (*count)++;
    }
    closedir(dir);
    if (*count == first) {
        diag_add(diags, path, 0, _("no *.ini checklist files in this folder"));
        return -1;
    }
    qsort(*files + first, *count - first, sizeof **files, compare_strings);
    return 0;
}

int checklist_set_load(const char *const *paths, size_t path_count,
                       checklist_set **out, diag_list *diags)
{
    *out = NULL;
    char **files = NULL;
    size_t file_count = 0;
    bool failed = false;
    for (size_t i = 0; i < path_count; i++) {
        /* a configured path may list several folders separated by ':' */
        char *copy = strdup(paths[i]);
        if (copy == NULL) {
            failed = true;
            out_of_memory(diags, paths[i]);
            break;
        }
        char *saveptr = NULL;
        for (char *part = strtok_r(copy, ":", &saveptr); part; part = strtok_r(NULL, ":", &saveptr))
            if (collect_files(part, &files, &file_count, diags) != 0)
                failed = true;
        free(copy);
    }
    checklist_set *set = calloc(1, sizeof *set);
    if (set != NULL && (set->lists = calloc(file_count ? file_count : 1, sizeof *set->lists)) == NULL) {
        free(set);
        set = NULL;
    }
    if (set == NULL) {
        for (size_t i = 0; i < file_count; i++)
            free(files[i]);
        free(files);
        return out_of_memory(diags, NULL);
    }
    for (size_t i = 0; i < file_count; i++) {
        checklist *list;
        if (checklist_load_file(files[i], &list, diags) != 0) {
            failed = true;
            continue;
        }
        for (size_t j = 0; j < set->count; j++)
            if (strcmp(set->lists[j].id, list->id) == 0) {
                diag_add(diags, files[i], list->id_line, _("checklist id '%s' is also used by %s"), list->id,
                         set->lists[j].path);
                failed = true;
            }
        /* Item ids are unique across the set, so that a finding named by its
         * item id alone is never ambiguous. */
        for (size_t k = 0; k < list->item_count; k++)
            for (size_t j = 0; j < set->count; j++)
                if (checklist_find_item(&set->lists[j], list->items[k].id) != NULL) {
                    diag_add(diags, files[i], list->items[k].line,
                             _("item id '%s' is also used in %s"), list->items[k].id, set->lists[j].path);
                    failed = true;
                }
        set->lists[set->count++] = *list;
        free(list);
    }
    for (size_t i = 0; i < file_count; i++)
        free(files[i]);
    free(files);
    if (failed || set->count == 0) {
        if (!failed)
            diag_add(diags, NULL, 0, _("no checklists given"));
        checklist_set_free(set);
        return -1;
    }
    *out = set;
    return 0;
}
