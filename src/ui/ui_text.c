/* ui_text.c: filling {1}..{9} placeholders in translated messages (see
 * ui_text.h). The messages themselves are gettext msgids at the call sites
 * (_() where shown, N_() in tables), with their Chinese in po/zh_CN.po.
 * Placeholders rather than printf formats, so that a translation can reorder
 * the values without %1$s and a stray % in a value is harmless. */
#include "ui_text.h"

#include <stdlib.h>
#include <string.h>

bool ui_lang_en(const char *lang)
{
    return lang != NULL && strcmp(lang, "en") == 0;
}

char *ui_subst(const char *tmpl, const char *const *args, size_t n)
{
    size_t len = 0;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            if (i < n && args[i])
                len += strlen(args[i]);
            p += 2;
        } else {
            len++;
        }
    }
    char *out = malloc(len + 1);
    if (out == NULL)
        return NULL;
    char *o = out;
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            if (i < n && args[i]) {
                size_t m = strlen(args[i]);
                memcpy(o, args[i], m);
                o += m;
            }
            p += 2;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}
