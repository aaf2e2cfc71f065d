#!/usr/bin/env bash
# tui_forms.sh: the annex forms on screen (i on the start screen): a value
# of the inventory is entered and checked (a credit code with a mistyped
# check character is refused in Chinese, the right one recorded), the same
# store as `selfcheck inventory`; w shows the website survey. Waits for
# screen content.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/s"
cfg=$work/s/selfcheck.ini
"$bin" --config "$cfg" systems add oa 办公自动化系统 >/dev/null || fail "systems add"
start a 80 24 "$cfg"
wait_for a "i 清单"
keys a i
wait_for a "数据资产清单"
wait_for a "> 部门、单位名称"
# the credit code is the second field of the unit block
keys a Down Enter
wait_for a "统一社会信用代码（独立法人单位填写） (credit-code):"
keys a "91350100M000100Y34" Enter
wait_for a "校验码"
keys a C-u "91350100M000100Y43" Enter
wait_for a "已记录。"
out=$("$bin" --config "$cfg" inventory show)
grep -q 'credit_code  *91350100M000100Y43' <<<"$out" || fail "inventory show lacks the code: $out"
# the system's rows follow the unit block
wait_for a "信息系统 oa（办公自动化系统）"
keys a w
wait_for a "互联网网站及应用情况调查表"
keys a b
wait_for a "i 清单"
keys a q
wait_for a "EXIT=0"
finish tui_forms
