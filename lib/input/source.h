/* source — one standard's text: read, checked as UTF-8, normalised (BOM, CRLF),
 * split into front matter and body, with a line map for positions. */
#ifndef SK_SOURCE_H
#define SK_SOURCE_H

#include "diag/diag.h"
#include "base/common.h"

#define SK_SOURCE_MAX (256u << 20) /* larger inputs are refused, not parsed */
#define SK_SOURCE_COL_STEP 256u     /* sk_source_col counts at most twice this many bytes */

typedef struct sk_source {
    char *path;
    char *data;          /* normalised text, NUL-terminated */
    size_t len;
    size_t *line_start;  /* byte offset of each line; line N starts at line_start[N-1] */
    size_t nlines;
    uint32_t *cp_mark;   /* code points before every SK_SOURCE_COL_STEP-th byte, kept only
                          * when a line is longer than that (NULL otherwise) */
    int had_bom, had_crlf;
    int has_fm;          /* front matter present */
    size_t fm_off, fm_len; /* YAML text between the --- lines */
    int fm_line;         /* line of the first YAML line */
    size_t body_off;     /* first byte after the closing --- line */
    int body_line;
} sk_source;

/* Reads the standard at path: 1 with *out the source; 0 when the text cannot be
 * a standard (not UTF-8, UTF-16, a NUL byte, front matter never closed: an error
 * diagnostic in diags says where), *out NULL; -1 with err when the file cannot be
 * read (missing, a directory, too large), *out NULL. */
int sk_source_read(sk_source **out, const char *path, sk_diags *diags, sk_err *err);
/* The same from text in memory (copied), named path: 1 or 0 as above. */
int sk_source_make(sk_source **out, const char *path, const char *data, size_t len, sk_diags *diags);
void sk_source_free(sk_source *src);

/* 1-based code-point column of byte offset off on line (1-based), in bounded
 * time whatever the line's length (the marks of cp_mark). */
int sk_source_col(const sk_source *src, int line, size_t byte_in_line);
/* The last column sk_source_col_memo answered: the runs of a paragraph ask in
 * order along a line, so each counts on from the one before. Zero it first. */
typedef struct sk_colmemo {
    const sk_source *src;
    int line;
    size_t byte; /* at most the line's length */
    int col;
} sk_colmemo;
/* sk_source_col's answer, counting from m's column when it is earlier on the line. */
int sk_source_col_memo(const sk_source *src, sk_colmemo *m, int line, size_t byte_in_line);
/* Text of a line without its newline; *len gets its length. */
const char *sk_source_line(const sk_source *src, int line, size_t *len);
/* Line and byte column of a byte offset. */
void sk_source_pos(const sk_source *src, size_t off, int *line, size_t *byte_col);

/* Is the first line "---" (a standard, not a plain Markdown file)? Reads only the head. */
int sk_source_sniff(const char *path);

#endif
