#!/usr/bin/env bash
# cli_forms.sh: the data asset inventory (000 附) through the real binary:
# set and show, the export in the annex's columns (header alone when empty),
# template -> fill -> import, a bad sheet refused with FILE:LINE for every
# bad row and nothing recorded, and the exit codes of docs/forms.md.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

example_config
header='"信息系统名称","发布区域","等级保护备案号/定级级别","包含数据类型","数据量","数据存储位置","数据库IP地址","数据库维护单位、联系人及联系方式"'

sc inventory export --out "$work/empty.csv" 2>/dev/null || fail "export of an empty inventory"
head -c 3 "$work/empty.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "export has no UTF-8 BOM"
[ "$(tail -c +4 "$work/empty.csv")" = "$header"$'\r' ] || fail "empty export is not the header alone: $(cat "$work/empty.csv")"
out=$(sc inventory export --out "$work/empty.csv" 2>&1); rc=$?
[ $rc -eq 8 ] || fail "export over an existing file: exit $rc, expected 8: $out"

sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 华南督察局网站 >/dev/null || fail "systems add web"
sc inventory set unit_name=生态环境部华南督察局 credit_code=91350100M000100Y43 security_mobile=13812345678 \
    >/dev/null || fail "set the unit block"
out=$(sc inventory set credit_code=91350100M000100Y34 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a credit code with a wrong check character: exit $rc, expected 2: $out"
expect "the bad credit code is named" 'credit_code：“91350100M000100Y34”的校验码' "$out"
out=$(sc inventory set --system nope volume=1GB 2>&1); rc=$?
[ $rc -eq 6 ] || fail "an unknown system: exit $rc, expected 6: $out"
out=$(sc inventory set --system oa volume=65GB mlps_level=7 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a level 7: exit $rc, expected 2: $out"
sc inventory set --system oa release_area=专网 mlps_level=2 data_types=both volume=65GB storage=private \
    db_ip=10.100.248.245 >/dev/null || fail "set oa"
out=$(sc inventory show --system oa)
expect "show gives the annex's words" "release_area             专网" "$out"
refuse "a refused set records nothing of its command line" "65GB" "$(sc inventory show --system web)"

sc inventory template --out "$work/inv.csv" 2>/dev/null || fail "template"
grep -q '^"","credit_code","统一社会信用代码","credit-code","91350100M000100Y43"'$'\r$' "$work/inv.csv" ||
    fail "the template does not carry what is recorded"
cp "$work/inv.csv" "$work/bad.csv"
sed -i '/^"web","volume"/ s/,""\r$/,"0.31G"\r/' "$work/bad.csv"
sed -i '/^"web","db_ip"/ s/,""\r$/,"59.252.101.300"\r/' "$work/bad.csv"
sed -i '/^"web","release_area"/ s/,""\r$/,"互联网"\r/' "$work/bad.csv"
l1=$(grep -n '^"web","volume"' "$work/bad.csv" | cut -d: -f1)
l2=$(grep -n '^"web","db_ip"' "$work/bad.csv" | cut -d: -f1)
out=$(sc inventory import "$work/bad.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "bad inventory sheet: exit $rc, expected 3: $out"
expect "bad sheet names the volume's line" "bad.csv:$l1: volume：“0.31G”" "$out"
expect "bad sheet names the address's line" "bad.csv:$l2: db_ip" "$out"
expect "bad sheet counts its problems" "bad.csv：发现 2 处问题，整张表都没有导入" "$out"
refuse "nothing of a bad sheet is recorded" "互联网" "$(sc inventory show --system web)"

fill() { sed -i "/^\"$2\",\"$3\"/ s|,\"[^\"]*\"\r\$|,\"$4\"\r|" "$1"; }
fill "$work/inv.csv" web release_area 互联网
fill "$work/inv.csv" web mlps_filing 44010043001-00001
fill "$work/inv.csv" web mlps_level 二级
fill "$work/inv.csv" web data_types business
fill "$work/inv.csv" web volume 0.31TB
fill "$work/inv.csv" web storage 托管单位
fill "$work/inv.csv" web db_ip '59.252.101.219, 2001:db8::1'
fill "$work/inv.csv" web maintainer 易宝电脑系统（北京）有限公司
fill "$work/inv.csv" web maintainer_contact 徐雪城
fill "$work/inv.csv" web maintainer_phone 17600111817
out=$(sc inventory import "$work/inv.csv" 2>&1) || fail "import: $out"
sc inventory export --out "$work/inv-export.csv" 2>/dev/null || fail "export"
expected="$header"$'\r\n''"办公自动化系统","专网","无/二级","业务数据、公民个人信息","65GB","业务专网","10.100.248.245",""'$'\r\n''"华南督察局网站","互联网","44010043001-00001/二级","业务数据","0.31TB","托管单位","59.252.101.219, 2001:db8::1","易宝电脑系统（北京）有限公司 徐雪城 17600111817"'$'\r'
[ "$(tail -c +4 "$work/inv-export.csv")" = "$expected" ] || fail "export: $(cat "$work/inv-export.csv")"

# the website survey: same commands, the form's own titles, one row per site
sc survey export --out "$work/survey-empty.csv" 2>/dev/null || fail "survey export, empty"
[ "$(tail -c +4 "$work/survey-empty.csv" | grep -c '')" = 1 ] || fail "empty survey is not the header alone"
sc survey set unit_name=生态环境部华南督察局 unit_type=行政机关 >/dev/null || fail "survey set unit"
sc survey set --system web domain=WWW.Example.gov.cn ip=59.252.101.219 launch_date=2015-6-1 mlps_level=2 \
    icp_filing=有 >/dev/null || fail "survey set web"
out=$(sc survey set --system web launch_date=2015-02-30 2>&1); rc=$?
[ $rc -eq 2 ] || fail "survey: a bad date: exit $rc, expected 2: $out"
sc survey export --out "$work/survey.csv" 2>/dev/null || fail "survey export"
tail -c +4 "$work/survey.csv" | head -1 | grep -q '^"单位名称","单位地址","单位类型","分管网站(应用)建设工作的领导 姓名"' ||
    fail "survey header: $(head -1 "$work/survey.csv")"
[ "$(grep -c '' "$work/survey.csv")" = 2 ] || fail "survey has not one row for one site: $(cat "$work/survey.csv")"
expect "survey row" '"华南督察局网站","www.example.gov.cn","59.252.101.219","2015-06-01","","","","有","","二级"' \
    "$(cat "$work/survey.csv")"
sc survey template --out "$work/survey-sheet.csv" 2>/dev/null || fail "survey template"
sed -i '/^"web","filled_on"/ s/,""\r$/,"yesterday"\r/' "$work/survey-sheet.csv"
l=$(grep -n '^"web","filled_on"' "$work/survey-sheet.csv" | cut -d: -f1)
out=$(sc survey import "$work/survey-sheet.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "bad survey sheet: exit $rc, expected 3: $out"
expect "bad survey sheet names its line" "survey-sheet.csv:$l: filled_on" "$out"

out=$(sc inventory import "$work/missing.csv" 2>&1); rc=$?
[ $rc -eq 5 ] || fail "import of a missing file: exit $rc, expected 5: $out"

# in English for a unit that set [ui] lang = en
example_config $'[ui]\nlang = en'
out=$(sc inventory set --system oa volume=65 2>&1)
expect "the volume error in English" 'volume: "65" is not a volume with its unit' "$out"
out=$(sc inventory 2>&1); rc=$?
[ $rc -eq 2 ] || fail "inventory without an action: exit $rc, expected 2"
"$bin" inventory --help >/dev/null || fail "inventory --help"

finish cli_forms
