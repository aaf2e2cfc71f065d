#!/usr/bin/env bash
# cli_report.sh: keygen -> a completed assessment -> report -> verify through
# the real binary: the stock openssl command verifies both files for both
# algorithms, sqlite3 finds the database intact, verify --trust accepts the
# report and rejects it changed, signed by another unit, or unsigned; every
# documented exit code of keygen, report and verify is checked.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00
# code DESCRIPTION EXPECTED COMMAND...: runs it, output in $out
code() {
    local what=$1 want=$2
    shift 2
    out=$("$@" 2>&1)
    local rc=$?
    [ $rc -eq "$want" ] || { fail "$what: exit $rc, expected $want"; echo "$out"; }
}
have_openssl=1
command -v openssl >/dev/null 2>&1 || have_openssl=0
# openssl_ok DESCRIPTION PUB FILE [SM2 options]
openssl_ok() {
    [ $have_openssl -eq 1 ] || return 0
    local what=$1 pub=$2 file=$3
    shift 3
    local res
    res=$(openssl pkeyutl -verify -pubin -inkey "$pub" -rawin -in "$file" -sigfile "$file.sig" "$@" 2>&1)
    expect "$what" "Signature Verified Successfully" "$res"
}
SM2="-digest sm3 -pkeyopt distid:1234567812345678"
# key_id PUB: the key id as openssl computes it
key_id() { openssl pkey -pubin -in "$1" -outform DER 2>/dev/null | sha256sum | cut -d' ' -f1; }

mkdir -p "$work/keys"
example_config "output = $work/reports
[signing]
key = $work/keys/unit.key
algo = sm2"
db=$work/data/selfcheck.db
sc() { "$bin" --config "$work/selfcheck.ini" --db "$db" "$@"; }

for cmd in keygen report verify; do
    code "$cmd --help" 0 sc "$cmd" --help
    expect "$cmd --help lists exit codes" "退出码：" "$out"
done

# ---- keys ----
code "keygen with the configured defaults" 0 sc keygen
expect "keygen prints the key id" "key id:" "$out"
[ -f "$work/keys/unit.key" ] && [ -f "$work/keys/unit.pub" ] || fail "keygen did not write keys/unit.key and .pub"
[ "$(stat -c %a "$work/keys/unit.key")" = 600 ] || fail "private key mode is not 600"
head -1 "$work/keys/unit.key" | grep -q 'BEGIN PRIVATE KEY' || fail "private key is not PKCS#8 PEM"
key_id=$(sed -n 's/^key id: *//p' <<<"$out")
if [ $have_openssl -eq 1 ]; then
    hand_id=$(openssl pkey -pubin -in "$work/keys/unit.pub" -outform DER | sha256sum | cut -d' ' -f1)
    [ "$key_id" = "$hand_id" ] || fail "key id $key_id is not the SHA-256 of the DER public key ($hand_id)"
    openssl pkey -in "$work/keys/unit.key" -noout -text 2>/dev/null | grep -q 'SM2' ||
        openssl pkey -in "$work/keys/unit.key" -noout -text 2>/dev/null | grep -qi 'ASN1 OID: SM2' ||
        fail "default key is not SM2"
fi
code "keygen refuses to overwrite" 8 sc keygen
sed 's|^key = .*|key = '"$work"'/fresh/sub/unit.key|' "$work/selfcheck.ini" >"$work/fresh.ini"
code "keygen into a configured folder not made yet" 0 "$bin" --config "$work/fresh.ini" keygen --algo ed25519
[ -f "$work/fresh/sub/unit.key" ] && [ -f "$work/fresh/sub/unit.pub" ] || fail "keygen did not create the key's folder"
code "keygen ed25519" 0 sc keygen --algo ed25519 --out "$work/keys/ed"
code "keygen unknown algorithm" 2 sc keygen --algo rsa --out "$work/keys/rsa"
printf '正确的口令\n' >"$work/pass"
printf 'wrong\n' >"$work/wrongpass"
: >"$work/emptypass"
code "keygen encrypted" 0 sc keygen --out "$work/keys/enc" --passphrase-file "$work/pass"
head -1 "$work/keys/enc.key" | grep -q 'BEGIN ENCRYPTED PRIVATE KEY' || fail "passphrase key is not encrypted"
code "keygen with an empty passphrase file" 9 sc keygen --out "$work/keys/empty" --passphrase-file "$work/emptypass"

# ---- the assessment: incomplete first ----
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
code "report of an unanswered assessment" 7 sc report --profile halfyear
expect "incomplete says why, in the unit's language" "还有 10 项（共 10 项）未答：请先答完，或用 --allow-incomplete 仍然生成报告" "$out"
[ ! -e "$work/reports" ] || [ -z "$(ls -A "$work/reports")" ] || fail "a refused report left files"
mkdir "$work/incomplete"
code "report --allow-incomplete" 0 sc report --profile halfyear --format csv --out "$work/incomplete" --allow-incomplete
f=$work/incomplete/4401-hb_halfyear_2026-H2.csv
[ -f "$f" ] && [ -f "$f.sig" ] || fail "incomplete report files missing"
grep -q '"complete"' "$f" || fail "no complete column"
rows=$(grep -c '^"4","' "$f")
marked=$(grep -c '^"4","[^"]*","4401-hb","示例局","halfyear","2026-H2","张三","","[^"]*","[^"]*","[^"]*","sm2","no",' "$f")
[ "$rows" -gt 0 ] && [ "$rows" = "$marked" ] || fail "not every row of the incomplete report says complete=no ($marked of $rows)"
verdicts=$(grep -c '^"4",.*,"no","[^"]*","","","incomplete",' "$f")
[ "$verdicts" = "$rows" ] || fail "not every row of the incomplete report has verdict incomplete ($verdicts of $rows)"
grep -q '"pass"' "$f" && fail "an incomplete report says pass"
mkdir "$work/incomplete-db"
code "report --allow-incomplete as SQLite" 0 sc report --profile halfyear --format sqlite --out "$work/incomplete-db" --allow-incomplete
v=$(sqlite3 "$work/incomplete-db/4401-hb_halfyear_2026-H2.sqlite" "select verdict || '|' || ifnull(grade, 'null') from report")
[ "$v" = "incomplete|null" ] || fail "SQLite report of an incomplete check: verdict|grade is '$v'"
code "verify --show of the incomplete report" 0 sc verify "$f" --show
expect "incomplete shown" "是否完成：    否" "$out"

# answer every item (as cli_sheet.sh does)
sc template --profile halfyear --out "$work/sheet.csv" 2>/dev/null || fail "template"
fill_worked_example "$work/sheet.csv" '=HYPERLINK(""http://x"")'
code "answer the sheet" 0 sc answer --profile halfyear --from "$work/sheet.csv"

# ---- the report ----
# a configured output folder that is missing (an unmounted USB stick) is not created
sed 's|^output = .*|output = '"$work"'/usb|' "$work/selfcheck.ini" >"$work/usb.ini"
code "report into a configured folder that is missing" 5 "$bin" --config "$work/usb.ini" --db "$db" report --profile halfyear
[ ! -e "$work/usb" ] || fail "the configured output folder was created"
mkdir "$work/reports"
code "report" 0 sc report --profile halfyear
csv=$work/reports/4401-hb_halfyear_2026-H2.csv
sq=$work/reports/4401-hb_halfyear_2026-H2.sqlite
expect "report prints the CSV" "$csv" "$out"
expect "report prints the database" "$sq" "$out"
expect "report prints the key id" "$key_id" "$out"
expect "report prints the openssl command" "openssl pkeyutl -verify -pubin -inkey" "$out"
expect "report prints the SM2 options" "-digest sm3 -pkeyopt distid:1234567812345678" "$out"
for f in "$csv" "$csv.sig" "$sq" "$sq.sig"; do [ -f "$f" ] || fail "missing $f"; done
[ "$(ls "$work/reports" | wc -l)" = 5 ] || fail "report folder holds other than the four files and the key: $(ls "$work/reports")"
cmp -s "$work/reports/4401-hb.pub" "$work/keys/unit.pub" || fail "the report folder does not hold the unit's key as 4401-hb.pub"
expect "report names the key it put beside the reports" "$work/reports/4401-hb.pub" "$out"
openssl_ok "openssl verifies the SM2 CSV" "$work/keys/unit.pub" "$csv" $SM2
openssl_ok "openssl verifies the SM2 database" "$work/keys/unit.pub" "$sq" $SM2
# the printed command itself works
if [ $have_openssl -eq 1 ]; then
    # run where the command says, the report folder, for both files
    while read -r printed; do
        res=$(cd "$work/reports" && eval "$printed" 2>&1)
        expect "the printed openssl command verifies in the report folder" "Signature Verified Successfully" "$res"
    done < <(grep 'openssl pkeyutl' <<<"$out")
    [ "$(grep -c 'openssl pkeyutl' <<<"$out")" = 2 ] || fail "report does not print a command per file"
fi
if command -v sqlite3 >/dev/null 2>&1; then
    [ "$(sqlite3 "$sq" 'PRAGMA integrity_check')" = ok ] || fail "sqlite3 integrity_check is not ok"
    [ "$(sqlite3 "$sq" 'PRAGMA journal_mode')" = delete ] || fail "report database is not journal_mode=delete"
    [ "$(sqlite3 "$sq" 'select unit_code||"|"||period||"|"||complete from report')" = "4401-hb|2026-H2|1" ] ||
        fail "report table content"
    [ "$(sqlite3 "$sq" 'select count(*) from items')" = 11 ] || fail "items table does not hold 11 rows"
    [ "$(sqlite3 "$sq" "select note from items where item_id='backup-daily' and system_id='oa'")" = '=HYPERLINK("http://x")' ] ||
        fail "database note differs"
    sqlite3 "$sq" 'select count(*) from findings' | grep -q '^[1-9]' || fail "no findings in the findings view"
fi
# the CSV: BOM, CRLF, readable Chinese, one header + 11 rows, formula guarded
head -c 3 "$csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV has no UTF-8 BOM"
[ "$(tail -c 2 "$csv" | od -An -tx1 | tr -d ' ')" = 0d0a ] || fail "CSV does not end in CRLF"
grep -q '办公自动化系统' "$csv" || fail "Chinese system name not in the CSV"
[ "$(grep -c '^"4","' "$csv")" = 11 ] || fail "CSV does not have 11 item rows"
grep -qF '"'"'"'=HYPERLINK(""http://x"")"' "$csv" || fail "formula note not neutralised with a leading quote"

code "report again is refused" 8 sc report --profile halfyear
# --replace re-issues it (a replacement failing half-way: test_report.c)
before=$(cat "$csv" "$csv.sig" "$sq" "$sq.sig" | sha256sum)
code "report --replace" 0 sc report --profile halfyear --replace
[ "$(cat "$csv" "$csv.sig" "$sq" "$sq.sig" | sha256sum)" != "$before" ] || fail "--replace did not re-issue the report"
ls "$(dirname "$csv")" | grep -q replaced && fail "--replace left the old files behind"
# another key named 4401-hb.pub in the folder is never overwritten
mkdir "$work/other-pub"
cp "$work/keys/ed.pub" "$work/other-pub/4401-hb.pub"
code "report beside another unit key" 0 sc report --profile halfyear --out "$work/other-pub"
cmp -s "$work/other-pub/4401-hb.pub" "$work/keys/ed.pub" || fail "a different 4401-hb.pub was overwritten"
expect "report warns about the other key" "4401-hb.pub" "$out"
openssl_ok "openssl verifies the replaced CSV" "$work/keys/unit.pub" "$csv" $SM2
code "report --format bogus" 2 sc report --profile halfyear --format pdf
code "report into a missing folder" 5 sc report --profile halfyear --out "$work/nowhere"

# Ed25519: both files, openssl without the SM2 options
mkdir "$work/ed"
code "report with the Ed25519 key" 0 sc report --profile halfyear --out "$work/ed" --key "$work/keys/ed.key"
expect "ed25519 named" "（ed25519）" "$out"
openssl_ok "openssl verifies the Ed25519 CSV" "$work/keys/ed.pub" "$work/ed/4401-hb_halfyear_2026-H2.csv"
openssl_ok "openssl verifies the Ed25519 database" "$work/keys/ed.pub" "$work/ed/4401-hb_halfyear_2026-H2.sqlite"

# keys that cannot sign: exit 9, nothing written
mkdir "$work/k"
code "wrong passphrase" 9 sc report --profile halfyear --out "$work/k" --key "$work/keys/enc.key" --passphrase-file "$work/wrongpass"
expect "wrong passphrase named" "口令错误" "$out"
[ "$(wc -l <<<"$out")" = 1 ] || fail "a wrong passphrase is said in one line, not: $out"
code "encrypted key without passphrase" 9 sc report --profile halfyear --out "$work/k" --key "$work/keys/enc.key"
expect "hint for the passphrase" "--passphrase-file" "$out"
[ "$(wc -l <<<"$out")" = 1 ] || fail "a missing passphrase is said in one line, not: $out"
code "a plain key with --passphrase-file" 9 sc report --profile halfyear --out "$work/k" --key "$work/keys/ed.key" --passphrase-file "$work/pass"
expect "the plain key is named as not encrypted" "密钥未加密" "$out"
[ "$(wc -l <<<"$out")" = 1 ] || fail "a plain key with a passphrase is said in one line, not: $out"
cp "$work/keys/ed.key" "$work/keys/open.key"
chmod 644 "$work/keys/open.key"
code "world-readable key" 9 sc report --profile halfyear --out "$work/k" --key "$work/keys/open.key"
expect "world-readable key says how to fix it" "chmod 600" "$out"
if [ $have_openssl -eq 1 ]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$work/keys/rsa.key" 2>/dev/null
    chmod 600 "$work/keys/rsa.key"
    code "RSA key" 9 sc report --profile halfyear --out "$work/k" --key "$work/keys/rsa.key"
    expect "RSA key named as the wrong type" "RSA" "$out"
fi
code "missing key" 9 sc report --profile halfyear --out "$work/k" --key "$work/keys/none.key"
[ -z "$(ls -A "$work/k")" ] || fail "a key failure left files: $(ls "$work/k")"
code "the right passphrase" 0 sc report --profile halfyear --out "$work/k" --key "$work/keys/enc.key" --passphrase-file "$work/pass"

# ---- verify ----
mkdir "$work/trust" "$work/swapped" "$work/empty"
cp "$work/keys/unit.pub" "$work/trust/4401-hb.pub"
cp "$work/keys/ed.pub" "$work/trust/4401-zz.pub"
cp "$work/keys/ed.pub" "$work/swapped/4401-hb.pub"
for f in "$csv" "$sq"; do
    code "verify --trust $(basename "$f")" 0 sc verify "$f" --trust "$work/trust"
    expect "verify names the unit" "4401-hb" "$out"
    code "verify --pubkey $(basename "$f")" 0 sc verify "$f" --pubkey "$work/keys/unit.pub"
    code "verify with the configured key" 0 sc verify "$f"
    # a CSV names its signer key, which is not the one registered: 12; nothing
    # of a SQLite file is read before a signature checks out, so it can only
    # say that no key registered for the unit verifies it: 10
    case $f in *.csv) want=12 ;; *) want=10 ;; esac
    code "verify against another unit's key" $want sc verify "$f" --trust "$work/swapped"
    code "verify with an unregistered unit" 11 sc verify "$f" --trust "$work/empty"
    code "verify --pubkey of another key" 10 sc verify "$f" --pubkey "$work/keys/ed.pub"
    expect "verify names the key tried" "$(key_id "$work/keys/ed.pub")" "$out"
    code "--expect-unit and --expect-period that agree" 0 sc verify "$f" --expect-unit 4401-hb --expect-period 2026-H2
    code "--expect-unit of another unit" 14 sc verify "$f" --expect-unit 4401-zz
    code "--expect-period of another period" 14 sc verify "$f" --expect-period 2026-H1
    # renamed to another period: the signature holds, the name is called out
    ext=${f##*.}
    cp "$f" "$work/4401-hb_halfyear_2026-H1.$ext"
    cp "$f.sig" "$work/4401-hb_halfyear_2026-H1.$ext.sig"
    code "a renamed report still verifies" 0 sc verify "$work/4401-hb_halfyear_2026-H1.$ext" --trust "$work/trust"
    expect "the renamed report is called out" "文件名与签名内容不符" "$out"
    expect "with the name it should have" "4401-hb_halfyear_2026-H2" "$out"
done
# the CSV report names its signer key: verify with another key names both
code "verify --pubkey of another key (CSV)" 10 sc verify "$csv" --pubkey "$work/keys/ed.pub"
expect "the recorded signer key id" "$(key_id "$work/keys/unit.pub")" "$out"
# an empty signature file, and a FIFO for one, are refused at once
cp "$csv" "$work/nosig.csv"
: > "$work/nosig.csv.sig"
code "an empty signature is malformed" 13 sc verify "$work/nosig.csv"
rm "$work/nosig.csv.sig"
mkfifo "$work/nosig.csv.sig"
code "a FIFO for a signature is refused" 13 timeout 10 "$bin" --config "$work/selfcheck.ini" --db "$db" verify "$work/nosig.csv"
rm "$work/nosig.csv.sig"
code "verify --show" 0 sc verify "$csv" --trust "$work/trust" --show
expect "show: unit" "4401-hb 示例局" "$out"
expect "show: period" "2026-H2" "$out"
expect "show: total" "总分：" "$out"
expect "show: findings" "问题项：" "$out"
expect "show: a finding's owner" "王五" "$out"
# what the report says in tokens is shown in the user's words
expect "show: the profile in Chinese" "半年全面检查" "$out"
refuse "show: no profile token" "：    halfyear" "$out"
refuse "show: no grade token" "(pass)" "$out"
refuse "show: no verdict token" "结论 fail" "$out"
refuse "show: no verdict token" "结论 pass" "$out"
refuse "show: no severity token" "[high]" "$out"
refuse "show: no severity token" "[critical]" "$out"
code "verify --show of the database" 0 sc verify "$sq" --trust "$work/trust" --show
expect "show from SQLite" "2026-H2" "$out"
# signed by unit zz's key, claiming unit hb
mkdir "$work/ed2"
code "report of hb signed with zz's key" 0 sc report --profile halfyear --out "$work/ed2" --key "$work/keys/ed.key"
code "a unit reporting as another" 12 sc verify "$work/ed2/4401-hb_halfyear_2026-H2.csv" --trust "$work/trust"
expect "the real signer is named" "4401-zz" "$out"
# one byte changed
cp "$csv" "$work/changed.csv"
cp "$csv.sig" "$work/changed.csv.sig"
offset=$(grep -boa ', 异地' "$work/changed.csv" | head -1 | cut -d: -f1)
printf '_' | dd of="$work/changed.csv" bs=1 seek=$((offset + 1)) conv=notrunc 2>/dev/null
cmp -s "$csv" "$work/changed.csv" && fail "the byte was not changed"
code "one byte changed" 10 sc verify "$work/changed.csv" --trust "$work/trust"
code "one byte changed, --pubkey" 10 sc verify "$work/changed.csv" --pubkey "$work/keys/unit.pub"
if [ $have_openssl -eq 1 ]; then
    res=$(openssl pkeyutl -verify -pubin -inkey "$work/keys/unit.pub" -rawin -in "$work/changed.csv" \
        -sigfile "$work/changed.csv.sig" $SM2 2>&1)
    grep -q 'Signature Verified Successfully' <<<"$res" && fail "openssl accepted the changed file"
fi
# one byte of the database changed
cp "$sq" "$work/changed.sqlite"
cp "$sq.sig" "$work/changed.sqlite.sig"
printf 'X' | dd of="$work/changed.sqlite" bs=1 seek=5000 conv=notrunc 2>/dev/null
out=$(sc verify "$work/changed.sqlite" --trust "$work/trust" 2>&1); rc=$?
[ $rc -eq 10 ] || [ $rc -eq 13 ] || fail "changed database: exit $rc, expected 10 (or 13 if unreadable)"
# no signature, not a report, nothing at all
cp "$csv" "$work/nosig.csv"
code "missing signature" 13 sc verify "$work/nosig.csv" --trust "$work/trust"
code "missing signature, --pubkey" 13 sc verify "$work/nosig.csv" --pubkey "$work/keys/unit.pub"
printf 'hello\n' >"$work/hello.txt"
if [ $have_openssl -eq 1 ]; then
    openssl pkeyutl -sign -inkey "$work/keys/unit.key" -rawin -in "$work/hello.txt" -out "$work/hello.txt.sig" $SM2
    code "a signed file that is not a report" 13 sc verify "$work/hello.txt" --pubkey "$work/keys/unit.pub"
    code "a signed file that is not a report, --trust" 13 sc verify "$work/hello.txt" --trust "$work/trust"
fi
code "missing file" 13 sc verify "$work/nothing.csv" --trust "$work/trust"
code "verify without a file" 2 sc verify
code "verify with both options" 2 sc verify "$csv" --pubkey "$work/keys/unit.pub" --trust "$work/trust"
code "verify with a missing trust folder" 6 sc verify "$csv" --trust "$work/no-such-folder"
code "verify with a private key as public" 9 sc verify "$csv" --pubkey "$work/keys/unit.key"

finish cli_report
