/* rules — GB/T 1.1—2020 structure and wording checks over one standard's model
 * (element order, mandatory elements, fixed sentences, hanging paragraphs, note and
 * example labels, modal verbs in the wrong place, term entries). Each check cites
 * its clause in rules.def. */
#ifndef SK_RULES_H
#define SK_RULES_H

#include "doc.h"

/* Runs every structure and wording check on doc. */
void sk_rules_check(const sk_doc *doc, sk_diags *d);

/* Modal verbs (GB/T 1.1—2020 Annex C), as kinds of provision. */
enum {
    SK_MODAL_REQUIRE = 1,   /* 应, 不应, 应当, 应该, 必须 */
    SK_MODAL_RECOMMEND = 2, /* 宜, 不宜 */
    SK_MODAL_PERMIT = 4,    /* 可 (as permission), 可以, 不必 */
    SK_MODAL_STRONG = 8     /* 必须, 不得, 不可, 禁止: forms GB/T 1.1 replaces by 应/不应 */
};

/* Finds the next modal verb of one of kinds in s[from..len), skipping words that
 * merely contain the character (相应, 应急, 可能, 许可, 适宜, 必不可少 …) and text
 * inside 《》 and “” quotes. Returns its kind and sets *start and *mlen (bytes), or 0. */
int sk_modal_find(const char *s, size_t len, size_t from, int kinds, size_t *start, size_t *mlen);

/* Text helpers shared with xref: is the code point c one of the characters of set (a
 * UTF-8 string)? Does s[pos..len) start with one of the '|'-separated words of words? */
int sk_cp_in(uint32_t c, const char *set);
int sk_starts_any(const char *s, size_t len, size_t pos, const char *words);
/* s with spaces (ASCII and U+3000) removed and dashes before a year made em dashes,
 * for comparing with fixed sentences and titles. Caller frees. */
char *sk_squeeze(const char *s);

#endif
