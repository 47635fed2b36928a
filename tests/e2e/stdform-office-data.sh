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
# stdform template: the header row an office fills in, read back field by field
sf template secretary-evaluation -o "$T/sec.xlsx" -q || die "template secretary-evaluation failed"
/usr/bin/python3 - "$T/sec.xlsx" <<'EOF2' || die "the XLSX template is not what it should be"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["数据", "选项", "说明"], wb.sheetnames
ws = wb["数据"]
head = [c.value for c in ws[1]]
assert head[0] == "村(社区)党组织（party_org）" and head[3] == "测评人类别（voter_type）", head
assert head[-1] == "测评日期（vote_date）", head
lists = {str(d.sqref): d.formula1 for d in ws.data_validations.dataValidation}
assert lists["D2:D1000"] == "选项!$A$2:$A$4", lists          # 测评人类别: 党员, 群众代表, 驻村单位代表
assert [r[0].value for r in wb["选项"].iter_rows(min_row=2, max_row=4)] == ["党员", "群众代表", "驻村单位代表"]
values = {"party_org": "中共金华社区委员会", "secretary_name": "王丽", "year": "2024", "voter_type": "党员",
          "overall": "较好", "suggestions": "多听群众意见", "vote_date": "2024-12-20"}
row = []
for h in head:
    name = h[h.rindex("（") + 1:-1] if h.endswith("）") else h
    row.append(values.get(name, "好"))
ws.append(row)
wb.save(sys.argv[1])
EOF2
out=$(sf fill secretary-evaluation --data "$T/sec.xlsx" -o "$T/sec" 2>&1) || die "the filled template does not fill the form: $out"
printf '%s\n' "$out" | grep -qF "note: columns matched to fields: 村(社区)党组织（party_org） → party_org," ||
    die "the template's headers were not read back: $out"
printf '%s\n' "$out" | grep -q "warning" && die "warnings on a filled template: $out"
doc=$(unzip -p "$T/sec/secretary-evaluation-1.docx" word/document.xml | sed 's/<[^>]*>//g')
for want in 中共金华社区委员会 王丽 多听群众意见 "☑较好"; do
    printf '%s' "$doc" | grep -qF "$want" || die "'$want' is not in the form filled from the template"
done
sf template sign-in --rows attendees -o "$T/attendees.csv" -q || die "template sign-in --rows attendees failed"
[ "$(od -An -c -N3 "$T/attendees.csv" | tr -d ' ')" = '357273277' ] || die "the CSV template has no BOM"
[ "$(head -1 "$T/attendees.csv" | sed 's/^\xEF\xBB\xBF//')" = "$(printf '姓名（name）,单位（unit）,职务（position）\r')" ] ||
    die "the CSV template's header: $(head -1 "$T/attendees.csv")"
printf '张三,教育局,科员\r\n李四,医院,护士长\r\n' >> "$T/attendees.csv"
out=$(sf fill sign-in --data "$T/attendees.csv" --rows attendees -o "$T/sign" --set meeting=党员大会 --set date= \
      --set place= --set host= --set recorder= --set expected= --set present= 2>&1) || die "the CSV template does not fill: $out"
unzip -p "$T/sign/sign-in-1.docx" word/document.xml | grep -qF 护士长 || die "the CSV template's rows are not in the form"
echo "templates: XLSX (drop-downs of the options) and CSV (BOM) read back into the forms"
