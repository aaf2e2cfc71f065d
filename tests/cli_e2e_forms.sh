#!/usr/bin/env bash
# cli_e2e_forms.sh: issue 13's "Done when" through the command line, as a new
# unit meets it: it registers three systems and its website, fills the
# inventory's sheet (template, import) and the survey; the half-year check
# then asks (the report's item rows, read with sqlite3) the internet item
# only of the internet-facing systems, the personal-information item only
# of the systems holding it, and each website item exactly once, for the
# website; the inventory exports in the
# annex's columns; the signed report carries the forms, which openssl
# verifies and sqlite3 reads from outside, and a changed value breaks the
# signature. Then an incident described with the facts of each rule of 003
# (第七条–第九条) at its threshold is graded as the document says, and just
# short of it is not (docs/incidents.md), and each level asks for its
# actions (4 h and 24-hour duty for I, 12 h for II, blue response for III,
# investigation within 30 days).
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
command -v openssl >/dev/null 2>&1 || { echo "cli_e2e_forms needs openssl"; exit 1; }
command -v sqlite3 >/dev/null 2>&1 || { echo "cli_e2e_forms needs sqlite3"; exit 1; }
export SELFCHECK_NOW=2026-11-21T10:00:00

example_config "output = $work/out
[signing]
key = $work/data/unit.key
algo = sm2"
sed -i "s|checklists = .*|checklists = $repo/checklists|" "$work/selfcheck.ini"
sc keygen >/dev/null 2>&1 || fail "keygen"

# ---- three systems and a website ----
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add app 网上办事系统 >/dev/null || fail "systems add app"
sc systems add env-monitor-platform 全市生态环境质量自动监测监控平台 >/dev/null || fail "systems add env-monitor-platform"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
sc inventory template --out "$work/inv.csv" 2>/dev/null || fail "inventory template"
# put VALUE into the value cell of SYSTEM's FIELD row of the sheet
put() { sed -i "/^\"$1\",\"$2\"/ s|,\"[^\"]*\"\r\$|,\"$3\"\r|" "$work/inv.csv"; }
put "" unit_name 生态环境部华南督察局
put "" credit_code 91350100M000100Y43
put "" personal_info 是
put oa release_area 专网
put oa mlps_level 二级
put oa data_types 业务数据
put oa volume 65GB
put oa storage 业务专网
put oa db_ip 10.100.248.245
put app release_area 互联网和专网
put app mlps_filing 44010043001-00001
put app mlps_level 三级
put app data_types both
put app volume 1.2TB
put app storage 托管单位
put app db_ip "59.252.101.219, 2001:DB8:0::1"
put app maintainer 易宝电脑系统（北京）有限公司
put app maintainer_contact 徐雪城
put app maintainer_phone 17600111817
put env-monitor-platform release_area 专网
put env-monitor-platform mlps_level 2
put env-monitor-platform data_types personal
put env-monitor-platform volume 3TB
put env-monitor-platform storage private
put web release_area 互联网
put web mlps_level 2
put web data_types business
put web volume 0.31TB
put web storage internet
out=$(sc inventory import "$work/inv.csv" 2>&1) || fail "inventory import: $out"
sc survey set unit_name=生态环境部华南督察局 unit_type=行政机关 >/dev/null || fail "survey unit block"
sc survey set --system web domain=www.example.gov.cn ip=59.252.101.219 launch_date=2015-06-01 \
    icp_filing=有 icp_number=京ICP备05000000号 mlps_level=2 >/dev/null || fail "survey web"

# ---- the checklists ask what applies, where it applies ----
# The asked instances are the item rows of the report (one per asked
# instance; the answer sheet lists every instance, docs/checklist-format.md).
mkdir -p "$work/out"
sc report --profile halfyear --allow-incomplete >/dev/null 2>&1 || fail "report"
csv=$(ls "$work"/out/*.csv | head -1)
sq=${csv%.csv}.sqlite
# systems_of ITEM: the systems the half-year check asks ITEM of, sorted, space-separated
systems_of() {
    sqlite3 "$sq" "SELECT system_id FROM items WHERE item_id = '$1' ORDER BY system_id" | tr '\n' ' '
}
# the internet item: the systems released on the internet (app both, web internet)
got=$(systems_of db-internet-check)
[ "$got" = "app web " ] || fail "db-internet-check asked of '$got', not of the internet-facing 'app web'"
# personal information: app (both) and env-monitor-platform (personal)
got=$(systems_of data-encrypt-storage)
[ "$got" = "app env-monitor-platform " ] || fail "data-encrypt-storage asked of '$got', not 'app env-monitor-platform'"
# each website item, once, for the website only
n_site=0
for item in $(sed -n '/^\[item\./{s/^\[item\.\(.*\)\]/\1/;h};/^show_if = system.website/{g;p}' "$repo/checklists/websites.ini"); do
    n_site=$((n_site + 1))
    got=$(systems_of "$item")
    [ "$got" = "web " ] || fail "website item $item asked of '$got', not once for web"
done
((n_site >= 9)) || fail "only $n_site website items in checklists/websites.ini"
# the other per-system items are asked of all four systems
got=$(systems_of mlps-level)
[ "$got" = "app env-monitor-platform oa web " ] || fail "mlps-level asked of '$got'"
# score counts what the report lists, and the CSV lists the same
asked=$(sc score --profile halfyear 2>&1 | sed -n 's/.*总计: 0\/\([0-9]*\) 已答.*/\1/p')
items=$(sqlite3 "$sq" "SELECT count(*) FROM items")
[ -n "$asked" ] && [ "$asked" = "$items" ] || fail "score asks $asked items, the report lists $items"
[ "$(grep -c '"db-internet-check"' "$csv")" = 2 ] || fail "the CSV report does not list db-internet-check twice"

# ---- the inventory in the annex's columns ----
sc inventory export --out "$work/清单.csv" 2>/dev/null || fail "inventory export"
header='"信息系统名称","发布区域","等级保护备案号/定级级别","包含数据类型","数据量","数据存储位置","数据库IP地址","数据库维护单位、联系人及联系方式"'
[ "$(head -1 "$work/清单.csv" | tail -c +4)" = "$header"$'\r' ] || fail "the export's header: $(head -1 "$work/清单.csv")"
expect "app's row in the annex's words" '"网上办事系统","互联网和专网","44010043001-00001/三级","业务数据、公民个人信息","1.2TB","托管单位","59.252.101.219, 2001:db8::1","易宝电脑系统（北京）有限公司 徐雪城 17600111817"' "$(cat "$work/清单.csv")"
expect "env-monitor-platform's row" '"全市生态环境质量自动监测监控平台","专网","无/二级","公民个人信息","3TB","业务专网"' "$(cat "$work/清单.csv")"
[ "$(grep -c '' "$work/清单.csv")" = 5 ] || fail "the export has not one row per system: $(cat "$work/清单.csv")"

# ---- the forms travel inside the signed report ----
for f in "$csv" "$sq"; do
    out=$(openssl pkeyutl -verify -pubin -inkey "$work/data/unit.pub" -rawin -in "$f" -sigfile "$f.sig" \
        -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
    expect "openssl verifies $(basename "$f")" "Signature Verified Successfully" "$out"
done
expect "the CSV's forms section" '"inventory","app","网上办事系统","db_ip","数据库IP地址","59.252.101.219, 2001:db8::1"' "$(cat "$csv")"
expect "the CSV's survey" '"survey","web","门户网站","domain","互联网域名","www.example.gov.cn"' "$(cat "$csv")"
got=$(sqlite3 "$sq" "SELECT value FROM form_values WHERE form='inventory' AND record='app' AND field='mlps_level'")
[ "$got" = 3 ] || fail "sqlite3: app's level in the report is '$got'"
got=$(sqlite3 "$sq" "SELECT value_title FROM form_values WHERE form='inventory' AND record='oa' AND field='release_area'")
[ "$got" = 专网 ] || fail "sqlite3: oa's release area in the report is '$got'"
got=$(sqlite3 "$sq" "SELECT count(*) FROM form_values WHERE form='survey' AND record='web'")
[ "$got" = 6 ] || fail "sqlite3: the survey of web has $got values, 6 were recorded"
got=$(sqlite3 "$sq" "SELECT value FROM form_values WHERE form='inventory' AND record='' AND field='credit_code'")
[ "$got" = 91350100M000100Y43 ] || fail "sqlite3: the unit's credit code in the report is '$got'"
sc verify "$csv" >/dev/null 2>&1 || fail "selfcheck verify of the report"
# a changed value of the forms breaks the signature
sed 's/59.252.101.219, 2001:db8::1/59.252.101.220, 2001:db8::1/' "$csv" >"$work/changed.csv"
cmp -s "$csv" "$work/changed.csv" && fail "the forms' value to change is not in the CSV"
cp "$csv.sig" "$work/changed.csv.sig"
out=$(openssl pkeyutl -verify -pubin -inkey "$work/data/unit.pub" -rawin -in "$work/changed.csv" \
    -sigfile "$work/changed.csv.sig" -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
refuse "a changed form value still verifies" "Signature Verified Successfully" "$out"

# ---- every rule of 003 at its threshold, and short of it ----
# grade 'FACTS' LEVEL CLAUSE TEXT: the facts are LEVEL (I, II, III or
# none), and the rule CLAUSE: TEXT is listed (CLAUSE '-': no rule is).
# lacks 'FACTS' CLAUSE TEXT: the rule is not listed for FACTS.
grade() {
    local out
    # shellcheck disable=SC2086
    out=$(sc incident classify $1 2>&1) || { fail "classify $1: exit $?: $out"; return; }
    [ "$(head -1 <<<"$out")" = "level: $2" ] || fail "$1: not level $2: $(head -2 <<<"$out" | tr '\n' ' ')"
    [ "$3" = - ] || expect "$1: the rule of $3" "003 $3：$4" "$out"
}
lacks() {
    local out
    # shellcheck disable=SC2086
    out=$(sc incident classify $1 2>&1) || { fail "classify $1: exit $?: $out"; return; }
    refuse "$1: not the rule of $2" "003 $2：$3" "$out"
}
grade "mlps_level=3 attack=large" I "第七条(一)" "等保三级（含）以上信息系统遭受大规模攻击"
grade "mlps_level=2 attack=large" II "第八条(二)" "等保二级信息系统遭受大规模攻击"
lacks "mlps_level=2 attack=large" "第七条(一)" "等保三级"
grade "mlps_level=3 outage=long" I "第七条(一)" "等保三级（含）以上信息系统遭受严重损害"
grade "mlps_level=2 outage=long" II "第八条(二)" "等保二级信息系统遭受严重损害"
grade "secrets=yes" I "第七条(二)" "国家秘密信息、关键数据丢失"
grade "secrets=no" none -
grade "pi_records=1000000" I "第七条(二)" "重要敏感信息（公民个人信息100万条及以上）"
grade "pi_records=1000000" I "第八条(三)" "重要敏感信息（公民个人信息10万条及以上）"
grade "pi_records=999999" II "第八条(三)" "重要敏感信息（公民个人信息10万条及以上）"
grade "pi_records=100000" II "第八条(三)" "重要敏感信息（公民个人信息10万条及以上）"
grade "pi_records=99999" III "第九条(二)" "重要敏感信息（公民个人信息10万条以下）"
grade "pi_records=1" III "第九条(二)" "重要敏感信息（公民个人信息10万条以下）"
grade "pi_records=0" none -
grade "defaced=political" I "第七条(三)" "网站（含信息系统）页面遭黑客攻击篡改，张贴反党"
grade "defaced=political" I "第八条(四)" "网站（含信息系统）遭黑客攻击篡改"
grade "defaced=yes" II "第八条(四)" "网站（含信息系统）遭黑客攻击篡改"
lacks "defaced=yes" "第七条(三)" "网站"
grade "defaced=no" none -
grade "media=yes" I "第七条(四)" "有主流媒体介入报道"
grade "posts=100 media=yes" I "第七条(四)" "有主流媒体介入报道"
lacks "posts=100 media=yes" "第九条(四)" "新媒体"
grade "posts=5001" I "第七条(四)" "跟帖量、评论量超过5000篇/条"
grade "posts=5000" II "第八条(七)" "新媒体和网站出现涉及全市生态环境领域敏感信息"
grade "posts=101" II "第八条(七)" "新媒体和网站出现涉及全市生态环境领域敏感信息"
grade "posts=100" III "第九条(四)" "新媒体和网站出现询问、质疑、诉求和不实报道"
grade "posts=1" III "第九条(四)" "新媒体和网站出现询问"
grade "posts=0" none -
grade "impact=serious" I "第七条(五)" "其他对国家安全、社会秩序、经济建设和公众利益构成严重威胁"
grade "impact=considerable" II "第八条(八)" "其他对国家安全、社会秩序、经济建设和公众利益构成较严重威胁"
grade "impact=some" III "第九条(五)" "其他对国家安全、社会秩序、经济建设和公众利益构成一定威胁"
grade "mlps_level=3 attack=small" II "第八条(一)" "等保三级（含）以上信息系统遭受小规模攻击"
grade "mlps_level=4 attack=small" II "第八条(一)" "等保三级（含）以上信息系统遭受小规模攻击"
grade "mlps_level=2 attack=small" III "第九条(一)" "等保二级信息系统遭受小规模攻击"
grade "mlps_level=1 attack=small" none -
grade "mlps_level=1 attack=large" none -
grade "mlps_level=3 outage=short" II "第八条(一)" "等保三级（含）以上信息系统遭受损害，造成系统短时间服务中断"
grade "mlps_level=2 outage=short" III "第九条(一)" "等保二级信息系统遭受损害，造成系统短时间服务中断"
grade "mlps_level=1 outage=long" none -
grade "data=general" II "第八条(三)" "一般数据丢失"
grade "data=ordinary" III "第九条(二)" "普通数据丢失"
grade "mlps_level=2 vuln=high" II "第八条(五)" "等保二级（含）以上信息系统存在高危（含）以上漏洞"
grade "mlps_level=3 vuln=high" II "第八条(五)" "等保二级（含）以上信息系统存在高危（含）以上漏洞"
grade "mlps_level=1 vuln=high" none -
grade "mlps_level=2 vuln=medium" III "第九条(三)" "等保二级（含）以上信息系统存在中危、低危漏洞"
grade "mlps_level=2 vuln=low" III "第九条(三)" "等保二级（含）以上信息系统存在中危、低危漏洞"
grade "mlps_level=2 vuln=none" none -
grade "terminal=yes" II "第八条(六)" "网络输出终端出现反党、反动、恐怖等不明信息"
# several rules: the highest wins and every one is listed (the worked example)
worked="mlps_level=3 attack=small outage=short pi_records=120000 posts=80"
grade "$worked" II "第八条(一)" "等保三级（含）以上信息系统遭受小规模攻击"
grade "$worked" II "第八条(三)" "重要敏感信息（公民个人信息10万条及以上）"
grade "$worked" II "第九条(四)" "新媒体和网站出现询问"
# what each level requires, with its clause
out=$(sc incident classify defaced=political)
expect "level I: red" "warning: red" "$out"
expect "level I: public opinion within 4 hours" "4小时" "$out"
expect "level I: 24-hour duty" "24小时" "$out"
expect "level I: investigated within 30 days" "30日内" "$out"
expect "level I: the incident command" "第十八条" "$out"
out=$(sc incident classify defaced=yes)
expect "level II: yellow" "warning: yellow" "$out"
expect "level II: public opinion within 12 hours" "12小时" "$out"
refuse "level II: no 24-hour duty" "24小时" "$out"
expect "level II: investigated within 30 days" "30日内" "$out"
out=$(sc incident classify posts=1)
expect "level III: blue" "warning: blue" "$out"
expect "level III: the blue response" "003 第二十条" "$out"
expect "level III: investigated within 30 days" "30日内" "$out"
finish cli_e2e_forms
