/* review_checklists.h: the checklists the review knows as official, and the
 * mark of a report answered against one it does not know (非标准检查表;
 * docs/review.md).
 *
 * A report records the digest of the canonical content of every checklist
 * it used (checklist_digest.h). The review keeps a set of official digests:
 * the checklists bundled with selfcheck (paths_share) and those of folders
 * the supervisor adds. A report whose checklist has a digest outside that
 * set (an edited copy, an unknown checklist, or a version 1 report that
 * records no digest) is marked, naming the checklist and its version. The
 * mark is set at import and set again for every report whenever the set
 * grows, so a folder added later clears the mark of the reports it covers. */
#ifndef SELFCHECK_REVIEW_CHECKLISTS_H
#define SELFCHECK_REVIEW_CHECKLISTS_H

#include <stddef.h>
#include "review_db.h"

/* Where an official digest came from: "bundled" or a folder's path. */
#define REVIEW_CHECKLISTS_BUNDLED "bundled"

typedef struct review_official {
    char *digest;           /* "sha256:..." */
    char *checklist_id, *title_zh;
    int version;
    char *source;           /* "bundled" or the folder it was added from */
    char *added_at;         /* YYYY-MM-DDTHH:MM:SS */
} review_official;

/* Loads every checklist of the folder `dir` (its *.ini files, as the unit's
 * program loads them) and adds their digests to the official set, recorded
 * as coming from `source` (NULL: dir). Digests known already are kept as
 * they were. When any was new, every report's mark is set again. *added
 * (may be NULL) receives how many were new. REVIEW_DB_INVALID when the
 * folder cannot be read or a checklist in it does not load (err names the
 * file and line), REVIEW_DB_ERROR when the database fails. */
review_db_status review_checklists_add_dir(review_db *db, const char *dir, const char *source, size_t *added,
                                           char **err);

/* The same for the bundled checklists (paths_share("selfcheck/checklists")):
 * REVIEW_DB_NOT_FOUND when this installation has none. */
review_db_status review_checklists_add_bundled(review_db *db, size_t *added, char **err);

/* Every official checklist, by id, version and source. Free with
 * review_officials_free. */
review_db_status review_checklists_list(review_db *db, review_official **out, size_t *count, char **err);
void review_officials_free(review_official *list, size_t count);

#endif
