#!/usr/bin/env bash
# cli_zh_audit.sh: a Chinese user of the command line meets no English
# sentence. Twice, once with the settings saying [ui] lang = zh (and the
# environment English) and once with only LANGUAGE=zh_CN: the --help of
# every command and subcommand (listed from the program's own command
# tables, as `--help` prints them, so a new command is covered without
# touching this test), a bad option of each, and a unit's whole round (systems,
# template, answer, score, status, keygen, report, verify, lint, inventory,
# survey, incident) and the supervisor's (review units, import, export,
# missing, findings, items, systems, websites), with their common mistakes.
# What an English sentence is, and the few things that are not one
# (machine tokens, command examples), is said in tests/lib/english.awk.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"
export SELFCHECK_NOW=2026-12-20T10:00:00
printf '[ui]\nlang = en\n' >"$work/en.ini"

# subcommands NAME...: the commands that `selfcheck NAME... --help` lists
subcommands() {
    "$bin" --config "$work/en.ini" "$@" --help 2>&1 |
        awk '/^commands:$/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }'
}
# every command line below NAME..., at any depth ("review units add")
all_commands() {
    local c
    for c in $(subcommands "$@"); do
        echo "$* $c" | sed 's/^ //'
        all_commands "$@" "$c"
    done
}
commands=$(all_commands)
# the words of the command names, for english.awk
words=$(tr ' ' '\n' <<<"$commands" | sort -u | tr '\n' ' ')
[ "$(wc -l <<<"$commands")" -ge 20 ] || fail "too few commands listed: $commands"
expect "review's commands are listed" "review websites" "$commands"
expect "and theirs" "review units import-keys" "$commands"

# zh DESCRIPTION COMMAND...: runs it (stdin empty); every line it prints,
# on either stream, is free of English sentences. Output in $out.
zh() {
    local what=$1
    shift
    out=$("$@" </dev/null 2>&1)
    local found
    found=$(awk -v label="$mode: $what" -v commands="$words" -f "$repo/tests/lib/english.awk" <<<"$out") ||
        fail "English in $mode: $what:"$'\n'"$found"
}

# rv ARGS...: selfcheck review on the test's review database
rv() { sc review "$@" --db "$work/review.db"; }

# round: everything above, in the language the caller set up
round() {
    rm -rf "$work/data" "$work/out" "$work/keys" "$work/review.db" "$work/stick"
    mkdir -p "$work/out" "$work/keys"
    zh "--help" sc --help
    [ -n "${AUDIT_SHOW:-}" ] && zh() { shift; echo "== $*"; "$@" </dev/null 2>&1; }
    zh "no command known" sc frobnicate
    zh "--version" sc --version
    while read -r cmd; do
        # shellcheck disable=SC2086
        zh "$cmd --help" sc $cmd --help
        # shellcheck disable=SC2086
        zh "$cmd --bogus" sc $cmd --bogus
    done <<<"$commands"

    # the unit
    zh "status before anything" sc status
    zh "systems add" sc systems add oa 办公自动化系统
    zh "systems add web" sc systems add web 门户网站
    zh "systems add again" sc systems add oa 办公自动化系统
    zh "systems add a bad id" sc systems add OA-1 某系统
    zh "systems add without a name" sc systems add crm
    zh "systems list" sc systems list
    zh "systems remove unknown" sc systems remove nope
    zh "template" sc template --profile halfyear --out "$work/out/sheet.csv"
    zh "template again" sc template --profile halfyear --out "$work/out/sheet.csv"
    zh "template bad period" sc template --profile halfyear --period 2026-13 --out "$work/out/x.csv"
    zh "template bad profile" sc template --profile yearly --out "$work/out/y.csv"
    zh "answer a blank sheet" sc answer --profile halfyear --from "$work/out/sheet.csv"
    cp "$work/out/sheet.csv" "$work/out/bad.csv"
    fill "$work/out/bad.csv" backup-daily oa '"maybe","","",""'
    fill "$work/out/bad.csv" av-signature-age '' '"12","","李四","2026-02-30"'
    zh "answer a wrong answer" sc answer --profile halfyear --from "$work/out/bad.csv"
    zh "answer a missing file" sc answer --profile halfyear --from "$work/out/none.csv"
    printf 'a,b\r\n"x\r\n' >"$work/out/broken.csv"
    zh "answer a broken sheet" sc answer --profile halfyear --from "$work/out/broken.csv"
    zh "score before answers" sc score --profile halfyear
    zh "report before a key" sc report --profile halfyear --out "$work/out"
    zh "keygen" sc keygen --out "$work/keys/unit"
    zh "keygen again" sc keygen --out "$work/keys/unit"
    zh "report incomplete" sc report --profile halfyear --out "$work/out" --key "$work/keys/unit.key"
    fill_worked_example "$work/out/sheet.csv"
    zh "answer the sheet" sc answer --profile halfyear --from "$work/out/sheet.csv"
    zh "score" sc score --profile halfyear
    zh "score monthly" sc score
    zh "status" sc status
    zh "report" sc report --profile halfyear --out "$work/out" --key "$work/keys/unit.key"
    zh "report again" sc report --profile halfyear --out "$work/out" --key "$work/keys/unit.key"
    local csv=$work/out/4401-hb_halfyear_2026-H2.csv sq=$work/out/4401-hb_halfyear_2026-H2.sqlite
    zh "verify" sc verify "$csv" --pubkey "$work/keys/unit.pub"
    zh "verify --show" sc verify "$sq" --pubkey "$work/keys/unit.pub" --show
    zh "verify --trust" sc verify "$csv" --trust "$work/out"
    cp "$csv" "$work/out/changed.csv"
    cp "$csv.sig" "$work/out/changed.csv.sig"
    sed -i 's/示例局/别的局/' "$work/out/changed.csv"
    zh "verify a changed report" sc verify "$work/out/changed.csv" --pubkey "$work/keys/unit.pub"
    zh "verify without a signature" sc verify "$work/out/sheet.csv" --pubkey "$work/keys/unit.pub"
    zh "verify no file" sc verify "$work/out/none.csv" --pubkey "$work/keys/unit.pub"
    zh "lint" sc lint "$repo/tests/fixtures/example.ini"
    printf '[checklist]\nid = bad\nversion = x\n[item.a]\nweight = 0,1\n' >"$work/out/bad.ini"
    zh "lint a bad checklist" sc lint "$work/out/bad.ini"
    zh "inventory show" sc inventory show
    zh "inventory show --fields" sc inventory show --fields
    zh "inventory set" sc inventory set security_contact=王五
    zh "inventory set unknown" sc inventory set colour=red
    zh "inventory template" sc inventory template --out "$work/out/inv.csv"
    zh "inventory import" sc inventory import "$work/out/inv.csv"
    zh "inventory export" sc inventory export --out "$work/out/inv-export.csv"
    zh "survey show" sc survey show --system web
    zh "survey set unknown" sc survey set --system web colour=red
    zh "survey export" sc survey export --out "$work/out/survey.csv"
    local worked="mlps_level=3 attack=small outage=short pi_records=120000 posts=80"
    # shellcheck disable=SC2086
    zh "incident classify" sc incident classify $worked
    zh "incident classify none" sc incident classify mlps_level=1 attack=large
    zh "incident classify a bad fact" sc incident classify colour=red
    # shellcheck disable=SC2086
    zh "incident record" sc incident record 门户网站被篡改 $worked --system web --at "2026-12-19 09:10"
    zh "incident list" sc incident list
    zh "incident show" sc incident show 1
    zh "incident event" sc incident event 1 reported 已报告 --at "2026-12-19 10:00"
    zh "incident event unknown kind" sc incident event 1 party
    zh "incident show unknown" sc incident show 9
    zh "incident lint" sc incident lint
    printf '[x]\nfoo = 1\n' >"$work/out/rules.ini"
    zh "incident lint a bad file" sc incident lint "$work/out/rules.ini"

    # the supervisor
    mkdir -p "$work/stick"
    cp "$csv" "$csv.sig" "$sq" "$sq.sig" "$work/stick/"
    zh "review units list empty" rv units list
    zh "review import unknown unit" rv import "$work/stick"
    zh "review units add" rv units add 4401-hb 示例局 --key "$work/keys/unit.pub"
    zh "review units add again" rv units add 4401-hb 示例局 --key "$work/keys/unit.pub"
    zh "review units add a private key" rv units add u-x 错局 --key "$work/keys/unit.key"
    printf 'code,name,region,level,key\r\nu-b,乙局,市本级,3,\r\nbad code,丙局,,,\r\n' >"$work/out/roster.csv"
    zh "review units import" rv units import "$work/out/roster.csv"
    zh "review units list" rv units list
    zh "review checklists list" rv checklists list
    zh "review import" rv import "$work/stick"
    zh "review import again" rv import "$work/stick"
    zh "review import a missing folder" rv import "$work/none"
    zh "review export" rv export --out "$work/out/export.csv"
    zh "review missing" rv missing
    zh "review findings" rv findings
    zh "review findings --overdue" rv findings --overdue
    zh "review items" rv items
    zh "review systems" rv systems
    zh "review websites" rv websites
}

# 1: the settings say Chinese, the environment English
mode="[ui] lang = zh"
example_config "[ui]
lang = zh"
(
    unset LANGUAGE
    export LANG=C.UTF-8
    round
    exit "$failures"
) || failures=$((failures + $?))
# 2: no language in the settings, LANGUAGE=zh_CN (common.sh) and LANG=C.UTF-8
mode="LANGUAGE=zh_CN"
example_config
round
# ... and where the settings cannot say it: none at all (the first start),
# a settings file that is missing or wrong
zh "no settings: status" "$bin" status
zh "no settings: template" "$bin" template --out "$work/out/first.csv"
zh "a missing settings file" "$bin" --config "$work/none.ini" status
printf '[unit]\ncode = 4401 hb\ncolour = red\n[ui]\nlang = fr\n' >"$work/bad.ini"
zh "a wrong settings file" "$bin" --config "$work/bad.ini" status
zh "the screen without a terminal" sc run

# the test can fail: the same commands in English are found out
mode=en
out=$("$bin" --config "$work/en.ini" --help 2>&1; "$bin" --config "$work/en.ini" status 2>&1)
awk -v label=en -v commands="$words" -f "$repo/tests/lib/english.awk" <<<"$out" >/dev/null && fail "no English found in English output"
finish cli_zh_audit
