/* profile.h: the kinds of check (每月例行检查, 每半年全面检查, 系统变更后),
 * named in checklists, periods, the store, reports and the command line.
 * Its own header so that what needs only the kind of check (periods, the
 * store, the report format) does not depend on the checklist model. */
#ifndef SELFCHECK_PROFILE_H
#define SELFCHECK_PROFILE_H

/* Check profiles, as a bit set on each item. */
typedef enum profile {
    PROFILE_MONTHLY = 1 << 0,   /* 每月例行检查 */
    PROFILE_HALFYEAR = 1 << 1,  /* 每半年全面检查 */
    PROFILE_CHANGE = 1 << 2     /* 系统变更后重新测评 */
} profile;
#define PROFILE_COUNT 3

/* The machine name: "monthly", "halfyear", "change" ("?" for another value).
 * Never translated: it is written in files and typed on the command line. */
const char *profile_name(profile p);

/* The name of the kind of check in the user's language ("每月例行检查",
 * "monthly"), for messages. Never NULL, not to be freed. */
const char *profile_label(profile p);

/* Reads a machine name. Returns 0 with *out, or -1 for another text. */
int profile_parse(const char *name, profile *out);

#endif
