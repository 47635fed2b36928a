# stdlsp driven through a whole JSON-RPC session on the corpus (tests/e2e/stdlsp_check.py:
# initialize, didOpen, didChange, definition from every reference form, references,
# hover, rename, completion, documentSymbol, foldingRange, codeAction, shutdown, exit,
# and the errors for malformed input), asserting exact positions; then --help against
# the man page.
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
LSP=$ROOT/$BUILD/stdlsp
timeout 300 python3 "$ROOT/tests/e2e/stdlsp_check.py" "$LSP" "$ROOT"
# --log cuts long messages at 400 bytes: on a character boundary, so the trace is UTF-8
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
timeout 60 python3 - "$LSP" "$tmp" <<'PY'
import json, subprocess, sys
lsp, tmp = sys.argv[1], sys.argv[2]
def msg(o):
    b = json.dumps(o, ensure_ascii=False).encode()
    return b'Content-Length: %d\r\n\r\n' % len(b) + b
out = msg({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}})
for pad in range(3):  # one of three offsets puts byte 400 inside a character
    text = '---\nnumber: X\n---\n# 1 范围\n\n' + 'a' * pad + '本文件规定了' * 100 + '\n'
    out += msg({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": "file://%s/x%d.md" % (tmp, pad), "languageId": "markdown", "version": 1, "text": text}}})
out += msg({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}) + msg({"jsonrpc": "2.0", "method": "exit"})
subprocess.run([lsp, '--log', tmp + '/log', '--stdio'], input=out, stdout=subprocess.DEVNULL, timeout=50, check=True)
data = open(tmp + '/log', 'rb').read()
assert data.count('…'.encode()) >= 3, 'no message was cut'
data.decode('utf-8')
PY
. "$ROOT/tests/lib.sh"
check_man stdlsp.1 'language server' EXIT "$LSP" || exit 1
echo ok
