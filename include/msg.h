/* msg.h: the language of the messages a unit's staff meet.
 *
 * The core writes its messages in English. Those that reach the people of a
 * unit (answers, answer sheets, files and folders, reports, systems, the
 * answer store) are wrapped in msg(), which gives their Chinese when the
 * language is "zh". The table pairs each English format string with a
 * Chinese one taking the same conversions in the same order (test_msg checks
 * this, and that every msg() in the sources has its pair). Messages meant for
 * the maintainers of checklists and for supervisors stay English for now. */
#ifndef SELFCHECK_MSG_H
#define SELFCHECK_MSG_H

#include <stddef.h>

/* Sets the language: "zh" gives Chinese, anything else (and the start) English.
 * The command line sets it from [ui] lang, the screen from its language. */
void msg_set_lang(const char *lang);

/* The message in the current language: the Chinese of `english` when the
 * language is zh and the table has it, else `english`. Never NULL, never to be
 * freed. format_arg lets the compiler check the English against the
 * arguments wherever it is used as a format. */
const char *msg(const char *english) __attribute__((format_arg(1)));

/* strerror(code) in the current language: the common causes of a failed
 * write (a full disk or USB stick, no permission, a read-only medium) are
 * said in Chinese; others as the C library says them. */
const char *msg_strerror(int code);

/* The table, for tests: *count pairs of {english, chinese}. */
const char *const (*msg_table(size_t *count))[2];

#endif
