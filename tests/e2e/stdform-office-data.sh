# Office data as offices have it: the same Party-member export as openpyxl's XLSX,
# LibreOffice's XLSX, LibreOffice's Excel 97 .xls, an Excel "CSV UTF-8" (BOM, CRLF)
# and an Excel CSV of a Chinese Windows (GBK), all with Chinese headers on the second
# sheet; each fills the 报到证 through its labels (and one --map), and the documents
# hold the records' values.
set -u
. "$ROOT/tests/e2e/stdform.lib"
need unzip
# the CSVs: the rows of party.xlsx's second sheet as Excel saves them
/usr/bin/python3 - "$DATA/party.xlsx" "$T" <<'EOF' || die "could not write the CSVs"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["党员名单"]
rows = [["" if v is None else v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else str(v) for v in r]
        for r in ws.iter_rows(values_only=True)]
text = "".join(",".join(r) + "\r\n" for r in rows)
open(sys.argv[2] + "/party-bom.csv", "w", encoding="utf-8-sig", newline="").write(text)
open(sys.argv[2] + "/party-gbk.csv", "w", encoding="gbk", newline="").write(text)
EOF
SETS=(--set community_party_org=中共金华社区委员会 --set address= --set speciality= --set service_intention=
      --set unit_party_org= --set unit_contact= --set unit_phone= --set report_url= --set issue_date=
      --set post= --set community_contact= --set community_phone= --set receipt_date=)
n=0
for f in "$DATA/party.xlsx" "$DATA/party-lo.xlsx" "$DATA/party.xls" "$T/party-bom.csv" "$T/party-gbk.csv"; do
    n=$((n + 1))
    sheet=(--sheet 党员名单)
    case $f in *.csv) sheet=() ;; esac
    out=$(sf fill report-card --data "$f" "${sheet[@]}" --map 报到时间=report_date -o "$T/o$n" "${SETS[@]}" 2>&1) ||
        die "$(basename "$f"): stdform failed: $out"
    printf '%s\n' "$out" | grep -qF "note: columns matched to fields: 报到时间 → report_date, 编号 → card_no, 姓名 → name, 性别 → gender, 出生年月 → birth_date, 入党时间 → join_date, 工作单位 → unit, 职务 → position, 联系电话 → phone" ||
        die "$(basename "$f"): the columns were not matched by their labels: $out"
    printf '%s\n' "$out" | grep -qF "warning: column the form report-card does not use: 备注" ||
        die "$(basename "$f"): no warning for the column no field has: $out"
    doc=$(unzip -p "$T/o$n/report-card-1.docx" word/document.xml | sed 's/<[^>]*>//g')
    for want in SJBD-2024-001 张建国 上街区教育局 副局长 13803710001 1998年7月1日 2024年3月5日; do
        printf '%s' "$doc" | grep -qF "$want" || die "$(basename "$f"): '$want' is not in the filled 报到证"
    done
    doc=$(unzip -p "$T/o$n/report-card-2.docx" word/document.xml | sed 's/<[^>]*>//g')
    printf '%s' "$doc" | grep -qF 2006年6月18日 || die "$(basename "$f"): record 2's 入党时间 is not 2006年6月18日"
done
# the first sheet of the export is a note: the sheets are named
out=$(sf fill report-card --data "$DATA/party.xls" -o "$T/first" "${SETS[@]}" 2>&1) && die "the note sheet was read as data"
printf '%s\n' "$out" | grep -qF "party.xls: error: no records in sheet 说明 (the sheets are: 说明, 党员名单; give --sheet NAME)" ||
    die "no list of sheets: $out"
[ -e "$T/first" ] && die "something was written for a sheet with no records"
echo "$n office exports (XLSX by openpyxl and LibreOffice, XLS, CSV with BOM, GBK CSV) filled through their Chinese headers"
