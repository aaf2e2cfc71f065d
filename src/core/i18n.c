/* i18n.c: chooses the language and binds the gettext catalogue (see i18n.h).
 *
 * gettext ignores LANGUAGE only under the plain C/POSIX locale, and this
 * program never runs its messages under it: when the environment gives no
 * UTF-8 locale (often only C.UTF-8 is installed) LC_CTYPE and LC_MESSAGES fall
 * back to C.UTF-8. The language itself is then always said through LANGUAGE,
 * so that a zh_CN setting works even where no zh_CN locale is installed. */
#include "i18n.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"

/* glibc's counter of catalogue changes: bumping it drops cached translations. */
extern int _nl_msg_cat_cntr;

static const char *current_lang = "en";
static bool bound;

static bool codeset_is_utf8(void)
{
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

const char *i18n_env_lang(void)
{
    /* The order gettext itself reads them in; the first non-empty decides. */
    static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && *v != '\0')
            return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
    }
    return "en";
}

void i18n_set_lang(const char *lang)
{
    current_lang = lang != NULL && strcmp(lang, "zh") == 0 ? "zh" : "en";
    /* "en" names no catalogue, so every msgid stays as it is written */
    setenv("LANGUAGE", strcmp(current_lang, "zh") == 0 ? "zh_CN" : "en", 1);
    ++_nl_msg_cat_cntr;
}

const char *i18n_lang(void)
{
    return current_lang;
}

void i18n_init(const char *lang)
{
    const char *wanted = lang != NULL ? lang : i18n_env_lang();
    if (!bound) {
        if (setlocale(LC_CTYPE, "") == NULL || !codeset_is_utf8())
            setlocale(LC_CTYPE, "C.UTF-8");
        const char *messages = setlocale(LC_MESSAGES, "");
        if (messages == NULL || strcmp(messages, "C") == 0 || strcmp(messages, "POSIX") == 0)
            setlocale(LC_MESSAGES, "C.UTF-8");
        char *dir = paths_share("locale");
        bindtextdomain(I18N_DOMAIN, dir != NULL ? dir : "/usr/share/locale");
        free(dir);
        bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
        textdomain(I18N_DOMAIN);
        bound = true;
    }
    i18n_set_lang(wanted);
}

const char *i18n_strerror(int code)
{
    switch (code) {
    case ENOSPC: return _("the disk or USB stick is full");
    case EDQUOT: return _("disk quota exceeded");
    case EACCES:
    case EPERM: return _("permission denied");
    case EROFS: return _("read-only (is the USB stick write-protected?)");
    case ENOENT: return _("no such file or folder");
    case ENOTDIR: return _("a part of the path is not a folder");
    case EIO: return _("input/output error (the medium may be damaged)");
    case ENAMETOOLONG: return _("name too long");
    default: return strerror(code);
    }
}
