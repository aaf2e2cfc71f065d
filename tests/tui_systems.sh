#!/usr/bin/env bash
# tui_systems.sh: the unit's information systems are registered and removed
# on screen (s on the start screen), with the same store as `selfcheck
# systems`: the start screen then offers the system's change check, and the
# command line lists what the screen did. Waits for screen content.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/s"
cfg=$work/s/selfcheck.ini
start a 80 24 "$cfg"
wait_for a "尚未登记本单位的信息系统"
keys a s
wait_for a "本单位的信息系统"
wait_for a "还没有登记系统"
keys a a
# a code the store would refuse is refused on screen, in Chinese
keys a "OA" Enter
keys a "办公自动化系统" Enter
wait_for a "代码只能由小写字母"
# the cursor is back on the code; the name typed is kept
keys a C-u "oa" Enter
wait_for a "> 名称"
keys a Enter
wait_for a "已登记系统 oa（办公自动化系统）"
keys a a
keys a "web" Enter "门户网站" Enter
wait_for a "已登记系统 web（门户网站）"
out=$("$bin" --config "$cfg" systems list)
grep -q '^oa  *办公自动化系统$' <<<"$out" || fail "systems list lacks oa: $out"
grep -q '^web  *门户网站$' <<<"$out" || fail "systems list lacks web: $out"
# removing asks first
keys a d
wait_for a "删除系统 web（门户网站）？"
keys a y
wait_for a "已删除系统 web（门户网站）"
out=$("$bin" --config "$cfg" systems list)
grep -q '^web' <<<"$out" && fail "web still listed after removal: $out"
# back on the start screen the warning is gone and the change check is offered
keys a Escape
wait_for a "变更：办公自动化系统"
screen a | grep -qF "尚未登记本单位的信息系统" && fail "the start screen still says no systems"
keys a q
wait_for a "EXIT=0"
finish tui_systems
