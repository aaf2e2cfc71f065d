#!/usr/bin/env bash
# tui_gating.sh: at 80x24 in Chinese, the walk screen points out an answer
# the annex forms contradict, at the item, as it is given, with the words of
# `selfcheck score`: a system of level 3 in the inventory answered 二级 is
# told on the status line as the walk moves on, and the line stays under
# the item's answer until corrected; its yearly level-3 assessment item is asked by the inventory's
# level; stored at a hosting unit, its "hosted outside" question answered 否
# is pointed out as well. Waits for screen content, never fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/a"
cfg=$work/a/selfcheck.ini
"$bin" --config "$cfg" systems add app 网上办事系统 >/dev/null || fail "systems add"
"$bin" --config "$cfg" inventory set --system app mlps_level=3 storage=hosting >/dev/null || fail "inventory set"
start a 80 24 "$cfg" run --profile halfyear
wait_for a "每半年全面检查"
keys a /
keys a "保护定级级别为" Enter
wait_for a "该系统的网络安全等级保护定级级别为"
refuse "no contradiction before the answer" "数据资产清单记录" "$(screen a)"
keys a 4
# said on the status line as the walk moves on, and in the item's pane
wait_for a "! 回答为 二级，但数据资产清单记录 mlps_level = 3"
keys a k
wait_for a "该系统的网络安全等级保护定级级别为"
wait_for a "  ! 回答为 二级，但数据资产清单记录"
keys a 5
wait_gone a "回答为 二级"
# the yearly level-3 item is asked of it (by the inventory, not the answer)
keys a /
keys a "第三级系统最近" Enter
wait_for a "该第三级系统最近一次等级保护测评的日期"
refuse "the level-3 item is asked" "此项现在不需要回答" "$(screen a)"
# hosted at a third party by the inventory, answered not hosted
keys a /
keys a "部署在本单位自有机房以外" Enter
wait_for a "该系统是否部署在本单位自有机房以外"
keys a n
wait_for a "! 回答为 否，但数据资产清单记录"
wait_for a "storage = hosting"
keys a Escape
keys a q
wait_for a "EXIT=0"
out=$("$bin" --config "$cfg" score --profile halfyear 2>&1)
expect "score lists the same contradiction" \
    "supply-chain/sc-hosted (网上办事系统): 回答为 否，但数据资产清单记录 storage = hosting" "$out"
refuse "the corrected level is no contradiction" "mlps-change/mlps-level" "$out"
finish tui_gating
