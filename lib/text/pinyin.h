/* pinyin — the order of Chinese words by 汉语拼音 for the 索引, without a locale.
 *
 * GB 2312's level-1 汉字 (3755 characters, rows 16–55) are ordered by pinyin, so a
 * word converted to GB 2312 (glibc's iconv, which needs no zh_CN locale) sorts by
 * pinyin byte by byte, and a character's initial letter is found by the code at
 * which each letter starts (啊 B0A1 A, 芭 B0C5 B, … 匝 D4D1 Z). Level-2 汉字
 * (ordered by radical) and characters outside GB 2312 have no letter: they sort
 * after the letters and group under "其他". Latin letters and digits sort first,
 * letters without case. */
#ifndef SK_PINYIN_H
#define SK_PINYIN_H

/* Sort key of s (compare with strcmp). Caller frees. */
char *sk_pinyin_key(const char *s);
/* Initial letter of s's first character: 'A'..'Z' for a Latin letter or a level-1
 * 汉字, 0 otherwise (digits, level-2 汉字, other scripts). */
char sk_pinyin_letter(const char *s);

#endif
