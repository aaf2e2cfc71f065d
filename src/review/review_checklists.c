/* review_checklists.c: the official checklists of the review and the
 * non-standard mark of reports (see review_checklists.h).
 *
 * The set is kept by digest, so the same checklist found in two folders is
 * one entry and a folder that later changes cannot take back what it made
 * official. Marking is one UPDATE over the reports (REVIEW_MARK), run in
 * the transaction that grew the set. */
#include "review_checklists.h"
#include "review_db_internal.h"
#include "checklist.h"
#include "i18n.h"
#include "checklist_digest.h"
#include "error.h"
#include "paths.h"
#include "period.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Loads the folder's checklists; REVIEW_DB_INVALID with the first problem. */
static review_db_status load_dir(const char *dir, checklist_set **set, char **err)
{
    diag_list diags;
    diag_list_init(&diags);
    const char *paths[] = {dir};
    if (checklist_set_load(paths, 1, set, &diags) == 0) {
        diag_list_clear(&diags);
        return REVIEW_DB_OK;
    }
    char *first = diags.count > 0 ? diag_format(&diags.items[0]) : NULL;
    if (diags.count > 1)
        error_set(err, _("%s (and %zu more problems)"), first ? first : dir, diags.count - 1);
    else
        error_set(err, "%s", first ? first : dir);
    free(first);
    diag_list_clear(&diags);
    return REVIEW_DB_INVALID;
}

/* Adds the set's digests; *added counts the new ones. */
static review_db_status add_set(review_db *db, const checklist_set *set, const char *source, size_t *added,
                                char **err)
{
    char now[20];
    clock_now(now);
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "INSERT OR IGNORE INTO official_checklists(digest, checklist_id, version, title_zh,"
                           " source, added_at) VALUES(?,?,?,?,?,?)",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, REVIEW_DB_ERROR, err, "add the checklists");
    review_db_status status = REVIEW_DB_OK;
    for (size_t i = 0; i < set->count && status == REVIEW_DB_OK; i++) {
        const checklist *list = &set->lists[i];
        char *digest = checklist_digest(list);
        if (digest == NULL) {
            error_set(err, _("out of memory"));
            status = REVIEW_DB_ERROR;
            break;
        }
        review_db_bind_text(st, 1, digest);
        review_db_bind_text(st, 2, list->id);
        sqlite3_bind_int(st, 3, list->version);
        review_db_bind_text(st, 4, list->title_zh);
        review_db_bind_text(st, 5, source);
        review_db_bind_text(st, 6, now);
        if (sqlite3_step(st) != SQLITE_DONE)
            status = review_db_fail(db, REVIEW_DB_ERROR, err, "add the checklists");
        else
            *added += (size_t)sqlite3_changes(db->conn);
        sqlite3_reset(st);
        free(digest);
    }
    sqlite3_finalize(st);
    return status;
}

review_db_status review_checklists_add_dir(review_db *db, const char *dir, const char *source, size_t *added,
                                           char **err)
{
    size_t fresh = 0;
    if (added != NULL)
        *added = 0;
    checklist_set *set = NULL;
    review_db_status status = load_dir(dir, &set, err);
    if (status != REVIEW_DB_OK)
        return status;
    if (set->count == 0) {
        checklist_set_free(set);
        return error_set(err, _("%s: no checklist (*.ini) in this folder"), dir), REVIEW_DB_INVALID;
    }
    if (review_db_exec(db, "BEGIN IMMEDIATE", err) != 0) {
        checklist_set_free(set);
        return REVIEW_DB_ERROR;
    }
    status = add_set(db, set, source ? source : dir, &fresh, err);
    checklist_set_free(set);
    if (status == REVIEW_DB_OK && fresh > 0 &&
        review_db_exec(db, "UPDATE reports SET nonstandard = " REVIEW_MARK("reports.id"), err) != 0)
        status = REVIEW_DB_ERROR;
    if (status == REVIEW_DB_OK && review_db_exec(db, "COMMIT", err) != 0)
        status = REVIEW_DB_ERROR;
    if (status != REVIEW_DB_OK) {
        review_db_exec(db, "ROLLBACK", NULL);
        return status;
    }
    if (added != NULL)
        *added = fresh;
    return REVIEW_DB_OK;
}

review_db_status review_checklists_add_bundled(review_db *db, size_t *added, char **err)
{
    if (added != NULL)
        *added = 0;
    errno = 0;
    char *dir = paths_share("selfcheck/checklists");
    if (dir == NULL) {
        if (errno == ENOMEM)
            return error_set(err, _("out of memory")), REVIEW_DB_ERROR;
        return error_set(err, _("no bundled checklists (share/selfcheck/checklists) in this installation")),
               REVIEW_DB_NOT_FOUND;
    }
    review_db_status status = review_checklists_add_dir(db, dir, REVIEW_CHECKLISTS_BUNDLED, added, err);
    free(dir);
    return status;
}

void review_officials_free(review_official *list, size_t count)
{
    for (size_t i = 0; list && i < count; i++) {
        free(list[i].digest);
        free(list[i].checklist_id);
        free(list[i].title_zh);
        free(list[i].source);
        free(list[i].added_at);
    }
    free(list);
}

static void officials_free(void *list, size_t count)
{
    review_officials_free(list, count);
}

static int official_row(sqlite3_stmt *st, void *element, void *ctx)
{
    (void)ctx;
    review_official *o = element;
    char **const text[] = {&o->digest, &o->checklist_id, &o->title_zh, &o->source, &o->added_at};
    o->version = sqlite3_column_int(st, 5);
    return review_db_columns(st, NULL, text, 5);
}

review_db_status review_checklists_list(review_db *db, review_official **out, size_t *count, char **err)
{
    *out = NULL;
    *count = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->conn,
                           "SELECT digest, checklist_id, title_zh, source, added_at, version FROM official_checklists"
                           " ORDER BY checklist_id, version, source, digest",
                           -1, &st, NULL) != SQLITE_OK)
        return review_db_fail(db, REVIEW_DB_ERROR, err, "list the checklists");
    void *list;
    int rc = review_collect(db, st, sizeof(review_official), official_row, NULL, officials_free, &list, count, err);
    *out = list;
    return rc == 0 ? REVIEW_DB_OK : REVIEW_DB_ERROR;
}
