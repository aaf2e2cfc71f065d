/* error.h: error messages that the core hands back to its callers.
 *
 * Core functions never print. On failure they return a status and, when the
 * caller passed a non-NULL `char **err`, store a heap-allocated one-line
 * message there (with FILE:LINE: in front where there is a file and line).
 * The caller frees it with free(). */
#ifndef SELFCHECK_ERROR_H
#define SELFCHECK_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Stores a newly allocated formatted message in *err (if err is non-NULL).
 * Replaces and frees any message already there. Always returns -1, so that
 * `return error_set(err, ...);` reads naturally. */
int error_set(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int error_setv(char **err, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* Puts `prefix: ` in front of the message already in *err (no-op when empty). */
void error_prefix(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A list of FILE:LINE: messages, for checks that report every problem at once
 * (lint) rather than the first. Owns its strings. */
typedef struct diag {
    char *file;   /* may be NULL */
    int line;     /* 0 when there is no line */
    char *message;
} diag;

typedef struct diag_list {
    diag *items;
    size_t count;
    size_t capacity;
} diag_list;

void diag_list_init(diag_list *list);
void diag_list_clear(diag_list *list);   /* frees every entry; list reusable */
/* Adds an entry. Returns 0, or -1 when out of memory. */
int diag_add(diag_list *list, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
int diag_addv(diag_list *list, const char *file, int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* The problems of one file, counted as they are reported, for checks that
 * go on after a problem and fail at the end when there was any. */
typedef struct diag_file {
    const char *path;
    diag_list *diags;
    int errors;
} diag_file;

/* Adds "PATH:LINE: message" to the list and counts it; counted even when the
 * list is out of memory, so that the check still fails. */
void diag_file_report(diag_file *f, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Formats entry i as "FILE:LINE: message" (or "FILE: message", or "message").
 * Returns a newly allocated string; caller frees. */
char *diag_format(const diag *d);

#endif
