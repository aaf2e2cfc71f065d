#!/usr/bin/env bash
# tui_resume.sh: nothing is lost: answers and a Chinese note given in the
# real binary survive kill -9; the next start resumes at the first unanswered
# item (directly with run --profile, and from the start screen); Ctrl-C in
# the middle of typing a note keeps the note and restores the terminal.
# Drives selfcheck in tmux and waits for screen content, never fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# ---- answer five items and a note in Chinese, then kill -9 ----
config "$work/a"
cfg=$work/a/selfcheck.ini
"$bin" --config "$cfg" systems add oa 办公自动化系统 >/dev/null || fail "systems add"
start a 80 24 "$cfg" run --profile monthly
wait_for a "0/"
answer_until a zh 5
wait_for a "5/"
note="整改计划：下周一前由信息科复核"
keys a Tab
keys a Enter
keys a "$note" Enter
wait_for a "备注：$note"
# the field shows the note while it is typed too: wait until Enter stored it
wait_for a "已保存。"
where=$(screen a | sed -n 2p | sed 's/.*│//')
before=$("$bin" --config "$cfg" score --profile monthly | grep -E '^总计')
pid=$(pid_of a)
[ -n "$pid" ] || fail "no selfcheck process in the pane"
kill -9 "$pid"
wait_for a "EXIT=137"

# ---- the next start resumes at the first unanswered item, nothing lost ----
after=$("$bin" --config "$cfg" score --profile monthly | grep -E '^总计')
[ "$before" = "$after" ] || fail "score changed by kill -9: '$before' -> '$after'"
grep -qF "总计: 5/" <<<"$after" || fail "not 5 answers after kill -9: $after"
start b 80 24 "$cfg" run --profile monthly
wait_for b "5/"
wait_for b "$where"
wait_for b "备注：$note"
wait_for b "回答：? 未答"

# ---- with no arguments the start screen offers to resume it ----
keys b q
wait_for b "EXIT=0"
start c 80 24 "$cfg"
wait_for c "进行中，已答 5/"
keys c Enter
wait_for c "$where"
wait_for c "备注：$note"

# ---- Ctrl-C while a note is being typed keeps the note ----
keys c Tab
keys c Enter
keys c C-u "未按回车的备注"
# Ctrl-C is a signal: it overtakes typed characters the program has not yet
# read, so wait until all of them are on the screen.
wait_for c "备注：未按回车的备注"
tmx send-keys -t c C-c
wait_for c "EXIT=130"
restored c || fail "terminal not restored after Ctrl-C"
start d 80 24 "$cfg" run --profile monthly
wait_for d "备注：未按回车的备注"
keys d q
wait_for d "EXIT=0"

finish tui_resume
