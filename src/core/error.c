/* error.c: heap-allocated error messages and diagnostic lists (see error.h). */
#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int error_setv(char **err, const char *fmt, va_list ap)
{
    if (err == NULL)
        return -1;
    char *message = NULL;
    if (vasprintf(&message, fmt, ap) < 0)
        message = NULL;  /* out of memory: the caller still sees the status */
    free(*err);
    *err = message;
    return -1;
}

int error_set(char **err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_setv(err, fmt, ap);
    va_end(ap);
    return -1;
}

void error_prefix(char **err, const char *fmt, ...)
{
    if (err == NULL || *err == NULL)
        return;
    char *prefix = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&prefix, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    char *joined = NULL;
    if (asprintf(&joined, "%s: %s", prefix, *err) >= 0) {
        free(*err);
        *err = joined;
    }
    free(prefix);
}

void diag_list_init(diag_list *list)
{
    list->items = NULL;
    list->count = 0;
    list->capacity = 0;
}

void diag_list_clear(diag_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].file);
        free(list->items[i].message);
    }
    free(list->items);
    diag_list_init(list);
}

int diag_addv(diag_list *list, const char *file, int line, const char *fmt, va_list ap)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 8;
        diag *grown = realloc(list->items, capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        list->items = grown;
        list->capacity = capacity;
    }
    diag *d = &list->items[list->count];
    d->file = file ? strdup(file) : NULL;
    d->line = line;
    d->message = NULL;
    int n = vasprintf(&d->message, fmt, ap);
    if (n < 0 || (file && d->file == NULL)) {
        free(d->file);
        if (n >= 0)
            free(d->message);
        return -1;
    }
    list->count++;
    return 0;
}

int diag_add(diag_list *list, const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = diag_addv(list, file, line, fmt, ap);
    va_end(ap);
    return rc;
}

char *diag_format(const diag *d)
{
    char *out = NULL;
    int n;
    if (d->file && d->line > 0)
        n = asprintf(&out, "%s:%d: %s", d->file, d->line, d->message);
    else if (d->file)
        n = asprintf(&out, "%s: %s", d->file, d->message);
    else
        n = asprintf(&out, "%s", d->message);
    return n < 0 ? NULL : out;
}

void diag_file_report(diag_file *f, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_addv(f->diags, f->path, line, fmt, ap);
    va_end(ap);
    f->errors++;
}
