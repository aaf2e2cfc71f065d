#!/usr/bin/env bash
# cli_diskfull.sh: a full disk while a sheet is recorded. strace makes the Nth
# pwrite64 of `answer --from` fail with ENOSPC, for every N of a run; after
# each, the store passes integrity_check and holds either the whole sheet with
# the default due dates of its findings (exit 0) or nothing of it (exit 4,
# saying the disk is full in the user's language). status on a full disk says
# so too, rather than "disk I/O error".
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00 LANGUAGE=zh_CN
if ! command -v strace >/dev/null 2>&1 || ! strace -f -o /dev/null -e trace=none true 2>/dev/null; then
    echo "strace cannot trace here: the injected ENOSPC needs it"
    exit 1
fi
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed to inspect the store"; exit 1; }
# LeakSanitizer cannot work under ptrace: in the sanitizer build the traced
# runs check memory errors only (the untraced runs still check leaks)
nolsan=ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0

example_config
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc template --profile halfyear --out "$work/sheet.csv" >/dev/null || fail "template"
fill_worked_example "$work/sheet.csv"
cp -r "$work/data" "$work/data0"
db=$work/data/selfcheck.db
# stored: answers/due dates/integrity
stored() { sqlite3 "$db" "SELECT count(value) || '/' || count(remediation_due) FROM answers; PRAGMA integrity_check" | tr '\n' ' '; }

sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null || fail "answer without a full disk"
whole=$(stored)
case $whole in *" ok "*) ;; *) fail "clean run: $whole" ;; esac
[ "${whole%% *}" != "0/0" ] || fail "the clean run recorded nothing"
rm -rf "$work/data"
cp -r "$work/data0" "$work/data"
writes=$(env "$nolsan" strace -f -c -o /dev/stdout -e trace=pwrite64 "$bin" --config "$work/selfcheck.ini" answer --profile halfyear \
    --from "$work/sheet.csv" 2>/dev/null | awk '$NF == "pwrite64" { print $4 }')

full=0 recorded=0
for n in $(seq 1 $((writes + 2))); do
    rm -rf "$work/data"
    cp -r "$work/data0" "$work/data"
    out=$(env "$nolsan" strace -f -o /dev/null -e trace=pwrite64 -e inject=pwrite64:error=ENOSPC:when=$n \
        "$bin" --config "$work/selfcheck.ini" answer --profile halfyear --from "$work/sheet.csv" 2>&1); rc=$?
    now=$(stored)
    if [ $rc -eq 0 ]; then
        [ "$now" = "$whole" ] || fail "ENOSPC at write $n: exit 0 but the store holds $now, not $whole"
        recorded=$((recorded + 1))
    elif [ $rc -eq 4 ]; then
        [ "$now" = "0/0 ok " ] || fail "ENOSPC at write $n: exit 4 but the store holds $now"
        expect "ENOSPC at write $n" "磁盘已满" "$out"
        full=$((full + 1))
    else
        fail "ENOSPC at write $n: exit $rc: $out"
    fi
done
[ $full -gt 0 ] || fail "no injected ENOSPC made the sheet fail"
echo "ENOSPC at each of $((writes + 2)) writes: $full refused, $recorded recorded"

rm -rf "$work/data"
cp -r "$work/data0" "$work/data"
out=$(env "$nolsan" strace -f -o /dev/null -e trace=pwrite64,write -e inject=pwrite64,write:error=ENOSPC:when=1 \
    "$bin" --config "$work/selfcheck.ini" status 2>&1); rc=$?
[ $rc -eq 4 ] || fail "status on a full disk: exit $rc, expected 4"
expect "status on a full disk" "磁盘已满" "$out"
refuse "status on a full disk" "disk I/O error" "$out"

exit $((failures > 0))
