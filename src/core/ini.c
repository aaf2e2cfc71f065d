/* ini.c: INI files read with iniparser after a check of their raw lines
 * (see ini.h for what the check guards against). */
#include "ini.h"
#include "i18n.h"
#include "text.h"
#include "fsutil.h"
#include "i18n.h"
#include "ident.h"

#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser/iniparser.h>

#define INI_MAX_FILE (4u * 1024u * 1024u)
#define INI_MAX_NAME 64

/* The file being read: its problems (diag_file) and, once the raw lines
 * are clean, iniparser's dictionary of it. */
typedef struct read_context {
    diag_file file;
    dictionary *dict;
} read_context;

static void ini_file_release(ini_file *raw)
{
    for (size_t i = 0; i < raw->count; i++) {
        ini_section *s = &raw->sections[i];
        for (size_t k = 0; k < s->key_count; k++) {
            free(s->keys[k].name);
            free(s->keys[k].value);
        }
        free(s->keys);
        free(s->name);
    }
    free(raw->sections);
}

/* Section and key names may also hold '.' and '_' (item.ID, choice.KEY.zh). */
static bool valid_name(const char *s, bool *has_upper)
{
    *has_upper = false;
    if (*s == '\0')
        return false;
    for (; *s; s++) {
        if (isupper((unsigned char)*s))
            *has_upper = true;
        else if (!ident_name_char(*s) && *s != '.' && *s != '_')
            return false;
    }
    return true;
}

static ini_section *raw_add_section(ini_file *raw, char *name, int line)
{
    if (raw->count == raw->capacity) {
        size_t capacity = raw->capacity ? raw->capacity * 2 : 16;
        ini_section *grown = realloc(raw->sections, capacity * sizeof *grown);
        if (grown == NULL)
            return NULL;
        raw->sections = grown;
        raw->capacity = capacity;
    }
    ini_section *s = &raw->sections[raw->count++];
    *s = (ini_section){.name = name, .line = line};
    return s;
}

static int raw_add_key(ini_section *s, char *name, char *value, int line)
{
    if (s->key_count == s->key_capacity) {
        size_t capacity = s->key_capacity ? s->key_capacity * 2 : 16;
        ini_key *grown = realloc(s->keys, capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        s->keys = grown;
        s->key_capacity = capacity;
    }
    s->keys[s->key_count++] = (ini_key){name, value, line};
    return 0;
}

static const ini_key *raw_find_key(const ini_section *s, const char *name)
{
    for (size_t i = 0; i < s->key_count; i++)
        if (strcmp(s->keys[i].name, name) == 0)
            return &s->keys[i];
    return NULL;
}

/* Reads a value as iniparser will (quotes stripped) and says whether iniparser
 * would change it. Returns the value, or NULL after reporting the problem. */
static char *raw_value(read_context *cx, int line, const char *start, const char *end)
{
    char *value = text_strip(start, end);
    if (value == NULL) {
        diag_file_report(&cx->file, line, _("out of memory"));
        return NULL;
    }
    size_t n = strlen(value);
    if (n > 0 && (value[0] == '"' || value[0] == '\'')) {
        char quote = value[0];
        char *close = strchr(value + 1, quote);
        if (close == NULL) {
            diag_file_report(&cx->file, line, _("unclosed %c quote"), quote);
            free(value);
            return NULL;
        }
        if (close[1] != '\0') {
            diag_file_report(&cx->file, line, _("text after the closing %c quote (there are no escapes: "
                             "quote a value containing %c with the other kind of quote)"),
                   quote, quote);
            free(value);
            return NULL;
        }
        memmove(value, value + 1, (size_t)(close - value - 1));
        value[close - value - 1] = '\0';
        return value;
    }
    if (strpbrk(value, ";#") != NULL) {
        diag_file_report(&cx->file, line, _("value contains ';' or '#', which would cut it short: put it in \"quotes\""));
        free(value);
        return NULL;
    }
    if (n > 0 && value[n - 1] == '\\') {
        diag_file_report(&cx->file, line, _("line continuation with '\\' is not supported: one key, one line"));
        free(value);
        return NULL;
    }
    return value;
}

/* The pre-pass: one look at every raw line. */
static void raw_scan(read_context *cx, const char *text, size_t len, ini_file *raw)
{
    ini_section *current = NULL;
    int line_no = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        line_no++;
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = eol ? eol : end;
        const char *next = eol ? eol + 1 : end;
        if (line_end > p && line_end[-1] == '\r')
            line_end--;
        size_t line_len = (size_t)(line_end - p);
        size_t bad;
        const char *nul = memchr(p, '\0', line_len);
        if (nul != NULL) {
            /* iniparser would stop the line there and call it too long */
            diag_file_report(&cx->file, line_no, _("a NUL byte at byte %zu of the line: this is not a text file"),
                             (size_t)(nul - p) + 1);
            p = next;
            continue;
        }
        const char *cr = memchr(p, '\r', line_len);
        if (cr != NULL) {
            /* iniparser would keep it inside the value, and a terminal
             * showing the value would overwrite the line with what follows */
            diag_file_report(&cx->file, line_no, _("a lone CR at byte %zu of the line: end lines with LF or CRLF"),
                             (size_t)(cr - p) + 1);
            p = next;
            continue;
        }
        if (!text_utf8_valid(p, line_len, &bad)) {
            diag_file_report(&cx->file, line_no, _("invalid UTF-8 at byte %zu of the line (save the file as UTF-8)"), bad + 1);
            p = next;
            continue;
        }
        if (line_len > INI_MAX_LINE) {
            diag_file_report(&cx->file, line_no, _("line is %zu bytes long, more than the %d the INI reader can hold: "
                                "shorten it"), line_len, INI_MAX_LINE);
            p = next;
            continue;
        }
        const char *s = p;
        while (s < line_end && isspace((unsigned char)*s))
            s++;
        if (s == line_end || *s == ';' || *s == '#') {
            p = next;
            continue;
        }
        if (*s == '[') {
            const char *close = memchr(s, ']', (size_t)(line_end - s));
            const char *after = close ? close + 1 : line_end;
            while (after < line_end && isspace((unsigned char)*after))
                after++;
            if (close == NULL || (after < line_end && *after != ';' && *after != '#')) {
                diag_file_report(&cx->file, line_no, _("malformed section header (expected [name])"));
                current = NULL;
                p = next;
                continue;
            }
            char *name = text_strip(s + 1, close);
            bool upper = false;
            if (name == NULL) {
                diag_file_report(&cx->file, line_no, _("out of memory"));
                return;
            }
            if (!valid_name(name, &upper) || upper) {
                diag_file_report(&cx->file, line_no, upper ? _("section name [%s] has upper-case letters: use lower case")
                                          : _("invalid section name [%s]"), name);
                free(name);
                current = NULL;
                p = next;
                continue;
            }
            for (size_t i = 0; i < raw->count; i++)
                if (strcmp(raw->sections[i].name, name) == 0) {
                    diag_file_report(&cx->file, line_no, _("section [%s] repeated (first at line %d)"), name,
                           raw->sections[i].line);
                    free(name);
                    name = NULL;
                    break;
                }
            if (name == NULL) {
                current = NULL;   /* keys of a repeated section are not checked twice */
                p = next;
                continue;
            }
            current = raw_add_section(raw, name, line_no);
            if (current == NULL) {
                free(name);
                diag_file_report(&cx->file, line_no, _("out of memory"));
                return;
            }
            p = next;
            continue;
        }
        const char *eq = memchr(s, '=', (size_t)(line_end - s));
        if (eq == NULL) {
            diag_file_report(&cx->file, line_no, _("expected 'key = value', a [section] or a comment"));
            p = next;
            continue;
        }
        char *name = text_strip(s, eq);
        bool upper = false;
        if (name == NULL) {
            diag_file_report(&cx->file, line_no, _("out of memory"));
            return;
        }
        if (!valid_name(name, &upper) || upper) {
            diag_file_report(&cx->file, line_no, upper ? _("key '%s' has upper-case letters: use lower case")
                                      : _("invalid key name '%s'"), name);
            free(name);
            p = next;
            continue;
        }
        if (current == NULL) {
            if (raw->count == 0)
                diag_file_report(&cx->file, line_no, _("key '%s' before any [section]"), name);
            free(name);
            p = next;
            continue;
        }
        const ini_key *seen = raw_find_key(current, name);
        if (seen != NULL) {
            diag_file_report(&cx->file, line_no, _("key '%s' given twice in [%s] (first at line %d)"), name,
                   current->name, seen->line);
            free(name);
            p = next;
            continue;
        }
        char *value = raw_value(cx, line_no, eq + 1, line_end);
        if (value != NULL && raw_add_key(current, name, value, line_no) != 0) {
            diag_file_report(&cx->file, line_no, _("out of memory"));
            free(name);
            free(value);
            return;
        }
        if (value == NULL)
            free(name);
        p = next;
    }
}

/* iniparser reports through a printf-like callback with no user pointer; the
 * loader is not used from several threads, so a file-level pointer is enough. */
static read_context *ini_error_context;

static int ini_error_callback(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int ini_error_callback(const char *fmt, ...)
{
    char *message = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&message, fmt, ap);
    va_end(ap);
    if (n >= 0 && ini_error_context != NULL) {
        size_t len = strlen(message);
        while (len > 0 && (message[len - 1] == '\n' || message[len - 1] == '\r'))
            message[--len] = '\0';
        diag_file_report(&ini_error_context->file, 0, _("INI reader: %s"), message);
    }
    free(message);
    return 0;
}

/* Loads the already-checked text through iniparser. The text goes through an
 * anonymous in-memory file so that a stripped byte-order mark (which iniparser
 * rejects) need not be written back to disk. */
static dictionary *ini_load_text(read_context *cx, const char *text, size_t len)
{
    int fd = memfd_create("selfcheck-checklist", MFD_CLOEXEC);
    if (fd < 0) {
        diag_file_report(&cx->file, 0, _("cannot create an in-memory file: %s"), i18n_strerror(errno));
        return NULL;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n <= 0) {
            diag_file_report(&cx->file, 0, _("cannot write an in-memory file: %s"), i18n_strerror(errno));
            close(fd);
            return NULL;
        }
        done += (size_t)n;
    }
    char fd_path[64];
    snprintf(fd_path, sizeof fd_path, "/proc/self/fd/%d", fd);
    ini_error_context = cx;
    iniparser_set_error_callback(ini_error_callback);
    dictionary *dict = iniparser_load(fd_path);
    iniparser_set_error_callback(NULL);
    ini_error_context = NULL;
    close(fd);
    if (dict == NULL && cx->file.errors == 0)
        diag_file_report(&cx->file, 0, _("the INI reader could not read the file"));
    return dict;
}

/* Every value iniparser holds must be the one the pre-pass saw. */
static void cross_check(read_context *cx, const ini_file *raw)
{
    for (size_t i = 0; i < raw->count; i++) {
        const ini_section *s = &raw->sections[i];
        for (size_t k = 0; k < s->key_count; k++) {
            char *full = NULL;
            if (asprintf(&full, "%s:%s", s->name, s->keys[k].name) < 0) {
                diag_file_report(&cx->file, s->keys[k].line, _("out of memory"));
                return;
            }
            const char *v = iniparser_getstring(cx->dict, full, NULL);
            if (v == NULL || strcmp(v, s->keys[k].value) != 0)
                diag_file_report(&cx->file, s->keys[k].line, _("the INI reader reads '%s' as \"%s\", not as written"),
                       s->keys[k].name, v ? v : _("(nothing)"));
            free(full);
        }
    }
}

/* Checks and reads the text of the file at path (already in memory). */
static int ini_text_read(const char *path, const char *text, size_t len, ini_file **out, diag_list *diags)
{
    *out = NULL;
    read_context cx = {.file = {.path = path, .diags = diags}};
    /* iniparser rejects a byte-order mark; editors on Windows add one */
    const char *body = text;
    if (len >= 3 && memcmp(body, "\xEF\xBB\xBF", 3) == 0) {
        body += 3;
        len -= 3;
    }
    ini_file *f = calloc(1, sizeof *f);
    if (f == NULL || (f->path = strdup(path)) == NULL) {
        free(f);
        diag_add(diags, path, 0, _("out of memory"));
        return -1;
    }
    raw_scan(&cx, body, len, f);
    if (cx.file.errors == 0) {
        cx.dict = ini_load_text(&cx, body, len);
        if (cx.dict != NULL) {
            cross_check(&cx, f);
            iniparser_freedict(cx.dict);
        }
    }
    if (cx.file.errors > 0) {
        ini_file_free(f);
        return -1;
    }
    *out = f;
    return 0;
}

int ini_file_read(const char *path, ini_file **out, diag_list *diags)
{
    *out = NULL;
    char *text = NULL, *err = NULL;
    size_t len;
    if (fsutil_read_file(path, INI_MAX_FILE, &text, &len, &err) != 0) {
        diag_add(diags, NULL, 0, "%s", err ? err : path);
        free(err);
        return -1;
    }
    int rc = ini_text_read(path, text, len, out, diags);
    free(text);
    return rc;
}

void ini_file_free(ini_file *f)
{
    if (f == NULL)
        return;
    ini_file_release(f);
    free(f->path);
    free(f);
}

const ini_section *ini_find_section(const ini_file *f, const char *name)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->sections[i].name, name) == 0)
            return &f->sections[i];
    return NULL;
}

const ini_key *ini_find_key(const ini_section *s, const char *name)
{
    return raw_find_key(s, name);
}

const char *ini_get(const ini_section *s, const char *name)
{
    const ini_key *k = s ? ini_find_key(s, name) : NULL;
    return k ? k->value : NULL;
}

int ini_line(const ini_section *s, const char *name)
{
    const ini_key *k = ini_find_key(s, name);
    return k ? k->line : s->line;
}

bool ini_quotable(const char *value)
{
    return strchr(value, '\n') == NULL && strchr(value, '\r') == NULL &&
           (strchr(value, '"') == NULL || strchr(value, '\'') == NULL);
}

char *ini_quote(const char *value)
{
    char *out = NULL;
    bool plain = strpbrk(value, ";#\"'") == NULL && value[0] != ' ' && value[0] != '\0' &&
                 value[strlen(value) - 1] != ' ' && value[strlen(value) - 1] != '\\';
    if (!ini_quotable(value))
        return NULL;
    if (plain)
        return strdup(value);
    if (strchr(value, '"') == NULL) {
        if (asprintf(&out, "\"%s\"", value) < 0)
            return NULL;
        return out;
    }
    if (strchr(value, '\'') == NULL) {
        if (asprintf(&out, "'%s'", value) < 0)
            return NULL;
        return out;
    }
    return NULL;
}

/* ---- changing one value in place ---- */

/* Appends n bytes to a growing buffer. 0 or -1. */
static int buf_add(char **buf, size_t *len, size_t *cap, const char *data, size_t n)
{
    if (*len + n + 1 > *cap) {
        size_t grown_cap = (*len + n + 1) * 2;
        char *grown = realloc(*buf, grown_cap);
        if (grown == NULL)
            return -1;
        *buf = grown;
        *cap = grown_cap;
    }
    memcpy(*buf + *len, data, n);
    *len += n;
    (*buf)[*len] = '\0';
    return 0;
}

int ini_file_set(const char *path, const char *section, const char *key, const char *value, char **err)
{
    char *text = NULL;
    size_t len = 0;
    if (fsutil_read_file(path, INI_MAX_FILE, &text, &len, err) != 0)
        return -1;
    diag_list diags;
    diag_list_init(&diags);
    ini_file *f = NULL;
    /* a file with problems is not edited: its lines may not mean what they
     * seem. The lines checked are the very lines edited: one read. */
    if (ini_text_read(path, text, len, &f, &diags) != 0) {
        char *first = diags.count > 0 ? diag_format(&diags.items[0]) : NULL;
        error_set(err, "%s", first ? first : path);
        free(first);
        diag_list_clear(&diags);
        free(text);
        return -1;
    }
    diag_list_clear(&diags);
    const ini_section *s = ini_find_section(f, section);
    const ini_key *k = s ? ini_find_key(s, key) : NULL;
    int replace_line = k ? k->line : 0, insert_after = 0;
    if (s != NULL && k == NULL) {
        insert_after = s->line;
        for (size_t i = 0; i < s->key_count; i++)
            if (s->keys[i].line > insert_after)
                insert_after = s->keys[i].line;
    }
    bool append = s == NULL;
    ini_file_free(f);

    char *quoted = ini_quote(value);
    if (quoted == NULL) {
        free(text);
        return error_set(err, _("%s: the value of %s cannot be written (a line break, or both kinds of quote)"),
                         path, key);
    }
    char *out = NULL;
    size_t out_len = 0, out_cap = 0;
    /* the new line ends like the file's lines do, so a CRLF file stays CRLF */
    const char *nl = memchr(text, '\n', len);
    const char *eol = nl && nl > text && nl[-1] == '\r' ? "\r\n" : "\n";
    char *setting = NULL;
    if (asprintf(&setting, "%s = %s%s", key, quoted, eol) < 0)
        setting = NULL;
    free(quoted);
    int rc = setting ? 0 : -1;
    int line_no = 0;
    const char *p = text, *end = text + len;
    while (rc == 0 && p < end) {
        line_no++;
        const char *next = memchr(p, '\n', (size_t)(end - p));
        next = next ? next + 1 : end;
        if (line_no == replace_line) {
            rc = buf_add(&out, &out_len, &out_cap, setting, strlen(setting));
        } else {
            rc = buf_add(&out, &out_len, &out_cap, p, (size_t)(next - p));
            if (rc == 0 && next == end && end > text && end[-1] != '\n' && (line_no == insert_after || append))
                rc = buf_add(&out, &out_len, &out_cap, eol, strlen(eol));
            if (rc == 0 && line_no == insert_after)
                rc = buf_add(&out, &out_len, &out_cap, setting, strlen(setting));
        }
        p = next;
    }
    if (rc == 0 && append) {
        char *header = NULL;
        if (asprintf(&header, "%s[%s]%s", out_len > 0 ? eol : "", section, eol) < 0)
            rc = -1;
        else
            rc = buf_add(&out, &out_len, &out_cap, header, strlen(header));
        free(header);
        if (rc == 0)
            rc = buf_add(&out, &out_len, &out_cap, setting, strlen(setting));
    }
    free(setting);
    free(text);
    if (rc != 0) {
        free(out);
        return error_set(err, _("out of memory"));
    }
    /* keep the file's mode, and write through a symbolic link to its target */
    struct stat st;
    mode_t mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0644;
    char *target = realpath(path, NULL);
    if (target == NULL && errno == ENOMEM) {
        free(out);
        return error_set(err, _("out of memory"));
    }
    rc = fsutil_write_atomic(target ? target : path, out ? out : "", out_len, mode, true, err);
    free(target);
    free(out);
    return rc;
}
