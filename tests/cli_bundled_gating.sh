#!/usr/bin/env bash
# cli_bundled_gating.sh: the bundled checklists follow the annex forms, as a
# new unit would find: with three systems, one of them its website, the
# half-year check asks the internet database check only of the
# internet-facing systems, the encrypted storage of personal information only
# of the systems holding it, and the nine site items once per site of the
# website survey; each change of the inventory or the survey changes the
# count of asked items by exactly those items (docs/checklists.md). The
# assessment-interval item asked of each system follows its level in the
# inventory, else the answer to mlps-level.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

forms_unit "$repo/checklists"

# asked COUNT: the number of items the half-year check asks now
asked() { sc score --profile halfyear 2>&1 | sed -n 's/.*总计: 0\/\([0-9]*\) 已答.*/\1/p'; }
base=$(asked)
[ -n "$base" ] || fail "score shows no count: $(sc score --profile halfyear 2>&1 | tail -3)"

# oa goes on the internet: db-internet-check is asked of it too
sc inventory set --system oa release_area=both >/dev/null || fail "oa on the internet"
[ "$(asked)" = $((base + 1)) ] || fail "oa on the internet: $(asked) asked, not $((base + 1))"
# and it holds personal information: data-encrypt-storage is asked of it
sc inventory set --system oa data_types=personal >/dev/null || fail "oa personal"
[ "$(asked)" = $((base + 2)) ] || fail "oa with personal information: $(asked) asked, not $((base + 2))"
# oa becomes a website of the survey: the nine site items, once for it
sc survey set --system oa domain=oa.example.gov.cn >/dev/null || fail "survey oa"
[ "$(asked)" = $((base + 11)) ] || fail "oa a website: $(asked) asked, not $((base + 11))"
# and back: app leaves the internet and holds no personal information
sc inventory set --system app release_area=private data_types=business >/dev/null || fail "app private"
[ "$(asked)" = $((base + 9)) ] || fail "app private: $(asked) asked, not $((base + 9))"

# The assessment-interval item follows the inventory's level (the yearly
# level-3 item, the half-yearly level-4 one, the two-yearly level-2 one),
# and the answer to mlps-level only where the inventory gives no level.
# Every instance of the three is answered "never", so that score lists those
# asked among its findings: "ITEM SYSTEM" a line each.
sc template --profile halfyear --out "$work/sheet.csv" >/dev/null 2>&1 || fail "template"
for item in mlps-assessment-l2 mlps-assessment-l3 mlps-assessment-l4; do
    for system in app oa web; do fill_in "$work/sheet.csv" mlps-change $item $system '"never","","",""'; done
done
sc answer --from "$work/sheet.csv" >/dev/null 2>&1 || fail "answer the interval items"
intervals() {
    sc score --profile halfyear 2>&1 | sed -n 's/.*\(mlps-assessment-l[234]\)（系统 \([^）]*\)）.*/\2 \1/p' | sort -u |
        tr '\n' ' '
}
expect "by the inventory: level 3 yearly, level 2 every two years" \
    "办公自动化系统 mlps-assessment-l2 网上办事系统 mlps-assessment-l3 门户网站 mlps-assessment-l2 " "$(intervals)"
sc inventory set --system oa mlps_level=4 >/dev/null || fail "oa level 4"
expect "oa of level 4: the half-yearly item" \
    "办公自动化系统 mlps-assessment-l4 网上办事系统 mlps-assessment-l3 门户网站 mlps-assessment-l2 " "$(intervals)"
sc inventory set --system web mlps_level= >/dev/null || fail "web's level cleared"
expect "no level recorded, none answered: no interval item" \
    "办公自动化系统 mlps-assessment-l4 网上办事系统 mlps-assessment-l3 " "$(intervals)"
fill_in "$work/sheet.csv" mlps-change mlps-level web '"l3","","",""'
fill_in "$work/sheet.csv" mlps-change mlps-level app '"l2","","",""'
sc answer --from "$work/sheet.csv" >/dev/null 2>&1 || fail "answer the levels"
expect "no level recorded: the answer decides; recorded: the inventory, whatever the answer" \
    "办公自动化系统 mlps-assessment-l4 网上办事系统 mlps-assessment-l3 门户网站 mlps-assessment-l3 " "$(intervals)"
expect "the level answered otherwise is pointed out" \
    "mlps-change/mlps-level (网上办事系统): 回答为 二级，但数据资产清单记录 mlps_level = 3" "$(sc score --profile halfyear 2>&1)"

finish cli_bundled_gating
