# Every form of the shipped system (and stdkit's own) prints blank, and filled from
# tests/data/members.csv, .xlsx and .json, one file per record and merged: the
# packages open, hold one copy per record with a page break between copies, and show
# record 1's values of the fields the data has. Fields the data lacks are found from
# stdform's own errors (which must name each and write nothing) and set blank.
set -u
. "$ROOT/tests/e2e/stdform.lib"
[ -x "$PY" ] || skip_test "python3 is not installed"
# record 1 of members.csv: field → value, for the plain text fields of FORM the data has
# (dates, choices, boxes print otherwise)
texts_for() {
    local form=$1 f
    for f in $(sf list --fields "$form" | awk '$1 !~ /\[\]/ && $0 !~ /repeat rows|  (lines|choice|check|date|sign|qr)/ { print $1 }'); do
        "$PY" - "$DATA/members.csv" "$f" <<'PY'
import csv, sys
r = next(csv.DictReader(open(sys.argv[1], encoding='utf-8')))
v = r.get(sys.argv[2], '')
if v and '\n' not in v:
    print('--text\n' + v)
PY
    done
}
n=0
for form in $(forms); do
    n=$((n + 1))
    sf blank "$form" -q -o "$T/blank" || die "$form: blank failed"
    sf blank "$form" -q -o "$T/blank3" --copies 3 || die "$form: blank --copies 3 failed"
    "$PY" "$CHECK" 1 "$T/blank/$form-blank.docx" || die "$form: bad blank form"
    "$PY" "$CHECK" 3 "$T/blank3/$form-blank.docx" || die "$form: bad blank copies"
    mapfile -t texts < <(texts_for "$form")
    for ext in csv xlsx json; do
        data=$DATA/members.$ext
        mapfile -t sets < <(missing_sets "$form" "$data" | tr ' ' '\n')
        out=$T/$form-$ext
        sf fill "$form" --data "$data" -q -o "$out/each" "${sets[@]}" || die "$form: fill from members.$ext failed"
        sf fill "$form" --data "$data" -q -o "$out/merged" --merge "${sets[@]}" ||
            die "$form: fill --merge from members.$ext failed"
        [ "$(ls "$out/each" | wc -l)" = 20 ] || die "$form: $(ls "$out/each" | wc -l) files from members.$ext, not 20"
        "$PY" "$CHECK" 1 "$out"/each/*.docx || die "$form: bad per-record file from members.$ext"
        "$PY" "$CHECK" "${texts[@]}" 1 "$out/each/$form-01.docx" || die "$form: record 1 from members.$ext"
        "$PY" "$CHECK" "${texts[@]}" 20 "$out/merged/$form.docx" || die "$form: merged from members.$ext"
    done
done
[ "$n" -ge 20 ] || die "only $n forms"
# the summary form the way it is meant: the whole table as its rows
sets=(--set community_party_org=中共金华社区委员会 --set year=2024 --set fill_date=2024-12-31 --set member_count=20
      --set total_hours=603.5 --set five_star_count=7 --set filler=王 --set reviewer=李 --set service_count=
      --set service_hours=)
sf fill volunteer-summary --data "$DATA/members.csv" --rows members -q -o "$T/summary" "${sets[@]}" ||
    die "volunteer-summary --rows members failed"
"$PY" "$CHECK" --text 中共金华社区委员会 --text 张建国 --text 罗晓琳 --text 603.5 1 "$T/summary/volunteer-summary-1.docx" ||
    die "volunteer-summary: bad"
echo "$n forms printed blank and filled from CSV, XLSX and JSON"
