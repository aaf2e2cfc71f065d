#!/usr/bin/env bash
# cli_sheet_rewritten_ids.sh: a sheet whose system ids a spreadsheet
# rewrote as numbers (007 saved as 7, 1e3 as 1.00E+03; ids of a store older
# than the rule that a new id starts with a letter) is refused row by row
# with a hint: a spreadsheet may have rewritten the id, and the system it
# most likely was, by id and name. A number that is no system's gets the hint
# without a name. Nothing is recorded.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
example_config
sc() { "$bin" --config "$work/selfcheck.ini" "$@"; }
export SELFCHECK_NOW=2026-11-21T10:00:00
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
db=$work/data/selfcheck.db
sqlite3 "$db" "insert into systems (id, name, added_at) values ('007', '档案管理系统', '2025-01-05T09:00:00'),
    ('1e3', '视频会议系统', '2025-01-05T09:00:00')" || fail "legacy system ids"
sheet=$work/sheet.csv
sc template --profile monthly --period 2026-11 --out "$sheet" >/dev/null 2>&1 || fail "template"
for s in oa 007 1e3; do fill "$sheet" backup-daily "$s" '"yes","","",""'; done
# what a spreadsheet saves: the ids read as numbers
sed -i 's/,"example","backup-daily","007",/,"example","backup-daily","7",/;
        s/,"example","backup-daily","1e3",/,"example","backup-daily","1.00E+03",/' "$sheet"
grep -q ',"backup-daily","7",' "$sheet" || fail "the sheet has no row of system 7"
out=$(sc answer --profile monthly --period 2026-11 --from "$sheet" 2>&1)
rc=$?
[ "$rc" = 3 ] || fail "exit $rc, not 3: $out"
expect "007 saved as 7: names the system" "系统 7 这一项（每月例行检查 2026-11）：电子表格软件可能改写了系统代码" "$out"
expect "007 saved as 7: the likely system" "很可能是系统 007（档案管理系统）：请在系统代码单元格中以文本形式填写 007（输入 '007）" "$out"
expect "1e3 saved as 1.00E+03" "很可能是系统 1e3（视频会议系统）" "$out"
[ "$(sqlite3 "$db" 'select count(*) from answers')" = 0 ] || fail "a refused sheet recorded answers"

# a number that is no system's: the hint without a name
sed -i 's/,"example","backup-daily","7",/,"example","backup-daily","42",/' "$sheet"
out=$(sc answer --profile monthly --period 2026-11 --from "$sheet" 2>&1)
expect "a number that is no system's" "系统 42 这一项（每月例行检查 2026-11）：电子表格软件可能改写了系统代码（007 会变成 7，1e3 会变成 1.00E+03）；请在系统代码单元格中以文本形式填写代码" "$out"
refuse "no system named for 42" "很可能是系统 007" "$out"

# in English too
sed -i 's/^\[unit\]/[ui]\nlang = en\n[unit]/' "$work/selfcheck.ini"
out=$(sc answer --profile monthly --period 2026-11 --from "$sheet" 2>&1)
expect "English" "a spreadsheet may have rewritten the system id (007 becomes 7, 1e3 becomes 1.00E+03); it is most likely system 1e3 (视频会议系统)" "$out"
finish cli_sheet_rewritten_ids
