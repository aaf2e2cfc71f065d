#!/usr/bin/env bash
# cli_incident_record.sh: `selfcheck incident record|list|show|event|export`
# through the real binary, as docs/incidents.md#the-record describes: an
# incident recorded with its facts keeps its grading and a timeline; the
# plan's time limits are shown met, open or overdue as the clock moves
# (SELFCHECK_NOW); the export is a signed file set that `selfcheck verify`
# and the stock openssl command accept and that a changed byte fails; the
# machine lines stay English in Chinese; mistakes are exit codes that name them.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config
at() { SELFCHECK_NOW=$1 "$bin" --config "$work/selfcheck.ini" "${@:2}"; }

out=$(at 2026-11-02T10:00:00 incident list) || fail "list empty: exit $?"
expect "empty list" "没有记录" "$out"

out=$(at 2026-11-02T10:00:00 incident record "网站首页被篡改" --system web --at "2026-11-02 09:10" \
    defaced=yes posts=300) || fail "record: exit $?"
expect "record says its number" "1" "$(head -n 1 <<<"$out")"
[ "$(sed -n 2,3p <<<"$out")" = $'level: II\nwarning: yellow' ] || fail "record: machine lines: $out"
expect "record lists the rule" "003 第八条(四)" "$out"

at 2026-11-02T10:00:00 incident event 1 reported "领导小组副组长" --at "2026-11-02 09:30" >/dev/null ||
    fail "event reported: exit $?"
out=$(at 2026-11-02T20:00:00 incident show 1) || fail "show: exit $?"
expect "show title" "网站首页被篡改" "$out"
expect "show machine line" $'\nlevel: II\nwarning: yellow\n' "$out"
expect "show timeline" "2026-11-02 09:30  已报告: 领导小组副组长" "$out"
expect "12 hours open" "003 第十九条" "$out"
expect "12 hours due" "2026-11-02 21:10" "$out"
expect "open" "未到期" "$out"
out=$(at 2026-11-02T21:11:00 incident show 1)
expect "overdue after 12 hours" "已逾期" "$out"
out=$(at 2026-11-02T21:11:00 incident list)
expect "list counts overdue" "1 项逾期" "$out"
expect "list row" "   1  II   yellow  2026-11-02 09:10  网站首页被篡改" "$out"

at 2026-11-02T10:00:00 incident event 1 opinion "官网发布情况说明" --at "2026-11-02 15:00" >/dev/null ||
    fail "event opinion: exit $?"
at 2026-11-02T10:00:00 incident event 1 ended --at "2026-11-03 18:00" >/dev/null || fail "event ended: exit $?"
out=$(at 2026-12-04T00:00:00 incident show 1)
expect "opinion met" "已按时" "$out"
expect "30 days due" "2026-12-03 18:00" "$out"
expect "30 days overdue" "已逾期" "$out"

# mistakes
for args in "event 9 note x|6" "event 1 lunch|2" "event 1 note x --at 2026-13-01|2" "show x|2" \
    "record|2" "record t colour=red|2" "list --at 2026-11-02|2" "show 1 --out f|2"; do
    set -- ${args%|*}
    err=$(sc incident "$@" 2>&1 >/dev/null); code=$?
    [ "$code" = "${args#*|}" ] || fail "incident $*: exit $code, not ${args#*|} ($err)"
    [ -n "$err" ] || fail "incident $*: no message"
done
err=$(sc incident record " " defaced=yes 2>&1); code=$?
[ "$code" = 2 ] || fail "empty title: exit $code"

# export: signed like a report, checked by verify and openssl
sc keygen >/dev/null || fail "keygen"
mkdir -p "$work/usb"
out=$(at 2026-12-04T00:00:00 incident export --out "$work/usb/incidents.csv") || fail "export: exit $?"
expect "export wrote" "$work/usb/incidents.csv.sig" "$out"
[ -f "$work/usb/4401-hb.pub" ] || fail "no public key beside the export"
[ "$(head -c 3 "$work/usb/incidents.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "no BOM"
expect "export limit row" '"limit","ii-opinion","2026-11-02T15:00","2026-11-02T21:10","met"' \
    "$(cat "$work/usb/incidents.csv")"
out=$(sc verify "$work/usb/incidents.csv") || fail "verify: exit $?"
expect "verify good" "4401-hb" "$out"
mkdir -p "$work/trust" && cp "$work/usb/4401-hb.pub" "$work/trust/"
sc verify --trust "$work/trust" "$work/usb/incidents.csv" >/dev/null || fail "verify --trust: exit $?"
(cd "$work/usb" && openssl pkeyutl -verify -pubin -inkey 4401-hb.pub -rawin -in incidents.csv \
    -sigfile incidents.csv.sig -digest sm3 -pkeyopt distid:1234567812345678 >/dev/null) || fail "openssl verify"
err=$(at 2026-12-04T00:00:00 incident export --out "$work/usb/incidents.csv" 2>&1); code=$?
[ "$code" = 8 ] || fail "export over a file: exit $code"
sed 's/300/900/' "$work/usb/incidents.csv" >"$work/usb/changed.csv"
cp "$work/usb/incidents.csv.sig" "$work/usb/changed.csv.sig"
err=$(sc verify "$work/usb/changed.csv" 2>&1); code=$?
[ "$code" = 10 ] || fail "changed export: exit $code ($err)"
out=$(at 2026-12-04T00:00:00 incident export 1 --out "$work/usb/one.csv") || fail "export 1: exit $?"
err=$(sc incident export 7 --out "$work/usb/seven.csv" 2>&1); code=$?
[ "$code" = 6 ] || fail "export of no such incident: exit $code"
[ -e "$work/usb/seven.csv" ] && fail "export of no such incident wrote a file"
err=$(sc incident export --out "$work/nofolder/x.csv" 2>&1); code=$?
[ "$code" = 5 ] || fail "export into no folder: exit $code"
err=$(sc incident export --out "$work/usb/k.csv" --key "$work/none.key" 2>&1); code=$?
[ "$code" = 9 ] || fail "export without a key: exit $code"

finish cli_incident_record
