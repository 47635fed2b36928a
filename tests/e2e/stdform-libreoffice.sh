# stdform's documents open in LibreOffice and convert to PDF showing the filled
# values: the merged DOCX of every form filled from tests/data/members.csv (one
# soffice run for all), stdform --format pdf one file per record, and the ODT.
set -u
. "$ROOT/tests/e2e/stdform.lib"
need soffice "libreoffice-writer-nogui"
need pdftotext poppler-utils
need pdfinfo poppler-utils
mkdir -p "$T/docx" "$T/pdf" "$T/profile"
names=0
for form in $(forms); do
    mapfile -t sets < <(missing_sets "$form" "$DATA/members.csv" | tr ' ' '\n')
    sf fill "$form" --data "$DATA/members.csv" --merge -q -o "$T/docx" "${sets[@]}" || die "$form: fill failed"
done
# soffice reads $VALGRIND itself (as a valgrind tool name): keep ours from it
timeout 600 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/pdf" "$T"/docx/*.docx >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed"; }
for f in "$T"/docx/*.docx; do
    b=$(basename "$f" .docx)
    pdf=$T/pdf/$b.pdf
    [ -s "$pdf" ] || die "$b: no PDF"
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    [ "${pages:-0}" -ge 20 ] && [ "$pages" -le 80 ] || die "$b: $pages pages for 20 records"
    txt=$(pdftotext "$pdf" - | tr -d ' \n')
    # a form, not an annex: no 附录 line; the names when the form shows them
    ! printf '%s' "$txt" | grep -q '附录[A-Z]（' || die "$b: an annex title in the PDF"
    if sf list --fields "$b" | grep -q '^name '; then
        for who in 张建国 黄美玲 罗晓琳; do
            printf '%s' "$txt" | grep -q "$who" || die "$b: $who is not in the PDF"
        done
        names=$((names + 1))
    fi
done
[ "$names" -ge 5 ] || die "only $names forms show the members' names"
# --format pdf, one file per record, and the cut line of the 报到证 and 回执单
mapfile -t sets < <(missing_sets report-card "$DATA/members.csv" | tr ' ' '\n')
sf fill report-card --data "$DATA/members.csv" --each '{{name}}' --format docx,pdf -q -o "$T/each" "${sets[@]}" ||
    die "--format docx,pdf failed"
[ "$(ls "$T"/each/*.pdf | wc -l)" = 20 ] && [ "$(ls "$T"/each/*.docx | wc -l)" = 20 ] || die "not 20 PDFs and 20 DOCX"
[ -z "$(ls -A "$T/each" | grep -v '\.pdf$\|\.docx$')" ] || die "stray files: $(ls -A "$T/each")"
txt=$(pdftotext -layout "$T/each/张建国.pdf" -)
for want in 张建国 中共金华社区委员会 上街区教育局 13803710001 剪切线 回执单; do
    printf '%s' "$txt" | grep -q "$want" || die "张建国.pdf lacks $want"
done
# the ODT, merged, through LibreOffice too (repeat rows from the JSON lists)
mapfile -t sets < <(missing_sets star-register "$DATA/members.json" | tr ' ' '\n')
sf fill star-register --data "$DATA/members.json" --merge --format odt -q -o "$T/odt" "${sets[@]}" ||
    die "--format odt failed"
timeout 300 env -u VALGRIND soffice "-env:UserInstallation=file://$T/profile" --headless --convert-to pdf \
    --outdir "$T/odt" "$T/odt/star-register.odt" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; die "soffice failed on the ODT"; }
[ "$(pdfinfo "$T/odt/star-register.pdf" | awk '/^Pages:/ { print $2 }')" -ge 20 ] || die "star-register.odt: fewer than 20 pages"
txt=$(pdftotext "$T/odt/star-register.pdf" - | tr -d ' \n')
for want in 张建国 社区环境整治 政策宣讲进楼院 罗晓琳; do
    printf '%s' "$txt" | grep -q "$want" || die "star-register.pdf lacks $want"
done
echo "$(ls "$T"/docx/*.docx | wc -l) merged forms converted and checked; --format pdf and odt"
