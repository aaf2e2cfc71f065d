#!/usr/bin/env bash
# cli_docs.sh: the examples in docs/ are what the program takes: the complete
# checklist of docs/checklist-format.md lints clean (and is the example.ini the
# unit tests check value by value), and the selfcheck.ini of
# docs/configuration.md loads, with its paths pointed at a temporary folder.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
# ini_block DOC: the first ```ini block of DOC.
ini_block() { sed -n '/^```ini$/,/^```$/p' "$1" | sed '1d;$d' | sed '/^```/,$d'; }

mkdir -p "$work/lists"
ini_block "$repo/docs/checklist-format.md" >"$work/lists/example.ini"
[ -s "$work/lists/example.ini" ] || fail "no ini example in docs/checklist-format.md"
out=$("$bin" lint "$work/lists/example.ini" 2>&1) || fail "the example of docs/checklist-format.md does not lint: $out"
cmp -s "$work/lists/example.ini" "$repo/tests/fixtures/example.ini" ||
    fail "docs/checklist-format.md and tests/fixtures/example.ini differ"

ini_block "$repo/docs/configuration.md" |
    sed -e "s|/usr/share/selfcheck/checklists|$work/lists|" -e "s|/var/lib/selfcheck|$work/data|" \
        -e "s|/media/usb|$work/out|" >"$work/selfcheck.ini"
grep -q '^\[schedule\]' "$work/selfcheck.ini" || fail "no complete ini example in docs/configuration.md"
out=$("$bin" --config "$work/selfcheck.ini" status 2>&1) ||
    fail "the selfcheck.ini of docs/configuration.md does not load: $out"
grep -qF "4401-hb" <<<"$out" || fail "status does not show the example's unit: $out"

finish cli_docs
