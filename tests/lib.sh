# Shared by the test runners: counters and the summary line.
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$ROOT/$BUILD
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
            --show-leak-kinds=definite,indirect "$@"
    else
        "$@"
    fi
}
