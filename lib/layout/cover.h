/* cover — the fields of a standard's cover (GB/T 1.1—2020 8.1, Annex E), worded
 * once for both writers: ICS/CCS, the level banner, number, 代替 line, titles, the
 * draft stage, dates and issuer */
#ifndef SK_COVER_H
#define SK_COVER_H

#include <time.h>

#include "model/doc.h"
#include "input/system.h"

typedef struct sk_cover {
    char *ics;       /* "ICS 03.120.10", or NULL */
    char *ccs;       /* "CCS A00", or NULL */
    char *level;     /* banner: system.yaml `level`, else from the number's prefix; NULL when unknown;
                        a short one spaced out ("团　体　标　准") */
    int level_short; /* the banner is short: centred (a long one is spread across the width) */
    char *mark;      /* top right, where published covers put the logo and code: "GB", "DB41",
                        "T/ZSA", "Q/ABC", the system's code; NULL when none */
    char *number;    /* "SJDJ/TS 09—2019" ("" when the front matter has none) */
    char *replaces;  /* "代替 SJDJ/TS 09—2018", or NULL */
    char *title;     /* Chinese title, one line ("标准化工作导则　第1部分：…": metadata) */
    char *title_lines; /* as printed on the cover and the first body page: the elements of a
                          part's title on lines of their own ("标准化工作导则\n第1部分：…") */
    char *title_en;  /* English title, or NULL */
    char *stage;     /* "（征求意见稿）", "（送审稿）", "（报批稿）"; NULL for the 发布稿 or no stage */
    char *completed; /* draft covers: "（本稿完成日期：2019-05-18）", or NULL */
    char *patent;    /* draft covers: the patent-collection sentence, or NULL */
    char *issued;    /* "2019-06-28 发布" ("XXXX-XX-XX 发布" on a draft and when undated) */
    char *effective; /* "2019-07-01 实施" */
    char *issuer;    /* "中共郑州市上街区委组织部　发布" (issuer: front matter, else system.yaml) */
} sk_cover;

void sk_cover_build(sk_cover *c, const sk_doc *doc, const sk_system *sys);
/* The date a cover prints for a draft or an undated standard. */
#define SK_COVER_NO_DATE "XXXX-XX-XX"
/* A draft: the front matter gives a stage (征求意见稿 …) or status draft. Its cover
 * prints SK_COVER_NO_DATE for both dates and the 明细表 no 实施日期. */
int sk_cover_is_draft(const sk_doc *doc);
/* The cover fields of a form document (sk_form_copies): the standard's, titled
 * with the form annex's title (a form document has no cover page, but its
 * metadata takes the title and number from here). */
void sk_cover_build_form(sk_cover *c, const sk_doc *doc, const sk_node *form, const sk_system *sys);
void sk_cover_free(sk_cover *c);
/* The dates a document's metadata carries (docProps/core.xml, meta.xml): created is
 * the issue date (else the build time), modified SOURCE_DATE_EPOCH when it is set
 * (else created). Never the wall clock: the same input gives the same bytes. */
void sk_cover_times(const sk_doc *doc, time_t *created, time_t *modified);
/* Banner for a standard number: GB, GB/T → 中华人民共和国国家标准; GB/Z → …指导性技术文件;
 * DB41 → 河南省地方标准 (DB alone → 地方标准); T/ → 团体标准; Q/ → 企业标准. A number of
 * the system (its code as prefix) takes the system's `level`. NULL when unknown. Caller frees. */
char *sk_cover_banner(const char *number, const sk_system *sys);

#endif
