/* show_if.c: what the loader says about show_if conditions as a whole
 * rather than one at a time: the loops they form. Each item names at most
 * one other, so one walk from every item, never entering an item walked
 * before, finds every loop in linear time once the ids are sorted. */
#include "show_if.h"
#include "i18n.h"
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

/* The item id a show_if names (NULL for none or a system attribute), copied. */
static char *show_if_target(const ini_section *s)
{
    const char *v = ini_get(s, "show_if");
    const char *colon = v ? strchr(v, ':') : NULL;
    if (colon == NULL || strncmp(v, "system.", 7) == 0)
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

