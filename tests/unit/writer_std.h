/* The standard both writers' unit tests render (test_docx.c, test_odt.c): chapters and
 * clauses, a term, lists, a table with notes, references, text XML cannot hold as it
 * is, double spaces, and a form annex with fields, a repeated row and a cut line. */
#ifndef SK_TEST_WRITER_STD_H
#define SK_TEST_WRITER_STD_H

#include "helpers.h"

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

#endif
