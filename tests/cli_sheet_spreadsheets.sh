#!/usr/bin/env bash
# cli_sheet_spreadsheets.sh: answer sheets as spreadsheet programs save them
# (tests/fixtures/calc, made by its make.sh: LibreOffice Calc in a Chinese
# locale, as UTF-8 and as GB18030, and a sheet in the format Excel on
# Chinese Windows saves) are recorded, exactly, into the check they were
# made for, and refused when --period names another (docs/answer-sheet.md).
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
fixtures=$repo/tests/fixtures/calc
# the November sheets are handed in on 2 December
export SELFCHECK_NOW=2026-12-02T09:00:00

example_config
db=$work/data/selfcheck.db
# fresh: an empty store with the two systems the sheets were made for
fresh() {
    rm -rf "$work/data"
    sc systems add sys007 办公自动化系统 >/dev/null || fail "systems add sys007"
    sc systems add web-2 门户网站 >/dev/null || fail "systems add web-2"
}
# recorded: every answer of the store, one line each, a line break in a note as \n
recorded() {
    sqlite3 -separator '|' "$db" "select s.profile, s.period, a.item_id, a.system_id, replace(a.value, char(10), '\\n'),
        replace(a.note, char(10), '\\n'), a.remediation_owner, a.remediation_due
        from answers a join assessments s on s.id = a.assessment_id order by 1, 2, 3, 4" 2>&1
}
checks() { sqlite3 "$db" "select count(*) from assessments" 2>/dev/null || echo 0; }
# the answers of tests/fixtures/calc/monthly.txt as recorded; NOTE is the
# ID card number of backup-frequency's note as the spreadsheet saved it.
# The finding backup-frequency gets the default due date (30 days).
monthly_expected() {
    cat <<EOF
monthly|2026-11|av-signature-age||12||李四|2026-12-01
monthly|2026-11|backup-daily|sys007|yes|每晚 23:00 全量备份，另有"增量"备份, 异地存放||
monthly|2026-11|backup-daily|web-2|no|备份脚本自 11 月起停用\n待恢复|王五|2026-12-20
monthly|2026-11|backup-frequency||weekly|$1||2027-01-01
EOF
}

# what the files are: Calc's UTF-8 CSV has no byte-order mark and LF line
# ends, and holds the dates typed as 2026/12/20 in Calc's Chinese form; its
# GB18030 CSV is the same text in GB18030, not UTF-8
utf8=$fixtures/monthly-2026-11.calc-utf8.csv
gb=$fixtures/monthly-2026-11.calc-gb18030.csv
excel=$fixtures/monthly-2026-11.excel-gbk.csv
change=$fixtures/change-2026-11-15-sys007.calc-utf8.csv
for f in "$utf8" "$gb" "$excel" "$change"; do
    [ "$(head -c 3 "$f" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "$(basename "$f") starts with a byte-order mark"
done
grep -q $'\r' "$utf8" && fail "Calc's CSV has CR line ends"
grep -q ',26年12月20日,' "$utf8" || fail "Calc's CSV does not hold the date in its Chinese form"
grep -q '^办公自动化系统,.*,25年10月10日,.*,27年1月15日,example,mlps-last-assessment,sys007,' "$change" ||
    fail "the change sheet does not hold Calc's dates: $(grep mlps-last-assessment "$change")"
iconv -f UTF-8 -t UTF-8 "$gb" >/dev/null 2>&1 && fail "Calc's GB18030 CSV is valid UTF-8"
iconv -f GB18030 -t UTF-8 "$gb" | cmp -s - "$utf8" || fail "Calc's GB18030 CSV is not its UTF-8 CSV in GB18030"
# the Excel sheet: GBK, CRLF after every row, empty rows below the data
iconv -f UTF-8 -t UTF-8 "$excel" >/dev/null 2>&1 && fail "the Excel sheet is valid UTF-8"
# (the one bare LF is the line break inside web-2's note, as Excel saves it)
[ "$(grep -c $'\r$' "$excel")" = "$(($(wc -l <"$excel") - 1))" ] || fail "the Excel sheet has a row without CRLF"
iconv -f GBK -t UTF-8 "$excel" | grep -q '停用$' ||
    fail "the Excel sheet's line break inside a cell is not a bare LF"
[ "$(tail -n 3 "$excel" | tr -d '\r' | sort -u)" = ',,,,,,,,,,,' ] || fail "the Excel sheet has no empty rows at its end"

# Calc, UTF-8: recorded into November without --period, nothing said of the encoding
fresh
out=$(sc answer --from "$utf8" 2>&1) || fail "Calc UTF-8 sheet: $out"
expect "Calc UTF-8 sheet recorded into November" "已导入 4 个回答" "$out"
expect "Calc UTF-8 sheet: the check" "4/4 项已答（每月例行检查 2026-11）" "$out"
refuse "Calc UTF-8 sheet: no encoding note" "GB18030" "$out"
# its ID card number came back as Calc's long-number form: recorded, named at its row
line=$(grep -n ',backup-frequency,' "$utf8" | cut -d: -f1)
expect "Calc's number form warned at its row" \
    "monthly-2026-11.calc-utf8.csv:$line: backup-frequency：note 栏的“1.10101199001011E+017”像是被电子表格改写过的数字" "$out"
got=$(recorded)
[ "$got" = "$(monthly_expected 1.10101199001011E+017)" ] || fail "Calc UTF-8 sheet recorded:"$'\n'"$got"
out=$(sc score --period 2026-11)
expect "Calc UTF-8 sheet scores" "总计: 4/4 已答 · 6.30/12.00 · 52.5%" "$out"
out=$(sc status)
expect "status shows November done" "最近完成 2026-11（于 2026-12-02" "$out"
[ "$(checks)" = 1 ] || fail "the November sheet opened $(checks) checks"

# Calc, GB18030: the same answers, and it says how it was read
fresh
out=$(sc answer --from "$gb" 2>&1) || fail "Calc GB18030 sheet: $out"
expect "Calc GB18030 sheet read as GB18030" "monthly-2026-11.calc-gb18030.csv：已按 GB18030（GBK）编码读取" "$out"
expect "Calc GB18030 sheet recorded into November" "4/4 项已答（每月例行检查 2026-11）" "$out"
got=$(recorded)
[ "$got" = "$(monthly_expected 1.10101199001011E+017)" ] || fail "Calc GB18030 sheet recorded:"$'\n'"$got"

# Calc's character set "Unicode": UTF-16 with its byte-order mark, the same answers
utf16=$fixtures/monthly-2026-11.calc-utf16.csv
[ "$(head -c 2 "$utf16" | od -An -tx1 | tr -d ' ')" = fffe ] || fail "Calc's Unicode CSV is not UTF-16LE with a BOM"
iconv -f UTF-16 -t UTF-8 "$utf16" | cmp -s - "$utf8" || fail "Calc's Unicode CSV is not its UTF-8 CSV in UTF-16"
fresh
out=$(sc answer --from "$utf16" 2>&1) || fail "Calc UTF-16 sheet: $out"
expect "Calc UTF-16 sheet recorded into November" "4/4 项已答（每月例行检查 2026-11）" "$out"
refuse "Calc UTF-16 sheet: no GB18030 note" "GB18030" "$out"
expect "Calc UTF-16 sheet: number form warned at its row" "monthly-2026-11.calc-utf16.csv:$line: backup-frequency" "$out"
got=$(recorded)
[ "$got" = "$(monthly_expected 1.10101199001011E+017)" ] || fail "Calc UTF-16 sheet recorded:"$'\n'"$got"

# saved with ';' or a tab between the cells: refused at the header row, saying how to save it
for kind in semicolon:分号 tab:制表符; do
    f=$fixtures/monthly-2026-11.calc-${kind%%:*}.csv
    fresh
    out=$(sc answer --from "$f" 2>&1); rc=$?
    [ $rc -eq 3 ] || fail "${kind%%:*} sheet: exit $rc, expected 3: $out"
    expect "${kind%%:*} sheet: named at the header row" \
        "$(basename "$f"):3: 这张答题表的单元格以${kind#*:}分隔，不是逗号" "$out"
    expect "${kind%%:*} sheet: how to save it" "字段分隔符选逗号" "$out"
    [ "$(checks)" = 0 ] || fail "the ${kind%%:*} sheet opened $(checks) checks"
done

# Excel on Chinese Windows: GBK, CRLF, empty rows at the end, dates as 2026/12/20
fresh
out=$(sc answer --from "$excel" 2>&1) || fail "Excel GBK sheet: $out"
expect "Excel GBK sheet read as GB18030" "monthly-2026-11.excel-gbk.csv：已按 GB18030（GBK）编码读取" "$out"
expect "Excel GBK sheet recorded into November" "4/4 项已答（每月例行检查 2026-11）" "$out"
expect "Excel's number form warned" "note 栏的“1.10101E+17”" "$out"
got=$(recorded)
[ "$got" = "$(monthly_expected 1.10101E+17)" ] || fail "Excel GBK sheet recorded:"$'\n'"$got"

# the change check of sys007: dates typed 2026/11/15, saved as 26年11月15日
fresh
out=$(sc answer --from "$change" 2>&1) || fail "Calc change sheet: $out"
expect "change sheet recorded into its check" "2/2 项已答（系统变更后检查 2026-11-15@sys007）" "$out"
got=$(recorded)
want='change|2026-11-15@sys007|mlps-last-assessment|sys007|2025-10-10||赵六|2027-01-15
change|2026-11-15@sys007|mlps-last-change|sys007|2026-11-15|迁移到政务云||'
[ "$got" = "$want" ] || fail "Calc change sheet recorded:"$'\n'"$got"
out=$(sc status)
expect "status shows the change check" "最近完成 2026-11-15@sys007" "$out"

# the half-year check with dates typed as people type them, saved as Calc
# shows them: 2026.12.20, ２０２６/１２/２０, 2026年3月1日 and 26/12/20 as
# 26年…月…日, 2026-1-5 as 2026-01-05, 2025/12/10 0:00 with seconds
half=$fixtures/halfyear-2026-H2.calc-utf8.csv
[ "$(grep -c '26年12月20日,example,' "$half")" = 3 ] || fail "the half-year sheet does not hold Calc's dates"
grep -q ',2025/12/10 00:00:00,' "$half" || fail "the half-year sheet does not hold Calc's date and time"
fresh
out=$(sc answer --from "$half" 2>&1) || fail "Calc half-year sheet: $out"
expect "half-year sheet recorded into its check" "11/11 项已答（每半年全面检查 2026-H2）" "$out"
got=$(recorded)
want='halfyear|2026-H2|av-signature-age||180||李四|2026-12-20
halfyear|2026-H2|backup-daily|sys007|partial||王五|2026-12-20
halfyear|2026-H2|backup-daily|web-2|na|||
halfyear|2026-H2|backup-frequency||daily|||
halfyear|2026-H2|backup-notes||异地备份存放于档案室,\n每周轮换|||
halfyear|2026-H2|hosted-by-third-party||yes|||
halfyear|2026-H2|hosting-contract||partial||赵六|2026-12-20
halfyear|2026-H2|mlps-last-assessment|sys007|2026-03-01|||
halfyear|2026-H2|mlps-last-assessment|web-2|2025-12-10|||
halfyear|2026-H2|mlps-last-change|sys007|2026-01-05|||
halfyear|2026-H2|mlps-last-change|web-2|na|||'
[ "$got" = "$want" ] || fail "Calc half-year sheet recorded:"$'\n'"$got"

# a system recorded before ids had to survive a spreadsheet: Calc read true
# as a truth value on opening the sheet and saved TRUE; its rows are read
legacy=$fixtures/legacy-ids-2026-11.calc-utf8.csv
grep -q ',example,backup-daily,TRUE,yesno,' "$legacy" || fail "Calc did not save the system true as TRUE"
rm -rf "$work/data"
sc systems add web-2 门户网站 >/dev/null || fail "systems add web-2"
sqlite3 "$db" "insert into systems (id, name, added_at) values ('true', '办公自动化系统', '2026-01-05T09:00:00')" ||
    fail "a system from before the rule"
out=$(sc answer --from "$legacy" 2>&1) || fail "sheet with the system TRUE: $out"
expect "sheet with the system TRUE recorded" "4/4 项已答（每月例行检查 2026-11）" "$out"
got=$(recorded)
want='monthly|2026-11|av-signature-age||3|||
monthly|2026-11|backup-daily|true|yes|||
monthly|2026-11|backup-daily|web-2|no||王五|2026-12-20
monthly|2026-11|backup-frequency||daily|||'
[ "$got" = "$want" ] || fail "sheet with the system TRUE recorded:"$'\n'"$got"
# and no new system may be called so
for id in true false; do
    out=$(sc systems add $id 某系统 2>&1); rc=$?
    [ $rc -eq 2 ] || fail "systems add $id: exit $rc, expected 2: $out"
    expect "systems add $id says why" "电子表格会改写" "$out"
done

# a sheet handed in for another check is refused, and opens nothing
for f in "$utf8" "$gb" "$excel"; do
    fresh
    name=$(basename "$f")
    out=$(sc answer --period 2026-12 --from "$f" 2>&1); rc=$?
    [ $rc -eq 3 ] || fail "$name for --period 2026-12: exit $rc, expected 3: $out"
    expect "$name for December: names both" "$name：这张答题表是为每月例行检查 2026-11制作的，不是 2026-12 的" "$out"
    [ "$(checks)" = 0 ] || fail "$name for December opened $(checks) checks"
done
fresh
out=$(sc answer --period 2026-11-20@sys007 --from "$change" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "change sheet for another change: exit $rc, expected 3: $out"
expect "change sheet for another change: names both" "不是 2026-11-20@sys007 的" "$out"
[ "$(checks)" = 0 ] || fail "the change sheet for another change opened $(checks) checks"

finish cli_sheet_spreadsheets
