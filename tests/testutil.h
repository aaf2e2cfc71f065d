/* testutil.h: small helpers shared by the unit tests (temporary folders, files). */
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

/* A canvas as text, one row per line (for the screens' tests). Caller frees. */
char *testutil_canvas_text(const struct ui_canvas *c);

#endif
