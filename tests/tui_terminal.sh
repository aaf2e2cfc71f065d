#!/usr/bin/env bash
# tui_terminal.sh: the terminal side of the real binary under tmux: below
# 80x24 it says plainly that the window is too small and that q quits (a
# short sentence, whole, where the long one does not fit), and draws normally
# again once it is large enough; it works with colour, with NO_COLOR and on a
# vt100 (no colour codes in either); q, Ctrl-C, SIGTERM and SIGHUP all leave
# the terminal restored (canonical mode and echo back on) with exit codes
# 0, 130, 143 and 129. Waits for screen content, never for fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/t"
cfg=$work/t/selfcheck.ini
esc=$'\033'
colour_sgr="${esc}\\[([0-9]+;)*[34][0-7](;[0-9]+)*m"

# ---- too small, then large enough, then too small again ----
start small 60 20 "$cfg"
wait_for small "窗口太小"
wait_for small "80x24"
wait_for small "60x20"
wait_for small "或按 q 退出。"
# too small even for the sentence: the short form, whole, still naming q
tmx resize-window -t small -x 34 -y 2
wait_for small "窗口太小，需 80x24。按 q 退出。"
tmx resize-window -t small -x 80 -y 24
wait_for small "到期的检查"
tmx resize-window -t small -x 79 -y 24
wait_for small "79x24"
tmx resize-window -t small -x 120 -y 23
wait_for small "120x23"
tmx resize-window -t small -x 120 -y 40
wait_for small "到期的检查"
keys small q
wait_for small "EXIT=0"
restored small || fail "terminal not restored after q"

# ---- colour, NO_COLOR, vt100 ----
start colour 80 24 "$cfg"
wait_for colour "到期的检查"
tmx capture-pane -e -p -t colour | grep -qE "$colour_sgr" || fail "no colour with a colour terminal"
keys colour q
wait_for colour "EXIT=0"

tmx new-session -d -s mono -x 80 -y 24 "env NO_COLOR=1 $bin --config $cfg; echo EXIT=\$?; stty -a; sleep 3600"
wait_for mono "到期的检查"
tmx capture-pane -e -p -t mono | grep -qE "$colour_sgr" && fail "colour codes despite NO_COLOR"
tmx capture-pane -e -p -t mono | grep -qF "${esc}[7m" || fail "no reverse video for the title bar under NO_COLOR"
keys mono q
wait_for mono "EXIT=0"

tmx new-session -d -s vt -x 80 -y 24 "env TERM=vt100 $bin --config $cfg run --profile monthly; echo EXIT=\$?; stty -a; sleep 3600"
wait_for vt "每月例行检查 2026-11"
wait_for vt "j/k 移动"
tmx capture-pane -e -p -t vt | grep -qE "$colour_sgr" && fail "colour codes on a vt100"
keys vt y
wait_for vt "1/"
keys vt q
wait_for vt "EXIT=0"
restored vt || fail "terminal not restored on a vt100"

# ---- signals: the terminal is restored and the exit code says which ----
for sig in TERM:143 HUP:129 INT:130; do
    name=${sig%%:*}
    code=${sig##*:}
    start "sig$name" 80 24 "$cfg" run --profile monthly
    wait_for "sig$name" "j/k 移动"
    if [ "$name" = INT ]; then
        tmx send-keys -t "sig$name" C-c
    else
        pid=$(pid_of "sig$name")
        [ -n "$pid" ] && kill "-$name" "$pid"
    fi
    wait_for "sig$name" "EXIT=$code"
    restored "sig$name" || fail "terminal not restored after SIG$name"
done

finish tui_terminal
