/* cmd_survey.c: `selfcheck survey`: the website and application survey of
 * 001's annex, one form per site (docs/forms.md). */
#include "cmd_forms.h"
#include "i18n.h"
#include "survey.h"

int cmd_survey(const cli_globals *g, int argc, char **argv)
{
    return cmd_forms_run(g, argc, argv, &survey_form, survey_export,
                         N_("The survey of internet websites and applications (互联网网站及应用情况调查表)\n"
                            "of 001's annex: the unit block, and one row per system that is a website\n"
                            "or internet application (a system with anything recorded here is one).\n"
                            "'set' records values, 'show --fields' lists the fields; 'template' writes\n"
                            "a sheet, 'import' reads it back all or nothing; 'export' writes one row\n"
                            "per site in the form's field titles (UTF-8 CSV with a BOM).\n"));
}
