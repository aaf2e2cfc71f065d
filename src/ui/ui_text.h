/* ui_text.h: every string the terminal interface shows, in Chinese and English.
 *
 * One table, so that a translation is reviewed in one place and a missing one
 * is caught by a unit test. Strings that take values use {1}, {2}... which
 * ui_subst fills (no printf formats from a table). */
#ifndef SELFCHECK_UI_TEXT_H
#define SELFCHECK_UI_TEXT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum ui_str {
    T_APP_NAME,
    T_TOO_SMALL,
    T_QUIT_SAVED,
    /* profiles */
    T_PROFILE_MONTHLY,
    T_PROFILE_HALFYEAR,
    T_PROFILE_CHANGE,
    /* answers and states */
    T_YES, T_NO, T_PARTIAL, T_NA,
    T_UNANSWERED,
    T_HIDDEN,
    T_PASS, T_FAIL, T_INCOMPLETE,
    T_SEV_LOW, T_SEV_MEDIUM, T_SEV_HIGH, T_SEV_CRITICAL,
    /* setup */
    T_SETUP_TITLE,
    T_SETUP_INTRO,
    T_SETUP_UNIT_CODE,
    T_SETUP_UNIT_NAME,
    T_SETUP_ASSESSOR,
    T_SETUP_KEYGEN,
    T_SETUP_KEY_EXISTS,
    T_SETUP_SAVE,
    T_SETUP_HINTS,
    T_SETUP_ERR_CODE,
    T_SETUP_ERR_NAME,
    T_SETUP_ERR_ASSESSOR,
    T_SETUP_SAVED,
    T_SETUP_KEY_MADE,
    T_SETUP_CONFIG_AT,
    /* start */
    T_START_TITLE,
    T_START_UNIT,
    T_START_ASSESSOR,
    T_START_DUE_SECTION,
    T_START_CHANGE_SECTION,
    T_START_UNFINISHED_SECTION,
    T_START_FINISHED_SECTION,
    T_START_NO_SYSTEMS,
    T_START_NOT_STARTED,
    T_START_IN_PROGRESS,
    T_START_COMPLETED,
    T_START_DUE_ON,
    T_START_OVERDUE,
    T_START_CHANGE_OF,
    T_START_HINTS,
    T_START_CHECKLISTS,
    T_START_NOTHING,
    /* walk */
    T_WALK_ITEM_N,
    T_WALK_SYSTEM,
    T_WALK_WEIGHT,
    T_WALK_POINTS,
    T_WALK_GUIDANCE,
    T_WALK_SOURCE,
    T_WALK_ANSWER,
    T_WALK_KEYS_YESNO,
    T_WALK_KEYS_CHOICE,
    T_WALK_KEYS_NUMBER,
    T_WALK_KEYS_DATE,
    T_WALK_KEYS_TEXT,
    T_WALK_PREVIOUS,
    T_WALK_PREVIOUS_NONE,
    T_WALK_TAKE_OVER,
    T_WALK_CHANGED,
    T_WALK_SAME,
    T_WALK_NOTE,
    T_WALK_OWNER,
    T_WALK_DUE,
    T_WALK_EMPTY,
    T_WALK_FINDING,
    T_WALK_ASK_OWNER,
    T_WALK_EDIT_HINT,
    T_WALK_HINTS,
    T_WALK_EDIT_HINTS,
    T_WALK_SEARCH,
    T_WALK_NOT_FOUND,
    T_WALK_ALL_ANSWERED,
    T_WALK_NO_PREVIOUS,
    T_WALK_TOOK_OVER,
    T_WALK_SAVED,
    T_WALK_CHECKLISTS,
    T_WALK_ITEMS,
    T_WALK_NOT_ALLOWED,
    T_WALK_NOTHING_TO_ASK,
    T_ERR_NUMBER,
    T_ERR_NUMBER_RANGE,
    T_ERR_DATE,
    T_ERR_DATE_FUTURE,
    T_ERR_DATE_PAST,
    /* summary */
    T_SUM_TITLE,
    T_SUM_TOTAL,
    T_SUM_GRADE,
    T_SUM_VERDICT,
    T_SUM_PROGRESS,
    T_SUM_CRITICAL,
    T_SUM_FINDINGS,
    T_SUM_NO_FINDINGS,
    T_SUM_OWNER_DUE,
    T_SUM_NO_OWNER,
    T_SUM_HINTS,
    T_SUM_INCOMPLETE,
    /* export */
    T_EXP_TITLE,
    T_EXP_FOLDER,
    T_EXP_INCOMPLETE,
    T_EXP_ALLOW_INCOMPLETE,
    T_EXP_PASSPHRASE,
    T_EXP_WRITING,
    T_EXP_DONE,
    T_EXP_FILES,
    T_EXP_KEY,
    T_EXP_KEY_ID,
    T_EXP_PUBKEY,
    T_EXP_VERIFY,
    T_EXP_VERIFY_IN,
    T_EXP_HINTS,
    T_EXP_HINTS_DONE,
    T_EXP_ERR_EXISTS,
    T_EXP_ERR_IO,
    T_EXP_ERR_INCOMPLETE,
    T_EXP_ERR_KEY_MISSING,
    T_EXP_ERR_KEY_PASS,
    T_EXP_ERR_KEY_PERM,
    T_EXP_ERR_KEY_OTHER,
    T_EXP_KEYGEN_DONE,
    /* help */
    T_HELP_TITLE,
    T_HELP_CLOSE,
    T_HELP_COMMON,
    T_HELP_SETUP,
    T_HELP_START,
    T_HELP_WALK,
    T_HELP_SUMMARY,
    T_HELP_EXPORT,
    T_COUNT
} ui_str;

/* The string in lang ("en", else Chinese). Never NULL. Static: do not free. */
const char *ui_text(ui_str key, const char *lang);

/* Fills {1}..{9} in tmpl with args[0..n). A placeholder without an argument is
 * left empty. Returns a new string; caller frees (NULL when out of memory). */
char *ui_subst(const char *tmpl, const char *const *args, size_t n);

/* True for lang "en". */
bool ui_lang_en(const char *lang);

#endif
