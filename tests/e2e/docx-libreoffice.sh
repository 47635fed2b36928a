# LibreOffice converts every corpus DOCX to PDF (one soffice run for all, with a
# private profile); pdftotext shows the cover, 目次, 前言, 1 范围 … 附录 in that
# order, the page count is sane, and headers carry the number.
set -u
. "$ROOT/tests/e2e/docx.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdfinfo poppler-utils
gen_corpus "$T/out"
mkdir -p "$T/pdf" "$T/profile"
# soffice reads $VALGRIND itself (as a valgrind tool name): keep ours from it
timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf --outdir "$T/pdf" \
    "$T"/out/*.docx >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
check_pdfs "$T/out" docx "$T/pdf"
