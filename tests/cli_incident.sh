#!/usr/bin/env bash
# cli_incident.sh: `selfcheck incident classify|lint` through the real binary:
# the machine lines `level:` and `warning:` stay English in both languages,
# the rules and actions follow [ui] lang (golden files: the worked example of
# docs/incidents.md), no rule applying is level none with exit 0, every bad
# fact is exit 2 naming it, a broken rules file is exit 3 with FILE:LINE:,
# and the bundled rules file lints clean.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config
worked="mlps_level=3 attack=small outage=short pi_records=120000 posts=80"

out=$(sc incident classify $worked) || fail "classify: exit $?"
golden incident-worked-example-zh.txt "$out"
[ "$(sed -n 1p <<<"$out")" = "level: II" ] || fail "line 1 is not 'level: II': $out"
[ "$(sed -n 2p <<<"$out")" = "warning: yellow" ] || fail "line 2 is not 'warning: yellow': $out"

sed -i 's/^\[unit\]/[ui]\nlang = en\n[unit]/' "$work/selfcheck.ini"
out=$(sc incident classify $worked) || fail "classify en: exit $?"
golden incident-worked-example-en.txt "$out"
sed -i '/^\[ui\]/,/^lang = en/d' "$work/selfcheck.ini"

# machine_lines DESCRIPTION LEVEL WARNING TEXT: TEXT opens with exactly those two lines.
machine_lines() {
    [ "$(head -n 2 <<<"$4")" = "level: $2"$'\n'"warning: $3" ] || fail "$1: not level $2, warning $3: $4"
}
machine_lines "level I" I red "$(sc incident classify defaced=political)"
machine_lines "level III" III blue "$(sc incident classify mlps_level=2 vuln=low)"
out=$(sc incident classify mlps_level=1 attack=large); code=$?
[ "$code" = 0 ] || fail "no rule: exit $code"
machine_lines "no rule" none none "$out"
expect "no rule said plainly" "没有一条适用" "$out"
refuse "no actions without a level" "预案要求" "$out"

# the facts: every mistake names the fact, exit 2, nothing on stdout
for args in "colour=red|colour" "posts=1e3|posts" "mlps_level=5|mlps_level" "attack=huge|huge" \
    "media|media" "posts=1 posts=2|posts" "attack=large|mlps_level"; do
    set -- ${args%|*}
    err=$(sc incident classify "$@" 2>&1 >"$work/stdout"); code=$?
    [ "$code" = 2 ] || fail "$*: exit $code"
    expect "$* named" "${args#*|}" "$err"
    [ -s "$work/stdout" ] && fail "$*: printed $(cat "$work/stdout")"
done
err=$(sc incident classify 2>&1); code=$?
[ "$code" = 2 ] || fail "no facts: exit $code"

# the rules file: bundled one clean; a broken one FILE:LINE:, exit 1 for lint, 3 for classify
out=$(sc incident lint) || fail "lint bundled: exit $?"
expect "lint bundled" "26 条规则，22 项措施：没有问题" "$out"
out=$(sc incident lint "$repo/rules/incident.ini") || fail "lint source: exit $?"
sed 's/^when = pi_records >= 1000000$/when = pi_record >= 1000000/' "$repo/rules/incident.ini" >"$work/bad.ini"
line=$(grep -n '^when = pi_record >=' "$work/bad.ini" | cut -d: -f1)
err=$(sc incident lint "$work/bad.ini" 2>&1); code=$?
[ "$code" = 1 ] || fail "lint bad: exit $code"
expect "lint FILE:LINE" "$work/bad.ini:$line: 条件中有未知的事件情况“pi_record”" "$err"
err=$(sc incident classify --rules "$work/bad.ini" posts=3 2>&1); code=$?
[ "$code" = 3 ] || fail "classify with a bad rules file: exit $code"
expect "classify FILE:LINE" "$work/bad.ini:$line:" "$err"
err=$(sc incident classify --rules "$work/missing.ini" posts=3 2>&1); code=$?
[ "$code" = 3 ] || fail "classify with a missing rules file: exit $code"

# the rules file is found beside the binary (share/), not by a source path
err=$(SELFCHECK_SHARE=$work/empty sc incident classify posts=3 2>&1); code=$?
[ "$code" = 6 ] || fail "no rules file: exit $code ($err)"
mkdir -p "$work/share2/selfcheck/rules"
cp "$repo/rules/incident.ini" "$work/share2/selfcheck/rules/"
out=$(SELFCHECK_SHARE=$work/share2 sc incident classify posts=3) || fail "SELFCHECK_SHARE: exit $?"
expect "SELFCHECK_SHARE" "level: III" "$out"

# every example of the rules table of docs/incidents.md gives its row's level
rows=0
while IFS= read -r row; do
    level=$(awk -F' [|] ' '{print $2}' <<<"$row")
    example=$(awk -F' [|] ' '{print $5}' <<<"$row" | tr -d '`')
    rows=$((rows + 1))
    # shellcheck disable=SC2086
    out=$(sc incident classify $example) || fail "docs example $example: exit $?"
    [ "$(head -n 1 <<<"$out")" = "level: $level" ] || fail "docs example $example: not level $level: $out"
done < <(grep -E '^\| `[0-9]-[0-9]-[a-z]+` \|' "$repo/docs/incidents.md")
[ "$rows" = 26 ] || fail "docs/incidents.md lists $rows rules, the file has 26"

out=$(sc incident --help) || fail "help: exit $?"
# every fact of docs/incidents.md is in --help
for key in $(sed -n '/^## The facts/,/^## The rules/p' "$repo/docs/incidents.md" | grep -oE '^\| `[a-z_]+`' | tr -d '|` '); do
    expect "help lists $key" " $key " "$out"
done
finish cli_incident
