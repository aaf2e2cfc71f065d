#!/usr/bin/env bash
# cli_report_incidents.sh: the incidents of the report's period travel
# inside the signed report (docs/report-format.md, "The incidents"): an
# incident of the month and one still open from before are in the November
# report, with their rules, timeline and limits, one discovered after the
# month and one closed before it are not; `selfcheck verify` and the stock
# openssl command accept the file; a report without incidents has no
# incidents section.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config
sc() { SELFCHECK_NOW=2026-11-20T10:00:00 "$bin" --config "$work/selfcheck.ini" "$@"; }
sc systems add web 门户网站 >/dev/null || fail "systems add"
sc keygen >/dev/null || fail "keygen"
mkdir "$work/none" "$work/out"
sc report --allow-incomplete --format csv --out "$work/none" >/dev/null || fail "report without incidents: exit $?"
refuse "no incidents, no section" '"incident","title"' "$(cat "$work/none/"*.csv)"

sc incident record "网站首页被篡改" --system web --at "2026-11-02 09:10" defaced=yes posts=300 >/dev/null ||
    fail "record 1"
sc incident event 1 opinion "=官网发布情况说明" --at "2026-11-02 23:00" >/dev/null || fail "event 1"
sc incident record "十月的泄露" --at "2026-10-20 08:00" pi_records=150000 >/dev/null || fail "record 2"
sc incident record "十二月的事" --at "2026-12-01 00:00" vuln=high mlps_level=3 >/dev/null || fail "record 3"
sc incident record "九月的事" --at "2026-09-01 08:00" impact=some >/dev/null || fail "record 4"
sc incident event 4 ended --at "2026-09-02 08:00" >/dev/null || fail "event 4 ended"
sc incident event 4 investigated --at "2026-10-31 23:59" >/dev/null || fail "event 4 investigated"

sc report --allow-incomplete --out "$work/out" >/dev/null || fail "report: exit $?"
csv=$work/out/4401-hb_monthly_2026-11.csv
text=$(cat "$csv")
expect "section header" '"incident","title","system_id","system_name","level","warning","facts","recorded_at","entry","name","at","due","status","clause","text"' "$text"
expect "incident of the month" '"1","网站首页被篡改","web","门户网站","II","yellow","defaced=yes posts=300","2026-11-20T10:00:00","incident","","","","","",""' "$text"
expect "its rule" '"rule","8-4-defaced","","","","003 第八条(四)"' "$text"
expect "its event, guarded" '"event","opinion","2026-11-02T23:00","","","","'"'"'=官网发布情况说明"' "$text"
expect "its limit, missed" '"limit","ii-opinion","2026-11-02T23:00","2026-11-02T21:10","late","003 第十九条"' "$text"
expect "open from before" '"2","十月的泄露","","","II","yellow","pi_records=150000"' "$text"
refuse "discovered after the month" '十二月的事' "$text"
refuse "closed before the month" '九月的事' "$text"
[ "$(sqlite3 "$work/out/4401-hb_monthly_2026-11.sqlite" "SELECT count(DISTINCT incident) || ' ' || count(*) FROM incident_entries")" = "2 11" ] ||
    fail "the database's incident_entries: $(sqlite3 "$work/out/4401-hb_monthly_2026-11.sqlite" "SELECT incident, entry, name FROM incident_entries")"
sc verify "$csv" >/dev/null || fail "verify csv: exit $?"
sc verify "$work/out/4401-hb_monthly_2026-11.sqlite" >/dev/null || fail "verify sqlite: exit $?"
(cd "$work/out" && openssl pkeyutl -verify -pubin -inkey 4401-hb.pub -rawin -in 4401-hb_monthly_2026-11.csv \
    -sigfile 4401-hb_monthly_2026-11.csv.sig -digest sm3 -pkeyopt distid:1234567812345678 >/dev/null) ||
    fail "openssl does not verify the report with incidents"
# the half-year report of H2 has the September incident too (closed in October)
sc report --profile halfyear --allow-incomplete --format csv --out "$work/out" >/dev/null || fail "half-year report"
expect "half-year has September" '九月的事' "$(cat "$work/out/4401-hb_halfyear_2026-H2.csv")"
expect "half-year has December" '十二月的事' "$(cat "$work/out/4401-hb_halfyear_2026-H2.csv")"

[ "$failures" -eq 0 ] || exit 1
