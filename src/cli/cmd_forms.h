/* cmd_forms.h: what `selfcheck inventory` and `selfcheck survey` share: the
 * same actions (set, show, template, import, export) over another form. */
#ifndef SELFCHECK_CMD_FORMS_H
#define SELFCHECK_CMD_FORMS_H

#include "cli.h"
#include "forms.h"

/* Writes the form's export (the annex's table) into *out. */
typedef int (*cmd_forms_export_fn)(const forms_data *d, char **out, size_t *len, char **err);

/* Runs `selfcheck NAME ACTION ...` for the form; help_text is its N_()
 * description. Returns an exit code. */
int cmd_forms_run(const cli_globals *g, int argc, char **argv, const forms_def *def, cmd_forms_export_fn export_fn,
                  const char *help_text);

#endif
