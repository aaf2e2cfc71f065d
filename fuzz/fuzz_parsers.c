/* fuzz_parsers.c: libFuzzer harnesses for every parser of untrusted input:
 * checklist INI files, selfcheck.ini, CSV answer sheets, and reports (CSV or
 * SQLite) as a supervisor receives them; and the text layer that lays out
 * whatever those files hold (wrapping and fitting by display width). The
 * first input byte chooses the parser; the rest is the file.
 *
 * Built with clang and -fsanitize=fuzzer when SELFCHECK_FUZZ is on. Without
 * it, the same code is built with a main() that replays files given on the
 * command line, so that ctest runs the harness over the fixtures in every
 * build and the harness cannot rot. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "checklist.h"
#include "config.h"
#include "report_read.h"
#include "sheet.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PARSERS 5

/* Wraps the bytes (up to a NUL) at a width taken from the first of them and
 * aborts unless the spans tile the text in order, each within the width,
 * and fitting never exceeds its columns. */
static void fuzz_text(const uint8_t *data, size_t size)
{
    if (size < 1)
        return;
    size_t width = 2 + data[0] % 100;
    char *s = strndup((const char *)data + 1, size - 1);
    if (s == NULL)
        return;
    size_t len = strlen(s);
    text_span *spans = NULL;
    size_t n = text_wrap(s, width, &spans);
    size_t at = 0;
    for (size_t i = 0; n != (size_t)-1 && i < n; i++) {
        if (spans[i].offset < at || spans[i].offset + spans[i].length > len || spans[i].columns > width)
            abort();
        char *line = strndup(s + spans[i].offset, spans[i].length);
        if (line != NULL && text_width(line) != spans[i].columns)
            abort();
        free(line);
        at = spans[i].offset + spans[i].length;
    }
    free(spans);
    size_t fitted = 0;
    if (text_fit(s, width, &fitted) > len || fitted > width)
        abort();
    free(s);
}

/* The parsers read files: hand them an in-memory one. */
static char *as_file(const uint8_t *data, size_t size, int *fd)
{
    *fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (*fd < 0)
        return NULL;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(*fd, data + done, size - done);
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    char *path = NULL;
    if (asprintf(&path, "/proc/self/fd/%d", *fd) < 0)
        return NULL;
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] % FUZZ_PARSERS == 4) {
        fuzz_text(data + 1, size - 1);
        return 0;
    }
    int fd;
    char *path = as_file(data + 1, size - 1, &fd);
    if (path == NULL)
        return 0;
    switch (data[0] % FUZZ_PARSERS) {
    case 0: {
        diag_list diags;
        diag_list_init(&diags);
        checklist *list = NULL;
        if (checklist_load_file(path, &list, &diags) != 0 && diags.count == 0)
            abort();   /* a failure must always say why */
        checklist_free(list);
        diag_list_clear(&diags);
        break;
    }
    case 1: {
        config *cfg = NULL;
        char *err = NULL;
        if (config_load(path, &cfg, &err) != 0 && err == NULL)
            abort();
        config_free(cfg);
        free(err);
        break;
    }
    case 2: {
        sheet *sh = NULL;
        char *err = NULL;
        if (sheet_read(path, &sh, &err) != 0 && err == NULL)
            abort();
        sheet_free(sh);
        free(err);
        break;
    }
    case 3: {
        report_doc *doc = NULL;
        char *err = NULL;
        if (report_parse(data + 1, size - 1, &doc, &err) != 0 && err == NULL)
            abort();
        report_doc_free(doc);
        free(err);
        break;
    }
    }
    free(path);
    close(fd);
    return 0;
}

#ifndef SELFCHECK_LIBFUZZER
/* Replays FILE... through every parser. */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL) {
            perror(argv[i]);
            return 1;
        }
        uint8_t *buf = malloc(1u << 22);
        size_t n = fread(buf + 1, 1, (1u << 22) - 1, f);
        fclose(f);
        for (uint8_t parser = 0; parser < FUZZ_PARSERS; parser++) {
            buf[0] = parser;
            LLVMFuzzerTestOneInput(buf, n + 1);
        }
        free(buf);
    }
    printf("replayed %d inputs through %d parsers\n", argc - 1, FUZZ_PARSERS);
    return 0;
}
#endif
