/* fsutil.h: files the user keeps are written atomically.
 *
 * A temporary file in the same folder is written, flushed, fsync'ed and
 * closed with its status checked, then renamed over the target, and the
 * folder is fsync'ed, so that a crash or a full disk leaves either the old
 * file or the new one, never half of one. */
#ifndef SELFCHECK_FSUTIL_H
#define SELFCHECK_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* What fsutil_write_atomic returns when `path` exists and may not be
 * overwritten, so that callers can tell it from a failed write. */
#define FSUTIL_EXISTS (-2)

/* Writes `len` bytes to `path` atomically with the given mode (0600 for
 * secrets). With `overwrite` false, an existing `path` is left untouched and
 * FSUTIL_EXISTS returned. Returns 0, or -1 or FSUTIL_EXISTS with *err set
 * (caller frees). */
int fsutil_write_atomic(const char *path, const void *data, size_t len,
                        mode_t mode, bool overwrite, char **err);

/* Reads a whole file into a new NUL-terminated buffer (*out, caller frees) and
 * its length without the NUL into *len, as fsutil_read_regular does (so a
 * FIFO, device or folder is refused without blocking, and files over
 * max_bytes). Returns 0, or -1 with *err set. */
int fsutil_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char **err);

/* Kinds of a failed fsutil_read_regular, besides -1 (cannot open or read). */
#define FSUTIL_NOT_FOUND (-3)
#define FSUTIL_NOT_REGULAR (-4)
#define FSUTIL_TOO_LARGE (-5)

/* Reads a whole regular file into a new NUL-terminated buffer (*out, caller
 * frees; its length without the NUL in *len). The file is opened with
 * O_NONBLOCK, so a FIFO or a device given by name cannot stall the reader,
 * and fstat on that descriptor must say it is a regular file of at most
 * max_bytes. Returns 0, or -1, FSUTIL_NOT_FOUND, FSUTIL_NOT_REGULAR or
 * FSUTIL_TOO_LARGE with *err set. */
int fsutil_read_regular(const char *path, size_t max_bytes, char **out, size_t *len, char **err);

/* Creates a folder and its parents (mode 0700 for new ones). 0 or -1 with *err. */
int fsutil_mkdir_p(const char *path, char **err);

/* True when the path exists. */
bool fsutil_exists(const char *path);

/* Joins a folder and a name with one '/'. Returns a new string; caller frees. */
char *fsutil_join(const char *dir, const char *name);

#endif
