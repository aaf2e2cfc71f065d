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

finish cli_sheet_input
