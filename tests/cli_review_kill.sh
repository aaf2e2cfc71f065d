#!/usr/bin/env bash
# cli_review_kill.sh: kill -9 during review import, at least 50 times: at
# sampled moments of a running import and at sampled fsync calls (strace
# fault injection); after every kill the database passes integrity_check
# and holds only whole reports (each with all its items and its file), and
# a last run imports the rest, the same as an import that never crashed.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

units=6
per_unit=10
for u in $(seq 1 $units); do
    key "k$u" ed25519
    rv units add "u$u" "单位$u" --key "$work/keys/k$u.pub" --from 2026-01-01 >/dev/null || fail "units add u$u"
    for m in $(seq 1 $per_unit); do
        p=$(printf '2026-%02d' "$m")
        report "$work/stick/u$u/$p.csv" "u$u" "k$u" ed25519 monthly "$p" "$p-26T10:00:00" "r-u$u-$p" "$m"
    done
done
total=$((units * per_unit))
cp "$db" "$work/registry.db"

# consistent: a whole report or none, and no stray rows
check() {
    local ic
    ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)
    [ "$ic" = ok ] || { fail "$1: integrity_check says $ic"; return; }
    local bad
    bad=$(sqlite3 "$db" "SELECT count(*) FROM reports r WHERE item_count <> (SELECT count(*) FROM items i
        WHERE i.report = r.id) OR NOT EXISTS (SELECT 1 FROM report_files f WHERE f.report = r.id)")
    [ "$bad" = 0 ] || fail "$1: $bad reports without all their items or their file"
    local orphans
    orphans=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM items WHERE report NOT IN (SELECT id FROM reports))
        + (SELECT count(*) FROM report_files WHERE report NOT IN (SELECT id FROM reports))")
    [ "$orphans" = 0 ] || fail "$1: $orphans rows of no report"
}

kills=0
# at moments of a running import (40 that hit it): small batches so that some
# commit first. The moment adapts to the machine: a run that finished before
# its kill makes the next wait shorter, so a fast machine is hit as often as a
# slow one.
delay=120
for i in $(seq 1 300); do
    [ "$kills" -ge 40 ] && break
    # once everything is in, start again, so that every run has work to be killed in
    if [ "$(sqlite3 "$db" 'select count(*) from reports')" = $total ]; then
        cp "$work/registry.db" "$db"
        rm -f "$db-wal" "$db-shm"
    fi
    "$bin" --config "$work/en.ini" review import "$work/stick" --db "$db" --batch 3 --workers 2 >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '0.%03d' $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ $? -eq 137 ]; then
        kills=$((kills + 1))
        delay=$((delay + (i * 7) % 23))
    else
        delay=$((delay * 2 / 3 + 1))
    fi
    check "after kill $i"
done
echo "timed kills: $kills"
# at the Nth fsync of a run (each commit syncs the WAL), from a fresh start
if strace -f -o /dev/null -e trace=fsync true 2>/dev/null; then
    for n in 1 2 3 4 5 6 7 8 9 10 11 12 14 16; do
        cp "$work/registry.db" "$db"
        rm -f "$db-wal" "$db-shm"
        # in a subshell, so that the shell's "Killed" goes nowhere
        (strace -f -o /dev/null -e trace=fsync,fdatasync -e inject=fsync,fdatasync:signal=KILL:when=$n \
            "$bin" --config "$work/en.ini" review import "$work/stick" --db "$db" --batch 4 >/dev/null 2>&1) 2>/dev/null
        [ $? -eq 137 ] && kills=$((kills + 1))
        check "after the kill at fsync $n"
    done
    # the last database of the loop is continued below
else
    echo "strace cannot inject here: only the timed kills"
fi
[ "$kills" -ge 50 ] || fail "only $kills kills"
code "a run after the kills finishes" 0 rv import "$work/stick"
check "after the last run"
[ "$(sqlite3 "$db" 'select count(*) from reports')" = $total ] || fail "not all $total reports imported"
[ "$(sqlite3 "$db" 'select count(*) from items')" = $((total * 10)) ] || fail "not all items imported"
code "and another changes nothing" 0 rv import "$work/stick"
expect "all imported before" "$total imported before" "$out"
rv export --out "$work/after.csv" >/dev/null || fail "export after the kills"
cp "$work/registry.db" "$work/clean.db"
db=$work/clean.db rv import "$work/stick" >/dev/null 2>&1 || fail "a clean import"
db=$work/clean.db rv export --out "$work/clean.csv" >/dev/null || fail "clean export"
cmp -s "$work/after.csv" "$work/clean.csv" || fail "the export after the kills differs from a clean import's"
echo "kills: $kills"
finish cli_review_kill
