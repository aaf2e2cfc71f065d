#!/usr/bin/env bash
# cli_po.sh: the translations are complete. Every msgid of the sources has a
# Chinese translation in po/zh_CN.po, none is fuzzy, every translation takes
# its msgid's conversions (msgfmt --check-format) and {N} placeholders, po/selfcheck.pot is what
# xgettext makes of the sources today, and the built binary speaks Chinese
# under LANGUAGE=zh_CN with only C.UTF-8 installed.
set -u
bin=$1
repo=$2
. "$repo/tests/lib/common.sh"
pot="$work/selfcheck.pot"
sh "$repo/scripts/update-po.sh" "$pot" || fail "xgettext failed"
if ! msgcmp "$repo/po/zh_CN.po" "$pot" >"$work/msgcmp.out" 2>&1; then
    fail "msgids without a Chinese translation (run sh scripts/update-po.sh, then translate):"
    grep -v 'msgcmp: found' "$work/msgcmp.out" | head -40
fi
stats=$(msgfmt --check-format --statistics -o /dev/null "$repo/po/zh_CN.po" 2>&1) || fail "msgfmt --check-format: $stats"
case "$stats" in *fuzzy*|*untranslated*) fail "po/zh_CN.po: $stats" ;; esac
awk -f "$repo/tests/lib/po_placeholders.awk" "$repo/po/zh_CN.po" >"$work/ph.out"
[ -s "$work/ph.out" ] && { fail "translations whose {N} placeholders differ from their msgid's:"; head -20 "$work/ph.out"; }
if ! diff -I '^"POT-Creation-Date' "$repo/po/selfcheck.pot" "$pot" >"$work/pot.diff" 2>&1; then
    fail "po/selfcheck.pot is out of date: run sh scripts/update-po.sh"
    head -20 "$work/pot.diff"
fi
finish cli_po
