#!/usr/bin/python3
"""Generates the XLSX (and members.json) fixtures of tests/unit/test_data.c.

Run from anywhere: /usr/bin/python3 tests/data/make-xlsx.py
Needs python3-openpyxl (apt-get install -y python3-openpyxl) for the files a
real spreadsheet library writes; the rest are written part by part so each
one holds exactly the XML a test is about (inline and rich strings, date
styles, hostile archives). The outputs are committed; rerun after a change.
"""
import csv
import datetime
import io
import json
import os
import struct
import zipfile
from xml.sax.saxutils import quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_T = REL_NS + "/worksheet"


def out(name):
    return os.path.join(HERE, name)


def put(z, name, data):
    """Adds an entry with a fixed time, so reruns give the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data)


def members():
    with open(out("members.csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ---- written by openpyxl ----

def save(wb, name):
    """Saves, then repacks with fixed times, so reruns give the same bytes."""
    wb.properties.created = wb.properties.modified = datetime.datetime(2024, 1, 1)
    wb.save(out(name))
    with zipfile.ZipFile(out(name)) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(out(name), "w") as z:
        for fn, data in items:
            put(z, fn, data)


def members_xlsx():
    import openpyxl
    rows = members()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "党员名单"
    header = list(rows[0].keys())
    ws.append(header)
    for r in rows:
        vals = []
        for k in header:
            v = r[k]
            if k in ("join_date", "report_date"):
                v = datetime.date.fromisoformat(v)
            elif k in ("phone", "year", "total_points"):
                v = int(v)
            elif k == "total_hours":
                v = float(v) if "." in v else int(v)
            elif v == "":
                v = None
            vals.append(v)
        ws.append(vals)
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if isinstance(c.value, datetime.date):
                c.number_format = "yyyy-mm-dd"
    wb.create_sheet("说明").append(["本表由 make-xlsx.py 从 members.csv 生成"])
    save(wb, "members.xlsx")


def types_xlsx():
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["name", "int", "float", "date", "datetime", "time", "bool", "cn_date"])
    ws.append(["甲", 42, 0.1 + 0.2, datetime.date(2024, 3, 5), datetime.datetime(2024, 3, 5, 9, 30),
               datetime.time(14, 5), True, datetime.date(2019, 4, 1)])
    ws.append(["乙", -7, 1234.5, datetime.date(1900, 1, 1), datetime.datetime(2000, 2, 29, 23, 59, 59),
               datetime.time(0, 0, 30), False, datetime.date(2020, 12, 31)])
    for row in ws.iter_rows(min_row=2):
        row[7].number_format = 'yyyy"年"m"月"d"日"'
    second = wb.create_sheet("名单")
    second.append(["姓名", "社区"])
    second.append(["张三", "金华社区"])
    save(wb, "types.xlsx")


# ---- written part by part ----

def raw_xlsx(name, sheets, sst=None, styles=None, workbook_pr="", omit=(), doctype=None):
    """sheets: [(sheet name, <sheetData> inner XML)]; sst: list of <si> inner XML;
    doctype: {part name: DOCTYPE text placed before its root}."""
    doctype = doctype or {}
    parts = {}
    ct = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
          '<Default Extension="xml" ContentType="application/xml"/>',
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/>']
    rels = []
    sheet_elems = []
    for i, (sname, data) in enumerate(sheets, 1):
        part = "xl/worksheets/sheet%d.xml" % i
        parts[part] = ('<worksheet xmlns="%s" xmlns:r="%s"><sheetData>%s</sheetData></worksheet>'
                       % (MAIN_NS, REL_NS, data))
        ct.append('<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.'
                  'spreadsheetml.worksheet+xml"/>' % part)
        rels.append('<Relationship Id="rId%d" Type="%s" Target="worksheets/sheet%d.xml"/>' % (i, SHEET_T, i))
        sheet_elems.append('<sheet name=%s sheetId="%d" r:id="rId%d"/>' % (quoteattr(sname), i, i))
    n = len(sheets)
    if sst is not None:
        parts["xl/sharedStrings.xml"] = ('<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
                                         % (MAIN_NS, len(sst), len(sst), "".join("<si>%s</si>" % s for s in sst)))
        rels.append('<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>'
                    % (n + 1, REL_NS))
    if styles is not None:
        parts["xl/styles.xml"] = '<styleSheet xmlns="%s">%s</styleSheet>' % (MAIN_NS, styles)
        rels.append('<Relationship Id="rId%d" Type="%s/styles" Target="/xl/styles.xml"/>' % (n + 2, REL_NS))
    parts["xl/workbook.xml"] = ('<workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>'
                                % (MAIN_NS, REL_NS, workbook_pr, "".join(sheet_elems)))
    parts["xl/_rels/workbook.xml.rels"] = '<Relationships xmlns="%s">%s</Relationships>' % (PKG_REL_NS, "".join(rels))
    parts["_rels/.rels"] = ('<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
                            'Target="xl/workbook.xml"/></Relationships>' % (PKG_REL_NS, REL_NS))
    parts["[Content_Types].xml"] = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                                    '%s</Types>' % "".join(ct))
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/sharedStrings.xml", "xl/styles.xml"] + ["xl/worksheets/sheet%d.xml" % i
                                                                 for i in range(1, n + 1)]:
            if part in parts and part not in omit:
                head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + doctype.get(part, "")
                put(z, part, head + parts[part])


def row(r, *cells):
    return '<row r="%d">%s</row>' % (r, "".join(cells))


def strings_xlsx():
    sst = ["<t>name</t>", "<t>note</t>", "<t>kind</t>",
           "<t>张三</t>",
           # rich text: runs are joined; the phonetic guide is not text
           '<r><rPr><b/></rPr><t>金华</t></r><r><t xml:space="preserve"> 社区</t></r>'
           '<rPh sb="0" eb="2"><t>jinhua</t></rPh>',
           "<t>line one_x000D_\nline two</t>",
           "<t>literal _x005F_x0041_ stays</t>"]
    data = (row(1, '<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>', '<c r="C1" t="s"><v>2</v></c>')
            + row(2, '<c r="A2" t="s"><v>3</v></c>', '<c r="B2" t="s"><v>4</v></c>',
                  '<c r="C2" t="str"><f>"f"&amp;"x"</f><v>fx</v></c>')
            + row(3, '<c r="A3" t="inlineStr"><is><t>李四</t></is></c>',
                  '<c r="B3" t="inlineStr"><is><r><t>富</t></r><r><t>文本</t></r></is></c>',
                  '<c r="C3" t="b"><v>1</v></c>')
            # row 4 is absent; row 5 is sparse: B5 missing, no r on C5 (follows A5... after B)
            + row(5, '<c r="A5" t="s"><v>5</v></c>', '<c r="C5" t="e"><v>#N/A</v></c>')
            + row(6, '<c r="A6" t="s"><v>6</v></c>', '<c t="b"><v>0</v></c>', '<c><v>12</v></c>')
            # a row of styled empty cells only: skipped
            + row(7, '<c r="A7" s="0"/>', '<c r="B7" t="inlineStr"><is><t></t></is></c>'))
    raw_xlsx("strings.xlsx", [("Sheet1", data), ("R&D <2>", row(1, '<c r="A1" t="inlineStr"><is><t>x</t></is></c>')
                                                           + row(2, '<c r="A2" t="inlineStr"><is><t>&amp;&lt;&#26159;</t></is></c>'))],
             sst=sst)


DATE_STYLES = ('<numFmts count="4">'
               '<numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
               '<numFmt numFmtId="165" formatCode="0.00&quot;d&quot;"/>'
               '<numFmt numFmtId="166" formatCode="[Red]#,##0.00_);\\(#,##0\\)"/>'
               '<numFmt numFmtId="167" formatCode="[$-804]yyyy/mm/dd\\ hh:mm"/>'
               '</numFmts>'
               '<cellXfs count="9"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="22"/><xf numFmtId="20"/>'
               '<xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/>'
               '<xf numFmtId="21"/></cellXfs>'
               # conditional-format numFmts must not redefine 164
               '<dxfs count="1"><dxf><numFmt numFmtId="164" formatCode="0.0"/></dxf></dxfs>')


def dates_xlsx():
    def r(n, label, serial, style):
        return row(n, '<c r="A%d" t="inlineStr"><is><t>%s</t></is></c>' % (n, label),
                   '<c r="B%d" s="%d"><v>%s</v></c>' % (n, style, serial))
    data = (row(1, '<c r="A1" t="inlineStr"><is><t>case</t></is></c>', '<c r="B1" t="inlineStr"><is><t>value</t></is></c>')
            + r(2, "serial1", "1", 1)
            + r(3, "serial59", "59", 1)
            + r(4, "serial60", "60", 1)
            + r(5, "serial61", "61", 1)
            + r(6, "datetime", "45356.395833333336", 2)   # 2024-03-05 09:30
            + r(7, "time", "0.75", 3)                      # 18:00
            + r(8, "cn_custom", "43556", 4)                # 2019年4月1日
            + r(9, "quoted_d", "3.5", 5)                   # not a date: the d is quoted
            + r(10, "red", "1234.5", 6)                    # not a date: [Red] is a colour
            + r(11, "locale_dt", "45356.5", 7)             # 2024-03-05 12:00
            + r(12, "secs", "0.5000115740740741", 8)       # 12:00:01
            + r(13, "plain", "45356", 0)
            + r(14, "negative", "-1", 1)                   # no date: printed as a number
            + r(15, "exp", "1.5E-3", 0)
            + r(16, "big", "123456789012345678", 0)
            + row(17, '<c r="A17" t="inlineStr"><is><t>iso</t></is></c>', '<c r="B17" t="d"><v>2024-03-05T09:30:00Z</v></c>')
            + row(18, '<c r="A18" t="inlineStr"><is><t>iso_day</t></is></c>', '<c r="B18" t="d"><v>2024-03-05T00:00:00</v></c>'))
    raw_xlsx("dates.xlsx", [("Sheet1", data)], styles=DATE_STYLES)
    raw_xlsx("date1904.xlsx", [("Sheet1", row(1, '<c r="A1" t="inlineStr"><is><t>d</t></is></c>')
                                + row(2, '<c r="A2" s="1"><v>0</v></c>')
                                + row(3, '<c r="A3" s="1"><v>43555</v></c>'))],
             styles=DATE_STYLES, workbook_pr='<workbookPr date1904="1"/>')


def prefixed_xlsx():
    # Some generators write SpreadsheetML with a prefix; names are matched by local name.
    ns = 'xmlns:x="%s" xmlns:r="%s"' % (MAIN_NS, REL_NS)
    path = out("prefixed.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "xl/workbook.xml", '<x:workbook %s><x:sheets><x:sheet name="S" sheetId="1" r:id="rId1"/>'
                   '</x:sheets></x:workbook>' % ns)
        put(z, "xl/_rels/workbook.xml.rels", '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s" '
                   'Target="worksheets/sheet1.xml"/></Relationships>' % (PKG_REL_NS, SHEET_T))
        put(z, "xl/worksheets/sheet1.xml", '<x:worksheet %s><x:sheetData><x:row r="1"><x:c r="A1" '
                   't="inlineStr"><x:is><x:t>k</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2"><x:v>5</x:v>'
                   '</x:c></x:row></x:sheetData></x:worksheet>' % ns)


def errors_xlsx():
    head = row(1, '<c r="A1" t="inlineStr"><is><t>a</t></is></c>', '<c r="B1" t="inlineStr"><is><t>b</t></is></c>')
    raw_xlsx("empty-sheet.xlsx", [("空表", "")])
    raw_xlsx("extra-cell.xlsx", [("Sheet1", head + row(2, '<c r="A2"><v>1</v></c>')
                                  + row(7, '<c r="A7"><v>1</v></c>', '<c r="C7" t="inlineStr"><is><t>x</t></is></c>'))])
    raw_xlsx("dup-header.xlsx", [("名单", row(1, '<c r="A1" t="inlineStr"><is><t>a</t></is></c>',
                                              '<c r="B1" t="inlineStr"><is><t>b</t></is></c>',
                                              '<c r="C1" t="inlineStr"><is><t> a </t></is></c>'))])
    raw_xlsx("empty-header.xlsx", [("Sheet1", row(1, '<c r="A1" t="inlineStr"><is><t>a</t></is></c>',
                                                  '<c r="C1" t="inlineStr"><is><t>c</t></is></c>'))])
    raw_xlsx("bad-ref.xlsx", [("Sheet1", head + row(2, '<c r="XFE2"><v>1</v></c>'))])
    raw_xlsx("bad-sst-index.xlsx", [("Sheet1", head + row(2, '<c r="B2" t="s"><v>9</v></c>'))], sst=["<t>x</t>"])
    raw_xlsx("missing-workbook.xlsx", [("Sheet1", head)], omit={"xl/workbook.xml"})
    raw_xlsx("missing-sheet-part.xlsx", [("Sheet1", head)], omit={"xl/worksheets/sheet1.xml"})
    raw_xlsx("bad-xml.xlsx", [("Sheet1", head + "<row r=\"2\"><c r=\"A2\"><v>1</v></row>")])


def hostile_xlsx():
    head = row(1, '<c r="A1" t="inlineStr"><is><t>a</t></is></c>')
    # XXE: the entity would pull a local file into a cell
    raw_xlsx("doctype.xlsx", [("Sheet1", head + row(2, '<c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c>'))],
             doctype={"xl/worksheets/sheet1.xml":
                      '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'})
    # billion laughs in the shared strings
    lol = "".join('<!ENTITY l%d "%s">' % (i, ("&l%d;" % (i - 1)) * 10 if i else "lol") for i in range(10))
    raw_xlsx("doctype-sst.xlsx", [("Sheet1", row(1, '<c r="A1" t="s"><v>0</v></c>'))], sst=["<t>&l9;</t>"],
             doctype={"xl/sharedStrings.xml": "<!DOCTYPE sst [%s]>\n" % lol})

    # zip bomb: a deflated sheet of zeros whose headers claim 300 MiB
    raw_xlsx("zip-bomb.xlsx", [("Sheet1", head)])
    patch_entry("zip-bomb.xlsx", "xl/worksheets/sheet1.xml", b"\0" * (1 << 20), 300 << 20)
    # the other way round: claims 1000 bytes, inflates to 1 MiB
    raw_xlsx("zip-lying.xlsx", [("Sheet1", head)])
    patch_entry("zip-lying.xlsx", "xl/worksheets/sheet1.xml", b"\0" * (1 << 20), 1000)

    # corrupt: a valid workbook cut in half; not a zip at all
    with open(out("strings.xlsx"), "rb") as f:
        data = f.read()
    with open(out("corrupt.xlsx"), "wb") as f:
        f.write(data[: len(data) // 2])
    # corrupt: the sheet's deflated bytes overwritten (the CRC or the inflater notices)
    z = zipfile.ZipFile(out("strings.xlsx"))
    info = z.getinfo("xl/worksheets/sheet1.xml")
    z.close()
    data = bytearray(data)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 4, start + info.compress_size - 4):
        data[i] ^= 0x5A
    with open(out("corrupt-data.xlsx"), "wb") as f:
        f.write(data)
    with open(out("not-a-zip.xlsx"), "w") as f:
        f.write("name,phone\n")


def patch_entry(name, entry, content, claimed):
    """Rewrites entry with content, then sets its uncompressed size in both the
    local header and the central directory to claimed."""
    src = zipfile.ZipFile(out(name))
    items = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    src.close()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for fn, data in items:
            put(z, fn, content if fn == entry else data)
    data = bytearray(buf.getvalue())
    key = entry.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        nlen = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + nlen] == key:
            struct.pack_into("<I", data, pos + 22, claimed)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        nlen = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + nlen] == key:
            struct.pack_into("<I", data, pos + 24, claimed)
        pos += 4
    with open(out(name), "wb") as f:
        f.write(data)


def members_json():
    acts = ["社区环境整治", "政策宣讲进楼院", "四点半课堂", "义诊服务", "平安巡逻", "文明劝导"]
    recs = []
    for i, m in enumerate(members()):
        r = dict(m)
        r["activities"] = [{"seq": str(j + 1), "date": "2024-%02d-%02d" % (4 + j, 6 + i % 20),
                            "activity": acts[(i + j) % len(acts)], "hours": str(2 + (i + j) % 3),
                            "points": str(3 + (i + j) % 3), "confirmer": "王书记"}
                           for j in range(2 + i % 3)]
        recs.append(r)
    with open(out("members.json"), "w", encoding="utf-8") as f:
        json.dump({"members": recs}, f, ensure_ascii=False, indent=2)
        f.write("\n")


def cjk_dates_xlsx():
    """Dates as a Chinese Excel shows them: 年月日 formats kept, midnight date-times as dates."""
    q = "&quot;"
    styles = ('<numFmts count="4">'
              '<numFmt numFmtId="176" formatCode="yyyy{q}年{q}m{q}月{q}d{q}日{q};@"/>'
              '<numFmt numFmtId="177" formatCode="yyyy{q}年{q}mm{q}月{q}"/>'
              '<numFmt numFmtId="178" formatCode="yyyy{q}年{q}m{q}月{q}d{q}日{q} h{q}时{q}mm{q}分{q}"/>'
              '<numFmt numFmtId="179" formatCode="yyyy{q}年{q}m{q}月{q}d{q}日{q} dddd"/>'
              '</numFmts>'
              '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="31"/><xf numFmtId="177"/>'
              '<xf numFmtId="178"/><xf numFmtId="179"/><xf numFmtId="22"/></cellXfs>').format(q=q)

    def r(n, label, serial, style):
        return row(n, '<c r="A%d" t="inlineStr"><is><t>%s</t></is></c>' % (n, label),
                   '<c r="B%d" s="%d"><v>%s</v></c>' % (n, style, serial))
    data = (row(1, '<c r="A1" t="inlineStr"><is><t>case</t></is></c>', '<c r="B1" t="inlineStr"><is><t>value</t></is></c>')
            + r(2, "custom_ymd", "45444", 1)          # 2024年6月1日
            + r(3, "builtin_31", "45444", 2)          # 2024年6月1日
            + r(4, "year_month", "45444", 3)          # 2024年06月
            + r(5, "with_time", "45444.37847222222", 4)  # 2024年6月1日 9时05分
            + r(6, "weekday", "45444", 5)             # not rendered: ISO
            + r(7, "midnight", "45444", 6)            # 2024-06-01, no 00:00
            + r(8, "noon", "45444.5", 6))             # 2024-06-01 12:00
    raw_xlsx("cjk-dates.xlsx", [("说明", row(1, '<c r="A1" t="inlineStr"><is><t>本表由系统导出</t></is></c>')),
                                ("名单", data)], styles=styles)


def party_xlsx():
    """An export as a Party-member system makes it: a note on the first sheet, Chinese
    headers, numbers for phones, dates and date-times. party.xls and party-lo.xlsx are
    LibreOffice's conversions of it (tests/data/README.md)."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    ws.append(["党员信息系统导出"])
    s = wb.create_sheet("党员名单")
    s.append(["编号", "姓名", "性别", "出生年月", "入党时间", "工作单位", "职务", "联系电话", "报到时间", "备注"])
    s.append(["SJBD-2024-001", "张建国", "男", "1975-06", datetime.date(1998, 7, 1), "上街区教育局", "副局长",
              13803710001, datetime.datetime(2024, 3, 5), "带队3次"])
    s.append(["SJBD-2024-002", "李秀兰", "女", "1982-11", datetime.date(2006, 6, 18), "上街区人民医院", "护士长",
              13803710002, datetime.datetime(2024, 3, 6, 9, 30), None])
    s["E2"].number_format = 'yyyy"年"m"月"d"日"'
    save(wb, "party.xlsx")


if __name__ == "__main__":
    members_xlsx()
    types_xlsx()
    strings_xlsx()
    dates_xlsx()
    prefixed_xlsx()
    errors_xlsx()
    hostile_xlsx()
    members_json()
    cjk_dates_xlsx()
    party_xlsx()
