#!/usr/bin/env bash
# tui_keys.sh: at 80x24, keys that could lose an answer never do so silently:
# Backspace on the walk-through goes back to the start screen, as it goes
# back on the summary and systems screens, and the answer stays; clearing an
# answer takes Delete twice (the first asks); Enter on an unanswered yes/no
# item says which keys answer it.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/t"
cfg=$work/t/selfcheck.ini

start k 80 24 "$cfg" run --profile monthly
wait_for k "j/k 移动"
keys k Enter
wait_for k "可用以下按键回答：y 是   n 否"
keys k y
wait_for k "1/"
keys k k
keys k BSpace
wait_for k "到期的检查"
expect "the answer survives Backspace" "已答 1/" "$(screen k)"
keys k Enter
wait_for k "j/k 移动"
keys k Home
keys k DC
wait_for k "再按一次 d 或 Delete 即清除"
expect "one Delete does not clear" "1/" "$(screen k | tail -1)"
keys k DC
wait_for k "已清除"
[ "$(answered k)" = 0 ] || fail "the second Delete did not clear the answer"
keys k q
wait_for k "EXIT=0"
finish tui_keys
