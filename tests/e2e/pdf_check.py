#!/usr/bin/python3
"""Checks on the PDFs stdgen --format pdf writes, used by tests/e2e/pdf.sh.

  pdf_check.py toc ODTDIR PDF...   each 目次 entry's page is the page where its heading
                                   is printed (the page labels read from the footers:
                                   I, II … then 1, 2 …); prints how many entries differ
                                   from the estimate pre-filled in ODTDIR's ODT of the
                                   same name, i.e. how many the refresh corrected
  pdf_check.py fonts PDF...        宋体 text in a serif CJK face and 黑体 in a sans one
                                   (the fontconfig alias), all fonts embedded

Prints one line per problem and exits 1 when there is any."""
import os
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import problem, run  # noqa: E402

LEADER = re.compile(r"^(.*?)\s*(?:\.|…){4,}\s*([IVXLC]+|\d+)\s*$")



def squeeze(s):
    return re.sub(r"[\s\u3000]", "", s)


def pages_of(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return out.split("\f")


def footer_label(text):
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    if lines and re.match(r"^([IVXLC]+|\d+)$", lines[-1]):
        return lines[-1]
    return None


def prefilled(odt):
    """The 目次 entries as the ODT was written: text → page label."""
    ns = {"text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
    root = ET.fromstring(zipfile.ZipFile(odt).read("content.xml"))
    out = {}
    for p in root.iterfind(".//text:table-of-content/text:index-body/text:p", ns):
        s = "".join(p.itertext())
        m = re.match(r"^(.*?)\s*([IVXLC]+|\d+)$", s)
        if m:
            out[squeeze(m.group(1))] = m.group(2)
    return out


def check_toc(odtdir, pdfs):
    corrected = entries = 0
    for pdf in pdfs:
        pages = pages_of(pdf)
        labels = [footer_label(p) for p in pages]
        toc, body_from, in_toc = [], None, False
        for i, text in enumerate(pages):
            lines = [l.strip() for l in text.splitlines()]
            found = [m for m in map(LEADER.match, lines) if m]
            if any(re.match(r"^目\s+次$", l) for l in lines) or (in_toc and found):
                in_toc = True
                toc += [(squeeze(m.group(1)), m.group(2)) for m in found]
            elif in_toc:
                body_from = i
                break
        if not toc:
            problem(pdf, "no 目次 entries")
            continue
        odt = os.path.join(odtdir, os.path.splitext(os.path.basename(pdf))[0] + ".odt")
        before = prefilled(odt) if os.path.exists(odt) else {}
        for title, label in toc:
            entries += 1
            if before.get(title) not in (None, label):
                corrected += 1
            where = [i for i, l in enumerate(labels) if l == label and i >= (body_from or 0)]
            if not where:
                problem(pdf, "目次 says '%s' is on page %s, and no page is labelled %s" % (title, label, label))
                continue
            # the heading starts a line of that page (annex titles: their label line)
            key = title.split("（")[0] if title.startswith("附录") else title
            if not any(squeeze(l).startswith(key) for l in pages[where[0]].splitlines()):
                problem(pdf, "目次 says '%s' is on page %s, but it is not printed there" % (title, label))
    print("%d 目次 entries in %d PDFs point at the right pages; %d of them were corrected by the refresh"
          % (entries, len(pdfs), corrected))


def check_fonts(pdfs):
    for pdf in pdfs:
        out = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
        rows = out.splitlines()[2:]
        names = [r.split()[0] for r in rows if r.strip()]
        if not any("SerifCJK" in n for n in names):
            problem(pdf, "no serif CJK face (宋体 falls back to sans): %s" % ", ".join(names))
        if not any("SansCJK" in n for n in names):
            problem(pdf, "no sans CJK face for 黑体: %s" % ", ".join(names))
        for r in rows:
            f = r.split()
            if len(f) >= 5 and f[-5] != "yes" and "emb" not in r:
                problem(pdf, "font not embedded: " + r)


def main():
    run(__doc__, {
        "toc": lambda a: check_toc(a[0], a[1:]),
        "fonts": check_fonts,
    })


if __name__ == "__main__":
    main()
