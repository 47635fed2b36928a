# Formulas (tests/fixtures/formulas/): stdcheck clean; the DOCX validates against the
# OOXML schemas (OMML through wml.xsd's import of shared-math.xsd), the ODT's parts and
# every formula object against the ODF RelaxNG schemas (tests/schemas/odf/formula-object.rng),
# the objects' MathML elements have the children MathML requires; pandoc reads the OMML
# back as TeX; LibreOffice converts both formats to PDF, where each cited formula's line
# shows the formula and its number (1), (2), (3), (A.1) at the right, in order, the
# uncited one no number, and the 式中 lines their symbols before the dashes; the inline
# formulas of 4.1 stand in their line; the cases formula of 5.2 prints a row a line.
set -u
. "$ROOT/tests/e2e/docx.lib"
need xmllint libxml2-utils
need unzip
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
SC=$ROOT/$BUILD/stdcheck
FX=$ROOT/tests/fixtures/formulas/formulas.md
out=$(run_tool "$SC" --no-system --color never "$FX" 2>&1) || die "stdcheck finds problems in the fixture: $out"
run_tool "$SG" -q -f docx,odt -o "$T/out" "$FX" || die "stdgen failed"
docx=$(ls "$T"/out/*.docx) odt=$(ls "$T"/out/*.odt)
mkdir -p "$T/d" "$T/o"
unzip -q "$docx" -d "$T/d" && unzip -q "$odt" -d "$T/o" || die "unzip failed"
validate() {
    local o
    o=$(xmllint --noout "$@" 2>&1 | grep -v ' validates$')
    [ -z "$o" ] || die "$(printf '%s\n' "$o" | head -20)"
}
S=$ROOT/tests/schemas
validate --schema "$S/ooxml/wml.xsd" "$T/d/word/document.xml"
validate --relaxng "$S/odf/OpenDocument-v1.3-schema.rng" "$T/o/content.xml" "$T/o/styles.xml"
validate --relaxng "$S/odf/OpenDocument-v1.3-manifest-schema.rng" "$T/o/META-INF/manifest.xml"
objects=("$T"/o/Object*/content.xml)
[ "${#objects[@]}" -ge 12 ] || die "only ${#objects[@]} formula objects"
validate --relaxng "$S/odf/formula-object.rng" "${objects[@]}"
"$PY" - "$T/d/word/document.xml" "${objects[@]}" <<'EOF' || die "formula markup"
import sys, xml.etree.ElementTree as ET
M = '{http://www.w3.org/1998/Math/MathML}'
O = '{http://schemas.openxmlformats.org/officeDocument/2006/math}'
arity = {'mfrac': 2, 'msub': 2, 'msup': 2, 'msubsup': 3, 'mroot': 2, 'munder': 2, 'mover': 2, 'munderover': 3}
bad = []
for f in sys.argv[2:]:
    root = ET.parse(f).getroot()
    if root.tag != M + 'math' or root.find(M + 'semantics/' + M + 'annotation') is None:
        bad.append(f + ': no math/semantics/annotation')
    for e in root.iter():
        n = e.tag.replace(M, '')
        if n in arity and len(e) != arity[n]:
            bad.append('%s: <%s> has %d children' % (f, n, len(e)))
# OMML: the cited formulas and the symbols are m:oMath runs between tabs
doc = ET.parse(sys.argv[1]).getroot()
maths = list(doc.iter(O + 'oMath'))
if len(maths) != len(sys.argv) - 2:
    bad.append('%d m:oMath in the DOCX, %d objects in the ODT' % (len(maths), len(sys.argv) - 2))
for need in ('f', 'nary', 'rad', 'sSub', 'sSup', 'd', 'acc'):
    if not any(True for m in maths for _ in m.iter(O + need)):
        bad.append('no m:%s in the DOCX' % need)
if bad:
    print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF
if command -v pandoc >/dev/null; then
    tex=$(pandoc -f docx -t latex "$docx" 2>/dev/null)
    for w in '\\frac' '\\sum' '\\sqrt' '\\eta'; do
        printf '%s\n' "$tex" | grep -q -- "$w" || die "pandoc reads no $w back from the OMML"
    done
fi
need soffice "libreoffice-writer-nogui, libreoffice-math-nogui"
need pdftotext poppler-utils
mkdir -p "$T/pdf"
# soffice reads $VALGRIND itself (as a valgrind tool name): keep ours from it
timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/pdf" "$docx" "$odt" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
for f in docx odt; do
    pdf=$T/pdf/$(basename "$(ls "$T"/out/*."$f")" ."$f").pdf
    [ -s "$pdf" ] || die "$f: no PDF"
    pdftotext -layout "$pdf" "$T/$f.txt"
    "$PY" - "$T/$f.txt" "$f" <<'EOF' || die "$f: formulas missing or out of order in the PDF"
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
lines = text.split('\n')
def find(pattern, after):
    for i in range(after, len(lines)):
        if re.search(pattern, lines[i]):
            return i
    return -1
bad, at = [], 0
# each cited formula: the number at the end of a line that holds some of the formula
for num, sign in (('1', r'×'), ('2', r'∑'), ('3', r'≤|√|∑'), ('A.1', r'η')):
    i = find(r'(?<!公式)（%s）\s*$' % re.escape(num), at)
    if i < 0:
        bad.append('no line ending in （%s） after line %d' % (num, at + 1))
        continue
    near = '\n'.join(lines[max(0, i - 4):i + 4])
    if not re.search(sign, near):
        bad.append('（%s）: no %s near it' % (num, sign))
    at = i + 1
# the uncited formula prints without a number
i = find(r'天数', 0)
while i >= 0 and '24' not in lines[i]:
    i = find(r'天数', i + 1)
if i < 0 or re.search(r'（\d）\s*$', lines[i]):
    bad.append('the uncited formula (t = 24 h × 天数) is missing or numbered')
# the cases formula: a row a line, the condition beside its value
for row in (r'优\s*,?\s*η\s*≥\s*90\s*%', r'良\s*,?\s*60\s*%\s*≤\s*η\s*<\s*90\s*%', r'差\s*,?\s*η\s*<\s*60\s*%'):
    if not re.search(row, text):
        bad.append('the cases formula has no line matching %s' % row)
# inline formulas stand in their line of text
if not re.search(r'使用面积\s*S\s*≥\s*60\s*m.*层高\s*h\s*不低于\s*2\.8\s*m', text):
    bad.append('the inline formulas of 4.1 are missing from its line')
# 式中: the symbol before the dashes, the meaning after them
for meaning in ('月开放率', '年平均开放率', '使用率；'):
    if not re.search(r'\S\s*——\s*' + meaning, text):
        bad.append('式中 entry "——%s" missing' % meaning)
if bad:
    print('\n'.join(bad))
sys.exit(1 if bad else 0)
EOF
done
echo "formulas: schemas valid, ${#objects[@]} objects, OMML read back by pandoc, numbers and 式中 in both PDFs"
