/* paths.c: finds the program's data beside the running binary (see paths.h). */
#include "paths.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *paths_exe_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return NULL;
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash == NULL)
        return NULL;
    *slash = '\0';
    return strdup(buf[0] ? buf : "/");
}

static char *path_if_exists(const char *share, const char *relative)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", share, relative) < 0)
        return NULL;
    /* PREFIX/bin/../share is said as PREFIX/share: the path is shown to people */
    char *real = realpath(path, NULL);
    free(path);
    return real;
}

char *paths_share(const char *relative)
{
    const char *forced = getenv("SELFCHECK_SHARE");
    if (forced != NULL && *forced != '\0')
        return path_if_exists(forced, relative);
    char *exe_dir = paths_exe_dir();
    if (exe_dir == NULL)
        return NULL;
    char *found = NULL;
    /* the build tree (EXE_DIR/share), then an install (PREFIX/bin/../share) */
    static const char *const candidates[] = {"share", "../share"};
    int error = 0;
    for (size_t i = 0; i < sizeof candidates / sizeof candidates[0] && found == NULL; i++) {
        char *share = NULL;
        if (asprintf(&share, "%s/%s", exe_dir, candidates[i]) < 0) {
            error = ENOMEM;
            break;
        }
        errno = 0;
        found = path_if_exists(share, relative);
        error = errno;
        free(share);
        /* out of memory is not "not here": the next candidate must not hide it */
        if (found == NULL && error == ENOMEM)
            break;
    }
    free(exe_dir);
    errno = found == NULL ? error : 0;
    return found;
}
