#!/usr/bin/python3
"""Adds review comments to a DOCX the way Word writes them, as a reviewer would.

usage: stdcomment_word.py IN.docx OUT.docx SPEC.json

SPEC is a list of comments:
  {"in": "5.2　个人自评",      the paragraph whose text contains this
   "select": "撰写个人总结",    the words selected (default: the whole paragraph)
   "author": "上街区民政局", "date": "2019-03-10T09:30:00Z",
   "text": "建议……", "text2": "second paragraph" (optional),
   "before_bookmark": true,     commentRangeStart before the paragraph's bookmarkStart
   "skip_toc": true,            not a paragraph of the 目次
   "reply_to": 0}               a reply (w15 commentsExtended) to comment 0 of SPEC
Word's habits kept: the run is split at the selection's edges (w:rsidR on the
pieces), commentRangeStart/End around the selection, the reference in a run of its
own with the CommentReference style, w14:paraId on the comment's paragraphs, a
_GoBack bookmark at the last edit. Parts: word/comments.xml, word/commentsExtended.xml
(when there are replies), their relationships and content types."""
import copy
import json
import sys
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
NS = {"w": W}


def q(tag, ns=W):
    return "{%s}%s" % (ns, tag)


def para_text(p):
    return "".join(t.text or "" for t in p.iter(q("t")))


def is_toc(p):
    st = p.find("{%s}pPr/{%s}pStyle" % (W, W))
    v = st.get(q("val")) if st is not None else ""
    return v.startswith("TOC") or v == "GBTOCTitle"


def split_run(r, start, end):
    """Splits run r (one w:t) into before / selected / after; returns the selected run."""
    t = r.find(q("t"))
    s = t.text or ""
    pieces = [s[:start], s[start:end], s[end:]]
    parent = r.getparent()
    at = parent.index(r)
    parent.remove(r)
    made = []
    for k, piece in enumerate(pieces):
        if not piece:
            made.append(None)
            continue
        n = copy.deepcopy(r)
        n.set(q("rsidR"), "00A1B2C3")
        nt = n.find(q("t"))
        nt.text = piece
        nt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        parent.insert(at, n)
        at += 1
        made.append(n)
    return made[1]


def main():
    src, dst, spec_path = sys.argv[1:4]
    spec = json.load(open(spec_path, encoding="utf-8"))
    zin = zipfile.ZipFile(src)
    doc = etree.fromstring(zin.read("word/document.xml"))
    paras = list(doc.iter(q("p")))
    comments = etree.Element(q("comments"), nsmap={"w": W, "w14": W14})
    ext = etree.Element(q("commentsEx", W15), nsmap={"w15": W15})
    anchors = {}
    for i, c in enumerate(spec):
        hits = [p for p in paras if c["in"] in para_text(p) and not (c.get("skip_toc") and is_toc(p))]
        if not hits:
            sys.exit("no paragraph holds %r" % c["in"])
        p = hits[0]
        sel = c.get("select")
        if "reply_to" in c:
            first, last = anchors[c["reply_to"]]
        elif sel:
            for r in p.iter(q("r")):
                t = r.find(q("t"))
                if t is not None and t.text and sel in t.text:
                    k = t.text.index(sel)
                    first = last = split_run(r, k, k + len(sel))
                    break
            else:
                sys.exit("no run of %r holds %r" % (c["in"], sel))
        else:
            runs = [r for r in p if r.tag == q("r") or r.tag == q("hyperlink")]
            first, last = runs[0], runs[-1]
            if c.get("before_bookmark"):
                bm = p.find(q("bookmarkStart"))
                if bm is not None and p.index(bm) < p.index(first):
                    first = bm
        anchors[i] = (first, last)
        start = etree.Element(q("commentRangeStart"))
        start.set(q("id"), str(i))
        first.addprevious(start)
        end = etree.Element(q("commentRangeEnd"))
        end.set(q("id"), str(i))
        last.addnext(end)
        ref = etree.Element(q("r"))
        rpr = etree.SubElement(ref, q("rPr"))
        etree.SubElement(rpr, q("rStyle")).set(q("val"), "CommentReference")
        etree.SubElement(ref, q("commentReference")).set(q("id"), str(i))
        end.addnext(ref)
        # the comment itself
        cm = etree.SubElement(comments, q("comment"))
        cm.set(q("id"), str(i))
        cm.set(q("author"), c["author"])
        cm.set(q("date"), c.get("date", "2019-03-10T09:30:00Z"))
        cm.set(q("initials"), c["author"][:1])
        texts = [c["text"]] + ([c["text2"]] if c.get("text2") else [])
        for k, text in enumerate(texts):
            cp = etree.SubElement(cm, q("p"))
            cp.set(q("paraId", W14), "%08X" % (0x10000 * (i + 1) + k))
            ppr = etree.SubElement(cp, q("pPr"))
            etree.SubElement(ppr, q("pStyle")).set(q("val"), "CommentText")
            if k == 0:
                ar = etree.SubElement(cp, q("r"))
                arp = etree.SubElement(ar, q("rPr"))
                etree.SubElement(arp, q("rStyle")).set(q("val"), "CommentReference")
                etree.SubElement(ar, q("annotationRef"))
            tr = etree.SubElement(cp, q("r"))
            etree.SubElement(tr, q("t")).text = text
        last_para = "%08X" % (0x10000 * (i + 1) + len(texts) - 1)
        ce = etree.SubElement(ext, q("commentEx", W15))
        ce.set(q("paraId", W15), last_para)
        ce.set(q("done", W15), "0")
        if "reply_to" in c:
            parent = spec[c["reply_to"]]
            n = 1 + (1 if parent.get("text2") else 0)
            ce.set(q("paraIdParent", W15), "%08X" % (0x10000 * (c["reply_to"] + 1) + n - 1))
    # Word's _GoBack bookmark where the reviewer last typed (in the last commented paragraph)
    body = doc.find(q("body"))
    gb = etree.Element(q("bookmarkStart"))
    gb.set(q("id"), "9999")
    gb.set(q("name"), "_GoBack")
    gbe = etree.Element(q("bookmarkEnd"))
    gbe.set(q("id"), "9999")
    last_first, _ = anchors[len(spec) - 1]
    last_first.addprevious(gb)
    gb.addnext(gbe)
    del body
    has_replies = any("reply_to" in c for c in spec)
    zout = zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "word/document.xml":
            data = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        elif item.filename == "[Content_Types].xml":
            ct = etree.fromstring(data)
            for part, typ in [("/word/comments.xml", "comments"), ("/word/commentsExtended.xml", "commentsExtended")]:
                if typ == "commentsExtended" and not has_replies:
                    continue
                o = etree.SubElement(ct, "{%s}Override" % CT)
                o.set("PartName", part)
                o.set("ContentType", "application/vnd.openxmlformats-officedocument.wordprocessingml.%s+xml" % typ)
            data = etree.tostring(ct, xml_declaration=True, encoding="UTF-8", standalone=True)
        elif item.filename == "word/_rels/document.xml.rels":
            rels = etree.fromstring(data)
            r1 = etree.SubElement(rels, "{%s}Relationship" % R)
            r1.set("Id", "rIdC1")
            r1.set("Type", RT + "comments")
            r1.set("Target", "comments.xml")
            if has_replies:
                r2 = etree.SubElement(rels, "{%s}Relationship" % R)
                r2.set("Id", "rIdC2")
                r2.set("Type", "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")
                r2.set("Target", "commentsExtended.xml")
            data = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        zout.writestr(item, data)
    zout.writestr("word/comments.xml", etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True))
    if has_replies:
        zout.writestr("word/commentsExtended.xml",
                      etree.tostring(ext, xml_declaration=True, encoding="UTF-8", standalone=True))
    zout.close()


if __name__ == "__main__":
    main()
