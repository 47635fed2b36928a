"""Builds foreign DOCX the way users make them, for tests/e2e/stdimport.sh: python-docx
with Heading styles and typed numbers, and with the GB/T template's Chinese style
names whose numbers come from Word's automatic multilevel numbering."""
import sys, docx
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
def cover(d, num, title):
    d.add_paragraph("ICS 03.120.10")
    d.add_paragraph("T/TEST 001—2024")
    d.add_paragraph(title)
    d.add_paragraph("Test standard for import")
    d.add_paragraph("2024-01-01发布　　　　2024-02-01实施")
    d.add_paragraph("测试协会　发布")
# (a) Heading styles, numbers typed
d = docx.Document()
cover(d, "T/TEST 001—2024", "测试导入标准")
d.add_heading("前言", 1)
d.add_paragraph("本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。")
d.add_paragraph("本文件由测试协会提出并归口。")
d.add_heading("1　范围", 1)
d.add_paragraph("本文件规定了导入测试的要求。")
d.add_heading("2　规范性引用文件", 1)
d.add_paragraph("本文件没有规范性引用文件。")
d.add_heading("3　术语和定义", 1)
d.add_paragraph("本文件没有需要界定的术语和定义。")
d.add_heading("4　总体要求", 1)
d.add_heading("4.1　基本要求", 2)
d.add_paragraph("站点应符合表1的规定。")
d.add_paragraph("表1　站点要求")
t = d.add_table(rows=3, cols=2)
for r,(a,b) in enumerate([("项目","要求"),("面积","不小于60平方米"),("人员","不少于2人")]):
    t.cell(r,0).text=a; t.cell(r,1).text=b
d.add_paragraph("注：面积按使用面积计。")
d.add_heading("4.2　管理要求", 2)
d.add_paragraph("4.2.1　站点应建立管理制度，并按4.1的规定执行。")
d.add_paragraph("4.2.2　站点应每年评估一次，评估内容包括：")
d.add_paragraph("a) 制度建设；")
d.add_paragraph("b) 档案管理。")
d.save(sys.argv[1] + "/heading-styles.docx")

# (b) Chinese template style names, numbers from Word's automatic numbering
d = docx.Document()
styles = d.styles
for name in ["标准文件_章标题","标准文件_一级条标题","标准文件_段","标准文件_正文表标题","标准文件_文件编号","标准文件_文件名称"]:
    styles.add_style(name, docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
# a multilevel list tied to the styles: 章 %1, 一级条 %1.%2
numbering = d.part.numbering_part.element
absn = OxmlElement('w:abstractNum'); absn.set(qn('w:abstractNumId'), '90')
for ilvl, (text, sty) in enumerate([("%1", "标准文件_章标题"), ("%1.%2", "标准文件_一级条标题")]):
    lvl = OxmlElement('w:lvl'); lvl.set(qn('w:ilvl'), str(ilvl))
    for tag, val in [('w:start','1'),('w:numFmt','decimal'),('w:pStyle', styles[sty].style_id),('w:lvlText',text)]:
        e = OxmlElement(tag); e.set(qn('w:val'), val); lvl.append(e)
    absn.append(lvl)
numbering.insert(0, absn)
num = OxmlElement('w:num'); num.set(qn('w:numId'), '90')
a = OxmlElement('w:abstractNumId'); a.set(qn('w:val'), '90'); num.append(a); numbering.append(num)
for sty, ilvl in [("标准文件_章标题",0),("标准文件_一级条标题",1)]:
    pPr = styles[sty].element.get_or_add_pPr()
    numPr = OxmlElement('w:numPr'); il = OxmlElement('w:ilvl'); il.set(qn('w:val'), str(ilvl)); ni = OxmlElement('w:numId'); ni.set(qn('w:val'), '90')
    numPr.append(il); numPr.append(ni); pPr.append(numPr)
d.add_paragraph("T/TEST 002—2024", style="标准文件_文件编号")
d.add_paragraph("自动编号测试标准", style="标准文件_文件名称")
lead = {"范围": "本文件规定了服务的要求。", "规范性引用文件": "本文件没有规范性引用文件。",
        "术语和定义": "本文件没有需要界定的术语和定义。"}
for title, clauses in [("范围", []), ("规范性引用文件", []), ("术语和定义", []), ("服务要求", ["人员", "场所"]), ("评价", ["方法", "结果"])]:
    d.add_paragraph(title, style="标准文件_章标题")
    if title in lead:
        d.add_paragraph(lead[title], style="标准文件_段")
    for c in clauses:
        d.add_paragraph(c, style="标准文件_一级条标题")
        d.add_paragraph("%s应符合5.1的规定。" % c if title == "评价" else "%s应满足服务需要。" % c, style="标准文件_段")
d.save(sys.argv[1] + "/auto-numbering.docx")
