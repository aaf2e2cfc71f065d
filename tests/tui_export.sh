#!/usr/bin/env bash
# tui_export.sh: the first run asks for the unit and generates its signing
# key; the monthly check is completed from the keyboard; Sign & export writes
# the report and shows the files, the key id and the openssl command, and
# that command verifies every file (SM2), while a changed file fails. Then an
# incomplete Ed25519 export: confirmed, key generated on the spot, verified.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# ---- first run: the screen asks for the unit, checks it, makes the key, saves the config ----
mkdir -p "$work/u"
cfg=$work/u/selfcheck.ini
cat >"$cfg" <<EOF2
[paths]
checklists = $repo/checklists
data = $work/u/data
output = $work/u/out
[signing]
key = $work/u/data/unit.key
EOF2
start s 80 24 "$cfg"
wait_for s "首次使用"
wait_for s "[x] 生成本单位的签名密钥（"
# the code is checked as it is typed; the name, once left empty, says it is required
keys s "bad code!"
wait_for s "只能用字母、数字、- 和 _（不能有空格）。"
keys s Tab Tab
wait_for s "必须填写。"
# Esc with something typed asks first; any other key goes back to the form
keys s Escape
wait_for s "再按 Esc 退出"
keys s Down
wait_gone s "再按 Esc 退出"
expect "the typed code is still there" "bad code!" "$(screen s)"
keys s Tab Tab
keys s Enter
wait_for s "单位代码：只能用字母"
keys s C-u 4401-hb Tab
keys s 示例局 Tab
keys s 张三 Tab Tab
keys s Enter
wait_for s "到期的检查"
grep -q '4401-hb' "$cfg" || fail "unit code not saved in $cfg"
grep -q '示例局' "$cfg" || fail "unit name not saved in $cfg"
grep -q '张三' "$cfg" || fail "assessor not saved in $cfg"
[ -f "$work/u/data/unit.key" ] && [ -f "$work/u/data/unit.pub" ] || fail "no key pair generated"
[ "$(stat -c %a "$work/u/data/unit.key" 2>/dev/null)" = 600 ] || fail "private key is not mode 600"
# the message with the new key's id does not fit one line: it takes two, and the id is whole
id=$(cd "$work/u/data" && openssl pkey -pubin -in unit.pub -outform DER | sha256sum | cut -d' ' -f1)
expect "the setup message shows the whole key id" "$id" "$(screen s | tail -2)"

# ---- complete the monthly check, then sign and export ----
keys s Enter
wait_for s "每月例行检查 2026-11"
complete s zh
keys s e
wait_for s "报告写入的文件夹"
keys s Enter
wait_for s "报告已签名并导出"
s=$(screen s)
grep -qF "openssl pkeyutl -verify -pubin -inkey 4401-hb.pub -rawin \\" <<<"$s" || fail "no openssl command shown"
cmp -s "$work/u/out/4401-hb.pub" "$work/u/data/unit.pub" || fail "the export folder does not hold the unit's key as 4401-hb.pub"
grep -qF -- "-digest sm3 -pkeyopt distid:1234567812345678" <<<"$s" || fail "SM2 command lacks -digest sm3/distid"
grep -qF "$(cd "$work/u/data" && openssl pkey -pubin -in unit.pub -outform DER | sha256sum | cut -c1-40)" <<<"$s" ||
    fail "the key id shown is not the public key's SHA-256"
n=0
for f in "$work"/u/out/*.csv "$work"/u/out/*.sqlite; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    grep -qF "$(basename "$f")" <<<"$s" || fail "$(basename "$f") not listed on the screen"
    out=$(cd "$work/u/out" && openssl pkeyutl -verify -pubin -inkey "$work/u/data/unit.pub" -rawin \
        -in "$(basename "$f")" -sigfile "$(basename "$f").sig" -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
    grep -q "Signature Verified Successfully" <<<"$out" || fail "openssl does not verify $f: $out"
done
[ "$n" -ge 1 ] || fail "no report file written"
# the command as the screen shows it, copied and pasted into a shell in the
# export folder, where the report wrote the unit's public key
shown=$(sed -n '/^ *openssl pkeyutl/,/^ *-digest/p' <<<"$s" | sed -n '1,/-digest/p')
[ "$(wc -l <<<"$shown")" -ge 3 ] || fail "the command is not split into short lines: $shown"
out=$(cd "$work/u/out" && bash -c "$shown" 2>&1)
grep -q "Signature Verified Successfully" <<<"$out" || fail "the command copied from the screen does not verify: $shown -> $out"
cp "$(ls "$work"/u/out/*.csv | head -1)" "$work/tampered.csv"
sed -i 's/张三/李四/' "$work/tampered.csv"
out=$(openssl pkeyutl -verify -pubin -inkey "$work/u/data/unit.pub" -rawin -in "$work/tampered.csv" \
    -sigfile "$(ls "$work"/u/out/*.csv | head -1).sig" -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
grep -q "Signature Verified Successfully" <<<"$out" && fail "a changed report still verifies"

# exporting again into the same folder says plainly what to do, and Esc
# leaves the old report alone; Enter there replaces it with a new signed one
old_sum=$(cat "$work"/u/out/* | sha256sum)
keys s Enter
wait_for s "汇总 ·"
keys s e
keys s Enter
wait_for s "已有同名的报告"
wait_for s "Enter 替换旧报告"
keys s Escape
[ "$(cat "$work"/u/out/* | sha256sum)" = "$old_sum" ] || fail "Esc changed the old report"
keys s Enter
wait_for s "已有同名的报告"
keys s Enter
wait_for s "报告已签名并导出"
[ "$(cat "$work"/u/out/* | sha256sum)" != "$old_sum" ] || fail "the report was not replaced"
ls "$work"/u/out | grep -q replaced && fail "the replaced report was left behind"
for f in "$work"/u/out/*.csv "$work"/u/out/*.sqlite; do
    out=$(openssl pkeyutl -verify -pubin -inkey "$work/u/data/unit.pub" -rawin -in "$f" -sigfile "$f.sig" \
        -digest sm3 -pkeyopt distid:1234567812345678 2>&1)
    grep -q "Signature Verified Successfully" <<<"$out" || fail "openssl does not verify the replaced $f"
done
keys s Enter
wait_for s "汇总 ·"
keys s q
wait_for s "EXIT=0"

# ---- Ed25519, incomplete, no key yet: confirm, generate, verify ----
config "$work/e" "algo = ed25519"
cfg=$work/e/selfcheck.ini
start e 80 24 "$cfg" run --profile monthly
wait_for e "0/"
answer_until e zh 3
keys e s
wait_for e "还有"
keys e e
wait_for e "报告写入的文件夹"
# another folder than the configured one (a USB stick): offered to be kept
mkdir -p "$work/e/usb"
keys e C-u "$work/e/usb"
keys e Enter
wait_for e "再按一次 Enter 仍然导出"
keys e Enter
wait_for e "找不到签名密钥"
keys e g
wait_for e "报告已签名并导出"
s=$(screen e)
grep -qF -- "-digest" <<<"$s" && fail "Ed25519 command shows -digest"
grep -qF "openssl pkeyutl -verify -pubin -inkey 4401-hb.pub -rawin \\" <<<"$s" || fail "no openssl command (ed25519)"
f=$(ls "$work"/e/usb/*.csv | head -1)
out=$(openssl pkeyutl -verify -pubin -inkey "$work/e/data/unit.pub" -rawin -in "$f" -sigfile "$f.sig" 2>&1)
grep -q "Signature Verified Successfully" <<<"$out" || fail "openssl does not verify the Ed25519 report: $out"
wait_for e "按 o 将其保留为导出文件夹"
keys e o
wait_for e "已保留：下次导出时默认使用"
grep -qxF "output = $work/e/usb" "$cfg" || fail "the folder is not kept as [paths] output: $(grep output "$cfg")"
grep -qF "按 o 将其保留" <<<"$(screen e)" && fail "still offered after it was kept"
keys e Enter
wait_for e "汇总 ·"
keys e e
wait_for e "报告写入的文件夹"
expect "the next export offers the kept folder" "$work/e/usb" "$(screen e)"
keys e Escape
keys e q
wait_for e "EXIT=0"

finish tui_export
