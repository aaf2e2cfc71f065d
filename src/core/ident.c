/* ident.c: the identifier rules (see ident.h). ASCII only, checked byte by
 * byte, so no locale can widen them. */
#include "ident.h"

#include <string.h>

bool ident_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

bool ident_name_valid(const char *s)
{
    if (s == NULL)
        return false;
    size_t n = strlen(s);
    if (n == 0 || n > IDENT_NAME_MAX || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!ident_name_char(s[i]))
            return false;
    return true;
}

bool ident_system_id_new_valid(const char *id)
{
    if (!ident_name_valid(id) || id[0] < 'a' || id[0] > 'z')
        return false;
    /* a spreadsheet reads these as truth values and saves them as TRUE and
     * FALSE (LibreOffice Calc with "detect special numbers", Excel) */
    if (strcmp(id, "true") == 0 || strcmp(id, "false") == 0)
        return false;
    /* jan-5, dec-2026: English month names before digits are dates to a
     * spreadsheet as well */
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    size_t letters = 0;
    while (id[letters] >= 'a' && id[letters] <= 'z')
        letters++;
    if (letters != 3 || id[3] != '-' || id[4] < '0' || id[4] > '9')
        return true;
    for (size_t m = 0; m < sizeof months / sizeof months[0]; m++)
        if (strncmp(id, months[m], 3) == 0)
            return false;
    return true;
}

bool ident_unit_code_valid(const char *code)
{
    if (code == NULL)
        return false;
    size_t n = strlen(code);
    if (n == 0 || n > IDENT_UNIT_CODE_MAX)
        return false;
    for (const char *p = code; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
              *p == '_'))
            return false;
    return true;
}
