#!/usr/bin/env bash
# cli_forms_gating.sh: the inventory decides the per-system questions, and
# score points out answers that contradict it: the template of
# fixtures/gating.ini asks the internet, personal-data, hosting and level-3
# items only of the systems the inventory says they apply to, the website
# item once per site of the survey; a hosted system answered "na" for its
# hosting item and a level answer that differs are listed by score.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

forms_unit "$repo/tests/fixtures/gating.ini"

# asked: internet-boundary for app and web, pi-encrypted for app, website-id
# for web, hosting-contract for app, assessment-l3 for app, level for all three
out=$(sc score 2>&1)
expect "only the items that apply are asked" "总计: 0/13 已答" "$out"
sc template --out "$work/sheet.csv" 2>/dev/null || fail "template"
answer() { fill_in "$1" gating "$2" "$3" "\"$4\",\"\",\"\",\"\""; }
answer "$work/sheet.csv" hosting-contract app na
answer "$work/sheet.csv" level app l2
answer "$work/sheet.csv" level oa l2
answer "$work/sheet.csv" hosted app no
answer "$work/sheet.csv" has-sites "" no
sc answer --from "$work/sheet.csv" >/dev/null 2>&1 || fail "answer"
out=$(sc score 2>&1)
expect "score lists the contradictions" "与数据资产清单不符（4 处）" "$out"
expect "the hosting item answered na" "gating/hosting-contract (网上办事系统): 回答为不适用，但数据资产清单记录 storage = hosting，此项适用" "$out"
expect "the level that differs" "gating/level (网上办事系统): 回答为 二级，但数据资产清单记录 mlps_level = 3" "$out"
expect "a hosted system said not hosted" "gating/hosted (网上办事系统): 回答为 否，但数据资产清单记录 storage = hosting" "$out"
expect "no websites, with one in the survey" "gating/has-sites: 回答为 否，但网站调查表记录 门户网站 的 website = yes" "$out"
refuse "an agreeing level is no contradiction" "(办公自动化系统)" "$(grep -A3 '不符' <<<"$out")"

out=$("$bin" lint "$repo/tests/fixtures/gating.ini" 2>&1) || fail "gating.ini does not lint: $out"

finish cli_forms_gating
