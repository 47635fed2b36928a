# Shared by the test runners: counters and the summary line.
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$ROOT/$BUILD
# stdgen lays each document out with LibreOffice when it can (--pages auto): the tests
# that are not about pages use the estimate and stay fast (docx-libreoffice.sh asks for
# the layout pass itself)
export SK_PAGES=${SK_PAGES:-estimate}
passed=0; failed=0; skipped=0
failures=()
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); failures+=("$1"); printf 'FAIL: %s\n' "$1" >&2; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /' >&2; return 0; }
skip() { skipped=$((skipped + 1)); printf 'SKIP: %s\n' "$1" >&2; }
summary() {
    local name=$1
    if [ "$skipped" -gt 0 ]; then
        printf '%s: %d passed, %d failed, %d skipped\n' "$name" "$passed" "$failed" "$skipped"
    else
        printf '%s: %d passed, %d failed\n' "$name" "$passed" "$failed"
    fi
    [ -n "${SUMMARY_FILE:-}" ] && printf '%d %d %d\n' "$passed" "$failed" "$skipped" >> "$SUMMARY_FILE"
    [ "$failed" -eq 0 ]
}
# Wraps a tool under valgrind when VALGRIND=1.
run_tool() {
    if [ "${VALGRIND:-0}" = 1 ]; then
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
            --suppressions="$ROOT/tests/valgrind.supp" \
            --show-leak-kinds=definite,indirect "$@"
    else
        "$@"
    fi
}
# check_man PAGE PHRASE END TOOL: docs/PAGE renders without groff warnings and its NAME
# line shows PHRASE in man(1); TOOL --help names the same long options as the page's
# OPTIONS section (up to the section END). Prints what differs; returns 1 then.
check_man() {
    local page=$ROOT/docs/$1 phrase=$2 end=$3 tool=$4 warn help man
    if command -v groff >/dev/null; then
        warn=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1 | grep -v "can't break line" || true)
        [ -z "$warn" ] || { echo "groff warns: $warn"; return 1; }
    fi
    if command -v man >/dev/null; then
        MANWIDTH=80 man "$page" 2>/dev/null | grep -q "$phrase" || { echo "man ./docs/$1 does not render"; return 1; }
    fi
    help=$("$tool" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
    man=$(sed -n "/^\.SH OPTIONS/,/^\.SH $end/p" "$page" | sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*' | sort -u)
    [ "$help" = "$man" ] || { echo "--help and $1 differ:"; diff <(printf '%s\n' "$help") <(printf '%s\n' "$man"); return 1; }
}
