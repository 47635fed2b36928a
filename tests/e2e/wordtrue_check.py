#!/usr/bin/python3
"""What a consultant opening stdgen's DOCX sees, checked on LibreOffice's own PDF of
each DOCX (tests/e2e/docx-libreoffice.sh converts them, no index refresh):

  wordtrue_check.py DOCXDIR PDFDIR

For every DOCXDIR/X.docx and PDFDIR/X.pdf:
  - settings.xml: compatibilityMode 15 and w:updateFields;
  - the 目次 as cached in the DOCX (no refresh): each entry's heading is printed on
    the page its number says (page labels read from the footers);
  - the 目次 field is TOC \\f \\l and each entry has its TC field, with the text of the
    cached entry (what Word's own regeneration prints);
  - a table whose rows go on to a later page does so under "表N（续）" (the caption's
    page and the page of its last row differ only with a （续） between them);
  - no identifier of a table cell (a date, a long number, a standard's number, a
    short header) is split across lines;
  - no page holds only a heading, a caption, a header row or signature lines, and no
    page ends with a numbered heading;
  - a table in a landscape section has its caption on a landscape page of the PDF, and
    no page is landscape but for such a table;
  - a draft's cover prints XXXX-XX-XX 发布 and XXXX-XX-XX 实施;
  - the PDF has the pages docProps/app.xml states (LibreOffice's count for the DOCX,
    blank pages kept), and a blank page carries no header and no page number.
Prints one line per problem and exits 1 when there is any."""
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import problem, run  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
IDENT = re.compile(r"\d{4}-\d{2}-\d{2}|\d{6,}|[A-Z]+(?:/[A-Z]+)? [\d.]+—\d{4}")


def squeeze(s):
    return re.sub(r"[\s\u3000]", "", s)


def style(p):
    s = p.find(W + "pPr/" + W + "pStyle")
    return s.get(W + "val") if s is not None else ""


def ptext(p):
    return "".join(t.text or "" for t in p.iter(W + "t"))


def instr(p):
    return "".join(t.text or "" for t in p.iter(W + "instrText"))


def pages_of(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_sizes(pdf):
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "100000", pdf], capture_output=True, text=True).stdout
    return [(float(m.group(1)), float(m.group(2))) for m in re.finditer(r"size:\s+([\d.]+) x ([\d.]+)", out)]


def sections(body):
    """(paragraphs, sectPr) of each section of the body, in order."""
    out, cur = [], []
    for el in body:
        if el.tag == W + "p":
            cur.append(el)
            sp = el.find(W + "pPr/" + W + "sectPr")
            if sp is not None:
                out.append((cur, sp))
                cur = []
        elif el.tag == W + "sectPr":
            out.append((cur, el))
    return out


def label_of(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    return lines[-1] if lines and re.match(r"^([IVXLC]+|\d+)$", lines[-1]) else None


def content_lines(text, number):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if lines and squeeze(lines[0]) == squeeze(number):
        lines = lines[1:]
    if lines and re.match(r"^([IVXLC]+|\d+)$", lines[-1]):
        lines = lines[:-1]
    return lines


def check(docx, pdf):
    name = os.path.basename(docx)
    z = zipfile.ZipFile(docx)
    settings = z.read("word/settings.xml").decode()
    if not re.search(r'compatSetting w:name="compatibilityMode" w:uri="[^"]+" w:val="15"', settings):
        problem(name, "settings.xml has no compatibilityMode 15")
    if "<w:updateFields" not in settings:
        problem(name, "settings.xml has no w:updateFields")
    app = z.read("docProps/app.xml").decode()
    m = re.search(r"<Pages>(\d+)</Pages>", app)
    stated = int(m.group(1)) if m else None
    body = ET.fromstring(z.read("word/document.xml")).find(W + "body")
    paras = list(body.iter(W + "p"))
    pages = pages_of(pdf)
    labels = [label_of(p) for p in pages]
    number = ptext(next((p for p in paras if style(p) == "GBCoverNumber"), ET.Element("x")))

    if stated != len(pages):
        problem(name, "app.xml states %s pages, LibreOffice prints %d" % (stated, len(pages)))
    for i, text in enumerate(pages):
        if not text.strip():
            continue
        if i and not content_lines(text, number) and (labels[i] or squeeze(number) in squeeze(text)):
            problem(name, "page %d is blank but for its header or page number" % (i + 1))

    # the 目次 as cached, and the TC fields Word regenerates it from
    toc = [p for p in paras if style(p) in ("TOC1", "TOC2")]
    if not toc or "TOC \\f \\l" not in instr(toc[0]):
        problem(name, "the 目次 field is not TOC \\f \\l")
    marks = []
    for p in paras:
        for m in re.finditer(r'TC "((?:[^"\\]|\\.)*)" \\l (\d)', instr(p)):
            marks.append(m.group(1).replace('\\"', '"'))
    cached = []
    for p in toc:
        runs = "".join((t.text or "") if t.tag == W + "t" else "\t" for t in p.iter()
                       if t.tag in (W + "t", W + "tab"))
        if "\t" in runs:
            title, page = runs.rsplit("\t", 1)
            cached.append((title, page.strip()))
    if [t for t, _ in cached] != marks:
        problem(name, "the TC fields (%d) do not give the cached 目次 entries (%d)" % (len(marks), len(cached)))
    body_from = next((i for i, l in enumerate(labels) if l == "1"), 0)
    for title, page in cached:
        where = [i for i, l in enumerate(labels) if l == page and (i >= body_from or not page.isdigit())]
        key = squeeze(title.split("（")[0] if title.startswith("附录") else title)
        if not where or not any(squeeze(l).startswith(key) for l in pages[where[0]].splitlines()):
            problem(name, "目次: '%s' is not printed on page %s" % (title, page))

    # tables: continued only under 表N（续）; identifiers whole
    lines = [squeeze(l) for p in pages for l in p.splitlines()]
    flat = [squeeze(p) for p in pages]
    caps = [(i, ptext(p)) for i, p in enumerate(paras) if style(p) == "GBTableTitle"]
    for tbl in body.iter(W + "tbl"):
        rows = tbl.findall(W + "tr")
        cells = [[squeeze("".join(t.text or "" for t in tc.iter(W + "t"))) for tc in tr.findall(W + "tc")]
                 for tr in rows]
        for row in cells:
            for c in row:
                for tok in IDENT.findall(c):
                    if not any(squeeze(tok) in l for l in lines):
                        problem(name, "'%s' is split across lines" % tok)
        header = [r for r, tr in zip(cells, rows) if tr.find(W + "trPr/" + W + "tblHeader") is not None]
        for h in (header[0] if header else []):
            if 0 < len(h) <= 8 and re.fullmatch(r"[\u4e00-\u9fff（）]+", h) and not any(h in l for l in lines):
                problem(name, "header '%s' is split across lines" % h)
        body_rows = [r for r, tr in zip(cells, rows) if tr.find(W + "trPr/" + W + "tblHeader") is None and any(r)]
        if len(body_rows) < 2:
            continue
        first, last = body_rows[0][0] + "".join(body_rows[0][1:2]), body_rows[-1][0] + "".join(body_rows[-1][1:2])
        # the pages of the first and the last row, told by text printed on one page only
        on0 = [i for i, t in enumerate(flat) if len(first) >= 4 and first in t]
        on1 = [i for i, t in enumerate(flat) if len(last) >= 4 and last in t]
        if len(on0) != 1 or len(on1) != 1 or on1[0] <= on0[0]:
            continue
        p0, p1 = on0[0], on1[0]
        if not all("（续）" in flat[i] for i in range(p0 + 1, p1 + 1)):
            problem(name, "a table goes on from page %d to %d without 表N（续）: %s … %s" % (p0 + 1, p1 + 1, first, last))

    # orphans
    headings = {squeeze(ptext(p)) for p in paras if re.match(r"Heading\d|GBAnnexTitle|GBTermNumber", style(p))}
    numbered = {squeeze(ptext(p)) for p in paras if re.match(r"Heading\d", style(p))}
    captions = {squeeze(t) for _, t in caps} | {squeeze(ptext(p)) for p in paras if style(p) == "GBFigureTitle"}
    sign = re.compile(r"签字|签名|盖章|签章")
    for i, text in enumerate(pages):
        c = [squeeze(l) for l in content_lines(text, number)]
        if not c:
            continue
        lone = all(l in headings or l in captions or sign.search(l) or re.fullmatch(r"表\w+（续）", l)
                   or any(l == "".join(h) for h in [[]]) for l in c)
        if lone and len(c) <= 3 and i + 1 < len(pages):
            problem(name, "page %d holds only %s" % (i + 1, " / ".join(c)))
        elif lone and len(c) <= 3 and all(sign.search(l) for l in c):
            problem(name, "page %d holds only signature lines" % (i + 1))
        if i + 1 < len(pages) and c[-1] in numbered:
            # LibreOffice 7.4 lets a heading end a page now and then, keep-with-next set
            # or not: told, not failed (the cases GB/T 1.1 forbids are above)
            print("note: %s: page %d ends with the heading %s" % (name, i + 1, c[-1]))

    # landscape sections: the captions of their tables printed on landscape pages
    sizes = page_sizes(pdf)
    land = [i for i, (w, h) in enumerate(sizes) if w > h]
    turned = 0
    for sect_end, sect in sections(body):
        if sect.find(W + "pgSz") is None or sect.find(W + "pgSz").get(W + "orient") != "landscape":
            continue
        for p in sect_end:
            if style(p) == "GBTableTitle":
                turned += 1
                cap = squeeze(ptext(p))
                if not any(cap in flat[i] for i in land):
                    problem(name, "table '%s' is in a landscape section but not printed on a landscape page" % cap)
    if turned and len(land) < 1:
        problem(name, "no landscape page")
    if land and not turned:
        problem(name, "pages %s are landscape, no table asked for it" % [i + 1 for i in land])

    # the cover of a draft
    if any(style(p) == "GBCoverStage" for p in paras):
        cover = squeeze(pages[0])
        if "XXXX-XX-XX发布" not in cover or "XXXX-XX-XX实施" not in cover:
            problem(name, "a draft's cover without XXXX-XX-XX 发布 / 实施")
    return len(cached)


def main():
    def go(a):
        docxdir, pdfdir = a[0], a[1]
        n = entries = 0
        for f in sorted(os.listdir(docxdir)):
            if f.endswith(".docx"):
                pdf = os.path.join(pdfdir, f[:-5] + ".pdf")
                if not os.path.exists(pdf):
                    problem(f, "no PDF")
                    continue
                entries += check(os.path.join(docxdir, f), pdf)
                n += 1
        print("%d DOCX checked as LibreOffice prints them: %d 目次 entries on their pages" % (n, entries))
    run(__doc__, {"check": go})


if __name__ == "__main__":
    main()
