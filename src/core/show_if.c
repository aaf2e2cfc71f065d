/* show_if.c: the conditions of checklist items as the loader reads them:
 * show_if on an earlier item or on a system attribute, show_if_unrecorded
 * (what decides while the forms record no value of that attribute) and
 * states; and what can only be said of the conditions as a whole, the loops
 * they form. Each item names at most one other, so one walk from every
 * item, never entering an item walked before, finds every loop in linear
 * time once the ids are sorted. */
#include "show_if.h"
#include "i18n.h"
#include "sysattr.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct named_section {
    const char *id;   /* the item id: the section name after "item." */
    size_t index;     /* in the ini file */
} named_section;

static int compare_named(const void *a, const void *b)
{
    return strcmp(((const named_section *)a)->id, ((const named_section *)b)->id);
}

/* The item id a show_if names (for one on a system attribute, its
 * show_if_unrecorded; NULL for none), copied. */
static char *show_if_target(const ini_section *s)
{
    const char *v = ini_get(s, "show_if");
    if (v != NULL && strncmp(v, "system.", 7) == 0)
        v = ini_get(s, "show_if_unrecorded");
    const char *colon = v ? strchr(v, ':') : NULL;
    if (colon == NULL)
        return NULL;
    return text_strip(v, colon);
}

int show_if_report_loops(diag_file *cx, const ini_file *ini)
{
    size_t n = ini->count;
    named_section *names = calloc(n ? n : 1, sizeof *names);
    long *next = calloc(n ? n : 1, sizeof *next);
    size_t *walk = calloc(n ? n : 1, sizeof *walk);   /* 0 unvisited, else the walk's number */
    int rc = -1;
    if (names == NULL || next == NULL || walk == NULL)
        goto done;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(ini->sections[i].name, "item.", 5) == 0)
            names[count++] = (named_section){ini->sections[i].name + 5, i};
    qsort(names, count, sizeof *names, compare_named);
    for (size_t i = 0; i < n; i++) {
        next[i] = -1;
        if (strncmp(ini->sections[i].name, "item.", 5) != 0)
            continue;
        char *target = show_if_target(&ini->sections[i]);
        if (target == NULL)
            continue;
        named_section key = {target, 0};
        const named_section *hit = bsearch(&key, names, count, sizeof *names, compare_named);
        free(target);
        if (hit != NULL)
            next[i] = (long)hit->index;
    }
    for (size_t start = 0; start < n; start++) {
        size_t at = start;
        while (walk[at] == 0) {
            walk[at] = start + 1;
            if (next[at] < 0)
                break;
            at = (size_t)next[at];
        }
        if (walk[at] != start + 1 || next[at] < 0)
            continue;   /* ended, or ran into an earlier walk */
        /* at is on a loop found by this walk: name it, from its first item in the file */
        size_t first = at, length = 0;
        size_t k = at;
        do {
            if (k < first)
                first = k;
            length++;
            k = (size_t)next[k];
        } while (k != at);
        char *text = NULL;
        size_t size = 0;
        FILE *f = open_memstream(&text, &size);
        if (f == NULL)
            goto done;
        k = first;
        for (size_t shown = 0; shown < length && shown < 8; shown++, k = (size_t)next[k])
            fprintf(f, "%s -> ", ini->sections[k].name + 5);
        fprintf(f, length > 8 ? "... -> %s" : "%s", ini->sections[first].name + 5);
        if (fclose(f) != 0) {
            free(text);
            goto done;
        }
        diag_file_report(cx, ini_line(&ini->sections[first], "show_if"),
                         /* TRANSLATORS: number of items, then the loop, e.g. a -> c -> b -> a */
                         _("the 'show_if' conditions form a loop of %zu items: %s"), length, text);
        free(text);
    }
    rc = 0;
done:
    free(names);
    free(next);
    free(walk);
    return rc;
}


static const item *earlier_item(const checklist *list, size_t before, const char *id)
{
    for (size_t i = 0; i < before; i++)
        if (list->items[i].id && strcmp(list->items[i].id, id) == 0)
            return &list->items[i];
    return NULL;
}

/* A condition holding the values; NULL (name and words freed) when out of
 * memory. The caller sets what it is on to `name`. */
static condition *condition_of(diag_file *cx, int line, char *name, char **words, long count)
{
    condition *c = calloc(1, sizeof *c);
    if (c == NULL) {
        diag_file_report(cx, line, _("out of memory"));
        free(name);
        text_words_free(words, count);
        return NULL;
    }
    c->values = words;
    c->value_count = (size_t)count;
    return c;
}

/* show_if = system.ATTRIBUTE: VALUE[, VALUE...], a condition on what the
 * annex forms record about the system (sysattr.h). */
static condition *parse_attribute(diag_file *cx, int line, const char *v, const item *it)
{
    const char *colon = strchr(v, ':');
    char *name = colon ? text_strip(v + 7, colon) : NULL;
    int a = sysattr_find(name);
    if (colon == NULL || a < 0) {
        diag_file_report(cx, line, _("'show_if' names the system attribute '%s', which is not one of release_area, "
                         "personal_info, website, mlps_level, storage"), name ? name : v + 7);
        free(name);
        return NULL;
    }
    if (it->scope != SCOPE_SYSTEM) {
        diag_file_report(cx, line, _("'show_if' on the system attribute '%s' needs 'scope = system'"), name);
        free(name);
        return NULL;
    }
    char **words;
    long count = text_split_list(colon + 1, &words);
    if (count < 1) {
        diag_file_report(cx, line, _("'%s' needs at least one value after ':'"), "show_if");
        free(name);
        return NULL;
    }
    for (long i = 0; i < count; i++)
        if (!sysattr_value_valid((sysattr_name)a, words[i]))
            diag_file_report(cx, line, _("'show_if': '%s' is not a value of system.%s (%s)"), words[i], name,
                             sysattr_values((sysattr_name)a));
    condition *c = condition_of(cx, line, name, words, count);
    if (c != NULL)
        c->attribute = name;
    return c;
}

/* True when `value` is an answer item `other` accepts. */
static bool accepts(const item *other, const char *value)
{
    if (strcmp(value, "na") == 0)
        return other->allow_na;
    if (other->type == ANSWER_YESNO)
        return strcmp(value, "yes") == 0 || strcmp(value, "no") == 0 ||
               (strcmp(value, "partial") == 0 && other->allow_partial);
    for (size_t c = 0; c < other->choice_count; c++)
        if (strcmp(other->choices[c].key, value) == 0)
            return true;
    return false;
}

/* KEY = ITEM: VALUE[, VALUE...] (show_if or show_if_unrecorded), a condition
 * on the answer to an earlier yesno or choice item; *target_out is that
 * item. NULL after reporting a problem. */
static condition *parse_on_item(diag_file *cx, int line, const char *key, const char *v, const checklist *list,
                                size_t index, const item *it, const item **target_out)
{
    const char *colon = strchr(v, ':');
    if (colon == NULL) {
        diag_file_report(cx, line, _("'%s' must read 'ITEM: VALUE[, VALUE...]'"), key);
        return NULL;
    }
    char *target = text_strip(v, colon);
    if (target == NULL) {
        diag_file_report(cx, line, _("out of memory"));
        return NULL;
    }
    const item *other = earlier_item(list, index, target);
    bool bad = true;
    if (other == NULL)
        diag_file_report(cx, line, _("'%1$s' names '%2$s', which is not an earlier item of this file"), key, target);
    else if (other->type != ANSWER_YESNO && other->type != ANSWER_CHOICE)
        diag_file_report(cx, line, _("'%1$s' names '%2$s', which is not a yesno or choice item"), key, target);
    else if (other->scope == SCOPE_SYSTEM && it->scope == SCOPE_UNIT)
        diag_file_report(cx, line, _("'%1$s': a unit item cannot depend on the per-system item '%2$s'"), key, target);
    else
        bad = false;
    if (bad) {
        free(target);
        return NULL;
    }
    char **words;
    long count = text_split_list(colon + 1, &words);
    if (count < 1) {
        diag_file_report(cx, line, _("'%s' needs at least one value after ':'"), key);
        free(target);
        return NULL;
    }
    for (long i = 0; i < count; i++)
        if (!accepts(other, words[i]))
            diag_file_report(cx, line, _("'%1$s': '%2$s' is not an answer '%3$s' accepts"), key, words[i], target);
    condition *c = condition_of(cx, line, target, words, count);
    if (c == NULL)
        return NULL;
    c->item_id = target;
    c->item_index = (size_t)(other - list->items);
    const condition *up = condition_on_item(other->show_if);
    c->depth = up ? up->depth + 1 : 1;
    if (c->depth > CHECKLIST_MAX_SHOW_IF_DEPTH)
        diag_file_report(cx, line, _("'show_if' makes a chain of more than %d conditions (each item shown only when "
                                     "the one before is): split the checklist or shorten the chain"),
                         CHECKLIST_MAX_SHOW_IF_DEPTH);
    *target_out = other;
    return c;
}

/* True when `value` is among the condition's values. */
static bool names_value(const condition *c, const char *value)
{
    for (size_t i = 0; i < c->value_count; i++)
        if (strcmp(c->values[i], value) == 0)
            return true;
    return false;
}

/* When the fallback's item states the attribute the condition is on, its
 * answers stand for values of it (l3 for level 3): the fallback must ask
 * the item where the forms would, no more and no less, or the question
 * would change with the inventory being filled in. */
static void check_fallback(diag_file *cx, int line, const condition *c, const condition *fallback,
                           const item *target)
{
    if (target->states == NULL || strcmp(target->states, c->attribute) != 0)
        return;
    sysattr_name a = (sysattr_name)sysattr_find(c->attribute);
    char buf[SYSATTR_VALUE_MAX];
    for (size_t i = 0; i < fallback->value_count; i++) {
        const char *stands = sysattr_stated_value(a, fallback->values[i], buf);
        if (stands != NULL && !names_value(c, stands))
            diag_file_report(cx, line, _("'show_if_unrecorded': the answer '%1$s' stands for system.%2$s = %3$s, "
                                         "which 'show_if' does not name"), fallback->values[i], c->attribute, stands);
    }
    for (size_t k = 0; k < c->value_count; k++) {
        bool covered = false;
        for (size_t i = 0; i < fallback->value_count && !covered; i++) {
            const char *stands = sysattr_stated_value(a, fallback->values[i], buf);
            covered = stands != NULL && strcmp(stands, c->values[k]) == 0;
        }
        if (!covered)
            diag_file_report(cx, line, _("'show_if_unrecorded' names no answer of '%1$s' that stands for "
                                         "system.%2$s = %3$s, which 'show_if' names"),
                             target->id, c->attribute, c->values[k]);
    }
}

void show_if_parse(diag_file *cx, const ini_section *s, const checklist *list, size_t index, item *it)
{
    const char *v = ini_get(s, "show_if");
    const char *fallback = ini_get(s, "show_if_unrecorded");
    const item *target = NULL;
    if (v != NULL && strncmp(v, "system.", 7) == 0)
        it->show_if = parse_attribute(cx, ini_line(s, "show_if"), v, it);
    else if (v != NULL)
        it->show_if = parse_on_item(cx, ini_line(s, "show_if"), "show_if", v, list, index, it, &target);
    if (fallback == NULL)
        return;
    int line = ini_line(s, "show_if_unrecorded");
    if (v == NULL || strncmp(v, "system.", 7) != 0) {
        diag_file_report(cx, line, _("'show_if_unrecorded' needs a 'show_if' on a system attribute "
                                     "(show_if = system.NAME: VALUE)"));
        return;
    }
    condition *c = parse_on_item(cx, line, "show_if_unrecorded", fallback, list, index, it, &target);
    if (c == NULL)
        return;
    if (it->show_if == NULL) {
        condition_free(c);   /* the show_if was reported */
        return;
    }
    check_fallback(cx, line, it->show_if, c, target);
    it->show_if->unrecorded = c;
    it->show_if->depth = c->depth;
}

void show_if_parse_states(diag_file *cx, const ini_section *s, item *it)
{
    const char *v = ini_get(s, "states");
    if (v == NULL)
        return;
    int line = ini_line(s, "states");
    const char *colon = strchr(v, ':');
    char *name = strncmp(v, "system.", 7) == 0 ? text_strip(v + 7, colon ? colon : v + strlen(v)) : NULL;
    int a = sysattr_find(name);
    if (a < 0) {
        diag_file_report(cx, line, _("'states' must name a system attribute: system.release_area, "
                         "system.personal_info, system.website, system.mlps_level or system.storage"));
        free(name);
        return;
    }
    if (colon == NULL) {
        if (it->scope != SCOPE_SYSTEM || (it->type != ANSWER_YESNO && it->type != ANSWER_CHOICE))
            diag_file_report(cx, line, _("'states' is for a yesno or choice item with 'scope = system'"));
        else
            it->states = name, name = NULL;
        free(name);
        return;
    }
    if (it->type != ANSWER_YESNO) {
        diag_file_report(cx, line, _("'states = system.%s: VALUE' is for a yesno item (its yes says the "
                                     "attribute is one of the values)"), name);
        free(name);
        return;
    }
    char **words;
    long count = text_split_list(colon + 1, &words);
    if (count < 1) {
        diag_file_report(cx, line, _("'%s' needs at least one value after ':'"), "states");
        free(name);
        return;
    }
    for (long i = 0; i < count; i++)
        if (!sysattr_value_valid((sysattr_name)a, words[i]))
            diag_file_report(cx, line, _("'states': '%1$s' is not a value of system.%2$s (%3$s)"), words[i], name,
                             sysattr_values((sysattr_name)a));
    it->states = name;
    it->states_values = words;
    it->states_value_count = (size_t)count;
}
