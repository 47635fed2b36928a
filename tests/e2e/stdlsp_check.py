#!/usr/bin/env python3
"""Drives stdlsp through a whole session on the corpus (the shipped system, the
group standard and the formulas fixture) as an editor does, and asserts the exact
positions of every answer: initialize, didOpen, didChange (incremental), definition
from every reference form, references, hover, rename, completion, documentSymbol,
foldingRange, codeAction, shutdown and exit; then the protocol's error answers for
malformed input. Expected positions are computed here from the files' text, in
UTF-16 code units (and in code points for the session that negotiates utf-32).

    stdlsp_check.py STDLSP ROOT
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lspclient import Client, uri  # noqa: E402

STDLSP, ROOT = sys.argv[1], sys.argv[2]
os.chdir(ROOT)
failures = []


def check(cond, what, got=None):
    if not cond:
        failures.append(what + ("" if got is None else ": got " + json.dumps(got, ensure_ascii=False)[:600]))


def u16(s):
    return len(s.encode("utf-16-le")) // 2


class Text:
    """A file's lines, and positions in them as the client counts."""

    def __init__(self, path, enc="utf-16"):
        self.path = path
        self.uri = uri(path)
        self.text = open(path, encoding="utf-8").read()
        self.enc = enc
        self.split()

    def split(self):
        self.lines = self.text.split("\n")

    def width(self, s):
        return u16(s) if self.enc == "utf-16" else len(s)

    def line_of(self, prefix):
        for i, l in enumerate(self.lines):
            if l.startswith(prefix):
                return i
        raise AssertionError("%s has no line starting %r" % (self.path, prefix))

    def pos(self, line, sub, occurrence=0, into=0):
        """Position of the occurrence-th sub on line (an index or a line prefix), plus into characters."""
        if isinstance(line, str):
            line = self.line_of(line)
        l, at = self.lines[line], -1
        for _ in range(occurrence + 1):
            at = l.index(sub, at + 1)
        return {"line": line, "character": self.width(l[:at + into])}

    def range(self, line, sub, occurrence=0):
        p = self.pos(line, sub, occurrence)
        return {"start": p, "end": {"line": p["line"], "character": p["character"] + self.width(sub)}}

    def whole(self, line):
        """The range of a whole line (a definition's target)."""
        if isinstance(line, str):
            line = self.line_of(line)
        return {"start": {"line": line, "character": 0}, "end": {"line": line, "character": self.width(self.lines[line])}}

    def loc(self, rng):
        return {"uri": self.uri, "range": rng}


def start(enc_offer=None, caps_extra=None, args=()):
    c = Client([STDLSP, "--debounce", "0"] + list(args))
    caps = {"textDocument": {"publishDiagnostics": {"relatedInformation": True},
                             "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
                             "rename": {"prepareSupport": True},
                             "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}}}}
    if enc_offer:
        caps["general"] = {"positionEncodings": enc_offer}
    if caps_extra:
        caps.update(caps_extra)
    r = c.request("initialize", {"processId": os.getpid(), "rootUri": uri("."), "capabilities": caps})
    c.notify("initialized", {})
    return c, r


def td(t):
    return {"textDocument": {"uri": t.uri}}


def at(t, p, **extra):
    d = {"textDocument": {"uri": t.uri}, "position": p}
    d.update(extra)
    return d


def open_doc(c, t, version=1):
    c.notify("textDocument/didOpen", {"textDocument": {"uri": t.uri, "languageId": "markdown", "version": version,
                                                       "text": t.text}})
    return c.diagnostics(t.uri, version)


def change(c, t, version, rng, new):
    """An incremental change; t's text follows it (rng in t's encoding, one line)."""
    c.notify("textDocument/didChange", {"textDocument": {"uri": t.uri, "version": version},
                                        "contentChanges": [{"range": rng, "text": new}]})
    # apply to our copy: rng is within one line here
    li = rng["start"]["line"]
    l = t.lines[li]

    def idx(ch):
        n = 0
        for i, cch in enumerate(l):
            if n >= ch:
                return i
            n += t.width(cch)
        return len(l)
    t.lines[li] = l[:idx(rng["start"]["character"])] + new + l[idx(rng["end"]["character"]):]
    t.text = "\n".join(t.lines)
    t.split()
    return c.diagnostics(t.uri, version)


def result(r):
    check("error" not in r, "a request failed", r)
    return r.get("result")


# ---------------------------------------------------------------- session 1: UTF-16
c, init = start()
caps = result(init)["capabilities"]
check(caps.get("positionEncoding") == "utf-16", "without positionEncodings the server counts UTF-16", caps)
check(caps.get("textDocumentSync", {}).get("change") == 2, "incremental sync", caps)
for k in ("definitionProvider", "referencesProvider", "hoverProvider", "documentSymbolProvider", "foldingRangeProvider"):
    check(caps.get(k) is True, k, caps)
check(caps.get("renameProvider") == {"prepareProvider": True}, "rename with prepare", caps)
check("见" in caps.get("completionProvider", {}).get("triggerCharacters", []), "completion triggered by 见", caps)

ts04 = Text("standards/TS-04-wujiax-huodongri.md")
diags = open_doc(c, ts04)
check(diags == [], "the shipped TS-04 is clean in the editor as in stdcheck", diags)

# definition: plain-text clause reference 按6.1.2 → the heading of 6.1.2
r = result(c.request("textDocument/definition", at(ts04, ts04.pos("3) 政治学习", "6.1.2", into=2))))
check(r == ts04.loc(ts04.whole("### 6.1.2 政治学习")), "definition of 按6.1.2", r)
# 表1 → the caption line of 表1; 附录A → the annex heading
r = result(c.request("textDocument/definition", at(ts04, ts04.pos("社区党组织应于每年1月底前", "表1", into=1))))
check(r == ts04.loc(ts04.whole("表1：党员活动日月度主题参考")), "definition of 表1", r)
r = result(c.request("textDocument/definition", at(ts04, ts04.pos("每次党员活动日应按附录A", "附录A"))))
check(r == ts04.loc(ts04.whole("# 附录A（规范性）")), "definition of 附录A", r)
# a cited standard of the system → its own file, the line of its number
jb05 = Text("standards/JB-05-dangyuan-huodongri.md")
r = result(c.request("textDocument/definition", at(ts04, ts04.pos("- SJDJ/JB 05—2019", "JB"))))
check(r == jb05.loc(jb05.whole("number:")), "definition of SJDJ/JB 05—2019 into JB-05", r)
# nothing at a plain word
r = result(c.request("textDocument/definition", at(ts04, ts04.pos("# 1 范围", "范围"))))
check(r is None, "no definition on a heading word", r)

# references of clause 6.1.2 (from its heading), with the declaration
refs = result(c.request("textDocument/references", at(ts04, ts04.pos("### 6.1.2", "6.1.2"),
                                                           context={"includeDeclaration": True})))
want = [ts04.loc(ts04.whole("### 6.1.2 政治学习"))]
for i, l in enumerate(ts04.lines):
    k = -1
    while True:
        k = l.find("按6.1.2", k + 1)
        if k < 0:
            break
        want.append(ts04.loc({"start": {"line": i, "character": u16(l[:k + 1])},
                              "end": {"line": i, "character": u16(l[:k + 1]) + 5}}))
check(refs == want, "references of 6.1.2", refs)
check(len(want) >= 2, "the corpus cites 6.1.2")
# references of SJDJ/JB 05—2019: here and in the other standards of the system
refs = result(c.request("textDocument/references", at(ts04, ts04.pos("- SJDJ/JB 05—2019", "JB"),
                                                           context={"includeDeclaration": False})))
files = sorted({x["uri"] for x in refs})
check(ts04.uri in files and len(files) >= 2, "references of a standard span the system", files)
for x in refs:
    p = x["uri"][len("file://"):]
    from urllib.parse import unquote
    t = Text(unquote(p))
    l = t.lines[x["range"]["start"]["line"]]
    s, e = x["range"]["start"]["character"], x["range"]["end"]["character"]
    got = l.encode("utf-16-le")[2 * s:2 * e].decode("utf-16-le")
    check(got.startswith("SJDJ/JB 05"), "each reference range covers the number", [p, got])

# hover: a clause, a table, a standard
h = result(c.request("textDocument/hover", at(ts04, ts04.pos("3) 政治学习", "6.1.2"))))
check(h and h["contents"]["value"].startswith("**6.1.2　政治学习**\n\n"), "hover of 6.1.2 shows number, title, text", h)
check(h and h["range"] == ts04.range("3) 政治学习", "6.1.2"), "hover range is the reference", h)
h = result(c.request("textDocument/hover", at(ts04, ts04.pos("- SJDJ/JB 05—2019", "05"))))
check(h and h["contents"]["value"].startswith("**SJDJ/JB 05—2019**　严格落实“党员活动日”制度\n\n草案 (draft)"),
      "hover of a cited standard: number, title, status from the system", h)
h = result(c.request("textDocument/hover", at(ts04, ts04.pos("### 6.1.2", "政治"))))
check(h and h["contents"]["value"].endswith("\n\nreferred to 1 time"), "hover of a heading counts its references", h)

# incremental change: 按6.1.2 → 按6.1.9 gives ref-missing at exactly the number; then back
rng = ts04.range("3) 政治学习", "6.1.2")
diags = change(c, ts04, 2, rng, "6.1.9")
check(len(diags) == 1 and diags[0]["code"] == "ref-missing" and diags[0]["severity"] == 1 and
      diags[0]["range"] == rng and diags[0]["source"] == "stdcheck" and
      diags[0]["message"].startswith("reference to clause 6.1.9, but this standard has no clause 6.1.9\nhint: "),
      "a broken reference after a change: code, severity, exact range, message and hint", diags)
diags = change(c, ts04, 3, rng, "6.1.2")
check(diags == [], "the reference repaired", diags)

# completion after 见: numbers of clauses, tables, annexes
line = ts04.line_of("党员在活动中提出的意见建议")
end = {"line": line, "character": ts04.width(ts04.lines[line])}
change(c, ts04, 4, {"start": end, "end": end}, "（见")
comp = result(c.request("textDocument/completion", at(ts04, {"line": line, "character": end["character"] + 2})))
labels = [i["label"] for i in comp["items"]]
check("6.1.2" in labels and "表1" in labels and "附录A" in labels and "第6章" in labels, "completion after 见", labels[:20])
item = next(i for i in comp["items"] if i["label"] == "6.1.2")
cur = {"line": line, "character": end["character"] + 2}
check(item["textEdit"] == {"range": {"start": cur, "end": cur}, "newText": "6.1.2"} and item["detail"] == "6.1.2　政治学习",
      "a completion item inserts the number", item)
change(c, ts04, 5, {"start": {"line": line, "character": end["character"] + 2}, "end": cur}, "6.")
comp = result(c.request("textDocument/completion", at(ts04, {"line": line, "character": end["character"] + 4})))
item = next(i for i in comp["items"] if i["label"] == "6.1.2")
check(item["textEdit"]["range"]["start"]["character"] == end["character"] + 2, "completion replaces the typed 6.", item)
# completion after 表 and 附录
change(c, ts04, 6, {"start": end, "end": {"line": line, "character": end["character"] + 4}}, "")
# front matter: category values and keys
fm = ts04.line_of("category:")
comp = result(c.request("textDocument/completion", at(ts04, {"line": fm, "character": ts04.width("category: ")})))
check([i["label"] for i in comp["items"]] == ["JB", "TS"], "completion of categories", comp["items"])
comp = result(c.request("textDocument/completion", at(ts04, {"line": fm, "character": 0})))
labels = [i["label"] for i in comp["items"]]
check("part" in labels and "number" not in labels, "completion of the front-matter keys not given yet", labels)
# standard numbers of the system
line = ts04.line_of("党员在活动中提出的意见建议")
end = {"line": line, "character": ts04.width(ts04.lines[line])}
change(c, ts04, 7, {"start": end, "end": end}, "应符合SJDJ/TS 1")
comp = result(c.request("textDocument/completion", at(ts04, {"line": line, "character": end["character"] + 13})))
labels = [i["label"] for i in comp["items"]]
check(labels == ["SJDJ/TS 10—2019", "SJDJ/TS 11—2019", "SJDJ/TS 12—2019"], "completion of the system's numbers", labels)
change(c, ts04, 8, {"start": end, "end": {"line": line, "character": end["character"] + 13}}, "")

# document symbols: the outline with numbers
syms = result(c.request("textDocument/documentSymbol", td(ts04)))
names = [s["name"] for s in syms]
check(names[:4] == ["前言", "1　范围", "2　规范性引用文件", "3　术语和定义"] and names[-1] == "附录A（规范性）　党员活动日记录表",
      "top-level symbols", names)
ch6 = next(s for s in syms if s["name"] == "6　活动内容")
check([x["name"] for x in ch6["children"]] == ["6.1　规定内容（“5”）", "6.2　自选内容（“X”）", "6.3　月度主题"],
      "clauses under chapter 6", ch6.get("children"))
check(ch6["selectionRange"] == ts04.whole("# 6 活动内容"), "a symbol's selection range is its heading", ch6)
t63 = ch6["children"][2]
check([x["name"] for x in t63.get("children", [])] == ["表1　党员活动日月度主题参考"], "tables are symbols", t63)
check(ch6["range"]["start"]["line"] == ts04.line_of("# 6 活动内容") and
      ch6["range"]["end"]["line"] == ts04.line_of("# 7 活动程序") - 2, "a chapter's range ends before the next", ch6["range"])

# folding ranges: the front matter and each section
folds = result(c.request("textDocument/foldingRange", td(ts04)))
check(folds[0] == {"startLine": 0, "endLine": ts04.line_of("---", ) if False else 20, "kind": "region"},
      "the front matter folds", folds[:1])
check({"startLine": ts04.line_of("# 6 活动内容"), "endLine": ts04.line_of("# 7 活动程序") - 2} in folds,
      "chapter 6 folds", folds)

# code action: a heading renumbered by mistake → num-gap → renumber (stdcheck --fix) as edits
h = ts04.line_of("## 4.3 基本要求")
rng = ts04.range(h, "4.3")
diags = change(c, ts04, 9, rng, "4.4")
gap = [d for d in diags if d["code"] == "num-gap"]
check(len(gap) == 1 and gap[0]["range"] == rng, "num-gap at the written number", diags)
rel = gap[0].get("relatedInformation") if gap else None
check(rel == [{"location": ts04.loc(ts04.whole("## 4.2 参加对象")), "message": "the one before it: 4.2"}],
      "num-gap's related place is the clause before", rel)
acts = result(c.request("textDocument/codeAction", {"textDocument": {"uri": ts04.uri}, "range": rng,
                                                     "context": {"diagnostics": gap}}))
fix = [a for a in acts if a["title"].startswith("Renumber")]
check(len(fix) == 1 and fix[0]["kind"] == "quickfix" and fix[0]["diagnostics"] == gap and
      fix[0]["edit"] == {"changes": {ts04.uri: [{"range": rng, "newText": "4.3"}]}},
      "renumber action edits the number back", acts)
# rename on the written number to its assigned one: the same edit
pr = result(c.request("textDocument/prepareRename", at(ts04, rng["start"])))
check(pr == {"range": rng, "placeholder": "4.3"}, "prepareRename on a written number", pr)
r = result(c.request("textDocument/rename", at(ts04, rng["start"], newName="4.3")))
check(r == {"changes": {ts04.uri: [{"range": rng, "newText": "4.3"}]}}, "rename renumbers through --fix", r)
r = c.request("textDocument/rename", at(ts04, rng["start"], newName="4.7"))
check("error" in r and "4.3" in r["error"]["message"], "a number cannot be renamed to another", r)
change(c, ts04, 10, rng, "4.3")

# code action: a dated citation with a hyphen → stdref-dash → em dash
line = ts04.line_of("党员在活动中提出的意见建议")
end = {"line": line, "character": ts04.width(ts04.lines[line])}
diags = change(c, ts04, 11, {"start": end, "end": end}, "见SJDJ/TS 03-2019。")
dash = [d for d in diags if d["code"] == "stdref-dash"]
num_rng = {"start": {"line": line, "character": end["character"] + 1},
           "end": {"line": line, "character": end["character"] + 1 + len("SJDJ/TS 03-2019")}}
check(len(dash) == 1 and dash[0]["range"] == num_rng, "stdref-dash covers the number", diags)
acts = result(c.request("textDocument/codeAction", {"textDocument": {"uri": ts04.uri}, "range": num_rng,
                                                     "context": {"diagnostics": dash}}))
check(any(a["edit"] == {"changes": {ts04.uri: [{"range": num_rng, "newText": "SJDJ/TS 03—2019"}]}} for a in acts),
      "the em-dash action", acts)
change(c, ts04, 12, {"start": end, "end": {"line": line, "character": end["character"] + 17}}, "")

# code action: a normative citation not in chapter 2 → add it, in its place
line = ts04.line_of("党员在活动中提出的意见建议")
end = {"line": line, "character": ts04.width(ts04.lines[line])}
diags = change(c, ts04, 13, {"start": end, "end": end}, "答复的方式应符合SJDJ/JB 06—2019的规定。")
miss = [d for d in diags if d["code"] == "normref-missing"]
check(len(miss) == 1, "normref-missing", diags)
rel = miss[0].get("relatedInformation") if miss else None
check(rel == [{"location": ts04.loc(ts04.whole("# 2 规范性引用文件")),
               "message": "规范性引用文件 lists the documents cited normatively"}], "normref-missing's related place", rel)
acts = result(c.request("textDocument/codeAction", {"textDocument": {"uri": ts04.uri}, "range": miss[0]["range"],
                                                     "context": {"diagnostics": miss}}))
add = [a for a in acts if a["title"] == "Add SJDJ/JB 06—2019 to 规范性引用文件"]
at07 = {"line": ts04.line_of("- SJDJ/JB 07—2019"), "character": 0}
check(len(add) == 1 and add[0]["edit"] == {"changes": {ts04.uri: [{"range": {"start": at07, "end": at07},
                                                                    "newText": "- SJDJ/JB 06—2019　严格标准发展党员\n"}]}},
      "the entry goes between JB 05 and JB 07, with the title from the system", acts)
jb06_title = Text("standards/JB-06-fazhan-dangyuan.md").lines
check("title: 严格标准发展党员" in jb06_title, "(JB-06's title as the test expects)")
change(c, ts04, 14, {"start": end, "end": {"line": line, "character": end["character"] + u16("答复的方式应符合SJDJ/JB 06—2019的规定。")}}, "")

# code action: typed a) b) lines → a list
line = ts04.line_of("党员在活动中提出的意见建议")
end = {"line": line, "character": ts04.width(ts04.lines[line])}
change(c, ts04, 15, {"start": end, "end": end}, "\na) 当场答复；\nb) 限期答复。")
acts = result(c.request("textDocument/codeAction", {"textDocument": {"uri": ts04.uri},
                                                     "range": {"start": {"line": line + 1, "character": 0},
                                                               "end": {"line": line + 1, "character": 0}},
                                                     "context": {"diagnostics": []}}))
lst = [a for a in acts if a["title"] == "Make the a) b) lines a list"]
z = lambda ln, ch: {"line": ln, "character": ch}  # noqa: E731
check(len(lst) == 1 and lst[0]["edit"]["changes"][ts04.uri] ==
      [{"range": {"start": z(line + 1, 0), "end": z(line + 1, 3)}, "newText": "\n1) "},
       {"range": {"start": z(line + 2, 0), "end": z(line + 2, 3)}, "newText": "2) "}],
      "typed a) b) become 1) 2) after a blank line", acts)

c.notify("textDocument/didClose", td(ts04))
check(c.diagnostics(ts04.uri) == [], "closing clears the diagnostics")

# the group standard: 第6章, 图B.1, 公式（1）, a term, 表A.1
gs = Text("tests/fixtures/group-standard/T-ZSA-001.1-2024.md")
open_doc(c, gs)
for line, sub, target in [("本文件以老年人需求为导向", "第6章", "# 6 站点建设"),
                          ("站点的平面布置以接待厅为中心", "图B.1", "![站点平面布置示例]"),
                          ("站点每月的配餐量", "公式（1）", "$$ Q = N"),
                          ("本文件以老年人需求为导向", "附录A", "# 附录A")]:
    r = result(c.request("textDocument/definition", at(gs, gs.pos(line, sub, into=1))))
    check(r == gs.loc(gs.whole(target)), "definition of %s" % sub, r)
# a term used in running text → its entry
term_line = next(i for i, l in enumerate(gs.lines) if i > gs.line_of("# 5 总体要求") and "失能老年人" in l)
r = result(c.request("textDocument/definition", at(gs, gs.pos(term_line, "失能老年人", into=2))))
check(r == gs.loc(gs.whole("## 3.3 失能老年人")), "definition of a term", r)
h = result(c.request("textDocument/hover", at(gs, gs.pos(term_line, "失能老年人"))))
check(h and h["contents"]["value"].startswith("**3.3　失能老年人**"), "hover of a term", h)
refs = result(c.request("textDocument/references", at(gs, gs.pos("## 3.3", "失能"), context={"includeDeclaration": False})))
check(len(refs) >= 1 and all(gs.lines[x["range"]["start"]["line"]].find("失能老年人") >= 0 for x in refs) and
      refs[0]["range"] == gs.range(term_line, "失能老年人"), "references of a term: its uses", refs)

# formulas: [](#eq:mean) → definition; rename the anchor everywhere
fx = Text("tests/fixtures/formulas/formulas.md")
open_doc(c, fx)
r = result(c.request("textDocument/definition", at(fx, fx.pos("年平均开放率按", "eq:mean"))))
mean_line = next(i for i, l in enumerate(fx.lines) if "{#eq:mean}" in l)
check(r == fx.loc({"start": {"line": mean_line - 2, "character": 0},
                   "end": {"line": mean_line, "character": len(fx.lines[mean_line])}}),
      "definition of [](#eq:mean): the formula's lines", r)
pr = result(c.request("textDocument/prepareRename", at(fx, fx.pos("年平均开放率按", "eq:mean", into=1))))
check(pr == {"range": fx.range("年平均开放率按", "eq:mean"), "placeholder": "eq:mean"}, "prepareRename on an anchor", pr)
r = result(c.request("textDocument/rename", at(fx, fx.pos(mean_line, "eq:mean"), newName="eq:average")))
edits = r["changes"][fx.uri] if r else []
check(sorted(json.dumps(e, sort_keys=True) for e in edits) ==
      sorted(json.dumps(e, sort_keys=True) for e in [{"range": fx.range(mean_line, "eq:mean"), "newText": "eq:average"},
                                                     {"range": fx.range("年平均开放率按", "eq:mean"), "newText": "eq:average"}]),
      "rename an anchor: its {#id} and every [](#id)", edits)
r = c.request("textDocument/rename", at(fx, fx.pos(mean_line, "eq:mean"), newName="bad id"))
check(r.get("error", {}).get("code") == -32602, "an anchor with a space is refused", r)
comp = result(c.request("textDocument/completion", at(fx, fx.pos("年平均开放率按", "eq:mean"))))
check("eq:mean" in [i["label"] for i in comp["items"]], "completion of anchors after ](#", comp)

# ---------------------------------------------------------------- malformed input, lifecycle
c.send_raw(b"Content-Length: 9\r\n\r\n{\"broken\"")
m = c.read()
check(m.get("error", {}).get("code") == -32700 and m.get("id") is None, "malformed JSON is a ParseError", m)
c.send_raw(b"Content-Length: 2\r\n\r\n[]")
m = c.read()
check(m.get("error", {}).get("code") == -32600, "a message that is not an object is an InvalidRequest", m)
c.send_raw(b"X-Nothing: 1\r\n\r\n")
m = c.read()
check(m.get("error", {}).get("code") == -32700, "a header without Content-Length is answered", m)
r = c.request("textDocument/nothing", {})
check(r.get("error", {}).get("code") == -32601, "unknown method", r)
r = c.request("textDocument/definition", {"textDocument": {"uri": fx.uri}, "position": {"line": -1, "character": "x"}})
check(r.get("error", {}).get("code") == -32602, "invalid params", r)
r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}})
check(r.get("error", {}).get("code") == -32602, "a document that is not open", r)
r = c.request("textDocument/definition", at(fx, {"line": 100000, "character": 100000}))
check("result" in r and r["result"] is None, "a position past the end is clamped, not a crash", r)
r = c.request("initialize", {"capabilities": {}})
check(r.get("error", {}).get("code") == -32600, "initialize twice", r)
check(result(c.request("shutdown")) is None, "shutdown")
r = c.request("textDocument/hover", at(fx, {"line": 0, "character": 0}))
check(r.get("error", {}).get("code") == -32600, "requests after shutdown are InvalidRequest", r)
c.notify("exit")
check(c.close() == 0, "exit after shutdown: status 0")

# ---------------------------------------------------------------- session 2: utf-32, before initialize
c = Client([STDLSP, "--debounce", "0"])
r = c.request("textDocument/hover", {"textDocument": {"uri": ts04.uri}, "position": {"line": 0, "character": 0}})
check(r.get("error", {}).get("code") == -32002, "a request before initialize", r)
r = c.request("initialize", {"processId": None, "rootUri": None,
                             "capabilities": {"general": {"positionEncodings": ["utf-32", "utf-16"]}}})
check(result(r)["capabilities"]["positionEncoding"] == "utf-32", "utf-32 when offered", r)
t32 = Text("standards/TS-04-wujiax-huodongri.md", enc="utf-32")
t16 = Text("standards/TS-04-wujiax-huodongri.md")
open_doc(c, t32)
# an astral character before a reference: columns differ by one between encodings
line = t32.line_of("3) 政治学习")
change(c, t32, 2, {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "😀")
p = t32.pos(line, "6.1.2")
r = result(c.request("textDocument/hover", at(t32, p)))
check(r and r["range"] == t32.range(line, "6.1.2") and r["range"]["start"]["character"] == len("😀3) 政治学习，按"),
      "utf-32 columns count code points", [r, p])
c.notify("exit")
check(c.close() == 1, "exit without shutdown: status 1")
# the same in utf-16: one more column
c, _ = start()
open_doc(c, t16)
line = t16.line_of("3) 政治学习")
change(c, t16, 2, {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}, "😀")
r = result(c.request("textDocument/hover", at(t16, t16.pos(line, "6.1.2"))))
check(r and r["range"]["start"]["character"] == len("😀3) 政治学习，按") + 1, "utf-16 columns count the surrogate pair", r)
c.request("shutdown")
c.notify("exit")
c.close()

if failures:
    for f in failures:
        print("FAIL:", f)
    sys.exit(1)
print("ok")
