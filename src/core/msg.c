/* msg.c: the Chinese of the messages a unit's staff meet (see msg.h). */
#include "msg.h"

#include "i18n.h"

#include <errno.h>
#include <string.h>

static const char *const msg_pairs[][2] = {
    /* answers (answer.c, session.c) */
    {"'%s' is not an answer here: use %s", "“%s”不是此项可用的回答：请填 %s"},
    {"'%s' is not one of the choices: use %s", "“%s”不是可选的答案：请填 %s"},
    {"'%s' is not a number", "“%s”不是数字"},
    {"%g is outside %g..%g", "%g 超出了 %g..%g 的范围"},
    {"'%s' is not a date: write YYYY-MM-DD, for example 2026-03-31",
     "“%s”不是日期：请按 YYYY-MM-DD 填写，例如 2026-03-31"},
    {"%s is in the future (today is %s)", "%s 晚于今天（今天是 %s）"},
    {"no answer given", "没有填写回答"},
    {"'%s' is not a date: write YYYY-MM-DD", "“%s”不是日期：请按 YYYY-MM-DD 填写"},
    {"no unit configured: set [unit] code in selfcheck.ini (or run selfcheck to be asked)",
     "尚未设置单位：请在 selfcheck.ini 的 [unit] 中填写 code（或直接运行 selfcheck，按提示设置）"},
    {"a change assessment needs --period DATE@SYSTEM (for example %s@oa)",
     "系统变更后的检查须用 --period 日期@系统代码 指明（例如 %s@oa）"},
    {"out of memory", "内存不足"},

    /* answer sheets (sheet.c, the answer command) */
    {"%s:%d: malformed CSV: %s (a quote inside a field must be doubled)",
     "%s:%d: CSV 格式错误：%s（单元格里的英文引号须写成两个）"},
    {"%s:%d: malformed CSV: a quoted field is not closed", "%s:%d: CSV 格式错误：引号没有闭合"},
    {"%s:%d: not UTF-8 (save the sheet as \"CSV UTF-8\")", "%s:%d: 不是 UTF-8 编码（请另存为“CSV UTF-8”格式）"},
    {"%s: empty sheet: the first row must name the columns", "%s: 空表：第一行须是列名"},
    {"%s:%d: no column '%s' in the header row", "%s:%d: 表头中没有“%s”列"},
    {"%s:%d: this row has %zu fields, the header %zu", "%s:%d: 这一行有 %zu 列，表头有 %zu 列"},
    {"%s:%d: no item %s/%s%s%s in the %s check %s", "%s:%d: 没有 %s/%s%s%s 这一项（%s 检查 %s）"},
    {" for system ", "，系统 "},
    {"%s:%d: item %s%s%s given twice (also on line %d)", "%s:%d: %s%s%s 这一项填了两次（另见第 %d 行）"},
    {"%s:%d: %s: remediation_due '%s' is not a date (YYYY-MM-DD)",
     "%s:%d: %s: 整改期限“%s”不是日期（YYYY-MM-DD）"},
    {"%s: problems found: %zu; nothing of the sheet was recorded", "%s: 发现 %zu 处问题，整张表都没有导入"},
    {"recorded %zu answers from %s; %zu of %zu items of the %s check %s answered\n",
     "已导入 %zu 个回答（来自 %s）；%zu/%zu 项已答（%s 检查 %s）\n"},
    {"%s: cannot read the sheet", "%s: 无法读取答题表"},

    /* files and folders (fsutil.c, report.c) */
    {"%s: cannot open folder: %s", "%s: 无法打开文件夹：%s"},
    {"%s: cannot sync folder: %s", "%s: 无法把文件夹写入磁盘：%s"},
    {"%s: already exists, not overwritten", "%s: 文件已存在，没有覆盖"},
    {"%s: out of memory", "%s: 内存不足"},
    {"%s: cannot create a temporary file: %s", "%s: 无法创建临时文件：%s"},
    {"%s: cannot set mode: %s", "%s: 无法设置文件权限：%s"},
    {"%s: write failed: %s", "%s: 写入失败：%s"},
    {"%s: cannot sync: %s", "%s: 无法写入磁盘：%s"},
    {"%s: close failed: %s", "%s: 关闭文件失败：%s"},
    {"%s: cannot rename into place: %s", "%s: 无法把文件改到最终的名称：%s"},
    {"%s: larger than %zu bytes", "%s: 文件大于 %zu 字节"},
    {"%s: read error", "%s: 读取出错"},
    {"%s: cannot create folder: %s", "%s: 无法创建文件夹：%s"},
    {"%s: not a folder", "%s: 不是文件夹"},
    {"%s: no such folder", "%s: 文件夹不存在"},

    /* reports (report.c) */
    {"%s: already exists, not overwritten (move the old report away, or write to another folder with --out)",
     "%s: 文件已存在，没有覆盖（请把旧报告移走，或用 --out 写到别的文件夹）"},
    {"the assessment asks no items: nothing to report (for per-system checklists add the unit's systems first)",
     "这项检查没有要回答的项目，无法生成报告（按系统检查的项目须先登记本单位的信息系统）"},
    {"%zu of %zu asked items are unanswered: answer them, or report anyway with --allow-incomplete",
     "还有 %zu 项（共 %zu 项）未答：请先答完，或用 --allow-incomplete 仍然生成报告"},
    {"%s: left by an interrupted replacement: put it back as %s or remove it",
     "%s: 是上次中断的替换留下的文件：请把它改回 %s，或删除它"},
    {"%s: cannot set the old report aside: %s", "%s: 无法暂存旧报告：%s"},

    /* systems and the answer store (store.c) */
    {"system id '%s' must be lower-case letters, digits and '-' (for example oa)",
     "系统代码“%s”只能由小写字母、数字和 - 组成（例如 oa）"},
    {"system '%s' needs a name", "系统“%s”需要一个名称"},
    {"system '%s' exists already", "已有代码为“%s”的系统"},
    {"no system '%s'", "没有代码为“%s”的系统"},
    {"no system '%s': add it first with 'selfcheck systems add %s NAME'",
     "没有代码为“%s”的系统：请先用 selfcheck systems add %s 名称 登记"},
    {"%s: cannot create the answer store: %s", "%s: 无法创建答案数据库：%s"},
    {"%s: cannot open the answer store: %s", "%s: 无法打开答案数据库：%s"},
    {"%s: made by a newer selfcheck (schema %d, this one knows %d): use that version",
     "%s: 由较新版本的 selfcheck 创建（数据库版本 %d，本程序只认识 %d）：请使用那个版本"},
};

static int msg_chinese;

void msg_set_lang(const char *lang)
{
    msg_chinese = lang != NULL && strcmp(lang, "zh") == 0;
    i18n_set_lang(lang);   /* gettext's strings follow, while both exist */
}

const char *msg(const char *english)
{
    if (!msg_chinese || english == NULL)
        return english;
    for (size_t i = 0; i < sizeof msg_pairs / sizeof msg_pairs[0]; i++)
        if (strcmp(msg_pairs[i][0], english) == 0)
            return msg_pairs[i][1];
    return english;
}

const char *msg_strerror(int code)
{
    if (msg_chinese) {
        switch (code) {
        case ENOSPC: return "磁盘或 U 盘已满";
        case EDQUOT: return "超出了磁盘配额";
        case EACCES:
        case EPERM: return "没有权限";
        case EROFS: return "只读（U 盘是否打开了写保护？）";
        case ENOENT: return "文件或文件夹不存在";
        case ENOTDIR: return "路径中有一段不是文件夹";
        case EIO: return "读写出错（介质可能已损坏）";
        case ENAMETOOLONG: return "名称太长";
        default: break;
        }
    }
    return strerror(code);
}

const char *const (*msg_table(size_t *count))[2]
{
    *count = sizeof msg_pairs / sizeof msg_pairs[0];
    return msg_pairs;
}
