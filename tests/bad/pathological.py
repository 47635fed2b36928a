#!/usr/bin/env python3
"""Writes the inputs of the pathological suite (tests/bad/pathological.sh) into
DIR: each about 1 MB (or a few KB for the blow-ups), shaped so that a path
quadratic in the input, or a memory blow-up, takes far beyond the suite's bound,
in the style of cmark's pathological tests.
    tests/bad/pathological.py DIR [SCALE]"""
import os
import sys

d = sys.argv[1]
scale = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
MB = int(1_000_000 * scale)
FM = '---\nnumber: SJDJ/TS 01—2019\ntitle: 测试\ncategory: TS\nstatus: draft\n---\n'
SCOPE = '# 1 范围\n\n本文件规定了测试。\n\n'
os.makedirs(d, exist_ok=True)


def write(name, text):
    with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
        f.write(text)


def line_of(unit, size=MB):
    return FM + SCOPE + '本文件规定了' + unit * (size // len(unit.encode())) + '\n'


# one long line: each inline node's column, each modal verb, each standard number
write('line-emphasis.md', line_of('中*a* '))
write('line-code.md', line_of('`a` '))
write('line-math.md', line_of('$x$ '))
write('line-links.md', line_of('[](#s1) '))
write('line-modals.md', FM + '# 1 范围\n\n本文件' + '应' * (MB // 3) + '\n')  # each one a finding in 范围
write('line-stdnums.md', line_of('GB/T 1.1 '))
write('line-plainrefs.md', line_of('见4.1，'))
write('line-breaks.md', FM + SCOPE + '本文件规定了' + 'a\\\n' * (MB // 3))
# deep nesting of inline markup
write('nest-brackets.md', line_of('[', MB // 4))
write('nest-emphasis.md', FM + SCOPE + '本文件' + '*a **b ' * (MB // 16) + '\n')
# deep lists and quotes over many lines (cmark-gfm matches every open container on
# every line): nested by indentation, by markers on one line, and many lines at the
# deepest nesting the bound lets through
deep = int((MB // 2) ** 0.5)
write('nest-lists.md', FM + SCOPE + ''.join(' ' * (2 * i) + '- x\n' for i in range(deep)))
write('nest-list-markers.md', FM + SCOPE + '- ' * (MB // 2) + 'x\n')
write('nest-lists-max.md', FM + SCOPE + ''.join(' ' * (2 * i) + '- x\n' for i in range(64)) +
      (' ' * 128 + '- x\n') * (MB // 132))
write('nest-quote-lines.md', FM + SCOPE + ('>' * 200 + ' x\n') * (MB // 203))
write('nest-links.md', FM + SCOPE + '[' * 20000 + 'a' + '](#s1)' * 20000 + '\n')
# wide tables: a wide header over short rows (cmark-gfm fills every missing cell),
# one table at a time and many small ones
tab = lambda c, r: '|' + 'a|' * c + '\n|' + '-|' * c + '\n' + 'x\n' * r + '\n'
write('tables-sparse-one.md', FM + '# 1 范围\n\n' + tab(4000, 4000))
write('tables-sparse-many.md', FM + '# 1 范围\n\n' + tab(180, 360) * 10)
write('tables-long.md', FM + SCOPE + '表：长表\n\n|' + ' 项 |' * 60 + '\n|' + '---|' * 60 + '\n' +
      ('|' + ' a |' * 60 + '\n') * (MB // 240))
# many of everything a standard refers to
n = MB // 40
write('many-headings.md', FM + SCOPE + ''.join('# %d 章\n\n## %d.1 条 {#s%d}\n\n见[](#s%d)。\n\n' % (i + 4, i + 4, i, max(i - 1, 0))
                                                 for i in range(n // 2)))
write('many-refdefs.md', FM + SCOPE + '本文件' + ''.join('[r%d] ' % i for i in range(n)) + '\n\n' +
      ''.join('[r%d]: http://example.com/%s\n' % (i, 'x' * 20) for i in range(n)))
write('many-refuses.md', FM + SCOPE + '[r]: http://example.com/' + 'x' * (MB // 2) + '\n\n本文件' + '[r]' * (MB // 6) + '\n')
write('many-xrefs.md', FM + SCOPE + '# 4 要求 {#s1}\n\n' + '见[](#s1)。\n' * (MB // 16))
write('many-stdrefs.md', FM + SCOPE + '# 2 规范性引用文件\n\n' +
      ''.join('- GB/T %d—2020　标准%d\n' % (i + 1, i) for i in range(MB // 80)) + '\n# 4 要求\n\n' +
      ''.join('应符合GB/T %d的规定。\n' % (i + 1) for i in range(MB // 80)))
# a 6 KB table whose short rows cmark-gfm fills with empty cells: 59,000 findings
write('many-empty-cells.md', FM + SCOPE + '表：空表\n\n|' + ' a |' * 60 + '\n|' + '---|' * 60 + '\n|' + ' a |' * 60 +
      '\n' + '| a |\n' * 1000)
write('many-anchors.md', FM + SCOPE + ''.join('本条{#p%d}\n\n' % i for i in range(MB // 20)))
