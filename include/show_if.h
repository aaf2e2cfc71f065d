/* show_if.h: checks of a checklist's show_if conditions taken together.
 *
 * A condition may only name an earlier item, so that conditions are
 * evaluated in file order in linear time (score.c); the loader refuses one
 * on a later item. This module adds what the loop is when such conditions
 * form one (a shown when b is, b when a is). */
#ifndef SELFCHECK_SHOW_IF_H
#define SELFCHECK_SHOW_IF_H

#include "checklist.h"
#include "error.h"
#include "ini.h"

/* Reads the show_if and show_if_unrecorded keys of section s, item `index`
 * of list (the items before it already read), into it->show_if, reporting
 * every problem to f (docs/checklist-format.md, "Conditions"). */
void show_if_parse(diag_file *f, const ini_section *s, const checklist *list, size_t index, item *it);
/* Reads the states key of s into it->states, reporting problems to f. */
void show_if_parse_states(diag_file *f, const ini_section *s, item *it);

/* Reports each loop of show_if conditions among the [item.ID] sections of
 * ini to f, at the show_if line of its first item in the file, naming its
 * items. Returns 0, or -1 when memory ran out. */
int show_if_report_loops(diag_file *f, const ini_file *ini);

#endif
