#!/usr/bin/env bash
# cli_status.sh: `selfcheck status` through the real binary: the previous
# period is shown while it is unfinished, or skipped by a unit that kept the
# check before (the start screen's list, due.h), with its state and the
# overdue mark, in Chinese and English; a completed period moves "next" on;
# a store that cannot be read exits 4 with one line.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config
# answer_month PERIOD ALL: answers the monthly check of PERIOD on a sheet,
# every item (which completes it) with ALL=all, else only the first one.
answer_month() {
    local sheet=$work/$1-$2.csv
    sc template --profile monthly --period "$1" --out "$sheet" >/dev/null 2>&1 || fail "template $1"
    fill "$sheet" backup-daily oa '"yes","","",""'
    if [ "$2" = all ]; then
        fill "$sheet" backup-frequency '' '"daily","","",""'
        fill "$sheet" av-signature-age '' '"2","","",""'
    fi
    sc answer --profile monthly --period "$1" --from "$sheet" >/dev/null || fail "answer $1"
}

sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
export SELFCHECK_NOW=2026-11-03T10:00:00
answer_month 2026-09 all
answer_month 2026-10 some

# the unfinished previous month is listed, overdue, with its answers
out=$(sc status) || fail "status: exit $?"
expect "last completed" "每月例行检查    最近完成 2026-09（于 2026-11-03，100.0% 优秀 · 通过）" "$out"
expect "previous month overdue in progress" \
    "；2026-10 截止 2026-10-25 —— 已逾期（进行中，已答 1/3 项）；下次 2026-11 截止 2026-11-25" "$out"
refuse "current month not yet late" "2026-11-25 —— 已逾期" "$out"
# a half-year check the unit never kept has no gap to report
expect "half-year without history" "每半年全面检查  尚无已完成的检查；下次 2026-H2 截止 2026-12-25"$'\n' "$out"
[ "$(grep -c '^每月例行检查 ' <<<"$out")" = 1 ] || fail "monthly is not one line: $out"

out=$(SELFCHECK_NOW=2026-11-26 sc status)
expect "current month late" "；下次 2026-11 截止 2026-11-25 —— 已逾期（未开始）" "$out"

sed -i 's/^\[unit\]/[ui]\nlang = en\n[unit]/' "$work/selfcheck.ini"
out=$(sc status)
expect "English" \
    "monthly   last completed 2026-09 (on 2026-11-03, 100.0% Excellent · pass); 2026-10 due 2026-10-25 — OVERDUE (in progress, 1/3 answered); next 2026-11 due 2026-11-25" \
    "$out"
sed -i '/^\[ui\]/,/^lang = en/d' "$work/selfcheck.ini"

# finished: off the list; November done moves "next" to December
answer_month 2026-10 all
export SELFCHECK_NOW=2026-11-20T10:00:00
answer_month 2026-11 all
out=$(sc status)
expect "current done" "最近完成 2026-11（于 2026-11-20，100.0% 优秀 · 通过）；下次 2026-12 截止 2026-12-25" "$out"
refuse "finished month not listed" "2026-10 截止" "$out"

# December skipped by a unit that kept the check: overdue in January
out=$(SELFCHECK_NOW=2027-01-05 sc status)
expect "skipped month" "；2026-12 截止 2026-12-25 —— 已逾期（未开始）；下次 2027-01 截止 2027-01-25" "$out"
# three months skipped are each named; a longer gap is one range
out=$(SELFCHECK_NOW=2027-03-05 sc status)
expect "three skipped months" \
    "；2026-12 截止 2026-12-25 —— 已逾期（未开始）；2027-01 截止 2027-01-25 —— 已逾期（未开始）；2027-02 截止 2027-02-25 —— 已逾期（未开始）；下次 2027-03" \
    "$out"
out=$(SELFCHECK_NOW=2027-06-05 sc status)
expect "long gap as a range" "；2026-12 至 2027-05 共 6 期未完成 —— 已逾期；下次 2027-06 截止 2027-06-25" "$out"

# a total below 100: status prints the total and verdict score prints (one
# reading of a stored assessment, score_stored_percent)
export SELFCHECK_NOW=2027-07-03T10:00:00
sheet=$work/2027-06-partial.csv
sc template --profile monthly --period 2027-06 --out "$sheet" >/dev/null 2>&1 || fail "template 2027-06"
fill "$sheet" backup-daily oa '"yes","","",""'
fill "$sheet" backup-frequency '' '"weekly","","李四","2027-07-31"'
fill "$sheet" av-signature-age '' '"2","","",""'
sc answer --profile monthly --period 2027-06 --from "$sheet" >/dev/null || fail "answer 2027-06"
total=$(sc score --period 2027-06 | grep -o '[0-9]*\.[0-9]%' | tail -1)
[ -n "$total" ] && [ "$total" != "100.0%" ] || fail "score 2027-06: no total below 100: $total"
out=$(sc status)
expect "status prints score's total" "最近完成 2027-06（于 2027-07-03，$total " "$out"
unset SELFCHECK_NOW

# a store that cannot be read: exit 4, one line on standard error
sqlite3 "$work/data/selfcheck.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$work/data/selfcheck.db" "$work/broken.db"
sqlite3 "$work/broken.db" "DROP TABLE answers" || fail "cannot break the copy"
err=$(sc --db "$work/broken.db" status 2>&1 >/dev/null); rc=$?
[ $rc -eq 4 ] || fail "status on a broken store: exit $rc, expected 4"
[ "$(wc -l <<<"$err")" = 1 ] || fail "store error is not one line: $err"
expect "store error" "selfcheck: 每月例行检查: " "$err"
expect "store error names the cause" "no such table: answers" "$err"

finish cli_status
