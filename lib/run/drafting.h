/* drafting — the papers that go with a standard through 征求意见稿 → 送审稿 → 报批稿:
 * models built in code (model/build.h) that the writers lay out as papers
 * (layout.h's sk_layout_paper), as run/sysdoc builds the 标准体系表.
 *
 * The 编制说明 (sk_drafting_explanation), titled "《标准名称》（征求意见稿）编制说明"
 * (the stage the standard is at), in the outline of the national procedure
 * (the list ①–⑧ of the old 国家标准制修订程序 and the chapters the 编制说明 has under
 * the 国家标准管理办法 of 1990, as the local rules repeat them):
 *   一、工作简况
 *       （一）任务来源                 the proposer, owner and the system's place
 *       （二）起草单位和主要起草人     drafting_units, drafters
 *       （三）主要工作过程             the stage reached, the completion date, the
 *                                     consultation (circulated, deadline, the counts)
 *   二、编制原则和确定主要内容的论据   GB/T 1.1—2020; the 范围's first sentence and the
 *                                     chapters and annexes; with replaces:, the 前言's
 *                                     list of technical changes
 *   三、主要试验（或验证）情况
 *   四、与国际、国外同类标准技术内容的对比情况
 *   五、与有关法律、行政法规和其他标准的关系   the documents of chapter 2; the
 *                                     standards of the system that cite this one
 *   六、重大分歧意见的处理经过和依据   the comments partly or not adopted, with the
 *                                     reasons, from the consultation record
 *   七、贯彻标准的要求和措施建议
 *   八、废止现行有关标准的建议         replaces:, else 无。
 *   九、其他应予说明的事项
 * and the sign-off "《标准名称》标准起草组" and the date, right. What the authors
 * write goes first in each part: STEM.explanation.md beside the standard, a
 * Markdown file (no front matter) whose # headings name the parts (任务来源,
 * 起草单位, 工作过程, 编制原则, 试验, 国际, 法律, 分歧, 贯彻, 废止, 其他 …, matched by
 * those words; numbers and 一、 are allowed), with paragraphs, lists, tables and
 * ## sub-headings under them; a heading that names no part goes under 九 with a
 * warning. A part nobody wrote and nothing fills says "【待补充：…】" and is listed
 * in todo.
 *
 * The 征求意见汇总处理表 (sk_drafting_table), on A4 across: the title, the lines
 * "标准项目名称：《…》（number）" and "承办人：…　电话：…　YYYY年M月D日填写", the table
 *   序号 | 标准章条编号 | 意见内容 | 修改建议 | 提出单位 | 处理意见 | 备注
 * a row a comment in the order of the text (model/feedback.h), the 章条编号 of the
 * standard as it is now, 处理意见 "采纳", "部分采纳：理由", "未采纳：理由", 备注 the
 * record's note and, for a clause renumbered since, "征求意见稿为5.1"; then
 * "说明：" and the counts sentence (input/consult.h). */
#ifndef SK_DRAFTING_H
#define SK_DRAFTING_H

#include "input/catalog.h"
#include "input/consult.h"
#include "model/doc.h"

typedef struct sk_paper {
    sk_doc *doc;       /* the paper */
    sk_doc *own;       /* the authors' sections read (their blocks are in doc), or NULL */
    sk_vec todo;       /* char*: the parts left "【待补充】" */
} sk_paper;

typedef void (*sk_drafting_warn)(void *ctx, const sk_err *e);

/* The 编制说明 of doc: rec its consultation record (NULL: none yet), cat its
 * system's catalog (NULL: none), own_path the authors' sections (NULL or a file
 * that does not exist: none). A heading of own_path that names no part is warned
 * about through warn. -1 with err when own_path cannot be read. */
int sk_drafting_explanation(sk_paper *out, const sk_doc *doc, const sk_consult *rec, const sk_catalog *cat,
                            const char *own_path, sk_drafting_warn warn, void *ctx, sk_err *err);
/* The 征求意见汇总处理表 of doc from its record rec. */
void sk_drafting_table(sk_paper *out, const sk_doc *doc, const sk_consult *rec);
void sk_drafting_paper_free(sk_paper *p);

/* "SJDJ-TS-07-2019-民主评议党员规范-编制说明.docx" (what: 编制说明, 征求意见汇总处理表):
 * the standard's file name (layout/labels.h) with "-what" before the extension.
 * Caller frees. */
char *sk_drafting_name(const sk_doc *doc, const char *what, const char *ext);
/* STEM.explanation.md for the standard STEM.md. Caller frees. */
char *sk_drafting_own_path(const char *standard);

#endif
