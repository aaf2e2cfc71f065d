#!/usr/bin/env bash
# tui_monthly.sh: completes the monthly check from the keyboard alone in the
# real binary under tmux: in Chinese at 80x24 (with a resize in the middle,
# a note typed in Chinese, and number/date input refused in place with a
# message), and in English at 120x40; each time the summary must show what
# `selfcheck score` prints. Waits for screen content, never for fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# check_summary TARGET CONFIG LANG: the total, points, grade and verdict
# on the summary are those of `selfcheck score`.
check_summary() {
    local t=$1 config=$2 lang=$3 out total percent points grade verdict s
    out=$("$bin" --config "$config" score --profile monthly --lang "$lang")
    total=$(grep -E '^(总计|Total):' <<<"$out")
    percent=$(grep -oE '[0-9]+\.[0-9]%' <<<"$total" | head -1)
    points=$(grep -oE '[0-9]+\.[0-9]{2}/[0-9]+\.[0-9]{2}' <<<"$total" | head -1)
    grade=$(sed -E 's/.*(等级|grade) ([^ ]+) .*/\2/' <<<"$total")
    s=$(screen "$t")
    [ -n "$percent" ] || fail "score printed no percentage: $out"
    grep -qF -- "$percent" <<<"$s" || fail "summary lacks the score's $percent"
    grep -qF -- "$points" <<<"$s" || fail "summary lacks the score's points $points"
    grep -qF -- "$grade" <<<"$s" || fail "summary lacks the score's grade $grade"
    if grep -qE '(结论 不通过|verdict FAIL)' <<<"$total"; then verdict="不通过"; [ "$lang" = en ] && verdict="Verdict: Fail"
    else verdict="结论：通过"; [ "$lang" = en ] && verdict="Verdict: Pass"; fi
    grep -qF -- "$verdict" <<<"$s" || fail "summary lacks the verdict '$verdict' of: $total"
    grep -qE '(已答|answered)' <<<"$total" || fail "no total line in: $out"
    if ! grep -qE "$(grep -oE '[0-9]+/[0-9]+ (已答|answered)' <<<"$total" | cut -d' ' -f1)" <<<"$s"; then
        fail "summary lacks the answered count of: $total"
    fi
}

# ---- in Chinese, 80x24 ----
config "$work/zh"
"$bin" --config "$work/zh/selfcheck.ini" systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
"$bin" --config "$work/zh/selfcheck.ini" systems add web 门户网站 >/dev/null || fail "systems add web"

start zh 80 24 "$work/zh/selfcheck.ini" run --profile monthly
wait_for zh "每月例行检查 2026-11"
wait_for zh "0/"
s=$(screen zh)
grep -qF "j/k 移动" <<<"$s" || fail "no key hints on the walk screen"

# a Chinese note, typed through get_wch, then the first answer
keys zh Tab
keys zh Enter
keys zh "机房巡检：已核对门禁记录" Enter
wait_for zh "备注：机房巡检：已核对门禁记录"

# number input is checked in place, with a message (the monthly profile asks
# "how many days"; date input is checked the same way: see test_ui_walk.c)
tmx send-keys -t zh BTab
keys zh /
keys zh "多少天" Enter
wait_for zh "输入数字（"
keys zh 5
keys zh x Enter
wait_for zh "请输入一个数字"
keys zh C-u
keys zh 99999999 Enter
wait_for zh "数字须在"
keys zh Escape
keys zh Home

# resize in the middle: the layout follows the window, then back
# wait_line TARGET LINE TEXT: polls until line LINE of the pane holds TEXT.
wait_line() {
    local deadline=$((SECONDS + 15))
    while ((SECONDS < deadline)); do
        screen "$1" | sed -n "$2p" | grep -qF -- "$3" && return 0
        sleep 0.05
    done
    fail "line $2 never showed '$3'"
    screen "$1"
    return 1
}
tmx resize-window -t zh -x 100 -y 30
wait_line zh 29 "j/k 移动"
wait_line zh 30 "/41 · "
s=$(screen zh)
[ "$(wc -L <<<"$s")" -le 100 ] || fail "lines wider than 100 columns after resize"
tmx resize-window -t zh -x 80 -y 24
wait_line zh 23 "j/k 移动"
wait_line zh 24 "/41 · "

complete zh zh
wait_for zh "汇总 ·"
check_summary zh "$work/zh/selfcheck.ini" zh
grep -qE "问题项|关键项不合格" <<<"$(screen zh)" || fail "summary lists no findings"
grep -qF "王五" <<<"$(screen zh)" || fail "summary shows no remediation owner"

# back to the walk-through from the summary, and quit
keys zh Escape
wait_for zh "j/k 移动"
keys zh q
wait_for zh "EXIT=0"
grep -qE '(^| )icanon( |$)' <<<"$(screen zh)" || fail "terminal not back in canonical mode after q"

# ---- in English, 120x40 ----
mkdir -p "$work/en"
cat >"$work/en/selfcheck.ini" <<EOF2
[unit]
code = 4401-hb
name = Example Bureau
assessor = Zhang San
[paths]
checklists = $repo/checklists
data = $work/en/data
output = $work/en/out
[ui]
lang = en
EOF2
"$bin" --config "$work/en/selfcheck.ini" systems add oa "Office automation" >/dev/null || fail "systems add oa (en)"
start en 120 40 "$work/en/selfcheck.ini"
wait_for en "Checks due"
keys en Enter
wait_for en "Monthly routine check 2026-11"
complete en en
wait_for en "Summary ·"
check_summary en "$work/en/selfcheck.ini" en
# L switches the language of the same screen, and keeps it for the next start
keys en L
wait_for en "汇总 ·"
keys en L
wait_for en "Summary ·"
keys en L
wait_for en "汇总 ·"
keys en q
wait_for en "EXIT=0"
grep -qx 'lang = zh' "$work/en/selfcheck.ini" || fail "L did not keep the language in selfcheck.ini"
grep -qx 'name = Example Bureau' "$work/en/selfcheck.ini" || fail "keeping the language changed other lines"
start en2 120 40 "$work/en/selfcheck.ini"
wait_for en2 "到期的检查"
keys en2 L
wait_for en2 "Checks due"
keys en2 q
wait_for en2 "EXIT=0"
grep -qx 'lang = en' "$work/en/selfcheck.ini" || fail "L on the start screen did not keep English"

finish tui_monthly
