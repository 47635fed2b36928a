# HACKING.md matches the code: every sk_/SK_ name it gives is declared in a
# header of lib/, every `path:line` it cites exists and that line holds the
# function named beside it, every module of lib/ is in its module map (and
# nothing else is), and every module header starts by naming its module.
set -u
. "$ROOT/tests/lib.sh"
H=$ROOT/HACKING.md
[ -f "$H" ] || { echo "no HACKING.md"; exit 1; }
/usr/bin/python3 - "$ROOT" <<'PY'
import glob, os, re, sys
root = sys.argv[1]
doc = open(os.path.join(root, "HACKING.md"), encoding="utf-8").read()
bad = []
headers = ""
for h in glob.glob(os.path.join(root, "lib", "*", "*.h")) + [os.path.join(root, "lib", "stdkit.h")]:
    headers += open(h, encoding="utf-8").read()
sources = {}
for c in glob.glob(os.path.join(root, "lib", "*", "*.c")) + glob.glob(os.path.join(root, "cmd", "*.c")):
    sources[os.path.relpath(c, root)] = open(c, encoding="utf-8").read().split("\n")
# 1. names
for name in sorted(set(re.findall(r"\b(sk_\w+|SK_\w+)\b", doc))):
    if not re.search(r"\b%s\b" % re.escape(name), headers):
        # a static function cited with its file:line is fine when the line has it
        if not any(re.search(r"\b%s\b" % re.escape(name), "\n".join(l)) for l in sources.values()):
            bad.append("HACKING.md names %s, which no header declares" % name)
# 2. file:line (name)
for path, line, name in re.findall(r"`?((?:lib|cmd)/[\w/]+\.[ch]):(\d+)`?\s*\(`(\w+)`\)", doc):
    full = os.path.join(root, path)
    if not os.path.exists(full):
        bad.append("%s:%s: no such file" % (path, line)); continue
    lines = open(full, encoding="utf-8").read().split("\n")
    n = int(line)
    if n > len(lines) or not re.search(r"\b%s\b" % re.escape(name), lines[n - 1]):
        bad.append("%s:%s is not %s (the line is: %s)" % (path, line, name, lines[n - 1].strip() if n <= len(lines) else "past the end"))
for path, line, name in re.findall(r"\(`(\w+)`,\s*`?((?:lib|cmd)/[\w/]+\.[ch]):(\d+)`?\)", doc):
    pass
for name, path, line in re.findall(r"`(\w+)`\s*\(`?((?:lib|cmd)/[\w/]+\.[ch]):(\d+)`?\)", doc):
    full = os.path.join(root, path)
    lines = open(full, encoding="utf-8").read().split("\n") if os.path.exists(full) else []
    n = int(line)
    if not lines or n > len(lines) or not re.search(r"\b%s\b" % re.escape(name), lines[n - 1]):
        bad.append("%s:%s is not %s" % (path, line, name))
# 3. the module map lists every module
mapsec = doc[doc.index("## Module map"):doc.index("## Contracts")]
modules = sorted(set(os.path.splitext(os.path.relpath(p, os.path.join(root, "lib")))[0]
                     for p in glob.glob(os.path.join(root, "lib", "*", "*.[ch]"))))
for stage in sorted(set(m.split("/")[0] for m in modules)):
    para = re.search(r"^%s — (.*?)(?:\n\n|\Z)" % stage, mapsec, re.S | re.M)
    if not para:
        bad.append("the module map has no paragraph for %s/" % stage); continue
    listed = set(re.findall(r"`([a-z]\w*)`", para.group(1)))
    have = set(m.split("/")[1] for m in modules if m.startswith(stage + "/"))
    for m in sorted(have - listed):
        bad.append("the module map lacks %s/%s" % (stage, m))
    for m in sorted(listed - have):
        bad.append("the module map lists %s/%s, which does not exist" % (stage, m))
# 4. each header names its module first
for h in sorted(glob.glob(os.path.join(root, "lib", "*", "*.h"))):
    stem = os.path.splitext(os.path.basename(h))[0]
    first = open(h, encoding="utf-8").readline()
    if not first.startswith("/* %s — " % stem):
        bad.append("%s does not start with '/* %s — '" % (os.path.relpath(h, root), stem))
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY
