# stddiff on edition pairs made by real edits: the fixture pair (TS-04 of 2019 and
# 2024, edited by hand) gives exactly the text, JSON and 前言 list expected; a pair
# made from a corpus standard (TS-03) by inserting a clause, moving one, deleting
# one and editing a table gives one move, renumberings that are editorial and the
# table's changes at the right rows; a real standard (JR/T 0326—2024, as stdimport
# wrote it) revised gives the list a drafting group would write, and its redline DOCX
# holds Word's tracked changes as python-docx reads them, accepted into the new
# edition; --git compares with a revision; stdgen writes
# the list into the generated 前言 and --amendment the 修改单; stdcheck holds a
# written 前言 to it; bad input fails cleanly. The man page matches --help.
set -u
. "$ROOT/tests/e2e/docx.lib"
SD=$ROOT/$BUILD/stddiff
SC=$ROOT/$BUILD/stdcheck
ED=$ROOT/tests/fixtures/editions
check_man stddiff.1 'compare *two *editions' EXIT "$SD" || exit 1

# ---- the fixture pair: text, exactly
cd "$ED"
out=$(run_tool "$SD" --color never TS-04-2019.md TS-04-2024.md 2>"$T/err") || die "stddiff failed: $(cat "$T/err")"
want='--- SJDJ/TS 04—2019 (TS-04-2019.md)
+++ SJDJ/TS 04—2024 (TS-04-2024.md)
deleted    — ← 前言  editorial
changed    4.3 ← 4.3  基本要求  editorial
    ~ 党员活动日应坚持主题鲜明、程序规范、形式多样、注重实效[-，-]{+；+}做到“5”项规定内容不缺项、“X”项自选内容有特色。
changed    5.3 ← 5.3  活动时长  technical: requirement, value
    ~ 每次党员活动日集中活动时间应不少于[-2-]{+3+}小时，其中政治学习时间不少于1小时。  (requirement, value)
renumbered 6.1.3 ← 6.1.4  服务群众  editorial
renumbered 6.1.4 ← 6.1.5  开放式组织生活  editorial
moved      6.1.5 ← 6.1.3  交纳党费  editorial
changed    7.1 ← 7.1  活动准备  technical: requirement, modal
    ~ 社区党组织[-应-]{+宜+}在党员活动日前7天召开支部委员会…  (requirement, modal)
changed    7.2 ← 7.2  活动实施  editorial
    ~ 交纳党费，按[-6.1.3-]{+6.1.5+}的规定办理并登记；
    ~ 服务群众，按[-6.1.4-]{+6.1.3+}的规定组织党员参加；
deleted    — ← 8.2  特殊党员  technical: requirement, value
renumbered 8.2 ← 8.3  积分管理  editorial
added      9.3 ← —  信息化管理  technical: requirement, value
changed    10.2 ← 10.2  评价  technical: value, table
    ~ 表2 row 4, column 2: 党员平均参加率不低于[-85-]{+90+}%，请假党员按期补课  (value, table)'
[ "$out" = "$want" ] || die "stddiff text differs:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$out"))"
[ "$(cat "$T/err")" = "stddiff: 12 changes, 5 technical" ] || die "summary line: $(cat "$T/err")"

# ---- the 前言 list, exactly as written by hand from the edits
out=$(run_tool "$SD" -f foreword TS-04-2019.md TS-04-2024.md) || die "stddiff -f foreword failed"
want='本文件代替SJDJ/TS 04—2019《“5+X”党员活动日》，与SJDJ/TS 04—2019相比，除结构调整和编辑性改动外，主要技术变化如下：

1. 更改了“活动时长”的要求（见5.3）；
2. 更改了“活动准备”的要求（见7.1）；
3. 删除了“特殊党员”的要求（见2019年版的8.2）；
4. 增加了“信息化管理”的要求（见9.3）；
5. 更改了表2“党员活动日评价内容”中的数值（见10.2）。'
[ "$out" = "$want" ] || die "the 前言 list differs:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$out"))"

# ---- JSON: the table value is technical, at 10.2 in both editions, row 4 column 2
run_tool "$SD" -f json TS-04-2019.md TS-04-2024.md >"$T/d.json" || die "stddiff -f json failed"
"$PY" - "$T/d.json" <<'PY' || die "JSON checks failed"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["summary"] == {"changes": 12, "technical": 5, "implied": 0}, d["summary"]
c = [c for c in d["changes"] if c["new"] and c["new"]["number"] == "10.2"][0]
assert c["technical"] and c["old"]["number"] == "10.2" and c["why"] == ["value", "table"], c
t = c["details"][0]
assert (t["block"], t["old_row"], t["new_row"], t["old_column"]) == ("cell", 4, 4, 2), t
assert "85%" in t["old"] and "90%" in t["new"], t
m = [c for c in d["changes"] if c["kind"] == "moved"]
assert len(m) == 1 and m[0]["old"]["number"] == "6.1.3" and m[0]["new"]["number"] == "6.1.5", m
assert not [c for c in d["changes"] if c["kind"] in ("added", "deleted") and (c["new"] or c["old"])["title"] == "交纳党费"]
PY
cd "$ROOT"

# ---- a pair made from a corpus standard: TS-03 as 2019, and as edited
cp "$ROOT/standards/TS-03-zhendi-jianshe.md" "$T/old.md"
"$PY" - "$T/old.md" "$T/new.md" <<'PY' || die "cannot make the edited TS-03"
import sys
s = open(sys.argv[1], encoding="utf-8").read()
n = s.replace("number: SJDJ/TS 03—2019", "number: SJDJ/TS 03—2024")
# a clause inserted before 4.2: 4.2-4.4 become 4.3-4.5
n = n.replace("## 4.2 建设原则", "## 4.2 建设标准\n\n社区党群服务中心总使用面积应不小于300平方米。\n\n## 4.3 建设原则", 1)
n = n.replace("## 4.3 党建元素", "## 4.4 党建元素").replace("## 4.4 开放时间", "## 4.5 开放时间")
# 7.5 moved into chapter 8 (after 8.4); 6.4 deleted
i, j = n.index("## 7.5 区域信访维稳中心"), n.index("# 8 运行服务")
moved, n = n[i:j], n[:i] + n[j:]
n = n.replace("# 9 管理与评价", moved.replace("## 7.5", "## 8.5") + "# 9 管理与评价")
i, j = n.index("## 6.4 拓展商务"), n.index("## 6.5 协调事务")
n = n[:i] + n[j:].replace("## 6.5 协调事务", "## 6.4 协调事务", 1)
# table 1: a value, a row deleted, a row added
n = n.replace("容纳不少于50人", "容纳不少于80人")
i = n.index("| 7 | 社区文体活动中心"); j = n.index("\n", i) + 1
n = n[:i] + n[j:]
n = n.replace("| 10 | 社区综治服务中心", "| 11 | 社区法律服务室 | 法律咨询、法律援助 | 每周至少安排律师值班1次 |\n| 10 | 社区综治服务中心")
open(sys.argv[2], "w", encoding="utf-8").write(n)
PY
run_tool "$SD" -f json "$T/old.md" "$T/new.md" >"$T/t3.json" || die "stddiff on the TS-03 pair failed"
"$PY" - "$T/t3.json" <<'PY' || die "TS-03 pair checks failed"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ch = d["changes"]
def one(kind, new=None, old=None):
    got = [c for c in ch if c["kind"] == kind and (new is None or (c["new"] or {}).get("number") == new)
           and (old is None or (c["old"] or {}).get("number") == old)]
    assert len(got) == 1, (kind, new, old, [(c["kind"], c["new"] and c["new"]["number"], c["old"] and c["old"]["number"]) for c in ch])
    return got[0]
assert one("added", "4.2")["technical"]
for new, old in (("4.3", "4.2"), ("4.4", "4.3"), ("4.5", "4.4")):
    c = one("renumbered", new, old)
    assert not c["technical"], c
m = one("moved", "8.5", "7.5")
assert not m["technical"] and not m["details"], m
assert one("deleted", None, "6.4")["technical"]
assert len([c for c in ch if c["kind"] == "moved"]) == 1
t = one("changed", "5.1", "5.1")
assert t["technical"] and "table" in t["why"], t
ops = sorted((x["op"], x.get("old_row"), x.get("new_row")) for x in t["details"] if x["block"] in ("cell", "row"))
assert ("deleted", 8, None) in ops and ("inserted", None, 10) in ops, ops
cell = [x for x in t["details"] if x["block"] == "cell"]
assert len(cell) == 1 and "50人" in cell[0]["old"] and "80人" in cell[0]["new"] and cell[0]["new_row"] == 4, cell
# renumbered references that follow their clause are editorial
assert all(not c["technical"] for c in ch if c["kind"] == "renumbered")
PY

# ---- a real standard, revised: JR/T 0326—2024 as stdimport wrote it, edited into a
# second edition (tests/e2e/edition_jrt.py says how); the list is what GB/T 1.1—2020 8.3's
# examples would have a drafting group write for those edits
"$PY" "$ROOT/tests/e2e/edition_jrt.py" "$ROOT" "$T/jr" || die "cannot make the JR/T 0326 editions"
out=$(cd "$T/jr" && run_tool "$SD" --color never old.md new.md 2>"$T/err") || die "stddiff on the JR/T pair failed: $(cat "$T/err")"
want='--- JR/T 0326—2024 (old.md)
+++ JR/T 0326—2027 (new.md)
changed    前言 ← 前言  editorial
    ~ …李宇、杨博、蒲军、陈明忠、陈小泉{+、刘洋+}。
changed    2 ← 2  规范性引用文件  technical: normref
    + GB/T 4754 国民经济行业分类  (normref)
moved      3.3 ← 3.6  产品编码  editorial
renumbered 3.4 ← 3.3  辖区编码  editorial
renumbered 3.5 ← 3.4  企业数字编码  editorial
renumbered 3.6 ← 3.5  企业分层（类）编码  editorial
added      3.7 ← —  投资者编码  technical: requirement, term
changed    4.1 ← 4.1  企业编码结构  technical: requirement
    ~ 企业编码结构应与图1相符合，由辖区编码、企业数字编码和企业分层（类）编码[-（如存在）-]组成。附录A给出了企业编码参考示例。  (requirement)
changed    4.2 ← 4.2  企业编码规则  technical: requirement, modal, value, table
    ~ 辖区编码[-应-]{+宜+}符合 GB/T 2260 规定的字母码，见表1；  (requirement, modal)
    ~ 企业数字编码应按照 GB 18030，采用 [-6-]{+8+} 位无意义数字 0～9 进行编码；  (requirement, value)
    - 表2 row 5: 04 | T | 纯托管企业  (table)'
[ "$out" = "$want" ] || die "stddiff on the JR/T pair differs:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$out"))"
out=$(cd "$T/jr" && run_tool "$SD" -f foreword old.md new.md 2>/dev/null)
want='本文件代替JR/T 0326—2024《区域性股权市场企业、产品和投资者编码规范》，与JR/T 0326—2024相比，除结构调整和编辑性改动外，主要技术变化如下：

1. 增加了规范性引用文件GB/T 4754（见第2章）；
2. 增加了术语“投资者编码”（见3.7）；
3. 更改了“企业编码结构”的要求（见4.1）；
4. 更改了“企业编码规则”的要求（见4.2）。'
[ "$out" = "$want" ] || die "the JR/T 前言 list differs:
$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$out"))"
# its redline as python-docx reads it: Word's own tracked changes, and accepting them
# gives the new edition as stdgen prints it (LibreOffice: stddiff-libreoffice.sh)
(cd "$T/jr" && run_tool "$SD" -q -f docx --author 审校组 -o red.docx old.md new.md &&
    run_tool "$SG" -q -f docx -o plain new.md) || die "the JR/T redline or the new edition failed"
"$PY" "$ROOT/tests/e2e/redline_docx.py" "$T/jr/red.docx" "$T/jr/plain/"*.docx 审校组 2027-03-01T00:00:00Z >/dev/null ||
    die "python-docx on the JR/T redline"
"$PY" "$ROOT/tests/e2e/redline_docx.py" "$T/jr/plain/"*.docx "$T/jr/plain/"*.docx 审校组 2027-03-01T00:00:00Z \
    >/dev/null 2>&1 && die "redline_docx.py passes a document without tracked changes"

# ---- --git: the same comparison against a revision of the file
command -v git >/dev/null || skip_test "git is not installed"
g=$T/repo
mkdir -p "$g/std"
cp "$ED/TS-04-2019.md" "$g/std/TS-04.md"
(cd "$g" && git init -q && git -c user.name=t -c user.email=t@t add std/TS-04.md &&
    git -c user.name=t -c user.email=t@t commit -q -m 2019 && git tag v2019) || die "git set-up failed"
cp "$ED/TS-04-2024.md" "$g/std/TS-04.md"
a=$(cd "$g" && run_tool "$SD" -f foreword --git v2019 std/TS-04.md) || die "stddiff --git failed"
b=$(run_tool "$SD" -f foreword "$ED/TS-04-2019.md" "$ED/TS-04-2024.md")
[ "$a" = "$b" ] || die "--git v2019 gives another list: $(diff <(echo "$b") <(echo "$a"))"
out=$(cd "$g" && run_tool "$SD" --color never --git v2019 std/TS-04.md 2>/dev/null | head -2)
[ "$out" = "--- SJDJ/TS 04—2019 (std/TS-04.md@v2019)
+++ SJDJ/TS 04—2024 (std/TS-04.md)" ] || die "--git names: $out"
# replaces_source: git:REV — stdgen's generated 前言 lists the changes against the revision
sed 's#^replaces_source: .*#replaces_source: git:v2019#' "$ED/TS-04-2024.md" >"$g/std/TS-04.md"
(cd "$g" && run_tool "$SG" -q -f docx -o out std/TS-04.md) || die "stdgen with replaces_source: git:v2019 failed"
"$PY" - "$g/out" <<'PY' || die "replaces_source: git:v2019 gives no list"
import glob, sys
import docx
paras = [p.text for p in docx.Document(glob.glob(sys.argv[1] + "/*.docx")[0]).paragraphs]
i = [k for k, p in enumerate(paras) if p.startswith("本文件代替SJDJ/TS 04—2019")][0]
assert paras[i + 3] == "c)\t删除了“特殊党员”的要求（见2019年版的8.2）；" and paras[i + 5].startswith("e)"), paras[i:i + 6]
PY

# ---- bad input: clean errors, exit 2, no output
expect_fail() { # WANT_MESSAGE ARGS...
    local want=$1; shift
    local msg rc
    msg=$(run_tool "$SD" "$@" 2>&1 >/dev/null); rc=$?
    [ $rc = 2 ] || die "stddiff $*: exit $rc, expected 2"
    case $msg in *"$want"*) ;; *) die "stddiff $*: '$msg' does not say '$want'" ;; esac
}
expect_fail "nope.md: error: cannot open" nope.md "$ED/TS-04-2024.md"
expect_fail "needs -o FILE" -f docx "$ED/TS-04-2019.md" "$ED/TS-04-2024.md"
expect_fail "unknown format 'pdf'" -f pdf "$ED/TS-04-2019.md" "$ED/TS-04-2024.md"
expect_fail "give two editions" "$ED/TS-04-2024.md"
(cd "$g" && expect_fail "git show nope:./TS-04.md" --git nope std/TS-04.md)
(cd "$g" && expect_fail "is not a git revision" --git=--output=x std/TS-04.md)
printf -- '---\nnumber: x\n---\n\xc3(\n' >"$T/bad.md"
expect_fail "bad.md:4:1: error: invalid UTF-8" "$T/bad.md" "$ED/TS-04-2024.md"
cp "$ED/TS-04-2024.md" "$T/new-copy.md"
expect_fail "" -o "$T/new-copy.md" "$ED/TS-04-2019.md" "$T/new-copy.md"
cmp -s "$T/new-copy.md" "$ED/TS-04-2024.md" || die "stddiff wrote over an input"
# a FIFO (or /dev/stdout) is written to, never replaced by a file
mkfifo "$T/fifo"
cat "$T/fifo" >"$T/from-fifo" &
run_tool "$SD" -q -f foreword -o "$T/fifo" "$ED/TS-04-2019.md" "$ED/TS-04-2024.md" || die "-o FIFO failed"
wait
[ -p "$T/fifo" ] || die "the FIFO was replaced"
grep -q '（见2019年版的8.2）' "$T/from-fifo" || die "nothing came through the FIFO"
run_tool "$SD" --exit-code -q "$ED/TS-04-2019.md" "$ED/TS-04-2024.md" >/dev/null
[ $? = 1 ] || die "--exit-code: the editions differ, exit should be 1"
run_tool "$SD" --exit-code -q "$ED/TS-04-2024.md" "$ED/TS-04-2024.md" >/dev/null || die "--exit-code on the same file"

# ---- stdgen: the generated 前言 lists the changes; --amendment writes the 修改单
run_tool "$SG" -q -o "$T/gen" "$ED/TS-04-2024.md" || die "stdgen on the new edition failed"
run_tool "$SG" -q --amendment -o "$T/am" -f docx,odt "$ROOT/tests/fixtures/amendment" || die "stdgen --amendment failed"
"$PY" - "$T/gen" "$T/am" <<'PY' || die "stdgen output checks failed"
import glob, sys
import docx
d = docx.Document(glob.glob(sys.argv[1] + "/SJDJ-TS-04-2024-*.docx")[0])
paras = [p.text for p in d.paragraphs]
i = paras.index("本文件代替SJDJ/TS 04—2019《“5+X”党员活动日》，与SJDJ/TS 04—2019相比，除结构调整和编辑性改动外，主要技术变化如下：")
assert paras[i + 1:i + 6] == ["a)\t更改了“活动时长”的要求（见5.3）；", "b)\t更改了“活动准备”的要求（见7.1）；",
                              "c)\t删除了“特殊党员”的要求（见2019年版的8.2）；", "d)\t增加了“信息化管理”的要求（见9.3）；",
                              "e)\t更改了表2“党员活动日评价内容”中的数值（见10.2）。"], paras[i:i + 6]
s = docx.Document(glob.glob(sys.argv[2] + "/*第1号修改单.docx")[0])
got = [p.text for p in s.paragraphs]
want = ["SJDJ/TS 04—2019《“5+X”党员活动日》\n第1号修改单",
        "本修改单经中共郑州市上街区委组织部于2022年3月1日批准发布，自2022年4月1日起实施。",
        "一、5.3\u3000活动时长", "将“……活动时间应不少于2小时……”修改为“……活动时间应不少于3小时……”。",
        "二、删除8.2。", "三、原8.3改为8.2。", "四、在9.2后增加9.3：", "9.3\u3000信息化管理",
        "社区党组织应通过党员教育管理平台记录党员活动日的签到、学习和服务情况，平台数据应至少每月备份1次。",
        "五、10.2\u3000评价", "将表2中的“……平均参加率不低于85%……”修改为“……平均参加率不低于90%……”。"]
assert got == want, "\n".join(got)
assert not s.sections[0].header.paragraphs or not "".join(p.text for p in s.sections[0].header.paragraphs)
PY
# the list of changes as written in the front matter, instead of a source
sed 's#^    source: .*#    changes: [将5.3中的“2小时”修改为“3小时”。, 删除8.2。]#' "$ROOT/tests/fixtures/amendment/TS-04-amended.md" >"$T/listed.md"
run_tool "$SG" -q --amendment=1 -o "$T/am2" "$T/listed.md" || die "stdgen --amendment with changes: failed"
"$PY" -c "
import docx, glob, sys
got = [p.text for p in docx.Document(glob.glob('$T/am2/*.docx')[0]).paragraphs][2:]
assert got == ['一、将5.3中的“2小时”修改为“3小时”。', '二、删除8.2。'], got" || die "the listed changes are not the items"
msg=$(run_tool "$SG" -q --amendment=2 -o "$T/am3" "$T/listed.md" 2>&1); rc=$?
[ $rc = 1 ] && [ -z "$(ls "$T/am3" 2>/dev/null)" ] || die "--amendment=2 of a standard with one: exit $rc, $(ls "$T/am3")"
case $msg in *"listed.md:"*"no amendment number 2"*) ;; *) die "--amendment=2: '$msg'" ;; esac

# ---- stdcheck: a written 前言 with the list is clean; one with an item missing is not
"$PY" - "$ED/TS-04-2024.md" "$T/written.md" "$T/short.md" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
items = ["更改了“活动时长”的要求（见5.3）；", "更改了“活动准备”的要求（见7.1）；", "删除了“特殊党员”的要求（见2019年版的8.2）；",
         "增加了“信息化管理”的要求（见9.3）；", "更改了表2“党员活动日评价内容”中的数值（见10.2）。"]
def fw(items):
    lead = "本文件代替SJDJ/TS 04—2019《“5+X”党员活动日》，与SJDJ/TS 04—2019相比，除结构调整和编辑性改动外，主要技术变化如下："
    return ("# 前言\n\n本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n" + lead + "\n\n"
            + "".join("%d. %s\n" % (i + 1, t) for i, t in enumerate(items))
            + "\n请注意本文件的某些内容可能涉及专利。本文件的发布机构不承担识别专利的责任。\n\n本文件由中共郑州市上街区委组织部提出并归口。\n\n")
for path, its in ((sys.argv[2], items), (sys.argv[3], items[:2] + items[3:4] + ["更改了表2“党员活动日评价内容”中的数值（见10.2）。"])):
    t = s.replace("replaces_source: TS-04-2019.md", "replaces_source: %s/tests/fixtures/editions/TS-04-2019.md" % sys.argv[1].rsplit("/tests/", 1)[0])
    open(path, "w", encoding="utf-8").write(t.replace("# 1 范围", fw(its) + "# 1 范围", 1))
PY
run_tool "$SC" --no-system --color never "$T/written.md" >"$T/w.out" 2>&1 || die "stdcheck on the written 前言: $(cat "$T/w.out")"
grep -q foreword-changes "$T/w.out" && die "a right list is reported: $(cat "$T/w.out")"
out=$(run_tool "$SC" --no-system --color never "$T/short.md" 2>/dev/null)
case $out in *"short.md:"*": warning: the 前言's list has no item for the technical change at 2019年版的8.2 [foreword-changes]"*) ;;
    *) die "the missing item is not reported: $out" ;; esac
echo "stddiff: fixture pair, TS-03 pair, JR/T 0326 revised (python-docx redline), --git, errors, stdgen 前言 and 修改单, stdcheck"
