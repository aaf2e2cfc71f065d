#!/usr/bin/env bash
# cli_report_kill.sh: report, report --replace and keygen killed with kill -9
# at sampled points (strace makes the Nth file-system call of the run deliver
# SIGKILL). After each kill no report stands without its matching signature
# and no two reports of one period verify; after the next run the set is
# whole (or, for keygen, the pair is), nothing else is left in the folder, and
# every report verifies (docs/report-format.md, "Interrupted runs").
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
KILLS=${SELFCHECK_KILLS:-55}
CALLS=openat,write,pwrite64,fsync,fdatasync,link,rename,unlink,close
mkdir -p "$work/keys" "$work/out"
example_config "output = $work/out
[signing]
key = $work/keys/unit.key
algo = ed25519"
db=$work/data/selfcheck.db
sc() { "$bin" --config "$work/selfcheck.ini" --db "$db" "$@"; }
sc keygen >/dev/null || fail "keygen"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
sc template --profile halfyear --out "$work/sheet.csv" >/dev/null 2>&1 || fail "template"
fill_worked_example "$work/sheet.csv"
sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null || fail "answer"
stem=4401-hb_halfyear_2026-H2

# calls N ARGS...: how many traced calls a whole run of selfcheck ARGS makes
calls() {
    strace -f -o "$work/trace" -e trace=$CALLS "$bin" --config "$work/selfcheck.ini" --db "$db" "$@" >/dev/null 2>&1
    grep -c -E "^[0-9]+ +($(tr , '|' <<<"$CALLS"))\(" "$work/trace"
}
# killed N ARGS...: selfcheck ARGS, killed at its Nth traced call
killed() {
    local n=$1
    shift
    (strace -f -o /dev/null -e trace=$CALLS -e inject=$CALLS:signal=KILL:when=$n \
        "$bin" --config "$work/selfcheck.ini" --db "$db" "$@" >/dev/null 2>&1) 2>/dev/null
}
# points TOTAL: KILLS kill points spread over 1..TOTAL (every one when fewer)
points() {
    local total=$1 i
    if [ "$total" -le "$KILLS" ]; then seq 1 "$total"; return; fi
    for ((i = 0; i < KILLS; i++)); do echo $((1 + i * (total - 1) / (KILLS - 1))); done | uniq
}
# signed_or_absent WHAT: every report in the folder has its signature and
# verifies; at most one verifying report per format
signed_or_absent() {
    local f
    for f in "$work/out/$stem.csv" "$work/out/$stem.sqlite"; do
        [ -e "$f" ] || continue
        [ -e "$f.sig" ] || { fail "$1: $(basename "$f") stands without its signature"; continue; }
        sc verify "$f" --pubkey "$work/keys/unit.pub" >/dev/null 2>&1 || fail "$1: $(basename "$f") does not verify"
    done
    for f in "$work/out"/*.replaced; do
        [ -e "$f" ] || continue
        [ -e "$f.sig" ] && fail "$1: a set-aside report verifies beside the new one: $(basename "$f")"
    done
}
# whole WHAT: exactly the four files of the set and the unit's public key,
# each report verifying
whole() {
    local names
    # the key beside the set is not part of it: a run killed after the set
    # but before the key leaves it to a later run that writes a report
    names=$(cd "$work/out" && ls -A | grep -vx 4401-hb.pub | tr '\n' ' ')
    [ "$names" = "$stem.csv $stem.csv.sig $stem.sqlite $stem.sqlite.sig " ] ||
        fail "$1: the folder holds: $names"
    signed_or_absent "$1"
}

# ---- report into an empty folder ----
total=$(calls report --profile halfyear)
rm -f "$work/out"/*
[ "$total" -gt 20 ] || fail "report made only $total traced calls"
n_kills=0
for n in $(points "$total"); do
    rm -f "$work/out"/* "$work/out"/.[!.]* 2>/dev/null
    killed "$n" report --profile halfyear 2>/dev/null
    n_kills=$((n_kills + 1))
    signed_or_absent "report killed at call $n/$total"
    sc report --profile halfyear >/dev/null 2>&1
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 8 ] || fail "report after a kill at call $n: exit $rc"
    whole "report killed at call $n/$total, then run again"
done
echo "report: $n_kills kills over $total calls"

# ---- report --replace over a complete set ----
rm -f "$work/out"/*
sc report --profile halfyear >/dev/null || fail "first report"
total=$(calls report --profile halfyear --replace)
n_kills=0
for n in $(points "$total"); do
    killed "$n" report --profile halfyear --replace 2>/dev/null
    n_kills=$((n_kills + 1))
    signed_or_absent "report --replace killed at call $n/$total"
    sc report --profile halfyear --replace >/dev/null 2>&1 || fail "report --replace after a kill at call $n: exit $?"
    whole "report --replace killed at call $n/$total, then run again"
done
echo "report --replace: $n_kills kills over $total calls"

# ---- keygen ----
total=$(calls keygen --out "$work/kg/unit")
rm -rf "$work/kg"
n_kills=0
for n in $(points "$total"); do
    rm -rf "$work/kg"
    mkdir "$work/kg"
    killed "$n" keygen --out "$work/kg/unit" 2>/dev/null
    n_kills=$((n_kills + 1))
    if [ -e "$work/kg/unit.pub" ] && [ -e "$work/kg/unit.key" ] && ! [ -e "$work/kg/unit.keygen-incomplete" ]; then
        [ "$(openssl pkey -in "$work/kg/unit.key" -pubout 2>/dev/null)" = "$(cat "$work/kg/unit.pub")" ] ||
            fail "keygen killed at call $n: the pair does not match"
    fi
    sc keygen --out "$work/kg/unit" >/dev/null 2>&1
    rc=$?
    [ $rc -eq 0 ] || [ $rc -eq 8 ] || fail "keygen after a kill at call $n: exit $rc"
    names=$(cd "$work/kg" && ls -A | tr '\n' ' ')
    [ "$names" = "unit.key unit.pub " ] || fail "keygen killed at call $n/$total, then run again: $names"
    [ "$(openssl pkey -in "$work/kg/unit.key" -pubout 2>/dev/null)" = "$(cat "$work/kg/unit.pub")" ] ||
        fail "keygen killed at call $n, then run again: the pair does not match"
done
echo "keygen: $n_kills kills over $total calls"
finish cli_report_kill
