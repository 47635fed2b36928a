# stdgen --format pdf on the corpus: ONE soffice process for the 22 standards (a
# soffice wrapper on PATH counts them), a private profile and a staging directory
# that are gone afterwards, every 目次 entry on the right page after the UNO
# refresh, 宋体 and 黑体 in serif and sans CJK faces, the text in order; a run past
# the time limit is killed with its process group and leaves the earlier PDFs as
# they were.
set -u
. "$ROOT/tests/e2e/docx.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdffonts poppler-utils
need pdfinfo poppler-utils
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
"$PY" -c 'import uno' 2>/dev/null || skip_test "python3-uno is not installed (the 目次 refresh needs it)"
real=$(command -v soffice)
mkdir -p "$T/bin" "$T/tmp"
printf '#!/bin/sh\necho "$$ $*" >> %s/soffice.calls\nexec %s "$@"\n' "$T" "$real" > "$T/bin/soffice"
chmod +x "$T/bin/soffice"
export TMPDIR=$T/tmp
PATH="$T/bin:$PATH" run_tool "$SG" -q -f odt,pdf -o "$T/out" "$ROOT/standards" || die "stdgen -f odt,pdf failed"
calls=$(wc -l < "$T/soffice.calls")
[ "$calls" = 1 ] || die "soffice was started $calls times: $(cat "$T/soffice.calls")"
[ "$(ls "$T"/out/*.pdf | wc -l)" = 22 ] || die "$(ls "$T"/out/*.pdf | wc -l) PDFs, expected 22"
[ -z "$(ls -A "$T/tmp")" ] || die "left behind in TMPDIR: $(ls -A "$T/tmp")"
[ -z "$(ls -A "$T/out" | grep -v '\.odt$' | grep -v '\.pdf$')" ] || die "left behind in the output: $(ls -A "$T/out")"
"$PY" "$ROOT/tests/e2e/pdf_check.py" toc "$T/out" "$T"/out/*.pdf || die "the 目次 of the PDFs is wrong"
"$PY" "$ROOT/tests/e2e/pdf_check.py" fonts "$T"/out/*.pdf || die "fonts"
check_pdfs "$T/out" odt "$T/out" >/dev/null
# past the time limit: killed, nothing half-written, the PDFs of the last run kept
f=$(ls "$T"/out/SJDJ-TS-09-*.pdf)
cp "$f" "$T/before.pdf"
out=$(SK_OFFICE_TIMEOUT=0.5 PATH="$T/bin:$PATH" "$SG" -f pdf -o "$T/out" "$ROOT/standards/TS-09-shuangbaodao.md" 2>&1)
[ $? = 1 ] || die "a run past the time limit did not fail: $out"
printf '%s\n' "$out" | grep -q 'did not finish within 0.5 s' || die "no time-limit message: $out"
cmp -s "$f" "$T/before.pdf" || die "the earlier PDF was replaced"
[ -z "$(ls -A "$T/tmp")" ] || die "left behind after the time limit: $(ls -A "$T/tmp")"
sleep 1
! pgrep -f "$T/tmp" >/dev/null || die "LibreOffice still runs after the time limit"
echo "22 PDFs from one soffice; 目次 refreshed; time limit enforced"
