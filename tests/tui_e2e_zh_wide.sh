#!/usr/bin/env bash
# tui_e2e_zh_wide.sh: tui_e2e_zh.sh at 120x40, where lines hold more words
# (a sentence wrapped at 80 columns shows whole), as its own test so that
# the two sizes run side by side. The checklists' items are read whole at
# 80x24; here the first 12 of the half-year and change walks (the monthly
# walk is answered item by item, with its prompts, at both sizes).
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"
cols=120
rows=40
# every item's text is read at 80x24; here the first 12 of each walk
walk_items=12
# shellcheck source=lib/zh_screens.sh
. "$repo/tests/lib/zh_screens.sh"
finish tui_e2e_zh_wide
