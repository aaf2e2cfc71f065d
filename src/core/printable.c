/* printable.c: text made safe to print on a terminal (see printable.h). */
#include "printable.h"

#include <stdlib.h>
#include <string.h>

char *printable_text(const char *text)
{
    const char *src = text ? text : "";
    char *out = malloc(3 * strlen(src) + 1);
    if (out == NULL)
        return NULL;
    char *o = out;
    for (const unsigned char *p = (const unsigned char *)src; *p; p++) {
        if (*p == '\r' && p[1] == '\n')
            continue;
        if (*p == '\n' || *p == '\r') {
            memcpy(o, " / ", 3);
            o += 3;
        } else if (*p < 0x20 || *p == 0x7f) {
            *o++ = '?';
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            *o++ = '?';   /* U+0080..U+009F, e.g. the 8-bit CSI */
            p++;
        } else {
            *o++ = (char)*p;
        }
    }
    *o = '\0';
    return out;
}

const char *printable_find_control(const char *text, bool lines)
{
    for (const unsigned char *p = (const unsigned char *)(text ? text : ""); *p; p++) {
        if (lines && (*p == '\n' || *p == '\t' || (*p == '\r' && p[1] == '\n')))
            continue;
        if (*p < 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f))
            return (const char *)p;
    }
    return NULL;
}

unsigned printable_control_code(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    return u[0] == 0xc2 ? u[1] : u[0];
}
