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
# a list that outgrows its page: the 汇总表 of 45 members, as DOCX and as ODT
"$PY" - "$ROOT/standards/data/volunteer-summary.json" "$T/long.json" <<'EOF' || die "could not write the long list"
import json, sys
rec = json.load(open(sys.argv[1]))["records"][0]
rows = rec["members"]
rec["members"] = [dict(rows[i % len(rows)], seq=str(i + 1)) for i in range(45)]
json.dump([rec], open(sys.argv[2], "w"), ensure_ascii=False)
EOF
for fmt in docx odt; do
    sf fill volunteer-summary --data "$T/long.json" -f $fmt -q -o "$T/long-$fmt" --each long-$fmt || die "long list ($fmt) failed"
    cp "$T/long-$fmt/long-$fmt.$fmt" "$T/docx/" || die "no long list ($fmt)"
done
timeout 900 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/pdf" "$T"/docx/*.docx "$T"/docx/*.odt >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
# continued pages: the title and （续） at the top of every page but the first, and
# 第 N 页 共 M 页 at the foot of every page (M the record's pages)
for fmt in docx odt; do
    pdf=$T/pdf/long-$fmt.pdf
    np=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    [ "${np:-0}" -ge 2 ] || die "long list ($fmt): $np page(s), not several"
    for k in $(seq 1 "$np"); do
        page=$(pdftotext -layout -f "$k" -l "$k" "$pdf" - | tr -d ' \f')
        top=$(printf '%s\n' "$page" | grep -v '^$' | head -1)
        foot=$(printf '%s\n' "$page" | grep -v '^$' | tail -1)
        [ "$foot" = "第${k}页共${np}页" ] || die "long list ($fmt), page $k: the foot is '$foot', not 第${k}页共${np}页"
        if [ "$k" -eq 1 ]; then
            printf '%s' "$page" | grep -q '（续）' && die "long list ($fmt): （续） on the first page"
            [ "$top" = 在职党员志愿服务情况汇总表 ] || die "long list ($fmt): page 1 starts with '$top'"
        else
            [ "$top" = 在职党员志愿服务情况汇总表（续） ] || die "long list ($fmt), page $k starts with '$top', not the title and （续）"
            printf '%s\n' "$page" | grep -q '^序号姓名工作单位' || die "long list ($fmt), page $k: the header row is not repeated"
        fi
    done
done
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
echo "$n forms printed blank and filled and checked on their PDFs; the QR code decodes; a long list continues with （续） and 第 N 页 共 M 页"
