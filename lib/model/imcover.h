/* imcover — the front matter of a foreign document, from what its cover and its
 * 前言 say (stdimport, model/import.h): number, titles (a part's split off), ICS/CCS,
 * dates, issuer, replaces, stage and completion date from the cover's paragraphs,
 * by their style's role or by their text; proposer, owner, drafting units,
 * drafters and group from the 前言's fixed sentences; category and status when
 * nothing gave them. The level banner and the patent note, which stdgen prints
 * from the number and the stage, are taken and left out. */
#ifndef SK_IMCOVER_H
#define SK_IMCOVER_H

#include "input/system.h"
#include "model/doc.h"
#include "model/imstyle.h"

typedef struct sk_imcover {
    sk_doc *doc;          /* the model whose front matter is filled */
    const sk_system *sys; /* for the category and the group, or NULL */
    int seen_number;      /* the number was read: the lines after it are titles */
} sk_imcover;

/* Sets the field k to v unless it has a value or v is empty. */
void sk_imcover_set(sk_imcover *c, sk_meta_key k, const char *v);

/* One paragraph of the cover: its text (trimmed) and its style's role. Returns 1
 * when it gave a field or is printed from one, 0 when it is nothing of the cover. */
int sk_imcover_para(sk_imcover *c, sk_imrole role, const char *text);

/* The 前言 as written: fw its section in c->doc, text its paragraphs' text a line
 * each. Its fixed sentences give their fields; when it is word for word the 前言
 * stdgen generates from them, it is taken out of the model and freed (returns 1),
 * else it stays where it is (returns 0). */
int sk_imcover_foreword(sk_imcover *c, sk_node *fw, const char *text);

/* After the walk: a part's title split ("title　第N部分：part" and "—Part N: "), the
 * category (the system's, from the number; without a system none), the status
 * (draft with a stage); notes gets "paragraph 0: …" for a number or a title not
 * found. */
void sk_imcover_finish(sk_imcover *c, sk_vec *notes);

#endif
