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

finish cli_sheet_input
