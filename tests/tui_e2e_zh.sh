#!/usr/bin/env bash
# tui_e2e_zh.sh: with [ui] lang = zh no English sentence appears in the TUI
# (issue 8), at 80x24 (tui_e2e_zh_wide.sh: the same at 120x40). Every screen a unit meets is visited
# and its pane checked: the first-run setup, the start screen, the systems,
# the annex forms (inventory and survey), the incident classifier and its
# rules page, every item of the monthly, half-year and change walks, the
# owner and due-date prompts, the summary, the export before and after,
# the help of each screen and the too-small screen; then the review screens
# over a database with the unit's own report: the table, a unit, two periods
# compared, an item across units, the follow-up and who has not reported,
# with their help. Waits for screen content, never for fixed times.
#
# An English sentence is three or more English words in a row (words of
# two letters or more, upper or lower case). Machine tokens are not words
# and break a run: anything with a digit, '-', '_', '/', '.', '@' or ':'
# inside (unit codes, ids, paths, periods, SM2, Ed25519, key ids, options
# such as -pubin), and this allow-list: key names as printed on keys
# (Enter, Esc, Tab, PgUp...), file formats and standards' acronyms (CSV,
# SQLite, SM2, MLPS, ICP, IP), and the shell command the export screen shows
# to be copied (openssl pkeyutl ...: a command, not a sentence).
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
# shellcheck source=lib/review.sh
. "$repo/tests/lib/review.sh"

cols=80
rows=24
# shellcheck source=lib/zh_screens.sh
. "$repo/tests/lib/zh_screens.sh"
finish tui_e2e_zh
