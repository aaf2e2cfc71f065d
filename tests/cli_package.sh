#!/usr/bin/env bash
# cli_package.sh: the Debian package as a new user meets it. cpack -G DEB
# builds selfcheck_VERSION_ARCH.deb from the build tree; its contents are the
# install layout (bin/, share/selfcheck/checklists, share/locale, share/man
# with zh_CN, share/doc/selfcheck with copyright and changelog, the bash
# completion); Depends come from dpkg-shlibdeps; lintian reports no error.
# Unpacked into a fresh root, the installed binary finds the installed
# checklists and catalogue, speaks Chinese under LANGUAGE=zh_CN and English
# under LANG=C.UTF-8, and reads nothing of the source or build tree, whose
# path is not in the binary either.
set -u
bin=$1
repo=$2
# shellcheck source=lib/common.sh
. "$repo/tests/lib/common.sh"

build=$(cd "$(dirname "$bin")" && pwd)
version=$("$bin" --version | sed -n '1s/^selfcheck //p')
arch=$(dpkg --print-architecture)
deb=$work/pkg/selfcheck_${version}_${arch}.deb
(cd "$build" && cpack -G DEB -B "$work/pkg" >"$work/cpack.log" 2>&1) || { fail "cpack -G DEB:"; cat "$work/cpack.log"; }
[ -f "$deb" ] || fail "no $deb"

# the layout
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')
for path in ./usr/bin/selfcheck ./usr/share/selfcheck/checklists/accounts-passwords.ini \
    ./usr/share/locale/zh_CN/LC_MESSAGES/selfcheck.mo ./usr/share/man/man1/selfcheck.1.gz \
    ./usr/share/man/man5/selfcheck-checklist.5.gz ./usr/share/man/man5/selfcheck.ini.5.gz \
    ./usr/share/man/zh_CN/man1/selfcheck.1.gz ./usr/share/doc/selfcheck/copyright \
    ./usr/share/doc/selfcheck/changelog.gz ./usr/share/doc/selfcheck/cli.md \
    ./usr/share/bash-completion/completions/selfcheck ./usr/share/selfcheck/rules/incident.ini; do
    grep -qx -- "$path" <<<"$contents" || fail "the package has no $path"
done
for ini in "$repo"/checklists/*.ini; do
    grep -qx -- "./usr/share/selfcheck/checklists/$(basename "$ini")" <<<"$contents" || fail "checklist $(basename "$ini") not packaged"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libc6 libsqlite3-0 libssl3 libncursesw6 libcsv3 libiniparser1; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
lint=$(lintian "$deb" 2>&1 | grep -v 'running with root privileges')
refuse "lintian errors" "E: " "$lint"
refuse "lintian warnings" "W: " "$lint"

# a fresh root, as dpkg -i would lay it
root=$work/root
dpkg-deb -x "$deb" "$root"
sc_installed() { env -u SELFCHECK_SHARE -u LANGUAGE "$@"; }
installed=$root/usr/bin/selfcheck
readelf -S "$installed" | grep -q '\.symtab' && fail "the installed binary is not stripped"
# AddressSanitizer names each instrumented source file in the binary (its
# reports need them), so only a build without it can be free of the path
if ! readelf -d "$installed" | grep -q 'libasan'; then
    grep -qaF -- "$repo" "$installed" && fail "the installed binary holds the source path $repo"
    grep -qaF -- "$build" "$installed" && fail "the installed binary holds the build path $build"
fi

out=$(sc_installed "$installed" --version) || fail "installed --version"
expect "--version names the installed checklists" "$root/usr/share/selfcheck/checklists" "$out"
expect "--version lists their versions" "accounts-passwords" "$out"
out=$(sc_installed LANG=C.UTF-8 "$installed" lint 2>&1) || fail "installed lint: $out"
expect "English under LANG=C.UTF-8" " checklists, " "$out"
expect "English under LANG=C.UTF-8" "no problems" "$out"
out=$(sc_installed LANG=C.UTF-8 "$installed" --help)
expect "English help" "usage: selfcheck" "$out"
out=$(sc_installed LANGUAGE=zh_CN LANG=C.UTF-8 "$installed" lint 2>&1) || fail "installed lint in Chinese: $out"
expect "Chinese under LANGUAGE=zh_CN" "没有发现问题" "$out"
out=$(sc_installed LANGUAGE=zh_CN "$installed" status 2>&1)
expect "status in Chinese from the installed catalogue" "检查表目录 $root/usr/share/selfcheck/checklists" "$out"
out=$(sc_installed LANGUAGE=zh_CN "$installed" --help)
expect "Chinese help" "用法：" "$out"

# nothing of the source or build tree is opened
sc_installed LANGUAGE=zh_CN strace -f -e trace=%file -o "$work/trace" "$installed" status >/dev/null 2>&1
sc_installed strace -f -e trace=%file -o "$work/trace2" "$installed" template --profile monthly >/dev/null 2>&1
if grep -hF -- "$repo" "$work/trace" "$work/trace2" >"$work/leaks"; then
    fail "the installed binary looks into the source tree:"
    head -5 "$work/leaks"
fi

# the installed man pages and the completion
for page in "$root"/usr/share/man/man1/selfcheck.1.gz "$root"/usr/share/man/zh_CN/man1/selfcheck.1.gz; do
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || fail "man -l $page warns: $warnings"
done
expect "man selfcheck(1)" "selfcheck - security self-check" "$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$root/usr/share/man/man1/selfcheck.1.gz" 2>/dev/null)"
bash -n "$root/usr/share/bash-completion/completions/selfcheck" || fail "the completion is not valid bash"

finish cli_package
