# topdf.py - stdkit's UNO pass (lib/office.c runs it; embedded at build time).
#   python3 topdf.py SOFFICE PROFILE_URL OUTDIR REFRESH FILE...
# Starts ONE soffice listening on a private pipe, then for each FILE: opens it
# hidden, updates every document index when REFRESH is 1 (the pre-filled 目次
# gets the real entries and page numbers), stores OUTDIR/BASENAME.pdf with
# writer_pdf_Export and closes it. One line per file on stdout:
#   ok<TAB>FILE    or    fail<TAB>FILE<TAB>message
# Exit 0 when every file converted, 1 when some did not, 3 when this Python has
# no UNO bridge (the caller then tries another way), 2 on other errors.
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


def main():
    if len(sys.argv) < 5:
        sys.stderr.write("usage: topdf.py SOFFICE PROFILE_URL OUTDIR REFRESH FILE...\n")
        return 2
    soffice, profile, outdir, refresh = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
    threading.Thread(target=watch_parent, daemon=True).start()
    files = sys.argv[5:]
    pipe = "stdkit%d" % os.getpid()
    proc = subprocess.Popen([soffice, "-env:UserInstallation=" + profile, "--headless", "--invisible",
                             "--nologo", "--norestore", "--nodefault", "--nolockcheck",
                             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = connect(pipe, proc)
    except Exception as e:
        sys.stderr.write("%s\n" % e)
        return 2
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    export = (prop("FilterName", "writer_pdf_Export"),)
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
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge goes down with soffice
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
