#!/usr/bin/env bash
# cli_review_incidents.sh: the supervisor lists the incidents the units
# reported (docs/review.md#incidents): a unit records two incidents, reports
# November and the import stores them; `review incidents` shows each with
# when, level, warning, status and the limits missed, as a table and as CSV,
# by unit and by period; importing again changes nothing; a re-issued
# November report supersedes its incidents; the December report no longer
# carries the incident closed in November, which is still listed from
# November's.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

example_config "output = $work/reports
[signing]
key = $work/keys/unit.key
algo = ed25519"
mkdir -p "$work/reports"
at() { SELFCHECK_NOW=$1 "$bin" --config "$work/selfcheck.ini" "${@:2}"; }
at 2026-11-20T10:00:00 keygen >/dev/null 2>&1 || fail "keygen"
at 2026-11-20T10:00:00 systems add web 门户网站 >/dev/null || fail "systems add web"
at 2026-11-20T10:00:00 incident record "网站首页被篡改" --system web --at "2026-11-02 09:10" defaced=yes posts=300 \
    >/dev/null || fail "record 1"
at 2026-11-20T10:00:00 incident event 1 opinion "官网发布情况说明" --at "2026-11-02 23:00" >/dev/null || fail "event"
at 2026-11-20T10:00:00 incident record "=十月的泄露" --at "2026-10-20 08:00" pi_records=150000 >/dev/null ||
    fail "record 2"
at 2026-11-20T10:00:00 report --allow-incomplete >/dev/null 2>&1 || fail "report November"

code "register the unit" 0 rv units add 4401-hb 示例局 --key "$work/keys/unit.pub"
code "import November" 0 rv import --allow-incomplete "$work/reports"
[ "$(sqlite3 "$db" 'select count(*) from incidents')" = 2 ] || fail "two incidents stored"
[ "$(sqlite3 "$db" "select count(*) from incident_entries where number = 1")" = 6 ] || fail "incident 1's entries"

code "review incidents --csv" 0 rv incidents --csv
head -1 <<<"$out" | grep -q '"unit_code","unit_name","profile","period","report_id","incident","title","system_id","system_name","level","warning","facts","discovered_at","status","missed","missed_limits"' ||
    fail "incidents header: $(head -1 <<<"$out")"
expect "incident 1 in CSV" '"4401-hb","示例局","monthly","2026-11",' "$out"
expect "incident 1's columns" ',"1","网站首页被篡改","web","门户网站","II","yellow","defaced=yes posts=300","2026-11-02T09:10","open","1","003 第十九条"' "$out"
expect "incident 2 guarded" ',"2","'"'"'=十月的泄露","","","II","yellow","pi_records=150000","2026-10-20T08:00"' "$out"
code "review incidents" 0 rv incidents
expect "table heading" "limits missed" "$out"
expect "table row" "2026-11-02 09:10" "$out"
expect "table missed" "1 (003 第十九条)" "$out"
expect "table status" "responding" "$out"
out=$("$bin" review incidents --db "$db" 2>&1)
expect "Chinese heading" "发现" "$out"
expect "Chinese status" "处置中" "$out"
expect "Chinese warning" "黄色" "$out"
code "another unit has none" 0 rv incidents --unit 4401-xx
expect "none" "no report imported carries an incident" "$out"
code "another period has none" 0 rv incidents --period 2026-10 --csv
[ "$(wc -l <<<"$out")" = 1 ] || fail "period 2026-10 lists incidents: $out"

# importing again changes nothing
before=$(sqlite3 "$db" 'select count(*) from incidents; select count(*) from incident_entries')
code "import again" 0 rv import --allow-incomplete "$work/reports"
[ "$(sqlite3 "$db" 'select count(*) from incidents; select count(*) from incident_entries')" = "$before" ] ||
    fail "a second import changed the incidents"

# a re-issued November report: incident 1 investigated since
at 2026-11-28T10:00:00 incident event 1 ended --at "2026-11-03 18:00" >/dev/null || fail "ended"
at 2026-11-28T10:00:00 incident event 1 investigated "报告已报送" --at "2026-11-25 10:00" >/dev/null ||
    fail "investigated"
at 2026-11-28T10:00:00 report --allow-incomplete --replace >/dev/null 2>&1 || fail "report November again"
code "import the re-issued report" 0 rv import --allow-incomplete "$work/reports"
[ "$(sqlite3 "$db" 'select count(*) from incidents')" = 4 ] || fail "both reports' incidents kept"
code "superseded" 0 rv incidents --csv --period 2026-11
[ "$(grep -c '^"4401-hb"' <<<"$out")" = 2 ] || fail "each incident once after the re-issue: $out"
expect "incident 1 closed" ',"1","网站首页被篡改","web","门户网站","II","yellow","defaced=yes posts=300","2026-11-02T09:10","closed","1",' "$out"

# December: incident 1 was closed in November, so only incident 2 travels
mkdir -p "$work/dec"
at 2026-12-20T10:00:00 report --allow-incomplete --out "$work/dec" >/dev/null 2>&1 || fail "report December"
code "import December" 0 rv import --allow-incomplete "$work/dec"
code "December only" 0 rv incidents --csv --period 2026-12
[ "$(grep -c '^"4401-hb"' <<<"$out")" = 1 ] || fail "December carries one incident: $out"
expect "December carries incident 2" ',"2026-12",' "$out"
code "every incident once" 0 rv incidents --csv --unit 4401-hb
[ "$(grep -c '^"4401-hb"' <<<"$out")" = 2 ] || fail "each incident once: $out"
expect "incident 1 from November" '"monthly","2026-11",' "$out"
expect "incident 2 from December" '"monthly","2026-12",' "$out"

[ "$failures" -eq 0 ] || exit 1
