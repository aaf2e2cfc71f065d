/* terminal.h: the only door to curses.
 *
 * The rest of the TUI never includes <curses.h>: screens lay out a ui_canvas
 * and this module copies it to the terminal, reads keys as ui_key, maps each
 * colour role to a colour pair or (NO_COLOR, terminals without colour) to a
 * monochrome attribute, and restores the terminal on exit and on SIGINT,
 * SIGTERM and SIGHUP. */
#ifndef SELFCHECK_TERMINAL_H
#define SELFCHECK_TERMINAL_H

#include <stdbool.h>

#include "ui_canvas.h"
#include "ui_key.h"

/* Sets the locale from the environment (falling back to C.UTF-8 when it is
 * not UTF-8, since checklists are Chinese UTF-8) and installs the handlers of
 * SIGINT, SIGTERM and SIGHUP. Call before anything measures text. */
void term_prepare(void);
/* Starts curses on the controlling terminal. Returns 0, or -1 with *err
 * (caller frees) when there is no usable terminal. */
int term_open(char **err);
/* Restores the terminal; safe to call when it is not open, and twice. */
void term_close(void);
bool term_is_open(void);

/* The window's size now (it follows KEY_RESIZE). */
void term_size(int *rows, int *cols);
/* Waits up to timeout_ms for a key. Returns 1 with *k, or 0 when none came.
 * After SIGINT, SIGTERM or SIGHUP *k is UI_KEY_INTERRUPT. */
int term_read_key(ui_key *k, int timeout_ms);
/* The signal that asked the program to stop, or 0. */
int term_stop_signal(void);
/* Copies the canvas to the terminal (one refresh). */
void term_present(const ui_canvas *c);
/* True when colour is in use (false: monochrome attributes). */
bool term_has_colour(void);

#endif
