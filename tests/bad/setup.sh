# Makes the bad inputs in the current (scratch) directory. Big ones are generated
# here rather than committed.
set -eu
cp "$ROOT/tests/bad/inputs/"* . 2>/dev/null || true
head='---\nnumber: SJDJ/TS 01—2019\ntitle: 测试\ncategory: TS\nstatus: draft\n---\n'
printf '%b# 1 范围\n\n本文件规定了\xff\xfe测试。\n' "$head" > invalid-utf8.md
printf '\xff\xfe-\x00-\x00-\x00\n\x00' > utf16.md
printf '%b# 1 范围\n\n含有\x00空字节。\n' "$head" > nul.md
printf '\xef\xbb\xbf---\r\nnumber: SJDJ/TS 01—2019\r\ntitle: 测试\r\ncategory: TS\r\nstatus: draft\r\n---\r\n# 1 范围\r\n\r\n见[](#nope)。\r\n' > bom-crlf.md
printf -- '---\nnumber: x\ntitle: 测试\n# 1 范围\n' > unterminated.md
printf -- '---\n- a\n- b\n---\n# 1 范围\n' > fm-list.md
printf -- '---\nnumber: &a [*a, *a]\ntitle: x\ncategory: TS\nstatus: draft\n---\n' > alias.md
: > empty.md
head -c 65536 /dev/urandom > garbage.md
mkdir -p empty-dir adir.md nostd && printf '# just a readme\n' > nostd/README.md
# 10,000-deep nested quotes and lists
{ printf '%b# 1 范围\n\n' "$head"; for i in $(seq 1 10000); do printf '>'; done; printf ' 深\n'; } > deep-quote.md
{ printf '%b# 1 范围\n\n' "$head"; for i in $(seq 0 9999); do printf '%*s- x\n' $((i * 2)) ''; done; } > deep-list.md
# 50 MB file: many paragraphs
{ printf '%b# 1 范围\n\n' "$head"; yes '本文件规定了党员活动日的内容和要求，适用于社区党组织。' | head -n 700000; } > big.md
# a 10,000-column table
{ printf '%b# 1 范围\n\n表：宽表\n\n' "$head"; for r in 1 2 3; do printf '|'; for i in $(seq 1 10000); do printf ' c |'; done; printf '\n'; if [ $r = 1 ]; then printf "|"; for i in $(seq 1 10000); do printf -- "---|"; done; printf "\n"; fi; done; } > wide-table.md
# a wide header over many one-cell rows: cmark-gfm would fill 4000 x 4001 cells (2 GB)
{ printf '%b# 1 范围\n\n' "$head"; printf '|'; for i in $(seq 1 4000); do printf 'a|'; done; printf '\n|'; for i in $(seq 1 4000); do printf -- '-|'; done; printf '\n'; for i in $(seq 1 4000); do printf '|\n'; done; } > sparse-table.md
# ---- stdgen (DOCX) ----
chmod 755 .   # the read-only-directory case runs stdgen as another user when we are root
g='---\nnumber: SJDJ/TS 01—2019\ntitle: 测试\ncategory: TS\nstatus: draft\n---\n# 范围\n\n本文件规定了测试。\n\n'
printf '%b正文。\n' "$g" > gen-ok.md
printf '%b![图](missing.png)\n' "$g" > gen-nofig.md
printf 'GIF89a\001\000\001\000\000\000\000' > gen-gif.png
printf '%b![图](gen-gif.png)\n' "$g" > gen-gif.md
printf '\211PNG\r\n\032\n\000\000\000\015IHDR\000\000' > gen-trunc.png
printf '%b![图](gen-trunc.png)\n' "$g" > gen-trunc.md
printf '%b含有\001控制字符。\n' "$g" > gen-ctrl.md
mkdir -p gen-in gen-ro gen-dup && cp gen-ok.md "gen-in/SJDJ-TS-01-2019-测试.docx" && chmod 555 gen-ro
cp gen-ok.md gen-dup/a.md && cp gen-ok.md gen-dup/b.md
printf 'not a zip' > gen-notzip.docx
# hostile reference documents
python3 - <<'PY'
import zipfile
def mk(name, parts):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts:
            z.writestr(n, data)
w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
mk("gen-ref-doctype.docx", [("word/styles.xml",
    '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    '<w:styles %s><w:style w:styleId="x"><w:name w:val="&b;"/></w:style></w:styles>' % w)])
mk("gen-ref-nostyles.docx", [("word/document.xml", "<x/>")])
# a styles.xml of 257 MiB (over the readers' 256 MiB), written in pieces
with zipfile.ZipFile("gen-ref-huge.docx", "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/styles.xml", "w", force_zip64=True) as f:
        f.write(b"<w:styles " + w.encode() + b">")
        piece = b" " * (1 << 20)
        for i in range(257):
            f.write(piece)
        f.write(b"</w:styles>")
# the same part name twice (libzip refuses the archive; a reader must not pick one)
import warnings
warnings.simplefilter("ignore")
mk("gen-ref-dup.docx", [("word/styles.xml", "<w:styles %s/>" % w), ("word/styles.xml", "<w:styles %s/>" % w)])
o = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
mk("gen-ref-doctype.odt", [("mimetype", "application/vnd.oasis.opendocument.text"), ("styles.xml",
    '<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">]><office:document-styles %s>&a;</office:document-styles>' % o)])
mk("gen-ref-badroot.odt", [("mimetype", "application/vnd.oasis.opendocument.text"), ("styles.xml", "<styles/>")])
with zipfile.ZipFile("gen-ref-many.docx", "w", zipfile.ZIP_STORED) as z:
    for i in range(100001):
        z.writestr("f%d" % i, "")
PY
# ---- stdform (the forms of the shipped system: --system "$ROOT/standards") ----
cp "$ROOT/tests/data/members.csv" "$ROOT/tests/data/corrupt.xlsx" .
# mostly UTF-8 with one byte that is not: the encoding is UTF-8, and the byte an error
printf 'name,unit\n张三,甲\n李四,乙\377丙\n王五,丁\n' > form-badenc.csv
# GBK text read as UTF-8 on request
printf 'name,unit\n\325\305\310\375,\274\327\n' > form-gbk.csv
# markup and control characters in values; hostile names for --each
printf 'name,unit\n"a<&]]>b","x\001y\037z\357\277\276w"\n' > form-markup.csv
printf 'name,unit\n../../x,甲\n/tmp/form-evil,乙\nCON,丙\n,丁\n张三,戊\n张三,己\n' > form-names.csv
printf 'name,unit\n' > form-empty.csv
# a repeat list given as text in record 2 (JSON line 3)
printf '[{"name": "张三", "activities": []},\n {"name": "李四", "activities": "打扫卫生"},\n {"name": "王五", "activities": [{"date": "6月1日", "activity": "打扫卫生", "hours": "2", "points": "3", "confirmer": "王书记"}]}]\n' > form-list-text.json
mkdir -p form-link && ln -sf ../members.csv form-link/report-card.docx
# forms that cannot be printed: a table wider than Word opens, a missing figure
mkdir -p form-wide form-nofig
{ printf '%b# 附录A（规范性）宽表 {#a form=wide}\n\n表：宽表\n\n' "$g"; for r in 1 2 3; do printf '|'; for i in $(seq 1 70); do printf ' {{c%d} |' $i | sed 's/}/}}/'; done; printf '\n'; if [ $r = 1 ]; then printf '|'; for i in $(seq 1 70); do printf -- '---|'; done; printf '\n'; fi; done; } > form-wide/TS-01-wide.md
printf '%b# 附录A（规范性）带图的表 {#a form=fig}\n\n姓名：{{name}}\n\n![图](missing.png)\n' "$g" > form-nofig/TS-01-fig.md
# ---- issue 9's list, the rest ----
# 100,000-deep nesting and a 100 MB line
{ printf '%b# 1 范围\n\n' "$head"; head -c 100000 /dev/zero | tr '\0' '>'; printf ' 深\n'; } > deep100k.md
{ printf '%b# 1 范围\n\n' "$head"; head -c 100000000 /dev/zero | tr '\0' 'a'; printf '\n'; } > line100m.md
# a standard nobody but root may read (the case runs as another user)
cp gen-ok.md unreadable.md && chmod 600 unreadable.md
cp "$ROOT/standards/TS-09-shuangbaodao.md" TS-09.md && cp -r "$ROOT/standards/figures" .
# a file with no front matter given to stdgen
printf '# 1 范围\n\n本文件规定了测试。\n' > gen-nofm.md
# an XLSX of 10,000 zip entries (the limit is 100,000: read, then checked against the form)
# and one whose sheet carries a DOCTYPE (never loaded)
python3 - "$ROOT" <<'PY'
import sys, zipfile, shutil
root = sys.argv[1]
src = zipfile.ZipFile(root + "/tests/data/members.xlsx")
with zipfile.ZipFile("many-entries.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    for n in src.namelist():
        z.writestr(n, src.read(n))
    for i in range(10000 - len(src.namelist())):
        z.writestr("customXml/item%d.xml" % i, "<a/>")
shutil.copy(root + "/tests/data/doctype.xlsx", "xxe.xlsx")
PY
# temporary files a killed run left (issue 17.4): by PID 1 (the PID every run in a
# container has), in the shape of earlier versions and of this one; by a process
# that is gone; and names of another shape, which are no temporary of ours
mkdir -p gen-stale gen-stale2
for d in gen-stale gen-stale2; do
    for t in tmp1.0 tmp1-AbCdEfGh tmp99999999-AbCdEfGh tmp99999999.3; do printf 'half' > "$d/SJDJ-TS-01-2019-测试.docx.$t"; done
    printf 'mine' > "$d/notes.tmp1.txt"; printf 'mine' > "$d/draft.docx.tmp1"
done
# --fix through links and under an edit saved meanwhile (issue 17.5, 17.6)
mkdir -p fix-link fix-ro
cp "$ROOT/tests/fix/renumber.md" fix-link/target.md && chmod 640 fix-link/target.md && ln -sf target.md fix-link/link.md
cp "$ROOT/tests/fix/renumber.md" fix-link/hard.md && ln -f fix-link/hard.md fix-link/hard2.md
cp "$ROOT/tests/fix/renumber.md" fix-ro/std.md && chmod 644 fix-ro/std.md && chmod 555 fix-ro
{ cat "$ROOT/tests/fix/renumber.md"; yes '本段是为了让修复需要一些时间的填充文字。' | head -n 30000 | sed 's/$/\n/'; } > fix-race.a
{ cat fix-race.a; printf '作者刚保存的修改。\n'; } > fix-race.b
cp fix-race.a fix-race.md
# an editor saving (write and rename) again and again while stdcheck --fix runs
cat > fix-race.sh <<'SH'
( end=$((SECONDS + 30)); while [ $SECONDS -lt $end ] && [ ! -e fix-race.stop ]; do
      cp fix-race.a fix-race.new && mv fix-race.new fix-race.md; cp fix-race.b fix-race.new && mv fix-race.new fix-race.md
  done ) & w=$!
sleep 0.1
"$@"; rc=$?
touch fix-race.stop; wait $w
exit $rc
SH
mkfifo fifo.md
# titles a spreadsheet would run as formulas (issue 17.7): the shipped system
# with two of them
cp -r "$ROOT/standards" csv-sys
sed -i 's/^title: .*/title: =HYPERLINK("http:\/\/x.example\/","目标")/' csv-sys/JB-01-mubiao-guanli.md
sed -i 's/^title: .*/title: "@SUM(1+1)"/' csv-sys/JB-02-zhibu-banzi.md
cat > csv-text.py <<'PY'
import csv, glob
cells = [c for r in csv.reader(open(glob.glob("csv-out/*.csv")[0], encoding="utf-8-sig")) for c in r]
assert "'=HYPERLINK(\"http://x.example/\",\"目标\")" in cells, cells[:20]
assert "'@SUM(1+1)" in cells, cells[:20]
live = [c for c in cells if c[:1] in "=+-@\t\r"]
assert not live, live
PY
# output amplification (issue 17.3): one shared string used by many cells, and a
# CSV field past the value bound
/usr/bin/python3 "$ROOT/tests/bad/amplify.py" "$ROOT"
{ head -1 members.csv; printf '"'; head -c 1100000 /dev/zero | tr '\0' 'w'; printf '"\n'; } > amp-field.csv
# a system of 70 standards citing each other (issue 17.8): past the matrix's columns
/usr/bin/python3 "$ROOT/tests/bad/bigsystem.py" big-sys 70
cat > big-xref.py <<'PY'
import docx
t = [t for t in docx.Document("big-out/BX-标准体系表.docx").tables if t.rows[0].cells[0].text == "序号" and len(t.columns) == 2][0]
assert [c.text for c in t.rows[0].cells] == ["序号", "引用的标准"], [c.text for c in t.rows[0].cells]
assert [c.text for c in t.rows[1].cells] == ["1", "37●、40●、43●、52○"], [c.text for c in t.rows[1].cells]
assert len(t.rows) == 72, len(t.rows)
PY
# reference documents (issue 17.10): a styles.xml whose declared encoding its bytes
# break (libxml2's converter printed to stderr), and one of 550,000 styles; a
# workbook sheet with the same broken encoding
stdgen -q -o ref-src gen-ok.md
/usr/bin/python3 - "$ROOT" <<'PY'
import glob, sys, zipfile
src = zipfile.ZipFile(glob.glob('ref-src/*.docx')[0])
st = src.read('word/styles.xml').decode()
i = st.rindex('</w:styles>')
many = ''.join('<w:style w:type="paragraph" w:styleId="s%d"><w:name w:val="s%d"/></w:style>' % (k, k) for k in range(550000))
bad = b'<?xml version="1.0" encoding="ISO-2022-JP"?><w:styles xmlns:w="x">\x1b$B\xff\xfe</w:styles>'
for name, styles in (('ref-encoding.docx', bad), ('ref-styles.docx', (st[:i] + many + st[i:]).encode())):
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED) as z:
        for n in src.namelist():
            z.writestr(n, styles if n == 'word/styles.xml' else src.read(n))
wb = zipfile.ZipFile(sys.argv[1] + '/tests/data/members.xlsx')
with zipfile.ZipFile('sheet-encoding.xlsx', 'w', zipfile.ZIP_DEFLATED) as z:
    for n in wb.namelist():
        d = wb.read(n)
        if n.endswith('sheet1.xml'):
            d = d[d.index(b'?>') + 2:] if d.startswith(b'<?xml') else d
            d = b'<?xml version="1.0" encoding="ISO-2022-JP"?>' + d.replace(b'</sheetData>', b'\x1b$B\xff\xfe</sheetData>')
        z.writestr(n, d)
PY
# a JSON file broken as people break it (a trailing comma, by hand), and an XLSX export
# whose first sheet is a note and whose records are on the second
printf '[{"name": "张三",\n  "unit": "x",}]\n' > form-comma.json
cp "$ROOT/tests/data/cjk-dates.xlsx" form-second-sheet.xlsx
