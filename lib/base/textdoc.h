/* textdoc — an editor's copy of a text: its bytes, where each line starts, and
 * positions in the three ways editors count columns (UTF-8 bytes, UTF-16 code
 * units, code points), with edits applied in place. Line ends are LF, CRLF or a
 * lone CR, as the Language Server Protocol counts them; a position past the end
 * of a line is taken as the end of that line, one past the last line as the end
 * of the text. */
#ifndef SK_TEXTDOC_H
#define SK_TEXTDOC_H

#include <stddef.h>

typedef enum { SK_TEXTDOC_UTF8, SK_TEXTDOC_UTF16, SK_TEXTDOC_UTF32 } sk_textdoc_enc;

typedef struct sk_textdoc {
    char *data;        /* NUL-terminated */
    size_t len, cap;
    size_t *line_start; /* byte offset of line i (0-based) */
    size_t nlines, lcap;
} sk_textdoc;

void sk_textdoc_init(sk_textdoc *t);
void sk_textdoc_free(sk_textdoc *t);
/* Replaces the whole text. */
void sk_textdoc_set(sk_textdoc *t, const char *data, size_t len);
/* Replaces bytes [from, to) (clamped to the text) with text[0..n). */
void sk_textdoc_edit(sk_textdoc *t, size_t from, size_t to, const char *text, size_t n);

/* Bytes of line (0-based) without its line end; "" past the last line. */
const char *sk_textdoc_line(const sk_textdoc *t, size_t line, size_t *len);
/* Byte offset of (line, character counted in enc); clamped as the header says. */
size_t sk_textdoc_offset(const sk_textdoc *t, size_t line, size_t character, sk_textdoc_enc enc);
/* Line and character (in enc) of byte offset off (moved back to the start of a
 * UTF-8 sequence, and out of a CRLF pair). */
void sk_textdoc_position(const sk_textdoc *t, size_t off, sk_textdoc_enc enc, size_t *line, size_t *character);
/* The character count (in enc) of bytes s[0..n). */
size_t sk_textdoc_units(const char *s, size_t n, sk_textdoc_enc enc);
/* The byte length of the first `units` characters (in enc) of s[0..n) (n at most). */
size_t sk_textdoc_bytes(const char *s, size_t n, size_t units, sk_textdoc_enc enc);

#endif
