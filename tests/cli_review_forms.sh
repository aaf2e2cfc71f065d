#!/usr/bin/env bash
# cli_review_forms.sh: the unit's annex forms travel inside its signed
# report and the supervisor lists them: a unit records its inventory (two
# systems) and its website survey, reports, and after the import
# `review systems` and `review websites` show what was entered, as a table
# and as CSV; a report whose form value was changed after signing is
# rejected; a unit without forms lists nothing.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2027-01-10T09:00:00
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

example_config "output = $work/reports
[signing]
key = $work/keys/unit.key
algo = ed25519"
mkdir -p "$work/reports"
sc keygen >/dev/null 2>&1 || fail "keygen"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
sc inventory set unit_name=示例局 credit_code=91350100M000100Y43 >/dev/null || fail "inventory unit"
sc inventory set --system oa release_area=专网 mlps_level=第三级 data_types=both volume=65GB storage=private \
    db_ip=10.100.248.245 maintainer='=某公司' >/dev/null || fail "inventory oa"
sc inventory set --system web release_area=internet mlps_level=2 volume=1.2TB >/dev/null || fail "inventory web"
sc survey set --system web site_name=示例局门户 domain=WWW.Example.gov.cn ip=203.0.113.7 icp_number='粤ICP备12345号' \
    mlps_level=2 >/dev/null || fail "survey web"
sc template --profile halfyear --out "$work/sheet.csv" 2>/dev/null || fail "template"
fill_worked_example "$work/sheet.csv"
sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null 2>&1 || fail "answer"
sc report --profile halfyear >/dev/null 2>&1 || fail "report"
csv=$work/reports/4401-hb_halfyear_2027-H1.csv
grep -q '^"form","record","record_name","field","title","value","value_title"' "$csv" || fail "no forms section"

code "register the unit" 0 rv units add 4401-hb 示例局 --key "$work/keys/unit.pub"
# a tampered copy first: a form value changed after signing
mkdir -p "$work/bad"
cp "$csv" "$csv.sig" "$work/bad/"
sed -i 's/"65GB"/"15GB"/' "$work/bad/4401-hb_halfyear_2027-H1.csv"
cmp -s "$csv" "$work/bad/4401-hb_halfyear_2027-H1.csv" && fail "the tampering changed nothing"
code "a changed form value" 14 rv import "$work/bad"
expect "rejected for its signature" "[bad-signature]" "$out"
code "import the report pair" 0 rv import "$work/reports"
expect "the pair is one report" "2 report files: 2 imported" "$out"
[ "$(sqlite3 "$db" 'select count(*) from form_values')" = 17 ] || fail "17 form values stored"

code "review systems --csv" 0 rv systems --csv
want='"4401-hb","示例局","halfyear","2027-H1",'
expect "systems: the unit's report" "$want" "$out"
expect "systems: oa as entered" '"oa","办公自动化系统","private","","3","both","65GB","private","10.100.248.245","'"'"'=某公司","",""' "$out"
expect "systems: web as entered" '"web","门户网站","internet","","2","","1.2TB","","","","",""' "$out"
[ "$(grep -c '^"4401-hb"' <<<"$out")" = 2 ] || fail "two systems"
head -1 <<<"$out" | grep -q '"system_name","release_area","mlps_filing","mlps_level"' || fail "systems header"
code "review systems" 0 rv systems
expect "the table shows the annex's words" "专网" "$out"
expect "the table names the system" "办公自动化系统" "$out"
code "review websites --csv" 0 rv websites --csv
expect "websites: the site as entered" '"web","门户网站","示例局门户","www.example.gov.cn","203.0.113.7","","","","","","粤ICP备12345号","2"' "$out"
[ "$(grep -c '^"4401-hb"' <<<"$out")" = 1 ] || fail "one website"
code "review websites --unit of another unit" 0 rv websites --unit nobody --csv
[ "$(wc -l <<<"$out")" = 1 ] || fail "another unit lists nothing but the header"

# a unit whose report carries no forms (a format 1 report) lists nothing
key b ed25519
code "register u-b" 0 rv units add u-b 乙局 --key "$work/keys/b.pub"
report "$work/v1/u-b_monthly_2026-12.csv" u-b b ed25519 monthly 2026-12 2026-12-20T10:00:00 rb1
code "import a report without forms" 0 rv import "$work/v1"
code "systems of u-b" 0 rv systems --unit u-b
expect "nothing for u-b" "no report imported carries this form" "$out"

# the same in Chinese
out=$("$bin" review systems --db "$db" 2>&1)
expect "Chinese headings" "系统" "$out"
sqlite3 "$db" 'PRAGMA integrity_check' | grep -qx ok || fail "integrity_check"
finish cli_review_forms
