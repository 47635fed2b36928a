#!/usr/bin/python3
"""Checks on ODT files written by stdgen, used by tests/e2e/odt-*.sh and system-docs.sh.

  odt_check.py package ODT...           ODF package: mimetype first, stored, no extra field;
                                        the manifest lists every part (and only those) with
                                        its media type; every style a part names exists;
                                        bookmarks unique and paired, internal links resolve;
                                        every table row covers every column; meta.xml has
                                        the title, language and the number
  odt_check.py headings STDDIR ODT...   pandoc reads each ODT back (-f odt) and finds every
                                        heading of its source and as many tables
                                        (matched through meta.xml's Identifier)

Prints one line per problem and exits 1 when there is any; exit 77 when pandoc is
missing."""
import os
import re
import struct
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import problem, run  # noqa: E402
from docx_check import source_headings, sources_by_number, squeeze  # noqa: E402

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}
MIME = "application/vnd.oasis.opendocument.text"



def q(tag):
    p, n = tag.split(":")
    return "{%s}%s" % (NS[p], n)



def check_package(path):
    raw = open(path, "rb").read()
    # local header of the first entry: name "mimetype", stored, no extra field
    sig, _, flags, method, _, _, _, _, _, nlen, xlen = struct.unpack("<IHHHHHIIIHH", raw[:30])
    if sig != 0x04034B50 or raw[30:30 + nlen] != b"mimetype":
        problem(path, "mimetype is not the first entry")
    if method != 0 or xlen != 0 or raw[38:38 + len(MIME)] != MIME.encode():
        problem(path, "mimetype is not stored plainly at byte 38 (method %d, extra %d)" % (method, xlen))
    z = zipfile.ZipFile(path)
    names = z.namelist()
    if z.read("mimetype") != MIME.encode():
        problem(path, "wrong mimetype")
    man = ET.fromstring(z.read("META-INF/manifest.xml"))
    entries = {e.get(q("manifest:full-path")): e for e in man.iter(q("manifest:file-entry"))}
    for n in names:
        if n not in ("mimetype", "META-INF/manifest.xml") and n not in entries:
            problem(path, "%s is not in the manifest" % n)
    for n in entries:
        if n != "/" and n not in names:
            problem(path, "the manifest lists a missing part " + n)
    for n, e in entries.items():
        if n.startswith("Pictures/"):
            want = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg"}.get(n.rsplit(".", 1)[-1])
            if e.get(q("manifest:media-type")) != want:
                problem(path, "%s has media type %s" % (n, e.get(q("manifest:media-type"))))
    content = ET.fromstring(z.read("content.xml"))
    styles = ET.fromstring(z.read("styles.xml"))
    version = content.get(q("office:version"))
    if entries.get("/") is None or entries["/"].get(q("manifest:version")) != version:
        problem(path, "the manifest's / entry does not declare version %s" % version)
    defined = {s.get(q("style:name")) for root in (content, styles) for s in root.iter(q("style:style"))}
    for attr in ("text:style-name", "table:style-name", "draw:style-name"):
        for e in content.iter():
            v = e.get(q(attr))
            if v is not None and v not in defined:
                problem(path, "%s names the undefined style %s" % (e.tag.split("}")[1], v))
    masters = {m.get(q("style:name")) for m in styles.iter(q("style:master-page"))}
    for s in content.iter(q("style:style")):
        m = s.get(q("style:master-page-name"))
        if m is not None and m not in masters:
            problem(path, "style %s names the undefined master page %s" % (s.get(q("style:name")), m))
    starts = [b.get(q("text:name")) for b in content.iter(q("text:bookmark-start"))]
    ends = [b.get(q("text:name")) for b in content.iter(q("text:bookmark-end"))]
    if len(starts) != len(set(starts)):
        problem(path, "bookmark names repeat")
    if sorted(starts) != sorted(ends):
        problem(path, "bookmark starts and ends do not pair")
    for a in content.iter(q("text:a")):
        h = a.get(q("xlink:href")) or ""
        if h.startswith("#") and h[1:] not in starts:
            problem(path, "link to missing bookmark " + h)
    for t in content.iter(q("table:table")):
        cols = 0
        for c in t.iter(q("table:table-column")):
            cols += int(c.get(q("table:number-columns-repeated"), "1"))
        for r in t.iter(q("table:table-row")):
            n = len([c for c in r if c.tag in (q("table:table-cell"), q("table:covered-table-cell"))])
            if n != cols:
                problem(path, "%s: a row of %d cells in %d columns" % (t.get(q("table:name")), n, cols))
    meta = ET.fromstring(z.read("meta.xml"))
    if not [u for u in meta.iter(q("meta:user-defined")) if u.get(q("meta:name")) == "Identifier"]:
        problem(path, "meta.xml has no Identifier")
    if meta.find(".//" + q("dc:title")) is None:
        problem(path, "meta.xml has no dc:title")
    lang = meta.find(".//" + q("dc:language"))
    if lang is None or lang.text != "zh-CN":
        problem(path, "meta.xml language is not zh-CN")


def source_tables(body):
    """Tables of a source: GFM tables (a header line then a delimiter row) and HTML tables."""
    lines = body.splitlines()
    n = sum(1 for a, b in zip(lines, lines[1:]) if a.lstrip().startswith("|") and re.match(r"^\s*\|?\s*:?-{3,}", b))
    return n + len(re.findall(r"<table\b", body))


def pandoc_blocks(blocks, heads, tables):
    """Walks pandoc's JSON AST: Header texts and the number of Table blocks."""
    for b in blocks:
        t = b.get("t")
        if t == "Header":
            heads.append(squeeze(inline_text(b["c"][2])))
        elif t == "Table":
            tables[0] += 1
        c = b.get("c")
        if t in ("BlockQuote", "Div"):
            pandoc_blocks(c if t == "BlockQuote" else c[1], heads, tables)
        elif t in ("BulletList", "OrderedList"):
            for item in (c if t == "BulletList" else c[1]):
                pandoc_blocks(item, heads, tables)


def inline_text(inl):
    out = []
    for i in inl:
        t = i.get("t")
        if t == "Str":
            out.append(i["c"])
        elif t in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            out.append(inline_text(i["c"]))
        elif t in ("Span", "Link", "Quoted"):
            out.append(inline_text(i["c"][1]))
    return "".join(out)


def check_headings(stddir, docs):
    import json
    by_number = sources_by_number(stddir)
    for d in docs:
        meta = ET.fromstring(zipfile.ZipFile(d).read("meta.xml"))
        number = [u.text for u in meta.iter(q("meta:user-defined")) if u.get(q("meta:name")) == "Identifier"][0]
        if number not in by_number:
            problem(d, "no source with number %s" % number)
            continue
        md, body = by_number[number]
        out = subprocess.run(["pandoc", "-f", "odt", "-t", "json", d], capture_output=True, text=True)
        if out.returncode != 0:
            problem(d, "pandoc failed: " + out.stderr.strip()[:200])
            continue
        plain = subprocess.run(["pandoc", "-f", "odt", "-t", "plain", "--wrap=none", d], capture_output=True, text=True)
        heads, tables = [], [0]
        pandoc_blocks(json.loads(out.stdout)["blocks"], heads, tables)
        text = squeeze(plain.stdout)
        for title, is_term in source_headings(body):
            t = squeeze(title)
            if is_term:
                if t not in text:
                    problem(d, "term '%s' (%s) not in pandoc's text" % (title, md))
            elif not any(t in h for h in heads):
                problem(d, "heading '%s' (%s) not among pandoc's headings" % (title, md))
        if not any("前" in h and "言" in h for h in heads):
            problem(d, "no 前言 heading")
        want = source_tables(body)
        if tables[0] != want:
            problem(d, "pandoc finds %d tables, the source has %d (%s)" % (tables[0], want, md))


def main():
    run(__doc__, {
        "package": lambda a: [check_package(d) for d in a],
        "headings": lambda a: check_headings(a[0], a[1:]),
    })


if __name__ == "__main__":
    main()
