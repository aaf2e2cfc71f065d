#!/usr/bin/env bash
# cli_locale.sh: numbers are read and written in the C locale whatever the
# environment says. A locale with a decimal comma (de_DE, made with localedef
# into a private LOCPATH, so no root and no installed locale is needed) must
# not change what lint, answer, score and the settings read or print.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

locales=$work/locales
mkdir -p "$locales"
localedef -i de_DE -f UTF-8 "$locales/de_DE.UTF-8" >"$work/localedef.log" 2>&1 ||
    { fail "localedef could not make de_DE.UTF-8:"; cat "$work/localedef.log"; finish cli_locale; }
de() { LOCPATH=$locales LC_ALL=de_DE.UTF-8 "$@"; }
# the test means something only when the locale really writes a comma
comma=$(de /usr/bin/printf '%.1f' 1.5 2>&1)
[ "$comma" = "1,5" ] || fail "de_DE.UTF-8 does not write a decimal comma: $comma"

out=$(de "$bin" lint "$repo/checklists/" 2>&1) || fail "lint of the bundled checklists: exit $?"
expect "lint clean" "没有发现问题" "$out"
out=$(de "$bin" lint "$repo/tests/fixtures/example.ini" 2>&1) || fail "lint of the example: exit $?"

# settings with fractions: the pass mark and a grade's lower bound
example_config "[grades]
pass_mark = 62.5
excellent = 90.5, 优秀, Excellent
good = 75, 良好, Good
fair = 62.5, 合格, Fair
poor = 0, 不合格, Poor"
de "$bin" --config "$work/selfcheck.ini" systems add oa 办公自动化系统 >/dev/null || fail "systems add"
de "$bin" --config "$work/selfcheck.ini" systems add web 门户网站 >/dev/null || fail "systems add web"
export SELFCHECK_NOW=2026-11-03T10:00:00
sheet=$work/sheet.csv
de "$bin" --config "$work/selfcheck.ini" template --profile halfyear --period 2026-H2 --out "$sheet" >/dev/null 2>&1 ||
    fail "template"
expect "allowed range in C notation" '"0..3650 (0..3650 天)"' "$(cat "$sheet")"
fill_worked_example "$sheet"
# a fraction answered with a point is a number; with a comma it is not
sed -i 's|"12","","李四"|"12.5","","李四"|' "$sheet"
expect "the sheet holds 12.5" '"12.5","","李四"' "$(cat "$sheet")"
out=$(de "$bin" --config "$work/selfcheck.ini" answer --profile halfyear --period 2026-H2 --from "$sheet" 2>&1) ||
    fail "answer with 12.5: exit $?: $out"
out=$(de "$bin" --config "$work/selfcheck.ini" score --profile halfyear --period 2026-H2 2>&1) ||
    fail "score: exit $?: $out"
expect "score has a decimal point" "%" "$out"
refuse "no decimal comma in the score" ",0%" "$out"
if grep -qE '[0-9],[0-9]+%' <<<"$out"; then fail "score written with a decimal comma: $out"; fi

sed -i 's|"12.5","","李四"|"12,5","","李四"|' "$sheet"
if out=$(de "$bin" --config "$work/selfcheck.ini" answer --profile halfyear --period 2026-H2 --from "$sheet" 2>&1); then
    fail "12,5 accepted as a number under de_DE: $out"
fi
expect "12,5 is not a number" "12,5" "$out"

finish cli_locale
