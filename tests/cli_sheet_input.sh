#!/usr/bin/env bash
# cli_sheet_input.sh: answer sheets as spreadsheets and people really hand
# them in, through the real binary: what is refused is named at its
# FILE:LINE in the user's language and records nothing; what is accepted is
# recorded whole (docs/answer-sheet.md).
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

example_config
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
head='checklist_id,item_id,system,answer,note,remediation_owner,remediation_due'
db=$work/data/selfcheck.db
answers() { sqlite3 "$db" "select count(*) from answers" 2>/dev/null || echo 0; }

# a NUL byte in a cell would cut the note short: the sheet is refused at its line
printf '\xef\xbb\xbf%s\r\nexample,backup-daily,oa,yes,"整段\r\n备注",,\r\nexample,backup-daily,web,no,"截\0断",,\r\n' \
    "$head" >"$work/nul.csv"
out=$(sc answer --profile halfyear --from "$work/nul.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "NUL cell: exit $rc, expected 3: $out"
expect "NUL cell named at its line" "nul.csv:4: 表中有 NUL 字节" "$out"
[ "$(answers)" = 0 ] || fail "a sheet with a NUL cell recorded answers"

# a header naming one column twice: which one holds the answers is a guess
printf '%s,answer\r\nexample,backup-daily,oa,yes,,,,no\r\n' "$head" >"$work/twice.csv"
out=$(sc answer --profile halfyear --from "$work/twice.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "repeated column: exit $rc, expected 3: $out"
expect "repeated column named" "twice.csv:1: 表头中“answer”列出现了两次（第 4 列和第 8 列）" "$out"
[ "$(answers)" = 0 ] || fail "a sheet with a repeated column recorded answers"
# a column of the user's own may come twice
printf '%s,备注,备注\r\nexample,backup-daily,oa,yes,,,,a,b\r\n' "$head" >"$work/own.csv"
out=$(sc answer --profile halfyear --from "$work/own.csv" 2>&1) || fail "own columns twice: $out"
[ "$(answers)" = 1 ] || fail "own columns twice: $(answers) answers recorded, expected 1"

# the worked example as Excel on Chinese Windows saves "CSV (逗号分隔)": GBK
# without a byte-order mark, and rows of empty cells below the data
sc template --profile halfyear --out "$work/sheet.csv" 2>/dev/null || fail "template"
fill_worked_example "$work/sheet.csv"
tail -c +4 "$work/sheet.csv" | iconv -f UTF-8 -t GB18030 >"$work/gbk.csv" || fail "iconv"
printf ',,,,,,,,,,\r\n,,,,,,,,,,\r\n,,,,,,,,,,\r\n' >>"$work/gbk.csv"
grep -q '备份' "$work/gbk.csv" && fail "the GBK sheet is still UTF-8"
# a bad row of it is named at its line, in the converted text
sed 's/"12"/"twelve"/' "$work/gbk.csv" >"$work/gbk-bad.csv"
line=$(grep -an '"av-signature-age"' "$work/gbk-bad.csv" | cut -d: -f1)
out=$(sc answer --profile halfyear --from "$work/gbk-bad.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "bad GBK sheet: exit $rc, expected 3: $out"
expect "bad GBK sheet read as GB18030" "gbk-bad.csv：已按 GB18030（GBK）编码读取" "$out"
expect "bad GBK row at its line" "gbk-bad.csv:$line: av-signature-age" "$out"
expect "bad GBK sheet: one problem" "发现 1 处问题" "$out"
[ "$(answers)" = 1 ] || fail "the bad GBK sheet recorded answers"
out=$(sc answer --profile halfyear --from "$work/gbk.csv" 2>&1) || fail "GBK sheet with blank rows: $out"
expect "GBK sheet read as GB18030" "gbk.csv：已按 GB18030（GBK）编码读取" "$out"
expect "GBK sheet recorded" "已导入 11 个回答" "$out"
note=$(sqlite3 "$db" "select note from answers where item_id='backup-frequency'")
[ "$note" = '每周五全量备份，另有"增量"备份, 异地' ] || fail "GBK note stored as '$note'"
out=$(sc score --profile halfyear)
expect "GBK sheet scores as the worked example" "11/11 已答 · 13.30/21.50 · 61.9%" "$out"
# a UTF-8 sheet says nothing about its encoding
out=$(sc answer --profile halfyear --from "$work/sheet.csv" 2>&1) || fail "UTF-8 sheet: $out"
refuse "UTF-8 sheet: no encoding note" "GB18030" "$out"
# bytes in neither encoding
printf '%s\r\nexample,backup-daily,oa,yes,"\x80\xff",,\r\n' "$head" >"$work/neither.csv"
out=$(sc answer --profile halfyear --from "$work/neither.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "neither encoding: exit $rc, expected 3: $out"
expect "neither encoding named" "neither.csv:2: 既不是 UTF-8 也不是 GB18030 编码的文字" "$out"

# the sheet records its check: a November sheet handed in on 2 December is
# recorded into November, and --period naming another month is refused
sc template --period 2026-11 --out "$work/nov.csv" 2>/dev/null || fail "November template"
head -n 1 "$work/nov.csv" | grep -q '"答题表：每月例行检查 2026-11","profile=monthly","period=2026-11"' ||
    fail "the template does not record its check: $(head -n 1 "$work/nov.csv")"
sed -n 2p "$work/nov.csv" | grep -q '^"系统名称","问题（中文）","可填写的回答","回答（请填写）",' ||
    fail "no row of Chinese column titles: $(sed -n 2p "$work/nov.csv")"
# the person filling it reads the system, the question, what it takes and
# the cell to fill first; the program's columns come after
grep -q '^"办公自动化系统","重要信息系统的数据是否每天进行完整可用的备份？","yes|no|partial|na (是|否|部分|不适用)","",.*,"example","backup-daily","oa","yesno",' "$work/nov.csv" ||
    fail "the sheet does not open with the system's name, the question and the answer: $(grep backup-daily "$work/nov.csv" | head -1)"
fill "$work/nov.csv" backup-daily oa '"是","","",""'
out=$(SELFCHECK_NOW=2026-12-02T09:00:00 sc answer --period 2026-12 --from "$work/nov.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "November sheet for --period 2026-12: exit $rc, expected 3: $out"
expect "period mismatch names both" "nov.csv：这张答题表是为每月例行检查 2026-11制作的，不是 2026-12 的" "$out"
n=$(sqlite3 "$db" "select count(*) from assessments where period in ('2026-11', '2026-12')")
[ "$n" = 0 ] || fail "a refused November sheet opened $n checks"
out=$(SELFCHECK_NOW=2026-12-02T09:00:00 sc answer --from "$work/nov.csv" 2>&1) || fail "November sheet in December: $out"
expect "recorded into November" "每月例行检查 2026-11" "$out"
v=$(sqlite3 "$db" "select a.value from answers a join assessments s on s.id = a.assessment_id where s.period = '2026-11' and a.item_id = 'backup-daily' and a.system_id = 'oa'")
[ "$v" = yes ] || fail "the November sheet's answer is '$v' in November"
n=$(sqlite3 "$db" "select count(*) from assessments where period = '2026-12'")
[ "$n" = 0 ] || fail "the November sheet opened the December check"
out=$(sc answer --profile halfyear --from "$work/nov.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "monthly sheet for --profile halfyear: exit $rc, expected 3: $out"
expect "profile mismatch named" "不是每半年全面检查的" "$out"
# the same in English
printf '[ui]\nlang = en\n' >>"$work/selfcheck.ini"
out=$(sc answer --period 2026-10 --from "$work/nov.csv" 2>&1)
expect "English period mismatch" "nov.csv: the sheet was made for the monthly check 2026-11, not for 2026-10" "$out"
sed -i '/^\[ui\]$/,$d' "$work/selfcheck.ini"
# the recorded check edited into something that is not one
sed '1 s/period=2026-11/period=2026-13/' "$work/nov.csv" >"$work/nov-bad.csv"
out=$(sc answer --from "$work/nov-bad.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "sheet of period 2026-13: exit $rc, expected 3: $out"
expect "bad period cell at its line" "nov-bad.csv:1: " "$out"

# answers as Chinese users and spreadsheets write them
sc template --profile halfyear --out "$work/zh.csv" 2>/dev/null || fail "template zh"
grep -q '"yes|no|partial|na (是|否|部分|不适用)"' "$work/zh.csv" || fail "allowed offers no Chinese forms"
grep -q '"daily|weekly|monthly|none (每天|每周|每月|不备份)"' "$work/zh.csv" || fail "allowed offers no Chinese labels"
fill "$work/zh.csv" backup-frequency '' '"每日","","",""'
fill "$work/zh.csv" av-signature-age '' '"１８０天","","李四","2026年12月1日"'
fill "$work/zh.csv" mlps-last-change oa '"26年3月1日","","",""'
fill "$work/zh.csv" mlps-last-assessment oa '"2025.12.10","","",""'
fill "$work/zh.csv" mlps-last-assessment web '"2026/5/20 0:00","","",""'
out=$(sc answer --from "$work/zh.csv" 2>&1) || fail "Chinese forms: $out"
q() { sqlite3 "$db" "select a.$1 from answers a join assessments s on s.id = a.assessment_id where s.period = '2026-H2' and a.item_id = '$2' and a.system_id = '$3'"; }
[ "$(q value backup-frequency '')" = daily ] || fail "每日 stored as '$(q value backup-frequency '')'"
[ "$(q value av-signature-age '')" = 180 ] || fail "１８０天 stored as '$(q value av-signature-age '')'"
[ "$(q remediation_due av-signature-age '')" = 2026-12-01 ] ||
    fail "due 2026年12月1日 stored as '$(q remediation_due av-signature-age '')'"
[ "$(q value mlps-last-change oa)" = 2026-03-01 ] || fail "26年3月1日 stored as '$(q value mlps-last-change oa)'"
[ "$(q value mlps-last-assessment oa)" = 2025-12-10 ] || fail "2025.12.10 stored as '$(q value mlps-last-assessment oa)'"
[ "$(q value mlps-last-assessment web)" = 2026-05-20 ] || fail "2026/5/20 0:00 stored as '$(q value mlps-last-assessment web)'"
# a date whose order is a guess, and a wrong word, say what is accepted
sed -i 's|"2026/5/20 0:00"|"12/11/26"|' "$work/zh.csv"
fill "$work/zh.csv" backup-daily oa '"也许","","",""'
out=$(sc answer --from "$work/zh.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "ambiguous date: exit $rc, expected 3: $out"
expect "ambiguous date refused with the forms" "“12/11/26”不是日期：请写作 2026-03-31、2026/3/31、2026.3.31 或 2026年3月31日" "$out"
expect "wrong word: Chinese forms offered" "“也许”不是此项可用的回答：请填 yes|no|partial|na (是|否|部分|不适用)" "$out"

# system ids that a spreadsheet would rewrite are refused when they are made
for id in 007 1e3 3-4 jan-5; do
    out=$(sc systems add "$id" 某系统 2>&1); rc=$?
    [ $rc -eq 2 ] || fail "systems add $id: exit $rc, expected 2: $out"
    expect "systems add $id says why" "须以字母开头" "$out"
done
# a long number or a fraction that a spreadsheet rewrote is recorded with a warning
sc template --profile halfyear --out "$work/num.csv" 2>/dev/null || fail "template num"
fill "$work/num.csv" backup-daily oa '"是","1.10101199001011E+17","",""'
fill "$work/num.csv" backup-notes '' '"½","","",""'
line=$(grep -n '"backup-daily","oa"' "$work/num.csv" | cut -d: -f1)
out=$(sc answer --from "$work/num.csv" 2>&1) || fail "sheet with number forms: $out"
expect "warning names the row" "num.csv:$line: backup-daily：note 栏的“1.10101199001011E+17”像是被电子表格改写过的数字" "$out"
expect "fraction warned" "answer 栏的“½”" "$out"
expect "recorded anyway" "已导入" "$out"

finish cli_sheet_input
