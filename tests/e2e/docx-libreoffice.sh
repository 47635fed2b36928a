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
fails=0
bad() { echo "$1: $2"; fails=$((fails + 1)); }
# line number of the first line matching an extended regex after line $3 (0 when none)
line_of() { awk -v from="${3:-0}" -v re="$2" 'NR > from && $0 ~ re { print NR; exit }' "$1"; }
n=0
for f in "$T"/out/*.docx; do
    n=$((n + 1))
    b=$(basename "$f" .docx)
    pdf=$T/pdf/$b.pdf
    [ -s "$pdf" ] || { bad "$b" "no PDF"; continue; }
    pages=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
    [ "${pages:-0}" -ge 5 ] && [ "$pages" -le 80 ] || bad "$b" "$pages pages"
    txt=$T/pdf/$b.txt
    pdftotext -layout "$pdf" "$txt"
    number=$(pdftotext -f 1 -l 1 -layout "$pdf" - | grep -oE '[A-Z]+/[A-Z]+ [0-9]+—[0-9]{4}' | head -1)
    [ -n "$number" ] || bad "$b" "no standard number on the cover"
    pdftotext -f 1 -l 1 "$pdf" - | grep -q '发布' || bad "$b" "no 发布 on the cover"
    pdftotext -f 1 -l 1 "$pdf" - | grep -q '实施' || bad "$b" "no 实施 on the cover"
    pdftotext -f 2 -l 2 "$pdf" - | grep -qF "$number" || bad "$b" "no header with $number on page 2"
    toc=$(line_of "$txt" '^[[:space:]]*目[[:space:]]+次[[:space:]]*$')
    fw=$(line_of "$txt" '^[[:space:]]*前[[:space:]]+言[[:space:]]*$' "${toc:-0}")
    c1=$(line_of "$txt" '^[[:space:]]*1[[:space:]]+范围[[:space:]]*$' "${fw:-0}")
    c2=$(line_of "$txt" '^[[:space:]]*2[[:space:]]+规范性引用文件[[:space:]]*$' "${c1:-0}")
    c3=$(line_of "$txt" '^[[:space:]]*3[[:space:]]+术语和定义[[:space:]]*$' "${c2:-0}")
    [ -n "$toc" ] || bad "$b" "no 目次 title"
    [ -n "$fw" ] || bad "$b" "no 前言 title after the 目次"
    [ -n "$c1" ] || bad "$b" "no '1 范围' after the 前言"
    [ -n "$c2" ] && [ -n "$c3" ] || bad "$b" "chapters 2 and 3 missing or out of order"
    # the 目次 entries of the annexes, then their titles, in order, after chapter 3
    prev=${c3:-0}
    for letter in $(grep -oE '附录 ?[A-Z]（' "$txt" | grep -oE '[A-Z]' | sort -u); do
        a=$(line_of "$txt" "^[[:space:]]*附录[[:space:]]*$letter[[:space:]]*\$" "$prev")
        [ -n "$a" ] || { bad "$b" "annex $letter title missing or out of order"; break; }
        prev=$a
    done
done
[ "$n" -ge 22 ] || die "only $n documents"
[ "$fails" = 0 ] || die "$fails problem(s) in the PDFs"
echo "$n documents converted and checked"
