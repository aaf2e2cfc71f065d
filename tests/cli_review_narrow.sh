#!/usr/bin/env bash
# cli_review_narrow.sh: review findings and review items on screen fit an
# 80-column terminal (the columns a supervisor reads first, long texts cut
# by display width and ending in …, the non-standard checklist mark kept)
# in English and in Chinese, while --csv keeps every column; with nothing
# to list they say so in one line, and the CSV is a header alone.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"
zh() { "$bin" review "$@" --db "$db"; }
# fits WHAT TEXT: no line of TEXT is wider than 80 display columns
fits() {
    local w
    w=$(LC_ALL=C.UTF-8 wc -L <<<"$2")
    [ "$w" -le 80 ] || { fail "$1 is $w columns wide:"; echo "$2"; }
}

# ---- nothing imported yet ----
code "findings of an empty database" 0 rv findings
[ "$(wc -l <<<"$out")" = 2 ] || fail "empty findings: a header and one line: $out"
expect "empty findings said" "no finding to list" "$out"
code "items of an empty database" 0 rv items
[ "$(wc -l <<<"$out")" = 2 ] || fail "empty items: a header and one line: $out"
expect "empty items said" "no item is a finding in any report read" "$out"
out=$(zh findings 2>&1)
expect "empty findings in Chinese" "没有需要列出的问题" "$out"
out=$(zh items 2>&1)
expect "empty items in Chinese" "所读报告中没有不符合的检查项" "$out"
code "empty findings as CSV" 0 rv findings --csv
[ "$(wc -l <<<"$out")" = 1 ] || fail "empty findings CSV is not a header alone: $out"
code "empty items as CSV" 0 rv items --csv
[ "$(wc -l <<<"$out")" = 1 ] || fail "empty items CSV is not a header alone: $out"

# ---- a unit with a long code; both units' checklists are not official ----
long=city-district-office-0001
long2=county-emergency-office-0002
for u in "$long" "$long2" u2; do
    key "$u" ed25519
    rv units add "$u" "单位$u" --key "$work/keys/$u.pub" --from 2026-01-01 >/dev/null || fail "units add $u"
done
s=$work/stick
report "$s/long.csv" "$long" "$long" ed25519 monthly 2026-12 2026-12-26T10:00:00 long-12 1,2,3 yes 2027-01-05
report "$s/long2.csv" "$long2" "$long2" ed25519 monthly 2026-12 2026-12-26T10:00:00 long2-12 2 yes 2027-01-05
awk -f "$repo/bench/review-report.awk" -v unit=u2 -v uname=单位u2 -v profile=monthly -v period=2026-12 \
    -v gen=2026-12-26T10:00:00 -v kid="$(kid u2)" -v algo=ed25519 -v rid=u2-12 -v n=10 -v fail=2 \
    -v due=2027-01-05 -v complete=yes -v digest=sha256:"$(printf '%064d' 7)" >"$s/u2.csv"
openssl pkeyutl -sign -inkey "$work/keys/u2.key" -rawin -in "$s/u2.csv" -out "$s/u2.csv.sig"
code "import" 0 rv import "$s"

code "findings on screen" 0 rv findings
fits "findings in English" "$out"
expect "the long unit code cut with a mark" "city-dist…" "$out"
expect "the owner" "李四" "$out"
expect "overdue marked" "overdue" "$(grep item-1 <<<"$out")"
expect "the non-standard mark" "non-standard" "$(grep u2 <<<"$out")"
out=$(zh findings 2>&1)
fits "findings in Chinese" "$out"
expect "the check in Chinese" "每月例行检查" "$out"
expect "the non-standard mark in Chinese" "非标准" "$(grep u2 <<<"$out")"
code "items on screen" 0 rv items
fits "items in English" "$out"
expect "the units failing item-1" "city-district-office-0001" "$(grep item-1 <<<"$out")"
expect "their non-standard ones counted" "(3 non-standard)" "$(grep item-2 <<<"$out")"
expect "a long list of units cut with a mark" "…" "$(grep item-2 <<<"$out")"
out=$(zh items 2>&1)
fits "items in Chinese" "$out"

# --csv keeps every column
code "findings CSV" 0 rv findings --csv
head -1 <<<"$out" | tr -d '\r' | grep -q '"unit_code","profile","checklist_id","item_id","system_id","status","due","owner","first_period","last_period","resolved_in","question_zh","nonstandard_checklist"$' ||
    fail "findings CSV header: $(head -1 <<<"$out")"
expect "the full code in CSV" "\"$long\",\"monthly\"" "$out"
code "items CSV" 0 rv items --csv
head -1 <<<"$out" | tr -d '\r' | grep -q '"checklist_id","item_id","failing_units","reporting_units","question_zh","units","nonstandard_units"$' ||
    fail "items CSV header: $(head -1 <<<"$out")"

finish cli_review_narrow
