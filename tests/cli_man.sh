#!/usr/bin/env bash
# cli_man.sh: the man pages say what --help says. Every command of
# `selfcheck --help` and every option of each `selfcheck COMMAND --help`
# (and of `selfcheck review SUB [SUBSUB] --help` for the review's
# subcommands) is in
# docs/selfcheck.1 and in the Chinese docs/zh_CN/selfcheck.1, and so is every
# exit code of the one table; the pages render without a warning; the bash
# completion offers the commands and options --help lists.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

example_config "[ui]
lang = en"
pages=("$repo/docs/selfcheck.1" "$repo/docs/zh_CN/selfcheck.1")
# in_page PAGE WORD: the page names WORD (man escapes '-' as '\-')
in_page() { grep -qF -- "${2//-/\\-}" "$1"; }

help=$(sc --help) || fail "--help"
commands=$(sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$help")
[ "$(wc -w <<<"$commands")" -ge 10 ] || fail "--help lists too few commands: $commands"
options=$(grep -o -- '--[a-z][a-z-]*' <<<"$help")
for cmd in $commands; do
    for page in "${pages[@]}"; do
        grep -qE "^\.B $cmd( |$)" "$page" || fail "command '$cmd' of --help is not in ${page#"$repo"/}"
    done
    out=$(sc "$cmd" --help 2>&1) || fail "$cmd --help"
    options+=$'\n'$(grep -o -- '--[a-z][a-z-]*' <<<"$out")
    # a command with subcommands of its own (review) lists them indented
    if [ "$cmd" = review ]; then
        for sub in $(sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$out"); do
            for page in "${pages[@]}"; do
                in_page "$page" "review $sub" || fail "'review $sub' is not in ${page#"$repo"/}"
            done
            sub_help=$(sc review "$sub" --help 2>&1) || fail "review $sub --help"
            options+=$'\n'$(grep -o -- '--[a-z][a-z-]*' <<<"$sub_help")
            # and their own subcommands (review units add), each with its options
            for subsub in $(sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' <<<"$sub_help"); do
                for page in "${pages[@]}"; do
                    in_page "$page" "review $sub $subsub" || fail "'review $sub $subsub' is not in ${page#"$repo"/}"
                done
                subsub_help=$(sc review "$sub" "$subsub" --help 2>&1) || fail "review $sub $subsub --help"
                options+=$'\n'$(grep -o -- '--[a-z][a-z-]*' <<<"$subsub_help")
            done
        done
    fi
done
for opt in $(sort -u <<<"$options"); do
    for page in "${pages[@]}"; do
        in_page "$page" "$opt" || fail "option $opt of --help is not in ${page#"$repo"/}"
    done
done
# every exit code of the table, in both pages
for code in $(sed -n 's/^ *\([0-9][0-9]*\) .*/\1/p' <<<"$help"); do
    for page in "${pages[@]}"; do
        grep -qx "\.B $code" "$page" || fail "exit code $code is not in ${page#"$repo"/}"
    done
done

# every page renders without a warning
for page in "$repo"/docs/*.[15] "$repo"/docs/zh_CN/*.1; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man -l ${page#"$repo"/} warns: $warnings"
    lint=$(mandoc -Tlint -W warning "$page" 2>&1)
    [ -z "$lint" ] || fail "mandoc -Tlint ${page#"$repo"/}: $lint"
done

# the bash completion offers the commands, a command's options and the
# profile names, all read from the binary's --help
complete_words() {
    bash -c '. /usr/share/bash-completion/bash_completion
        . "$1/contrib/bash-completion/selfcheck"
        PATH=$(dirname "$2"):$PATH
        shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _selfcheck; echo "${COMPREPLY[*]}"' _ "$repo" "$bin" "$@"
}
out=$(complete_words selfcheck "")
for cmd in $commands; do expect "completion of commands has $cmd" "$cmd" "$out"; done
expect "completion of score's options" "--period" "$(complete_words selfcheck score --)"
expect "completion of profiles" "halfyear" "$(complete_words selfcheck template --profile "")"
expect "completion of systems' actions" "remove" "$(complete_words selfcheck systems "")"
expect "completion of review's commands" "findings" "$(complete_words selfcheck review "")"
expect "completion of review units' commands" "import-keys" "$(complete_words selfcheck review units "")"
expect "completion of review units add's options" "--key-id" "$(complete_words selfcheck review units add --)"
refuse "review import's options are its own" "--key-id" "$(complete_words selfcheck review import --)"
expect "completion of incident's actions" "edit" "$(complete_words selfcheck incident "")"
expect "completion of incident's options" "--system" "$(complete_words selfcheck incident --)"
expect "completion of incident facts" "pi_records=" "$(complete_words selfcheck incident classify "")"
expect "completion of incident edit's facts" "posts=" "$(complete_words selfcheck incident edit 1 p)"
expect "completion of incident events" "investigated" "$(complete_words selfcheck incident event 1 "")"
expect "completion of review's incidents" "incidents" "$(complete_words selfcheck review "")"

finish cli_man
