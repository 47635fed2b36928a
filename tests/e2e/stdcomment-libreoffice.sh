# Comments made in LibreOffice, not in Word: the circulated DOCX of a shipped
# standard (TS 07) is opened by LibreOffice, commented on selected words (a heading,
# body text, a table cell, the cover title) and saved by LibreOffice as DOCX, so its
# bookmarks, comment ranges and comments.xml are LibreOffice's own. stdcomment must
# tie each comment to its clause; after the standard is renumbered (stdcheck --fix),
# the 汇总处理表 must name each clause under its new number. A comment form saved by
# LibreOffice Calc as XLSX goes in with them.
set -eu
trap 'echo "failed at line $LINENO: $BASH_COMMAND"' ERR
. "$ROOT/tests/lib.sh"
PY=/usr/bin/python3
command -v soffice >/dev/null || { echo "soffice is not installed (libreoffice-writer-nogui)"; exit 77; }
$PY -c 'import docx, lxml, yaml' 2>/dev/null || { echo "python-docx, lxml or PyYAML missing"; exit 77; }
SC=$ROOT/$BUILD/stdcomment
SG=$ROOT/$BUILD/stdgen
SK=$ROOT/$BUILD/stdcheck
T=$(mktemp -d)
[ -z "${KEEP:-}" ] || echo "kept: $T"
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
die() { echo "$*"; exit 1; }

cp -r "$ROOT/standards" "$T/std"
rm -f "$T"/std/*.comments.yaml "$T"/std/*.explanation.md
S=$T/std/TS-07-minzhu-pingyi.md
REC=$T/std/TS-07-minzhu-pingyi.comments.yaml
export SOURCE_DATE_EPOCH=1700000000
run_tool "$SG" -q --line-numbers -o "$T/out" "$S"

# "nth": the 目次 holds the headings once before the text does
cat > "$T/spec.json" <<'EOF'
[
 {"select": "撰写个人总结", "author": "上街区组织部", "text": "个人总结宜给出字数要求。"},
 {"select": "群众代表人数不少于10人", "author": "上街区组织部", "text": "小党支部难以达到10人。"},
 {"select": "测评优秀票超过有效票的50%", "author": "上街区组织部", "text": "50%偏低。"},
 {"select": "党员互评", "nth": 1, "author": "上街区组织部", "text": "标题宜改为“相互评议”。"},
 {"select": "一般不超过参评党员总数的25%", "author": "上街区组织部", "text": "比例宜由上级党组织确定。"},
 {"select": "保存期限不少于5年", "author": "上街区组织部", "text": "宜长期保存。"},
 {"select": "民主评议党员规范", "author": "上街区组织部", "text": "标准名称宜加“社区”。"}
]
EOF
timeout 600 $PY "$ROOT/tests/e2e/stdcomment_lo.py" "$T/profile" "$T/out/SJDJ-TS-07-2019-民主评议党员规范.docx" \
    "$T/组织部.docx" "$T/spec.json" || die "LibreOffice could not comment the DOCX"
# the DOCX is LibreOffice's: its generator, its comment parts
unzip -p "$T/组织部.docx" docProps/app.xml | grep -q 'LibreOffice' || die "not written by LibreOffice"
[ "$(unzip -p "$T/组织部.docx" word/comments.xml | grep -o '<w:comment ' | wc -l)" = 7 ] || die "LibreOffice wrote no 7 comments"

out=$(run_tool "$SC" import "$S" "$T/组织部.docx" 2>&1) || die "import: $out"
[ "$out" = "stdcomment: 7 comments added to $REC" ] || die "import said: $out"
$PY - "$REC" <<'EOF'
import sys, yaml
rec = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
got = {c["comment"]: (c["clause"], c.get("anchor"), c["unit"], c["quote"]) for c in rec["comments"]}
want = {"个人总结宜给出字数要求。": ("5.2", ["评议程序", "个人自评"], "撰写个人总结"),
        "小党支部难以达到10人。": ("5.4", ["评议程序", "民主测评"], "群众代表人数不少于10人"),
        "50%偏低。": ("表1", ["评定等次", "等次和标准", "表：民主评议党员等次评定标准"], "测评优秀票超过有效票的50%"),
        "标题宜改为“相互评议”。": ("5.3", ["评议程序", "党员互评"], "党员互评"),
        "比例宜由上级党组织确定。": ("6.2", ["评定等次", "等次比例"], "一般不超过参评党员总数的25%"),
        "宜长期保存。": ("7.4", ["结果运用", "档案"], "保存期限不少于5年"),
        "标准名称宜加“社区”。": ("封面", None, "民主评议党员规范")}
assert set(got) == set(want), got
for k, (clause, anchor, quote) in want.items():
    assert got[k] == (clause, anchor, "上街区组织部", quote), (k, got[k])
EOF

# the same DOCX after an editor dropped every bookmark: the heading, caption and term
# paragraphs (by their styles) stand in for stdgen's bookmarks, matched by their words
$PY - "$T/组织部.docx" "$T/无书签.docx" <<'EOF'
import sys, zipfile, re
zin, zout = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for i in zin.infolist():
    d = zin.read(i.filename)
    if i.filename == "word/document.xml":
        d, k = re.subn(rb"<w:bookmark(Start|End)[^>]*/>", b"", d)
        assert k > 40, k
    zout.writestr(i, d)
zout.close()
EOF
mkdir -p "$T/nobm" && cp "$S" "$T/nobm/"
run_tool "$SC" -q import "$T/nobm/TS-07-minzhu-pingyi.md" "$T/无书签.docx" || die "import of the DOCX without bookmarks"
diff <(grep -E '^    (clause|anchor):' "$REC") <(grep -E '^    (clause|anchor):' "$T/nobm/TS-07-minzhu-pingyi.comments.yaml") ||
    die "without bookmarks, the comments went to other clauses"

# a comment form saved by LibreOffice Calc as XLSX (from the form a unit typed as CSV)
mkdir -p "$T/calc"
printf '%s\r\n' '征求意见反馈表,,,' '单位名称：上街区民政局,,,' '序号,章条编号,意见内容,修改建议' \
    '1,4.1,评议时间宜与年度组织生活会衔接。,' '2,附录A,测评票宜增加“弃权”一栏。,增加弃权栏' > "$T/calc/民政局.csv"
timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless \
    --infilter=CSV:44,34,76,1 --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$T/calc" "$T/calc/民政局.csv" \
    >"$T/calc.log" 2>&1 || die "LibreOffice could not save the form as XLSX: $(cat "$T/calc.log")"
unzip -p "$T/calc/民政局.xlsx" docProps/app.xml | grep -q 'LibreOffice' || die "the XLSX is not LibreOffice's"
out=$(run_tool "$SC" import "$S" "$T/calc/民政局.xlsx" 2>&1) || die "XLSX import: $out"
[ "$out" = "stdcomment: 2 comments added to $REC" ] || die "XLSX import said: $out"
grep -q '^  - unit: 上街区民政局$' "$REC" || die "the unit above the XLSX form's header not read"
grep -q '^    anchor: \[民主评议党员测评票\]$' "$REC" || die "附录A of the XLSX form not anchored"

# renumber: a clause before 5.2, a table before 表1, a clause before 6.2
$PY - "$S" <<'EOF'
import sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
s = s.replace("## 5.2 个人自评", "## 5.2 谈心谈话\n\n评议前，党支部书记应与每名党员谈心谈话。\n\n## 5.2 个人自评", 1)
s = s.replace("## 4.3 组织领导", "## 4.3 评议方式\n\n评议方式见表1。\n\n表1：评议方式 {#tab-ways}\n\n| 方式 | 说明 |\n|---|---|\n| 自评 | 党员本人 |\n| 互评 | 党员之间 |\n\n## 4.3 组织领导", 1)
s = s.replace("## 6.2 等次比例", "## 6.2 评定程序\n\n等次由党员大会确定。\n\n## 6.2 等次比例", 1)
open(p, "w", encoding="utf-8").write(s)
EOF
(cd "$T/std" && run_tool "$SK" -q --fix "$(basename "$S")" >/dev/null 2>&1) || true
grep -q '^## 5.3 个人自评' "$S" && grep -q '^## 6.3 等次比例' "$S" && grep -q '^表2：民主评议党员等次评定标准' "$S" ||
    die "stdcheck --fix did not renumber"
(cd "$T/std" && run_tool "$SK" --disable stdref-unknown "$(basename "$S")") >"$T/check.txt" 2>&1 || true
grep -q 'comment-' "$T/check.txt" && die "stdcheck on the record: $(grep comment- "$T/check.txt")"

run_tool "$SG" -q --comment-table -o "$T/papers" "$S"
$PY - "$T/papers/SJDJ-TS-07-2019-民主评议党员规范-征求意见汇总处理表.docx" <<'EOF'
import sys, docx
rows = [[c.text for c in r.cells] for r in docx.Document(sys.argv[1]).tables[0].rows][1:]
got = [(r[1], r[2], r[6]) for r in rows]
want = [("封面", "标准名称宜加“社区”。", "—"),
        ("4.1", "评议时间宜与年度组织生活会衔接。", "—"),
        ("5.3", "个人总结宜给出字数要求。", "征求意见稿为5.2"),
        ("5.4", "标题宜改为“相互评议”。", "征求意见稿为5.3"),
        ("5.5", "小党支部难以达到10人。", "征求意见稿为5.4"),
        ("表2", "50%偏低。", "征求意见稿为表1"),
        ("6.3", "比例宜由上级党组织确定。", "征求意见稿为6.2"),
        ("7.4", "宜长期保存。", "—"),
        ("附录A", "测评票宜增加“弃权”一栏。", "—")]
assert got == want, got
EOF
echo ok
