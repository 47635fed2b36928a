# Every front matter and system.yaml shown in the documentation is valid: each
# fenced block (docs/*.md, README.md) or .nf block (docs/*.5, docs/*.1) that starts
# with '---' is a front matter, each one with number_pattern: a system.yaml; each is
# checked by stdcheck itself, and none may raise a front-matter or system.yaml finding.
set -u
. "$ROOT/tests/lib.sh"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
/usr/bin/python3 - "$ROOT" "$W" "$ROOT/$BUILD/stdcheck" <<'PY'
import glob, json, os, re, subprocess, sys
root, w, sc = sys.argv[1:4]
body = open(os.path.join(root, "tests/cases/template/minimal.md"), encoding="utf-8").read().split("---\n", 2)[2]
blocks = []
for f in sorted(glob.glob(os.path.join(root, "docs", "*.md")) + [os.path.join(root, "README.md")]):
    text = open(f, encoding="utf-8").read()
    for m in re.finditer(r"^```[a-z]*\n(.*?)^```", text, re.S | re.M):
        blocks.append((os.path.relpath(f, root), text[:m.start()].count("\n") + 2, m.group(1)))
for f in sorted(glob.glob(os.path.join(root, "docs", "*.[15]"))):
    text = open(f, encoding="utf-8").read()
    for m in re.finditer(r"^\.nf\n(.*?)^\.fi", text, re.S | re.M):
        t = re.sub(r"\\f\(CW|\\fR|\\fB|\\fI", "", m.group(1)).replace("\\-", "-").replace("\\(em", "—").replace("\\e", "\\")
        blocks.append((os.path.relpath(f, root), text[:m.start()].count("\n") + 2, t))
META = {"front-matter", "meta-yaml", "meta-type", "meta-value", "meta-unknown"}
SYSTEM = {"system-file", "system-unknown"}
bad, n_fm, n_sys = [], 0, 0
for i, (src, line, text) in enumerate(blocks):
    if text.startswith("---\n") and "\n---\n" in text[3:]:
        fm = text[:text.index("\n---\n", 3) + 5]
        path = os.path.join(w, "fm%d.md" % i)
        open(path, "w", encoding="utf-8").write(fm + body)
        out = subprocess.run([sc, "--no-system", "--no-config", "-f", "json", path], capture_output=True, text=True)
        found = [d for d in json.loads(out.stdout or "[]") if d["code"] in META]
        n_fm += 1
        for d in found:
            bad.append("%s:%d: the front matter example: %s [%s] (line %d of the block)" % (src, line, d["message"], d["code"], d["line"]))
    elif re.search(r"^number_pattern:", text, re.M):
        d = os.path.join(w, "sys%d" % i)
        os.makedirs(d)
        open(os.path.join(d, "system.yaml"), "w", encoding="utf-8").write(text)
        open(os.path.join(d, "TS-01-room.md"), "w", encoding="utf-8").write(open(os.path.join(root, "tests/cases/template/minimal.md"), encoding="utf-8").read())
        out = subprocess.run([sc, "--no-config", "-f", "json", d], capture_output=True, text=True)
        n_sys += 1
        for x in json.loads(out.stdout or "[]"):
            if x["code"] in SYSTEM:
                bad.append("%s:%d: the system.yaml example: %s [%s]" % (src, line, x["message"], x["code"]))
if n_fm < 2 or n_sys < 1:
    bad.append("found %d front matter and %d system.yaml examples; the documentation has more" % (n_fm, n_sys))
print("\n".join(bad) if bad else "%d front matter and %d system.yaml examples are valid" % (n_fm, n_sys))
sys.exit(1 if bad else 0)
PY
