/* checklist_digest.c: the canonical content of a checklist and its digest
 * (see checklist_digest.h). The field order here is the format: changing it
 * changes every digest, so a new field is appended at the end of its item. */
#include "checklist_digest.h"
#include "number.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#define CANON_HEAD "selfcheck-checklist-canonical-1\n"

typedef struct canon {
    char *data;
    size_t len, capacity;
    bool failed;
} canon;

static void put_raw(canon *c, const char *text, size_t n)
{
    if (c->failed)
        return;
    if (c->len + n + 1 > c->capacity) {
        size_t capacity = c->capacity ? c->capacity : 4096;
        while (c->len + n + 1 > capacity)
            capacity *= 2;
        char *grown = realloc(c->data, capacity);
        if (grown == NULL) {
            c->failed = true;
            return;
        }
        c->data = grown;
        c->capacity = capacity;
    }
    memcpy(c->data + c->len, text, n);
    c->len += n;
    c->data[c->len] = '\0';
}

/* name=LENGTH:VALUE\n: the length makes every text unambiguous. */
static void put_text(canon *c, const char *name, const char *value)
{
    const char *v = value ? value : "";
    char head[96];
    int n = snprintf(head, sizeof head, "%s=%zu:", name, strlen(v));
    put_raw(c, head, (size_t)n);
    put_raw(c, v, strlen(v));
    put_raw(c, "\n", 1);
}

static void put_number(canon *c, const char *name, double value)
{
    char text[64];
    if (number_format(text, sizeof text, 17, value) < 0)
        c->failed = true;
    else
        put_text(c, name, text);
}

static void put_int(canon *c, const char *name, long value)
{
    char text[32];
    snprintf(text, sizeof text, "%ld", value);
    put_text(c, name, text);
}

static void put_item(canon *c, const item *it)
{
    put_text(c, "item", it->id);
    put_text(c, "question_zh", it->question_zh);
    put_text(c, "question_en", it->question_en);
    put_text(c, "guidance_zh", it->guidance_zh);
    put_text(c, "guidance_en", it->guidance_en);
    put_text(c, "source", it->source);
    put_text(c, "severity", severity_name(it->severity));
    put_number(c, "weight", it->weight);
    put_int(c, "profiles", (long)it->profiles);
    put_int(c, "scope", (long)it->scope);
    put_text(c, "type", answer_type_name(it->type));
    put_int(c, "allow_partial", it->allow_partial);
    put_number(c, "partial_score", it->partial_score);
    put_int(c, "allow_na", it->allow_na);
    put_int(c, "choices", (long)it->choice_count);
    for (size_t i = 0; i < it->choice_count; i++) {
        put_text(c, "choice", it->choices[i].key);
        put_text(c, "label_zh", it->choices[i].label_zh);
        put_text(c, "label_en", it->choices[i].label_en);
        put_number(c, "score", it->choices[i].score);
    }
    put_number(c, "number_min", it->number_min);
    put_number(c, "number_max", it->number_max);
    put_number(c, "number_full", it->number_full);
    put_number(c, "number_partial", it->number_partial);
    put_int(c, "direction", (long)it->direction);
    put_int(c, "allow_never", it->allow_never);
    put_int(c, "allow_scheduled", it->allow_scheduled);
    put_text(c, "unit_zh", it->unit_zh);
    put_text(c, "unit_en", it->unit_en);
    put_int(c, "max_age_days", it->max_age_days);
    put_text(c, "not_before", it->not_before);
    if (it->show_if != NULL) {
        put_text(c, "show_if", it->show_if->item_id);
        put_text(c, "show_if_attribute", it->show_if->attribute);
        put_int(c, "show_if_values", (long)it->show_if->value_count);
        for (size_t i = 0; i < it->show_if->value_count; i++)
            put_text(c, "value", it->show_if->values[i]);
        const condition *u = it->show_if->unrecorded;
        if (u != NULL) {
            /* only when present, so that the digests of checklists without one stay as they were */
            put_text(c, "show_if_unrecorded", u->item_id);
            put_int(c, "show_if_unrecorded_values", (long)u->value_count);
            for (size_t i = 0; i < u->value_count; i++)
                put_text(c, "value", u->values[i]);
        }
    }
    put_text(c, "states", it->states);
    if (it->states_value_count > 0) {
        /* only when present, so that the digests of checklists without them stay as they were */
        put_int(c, "states_values", (long)it->states_value_count);
        for (size_t i = 0; i < it->states_value_count; i++)
            put_text(c, "value", it->states_values[i]);
    }
}

char *checklist_canonical_text(const checklist *list)
{
    canon c = {0};
    put_raw(&c, CANON_HEAD, strlen(CANON_HEAD));
    put_text(&c, "id", list->id);
    put_int(&c, "version", list->version);
    put_text(&c, "title_zh", list->title_zh);
    put_text(&c, "title_en", list->title_en);
    put_int(&c, "items", (long)list->item_count);
    for (size_t i = 0; i < list->item_count; i++)
        put_item(&c, &list->items[i]);
    if (c.failed) {
        free(c.data);
        return NULL;
    }
    return c.data;
}

char *checklist_digest(const checklist *list)
{
    char *text = checklist_canonical_text(list);
    if (text == NULL)
        return NULL;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    int ok = EVP_Digest(text, strlen(text), md, &n, EVP_sha256(), NULL);
    free(text);
    if (!ok)
        return NULL;
    char *out = malloc(7 + 2 * (size_t)n + 1);
    if (out == NULL)
        return NULL;
    static const char digits[] = "0123456789abcdef";
    memcpy(out, "sha256:", 7);
    for (unsigned int i = 0; i < n; i++) {
        out[7 + 2 * i] = digits[md[i] >> 4];
        out[7 + 2 * i + 1] = digits[md[i] & 0x0f];
    }
    out[7 + 2 * n] = '\0';
    return out;
}
