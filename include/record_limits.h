/* record_limits.h: one set of size limits for what is recorded in the answer
 * store, whichever way it comes in (the walk screen, the systems screen, an
 * answer sheet, the command line), so that every report written from it can
 * be read by verify and the supervisor's import (docs/security.md, "Size
 * limits"). The store enforces them (store_answer_put, store_system_add),
 * the session and the sheet import add the total of an assessment. */
#ifndef SELFCHECK_RECORD_LIMITS_H
#define SELFCHECK_RECORD_LIMITS_H

#include <stddef.h>

/* Bytes of one free-text answer or one note (about 5,400 Chinese characters);
 * several lines are allowed. */
#define RECORD_MAX_TEXT ((size_t)16 * 1024)
/* Bytes of one remediation owner or one system name: one line. */
#define RECORD_MAX_NAME ((size_t)200)
/* Bytes of all answer texts, notes and owners of one assessment together:
 * with the rest of a report's rows this keeps a report under the 64 MiB a
 * reader accepts (REPORT_MAX_BYTES). */
#define RECORD_MAX_TOTAL ((size_t)16 * 1024 * 1024)
/* Information systems a unit may register. */
#define RECORD_MAX_SYSTEMS 100

#endif
