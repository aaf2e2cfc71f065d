#!/usr/bin/env bash
# cli_review_query.sh: the supervisor's tables against numbers worked out by
# hand: export (totals with one decimal, open findings, overdue
# remediations, change since the period just before), missing (due dates of
# the default [schedule]: monthly on the 25th, half-years on 06-25 and
# 12-25), findings followed across three periods, overdue across a month
# and a half-year boundary, the items most often failed; CSV Excel-safe and
# a second export byte-identical.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

for u in u1 u2 u3 u4 u5; do
    key "$u" ed25519
    rv units add "$u" "单位$u" --key "$work/keys/$u.pub" --from 2026-01-01 >/dev/null || fail "units add $u"
done
s=$work/stick
# u1: three months, item-1 carried from October to November, item-2 gone in November
report "$s/u1-10.csv" u1 u1 ed25519 monthly 2026-10 2026-10-26T10:00:00 u1-10 1,2 yes 2026-10-31
report "$s/u1-11.csv" u1 u1 ed25519 monthly 2026-11 2026-11-26T10:00:00 u1-11 1 yes 2026-11-30
report "$s/u1-12.csv" u1 u1 ed25519 monthly 2026-12 2026-12-26T10:00:00 u1-12 "" yes
# u2: October, no November, December with three findings due 2027-01-05
report "$s/u2-10.csv" u2 u2 ed25519 monthly 2026-10 2026-10-26T10:00:00 u2-10 3 yes 2026-10-31
report "$s/u2-12.csv" u2 u2 ed25519 monthly 2026-12 2026-12-26T10:00:00 u2-12 3,4,5 yes 2027-01-05
# u3: two half-years, item-6 in both (due 2026-06-30, then 2027-03-31)
report "$s/u3-h1.csv" u3 u3 ed25519 halfyear 2026-H1 2026-06-20T10:00:00 u3-h1 6 yes 2026-06-30
report "$s/u3-h2.csv" u3 u3 ed25519 halfyear 2026-H2 2026-12-20T10:00:00 u3-h2 6 yes 2027-03-31
# u5: November only, item-7 due on its last day
report "$s/u5-11.csv" u5 u5 ed25519 monthly 2026-11 2026-11-26T10:00:00 u5-11 7 yes 2026-11-30
code "import" 0 rv import "$s"

# ---- export ----
code "export" 0 rv export --out "$work/export.csv"
head -c 3 "$work/export.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "export has no UTF-8 BOM"
exp=$(tail -n +2 "$work/export.csv" | tr -d '\r' | cut -d, -f1,3-5,8,10-13)
want='"u1","monthly","2026-10","80.0","pass","2","1","","no"
"u1","monthly","2026-11","90.0","pass","1","0","10.0","no"
"u1","monthly","2026-12","100.0","pass","0","0","10.0","no"
"u2","monthly","2026-10","90.0","pass","1","1","","no"
"u2","monthly","2026-12","70.0","pass","3","3","","no"
"u3","halfyear","2026-H1","90.0","pass","1","1","","no"
"u3","halfyear","2026-H2","90.0","pass","1","0","0.0","no"
"u5","monthly","2026-11","90.0","pass","1","1","","no"'
[ "$exp" = "$want" ] || { fail "export rows"; diff <(echo "$want") <(echo "$exp"); }
head -1 "$work/export.csv" | grep -q '"unit_code","unit_name","profile","period","total_percent","grade","grade_zh","verdict","complete","open_findings","overdue_remediations","change"' ||
    fail "export header"
cp "$work/export.csv" "$work/export1.csv"
code "import again" 0 rv import "$s"
code "export again" 0 rv export --out "$work/export.csv"
cmp -s "$work/export.csv" "$work/export1.csv" || fail "a re-import changed the export"
# the global --db (selfcheck --db FILE review ...) is the review database too
code "export through the global --db" 0 "$bin" --config "$work/en.ini" --db "$db" review export --out "$work/global.csv"
cmp -s "$work/global.csv" "$work/export1.csv" || fail "selfcheck --db FILE review export read another database"
code "units list through the global --db" 0 "$bin" --config "$work/en.ini" --db "$db" review units list --csv
expect "the units of the database given" '"u5"' "$out"
[ ! -e "$XDG_DATA_HOME/selfcheck/review.db" ] || fail "a review command opened the default database"
# the screen without a terminal says so and opens (creates) nothing
"$bin" --config "$work/en.ini" --db "$work/none.db" review </dev/null >/dev/null 2>&1
[ $? -eq 5 ] || fail "the review screen without a terminal does not exit 5"
[ ! -e "$work/none.db" ] || fail "the review screen without a terminal created its database"

# the half-year boundary: on 2026-06-30 item-6 is not yet overdue, on 07-01 it is
out=$(SELFCHECK_NOW=2026-06-30 rv export --out "$work/e.csv" && grep '"2026-H1"' "$work/e.csv" | cut -d, -f11)
[ "$(tr -d '\r' <<<"$out" | tail -1)" = '"0"' ] || fail "H1 overdue on 2026-06-30: $out"
out=$(SELFCHECK_NOW=2026-07-01 rv export --out "$work/e.csv" && grep '"2026-H1"' "$work/e.csv" | cut -d, -f11)
[ "$(tr -d '\r' <<<"$out" | tail -1)" = '"1"' ] || fail "H1 overdue on 2026-07-01: $out"

# ---- findings across three periods ----
code "findings" 0 rv findings --csv
f=$(tr -d '\r' <<<"$out" | tail -n +2 | cut -d, -f1,2,4,6-11)
want='"u1","monthly","item-1","resolved","2026-10-31","李四","2026-10","2026-11","2026-12"
"u1","monthly","item-2","resolved","2026-10-31","李四","2026-10","2026-10","2026-11"
"u2","monthly","item-3","overdue","2026-10-31","李四","2026-10","2026-12",""
"u2","monthly","item-4","overdue","2027-01-05","李四","2026-12","2026-12",""
"u2","monthly","item-5","overdue","2027-01-05","李四","2026-12","2026-12",""
"u3","halfyear","item-6","overdue","2026-06-30","李四","2026-H1","2026-H2",""
"u5","monthly","item-7","overdue","2026-11-30","李四","2026-11","2026-11",""'
[ "$f" = "$want" ] || { fail "findings"; diff <(echo "$want") <(echo "$f"); }
code "findings of one unit, overdue only" 0 rv findings --unit u2 --overdue --csv
[ "$(tail -n +2 <<<"$out" | wc -l)" = 3 ] || fail "u2 has three overdue findings: $out"
# the month boundary: item-7 is due 2026-11-30
out=$(SELFCHECK_NOW=2026-11-30 rv findings --unit u5 --csv 2>&1)
expect "on its due day a finding is open" '"item-7","","open"' "$out"
out=$(SELFCHECK_NOW=2026-12-01 rv findings --unit u5 --csv 2>&1)
expect "the day after it is overdue" '"item-7","","overdue"' "$out"
code "findings as a table" 0 rv findings --unit u1
expect "table status in words" "resolved" "$out"

# ---- missing ----
code "missing" 0 rv missing --csv
m=$(tr -d '\r' <<<"$out" | tail -n +2 | cut -d, -f1,3-6)
want='"u1","halfyear","2026-H2","2026-12-25",""
"u2","monthly","2026-11","2026-11-25","2026-12"
"u2","halfyear","2026-H2","2026-12-25",""
"u3","monthly","2026-12","2026-12-25",""
"u4","monthly","2026-12","2026-12-25",""
"u4","halfyear","2026-H2","2026-12-25",""
"u5","monthly","2026-12","2026-12-25","2026-11"
"u5","halfyear","2026-H2","2026-12-25",""'
[ "$m" = "$want" ] || { fail "missing"; diff <(echo "$want") <(echo "$m"); }
code "missing as a table" 0 rv missing
expect "never reported, in words" "never" "$(grep u4 <<<"$out")"
# the aligned table names the check in the language in force; the CSV keeps its token
out=$("$bin" review missing --db "$db" 2>&1)
expect "the check in Chinese words" "每月例行检查" "$(grep u4 <<<"$out")"
out=$("$bin" review findings --unit u2 --db "$db" 2>&1)
expect "the findings' check in words" "每月例行检查" "$out"

# ---- items ----
code "items of the latest reports" 0 rv items --csv
i=$(tr -d '\r' <<<"$out" | tail -n +2 | cut -d, -f1-4,6)
want='"bench","item-3","1","4","u2"
"bench","item-4","1","4","u2"
"bench","item-5","1","4","u2"
"bench","item-6","1","4","u3"
"bench","item-7","1","4","u5"'
[ "$i" = "$want" ] || { fail "items"; diff <(echo "$want") <(echo "$i"); }
code "items of October" 0 rv items --period 2026-10 --csv
i=$(tr -d '\r' <<<"$out" | tail -n +2 | cut -d, -f2-4,6)
want='"item-1","1","2","u1"
"item-2","1","2","u1"
"item-3","1","2","u2"'
[ "$i" = "$want" ] || { fail "items of October"; diff <(echo "$want") <(echo "$i"); }

# Excel-safe: a unit name that starts like a formula
key u6 ed25519
rv units add u6 "=HYPERLINK(1)" --key "$work/keys/u6.pub" --from 2026-01-01 >/dev/null || fail "units add u6"
report "$s/u6.csv" u6 u6 ed25519 monthly 2026-12 2026-12-26T10:00:00 u6-12
rv import "$s/u6.csv" >/dev/null || fail "import u6"
rv export --out "$work/export.csv" >/dev/null || fail "export with u6"
grep -qF "\"'=HYPERLINK(1)\"" "$work/export.csv" || fail "the formula in a name is not neutralised"

finish cli_review_query
