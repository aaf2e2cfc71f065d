#!/usr/bin/env bash
# cli_sheet.sh: the answer sheet round trip through the real binary:
# template -> fill -> answer -> score gives the numbers of docs/scoring.md;
# a bad sheet is refused with FILE:LINE and records nothing; lint and status.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

example_config

sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
out=$(sc systems add oa again 2>&1); rc=$?
[ $rc -eq 8 ] || fail "duplicate system: exit $rc, expected 8: $out"
out=$(sc systems add OA 大写 2>&1); rc=$?
[ $rc -eq 2 ] || fail "upper-case system id: exit $rc, expected 2: $out"
out=$(sc systems remove nope 2>&1); rc=$?
[ $rc -eq 6 ] || fail "removing an unknown system: exit $rc, expected 6: $out"
out=$(sc score --profile change 2>&1); rc=$?
[ $rc -eq 6 ] || fail "change check without a period: exit $rc, expected 6: $out"
out=$(sc template --profile change --period 2026-11-02@nope 2>&1); rc=$?
[ $rc -eq 6 ] || fail "change check of an unknown system: exit $rc, expected 6: $out"

sc template --profile halfyear --out "$work/sheet.csv" 2>/dev/null || fail "template"
head -c 3 "$work/sheet.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "template has no UTF-8 BOM"
grep -q $'\r$' "$work/sheet.csv" || fail "template lines do not end in CRLF"
rows=$(grep -c ',"example","' "$work/sheet.csv")
[ "$rows" = 11 ] || fail "template has $rows rows, expected 11"
out=$(sc template --profile halfyear --out "$work/sheet.csv" 2>&1); rc=$?
[ $rc -eq 8 ] || fail "template over an existing file: exit $rc, expected 8"

cp "$work/sheet.csv" "$work/blank.csv"
fill_worked_example "$work/sheet.csv"

# a bad sheet first: two invalid rows, both named in one run, and nothing
# of the sheet may be recorded
cp "$work/sheet.csv" "$work/bad.csv"
sed -i '/"av-signature-age"/ s/"12"/"twelve"/' "$work/bad.csv"
sed -i '/"hosting-contract"/ s/"partial"/"perhaps"/' "$work/bad.csv"
line=$(grep -n '"av-signature-age"' "$work/bad.csv" | cut -d: -f1)
line2=$(grep -n '"hosting-contract"' "$work/bad.csv" | cut -d: -f1)
out=$(sc answer --profile halfyear --from "$work/bad.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "bad sheet: exit $rc, expected 3"
expect "bad sheet names file and line" "bad.csv:$line: av-signature-age" "$out"
expect "bad sheet names the second bad row too" "bad.csv:$line2: hosting-contract: “perhaps”不是此项可用的回答" "$out"
expect "bad sheet counts its problems" "bad.csv：发现 2 处问题，整张表都没有导入" "$out"
# the same in English, for a unit that set [ui] lang = en
printf '[ui]\nlang = en\n' >>"$work/selfcheck.ini"
out=$(sc answer --profile halfyear --from "$work/bad.csv" 2>&1)
expect "English: bad row" "bad.csv:$line2: hosting-contract: 'perhaps' is not an answer here: use yes|no|partial" "$out"
expect "English: count" "bad.csv: problems found: 2; nothing of the sheet was recorded" "$out"
sed -i '/^\[ui\]$/,$d' "$work/selfcheck.ini"
out=$(sc score --profile halfyear)
expect "nothing recorded from the bad sheet" "0/10" "$out"

# a refused sheet creates nothing: no October check appears in status, and a
# change check's template opens no change check
before=$(sc status)
out=$(sc answer --profile monthly --period 2026-10 --from "$work/bad.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "bad sheet for 2026-10: exit $rc, expected 3: $out"
out=$(sc template --profile change --period 2026-11-15@web --out "$work/change.csv" 2>&1) || fail "change template: $out"
[ -s "$work/change.csv" ] || fail "change template not written"
after=$(sc status)
[ "$before" = "$after" ] || fail "a refused sheet or a template changed status: before '$before', after '$after'"
refuse "no October check" "2026-10" "$after"
refuse "no change check" "2026-11-15@web" "$after"
n=$(sqlite3 "$work/data/selfcheck.db" "select count(*) from assessments where period in ('2026-10', '2026-11-15@web')")
[ "$n" = 0 ] || fail "$n assessments created by a refused sheet or a template"

# two items answered of eleven, one of them a finding: no grade, and the
# verdict is "incomplete", never pass
head -n 3 "$work/sheet.csv" >"$work/partial.csv"
grep -e '"backup-frequency"' -e '"hosting-contract"' "$work/sheet.csv" >>"$work/partial.csv"
sc answer --profile halfyear --from "$work/partial.csv" >/dev/null 2>&1 || fail "answer a partial sheet"
golden score-incomplete-zh.txt "$(sc score --profile halfyear)"
golden score-incomplete-en.txt "$(sc score --profile halfyear --lang en)"

out=$(sc answer --profile halfyear --from "$work/sheet.csv" 2>&1) || fail "answer: $out"
expect "answer summary" "已导入 11 个回答" "$out"
out=$(sc score --profile halfyear)
expect "worked example total" "11/11 已答 · 13.30/21.50 · 61.9% · 等级 合格 · 结论 不通过" "$out"
expect "critical failure listed" "[关键] mlps-last-assessment（系统 办公自动化系统）" "$out"
expect "finding with owner and date from the sheet" "整改责任人 李四，整改期限 2026-12-01" "$out"
expect "default due date" "整改责任人 王五，整改期限 2026-12-21" "$out"
out=$(sc score --profile halfyear --lang en)
expect "English score" "Total: 11/11 answered · 13.30/21.50 · 61.9% · grade Pass · verdict FAIL" "$out"
# the whole breakdown, as docs/scoring.md works it out
golden score-worked-example-zh.txt "$(sc score --profile halfyear)"
golden score-worked-example-en.txt "$(sc score --profile halfyear --lang en)"

# the note with Chinese, comma, quotes is stored intact
note=$(sqlite3 "$work/data/selfcheck.db" "select note from answers where item_id='backup-frequency'")
[ "$note" = '每周五全量备份，另有"增量"备份, 异地' ] || fail "note stored as '$note'"
text=$(sqlite3 "$work/data/selfcheck.db" "select value from answers where item_id='backup-notes'")
[ "$text" = $'异地备份存放于档案室,\n每周轮换' ] || fail "multi-line answer stored as '$text'"

# a row naming an item that is not in the profile
printf '\xef\xbb\xbfchecklist_id,item_id,system,answer\r\nexample,no-such-item,,yes\r\n' >"$work/unknown.csv"
out=$(sc answer --profile halfyear --from "$work/unknown.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "unknown item: exit $rc"
expect "unknown item line" "unknown.csv:2: 没有 example/no-such-item 这一项" "$out"
# malformed CSV
printf 'checklist_id,item_id,system,answer\r\nexample,"backup-frequency,,daily\r\n' >"$work/broken.csv"
out=$(sc answer --profile halfyear --from "$work/broken.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "malformed CSV: exit $rc"
expect "malformed CSV named" "broken.csv:2: CSV 格式错误" "$out"

# reading a period nobody answered is "not found", and leaves nothing behind
out=$(sc score --period 2025-01 2>&1); rc=$?
[ $rc -eq 6 ] || fail "score of an unknown period: exit $rc, expected 6"
expect "unknown period named" "没有每月例行检查 2025-01的检查记录" "$out"
n=$(sqlite3 "$work/data/selfcheck.db" "select count(*) from assessments where period='2025-01'")
[ "$n" = 0 ] || fail "score created an assessment for 2025-01"

# status shows the completed half-year check
out=$(sc status)
expect "status after completion" "每半年全面检查  最近完成 2026-H2" "$out"
# the grade is not the verdict: the critical failure is named beside it
golden status-critical-failure-zh.txt "$(grep '^每半年' <<<"$out")"
printf '[ui]\nlang = en\n' >>"$work/selfcheck.ini"
golden status-critical-failure-en.txt "$(sc status | grep '^halfyear')"
sed -i '/^\[ui\]$/,$d' "$work/selfcheck.ini"
expect "status monthly due" "；下次 2026-11 截止 2026-11-25" "$out"

# lint: clean on the bundled checklists, FILE:LINE on a broken copy
out=$("$bin" lint "$repo/checklists") || fail "bundled checklists do not lint clean: $out"
cp "$repo/tests/fixtures/example.ini" "$work/broken.ini"
sed -i 's/^severity = high$/severity = hihg/' "$work/broken.ini"
out=$(LANGUAGE=en "$bin" lint "$work/broken.ini" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "lint on a broken file: exit $rc, expected 1"
line=$(grep -n 'severity = hihg' "$work/broken.ini" | head -1 | cut -d: -f1)
expect "lint names file and line" "$work/broken.ini:$line: unknown severity 'hihg'" "$out"
# in Chinese the FILE:LINE: prefix stays and the text is translated
out=$("$bin" lint "$work/broken.ini" 2>&1)
expect "lint in Chinese" "$work/broken.ini:$line: 未知的严重程度“hihg”（critical、high、medium 或 low）" "$out"
refuse "no English in Chinese lint" "unknown severity" "$out"
# every problem of a file, each on a line of its own, then the count
golden lint-several-problems.txt "$(cd "$repo" && LANGUAGE=en "$bin" lint tests/fixtures/bad/several-problems.ini 2>&1)"
golden lint-several-problems-zh.txt "$(cd "$repo" && "$bin" lint tests/fixtures/bad/several-problems.ini 2>&1)"

# exit codes of the command line itself
"$bin" --version | grep -q '^selfcheck ' || fail "--version"
"$bin" no-such-command 2>/dev/null; [ $? -eq 2 ] || fail "unknown command: exit not 2"
for cmd in run status lint template answer score systems keygen report verify; do
    "$bin" "$cmd" --help >/dev/null || fail "$cmd --help"
done

finish cli_sheet
