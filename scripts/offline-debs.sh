#!/bin/sh
# offline-debs.sh: for whoever prepares the USB stick on a connected Debian 12
# machine. Lists the packages that selfcheck's .deb depends on, with their own
# dependencies (the closure, from apt-cache), and downloads them with
# apt-get download into a folder, beside the selfcheck .deb.
#
# usage: sh scripts/offline-debs.sh [--list] [--all] SELFCHECK.deb [DIR]
#   --list  only print the package names
#   --all   the whole closure; without it the C library and the compiler's
#           runtime (libc6, libgcc-s1, gcc-12-base), which every Debian
#           system has in a version at least as new, are left out so that
#           dpkg -i never downgrades them
# DIR defaults to ./selfcheck-offline. Then on the air-gapped machine:
#   sudo dpkg -i DIR/*.deb
set -eu
list=no
all=no
while [ $# -gt 0 ]; do
    case $1 in
    --list) list=yes; shift ;;
    --all) all=yes; shift ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
[ $# -ge 1 ] || { echo "usage: sh scripts/offline-debs.sh [--list] [--all] SELFCHECK.deb [DIR]" >&2; exit 2; }
deb=$1
dir=${2:-selfcheck-offline}
# Depends: "libc6 (>= 2.34), libcsv3 (>= 3.0.3), ..." -> the names
direct=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/|.*//; s/ //g' | grep -v '^$')
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks \
    --no-replaces --no-enhances $direct | grep -v '^ ' | grep -v '^<' | sort -u)
if [ "$all" = no ]; then
    closure=$(printf '%s\n' $closure | grep -vxE 'libc6|libgcc-s1|gcc-[0-9]+-base')
fi
if [ "$list" = yes ]; then
    printf '%s\n' $closure
    exit 0
fi
mkdir -p "$dir"
cp "$deb" "$dir/"
(cd "$dir" && apt-get download $closure)
echo "in $dir: $(ls "$dir" | wc -l) packages; on the air-gapped machine: sudo dpkg -i $dir/*.deb"
