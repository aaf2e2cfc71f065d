#!/usr/bin/env bash
# cli_bundled_gating.sh: the bundled checklists follow the annex forms, as a
# new unit would find: with three systems, one of them its website, the
# half-year check asks the internet database check only of the
# internet-facing systems, the encrypted storage of personal information only
# of the systems holding it, and the nine site items once per site of the
# website survey; each change of the inventory or the survey changes the
# count of asked items by exactly those items (docs/checklists.md).
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

example_config
sed -i "s|checklists = .*|checklists = $repo/checklists|" "$work/selfcheck.ini"
sc systems add app 网上办事系统 >/dev/null || fail "systems add app"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
sc inventory set --system app release_area=both data_types=both storage=hosting mlps_level=3 >/dev/null ||
    fail "inventory app"
sc inventory set --system oa release_area=private data_types=business storage=private mlps_level=2 >/dev/null ||
    fail "inventory oa"
sc inventory set --system web release_area=internet data_types=business storage=internet mlps_level=2 >/dev/null ||
    fail "inventory web"
sc survey set --system web domain=www.example.gov.cn >/dev/null || fail "survey web"

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

finish cli_bundled_gating
