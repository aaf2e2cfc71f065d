/* checklist_digest.h: a digest of a checklist's canonical content, which a
 * report records for every checklist it used (docs/report-format.md), so that
 * the supervisor can tell a report answered against an official checklist
 * from one answered against an edited copy.
 *
 * Canonical content: the parsed checklist, not its file. Its id, version and
 * titles, then every item in file order with every field that the loader
 * reads (question, guidance, source, severity, weight, profiles, scope, type,
 * what it allows, its choices with their labels and scores, number bands,
 * units, date limits, conditions, states) in a fixed order, each as
 * "name=length:value\n", numbers in the C locale with 17 significant digits.
 * So comments, blank lines, spacing, key order and quoting in the INI file do
 * not change it; any change to a question, a weight, what is allowed or how
 * an answer scores does. The digest is lower-case hex SHA-256 of that text,
 * prefixed "sha256:". */
#ifndef SELFCHECK_CHECKLIST_DIGEST_H
#define SELFCHECK_CHECKLIST_DIGEST_H

#include "checklist.h"

/* The digest "sha256:<64 hex digits>" of the checklist's canonical content.
 * Returns a new string (caller frees), or NULL when out of memory. */
char *checklist_digest(const checklist *list);

/* The canonical text itself (what is hashed), for tests and for showing a
 * supervisor what differs. Caller frees; NULL when out of memory. */
char *checklist_canonical_text(const checklist *list);

#endif
