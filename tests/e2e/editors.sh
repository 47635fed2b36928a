# The editor packaging: editors/vscode's package.json is valid and its extension.js
# parses; the problem matcher it contributes for stdcheck's text output, applied with
# JavaScript's regular expressions (as VS Code applies it) to what stdcheck prints
# for broken standards, captures every diagnostic's file, line, column, severity,
# message and code, and no hint line. (The Neovim snippet is exercised by
# stdlsp-nvim.sh; building the .vsix needs npm's registry and is not run here.)
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
command -v node >/dev/null || { echo "node is not installed"; exit 77; }
SC=$ROOT/$BUILD/stdcheck
V=$ROOT/editors/vscode
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
node --check "$V/extension.js"
python3 - "$V/package.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
assert p["main"] == "./extension.js" and "onLanguage:markdown" in p["activationEvents"], p
assert "vscode-languageclient" in p["dependencies"], p
assert [m["name"] for m in p["contributes"]["problemMatchers"]] == ["stdcheck"], p
assert set(p["contributes"]["configuration"]["properties"]) == {"stdkit.stdlspPath", "stdkit.debounce", "stdkit.disable"}
PY
# broken standards: cases of the suite, with errors, warnings and notes
cd "$ROOT/tests/cases"
set +e
"$SC" --no-system --color never numbering/num-gap.md refs/ref-missing.md structure/hanging-para.md refs/anchor-unused.md \
    >"$W/out" 2>/dev/null
set -e
grep -q ': note: ' "$W/out" && grep -q ': warning: ' "$W/out" && grep -q ': error: ' "$W/out" || { cat "$W/out"; exit 1; }
node - "$V/package.json" "$W/out" <<'JS'
const fs = require('fs');
const pkg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const pat = pkg.contributes.problemMatchers[0].pattern;
const re = new RegExp(pat.regexp);
const lines = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter(l => l);
let n = 0;
for (const l of lines) {
  const m = re.exec(l);
  // what stdcheck printed, taken apart independently of the matcher
  const want = /^([^:]+):(\d+):(\d+): (error|warning|note): (.*) \[([a-z-]+)\]$/.exec(l);
  if (!want) {
    if (m) { console.error('the matcher takes a line that is no diagnostic: ' + l); process.exit(1); }
    continue;
  }
  const got = [m[pat.file], m[pat.line], m[pat.column], m[pat.severity], m[pat.message], m[pat.code]];
  if (JSON.stringify(got) !== JSON.stringify(want.slice(1))) {
    console.error('line: ' + l + '\n got: ' + JSON.stringify(got) + '\nwant: ' + JSON.stringify(want.slice(1)));
    process.exit(1);
  }
  n++;
}
if (n < 4) { console.error('only ' + n + ' diagnostics matched'); process.exit(1); }
JS
echo ok
