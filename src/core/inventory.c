/* inventory.c: the data asset inventory of 000's annex as a table of fields,
 * and its export in the annex's columns (see inventory.h). The annex writes
 * some columns as two facts in one cell (备案号/定级级别; 维护单位、联系人及
 * 联系方式); they are kept as separate fields, so that each is checked and a
 * checklist can ask about the level, and joined again on export. */
#include "inventory.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const forms_choice storage_unit[] = {
    {"internet", "互联网"}, {"private", "业务专网"}, {"both", "互联网和业务专网"}, {"other", "其他"}, {NULL, NULL}};
static const forms_choice yes_no[] = {{"yes", "是"}, {"no", "否"}, {NULL, NULL}};
static const forms_choice release_area[] = {
    {"internet", "互联网"}, {"private", "专网"}, {"both", "互联网和专网"}, {NULL, NULL}};
static const forms_choice data_types[] = {
    {"business", "业务数据"}, {"personal", "公民个人信息"}, {"both", "业务数据、公民个人信息"}, {NULL, NULL}};
static const forms_choice storage_row[] = {{"internet", "互联网"},
                                           {"private", "业务专网"},
                                           {"both", "互联网和业务专网"},
                                           {"hosting", "托管单位"},
                                           {NULL, NULL}};

static const forms_field unit_fields[] = {
    {"unit_name", "部门、单位名称", N_("name of the department or unit"), FORMS_TEXT, NULL},
    {"credit_code", "统一社会信用代码", N_("unified social credit code (units that are legal persons)"),
     FORMS_CREDIT_CODE, NULL},
    {"address", "地址", N_("address"), FORMS_TEXT, NULL},
    {"security_dept", "网络安全责任部门", N_("department responsible for network security"), FORMS_TEXT, NULL},
    {"security_contact", "姓名", N_("its contact: name"), FORMS_TEXT, NULL},
    {"security_title", "职务/职称", N_("its contact: post or title"), FORMS_TEXT, NULL},
    {"security_office_phone", "办公电话", N_("its contact: office telephone"), FORMS_PHONE, NULL},
    {"security_mobile", "移动电话", N_("its contact: mobile telephone"), FORMS_PHONE, NULL},
    {"protection_dept", "数据保护责任部门", N_("department responsible for data protection"), FORMS_TEXT, NULL},
    {"protection_contact", "姓名", N_("its contact: name"), FORMS_TEXT, NULL},
    {"protection_title", "职务/职称", N_("its contact: post or title"), FORMS_TEXT, NULL},
    {"protection_office_phone", "办公电话", N_("its contact: office telephone"), FORMS_PHONE, NULL},
    {"protection_mobile", "移动电话", N_("its contact: mobile telephone"), FORMS_PHONE, NULL},
    {"total_volume", "单位数据总量", N_("total data volume of the unit (GB/TB/PB)"), FORMS_VOLUME, NULL},
    {"storage", "数据存储位置", N_("where the data are stored"), FORMS_CHOICE, storage_unit},
    {"description", "数据内容描述", N_("description of the data (kinds of business data)"), FORMS_TEXT, NULL},
    {"personal_info", "是否包含公民个人信息", N_("the data contain citizens' personal information"), FORMS_CHOICE,
     yes_no},
};

static const forms_field row_fields[] = {
    {"release_area", "发布区域", N_("release area"), FORMS_CHOICE, release_area},
    {"mlps_filing", "等级保护备案号", N_("MLPS filing number (empty when not filed)"), FORMS_TEXT, NULL},
    {"mlps_level", "定级级别", N_("MLPS level"), FORMS_LEVEL, NULL},
    {"data_types", "包含数据类型", N_("kinds of data held"), FORMS_CHOICE, data_types},
    {"volume", "数据量", N_("data volume (GB/TB/PB)"), FORMS_VOLUME, NULL},
    {"storage", "数据存储位置", N_("where the data are stored"), FORMS_CHOICE, storage_row},
    {"db_ip", "数据库IP地址", N_("database IP addresses (IPv4 or IPv6)"), FORMS_IPS, NULL},
    {"maintainer", "数据库维护单位", N_("unit that maintains the database"), FORMS_TEXT, NULL},
    {"maintainer_contact", "联系人", N_("its contact person"), FORMS_TEXT, NULL},
    {"maintainer_phone", "联系方式", N_("its contact telephone"), FORMS_PHONE, NULL},
};

const forms_def inventory_form = {"inventory", unit_fields, sizeof unit_fields / sizeof unit_fields[0], row_fields,
                                  sizeof row_fields / sizeof row_fields[0]};

/* The annex's column titles without the filling hints printed under them
 * ("（互联网/专网/互联网和专网）"), which say what a cell takes, not what it is. */
const char *const inventory_export_titles[INVENTORY_EXPORT_COLUMNS] = {
    "信息系统名称", "发布区域", "等级保护备案号/定级级别", "包含数据类型",
    "数据量",       "数据存储位置", "数据库IP地址", "数据库维护单位、联系人及联系方式"};

static const char *value_of(const forms_data *d, const forms_record *r, const char *key)
{
    const char *v = forms_record_value(d, r, key);
    return v ? v : "";
}

static const char *title_of(const forms_data *d, const forms_record *r, const char *key)
{
    return forms_value_title(forms_field_find(d->def, false, key), forms_record_value(d, r, key));
}

/* "无/二级" as the annex writes it: filing number or 无, then the level. */
static char *filing_cell(const forms_data *d, const forms_record *r)
{
    static const char *const level_words[] = {"无", "一级", "二级", "三级", "四级"};
    const char *filing = value_of(d, r, "mlps_filing");
    const char *level = forms_record_value(d, r, "mlps_level");
    if (*filing == '\0' && level == NULL)
        return strdup("");
    const char *word = "无";
    if (level != NULL && level[0] >= '1' && level[0] <= '4')
        word = level_words[level[0] - '0'];
    size_t len = strlen(filing) + strlen(word) + 8;
    char *out = malloc(len);
    if (out != NULL)
        snprintf(out, len, "%s/%s", *filing ? filing : "无", word);
    return out;
}

/* The parts that are given, joined by a space. */
static char *joined(const char *const *parts, size_t count)
{
    size_t len = 1;
    for (size_t i = 0; i < count; i++)
        len += strlen(parts[i]) + 1;
    char *out = malloc(len);
    if (out == NULL)
        return NULL;
    out[0] = '\0';
    for (size_t i = 0; i < count; i++)
        if (*parts[i]) {
            if (*out)
                strcat(out, " ");
            strcat(out, parts[i]);
        }
    return out;
}

/* One row of the annex's table. */
static int fill_row(const forms_data *d, const forms_record *r, char **row)
{
    const char *maint[] = {value_of(d, r, "maintainer"), value_of(d, r, "maintainer_contact"),
                           value_of(d, r, "maintainer_phone")};
    row[0] = strdup(r->name);
    row[1] = strdup(title_of(d, r, "release_area"));
    row[2] = filing_cell(d, r);
    row[3] = strdup(title_of(d, r, "data_types"));
    row[4] = strdup(value_of(d, r, "volume"));
    row[5] = strdup(title_of(d, r, "storage"));
    row[6] = strdup(value_of(d, r, "db_ip"));
    row[7] = joined(maint, 3);
    return 0;
}

int inventory_export(const forms_data *d, char **out, size_t *len, char **err)
{
    return forms_export(d, inventory_export_titles, INVENTORY_EXPORT_COLUMNS, fill_row, out, len, err);
}
