/* mddialect — Markdown written by other tools (pandoc from DOCX, PDF extraction
 * such as MinerU or PaddleOCR, md2std, md2pdf, hand-written in Typora) normalised
 * into canonical stdkit source (docs/format.md), keeping everything it does not
 * recognise as it is. Fenced code blocks are left alone. What it does, by habit
 * (docs/import.md lists them with the tools they come from):
 *   - front matter: other tools' keys mapped to stdkit's (md2std's publish_date,
 *     foreword.proposer …, md2pdf's 标准号, 中文名称 …); keys with no stdkit field
 *     left out (those that hold text, such as md2std's replace_changes, kept as a
 *     YAML comment); the status supplied when missing. Without front
 *     matter, one is made from the cover lines (number, titles, dates, ICS/CCS,
 *     issuer, replaces);
 *   - the 目次 dropped (stdgen generates it), and the standard's title repeated as
 *     a heading before chapter 1;
 *   - headings: a heading with a number takes the level of the number ("## 5.1",
 *     "# 1. 范围", "### C. 1"); 前言, 引言, 参考文献, 索引 and annexes are level 1,
 *     letter-spaced ones ("前 言", "附 录 A") closed up; unnumbered headings keep
 *     their place relative to the numbered one above, or, in a document with no
 *     numbers, are moved up when none is at level 1;
 *   - annexes written over two or three headings or lines ("附录 A" /
 *     "（资料性附录）" / title) made one "# 附录A（资料性）title" heading;
 *   - terms: a term entry's number alone ("## 3.1", "#### 3.1.1", "3.1") takes its
 *     term from the line after it, heading or not ("监管链 global regulation
 *     blockchain"), the English equivalent written as its own paragraph; term
 *     sources in ASCII or GB/T 1.1—2009 form rewritten as [来源：…，…];
 *   - clauses written as paragraphs or bold lines with the next number
 *     ("5.1.1.1 text", "**5.2.1 登记**", "**5.2.2** text") made untitled clauses
 *     ("§5.1.1.1 text") or headings when the text is a title;
 *   - formulas: " $$ … $$ " trimmed, a number written after them or on the next
 *     line ("……(A.2)") kept as the formula's number, a lost one taken from the
 *     sentence before that cites it, a line of inline pieces and a number made one
 *     display formula (the TeX itself is kept: the reader takes what real
 *     standards write); inline " $ x $ " closed up; 式中 entries "v1 ——…" and
 *     "$$H$$ ——…" made lines of the 式中 paragraph, "$v_{1}$——…" when the formula
 *     writes v_{1}; "注 $ ^{1} $ ：" → "注1："; "表 A.1", "图 1", "附录 B",
 *     "公式 (A.2)" closed up, "下式(B.3)" → "公式(B.3)"; pandoc's m^3^ and H~2~O
 *     as ³ and ₂;
 *   - HTML: text-only <div>/<p>/<center> lines (centred captions) as text,
 *     md2std's <eq>TeX</eq> as $TeX$;
 *   - md2std: "{无标题条:N} text" → "§ text", "{{std:GB/T 1}}" → the number,
 *     "{{tbl:id:label}}" → "[](#tbl:id)", "{表：#tbl:id} title" → "表：title
 *     {#tbl:id}", introduction: in the front matter → the # 引言 section.
 * Every change is reported as a note with the line it was made at. */
#ifndef SK_MDDIALECT_H
#define SK_MDDIALECT_H

#include "base/common.h"

/* Larger inputs are refused (a standard's text is a few hundred KB). */
#define SK_MDDIALECT_MAX (16u << 20)

/* Normalises text[0..len) (UTF-8, without NUL bytes: the caller checked) and
 * appends the canonical source to out; notes gets "paragraph N: …" strings (N:
 * the line of the input). Cannot fail. */
void sk_mddialect_convert(sk_buf *out, sk_vec *notes, const char *text, size_t len);

/* Reads path (at most SK_MDDIALECT_MAX bytes) and converts it as above. -1 with
 * err when the file cannot be read or is not UTF-8 text (err names the line). */
int sk_mddialect_read(sk_buf *out, sk_vec *notes, const char *path, sk_err *err);

#endif
