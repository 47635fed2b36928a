# What the consultant opens in Word is right: stdgen --pages office writes every
# corpus standard, both fixtures and the system documents as DOCX (and PDF), then
# LibreOffice converts every DOCX once more on its own (one soffice run for all, a
# private profile, stdkit's fonts.conf, no index refresh, blank pages kept) and
# wordtrue_check.py reads those PDFs: every 目次 entry on the page its cached number
# says, TC fields for Word's own 目次, 表N（续） on each continued table, no
# identifier split across lines, no page holding only a heading, a caption or
# signature lines, XXXX-XX-XX on draft covers, the page count app.xml states,
# compatibilityMode 15. A DOCX written with the estimate (SK_PAGES=estimate) goes
# through the same conversion and must fail the 目次 check. stdgen's own PDFs have
# the pages of the DOCX. pdftotext shows cover, 目次, 前言, chapters and annexes in
# order (docx.lib: check_pdfs).
set -u
. "$ROOT/tests/e2e/docx.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdfinfo poppler-utils
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
"$PY" -c 'import uno' 2>/dev/null || skip_test "python3-uno is not installed (the layout pass needs it)"
run_tool "$SG" -q --pages office -o "$T/out" -f docx,pdf "$ROOT/standards" "$ROOT/tests/fixtures/group-standard" \
    "$ROOT/tests/fixtures/formulas" || die "stdgen --pages office failed"
run_tool "$SG" -q --pages office --system -o "$T/out" -f docx,pdf "$ROOT/standards" || die "stdgen --system failed"
[ "$(ls "$T"/out/*.docx | wc -l)" -ge 25 ] || die "fewer than 25 DOCX"
mkdir -p "$T/pdf" "$T/profile" "$T/neg"
SK_PAGES=estimate "$SG" -q -o "$T/neg" -f docx "$ROOT/standards/TS-09-shuangbaodao.md" || die "stdgen (estimate) failed"
for f in "$T"/neg/*.docx; do mv "$f" "$T/neg/estimate-$(basename "$f")"; done
# soffice reads $VALGRIND itself (as a valgrind tool name): keep ours from it
timeout 900 env -u VALGRIND FONTCONFIG_FILE="$ROOT/templates/fonts.conf" soffice "-env:UserInstallation=file://$T/profile" \
    --headless --convert-to 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}' \
    --outdir "$T/pdf" "$T"/out/*.docx "$T"/neg/*.docx >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
"$PY" "$ROOT/tests/e2e/wordtrue_check.py" check "$T/out" "$T/pdf" || die "the DOCX do not print as they say"
# the estimate's 目次 is off (TS-09: 附录D/E/F a page early), and the check sees it
mkdir -p "$T/negpdf" && mv "$T"/pdf/estimate-*.pdf "$T/negpdf/"
out=$("$PY" "$ROOT/tests/e2e/wordtrue_check.py" check "$T/neg" "$T/negpdf")
[ $? = 1 ] && printf '%s\n' "$out" | grep -q '目次:' || die "the check did not see the estimated 目次: $out"
# stdgen's PDF is the DOCX as LibreOffice prints it: the same pages
for pdf in "$T"/out/*.pdf; do
    a=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    b=$(pdfinfo "$T/pdf/$(basename "$pdf")" | awk '/^Pages:/ { print $2 }')
    [ "$a" = "$b" ] || die "$(basename "$pdf"): stdgen's PDF has $a pages, LibreOffice's of the DOCX $b"
done
for f in "$T"/out/*.docx; do case $(basename "$f") in SJDJ-TS-*|SJDJ-JB-*) ;; *) rm -f "$f" ;; esac; done
check_pdfs "$T/out" docx "$T/pdf"
