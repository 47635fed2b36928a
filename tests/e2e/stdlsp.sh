# stdlsp driven through a whole JSON-RPC session on the corpus (tests/e2e/stdlsp_check.py:
# initialize, didOpen, didChange, definition from every reference form, references,
# hover, rename, completion, documentSymbol, foldingRange, codeAction, shutdown, exit,
# and the errors for malformed input), asserting exact positions; then --help against
# the man page.
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
LSP=$ROOT/$BUILD/stdlsp
timeout 300 python3 "$ROOT/tests/e2e/stdlsp_check.py" "$LSP" "$ROOT"
. "$ROOT/tests/lib.sh"
check_man stdlsp.1 'language server' EXIT "$LSP" || exit 1
echo ok
