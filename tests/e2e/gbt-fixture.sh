# The group-standard fixture (tests/fixtures/group-standard/, ≈15 pages: untitled
# clauses, two formulas, three annexes, 参考文献, 索引, 符号和缩略语, 引言, a term in full,
# a part of a multi-part standard): stdcheck clean; DOCX and ODT each through
# LibreOffice to PDF, and pdftotext shows every number right and in order
# (gbt_fixture_check.py).
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
mkdir -p "$T/pdf-docx" "$T/pdf-odt"
for f in docx odt; do
    # soffice reads $VALGRIND itself (as a valgrind tool name): keep ours from it
    timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
        --outdir "$T/pdf-$f" "$T"/out/*."$f" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed ($f)"; }
    pdf=$(ls "$T/pdf-$f"/*.pdf)
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    [ "$pages" -ge 12 ] && [ "$pages" -le 20 ] || die "$f: $pages pages, expected about 15"
    pdftotext -layout "$pdf" "$T/$f.txt"
    "$PY" "$ROOT/tests/e2e/gbt_fixture_check.py" "$T/$f.txt" || die "$f: numbers wrong or out of order"
done
echo "fixture clean; DOCX and ODT: every number in order"
