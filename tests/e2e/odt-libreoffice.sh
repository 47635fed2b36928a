# LibreOffice converts every corpus ODT to PDF (one soffice run for all, with a
# private profile); the text comes out in the same order as the DOCX's: cover,
# 目次, 前言, 1 范围 … 附录, with the number in the headers (docx.lib: check_pdfs).
set -u
. "$ROOT/tests/e2e/docx.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdfinfo poppler-utils
gen_corpus "$T/out" odt
mkdir -p "$T/pdf" "$T/profile"
timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf --outdir "$T/pdf" \
    "$T"/out/*.odt >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
check_pdfs "$T/out" odt "$T/pdf"
