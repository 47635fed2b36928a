# stdimport on documents made the way users make them: python-docx with Heading styles
# and typed numbers; python-docx with the GB/T template's style names and Word's
# automatic numbering; pandoc from Markdown; LibreOffice's ODT of a DOCX (one
# LibreOffice run); a Markdown dialect (md2std's). Checks the clause numbers and
# titles, captions and references that come in, that stdcheck finds no error in
# them, --check, --force, and hostile input (a renamed file, XXE, a zip bomb, a
# DOCX without its document part, a DOCX and an ODT of 100,000 paragraphs): a clear
# error, exit 2, nothing written.
set -eu
SI=$ROOT/$BUILD/stdimport
SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
/usr/bin/python3 -c 'import docx' 2>/dev/null || { echo "python3-docx is not installed"; exit 77; }
/usr/bin/python3 "$ROOT/tests/e2e/stdimport_make.py" "$W"

. "$ROOT/tests/lib.sh" 2>/dev/null || true
if declare -f check_man >/dev/null; then
    check_man stdimport.1 "stdimport" "EXIT STATUS" "$SI" || exit 1
fi

must() { grep -qxF -- "$2" "$1" || { echo "$1 lacks the line: $2"; sed -n 1,80p "$1"; exit 1; }; }
clean() { out=$("$SC" --no-system -q "$@" 2>&1) || { echo "stdcheck finds errors in $*:"; echo "$out"; exit 1; }; }

# python-docx, Heading styles, numbers typed in the headings and untitled clauses
"$SI" -q -o hs.md heading-styles.docx
for l in 'number: T/TEST 001—2024' 'title: 测试导入标准' 'issued: 2024-01-01' 'effective: 2024-02-01' \
         '# 1 范围' '# 4 总体要求' '## 4.1 基本要求' '## 4.2 管理要求' '表1：站点要求' '注：面积按使用面积计。' \
         '§4.2.1 站点应建立管理制度，并按4.1的规定执行。' '1. 制度建设；'; do must hs.md "$l"; done
clean hs.md

# the template's style names, numbers from numbering.xml
"$SI" -q -o an.md auto-numbering.docx
for l in '# 1 范围' '# 4 服务要求' '## 4.1 人员' '## 4.2 场所' '# 5 评价' '## 5.1 方法' '## 5.2 结果' \
         'number: T/TEST 002—2024' 'title: 自动编号测试标准'; do must an.md "$l"; done
clean an.md

# pandoc from Markdown (its own styles: Title, Heading N, Compact, Table)
if command -v pandoc >/dev/null; then
    sed -e '/^---$/,/^---$/d' "$ROOT/standards/TS-04-wujiax-huodongri.md" > body.md
    { printf -- '---\ntitle: 党员活动日\n---\n\nSJDJ/TS 04—2019\n\n'; cat body.md; } > p.md
    pandoc -f markdown -t docx -o pandoc.docx p.md
    "$SI" -q --system "$ROOT/standards" -o pd.md pandoc.docx
    for l in 'number: SJDJ/TS 04—2019' '# 3 术语和定义' '## 3.1 党员活动日' '## 6.1 规定内容（“5”）' \
             '### 6.1.1 “三会一课”' '# 附录A（规范性）党员活动日记录表'; do must pd.md "$l"; done
    # a cover written as headings and a 目次 typed with leaders (the Markdown that PDF
    # extraction gives, through pandoc): front matter, nothing of the 目次 in the body
    cat > cv.md <<'MD'
# 中华人民共和国国家标准

GB/T 37032—2018

# Identification system for Internet of things—General principles

# 物联网标识体系 总则

2018-12-28 发布

2019-07-01 实施

## 目次

前言 …… III
1 范围 …… 1
附录A（资料性）编码示例 …… 5

# 前言

本文件按照GB/T 1.1—2020《标准化工作导则　第1部分：标准化文件的结构和起草规则》的规定起草。

## 物联网标识体系 总则

# 1 范围

本文件规定了物联网标识体系的总体框架。

# 2 规范性引用文件

本文件没有规范性引用文件。

# 3 术语和定义

本文件没有需要界定的术语和定义。

# 4 框架

物联网标识体系由编码、采集与识别、信息服务组成。
MD
    pandoc -f markdown -t docx -o cv.docx cv.md
    "$SI" -q -o cvi.md cv.docx
    for l in 'number: GB/T 37032—2018' 'title: 物联网标识体系 总则' \
             'title_en: Identification system for Internet of things—General principles' \
             'issued: 2018-12-28' 'effective: 2019-07-01' '# 1 范围' '# 4 框架'; do must cvi.md "$l"; done
    if grep -n '附录A\|目次\|中华人民共和国\|^## 物联网' cvi.md; then echo "cover or 目次 lines came into the body"; exit 1; fi
else
    echo "pandoc missing: the pandoc case is not run" >&2
fi

# LibreOffice: the ODT of the first document (one run)
if command -v soffice >/dev/null; then
    timeout 120 env -u VALGRIND soffice "-env:UserInstallation=file://$W/profile" --headless --convert-to odt --outdir "$W" heading-styles.docx >/dev/null 2>&1 || true
    if [ -f heading-styles.odt ]; then
        "$SI" -q -o odt.md heading-styles.odt
        for l in '# 1 范围' '## 4.1 基本要求' '表1：站点要求' '§4.2.1 站点应建立管理制度，并按4.1的规定执行。'; do
            must odt.md "$l"; done
        clean odt.md
    else
        echo "LibreOffice made no ODT"; exit 1
    fi
fi

# a Markdown dialect: md2std's markers and numbered headings one level too deep
cat > dialect.md <<'MD'
---
number: T/TEST 003—2024
title: 方言测试
category: TEST
status: current
---

## 1 范围

本文件规定了方言的要求。

## 2 规范性引用文件

下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。

- GB/T 1.1—2020　标准化工作导则　第1部分：标准化文件的结构和起草规则

## 3 术语和定义

本文件没有需要界定的术语和定义。

## 4 要求

### 4.1 一般要求

{无标题条:3} 文件应符合{{std:GB/T 1.1—2020}}的规定。

{无标题条:3} 文件应按4.1.1编写。

### 4.2 其他要求

其他要求按4.1执行。
MD
"$SI" -q -o dl.md dialect.md
for l in '# 1 范围' '## 4.1 一般要求' '§ 文件应符合GB/T 1.1—2020的规定。'; do must dl.md "$l"; done
clean dl.md

# --check writes nothing and shows the outline
out=$("$SI" --check auto-numbering.docx 2>/dev/null)
printf '%s\n' "$out" | grep -qx '  5.2　结果' || { echo "--check outline: $out"; exit 1; }
[ ! -e auto-numbering.md ] || { echo "--check wrote a file"; exit 1; }

# an existing output is kept without --force
set +e
"$SI" -q -o hs.md heading-styles.docx 2>err.txt; rc=$?
set -e
[ $rc -eq 2 ] && grep -q 'exists; stdimport replaces a file only with --force' err.txt || { echo "overwrite: rc $rc"; cat err.txt; exit 1; }
"$SI" -q --force -o hs.md heading-styles.docx

# hostile input: exit 2, a message naming the file, nothing written
mkdir hostile && cd hostile
printf 'just text\n' > renamed.docx
/usr/bin/python3 - <<'PY'
import zipfile
z = zipfile.ZipFile("xxe.docx", "w")
z.writestr("word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>')
z.close()
z = zipfile.ZipFile("bomb.docx", "w", zipfile.ZIP_DEFLATED)
with z.open("word/document.xml", "w", force_zip64=True) as f:
    block = b"\0" * (1 << 20)
    for i in range(300):
        f.write(block)
z.close()
z = zipfile.ZipFile("missing.docx", "w")
z.writestr("word/styles.xml", "<x/>")
z.close()
# 100,000 paragraphs (SK_FLOW_MAX_PARAS is 50,000): refused before the parse
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
z = zipfile.ZipFile("paras.docx", "w", zipfile.ZIP_DEFLATED)
z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="%s"><w:body>' % W
           + "".join("<w:p><w:r><w:t>第%d段。</w:t></w:r></w:p>" % i for i in range(100000)) + "</w:body></w:document>")
z.close()
z = zipfile.ZipFile("paras.odt", "w", zipfile.ZIP_DEFLATED)
z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
z.writestr("content.xml", '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
           + "".join("<text:p>第%d段。</text:p>" % i for i in range(100000)) + "</office:text></office:body></office:document-content>")
z.close()
PY
for f in renamed xxe bomb missing paras; do
    set +e
    msg=$(timeout 60 "$SI" -o out "$f.docx" 2>&1); rc=$?
    set -e
    [ $rc -eq 2 ] || { echo "$f.docx: exit $rc: $msg"; exit 1; }
    printf '%s\n' "$msg" | grep -q "^$f.docx: error: " || { echo "$f.docx: no message naming it: $msg"; exit 1; }
    [ ! -e out ] || { echo "$f.docx: something was written"; exit 1; }
done
msg=$("$SI" -o out paras.docx 2>&1 || true)
printf '%s\n' "$msg" | grep -qF 'paras.docx: error: word/document.xml: 100000 paragraphs, more than the 50000 a document may have (refused)' ||
    { echo "paras.docx: $msg"; exit 1; }
set +e
msg=$(timeout 60 "$SI" -o out paras.odt 2>&1); rc=$?
set -e
[ $rc -eq 2 ] && printf '%s\n' "$msg" | grep -qF 'paras.odt: error: content.xml: 100000 paragraphs, more than the 50000' &&
    [ ! -e out ] || { echo "paras.odt: exit $rc: $msg"; exit 1; }
