/* survey.h: the survey of internet websites and applications (互联网网站及应用
 * 情况调查表) of document 001's annex, one form per site (逐一填报): the unit
 * block and one row per information system that is a website or internet
 * application (docs/forms.md). */
#ifndef SELFCHECK_SURVEY_H
#define SELFCHECK_SURVEY_H

#include <stddef.h>
#include "forms.h"

extern const forms_def survey_form;

/* The survey as CSV (UTF-8 with a BOM, CRLF): a header of the form's field
 * titles in its order (the unit block's, then the site's), then one row per
 * site with anything recorded, each row one filled form with the unit block
 * repeated; the header alone when there is no site. *out (caller frees). */
int survey_export(const forms_data *d, char **out, size_t *len, char **err);

#endif
