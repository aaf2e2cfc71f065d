/* checklist.c: the checklist model's names, look-ups and freeing (see checklist.h).
 * The loader is in loader.c. */
#include "checklist.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

const char *severity_name(severity s)
{
    switch (s) {
    case SEVERITY_LOW: return "low";
    case SEVERITY_MEDIUM: return "medium";
    case SEVERITY_HIGH: return "high";
    case SEVERITY_CRITICAL: return "critical";
    }
    return "?";
}

int severity_parse(const char *name, severity *out)
{
    static const severity all[] = {SEVERITY_LOW, SEVERITY_MEDIUM, SEVERITY_HIGH, SEVERITY_CRITICAL};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(name, severity_name(all[i])) == 0) {
            *out = all[i];
            return 0;
        }
    return -1;
}

const char *severity_label(severity s)
{
    switch (s) {
    case SEVERITY_LOW: return _("low");
    case SEVERITY_MEDIUM: return _("medium");
    case SEVERITY_HIGH: return _("high");
    case SEVERITY_CRITICAL: return _("critical");
    }
    return "?";
}

const char *answer_type_name(answer_type t)
{
    switch (t) {
    case ANSWER_YESNO: return "yesno";
    case ANSWER_CHOICE: return "choice";
    case ANSWER_NUMBER: return "number";
    case ANSWER_DATE: return "date";
    case ANSWER_TEXT: return "text";
    }
    return "?";
}

static bool lang_is_en(const char *lang)
{
    return lang != NULL && strcmp(lang, "en") == 0;
}

const char *item_question(const item *it, const char *lang)
{
    return lang_is_en(lang) ? it->question_en : it->question_zh;
}

const char *item_guidance(const item *it, const char *lang)
{
    return lang_is_en(lang) ? it->guidance_en : it->guidance_zh;
}

const char *checklist_title(const checklist *list, const char *lang)
{
    return lang_is_en(lang) ? list->title_en : list->title_zh;
}

const item *checklist_find_item(const checklist *list, const char *item_id)
{
    for (size_t i = 0; i < list->item_count; i++)
        if (strcmp(list->items[i].id, item_id) == 0)
            return &list->items[i];
    return NULL;
}

const checklist *checklist_set_find(const checklist_set *set, const char *checklist_id)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->lists[i].id, checklist_id) == 0)
            return &set->lists[i];
    return NULL;
}

const condition *condition_on_item(const condition *c)
{
    if (c == NULL)
        return NULL;
    return c->item_id != NULL ? c : c->unrecorded;
}

void condition_free(condition *c)
{
    if (c == NULL)
        return;
    condition_free(c->unrecorded);
    free(c->item_id);
    free(c->attribute);
    for (size_t i = 0; i < c->value_count; i++)
        free(c->values[i]);
    free(c->values);
    free(c);
}

static void item_release(item *it)
{
    free(it->id);
    free(it->question_zh);
    free(it->question_en);
    free(it->guidance_zh);
    free(it->guidance_en);
    free(it->source);
    for (size_t i = 0; i < it->choice_count; i++) {
        free(it->choices[i].key);
        free(it->choices[i].label_zh);
        free(it->choices[i].label_en);
    }
    free(it->choices);
    free(it->unit_zh);
    free(it->unit_en);
    free(it->not_before);
    condition_free(it->show_if);
    free(it->states);
    for (size_t i = 0; i < it->states_value_count; i++)
        free(it->states_values[i]);
    free(it->states_values);
}

static void checklist_release(checklist *list)
{
    free(list->path);
    free(list->id);
    free(list->title_zh);
    free(list->title_en);
    for (size_t i = 0; i < list->item_count; i++)
        item_release(&list->items[i]);
    free(list->items);
}

void checklist_free(checklist *list)
{
    if (list == NULL)
        return;
    checklist_release(list);
    free(list);
}

void checklist_set_free(checklist_set *set)
{
    if (set == NULL)
        return;
    for (size_t i = 0; i < set->count; i++)
        checklist_release(&set->lists[i]);
    free(set->lists);
    free(set);
}
