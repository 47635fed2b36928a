/* zh — Chinese text as GB/T 1.1 reads it: character sets, word lists, the modal
 * verbs of provisions (GB/T 1.1—2020 Annex C) with the words that merely contain
 * their characters, and text squeezed for comparing with fixed sentences. */
#ifndef SK_ZH_H
#define SK_ZH_H

#include <stddef.h>
#include <stdint.h>

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
int sk_zh_modal_find(const char *s, size_t len, size_t from, int kinds, size_t *start, size_t *mlen);

/* Is the code point c one of the characters of set (a
 * UTF-8 string)? Does s[pos..len) start with one of the '|'-separated words of words? */
int sk_zh_cp_in(uint32_t c, const char *set);
int sk_zh_starts_any(const char *s, size_t len, size_t pos, const char *words);
/* s with spaces (ASCII and U+3000) removed and dashes before a year made em dashes,
 * for comparing with fixed sentences and titles. Caller frees. */
char *sk_zh_squeeze(const char *s);
/* Byte length of the space at s (ASCII space, tab or U+3000), 0 when none. */
size_t sk_zh_space(const char *s);
/* The same for any white space a document puts between words: ASCII space, tab,
 * newline, U+3000, NO-BREAK SPACE. */
size_t sk_zh_blank(const char *s);
/* s without its white space (sk_zh_blank), nothing else changed: "前　　言" →
 * "前言". Caller frees. */
char *sk_zh_unspace(const char *s);
/* Does s hold a Han character? */
int sk_zh_has_han(const char *s);

#endif
