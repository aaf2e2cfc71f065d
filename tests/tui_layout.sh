#!/usr/bin/env bash
# tui_layout.sh: at 80x24 with the long system names of the docs, no screen
# drops a column or cuts a text without a mark: the start screen keeps every
# row's period, due date and state and shortens the names with "…"; the
# walk's left pane marks checklists hidden below it, ends cut checklist
# titles and per-system item labels in "…", and the title bar keeps the date;
# with [ui] ambiguous = wide, characters such as "·" are laid out two wide.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/t"
cfg=$work/t/selfcheck.ini
"$bin" --config "$cfg" systems add env-monitor-platform 全市生态环境质量自动监测监控平台 >/dev/null ||
    fail "systems add env-monitor-platform"
"$bin" --config "$cfg" systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"

start s 80 24 "$cfg"
wait_for s "到期的检查"
s=$(screen s)
row=$(grep -F "变更：全市" <<<"$s")
expect "the long name is shortened with a mark" "…" "$row"
expect "the state of the long row stays" "未开始" "$row"
expect "the period of the long row starts" "2026-11-21@env" "$row"
row=$(grep -F "每月例行检查" <<<"$s")
expect "the due date stays" "2026-11-25 到期" "$row"
expect "the state stays" "未开始" "$row"
while IFS= read -r line; do
    w=$(printf '%s' "$line" | wc -L)
    ((w <= 80)) || fail "a row is wider than the window: $line"
done <<<"$s"

# the change check of the long-named system: per-system items in the left pane
keys s Down
keys s Down
keys s Enter
wait_for s "j/k"
s=$(screen s)
expect "the title bar keeps the date" "2026-11-21" "$(head -1 <<<"$s")"
expect "hidden checklists below are marked" "v│" "$s"
expect "a cut checklist title ends in …" "…  0/" "$s"
expect "a cut item label ends in …" "[全市生…]" "$s"
# walking on to the last checklist scrolls the list: now a mark above
keys s End
s=$(screen s)
expect "hidden checklists above are marked" "^│" "$(sed -n 2p <<<"$s")"
keys s q
wait_for s "EXIT=0"

# [ui] ambiguous = wide: "·" is laid out two columns wide (tmux draws it in
# one, so the second shows as a space), and lines still end inside the window
config "$work/w" "[ui]
ambiguous = wide"
start w 80 24 "$work/w/selfcheck.ini"
wait_for w "到期的检查"
expect "the title counts · as two columns" "安全自查 ·  示例局" "$(screen w | head -1)"
expect "the date stays in the title bar" "2026-11-21" "$(screen w | head -1)"
keys w q
wait_for w "EXIT=0"
finish tui_layout
