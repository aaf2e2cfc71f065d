#!/usr/bin/env bash
# cli_fifo.sh: a FIFO given where a file belongs (the settings, a checklist,
# an answer sheet, a form sheet) is refused at once with one line naming it,
# never waited on: each run is under `timeout`, so a reader that blocks fails
# the test (exit 124) instead of hanging it.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00 LANGUAGE=zh_CN

example_config
mkfifo "$work/fifo"

# check DESCRIPTION EXIT ARGS...: the run exits EXIT and says the FIFO is not a regular file
check() {
    local what=$1 want=$2
    shift 2
    out=$(timeout 10 "$@" 2>&1 </dev/null); rc=$?
    [ $rc -eq "$want" ] || fail "$what: exit $rc, expected $want: $out"
    expect "$what" "$work/fifo：不是普通文件" "$out"
}
check "settings file" 3 "$bin" --config "$work/fifo" status
check "checklist given to lint" 1 "$bin" lint "$work/fifo"
check "answer sheet" 3 "$bin" --config "$work/selfcheck.ini" answer --from "$work/fifo"
check "annex form sheet" 5 "$bin" --config "$work/selfcheck.ini" inventory import "$work/fifo"

# a FIFO among the checklists of the configured folder
mkdir "$work/lists"
cp "$repo/tests/fixtures/example.ini" "$work/lists/"
mkfifo "$work/lists/zz.ini"
example_config
sed -i "s|^checklists = .*|checklists = $work/lists|" "$work/selfcheck.ini"
out=$(timeout 10 "$bin" --config "$work/selfcheck.ini" status 2>&1 </dev/null); rc=$?
[ $rc -eq 3 ] || fail "a FIFO among the checklists: exit $rc, expected 3: $out"
expect "a FIFO among the checklists" "$work/lists/zz.ini：不是普通文件" "$out"

exit $((failures > 0))
