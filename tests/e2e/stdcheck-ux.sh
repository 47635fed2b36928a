# stdcheck as a linter that editors and CI rely on: suppression comments (ranges,
# -line, -next-line, -file; misspelt directives and unknown codes are errors; an
# unused suppression is a note), the configuration (.stdcheck.yaml or system.yaml's
# stdcheck: section, found upward; --config, --no-config), .md files that forgot
# their front matter, standard input, and the github, junit and sarif formats.
set -eu
SC=$ROOT/$BUILD/stdcheck
SG=$ROOT/$BUILD/stdgen
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
fail() { echo "$*"; exit 1; }
line_of() { grep -n -F -- "$1" "$2" | head -1 | cut -d: -f1; }

# three unused anchors give three notes on known lines
cp "$ROOT/standards/TS-09-shuangbaodao.md" a.md
cp -r "$ROOT/standards/figures" .
sed -i -e 's/^## 4.1 工作原则$/## 4.1 工作原则 {#a1}/' -e 's/^## 4.2 组织运行$/## 4.2 组织运行 {#a2}/' \
       -e 's/^## 5.1 驻地单位党组织$/## 5.1 驻地单位党组织 {#a3}/' a.md
codes() { "$SC" --no-system --color never "$@" 2>/dev/null | grep -o '^[^ ]*: [a-z]*: .*\[[a-z-]*\]$' | sed 's/: .*\[/ [/' || true; }
[ "$(codes a.md)" = "a.md:95:1 [anchor-unused]
a.md:103:1 [anchor-unused]
a.md:115:1 [anchor-unused]" ] || fail "three notes expected: $(codes a.md)"

# a range: disable … enable covers 4.1 and 4.2, not 5.1
cp a.md r.md
sed -i -e 's/^## 4.1 工作原则 {#a1}$/<!-- stdcheck-disable anchor-unused -- kept for the 2025 edition -->\n\n&/' \
       -e 's/^## 4.3 服务时间和管理$/<!-- stdcheck-enable anchor-unused -->\n\n&/' r.md
got=$(codes r.md)
[ "$got" = "r.md:119:1 [anchor-unused]" ] || fail "range: $got"
# without the enable, the range runs to the end of the file
grep -v 'stdcheck-enable' r.md > r2.md
[ -z "$(codes r2.md)" ] || fail "open range: $(codes r2.md)"

# -line (inline, in the heading) and -next-line
cp a.md l.md
sed -i -e 's/^## 4.1 工作原则 {#a1}$/## 4.1 工作原则 {#a1} <!-- stdcheck-disable-line anchor-unused -->/' \
       -e 's/^## 5.1 驻地单位党组织 {#a3}$/<!-- stdcheck-disable-next-line anchor-unused -->\n&/' l.md
got=$(codes l.md)
[ "$got" = "l.md:103:1 [anchor-unused]" ] || fail "line/next-line: $got"

# -file, wherever it is written; and the old spelling (a disable at the end) is a range
# that covers nothing, so it is reported unused
cp a.md f.md
printf '\n<!-- stdcheck-disable-file anchor-unused -->\n' >> f.md
[ -z "$(codes f.md)" ] || fail "disable-file: $(codes f.md)"
cp a.md u.md
printf '\n<!-- stdcheck-disable anchor-unused -->\n' >> u.md
n=$(wc -l < u.md)
got=$(codes u.md | tr '\n' ' ')
[ "$got" = "u.md:95:1 [anchor-unused] u.md:103:1 [anchor-unused] u.md:115:1 [anchor-unused] u.md:$n:1 [suppress-unused] " ] ||
    fail "unused range: $got"

# misspelt directives and unknown codes are errors; codes still named are kept
cp a.md m.md
sed -i -e 's/^## 4.1 工作原则 {#a1}$/<!-- stdcheck-disable-nextline anchor-unused -->\n&/' \
       -e 's/^## 5.1 驻地单位党组织 {#a3}$/<!-- stdcheck-disable-next-line anchor-unusd, anchor-unused -->\n&/' m.md
set +e
out=$("$SC" --no-system --color never m.md 2>/dev/null); rc=$?
set -e
[ $rc -eq 1 ] || fail "bad directives: exit $rc"
d1=$(line_of 'stdcheck-disable-nextline' m.md)
d2=$(line_of 'anchor-unusd' m.md)
printf '%s\n' "$out" | grep -qx "m.md:$d1:1: error: unknown directive 'stdcheck-disable-nextline' \[directive\]" ||
    fail "misspelt directive not reported: $out"
printf '%s\n' "$out" | grep -qx "m.md:$d2:1: error: stdcheck-disable-next-line names unknown code 'anchor-unusd' \[directive\]" ||
    fail "unknown code not reported: $out"
printf '%s\n' "$out" | grep -q "^m.md:$((d2 + 1)):1: note: .*\[anchor-unused\]" && fail "the known code was dropped: $out"
# a -line that suppresses nothing is a note naming the code
cp a.md n.md
sed -i 's/^本文件规定了\(.*\)$/本文件规定了\1<!-- stdcheck-disable-line verb-form -->/' n.md
grep -q 'disable-line verb-form' n.md || fail "setup: no 本文件规定了 line"
got=$("$SC" --no-system --color never n.md 2>/dev/null | grep suppress-unused || true)
printf '%s\n' "$got" | grep -q "^n.md:$(line_of 'disable-line verb-form' n.md):[0-9]*: note: stdcheck-disable-line verb-form suppresses nothing here \[suppress-unused\]$" ||
    fail "unused -line: $got"

# ---- the configuration ----
mkdir -p proj/std/drafts
cp "$ROOT/standards"/*.md "$ROOT/standards/system.yaml" proj/std/
cp -r "$ROOT/standards/figures" proj/std/
cp a.md proj/std/TS-09-shuangbaodao.md
cd proj
# found upward from the checked file: severity, disable, fail-level
printf 'severity:\n  anchor-unused: warning\nfail-level: warning\n' > .stdcheck.yaml
set +e
out=$("$SC" --color never std 2>/dev/null); rc=$?
set -e
[ $rc -eq 1 ] || fail "fail-level warning from the configuration: exit $rc"
[ "$(printf '%s\n' "$out" | grep -c 'warning: .*\[anchor-unused\]')" = 3 ] || fail "severity override: $out"
# --fail-level on the command line wins over the configuration
"$SC" --color never --fail-level error std >/dev/null 2>&1 || fail "--fail-level error did not win"
# --no-config and --config
[ "$("$SC" --no-config --color never std 2>/dev/null | grep -c 'note: .*\[anchor-unused\]')" = 3 ] || fail "--no-config"
printf 'disable: [anchor-unused]\n' > other.yaml
[ -z "$("$SC" --config other.yaml --color never std 2>&1)" ] || fail "--config: $("$SC" --config other.yaml std 2>&1)"
# a nearer system.yaml with a stdcheck: section is the configuration of its files
cp std/system.yaml std/system.yaml.orig
printf '\nstdcheck:\n  disable: [anchor-unused]\n' >> std/system.yaml
[ -z "$("$SC" --color never std 2>&1)" ] || fail "system.yaml stdcheck: $("$SC" std 2>&1)"
# a bad configuration stops the run with file:line:col
printf '\nstdcheck:\n  severity: {anchor-unused: loud}\n' > system.yaml.part
sed -i '/^stdcheck:/,$d' std/system.yaml
cat system.yaml.part >> std/system.yaml
rm system.yaml.part
set +e
out=$("$SC" std 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || fail "bad configuration: exit $rc"
[ "$out" = "std/system.yaml:$(line_of 'loud' std/system.yaml):29: error: severity 'loud' is not error, warning, note or off" ] ||
    fail "bad configuration message: $out"
printf 'disable: [no-such-code]\n' > bad.yaml
out=$("$SC" --config bad.yaml std 2>&1 || true)
[ "$out" = "bad.yaml:1:11: error: unknown check code 'no-such-code' (stdcheck --list-checks prints them)" ] || fail "bad code: $out"
printf 'disabel: [anchor-unused]\n' > bad.yaml
out=$("$SC" --config bad.yaml std 2>&1 || true)
printf '%s' "$out" | grep -q "^bad.yaml:1:1: error: unknown key 'disabel'" || fail "unknown key: $out"
cp std/system.yaml.orig std/system.yaml
rm std/system.yaml.orig

# a .md with headings and no front matter is an error naming it; README.md is not
printf '# 1 范围\n\n本文件规定了社区党建的要求。\n' > std/drafts/forgot.md
set +e
out=$("$SC" --no-config --color never std 2>/dev/null); rc=$?
set -e
[ $rc -eq 1 ] || fail "forgotten front matter: exit $rc"
[ "$(printf '%s\n' "$out" | grep '\[front-matter\]')" = "std/drafts/forgot.md:1:1: error: no front matter: this file has headings but is not read as a standard [front-matter]" ] ||
    fail "forgotten front matter: $out"
printf '%s\n' "$out" | grep -q 'README' && fail "README.md reported: $out"
# stdgen counts it as a failure
set +e
out=$("$SG" -o "$W/gen" std/drafts 2>&1); rc=$?
set -e
[ $rc -eq 1 ] || fail "stdgen on a forgotten front matter: exit $rc ($out)"
printf '%s\n' "$out" | grep -q '^std/drafts/forgot.md:1:1: error: no front matter' || fail "stdgen message: $out"
printf '%s\n' "$out" | grep -q '0 of 1 standard rendered' || fail "stdgen count: $out"
# exclude globs leave it out (for stdgen too); a file named on the command line is still checked
printf 'exclude: [drafts/]\ndisable: [anchor-unused]\n' > .stdcheck.yaml
"$SC" --color never std >/dev/null 2>&1 || fail "exclude: $("$SC" std 2>&1)"
printf 'exclude: ["**/forgot.md"]\n' > .stdcheck.yaml
"$SC" --color never std/drafts/forgot.md >/dev/null 2>&1 && fail "an excluded file named on the command line was not checked" || true
printf 'include: ["std/JB-*.md"]\n' > .stdcheck.yaml
[ -z "$("$SC" --color never std 2>&1)" ] || fail "include: $("$SC" std 2>&1)"
rm .stdcheck.yaml

# ---- standard input ----
# the name finds the system: the number is checked against std/system.yaml
sed 's/^number: .*/number: SJDJ\/TS 99—2019/' "$ROOT/standards/TS-09-shuangbaodao.md" > in.md
out=$("$SC" --no-config --color never --stdin-filename std/TS-09-shuangbaodao.md - < in.md 2>/dev/null || true)
printf '%s\n' "$out" | grep -q '^std/TS-09-shuangbaodao.md:[0-9]*:[0-9]*: error: .*\[file-name\]$' ||
    fail "stdin with --stdin-filename: $out"
out=$("$SC" --no-system --color never - < ../a.md 2>/dev/null || true)
printf '%s\n' "$out" | grep -q '^<stdin>:95:1: note: ' || fail "stdin without a name: $out"
# --fix on stdin: the fixed text on stdout, the file system untouched
sed 's/^## 6.2 认岗$/## 6.3 认岗/' "$ROOT/standards/TS-09-shuangbaodao.md" > broken.md
"$SC" --no-system --fix --stdin-filename std/TS-09-shuangbaodao.md - < broken.md > fixed.md 2>/dev/null || fail "--fix on stdin left findings"
cmp -s fixed.md "$ROOT/standards/TS-09-shuangbaodao.md" || fail "--fix on stdin: $(diff broken.md fixed.md | head)"

# ---- CI formats ----
out=$("$SC" --no-system -f github ../a.md || true)
[ "$(printf '%s\n' "$out" | head -1)" = "::notice file=../a.md,line=95,col=1,title=anchor-unused::anchor '#a1' on 4.1 is never referred to (hint: refer to it with [](#a1), or drop the anchor; a link with a misspelt anchor may be meant for it)" ] ||
    fail "github: $out"
"$SC" --no-system -f junit ../a.md std/JB-01-mubiao-guanli.md > out.xml || true
python3 - out.xml <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
suites = {s.get("name"): s for s in root}
assert set(suites) == {"../a.md", "std/JB-01-mubiao-guanli.md"}, suites
a = suites["../a.md"]
assert a.get("tests") == "3" and a.get("failures") == "0", a.attrib
assert [c.get("name") for c in a] == ["95:1 anchor-unused", "103:1 anchor-unused", "115:1 anchor-unused"]
clean = suites["std/JB-01-mubiao-guanli.md"]
assert clean.get("tests") == "1" and len(clean) == 1 and not list(clean[0]), ET.tostring(clean)
PY
# SARIF: URIs relative to the git top level, or --sarif-root; an I/O failure is still a log
mkdir -p git/sub && (cd git && git init -q .)
cp ../a.md git/sub/a.md
cp -r ../figures git/sub/
(cd git/sub && "$SC" --no-system -f sarif a.md > ../../s1.sarif || true)
"$SC" --no-system -f sarif --sarif-root "$W" ../a.md > s2.sarif || true
"$SC" --no-system -f sarif no-such.md > s3.sarif 2>/dev/null && fail "missing file: exit 0" || true
python3 - "$ROOT/tests/schemas/sarif-schema-2.1.0.json" "$W" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1])); w = sys.argv[2]
cls = jsonschema.validators.validator_for(schema)
def load(f):
    log = json.load(open(f))
    errors = list(cls(schema).iter_errors(log))
    assert not errors, (f, errors[0].message)
    return log["runs"][0]
r1 = load("s1.sarif")
assert r1["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://%s/proj/git/" % w, r1["originalUriBaseIds"]
assert {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in r1["results"]} == {"sub/a.md"}
assert r1["invocations"] == [{"executionSuccessful": True}], r1["invocations"]
r2 = load("s2.sarif")
assert {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in r2["results"]} == {"a.md"}, r2["results"][0]
r3 = load("s3.sarif")
inv = r3["invocations"][0]
assert inv["executionSuccessful"] is False and r3["results"] == [], inv
assert inv["toolExecutionNotifications"][0]["message"]["text"].startswith("cannot read"), inv
PY

# stdcheck reports what stdgen would fail on, at the same line
C=$ROOT/tests/cases/structure
for name in figure-file table-width; do
    set +e
    gen=$("$SG" -o "$W/gen-$name" "$C/$name.md" 2>&1); grc=$?
    set -e
    [ $grc -eq 1 ] || fail "stdgen on $name: exit $grc"
    at=$(printf '%s\n' "$gen" | grep -o "^$C/$name.md:[0-9]*" | head -1)
    [ -n "$at" ] || fail "stdgen gave no file:line for $name: $gen"
    "$SC" --no-system --color never "$C/$name.md" 2>/dev/null | grep -q "^$at:[0-9]*: error: .*\[$name\]$" ||
        fail "stdcheck does not report $name at $at"
    "$SG" -o "$W/gen-$name-ok" "$C/$name-ok.md" >/dev/null 2>&1 || fail "stdgen refused $name-ok"
done
echo ok
