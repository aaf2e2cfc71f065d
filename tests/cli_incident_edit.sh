#!/usr/bin/env bash
# cli_incident_edit.sh: `selfcheck incident edit N KEY=VALUE... [--system ID]`
# (docs/incidents.md#editing-a-record): the facts given replace those
# recorded, the incident is graded again and the change is noted in its
# timeline as an `edited` event; nothing changed records nothing; mistakes
# are exit codes that name them. And the texts of a record get the checks of
# every other record (record_limits.h): a title is one line of at most 200
# bytes, an event's text has no control character.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config
at() { SELFCHECK_NOW=$1 "$bin" --config "$work/selfcheck.ini" "${@:2}"; }
at 2026-11-02T10:00:00 incident record "网站首页被篡改" --system web --at "2026-11-02 09:10" posts=80 >/dev/null ||
    fail "record"
out=$(at 2026-11-02T10:00:00 incident show 1)
expect "level III before" $'\nlevel: III\nwarning: blue\n' "$out"

out=$(at 2026-11-02T11:30:00 incident edit 1 defaced=yes posts=300) || fail "edit: exit $?"
expect "edit says so" "1" "$(head -n 1 <<<"$out")"
[ "$(sed -n 2,3p <<<"$out")" = $'level: II\nwarning: yellow' ] || fail "edit: machine lines: $out"
out=$(at 2026-11-02T12:00:00 incident show 1)
expect "graded again" $'\nlevel: II\nwarning: yellow\n' "$out"
expect "facts merged" "defaced=yes posts=300" "$out"
expect "timeline notes the change" "2026-11-02 11:30  " "$out"
expect "what changed" "facts: posts=80 -> defaced=yes posts=300; level: III -> II; warning: blue -> yellow" "$out"
expect "the system kept" "web" "$out"

out=$(at 2026-11-02T12:10:00 incident edit 1 --system oa) || fail "edit --system: exit $?"
out=$(at 2026-11-02T12:20:00 incident show 1)
expect "system changed" "system: web -> oa" "$out"
out=$(at 2026-11-02T12:30:00 incident edit 1 --system '') || fail "edit --system '': exit $?"
expect "system cleared" "system: oa -> -" "$(at 2026-11-02T12:40:00 incident show 1)"

before=$(at 2026-11-02T13:00:00 incident show 1)
out=$(at 2026-11-02T13:00:00 incident edit 1 posts=300) || fail "edit to the same: exit $?"
[ "$(at 2026-11-02T13:00:00 incident show 1)" = "$before" ] || fail "an edit that changes nothing was recorded"

for args in "edit|2" "edit 1|2" "edit x posts=1|2" "edit 9 posts=1|6" "edit 1 colour=red|2" "edit 1 posts=many|2" \
    "edit 1 --system Bad/Id posts=1|2" "event 1 edited|2"; do
    set -- ${args%|*}
    err=$(at 2026-11-02T14:00:00 incident "$@" 2>&1 >/dev/null); code=$?
    [ "$code" = "${args#*|}" ] || fail "incident $*: exit $code, not ${args#*|} ($err)"
    [ -n "$err" ] || fail "incident $*: no message"
done
out=$(at 2026-11-02T14:00:00 incident list)
expect "list after edits" "   1  II   yellow  2026-11-02 09:10  网站首页被篡改" "$out"

# texts: the checks of every record
long=$(printf '很%.0s' $(seq 1 70))
err=$(at 2026-11-02T14:00:00 incident record "$long" posts=1 2>&1); code=$?
[ "$code" = 2 ] || fail "a title of 210 bytes: exit $code"
expect "says the size" "200" "$err"
err=$(at 2026-11-02T14:00:00 incident record $'two\nlines' posts=1 2>&1); code=$?
[ "$code" = 2 ] || fail "a title of two lines: exit $code"
err=$(at 2026-11-02T14:00:00 incident event 1 note $'bell\a' 2>&1); code=$?
[ "$code" = 2 ] || fail "an event text with a control character: exit $code"
out=$(at 2026-11-02T14:00:00 incident event 1 note $'two\nlines are fine') || fail "a note of two lines: exit $?"
at 2026-11-02T14:00:00 incident show 1 | grep -q $'\a' && fail "a control character reached the store"
[ "$(at 2026-11-02T14:00:00 incident list | wc -l)" = 1 ] || fail "a refused title was recorded"

[ "$failures" -eq 0 ] || exit 1
