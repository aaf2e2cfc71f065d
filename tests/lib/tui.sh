# tui.sh: what the terminal tests share: common.sh, a private tmux server,
# and helpers that drive selfcheck and wait for screen content (never
# for fixed times). Sourced by tests/tui_*.sh after they set bin and repo.
# shellcheck source=common.sh
. "$repo/tests/lib/common.sh"
sock=selfcheck-tui-$$
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
# cleanup: what still runs in a pane is killed before the server goes, so that
# a script that gave up leaves nothing behind. (A sanitizer build hung up by
# the server's end spins in LeakSanitizer's exit over the vanished terminal.)
cleanup() {
    local pane child
    for pane in $(tmx list-panes -a -F '#{pane_pid}' 2>/dev/null); do
        for child in $(ps -o pid= --ppid "$pane" 2>/dev/null); do kill -9 "$child" 2>/dev/null; done
    done
    tmx kill-server >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
export SELFCHECK_NOW=2026-11-21T10:00:00 LC_ALL=C.UTF-8 TERM=xterm-256color
unset NO_COLOR TMUX

# How long a wait polls before it gives up, in seconds.
tui_wait=${TUI_WAIT:-15}
screen() { tmx capture-pane -p -t "$1" 2>/dev/null; }
# give_up TARGET MESSAGE: counts the failure, shows what TARGET's screen
# showed (the other failures so far are above it) and ends the script.
give_up() {
    fail "$2"
    echo "---- the screen of '$1' ----"
    screen "$1"
    echo "---- end of screen; giving up after $failures failure(s) ----"
    exit 1
}
# wait_for TARGET TEXT [SECONDS]: polls the pane until TEXT is on it.
wait_for() {
    local deadline=$((SECONDS + ${3:-$tui_wait}))
    while ((SECONDS < deadline)); do
        screen "$1" | grep -qF -- "$2" && return 0
        sleep 0.05
    done
    give_up "$1" "timed out waiting for '$2'"
}
# wait_change TARGET BEFORE: polls until the pane differs from BEFORE.
wait_change() {
    local deadline=$((SECONDS + tui_wait))
    while ((SECONDS < deadline)); do
        [ "$(screen "$1")" != "$2" ] && return 0
        sleep 0.05
    done
    give_up "$1" "the screen did not change"
}
# wait_gone TARGET TEXT: polls until TEXT is no longer on the pane, for keys
# whose first visible effect (typed text) comes before the one that matters.
wait_gone() {
    local deadline=$((SECONDS + tui_wait))
    while ((SECONDS < deadline)); do
        screen "$1" | grep -qF -- "$2" || return 0
        sleep 0.05
    done
    give_up "$1" "timed out waiting for '$2' to go"
}
# wait_more TARGET COUNT: polls until the status bar counts more than COUNT
# answers, so that a typed answer is known to be saved, not only echoed.
wait_more() {
    local deadline=$((SECONDS + tui_wait)) n
    while ((SECONDS < deadline)); do
        n=$(answered "$1")
        [ -n "$n" ] && ((n > $2)) && return 0
        sleep 0.05
    done
    give_up "$1" "timed out waiting for more than $2 answers"
}
# keys TARGET KEY...: sends keys and waits until the screen shows their effect.
keys() {
    local t=$1 before
    shift
    before=$(screen "$t")
    tmx send-keys -t "$t" "$@"
    wait_change "$t" "$before"
}
# start NAME COLS ROWS CONFIG ARGS...: runs selfcheck in a new tmux session;
# when it ends the pane shows its exit code at the start of a line of its own
# (\r too: a program killed with -9 leaves the terminal raw, without onlcr),
# then the terminal modes.
start() {
    local name=$1 cols=$2 rows=$3 config=$4
    shift 4
    tmx new-session -d -s "$name" -x "$cols" -y "$rows" \
        "$bin --config $config $*; rc=\$?; printf '\\r\\nEXIT=%s\\r\\n' \$rc; stty -a; sleep 3600"
}
# pid_of NAME: the selfcheck process running in session NAME.
pid_of() {
    local shell
    shell=$(tmx display-message -p -t "$1" '#{pane_pid}')
    ps -o pid= --ppid "$shell" | tr -d ' ' | head -1
}
# restored NAME: after selfcheck ended, the terminal is back in canonical mode with echo.
# The shell prints `stty -a` after EXIT=, so a loaded machine may show EXIT=
# before it: wait (up to 20 s) for the mode words, set or cleared, first.
restored() {
    local s i
    for ((i = 0; i < 200; i++)); do
        s=$(screen "$1")
        grep -qE 'icanon' <<<"$s" && grep -qE '(^|[ ;-])echo([ ;]|$)' <<<"$s" && break
        sleep 0.1
    done
    grep -qE '(^|[ ;])icanon([ ;]|$)' <<<"$s" && grep -qE '(^|[ ;])echo([ ;]|$)' <<<"$s"
}
# config DIR [EXTRA]: writes DIR/selfcheck.ini for unit 4401-hb over the repository's checklists.
config() {
    mkdir -p "$1"
    cat >"$1/selfcheck.ini" <<EOF2
[unit]
code = 4401-hb
name = 示例局
assessor = 张三
[paths]
checklists = $repo/checklists
data = $1/data
output = $1/out
[signing]
key = $1/data/unit.key
${2:-}
EOF2
}
# step TARGET LANG YESNO: does what the screen asks, once: an owner or due
# date when prompted, else answers the item: YESNO (y or n) to a yes/no item,
# the second choice, the smallest number, a date, a text. Returns 2 when the
# summary is showing, 1 when the screen asks for nothing it knows.
step() {
    local t=$1 lang=$2 yes=$3 s min before
    local summary="汇总 ·" owner="请填写整改责任人" due="请确认整改期限" yn="y 是   n 否"
    local choice="按数字键选择" number="输入数字（" date="输入日期 YYYY" text="按 Enter 输入文字"
    if [ "$lang" = en ]; then
        summary="Summary ·" owner="Who will fix this?" due="Confirm the due date" yn="y Yes   n No"
        choice="Press a digit" number="Type a number (" date="Type a date YYYY" text="Press Enter to type the text"
    fi
    s=$(screen "$t")
    if grep -qF -- "$summary" <<<"$s"; then
        return 2
    elif grep -qF -- "$owner" <<<"$s"; then
        keys "$t" 王五 Enter
        wait_gone "$t" "$owner"
    elif grep -qF -- "$due" <<<"$s"; then
        keys "$t" Enter
        wait_gone "$t" "$due"
    elif grep -qF -- "$yn" <<<"$s"; then
        keys "$t" "$yes"
    elif grep -qF -- "$choice" <<<"$s"; then
        keys "$t" 2
    elif grep -qF -- "$number" <<<"$s"; then
        min=$(grep -oE '[(（][0-9.]+ (到|to) ' <<<"$s" | head -1 | grep -oE '[0-9.]+')
        before=$(answered "$t")
        keys "$t" "${min:-0}"
        keys "$t" Enter
        wait_more "$t" "${before:-0}"
    elif grep -qF -- "$date" <<<"$s"; then
        before=$(answered "$t")
        keys "$t" 2026-11-01
        keys "$t" Enter
        wait_more "$t" "${before:-0}"
    elif grep -qF -- "$text" <<<"$s"; then
        before=$(answered "$t")
        keys "$t" Enter
        keys "$t" 已核对 Enter
        wait_more "$t" "${before:-0}"
    else
        return 1
    fi
    return 0
}
# complete TARGET LANG: answers every item until the summary appears: yes to
# most yes/no items, no to every fourth (an owner is typed, the due date taken).
complete() {
    local t=$1 lang=$2 n=0 yesno=0 rc
    while ((n < 300)); do
        n=$((n + 1))
        yesno=$((yesno + 1))
        if ((yesno % 4 == 0)); then step "$t" "$lang" n; else step "$t" "$lang" y; fi
        rc=$?
        ((rc == 2)) && return 0
        ((rc == 1)) && give_up "$t" "complete: no known prompt on the screen"
    done
    give_up "$t" "complete: the summary never came"
}
# answered TARGET: the number of answered items on the status bar.
answered() {
    screen "$1" | tail -1 | grep -oE '[0-9]+/[0-9]+ ·' | tail -1 | cut -d/ -f1
}
# answer_until TARGET LANG COUNT: answers items (yes to yes/no items) until
# COUNT are answered and no owner or due date is being asked for.
answer_until() {
    local n=0
    while ((n < 100)); do
        n=$((n + 1))
        if [ "$(answered "$1")" -ge "$3" ] 2>/dev/null &&
            ! screen "$1" | grep -qE '请填写整改责任人|请确认整改期限|Who will fix|Confirm the due'; then
            return 0
        fi
        step "$1" "$2" y || give_up "$1" "answer_until: nothing to answer"
    done
    give_up "$1" "answer_until: never reached $3 answers"
}

