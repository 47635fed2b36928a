# topdf.py - stdkit's UNO pass (lib/write/office.c runs it; embedded at build time).
#   python3 topdf.py SOFFICE PROFILE_URL OUTDIR REFRESH FILE...
# Starts ONE soffice listening on a private pipe, then for each FILE: opens it
# hidden, updates every document index when REFRESH is 1 (the pre-filled 目次
# gets the real entries and page numbers), stores OUTDIR/BASENAME.pdf with
# writer_pdf_Export and closes it. One line per file on stdout:
#   ok<TAB>FILE    or    fail<TAB>FILE<TAB>message
# Exit 0 when every file converted, 1 when some did not, 3 when this Python has
# no UNO bridge (the caller then tries another way), 2 on other errors.
# SK_PDF_SKIP_BLANK=1 in the environment drops the blank pages LibreOffice
# inserts (a part starting on a right-hand page); by default they are kept, so
# the PDF prints duplex as the document does.
#
#   python3 topdf.py SOFFICE PROFILE_URL --serve
# Serves requests, one line each on stdin (fields separated by TABs), one answer
# line each on stdout ("ok" or "fail<TAB>message"), until end-of-file:
#   measure<TAB>FILE<TAB>OUT   opens FILE (closing the one open before) and writes
#                              its layout to OUT: "pages N", "anchor NAME PAGE" for
#                              each bookmark, "ends NAME PAGE" when what follows
#                              the bookmark's paragraph starts on a later PAGE (the
#                              paragraph ends its page), "alone _SkEnd PAGE" when
#                              the end rule starts its PAGE, "row TABLE ROW PAGE" for the rows of
#                              the tables of the main text (in document order),
#                              "blank PAGE" for each page LibreOffice left empty;
#                              pages are physical (1 = the first sheet side)
#   pdf<TAB>OUT<TAB>SKIP       stores the open document as the PDF OUT (SKIP 1:
#                              blank pages dropped)
import os
import signal
import subprocess
import sys
import threading
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    sys.exit(3)


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def watch_parent():
    # stdin is a pipe the caller never writes to: end-of-file means it is gone
    # (finished or killed); take soffice and this script down with it
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    os.killpg(0, signal.SIGKILL)


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
    while True:
        try:
            return resolver.resolve(url)
        except Exception:
            if proc.poll() is not None:
                raise RuntimeError("soffice exited (status %d) before accepting a connection" % proc.returncode)
            time.sleep(0.05)


def export_props(skip):
    data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("IsSkipEmptyPages", bool(skip)),))
    return (prop("FilterName", "writer_pdf_Export"), prop("FilterData", data))


def doc_order(text, ranges):
    """ranges sorted in document order (compareRegionStarts: 1 when a is before b)."""
    import functools

    def cmp(a, b):
        try:
            return -text.compareRegionStarts(a[1], b[1])
        except Exception:
            return 0
    return sorted(ranges, key=functools.cmp_to_key(cmp))


def measure(doc, out):
    ctl = doc.getCurrentController()
    vc = ctl.getViewCursor()
    body = doc.getText()
    lines = ["pages %d" % ctl.PageCount]
    marks = doc.getBookmarks()
    for name in marks.getElementNames():
        if not (name.startswith("_Toc") or name.startswith("_Sk")):
            continue
        try:
            anchor = marks.getByName(name).getAnchor()
            vc.gotoRange(anchor, False)
            at = vc.getPage()
            lines.append("anchor %s %d" % (name, at))
        except Exception:
            continue
        try:
            # where what follows the bookmark's paragraph starts (a paragraph, or a
            # table's first cell): a later page means the paragraph ends its page
            tc = anchor.getText().createTextCursorByRange(anchor.getStart())
            tc.gotoEndOfParagraph(False)
            vc.gotoRange(tc, False)
            if vc.goRight(1, False):
                nxt = vc.getPage()
                if nxt > at:
                    lines.append("ends %s %d" % (name, nxt))
            if name == "_SkEnd":
                # the end rule: where what comes before its paragraph ends
                tc.gotoStartOfParagraph(False)
                vc.gotoRange(tc, False)
                if vc.goLeft(1, False) and vc.getPage() < at:
                    lines.append("alone %s %d" % (name, at))
        except Exception:
            pass
    tables = doc.getTextTables()
    main = []
    for i in range(tables.getCount()):
        t = tables.getByIndex(i)
        try:
            start = t.getAnchor().getStart()
            body.compareRegionStarts(start, body.getStart())  # raises outside the main text
        except Exception:
            continue
        main.append((t, start))
    for k, (t, _) in enumerate(doc_order(body, main)):
        first = {}
        for name in t.getCellNames():
            col = name.rstrip("0123456789")
            if not col.isalpha() or col == name:
                continue  # a split cell ("A1.1.1"): the plain cells tell the row
            row = int(name[len(col):]) - 1
            if row in first:
                continue
            try:
                vc.gotoRange(t.getCellByName(name).getStart(), False)
                first[row] = vc.getPage()
            except Exception:
                pass
        for row in sorted(first):
            lines.append("row %d %d %d" % (k, row, first[row]))
    # pages with no text at all: the blank pages inserted before a part that must
    # start on a right-hand page (they print no header and no page number)
    try:
        for p in range(1, ctl.PageCount + 1):
            vc.jumpToPage(p)
            if vc.getPage() != p:
                lines.append("blank %d" % p)
    except Exception:
        pass
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def serve(desktop):
    doc = None
    for raw in sys.stdin:
        f = raw.rstrip("\n").split("\t")
        try:
            if f[0] == "measure" and len(f) == 3:
                if doc is not None:
                    doc.close(True)
                    doc = None
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(f[1])), "_blank", 0,
                                                   (prop("Hidden", True),))
                if doc is None:
                    raise RuntimeError("LibreOffice could not open it")
                measure(doc, f[2])
            elif f[0] == "pdf" and len(f) == 3 and doc is not None:
                doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(f[1])), export_props(f[2] == "1"))
            else:
                raise RuntimeError("bad request: %s" % raw.strip())
            sys.stdout.write("ok\n")
        except Exception as e:
            msg = str(e).replace("\n", " ").replace("\t", " ") or type(e).__name__
            sys.stdout.write("fail\t%s\n" % msg)
        sys.stdout.flush()
    if doc is not None:
        try:
            doc.close(True)
        except Exception:
            pass


def start(soffice, profile):
    pipe = "stdkit%d" % os.getpid()
    proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
                             "--nologo", "--norestore", "--nodefault", "--nolockcheck",
                             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ctx = connect(pipe, proc)
    return proc, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def stop(proc, desktop):
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge goes down with soffice
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()


def main():
    if len(sys.argv) == 4 and sys.argv[3] == "--serve":
        try:
            proc, desktop = start(sys.argv[1], sys.argv[2])
        except Exception as e:
            sys.stderr.write("%s\n" % e)
            return 2
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        serve(desktop)
        stop(proc, desktop)
        return 0
    if len(sys.argv) < 5:
        sys.stderr.write("usage: topdf.py SOFFICE PROFILE_URL OUTDIR REFRESH FILE...\n")
        return 2
    soffice, profile, outdir, refresh = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
    threading.Thread(target=watch_parent, daemon=True).start()
    files = sys.argv[5:]
    try:
        proc, desktop = start(soffice, profile)
    except Exception as e:
        sys.stderr.write("%s\n" % e)
        return 2
    export = export_props(os.environ.get("SK_PDF_SKIP_BLANK") == "1")
    failed = 0
    for f in files:
        doc = None
        try:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(f)), "_blank", 0,
                                               (prop("Hidden", True), prop("ReadOnly", True)))
            if doc is None:
                raise RuntimeError("LibreOffice could not open it")
            if refresh and hasattr(doc, "getDocumentIndexes"):
                indexes = doc.getDocumentIndexes()
                for i in range(indexes.getCount()):
                    indexes.getByIndex(i).update()
            base = os.path.splitext(os.path.basename(f))[0] + ".pdf"
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(os.path.join(outdir, base))), export)
            sys.stdout.write("ok\t%s\n" % f)
        except Exception as e:
            failed += 1
            msg = str(e).replace("\n", " ").replace("\t", " ") or type(e).__name__
            sys.stdout.write("fail\t%s\t%s\n" % (f, msg))
        finally:
            if doc is not None:
                try:
                    doc.close(True)
                except Exception:
                    pass
        sys.stdout.flush()
    stop(proc, desktop)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
