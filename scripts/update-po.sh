#!/bin/sh
# update-po.sh: extracts every _() and N_() msgid of the sources into
# po/selfcheck.pot and merges it into po/zh_CN.po (new msgids arrive
# untranslated; the translation check fails until they are translated).
# Usage: sh scripts/update-po.sh [OUT.pot]   (OUT.pot: write the template there
# instead, leaving po/ untouched; the test uses this)
set -e
cd "$(dirname "$0")/.."
out=${1:-po/selfcheck.pot}
git ls-files -co --exclude-standard 'src/*.c' 'src/*.h' 'include/*.h' | LC_ALL=C sort > "$out.files"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --add-comments=TRANSLATORS: \
    --package-name=selfcheck --msgid-bugs-address=none --sort-by-file --no-location \
    --files-from="$out.files" -o "$out.new"
rm -f "$out.files"
# the creation date changes on every run: keep the old file when nothing else did
if [ -f "$out" ] && diff -q -I '^"POT-Creation-Date' "$out" "$out.new" >/dev/null 2>&1; then
    rm -f "$out.new"
else
    mv "$out.new" "$out"
fi
if [ $# -eq 0 ]; then
    msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-output po/zh_CN.po po/selfcheck.pot
fi
