/* testutil.c: temporary folders and files for the unit tests. */
#include "testutil.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fsutil.h"

char *testutil_tempdir(void)
{
    char *path = strdup("/tmp/selfcheck-test-XXXXXX");
    if (path == NULL || mkdtemp(path) == NULL) {
        free(path);
        return NULL;
    }
    return path;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void testutil_rmtree(const char *path)
{
    if (path != NULL)
        nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *testutil_write(const char *dir, const char *name, const char *text)
{
    char *path = fsutil_join(dir, name);
    FILE *f = fopen(path, "wb");
    if (f == NULL) {
        free(path);
        return NULL;
    }
    fputs(text, f);
    fclose(f);
    return path;
}

char *testutil_read(const char *path)
{
    char *text = NULL;
    size_t len;
    if (fsutil_read_file(path, 64u * 1024u * 1024u, &text, &len, NULL) != 0)
        return NULL;
    return text;
}
