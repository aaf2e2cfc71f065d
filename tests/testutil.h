/* testutil.h: what the unit tests share: temporary folders and files, and
 * the fixture of the sheet tests (the walk-through tests' is in
 * testutil_walk.h, which brings in the screens' context). */
#ifndef SELFCHECK_TESTUTIL_H
#define SELFCHECK_TESTUTIL_H

#include <stddef.h>

#include "profile.h"

struct session;
struct ui_canvas;

/* Creates a fresh folder under /tmp; returns its path (caller frees). */
char *testutil_tempdir(void);
/* Removes a folder and everything in it. */
void testutil_rmtree(const char *path);
/* Writes text to dir/name; returns the full path (caller frees). */
char *testutil_write(const char *dir, const char *name, const char *text);
/* Reads a whole file; returns its text (caller frees) or NULL. */
char *testutil_read(const char *path);

/* The session of the sheet tests: in dir, a store with the systems web
 * (门户网站) and oa (办公自动化系统), the checklist fixtures/example.ini, unit
 * U1, the current period of profile p. Sets SELFCHECK_NOW to 2026-03-15 and
 * the XDG folders to dir. Returns 0 with *out, or -1 (the reason printed). */
int testutil_example_session(const char *dir, profile p, struct session **out);

/* The fixture of the tests over a session of fixtures/example.ini: a fresh
 * folder and testutil_example_session in it for the half-year check. As
 * cmocka setup and teardown: *state is a testutil_session *; the teardown
 * removes the folder and unsets what the session set in the environment. */
typedef struct testutil_session {
    char *dir;
    struct session *s;
} testutil_session;
int testutil_session_setup(void **state);
int testutil_session_teardown(void **state);

/* A canvas as text, one row per line (for the screens' tests). Caller frees. */
char *testutil_canvas_text(const struct ui_canvas *c);

#endif
