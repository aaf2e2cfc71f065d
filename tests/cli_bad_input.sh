#!/usr/bin/env bash
# cli_bad_input.sh: the hostile-input corpus of tests/bad-input/. Its README
# is the index: one table row per file, saying what the file is, the command
# that reads it, the exit code and the message that command must give. For
# each row this feeds the file to the command under LANGUAGE=zh_CN and checks
# that one line of the output holds the message and, for a refused file,
# names the file (and the line where there is one: FILE stands for the
# file's path), that every line
# but a last count names the file, that the exit code is the documented one, and, for a refused file, that nothing was written: the
# answer store's content, the output folder and the file itself are as
# before. Files marked "(generated)" are made here (large, binary, or made
# from a real signed report); every other file of the folder must have a row
# and every row's file must exist.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-11-21T10:00:00 LANGUAGE=zh_CN
command -v sqlite3 >/dev/null || { echo "sqlite3 is needed to inspect the store"; exit 1; }
corpus=$repo/tests/bad-input
index=$corpus/README.md
in=$work/in
mkdir -p "$in" "$work/keys" "$work/out"
example_config "output = $work/out
[signing]
key = $work/keys/unit.key
algo = ed25519"
db=$work/data/selfcheck.db
sc keygen >/dev/null || fail "keygen"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
sc systems add web 门户网站 >/dev/null || fail "systems add web"
sc template --profile halfyear --out "$work/sheet.csv" >/dev/null 2>&1 || fail "template"
fill_worked_example "$work/sheet.csv"
sc answer --profile halfyear --from "$work/sheet.csv" >/dev/null || fail "answer the worked example"
sc report --profile halfyear --allow-incomplete >/dev/null 2>&1 || fail "report of the worked example"
report=$work/out/4401-hb_halfyear_2026-H2
[ -f "$report.csv.sig" ] && [ -f "$report.sqlite.sig" ] || fail "the report set is not there"
mkdir -p "$work/keyout"

# ---- the generated files: gen_NAME writes $in/NAME ----
gen() { tr '.-' '__' <<<"gen_$1"; }
# a 1 MB line inside an otherwise good checklist, and a checklist over the
# 4 MiB an INI file may have
gen_checklist_long_line_ini() {
    { printf '[checklist]\nid = bad\nversion = 1\ntitle_zh = '; head -c 1000000 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$in/$1"
}
gen_checklist_huge_ini() {
    { printf '[checklist]\nid = bad\n'; yes '; a comment line that only makes the file large, over and over again' | head -c 5000000; } >"$in/$1"
}
# the header row of the sheets of this folder: the program's column names
sheet_header() {
    printf '\357\273\277"checklist_id","item_id","system","type","allowed","question_zh","question_en","answer","note","remediation_owner","remediation_due"\r\n'
}
# a sheet whose note is a 1 MB line: over the 16 KiB an answer text may have
gen_sheet_long_note_csv() {
    { sheet_header
      printf '"example","backup-frequency","","choice","","","","weekly","'; head -c 1000000 /dev/zero | tr '\0' 'x'
      printf '","",""\r\n'; } >"$in/$1"
}
# a sheet over the 32 MiB a sheet may have
gen_sheet_huge_csv() {
    { sheet_header; yes '"example","backup-frequency","","choice","","","","weekly","","",""' | head -c 34000000; } >"$in/$1"
}

# signed REPORT NAME [SIG]: the report (csv or sqlite) copied as $in/NAME with
# its signature (or the signature file SIG)
signed() { cp "$report.$1" "$in/$2"; cp "${3:-$report.$1.sig}" "$in/$2.sig"; }
gen_report_tampered_csv() {
    signed csv "$1"
    python3 -c "import sys; p = sys.argv[1]; b = bytearray(open(p, 'rb').read()); i = b.index('示例局'.encode()); b[i + 3] ^= 1; open(p, 'wb').write(b)" "$in/$1"
}
gen_report_truncated_sqlite() { signed sqlite "$1"; truncate -s 4096 "$in/$1"; }
gen_report_corrupted_sqlite() { signed sqlite "$1"; printf XXXX | dd of="$in/$1" bs=1 seek=2000 conv=notrunc 2>/dev/null; }
gen_report_empty_sig_csv() { signed csv "$1" /dev/null; }
gen_report_short_sig_csv() { signed csv "$1"; truncate -s 10 "$in/$1.sig"; }
gen_report_no_sig_csv() { cp "$report.csv" "$in/$1"; }
gen_report_other_key_csv() { signed csv "$1"; sc keygen --out "$in/other" >/dev/null 2>&1; }
gen_report_sm2_key_csv() {
    signed csv "$1"
    openssl genpkey -algorithm SM2 2>/dev/null | openssl pkey -pubout -out "$in/sm2.pub" 2>/dev/null
}
gen_report_not_a_report_csv() { printf 'hello\n' >"$in/$1"; cp "$report.csv.sig" "$in/$1.sig"; }
# private keys: mode 0600 unless the row is about the mode
gen_key_world_readable_key() { cp "$work/keys/unit.key" "$in/$1"; chmod 644 "$in/$1"; }
gen_key_junk_key() { printf 'not a key\n' >"$in/$1"; chmod 600 "$in/$1"; }
gen_key_empty_key() { : >"$in/$1"; chmod 600 "$in/$1"; }
gen_key_public_key() { cp "$work/keys/unit.pub" "$in/$1"; chmod 600 "$in/$1"; }
gen_key_encrypted_key() {
    (umask 077; openssl genpkey -algorithm ED25519 -aes256 -pass pass:secret -out "$in/$1" 2>/dev/null)
}
# the same with a passphrase file that holds another passphrase
gen_key_wrong_passphrase_key() { gen_key_encrypted_key "$1" && echo wrong >"$in/wrong.pass"; }

# the report's name taken by a symlink to a file outside the folder
gen_4401_hb_halfyear_2026_H2_csv() { echo victim >"$work/victim"; ln -s "$work/victim" "$in/$1"; }

# ---- the index ----
rows=$(grep -E '^\| `[^`]+` \|' "$index")
[ -n "$rows" ] || fail "no rows in $index"
listed=" "
while IFS='|' read -r _ file what command code message _; do
    file=$(sed 's/^ *`//; s/` *$//' <<<"$file")
    listed+="$file "
done <<<"$rows"
for f in "$corpus"/*; do
    name=$(basename "$f")
    [ "$name" = README.md ] && continue
    [[ "$listed" == *" $name "* ]] || fail "$name is in tests/bad-input/ but not in its README"
done

# state FILE: what must not change when FILE is refused
state() {
    sqlite3 "$db" .dump 2>&1
    (cd "$work" && find out keyout -printf '%p %s\n' | sort)
    sha256sum <"$1"
}

cases=0
while IFS='|' read -r _ file what command code message _; do
    file=$(sed 's/^ *`//; s/` *$//' <<<"$file")
    command=$(sed 's/^ *`//; s/` *$//' <<<"$command")
    code=$(tr -d ' ' <<<"$code")
    message=$(sed 's/^ *`//; s/` *$//' <<<"$message")
    rm -f "$in"/*
    if [[ "$what" == *"(generated)"* ]]; then
        "$(gen "$file")" "$file" || { fail "$file: cannot generate it"; continue; }
    elif [ -f "$corpus/$file" ]; then
        cp "$corpus/$file" "$in/$file"
    else
        fail "$file: listed in the README but not in tests/bad-input/"
        continue
    fi
    path=$in/$file
    command=${command//FILE/$path}
    command=${command//KEY/$work/keys/unit.pub}
    command=${command//IN\//$in/}
    command=${command//OUT/$work/keyout}
    read -r -a args <<<"$command"
    before=$(state "$path")
    if [ "${args[0]}" = --config ]; then
        out=$("$bin" "${args[@]}" 2>&1); rc=$?
    else
        out=$(sc "${args[@]}" 2>&1); rc=$?
    fi
    cases=$((cases + 1))
    expected=${message//FILE/$path}
    [ "$rc" = "$code" ] || fail "$file: selfcheck $command: exit $rc, expected $code: $out"
    # the message is on one line, which names the file when the file is refused
    found=no
    while IFS= read -r line; do
        [[ "$line" == *"$expected"* ]] && { [ "$rc" = 0 ] || [[ "$line" == *"$path"* ]]; } && found=yes
    done <<<"$out"
    [ $found = yes ] || { fail "$file: no line holds '$expected' (and names the file):"; echo "$out" | head -5; }
    # every message names the file; only a last line (the count) may not
    if [ "$rc" != 0 ]; then
        while IFS= read -r line; do
            [[ "$line" == *"$path"* ]] || fail "$file: a message that does not name the file: $line"
        done < <(printf '%s\n' "$out" | sed '$d')
    fi
    if [ "$rc" != 0 ]; then
        [ "$(state "$path")" = "$before" ] || fail "$file: refused, but something was written"
    fi
done <<<"$rows"
echo "$cases files of tests/bad-input/"
finish cli_bad_input
