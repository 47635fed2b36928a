# The parts around tables and figures (tests/fixtures/floats/, GB/T 1.1—2020 9.7, 9.8)
# and the lead-ins written for the author: stdcheck gives exactly the two
# leadin-generated notes; the DOCX validates against the OOXML schemas and the ODT
# against the ODF RelaxNG schemas; python-docx reads the DOCX back in the order the
# layout decided; LibreOffice converts both to PDF (one run), where the unit statement
# stands at the right between the table's title and its header row (and over the
# figure), the footnotes follow the table's note inside it, the table notes written as
# the last row of an HTML table are notes, each subfigure's "a)" line comes under its
# picture, the key, the note and the footnote come before the figure's title, and
# chapters 2 and 4 open with the sentences stdgen wrote.
set -u
. "$ROOT/tests/e2e/docx.lib"
need xmllint libxml2-utils
need unzip
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
SC=$ROOT/$BUILD/stdcheck
FX=$ROOT/tests/fixtures/floats/floats.md
out=$(cd "$ROOT" && run_tool "$SC" --no-system --color never tests/fixtures/floats/floats.md 2>/dev/null) || die "stdcheck fails on the fixture: $out"
want='tests/fixtures/floats/floats.md:23:1: note: 规范性引用文件 has no lead-in sentence; stdgen writes "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。" [leadin-generated]
  hint: write the sentence yourself to have it in the source
tests/fixtures/floats/floats.md:38:1: note: 符号和缩略语 has no lead-in sentence; stdgen writes "下列缩略语适用于本文件。" [leadin-generated]
  hint: write the sentence yourself to have it in the source'
[ "$out" = "$want" ] || die "stdcheck on the fixture: $(diff <(printf '%s\n' "$want") <(printf '%s\n' "$out"))"
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
"$PY" - "$docx" <<'EOF' || die "python-docx reads the parts out of order"
import sys, docx
d = docx.Document(sys.argv[1])
body = [(p.style.name, p.text) for p in d.paragraphs]
def at(style, text, after=0):
    for i in range(after, len(body)):
        if body[i][0] == style and body[i][1] == text:
            return i
    raise SystemExit('no %s paragraph %r after %d' % (style, text, after))
i = at('GB Table Title', '表1　门牌和铭牌的尺寸')
assert body[i + 1] == ('GB Table Text', '单位为毫米'), body[i + 1]
t = d.tables[0]
assert t.rows[1].cells[0].text == '门牌a', t.rows[1].cells[0].text
sup = [r for r in t.rows[1].cells[0].paragraphs[0].runs if r.font.superscript]
assert [r.text for r in sup] == ['a'], sup
notes = [p.text for p in t.rows[-1].cells[0].paragraphs]
assert notes == ['注：尺寸为外框尺寸。', 'a　临街门牌应采用金属材质。', 'b　不包括底座。'], notes
notes = [p.text for p in d.tables[1].rows[-1].cells[0].paragraphs]
assert notes == ['注1：数量为最少数量。', '注2：出入口另设疏散标志。'], notes
j = at('GB Table Text', '单位为毫米', i + 2)
for k, want in enumerate(['a)　正面', 'b)　侧面']):
    assert body[j + 2 + 2 * k] == ('GB Figure', want), body[j + 2 + 2 * k]
k = at('GB Formula Where', '标引序号说明：', j)
assert [b[1] for b in body[k + 1:k + 4]] == ['\t1\t——门牌号；', '\t2\t——社区名称；', '\t3\t——二维码。'], body[k + 1:k + 4]
assert body[k + 4] == ('GB Note', '注：门牌为红底白字。') and body[k + 5] == ('GB Note', 'a　临街门牌的二维码应朝向人行道。'), body[k + 4:k + 6]
assert body[k + 6] == ('GB Figure Title', '图1　门牌样式'), body[k + 6]
e = at('GB Example', '示例：某社区在活动室门外右侧设门牌，左侧设铭牌。')
assert body[e + 1] == ('GB Example', '活动室内的标识设在入门正对的墙面，距地面1.5米。'), body[e + 1]
c2 = at('Heading 1', '2　规范性引用文件')
assert body[c2 + 1][1].startswith('下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。'), body[c2 + 1]
c4 = at('Heading 1', '4　缩略语')
assert body[c4 + 1][1] == '下列缩略语适用于本文件。', body[c4 + 1]
EOF
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
mkdir -p "$T/pdf"
timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/pdf" "$docx" "$odt" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
for f in docx odt; do
    pdf=$T/pdf/$(basename "$(ls "$T"/out/*."$f")" ."$f").pdf
    [ -s "$pdf" ] || die "$f: no PDF"
    pdftotext -layout "$pdf" "$T/$f.txt"
    "$PY" - "$T/$f.txt" <<'EOF' || die "$f: the parts are misplaced in the PDF"
import re, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
def find(pattern, after=0):
    for i in range(after, len(lines)):
        if re.search(pattern, lines[i]):
            return i
    raise SystemExit('no line matching %r after line %d' % (pattern, after + 1))
title = find(r'表\s*1\s+门牌和铭牌的尺寸')
title_col = lines[title].index('表')
unit = find(r'单位为毫米', title)
head = find(r'类别\s+宽度\s+高度\s+厚度', title)
assert title < unit < head, (title, unit, head)
# at the right: it starts well right of the centred title and ends past the header row
assert lines[unit].index('单') > title_col + 10, lines[unit]
assert len(lines[unit].rstrip()) >= len(lines[head].rstrip()) - 2, (lines[unit], lines[head])
note = find(r'注：尺寸为外框尺寸。', head)
fa = find(r'^\s*a?\s+临街门牌应采用金属材质。', note)
fb = find(r'^\s*b?\s+不包括底座。', fa)
n1 = find(r'注\s*1：数量为最少数量。', fb)
n2 = find(r'注\s*2：出入口另设疏散标志。', n1)
# the figure of two pictures
u2 = find(r'单位为毫米', n2)
sa = find(r'a\)\s+正面', u2)
sb = find(r'b\)\s+侧面', sa)
key = find(r'标引序号说明：', sb)
k3 = find(r'3\s*——\s*二维码。', key)
fn = find(r'注：门牌为红底白字。', k3)
ff = find(r'临街门牌的二维码应朝向人行道。', fn)
cap = find(r'图\s*1\s+门牌样式', ff)
assert lines[u2].index('单') > 40, lines[u2]
lead = find(r'下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款', 0)
abbr = find(r'下列缩略语适用于本文件。', lead)
ex2 = find(r'活动室内的标识设在入门正对的墙面', cap)
EOF
done
echo "floats: schemas valid, python-docx reads the parts in order, both PDFs place them as GB/T 1.1 does"
