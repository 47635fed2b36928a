#include "input/source.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fs.h"

static void build_lines(sk_source *s)
{
    size_t n = 1;
    const char *d = s->data, *end = d + s->len;
    for (const char *p = d; (p = memchr(p, '\n', (size_t)(end - p))); p++)
        n++;
    s->line_start = sk_malloc(n * sizeof *s->line_start);
    s->line_start[0] = 0;
    s->nlines = 1;
    size_t longest = 0;
    for (const char *p = d; (p = memchr(p, '\n', (size_t)(end - p))); p++) {
        size_t at = (size_t)(p - d), l = at - s->line_start[s->nlines - 1];
        longest = l > longest ? l : longest;
        s->line_start[s->nlines++] = at + 1;
    }
    longest = s->len - s->line_start[s->nlines - 1] > longest ? s->len - s->line_start[s->nlines - 1] : longest;
    /* Columns are asked for every inline node: counting from the start of the line
     * each time would make one long line quadratic. Marks every COL_STEP bytes bound
     * the count; short lines (every real one) need none. */
    if (longest > SK_SOURCE_COL_STEP) {
        size_t nm = s->len / SK_SOURCE_COL_STEP + 1;
        s->cp_mark = sk_malloc(nm * sizeof *s->cp_mark);
        uint32_t c = 0;
        for (size_t k = 0; k < nm; k++) {
            s->cp_mark[k] = c;
            size_t a = k * SK_SOURCE_COL_STEP, b = a + SK_SOURCE_COL_STEP < s->len ? a + SK_SOURCE_COL_STEP : s->len;
            c += (uint32_t)sk_utf8_count(s->data + a, b - a);
        }
    }
}

/* Code points before byte off of the text, through the marks. */
static size_t cp_before(const sk_source *s, size_t off)
{
    size_t k = off / SK_SOURCE_COL_STEP;
    return s->cp_mark[k] + sk_utf8_count(s->data + k * SK_SOURCE_COL_STEP, off - k * SK_SOURCE_COL_STEP);
}

void sk_source_pos(const sk_source *s, size_t off, int *line, size_t *byte_col)
{
    size_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (s->line_start[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (int)lo + 1;
    *byte_col = off - s->line_start[lo];
}

const char *sk_source_line(const sk_source *s, int line, size_t *len)
{
    if (line < 1 || (size_t)line > s->nlines) {
        *len = 0;
        return "";
    }
    size_t a = s->line_start[line - 1];
    size_t b = (size_t)line < s->nlines ? s->line_start[line] - 1 : s->len;
    *len = b - a;
    return s->data + a;
}

int sk_source_col(const sk_source *s, int line, size_t byte_in_line)
{
    size_t len;
    const char *p = sk_source_line(s, line, &len);
    if (byte_in_line > len)
        byte_in_line = len;
    if (byte_in_line <= SK_SOURCE_COL_STEP || !s->cp_mark)
        return (int)sk_utf8_count(p, byte_in_line) + 1;
    size_t a = (size_t)(p - s->data);
    return (int)(cp_before(s, a + byte_in_line) - cp_before(s, a)) + 1;
}

int sk_source_col_memo(const sk_source *s, sk_colmemo *m, int line, size_t byte_in_line)
{
    size_t len;
    const char *p = sk_source_line(s, line, &len);
    if (byte_in_line > len)
        byte_in_line = len;
    int col;
    if (m->src == s && m->line == line && m->byte <= byte_in_line)
        col = m->col + (int)sk_utf8_count(p + m->byte, byte_in_line - m->byte);
    else
        col = sk_source_col(s, line, byte_in_line);
    m->src = s;
    m->line = line;
    m->byte = byte_in_line;
    m->col = col;
    return col;
}

static int is_fence(const char *p, const char *end)
{
    /* "---" or "..." followed by optional spaces and end of line */
    if (end - p < 3 || !((p[0] == '-' && p[1] == '-' && p[2] == '-') || (p[0] == '.' && p[1] == '.' && p[2] == '.')))
        return 0;
    p += 3;
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p == end || *p == '\n';
}

static void split_front_matter(sk_source *s)
{
    const char *d = s->data, *end = d + s->len;
    if (!(end - d >= 3 && d[0] == '-' && d[1] == '-' && d[2] == '-' && is_fence(d, end)))
        return;
    const char *p = memchr(d, '\n', s->len);
    s->has_fm = 1;
    s->fm_line = 2;
    s->fm_off = p ? (size_t)(p + 1 - d) : s->len;
    s->body_off = (size_t)-1;
    for (const char *q = p ? p + 1 : end; q < end;) {
        if (is_fence(q, end)) {
            s->fm_len = (size_t)(q - d) - s->fm_off;
            const char *nl = memchr(q, '\n', (size_t)(end - q));
            s->body_off = nl ? (size_t)(nl + 1 - d) : s->len;
            break;
        }
        const char *nl = memchr(q, '\n', (size_t)(end - q));
        if (!nl)
            break;
        q = nl + 1;
    }
    if (s->body_off != (size_t)-1) {
        int line;
        size_t bc;
        sk_source_pos(s, s->body_off, &line, &bc);
        s->body_line = s->body_off == s->len && s->len && d[s->len - 1] != '\n' ? line + 1 : line;
    }
}

int sk_source_sniff(const char *path)
{
    char head[8] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    const char *p = head;
    if (n >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
        p += 3;
        n -= 3;
    }
    return n >= 3 && p[0] == '-' && p[1] == '-' && p[2] == '-' &&
           (n == 3 || p[3] == '\n' || p[3] == '\r' || p[3] == ' ');
}

/* The source of the text at *rawp (len bytes and a NUL after them, from malloc):
 * kept as it is when nothing is to be normalised (*rawp then NULL), else copied. */
static int take(sk_source **out, const char *path, char **rawp, size_t len, sk_diags *diags)
{
    sk_source *s = sk_calloc(1, sizeof *s);
    s->path = sk_strdup(path);
    char *p = *rawp;
    int rc = 0;

    if (len >= 2 && (((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE) ||
                     ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF))) {
        sk_diag_emit(diags, SK_R_ENCODING, path, 1, 1,
                     "file is UTF-16; stdkit reads UTF-8 only (save it as UTF-8)");
        goto fail;
    }
    if (len >= 3 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF) {
        s->had_bom = 1;
        p += 3;
        len -= 3;
    }
    /* normalise CRLF (and lone CR) to LF; the text up to the first CR is copied whole */
    const char *cr = memchr(p, '\r', len);
    size_t o = cr ? (size_t)(cr - p) : len;
    if (!cr && p == *rawp) {
        s->data = p; /* nothing to normalise: the text read is the source's */
        *rawp = NULL;
    } else {
        s->data = sk_malloc(len + 1);
        memcpy(s->data, p, o);
    }
    for (size_t i = o; i < len; i++) {
        if (p[i] == '\r') {
            s->had_crlf = 1;
            s->data[o++] = '\n';
            if (i + 1 < len && p[i + 1] == '\n')
                i++;
        } else {
            s->data[o++] = p[i];
        }
    }
    s->data[o] = '\0';
    s->len = o;
    build_lines(s);

    const char *nul = memchr(s->data, '\0', s->len);
    if (nul) {
        int line;
        size_t bc;
        sk_source_pos(s, (size_t)(nul - s->data), &line, &bc);
        sk_diag_emit(diags, SK_R_ENCODING, path, line, sk_source_col(s, line, bc),
                     "file contains a NUL byte (binary data?)");
        goto fail;
    }
    size_t bad = sk_utf8_validate(s->data, s->len);
    if (bad != (size_t)-1) {
        int line;
        size_t bc;
        sk_source_pos(s, bad, &line, &bc);
        sk_diag_emit(diags, SK_R_ENCODING, path, line, sk_source_col(s, line, bc),
                     "invalid UTF-8 byte 0x%02X (is the file GBK/GB18030? convert it with iconv -f GB18030 -t UTF-8)",
                     (unsigned char)s->data[bad]);
        goto fail;
    }
    split_front_matter(s);
    if (s->has_fm && s->body_off == (size_t)-1) {
        sk_diag_emit(diags, SK_R_FRONT_MATTER, path, 1, 1,
                     "front matter opened by '---' on line 1 is never closed");
        goto fail;
    }
    if (!s->has_fm) {
        s->body_off = 0;
        s->body_line = 1;
    }
    *out = s;
    return 1;
fail:
    sk_source_free(s);
    return rc;
}

int sk_source_read(sk_source **out, const char *path, sk_diags *diags, sk_err *err)
{
    char *raw;
    size_t len;
    *out = NULL;
    if (sk_fs_read(&raw, &len, path, SK_SOURCE_MAX, err) < 0)
        return -1;
    int rc = take(out, path, &raw, len, diags);
    free(raw);
    return rc;
}

int sk_source_make(sk_source **out, const char *path, const char *data, size_t len, sk_diags *diags)
{
    char *raw = sk_strndup(data, len);
    *out = NULL;
    int rc = take(out, path, &raw, len, diags);
    free(raw);
    return rc;
}

void sk_source_free(sk_source *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->data);
    free(s->line_start);
    free(s->cp_mark);
    free(s);
}
