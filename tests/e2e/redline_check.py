# redline_check.py — what LibreOffice makes of documents, through UNO, in one run:
#   python3 redline_check.py PROFILE_URL FILE...
# For each FILE: opens it hidden, prints one JSON line {"file", "redlines" (how
# many tracked changes LibreOffice lists), "types" ({"Insert": n, "Delete": n}),
# "authors" (the set)}; then accepts every tracked change (.uno:AcceptAllTrackedChanges)
# and stores the text as FILE.accepted.txt (Text (encoded), UTF-8, LF), and with
# the document as opened (before accepting) as FILE.txt; a FILE whose name holds
# 修改单 is also exported as FILE.pdf. Exit 0, 2 on an error.
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    profile, files = sys.argv[1], sys.argv[2:]
    pipe = "stdkit-redline%d" % os.getpid()
    proc = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless", "--invisible", "--nologo",
                             "--norestore", "--nodefault", "--nolockcheck",
                             "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        deadline = time.time() + 120
        while True:
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                if proc.poll() is not None or time.time() > deadline:
                    sys.stderr.write("soffice did not start\n")
                    return 2
                time.sleep(0.1)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatch = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        text = (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF,,,"))
        for f in files:
            path = os.path.abspath(f)
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (prop("Hidden", True),))
            if doc is None:
                sys.stderr.write("%s: LibreOffice cannot open it\n" % f)
                return 2
            rl = doc.Redlines
            types, authors = {}, set()
            for i in range(rl.Count):
                r = rl.getByIndex(i)
                types[r.RedlineType] = types.get(r.RedlineType, 0) + 1
                authors.add(r.RedlineAuthor)
            print(json.dumps({"file": f, "redlines": rl.Count, "types": types, "authors": sorted(authors)},
                             ensure_ascii=False))
            doc.storeToURL(uno.systemPathToFileUrl(path + ".txt"), text)
            if "修改单" in os.path.basename(path):
                doc.storeToURL(uno.systemPathToFileUrl(path + ".pdf"), (prop("FilterName", "writer_pdf_Export"),))
            dispatch.executeDispatch(doc.CurrentController.Frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
            doc.storeToURL(uno.systemPathToFileUrl(path + ".accepted.txt"), text)
            doc.close(True)
        return 0
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    sys.exit(main())
