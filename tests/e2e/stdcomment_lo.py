#!/usr/bin/python3
"""A reviewer's comments on a DOCX, written by LibreOffice: LibreOffice opens the
DOCX (its own import, into its own ODT), comments are put on the selected words as
office:annotation … office:annotation-end, the way Writer keeps them, and
LibreOffice saves the result as DOCX (its own export: its bookmarks, its comment
ranges, its comments.xml). Nothing of the final DOCX is written by stdkit or by
this script.

usage: stdcomment_lo.py PROFILE_DIR IN.docx OUT.docx SPEC.json

SPEC is a list of comments:
  {"select": "撰写个人总结",   the words selected: the nth (default 0, 0-based) time they
   "nth": 1,                  stand whole in one piece of text, in document order
   "author": "上街区组织部", "text": "建议……"}

(Comments made through UNO, textfield.Annotation, bring the headless soffice 7.4
down when the document is stored; the ODT route is what Writer itself stores.)"""
import json
import os
import shutil
import subprocess
import sys
import zipfile

from lxml import etree

OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def soffice(profile, fmt, src, outdir):
    env = dict(os.environ)
    env.pop("VALGRIND", None)  # soffice reads it as a valgrind tool name
    r = subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", fmt,
                        "--outdir", outdir, src], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                       timeout=600)
    if r.returncode:
        sys.exit("soffice --convert-to %s failed: %s" % (fmt, r.stdout.decode(errors="replace")))


def pieces(root):
    """(element, 'text'|'tail', string) for every piece of text of the body, in order."""
    body = root.find("{%s}body" % OFFICE)
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("{%s}annotation" % OFFICE,):
            continue
        if el.text:
            yield el, "text", el.text
        if el.tail and el is not body:
            yield el, "tail", el.tail


def annotate(root, c, n):
    want, nth = c["select"], c.get("nth", 0)
    seen = 0
    for el, where, s in list(pieces(root)):
        at = s.find(want)
        while at >= 0 and seen < nth:
            seen += 1
            at = s.find(want, at + 1)
        if at < 0:
            continue
        name = "__Annotation__%d" % n
        a = etree.Element("{%s}annotation" % OFFICE, {"{%s}name" % OFFICE: name})
        etree.SubElement(a, "{%s}creator" % DC).text = c["author"]
        etree.SubElement(a, "{%s}date" % DC).text = "2019-03-12T10:00:00"
        etree.SubElement(a, "{%s}p" % TEXT).text = c["text"]
        end = etree.Element("{%s}annotation-end" % OFFICE, {"{%s}name" % OFFICE: name})
        before, sel, after = s[:at], s[at:at + len(want)], s[at + len(want):]
        if where == "text":  # inside el: before <a/> sel <end/> after, then el's children
            el.text = before
            el.insert(0, a)
            a.tail = sel
            el.insert(1, end)
            end.tail = after
        else:  # after el, in its parent
            parent = el.getparent()
            i = parent.index(el)
            el.tail = before
            parent.insert(i + 1, a)
            a.tail = sel
            parent.insert(i + 2, end)
            end.tail = after
        return
    sys.exit("not in the text (%d times): %s" % (nth + 1, want))


def main():
    profile, src, dst, spec = sys.argv[1:5]
    profile = os.path.abspath(profile)
    comments = json.load(open(spec, encoding="utf-8"))
    # file names in ASCII: soffice's own locale may not be UTF-8
    work = os.path.join(profile, "work")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    shutil.copyfile(src, os.path.join(work, "draft.docx"))
    soffice(profile, "odt", os.path.join(work, "draft.docx"), work)
    odt = os.path.join(work, "draft.odt")
    with zipfile.ZipFile(odt) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    out = os.path.join(work, "reviewed.odt")
    with zipfile.ZipFile(out, "w") as z:
        for info, data in parts:
            if info.filename == "content.xml":
                root = etree.fromstring(data)
                for n, c in enumerate(comments):
                    annotate(root, c, n)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            z.writestr(info, data)
    os.makedirs(os.path.join(work, "docx"))
    soffice(profile, "docx:MS Word 2007 XML", out, os.path.join(work, "docx"))
    shutil.copyfile(os.path.join(work, "docx", "reviewed.docx"), dst)


if __name__ == "__main__":
    main()
