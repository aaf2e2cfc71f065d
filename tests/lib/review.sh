# review.sh: what the review tests share, sourced after common.sh: keys made
# with openssl, synthetic signed reports (bench/review-report.awk), and rv,
# selfcheck review with English messages on the database $db.
command -v openssl >/dev/null 2>&1 || { echo "review tests need openssl"; exit 1; }
db=$work/review.db
printf '[ui]\nlang = en\n' >"$work/en.ini"
rv() { "$bin" --config "$work/en.ini" review "$@" --db "$db"; }
# code DESCRIPTION EXPECTED COMMAND...: runs it, output in $out
code() {
    local what=$1 want=$2
    shift 2
    out=$("$@" 2>&1)
    local rc=$?
    [ $rc -eq "$want" ] || { fail "$what: exit $rc, expected $want"; echo "$out"; }
}
SM2="-digest sm3 -pkeyopt distid:1234567812345678"
mkdir -p "$work/keys"
# key NAME ALGO: $work/keys/NAME.key and .pub
key() {
    if [ "$2" = sm2 ]; then
        openssl genpkey -algorithm SM2 -out "$work/keys/$1.key" 2>/dev/null
    else
        openssl genpkey -algorithm ed25519 -out "$work/keys/$1.key" 2>/dev/null
    fi
    openssl pkey -in "$work/keys/$1.key" -pubout -out "$work/keys/$1.pub"
}
kid() { openssl pkey -pubin -in "$work/keys/$1.pub" -outform DER | sha256sum | cut -d' ' -f1; }
# report FILE UNIT KEY ALGO PROFILE PERIOD GENERATED RID [FAIL] [COMPLETE] [DUE]:
# a signed synthetic report of 10 items, 1 point each (FAIL: items that are
# findings, due on DUE, default 2026-12-31)
report() {
    local file=$1 unit=$2 k=$3 algo=$4
    mkdir -p "$(dirname "$file")"
    awk -f "$repo/bench/review-report.awk" -v unit="$unit" -v uname="单位$unit" -v profile="$5" -v period="$6" \
        -v gen="$7" -v kid="$(kid "$k")" -v algo="$algo" -v rid="$8" -v n=10 -v fail="${9:-}" \
        -v due="${11:-2026-12-31}" -v complete="${10:-yes}" >"$file"
    if [ "$algo" = sm2 ]; then
        # shellcheck disable=SC2086
        openssl pkeyutl -sign -inkey "$work/keys/$k.key" -rawin -in "$file" -out "$file.sig" $SM2
    else
        openssl pkeyutl -sign -inkey "$work/keys/$k.key" -rawin -in "$file" -out "$file.sig"
    fi
}
