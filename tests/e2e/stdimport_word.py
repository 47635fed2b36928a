"""Builds the Word documents of tests/e2e/stdimport-word.sh the way Word users make
them, and an ODT the way LibreOffice users do:

template.docx  python-docx with the GB/T 1.1 template's 标准文件_ style names
               (the 标准文件_ template family and the GB/T drafting add-ins), the clause and annex numbers
               from multilevel lists tied to the styles, as the SET/md2std templates
               tie them (ilvl = the number's segments: 章 at ilvl 1, level 0
               unused), a letter list, a dash list, a table, a figure, a REF field
               and a hyperlink to bookmarks, a note, a term, 参考文献;
autonum.docx   no styles but Normal: every clause number is Word's automatic
               multilevel numbering applied to plain paragraphs (w:numPr on the
               paragraph), the annex a second list (附录%1, upper letters) whose
               clauses restart under it, a list a) b) with lvlRestart;
outline.odt    odfpy: headings text:h with the outline numbering of
               text:outline-style (LibreOffice's chapter numbering), a table with
               its caption, a figure, a list — converted to DOCX by LibreOffice in
               the test (soffice --convert-to docx).
Usage: stdimport_word.py OUTDIR"""
import struct, sys, zlib
import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

OUT = sys.argv[1]


def png(path, w=40, h=20):
    """A small valid PNG (grey)."""
    raw = b"".join(b"\0" + b"\x80" * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    open(path, "wb").write(data)


def el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn("w:" + k), str(v))
    return e


def numbering_abstract(d, aid, levels):
    """levels: [(ilvl, fmt, text, style_id or None, restart or None)]; aid is also the
    w:num id (python-docx's own numbering.xml uses the small ones)."""
    numbering = d.part.numbering_part.element
    a = el("w:abstractNum", abstractNumId=aid)
    a.append(el("w:multiLevelType", val="multilevel"))
    for ilvl, fmt, text, sty, restart in levels:
        lvl = el("w:lvl", ilvl=ilvl)
        lvl.append(el("w:start", val=1))
        lvl.append(el("w:numFmt", val=fmt))
        if restart is not None:
            lvl.append(el("w:lvlRestart", val=restart))
        if sty:
            lvl.append(el("w:pStyle", val=sty))
        lvl.append(el("w:lvlText", val=text))
        a.append(lvl)
    # abstractNums come before nums
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(a)
    else:
        numbering.append(a)
    n = el("w:num", numId=aid)
    n.append(el("w:abstractNumId", val=aid))
    numbering.append(n)


def num_pr(target, num_id, ilvl):
    pPr = target.get_or_add_pPr()
    np_ = OxmlElement("w:numPr")
    np_.append(el("w:ilvl", val=ilvl))
    np_.append(el("w:numId", val=num_id))
    pPr.append(np_)


def bookmark(p, name, bid):
    p._p.insert(1 if p._p.pPr is not None else 0, el("w:bookmarkStart", id=bid, name=name))
    p._p.append(el("w:bookmarkEnd", id=bid))


def ref_field(p, bookmark_name, shown):
    """A REF field, as Word's cross-reference dialog inserts it, with its cached text."""
    f = el("w:fldSimple", instr=" REF %s \\r \\h " % bookmark_name)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    r.append(t)
    f.append(r)
    p._p.append(f)


def hyperlink(p, anchor, shown):
    h = el("w:hyperlink", anchor=anchor)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = shown
    r.append(t)
    h.append(r)
    p._p.append(h)


def text(p, s):
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = s
    r.append(t)
    p._p.append(r)


def table(d, rows, style=None):
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
            if style:
                t.cell(i, j).paragraphs[0].style = style
    return t


png(OUT + "/figure.png")

# ---------- template.docx: the GB/T template's style names ----------
d = docx.Document()
S = d.styles
names = ["标准文件_文件编号", "标准文件_文件名称", "封面标准英文名称", "其他发布日期", "其他实施日期", "其他发布部门",
         "标准称谓", "标准文件_目录标题", "标准文件_前言、引言标题", "标准文件_正文标准名称", "标准文件_章标题",
         "标准文件_一级条标题", "标准文件_二级条标题", "标准文件_段", "标准文件_术语条一", "标准文件_注：",
         "标准文件_字母编号列项（一级）", "标准文件_破折号列项", "标准文件_正文表标题", "标准文件_正文图标题",
         "标准文件_表格", "标准文件_附录标识", "附录性质", "标准文件_附录章标题", "标准文件_附录一级条标题",
         "标准文件_附录表标题", "标准文件_参考文献标题", "标准文件_参考文献条目"]
for n in names:
    S.add_style(n, WD_STYLE_TYPE.PARAGRAPH)
sid = {n: S[n].style_id for n in names}
# 章 at ilvl 1 ("%2"), 一级条 at ilvl 2 ("%2.%3"), 二级条 at 3 — level 0 unused, as md2std's template
numbering_abstract(d, 92, [(0, "decimal", "%1", None, None), (1, "decimal", "%2", sid["标准文件_章标题"], None),
                          (2, "decimal", "%2.%3", sid["标准文件_一级条标题"], None),
                          (3, "decimal", "%2.%3.%4", sid["标准文件_二级条标题"], None)])
# annexes: 附录%1 (A, B …), their clauses %1.%2
numbering_abstract(d, 94, [(0, "upperLetter", "附录%1", sid["标准文件_附录标识"], None),
                          (1, "decimal", "%1.%2", sid["标准文件_附录一级条标题"], None)])
numbering_abstract(d, 95, [(0, "lowerLetter", "%1)", sid["标准文件_字母编号列项（一级）"], None)])
numbering_abstract(d, 96, [(0, "bullet", "——", sid["标准文件_破折号列项"], None)])
for sty, nid, ilvl in [("标准文件_章标题", 92, 1), ("标准文件_一级条标题", 92, 2), ("标准文件_二级条标题", 92, 3),
                       ("标准文件_附录标识", 94, 0), ("标准文件_附录一级条标题", 94, 1),
                       ("标准文件_字母编号列项（一级）", 95, 0), ("标准文件_破折号列项", 96, 0)]:
    num_pr(S[sty].element, nid, ilvl)

P = d.add_paragraph
P("团体标准", style="标准称谓")
P("T/TPL 007—2025", style="标准文件_文件编号")
P("社区服务站点建设规范", style="标准文件_文件名称")
P("Specification for construction of community service stations", style="封面标准英文名称")
P("2025-03-01发布", style="其他发布日期")
P("2025-04-01实施", style="其他实施日期")
P("某某服务协会", style="其他发布部门")
P("目次", style="标准文件_目录标题")
P("前言", style="标准文件_前言、引言标题")
P("本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。", style="标准文件_段")
P("本文件由某某服务协会提出并归口。", style="标准文件_段")
P("社区服务站点建设规范", style="标准文件_正文标准名称")
P("范围", style="标准文件_章标题")
P("本文件规定了社区服务站点的建设要求。", style="标准文件_段")
P("规范性引用文件", style="标准文件_章标题")
P("本文件没有规范性引用文件。", style="标准文件_段")
P("术语和定义", style="标准文件_章标题")
P("下列术语和定义适用于本文件。", style="标准文件_段")
P("3.1", style="标准文件_术语条一")
P("社区服务站点　community service station", style="标准文件_段")
P("设在社区内提供服务的场所。", style="标准文件_段")
P("建设要求", style="标准文件_章标题")
h = P("场所", style="标准文件_一级条标题")
bookmark(h, "_Ref_site", 1)
P("站点应符合下列要求：", style="标准文件_段")
P("使用面积不小于60平方米；", style="标准文件_字母编号列项（一级）")
P("设在一层。", style="标准文件_字母编号列项（一级）")
p = P("站点的设施见", style="标准文件_段")
hyperlink(p, "_Tbl_1", "表1")
text(p, "。")
c = P("表1　站点设施", style="标准文件_正文表标题")
bookmark(c, "_Tbl_1", 2)
table(d, [["设施", "数量"], ["座椅", "不少于20把"], ["书柜", "不少于2个"]], style="标准文件_表格")
P("注：设施按使用面积配置。", style="标准文件_注：")
P("标识", style="标准文件_一级条标题")
P("门牌", style="标准文件_二级条标题")
p = P("门牌样式见图1，位置应符合", style="标准文件_段")
ref_field(p, "_Ref_site", "4.1")
text(p, "的规定。")
d.add_picture(OUT + "/figure.png")
P("图1　门牌样式", style="标准文件_正文图标题")
P("指示牌", style="标准文件_二级条标题")
P("指示牌应包括：", style="标准文件_段")
P("站点名称；", style="标准文件_破折号列项")
P("开放时间。", style="标准文件_破折号列项")
P("管理要求", style="标准文件_章标题")
P("站点应按附录A登记设施。", style="标准文件_段")
P("", style="标准文件_附录标识")
P("（规范性）", style="附录性质")
P("设施登记", style="标准文件_附录章标题")
P("登记内容", style="标准文件_附录一级条标题")
P("登记内容见表A.1。", style="标准文件_段")
P("表A.1　登记项目", style="标准文件_附录表标题")
table(d, [["项目", "说明"], ["名称", "设施名称"]], style="标准文件_表格")
P("登记周期", style="标准文件_附录一级条标题")
P("设施应每年登记一次。", style="标准文件_段")
P("参考文献", style="标准文件_参考文献标题")
P("[1]　GB/T 37276—2018　养老机构等级划分与评定", style="标准文件_参考文献条目")
d.save(OUT + "/template.docx")

# ---------- autonum.docx: Word's multilevel numbering on plain paragraphs ----------
d = docx.Document()
numbering_abstract(d, 111, [(0, "decimal", "%1", None, None), (1, "decimal", "%1.%2", None, None),
                           (2, "decimal", "%1.%2.%3", None, None)])
numbering_abstract(d, 112, [(0, "upperLetter", "附录%1", None, None), (1, "decimal", "%1.%2", None, None)])
# a) b) restarting under each clause of list 11 is a separate list in Word: restart 0 = never, so
# each a) list here is its own w:num
numbering_abstract(d, 113, [(0, "lowerLetter", "%1)", None, None)])
numbering_abstract(d, 114, [(0, "lowerLetter", "%1)", None, None)])


def np(s, nid, ilvl):
    p = d.add_paragraph(s)
    num_pr(p._p, nid, ilvl)
    return p


d.add_paragraph("T/AUTO 003—2025")
d.add_paragraph("自动编号服务规范")
d.add_paragraph("Service specification numbered automatically")
d.add_paragraph("2025-05-01发布　2025-06-01实施")
d.add_paragraph("前言")
d.add_paragraph("本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。")
d.add_paragraph("本文件由某某协会提出并归口。")
np("范围", 111, 0)
d.add_paragraph("本文件规定了服务的要求。")
np("规范性引用文件", 111, 0)
d.add_paragraph("本文件没有规范性引用文件。")
np("术语和定义", 111, 0)
d.add_paragraph("本文件没有需要界定的术语和定义。")
np("服务要求", 111, 0)
np("人员", 111, 1)
np("服务人员应持证上岗。", 111, 2)
np("服务人员应每年培训一次，培训内容包括：", 111, 2)
np("服务规范；", 113, 0)
np("安全知识。", 113, 0)
np("场所", 111, 1)
d.add_paragraph("场所应符合表1的规定。")
d.add_paragraph("表1　场所要求")
table(d, [["项目", "要求"], ["面积", "不小于40平方米"]])
np("评价", 111, 0)
np("方法", 111, 1)
d.add_paragraph("评价按附录A进行，结果记入图1所示的记录卡，评价内容见4.1。")
d.add_picture(OUT + "/figure.png")
d.add_paragraph("图1　评价记录卡")
np("结果", 111, 1)
d.add_paragraph("评价结果分为合格和不合格，不合格的按5.1复评，复评内容包括：")
np("人员；", 114, 0)
np("场所。", 114, 0)
np("", 112, 0)
d.add_paragraph("（规范性）")
d.add_paragraph("评价方法")
np("评价准备", 112, 1)
d.add_paragraph("评价前应准备记录卡。")
np("评价实施", 112, 1)
d.add_paragraph("评价应现场进行。")
d.save(OUT + "/autonum.docx")

# ---------- outline.odt: LibreOffice's outline (chapter) numbering ----------
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties, ParagraphProperties, GraphicProperties
from odf.text import (H, P as OP, List, ListItem, ListStyle, ListLevelStyleNumber, OutlineStyle,
                      OutlineLevelStyle)
from odf.table import Table, TableColumn, TableRow, TableCell
from odf.draw import Frame, Image

o = OpenDocumentText()
outline = OutlineStyle(name="Outline")
for lv in range(1, 4):
    outline.addElement(OutlineLevelStyle(level=lv, numformat="1", displaylevels=lv, numsuffix=" "))
o.styles.addElement(outline)
for lv in range(1, 4):
    hs = Style(name="Heading %d" % lv, family="paragraph", defaultoutlinelevel=str(lv))
    hs.addElement(TextProperties(fontweight="bold"))
    o.styles.addElement(hs)
cap = Style(name="Caption", family="paragraph")
o.styles.addElement(cap)
letters = ListStyle(name="Letters")
letters.addElement(ListLevelStyleNumber(level=1, numformat="a", numsuffix=")"))
o.automaticstyles.addElement(letters)
unnum = Style(name="Annex", family="paragraph")
unnum.addElement(ParagraphProperties(textalign="center"))
o.automaticstyles.addElement(unnum)


def oh(level, s):
    o.text.addElement(H(outlinelevel=level, stylename="Heading %d" % level, text=s))


def op(s, style=None):
    p = OP(text=s) if style is None else OP(text=s, stylename=style)
    o.text.addElement(p)
    return p


op("T/LO 005—2025")
op("大纲编号管理规范")
op("Management specification with outline numbering")
op("2025-07-01发布　2025-08-01实施")
oh(1, "范围")
op("本文件规定了管理的要求。")
oh(1, "规范性引用文件")
op("本文件没有规范性引用文件。")
oh(1, "术语和定义")
op("本文件没有需要界定的术语和定义。")
oh(1, "管理要求")
oh(2, "制度")
op("管理制度应符合表1的规定。")
op("表1　管理制度", "Caption")
t = Table(name="Table1")
t.addElement(TableColumn(numbercolumnsrepeated=2))
for row in [["制度", "频次"], ["例会", "每月一次"], ["检查", "每季一次"]]:
    tr = TableRow()
    for v in row:
        tc = TableCell()
        tc.addElement(OP(text=v))
        tr.addElement(tc)
    t.addElement(tr)
o.text.addElement(t)
oh(2, "档案")
oh(3, "归档")
op("档案应按4.2.2的规定保管，保管期限见表1。")
oh(3, "保管")
op("档案的保管要求包括：")
lst = List()
for s in ["防潮；", "防火。"]:
    li = ListItem()
    li.addElement(OP(text=s))
    lst.addElement(li)
o.text.addElement(lst)
oh(1, "检查")
op("检查应包括：")
lst = List(stylename="Letters")
for s_ in ["制度执行情况；", "档案保管情况。"]:
    li = ListItem()
    li.addElement(OP(text=s_))
    lst.addElement(li)
o.text.addElement(lst)
op("检查结果按图1填写，示例见附录A。")
fr = Frame(width="4cm", height="2cm", anchortype="as-char")
href = o.addPicture(OUT + "/figure.png")
fr.addElement(Image(href=href))
pf = OP()
pf.addElement(fr)
o.text.addElement(pf)
op("图1　检查记录", "Caption")
op("附录A", "Annex")
op("（资料性）", "Annex")
op("检查记录示例", "Annex")
op("检查记录示例见表A.1。")
op("表A.1　检查记录", "Caption")
t = Table(name="Table2")
t.addElement(TableColumn(numbercolumnsrepeated=2))
for row in [["日期", "结果"], ["2025-01-10", "合格"]]:
    tr = TableRow()
    for v in row:
        tc = TableCell()
        tc.addElement(OP(text=v))
        tr.addElement(tc)
    t.addElement(tr)
o.text.addElement(t)
o.save(OUT + "/outline.odt")
