/* fileset.c: markers that make a set of files whole or absent (see
 * fileset.h).
 *
 * The marker is written to a temporary file, synced, locked with flock and
 * then linked into place, so that it never exists half-written and never
 * exists unlocked while its writer lives. flock locks belong to the open file
 * and vanish when the process dies, which is what tells an interrupted
 * writer from a live one. */
#include "fileset.h"
#include "error.h"
#include "fsutil.h"
#include "i18n.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#define MARKER_MAX_BYTES 4096

int fileset_sync_dir_of(const char *path)
{
    char *copy = strdup(path);
    if (copy == NULL)
        return -1;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    /* FAT on a USB stick refuses fsync on folders */
    if (rc != 0 && (errno == EINVAL || errno == EROFS))
        rc = 0;
    if (close(fd) != 0)
        rc = -1;
    return rc;
}

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

int fileset_begin(const char *path, const char *content, fileset_marker *m, char **err)
{
    m->fd = -1;
    m->path = NULL;
    char *tmp = NULL;
    if (asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0)
        return error_set(err, _("out of memory"));
    int fd = mkstemp(tmp);
    if (fd < 0) {
        error_set(err, _("%s: cannot create a temporary file: %s"), path, i18n_strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = -1;
    if (write_all(fd, content, strlen(content)) != 0 || fsync(fd) != 0) {
        error_set(err, _("%s: write failed: %s"), path, i18n_strerror(errno));
    } else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        error_set(err, _("%s: cannot lock: %s"), path, i18n_strerror(errno));
    } else if (link(tmp, path) != 0) {
        int e = errno;
        error_set(err, "%s: %s", path, e == EEXIST ? _("already exists, not overwritten") : i18n_strerror(e));
        rc = e == EEXIST ? FSUTIL_EXISTS : -1;
    } else {
        rc = 0;
    }
    unlink(tmp);
    free(tmp);
    if (rc == 0 && fileset_sync_dir_of(path) != 0) {
        error_set(err, _("%s: cannot sync folder: %s"), path, i18n_strerror(errno));
        unlink(path);
        rc = -1;
    }
    if (rc == 0 && (m->path = strdup(path)) == NULL) {
        unlink(path);
        rc = error_set(err, _("out of memory"));
    }
    if (rc != 0) {
        close(fd);
        return rc;
    }
    m->fd = fd;
    return 0;
}

int fileset_rename(fileset_marker *m, const char *new_path, char **err)
{
    char *copy = strdup(new_path);
    if (copy == NULL)
        return error_set(err, _("out of memory"));
    if (rename(m->path, new_path) != 0 || fileset_sync_dir_of(new_path) != 0) {
        error_set(err, _("%s: cannot rename: %s"), m->path, i18n_strerror(errno));
        free(copy);
        return -1;
    }
    free(m->path);
    m->path = copy;
    return 0;
}

int fileset_end(fileset_marker *m, char **err)
{
    int rc = 0;
    if (m->path != NULL) {
        if (unlink(m->path) != 0 && errno != ENOENT)
            rc = error_set(err, _("%s: cannot remove: %s"), m->path, i18n_strerror(errno));
        else if (fileset_sync_dir_of(m->path) != 0)
            rc = error_set(err, _("%s: cannot sync folder: %s"), m->path, i18n_strerror(errno));
    }
    if (m->fd >= 0)
        close(m->fd);
    free(m->path);
    m->fd = -1;
    m->path = NULL;
    return rc;
}

int fileset_claim(const char *path, char **content, fileset_marker *m, char **err)
{
    *content = NULL;
    m->fd = -1;
    m->path = NULL;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            return 0;
        return error_set(err, "%s: %s", path, i18n_strerror(errno));
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        close(fd);
        return 0;   /* a live writer */
    }
    /* it may have been ended and removed between open and lock */
    struct stat st, now;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > MARKER_MAX_BYTES || lstat(path, &now) != 0 ||
        now.st_ino != st.st_ino || now.st_dev != st.st_dev) {
        close(fd);
        return 0;
    }
    char *text = malloc((size_t)st.st_size + 1);
    ssize_t n = text ? read(fd, text, (size_t)st.st_size) : -1;
    if (n < 0) {
        free(text);
        close(fd);
        return error_set(err, _("%s: cannot read: %s"), path, i18n_strerror(errno));
    }
    text[n] = '\0';
    m->path = strdup(path);
    if (m->path == NULL) {
        free(text);
        close(fd);
        return error_set(err, _("out of memory"));
    }
    m->fd = fd;
    *content = text;
    return 1;
}

void fileset_remove_temps(const char *target)
{
    char *copy = strdup(target), *copy2 = strdup(target);
    char *prefix = NULL;
    if (copy == NULL || copy2 == NULL || asprintf(&prefix, "%s.tmp.", basename(copy2)) < 0) {
        free(copy);
        free(copy2);
        return;
    }
    const char *dir = dirname(copy);
    DIR *d = opendir(dir);
    if (d != NULL) {
        struct dirent *e;
        size_t n = strlen(prefix);
        while ((e = readdir(d)) != NULL) {
            if (strncmp(e->d_name, prefix, n) != 0)
                continue;
            char *p = fsutil_join(dir, e->d_name);
            if (p)
                unlink(p);
            free(p);
        }
        closedir(d);
    }
    free(prefix);
    free(copy);
    free(copy2);
}
