# The redline: stddiff -f docx|odt on edition pairs made by real edits (the fixture
# pair, TS-03 edited as in stddiff.sh, the formulas fixture with a formula and a
# 式中 entry changed, the real JR/T 0326—2024 revised by tests/e2e/edition_jrt.py)
# validates against the schemas (WML XSD, ODF 1.3 RelaxNG), and in
# one LibreOffice run (UNO) each lists its tracked changes with their author, and
# accepting all of them gives the text of the new edition as stdgen prints it: the
# same text, line for line (ODT: but the emptied cells of a deleted table row, which
# ODF cannot track). The 修改单 of the amendment fixture converts to one PDF page.
set -u
. "$ROOT/tests/e2e/docx.lib"
need soffice "libreoffice-writer-nogui"
need xmllint libxml2-utils
need unzip
need pdfinfo poppler-utils
"$PY" -c 'import uno' 2>/dev/null || skip_test "no Python UNO bridge (python3-uno)"
SD=$ROOT/$BUILD/stddiff
ED=$ROOT/tests/fixtures/editions
S=$ROOT/tests/schemas
mkdir -p "$T/p" "$T/pairs/ts03" "$T/pairs/fx"
# the pairs: old, new
cp "$ROOT/standards/TS-03-zhendi-jianshe.md" "$T/pairs/ts03/old.md"
"$PY" - "$T/pairs/ts03/old.md" "$T/pairs/ts03/new.md" <<'PY' || die "cannot make the edited TS-03"
import sys
s = open(sys.argv[1], encoding="utf-8").read()
n = s.replace("number: SJDJ/TS 03—2019", "number: SJDJ/TS 03—2024")
n = n.replace("## 4.2 建设原则", "## 4.2 建设标准\n\n社区党群服务中心总使用面积应不小于300平方米。\n\n## 4.3 建设原则", 1)
n = n.replace("## 4.3 党建元素", "## 4.4 党建元素").replace("## 4.4 开放时间", "## 4.5 开放时间")
n = n.replace("- 兼顾办公，办公用房集中设置、从简配置，满足社区日常工作需要。", "- 兼顾办公，办公用房集中设置、从简配置。\n- 适度超前，预留信息化设施的空间。")
i, j = n.index("## 7.5 区域信访维稳中心"), n.index("# 8 运行服务")
moved, n = n[i:j], n[:i] + n[j:]
n = n.replace("# 9 管理与评价", moved.replace("## 7.5", "## 8.5") + "# 9 管理与评价")
i, j = n.index("## 6.4 拓展商务"), n.index("## 6.5 协调事务")
n = n[:i] + n[j:].replace("## 6.5 协调事务", "## 6.4 协调事务", 1)
n = n.replace("容纳不少于50人", "容纳不少于80人")
i = n.index("| 7 | 社区文体活动中心"); j = n.index("\n", i) + 1
n = n[:i] + n[j:]
n = n.replace("| 10 | 社区综治服务中心", "| 11 | 社区法律服务室 | 法律咨询、法律援助 | 每周至少安排律师值班1次 |\n| 10 | 社区综治服务中心")
open(sys.argv[2], "w", encoding="utf-8").write(n)
PY
cp "$ROOT/tests/fixtures/formulas/formulas.md" "$T/pairs/fx/old.md"
"$PY" - "$T/pairs/fx/old.md" "$T/pairs/fx/new.md" <<'PY' || die "cannot make the edited formulas fixture"
import sys
s = open(sys.argv[1], encoding="utf-8").read()
n = s.replace("number: SJDJ/TS 01—2019", "number: SJDJ/TS 01—2024")
n = n.replace(r"$$ r = \frac{d_1 - d_2}{d} \times 100\% $$ {#eq:rate}", r"$$ r = \frac{d_1 - d_2 - d_3}{d} \times 100\% $$ {#eq:rate}")
assert n != s
open(sys.argv[2], "w", encoding="utf-8").write(n)
PY
cp "$ED/TS-04-2019.md" "$ED/TS-04-2024.md" "$T/pairs/"
# a real standard revised (JR/T 0326—2024 as stdimport wrote it: tests/e2e/edition_jrt.py)
"$PY" "$ROOT/tests/e2e/edition_jrt.py" "$ROOT" "$T/pairs/jr" || die "cannot make the JR/T 0326 editions"
files=()
for pair in "TS-04-2019.md TS-04-2024.md" "ts03/old.md ts03/new.md" "fx/old.md fx/new.md" "jr/old.md jr/new.md"; do
    set -- $pair
    name=$(echo "$2" | tr '/' '-'); name=${name%.md}
    for f in docx odt; do
        (cd "$T/pairs" && run_tool "$SD" -q -f $f --author 审校组 -o "$T/p/$name.redline.$f" "$1" "$2") ||
            die "stddiff -f $f $pair failed"
        files+=("$T/p/$name.redline.$f")
    done
    # the new edition as stdgen prints it
    mkdir -p "$T/plain-$name"
    (cd "$T/pairs" && run_tool "$SG" -q -f docx,odt -o "$T/plain-$name" "$2") || die "stdgen $2 failed"
    for f in docx odt; do
        cp "$T/plain-$name"/*.$f "$T/p/$name.plain.$f"
        files+=("$T/p/$name.plain.$f")
    done
done
run_tool "$SG" -q --amendment -o "$T/am" -f docx "$ROOT/tests/fixtures/amendment" || die "stdgen --amendment failed"
cp "$T/am"/*.docx "$T/p/sheet-第1号修改单.docx"
files+=("$T/p/sheet-第1号修改单.docx")
# the schemas
fails=0
for f in "$T"/p/*.redline.docx; do
    d=$T/x/$(basename "$f"); mkdir -p "$d"; unzip -q "$f" -d "$d"
    out=$(xmllint --noout --schema "$S/ooxml/wml.xsd" "$d/word/document.xml" 2>&1 | grep -v ' validates$')
    [ -z "$out" ] || { echo "$f: $out" | head -5; fails=1; }
    grep -q '<w:del ' "$d/word/document.xml" && grep -q '<w:ins ' "$d/word/document.xml" || { echo "$f: no w:ins or w:del"; fails=1; }
done
for f in "$T"/p/*.redline.odt; do
    d=$T/x/$(basename "$f"); mkdir -p "$d"; unzip -q "$f" -d "$d"
    out=$(xmllint --noout --relaxng "$S/odf/OpenDocument-v1.3-schema.rng" "$d/content.xml" 2>&1 | grep -v ' validates$')
    [ -z "$out" ] || { echo "$f: $out" | head -5; fails=1; }
done
[ $fails = 0 ] || die "schema validation failed"
# LibreOffice: the tracked changes listed, accepted
timeout 600 env -u VALGRIND "$PY" "$ROOT/tests/e2e/redline_check.py" "file://$T/profile" "${files[@]}" >"$T/lo.json" 2>"$T/lo.err" ||
    die "LibreOffice: $(cat "$T/lo.err")"
"$PY" - "$T/lo.json" "$T/p" <<'PY' || die "the redlines are not what LibreOffice should make of them"
import json, os, sys
res = {os.path.basename(r["file"]): r for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))}
d = sys.argv[2]
def lines(path, blanks):
    t = open(path, encoding="utf-8-sig").read().split("\n")
    return [l for l in t if blanks or l.strip()]
bad = []
for name, least in (("TS-04-2024", 20), ("ts03-new", 20), ("fx-new", 2), ("jr-new", 15)):
    for f in ("docx", "odt"):
        r = res["%s.redline.%s" % (name, f)]
        if r["redlines"] < least or set(r["types"]) != {"Insert", "Delete"} or r["authors"] != ["审校组"]:
            bad.append("%s.%s: %r" % (name, f, r))
        # ODT keeps the emptied cells of a deleted row: blank lines are not compared there
        got = lines(os.path.join(d, "%s.redline.%s.accepted.txt" % (name, f)), f == "docx")
        want = lines(os.path.join(d, "%s.plain.%s.txt" % (name, f)), f == "docx")
        if got != want:
            import difflib
            bad.append("%s.%s: accepting all is not the new edition:\n%s" % (name, f, "\n".join(
                list(difflib.unified_diff(want, got, lineterm="", n=1))[:20])))
        if res["%s.plain.%s" % (name, f)]["redlines"]:
            bad.append("%s.%s: the plain document has tracked changes" % (name, f))
if bad:
    print("\n".join(bad))
    sys.exit(1)
print("redlines: %s" % ", ".join("%s %d" % (k, v["redlines"]) for k, v in sorted(res.items()) if "redline" in k))
PY
pdf=$T/p/sheet-第1号修改单.docx.pdf
[ "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')" = 1 ] || die "the 修改单 is not one page"
pdftotext "$pdf" - | grep -q "号修改单" || die "the 修改单's PDF lacks its title"
echo "redline DOCX and ODT of four pairs: valid, listed and accepted by LibreOffice; the 修改单 one page"
