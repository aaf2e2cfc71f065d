/* profile.c: the names of the kinds of check (see profile.h). */
#include "profile.h"
#include "i18n.h"

#include <string.h>

static const char *const profile_names[PROFILE_COUNT] = {"monthly", "halfyear", "change"};

const char *profile_name(profile p)
{
    switch (p) {
    case PROFILE_MONTHLY: return profile_names[0];
    case PROFILE_HALFYEAR: return profile_names[1];
    case PROFILE_CHANGE: return profile_names[2];
    }
    return "?";
}

const char *profile_label(profile p)
{
    switch (p) {
    case PROFILE_MONTHLY: return _("monthly");
    case PROFILE_HALFYEAR: return _("halfyear");
    case PROFILE_CHANGE: return _("change");
    }
    return profile_name(p);
}

int profile_parse(const char *name, profile *out)
{
    for (int i = 0; i < PROFILE_COUNT; i++)
        if (name != NULL && strcmp(name, profile_names[i]) == 0) {
            *out = (profile)(1 << i);
            return 0;
        }
    return -1;
}
