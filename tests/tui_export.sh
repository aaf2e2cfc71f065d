#!/usr/bin/env bash
# tui_export.sh: the first run asks for the unit and generates its signing
# key; the monthly check is completed from the keyboard; Sign & export writes
# the report and shows the files, the key id and the openssl command, and
# that command verifies every file (SM2), while a changed file fails. Then an
# incomplete Ed25519 export: confirmed, key generated on the spot, verified.
set -u
bin=$1
repo=$2
work=$(mktemp -d)
sock=selfcheck-tui-$$
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { tmx kill-server >/dev/null 2>&1; rm -rf "$work"; }
trap cleanup EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share
export SELFCHECK_NOW=2026-11-21T10:00:00 LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color
unset NO_COLOR TMUX
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

screen() { tmx capture-pane -p -t "$1" 2>/dev/null; }
# wait_for TARGET TEXT [SECONDS]: polls the pane until TEXT is on it.
wait_for() {
    local deadline=$((SECONDS + ${3:-15}))
    while ((SECONDS < deadline)); do
        screen "$1" | grep -qF -- "$2" && return 0
        sleep 0.05
    done
    fail "timed out waiting for '$2'"
    screen "$1"
    return 1
}
# wait_change TARGET BEFORE: polls until the pane differs from BEFORE.
wait_change() {
    local deadline=$((SECONDS + 15))
    while ((SECONDS < deadline)); do
        [ "$(screen "$1")" != "$2" ] && return 0
        sleep 0.05
    done
    fail "the screen did not change"
    return 1
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
# when it ends the pane shows its exit code and the terminal modes.
start() {
    local name=$1 cols=$2 rows=$3 config=$4
    shift 4
    tmx new-session -d -s "$name" -x "$cols" -y "$rows" \
        "$bin --config $config $*; echo EXIT=\$?; stty -a; sleep 3600"
}
# pid_of NAME: the selfcheck process running in session NAME.
pid_of() {
    local shell
    shell=$(tmx display-message -p -t "$1" '#{pane_pid}')
    ps -o pid= --ppid "$shell" | tr -d ' ' | head -1
}
# restored NAME: after selfcheck ended, the terminal is back in canonical mode with echo.
restored() {
    local s
    s=$(screen "$1")
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
    local t=$1 lang=$2 yes=$3 s min
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
    elif grep -qF -- "$due" <<<"$s"; then
        keys "$t" Enter
    elif grep -qF -- "$yn" <<<"$s"; then
        keys "$t" "$yes"
    elif grep -qF -- "$choice" <<<"$s"; then
        keys "$t" 2
    elif grep -qF -- "$number" <<<"$s"; then
        min=$(grep -oE '[(（][0-9.]+ (到|to) ' <<<"$s" | head -1 | grep -oE '[0-9.]+')
        keys "$t" "${min:-0}"
        keys "$t" Enter
    elif grep -qF -- "$date" <<<"$s"; then
        keys "$t" 2026-11-01
        keys "$t" Enter
    elif grep -qF -- "$text" <<<"$s"; then
        keys "$t" Enter
        keys "$t" 已核对 Enter
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
        if ((rc == 1)); then
            fail "complete: no known prompt on the screen"
            screen "$t"
            return 1
        fi
    done
    fail "complete: the summary never came"
    return 1
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
        step "$1" "$2" y || { fail "answer_until: nothing to answer"; return 1; }
    done
    fail "answer_until: never reached $3 answers"
    return 1
}

# ---- first run: the screen asks for the unit, makes the key, saves the config ----
mkdir -p "$work/u"
cfg=$work/u/selfcheck.ini
cat >"$cfg" <<EOF2
[paths]
checklists = $repo/checklists
data = $work/u/data
output = $work/u/out
[signing]
key = $work/u/data/unit.key
EOF2
start s 80 24 "$cfg"
wait_for s "首次使用"
wait_for s "[x] 生成本单位的签名密钥（"
keys s "bad code!" Tab Tab Tab Tab
keys s Enter
wait_for s "单位代码只能由字母"
keys s C-u 4401-hb Tab
keys s 示例局 Tab
keys s 张三 Tab Tab
keys s Enter
wait_for s "到期的检查"
grep -q '4401-hb' "$cfg" || fail "unit code not saved in $cfg"
grep -q '示例局' "$cfg" || fail "unit name not saved in $cfg"
grep -q '张三' "$cfg" || fail "assessor not saved in $cfg"
[ -f "$work/u/data/unit.key" ] && [ -f "$work/u/data/unit.pub" ] || fail "no key pair generated"
[ "$(stat -c %a "$work/u/data/unit.key" 2>/dev/null)" = 600 ] || fail "private key is not mode 600"

# ---- complete the monthly check, then sign and export ----
keys s Enter
wait_for s "每月例行检查 2026-11"
complete s zh
keys s e
wait_for s "报告写入的文件夹"
keys s Enter
wait_for s "报告已签名并导出"
s=$(screen s)
grep -qF "openssl pkeyutl -verify -pubin -inkey unit.pub -rawin -in" <<<"$s" || fail "no openssl command shown"
grep -qF -- "-digest sm3 -pkeyopt distid:1234567812345678" <<<"$s" || fail "SM2 command lacks -digest sm3/distid"
grep -qF "$(cd "$work/u/data" && openssl pkey -pubin -in unit.pub -outform DER | sha256sum | cut -c1-40)" <<<"$s" ||
    fail "the key id shown is not the public key's SHA-256"
n=0
for f in "$work"/u/out/*.csv "$work"/u/out/*.sqlite; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    grep -qF "$(basename "$f")" <<<"$s" || fail "$(basename "$f") not listed on the screen"
    out=$(cd "$work/u/out" && openssl pkeyutl -verify -pubin -inkey "$work/u/data/unit.pub" -rawin \
        -in "$(basename "$f")" -sigfile "$(basename "$f").sig" -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
    grep -q "Signature Verified Successfully" <<<"$out" || fail "openssl does not verify $f: $out"
done
[ "$n" -ge 1 ] || fail "no report file written"
cp "$(ls "$work"/u/out/*.csv | head -1)" "$work/tampered.csv"
sed -i 's/张三/李四/' "$work/tampered.csv"
out=$(openssl pkeyutl -verify -pubin -inkey "$work/u/data/unit.pub" -rawin -in "$work/tampered.csv" \
    -sigfile "$(ls "$work"/u/out/*.csv | head -1).sig" -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
grep -q "Signature Verified Successfully" <<<"$out" && fail "a changed report still verifies"

# exporting again into the same folder says plainly what to do
keys s Enter
wait_for s "汇总 ·"
keys s e
keys s Enter
wait_for s "已有同名的报告"
keys s Escape
wait_for s "汇总 ·"
keys s q
wait_for s "EXIT=0"

# ---- Ed25519, incomplete, no key yet: confirm, generate, verify ----
config "$work/e" "algo = ed25519"
cfg=$work/e/selfcheck.ini
start e 80 24 "$cfg" run --profile monthly
wait_for e "0/"
answer_until e zh 3
keys e s
wait_for e "还有"
keys e e
wait_for e "报告写入的文件夹"
keys e Enter
wait_for e "再按一次 Enter 仍然导出"
keys e Enter
wait_for e "找不到签名密钥"
keys e g
wait_for e "报告已签名并导出"
s=$(screen e)
grep -qF -- "-digest" <<<"$s" && fail "Ed25519 command shows -digest"
grep -qF "openssl pkeyutl -verify -pubin -inkey unit.pub -rawin -in" <<<"$s" || fail "no openssl command (ed25519)"
f=$(ls "$work"/e/out/*.csv | head -1)
out=$(openssl pkeyutl -verify -pubin -inkey "$work/e/data/unit.pub" -rawin -in "$f" -sigfile "$f.sig" 2>&1)
grep -q "Signature Verified Successfully" <<<"$out" || fail "openssl does not verify the Ed25519 report: $out"
keys e q
wait_for e "EXIT=0"

if ((failures > 0)); then
    echo "$failures failure(s)"
    exit 1
fi
echo "tui_export: ok"
