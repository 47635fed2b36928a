# stdgen --system on the shipped system: the 标准体系表 as DOCX and ODT, the 明细表 as
# CSV and the 结构图 as DOT (and PNG when Graphviz is installed). The 明细表 of each
# (DOCX, ODT and CSV) lists the 22 standards once, in the order of the boxes, with
# their numbers, titles and 体系表编号 (sysdoc_check.py computes them from the
# sources); without dot the 结构图 is a table and the rest is the same; the parts
# validate (ECMA-376 for the DOCX, OASIS RelaxNG for the ODT), the packages pass
# the DOCX/ODT package checks, and LibreOffice converts both (one soffice run) with
# the chapters in order.
set -u
. "$ROOT/tests/e2e/docx.lib"
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
need unzip
CHK=$ROOT/tests/e2e/sysdoc_check.py
run_tool "$SG" -q --system -f docx,odt,csv -o "$T/out" "$ROOT/standards" || die "stdgen --system failed"
for f in 标准体系表.docx 标准体系表.odt 标准明细表.csv 标准体系结构图.dot; do
    [ -s "$T/out/SJDJ-$f" ] || die "no SJDJ-$f"
done
if command -v dot >/dev/null; then
    [ -s "$T/out/SJDJ-标准体系结构图.png" ] || die "dot is installed but there is no PNG"
    unzip -l "$T/out/SJDJ-标准体系表.odt" | grep -q 'Pictures/image1.png' || die "the ODT has no 结构图 picture"
    dot -Tsvg "$T/out/SJDJ-标准体系结构图.dot" > /dev/null || die "dot cannot read the DOT"
fi
"$PY" "$CHK" list "$ROOT/standards" "$T"/out/SJDJ-标准体系表.docx "$T"/out/SJDJ-标准体系表.odt \
    "$T"/out/SJDJ-标准明细表.csv || die "明细表"
"$PY" "$CHK" dot "$ROOT/standards" "$T"/out/SJDJ-标准体系结构图.dot || die "DOT"
# without Graphviz: the 结构图 is a table, the 明细表 the same
SK_DOT=none run_tool "$SG" -q --system -f docx,odt -o "$T/nodot" "$ROOT/standards" || die "stdgen --system (no dot) failed"
[ ! -e "$T/nodot/SJDJ-标准体系结构图.png" ] || die "a PNG without dot"
unzip -p "$T/nodot/SJDJ-标准体系表.odt" content.xml | grep -q '表1　标准体系结构' || die "no 结构 table without dot"
"$PY" "$CHK" list "$ROOT/standards" "$T"/nodot/SJDJ-标准体系表.docx "$T"/nodot/SJDJ-标准体系表.odt >/dev/null ||
    die "明细表 without dot"
# reproducible
run_tool "$SG" -q --system -f docx,odt,csv -o "$T/again" "$ROOT/standards" || die "second run failed"
for f in "$T"/out/*; do cmp -s "$f" "$T/again/$(basename "$f")" || die "$(basename "$f") differs between two runs"; done
# the parts are valid and the packages sound
"$PY" "$ROOT/tests/e2e/docx_check.py" package "$T"/out/*.docx "$T"/nodot/*.docx || die "DOCX package"
"$PY" "$ROOT/tests/e2e/odt_check.py" package "$T"/out/*.odt "$T"/nodot/*.odt || die "ODT package"
if command -v xmllint >/dev/null; then
    for f in "$T"/out/*.odt "$T"/nodot/*.odt; do
        d=$T/x/$(basename "$(dirname "$f")")
        mkdir -p "$d" && unzip -qo "$f" -d "$d"
        xmllint --noout --relaxng "$ROOT/tests/schemas/odf/OpenDocument-v1.3-schema.rng" "$d"/content.xml "$d"/styles.xml \
            "$d"/meta.xml "$d"/settings.xml 2>&1 | grep -v ' validates$' && die "$f: RelaxNG"
        xmllint --noout --relaxng "$ROOT/tests/schemas/odf/OpenDocument-v1.3-manifest-schema.rng" \
            "$d"/META-INF/manifest.xml 2>&1 | grep -v ' validates$' && die "$f: manifest RelaxNG"
    done
    for f in "$T"/out/*.docx; do
        d=$T/w && mkdir -p "$d" && unzip -qo "$f" -d "$d"
        xmllint --noout --schema "$ROOT/tests/schemas/ooxml/wml.xsd" "$d"/word/document.xml "$d"/word/styles.xml \
            "$d"/word/header*.xml "$d"/word/footer*.xml 2>&1 | grep -v ' validates$' && die "$f: XSD"
    done
fi
# LibreOffice: both documents, one soffice run, the chapters in order
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
    mkdir -p "$T/pdf" "$T/in"
    cp "$T/out/SJDJ-标准体系表.docx" "$T/in/docx.docx" && cp "$T/out/SJDJ-标准体系表.odt" "$T/in/odt.odt"
    timeout 300 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
        --outdir "$T/pdf" "$T/in/docx.docx" "$T/in/odt.odt" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice"; }
    [ -s "$T/pdf/docx.pdf" ] && [ -s "$T/pdf/odt.pdf" ] || die "LibreOffice did not convert both"
    for p in "$T"/pdf/*.pdf; do
        pdftotext -layout "$p" "$p.txt"
        prev=0
        for re in '标准体系表$' '目[[:space:]]+次' '前[[:space:]]+言' '1[[:space:]]+范围' '4[[:space:]]+标准体系结构图' \
                  '5[[:space:]]+标准明细表' '表[[:space:]]*[12][[:space:]]+标准明细表' '6[[:space:]]+标准统计表' \
                  '7[[:space:]]+标准间的引用关系' '附录[[:space:]]*A'; do
            l=$(awk -v from="$prev" -v re="$re" 'NR > from && $0 ~ re { print NR; exit }' "$p.txt")
            [ -n "$l" ] || die "$(basename "$p"): '$re' missing or out of order"
            prev=$l
        done
        for n in $(seq -w 1 12); do grep -q "SJDJ/TS $n—" "$p.txt" || die "$(basename "$p"): SJDJ/TS $n missing"; done
    done
fi
echo "system documents checked"
