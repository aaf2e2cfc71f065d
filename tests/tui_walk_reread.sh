#!/usr/bin/env bash
# tui_walk_reread.sh: at 80x24, a note being typed when the program is ended
# is saved the way Enter saves it: the item is read again first, so a note
# that another program (answer --from) recorded meanwhile is not written
# over: not by SIGHUP (the SSH session dropped), not by Ctrl-C, which shows
# what was typed once the terminal is back. Without a change elsewhere,
# SIGHUP saves the note typed.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
config "$work/r"
cfg=$work/r/selfcheck.ini
question="已离职、调岗人员的账号"
sc() { "$bin" --config "$cfg" "$@"; }

# record_note NOTE: the command line records NOTE for the first item.
record_note() {
    local sheet=$work/sheet.csv
    rm -f "$sheet"
    sc template --profile monthly --period 2026-11 --out "$sheet" >/dev/null 2>&1 || fail "template"
    fill_in "$sheet" accounts-passwords acct-stale '' "\"\",\"$1\",\"\",\"\""
    sc answer --profile monthly --period 2026-11 --from "$sheet" >/dev/null || fail "answer --from"
}
# open_note NAME TEXT: the first item's note field open with TEXT typed.
open_note() {
    start "$1" 80 24 "$cfg" run --profile monthly --period 2026-11
    wait_for "$1" "$question"
    keys "$1" Tab
    keys "$1" Enter
    keys "$1" "$2"
    wait_for "$1" "$2"
}
# shown_note NAME: the first item's note as the next start shows it.
shown_note() {
    start "$1" 80 24 "$cfg" run --profile monthly --period 2026-11
    wait_for "$1" "$question"
    screen "$1" | grep -oE '本次备注：[^ │]*' | head -1
    tmx send-keys -t "$1" q
    wait_for "$1" "EXIT=0"
}

# ---- SIGHUP with nothing changed elsewhere: what was typed is saved ----
open_note a "界面备注一"
kill -HUP "$(pid_of a)"
wait_for a "EXIT=129"
expect "SIGHUP saves the note typed" "本次备注：界面备注一" "$(shown_note a2)"

# ---- SIGHUP after the command line recorded a note meanwhile ----
open_note b "界面备注二"
record_note "命令行备注二"
kill -HUP "$(pid_of b)"
wait_for b "EXIT=129"
expect "SIGHUP keeps the note recorded meanwhile" "本次备注：命令行备注二" "$(shown_note b2)"

# ---- Ctrl-C the same, and the terminal then shows what was typed ----
open_note c "界面备注三"
record_note "命令行备注三"
tmx send-keys -t c C-c
wait_for c "EXIT=130"
expect "Ctrl-C says what was not saved" "未保存" "$(screen c)"
expect "Ctrl-C shows what was typed" "界面备注三" "$(screen c)"
expect "Ctrl-C keeps the note recorded meanwhile" "本次备注：命令行备注三" "$(shown_note c2)"
finish tui_walk_reread
