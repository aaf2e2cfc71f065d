#!/usr/bin/env bash
# tui_scheduled.sh: a booked MLPS re-assessment is answered on the walk screen
# as the checklists' guidance says (Enter, then 已安排 DATE, a day ahead): the
# screen takes it past its date check, shows it, scores half of the critical
# item's weight and sets the finding's due date to the booked day; the score
# command agrees and does not count it as a critical failure.
# Drives selfcheck in tmux and waits for screen content, never fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/a"
"$bin" --config "$work/a/selfcheck.ini" systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
start a 100 30 "$work/a/selfcheck.ini" run --profile halfyear
wait_for a "每半年全面检查"
# level 3, so that the level-3 assessment date is asked
keys a /
keys a "保护定级级别为" Enter
wait_for a "该系统的网络安全等级保护定级级别为"
keys a 5
wait_for a "该第三级系统最"
keys a /
keys a "第三级系统最近" Enter
wait_for a "该第三级系统最近一次等级保护测评的日期"
keys a Enter
keys a "已安排 2027-01-15" Enter
wait_for a "已安排重新测评：2027-01-15"
wait_for a "得分 2/4"
wait_for a "整改期限：2027-01-15"
keys a Escape
keys a q
wait_for a "EXIT=0"
out=$("$bin" --config "$work/a/selfcheck.ini" score --profile halfyear 2>&1)
grep -q "mlps-assessment-l3" <<<"$(grep -A50 '关键项不合格' <<<"$out")" &&
    fail "a booked re-assessment counts as a critical failure: $out"
finish tui_scheduled
