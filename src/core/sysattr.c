/* sysattr.c: the system attributes that gate checklist items, read from the
 * inventory and the website survey (see sysattr.h). */
#include "sysattr.h"
#include "answer.h"
#include "error.h"
#include "forms_store.h"
#include "i18n.h"
#include "inventory.h"
#include "survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    const char *values;
} attrs[SYSATTR_COUNT] = {
    {"release_area", "internet|private|both"},
    {"personal_info", "yes|no"},
    {"website", "yes|no"},
    {"mlps_level", "none|1|2|3|4"},
    {"storage", "internet|private|both|hosting"},
};

int sysattr_find(const char *name)
{
    for (int a = 0; a < SYSATTR_COUNT; a++)
        if (name != NULL && strcmp(attrs[a].name, name) == 0)
            return a;
    return -1;
}

const char *sysattr_name_text(sysattr_name a)
{
    return a < SYSATTR_COUNT ? attrs[a].name : "?";
}

const char *sysattr_values(sysattr_name a)
{
    return a < SYSATTR_COUNT ? attrs[a].values : "";
}

bool sysattr_value_valid(sysattr_name a, const char *value)
{
    if (a >= SYSATTR_COUNT || value == NULL || *value == '\0' || strchr(value, '|'))
        return false;
    size_t n = strlen(value);
    for (const char *p = attrs[a].values; (p = strstr(p, value)) != NULL; p++)
        if ((p == attrs[a].values || p[-1] == '|') && (p[n] == '\0' || p[n] == '|'))
            return true;
    return false;
}

void sysattr_set_free(sysattr_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++) {
        free(set->rows[i].system_id);
        free(set->rows[i].system_name);
        for (int a = 0; a < SYSATTR_COUNT; a++)
            free(set->rows[i].values[a]);
    }
    free(set->rows);
    free(set);
}

/* Copies v into *slot; false when out of memory. NULL stays NULL. */
static bool put(char **slot, const char *v)
{
    if (v == NULL)
        return true;
    return (*slot = strdup(v)) != NULL;
}

static bool fill_row(sysattr_row *row, const forms_data *inv, const forms_data *survey, const system_info *sys)
{
    const char *id = sys->id;
    const forms_record *ir = forms_data_row(inv, id);
    const forms_record *sr = forms_data_row(survey, id);
    if (!put(&row->system_id, id) || !put(&row->system_name, sys->name ? sys->name : id))
        return false;
    const char *types = ir ? forms_record_value(inv, ir, "data_types") : NULL;
    const char *personal = types == NULL ? NULL : strcmp(types, "business") == 0 ? "no" : "yes";
    const char *level = ir ? forms_record_value(inv, ir, "mlps_level") : NULL;
    if (level == NULL && sr != NULL)
        level = forms_record_value(survey, sr, "mlps_level");
    return put(&row->values[SYSATTR_RELEASE_AREA], ir ? forms_record_value(inv, ir, "release_area") : NULL) &&
           put(&row->values[SYSATTR_PERSONAL_INFO], personal) &&
           put(&row->values[SYSATTR_WEBSITE], sr && sr->any ? "yes" : "no") &&
           put(&row->values[SYSATTR_MLPS_LEVEL], level) &&
           put(&row->values[SYSATTR_STORAGE], ir ? forms_record_value(inv, ir, "storage") : NULL);
}

int sysattr_load(const char *db_path, const system_info *systems, size_t count, sysattr_set **out, char **err)
{
    *out = NULL;
    forms_store *fs = NULL;
    forms_data *inv = NULL, *survey = NULL;
    sysattr_set *set = NULL;
    int rc = -1;
    if (forms_store_open(db_path, &fs, err) != 0 ||
        forms_store_load(fs, &inventory_form, systems, count, &inv, err) != 0 ||
        forms_store_load(fs, &survey_form, systems, count, &survey, err) != 0)
        goto done;
    set = calloc(1, sizeof *set);
    if (set == NULL || (count > 0 && (set->rows = calloc(count, sizeof *set->rows)) == NULL))
        goto nomem;
    for (; set->count < count; set->count++)
        if (!fill_row(&set->rows[set->count], inv, survey, &systems[set->count])) {
            set->count++;   /* so that its copies are freed */
            goto nomem;
        }
    *out = set;
    set = NULL;
    rc = 0;
    goto done;
nomem:
    error_set(err, "%s", _("out of memory"));
done:
    sysattr_set_free(set);
    forms_data_free(inv);
    forms_data_free(survey);
    forms_store_close(fs);
    return rc;
}

const char *sysattr_get(const sysattr_set *set, const char *system_id, sysattr_name a)
{
    if (set == NULL || system_id == NULL || a >= SYSATTR_COUNT)
        return NULL;
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->rows[i].system_id, system_id) == 0)
            return set->rows[i].values[a];
    return NULL;
}

bool sysattr_level_of_answer(const char *value, char out[5])
{
    if (value == NULL)
        return false;
    if (strcmp(value, "none") == 0) {
        memcpy(out, "none", 5);
        return true;
    }
    const char *p = value[0] == 'l' ? value + 1 : value;
    if (p[0] >= '1' && p[0] <= '4' && (p[1] == '\0' || p[1] == '-')) {
        out[0] = p[0];
        out[1] = '\0';
        return true;
    }
    return false;
}

const char *sysattr_stated_value(sysattr_name a, const char *value, char buf[SYSATTR_VALUE_MAX])
{
    if (a == SYSATTR_MLPS_LEVEL)
        return sysattr_level_of_answer(value, buf) ? buf : NULL;
    return sysattr_value_valid(a, value) ? value : NULL;
}

static bool one_of(const char *value, char *const *values, size_t count)
{
    for (size_t i = 0; value != NULL && i < count; i++)
        if (strcmp(value, values[i]) == 0)
            return true;
    return false;
}

/* states = system.NAME: V...: a `no` contradicted by the forms recording one
 * of the values, for the item's system or, for a unit item, for any system
 * of the assessment. Says nothing of a `yes` where they record another
 * value: the inventory has one storage location for a system that may be
 * partly hosted. */
static bool contradicts_no(const plan *pl, const instance *in, sysattr_name attr, sysattr_conflict *out)
{
    const item *it = in->item;
    if (it->scope == SCOPE_SYSTEM) {
        const char *recorded = sysattr_get(pl->attrs, in->system_id, attr);
        if (!one_of(recorded, it->states_values, it->states_value_count))
            return false;
        out->recorded = recorded;
        return true;
    }
    for (size_t r = 0; r < pl->attrs->count; r++) {
        const sysattr_row *row = &pl->attrs->rows[r];
        if (one_of(row->values[attr], it->states_values, it->states_value_count)) {
            out->recorded = row->values[attr];
            out->system_name = row->system_name;
            return true;
        }
    }
    return false;
}

bool sysattr_conflict_find(const plan *pl, size_t index, const answer_set *answers, sysattr_conflict *out)
{
    if (pl->attrs == NULL || index >= pl->count)
        return false;
    const instance *in = &pl->items[index];
    const answer *a = answer_set_find(answers, in->list->id, in->item->id, in->system_id);
    if (a == NULL || a->value == NULL || !score_instance_visible(pl, index, answers))
        return false;
    *out = (sysattr_conflict){index, SYSATTR_CONFLICT_DIFFERS, 0, NULL, a->value, NULL};
    const condition *c = in->item->show_if;
    int attr = c && c->attribute ? sysattr_find(c->attribute) : -1;
    const char *recorded = attr < 0 ? NULL : sysattr_get(pl->attrs, in->system_id, (sysattr_name)attr);
    /* visible with a recorded value: the forms say the item applies */
    if (recorded != NULL && strcmp(a->value, "na") == 0) {
        out->kind = SYSATTR_CONFLICT_NOT_APPLICABLE;
        out->attribute = (sysattr_name)attr;
        out->recorded = recorded;
        return true;
    }
    attr = sysattr_find(in->item->states);
    if (attr < 0)
        return false;
    out->attribute = (sysattr_name)attr;
    if (in->item->states_value_count > 0)
        return strcmp(a->value, "no") == 0 && contradicts_no(pl, in, (sysattr_name)attr, out);
    recorded = sysattr_get(pl->attrs, in->system_id, (sysattr_name)attr);
    if (recorded == NULL)
        return false;
    char buf[SYSATTR_VALUE_MAX];
    const char *stated = sysattr_stated_value((sysattr_name)attr, a->value, buf);
    out->recorded = recorded;
    return stated != NULL && strcmp(stated, recorded) != 0;
}

int sysattr_conflicts(const plan *pl, const answer_set *answers, sysattr_conflict **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    for (size_t i = 0; i < pl->count; i++) {
        sysattr_conflict c;
        if (!sysattr_conflict_find(pl, i, answers, &c))
            continue;
        sysattr_conflict *grown = realloc(*out, (*count + 1) * sizeof *grown);
        if (grown == NULL) {
            free(*out);
            *out = NULL;
            *count = 0;
            return -1;
        }
        *out = grown;
        (*out)[(*count)++] = c;
    }
    return 0;
}

char *sysattr_conflict_text(const sysattr_conflict *c, const item *it, const char *lang)
{
    const char *name = sysattr_name_text(c->attribute), *recorded = c->recorded ? c->recorded : "?";
    char *shown = answer_display(it, c->answered, lang);
    const char *answered = shown ? shown : c->answered;
    bool survey = c->attribute == SYSATTR_WEBSITE;
    char *text = NULL;
    int rc;
    if (c->kind == SYSATTR_CONFLICT_NOT_APPLICABLE)
        rc = asprintf(&text, _("answered not applicable, but the inventory records %1$s = %2$s, which it applies to"),
                      name, recorded);
    else if (c->system_name != NULL && survey)
        rc = asprintf(&text, _("answered %1$s, but the website survey records %2$s = %3$s for %4$s"), answered, name,
                      recorded, c->system_name);
    else if (c->system_name != NULL)
        rc = asprintf(&text, _("answered %1$s, but the inventory records %2$s = %3$s for %4$s"), answered, name,
                      recorded, c->system_name);
    else if (survey)
        rc = asprintf(&text, _("answered %1$s, but the website survey records %2$s = %3$s"), answered, name,
                      recorded);
    else
        rc = asprintf(&text, _("answered %1$s, but the inventory records %2$s = %3$s"), answered, name, recorded);
    free(shown);
    return rc < 0 ? NULL : text;
}
