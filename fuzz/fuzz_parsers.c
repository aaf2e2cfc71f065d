/* fuzz_parsers.c: libFuzzer harnesses for every parser of untrusted input:
 * checklist INI files, selfcheck.ini, CSV answer sheets, reports (CSV or
 * SQLite) as a supervisor receives them, the verifier that the supervisor's
 * import runs on each file (report_verify_bytes over a trust store), and
 * the incident rules file with facts to classify; and the text layer that lays out
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
#include "incident.h"
#include "report_read.h"
#include "sheet.h"
#include "sign.h"
#include "text.h"
#include "trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PARSERS 7

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

/* Loads the bytes as an incident rules file; when they load, classifies the
 * facts that the file's own bytes spell as KEY=VALUE words (so a seed's rules
 * meet facts of their own vocabulary), and aborts on a result that breaks
 * the rule: the level is the highest of the rules listed, none without one. */
static void fuzz_incident(const char *path, const uint8_t *data, size_t size)
{
    diag_list diags;
    diag_list_init(&diags);
    incident_rules *rules = NULL;
    if (incident_rules_load(path, &rules, &diags) != 0) {
        if (diags.count == 0)
            abort();   /* a failure must always say why */
        diag_list_clear(&diags);
        return;
    }
    incident_facts facts;
    incident_facts_init(&facts);
    char *text = strndup((const char *)data, size);
    char *save = NULL;
    for (char *w = text ? strtok_r(text, " \t\r\n,", &save) : NULL; w != NULL; w = strtok_r(NULL, " \t\r\n,", &save))
        incident_facts_set_arg(&facts, w, NULL);
    free(text);
    incident_result *res = NULL;
    if (incident_classify(rules, &facts, &res, NULL) == 0) {
        incident_level top = INCIDENT_LEVEL_NONE;
        for (size_t i = 0; i < res->applied_count; i++)
            if (res->applied[i]->level > top)
                top = res->applied[i]->level;
        if (top != res->level || (res->level == INCIDENT_LEVEL_NONE) != (res->warning == INCIDENT_WARNING_NONE))
            abort();
    }
    incident_result_free(res);
    incident_rules_free(rules);
    diag_list_clear(&diags);
}

/* The unit's key pair the verifier harness signs with and trusts: made once
 * per process in a temporary folder that is removed at once. */
static sign_key *fuzz_private;
static trust_store *fuzz_trust;

static int fuzz_keys(void)
{
    if (fuzz_trust != NULL)
        return 0;
    char dir[] = "/tmp/selfcheck-fuzz-XXXXXX";
    if (mkdtemp(dir) == NULL)
        return -1;
    char prefix[64], key_path[80], pub_path[80];
    snprintf(prefix, sizeof prefix, "%s/unit", dir);
    snprintf(key_path, sizeof key_path, "%s.key", prefix);
    snprintf(pub_path, sizeof pub_path, "%s.pub", prefix);
    char *id = NULL, *err = NULL;
    sign_key *pub = NULL;
    int rc = -1;
    if (sign_keygen(SIGN_ALGO_ED25519, prefix, NULL, &id, &err) == SIGN_OK &&
        sign_key_load_private(key_path, NULL, &fuzz_private, &err) == SIGN_OK &&
        sign_key_load_public(pub_path, &pub, &err) == SIGN_OK && (fuzz_trust = trust_new()) != NULL) {
        trust_set_chosen_only(fuzz_trust, true);   /* as the import does */
        rc = trust_add(fuzz_trust, "4401-hb", pub, NULL, &err) == TRUST_OK ? 0 : -1;
        pub = NULL;
    }
    sign_key_free(pub);
    free(id);
    free(err);
    unlink(key_path);
    unlink(pub_path);
    rmdir(dir);
    return rc;
}

/* Verifies the bytes as a report of unit 4401-hb the way the supervisor's
 * import does. The first byte chooses the file's name (CSV or SQLite) and
 * the signature: a genuine one over the bytes (so that whatever verifies
 * is then parsed, SQLite included), or the last 64 bytes as a forged one.
 * Aborts on a failure without a reason, or success without content. */
static void fuzz_verify(const uint8_t *data, size_t size)
{
    if (size < 1 || fuzz_keys() != 0)
        return;
    const char *name = data[0] & 1 ? "4401-hb_halfyear_2026-H2.sqlite" : "4401-hb_halfyear_2026-H2.csv";
    const uint8_t *report = data + 1;
    size_t len = size - 1;
    unsigned char *sig = NULL;
    size_t sig_len = 0;
    char *err = NULL;
    if (data[0] & 2) {
        if (sign_data(fuzz_private, report, len, &sig, &sig_len, &err) != SIGN_OK) {
            free(err);
            return;
        }
    } else if (len >= 64) {
        len -= 64;
        if ((sig = malloc(64)) == NULL)
            return;
        memcpy(sig, report + len, 64);
        sig_len = 64;
    }
    report_verification v = {0};
    report_verify_status st = report_verify_bytes(name, report, len, sig, sig_len, NULL, fuzz_trust, &v, &err);
    if ((st != REPORT_VERIFY_OK && err == NULL) || (st == REPORT_VERIFY_OK && v.doc == NULL))
        abort();
    report_verification_clear(&v);
    free(sig);
    free(err);
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
    if (data[0] % FUZZ_PARSERS == 6) {
        /* the next byte chooses the name and the signature */
        fuzz_verify(data + 1, size - 1);
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
    case 5:
        fuzz_incident(path, data + 1, size - 1);
        break;
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
