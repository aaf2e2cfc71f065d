# po_placeholders.awk: used by tests/cli_po.sh. The terminal interface fills
# {1}..{9} in its messages (ui_subst), which msgfmt --check-format cannot
# check: a translation that drops or renames one loses a value silently.
# Prints each entry whose msgstr has other {1}..{9} placeholders than its msgid
function flush() {
    if (id != "" && str != "") {
        a = ph(id); b = ph(str)
        if (a != b) print "placeholders " a " vs " b ": " substr(id, 1, 70)
    }
    id = ""; str = ""
}
function ph(t,   r, i, d) {
    r = ""
    for (i = 1; i <= 9; i++) { d = "{" i "}"; if (index(t, d)) r = r d }
    return r
}
/^msgid / { flush(); mode = "id"; s = $0; sub(/^msgid "/, "", s); sub(/"$/, "", s); id = s; next }
/^msgstr / { mode = "str"; s = $0; sub(/^msgstr "/, "", s); sub(/"$/, "", s); str = s; next }
/^"/ { s = $0; sub(/^"/, "", s); sub(/"$/, "", s); if (mode == "id") id = id s; else if (mode == "str") str = str s; next }
{ mode = "" }
END { flush() }
