# stdimport on documents made the way Word and LibreOffice users make them
# (tests/e2e/stdimport_word.py): the GB/T template's 标准文件_ style names with the
# numbers from lists tied to the styles (章 at ilvl 1, as the SET/md2std templates);
# plain Normal paragraphs numbered by Word's automatic multilevel numbering only;
# LibreOffice's DOCX of an ODT with outline (chapter) numbering, and that ODT. For
# each, the outline stdimport --check prints is compared whole — every clause number
# and title, the annex, every table and figure caption, every reference as it prints
# and whether it resolves — and the source written must be clean for stdcheck, its
# references links to the elements they name.
set -eu
SI=$ROOT/$BUILD/stdimport
SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$W"
/usr/bin/python3 -c 'import docx, odf' 2>/dev/null || { echo "python3-docx or python3-odf is not installed"; exit 77; }
command -v soffice >/dev/null || { echo "LibreOffice is not installed"; exit 77; }
/usr/bin/python3 "$ROOT/tests/e2e/stdimport_word.py" "$W"
timeout 120 env -u VALGRIND soffice "-env:UserInstallation=file://$W/profile" --headless --convert-to docx --outdir "$W" outline.odt >/dev/null 2>&1 || true
[ -f outline.docx ] || { echo "LibreOffice made no DOCX of outline.odt"; exit 1; }

outline() { # FILE EXPECTED: the --check outline, whole
    got=$("$SI" --check "$1" 2>/dev/null) || { echo "$1: stdimport --check failed"; exit 1; }
    [ "$got" = "$2" ] || { echo "$1: the outline differs:"; diff <(printf '%s\n' "$2") <(printf '%s\n' "$got"); exit 1; }
}
imported() { # FILE OUT.md: imported, and clean
    "$SI" -q -o "$2" "$1"
    out=$("$SC" --no-system -q "$2" 2>&1) || { echo "stdcheck finds errors in $2 (from $1):"; echo "$out"; exit 1; }
}
must() { grep -qxF -- "$2" "$1" || { echo "$1 lacks the line: $2"; sed -n 1,200p "$1"; exit 1; }; }

outline template.docx "template.docx:
number: T/TPL 007—2025
title: 社区服务站点建设规范
title_en: Specification for construction of community service stations
status: current
issued: 2025-03-01
effective: 2025-04-01
issuer: 某某服务协会
proposer: 某某服务协会
owner: 某某服务协会
前言
1　范围
2　规范性引用文件
3　术语和定义
  3.1　社区服务站点
4　建设要求
  4.1　场所
    表1　站点设施 (2×3)
  4.2　标识
    4.2.1　门牌
      图1　门牌样式 [figures/template-1.png]
    4.2.2　指示牌
5　管理要求
附录A（规范性）设施登记
  A.1　登记内容
    表A.1　登记项目 (2×2)
  A.2　登记周期
参考文献
references: 表1, 图1, 4.1, 附录A, 表A.1
2 tables, 1 figures (1 images), 0 formulas, 5 references (0 unresolved), 2 standards cited"
imported template.docx template.md
# the hyperlink to the caption's bookmark and the REF field to the clause's: links
for l in '站点的设施见[](#tbl-1)。' '表1：站点设施 {#tbl-1}' '## 4.1 场所 {#sec-4-1}' \
         '门牌样式见图1，位置应符合[](#sec-4-1)的规定。' '![门牌样式](figures/template-1.png)' \
         '1. 使用面积不小于60平方米；' '2. 设在一层。' '- 站点名称；' '- 开放时间。' '注：设施按使用面积配置。' \
         '# 附录A（规范性）设施登记' '## 3.1 社区服务站点' 'community service station' \
         '- GB/T 37276—2018　养老机构等级划分与评定'; do must template.md "$l"; done
[ -f figures/template-1.png ] || { echo "the figure's image was not written"; exit 1; }

outline autonum.docx "autonum.docx:
number: T/AUTO 003—2025
title: 自动编号服务规范
title_en: Service specification numbered automatically
status: current
issued: 2025-05-01
effective: 2025-06-01
proposer: 某某协会
owner: 某某协会
前言
1　范围
2　规范性引用文件
3　术语和定义
4　服务要求
  4.1　人员
    4.1.1（无标题条）
    4.1.2（无标题条）
  4.2　场所
    表1　场所要求 (2×2)
5　评价
  5.1　方法
    图1　评价记录卡 [figures/autonum-1.png]
  5.2　结果
附录A（规范性）评价方法
  A.1　评价准备
  A.2　评价实施
references: 表1, 附录A, 图1, 4.1, 5.1
1 tables, 1 figures (1 images), 0 formulas, 5 references (0 unresolved), 1 standards cited"
imported autonum.docx autonum.md
for l in '§4.1.1 服务人员应持证上岗。' '§4.1.2 服务人员应每年培训一次，培训内容包括：' '1. 服务规范；' '1. 人员；' \
         '评价按附录A进行，结果记入图1所示的记录卡，评价内容见4.1。' '# 附录A（规范性）评价方法' '## A.2 评价实施'; do
    must autonum.md "$l"; done

lo="number: T/LO 005—2025
title: 大纲编号管理规范
title_en: Management specification with outline numbering
status: current
issued: 2025-07-01
effective: 2025-08-01
1　范围
2　规范性引用文件
3　术语和定义
4　管理要求
  4.1　制度
    表1　管理制度 (2×3)
  4.2　档案
    4.2.1　归档
    4.2.2　保管
5　检查
  图1　检查记录 [figures/outline-1.png]
附录A（资料性）检查记录示例
  表A.1　检查记录 (2×2)
references: 表1, 4.2.2, 表1, 图1, 附录A, 表A.1
2 tables, 1 figures (1 images), 0 formulas, 6 references (0 unresolved), 0 standards cited"
outline outline.docx "outline.docx:
$lo"
outline outline.odt "outline.odt:
$lo"
imported outline.docx lo-docx.md
imported outline.odt lo-odt.md
# the two readers give the same source (the figure's name aside)
diff <(sed 's/lo-docx-1/X/' lo-docx.md) <(sed 's/lo-odt-1/X/' lo-odt.md) || { echo "DOCX and ODT of one document differ"; exit 1; }
for l in '- 防潮；' '1. 制度执行情况；' '2. 档案保管情况。' '档案应按4.2.2的规定保管，保管期限见表1。'; do must lo-docx.md "$l"; done
