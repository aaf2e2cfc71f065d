#!/usr/bin/env bash
# tui_review.sh: the supervisor's review screen at 80x24 over a database
# built through the real command line (keys, signed reports, units add,
# import): the table of units by period with the units that have not
# reported and a revoked key marked, sorting by unit, score and change, the
# monthly and half-year check, moving between periods; a unit's checklists,
# trend and open findings (overdue marked); two of its periods compared.
# An item across units, remediation follow-up and who has not reported; the
# synthetic reports' checklist is not an official one, so every view marks it.
# Waits for screen content, never for fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
printf '[ui]\n' >"$work/zh.ini"

# the units and reports of tests/cli_review_query.sh (hand-computed there),
# and u6, whose key is revoked after its report was imported
for u in u1 u2 u3 u4 u5 u6; do
    key "$u" ed25519
    rv units add "$u" "单位$u" --key "$work/keys/$u.pub" --from 2026-01-01 >/dev/null || fail "units add $u"
done
s=$work/stick
report "$s/u1-10.csv" u1 u1 ed25519 monthly 2026-10 2026-10-26T10:00:00 u1-10 1,2 yes 2026-10-31
report "$s/u1-11.csv" u1 u1 ed25519 monthly 2026-11 2026-11-26T10:00:00 u1-11 1 yes 2026-11-30
report "$s/u1-12.csv" u1 u1 ed25519 monthly 2026-12 2026-12-26T10:00:00 u1-12 "" yes
report "$s/u2-10.csv" u2 u2 ed25519 monthly 2026-10 2026-10-26T10:00:00 u2-10 3 yes 2026-10-31
report "$s/u2-12.csv" u2 u2 ed25519 monthly 2026-12 2026-12-26T10:00:00 u2-12 3,4,5 yes 2027-01-05
report "$s/u3-h1.csv" u3 u3 ed25519 halfyear 2026-H1 2026-06-20T10:00:00 u3-h1 6 yes 2026-06-30
report "$s/u3-h2.csv" u3 u3 ed25519 halfyear 2026-H2 2026-12-20T10:00:00 u3-h2 6 yes 2027-03-31
report "$s/u5-11.csv" u5 u5 ed25519 monthly 2026-11 2026-11-26T10:00:00 u5-11 7 yes 2026-11-30
report "$s/u6-11.csv" u6 u6 ed25519 monthly 2026-11 2026-11-26T10:00:00 u6-11 1,2,3,4,5 yes 2026-12-31
report "$s/u6-12.csv" u6 u6 ed25519 monthly 2026-12 2026-12-26T10:00:00 u6-12 1,2,3,4 yes 2027-02-28
code "import" 0 rv import "$s"
code "revoke u6's key" 0 rv units revoke "$(kid u6)"

# the global --db (before the command) names the review database too
start a 80 24 "$work/zh.ini" --db "$db" review
# the period due on 2027-01-10 is 2026-12, sorted by unit
wait_for a "审核 月度检查 2026-12"
wait_for a "6 个单位：已报送 3 个，未报送 3 个"
row() { screen a | grep -E "^. *$1 " | head -1; }
# units_shown: the unit codes of the rows on screen, in order
units_shown() { screen a | grep -oE '^. +u[0-9]' | tr -d '> ' | tr '\n' ' '; }
expect "u1's row" "100.0%" "$(row u1)"
expect "u1's change" "+10.0" "$(row u1)"
expect "u1's grade" "优秀" "$(row u1)"
expect "u1's verdict" "通过" "$(row u1)"
expect "u2's total" "70.0%" "$(row u2)"
refuse "u2 did not report November: no change" "+" "$(row u2)"
expect "u3 has no monthly report" "未报送" "$(row u3)"
expect "u4 never reported" "未报送" "$(row u4)"
expect "u6's key is revoked" "密钥已吊销" "$(row u6)"
expect "u1's checklist is not an official one" "非标准检查表" "$(row u1)"
refuse "a unit without a report has no checklist" "非标准检查表" "$(row u3)"
expect "u6's change" "+10.0" "$(row u6)"
expect "u6's total" "60.0%" "$(row u6)"
expect "the sort keys in the footer" "排序：u 单位" "$(screen a)"
# a Chinese name is two columns a character, and the columns line up
line=$(row u1)
col_u1=$(awk -v l="$line" 'BEGIN{print index(l, "100.0%")}')
[ -n "$col_u1" ] || fail "no total on u1's row"

# the weakest first: u6 (60.0), u2 (70.0), u1 (100.0), then the units without a report
keys a w
wait_for a "最弱在前"
order=$(units_shown)
[ "$order" = "u6 u2 u1 u3 u4 u5 " ] || fail "weakest first: $order"
# the score, highest first
keys a s
wait_for a "得分从高到低"
order=$(units_shown)
[ "$order" = "u1 u2 u6 u3 u4 u5 " ] || fail "by score: $order"
# the change, largest fall first: u1 and u6 both +10.0 (by code), u2 has none
keys a c
wait_for a "变化从大到小"
order=$(units_shown)
[ "$order" = "u1 u6 u2 u3 u4 u5 " ] || fail "by change: $order"
keys a u
wait_for a "现为：单位"
order=$(units_shown)
[ "$order" = "u1 u2 u3 u4 u5 u6 " ] || fail "by unit: $order"
keys a r
order=$(units_shown)
[ "$order" = "u6 u5 u4 u3 u2 u1 " ] || fail "by unit, reversed: $order"
keys a u

# the period before: November (u1 90.0 +10.0, u5 90.0, u6 50.0)
keys a Left
wait_for a "审核 月度检查 2026-11"
expect "u1 in November" "90.0%" "$(row u1)"
expect "u1's change in November" "+10.0" "$(row u1)"
expect "u5 in November" "90.0%" "$(row u5)"
expect "u2 did not report November" "未报送" "$(row u2)"
keys a Right
wait_for a "审核 月度检查 2026-12"
# the half-year check: u3 reported 2026-H2, 90.0, change 0.0
keys a p
wait_for a "审核 半年检查 2026-H2"
expect "u3's half-year" "90.0%" "$(row u3)"
expect "u3's change" "0.0" "$(row u3)"
expect "u1 has no half-year report" "未报送" "$(row u1)"
keys a p
wait_for a "审核 月度检查 2026-12"

# English with L, and back
keys a L
wait_for a "Review Monthly check 2026-12"
expect "not reported, in English" "not reported" "$(row u3)"
keys a L
wait_for a "审核 月度检查 2026-12"
# the help
keys a '?'
wait_for a "最弱在前"
keys a Escape
wait_for a "6 个单位"

# ---- a unit: Enter on u1 ----
tmx send-keys -t a Home   # already at the top: nothing changes
keys a Enter
wait_for a "单位 u1 单位u1 · 月度检查 2026-12"
wait_for a "总分 100.0% · 优秀 · 通过 · 较上期 +10.0"
# the synthetic reports' checklist "bench" is not an official one: marked
expect "checklist bar, marked non-standard" "!bench         [############] 100.0%" "$(screen a)"
expect "the non-standard checklist named" "非标准检查表：bench v1" "$(screen a)"
expect "the trend chart" "历次总分" "$(screen a)"
expect "the trend's periods" "10" "$(screen a | grep -E ' 10 +11 +12')"
expect "the trend's totals, one decimal" "80.0  90.0  100.0" "$(screen a)"
expect "u1 has no open finding" "未整改问题：0 项，其中逾期 0 项" "$(screen a)"
# November: 90.0, item-1 still a finding then (resolved in December)
keys a Left
wait_for a "单位 u1 单位u1 · 月度检查 2026-11"
wait_for a "总分 90.0% · 优秀 · 通过 · 较上期 +10.0"
expect "November's bar" "!bench         [###########.]  90.0%" "$(screen a)"
# ---- compare October and November: item-2 improved, nothing regressed ----
keys a c
wait_for a "两期对比 u1 单位u1：[2026-10] 与 2026-11"
wait_for a "改善 1 项 · 退步 0 项 · 新增 0 项 · 减少 0 项 · 不变 9 项"
expect "item-2 improved" "0/1      1/1  改善" "$(screen a | grep 'bench/item-2 ')"
refuse "only the changes" "bench/item-3 " "$(screen a)"
keys a d
wait_for a "bench/item-3 "
# Tab, then Right: the later period is December; October to December, item-1 and item-2 improved
keys a Tab
wait_for a "2026-10 与 [2026-11]"
keys a Right
wait_for a "两期对比 u1 单位u1：2026-10 与 [2026-12]"
wait_for a "改善 2 项 · 退步 0 项"
expect "item-1 improved by December" "0/1      1/1  改善" "$(screen a | grep 'bench/item-1 ')"
# Tab again, Right: the earlier is November, next to December: item-1 alone improved
keys a Tab
keys a Right
wait_for a "两期对比 u1 单位u1：[2026-11] 与 2026-12"
wait_for a "改善 1 项 · 退步 0 项"
keys a Escape
wait_for a "单位 u1 单位u1 · 月度检查 2026-11"
keys a Escape
# back on the table, at the period the unit's screen showed
wait_for a "审核 月度检查 2026-11"
keys a Right
wait_for a "审核 月度检查 2026-12"
# ---- u2: three findings, all overdue on 2027-01-10 ----
keys a Down
keys a Enter
wait_for a "单位 u2 单位u2 · 月度检查 2026-12"
wait_for a "未整改问题：3 项，其中逾期 3 项"
expect "a finding of a non-standard checklist is marked as its bar is" "> !item-3  " "$(screen a)"
expect "u2 did not report November: no change" "较上期 -" "$(screen a)"
expect "item-3's owner and due date" "李四    2026-10-31  已逾期" "$(screen a | grep 'item-3 ')"
expect "item-4 overdue" "2027-01-05  已逾期" "$(screen a | grep 'item-4 ')"
# compared with its report before, October: item-4 and item-5 regressed
keys a c
wait_for a "两期对比 u2 单位u2：[2026-10] 与 2026-12"
wait_for a "改善 0 项 · 退步 2 项"
expect "both reports' non-standard checklists named" "非标准检查表：2026-10 bench v1；2026-12 bench v1" "$(screen a)"
expect "item-5 regressed" "1/1      0/1  退步" "$(screen a | grep 'bench/item-5 ')"
keys a q
wait_for a "单位 u2 单位u2"
keys a q
wait_for a "6 个单位"
# u3 has no monthly report: its screen says so, and c has nothing to compare
keys a Down
keys a Enter
wait_for a "2026-12 未报送（尚无报告）"
keys a c
wait_for a "该单位本检查的报告不足两期，无法对比。"
keys a Escape
wait_for a "6 个单位"

# ---- an item across units: December's reports of u1, u2 and u6 ----
keys a i
wait_for a "检查项跨单位情况 月度检查 2026-12"
wait_for a "5 个检查项有单位不符合"
expect "item-3: u2 and u6 of 3" "2           3" "$(screen a | grep 'bench/item-3 ')"
expect "item-5: u2 of 3" "1           3" "$(screen a | grep 'bench/item-5 ')"
expect "item-3: both failing units answered a non-standard checklist" "3       2" "$(screen a | grep 'bench/item-3 ')"
expect "and the line below says so" "3 个中有 2 个，其中 2 个使用非标准检查表" "$(screen a)"
expect "the first item's failing units" "不符合 bench/item-3 的单位：3 个中有 2 个" "$(screen a)"
expect "named" "u2 单位u2、u6 单位u6" "$(screen a)"
keys a Down
wait_for a "不符合 bench/item-4 的单位"
keys a Escape
wait_for a "6 个单位"
# ---- remediation follow-up ----
keys a f
wait_for a "整改跟踪"
wait_for a "共 12 项问题：逾期 9 项，未到期 0 项，已整改 3 项（今天 2027-01-10）"
expect "overdue first" "逾期未整改：9 项" "$(screen a)"
expect "u2's item-3, found in October" "2026-10-31  2026-10" "$(screen a | grep -E '^. +u2 +item-3 ')"
expect "marked with its non-standard checklist" "非标准 bench" "$(screen a | grep -E '^. +u2 +item-3 ')"
expect "u6's item-5 resolved in December" "2026-11  2026-12" "$(screen a | grep -E '^. +u6 +item-5 ')"
expect "resolved ones last" "已整改：3 项" "$(screen a)"
keys a q
wait_for a "6 个单位"
# ---- who has not reported ----
keys a m
wait_for a "未报送单位"
wait_for a "月度检查 2026-12：3 个单位未报送"
expect "the columns" "单位代码  单位名称  报送期限    最近报送  缺报期数" "$(screen a)"
expect "half-year" "半年检查 2026-H2：5 个单位未报送" "$(screen a)"
expect "u5 last reported November" "2026-12-25  2026-11" "$(screen a | grep -E '^. +u5 ' | head -1)"
expect "u4 never reported" "从未报送" "$(screen a | grep -E '^. +u4 ' | head -1)"
keys a Escape
wait_for a "6 个单位"

# a window below 80x24 says so, and the table comes back
tmx resize-window -t a -x 60 -y 20
wait_for a "60x20"
tmx resize-window -t a -x 80 -y 24
wait_for a "6 个单位"

keys a q
wait_for a "EXIT=0"
restored a || fail "the terminal is not restored"
finish tui_review
