#!/usr/bin/env bash
# tui_review_e2e.sh: the supervisor's month end tried as a new user would.
# Twelve units each set up with the unit's own commands (settings, keygen,
# systems add, template, answer --from a filled sheet, score, report): nine
# report October to December, two the half-years, one signs its December
# report with another unit's key, and one report is altered after signing.
# The supervisor registers the units (a roster and one key checked against
# its paper form), adds the official checklist and imports the sticks: the
# two bad files are rejected with their reasons, everything else is imported
# with the totals `selfcheck score` gave each unit. The export, trend,
# comparison, overdue lists (across a month and a half-year boundary),
# remediation follow-up over three periods and missing reports are checked
# against numbers worked out by hand below; then the review screen at 80x24
# over the same database: the table, sorting, a unit, two periods chosen and
# compared, an item across units.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

# ---- the units ----
# Each unit has one system, oa, and answers the example checklist
# (tests/fixtures/example.ini). Monthly: backup-daily@oa, backup-frequency
# and av-signature-age, weight 3 each, so the total is 100 × (d + f + a) / 3
# with d = yes 1, partial 0.5, no 0; f = daily 1, weekly 0.6, monthly 0.2,
# none 0; a = 1 up to 7 days, 0.5 up to 30, else 0. Every answer below full
# score is a finding, owned by 李四 and due on the date given.
mkdir -p "$work/units" "$work/official"
cp "$repo/tests/fixtures/example.ini" "$work/official/"
names=(x 市教育局 市公安局 市财政局 市卫生健康委员会 市生态环境局 市交通运输局 市水务局 市林业局 市文化广电旅游局 市统计局 市档案馆 市气象局)
unit_dir() { echo "$work/units/$1"; }
# setup N: unit gd0N (gd10..gd12) with its settings, key pair and system
setup() {
    local code d
    code=$(printf 'gd%02d' "$1")
    d=$(unit_dir "$code")
    mkdir -p "$d/out"
    cat >"$d/selfcheck.ini" <<EOF2
[unit]
code = $code
name = ${names[$1]}
assessor = 张三
[paths]
checklists = $work/official/example.ini
data = $d/data
output = $d/out
[signing]
key = $d/keys/unit.key
algo = ed25519
EOF2
    "$bin" --config "$d/selfcheck.ini" keygen >"$d/keygen.txt" 2>&1 || fail "keygen $code"
    "$bin" --config "$d/selfcheck.ini" systems add oa 办公自动化系统 >/dev/null || fail "systems add $code"
}
for n in $(seq 1 12); do setup "$n"; done
u() { "$bin" --config "$(unit_dir "$1")/selfcheck.ini" "${@:2}"; }
# fills one row of a template sheet: the answer, and owner and due for a finding
row() {
    local sheet=$1 item=$2 system=$3 answer=$4 finding=$5 due=$6
    if [ "$finding" = 1 ]; then
        fill_in "$sheet" example "$item" "$system" "\"$answer\",\"\",\"李四\",\"$due\""
    else
        fill_in "$sheet" example "$item" "$system" "\"$answer\",\"\",\"\",\"\""
    fi
}
# check CODE PERIOD NOW DAILY FREQ AGE DUE [REPORT OPTIONS]: the unit answers
# its check of PERIOD on day NOW through a filled sheet, and reports it; the
# total `score` printed is kept in $work/score/CODE_PERIOD
check() {
    local code=$1 period=$2 now=$3 daily=$4 freq=$5 age=$6 due=$7 d sheet total
    shift 7
    d=$(unit_dir "$code")
    sheet=$d/sheet-$period.csv
    export SELFCHECK_NOW=${now}T10:00:00
    u "$code" template --period "$period" --out "$sheet" >/dev/null 2>&1 || fail "template $code $period"
    row "$sheet" backup-daily oa "$daily" "$([ "$daily" = yes ] && echo 0 || echo 1)" "$due"
    row "$sheet" backup-frequency '' "$freq" "$([ "$freq" = daily ] && echo 0 || echo 1)" "$due"
    row "$sheet" av-signature-age '' "$age" "$([ "$age" -le 7 ] && echo 0 || echo 1)" "$due"
    if [[ $period == *H* ]]; then
        row "$sheet" mlps-last-change oa 2026-01-10 0 ''
        row "$sheet" mlps-last-assessment oa 2026-03-01 0 ''
        row "$sheet" hosted-by-third-party '' yes 0 ''
        row "$sheet" hosting-contract '' yes 0 ''
        row "$sheet" backup-notes '' 异地备份 0 ''
    fi
    u "$code" answer --period "$period" --from "$sheet" >/dev/null 2>&1 || fail "answer $code $period"
    total=$(u "$code" score --period "$period" --lang en | grep '^Total:' | grep -oE '[0-9]+\.[0-9]%' | tr -d %)
    [ -n "$total" ] || fail "no total from score for $code $period"
    mkdir -p "$work/score"
    echo "$total" >"$work/score/${code}_$period"
    u "$code" report --period "$period" "$@" >/dev/null 2>&1 || fail "report $code $period"
}
#     unit  period   answered   daily   freq    age due         total (hand)
check gd01 2026-10 2026-10-20 yes     weekly  3   2026-11-30  # 86.7
check gd01 2026-11 2026-11-20 yes     weekly  3   2026-11-30  # 86.7
check gd01 2026-12 2026-12-20 yes     daily   3   ''          # 100.0
check gd02 2026-10 2026-10-20 no      daily   3   2026-10-31  # 66.7
check gd02 2026-11 2026-11-20 yes     daily   3   ''          # 100.0
check gd02 2026-12 2026-12-20 yes     daily   40  2027-01-31  # 66.7
check gd03 2026-10 2026-10-20 yes     daily   12  2026-11-30  # 83.3
check gd03 2026-11 2026-11-20 yes     daily   12  2026-12-15  # 83.3
check gd03 2026-12 2026-12-20 yes     daily   12  2027-01-05  # 83.3
check gd04 2026-10 2026-10-20 partial weekly  12  2026-11-15  # 53.3
check gd04 2026-11 2026-11-20 yes     weekly  3   2026-12-15  # 86.7
check gd04 2026-12 2026-12-20 no      weekly  3   2027-01-31  # 53.3
check gd05 2026-10 2026-10-20 yes     daily   3   ''          # 100.0
check gd05 2026-11 2026-11-20 yes     daily   3   ''          # 100.0
check gd05 2026-12 2026-12-20 no      none    40  2027-01-05  # 0.0
check gd06 2026-10 2026-10-20 yes     monthly 12  2026-12-31  # 56.7
check gd06 2026-11 2026-11-20 yes     monthly 3   2026-12-31  # 73.3
check gd06 2026-12 2026-12-20 yes     monthly 3   2026-12-31  # 73.3
check gd07 2026-10 2026-10-20 yes     daily   3   ''          # 100.0
check gd07 2026-11 2026-11-20 partial daily   3   2026-12-20  # 83.3
check gd07 2026-12 2026-12-20 yes     daily   3   ''          # 100.0
check gd08 2026-10 2026-10-20 yes     weekly  12  2026-11-30  # 70.0
check gd08 2026-11 2026-11-20 yes     daily   3   '' --format csv   # altered below
check gd08 2026-12 2026-12-20 yes     weekly  12  2026-12-31  # 70.0
# the half-years add mlps-last-change (1), mlps-last-assessment (critical, 4),
# hosted-by-third-party (0.5) and hosting-contract (3), all full: of 17.5
check gd09 2026-H1 2026-06-20 yes     daily   12  2026-06-30  # 16/17.5 = 91.4
check gd09 2026-H2 2026-12-20 yes     daily   12  2027-03-31  # 91.4
check gd10 2026-H1 2026-06-20 no      daily   3   2026-07-31  # 14.5/17.5 = 82.9
check gd10 2026-H2 2026-12-20 yes     daily   3   ''          # 100.0
# gd11 signs with gd12's key
check gd11 2026-12 2026-12-20 yes     daily   3   '' --format csv --key "$(unit_dir gd12)/keys/unit.key"
check gd12 2026-11 2026-11-20 yes     daily   12  2026-12-15  # 83.3
check gd12 2026-12 2026-12-20 yes     daily   3   ''          # 100.0
want_scores='gd01 86.7 86.7 100.0
gd02 66.7 100.0 66.7
gd03 83.3 83.3 83.3
gd04 53.3 86.7 53.3
gd05 100.0 100.0 0.0
gd06 56.7 73.3 73.3
gd07 100.0 83.3 100.0
gd08 70.0 100.0 70.0
gd09 91.4 91.4
gd10 82.9 100.0
gd11 100.0
gd12 83.3 100.0'
got_scores=$(for c in gd01 gd02 gd03 gd04 gd05 gd06 gd07 gd08 gd09 gd10 gd11 gd12; do
    echo "$c $(cat "$work/score/${c}"_* | tr '\n' ' ' | sed 's/ $//')"
done)
[ "$got_scores" = "$want_scores" ] || { fail "selfcheck score is not the hand-computed totals"; diff <(echo "$want_scores") <(echo "$got_scores"); }

# ---- the sticks: every unit's folder, some on a second stick; one report altered ----
mkdir -p "$work/usb1" "$work/usb2"
for c in gd01 gd02 gd03 gd04 gd05 gd06; do cp -r "$(unit_dir $c)/out" "$work/usb1/$c"; done
for c in gd07 gd08 gd09 gd10 gd11 gd12; do mkdir -p "$work/usb2/收件/$c" && cp -r "$(unit_dir $c)/out/." "$work/usb2/收件/$c/"; done
altered=$work/usb2/收件/gd08/gd08_monthly_2026-11.csv
sed -i 's/"100.0"/"90.0"/' "$altered"
cmp -s "$altered" "$(unit_dir gd08)/out/gd08_monthly_2026-11.csv" && fail "the alteration changed nothing"
misfiled=$work/usb2/收件/gd11/gd11_monthly_2026-12.csv

# ---- the supervisor ----
export SELFCHECK_NOW=2027-01-10T09:00:00
# a roster of eleven units with their key files; gd12 by hand, with the key id of its paper form
{
    echo 'code,name,region,level,key'
    for n in $(seq 1 11); do
        c=$(printf 'gd%02d' "$n")
        cp "$(unit_dir $c)/keys/unit.pub" "$work/$c.pub"
        echo "$c,${names[$n]},市本级,,$c.pub"
    done
} >"$work/roster.csv"
code "units import" 0 rv units import "$work/roster.csv"
kid12=$(grep -oE '[0-9a-f]{64}' "$(unit_dir gd12)/keygen.txt" | head -1)
code "a key not the one on the form is refused" 12 rv units add gd12 "${names[12]}" --key "$work/gd01.pub" --key-id "$kid12"
code "units add gd12 with its form's key id" 0 rv units add gd12 "${names[12]}" --key "$(unit_dir gd12)/keys/unit.pub" --key-id "$kid12"
expect "the key id printed" "$kid12" "$out"
code "the official checklist" 0 rv checklists add "$work/official"
code "import, two rejected" 14 rv import "$work/usb1" "$work/usb2"
import_out=$out
expect "the summary" "60 report files: 58 imported, 0 imported before, 2 rejected" "$import_out"
expect "the altered report's reason" "rejected: $altered: the signature does not match: the file was changed after it was signed [bad-signature]" "$import_out"
expect "the mis-signed report's reason" "rejected: $misfiled: signed with a key that is not this unit's [key-mismatch]" "$import_out"
[ "$(grep -c '^rejected: ' <<<"$import_out")" = 2 ] || fail "exactly two files rejected: $import_out"
expect "the units' public keys beside their reports are skipped" "12 other files skipped" "$import_out"
code "import again" 14 rv import "$work/usb1" "$work/usb2"
expect "nothing new" "60 report files: 0 imported, 58 imported before, 2 rejected" "$out"
# and in Chinese, the default language
out=$("$bin" review import "$work/usb2" --db "$db" 2>&1)
expect "the reason in Chinese" "签名不符：文件在签名后被改动过 [bad-signature]" "$out"

# ---- the export: every imported report with the total score gave it ----
code "export" 0 rv export --out "$work/export.csv"
exp=$(tail -n +2 "$work/export.csv" | tr -d '\r"' | cut -d, -f1,3-5,8-12 | sed 's/,yes,/,/')
# unit, check, period, total, verdict, open findings, overdue remediations, change
want='gd01,monthly,2026-10,86.7,pass,1,1,
gd01,monthly,2026-11,86.7,pass,1,0,0.0
gd01,monthly,2026-12,100.0,pass,0,0,13.3
gd02,monthly,2026-10,66.7,pass,1,0,
gd02,monthly,2026-11,100.0,pass,0,0,33.3
gd02,monthly,2026-12,66.7,pass,1,0,-33.3
gd03,monthly,2026-10,83.3,pass,1,1,
gd03,monthly,2026-11,83.3,pass,1,1,0.0
gd03,monthly,2026-12,83.3,pass,1,1,0.0
gd04,monthly,2026-10,53.3,fail,3,1,
gd04,monthly,2026-11,86.7,pass,1,1,33.4
gd04,monthly,2026-12,53.3,fail,2,0,-33.4
gd05,monthly,2026-10,100.0,pass,0,0,
gd05,monthly,2026-11,100.0,pass,0,0,0.0
gd05,monthly,2026-12,0.0,fail,3,3,-100.0
gd06,monthly,2026-10,56.7,fail,2,1,
gd06,monthly,2026-11,73.3,pass,1,1,16.6
gd06,monthly,2026-12,73.3,pass,1,1,0.0
gd07,monthly,2026-10,100.0,pass,0,0,
gd07,monthly,2026-11,83.3,pass,1,0,-16.7
gd07,monthly,2026-12,100.0,pass,0,0,16.7
gd08,monthly,2026-10,70.0,pass,2,2,
gd08,monthly,2026-12,70.0,pass,2,2,
gd09,halfyear,2026-H1,91.4,pass,1,1,
gd09,halfyear,2026-H2,91.4,pass,1,0,0.0
gd10,halfyear,2026-H1,82.9,pass,1,0,
gd10,halfyear,2026-H2,100.0,pass,0,0,17.1
gd12,monthly,2026-11,83.3,pass,1,0,
gd12,monthly,2026-12,100.0,pass,0,0,16.7'
[ "$exp" = "$want" ] || { fail "export rows"; diff <(echo "$want") <(echo "$exp"); }
# the totals are exactly those selfcheck score printed for each unit and period
while IFS=, read -r c _ p total _; do
    [ "$(cat "$work/score/${c}_$p")" = "$total" ] || fail "$c $p: exported $total, score said $(cat "$work/score/${c}_$p")"
done <<<"$exp"
refuse "nothing of the rejected reports" "gd11" "$exp"
expect "the registry's names" '"gd04","市卫生健康委员会"' "$(cat "$work/export.csv")"
refuse "the official checklist is not marked" "example v1" "$(cat "$work/export.csv")"

# ---- the trend of a unit: its monthly rows ----
code "gd04's reports" 0 rv export --out "$work/gd04.csv" --profile monthly
trend=$(grep '^"gd04"' "$work/gd04.csv" | tr -d '\r"' | cut -d, -f5 | tr '\n' ' ')
[ "$trend" = "53.3 86.7 53.3 " ] || fail "gd04's trend: $trend"

# ---- remediation follow-up over three periods ----
code "findings" 0 rv findings --csv
f=$(tail -n +2 <<<"$out" | tr -d '\r"' | cut -d, -f1,2,4,5,6,7,9-11)
# unit, check, item, system, status, due (the earliest given), found, last seen, resolved in
want='gd01,monthly,backup-frequency,,resolved,2026-11-30,2026-10,2026-11,2026-12
gd02,monthly,av-signature-age,,open,2027-01-31,2026-12,2026-12,
gd02,monthly,backup-daily,oa,resolved,2026-10-31,2026-10,2026-10,2026-11
gd03,monthly,av-signature-age,,overdue,2026-11-30,2026-10,2026-12,
gd04,monthly,av-signature-age,,resolved,2026-11-15,2026-10,2026-10,2026-11
gd04,monthly,backup-daily,oa,resolved,2026-11-15,2026-10,2026-10,2026-11
gd04,monthly,backup-daily,oa,open,2027-01-31,2026-12,2026-12,
gd04,monthly,backup-frequency,,overdue,2026-11-15,2026-10,2026-12,
gd05,monthly,av-signature-age,,overdue,2027-01-05,2026-12,2026-12,
gd05,monthly,backup-daily,oa,overdue,2027-01-05,2026-12,2026-12,
gd05,monthly,backup-frequency,,overdue,2027-01-05,2026-12,2026-12,
gd06,monthly,av-signature-age,,resolved,2026-12-31,2026-10,2026-10,2026-11
gd06,monthly,backup-frequency,,overdue,2026-12-31,2026-10,2026-12,
gd07,monthly,backup-daily,oa,resolved,2026-12-20,2026-11,2026-11,2026-12
gd08,monthly,av-signature-age,,overdue,2026-11-30,2026-10,2026-12,
gd08,monthly,backup-frequency,,overdue,2026-11-30,2026-10,2026-12,
gd09,halfyear,av-signature-age,,overdue,2026-06-30,2026-H1,2026-H2,
gd10,halfyear,backup-daily,oa,resolved,2026-07-31,2026-H1,2026-H1,2026-H2
gd12,monthly,av-signature-age,,resolved,2026-12-15,2026-11,2026-11,2026-12'
[ "$f" = "$want" ] || { fail "follow-up"; diff <(echo "$want") <(echo "$f"); }
code "overdue only" 0 rv findings --overdue --csv
[ "$(tail -n +2 <<<"$out" | wc -l)" = 9 ] || fail "nine overdue remediations: $out"
# a month boundary: gd03's first due date is 2026-11-30
out=$(SELFCHECK_NOW=2026-11-30 rv findings --unit gd03 --csv 2>&1)
expect "on its due day it is open" '"av-signature-age","","open","2026-11-30"' "$out"
out=$(SELFCHECK_NOW=2026-12-01 rv findings --unit gd03 --overdue --csv 2>&1)
expect "the day after, overdue" '"av-signature-age","","overdue","2026-11-30"' "$out"
# a half-year boundary: gd09's H1 finding is due 2026-06-30
out=$(SELFCHECK_NOW=2026-06-30 rv findings --unit gd09 --overdue --csv 2>&1)
[ "$(tail -n +2 <<<"$out" | wc -l)" = 0 ] || fail "gd09 is not overdue on 2026-06-30: $out"
out=$(SELFCHECK_NOW=2026-07-01 rv findings --unit gd09 --overdue --csv 2>&1)
expect "gd09 overdue on 2026-07-01" '"gd09","halfyear","example","av-signature-age","","overdue","2026-06-30"' "$out"

# ---- who has not reported ----
code "missing" 0 rv missing --csv
m=$(tail -n +2 <<<"$out" | tr -d '\r"' | cut -d, -f1,3-6)
want='gd01,halfyear,2026-H2,2026-12-25,
gd02,halfyear,2026-H2,2026-12-25,
gd03,halfyear,2026-H2,2026-12-25,
gd04,halfyear,2026-H2,2026-12-25,
gd05,halfyear,2026-H2,2026-12-25,
gd06,halfyear,2026-H2,2026-12-25,
gd07,halfyear,2026-H2,2026-12-25,
gd08,monthly,2026-11,2026-11-25,2026-12
gd08,halfyear,2026-H2,2026-12-25,
gd09,monthly,2026-12,2026-12-25,
gd10,monthly,2026-12,2026-12-25,
gd11,monthly,2026-12,2026-12-25,
gd11,halfyear,2026-H2,2026-12-25,
gd12,halfyear,2026-H2,2026-12-25,'
[ "$m" = "$want" ] || { fail "missing"; diff <(echo "$want") <(echo "$m"); }
# on the due day the period is not yet missing: November and 2026-H1 are the latest due
out=$(SELFCHECK_NOW=2026-12-25 rv missing --csv 2>&1)
m=$(tail -n +2 <<<"$out" | tr -d '\r"' | cut -d, -f1,3,4 | grep -E '^gd(09|11),')
want='gd09,monthly,2026-11
gd11,monthly,2026-11
gd11,halfyear,2026-H1'
[ "$m" = "$want" ] || { fail "missing on 2026-12-25"; diff <(echo "$want") <(echo "$m"); }

# ---- the items most often failed in December ----
code "items of December" 0 rv items --period 2026-12 --csv
i=$(tail -n +2 <<<"$out" | tr -d '\r"' | cut -d, -f1-4,6)
want='example,av-signature-age,4,9,gd02 gd03 gd05 gd08
example,backup-frequency,4,9,gd04 gd05 gd06 gd08
example,backup-daily,2,9,gd04 gd05'
[ "$i" = "$want" ] || { fail "items of December"; diff <(echo "$want") <(echo "$i"); }

# ---- the review screen at 80x24 over the same database ----
printf '[ui]\n' >"$work/zh.ini"
start a 80 24 "$work/zh.ini" review --db "$db"
wait_for a "审核 月度检查 2026-12"
wait_for a "12 个单位：已报送 9 个，未报送 3 个"
line() { screen a | grep -E "^. +$1 " | head -1; }
units_shown() { screen a | grep -oE '^. +gd[0-9]+' | tr -d '> ' | tr '\n' ' '; }
expect "gd04's row: total, grade, verdict, change" "53.3%  不合格  不通过   -33.4" "$(line gd04)"
expect "gd05's row" "0.0%  不合格  不通过  -100.0" "$(line gd05)"
expect "gd01's row" "100.0%  优秀    通过     +13.3" "$(line gd01)"
expect "gd08 has no November: no change" "70.0%  合格    通过" "$(line gd08)"
refuse "gd08 has no change" "+" "$(line gd08)"
expect "gd11's report was rejected: not reported" "未报送" "$(line gd11)"
expect "gd09 reports half-years only" "未报送" "$(line gd09)"
refuse "no unit is marked non-standard" "非标准" "$(screen a)"
keys a w
wait_for a "最弱在前"
order=$(units_shown)
[ "$order" = "gd05 gd04 gd02 gd08 gd06 gd03 gd01 gd07 gd12 gd09 gd10 gd11 " ] || fail "weakest first: $order"
keys a c
wait_for a "变化从大到小"
order=$(units_shown)
[ "$order" = "gd05 gd04 gd02 gd03 gd06 gd01 gd07 gd12 gd08 gd09 gd10 gd11 " ] || fail "by change: $order"
keys a u
wait_for a "现为：单位"
# ---- a unit: gd04, the fourth row ----
keys a Down
keys a Down
keys a Down
keys a Enter
wait_for a "单位 gd04 市卫生健康委员会 · 月度检查 2026-12"
wait_for a "总分 53.3% · 不合格 · 不通过 · 较上期 -33.4"
expect "its checklist's bar, drawn as failed" "example        [######......]  53.3%" "$(screen a)"
expect "the trend's totals" "53.3  86.7  53.3" "$(screen a)"
expect "the trend's periods" "10    11    12" "$(screen a)"
expect "open findings" "未整改问题：2 项，其中逾期 1 项" "$(screen a)"
expect "backup-frequency overdue" "2026-11-15  已逾期" "$(screen a | grep 'backup-frequency')"
# ---- two periods compared: the default November and December, then chosen ----
keys a c
wait_for a "两期对比 gd04 市卫生健康委员会：[2026-11] 与 2026-12"
wait_for a "改善 0 项 · 退步 1 项 · 新增 0 项 · 减少 0 项 · 不变 2 项"
expect "backup-daily regressed" "3/3      0/3  退步" "$(screen a | grep 'backup-daily')"
# the earlier one back to October: backup-daily 1.5 -> 0 regressed, av-signature-age 1.5 -> 3 improved
keys a Left
wait_for a "[2026-10] 与 2026-12"
wait_for a "改善 1 项 · 退步 1 项 · 新增 0 项 · 减少 0 项 · 不变 1 项"
expect "av-signature-age improved" "1.5/3      3/3  改善" "$(screen a | grep 'av-signature-age')"
expect "backup-daily regressed from October" "1.5/3      0/3  退步" "$(screen a | grep 'backup-daily')"
# Tab, Left: October against November, both improved
keys a Tab
keys a Left
wait_for a "2026-10 与 [2026-11]"
wait_for a "改善 2 项 · 退步 0 项"
keys a Escape
wait_for a "单位 gd04"
keys a Escape
wait_for a "12 个单位"
# ---- an item across units in December ----
keys a i
wait_for a "检查项跨单位情况 月度检查 2026-12"
wait_for a "3 个检查项有单位不符合"
expect "av-signature-age: 4 of 9" "4           9" "$(screen a | grep 'example/av-signature-age ')"
expect "its failing units named" "不符合 example/av-signature-age 的单位：9 个中有 4 个" "$(screen a)"
expect "gd02 among them" "gd02 市公安局" "$(screen a)"
keys a Escape
wait_for a "12 个单位"
keys a q
wait_for a "EXIT=0"
restored a || fail "the terminal is not restored"
finish tui_review_e2e
