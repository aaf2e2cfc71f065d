#!/usr/bin/env bash
# tui_incident.sh: the incident classifier on screen (e on the start screen)
# at 80x24: the facts are asked one per line and the level and warning
# change as they are given (a defacement is level II yellow; political
# content makes it level I red); Tab shows every rule that applies and what
# the plan requires with clauses; s without a title asks for one, then saves
# the incident as a record that `selfcheck incident show` reads. Waits for
# screen content.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/s"
cfg=$work/s/selfcheck.ini
start a 80 24 "$cfg"
wait_for a "e 安全事件"
keys a e
wait_for a "网络与信息安全事件（003）"
wait_for a "> 标题"
wait_for a "不构成Ⅰ、Ⅱ、Ⅲ级事件"
# down to "website or page defaced": title, discovered, system, then the facts in order
keys a Down Down Down Down Down Down Down Down Down
wait_for a "> 网站或页面被篡改"
keys a Right
wait_for a "被篡改 "
wait_for a "II级（较大）· 黄色预警"
keys a Right
wait_for a "I级（重大）· 红色预警"
# the rules and the actions, with their clauses
keys a Tab
wait_for a "level: I · warning: red"
wait_for a "003 第七条(三)"
wait_for a "003 第八条(四)"
wait_for a "预案要求采取的措施"
keys a PageDown PageDown
wait_for a "003 第二十二条"
# saving without a title asks for one
keys a s
wait_for a "请先填写事件标题"
keys a "首页被篡改" Enter
wait_for a "首页被篡改"
keys a s
wait_for a "已保存为事件 1"
out=$("$bin" --config "$cfg" incident show 1) || fail "incident show: exit $?"
grep -q '^level: I$' <<<"$out" || fail "the saved record is not level I: $out"
grep -q 'defaced=political' <<<"$out" || fail "the saved record lacks its facts: $out"
grep -q '首页被篡改' <<<"$out" || fail "the saved record lacks its title: $out"
# reopened by its number: the record's facts on screen, a change saved into it
keys a o
wait_for a "重新打开事件编号"
keys a 1 Enter
wait_for a "事件 1（003）"
keys a Down Down Down Down Down Down Down Down Down
wait_for a "> 网站或页面被篡改"
keys a Left
wait_for a "II级（较大）· 黄色预警"
keys a s
wait_for a "已保存为事件 1"
out=$("$bin" --config "$cfg" incident show 1) || fail "incident show after the reopen: exit $?"
grep -q '^level: II$' <<<"$out" || fail "the reopened record was not graded again: $out"
grep -q 'level: I -> II' <<<"$out" || fail "the change is not in the timeline: $out"
keys a b
wait_for a "e 安全事件"
keys a q
wait_for a "EXIT=0"
finish tui_incident
