/* i18n.h: the one translation mechanism, GNU gettext.
 *
 * Every string a user meets is an English msgid wrapped in _() where it is
 * used, or N_() where it is only named (a table of labels) and translated
 * with _() when shown. The Chinese lives in po/zh_CN.po; the build compiles it
 * with msgfmt --check-format, so a translation whose conversions differ from
 * its msgid fails the build. Tokens meant for machines (CSV column names and
 * values, report fields, exit codes, lines the docs call machine-readable) are
 * never wrapped.
 *
 * The language is decided once at start (i18n_init) and may change at run
 * time (i18n_set_lang, the L key). Only LC_CTYPE and LC_MESSAGES come from the
 * environment: numbers are read and written in the C locale everywhere. */
#ifndef SELFCHECK_I18N_H
#define SELFCHECK_I18N_H

#include <libintl.h>

#define I18N_DOMAIN "selfcheck"

#define _(msgid) gettext(msgid)
#define N_(msgid) (msgid)

/* Sets LC_CTYPE and LC_MESSAGES from the environment (C.UTF-8 where that
 * gives no UTF-8 character set, since the checklists are Chinese), binds the
 * catalogue (found by paths_share, beside the binary or installed), and
 * chooses the language: `lang` ("zh" or "en", from [ui] lang) when it is
 * non-NULL, else the environment as gettext reads it (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG; zh_* is Chinese, anything else English). Safe to call
 * more than once. */
void i18n_init(const char *lang);

/* Changes the language at run time: "zh" is Chinese, anything else English.
 * Translations already looked up are dropped, so the next _() speaks it. */
void i18n_set_lang(const char *lang);

/* The language in force: "zh" or "en". Never NULL, not to be freed. */
const char *i18n_lang(void);

/* strerror(code) in the current language: the common causes of a failed
 * write or read (a full disk or USB stick, no permission, a read-only medium)
 * are translated; the rare ones are said as the C library says them. Never
 * NULL, not to be freed. */
const char *i18n_strerror(int code);

/* The language the environment asks for, ignoring any setting: "zh" or "en". */
const char *i18n_env_lang(void);

#endif
