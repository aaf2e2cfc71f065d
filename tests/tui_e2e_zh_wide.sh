#!/usr/bin/env bash
# tui_e2e_zh_wide.sh: tui_e2e_zh.sh at 120x40, where lines hold more words
# (a sentence wrapped at 80 columns shows whole), as its own test so that
# the two sizes run side by side.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"
cols=120
rows=40
# shellcheck source=lib/zh_screens.sh
. "$repo/tests/lib/zh_screens.sh"
finish tui_e2e_zh_wide
