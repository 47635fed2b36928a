#!/usr/bin/python3
"""Checks on DOCX files written by stdgen, used by tests/e2e/docx-*.sh.

  docx_check.py package DOCX...           OPC structure: content types cover every part, no
                                          dangling relationship, unique ids, core properties
  docx_check.py headings STDDIR DOCX...   pandoc reads each DOCX back and finds every heading
                                          of its source (matched through dc:identifier)
  docx_check.py styles DOCX...            python-docx opens each and sees the named styles

Prints one line per problem and exits 1 when there is any; exit 77 when a reader
(pandoc, python-docx) is missing."""
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import problem, run  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCT = "{http://purl.org/dc/terms/}"




def rels_of(part):
    d, b = posixpath.split(part)
    return posixpath.join(d, "_rels", b + ".rels")


def check_package(path):
    z = zipfile.ZipFile(path)
    names = z.namelist()
    if len(names) != len(set(names)):
        problem(path, "duplicate ZIP entries")
    if names[0] != "[Content_Types].xml":
        problem(path, "[Content_Types].xml is not the first entry")
    ct = ET.fromstring(z.read("[Content_Types].xml"))
    defaults = {e.get("Extension").lower(): e.get("ContentType") for e in ct.iter(CT + "Default")}
    overrides = {e.get("PartName"): e.get("ContentType") for e in ct.iter(CT + "Override")}
    for o in overrides:
        if o.lstrip("/") not in names:
            problem(path, "content type override for a missing part " + o)
    for n in names:
        if n == "[Content_Types].xml" or n.endswith("/"):
            continue
        ext = n.rsplit(".", 1)[-1].lower()
        if "/" + n not in overrides and ext not in defaults:
            problem(path, "no content type for " + n)
    # relationships: unique ids, targets exist, every r:id used is declared
    declared = {}
    for n in names:
        if not n.endswith(".rels"):
            continue
        src_dir = posixpath.dirname(posixpath.dirname(n))
        ids = set()
        for r in ET.fromstring(z.read(n)).iter(PR + "Relationship"):
            rid = r.get("Id")
            if rid in ids:
                problem(path, "%s: relationship id %s twice" % (n, rid))
            ids.add(rid)
            if r.get("TargetMode") == "External":
                continue
            t = posixpath.normpath(posixpath.join(src_dir, r.get("Target"))).lstrip("/")
            if t not in names:
                problem(path, "%s: %s points at missing part %s" % (n, rid, t))
        declared[n] = ids
    if "word/document.xml" not in names or "_rels/.rels" not in names:
        problem(path, "no word/document.xml or _rels/.rels")
        return
    docpr = []
    for part in [n for n in names if re.match(r"word/(document|header\d+|footer\d+)\.xml$", n)]:
        root = ET.fromstring(z.read(part))
        have = declared.get(rels_of(part), set())
        for e in root.iter():
            for attr in (R + "id", R + "embed"):
                v = e.get(attr)
                if v is not None and v not in have:
                    problem(path, "%s: %s uses undeclared relationship %s" % (part, e.tag, v))
        docpr += [e.get("id") for e in root.iter(WP + "docPr")]
        if part == "word/document.xml":
            starts = [(e.get(W + "id"), e.get(W + "name")) for e in root.iter(W + "bookmarkStart")]
            ends = {e.get(W + "id") for e in root.iter(W + "bookmarkEnd")}
            ids = [s[0] for s in starts]
            names_ = [s[1] for s in starts]
            if len(ids) != len(set(ids)):
                problem(path, "bookmark ids repeat")
            if len(names_) != len(set(names_)):
                problem(path, "bookmark names repeat")
            if set(ids) != ends:
                problem(path, "bookmark starts and ends do not pair")
            for h in root.iter(W + "hyperlink"):
                a = h.get(W + "anchor")
                if a is not None and a not in names_:
                    problem(path, "link to missing bookmark " + a)
            kinds = [e.get(W + "fldCharType") for e in root.iter(W + "fldChar")]
            depth = 0
            for k in kinds:
                depth += 1 if k == "begin" else -1 if k == "end" else 0
                if depth < 0:
                    break
            if depth != 0:
                problem(path, "field characters do not balance")
            styles = {s.get(W + "styleId") for s in ET.fromstring(z.read("word/styles.xml")).iter(W + "style")}
            for e in root.iter():
                if e.tag in (W + "pStyle", W + "rStyle", W + "tblStyle") and e.get(W + "val") not in styles:
                    problem(path, "style %s is not defined" % e.get(W + "val"))
    if len(docpr) != len(set(docpr)):
        problem(path, "wp:docPr ids repeat")
    core = ET.fromstring(z.read("docProps/core.xml"))
    ident = core.find(DC + "identifier")
    if ident is None or not (ident.text or "").strip():
        problem(path, "docProps/core.xml has no dc:identifier")
    if core.find(DC + "title") is None:
        problem(path, "docProps/core.xml has no dc:title")
    lang = core.find(DC + "language")
    if lang is None or lang.text != "zh-CN":
        problem(path, "docProps/core.xml language is not zh-CN")
    for t in ("created", "modified"):
        e = core.find(DCT + t)
        if e is None or not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", e.text or ""):
            problem(path, "docProps/core.xml dcterms:%s is not W3CDTF" % t)


def front_matter(md):
    text = open(md, encoding="utf-8").read()
    m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
    fm = {}
    if m:
        for line in m.group(1).splitlines():
            k = re.match(r"^(\w+):\s*(.*)$", line)
            if k:
                fm[k.group(1)] = k.group(2).strip().strip("\"'")
    return fm, text[m.end():] if m else text


def squeeze(s):
    return re.sub(r"[\s\u3000*_\\\"'\u201c\u201d\u2018\u2019]", "", s)


def source_headings(body):
    """(title, is_term) for each heading, attributes and numbers dropped."""
    out, in_terms, fence = [], False, False
    for line in body.splitlines():
        if line.startswith("```"):
            fence = not fence
        if fence:
            continue
        m = re.match(r"^(#{1,6})\s+(.*?)\s*$", line)
        if not m:
            continue
        level, t = len(m.group(1)), m.group(2)
        t = re.sub(r"\s*\{[^{}]*\}\s*$", "", t)
        t = re.sub(r"^([0-9]+(\.[0-9]+)*|[A-Z](\.[0-9]+)+)[\s\u3000]+", "", t)
        if level == 1:
            in_terms = squeeze(t) == "术语和定义"
        out.append((t, level > 1 and in_terms))
    return out


def sources_by_number(stddir):
    """number -> (file, body) of the standards under stddir; exits 77 without pandoc."""
    if not shutil.which("pandoc"):
        print("pandoc is not installed")
        sys.exit(77)
    import glob
    by_number = {}
    for md in glob.glob(stddir + "/**/*.md", recursive=True):
        fm, body = front_matter(md)
        if "number" in fm:
            by_number[fm["number"]] = (md, body)
    return by_number


def check_headings(stddir, docs):
    by_number = sources_by_number(stddir)
    for d in docs:
        core = ET.fromstring(zipfile.ZipFile(d).read("docProps/core.xml"))
        number = core.find(DC + "identifier").text
        if number not in by_number:
            problem(d, "no source with number " + number)
            continue
        md, body = by_number[number]
        out = subprocess.run(["pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", d],
                             capture_output=True, text=True)
        if out.returncode != 0:
            problem(d, "pandoc failed: " + out.stderr.strip()[:200])
            continue
        heads = [squeeze(re.sub(r"\{[^{}]*\}\s*$", "", l.lstrip("#")))
                 for l in out.stdout.splitlines() if re.match(r"^#{1,6} ", l)]
        text = squeeze(out.stdout)
        expected = source_headings(body)
        for title, is_term in expected:
            t = squeeze(title)
            if is_term:
                if t not in text:
                    problem(d, "term '%s' (%s) not in pandoc's text" % (title, md))
            elif not any(t in h for h in heads):
                problem(d, "heading '%s' (%s) not among pandoc's headings" % (title, md))
        if not any("前" in h and "言" in h for h in heads):
            problem(d, "no 前言 heading")


def check_styles(docs):
    try:
        import docx  # python-docx
    except ImportError:
        print("python-docx is not installed (Debian: python3-docx)")
        sys.exit(77)
    want = ["Normal", "Body Text", "Heading 1", "Heading 2", "toc 1", "toc 2", "Caption", "Header", "Footer",
            "GB Cover Title", "GB Cover Level", "GB Cover Number", "GB TOC Title", "GB Foreword Title",
            "GB Document Title", "GB Annex Title", "GB Term Number", "GB Term", "GB Note", "GB Example",
            "GB List 1", "GB List 2", "GB Table Title", "GB Table Text", "GB Table Heading", "GB Figure Title",
            "GB End Rule", "GB Label", "GB Cross Reference", "GB Form Field", "GB Table"]
    for d in docs:
        doc = docx.Document(d)
        names = {s.name for s in doc.styles}
        for w in want:
            if w not in names:
                problem(d, "python-docx sees no style '%s'" % w)
        used = {p.style.name for p in doc.paragraphs}
        for w in ("Heading 1", "Body Text", "GB Cover Title", "GB Foreword Title", "toc 1", "GB End Rule"):
            if w not in used:
                problem(d, "no paragraph in style '%s'" % w)
        if not doc.core_properties.identifier or not doc.core_properties.title:
            problem(d, "core properties lack the number or the title")
        # cover, front matter, body; then only the body's landscape pages (a wide table)
        # and the portrait ones after them, as python-docx reads the orientation
        from docx.enum.section import WD_ORIENT
        secs = doc.sections
        if len(secs) < 3:
            problem(d, "%d sections, expected cover, front matter and body" % len(secs))
        turned = [i for i, s in enumerate(secs) if s.orientation == WD_ORIENT.LANDSCAPE]
        for i in turned:
            if i < 2 or secs[i].page_width <= secs[i].page_height:
                problem(d, "section %d is landscape before the body or not turned" % (i + 1))
        blank = b'w:name="_SkBlank"' in zipfile.ZipFile(d).read("word/document.xml")  # the page before the body
        if len(secs) > 3 + blank and not turned:
            problem(d, "%d sections and no landscape one" % len(secs))


def main():
    run(__doc__, {
        "package": lambda a: [check_package(d) for d in a],
        "headings": lambda a: check_headings(a[0], a[1:]),
        "styles": check_styles,
    })


if __name__ == "__main__":
    main()
