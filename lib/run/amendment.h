/* amendment — a standard's 修改单 (amendment sheet): a model built in code
 * (model/build.h) that the writers lay out as a single sheet (layout.h's
 * sk_layout_sheet), as run/sysdoc builds the 标准体系表. Its parts, as published
 * sheets have them:
 *   the title, two centred lines: "SJDJ/TS 04—2019《“5+X”党员活动日》" and
 *     "上街区社区党建标准第1号修改单" (the kind from the number: 国家标准, 地方标准,
 *     团体标准, 企业标准, 行业标准, or the system's `level`);
 *   the approval line: "本修改单经<issuer>于2022年3月1日批准发布，自2022年4月1日起
 *     实施。" (the amendment's date and effective date; issuer from the front
 *     matter, else system.yaml);
 *   the items, numbered 一、二、…: an amendment's `changes:` as written, else
 *     worded from the comparison of the text before it (its `source:`) with the
 *     standard, in the numbers of the text the sheet amends:
 *       一、5.3　活动时长            (a changed clause, then one line per change:)
 *       将“……不少于2小时……”修改为“……不少于3小时……”。
 *       将表2中的“85%”修改为“90%”。  删除“……”。  在“……”后增加一段：“……”。
 *       二、在9.2后增加9.3：          (followed by the clause as the standard has it)
 *       三、删除8.2。
 *       四、原8.3改为8.2。            (renumberings of neighbours, one item)
 *     A table, figure or formula added or replaced is quoted whole. */
#ifndef SK_AMENDMENT_H
#define SK_AMENDMENT_H

#include "input/system.h"
#include "model/diff.h"
#include "model/doc.h"

/* The 修改单 of doc for its amendment a (one of doc->meta->amend): from a's
 * changes when it has them, else from d (the text before a → doc; NULL only when
 * a has changes). sys gives the default issuer and the system's level (may be
 * NULL). Free with sk_doc_free. */
sk_doc *sk_amendment_build(const sk_doc *doc, const sk_amend *a, const sk_diff *d, const sk_system *sys);

/* The file name: the standard's (labels.h) with "-第N号修改单" before the extension. */
char *sk_amendment_name(const sk_doc *doc, const sk_amend *a, const char *ext);

#endif
