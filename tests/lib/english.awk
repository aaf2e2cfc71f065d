# english.awk: prints every line of its input that holds an English
# sentence, as "LABEL: the words   <the line>", for the tests that a Chinese
# user meets none (tests/cli_zh_audit.sh). Exits 1 when it printed any.
#
# An English sentence is three or more consecutive words, each one space
# from the next (two or more spaces, or a tab, part the cells of a table:
# a row of item ids is not a sentence). A word is a token that, without the
# brackets, quotes and punctuation around it, is made of Latin letters only
# (joined by a hyphen or an apostrophe: half-year, unit's) and has a
# lower-case one. So these never count, by construction rather than by a
# list: option names (--trust), paths (/a/b.csv), CSV column names and
# values (unit_code, "yes","no"), values joined by | or 、 (none|small|large),
# FILE:LINE:, dates, key ids, placeholders and acronyms in capitals (FILE,
# ID, CSV, SM2), and the machine lines the docs define (level: II, warning:
# red: two words). Single machine words inside Chinese text (a profile name
# such as halfyear, a severity token) are not sentences either.
#
# The one allow-listed run: the command names right after `selfcheck` (or
# the `selfcheck:` in front of a message) are a command line shown as an
# example or named (selfcheck review units add), not a sentence. The caller
# gives the command names as -v commands="run status review units ...";
# any other word after `selfcheck` counts as usual.
BEGIN {
    n = split(commands, c, / +/)
    for (i = 1; i <= n; i++)
        command[c[i]] = 1
}
function word(t) {
    gsub(/^[(\[{"'“‘«]+/, "", t)
    gsub(/[)\]}"'”’»,.;:!?]+$/, "", t)
    return t ~ /^[A-Za-z]+(['-][A-Za-z]+)*$/ && t ~ /[a-z]/
}
# ends the run of words so far, keeping it when it is a sentence
function close_run() {
    if (run >= 3)
        found = found (found == "" ? "" : " | ") text
    run = 0
    text = ""
}
{
    line = $0
    gsub(/\t/, "  ", line)
    n = split(line, tok, / /)
    run = 0; text = ""; found = ""; example = 0
    for (i = 1; i <= n; i++) {
        if (tok[i] ~ /(^|[^A-Za-z_])selfcheck:?$/) {
            close_run()
            example = 1
        } else if (example && tok[i] in command) {
            # a command name of the example: not a word of a sentence
        } else if (word(tok[i])) {
            example = 0
            run++
            text = text (run > 1 ? " " : "") tok[i]
        } else {
            close_run()
            example = 0
        }
    }
    close_run()
    if (found != "") {
        print (label != "" ? label : FILENAME) ": " found "   <" $0 ">"
        bad = 1
    }
}
END { exit bad }
