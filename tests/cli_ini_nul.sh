#!/usr/bin/env bash
# cli_ini_nul.sh: a NUL byte in an INI file (the settings or a checklist) is
# reported as a NUL byte at its line and byte, not as the "input line too
# long" iniparser would say, in the user's language (Chinese here, English
# under LANGUAGE=en).
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

printf '[unit]\ncode = u1\000x\n' >"$work/nul.ini"
out=$("$bin" --config "$work/nul.ini" status 2>&1); rc=$?
[ $rc -eq 3 ] || fail "NUL in the settings: exit $rc, expected 3: $out"
expect "NUL in the settings" "$work/nul.ini:2: 该行第 10 字节为空字节（NUL）：这不是文本文件" "$out"
refuse "NUL in the settings" "too long" "$out"

printf '[checklist]\nid = a\000b\n' >"$work/list.ini"
out=$(LANGUAGE=en "$bin" lint "$work/list.ini" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "NUL in a checklist: exit $rc, expected 1: $out"
expect "NUL in a checklist" "$work/list.ini:2: a NUL byte at byte 7 of the line: this is not a text file" "$out"

exit $((failures > 0))
