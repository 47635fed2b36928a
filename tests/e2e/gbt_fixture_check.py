#!/usr/bin/env python3
"""Checks the PDF text of the group-standard fixture (tests/fixtures/group-standard/):
every number — clause numbers with the untitled ones, 表/图/公式 numbers, annex letters,
bibliography [n], index entries with the clause they point to — is there and in the
order of the document.
    gbt_fixture_check.py TEXT LEFT RIGHT
TEXT is pdftotext -layout's output (a table caption stays above its table); spaces are ignored (pdftotext spaces CJK text freely).
The 索引 is set in two columns: LEFT and RIGHT are the left and right halves of its page
(pdftotext -x/-W), read one after the other; the entries from S on stand in the right one."""
import re
import sys

text = open(sys.argv[1], encoding='utf-8').read()
PAREN = str.maketrans('（）', '()')  # formula numbers print either way
flat = re.sub(r'\s+', '', text).replace('\u3000', '').translate(PAREN)

seq = [
    '团体标准', 'T/ZSA001.1—2024', '社区养老服务站点', '第1部分：建设与运营', '2024-03-15发布', '2024-04-01实施',
    '目次', '前言', '引言', '0.1编制背景', '0.2总体思路', '1范围', '参考文献', '索引',       # the 目次
    '前言', '本文件按照GB/T1.1—2020', '引言', '0.1编制背景', '0.2总体思路',
    '社区养老服务站点', '第1部分：建设与运营', '1范围', '2规范性引用文件', '3术语和定义',
    '3.1', '社区养老服务站点communityelderlycareservicestation', '社区养老驿站', '不推荐用：老年活动室',
    '设在社区内', '注1：', '注2：', '[来源：GB/T29353—2012，3.1，有修改]',
    '3.2', '助餐服务mealassistanceservice', '示例：',
    '3.3', '失能老年人disabledelderly', 'DE', '因年老',
    '4符号和缩略语', '下列缩略语适用于本文件。', 'ADL：日常生活活动能力',
    '5总体要求', '5.1基本原则', '5.1.1就近便利', '5.1.1.1站点应设在', '5.1.1.2站点的服务时间',
    '5.1.2安全适用', '5.1.2.1', '5.1.2.2', '5.1.2.3', '5.2服务对象', '5.2.1对象范围', '5.2.2需求评估',
    '5.2.2.1站点应在老年人首次', '5.2.2.2', '5.2.2.3', '按5.2.2.2的规定',
    '6站点建设', '6.1选址', '6.1.1站点应选在', '6.1.2', '6.1.3站点的服务半径', '6.1.4', '见参考文献[3]',
    '6.2用房', '6.2.1面积', '见表1', '表1站点功能用房最小使用面积', '6.2.2布局', '6.2.2.1', '6.2.2.2',
    '6.2.2.3站点的平面布置宜参照附录B', '6.3设施设备', '6.3.1基本配置', '见表2', '表2站点设施设备基本配置',
    '6.3.2无障碍设施', '6.3.2.1', '6.3.2.2', '6.3.2.3',
    '7服务内容', '7.1生活照料', '7.2助餐', '7.2.1供餐方式', '7.2.2配餐量', '公式（1）', '(1)',
    '7.2.3食品安全', '7.2.3.1', '7.2.3.2', '7.3健康管理', '7.4文化娱乐',
    '8运营管理', '8.1人员', '8.2制度', '8.3安全', '8.4评价', '8.4.1评价内容', '应符合附录A', '8.4.2满意度', '公式（2）', '(2)',
    '见附录C',
    '附录A', '（规范性）', '服务质量评价指标', 'A.1评价指标', '见表A.1', '表A.1服务质量评价指标', 'A.2评价等级',
    '附录B', '（资料性）', '站点平面布置示例', 'B.1布置要点', '见图B.1', '图B.1站点平面布置示例', 'B.2说明',
    '附录C', '（资料性）', '运营经费测算', 'C.1经费构成', 'C.2测算方法', 'C.3经费来源', '见参考文献[2]',
    '参考文献', '[1]GB/T20000.1—2014', '[2]GB/T37276—2018', '[3]MZ/T032—2012', '索引',
]
index_seq = ['F', '服务半径6.1.3', '服务满意度8.4.2', 'J', '紧急呼叫装置6.3.2.3', 'R', '日常生活活动能力5.2.2.1',
             'S', '社区养老服务站点3.1', '社区养老驿站3.1', '失能老年人3.3', 'Z', '助餐服务3.2']
squash = lambda t: re.sub(r'\s+', '', t).replace('\u3000', '').translate(PAREN)
left, right = (squash(open(f, encoding='utf-8').read()) for f in sys.argv[2:4])

bad = []
def in_order(toks, flat, pos=0):
    for tok in toks:
        tok = tok.translate(PAREN)
        k = flat.find(tok, pos)
        if k < 0:
            where = flat.find(tok)
            bad.append('%r %s' % (tok, 'missing' if where < 0 else 'out of order (found only earlier)'))
            continue
        pos = k + len(tok)
    return pos
in_order(seq, flat)
in_order(index_seq, left + right)
# two columns: F … R on the left, S … Z on the right
if '服务半径6.1.3' not in left or '社区养老服务站点3.1' not in right or '社区养老服务站点3.1' in left:
    bad.append('the 索引 is not in two columns (left: %r, right: %r)' % (left[:80], right[:80]))
# the formula numbers sit in their clauses: (1) in 7.2.2, (2) in 8.4.2
for num, a, b in (('(1)', '7.2.2配餐量', '7.2.3食品安全'), ('(2)', '8.4.2满意度', '附录A')):
    i, j = flat.find(a), flat.find(b, flat.find(a))
    if not (0 <= i < j and num in flat[i:j]):
        bad.append('formula %s is not in %s' % (num, a))
# no number that is not one: an untitled clause never prints a heading of its own
for wrong in ('§',):
    if wrong in text:
        bad.append('%r printed' % wrong)
if bad:
    print('\n'.join(bad))
    sys.exit(1)
print('%d numbers and titles in order, the 索引 in two columns' % (len(seq) + len(index_seq)))
