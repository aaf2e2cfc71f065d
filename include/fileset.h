/* fileset.h: several files in one folder that appear whole or not at all,
 * even when the writer is killed (kill -9, power loss).
 *
 * A writer puts a marker file in the folder before its first file and removes
 * it after its last; the marker may name what the writer found there before
 * (the files it will put back if it does not finish). While the writer runs
 * it holds a lock on the marker, so that the next run tells a live writer
 * from an interrupted one: a marker nobody holds is an interrupted set, which
 * the next run takes over (fileset_claim), undoes or finishes, and removes.
 * The report writer and keygen use this; the marker's name and content are
 * theirs. */
#ifndef SELFCHECK_FILESET_H
#define SELFCHECK_FILESET_H

#include <stdbool.h>

typedef struct fileset_marker {
    int fd;       /* open and locked while the set is being written; -1 when none */
    char *path;   /* the marker's path */
} fileset_marker;

/* Puts the marker at path with `content`, durably (written, synced, linked,
 * folder synced), and locks it. Returns 0, FSUTIL_EXISTS when a marker is
 * there already, or -1, with *err. */
int fileset_begin(const char *path, const char *content, fileset_marker *m, char **err);

/* Renames the marker (a new phase of the writer, e.g. "committing"),
 * durably. 0 or -1 with *err. */
int fileset_rename(fileset_marker *m, const char *new_path, char **err);

/* Removes the marker (the set is complete, or undone), syncs the folder and
 * drops the lock. 0 or -1 with *err; m is cleared in both cases. */
int fileset_end(fileset_marker *m, char **err);

/* Takes over the marker at path when it is left by an interrupted writer:
 * returns 1 with its content in *content (caller frees) and m locked, 0 when
 * there is no marker or a live writer holds it, -1 with *err. */
int fileset_claim(const char *path, char **content, fileset_marker *m, char **err);

/* Removes the temporary files that an interrupted atomic write of `target`
 * may have left beside it (TARGET.tmp.*, what fsutil_write_atomic and
 * mkstemp make, with SQLite's -journal). */
void fileset_remove_temps(const char *target);

/* Syncs the folder that holds path; FAT's refusal is not an error. 0 or -1. */
int fileset_sync_dir_of(const char *path);

#endif
