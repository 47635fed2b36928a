# Makes a second edition of a real standard the way a drafting group revises one:
# JR/T 0326—2024 as stdimport wrote it from a MinerU conversion of the published PDF
# (tests/data/import/jrt0326.expect.md, provenance in its comment), edited into
# "JR/T 0326—2027": a drafter added to the 前言, a normative reference added, the
# term 3.6 moved after 3.2 (3.3-3.5 renumber), a term 3.7 added, a requirement of
# 4.1 reworded, a value and a modal verb of 4.2 changed and the last row of 表2
# deleted. The excerpt does not ship its figure: a PNG of the tests stands in.
#   python3 edition_jrt.py ROOT DIR    writes DIR/old.md, DIR/new.md, DIR/images/fig1.png
import os
import shutil
import sys

root, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "images"), exist_ok=True)
shutil.copy(os.path.join(root, "tests/cases/written/layout.png"), os.path.join(out, "images/fig1.png"))
s = open(os.path.join(root, "tests/data/import/jrt0326.expect.md"), encoding="utf-8").read()
s = s.replace("images/303fb9f808f9c1258b14341f333b630124a26852c87a8487b09955a0ceb69d7e.jpg", "images/fig1.png")
n = s


def rep(a, b):
    global n
    assert n.count(a) == 1, a
    n = n.replace(a, b)


rep("number: JR/T 0326—2024", "number: JR/T 0326—2027")
rep("issued: 2024-12-24\neffective: 2024-12-24", "issued: 2027-03-01\neffective: 2027-06-01")
rep("陈明忠、陈小泉。", "陈明忠、陈小泉、刘洋。")
rep("GB 18030 信息技术 中文编码字符集\n", "GB 18030 信息技术 中文编码字符集\n\nGB/T 4754 国民经济行业分类\n")
i, j = n.index("## 3.6 产品编码"), n.index("# 4 企业编码要求")
term, n = n[i:j], n[:i] + n[j:]
rep("## 3.3 辖区编码", term.replace("## 3.6", "## 3.3") + "## 3.4 辖区编码")
rep("## 3.4 企业数字编码", "## 3.5 企业数字编码")
rep("## 3.5 企业分层（类）编码", "## 3.6 企业分层（类）编码")
rep("# 4 企业编码要求", "## 3.7 投资者编码\n\ninvestor code\n\n由区域性股权市场分配的标识投资者信息的唯一代码。\n\n# 4 企业编码要求")
rep("由辖区编码、企业数字编码和企业分层（类）编码（如存在）组成", "由辖区编码、企业数字编码和企业分层（类）编码组成")
rep("采用 6 位无意义数字", "采用 8 位无意义数字")
rep("a） 辖区编码应符合 GB/T 2260", "a） 辖区编码宜符合 GB/T 2260")
i = n.index("<tr><td rowspan=1 colspan=1>04</td>")
j = n.index("</tr>", i) + 5
n = n[:i] + n[j:]
open(os.path.join(out, "old.md"), "w", encoding="utf-8").write(s)
open(os.path.join(out, "new.md"), "w", encoding="utf-8").write(n)
