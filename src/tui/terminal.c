/* terminal.c: curses, colours, keys and signals (see terminal.h).
 *
 * This is the one file that includes <curses.h>. Signals only set a flag: the
 * event loop sees it at its next key read (get_wch returns early on EINTR,
 * and in any case within its timeout), leaves through the normal path and
 * calls endwin, because endwin is not safe inside a signal handler. */
#include "terminal.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "i18n.h"
#include "text.h"

static volatile sig_atomic_t stop_signal;
static SCREEN *screen;
static bool use_colour;
static int instant_errors;   /* reads that failed at once in a row */

typedef struct role_style {
    short fg, bg;           /* colour pair; -1 is the terminal's default */
    attr_t colour_attr;     /* added to the pair */
    attr_t mono_attr;       /* used alone without colour */
} role_style;

/* Colour is never the only signal: every role's meaning is also in a glyph
 * or a word, and the monochrome column keeps the structure readable. */
static const role_style styles[UI_ROLE_COUNT] = {
    [UI_ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [UI_ROLE_ANSWERED] = {COLOR_GREEN, -1, A_NORMAL, A_NORMAL},
    [UI_ROLE_FAILED] = {COLOR_RED, -1, A_BOLD, A_BOLD},
    [UI_ROLE_CRITICAL] = {COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE},
    [UI_ROLE_SELECTED] = {COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE},
    [UI_ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE},
    [UI_ROLE_DIM] = {COLOR_CYAN, -1, A_NORMAL, A_DIM},
    [UI_ROLE_WARNING] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [UI_ROLE_INPUT] = {-1, -1, A_UNDERLINE, A_UNDERLINE},
};

static void on_stop_signal(int sig)
{
    stop_signal = sig;
}

static bool locale_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

void term_prepare(void)
{
    /* Checklists and answers are UTF-8 Chinese: without a UTF-8 locale
     * wcwidth knows no CJK and curses would print bytes as garbage. main set
     * LC_CTYPE through i18n_init; only LC_CTYPE and LC_MESSAGES ever come
     * from the environment (numbers stay in the C locale). */
    if (!locale_is_utf8())
        setlocale(LC_CTYPE, "C.UTF-8");
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;   /* no SA_RESTART: a blocked read returns at once */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

static void term_colours(void)
{
    const char *no_colour = getenv("NO_COLOR");
    use_colour = has_colors() && !(no_colour && *no_colour);
    if (!use_colour || start_color() == ERR) {
        use_colour = false;
        return;
    }
    bool defaults = use_default_colors() == OK;
    for (int r = 0; r < UI_ROLE_COUNT; r++) {
        short fg = styles[r].fg, bg = styles[r].bg;
        if (!defaults) {
            fg = fg < 0 ? COLOR_WHITE : fg;
            bg = bg < 0 ? COLOR_BLACK : bg;
        }
        init_pair((short)(r + 1), fg, bg);
    }
}

int term_open(char **err)
{
    if (screen != NULL)
        return 0;
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        if (err && asprintf(err, _("the screen needs a terminal; for scripts use "
                                 "'selfcheck template' and 'selfcheck answer --from'")) < 0)
            *err = NULL;
        return -1;
    }
    /* newterm rather than initscr: initscr exits the process on failure */
    screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) {
        const char *term = getenv("TERM");
        if (err && asprintf(err, _("cannot use the terminal (TERM=%s)"), term ? term : "") < 0)
            *err = NULL;
        return -1;
    }
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    curs_set(0);
    term_colours();
    return 0;
}

void term_close(void)
{
    if (screen == NULL)
        return;
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    fflush(stdout);
}

bool term_is_open(void)
{
    return screen != NULL;
}

bool term_has_colour(void)
{
    return use_colour;
}

void term_size(int *rows, int *cols)
{
    *rows = screen ? LINES : 0;
    *cols = screen ? COLS : 0;
}

int term_stop_signal(void)
{
    return (int)stop_signal;
}

static ui_key term_map_code(int code)
{
    switch (code) {
    case KEY_UP: return ui_key_make(UI_KEY_UP);
    case KEY_DOWN: return ui_key_make(UI_KEY_DOWN);
    case KEY_LEFT: return ui_key_make(UI_KEY_LEFT);
    case KEY_RIGHT: return ui_key_make(UI_KEY_RIGHT);
    case KEY_PPAGE: return ui_key_make(UI_KEY_PGUP);
    case KEY_NPAGE: return ui_key_make(UI_KEY_PGDN);
    case KEY_HOME: return ui_key_make(UI_KEY_HOME);
    case KEY_END: return ui_key_make(UI_KEY_END);
    case KEY_ENTER: return ui_key_make(UI_KEY_ENTER);
    case KEY_BACKSPACE: return ui_key_make(UI_KEY_BACKSPACE);
    case KEY_DC: return ui_key_make(UI_KEY_DELETE);
    case KEY_BTAB: return ui_key_make(UI_KEY_BTAB);
    case KEY_RESIZE: return ui_key_make(UI_KEY_RESIZE);
    default:
        if (code == KEY_F(1))
            return ui_key_make(UI_KEY_F1);
        return ui_key_make(UI_KEY_NONE);
    }
}

static ui_key term_map_char(wint_t ch)
{
    switch (ch) {
    case L'\n':
    case L'\r':
        return ui_key_make(UI_KEY_ENTER);
    case L'\t':
        return ui_key_make(UI_KEY_TAB);
    case 27:
        return ui_key_make(UI_KEY_ESC);
    case 127:
    case 8:
        return ui_key_make(UI_KEY_BACKSPACE);
    default:
        return ui_key_char((unsigned)ch);
    }
}

int term_read_key(ui_key *k, int timeout_ms)
{
    if (stop_signal) {
        *k = ui_key_make(UI_KEY_INTERRUPT);
        return 1;
    }
    if (screen == NULL)
        return 0;
    timeout(timeout_ms);
    wint_t ch = 0;
    struct timespec before, after;
    clock_gettime(CLOCK_MONOTONIC, &before);
    int rc = get_wch(&ch);
    if (stop_signal) {
        *k = ui_key_make(UI_KEY_INTERRUPT);
        return 1;
    }
    if (rc == ERR) {
        /* A read that fails at once, again and again, means the terminal is
         * gone (end of file without a SIGHUP): leave as if hung up rather
         * than spin. A timeout takes its full time and is not counted. */
        clock_gettime(CLOCK_MONOTONIC, &after);
        long ms = (after.tv_sec - before.tv_sec) * 1000 + (after.tv_nsec - before.tv_nsec) / 1000000;
        if (timeout_ms > 20 && ms < 5 && ++instant_errors > 100) {
            stop_signal = SIGHUP;
            *k = ui_key_make(UI_KEY_INTERRUPT);
            return 1;
        }
        if (ms >= 5)
            instant_errors = 0;
        return 0;
    }
    instant_errors = 0;
    *k = rc == KEY_CODE_YES ? term_map_code((int)ch) : term_map_char(ch);
    /* after a resize the terminal's contents are unknown (it may have
     * reflowed them): repaint every cell at the next refresh */
    if (k->code == UI_KEY_RESIZE)
        clearok(curscr, TRUE);
    return k->code != UI_KEY_NONE;
}

static attr_t term_attr(int role, short *pair)
{
    if (role < 0 || role >= UI_ROLE_COUNT)
        role = UI_ROLE_NORMAL;
    if (use_colour) {
        *pair = (short)(role + 1);
        return styles[role].colour_attr;
    }
    *pair = 0;
    return styles[role].mono_attr;
}

void term_present(const ui_canvas *c)
{
    if (screen == NULL)
        return;
    int rows = c->rows < LINES ? c->rows : LINES;
    int cols = c->cols < COLS ? c->cols : COLS;
    wchar_t *run = malloc(((size_t)cols + 1) * sizeof *run);
    if (run == NULL)
        return;
    for (int y = 0; y < rows; y++) {
        const ui_cell *line = &c->cells[(size_t)y * (size_t)c->cols];
        int x = 0;
        while (x < cols) {
            int role = line[x].role;
            short pair;
            attr_t attr = term_attr(role, &pair);
            attr_set(attr, pair, NULL);
            if (line[x].cp == UI_GLYPH_VLINE || line[x].cp == UI_GLYPH_HLINE) {
                /* line drawing through ACS is one column on every terminal */
                mvadd_wch(y, x, line[x].cp == UI_GLYPH_VLINE ? WACS_VLINE : WACS_HLINE);
                x++;
                continue;
            }
            int start = x, n = 0;
            while (x < cols && line[x].role == role && line[x].cp != UI_GLYPH_VLINE
                   && line[x].cp != UI_GLYPH_HLINE) {
                unsigned cp = line[x].cp;
                if (cp != 0)
                    run[n++] = (wchar_t)cp;
                x++;
                /* counted two columns ([ui] ambiguous = wide) where curses
                 * counts one: end the run, so that what follows is placed
                 * where the layout put it, not where curses thinks it is */
                if (cp != 0 && text_char_width(cp) == 2 && wcwidth((wchar_t)cp) == 1) {
                    if (x < cols && line[x].cp == 0)
                        x++;
                    break;
                }
            }
            /* a wide character cut by the right edge would wrap: drop it */
            if (n > 0 && x == cols && line[cols - 1].cp != 0 && cols < c->cols && c->cells[(size_t)y * (size_t)c->cols + (size_t)cols].cp == 0)
                run[n - 1] = L' ';
            run[n] = L'\0';
            mvaddnwstr(y, start, run, n);
        }
    }
    free(run);
    attr_set(A_NORMAL, 0, NULL);
    if (c->cursor_row >= 0 && c->cursor_row < LINES && c->cursor_col < COLS) {
        move(c->cursor_row, c->cursor_col);
        curs_set(1);
    } else {
        curs_set(0);
    }
    refresh();
}
