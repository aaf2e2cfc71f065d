/* paths.h: where the program's own data is, installed or in the build tree.
 *
 * No source or build path is compiled in. The build tree mirrors the install
 * layout: the binary in build/, its data in build/share/; installed, the
 * binary is in PREFIX/bin and the data in PREFIX/share. So the data is looked
 * for beside the running binary, in EXE_DIR/share and then EXE_DIR/../share.
 * SELFCHECK_SHARE in the environment names the share folder instead (tests). */
#ifndef SELFCHECK_PATHS_H
#define SELFCHECK_PATHS_H

/* The path of `relative` (for example "locale" or "selfcheck/checklists")
 * inside the first share folder where it exists. Returns a string the caller
 * frees, or NULL when it is found nowhere (or memory ran out: then errno is
 * ENOMEM). */
char *paths_share(const char *relative);

/* The folder of the running binary. Returns a string the caller frees, or NULL. */
char *paths_exe_dir(void);

#endif
