# The group-standard fixture (tests/fixtures/group-standard/, ≈15 pages: untitled
# clauses, two formulas, three annexes, 参考文献, 索引, 符号和缩略语, 引言, a term in full,
# a part of a multi-part standard): stdcheck clean; DOCX and ODT each through
# LibreOffice to PDF, and pdftotext shows every number right and in order
# (gbt_fixture_check.py), the 索引 in two columns; document.xml and content.xml
# validate against the schemas.
set -u
. "$ROOT/tests/e2e/docx.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdfinfo poppler-utils
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
SC=$ROOT/$BUILD/stdcheck
FX=$ROOT/tests/fixtures/group-standard
out=$(run_tool "$SC" --no-system --fail-level note --color never "$FX" 2>&1) || die "stdcheck finds problems in the fixture: $out"
run_tool "$SG" -q -f docx,odt -o "$T/out" "$FX" || die "stdgen failed"
# the document parts validate (the 索引's column sections among them)
if command -v xmllint >/dev/null && command -v unzip >/dev/null; then
    mkdir -p "$T/d" "$T/o"
    unzip -q "$T"/out/*.docx -d "$T/d" && unzip -q "$T"/out/*.odt -d "$T/o" || die "unzip failed"
    o=$( { xmllint --noout --schema "$ROOT/tests/schemas/ooxml/wml.xsd" "$T/d/word/document.xml"
           xmllint --noout --relaxng "$ROOT/tests/schemas/odf/OpenDocument-v1.3-schema.rng" "$T/o/content.xml"; } 2>&1 |
         grep -v ' validates$')
    [ -z "$o" ] || die "$(printf '%s\n' "$o" | head -20)"
fi
mkdir -p "$T/pdf-docx" "$T/pdf-odt"
for f in docx odt; do
    # soffice reads $VALGRIND itself (as a valgrind tool name): keep ours from it
    timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
        --outdir "$T/pdf-$f" "$T"/out/*."$f" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed ($f)"; }
    pdf=$(ls "$T/pdf-$f"/*.pdf)
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    [ "$pages" -ge 12 ] && [ "$pages" -le 20 ] || die "$f: $pages pages, expected about 15"
    pdftotext -layout "$pdf" "$T/$f.txt"
    # the 索引 (the last page) in two columns: its halves, split at the middle of the
    # page (inside the column gap on odd and even pages alike)
    read -r pw ph < <(pdfinfo -f "$pages" -l "$pages" "$pdf" | awk '/^Page.*size:/ { print int($4), int($6) + 1 }')
    pdftotext -layout -f "$pages" -l "$pages" -x 0 -y 0 -W $((pw / 2)) -H "$ph" "$pdf" "$T/$f-left.txt"
    pdftotext -layout -f "$pages" -l "$pages" -x $((pw / 2)) -y 0 -W $((pw - pw / 2 + 1)) -H "$ph" "$pdf" "$T/$f-right.txt"
    "$PY" "$ROOT/tests/e2e/gbt_fixture_check.py" "$T/$f.txt" "$T/$f-left.txt" "$T/$f-right.txt" ||
        die "$f: numbers wrong or out of order"
done
echo "fixture clean; DOCX and ODT: every number in order"
