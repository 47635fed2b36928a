/* The standard both writers' unit tests render (test_docx.c, test_odt.c): chapters and
 * clauses, a term, lists, a table with notes, references, text XML cannot hold as it
 * is, double spaces, and a form annex with fields, a repeated row and a cut line. */
#ifndef SK_TEST_WRITER_STD_H
#define SK_TEST_WRITER_STD_H

#include "helpers.h"
#include "model/assets.h"
#include "xpath.h"

static const char STD[] = FM
    "# 范围\n\n本文件规定了测试。\n\n"
    "# 规范性引用文件\n\n本文件没有规范性引用文件。\n\n"
    "# 术语和定义\n\n下列术语和定义适用于本文件。\n\n"
    "## 测试术语 {#t-test}\n\ntest term\n\n用于测试的术语。\n\n"
    "# 总体要求\n\n"
    "## 原则\n\n内容<&]]>\x01结束。\n\n"
    "## 组织\n\n- 第一项；\n  - 子项；\n- 第二项。\n\n1. 甲；\n2. 乙。\n\n"
    "# 活动要求 {#req}\n\n"
    "## 一般要求\n\n按[](#req-2)的规定，见表1和[](#annex-a)。两个空格：a  b。\n\n注：单独的注。\n\n"
    "## 具体要求 {#req-2}\n\n表：活动记录 {#tab-rec}\n\n| 日期 | 主题 |\n|---|---|\n| 1月 | 谋划 |\n\n"
    "注1：第一个注。\n\n注2：第二个注。\n\n"
    "# 附录A（规范性）记录表 {#annex-a form=rec}\n\n"
    "编号：{{card_no}}\n\n"
    "表：登记 {#tab-reg}\n\n| 序号 | 姓名 |\n|---|---|\n| {{#members}}{{seq}} | {{name}}{{/members}} |\n\n"
    "***\n\n回执：{{name}}\n";

/* A table whose dates do not fit a portrait page (twelve columns of 2019-07-01) between
 * a narrow one and a paragraph: it goes on a landscape page, the rest stays portrait. */
static const char WIDE[] = FM "# 范围\n\n本文件规定了测试。\n\n# 要求\n\n表：窄表 {#tab-n}\n\n| 项目 | 要求 |\n|---|---|\n"
                           "| 甲 | 乙 |\n\n表：日期 {#tab-d}\n\n"
                           "| 一 | 二 | 三 | 四 | 五 | 六 | 七 | 八 | 九 | 十 | 十一 | 十二 |\n"
                           "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                           "| 2019-07-01 | 2019-07-02 | 2019-07-03 | 2019-07-04 | 2019-07-05 | 2019-07-06 | 2019-07-07 "
                           "| 2019-07-08 | 2019-07-09 | 2019-07-10 | 2019-07-11 | 2019-07-12 |\n\n"
                           "日期按表2填写。\n";

/* The same table as the last annex, a form with a line above and below: the annex as a
 * whole on landscape pages, the end rule with it. */
static const char WIDE_ANNEX[] = FM "# 范围\n\n本文件规定了测试。\n\n# 附录A（规范性）日期汇总表 {#annex-a}\n\n"
                                 "填报单位：\n\n表：日期 {#tab-d}\n\n"
                                 "| 一 | 二 | 三 | 四 | 五 | 六 | 七 | 八 | 九 | 十 | 十一 | 十二 |\n"
                                 "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                                 "| 2019-07-01 | 2019-07-02 | 2019-07-03 | 2019-07-04 | 2019-07-05 | 2019-07-06 "
                                 "| 2019-07-07 | 2019-07-08 | 2019-07-09 | 2019-07-10 | 2019-07-11 | 2019-07-12 |\n\n"
                                 "填表人：\n";

/* The parts around a table and a figure (GB/T 1.1—2020 9.7, 9.8) both writers print:
 * a unit statement, a footnote marker and its footnote after the table's note, a
 * figure of two subfigures with a unit statement, a key, a note and a footnote, and
 * an example of two paragraphs. */
static const char PARTS[] = FM
    "# 范围\n\n本文件规定了测试，见表1和图1。\n\n"
    "# 要求\n\n"
    "表：尺寸\n\n单位为毫米\n\n| 项目 | 数 |\n|---|---|\n| 门牌<sup>a</sup> | 300 |\n\n"
    "注：数为外框尺寸。\n\n<sup>a</sup> 门牌应采用金属材质。\n\n"
    "门牌样式如下。\n\n"
    "单位为米\n\n![a) 正面](a.png)\n\n![b) 侧面](b.png)\n\n图：门牌 {#fig-a}\n\n"
    "标引序号说明：\n\n- 1——底座。\n\n注：见表1。\n\na　仅适用于临街门牌。\n\n"
    "> 示例：第一段。\n>\n> 第二段。\n";

/* Assets for the subfigures of doc (the 1x1 PNG header each), as sk_assets_load makes them. */
static inline void parts_assets(const sk_doc *doc, sk_asset a[2], sk_assets *as)
{
    size_t n = 0;
    for (const sk_node *k = doc->root; k && n < 2; k = sk_node_walk_next(doc->root, k, 1))
        if (k->type == SK_N_SUBFIGURE) {
            memset(&a[n], 0, sizeof a[n]);
            a[n].fig = k;
            a[n].data = (unsigned char *)PNG;
            a[n].len = sizeof PNG;
            a[n].index = (unsigned)n + 1;
            sk_err err;
            assert_int_equal(sk_image_probe(&a[n].info, PNG, sizeof PNG, &err), 0);
            n++;
        }
    assert_int_equal((int)n, 2);
    as->v = a;
    as->n = n;
}

#endif
