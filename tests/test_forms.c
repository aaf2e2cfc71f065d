/* test_forms.c: cmocka tests of the annex forms (forms_check.h, forms.h,
 * forms_store.h, inventory.h).
 *
 * The credit code is checked with codes of real companies and with every
 * single-character corruption of them; each other kind with values people
 * write and values that look close but are wrong. The inventory's export
 * must carry the annex's column titles in the annex's order; its sheet must
 * round-trip through the store, and a sheet with bad rows must name each by
 * FILE:LINE and record nothing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "forms.h"
#include "forms_check.h"
#include "forms_store.h"
#include "inventory.h"
#include "store.h"
#include "survey.h"
#include "testutil.h"

/* Real codes: GB 32100-2015's example and three companies' (Huawei,
 * Tencent, Baidu), all with a correct check character. */
static const char *const valid_codes[] = {"91350100M000100Y43", "914403001922038216", "9144030071526726XG",
                                          "91110000802100433B"};

static void check_ok(int (*check)(const char *, char **), const char *in, const char *expected)
{
    char *out = NULL;
    int rc = check(in, &out);
    if (rc != 0)
        fail_msg("'%s' refused (%d)", in, rc);
    assert_string_equal(out, expected);
    free(out);
}

static void check_bad(int (*check)(const char *, char **), const char *in, int expected)
{
    static char sentinel[] = "untouched";
    char *out = sentinel;
    int rc = check(in, &out);
    if (rc != expected)
        fail_msg("'%s': %d, expected %d", in, rc, expected);
    assert_null(out);
}

static void test_credit_code_valid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof valid_codes / sizeof valid_codes[0]; i++) {
        assert_int_equal(forms_credit_check_char(valid_codes[i]), valid_codes[i][17]);
        check_ok(forms_check_credit_code, valid_codes[i], valid_codes[i]);
    }
    /* lower case and surrounding spaces are how codes get typed */
    check_ok(forms_check_credit_code, "  9144030071526726xg ", "9144030071526726XG");
}

static void test_credit_code_corrupted(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    /* every other character of the alphabet at every position: the check
     * character (mod 31 with weights prime to 31) catches each one */
    for (size_t i = 0; i < sizeof valid_codes / sizeof valid_codes[0]; i++)
        for (size_t pos = 0; pos < 18; pos++)
            for (const char *c = alphabet; *c; c++) {
                if (*c == valid_codes[i][pos])
                    continue;
                char code[19];
                memcpy(code, valid_codes[i], 19);
                code[pos] = *c;
                check_bad(forms_check_credit_code, code, FORMS_CHECK_CHECKSUM);
            }
    /* characters outside the alphabet, and wrong lengths, are not codes */
    check_bad(forms_check_credit_code, "91350100M000100I43", FORMS_CHECK_BAD);
    check_bad(forms_check_credit_code, "91350100O000100Y43", FORMS_CHECK_BAD);
    check_bad(forms_check_credit_code, "91350100M000100Y4", FORMS_CHECK_BAD);
    check_bad(forms_check_credit_code, "91350100M000100Y433", FORMS_CHECK_BAD);
    check_bad(forms_check_credit_code, "", FORMS_CHECK_BAD);
    /* two neighbours swapped is caught too */
    check_bad(forms_check_credit_code, "91350100M000010Y43", FORMS_CHECK_CHECKSUM);
}

static void test_phone(void **state)
{
    (void)state;
    check_ok(forms_check_phone, "13812345678", "13812345678");
    check_ok(forms_check_phone, "+86 138 1234 5678", "13812345678");
    check_ok(forms_check_phone, "020-87654321", "020-87654321");
    check_ok(forms_check_phone, "0755-1234567", "0755-1234567");
    check_ok(forms_check_phone, "010-12345678-801", "010-12345678-801");
    check_ok(forms_check_phone, "87654321", "87654321");
    check_bad(forms_check_phone, "1381234567", FORMS_CHECK_BAD);      /* 10 digits */
    check_bad(forms_check_phone, "23812345678", FORMS_CHECK_BAD);     /* 11 digits, not a mobile */
    check_bad(forms_check_phone, "20-87654321", FORMS_CHECK_BAD);     /* area code without 0 */
    check_bad(forms_check_phone, "020-876543", FORMS_CHECK_BAD);      /* 6 digits */
    check_bad(forms_check_phone, "020-87654321-x", FORMS_CHECK_BAD);
    check_bad(forms_check_phone, "电话", FORMS_CHECK_BAD);
}

static void test_ips(void **state)
{
    (void)state;
    check_ok(forms_check_ips, "10.100.248.245", "10.100.248.245");
    check_ok(forms_check_ips, "59.252.101.219, 2001:DB8:0:0::1", "59.252.101.219, 2001:db8::1");
    check_ok(forms_check_ips, "10.0.0.1、10.0.0.2", "10.0.0.1, 10.0.0.2");
    check_ok(forms_check_ips, "::1", "::1");
    check_bad(forms_check_ips, "10.100.248.256", FORMS_CHECK_BAD);
    check_bad(forms_check_ips, "10.100.248", FORMS_CHECK_BAD);
    check_bad(forms_check_ips, "2001:db8::1::2", FORMS_CHECK_BAD);
    check_bad(forms_check_ips, "10.0.0.1, db.example", FORMS_CHECK_BAD);
    check_bad(forms_check_ips, " , ", FORMS_CHECK_BAD);
}

static void test_volume(void **state)
{
    (void)state;
    check_ok(forms_check_volume, "65GB", "65GB");
    check_ok(forms_check_volume, "1.2 tb", "1.2TB");
    check_ok(forms_check_volume, "3PB", "3PB");
    check_ok(forms_check_volume, "065GB", "65GB");
    check_bad(forms_check_volume, "0.31G", FORMS_CHECK_BAD);   /* the annex's own example lacks the B */
    check_bad(forms_check_volume, "65", FORMS_CHECK_BAD);
    check_bad(forms_check_volume, "65MB", FORMS_CHECK_BAD);
    check_bad(forms_check_volume, "0GB", FORMS_CHECK_BAD);
    check_bad(forms_check_volume, ".5TB", FORMS_CHECK_BAD);
    check_bad(forms_check_volume, "1.TB", FORMS_CHECK_BAD);
    check_bad(forms_check_volume, "-1GB", FORMS_CHECK_BAD);
    check_bad(forms_check_volume, "1,2TB", FORMS_CHECK_BAD);
}

static void test_level_date_domain(void **state)
{
    (void)state;
    check_ok(forms_check_level, "3", "3");
    check_ok(forms_check_level, "三级", "3");
    check_ok(forms_check_level, "第四级", "4");
    check_ok(forms_check_level, "Level 2", "2");
    check_ok(forms_check_level, "无", "none");
    check_ok(forms_check_level, "0", "none");
    check_ok(forms_check_level, "未定级", "none");
    check_bad(forms_check_level, "5", FORMS_CHECK_BAD);
    check_bad(forms_check_level, "五级", FORMS_CHECK_BAD);
    check_bad(forms_check_level, "III", FORMS_CHECK_BAD);
    check_ok(forms_check_date, "2026-3-5", "2026-03-05");
    check_ok(forms_check_date, "2026/03/05", "2026-03-05");
    check_bad(forms_check_date, "2026-02-30", FORMS_CHECK_BAD);
    check_bad(forms_check_date, "26-03-05", FORMS_CHECK_BAD);
    check_ok(forms_check_domain, "WWW.Example.gov.cn.", "www.example.gov.cn");
    check_bad(forms_check_domain, "localhost", FORMS_CHECK_BAD);
    check_bad(forms_check_domain, "www..gov.cn", FORMS_CHECK_BAD);
    check_bad(forms_check_domain, "-a.gov.cn", FORMS_CHECK_BAD);
    check_bad(forms_check_domain, "http://www.gov.cn", FORMS_CHECK_BAD);
}

/* A store with two systems and its inventory. */
typedef struct fixture {
    char *dir, *db;
    store *s;
    forms_store *fs;
    system_info *systems;
    size_t count;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->dir = testutil_tempdir();
    size_t n = strlen(f->dir) + 16;
    f->db = malloc(n);
    snprintf(f->db, n, "%s/sc.db", f->dir);
    char *err = NULL;
    if (store_open(f->db, &f->s, &err) != 0 || store_system_add(f->s, "oa", "办公自动化系统", &err) != 0 ||
        store_system_add(f->s, "web", "门户网站", &err) != 0 || forms_store_open(f->db, &f->fs, &err) != 0 ||
        store_systems_list(f->s, &f->systems, &f->count, &err) != 0)
        fail_msg("setup: %s", err);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    system_info_free_array(f->systems, f->count);
    forms_store_close(f->fs);
    store_close(f->s);
    testutil_rmtree(f->dir);
    free(f->db);
    free(f->dir);
    free(f);
    return 0;
}

static forms_data *load_form(fixture *f, const forms_def *def)
{
    forms_data *d = NULL;
    char *err = NULL;
    if (forms_store_load(f->fs, def, f->systems, f->count, &d, &err) != 0)
        fail_msg("load: %s", err);
    return d;
}

static forms_data *load(fixture *f)
{
    return load_form(f, &inventory_form);
}

static void set_form(fixture *f, const forms_def *def, const char *system, const char *const *assignments)
{
    forms_data *d = load_form(f, def);
    forms_changes c = {0};
    char *err = NULL;
    for (size_t i = 0; assignments[i]; i++)
        if (forms_changes_add(&c, d, system, assignments[i], &err) != 0)
            fail_msg("%s: %s", assignments[i], err);
    assert_int_equal(forms_store_apply(f->fs, def, &c, &err), 0);
    forms_changes_clear(&c);
    forms_data_free(d);
}

static void set(fixture *f, const char *system, const char *const *assignments)
{
    set_form(f, &inventory_form, system, assignments);
}

static char *export_text(fixture *f)
{
    forms_data *d = load(f);
    char *out = NULL, *err = NULL;
    size_t len;
    assert_int_equal(inventory_export(d, &out, &len, &err), 0);
    assert_int_equal(strlen(out), len);
    forms_data_free(d);
    return out;
}

/* The header row of 000's annex table, in its order. */
#define ANNEX_HEADER                                                                                       \
    "\xEF\xBB\xBF\"信息系统名称\",\"发布区域\",\"等级保护备案号/定级级别\",\"包含数据类型\",\"数据量\"," \
    "\"数据存储位置\",\"数据库IP地址\",\"数据库维护单位、联系人及联系方式\"\r\n"

static void test_export_columns(void **state)
{
    fixture *f = *state;
    char *empty = export_text(f);
    assert_string_equal(empty, ANNEX_HEADER);   /* nothing recorded: the header alone */
    free(empty);
    set(f, "oa",
        (const char *const[]){"release_area=专网", "mlps_level=2", "data_types=both", "volume=65GB",
                              "storage=private", "db_ip=10.100.248.245", NULL});
    set(f, "web",
        (const char *const[]){"release_area=internet", "mlps_filing=44010043001-00001", "mlps_level=3",
                              "data_types=business", "volume=0.31TB", "storage=hosting", "db_ip=59.252.101.219",
                              "maintainer=易宝电脑系统（北京）有限公司", "maintainer_contact=徐雪城",
                              "maintainer_phone=17600111817", NULL});
    char *text = export_text(f);
    assert_string_equal(text, ANNEX_HEADER
                        "\"办公自动化系统\",\"专网\",\"无/二级\",\"业务数据、公民个人信息\",\"65GB\",\"业务专网\","
                        "\"10.100.248.245\",\"\"\r\n"
                        "\"门户网站\",\"互联网\",\"44010043001-00001/三级\",\"业务数据\",\"0.31TB\",\"托管单位\","
                        "\"59.252.101.219\",\"易宝电脑系统（北京）有限公司 徐雪城 17600111817\"\r\n");
    free(text);
    /* a cell that a spreadsheet would run as a formula is guarded */
    set(f, "oa", (const char *const[]){"maintainer==HYPERLINK(\"x\")", NULL});
    text = export_text(f);
    assert_non_null(strstr(text, "\"'=HYPERLINK(\"\"x\"\")\"\r\n"));
    free(text);
}

static void test_set_refuses(void **state)
{
    fixture *f = *state;
    forms_data *d = load(f);
    forms_changes c = {0};
    char *err = NULL;
    assert_int_equal(forms_changes_add(&c, d, NULL, "credit_code=91350100M000100Y44", &err), FORMS_ERR_INVALID);
    assert_non_null(strstr(err, "credit_code"));
    assert_int_equal(forms_changes_add(&c, d, "nope", "volume=1GB", &err), FORMS_ERR_NOT_FOUND);
    assert_int_equal(forms_changes_add(&c, d, "oa", "unit_name=x", &err), FORMS_ERR_INVALID);   /* a unit field */
    assert_int_equal(forms_changes_add(&c, d, "oa", "mlps_level=5", &err), FORMS_ERR_INVALID);
    assert_int_equal(forms_changes_add(&c, d, "oa", "release_area=cloud", &err), FORMS_ERR_INVALID);
    assert_non_null(strstr(err, "internet|private|both"));
    assert_int_equal(forms_changes_add(&c, d, "oa", "volume", &err), FORMS_ERR_INVALID);
    assert_int_equal(c.count, 0);
    /* an empty value clears */
    assert_int_equal(forms_changes_add(&c, d, "oa", "volume=", &err), FORMS_OK);
    assert_null(c.items[0].value);
    free(err);
    forms_changes_clear(&c);
    forms_data_free(d);
}

static void test_sheet_round_trip_and_refusal(void **state)
{
    fixture *f = *state;
    set(f, NULL, (const char *const[]){"unit_name=生态环境部华南督察局", "credit_code=91350100M000100Y43", NULL});
    forms_data *d = load(f);
    char *sheet = NULL, *err = NULL;
    size_t len;
    assert_int_equal(forms_sheet_render(d, &sheet, &len, &err), 0);
    assert_memory_equal(sheet, "\xEF\xBB\xBF\"system\",\"field\",\"title\",\"allowed\",\"value\"\r\n", 43);
    assert_non_null(strstr(sheet, "\"\",\"credit_code\",\"统一社会信用代码\",\"credit-code\",\"91350100M000100Y43\"\r\n"));
    assert_non_null(strstr(sheet, "\"web\",\"release_area\",\"发布区域\",\"internet|private|both\",\"\"\r\n"));
    free(sheet);
    /* filled as a user would (columns reordered, rows of empty cells below);
     * three bad rows: every one is named, and nothing is recorded */
    char *path = testutil_write(f->dir, "bad.csv",
                                "\xEF\xBB\xBF" "value,system,field\r\n"
                                "1.2TB,oa,volume\r\n"
                                "91350100M000100Y34,,credit_code\r\n"
                                "\"two\r\nlines\",oa,maintainer\r\n"
                                "5,web,mlps_level\r\n"
                                "2,cloud,mlps_level\r\n"
                                "2TB,oa,volume\r\n"
                                ",,\r\n");
    forms_changes c = {0};
    diag_list problems;
    diag_list_init(&problems);
    assert_int_equal(forms_sheet_read(d, path, &c, &problems, &err), FORMS_ERR_INVALID);
    assert_int_equal(problems.count, 4);
    assert_int_equal(problems.items[0].line, 3);
    assert_non_null(strstr(problems.items[0].message, "credit_code"));
    assert_int_equal(problems.items[1].line, 6);   /* after the field holding a line break */
    assert_int_equal(problems.items[2].line, 7);
    assert_non_null(strstr(problems.items[2].message, "cloud"));
    assert_int_equal(problems.items[3].line, 8);
    assert_non_null(strstr(problems.items[3].message, "line 2"));
    assert_int_equal(c.count, 0);
    char *first = diag_format(&problems.items[0]);
    char *expected = malloc(strlen(path) + 8);
    sprintf(expected, "%s:3: ", path);
    assert_memory_equal(first, expected, strlen(expected));
    free(first);
    free(expected);
    diag_list_clear(&problems);
    free(path);
    forms_data_free(d);
    d = load(f);
    assert_null(forms_record_value(d, forms_data_row(d, "oa"), "volume"));
    assert_string_equal(forms_record_value(d, &d->unit, "credit_code"), "91350100M000100Y43");
    /* the good rows alone are recorded, in one go */
    path = testutil_write(f->dir, "good.csv",
                          "system,field,value\r\noa,volume,1.2TB\r\n,credit_code,9144030071526726xg\r\n"
                          "oa,maintainer,\"two\r\nlines\"\r\nweb,mlps_level,3\r\n");
    assert_int_equal(forms_sheet_read(d, path, &c, &problems, &err), FORMS_OK);
    assert_int_equal(forms_store_apply(f->fs, &inventory_form, &c, &err), 0);
    forms_changes_clear(&c);
    forms_data_free(d);
    d = load(f);
    assert_string_equal(forms_record_value(d, forms_data_row(d, "oa"), "volume"), "1.2TB");
    assert_string_equal(forms_record_value(d, forms_data_row(d, "oa"), "maintainer"), "two\r\nlines");
    assert_string_equal(forms_record_value(d, forms_data_row(d, "web"), "mlps_level"), "3");
    assert_string_equal(forms_record_value(d, &d->unit, "credit_code"), "9144030071526726XG");
    assert_string_equal(forms_record_value(d, &d->unit, "unit_name"), "生态环境部华南督察局");
    forms_data_free(d);
    free(path);
    free(err);
}

/* The survey form of 001's annex, field by field in its order. */
#define SURVEY_HEADER                                                                                          \
    "\xEF\xBB\xBF\"单位名称\",\"单位地址\",\"单位类型\",\"分管网站(应用)建设工作的领导 姓名\","                  \
    "\"分管网站(应用)建设工作的领导 职务/职称\",\"分管网站(应用)建设工作的领导 办公电话\","                   \
    "\"网站(应用)管理机构 名称\",\"网站(应用)管理机构 负责人\",\"网站(应用)管理机构 职务/职称\","            \
    "\"网站(应用)管理机构 办公电话\",\"网站(应用)管理机构 移动电话\",\"网站(应用)建设及运维单位(部门) 名称\"," \
    "\"网站(应用)建设及运维单位(部门) 负责人\",\"网站(应用)建设及运维单位(部门) 职务/职称\","                 \
    "\"网站(应用)建设及运维单位(部门) 办公电话\",\"网站(应用)建设及运维单位(部门) 移动电话\","                \
    "\"网站(应用)名称\",\"互联网域名\",\"互联网IP地址\",\"上线运行时间\",\"业务类型\",\"服务对象\",\"主要用途\","  \
    "\"ICP备案情况\",\"备案号\",\"等保定级情况\",\"网站开办审核\",\"网站资格复核\",\"网站统一标识\",\"填表人\","  \
    "\"联系电话\",\"填表时间\"\r\n"

static void test_survey_export(void **state)
{
    fixture *f = *state;
    forms_data *d = load_form(f, &survey_form);
    char *out = NULL, *err = NULL;
    size_t len;
    assert_int_equal(survey_export(d, &out, &len, &err), 0);
    assert_string_equal(out, SURVEY_HEADER);   /* no site yet: the header alone */
    free(out);
    forms_data_free(d);
    set_form(f, &survey_form, NULL,
             (const char *const[]){"unit_name=国家测绘地理信息局", "unit_type=事业单位", "leader_name=李四",
                                   "manager_mobile=13912345678", NULL});
    set_form(f, &survey_form, "web",
             (const char *const[]){"domain=www.example.gov.cn", "ip=59.252.101.219", "launch_date=2015/6/1",
                                   "business_type=public", "service_objects=both", "icp_filing=yes",
                                   "icp_number=京ICP备05000001号", "mlps_level=2", "opening_review=是",
                                   "qualification_review=no", "unified_id=yes", "filled_on=2026-11-20", NULL});
    d = load_form(f, &survey_form);
    assert_int_equal(survey_export(d, &out, &len, &err), 0);
    assert_string_equal(out, SURVEY_HEADER
                        "\"国家测绘地理信息局\",\"\",\"事业单位\",\"李四\",\"\",\"\",\"\",\"\",\"\",\"\",\"13912345678\","
                        "\"\",\"\",\"\",\"\",\"\",\"门户网站\",\"www.example.gov.cn\",\"59.252.101.219\",\"2015-06-01\","
                        "\"公众服务\",\"两者均包括\",\"\",\"有\",\"京ICP备05000001号\",\"二级\",\"是\",\"否\",\"是\",\"\","
                        "\"\",\"2026-11-20\"\r\n");
    free(out);
    char *why = NULL;
    forms_changes c = {0};
    assert_int_equal(forms_changes_add(&c, d, "web", "domain=http://www.example.gov.cn", &why), FORMS_ERR_INVALID);
    assert_int_equal(forms_changes_add(&c, d, NULL, "unit_type=军队", &why), FORMS_ERR_INVALID);
    assert_non_null(strstr(why, "agency|institution|enterprise|other"));
    free(why);
    forms_data_free(d);
}

static void test_forms_schema(void **state)
{
    fixture *f = *state;
    /* a second open finds its tables current and changes nothing */
    forms_store *again = NULL;
    char *err = NULL;
    assert_int_equal(forms_store_open(f->db, &again, &err), 0);
    forms_store_close(again);
    /* forms written by a newer selfcheck are refused, not changed */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE forms_meta SET value = '99' WHERE key = 'forms_schema'", NULL, NULL,
                                  NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(forms_store_open(f->db, &again, &err), FORMS_ERR);
    assert_null(again);
    assert_non_null(strstr(err, "99"));
    free(err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_credit_code_valid),
        cmocka_unit_test(test_credit_code_corrupted),
        cmocka_unit_test(test_phone),
        cmocka_unit_test(test_ips),
        cmocka_unit_test(test_volume),
        cmocka_unit_test(test_level_date_domain),
        cmocka_unit_test_setup_teardown(test_export_columns, setup, teardown),
        cmocka_unit_test_setup_teardown(test_set_refuses, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet_round_trip_and_refusal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_survey_export, setup, teardown),
        cmocka_unit_test_setup_teardown(test_forms_schema, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
