# A real LSP client: Neovim (Debian's neovim, 0.7) headless, set up with the shipped
# editors/nvim/stdlsp.lua, opens a shipped standard (the snippet starts stdlsp for
# it through vim.lsp.start_client on 0.7), types a broken reference and waits for
# the diagnostic, repairs it, and jumps to a definition with vim.lsp.buf.definition()
# (tests/e2e/stdlsp_nvim.lua). Checked here: the diagnostic list as Neovim holds it
# (byte columns it converted from stdlsp's UTF-16 ones) and where the cursor landed.
set -eu
command -v nvim >/dev/null || { echo "neovim is not installed"; exit 77; }
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
FILE=standards/TS-04-wujiax-huodongri.md
cd "$ROOT"
OUT=$W/out.json HOME=$W XDG_CONFIG_HOME=$W XDG_DATA_HOME=$W XDG_STATE_HOME=$W \
    timeout 120 nvim --headless -u NONE -i NONE -n --cmd 'set noswapfile' --cmd 'filetype on' \
    --cmd "lua package.path = '$ROOT/editors/nvim/?.lua;' .. package.path" \
    --cmd "lua require('stdlsp').setup({ cmd = { '$ROOT/$BUILD/stdlsp', '--debounce', '0' } })" \
    -c "luafile $ROOT/tests/e2e/stdlsp_nvim.lua" "$FILE" </dev/null >"$W/nvim.log" 2>&1 \
    || { echo "nvim failed:"; cat "$W/nvim.log"; [ -f "$W/out.json" ] && cat "$W/out.json"; exit 1; }
python3 - "$W/out.json" "$FILE" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
row = next(i for i, l in enumerate(lines) if l.startswith("3) 政治学习"))
col = lines[row].encode().index(b"6.1.2")
head = next(i for i, l in enumerate(lines) if l.startswith("### 6.1.2 "))
bad = []
def check(c, what):
    if not c:
        bad.append(what)
check(r.get("ok") and r["steps"] == ["initialized", "diagnostics", "cleared", "definition"], "steps: %s" % r.get("steps"))
want = [{"lnum": row, "col": col, "end_lnum": row, "end_col": col + 5, "severity": 1, "source": "stdcheck",
         "code": "ref-missing",
         "message": "reference to clause 6.1.9, but this standard has no clause 6.1.9\n"
                    "hint: correct the number, or link with [](#id) so the reference follows its target"}]
check(r.get("diagnostics") == want, "diagnostics: %s\nwant %s" % (json.dumps(r.get("diagnostics"), ensure_ascii=False),
                                                                   json.dumps(want, ensure_ascii=False)))
check(r.get("cursor") == [head + 1, 0], "cursor %s, want [%d, 0]" % (r.get("cursor"), head + 1))
check(r.get("cursor_line") == lines[head], "cursor line %r" % r.get("cursor_line"))
check(str(r.get("hover", "")).startswith("**6.1.2　政治学习**"), "hover %r" % r.get("hover"))
if bad:
    print("\n".join(bad))
    sys.exit(1)
PY
echo ok
