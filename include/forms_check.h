/* forms_check.h: checks of the values the forms of the documents' annexes
 * ask for (docs/forms.md): the unified social credit code with its check
 * character (GB 32100-2015), telephone numbers, IPv4 and IPv6 addresses, data
 * volumes with a unit (GB/TB/PB), MLPS levels and dates.
 *
 * Each returns 0 and stores the value in one spelling in *canonical (caller
 * frees), or a forms_check_error; nothing is read from message text. */
#ifndef SELFCHECK_FORMS_CHECK_H
#define SELFCHECK_FORMS_CHECK_H

#include <stdbool.h>

typedef enum forms_check_error {
    FORMS_CHECK_OK = 0,
    FORMS_CHECK_NOMEM = -1,
    FORMS_CHECK_BAD = -2,       /* not of the form the field takes */
    FORMS_CHECK_CHECKSUM = -3   /* a credit code whose check character is wrong */
} forms_check_error;

/* The check character (18th) that GB 32100-2015 computes over the first 17
 * characters of a credit code; '\0' when one of them is not in its alphabet
 * (digits and upper-case letters without I, O, S, V, Z). */
char forms_credit_check_char(const char *first17);
/* 18 characters of the alphabet whose last is the check character. Lower
 * case is accepted and stored upper case; spaces around are ignored. */
int forms_check_credit_code(const char *text, char **canonical);
/* A mobile number (11 digits starting 1, a leading +86 dropped) or an office
 * number (area code 0XX or 0XXX, '-', 7 or 8 digits, optionally "-EXT"; or 7
 * or 8 digits alone). Stored without spaces. */
int forms_check_phone(const char *text, char **canonical);
/* One or more IPv4 or IPv6 addresses separated by commas, '、' or spaces;
 * stored in inet_ntop's spelling, separated by ", ". */
int forms_check_ips(const char *text, char **canonical);
/* A positive number with a unit GB, TB or PB ("65GB", "1.2 tb", "0.31G" is
 * refused: the unit is required whole). Stored as "1.2TB". */
int forms_check_volume(const char *text, char **canonical);
/* An MLPS level: 1-4 (also 一级…四级, 第三级, "level 3"), or none (0, none,
 * 无, 未定级). Stored as "1".."4" or "none". */
int forms_check_level(const char *text, char **canonical);
/* A date (YYYY-MM-DD, also 2026/3/5), stored as YYYY-MM-DD. */
int forms_check_date(const char *text, char **canonical);
/* An internet domain name (letters, digits, '-', at least one dot). Stored
 * lower case. */
int forms_check_domain(const char *text, char **canonical);

#endif
