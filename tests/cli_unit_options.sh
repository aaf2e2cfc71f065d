#!/usr/bin/env bash
# cli_unit_options.sh: small things the unit's staff meet on the command
# line: a change period (DATE@SYSTEM) names its profile, so score and
# template need no --profile change, as run does; report --key given the
# public key says first that it is the public key (not "chmod 600"); lint
# names an unknown key of an item even when the item's type is missing.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00
mkdir -p "$work/reports"
example_config "output = $work/reports"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"

# ---- the profile from the period ----
out=$(sc template --period 2026-11-15@oa --out "$work/change.csv" 2>&1) || fail "template @oa: $out"
expect "template takes 2026-11-15@oa as a change period" "2026-11-15@oa" "$out"
grep -q "mlps-last-change" "$work/change.csv" || fail "the change sheet lacks the change item"
out=$(sc score --period 2026-11-15@oa 2>&1)
refuse "score does not read 2026-11-15@oa as a month" "不是月份" "$out"
refuse "score does not read 2026-11-15@oa as a month (en)" "not a month" "$out"
# a period that is no form at all is still refused with the form expected
out=$(sc score --period soon 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "score --period soon: exit $rc, expected 2"
expect "a bad period is named" "soon" "$out"

# ---- report --key with the public key ----
(cd "$work" && sc keygen --out unit >/dev/null) || fail "keygen"
chmod 644 "$work/unit.pub"
out=$(sc report --key "$work/unit.pub" --allow-incomplete 2>&1)
rc=$?
[ $rc -eq 9 ] || fail "report --key unit.pub: exit $rc, expected 9"
expect "report --key unit.pub says it is a public key" "unit.pub 是公钥" "$out"
refuse "report --key unit.pub does not ask for chmod" "chmod" "$out"
[ -z "$(ls "$work/reports")" ] || fail "report --key unit.pub wrote files: $(ls "$work/reports")"
out=$(LANGUAGE=en sc report --key "$work/unit.pub" --allow-incomplete 2>&1)
expect "the same in English" "unit.pub is a public key" "$out"

# ---- lint names an unknown key beside the missing type ----
cat >"$work/typo.ini" <<'EOF2'
[checklist]
id = typo
version = 1
title_zh = 拼写
title_en = Typo

[item.a]
question_zh = 是否备份？
question_en = Backed up?
source = 000
typ = yesno
severity = high
profiles = monthly
EOF2
out=$(LANGUAGE=en "$bin" lint "$work/typo.ini" 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "lint typo.ini: exit $rc, expected 1"
expect "lint names the unknown key at its line" "typo.ini:11: unknown key 'typ'" "$out"
expect "lint still says the type is missing" "needs 'type'" "$out"
finish cli_unit_options
