/* testutil.h: small helpers shared by the unit tests (temporary folders, files). */
#ifndef SELFCHECK_TESTUTIL_H
#define SELFCHECK_TESTUTIL_H

#include <stddef.h>

/* Creates a fresh folder under /tmp; returns its path (caller frees). */
char *testutil_tempdir(void);
/* Removes a folder and everything in it. */
void testutil_rmtree(const char *path);
/* Writes text to dir/name; returns the full path (caller frees). */
char *testutil_write(const char *dir, const char *name, const char *text);
/* Reads a whole file; returns its text (caller frees) or NULL. */
char *testutil_read(const char *path);

#endif
