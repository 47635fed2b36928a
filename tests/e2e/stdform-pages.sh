# The printed forms (issue #20), on the PDFs LibreOffice makes of them: every shipped
# form blank and filled from its sample data (standards/data/FORM.json), checked by
# stdform_pages.py (pages, title size, no annex apparatus, identifiers whole, no
# pre-filled writing cell, ☑ for the chosen values, a 签到表 filled to the foot);
# the QR code of the 报到证 decodes back to its value (zbarimg).
set -u
. "$ROOT/tests/e2e/stdform.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdftoppm poppler-utils
need zbarimg zbar-tools
mkdir -p "$T/docx" "$T/pdf" "$T/profile"
n=0
for form in $(forms); do
    n=$((n + 1))
    sf blank "$form" -q -o "$T/docx" || die "$form: blank failed"
    sf fill "$form" --data "$ROOT/standards/data/$form.json" --merge -q -o "$T/docx" || die "$form: fill failed"
done
timeout 900 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/pdf" "$T"/docx/*.docx >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
for form in $(forms); do
    md=$(sf list | awk -v f="$form" '$1 == f { print $2 }')
    src=$(cd "$ROOT" && grep -l "form=$form[ }]" standards/*.md templates/forms/*.md | head -1)
    sf list --fields "$form" > "$T/$form.fields"
    "$PY" "$ROOT/tests/e2e/stdform_pages.py" "$form" "$ROOT/$src" "$T/pdf/$form-blank.pdf" "$T/pdf/$form.pdf" \
        "$ROOT/standards/data/$form.json" "$T/$form.fields" || exit 1
done
# the QR code of the first 报到证 reads back as the record's registration address
pdftoppm -r 150 -f 1 -l 1 -png "$T/pdf/report-card.pdf" "$T/qr"
want=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["records"][0]["report_url"])' \
    "$ROOT/standards/data/report-card.json")
got=$(zbarimg -q --raw "$T"/qr-1.png 2>/dev/null | head -1)
[ "$got" = "$want" ] || die "the 报到证's QR code reads '$got', not '$want'"
echo "$n forms printed blank and filled and checked on their PDFs; the QR code decodes"
