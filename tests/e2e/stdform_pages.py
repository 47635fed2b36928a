#!/usr/bin/env python3
"""Checks the PDFs of stdform's forms (tests/e2e/stdform-pages.sh):
    stdform_pages.py FORM MD BLANK.pdf FILLED.pdf DATA.json
The blank form is one page, the filled one a page per record; the title is set
larger than the body; no 附录 line and no table number (表A.1) is printed; no
identifier of the data (a phone number, a date, a card number: a token without
spaces) is split across lines; the blank form prints no "—" but the ones the
form's own text holds (no writing cell pre-filled); ☑ appears exactly once per
chosen value; a 签到表's rows reach the foot of the page."""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET


def run(*a):
    return subprocess.run(a, capture_output=True, text=True, check=True).stdout


def pages(pdf):
    return int(re.search(r'^Pages:\s+(\d+)', run('pdfinfo', pdf), re.M).group(1))


def words(pdf):
    """(page, yMin, yMax, height, text) of every word, and the page height."""
    x = run('pdftotext', '-bbox', pdf, '-')
    x = re.sub(r'<!DOCTYPE[^>]*>', '', x)
    root = ET.fromstring(x)
    out, ph = [], 0
    for pi, page in enumerate(root.iter('{http://www.w3.org/1999/xhtml}page')):
        ph = float(page.get('height'))
        for w in page.iter('{http://www.w3.org/1999/xhtml}word'):
            y0, y1 = float(w.get('yMin')), float(w.get('yMax'))
            out.append((pi, y0, y1, y1 - y0, w.text or ''))
    return out, ph


def fail(form, msg):
    print('%s: %s' % (form, msg))
    sys.exit(1)


def values(rec, kinds, lists):
    """Every scalar value of a record, and the ☑ it should tick."""
    ticks, vals = 0, []
    def one(name, v, kind):
        nonlocal ticks
        if not isinstance(v, str) or not v:
            return
        m = re.match(r'^(\d{4})-(\d{1,2})-(\d{1,2})$', v)
        if kind == 'date' and m:
            v = '%d年%d月%d日' % tuple(int(g) for g in m.groups())
        vals.append(v)
        if kind.startswith('choice('):
            opts = kind[7:-1].split(',')
            ticks += sum(1 for p in re.split('[、,，;；]', v) if p.strip() in opts) if v not in opts else 1
        elif kind == 'check' and v.strip().lower() in ('√', '✓', '✔', '☑', '1', '是', 'yes', 'y', 'true', 'x'):
            ticks += 1
    for k, v in rec.items():
        if isinstance(v, list):
            for e in v:
                for kk, vv in e.items():
                    one(kk, vv, kinds.get(k + '[].' + kk, ''))
        else:
            one(k, v, kinds.get(k, ''))
    return vals, ticks


def main():
    form, md, blank, filled, data, fields = sys.argv[1:7]
    kinds = {}
    for line in open(fields, encoding='utf-8'):
        p = line.split()
        kinds[p[0]] = p[2] if len(p) > 2 and p[2] != 'repeat' else ''
    recs = json.load(open(data, encoding='utf-8'))['records']
    if pages(blank) != 1:
        fail(form, 'the blank form has %d pages, not 1' % pages(blank))
    if pages(filled) != len(recs):
        fail(form, '%d pages for %d records' % (pages(filled), len(recs)))
    for pdf in (blank, filled):
        text = run('pdftotext', pdf, '-')
        if '附录' in text or re.search(r'表[A-Z]\.\d', text):
            fail(form, '%s prints annex apparatus (附录 or 表A.1)' % pdf)
        ws, ph = words(pdf)
        heights = sorted(w[3] for w in ws if w[0] == 0)
        body = heights[len(heights) // 2]
        if max(heights) < 1.4 * body:
            fail(form, '%s: the title (%.1f) is not larger than the body (%.1f)' % (pdf, max(heights), body))
    # the dashes of a blank form are the form's own
    src = open(md, encoding='utf-8').read()
    start = src.index('form=%s' % form)
    nxt = re.search(r'^# ', src[start:], re.M)
    annex = src[start:start + nxt.start()] if nxt else src[start:]
    own = re.sub(r'\{\{[^}]*\}\}', '', annex).count('—')
    got = run('pdftotext', blank, '-').count('—')
    if got != own:
        fail(form, 'the blank form prints %d "—", its text holds %d (a writing cell pre-filled?)' % (got, own))
    # identifiers whole, ☑ exactly for the chosen values, page by page
    for i, rec in enumerate(recs):
        page = run('pdftotext', '-layout', '-f', str(i + 1), '-l', str(i + 1), filled, '-')
        flat = re.sub(r'\s+', ' ', page)
        vals, ticks = values(rec, kinds, None)
        for v in vals:
            if re.match(r'^\d{4}年\d{1,2}月\d{1,2}日$', v):
                if v not in page.replace(' ', ''):
                    fail(form, 'record %d: the date %s is split across lines or missing' % (i + 1, v))
                continue
            for tok in re.findall(r'[0-9A-Za-z][0-9A-Za-z:./\-]{6,}', v):
                if tok.startswith('http'):
                    continue
                if tok not in page:
                    fail(form, 'record %d: "%s" is split across lines or missing' % (i + 1, tok))
        if page.count('☑') != ticks:
            fail(form, 'record %d: %d ☑ for %d chosen values' % (i + 1, page.count('☑'), ticks))
        if flat.count('☑') + flat.count('□') and '□' not in flat and ticks == 0:
            fail(form, 'record %d: no tick boxes' % (i + 1))
    if form == 'sign-in':
        ws, ph = words(blank)
        low = max(w[2] for w in ws)
        if low < 0.85 * ph:
            fail(form, 'the 签到表 stops at %.0f%% of the page' % (100 * low / ph))
        import zipfile
        doc = zipfile.ZipFile(blank[:-4].replace('/pdf/', '/docx/') + '.docx').read('word/document.xml').decode()
        rows = doc.split('<w:tbl>')[-1].count('<w:tr>')
        if not 20 <= rows - 1 <= 30:
            fail(form, 'the 签到表 has %d rows to sign on, not 20 to 30' % (rows - 1))


main()
