# zh_screens.sh: the body of tests/tui_e2e_zh*.sh (issue 8: with [ui] lang =
# zh no English sentence appears in the TUI), sourced after tui.sh and
# review.sh with $cols and $rows set: visits every screen of the unit and of
# the review at that size, keeps each pane, and fails on every English
# sentence found in them (the rules are in the scripts' header comment).
# E2E_KEEP=FILE keeps the panes read; E2E_TRACE=1 prints each as it is read.
command -v perl >/dev/null 2>&1 || { echo "tui_e2e_zh needs perl"; exit 1; }
cat >"$work/english.pl" <<'EOF2'
# Reads screens, each after a line "### WHAT", and prints every English
# sentence once, with the first screen that showed it.
use strict;
use warnings;
my %allow = map { $_ => 1 } qw(Enter Esc Tab PgUp PgDn Home End Up Down Left
    Right Backspace Delete Space Ctrl Shift CSV SQLite MLPS ICP IP IPv IPv4 IPv6
    GB TB PB openssl pkeyutl sha256sum);
my ($what, %seen) = ('');
while (my $line = <STDIN>) {
    chomp $line;
    if ($line =~ /^### (.*)/) { $what = $1; next; }
    # the verify command of the export screen is a shell command to copy,
    # and what openssl prints is quoted as openssl prints it
    next if $line =~ /^\s*(openssl |-in |-sigfile |-digest )/;
    $line =~ s/Signature Verified Successfully/-/g;
    my @run;
    for my $tok ((split /[\s·、，。：；（）「」“”]+/, $line), '') {
        (my $w = $tok) =~ s/^[("'‘\[<]+//;
        $w =~ s/[)"'’\],.;:!?>]+$//;
        if ($w =~ /^[A-Za-z][A-Za-z']*[A-Za-z]$/ && !$allow{$w}) {
            push @run, $w;
            next;
        }
        my $p = "@run";
        print "English on the $what screen: '$p' in: $line\n" if @run >= 3 && !$seen{$p}++;
        @run = ();
    }
}
EOF2
checked=0
# check TARGET WHAT: keeps the pane, to be searched for English at the end
# (english_found).
check() {
    checked=$((checked + 1))
    {
        echo "### $2 ($(tmx display -p -t "$1" '#{window_width}x#{window_height}'))"
        [ -n "${E2E_TRACE:-}" ] && echo "$SECONDS $2" >&2
        screen "$1"
    } >>"$work/screens.txt"
}
# english_found: every English sentence of the screens kept, once each.
english_found() {
    local line
    while IFS= read -r line; do
        fail "$line"
    done < <(perl -CSD "$work/english.pl" <"$work/screens.txt")
}
# the detector itself finds a sentence and passes machine tokens
t=$(printf '%s\n' '### test' 'Press any key to continue' '单位 4401-hb 的 SM2 密钥 Ed25519 /tmp/a.csv' \
    '  Tab, Up, Down, PgUp, PgDn  切换' | perl -CSD "$work/english.pl")
[ "$t" = "English on the test screen: 'Press any key to continue' in: Press any key to continue" ] ||
    fail "the detector: $t"

# try_keys TARGET KEY...: sends keys and waits (up to 2 s) for their effect;
# returns 1 when the screen stayed as it was (a last page, a line that the
# key does not change) after 1 s. Only decides whether there is more to check.
try_keys() {
    local t=$1 before i
    shift
    before=$(screen "$t")
    tmx send-keys -t "$t" "$@"
    for ((i = 0; i < 20; i++)); do
        [ "$(screen "$t")" != "$before" ] && return 0
        sleep 0.05
    done
    return 1
}
# help TARGET WHAT KEY: opens the help of the screen showing with KEY, checks
# it page by page, and closes it.
help() {
    local t=$1
    keys "$t" "$3"
    wait_for "$t" "任意键关闭帮助"
    check "$t" "$2 help"
    try_keys "$t" PageDown && check "$t" "$2 help, page 2"
    keys "$t" Escape
    wait_gone "$t" "任意键关闭帮助"
}
# too_small TARGET COLS ROWS: the too-small screen, then the window back.
too_small() {
    tmx resize-window -t "$1" -x 60 -y 20
    wait_for "$1" "60x20"
    check "$1" "too small"
    tmx resize-window -t "$1" -x "$2" -y "$3"
    wait_gone "$1" "60x20"
}
# walk_all TARGET WHAT: every item of the walk open on TARGET, from its
# first (Home) to its last, each checked.
walk_all() {
    local t=$1 n asked
    tmx send-keys -t "$t" Home
    wait_for "$t" " · 第 1/"
    asked=$(screen "$t" | tail -1 | grep -oE '[0-9]+/[0-9]+ ·' | tail -1 | sed 's/.*\/\([0-9]*\) .*/\1/')
    [ -n "$asked" ] || give_up "$t" "walk_all: no count of asked items on the status line"
    check "$t" "$2 walk"
    # the items' own text is the same at every size: the wide run reads the
    # first items only (walk_items), the frame around them at its width
    ((asked > ${walk_items:-asked})) && asked=$walk_items
    for ((n = 1; n < asked; n++)); do
        keys "$t" Down
        check "$t" "$2 walk"
    done
}
# complete_checked TARGET: answers every item until the summary (as
# complete in tui.sh), checking each screen, the prompts included.
complete_checked() {
    local t=$1 n=0 rc
    while ((n < 300)); do
        n=$((n + 1))
        check "$t" "monthly walk"
        if ((n % 4 == 0)); then step "$t" zh n; else step "$t" zh y; fi
        rc=$?
        ((rc == 2)) && return 0
        ((rc == 1)) && give_up "$t" "complete: no known prompt on the screen"
    done
    give_up "$t" "complete: the summary never came"
}

# ---- the unit's screens ----
unit_screens() {
    local cols=$1 rows=$2 t=u$1 d=$work/u$1 cfg
    mkdir -p "$d"
    cfg=$d/selfcheck.ini
    cat >"$cfg" <<EOF2
[ui]
lang = zh
[paths]
checklists = $repo/checklists
data = $d/data
output = $d/out
[signing]
key = $d/data/unit.key
EOF2
    start "$t" "$cols" "$rows" "$cfg"
    wait_for "$t" "首次使用"
    check "$t" "first-run setup"
    keys "$t" "bad code!"
    wait_for "$t" "只能用字母"
    check "$t" "first-run setup (a bad code)"
    help "$t" "first-run setup" F1
    keys "$t" Escape
    wait_for "$t" "再按 Esc 退出"
    check "$t" "first-run setup (Esc)"
    keys "$t" Down
    too_small "$t" "$cols" "$rows"
    keys "$t" C-u 4401-hb Tab
    keys "$t" 示例局 Tab
    keys "$t" 张三 Tab Tab
    keys "$t" Enter
    wait_for "$t" "到期的检查"
    check "$t" "start (after setup)"
    help "$t" start '?'
    too_small "$t" "$cols" "$rows"

    # systems: two with the long names of the docs, one website
    keys "$t" s
    wait_for "$t" "信息系统"
    check "$t" systems
    help "$t" systems '?'
    keys "$t" a
    check "$t" "systems (adding)"
    keys "$t" "3-4"
    keys "$t" Tab
    keys "$t" 错误代码 Enter
    check "$t" "systems (a bad code)"
    keys "$t" Tab
    keys "$t" C-u env-monitor-platform Tab
    keys "$t" C-u 全市生态环境质量自动监测监控平台 Enter
    wait_for "$t" "env-monitor-platform"
    keys "$t" a
    keys "$t" web-portal Tab
    keys "$t" 全市生态环境局政务服务门户网站 Enter
    wait_for "$t" "web-portal"
    check "$t" systems
    keys "$t" d
    check "$t" "systems (remove?)"
    back_to_start "$t"
    check "$t" "start (with systems)"

    # the annex forms: every page of the inventory and of the survey, a refused value
    keys "$t" i
    wait_for "$t" "数据资产清单"
    forms_pages "$t" inventory
    try_keys "$t" Home
    keys "$t" Down Enter
    keys "$t" 91350100M000100Y34 Enter
    wait_for "$t" "校验码"
    check "$t" "inventory (a refused credit code)"
    keys "$t" Escape
    keys "$t" w
    wait_for "$t" "互联网网站及应用情况调查表"
    forms_pages "$t" survey
    back_to_start "$t"

    # the incident classifier: the facts, a few changed, the rules page
    keys "$t" e
    wait_for "$t" "网络与信息安全事件（003）"
    check "$t" incident
    local k
    for k in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
        keys "$t" Down
        try_keys "$t" Right
        check "$t" incident
    done
    keys "$t" Tab
    wait_for "$t" "level: "
    check "$t" "incident rules"
    for k in 1 2 3 4 5; do
        try_keys "$t" PageDown || break
        check "$t" "incident rules"
    done
    keys "$t" s
    check "$t" "incident (save asks a title)"
    keys "$t" Escape
    back_to_start "$t"

    # the monthly check: every item and prompt, the summary, the export
    tmx send-keys -t "$t" Home
    keys "$t" Enter
    wait_for "$t" "每月例行检查 2026-11"
    help "$t" walk '?'
    too_small "$t" "$cols" "$rows"
    complete_checked "$t"
    check "$t" summary
    help "$t" summary '?'
    keys "$t" e
    wait_for "$t" "报告写入的文件夹"
    check "$t" export
    help "$t" export F1
    keys "$t" Enter
    wait_for "$t" "报告已签名并导出"
    check "$t" "export (done)"
    for k in 1 2 3; do
        try_keys "$t" PageDown || break
        check "$t" "export (done)"
    done
    help "$t" "export (done)" '?'
    keys "$t" Enter
    wait_for "$t" "汇总 ·"
    back_to_start "$t"

    # the half-year check: every item, then the incomplete summary and export
    select_entry "$t" "每半年全面检查"
    keys "$t" Enter
    wait_for "$t" "每半年全面检查 2026-H2"
    walk_all "$t" half-year
    answer_until "$t" zh 2
    keys "$t" s
    wait_for "$t" "未完成"
    check "$t" "summary (incomplete)"
    keys "$t" e
    wait_for "$t" "报告写入的文件夹"
    keys "$t" Enter
    wait_for "$t" "仍然导出"
    check "$t" "export (incomplete)"
    keys "$t" Escape
    screen "$t" | grep -qF "报告写入的文件夹" && keys "$t" Escape
    back_to_start "$t"

    # the change check of the long-named system
    select_entry "$t" "变更：全市"
    keys "$t" Enter
    wait_for "$t" "@env-monitor-platform"
    walk_all "$t" change
    keys "$t" q
    wait_for "$t" "EXIT=0"
}
# select_entry TARGET TEXT: moves the start screen's selection (">") to the
# entry holding TEXT, wherever it was.
select_entry() {
    local n
    for n in 1 2 3 4 5 6 7 8 9 10; do
        screen "$1" | grep -E '^ *> ' | grep -qF -- "$2" && return 0
        try_keys "$1" Down || break
    done
    for n in 1 2 3 4 5 6 7 8 9 10; do
        screen "$1" | grep -E '^ *> ' | grep -qF -- "$2" && return 0
        try_keys "$1" Up || break
    done
    give_up "$1" "no entry '$2' to choose on the start screen"
}
# back_to_start TARGET: b until the start screen shows (Esc there would quit).
back_to_start() {
    local n=0
    while ! screen "$1" | grep -qF "到期的检查"; do
        n=$((n + 1))
        ((n < 6)) || give_up "$1" "b does not lead back to the start screen"
        keys "$1" b
    done
}
# forms_pages TARGET WHAT: every page of the form on screen, checked.
forms_pages() {
    local t=$1 n=0
    check "$t" "$2"
    while ((n < 40)) && try_keys "$t" PageDown; do
        n=$((n + 1))
        check "$t" "$2"
    done
}

unit_screens "$cols" "$rows"

# ---- the review's screens ----
export SELFCHECK_NOW=2027-01-10T09:00:00
for u in u1 u2 u3; do
    key "$u" ed25519
    rv units add "$u" "单位$u" --key "$work/keys/$u.pub" --from 2026-01-01 >/dev/null || fail "units add $u"
done
s=$work/stick
report "$s/u1-11.csv" u1 u1 ed25519 monthly 2026-11 2026-11-26T10:00:00 u1-11 1 yes 2026-11-30
report "$s/u1-12.csv" u1 u1 ed25519 monthly 2026-12 2026-12-26T10:00:00 u1-12 "" yes
report "$s/u2-11.csv" u2 u2 ed25519 monthly 2026-11 2026-11-26T10:00:00 u2-11 3 yes 2026-11-30
report "$s/u2-12.csv" u2 u2 ed25519 monthly 2026-12 2026-12-26T10:00:00 u2-12 3,4 no 2027-01-05
code "import" 0 rv import --allow-incomplete "$s"
# the unit's own report of the bundled checklists, exported on its screens above
rv units add 4401-hb 示例局 --key "$work/u$cols/out/4401-hb.pub" --from 2026-01-01 >/dev/null ||
    fail "units add 4401-hb"
code "import the unit's report" 0 rv import "$work/u$cols/out"
printf '[ui]\nlang = zh\n' >"$work/zh.ini"
tmx set-environment -g SELFCHECK_NOW "$SELFCHECK_NOW"

review_screens() {
    local cols=$1 rows=$2 t=r$1
    start "$t" "$cols" "$rows" "$work/zh.ini" review --db "$db"
    wait_for "$t" "审核 月度检查 2026-12"
    check "$t" "review table"
    help "$t" "review table" '?'
    too_small "$t" "$cols" "$rows"
    keys "$t" w
    check "$t" "review table (weakest first)"
    keys "$t" Left
    wait_for "$t" "审核 月度检查 2026-11"
    check "$t" "review table (November)"
    # the unit's own report: 4401-hb reported November
    tmx send-keys -t "$t" u
    wait_for "$t" "现为：单位"
    tmx send-keys -t "$t" Home
    keys "$t" Enter
    wait_for "$t" "单位 4401-hb"
    check "$t" "review unit"
    help "$t" "review unit" '?'
    keys "$t" Escape
    keys "$t" Right
    wait_for "$t" "审核 月度检查 2026-12"
    keys "$t" Down
    keys "$t" Enter
    wait_for "$t" "单位 u1"
    check "$t" "review unit"
    keys "$t" c
    wait_for "$t" "两期对比"
    check "$t" "review compare"
    help "$t" "review compare" '?'
    keys "$t" d
    check "$t" "review compare (every item)"
    keys "$t" Escape
    keys "$t" Escape
    keys "$t" Down
    keys "$t" Enter
    wait_for "$t" "单位 u2"
    check "$t" "review unit (incomplete)"
    keys "$t" Escape
    keys "$t" i
    wait_for "$t" "检查项跨单位情况"
    check "$t" "review items"
    help "$t" "review items" '?'
    keys "$t" Escape
    keys "$t" f
    wait_for "$t" "整改跟踪"
    check "$t" "review follow-up"
    help "$t" "review follow-up" '?'
    keys "$t" Escape
    keys "$t" m
    wait_for "$t" "未报送单位"
    check "$t" "review missing"
    help "$t" "review missing" '?'
    keys "$t" Escape
    keys "$t" q
    wait_for "$t" "EXIT=0"
}
review_screens "$cols" "$rows"
english_found
[ -n "${E2E_KEEP:-}" ] && cp "$work/screens.txt" "$E2E_KEEP"
((checked > 100)) || fail "only $checked screens were checked"
echo "checked $checked screens"
