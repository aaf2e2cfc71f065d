#!/usr/bin/env bash
# cli_review_checklists.sh: the non-standard checklist mark (非标准检查表).
# A report answered against a checklist the review does not know is marked
# in the export, the findings and the items, naming the checklist; one
# answered against an official checklist is not; a folder the supervisor
# adds makes its checklists official (clearing the mark of reports imported
# before); an edited copy stays marked; the bundled set is official.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

# the unit's copy of the example checklist, written another way (a comment,
# other spacing): the same canonical content, so the same digest
mkdir -p "$work/unit-cl" "$work/official" "$work/edited-cl"
{ echo "; the unit's copy"; sed 's/ = /=/' "$repo/tests/fixtures/example.ini"; } >"$work/unit-cl/example.ini"
cp "$repo/tests/fixtures/example.ini" "$work/official/example.ini"
# an edited copy: the high items made low, as a weakened checklist would be
sed 's/^severity = high$/severity = low/' "$repo/tests/fixtures/example.ini" >"$work/edited-cl/example.ini"
cmp -s "$work/edited-cl/example.ini" "$repo/tests/fixtures/example.ini" && fail "the edit changed nothing"

# unit_config CHECKLISTS OUTPUT: the example unit's settings over CHECKLISTS
unit_config() {
    example_config "output = $2
[signing]
key = $work/keys/unit.key
algo = ed25519"
    sed -i "s|^checklists = .*|checklists = $1|" "$work/selfcheck.ini"
    mkdir -p "$2"
}
# unit_report PERIOD: a complete half-year report of the worked example
unit_report() {
    sc template --profile halfyear --period "$1" --out "$work/sheet-$1.csv" 2>/dev/null || fail "template $1"
    fill_worked_example "$work/sheet-$1.csv"
    sc answer --profile halfyear --period "$1" --from "$work/sheet-$1.csv" >/dev/null 2>&1 || fail "answer $1"
    sc report --profile halfyear --period "$1" >/dev/null 2>&1 || fail "report $1"
}
unit_config "$work/unit-cl" "$work/r1"
sc keygen >/dev/null 2>&1 || fail "keygen"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
unit_report 2026-H2
unit_config "$work/edited-cl" "$work/r2"
unit_report 2027-H1

code "register the unit" 0 rv units add 4401-hb 示例局 --key "$work/keys/unit.pub"

# ---- the bundled checklists are official ----
code "checklists list" 0 rv checklists list --csv
for f in "$repo"/checklists/*.ini; do
    id=$(sed -n 's/^id *= *//p' "$f" | head -1)
    expect "bundled $id is official" "\"$id\"" "$out"
done
expect "bundled source" '"bundled"' "$out"
refuse "the example is not bundled" '"example"' "$out"

# ---- a checklist the review does not know: marked, named ----
code "import against an unknown checklist" 0 rv import "$work/r1"
[ "$(sqlite3 "$db" "select nonstandard from reports where period='2026-H2'")" = "example v1" ] ||
    fail "the report is marked with the checklist named"
[ "$(sqlite3 "$db" "select digest from report_checklists")" = \
  "$(sed -n 2p "$work/r1/4401-hb_halfyear_2026-H2.csv" | awk -F'","' '{print $20}')" ] ||
    fail "the digest the report records is kept"
code "export" 0 rv export --out "$work/e1.csv"
expect "export header" '"nonstandard_checklists"' "$(head -1 "$work/e1.csv")"
expect "export names the checklist" '"example v1"' "$(cat "$work/e1.csv")"
code "findings" 0 rv findings --csv
expect "findings header" '"nonstandard_checklist"' "$out"
expect "findings marked" ',"yes"' "$(sed -n 2p <<<"$out")"
code "findings table" 0 rv findings
expect "findings table mark" "non-standard" "$out"
code "items" 0 rv items --csv
expect "items header" '"nonstandard_units"' "$out"
expect "items count the marked unit" '"4401-hb","1"' "$(sed -n 2p <<<"$out")"

# ---- the supervisor adds the official folder: the mark goes ----
code "checklists add a folder" 0 rv checklists add "$work/official"
expect "one added" "1 " "$out"
code "checklists add it again" 0 rv checklists add "$work/official"
expect "nothing new" "0 " "$out"
[ "$(sqlite3 "$db" "select nonstandard from reports where period='2026-H2'")" = "" ] ||
    fail "the folder made the unit's copy official"
code "list has the folder" 0 rv checklists list
expect "list names the folder" "example v1" "$out"
expect "list names the source" "$work/official" "$out"
code "findings after" 0 rv findings --csv
refuse "findings no longer marked" ',"yes"' "$out"

# ---- an edited checklist stays marked, also after the folder ----
code "import against an edited checklist" 0 rv import "$work/r2"
[ "$(sqlite3 "$db" "select nonstandard from reports where period='2027-H1'")" = "example v1" ] ||
    fail "the edited checklist is marked"
code "export 2" 0 rv export --out "$work/e2.csv"
expect "the edited period is named" '"2027-H1"' "$(grep 'example v1' "$work/e2.csv")"
refuse "the official period is not" '"2026-H2"' "$(grep 'example v1' "$work/e2.csv")"

# ---- a version 1 report records no digest: marked ----
key b ed25519
code "register u-b" 0 rv units add u-b 乙局 --key "$work/keys/b.pub"
report "$work/v1/u-b_monthly_2026-12.csv" u-b b ed25519 monthly 2026-12 2026-12-20T10:00:00 rb1
code "import a version 1 report" 0 rv import "$work/v1"
[ "$(sqlite3 "$db" "select nonstandard from reports where unit_code='u-b'")" = "bench v1" ] ||
    fail "a report without digests is marked"

# ---- a folder that does not load is refused, nothing added ----
mkdir -p "$work/broken"
printf '[checklist]\nid = broken\n' >"$work/broken/b.ini"
code "checklists add a broken folder" 3 rv checklists add "$work/broken"
expect "names the file" "b.ini" "$out"
code "checklists add nothing" 2 rv checklists add
sqlite3 "$db" 'PRAGMA integrity_check' | grep -qx ok || fail "integrity_check"

finish cli_review_checklists
