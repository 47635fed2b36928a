/* consult — a standard's consultation record (征求意见记录): the comments received
 * on a draft, each with the clause it is on and how it was handled, in one YAML
 * file beside the standard (STEM.comments.yaml beside STEM.md), reviewable in git:
 *
 *   standard: SJDJ/TS 07—2019      # the standard it is the record of (its number)
 *   stage: 征求意见稿               # the draft the comments were made on
 *   circulated: 2019-03-01          # sent out for comment on …
 *   deadline: 2019-03-31            # … replies asked for by
 *   sent: 12                        # 发送征求意见稿的单位数, or the list of the units
 *   replies: [上街区卫生健康委员会]   # units that replied without comments (回函，无意见)
 *   handler: 王丽                   # 承办人, phone: 电话, date: 填表日期 (汇总处理表)
 *   comments:
 *     - unit: 上街区民政局          # 提出单位 (required)
 *       clause: "5.2"               # the 章条编号 in the draft commented on
 *       anchor: [活动内容, 固定内容] # the clause's path (model/clause.h): survives renumbering
 *       quote: 每月固定一天          # the words the comment was on
 *       comment: …                  # 意见内容 (required)
 *       proposal: …                 # 修改建议
 *       handling: 采纳              # 采纳 | 部分采纳 | 未采纳 (不采纳 reads as 未采纳); none: not yet
 *       reason: …                   # 处理意见的理由 (部分采纳 and 未采纳 need one)
 *       note: …                     # 备注
 *       author: 张三                # who wrote it and when (a Word comment's author and date)
 *       date: 2019-03-10
 *       source: review.docx#3       # where it was imported from (import skips what it has)
 *
 * A comment on the document as a whole has no anchor and clause 全文 (or none).
 * stdcomment(1) writes and extends the file; its author edits it (handling,
 * reason); stdcheck checks it with the standard and stdgen prints it as the
 * 征求意见汇总处理表 and in the 编制说明. */
#ifndef SK_CONSULT_H
#define SK_CONSULT_H

#include "diag/diag.h"
#include "input/meta.h"

#define SK_CONSULT_MAX_FILE (16u << 20)
#define SK_CONSULT_SUFFIX ".comments.yaml"

typedef enum { SK_HANDLE_NONE, SK_HANDLE_ADOPTED, SK_HANDLE_PARTLY, SK_HANDLE_REJECTED } sk_handling;

typedef struct sk_consult_comment {
    char *unit, *clause, *quote, *comment, *proposal, *reason, *note, *author, *date, *source;
    sk_strlist anchor;   /* empty: none (a comment on the whole text, or tied to its number only) */
    sk_handling handling;
    int line, col;       /* the entry */
    int handling_line, handling_col, anchor_line, anchor_col; /* where those keys are (0: absent) */
} sk_consult_comment;

typedef struct sk_consult {
    char *path;
    char *standard, *stage, *circulated, *deadline, *handler, *phone, *date;
    long sent;           /* units the draft was sent to; -1 not said */
    sk_strlist sent_units; /* when sent: is the list of them */
    sk_strlist replies;  /* units that replied without comments */
    sk_consult_comment *v;
    size_t n;
    int line_standard, line_stage, line_sent; /* where the keys are (0: absent) */
    /* where sk_consult_append puts new comments: the comments: key's line (0:
     * absent), whether its value is empty (null or []), the line of the top-level
     * key after it (0: none), the column of the dashes of its items (1-based) */
    int key_line, key_empty, next_key_line, dash_col;
} sk_consult;

/* The counts of the 汇总处理表's sentence. */
typedef struct sk_consult_counts {
    long sent;           /* -1: not said */
    size_t replied;      /* units that replied: with comments, or in replies */
    size_t with_comments;/* units with at least one comment */
    size_t comments, adopted, partly, rejected, pending;
} sk_consult_counts;

/* "STEM.comments.yaml" for the standard "STEM.md" (or STEM + the suffix). Caller frees. */
char *sk_consult_path_of(const char *standard);

/* Reads the record at path: 1 read (*out set; what is wrong in it is a
 * diagnostic, comment-record or comment-key, and the rest is read), 0 no such
 * file (*out NULL), -1 it cannot be read (err names it). */
int sk_consult_load(sk_consult **out, const char *path, sk_diags *d, sk_err *err);
void sk_consult_free(sk_consult *c);

void sk_consult_counts_of(sk_consult_counts *out, const sk_consult *c);
/* The counts as the 汇总处理表 says them: "共发送征求意见稿12个单位，收到回函9个，其中有
 * 意见的7个，共提出意见23条，采纳15条，部分采纳4条，未采纳4条。" (the record's stage
 * for 征求意见稿; "　　" where sent is not said; "，尚未处理N条" before the stop while
 * comments wait). Caller frees. */
char *sk_consult_counts_text(const sk_consult_counts *k, const char *stage);
/* "采纳", "部分采纳", "未采纳", "" */
const char *sk_consult_handling_name(sk_handling h);
/* True for a clause that names the whole text: "", 全文, 总体, 整体, 通篇, 全稿, 总体意见,
 * 封面, 目次, 标准名称, 名称, "—". */
int sk_consult_is_general(const char *clause);

/* A new record's head (standard, stage, and sent/replies to fill in) and its
 * `comments:` key. Caller frees. */
char *sk_consult_head(const char *number, const char *stage);
/* Appends comment c as an item of the comments list whose dashes stand at column
 * dash_col (1-based) to b, every key that has a value, in the order above. */
void sk_consult_put(sk_buf *b, const sk_consult_comment *c, int dash_col);
/* The record's text (as read from c->path, len bytes) with items (new items as
 * sk_consult_put writes them at c->dash_col) added at the end of its comments list,
 * everything else as it was: the author's own lines and # comments stay. Caller
 * frees. */
char *sk_consult_append(const sk_consult *c, const char *text, size_t len, const char *items);

#endif
