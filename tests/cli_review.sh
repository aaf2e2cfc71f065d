#!/usr/bin/env bash
# cli_review.sh: the supervisor's registry and import through the real
# binary: key ids checked against the unit's form; a good report imported
# and a re-import changing nothing; tampered, mis-signed, foreign-unit,
# truncated, incomplete, duplicate, superseding and out-of-date reports each
# with its outcome; a CSV/SQLite pair that agrees and one that does not; key
# rotation and revocation at their dates; a real report written by
# `selfcheck report` imported with its twin.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"
mkdir -p "$work/in"

key a ed25519
key b sm2
key c ed25519
key a2 ed25519
key x ed25519

# ---- registry ----
code "review --help" 0 "$bin" review --help
code "units add with the wrong key id" 12 rv units add u-a 甲局 --key "$work/keys/a.pub" --key-id "$(kid b)"
expect "the mismatch names the real id" "$(kid a)" "$out"
code "a refused key leaves no unit" 0 rv units list
refuse "no unit after a refused key" "u-a" "$out"
upper=$(kid a | tr a-f A-F | sed 's/\(....\)/\1 /g')
code "units add with the id from the form (upper case, spaced)" 0 rv units add u-a 甲局 --key "$work/keys/a.pub" --key-id "$upper" --from 2026-01-01
expect "add prints the key id" "key id: $(kid a)" "$out"
code "units add again" 8 rv units add u-a 甲局 --key "$work/keys/a.pub"
code "units add a private key" 9 rv units add u-z 错局 --key "$work/keys/x.key"
code "units add a bad code" 2 rv units add "../x" 错局 --key "$work/keys/x.pub"
printf 'code,name,region,level,key\r\nu-b,乙局,市本级,3,keys/b.pub\r\nu-c,丙局,,,\r\n' >"$work/roster.csv"
code "units import a roster" 0 rv units import "$work/roster.csv"
expect "roster counts" "2" "$out"
mkdir "$work/trust"
cp "$work/keys/c.pub" "$work/trust/u-c.pub"
cp "$work/keys/x.pub" "$work/trust/nobody.pub"
code "units import-keys: an unknown unit's key is a problem" 3 rv units import-keys "$work/trust"
code "units list --csv" 0 rv units list --csv
expect "list has u-b's SM2 key" "\"u-b\",\"乙局\",\"市本级\",\"3\",\"0\",\"$(kid b)\",\"sm2\"" "$out"
expect "list has u-c's key from the trust folder" "$(kid c)" "$out"
code "units remove an unknown unit" 6 rv units remove nobody

# ---- import ----
report "$work/in/a/u-a_halfyear_2026-H2.csv" u-a a ed25519 halfyear 2026-H2 2026-12-20T10:00:00 ra1 3
report "$work/in/b/deep/u-b_halfyear_2026-H2.csv" u-b b sm2 halfyear 2026-H2 2026-12-21T10:00:00 rb1
cp "$work/keys/x.pub" "$work/in/a/u-x.pub"
echo "notes" >"$work/in/readme.txt"
code "import a stick" 0 rv import "$work/in"
expect "summary" "2 report files: 2 imported, 0 imported before, 0 rejected; 2 other files skipped" "$out"
code "units import-keys did not register the key on the stick" 0 rv units list
refuse "no unit x" "$(kid x | cut -c1-16)" "$out"
sqlite3 "$db" 'PRAGMA integrity_check' | grep -qx ok || fail "integrity_check"
[ "$(sqlite3 "$db" 'select count(*) from items')" = 20 ] || fail "20 items stored"
[ "$(sqlite3 "$db" "select signer_key_id from reports where report_id='ra1'")" = "$(kid a)" ] || fail "signer key id kept"
[ "$(sqlite3 "$db" "select sha256 from report_files where report=(select id from reports where report_id='ra1')")" = \
  "$(sha256sum "$work/in/a/u-a_halfyear_2026-H2.csv" | cut -d' ' -f1)" ] || fail "file hash kept"
before=$(sqlite3 "$db" .dump | grep -v imported_at | sha256sum)
code "re-import" 0 rv import "$work/in"
expect "re-import counts" "2 imported before, 0 rejected" "$out"
[ "$(sqlite3 "$db" .dump | grep -v imported_at | sha256sum)" = "$before" ] || fail "re-import changed the database"

# the rejections, one folder each
bad=$work/bad
report "$bad/tampered.csv" u-a a ed25519 monthly 2026-12 2026-12-28T10:00:00 rt1
sed -i 's/"80.0"/"99.0"/; s/"90.0"/"99.0"/; s/"100.0"/"99.0"/' "$bad/tampered.csv"
report "$bad/missigned.csv" u-a b ed25519 monthly 2026-11 2026-11-28T10:00:00 rm1
report "$bad/foreign.csv" u-zz x ed25519 monthly 2026-12 2026-12-28T10:00:00 rf1
report "$bad/truncated.csv" u-a a ed25519 monthly 2026-10 2026-10-28T10:00:00 rtr1
head -c 900 "$bad/truncated.csv" >"$bad/t" && mv "$bad/t" "$bad/truncated.csv"
report "$bad/incomplete.csv" u-c c ed25519 monthly 2026-12 2026-12-28T10:00:00 ri1 "" no
code "import the bad ones" 14 rv import "$bad"
expect "tampered" "tampered.csv: " "$out"
expect "tampered reason" "[bad-signature]" "$(grep tampered <<<"$out")"
expect "mis-signed reason" "[key-mismatch]" "$(grep missigned <<<"$out")"
expect "mis-signed names the other unit" "u-b" "$(grep missigned <<<"$out")"
expect "foreign reason" "[unknown-unit]" "$(grep foreign <<<"$out")"
expect "truncated reason" "[malformed]" "$(grep truncated <<<"$out")"
expect "incomplete reason" "[incomplete]" "$(grep incomplete <<<"$out")"
expect "bad summary" "5 rejected" "$out"
[ "$(sqlite3 "$db" 'select count(*) from reports')" = 2 ] || fail "a rejected report was stored"
code "incomplete with --allow-incomplete" 0 rv import "$bad/incomplete.csv" --allow-incomplete
expect "incomplete imported" "1 imported" "$out"

# duplicate: the same report on another stick
mkdir -p "$work/copy"
cp "$work/in/a/u-a_halfyear_2026-H2.csv"* "$work/copy/"
code "a copy of an imported report" 0 rv import "$work/copy"
expect "copy counted as imported before" "1 imported before" "$out"
# superseding: a newer report of the same period; then an older one arrives
report "$work/new/u-a_halfyear_2026-H2.csv" u-a a ed25519 halfyear 2026-H2 2026-12-25T10:00:00 ra2 3,4
report "$work/old/u-a_halfyear_2026-H2.csv" u-a a ed25519 halfyear 2026-H2 2026-12-15T10:00:00 ra0
code "a newer report" 0 rv import "$work/new"
code "an older report later" 0 rv import "$work/old"
[ "$(sqlite3 "$db" "select report_id from reports where unit_code='u-a' and period='2026-H2' and superseded_by is null")" = ra2 ] ||
    fail "the newest report is not the current one"
[ "$(sqlite3 "$db" "select count(*) from reports where unit_code='u-a' and period='2026-H2'")" = 3 ] || fail "history not kept"
# same report id, other content
report "$work/conflict/x.csv" u-a a ed25519 monthly 2026-09 2026-09-28T10:00:00 ra1
code "a report id imported before with other content" 14 rv import "$work/conflict"
expect "id conflict" "[id-conflict]" "$out"

# ---- CSV and SQLite twins ----
report "$work/pair/u-b_monthly_2026-12.csv" u-b b sm2 monthly 2026-12 2026-12-28T10:00:00 rp1
report "$work/pair/u-b_monthly_2026-12.sqlite" u-b b sm2 monthly 2026-12 2026-12-28T10:00:00 rp2
code "a pair that disagrees" 14 rv import "$work/pair"
expect "pair rejected" "[pair-mismatch]" "$out"
[ "$(grep -c 'rejected:' <<<"$out")" = 2 ] || fail "both files of the pair are rejected"
[ "$(sqlite3 "$db" "select count(*) from reports where report_id in ('rp1','rp2')")" = 0 ] || fail "half a pair stored"

# ---- rotation and revocation ----
code "a new key cannot start before the current one" 2 rv units key u-a --key "$work/keys/a2.pub" --from 2025-12-31
code "a new key for u-a from 2027-01-01" 0 rv units key u-a --key "$work/keys/a2.pub" --from 2027-01-01
report "$work/rot/old-dec.csv" u-a a ed25519 monthly 2026-12 2027-01-05T10:00:00 rr1
report "$work/rot/old-jan.csv" u-a a ed25519 monthly 2027-01 2027-01-05T10:00:00 rr2
report "$work/rot/new-jan.csv" u-a a2 ed25519 monthly 2027-01 2027-01-06T10:00:00 rr3
code "rotation" 14 rv import "$work/rot"
expect "old key after the rotation day" "[key-replaced]" "$(grep old-jan <<<"$out")"
refuse "old key before the rotation day accepted" "old-dec" "$out"
expect "rotation counts" "2 imported" "$out"
report "$work/later/u-x.csv" u-a a2 ed25519 monthly 2027-02 2027-02-05T10:00:00 rr4
code "a key registered from a later day" 0 rv units key u-c --key "$work/keys/x.pub" --from 2027-03-01
report "$work/later/u-c.csv" u-c x ed25519 monthly 2026-12 2027-01-05T10:00:00 rr5
code "not yet valid" 14 rv import "$work/later/u-c.csv"
expect "not yet valid reason" "[key-not-yet-valid]" "$out"
code "revoke u-b's key" 0 rv units revoke "$(kid b | cut -c1-12)" --at 2027-01-09T00:00:00
report "$work/rev/u-b.csv" u-b b sm2 monthly 2026-11 2026-11-28T10:00:00 rv1
code "a report signed with a revoked key" 14 rv import "$work/rev"
expect "revoked reason" "[key-revoked]" "$out"
printf '[ui]\nlang = zh\n' >"$work/zh.ini"
code "the same rejection for a Chinese user" 14 "$bin" --config "$work/zh.ini" review import "$work/rev" --db "$db"
expect "the revoked key's detail in Chinese" "该密钥已被吊销" "$out"
refuse "no English detail" "which was revoked" "$out"
[ "$(sqlite3 "$db" "select count(*) from reports where report_id='rb1'")" = 1 ] || fail "earlier import of u-b dropped"

# ---- a real report and its twin, from selfcheck report ----
example_config "output = $work/reports
[signing]
key = $work/keys/unit.key
algo = sm2"
sc() { "$bin" --config "$work/selfcheck.ini" --db "$work/data/selfcheck.db" "$@"; }
sc keygen >/dev/null 2>&1 || fail "keygen"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
sc template --profile halfyear --out "$work/sheet.csv" 2>/dev/null || fail "template"
fill_worked_example "$work/sheet.csv"
sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null 2>&1 || fail "answer"
mkdir -p "$work/reports"
sc report --profile halfyear >/dev/null 2>&1 || fail "report"
code "register the example unit" 0 rv units add 4401-hb 示例局 --key "$work/keys/unit.pub"
code "import a real report pair" 0 rv import "$work/reports"
expect "the pair is one report" "2 report files: 2 imported" "$out"
score=$(sc score --profile halfyear 2>/dev/null | grep -o '[0-9.]\+%' | head -1 | tr -d %)
stored=$(sqlite3 "$db" "select printf('%.1f', percent) from reports where unit_code='4401-hb'")
[ -n "$score" ] && [ "$stored" = "$score" ] || fail "stored total $stored is not selfcheck score's $score"

# ---- schema migration: a version 1 database (keys without their raw bytes) ----
cp "$db" "$work/v1.db"
sqlite3 "$work/v1.db" 'ALTER TABLE keys DROP COLUMN raw; DROP TABLE official_checklists; DROP TABLE report_checklists; DROP TABLE form_values; DROP TABLE incidents; DROP TABLE incident_entries;
  DROP INDEX reports_profile_period; ALTER TABLE reports DROP COLUMN nonstandard; PRAGMA user_version = 1;' || fail "making a v1 database"
report "$work/v1/u-a.csv" u-a a2 ed25519 monthly 2027-03 2027-03-26T10:00:00 rv1a
db=$work/v1.db code "import into a version 1 database" 0 rv import "$work/v1"
[ "$(sqlite3 "$work/v1.db" 'PRAGMA user_version')" = 6 ] || fail "the v1 database was not migrated to 6"
[ "$(sqlite3 "$work/v1.db" "select count(*) from report_checklists where digest is null")" -gt 0 ] ||
    fail "the migration lists the checklists of the reports imported before"
sqlite3 "$work/v1.db" 'PRAGMA integrity_check' | grep -qx ok || fail "integrity_check after the migration"
sqlite3 "$db" 'PRAGMA user_version = 99'
code "a database newer than this selfcheck is refused" 4 rv units list
expect "newer schema" "newer" "$out"
sqlite3 "$db" 'PRAGMA user_version = 6'

# the same in Chinese, the default language
out=$("$bin" review import "$work/bad/tampered.csv" --db "$db" 2>&1)
expect "rejection in Chinese" "签名不符：文件在签名后被改动过 [bad-signature]" "$out"

finish cli_review
