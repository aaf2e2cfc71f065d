#!/usr/bin/env bash
# cli_show_if.sh: show_if chains are evaluated in linear time and bounded.
# (Each run over 10,000 items still takes seconds: iniparser's dictionary
# looks keys up one by one.) A checklist of 10,000 items, each shown only when the one before is "yes",
# loads, makes a template and asks the right items after an answer in the
# middle is "no"; a chain over CHECKLIST_MAX_SHOW_IF_DEPTH is refused with
# its line, and conditions that form a loop are named as one.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00

# chain N FILE: N items c1..cN, c(i) shown when c(i-1) is yes
chain() {
    awk -v n="$1" 'BEGIN {
        print "[checklist]\nid = chain\nversion = 1\ntitle_zh = 链\ntitle_en = Chain\n"
        for (i = 1; i <= n; i++) {
            printf "[item.c%d]\nquestion_zh = 第%d项？\nquestion_en = Item %d?\nsource = 000\n", i, i, i
            printf "type = yesno\nseverity = low\nprofiles = monthly\n"
            if (i > 1) printf "show_if = c%d: yes\n", i - 1
            print ""
        }
    }' >"$2"
}
config() {
    cat >"$work/selfcheck.ini" <<EOF2
[unit]
code = 4401-hb
name = 示例局
assessor = 张三
[paths]
checklists = $1
data = $work/data
EOF2
}

mkdir -p "$work/long"
chain 10000 "$work/long/chain.ini"
config "$work/long"
sc template --out "$work/sheet.csv" 2>/dev/null || fail "template of a chain of 10000"
rows=$(grep -c ',"chain","c' "$work/sheet.csv")
[ "$rows" = 10000 ] || fail "template of a chain of 10000 has $rows rows"
# every answer yes but c5000 no: c5001..c10000 are hidden
sed -i '/,"chain",/ s/,"","","","",/,"yes","","","",/; /,"chain","c5000",/ s/,"yes",/,"no",/' "$work/sheet.csv"
out=$(LANGUAGE=zh_CN sc answer --from "$work/sheet.csv" 2>&1) || fail "answer a chain of 10000: $out"
expect "c5001..c10000 hidden" "已导入 10000 个回答（来自 $work/sheet.csv）；5000/5000 项已答" "$out"

mkdir -p "$work/deep"
chain 10002 "$work/deep/chain.ini"
config "$work/deep"
out=$(LANGUAGE=en sc lint 2>&1); rc=$?
[ $rc -eq 1 ] || fail "lint of a chain of 10002: exit $rc, expected 1"
line=$(grep -n '^show_if = c10001: yes$' "$work/deep/chain.ini" | cut -d: -f1)
expect "too deep a chain" "chain.ini:$line: 'show_if' makes a chain of more than 10000 conditions" "$out"
refuse "only the last item is too deep" "chain.ini:$((line - 9)):" "$out"
out=$(LANGUAGE=zh_CN sc lint 2>&1)
expect "too deep a chain in Chinese" "chain.ini:$line: 'show_if' 形成了超过 10000 个条件的连锁" "$out"

mkdir -p "$work/loop"
cat >"$work/loop/loop.ini" <<'EOF2'
[checklist]
id = loop
version = 1
title_zh = 环
title_en = Loop

[item.a]
question_zh = 甲？
question_en = A?
source = 000
type = yesno
severity = low
profiles = monthly
show_if = c: yes

[item.b]
question_zh = 乙？
question_en = B?
source = 000
type = yesno
severity = low
profiles = monthly
show_if = a: yes

[item.c]
question_zh = 丙？
question_en = C?
source = 000
type = yesno
severity = low
profiles = monthly
show_if = b: yes
EOF2
out=$(LANGUAGE=en "$bin" lint "$work/loop/loop.ini" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "lint of a loop: exit $rc, expected 1"
expect "a loop is named" "loop.ini:14: the 'show_if' conditions form a loop of 3 items: a -> c -> b -> a" "$out"
expect "a loop names the later item" "loop.ini:14: 'show_if' names 'c', which is not an earlier item" "$out"
out=$(LANGUAGE=zh_CN "$bin" lint "$work/loop/loop.ini" 2>&1)
expect "a loop is named in Chinese" "loop.ini:14: 'show_if' 条件构成了 3 个检查项的循环：a -> c -> b -> a" "$out"

exit $((failures > 0))
