# stdcheck's machine-readable outputs: --format json parses and carries every field;
# --format sarif validates against the SARIF 2.1.0 schema (tests/schemas/) and has
# what GitHub code scanning reads (rules with help, results with ruleIndex and region).
# Also --fail-level, -q, --disable, NO_COLOR and the clean corpus.
set -eu
SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
python3 -c 'import jsonschema' 2>/dev/null || { echo "python3-jsonschema is not installed (scripts/install-deps)"; exit 77; }

# a standard with an error, a warning and a note
cp "$ROOT/standards/TS-09-shuangbaodao.md" "$W/broken.md"
cp -r "$ROOT/standards/figures" "$W/"
sed -i -e 's/^## 6.2 认岗/## 6.3 认岗/' \
       -e 's/^社区党组织应根据居民需求和在职党员特长/注1：社区党组织根据居民需求和在职党员特长/' \
       -e 's/^表1：在职党员志愿服务积分标准 {#tab-points}/表1：在职党员志愿服务积分标准 {#tab-points-x}/' \
       -e 's/积分项目和标准应符合表1的规定/积分项目和标准应符合[](#tab-points)的规定/' "$W/broken.md"
cd "$W"

# text: exit 1, gcc-style lines, no colour when not a TTY or with NO_COLOR
set +e
out=$("$SC" --no-system broken.md 2>/dev/null); rc=$?
set -e
[ $rc -eq 1 ] || { echo "exit $rc on a broken standard"; exit 1; }
printf '%s\n' "$out" | grep -q '^broken.md:[0-9]*:[0-9]*: error: .* \[num-gap\]$' || { echo "no num-gap line: $out"; exit 1; }
if printf '%s' "$out" | grep -q $'\033'; then echo "colour on a pipe"; exit 1; fi
col=$(NO_COLOR=1 "$SC" --no-system --color always broken.md 2>/dev/null || true)
if printf '%s' "$col" | grep -q $'\033'; then echo "colour despite NO_COLOR"; exit 1; fi
col=$("$SC" --no-system --color always broken.md 2>/dev/null || true)
printf '%s' "$col" | grep -q $'\033\[' || { echo "no colour with --color always"; exit 1; }

# JSON: parses, one object per diagnostic with every field
"$SC" --no-system -f json broken.md > out.json || true
python3 - out.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and d, "empty JSON"
for o in d:
    for k in ("code", "severity", "file", "line", "column", "message", "hint"):
        assert k in o, (k, o)
    assert o["severity"] in ("error", "warning", "note")
codes = {o["code"] for o in d}
assert {"num-gap", "ref-dangling", "note-number"} <= codes, codes
PY

# SARIF: schema-valid, rules carry help, results point into the rule list
"$SC" --no-system -f sarif broken.md > out.sarif || true
"$SC" -f sarif "$ROOT/standards" > clean.sarif
python3 - "$ROOT/tests/schemas/sarif-schema-2.1.0.json" out.sarif clean.sarif <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
for f in sys.argv[2:]:
    log = json.load(open(f))
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log), key=lambda e: e.path)
    assert not errors, "%s: %s at %s" % (f, errors[0].message, list(errors[0].path))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert run["columnKind"] == "unicodeCodePoints"
    for r in rules:
        assert r["help"]["text"] and r["shortDescription"]["text"] and r["fullDescription"]["text"], r
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note"), r
        assert r["helpUri"].startswith("https://"), r
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"], res
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] and loc["region"]["startLine"] >= 1, res
    if f == "clean.sarif":
        assert run["results"] == [], run["results"]
    else:
        assert len(run["results"]) >= 3
PY

# --fail-level and -q: the note alone does not fail by default, fails at note level
cp "$ROOT/standards/TS-09-shuangbaodao.md" note.md
sed -i 's/^## 6.4 践诺/## 6.4 践诺 {#c-fulfil}/' note.md
out=$("$SC" --no-system note.md 2>&1) || { echo "a note failed the default fail level: $out"; exit 1; }
printf '%s\n' "$out" | grep -q 'note: .*\[anchor-unused\]' || { echo "no anchor-unused note: $out"; exit 1; }
if "$SC" --no-system --fail-level note note.md >/dev/null 2>&1; then echo "--fail-level note passed a note"; exit 1; fi
[ -z "$("$SC" --no-system -q note.md 2>&1)" ] || { echo "-q printed a note"; exit 1; }
# --disable and the per-file comment
[ -z "$("$SC" --no-system --disable anchor-unused note.md 2>&1)" ] || { echo "--disable did not drop the note"; exit 1; }
printf '\n<!-- stdcheck-disable-file anchor-unused -->\n' >> note.md
[ -z "$("$SC" --no-system note.md 2>&1)" ] || { echo "stdcheck-disable-file comment did not drop the note"; exit 1; }
set +e
"$SC" --disable no-such-code note.md >/dev/null 2>&1; rc=$?
set -e
[ $rc -eq 2 ] || { echo "unknown --disable code: exit $rc"; exit 1; }
echo ok
