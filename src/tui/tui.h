/* tui.h: the terminal interface, as the command line starts it.
 *
 * `selfcheck` with no arguments and `selfcheck run [--profile P] [--period X]`
 * call tui_run. It asks for the unit's details on the first run, then shows
 * the start screen, or opens the named profile and period directly. */
#ifndef SELFCHECK_TUI_H
#define SELFCHECK_TUI_H

/* Runs the TUI until the user quits. Every argument may be NULL: config_path
 * (--config), db_path (--db), profile_name ("monthly", "halfyear", "change")
 * and period ("2026-11", "2026-H2", "2026-11-15@oa"; a period alone implies
 * its profile). Prints its own error messages to stderr after restoring the
 * terminal. Returns the process exit code: 0 after quitting; 2 for a bad
 * profile or period; 3 for an invalid configuration or checklists; 4 when
 * the answer store cannot be opened; 5 when there is no usable terminal;
 * 128+N after signal N (SIGINT 130, SIGTERM 143, SIGHUP 129). */
int tui_run(const char *config_path, const char *db_path, const char *profile_name, const char *period);

/* Runs the supervisor's review TUI (`selfcheck review`) on the review
 * database db_path (NULL: the default, review_db.h), with the language and
 * the schedule of the settings at config_path (NULL: the search order).
 * Returns the exit code: 0 after quitting; 3 for invalid settings; 4 when
 * the review database cannot be opened; 5 when there is no usable
 * terminal; 128+N after signal N. */
int tui_run_review(const char *config_path, const char *db_path);

#endif
