#!/bin/sh
# deps.sh: installs the Debian 12 packages selfcheck needs to build, run and
# test, when any is missing. Run as root (or through sudo).
# Usage: sh scripts/deps.sh [test]   (test: also what only the tests need)
set -e
packages="build-essential cmake pkg-config libncurses-dev libsqlite3-dev libcsv-dev
libiniparser-dev libssl-dev libcmocka-dev sqlite3 openssl tmux locales gettext
man-db mandoc groff-base lintian strace dpkg-dev file bash-completion"
# the tests also fuzz the parsers with clang's libFuzzer
[ "${1:-}" = test ] && packages="$packages clang libclang-rt-14-dev"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "installing:$missing"
    if [ "$(id -u)" -ne 0 ]; then sudo=sudo; else sudo=; fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q $missing
fi
