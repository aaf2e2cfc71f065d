/* survey.c: the website survey of 001's annex as a table of fields, and its
 * export (see survey.h). The form repeats 姓名, 职务/职称 and 办公电话 for the
 * leader, the managing body and the operator; their titles carry the
 * heading they stand under ("网站(应用)管理机构 负责人"), so that every column
 * of the export names one thing. */
#include "survey.h"
#include "i18n.h"

#include <stdlib.h>
#include <string.h>

static const forms_choice unit_type[] = {
    {"agency", "行政机关"}, {"institution", "事业单位"}, {"enterprise", "企业"}, {"other", "其他"}, {NULL, NULL}};
static const forms_choice business_type[] = {{"public", "公众服务"},     {"office", "内部办公"},
                                             {"production", "生产作业"}, {"control", "管理控制"},
                                             {"other", "其他"},          {NULL, NULL}};
static const forms_choice service_objects[] = {{"internal", "单位内部人员"},
                                               {"public", "社会公众人员"},
                                               {"both", "两者均包括"},
                                               {"other", "其他"},
                                               {NULL, NULL}};
static const forms_choice have[] = {{"no", "无"}, {"yes", "有"}, {NULL, NULL}};
static const forms_choice yes_no[] = {{"yes", "是"}, {"no", "否"}, {NULL, NULL}};

#define LEADER "分管网站(应用)建设工作的领导 "
#define MANAGER "网站(应用)管理机构 "
#define OPERATOR "网站(应用)建设及运维单位(部门) "

static const forms_field unit_fields[] = {
    {"unit_name", "单位名称", N_("name of the unit"), FORMS_TEXT, NULL},
    {"unit_address", "单位地址", N_("address of the unit"), FORMS_TEXT, NULL},
    {"unit_type", "单位类型", N_("type of unit"), FORMS_CHOICE, unit_type},
    {"leader_name", LEADER "姓名", N_("leader in charge of the websites: name"), FORMS_TEXT, NULL},
    {"leader_title", LEADER "职务/职称", N_("leader in charge: post or title"), FORMS_TEXT, NULL},
    {"leader_office_phone", LEADER "办公电话", N_("leader in charge: office telephone"), FORMS_PHONE, NULL},
    {"manager_name", MANAGER "名称", N_("managing body of the websites: name"), FORMS_TEXT, NULL},
    {"manager_head", MANAGER "负责人", N_("managing body: person in charge"), FORMS_TEXT, NULL},
    {"manager_title", MANAGER "职务/职称", N_("managing body: post or title"), FORMS_TEXT, NULL},
    {"manager_office_phone", MANAGER "办公电话", N_("managing body: office telephone"), FORMS_PHONE, NULL},
    {"manager_mobile", MANAGER "移动电话", N_("managing body: mobile telephone"), FORMS_PHONE, NULL},
    {"operator_name", OPERATOR "名称", N_("building and operating unit: name"), FORMS_TEXT, NULL},
    {"operator_head", OPERATOR "负责人", N_("operating unit: person in charge"), FORMS_TEXT, NULL},
    {"operator_title", OPERATOR "职务/职称", N_("operating unit: post or title"), FORMS_TEXT, NULL},
    {"operator_office_phone", OPERATOR "办公电话", N_("operating unit: office telephone"), FORMS_PHONE, NULL},
    {"operator_mobile", OPERATOR "移动电话", N_("operating unit: mobile telephone"), FORMS_PHONE, NULL},
};

static const forms_field row_fields[] = {
    {"site_name", "网站(应用)名称", N_("name of the website or application (default: the system's name)"),
     FORMS_TEXT, NULL},
    {"domain", "互联网域名", N_("internet domain name"), FORMS_DOMAIN, NULL},
    {"ip", "互联网IP地址", N_("internet IP addresses"), FORMS_IPS, NULL},
    {"launch_date", "上线运行时间", N_("date it went into service"), FORMS_DATE, NULL},
    {"business_type", "业务类型", N_("type of business"), FORMS_CHOICE, business_type},
    {"service_objects", "服务对象", N_("whom it serves"), FORMS_CHOICE, service_objects},
    {"main_use", "主要用途", N_("main use"), FORMS_TEXT, NULL},
    {"icp_filing", "ICP备案情况", N_("ICP filing"), FORMS_CHOICE, have},
    {"icp_number", "备案号", N_("ICP filing number"), FORMS_TEXT, NULL},
    {"mlps_level", "等保定级情况", N_("MLPS level"), FORMS_LEVEL, NULL},
    {"opening_review", "网站开办审核", N_("opening of the website reviewed"), FORMS_CHOICE, yes_no},
    {"qualification_review", "网站资格复核", N_("qualification of the website re-examined"), FORMS_CHOICE, yes_no},
    {"unified_id", "网站统一标识", N_("unified identification of government websites shown"), FORMS_CHOICE, yes_no},
    {"filled_by", "填表人", N_("filled in by"), FORMS_TEXT, NULL},
    {"filler_phone", "联系电话", N_("telephone of the person filling in"), FORMS_PHONE, NULL},
    {"filled_on", "填表时间", N_("date filled in"), FORMS_DATE, NULL},
};

#define UNIT_COUNT (sizeof unit_fields / sizeof unit_fields[0])
#define ROW_COUNT (sizeof row_fields / sizeof row_fields[0])

const forms_def survey_form = {"survey", unit_fields, UNIT_COUNT, row_fields, ROW_COUNT};

/* The form's boxes for the level: □未定级 □一级 □二级 □三级 □四级. */
static const char *level_word(const char *level)
{
    static const char *const words[] = {"未定级", "一级", "二级", "三级", "四级"};
    if (level == NULL)
        return "";
    return level[0] >= '1' && level[0] <= '4' && level[1] == '\0' ? words[level[0] - '0'] : words[0];
}

static const char *cell_of(const forms_field *f, const forms_record *r, size_t i)
{
    if (f->kind == FORMS_LEVEL)
        return level_word(r->values[i]);
    return forms_value_title(f, r->values[i]);
}

/* One filled form: the unit block, then the site. */
static int fill_row(const forms_data *d, const forms_record *r, char **row)
{
    for (size_t c = 0; c < UNIT_COUNT; c++)
        row[c] = strdup(cell_of(&unit_fields[c], &d->unit, c));
    for (size_t c = 0; c < ROW_COUNT; c++) {
        const char *v = cell_of(&row_fields[c], r, c);
        row[UNIT_COUNT + c] = strdup(c == 0 && *v == '\0' ? r->name : v);
    }
    return 0;
}

int survey_export(const forms_data *d, char **out, size_t *len, char **err)
{
    const char *titles[UNIT_COUNT + ROW_COUNT];
    for (size_t c = 0; c < UNIT_COUNT; c++)
        titles[c] = unit_fields[c].title;
    for (size_t c = 0; c < ROW_COUNT; c++)
        titles[UNIT_COUNT + c] = row_fields[c].title;
    return forms_export(d, titles, UNIT_COUNT + ROW_COUNT, fill_row, out, len, err);
}
