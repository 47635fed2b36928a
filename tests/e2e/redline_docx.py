# A redline DOCX as python-docx reads it, independently of LibreOffice:
#   python3 redline_docx.py REDLINE.docx PLAIN.docx AUTHOR DATE
# The tracked changes are WordprocessingML's own (w:ins/w:del with w:id unique,
# w:author AUTHOR and w:date DATE; deleted text in w:delText, never in w:t), and
# accepting all of them as Word does (w:ins unwrapped, w:del removed, a deleted
# paragraph mark joining its paragraph to the next, a row with w:trPr/w:del
# removed) leaves the text of PLAIN (the new edition as stdgen prints it),
# paragraph by paragraph. Prints what it counted; exit 1 on a difference.
import difflib
import sys

import docx
from docx.oxml.ns import qn


def W(tag):
    return qn("w:" + tag)


def texts(body):
    out = []
    for p in body.iter(W("p")):
        t = "".join((x.text or "") if x.tag == W("t") else "\t" for x in p.iter(W("t"), W("tab")))
        if t.strip():
            out.append(t)
    return out


red, plain, author, date = sys.argv[1:5]
body = docx.Document(red).element.body
marks = list(body.iter(W("ins"))) + list(body.iter(W("del")))
ids = [m.get(W("id")) for m in marks]
bad = [m for m in marks if m.get(W("author")) != author or m.get(W("date")) != date]
if not marks or len(set(ids)) != len(ids) or bad:
    sys.exit("%s: %d tracked changes, %d ids, %d without author %s and date %s" % (red, len(marks), len(set(ids)),
                                                                                   len(bad), author, date))
if any(d.find(".//" + W("t")) is not None for d in body.iter(W("del"))):
    sys.exit("%s: deleted text in w:t (Word shows it as kept)" % red)
if list(body.iter(W("delText"))) and not list(body.iter(W("del"))):
    sys.exit("%s: w:delText outside w:del" % red)
nins, ndel = len(list(body.iter(W("ins")))), len(list(body.iter(W("del"))))
for pr in list(body.iter(W("trPr"))):
    if pr.find(W("del")) is not None:
        tr = pr.getparent()
        tr.getparent().remove(tr)
for e in list(body.iter(W("del"))):
    parent = e.getparent()
    if parent.tag == W("rPr") and parent.getparent().tag == W("pPr"):
        continue
    parent.remove(e)
for e in list(body.iter(W("ins"))):
    parent = e.getparent()
    if parent.tag in (W("rPr"), W("trPr")):
        parent.remove(e)
        continue
    at = list(parent).index(e)
    for k in list(e):
        parent.insert(at, k)
        at += 1
    parent.remove(e)
for p in list(body.iter(W("p"))):
    ppr = p.find(W("pPr"))
    rpr = ppr.find(W("rPr")) if ppr is not None else None
    if rpr is None or rpr.find(W("del")) is None:
        continue
    nxt = p.getnext()
    if nxt is not None and nxt.tag == W("p"):
        at = 1 if nxt.find(W("pPr")) is not None else 0
        for k in [k for k in p if k.tag != W("pPr")]:
            nxt.insert(at, k)
            at += 1
    p.getparent().remove(p)
got, want = texts(body), texts(docx.Document(plain).element.body)
if got != want:
    sys.exit("%s: accepting all is not the new edition:\n%s" % (red, "\n".join(
        list(difflib.unified_diff(want, got, "new edition", "accepted", lineterm="", n=1))[:30])))
print("%s: %d w:ins, %d w:del; accepted, the %d paragraphs of the new edition" % (red, nins, ndel, len(got)))
