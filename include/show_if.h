/* show_if.h: checks of a checklist's show_if conditions taken together.
 *
 * A condition may only name an earlier item, so that conditions are
 * evaluated in file order in linear time (score.c); the loader refuses one
 * on a later item. This module adds what the loop is when such conditions
 * form one (a shown when b is, b when a is). */
#ifndef SELFCHECK_SHOW_IF_H
#define SELFCHECK_SHOW_IF_H

#include "error.h"
#include "ini.h"

/* Reports each loop of show_if conditions among the [item.ID] sections of
 * ini to f, at the show_if line of its first item in the file, naming its
 * items. Returns 0, or -1 when memory ran out. */
int show_if_report_loops(diag_file *f, const ini_file *ini);

#endif
