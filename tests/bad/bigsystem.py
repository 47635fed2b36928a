#!/usr/bin/env python3
"""A system of N generated standards, each citing three others normatively (in
chapter 2) and one informatively (issue 17.8):  bigsystem.py DIR N"""
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
os.makedirs(d, exist_ok=True)
open(os.path.join(d, 'system.yaml'), 'w', encoding='utf-8').write(
    'name: 大体系\ncode: BX\nissuer: 测试单位\nlevel: 测试标准\n'
    'number_pattern: "BX/{category} {seq:5}—{year}"\nfile_pattern: "{category}-{seq:5}"\n'
    'categories:\n  - code: JB\n    name: 基本标准\n    expected: %d\n  - code: TS\n    name: 特色标准\n' % n)
num = lambda i: 'BX/%s %05d—2020' % ('JB' if i % 2 else 'TS', i + 1)
for i in range(n):
    cited = [(i + k) % n for k in (1, 7, 13)]
    info = (i + 101) % n
    body = ('---\nnumber: %s\ntitle: 测试标准%d\ncategory: %s\nstatus: current\nissued: 2020-01-01\neffective: 2020-02-01\n---\n\n'
            '# 前言\n\n本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。\n\n'
            '# 1 范围\n\n本文件规定了测试%d的要求。\n\n# 2 规范性引用文件\n\n'
            '下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；'
            '不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。\n\n' % (num(i), i, 'JB' if i % 2 else 'TS', i) +
            ''.join('- %s　测试标准%d\n' % (num(c), c) for c in cited) +
            '\n# 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n# 4 要求\n\n' +
            ''.join('测试应符合%s的规定。\n\n' % num(c) for c in cited) + '测试的方法见%s。\n' % num(info))
    open(os.path.join(d, '%s-%05d-t.md' % ('JB' if i % 2 else 'TS', i + 1)), 'w', encoding='utf-8').write(body)
