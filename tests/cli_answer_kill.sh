#!/usr/bin/env bash
# cli_answer_kill.sh: `answer --from` killed with kill -9 at sampled points
# (strace makes the Nth file-system call of the run deliver SIGKILL). After
# each kill the store passes integrity_check and holds either the whole sheet
# (its answers, notes, owners and the default due dates of its findings) or
# exactly what it held before; the next run then completes and leaves the
# whole sheet (docs/security.md, "An interrupted run").
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00
if ! command -v strace >/dev/null 2>&1 || ! strace -f -o /dev/null -e trace=none true 2>/dev/null; then
    echo "strace cannot trace here: the kill points need it"
    exit 1
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed to inspect the store"; exit 1; }
# LeakSanitizer cannot work under ptrace: in the sanitizer build the traced
# runs check memory errors only (the untraced runs still check leaks)
nolsan=ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
KILLS=${SELFCHECK_KILLS:-60}
CALLS=openat,read,write,pwrite64,pread64,fsync,fdatasync,fcntl,unlink,close

example_config
db=$work/data/selfcheck.db
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
# what the store holds before: one answer, which the sheet changes
sc template --profile halfyear --out "$work/first.csv" >/dev/null 2>&1 || fail "template"
fill "$work/first.csv" backup-daily oa '"no","旧的说明","赵六",""'
sc answer --profile halfyear --from "$work/first.csv" >/dev/null || fail "first answer"
sc template --profile halfyear --out "$work/sheet.csv" >/dev/null 2>&1 || fail "template"
fill_worked_example "$work/sheet.csv"
cp -r "$work/data" "$work/data0"

# the answers as a text, and the integrity check's verdict
contents() {
    sqlite3 "$db" "SELECT checklist_id, item_id, system_id, value, note, remediation_owner, remediation_due
                   FROM answers ORDER BY 1, 2, 3; PRAGMA integrity_check"
}
before=$(contents)
sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null || fail "answer without a kill"
after=$(contents)
[ "$before" != "$after" ] || fail "the sheet changed nothing"
case $after in *"|2026-12-21"*) ;; *) fail "the findings got no default due date: $after" ;; esac

# killed N: the answer run, killed at its Nth traced call
killed() {
    (env "$nolsan" strace -f -o /dev/null -e trace=$CALLS -e inject=$CALLS:signal=KILL:when="$1" \
        "$bin" --config "$work/selfcheck.ini" answer --profile halfyear --from "$work/sheet.csv" \
        >/dev/null 2>&1) 2>/dev/null
}
restore() {
    rm -rf "$work/data"
    cp -r "$work/data0" "$work/data"
}
restore
env "$nolsan" strace -f -o "$work/trace" -e trace=$CALLS "$bin" --config "$work/selfcheck.ini" \
    answer --profile halfyear --from "$work/sheet.csv" >/dev/null 2>&1
total=$(grep -c -E "^[0-9]+ +($(tr , '|' <<<"$CALLS"))\(" "$work/trace")
[ "$total" -gt 50 ] || fail "answer made only $total traced calls"
# KILLS points spread over 1..total (every one when fewer)
points() {
    local i
    if [ "$total" -le "$KILLS" ]; then seq 1 "$total"; return; fi
    for ((i = 0; i < KILLS; i++)); do echo $((1 + i * (total - 1) / (KILLS - 1))); done | uniq
}

n_kills=0 old=0 new=0
for n in $(points); do
    restore
    killed "$n" 2>/dev/null
    n_kills=$((n_kills + 1))
    now=$(contents)
    if [ "$now" = "$before" ]; then
        old=$((old + 1))
    elif [ "$now" = "$after" ]; then
        new=$((new + 1))
    else
        fail "killed at call $n/$total: the store holds neither the old answers nor the whole sheet:"
        diff <(echo "$before") <(echo "$now") | head -20
    fi
    sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null 2>&1 ||
        fail "answer after a kill at call $n: exit $?"
    [ "$(contents)" = "$after" ] || fail "killed at call $n/$total, then run again: not the whole sheet"
done
[ "$n_kills" -ge 50 ] || fail "only $n_kills kill points"
[ "$old" -gt 0 ] || fail "no kill left the store as it was"
echo "answer --from: $n_kills kills over $total calls ($old left it as before, $new found it recorded)"
finish cli_answer_kill
