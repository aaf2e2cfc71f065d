#!/usr/bin/env bash
# cli_record_limits.sh: the size limits of recorded text and the refusal of
# control characters (record_limits.h, docs/security.md "Size limits"), as
# the answer store enforces them for every way of recording: a note of 16 KiB
# and an owner of 200 bytes are recorded, one byte more is refused at its
# line; a free-text answer likewise; a sheet that would take the check's
# texts over 16 MiB is refused, and the same sheet recorded twice is not
# counted twice; a system name with a line break or an escape sequence, of
# more than 200 bytes, or a 101st system is refused. Text stored before these
# checks (written here with sqlite3) is printed safely by score and systems
# list: no ESC reaches the terminal.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00 LANGUAGE=zh_CN
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed to inspect the store"; exit 1; }
example_config
db=$work/data/selfcheck.db
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc template --profile halfyear --out "$work/blank.csv" >/dev/null 2>&1 || fail "template"
x() { head -c "$1" /dev/zero | tr '\0' x; }
answers() { sqlite3 "$db" "SELECT count(*) FROM answers"; }

# ---- one text: at the limit recorded, one byte over refused ----
cp "$work/blank.csv" "$work/at.csv"
fill "$work/at.csv" backup-frequency '' "\"weekly\",\"$(x 16384)\",\"$(x 200)\",\"\""
fill "$work/at.csv" backup-notes '' "\"$(x 16384)\",\"\",\"\",\"\""
out=$(sc answer --profile halfyear --from "$work/at.csv" 2>&1) || fail "a note of 16384 bytes and an owner of 200: $out"
[ "$(sqlite3 "$db" "SELECT length(note) || ' ' || length(remediation_owner) FROM answers WHERE item_id = 'backup-frequency'")" = "16384 200" ] ||
    fail "the note and owner at the limit were not recorded whole"
stored=$(sqlite3 "$db" .dump)
for cells in "\"weekly\",\"$(x 16385)\",\"\",\"\"|note: 长度为 16385 字节，超过允许的 16384 字节" \
    "\"weekly\",\"\",\"$(x 201)\",\"\"|remediation_owner: 长度为 201 字节，超过允许的 200 字节"; do
    cp "$work/blank.csv" "$work/over.csv"
    fill "$work/over.csv" backup-frequency '' "${cells%%|*}"
    out=$(sc answer --profile halfyear --from "$work/over.csv" 2>&1); rc=$?
    [ $rc -eq 3 ] || fail "${cells#*|}: exit $rc, expected 3"
    line=$(grep -n '"backup-frequency"' "$work/over.csv" | cut -d: -f1)
    expect "one byte over" "$work/over.csv:$line: backup-frequency: ${cells#*|}" "$out"
done
cp "$work/blank.csv" "$work/over.csv"
fill "$work/over.csv" backup-notes '' "\"$(x 16385)\",\"\",\"\",\"\""
out=$(sc answer --profile halfyear --from "$work/over.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "a free-text answer of 16385 bytes: exit $rc, expected 3"
expect "a free-text answer over the limit" "backup-notes: 长度为 16385 字节，超过允许的 16384 字节" "$out"
[ "$(sqlite3 "$db" .dump)" = "$stored" ] || fail "a refused sheet changed the store"

# ---- the total of one check ----
mkdir -p "$work/many"
awk 'BEGIN {
    print "[checklist]\nid = many\nversion = 1\ntitle_zh = 多\ntitle_en = Many\n"
    for (i = 1; i <= 600; i++)
        printf "[item.t%d]\nquestion_zh = 说明%d？\nquestion_en = Text %d?\nsource = 004\ntype = text\nprofiles = monthly\n\n", i, i, i
}' >"$work/many/many.ini"
cat >"$work/many.ini" <<EOF2
[unit]
code = 4401-hb
name = 示例局
[paths]
checklists = $work/many/many.ini
data = $work/many-data
EOF2
many() { "$bin" --config "$work/many.ini" "$@"; }
many template --out "$work/many.csv" >/dev/null 2>&1 || fail "template of 600 text items"
cp "$work/many.csv" "$work/half.csv"
note=$(x 16000)
# 300 rows of two 16,000-byte texts: 9.6 MB, under the 16 MiB
sed -i "/,\"many\",\"t\([1-9]\|[1-9][0-9]\|[12][0-9][0-9]\|300\)\",/ s|,\"\",\"\",\"\",\"\",|,\"$note\",\"$note\",\"\",\"\",|" "$work/half.csv"
out=$(many answer --from "$work/half.csv" 2>&1) || fail "9.6 MB of texts: $out"
out=$(many answer --from "$work/half.csv" 2>&1) || fail "the same sheet again (its texts replace themselves): $out"
expect "the same sheet again" "已导入 300 个回答" "$out"
before=$(sqlite3 "$work/many-data/selfcheck.db" .dump | sha256sum)
cp "$work/many.csv" "$work/all.csv"
sed -i "/,\"many\",/ s|,\"\",\"\",\"\",\"\",|,\"$note\",\"$note\",\"\",\"\",|" "$work/all.csv"
out=$(many answer --from "$work/all.csv" 2>&1); rc=$?
[ $rc -eq 3 ] || fail "19.2 MB of texts: exit $rc, expected 3"
expect "over the total" "$work/all.csv: 本次检查的答案、说明和整改责任人合计将达 19200000 字节，超过允许的 16777216 字节" "$out"
[ "$(sqlite3 "$work/many-data/selfcheck.db" .dump | sha256sum)" = "$before" ] || fail "the sheet over the total changed the store"

# ---- systems ----
out=$(sc systems add web $'x\n\x1b[2J' 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a system name with a line break and ESC: exit $rc, expected 2"
expect "a name with a line break" "系统“web”的名称：第 2 字节为控制字符或换行（U+000A）：名称只能是一行文字" "$out"
out=$(sc systems add web $'门户\x1b]0;x\x07' 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a system name with an OSC: exit $rc, expected 2"
expect "a name with ESC" "第 7 字节为控制字符或换行（U+001B）" "$out"
out=$(sc systems add web "$(x 201)" 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a system name of 201 bytes: exit $rc, expected 2"
expect "a long name" "长度为 201 字节，超过允许的 200 字节" "$out"
sc systems add web "$(x 200)" >/dev/null || fail "a system name of 200 bytes"
sqlite3 "$db" "WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
               INSERT INTO systems (id, name, added_at) SELECT 's' || i, 'S' || i, '2026-11-01T00:00:00' FROM n"
out=$(sc systems add s101 第一百零一个 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a 101st system: exit $rc, expected 2"
expect "a 101st system" "已登记 100 个系统，已达一个单位的上限：请先删除一个" "$out"
sqlite3 "$db" "DELETE FROM systems WHERE id LIKE 's%' OR id = 'web'"

# ---- text stored before the checks is printed safely ----
sqlite3 "$db" "UPDATE systems SET name = '办公' || char(27) || '[2J' || char(10) || '假的一行' WHERE id = 'oa';
               UPDATE answers SET remediation_owner = '王五' || char(27) || ']0;pwned' || char(7) WHERE item_id = 'backup-frequency'"
cp "$work/blank.csv" "$work/finding.csv"
fill "$work/finding.csv" backup-daily oa '"no","","",""'
sc answer --profile halfyear --from "$work/finding.csv" >/dev/null 2>&1 || fail "a finding for oa"
sqlite3 "$db" "UPDATE answers SET remediation_owner = '赵六' || char(27) || '[31m' WHERE item_id = 'backup-daily'"
# the assessment's copy of the system's name, as a completed check keeps it
sqlite3 "$db" "UPDATE assessment_systems SET system_name = (SELECT name FROM systems WHERE id = 'oa')"
for args in "systems list" "score --profile halfyear"; do
    # shellcheck disable=SC2086
    out=$(sc $args 2>&1)
    refuse "$args prints no ESC" $'\x1b' "$out"
    refuse "$args prints no BEL" $'\x07' "$out"
done
out=$(sc systems list 2>&1)
expect "systems list shows the name made safe" "办公?[2J / 假的一行" "$out"
out=$(sc score --profile halfyear 2>&1)
expect "score shows the owner made safe" "赵六?[31m" "$out"
finish cli_record_limits
