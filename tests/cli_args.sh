#!/usr/bin/env bash
# cli_args.sh: the command line's options through the real binary. Every
# command parses them with getopt_long: a value is never taken for an option
# (answer --from --help reads a file named --help), options may follow
# operands, "--" ends them, a missing value, a value given to a flag and an
# unknown option are usage errors (exit 2). A failed write or flush of
# standard output is an error too (exit 5), never a silent success.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config "[ui]
lang = en"
# code DESCRIPTION EXPECTED CMD...: runs CMD, keeps its output in $out, and
# checks its exit code.
code() {
    local what=$1 want=$2
    shift 2
    out=$("$@" 2>&1)
    local rc=$?
    [ "$rc" -eq "$want" ] || fail "$what: exit $rc, expected $want: $out"
}

# an option's value is the value, whatever it looks like
cd "$work" || exit 1
code "answer --from --help reads a file named --help" 5 sc answer --from --help
expect "the file named --help is the one missing" "--help" "$out"
refuse "answer --from --help is not help" "usage:" "$out"
sc template --profile halfyear --out "$work/--help" 2>/dev/null || fail "template --out --help"
[ -f "$work/--help" ] || fail "template --out --help did not write a file named --help"
code "answer --from=--help records the sheet named --help" 0 sc answer --profile halfyear --from=--help
expect "answer --from=--help" "recorded 0 answers from --help" "$out"
code "--out --profile is a file name" 0 sc template --out --profile
[ -f "$work/--profile" ] || fail "template --out --profile did not write a file named --profile"

# options after operands, "--" before an operand that starts with -
code "systems add after --" 0 sc systems add -- oa 办公自动化系统
code "options after the operands" 0 sc systems list --help
expect "systems list --help is help" "usage: selfcheck systems" "$out"
code "lint PATH --help is help" 0 sc lint "$repo/checklists" --help
expect "lint --help" "usage: selfcheck lint" "$out"

# usage errors
code "missing value" 2 sc answer --from
expect "missing value named" "answer: --from needs a value" "$out"
code "flag with a value" 2 sc report --replace=yes
expect "flag with a value named" "report: --replace takes no value" "$out"
code "unknown option" 2 sc score --bogus
expect "unknown option named" "score: unknown option '--bogus'" "$out"
code "extra operand" 2 sc status now
expect "extra operand named" "status: unknown argument 'now'" "$out"
code "global option without value" 2 "$bin" --config
code "unknown global option" 2 "$bin" --bogus
code "global options stop at the command" 2 sc score --config "$work/selfcheck.ini"

# every command's --help: options, then the exit codes from the one table
for cmd in run status lint template answer score systems keygen report verify; do
    code "$cmd --help" 0 sc "$cmd" --help
    expect "$cmd --help has a usage line" "usage: selfcheck $cmd" "$out"
    expect "$cmd --help lists --help" "--help" "$out"
    expect "$cmd --help lists exit codes" "exit codes:" "$out"
    expect "$cmd --help says what 0 means" " 0 ok" "$out"
done
code "-h is --help" 0 sc score -h
expect "-h" "usage: selfcheck score" "$out"

# standard output that cannot be written: exit 5 with one line on stderr

[ -w /dev/full ] || fail "no /dev/full here"
sc --version >/dev/full 2>"$work/err"; rc=$?
[ $rc -eq 5 ] || fail "--version >/dev/full: exit $rc, expected 5"
expect "the write failure is said" "selfcheck: cannot write standard output" "$(cat "$work/err")"
"$bin" --help >/dev/full 2>"$work/err"; rc=$?
[ $rc -eq 5 ] || fail "--help >/dev/full: exit $rc, expected 5"
expect "the write failure is said in Chinese by default" "selfcheck: 无法写入标准输出" "$(cat "$work/err")"
sc score --profile halfyear >/dev/full 2>/dev/null; rc=$?
[ $rc -eq 5 ] || fail "score >/dev/full: exit $rc, expected 5"
sc status >/dev/full 2>/dev/null; rc=$?
[ $rc -eq 5 ] || fail "status >/dev/full: exit $rc, expected 5"
sc template --profile halfyear >/dev/full 2>/dev/null; rc=$?
[ $rc -eq 5 ] || fail "template >/dev/full: exit $rc, expected 5"
sc score --help >/dev/full 2>/dev/null; rc=$?
[ $rc -eq 5 ] || fail "score --help >/dev/full: exit $rc, expected 5"
# an error exit keeps its own code
sc score --period 2001-01 >/dev/full 2>/dev/null; rc=$?
[ $rc -eq 6 ] || fail "score of an unknown period >/dev/full: exit $rc, expected 6"

# commands with subcommands (review, review units) dispatch from one table
# and parse each subcommand's options with cli_parse: its own --help, its
# own options only, required options and the number of operands checked
# before the database is opened
rdb=$work/review-args.db
code "review --help" 0 sc review --help
expect "review --help lists its commands" "  units " "$out"
expect "review --help has exit codes" "exit codes:" "$out"
code "review units --help" 0 sc review units --help
expect "review units --help lists import-keys" "  import-keys " "$out"
code "review units add --help" 0 sc review units add --help
expect "review units add --help: its usage line" "usage: selfcheck review units add CODE NAME --key FILE.pub" "$out"
expect "review units add --help: its exit codes" "12 unit/key mismatch" "$out"
code "review import --help after an operand" 0 sc review import somewhere --help
expect "review import --help" "usage: selfcheck review import PATH..." "$out"
# without a command review opens its screen, which needs a terminal
code "review without a command" 5 sc review --db "$work/review.db" </dev/null
expect "review without a command names the scripts' commands" "selfcheck review export" "$out"
code "review: unknown command" 2 sc review bogus
expect "review: unknown command named" "review: unknown command 'bogus'" "$out"
code "review units: unknown command" 2 sc review units bogus
expect "review units: unknown command named" "review units: unknown command 'bogus'" "$out"
code "review units add without --key" 2 sc review units add u1 Name --db "$rdb"
expect "the required option is named" "review units add: --key FILE.pub is required" "$out"
code "review units add with one operand" 2 sc review units add u1 --key k.pub --db "$rdb"
expect "the missing operands are named" "review units add: expected CODE NAME" "$out"
code "review units remove with two operands" 2 sc review units remove u1 u2 --db "$rdb"
expect "the extra operand is named" "review units remove: unknown argument 'u2'" "$out"
code "review missing: an option of another command" 2 sc review missing --unit u1 --db "$rdb"
expect "the option is refused by name" "review missing: unknown option '--unit'" "$out"
code "review import --workers 0" 2 sc review import "$work" --workers 0 --db "$rdb"
code "review import --batch 0x10" 2 sc review import "$work" --batch 0x10 --db "$rdb"
code "review import without a path" 2 sc review import --db "$rdb"
[ ! -e "$rdb" ] || fail "a usage error made the review database"
# the help in Chinese under a Chinese setting
printf '[ui]\nlang = zh\n' >"$work/zh.ini"
out=$("$bin" --config "$work/zh.ini" review units revoke --help 2>&1) || fail "review units revoke --help in Chinese"
expect "review units revoke --help in Chinese" "密钥遗失的时间" "$out"
refuse "no English in the Chinese help" "the moment the key was lost" "$out"

finish cli_args
