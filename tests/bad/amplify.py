"""XLSX files whose one shared string is used by many cells (issue 17.3), written
into the current directory:  tests/bad/amplify.py ROOT"""
import csv, sys, zipfile
root = sys.argv[1]
hdr = next(csv.reader(open(root + '/tests/data/members.csv', encoding='utf-8')))
def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s
def book(name, rows, size):
    ss = ['v' * size] + hdr
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (len(ss), len(ss)) +
           ''.join('<si><t>%s</t></si>' % s for s in ss) + '</sst>')
    out = ['<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    out.append('<row r="1">' + ''.join('<c r="%s1" t="s"><v>%d</v></c>' % (col(i), i + 1) for i in range(len(hdr))) + '</row>')
    cells = ''.join('<c r="%s{r}" t="s"><v>0</v></c>' % col(i) for i in range(len(hdr)))
    for r in range(2, rows + 2):
        out.append('<row r="%d">' % r + cells.replace('{r}', str(r)) + '</row>')
    out.append('</sheetData></worksheet>')
    with zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        z.writestr('xl/sharedStrings.xml', sst)
        z.writestr('xl/worksheets/sheet1.xml', '\n'.join(out))
book('amp-value.xlsx', 1, 1_500_000)      # one value past the 1 MiB bound
book('amp-record.xlsx', 1, 900_000)       # 20 fields of it: past 16 MiB in one copy
book('amp-run.xlsx', 12_000, 32_767)      # Excel's longest cell in every field of 12,000 records: 7.9 GB
