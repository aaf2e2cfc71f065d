#!/usr/bin/env bash
# tui_e2e_newuser.sh: issue 9's "Done when", tried as a new user at 80x24 in
# Chinese, with the long names of the docs (全市生态环境质量自动监测监控平台,
# env-monitor-platform) and a long unit name:
# 1. a half-done check never says 通过: not on the summary, the walk's status
#    line, the start screen, `score`, `status`, nor in the report written by
#    `report --allow-incomplete` or by the export screen (verdict incomplete,
#    read from the CSV and, with sqlite3, from the SQLite file), nor on the
#    review's table and unit screen once the supervisor imported it;
# 2. the command the export screen shows, copied from the pane and run in
#    the export folder, prints "Signature Verified Successfully" (and so does
#    the one `report` prints);
# 3. a November sheet saved the Excel way (GBK, CRLF, blank rows below the
#    data) and handed in on 2 December is recorded into November;
# 4. no screen drops a column or cuts a text without a mark: every screen
#    visited is read for a long name cut where its text ends without "…"
#    (a name wrapped onto the next line is whole), for a line wider than the
#    window, and for a title bar that lost its date.
# Waits for screen content, never for fixed times.
set -u
bin=$1
repo=$2
# shellcheck source=lib/tui.sh
. "$repo/tests/lib/tui.sh"
command -v perl >/dev/null 2>&1 || { echo "tui_e2e_newuser needs perl"; exit 1; }
command -v sqlite3 >/dev/null 2>&1 || { echo "tui_e2e_newuser needs sqlite3"; exit 1; }
command -v iconv >/dev/null 2>&1 || { echo "tui_e2e_newuser needs iconv"; exit 1; }

long_sys=全市生态环境质量自动监测监控平台
long_unit=广州市生态环境局黄埔分局信息化建设办公室
long_who=欧阳建国（信息科）
mkdir -p "$work/u"
cfg=$work/u/selfcheck.ini
cat >"$cfg" <<EOF2
[ui]
lang = zh
[unit]
code = 4401-hb
name = $long_unit
assessor = $long_who
[paths]
checklists = $repo/checklists
data = $work/u/data
output = $work/u/out
[signing]
key = $work/u/data/unit.key
EOF2
sc() { "$bin" --config "$cfg" "$@"; }
sc keygen >/dev/null 2>&1 || fail "keygen"
sc systems add env-monitor-platform "$long_sys" >/dev/null || fail "systems add env-monitor-platform"
sc systems add oa 办公自动化系统 >/dev/null || fail "systems add oa"

# ---- what a cut looks like ----
cat >"$work/cuts.pl" <<'EOF2'
# Reads screens, each after "### WHAT COLSxROWS", and prints every line wider
# than the window and every long name (the arguments) cut where its text
# ends (a space, a frame line, the end of the line) without "…"; a name that
# goes on at the next line (wrapped) is whole; and a title bar without the
# date at its right.
use strict;
use warnings;
my @names = @ARGV;
@ARGV = ();
my ($what, $cols, @lines) = ('', 80);
sub width { my $w = 0; $w += ($_ =~ /[\x{1100}-\x{115F}\x{2E80}-\x{A4CF}\x{AC00}-\x{D7A3}\x{F900}-\x{FAFF}\x{FE30}-\x{FE4F}\x{FF00}-\x{FF60}\x{FFE0}-\x{FFE6}]/ ? 2 : 1) for split //, shift; $w }
sub judge {
    print "$what: the title bar drops the date: $lines[0]\n"
        if @lines && $what !~ /too small/ && $lines[0] !~ /\d{4}-\d\d-\d\d\s*$/;
    for my $i (0 .. $#lines) {
        my $l = $lines[$i];
        print "$what: a line wider than $cols columns: $l\n" if width($l) > $cols;
        for my $n (@names) {
            my $start = substr($n, 0, 3);
            my $pos = 0;
            while (($pos = index($l, $start, $pos)) >= 0) {
                my $k = 3;
                $k++ while $k < length($n) && $pos + $k < length($l) && substr($l, $pos + $k, 1) eq substr($n, $k, 1);
                my $next = $pos + $k < length($l) ? substr($l, $pos + $k, 1) : '';
                my $rest = substr($n, $k, 2);
                if ($k < length($n) && $next ne '…' && $next =~ /^(\s|│|\||)$/) {
                    my $wrapped = substr($l, $pos + $k) =~ /^\s*[│|]?\s*$/ && $i < $#lines && index($lines[$i + 1], $rest) >= 0;
                    print "$what: '$n' cut without a mark as '" . substr($n, 0, $k) . "': $l\n" unless $wrapped;
                }
                $pos += $k;
            }
        }
    }
}
while (my $line = <STDIN>) {
    chomp $line;
    if ($line =~ /^### (.*) (\d+)x(\d+)$/) {
        judge();
        ($what, $cols, @lines) = ($1, $2);
        next;
    }
    push @lines, $line;
}
judge();
EOF2
checked=0
# look TARGET WHAT: keeps the pane, to be read for cuts at the end.
look() {
    checked=$((checked + 1))
    {
        echo "### $2 $(tmx display -p -t "$1" '#{window_width}x#{window_height}')"
        screen "$1"
    } >>"$work/screens.txt"
}
# the reader itself: a cut without a mark is found, one with "…" and a wrapped one pass
t=$(printf '%s\n' '### test 80x24' " 标题                2026-11-21" "  变更：全市生态环境质量自动监测     2026-11-21" "  变更：全市生态环境质量…  未开始" \
    "  系统：全市生态环境质量自动监" "  测监控平台" | perl -CSDA "$work/cuts.pl" "$long_sys")
[ "$t" = "test: '$long_sys' cut without a mark as '全市生态环境质量自动监测':   变更：全市生态环境质量自动监测     2026-11-21" ] ||
    fail "the cut reader: $t"
# try_keys TARGET KEY...: sends keys, waits up to 1 s for their effect;
# 1 when nothing changed (a last page). Only decides whether to read more.
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
# help_pages TARGET WHAT KEY: the help over the screen showing, both pages read.
help_pages() {
    local t=$1 first
    keys "$t" "$3"
    wait_for "$t" "任意键关闭帮助"
    look "$t" "$2 help"
    first=$(screen "$t")
    if try_keys "$t" PageDown; then
        look "$t" "$2 help, page 2"
        # the unit's help pages show the v mark when more is below
        case $2 in review*) ;; *)
            grep -qE 'v│?$' <<<"$(head -n -2 <<<"$first")" ||
                fail "#9: the help of the $2 screen has more below than the window shows, and no v mark says so" ;;
        esac
    fi
    keys "$t" Escape
    wait_gone "$t" "任意键关闭帮助"
}
# not_pass WHERE TEXT: TEXT never says 通过 (a question may say 通过 of
# something else: only lines of totals, verdicts and states are given).
not_pass() { refuse "#9: a half-done check on $1" "通过" "$2"; }

# ---- a half-done monthly check on screen ----
start a 80 24 "$cfg"
wait_for a "到期的检查"
look a start
help_pages a start '?'
keys a Enter
wait_for a "每月例行检查 2026-11"
look a walk
answer_until a zh 2
not_pass "the walk's status line" "$(screen a | tail -1)"
# every item of the walk, the per-system ones with their long names
asked=$(screen a | tail -1 | grep -oE '[0-9]+/[0-9]+ ·' | tail -1 | sed 's/.*\/\([0-9]*\) .*/\1/')
tmx send-keys -t a Home
wait_for a " · 第 1/"
for ((n = 1; n < asked; n++)); do
    keys a Down
    look a walk
done
help_pages a walk '?'
keys a s
wait_for a "汇总 ·"
look a summary
summary=$(screen a | head -4)
expect "#9: the summary of a half-done check says 未完成" "未完成" "$summary"
not_pass "the summary" "$summary"
not_pass "the summary's status line" "$(screen a | tail -1)"
help_pages a summary '?'
# exported half-done, from the screen: the report says incomplete, the command verifies
keys a e
wait_for a "报告写入的文件夹"
look a export
keys a Enter
wait_for a "再按一次 Enter 仍然导出"
keys a Enter
wait_for a "报告已签名并导出"
look a "export (done)"
s=$(screen a)
id=$(openssl pkey -pubin -in "$work/u/data/unit.pub" -outform DER | sha256sum | cut -d' ' -f1)
expect "#9: the key id in full on the export screen" "$id" "$s"
shown=$(sed -n '/^ *openssl pkeyutl/,/^ *-digest/p' <<<"$s" | sed -n '1,/-digest/p')
[ "$(wc -l <<<"$shown")" -ge 3 ] || fail "#9: no openssl command on the export screen: $s"
out=$(cd "$work/u/out" && bash -c "$shown" 2>&1)
expect "#9: the command copied from the export screen, run in the export folder" "Signature Verified Successfully" "$out"
csv=$(ls "$work"/u/out/*.csv 2>/dev/null | head -1)
[ -n "$csv" ] || fail "no CSV report exported"
verdict=$(tail -n +2 "$csv" | head -1 | awk -F'","' '{print $17}')
[ "$verdict" = incomplete ] || fail "#9: the exported CSV of a half-done check has verdict '$verdict'"
verdict=$(sqlite3 "${csv%.csv}.sqlite" 'SELECT verdict FROM report' 2>&1)
[ "$verdict" = incomplete ] || fail "#9: the exported SQLite of a half-done check has verdict '$verdict'"
try_keys a PageDown && look a "export (done)"
help_pages a "export (done)" '?'
keys a Enter
wait_for a "汇总 ·"
keys a Escape
wait_for a " · 第 "
keys a Escape
wait_for a "到期的检查"
look a "start (half-done)"
not_pass "the start screen" "$(screen a | grep -F '每月例行检查')"
expect "the start screen: in progress" "进行中" "$(screen a | grep -F '每月例行检查')"
# the other screens with the long names: systems, the forms, the incident classifier
keys a s
wait_for a "env-monitor-platform"
look a systems
help_pages a systems '?'
keys a b
wait_for a "到期的检查"
keys a i
wait_for a "数据资产清单"
look a inventory
while try_keys a PageDown; do look a inventory; done
keys a w
wait_for a "互联网网站及应用情况调查表"
look a survey
while try_keys a PageDown; do look a survey; done
keys a b
wait_for a "到期的检查"
keys a e
wait_for a "网络与信息安全事件（003）"
look a incident
# a political defacement: level I, with the longest list of actions
keys a Down Down Down Down Down Down Down Down Down
wait_for a "> 网站或页面被篡改"
keys a Right
keys a Right
wait_for a "I级（重大）· 红色预警"
keys a Tab
wait_for a "返回事实"
look a "incident rules"
first=$(screen a)
if try_keys a PageDown; then
    look a "incident rules"
    grep -qE 'v│?$' <<<"$(head -n -2 <<<"$first")" ||
        fail "#9: the incident's rules page has more below than the window shows, and no v mark says so"
fi
keys a b
keys a b
wait_for a "到期的检查"
# the change check of the long-named system: every item
tries=0
while ! screen a | grep -qE '^ *> .*变更：全市'; do
    keys a Down
    tries=$((tries + 1))
    ((tries < 10)) || give_up a "no change entry of $long_sys on the start screen"
done
look a "start (change chosen)"
keys a Enter
wait_for a "@env-monitor-platform"
asked=$(screen a | tail -1 | grep -oE '[0-9]+/[0-9]+ ·' | tail -1 | sed 's/.*\/\([0-9]*\) .*/\1/')
for ((n = 1; n < asked; n++)); do
    keys a Down
    look a "change walk"
done
# the too-small screen keeps its message whole and says q quits
tmx resize-window -t a -x 60 -y 20
wait_for a "60x20"
look a "too small"
expect "#9: the too-small screen says q quits" "q" "$(screen a)"
tmx resize-window -t a -x 80 -y 24
wait_gone a "60x20"
keys a q
wait_for a "EXIT=0"

# ---- the command line says the same of the half-done check ----
out=$(sc score 2>&1)
expect "score of a half-done check" "未完成" "$out"
not_pass "score" "$(grep -E '总计|等级|结论|verdict' <<<"$out")"
out=$(sc status 2>&1)
not_pass "status" "$(grep -F '月' <<<"$out")"
mkdir -p "$work/cli-out"
out=$(sc report --allow-incomplete --out "$work/cli-out" 2>&1) || fail "report --allow-incomplete: exit $?: $out"
not_pass "report --allow-incomplete's output" "$out"
csv=$(ls "$work"/cli-out/*.csv 2>/dev/null | head -1)
verdict=$(tail -n +2 "$csv" | head -1 | awk -F'","' '{print $17}')
[ "$verdict" = incomplete ] || fail "#9: report --allow-incomplete writes verdict '$verdict'"
verdict=$(sqlite3 "${csv%.csv}.sqlite" 'SELECT verdict FROM report' 2>&1)
[ "$verdict" = incomplete ] || fail "#9: report --allow-incomplete writes verdict '$verdict' in SQLite"
printed=$(sed -n '/^ *openssl pkeyutl/,/-digest/p' <<<"$out" | sed -n '1,/-digest/p')
[ -n "$printed" ] || fail "#9: report prints no openssl command: $out"
out=$(cd "$work/cli-out" && bash -c "$printed" 2>&1)
expect "#9: the command report prints, run in its folder" "Signature Verified Successfully" "$out"

# ---- a November sheet saved by Excel as GBK, handed in on 2 December ----
export SELFCHECK_NOW=2026-11-28T16:00:00
sc template --out "$work/sheet.csv" 2>/dev/null || fail "template"
expect "the sheet records its period" "period=2026-11" "$(head -1 "$work/sheet.csv")"
# fill every row as its allowed column says: yes, the first choice, the
# smallest number, a date, a text; one no, with an owner
perl -CSD -Mutf8 -ne '
    if (!/^"(?:system_name|答题表|系统名称)/ && /^"/) {
        my @f = /"((?:[^"]|"")*)"/g;
        if (@f >= 7 && $f[2] ne "") {
            my $a = $f[2];
            my $v = $a =~ /^yes\|no/ ? "是" : $a =~ /^([a-z]+)\|/ ? $1 : $a =~ /^(\d+)\.\./ ? "$1天" :
                $a =~ /^YYYY-MM-DD/ ? "2026/11/3" : "已核对";
            $f[3] = $v;
            $_ = join(",", map { "\"$_\"" } @f) . "\r\n";
        }
    }
    print;' "$work/sheet.csv" >"$work/filled.csv"
sed -i '0,/"是",""/ s/"是","",""/"否","","王五"/' "$work/filled.csv"
# Excel's "CSV (逗号分隔)" on Chinese Windows: GBK, no byte-order mark, CRLF,
# and rows of empty cells below the data where cells were touched
tail -c +4 "$work/filled.csv" | iconv -f UTF-8 -t GBK >"$work/excel.csv" || fail "iconv to GBK"
cols_n=$(sed -n 3p "$work/filled.csv" | tr -cd ',' | wc -c)
for r in 1 2 3; do
    printf '%*s\r\n' "$cols_n" '' | tr ' ' ',' >>"$work/excel.csv"
done
if iconv -f UTF-8 -t UTF-8 "$work/excel.csv" >/dev/null 2>&1; then fail "the GBK sheet is valid UTF-8: not a GBK test"; fi
export SELFCHECK_NOW=2026-12-02T09:00:00
out=$(sc answer --from "$work/excel.csv" 2>&1) || fail "#9: the GBK sheet of November is refused on 2 December: $out"
expect "the sheet was read as GB18030" "GB18030" "$out"
out=$(sc score --period 2026-11 2>&1)
asked=$(sed -n 's/.*总计: \([0-9]*\)\/\([0-9]*\) 已答.*/\1 \2/p' <<<"$out")
read -r got of <<<"$asked"
[ -n "${got:-}" ] && [ "$got" = "$of" ] || fail "#9: the November check is not fully answered from the GBK sheet: $out"
out=$(sc score --period 2026-12 2>&1)
refuse "#9: nothing of the November sheet went into December" "总计: 1" "$(grep 总计 <<<"$out")"
start b 80 24 "$cfg"
wait_for b "到期的检查"
look b "start (2 December)"
expect "#9: the start screen shows November completed" "已完成" "$(screen b | grep -F '2026-11')"
keys b q
wait_for b "EXIT=0"

# ---- the supervisor receives the half-done report ----
printf '[ui]\nlang = zh\n' >"$work/zh.ini"
rv() { "$bin" --config "$work/zh.ini" review "$@" --db "$work/review.db"; }
rv units add 4401-hb "$long_unit" --key "$work/u/data/unit.pub" --from 2026-01-01 >/dev/null || fail "review units add"
out=$(rv import --allow-incomplete "$work/u/out" 2>&1) || fail "review import: $out"
tmx set-environment -g SELFCHECK_NOW "$SELFCHECK_NOW"
start r 80 24 "$work/zh.ini" review --db "$work/review.db"
wait_for r "审核 月度检查 2026-11"
look r "review table"
row=$(screen r | grep -F 4401-hb)
not_pass "the review table" "$row"
expect "the review table marks the report incomplete" "未完成" "$row"
help_pages r "review table" '?'
keys r Enter
wait_for r "单位 4401-hb"
look r "review unit"
not_pass "the review's unit screen" "$(screen r | grep -F 总分)"
while try_keys r PageDown; do look r "review unit"; done
keys r Escape
wait_for r "审核 月度检查 2026-11"
keys r f
wait_for r "整改跟踪"
look r "review follow-up"
keys r Escape
wait_for r "审核 月度检查 2026-11"
keys r m
wait_for r "未报送单位"
look r "review missing"
keys r Escape
wait_for r "审核 月度检查 2026-11"
keys r q
wait_for r "EXIT=0"

# ---- every screen read for cuts ----
while IFS= read -r line; do
    fail "#9: $line"
done < <(perl -CSDA "$work/cuts.pl" "$long_sys" env-monitor-platform "$long_unit" "$long_who" <"$work/screens.txt")
((checked > 50)) || fail "only $checked screens were read"
echo "read $checked screens"
[ -n "${E2E_KEEP:-}" ] && cp "$work/screens.txt" "$E2E_KEEP"
finish tui_e2e_newuser
