#!/usr/bin/env bash
# tui_failfast.sh: a wait that fails in a terminal test ends that script at
# once, with what the screen showed, so that one regression costs seconds
# instead of a run into ctest's time-out. Runs a small script on
# tests/lib/tui.sh whose second wait cannot succeed, and checks that nothing
# after it runs, that it exits 1 well within the wait's own time, and that
# the screen is printed.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

cat >"$work/probe.sh" <<'EOF2'
set -u
bin=$1
repo=$2
. "$repo/tests/lib/tui.sh"
config "$work/t"
start probe 80 24 "$work/t/selfcheck.ini"
wait_for probe "到期的检查"
wait_for probe "TEXT THAT NEVER APPEARS" 1
echo "STEP AFTER THE FAILED WAIT"
keys probe q
finish probe
EOF2

begin=$SECONDS
out=$(bash "$work/probe.sh" "$bin" "$repo" 2>&1)
rc=$?
took=$((SECONDS - begin))
[ "$rc" = 1 ] || fail "the probe exited $rc, not 1"
((took < 8)) || fail "the probe took ${took}s to give up"
expect "the failure is named" "FAIL: timed out waiting for 'TEXT THAT NEVER APPEARS'" "$out"
expect "the screen is shown" "到期的检查" "$out"
expect "the count is shown" "giving up after 1 failure(s)" "$out"
refuse "nothing runs after the failed wait" "STEP AFTER THE FAILED WAIT" "$out"
# keys whose effect never shows (the start screen ignores z) end it the same way
cat >"$work/probe2.sh" <<'EOF2'
set -u
bin=$1
repo=$2
. "$repo/tests/lib/tui.sh"
config "$work/t"
start probe 80 24 "$work/t/selfcheck.ini"
wait_for probe "到期的检查"
keys probe z
echo "STEP AFTER THE FAILED KEYS"
EOF2
out=$(TUI_WAIT=2 bash "$work/probe2.sh" "$bin" "$repo" 2>&1)
rc=$?
[ "$rc" = 1 ] || fail "the second probe exited $rc, not 1"
expect "a screen that does not change is named" "FAIL: the screen did not change" "$out"
expect "its screen is shown" "到期的检查" "$out"
refuse "nothing runs after the failed keys" "STEP AFTER THE FAILED KEYS" "$out"
finish tui_failfast
