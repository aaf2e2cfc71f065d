/* fsutil.c: atomic writes and small file helpers (see fsutil.h). */
#include "fsutil.h"
#include "error.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *dir_of(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return NULL;
    char *dir = strdup(dirname(copy));
    free(copy);
    return dir;
}

static int fsync_dir(const char *dir, char **err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return error_set(err, _("%s: cannot open folder: %s"), dir, i18n_strerror(errno));
    int rc = fsync(fd);
    int saved = errno;
    close(fd);
    /* Some file systems (e.g. FAT on a USB stick) refuse fsync on folders. */
    if (rc != 0 && saved != EINVAL && saved != EROFS)
        return error_set(err, _("%s: cannot sync folder: %s"), dir, i18n_strerror(saved));
    return 0;
}

int fsutil_write_atomic(const char *path, const void *data, size_t len,
                        mode_t mode, bool overwrite, char **err)
{
    if (!overwrite && fsutil_exists(path)) {
        error_set(err, _("%s: already exists, not overwritten"), path);
        return FSUTIL_EXISTS;
    }
    bool exists = false;
    char *dir = dir_of(path);
    char *tmp = NULL;
    if (dir == NULL || asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0) {
        free(dir);
        return error_set(err, _("%s: out of memory"), path);
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        error_set(err, _("%s: cannot create a temporary file: %s"), path, i18n_strerror(errno));
        goto fail_nofile;
    }
    if (fchmod(fd, mode) != 0) {
        error_set(err, _("%s: cannot set mode: %s"), tmp, i18n_strerror(errno));
        close(fd);
        goto fail;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error_set(err, _("%s: write failed: %s"), path, n < 0 ? i18n_strerror(errno) : "no space");
            close(fd);
            goto fail;
        }
        p += n;
        left -= (size_t)n;
    }
    if (fsync(fd) != 0) {
        error_set(err, _("%s: cannot sync: %s"), path, i18n_strerror(errno));
        close(fd);
        goto fail;
    }
    if (close(fd) != 0) {
        error_set(err, _("%s: close failed: %s"), path, i18n_strerror(errno));
        goto fail;
    }
    if (!overwrite) {
        /* link() fails if the target appeared meanwhile: never clobber. */
        if (link(tmp, path) != 0) {
            exists = errno == EEXIST;
            error_set(err, "%s: %s", path, exists ? "already exists, not overwritten" : i18n_strerror(errno));
            goto fail;
        }
        unlink(tmp);
    } else if (rename(tmp, path) != 0) {
        error_set(err, _("%s: cannot rename into place: %s"), path, i18n_strerror(errno));
        goto fail;
    }
    int rc = fsync_dir(dir, err);
    free(tmp);
    free(dir);
    return rc;
fail:
    unlink(tmp);
fail_nofile:
    free(tmp);
    free(dir);
    return exists ? FSUTIL_EXISTS : -1;
}

int fsutil_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char **err)
{
    /* the same checks as every reader's: a FIFO, a device or a folder given
     * where a file belongs is refused at once rather than read or waited on */
    return fsutil_read_regular(path, max_bytes, out, len, err) == 0 ? 0 : -1;
}

int fsutil_read_regular(const char *path, size_t max_bytes, char **out, size_t *len, char **err)
{
    *out = NULL;
    if (len)
        *len = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        error_set(err, "%s: %s", path, i18n_strerror(e));
        return e == ENOENT ? FSUTIL_NOT_FOUND : -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        error_set(err, "%s: %s", path, i18n_strerror(errno));
        close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        error_set(err, _("%s: not a regular file"), path);
        close(fd);
        return FSUTIL_NOT_REGULAR;
    }
    if ((uintmax_t)st.st_size > (uintmax_t)max_bytes) {
        error_set(err, _("%s: %jd bytes, more than the %zu allowed"), path, (intmax_t)st.st_size, max_bytes);
        close(fd);
        return FSUTIL_TOO_LARGE;
    }
    /* one byte more than fstat said, to notice a file that grows meanwhile */
    size_t capacity = (size_t)st.st_size + 2, used = 0;
    char *buf = malloc(capacity);
    if (buf == NULL) {
        close(fd);
        return error_set(err, _("%s: out of memory"), path);
    }
    for (;;) {
        ssize_t n = read(fd, buf + used, capacity - 1 - used);
        if (n < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (n < 0) {
            error_set(err, "%s: %s", path, i18n_strerror(errno));
            free(buf);
            close(fd);
            return -1;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        if (used == capacity - 1) {
            if (used > max_bytes) {
                free(buf);
                close(fd);
                error_set(err, _("%s: larger than %zu bytes"), path, max_bytes);
                return FSUTIL_TOO_LARGE;
            }
            char *grown = realloc(buf, capacity * 2);
            if (grown == NULL) {
                free(buf);
                close(fd);
                return error_set(err, _("%s: out of memory"), path);
            }
            buf = grown;
            capacity *= 2;
        }
    }
    close(fd);
    if (used > max_bytes) {
        free(buf);
        error_set(err, _("%s: larger than %zu bytes"), path, max_bytes);
        return FSUTIL_TOO_LARGE;
    }
    buf[used] = '\0';
    *out = buf;
    if (len)
        *len = used;
    return 0;
}

int fsutil_mkdir_p(const char *path, char **err)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return error_set(err, _("out of memory"));
    for (char *p = copy + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
                error_set(err, _("%s: cannot create folder: %s"), copy, i18n_strerror(errno));
                free(copy);
                return -1;
            }
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    free(copy);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return error_set(err, _("%s: not a folder"), path);
    return 0;
}

bool fsutil_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

char *fsutil_join(const char *dir, const char *name)
{
    char *out = NULL;
    size_t n = strlen(dir);
    const char *sep = (n > 0 && dir[n - 1] == '/') ? "" : "/";
    if (asprintf(&out, "%s%s%s", dir, sep, name) < 0)
        return NULL;
    return out;
}
