#!/usr/bin/env python3
"""Checks stdform's DOCX output (tests/e2e/stdform-*.sh):
    stdform_check.py [--text TEXT]... RECORDS DOCX...
each package opens (zipfile reads every part, CRCs included, without ZIP64), its
[Content_Types].xml and relationships name the parts that are there, document.xml
holds RECORDS copies of the form (each opened by a paragraph stating its page break, no annex title), a page break before every
copy but the first and none after the last, no header or footer, and every TEXT
in that order."""
import argparse
import sys
import zipfile
import xml.etree.ElementTree as ET

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'


def check(path, records, texts):
    def fail(msg):
        print('%s: %s' % (path, msg))
        sys.exit(1)
    with zipfile.ZipFile(path) as z:
        bad = z.testzip()
        if bad:
            fail('bad CRC in ' + bad)
        names = z.namelist()
        for i in z.infolist():
            if i.extract_version > 20:
                fail('%s needs version %d to extract (ZIP64?)' % (i.filename, i.extract_version))
        ct = ET.fromstring(z.read('[Content_Types].xml'))
        for o in ct:
            if o.get('PartName') and o.get('PartName')[1:] not in names:
                fail('[Content_Types].xml names a missing part ' + o.get('PartName'))
        rels = ET.fromstring(z.read('word/_rels/document.xml.rels'))
        for r in rels:
            if r.get('TargetMode') != 'External' and 'word/' + r.get('Target') not in names:
                fail('document.xml.rels names a missing part ' + r.get('Target'))
        doc = ET.fromstring(z.read('word/document.xml'))
    body = doc.find(W + 'body')
    paras = list(body.iter(W + 'p'))
    # each copy opens with the one paragraph that says whether it starts a page
    titles = [p for p in paras if p.find(W + 'pPr/' + W + 'pageBreakBefore') is not None]
    if len(titles) != records:
        fail('%d copies of the form, expected %d' % (len(titles), records))
    if any(p.find(W + 'pPr/' + W + 'pStyle').get(W + 'val') == 'GBAnnexTitle' for p in paras
           if p.find(W + 'pPr/' + W + 'pStyle') is not None):
        fail('a form prints no annex title')
    breaks = [b for b in doc.iter(W + 'pageBreakBefore') if b.get(W + 'val') not in ('0', 'false')]
    breaks += [b for b in doc.iter(W + 'br') if b.get(W + 'type') == 'page']
    if len(breaks) != records - 1:
        fail('%d page breaks for %d copies' % (len(breaks), records))
    first = titles[0].find(W + 'pPr/' + W + 'pageBreakBefore')
    if body[0] is not titles[0] or first is None or first.get(W + 'val') != '0':
        fail('the first copy does not open the document without a page break')
    if any(doc.iter(W + 'headerReference')) or any(doc.iter(W + 'footerReference')):
        fail('a form document has no header or footer')
    text = ''.join(t.text or '' for t in doc.iter(W + 't'))
    at = 0
    for t in texts:
        k = text.find(t, at)
        if k < 0:
            fail('text %r not found (in order)' % t)
        at = k + len(t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--text', action='append', default=[])
    ap.add_argument('records', type=int)
    ap.add_argument('docx', nargs='+')
    a = ap.parse_args()
    for path in a.docx:
        check(path, a.records, a.text)


main()
