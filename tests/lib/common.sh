# common.sh: what every shell test shares: a temporary folder that is removed
# on exit, a private home (so the user's own settings are never read), and
# the failure count with its helpers. Sourced by tests/cli_*.sh and
# tests/lib/tui.sh after they set bin and repo.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share
export LANG=C.UTF-8
# a Chinese user on a machine with only C.UTF-8 installed: settings that do
# not give [ui] lang follow the environment (docs/configuration.md)
export LANGUAGE=zh_CN
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# expect DESCRIPTION PATTERN TEXT: TEXT holds PATTERN.
# A plain substring test, not grep -F: grep reads a newline in PATTERN as
# several patterns, and a pattern ending in one would match anything.
expect() {
    if [[ "$3" != *"$2"* ]]; then fail "$1: no '$2' in:"; echo "$3"; fi
}
# refuse DESCRIPTION PATTERN TEXT: TEXT does not hold PATTERN.
refuse() {
    if [[ "$3" == *"$2"* ]]; then fail "$1: '$2' in:"; echo "$3"; fi
}
# example_config [LINES]: writes $work/selfcheck.ini for unit 4401-hb over the
# example checklist of docs/checklist-format.md, data in $work/data; LINES
# (more keys of [paths], then other sections) are added at the end.
example_config() {
    cat >"$work/selfcheck.ini" <<EOF2
[unit]
code = 4401-hb
name = 示例局
assessor = 张三
[paths]
checklists = $repo/tests/fixtures/example.ini
data = $work/data
${1:-}
EOF2
}
# fill_in SHEET CHECKLIST ITEM SYSTEM 'ANSWER,NOTE,OWNER,DUE': puts those CSV
# cells into the blank row of ITEM (for SYSTEM, or '' for a unit item) of a
# template sheet: the four empty cells after `allowed`, which come before
# the checklist, item and system columns (docs/answer-sheet.md).
fill_in() { sed -i "/,\"$2\",\"$3\",\"$4\",/ s|,\"\",\"\",\"\",\"\",|,$5,|" "$1"; }
# fill SHEET ITEM SYSTEM CELLS: fill_in for the example checklist.
fill() { fill_in "$1" example "$2" "$3" "$4"; }
# fill_worked_example SHEET [NOTE]: the answers of the worked example of
# docs/scoring.md, on a half-year template of the example checklist; NOTE is
# the note of the first row (a formula, to test neutralising it).
fill_worked_example() {
    fill "$1" backup-daily oa "\"yes\",\"${2:-}\",\"\",\"\""
    fill "$1" backup-daily web '"不适用","","",""'
    fill "$1" backup-frequency '' '"Weekly","每周五全量备份，另有""增量""备份, 异地","王五",""'
    fill "$1" av-signature-age '' '"12","","李四","2026/12/1"'
    fill "$1" mlps-last-change oa '"2026-03-01","迁移到政务云","",""'
    fill "$1" mlps-last-change web '"na","","",""'
    fill "$1" mlps-last-assessment oa '"2025-12-10","","",""'
    fill "$1" mlps-last-assessment web '"2026-05-20","","",""'
    fill "$1" hosted-by-third-party '' '"是","","",""'
    fill "$1" hosting-contract '' '"partial","","",""'
    fill "$1" backup-notes '' '"异地备份存放于档案室,\n每周轮换","","",""'
}
# sc ARGS...: selfcheck with that configuration.
sc() { "$bin" --config "$work/selfcheck.ini" "$@"; }
# forms_unit CHECKLISTS: settings with those checklists (a file or folder)
# and the unit the tests of gating know: three systems and the annex forms.
# app 网上办事系统: internet and private network, business data and personal
# information, stored at a hosting unit, level 3; oa 办公自动化系统: private
# network, business data, level 2; web 门户网站: internet, business data,
# level 2, the one website of the survey (www.example.gov.cn).
forms_unit() {
    example_config
    sed -i "s|checklists = .*|checklists = $1|" "$work/selfcheck.ini"
    sc systems add app 网上办事系统 >/dev/null || fail "systems add app"
    sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"
    sc systems add web 门户网站 >/dev/null || fail "systems add web"
    sc inventory set --system app release_area=both data_types=both storage=hosting mlps_level=3 >/dev/null ||
        fail "inventory app"
    sc inventory set --system oa release_area=private data_types=business storage=private mlps_level=2 \
        >/dev/null || fail "inventory oa"
    sc inventory set --system web release_area=internet data_types=business storage=internet mlps_level=2 \
        >/dev/null || fail "inventory web"
    sc survey set --system web domain=www.example.gov.cn >/dev/null || fail "survey web"
}
# golden NAME TEXT: TEXT is exactly tests/golden/NAME, the output a reader of
# the docs expects; a difference is shown as a diff. With
# SELFCHECK_UPDATE_GOLDEN=1 the file is written instead (then review the diff).
golden() {
    local file=$repo/tests/golden/$1
    if [ "${SELFCHECK_UPDATE_GOLDEN:-}" = 1 ]; then
        printf '%s\n' "$2" >"$file"
        return 0
    fi
    if ! diff -u "$file" <(printf '%s\n' "$2") >"$work/golden.diff" 2>&1; then
        fail "output differs from tests/golden/$1:"
        cat "$work/golden.diff"
    fi
}
# finish NAME: the test's verdict and exit code.
finish() {
    if ((failures > 0)); then
        echo "$failures failure(s)"
        exit 1
    fi
    echo "$1: ok"
    exit 0
}
