#!/usr/bin/python3
"""Checks on the system documents (stdgen --system), used by tests/e2e/system-docs.sh.

  sysdoc_check.py list STDDIR FILE...   the 标准明细表 of each FILE (.docx, .odt, .csv) lists
                                        every standard of STDDIR once, in the order of the
                                        boxes (categories, then groups, in system.yaml order;
                                        by number inside a box), with its number, title and
                                        体系表编号 (box-seq, boxes 100, 200 … and +1, +2 … for
                                        the groups); computed here from the sources
  sysdoc_check.py dot STDDIR FILE.dot   the DOT has the system, every category and group
                                        used, and one leaf per standard

Prints one line per problem and exits 1 when there is any."""
import csv
import glob
import io
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import problem, run  # noqa: E402
from docx_check import front_matter  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TB = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"



def codes(stddir, key):
    """The codes of system.yaml's categories or groups, in order (a small reader of its lists)."""
    out, cur = [], None
    for line in open(os.path.join(stddir, "system.yaml"), encoding="utf-8"):
        m = re.match(r"^(\w+):", line)
        if m:
            cur = m.group(1)
        m = re.match(r"^\s*-\s*code:\s*(\S+)", line)
        if m and cur == key:
            out.append(m.group(1))
    return out


def expected_rows(stddir):
    cats, groups = codes(stddir, "categories"), codes(stddir, "groups")
    stds = []
    for md in glob.glob(stddir + "/**/*.md", recursive=True):
        fm, _ = front_matter(md)
        if "number" not in fm:
            continue
        c = cats.index(fm["category"]) if fm.get("category") in cats else len(cats)
        g = groups.index(fm["group"]) if fm.get("group") in groups else -1
        stds.append((c, g, fm["number"], fm.get("title", ""), md))
    stds.sort()
    rows, prev, seq = [], None, 0
    for c, g, number, title, _ in stds:
        seq = seq + 1 if prev == (c, g) else 1
        prev = (c, g)
        box = 100 * (c + 1) + (g + 1 if g >= 0 else 0)
        rows.append(("%d-%02d" % (box, seq), title, number))
    return rows


def text_of(e):
    return "".join(e.itertext()).strip()


def docx_rows(path):
    body = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml")).find(W + "body")
    kids = list(body)
    for i, k in enumerate(kids):
        if k.tag == W + "p" and text_of(k).endswith("标准明细表") and i + 1 < len(kids) and kids[i + 1].tag == W + "tbl":
            return [[text_of(tc) for tc in tr.findall(W + "tc")] for tr in kids[i + 1].findall(W + "tr")]
    return None


def odt_rows(path):
    root = ET.fromstring(zipfile.ZipFile(path).read("content.xml"))
    text = root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}text")
    kids = list(text)
    for i, k in enumerate(kids):
        if k.tag == T + "p" and text_of(k).endswith("标准明细表") and i + 1 < len(kids) and kids[i + 1].tag == TB + "table":
            return [[text_of(c) for c in r if c.tag in (TB + "table-cell", TB + "covered-table-cell")]
                    for r in kids[i + 1].iter(TB + "table-row")]
    return None


def csv_rows(path):
    data = open(path, "rb").read()
    if not data.startswith(b"\xef\xbb\xbf"):
        problem(path, "no UTF-8 byte order mark")
    if b"\r\n" not in data:
        problem(path, "lines do not end with CRLF")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# the columns of GB/T 13016—2018 / GB/T 13017—2018's 标准明细表
HEAD = ["序号", "标准体系表编号", "标准名称", "标准编号", "宜定级别", "实施日期", "国际、国外标准号及采用关系",
        "被代替标准号或作废", "备注"]
LEVELS = {"国家标准", "行业标准", "地方标准", "团体标准", "企业标准"}


def check_list(stddir, files):
    want = expected_rows(stddir)
    for f in files:
        ext = f.rsplit(".", 1)[-1]
        rows = {"docx": docx_rows, "odt": odt_rows, "csv": csv_rows}[ext](f)
        if rows is None:
            problem(f, "no 标准明细表 table")
            continue
        if rows[0] != HEAD:
            problem(f, "header row %s, expected %s" % (rows[0], HEAD))
        body = rows[1:]
        if len(body) != len(want):
            problem(f, "%d rows, expected %d standards" % (len(body), len(want)))
        for i, (row, (tabnum, title, number)) in enumerate(zip(body, want)):
            got = (row[0], row[1], row[2], row[3])
            exp = (str(i + 1), tabnum, title.replace("\\", ""), number)
            if got != exp:
                problem(f, "row %d is %s, expected %s" % (i + 1, got, exp))
            if len(row) != len(HEAD) or row[4] not in LEVELS:
                problem(f, "row %d: 宜定级别 '%s' is not a level (%s)" % (i + 1, row[4] if len(row) > 4 else "",
                                                                      "、".join(sorted(LEVELS))))
        print("%s: %d standards in order" % (os.path.basename(f), len(body)))


def check_dot(stddir, dot):
    text = open(dot, encoding="utf-8").read()
    want = expected_rows(stddir)
    leaves = re.findall(r"^\s*s\d+ \[", text, re.M)
    if len(leaves) != len(want):
        problem(dot, "%d leaves, expected %d" % (len(leaves), len(want)))
    for tabnum, _, number in want:
        if "%s  %s" % (tabnum, number) not in text:
            problem(dot, "no leaf for %s %s" % (tabnum, number))
    if not text.startswith("digraph"):
        problem(dot, "not a digraph")


def main():
    run(__doc__, {
        "list": lambda a: check_list(a[0], a[1:]),
        "dot": lambda a: check_dot(a[0], a[1]),
    })


if __name__ == "__main__":
    main()
