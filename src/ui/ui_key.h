/* ui_key.h: keys and what a screen asks the event loop to do after one.
 *
 * The terminal module turns curses key codes into these, so that the screens'
 * key handling in src/ui can be driven by unit tests without a terminal. */
#ifndef SELFCHECK_UI_KEY_H
#define SELFCHECK_UI_KEY_H

typedef enum ui_keycode {
    UI_KEY_NONE = 0,
    UI_KEY_CHAR,        /* a character: ch holds its code point */
    UI_KEY_UP,
    UI_KEY_DOWN,
    UI_KEY_LEFT,
    UI_KEY_RIGHT,
    UI_KEY_PGUP,
    UI_KEY_PGDN,
    UI_KEY_HOME,
    UI_KEY_END,
    UI_KEY_ENTER,
    UI_KEY_BACKSPACE,
    UI_KEY_DELETE,
    UI_KEY_ESC,
    UI_KEY_TAB,
    UI_KEY_BTAB,        /* Shift-Tab */
    UI_KEY_F1,
    UI_KEY_RESIZE,
    UI_KEY_INTERRUPT    /* Ctrl-C, SIGTERM or SIGHUP: leave now */
} ui_keycode;

typedef struct ui_key {
    ui_keycode code;
    unsigned ch;        /* with UI_KEY_CHAR */
} ui_key;

/* What the event loop does after a key: nothing, draw again, or change screen.
 * Screens never switch themselves; they ask, and the loop does it once. */
typedef enum ui_action {
    UI_ACT_NONE = 0,
    UI_ACT_REDRAW,
    UI_ACT_QUIT,
    UI_ACT_HELP,        /* show the help of the current screen */
    UI_ACT_BACK,        /* close the help: back to the screen it was opened from */
    UI_ACT_START,       /* back to the start screen (closes the assessment) */
    UI_ACT_OPEN,        /* the start screen chose an assessment: open it */
    UI_ACT_WALK,
    UI_ACT_SUMMARY,
    UI_ACT_EXPORT,
    UI_ACT_SYSTEMS,     /* the start screen asked for the information systems */
    UI_ACT_FORMS,       /* the start screen asked for the annex forms (inventory, survey) */
    UI_ACT_INCIDENT,    /* the start screen asked for the incident classifier */
    /* the supervisor's review (ui_review.h): show that screen */
    UI_ACT_REVIEW_TABLE,
    UI_ACT_REVIEW_UNIT,
    UI_ACT_REVIEW_COMPARE,
    UI_ACT_REVIEW_ITEMS,
    UI_ACT_REVIEW_FOLLOWUP,
    UI_ACT_REVIEW_MISSING
} ui_action;

/* A key made of one character (after full-width folding, see ui_key_command). */
static inline ui_key ui_key_char(unsigned ch)
{
    ui_key k = {UI_KEY_CHAR, ch};
    return k;
}

static inline ui_key ui_key_make(ui_keycode code)
{
    ui_key k = {code, 0};
    return k;
}

#endif
