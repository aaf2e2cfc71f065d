/* cmd_inventory.c: `selfcheck inventory`: the data asset inventory of 000's
 * annex (docs/forms.md). */
#include "cmd_forms.h"
#include "i18n.h"
#include "inventory.h"

int cmd_inventory(const cli_globals *g, int argc, char **argv)
{
    return cmd_forms_run(g, argc, argv, &inventory_form, inventory_export,
                         N_("The data asset inventory (数据资产清单) of 000's annex: the unit block, and one\n"
                            "row per system registered with 'selfcheck systems'. 'set' records values,\n"
                            "'show --fields' lists the fields; 'template' writes a sheet with what is\n"
                            "recorded, 'import' reads it back all or nothing; 'export' writes the\n"
                            "annex's table (UTF-8 CSV with a BOM).\n"));
}
