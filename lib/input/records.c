#include "input/records.h"

#include <stdarg.h>
#include <csv.h>
#include <freexl.h>
#include <errno.h>
#include <iconv.h>
#include "base/libxml.h"
#include <math.h>
#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "base/xml.h"
#include "base/zip.h"
#include "text/json.h"
#include "text/yaml.h"

/* ---- memory ----
 * Everything a dataset holds lives in one arena: records are never freed one by
 * one, a failed load drops the arena whole (no per-path cleanup), and 10,000
 * rows cost a few large allocations instead of 100,000 small ones. */

typedef struct blk {
    struct blk *next;
    size_t used, cap;
} blk;

struct sk_records_mem {
    blk *head;
};

#define ALIGN_UP(n, a) (((n) + (a) - 1) & ~((size_t)(a) - 1))
#define BLK_HDR ALIGN_UP(sizeof(blk), alignof(max_align_t))
#define BLK_SIZE ((size_t)64 << 10)

static void *mem_alloc(sk_records_mem *m, size_t n)
{
    n = ALIGN_UP(n ? n : 1, alignof(max_align_t));
    blk *b = m->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > BLK_SIZE / 4 ? n : BLK_SIZE;
        b = sk_malloc(BLK_HDR + cap);
        b->used = 0;
        b->cap = cap;
        if (cap == n && m->head) {
            /* a big piece gets a block of its own behind the one being filled */
            b->next = m->head->next;
            m->head->next = b;
        } else {
            b->next = m->head;
            m->head = b;
        }
    }
    void *p = (char *)b + BLK_HDR + b->used;
    b->used += n;
    return p;
}

static void *mem_calloc(sk_records_mem *m, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        abort();
    void *p = mem_alloc(m, n * size);
    memset(p, 0, n * size);
    return p;
}

static char *mem_strndup(sk_records_mem *m, const char *s, size_t n)
{
    char *p = mem_alloc(m, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *mem_strdup(sk_records_mem *m, const char *s)
{
    return mem_strndup(m, s, strlen(s));
}

/* Copies a vector of pointers into the arena. */
static void **mem_vec(sk_records_mem *m, const sk_vec *v)
{
    void **p = mem_alloc(m, (v->len ? v->len : 1) * sizeof *p);
    if (v->len)
        memcpy(p, v->items, v->len * sizeof *p);
    return p;
}

/* Empties the arena, keeping its newest block for what comes next. */
static void mem_reset(sk_records_mem *m)
{
    blk *keep = m->head;
    if (!keep)
        return;
    for (blk *b = keep->next, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    keep->next = NULL;
    keep->used = 0;
}

static void mem_free(sk_records_mem *m)
{
    if (!m)
        return;
    for (blk *b = m->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(m);
}

/* ---- loading context and the table builder shared by CSV and XLSX ---- */

typedef struct loader {
    const char *path;
    const sk_records_opts *o;
    sk_records_mem *mem;
    char *empty;        /* the shared "" of missing cells */
    int json;           /* the tree is JSON (checked strictly before it is read) */
    sk_err *err;
} loader;

typedef struct table {
    loader *L;
    const char *sheet;  /* XLSX: places are "sheet S, cell C7"; CSV (NULL): "line 7, column 3" */
    char **cols;        /* header names; NULL until the header row is read */
    size_t ncols;
    int row0;           /* header row/line (or the document's first line for trees) */
    char **sheets;      /* XLSX: every sheet's name, in tab order */
    size_t nsheets;
    sk_vec recs;
    sk_vec preamble;    /* with header_names: the rows above the header (arena strings) */
    int skip_through;   /* a stream read again: the rows up to the header's are skipped */
} table;

static void col_letters(size_t col, char out[8])
{
    char tmp[8];
    int n = 0;
    for (; col && n < 7; col = (col - 1) / 26)
        tmp[n++] = (char)('A' + (col - 1) % 26);
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* "column 3 (phone)" or "cell C7"; col is 1-based. */
static void place(const table *t, int row, size_t col, char *buf, size_t cap)
{
    if (t->sheet) {
        char l[8];
        col_letters(col, l);
        snprintf(buf, cap, "cell %s%d", l, row);
    } else if (t->cols && col <= t->ncols) {
        snprintf(buf, cap, "column %zu (%s)", col, t->cols[col - 1]);
    } else {
        snprintf(buf, cap, "column %zu", col);
    }
}

static int table_fail(const table *t, int row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int table_fail(const table *t, int row, size_t col, const char *fmt, ...)
{
    char what[600], p[300] = "";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (col)
        place(t, row, col, p, sizeof p);
    if (t->sheet && col)
        sk_err_at(t->L->err, t->L->path, row, (int)col, "sheet %s, %s: %s", t->sheet, p, what);
    else if (t->sheet)
        sk_err_at(t->L->err, t->L->path, row, 0, "sheet %s, row %d: %s", t->sheet, row, what);
    else
        sk_err_at(t->L->err, t->L->path, row, (int)col, "line %d%s%s: %s", row, col ? ", " : "", p, what);
    return -1;
}

static int cell_empty(const char *s)
{
    return !s || !*s;
}

/* Whether one of the cells, trimmed, is one of names. */
static int names_header(const char *const *names, char **cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!cells[i])
            continue;
        char *s = sk_str_trim(sk_strdup(cells[i]));
        int hit = 0;
        for (const char *const *p = names; *p && !hit; p++)
            hit = !strcmp(s, *p);
        free(s);
        if (hit)
            return 1;
    }
    return 0;
}

/* One source row: cells[i] is column i+1 (NULL: no cell), strings owned by the
 * arena. The first non-empty row is the header, later ones become records. */
static int table_add_row(table *t, char **cells, size_t ncells, int row)
{
    if (row <= t->skip_through)
        return 0;
    size_t last = ncells;
    while (last && cell_empty(cells[last - 1]))
        last--;
    if (!last)
        return 0;
    if (!t->cols && t->L->o->header_names && !names_header(t->L->o->header_names, cells, last)) {
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < last; i++) {
            char *s = cells[i] ? sk_str_trim(sk_strdup(cells[i])) : NULL;
            if (s && *s)
                sk_buf_printf(&b, "%s%s", b.len ? "\t" : "", s);
            free(s);
        }
        sk_vec_push(&t->preamble, mem_strdup(t->L->mem, b.data ? b.data : ""));
        sk_buf_free(&b);
        return 0;
    }
    if (!t->cols) {
        int rc = -1;
        sk_map seen;
        sk_map_init(&seen);
        char **cols = mem_alloc(t->L->mem, last * sizeof *cols);
        for (size_t i = 0; i < last; i++) {
            const char *s = cells[i] ? cells[i] : "";
            if (sk_str_starts_with(s, "\xEF\xBB\xBF"))
                s += 3;
            /* a copy: XLSX shares strings between cells, and trimming is in place */
            cols[i] = sk_str_trim(mem_strdup(t->L->mem, s));
            if (!*cols[i]) {
                table_fail(t, row, i + 1, "empty column name in the header row%s",
                           t->sheet ? " (merged cells? the header must be one row of names)" : "");
                goto header_done;
            }
            size_t prev = (size_t)(uintptr_t)sk_map_get(&seen, cols[i]);
            if (prev) {
                char p[200];
                place(t, row, prev, p, sizeof p);
                table_fail(t, row, i + 1, "duplicate column name '%s' (also %s)", cols[i], p);
                goto header_done;
            }
            sk_map_put(&seen, cols[i], (void *)(uintptr_t)(i + 1));
        }
        t->cols = cols;
        t->ncols = last;
        t->row0 = row;
        rc = 0;
    header_done:
        sk_map_free(&seen);
        return rc;
    }
    if (last > t->ncols) {
        size_t c = t->ncols;
        while (cell_empty(cells[c]))
            c++;
        return table_fail(t, row, c + 1, "a value right of the last named column (the header has %zu)%s",
                          t->ncols, t->recs.len ? "" : "; if the header row is a title, delete it");
    }
    /* every record holds a value per column: bound the product, not just the cells read */
    if (t->recs.len + 1 > SK_RECORDS_MAX_CELLS / t->ncols)
        return table_fail(t, row, 0, "more than %d values (rows × columns); split the table", SK_RECORDS_MAX_CELLS);
    sk_record *r = mem_alloc(t->L->mem, sizeof *r);
    r->names = t->cols;
    r->n = t->ncols;
    r->row = row;
    r->values = mem_calloc(t->L->mem, t->ncols, sizeof *r->values);
    for (size_t i = 0; i < t->ncols; i++)
        r->values[i].text = i < ncells && cells[i] ? cells[i] : t->L->empty;
    sk_vec_push(&t->recs, r);
    return 0;
}

/* With header_names, no row named a column: row is where the search began. */
static int no_header(const table *t, int row)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *const *p = t->L->o->header_names; *p && p - t->L->o->header_names < 4; p++)
        sk_buf_printf(&b, "%s%s", b.len ? ", " : "", *p);
    int rc = table_fail(t, row, 0, "no header row: no row has a column named %s …", b.data ? b.data : "");
    sk_buf_free(&b);
    return rc;
}

/* ---- CSV ---- */

#define CSV_BAD ((size_t)-1)

typedef struct csvctx {
    table *t;
    const char *enc;    /* encoding name for messages */
    int guessed;        /* GB18030 was chosen because the file is not UTF-8 */
    iconv_t cd;         /* (iconv_t)-1: text is UTF-8 */
    sk_buf raw;         /* fields of the current record, back to back */
    size_t *off;        /* field i is raw[off[i] .. off[i+1]) (off[n] == raw.len) */
    size_t noff, capoff;
    sk_buf conv;
    sk_vec cells;
    int line;           /* line of the chunk being parsed */
    int failed;
} csvctx;

/* A line break: LF, CRLF (counted at the LF) or a lone CR. */
static int is_break(const char *s, size_t i, size_t n)
{
    return s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
}

static int count_breaks(const char *s, size_t n)
{
    int k = 0;
    for (size_t i = 0; i < n; i++)
        k += is_break(s, i, n);
    return k;
}

/* Converts one field to UTF-8 in the arena; NULL with *bad at the offending byte. */
static char *csv_text(csvctx *c, const char *s, size_t n, size_t *bad)
{
    const char *nul = memchr(s, '\0', n);
    size_t end = nul ? (size_t)(nul - s) : n;
    if (c->cd == (iconv_t)-1) {
        size_t b = sk_utf8_validate(s, end);
        *bad = b != (size_t)-1 ? b : nul ? end : CSV_BAD;
        return *bad == CSV_BAD ? mem_strndup(c->t->L->mem, s, n) : NULL;
    }
    size_t i = 0;
    while (i < end && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) {
        *bad = CSV_BAD;
        return mem_strndup(c->t->L->mem, s, n);
    }
    /* GB18030 takes at most 2 bytes per 3 UTF-8 bytes, so 2n always suffices */
    sk_buf_clear(&c->conv);
    sk_buf_reserve(&c->conv, 2 * end + 4);
    char *in = (char *)s, *out = c->conv.data;
    size_t inleft = end, outleft = c->conv.cap - 1;
    iconv(c->cd, NULL, NULL, NULL, NULL);
    if (iconv(c->cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
        *bad = (size_t)(in - s);
        return NULL;
    }
    if (nul) {
        *bad = end;
        return NULL;
    }
    *bad = CSV_BAD;
    return mem_strndup(c->t->L->mem, c->conv.data, (size_t)(out - c->conv.data));
}

static void csv_field(void *s, size_t n, void *data)
{
    csvctx *c = data;
    if (c->failed)
        return;
    if (c->noff >= SK_RECORDS_MAX_COLUMNS) {
        c->failed = table_fail(c->t, c->line, 0, "more than %d fields in one row", SK_RECORDS_MAX_COLUMNS);
        return;
    }
    if (n > SK_RECORDS_MAX_VALUE) {
        c->failed = table_fail(c->t, c->line, c->noff + 1, "the field holds %zu bytes; a value may hold at most %u MiB",
                               n, SK_RECORDS_MAX_VALUE >> 20);
        return;
    }
    if (c->noff + 2 > c->capoff) {
        c->capoff = c->capoff ? c->capoff * 2 : 32;
        c->off = sk_realloc(c->off, c->capoff * sizeof *c->off);
    }
    c->off[c->noff++] = c->raw.len;
    sk_buf_put(&c->raw, s, n);
}

static void csv_row(int term, void *data)
{
    csvctx *c = data;
    (void)term;
    if (c->failed)
        return;
    size_t nf = c->noff;
    c->off[nf] = c->raw.len;
    /* the record ends on this line; each line break inside quoted fields moved it down one */
    int line = c->line - count_breaks(c->raw.data, c->raw.len);
    int start = line;
    c->cells.len = 0;
    for (size_t i = 0; i < nf; i++) {
        const char *s = c->raw.data + c->off[i];
        size_t n = c->off[i + 1] - c->off[i], bad;
        char *text = csv_text(c, s, n, &bad);
        if (!text) {
            int l = line + count_breaks(s, bad);
            unsigned char b = (unsigned char)s[bad];
            if (!b)
                c->failed = table_fail(c->t, l, i + 1, "a NUL byte (is the file UTF-16 or binary? "
                                                       "save it as CSV UTF-8)");
            else if (c->guessed)
                c->failed = table_fail(c->t, l, i + 1, "neither UTF-8 nor GB18030 (byte 0x%02X)", b);
            else
                c->failed = table_fail(c->t, l, i + 1, "invalid %s (byte 0x%02X)", c->enc, b);
            return;
        }
        sk_vec_push(&c->cells, text);
        line += count_breaks(s, n);
    }
    c->failed = table_add_row(c->t, (char **)c->cells.items, c->cells.len, start);
    sk_buf_clear(&c->raw);
    c->noff = 0;
}

/* Valid UTF-8, or UTF-8 with a few damaged bytes: GBK text holds valid UTF-8
 * sequences only by chance (about one pair in seventy), so many valid
 * sequences per invalid byte mean UTF-8, to be reported where it is broken
 * rather than read as GB18030 mojibake. */
/* Counts the well-formed multibyte sequences (*good) and the bytes that start
 * none (*bad) in s[0..n); unless last, stops before a sequence the next piece may
 * end (fewer than 4 bytes left). Returns the bytes counted. */
static size_t utf8_tally(const char *s, size_t n, int last, size_t *good, size_t *bad)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        if (!last && n - i < 4)
            break;
        int l = sk_utf8_decode(s + i, n - i, &cp);
        *good += l > 1;
        *bad += !l;
        i += l ? (size_t)l : 1;
    }
    return i;
}

static int looks_utf8(const char *s, size_t n)
{
    size_t good = 0, bad = 0;
    utf8_tally(s, n, 1, &good, &bad);
    return !bad || good > 4 * bad;
}

/* A CSV table read a line at a time from a buffer: the whole file (sk_records_load)
 * or a window of it refilled from the open file (a stream, sk_records_open). */
typedef struct csvsrc {
    loader *L;
    table *t;
    csvctx c;
    struct csv_parser P;
    int parser;
    char *buf;          /* the bytes; [pos, len) not fed yet */
    size_t len, pos, cap;
    FILE *f;            /* NULL: buf is the whole file */
    int eof;            /* no more bytes to read into buf */
    int at_line_start;  /* the next byte fed starts a line */
    int ended_with_break;
    int done;           /* csv_fini called */
} csvsrc;

enum { CSV_WINDOW = 1 << 20 };

/* Reads more of the file into buf (keeping [pos, len)). */
static int csv_refill(csvsrc *s)
{
    if (!s->f || s->eof)
        return 0;
    if (s->pos) {
        memmove(s->buf, s->buf + s->pos, s->len - s->pos);
        s->len -= s->pos;
        s->pos = 0;
    }
    if (s->cap - s->len < CSV_WINDOW / 2) {
        s->cap = s->cap ? s->cap * 2 : CSV_WINDOW;
        s->buf = sk_realloc(s->buf, s->cap);
    }
    size_t k = fread(s->buf + s->len, 1, s->cap - s->len, s->f);
    if (k == 0) {
        if (ferror(s->f)) {
            sk_err_at(s->L->err, s->L->path, 0, 0, "cannot read: %s", strerror(errno));
            return -1;
        }
        s->eof = 1;
    }
    s->len += k;
    return 0;
}

/* The UTF-8 test of looks_utf8 over the whole file, read a window at a time. */
static int file_looks_utf8(FILE *f, int *ok)
{
    size_t good = 0, bad = 0, carry = 0;
    char *b = sk_malloc(CSV_WINDOW + 4);
    for (;;) {
        size_t k = fread(b + carry, 1, CSV_WINDOW, f);
        size_t n = carry + k;
        int last = k == 0;
        size_t i = utf8_tally(b, n, last, &good, &bad);
        carry = n - i;
        memmove(b, b + i, carry);
        if (last)
            break;
    }
    free(b);
    if (ferror(f))
        return -1;
    *ok = !bad || good > 4 * bad;
    return 0;
}

static void csvsrc_free(csvsrc *s)
{
    if (s->parser)
        csv_free(&s->P);
    if (s->c.cd != (iconv_t)-1)
        iconv_close(s->c.cd);
    sk_buf_free(&s->c.raw);
    sk_buf_free(&s->c.conv);
    sk_vec_free(&s->c.cells);
    free(s->c.off);
    free(s->buf);
    if (s->f)
        fclose(s->f);
    memset(s, 0, sizeof *s);
    s->c.cd = (iconv_t)-1;
}

/* Opens the table: the whole file when stream is 0, else a window of it. */
static int csvsrc_open(csvsrc *s, loader *L, table *t, int stream)
{
    memset(s, 0, sizeof *s);
    s->L = L;
    s->t = t;
    s->c.t = t;
    s->c.cd = (iconv_t)-1;
    s->at_line_start = 1;
    const char *enc = L->o->encoding;
    if (!stream) {
        if (sk_fs_read(&s->buf, &s->len, L->path, SK_RECORDS_MAX_FILE, L->err) < 0)
            return -1;
        s->eof = 1;
    } else {
        struct stat st;
        if (stat(L->path, &st) == 0 && !S_ISREG(st.st_mode)) {
            sk_err_at(L->err, L->path, 0, 0, "not a regular file (a pipe or a device is not read)");
            return -1;
        }
        if (!(s->f = fopen(L->path, "rb"))) {
            sk_err_at(L->err, L->path, 0, 0, "cannot open: %s", strerror(errno));
            return -1;
        }
        if (csv_refill(s) < 0)
            return -1;
        while (!s->eof && s->len < 3 && csv_refill(s) == 0)
            ;
    }
    const char *p = s->buf ? s->buf : "";
    size_t len = s->len;
    if (len >= 2 && (((unsigned char)p[0] == 0xFF && (unsigned char)p[1] == 0xFE) ||
                     ((unsigned char)p[0] == 0xFE && (unsigned char)p[1] == 0xFF))) {
        sk_err_at(L->err, L->path, 1, 1, "line 1: UTF-16 text is not read; save the table as CSV (UTF-8)");
        return -1;
    }
    int bom = len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3);
    if (!enc || !strcasecmp(enc, "auto")) {
        int utf8 = bom;
        if (!utf8 && !s->f)
            utf8 = looks_utf8(p, len);
        else if (!utf8) {
            long at = ftell(s->f);
            if (at < 0 || fseek(s->f, 0, SEEK_SET) != 0 || file_looks_utf8(s->f, &utf8) < 0 ||
                fseek(s->f, at, SEEK_SET) != 0) {
                sk_err_at(L->err, L->path, 0, 0, "cannot read: %s", strerror(errno));
                return -1;
            }
        }
        if (utf8) {
            s->c.enc = "UTF-8";
        } else {
            s->c.enc = "GB18030";
            s->c.guessed = 1;
        }
    } else if (!strcasecmp(enc, "UTF-8") || !strcasecmp(enc, "UTF8")) {
        s->c.enc = "UTF-8";
    } else if (!strcasecmp(enc, "GB18030") || !strcasecmp(enc, "GBK")) {
        s->c.enc = !strcasecmp(enc, "GBK") ? "GBK" : "GB18030";
    } else {
        sk_err_at(L->err, L->path, 0, 0, "unknown encoding '%s' (use UTF-8, GB18030 or GBK)", enc);
        return -1;
    }
    if (strcmp(s->c.enc, "UTF-8") != 0) {
        if ((s->c.cd = iconv_open("UTF-8", s->c.enc)) == (iconv_t)-1) {
            sk_err_at(L->err, L->path, 0, 0, "cannot convert from %s: %s", s->c.enc, strerror(errno));
            return -1;
        }
    } else if (bom) {
        s->pos = 3;
    }
    if (csv_init(&s->P, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        sk_err_at(L->err, L->path, 0, 0, "cannot initialise the CSV parser");
        return -1;
    }
    s->parser = 1;
    /* libcsv grows a field's buffer by 128 bytes at a time: a long field cost one
     * realloc (and copy) per 128 bytes, quadratic; grow by 64 KiB */
    csv_set_blk_size(&s->P, 65536);
    return 0;
}

/* Feeds lines until at least one more record is in t->recs (or the end, when
 * s->done is set). libcsv reports no positions, so it is fed one line at a time:
 * a record ends on the current line, and starts as many lines up as its quoted
 * fields hold line breaks. */
static int csvsrc_pump(csvsrc *s)
{
    loader *L = s->L;
    csvctx *c = &s->c;
    size_t want = s->t->recs.len + 1;
    while (!s->done && s->t->recs.len < want) {
        if (s->pos == s->len && !s->eof) {
            if (csv_refill(s) < 0)
                return -1;
            continue;
        }
        if (s->pos == s->len) { /* the end */
            if (s->ended_with_break)
                c->line++;
            s->done = 1;
            if (csv_fini(&s->P, csv_field, csv_row, c) != 0) {
                int start = c->line - count_breaks(c->raw.data ? c->raw.data : "", c->raw.len) -
                            count_breaks((const char *)s->P.entry_buf, s->P.entry_pos);
                sk_err_at(L->err, L->path, start, 0, "line %d: a quoted field is never closed", start);
                return -1;
            }
            if (c->failed)
                return -1;
            if (!s->t->cols) {
                if (s->t->preamble.len)
                    no_header(s->t, 1);
                else
                    sk_err_at(L->err, L->path, 1, 0, "line 1: no header row (the file is empty)");
                return -1;
            }
            break;
        }
        const char *p = s->buf + s->pos;
        size_t n = 0, left = s->len - s->pos;
        while (n < left && !is_break(p, n, left))
            n++;
        if (!s->eof && (n == left || (n + 1 == left && p[n] == '\r'))) {
            /* the line (or its CRLF) may go on past the window: read more first,
             * unless the window is a long line's middle (fed as it is) */
            if (left < s->cap / 2 || !s->f) {
                if (csv_refill(s) < 0)
                    return -1;
                continue;
            }
            if (n < left)
                n = left - 1; /* keep the CR for the next piece */
        }
        int brk = n < left;
        if (brk)
            n++;
        if (s->at_line_start)
            c->line++;
        s->at_line_start = brk;
        s->ended_with_break = brk;
        size_t used = csv_parse(&s->P, p, n, csv_field, csv_row, c);
        if (c->failed)
            return -1;
        if (used != n) {
            if (csv_error(&s->P) == CSV_EPARSE)
                sk_err_at(L->err, L->path, c->line, (int)sk_utf8_count(p, used) + 1, "line %d, character %d: %s",
                          c->line, (int)sk_utf8_count(p, used) + 1,
                          p[used] == '"' ? "a quote inside an unquoted field (quote the whole field "
                                           "and double the quotes inside: \"12\"\" screen\")"
                                         : "text after the closing quote of a field");
            else
                sk_err_at(L->err, L->path, c->line, 0, "line %d: %s", c->line, csv_strerror(csv_error(&s->P)));
            return -1;
        }
        s->pos += n;
    }
    return 0;
}

static int load_csv(loader *L, table *t)
{
    csvsrc s;
    int rc = csvsrc_open(&s, L, t, 0);
    while (rc == 0 && !s.done)
        rc = csvsrc_pump(&s);
    csvsrc_free(&s);
    return rc;
}

/* ---- XLSX ---- */

enum { K_DATE = 1, K_TIME = 2, K_SECS = 4 };

typedef struct xlsx {
    loader *L;
    table *t;
    sk_zip_reader *zip;
    sk_vec sst;             /* shared strings (arena) */
    size_t *sst_len, sst_lcap; /* their lengths */
    size_t text;            /* bytes of the cell values so far (SK_RECORDS_MAX_TEXT) */
    unsigned char *xf_kind; /* per cellXfs entry: K_* bits, 0 for plain numbers */
    const char **xf_code;   /* per cellXfs entry: the format code of a date shown with 年月日, or NULL */
    size_t nxf;
    int date1904;
} xlsx;

static int part_fail(xlsx *x, const char *part, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int part_fail(xlsx *x, const char *part, int line, const char *fmt, ...)
{
    char what[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (line)
        sk_err_at(x->L->err, x->L->path, 0, 0, "%s, line %d: %s", part, line, what);
    else
        sk_err_at(x->L->err, x->L->path, 0, 0, "%s: %s", part, what);
    return -1;
}

/* Reads one part whole through the shared reader (base/zip.h and its limits). *out
 * is NULL (and 0 returned) when the part is absent and not required. */
static int zip_part(xlsx *x, const char *name, int required, char **out, size_t *len)
{
    *out = NULL;
    int rc = sk_zip_read(x->zip, name, out, len, x->L->err);
    if (rc == 0 && required)
        return part_fail(x, name, 0, "missing from the archive (is this an Excel workbook?)");
    return rc < 0 ? -1 : 0;
}

/* Every part is read with libxml2's SAX2 parser: no tree is built (a sheet's
 * cells go straight into records), and start/end callbacks per part keep each
 * reader a small state machine. No DTD is ever read: a DOCTYPE (the door to
 * external entities and entity-expansion bombs) is refused before and during
 * parsing, and the parser may not touch the network. */
typedef struct sax sax;
struct sax {
    xlsx *x;
    const char *part;
    int (*start)(sax *S, const char *name, int nattr, const xmlChar **attrs);
    int (*end)(sax *S, const char *name);
    sk_buf *capture;        /* character data goes here while set */
    xmlParserCtxtPtr ctxt;
    int failed;             /* a callback failed; err is set */
    char msg[300];          /* libxml2's first error */
    int line;
};

static void sax_stop(sax *S)
{
    S->failed = 1;
    xmlStopParser(S->ctxt);
}

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int nns,
                     const xmlChar **ns, int nattr, int ndefaulted, const xmlChar **attrs)
{
    sax *S = ctx;
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
    if (!S->failed && S->start && S->start(S, (const char *)local, nattr, attrs) < 0)
        sax_stop(S);
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri)
{
    sax *S = ctx;
    (void)prefix, (void)uri;
    if (!S->failed && S->end && S->end(S, (const char *)local) < 0)
        sax_stop(S);
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
    sax *S = ctx;
    if (S->capture && !S->failed)
        sk_buf_put(S->capture, ch, (size_t)len);
}

static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    sax *S = ctx;
    (void)name, (void)ext, (void)sys;
    if (!S->failed) {
        sk_err_at(S->x->L->err, S->x->L->path, 0, 0, "%s has a DOCTYPE; refusing to read it", S->part);
        sax_stop(S);
    }
}

static void on_error(void *ctx, xmlErrorPtr e)
{
    sax *S = ctx;
    if (S->msg[0] || !e || e->level < XML_ERR_ERROR)
        return;
    snprintf(S->msg, sizeof S->msg, "%s", e->message ? e->message : "malformed XML");
    size_t n = strlen(S->msg);
    while (n && (S->msg[n - 1] == '\n' || S->msg[n - 1] == ' '))
        S->msg[--n] = '\0';
    S->line = e->line;
}

/* Parses a part through S's callbacks: 1 done, 0 absent (and not required), -1 error. */
static int sax_parse(xlsx *x, const char *part, int required, sax *S)
{
    int rc = -1;
    char *buf = NULL;
    size_t len = 0;
    xmlSAXHandler h;

    S->x = x;
    S->part = part;
    if (zip_part(x, part, required, &buf, &len) < 0)
        return -1;
    if (!buf)
        return 0;
    if (sk_xml_check(buf, len, part, x->L->err) < 0) {
        snprintf(x->L->err->file, sizeof x->L->err->file, "%s", x->L->path);
        goto done;
    }
    memset(&h, 0, sizeof h);
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = h.cdataBlock = h.ignorableWhitespace = on_text;
    h.internalSubset = h.externalSubset = on_doctype;
    h.serror = on_error;
    sk_xml_quiet();
    if (!(S->ctxt = xmlCreatePushParserCtxt(&h, S, NULL, 0, part))) {
        part_fail(x, part, 0, "cannot start the XML parser");
        goto done;
    }
    xmlCtxtUseOptions(S->ctxt, sk_xml_options());
    int perr = xmlParseChunk(S->ctxt, buf, (int)len, 1);
    if (S->failed)
        goto done;
    if (perr || !S->ctxt->wellFormed) {
        part_fail(x, part, S->line, "XML error: %s", S->msg[0] ? S->msg : "malformed XML");
        goto done;
    }
    rc = 1;
done:
    if (S->ctxt)
        xmlFreeParserCtxt(S->ctxt);
    S->ctxt = NULL;
    free(buf);
    return rc;
}

/* Copies attribute local (from namespace ...ns when ns is given) into buf;
 * 0 when absent. SAX2 passes "&" in attribute values as "&#38;" (for a
 * tree builder to reparse); that is undone here. */
static int attr(int n, const xmlChar **a, const char *local, const char *ns, char *buf, size_t cap)
{
    for (int i = 0; i < n; i++, a += 5) {
        if (strcmp((const char *)a[0], local) || (ns && (!a[2] || !strstr((const char *)a[2], ns))))
            continue;
        size_t len = (size_t)(a[4] - a[3]), o = 0;
        for (size_t j = 0; j < len && o + 1 < cap;) {
            if (len - j >= 5 && !memcmp(a[3] + j, "&#38;", 5)) {
                buf[o++] = '&';
                j += 5;
            } else {
                buf[o++] = (char)a[3][j++];
            }
        }
        buf[o] = '\0';
        return 1;
    }
    buf[0] = '\0';
    return 0;
}

static char *attr_dup(int n, const xmlChar **a, const char *local, const char *ns)
{
    char buf[2048];
    return attr(n, a, local, ns, buf, sizeof buf) ? sk_strdup(buf) : NULL;
}

/* Text as stored, with OOXML's _xHHHH_ escapes (how Excel keeps control
 * characters such as _x000D_) decoded; NUL and surrogates stay escaped. */
static char *ooxml_text(sk_records_mem *m, const char *s, size_t n)
{
    if (!memchr(s, '_', n))
        return mem_strndup(m, s, n);
    char *out = mem_alloc(m, n + 1), *o = out;
    for (size_t i = 0; i < n;) {
        unsigned cp = 0;
        int ok = i + 7 <= n && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (int k = 2; ok && k < 6; k++) {
            char ch = s[i + k];
            int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                    : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            ok = d >= 0;
            cp = cp * 16 + (unsigned)d;
        }
        if (ok && cp && (cp < 0xD800 || cp > 0xDFFF)) {
            o += sk_utf8_encode(cp, o);
            i += 7;
        } else {
            *o++ = s[i++];
        }
    }
    *o = '\0';
    return out;
}

typedef struct sst_sax {
    sax S;
    sk_buf b;
    int in_rph;
} sst_sax;

static int sst_start(sax *S, const char *name, int na, const xmlChar **a)
{
    sst_sax *h = (sst_sax *)S;
    (void)na, (void)a;
    if (!strcmp(name, "si"))
        sk_buf_clear(&h->b);
    else if (!strcmp(name, "rPh"))
        h->in_rph = 1; /* phonetic guide (furigana): not part of the text */
    else if (!strcmp(name, "t") && !h->in_rph)
        S->capture = &h->b;
    return 0;
}

static int sst_end(sax *S, const char *name)
{
    sst_sax *h = (sst_sax *)S;
    if (!strcmp(name, "t")) {
        S->capture = NULL;
    } else if (!strcmp(name, "rPh")) {
        h->in_rph = 0;
    } else if (!strcmp(name, "si")) {
        if (S->x->sst.len >= SK_RECORDS_MAX_CELLS)
            return part_fail(S->x, S->part, 0, "more than %d shared strings", SK_RECORDS_MAX_CELLS);
        if (h->b.len > SK_RECORDS_MAX_VALUE)
            return part_fail(S->x, S->part, 0, "shared string %zu holds %zu bytes; a value may hold at most %u MiB",
                             S->x->sst.len, h->b.len, SK_RECORDS_MAX_VALUE >> 20);
        char *t = ooxml_text(S->x->L->mem, h->b.data ? h->b.data : "", h->b.len);
        xlsx *x = S->x;
        if (x->sst.len == x->sst_lcap) {
            x->sst_lcap = x->sst_lcap ? 2 * x->sst_lcap : 64;
            x->sst_len = sk_realloc(x->sst_len, x->sst_lcap * sizeof *x->sst_len);
        }
        x->sst_len[x->sst.len] = strlen(t);
        sk_vec_push(&x->sst, t);
    }
    return 0;
}

static int load_sst(xlsx *x, const char *part)
{
    sst_sax h = { .S = { .start = sst_start, .end = sst_end } };
    int rc = sax_parse(x, part, 0, &h.S);
    sk_buf_free(&h.b);
    return rc < 0 ? -1 : 0;
}

static int builtin_kind(long id)
{
    if (id >= 14 && id <= 17)
        return K_DATE;
    switch (id) {
    case 18: case 20: case 32: case 34: case 55:
        return K_TIME;
    case 19: case 21: case 33: case 35: case 45: case 46: case 47: case 56:
        return K_TIME | K_SECS;
    case 22:
        return K_DATE | K_TIME;
    case 27: case 28: case 29: case 30: case 31: case 36:
    case 50: case 51: case 52: case 53: case 54: case 57: case 58:
        return K_DATE;
    }
    return 0;
}

/* Kind of a custom number format: letters outside "quotes", [brackets]
 * (colours, locales, conditions) and escapes (\x, _x, *x). An m with no
 * h or s beside it is a month. */
static int code_kind(const char *s)
{
    int k = 0, m = 0;
    for (; *s; s++) {
        switch (*s) {
        case '"':
            if (!(s = strchr(s + 1, '"')))
                return k | (m && !k ? K_DATE : 0);
            break;
        case '[':
            if (!(s = strchr(s + 1, ']')))
                return k | (m && !k ? K_DATE : 0);
            break;
        case '\\': case '_': case '*':
            if (s[1])
                s++;
            break;
        case 'y': case 'Y': case 'd': case 'D':
            k |= K_DATE;
            break;
        case 'h': case 'H':
            k |= K_TIME;
            break;
        case 's': case 'S':
            k |= K_TIME | K_SECS;
            break;
        case 'm': case 'M':
            m = 1;
            break;
        }
    }
    return k | (m && !k ? K_DATE : 0);
}

/* A date format shown with Chinese units: 年 月 日 时 分 秒 in it. */
static int has_cjk(const char *code)
{
    static const char *const units[] = { "\xE5\xB9\xB4", "\xE6\x9C\x88", "\xE6\x97\xA5",
                                         "\xE6\x97\xB6", "\xE5\x88\x86", "\xE7\xA7\x92" };
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strstr(code, units[i]))
            return 1;
    return 0;
}

/* The codes of the built-in formats a Chinese Excel shows with 年月日 (31, 27 and
 * their 36/50/57 twins), so that a cell keeps what Excel displays. */
static const char *builtin_cjk(long id)
{
    switch (id) {
    case 31:
        return "yyyy\"\xE5\xB9\xB4\"m\"\xE6\x9C\x88\"d\"\xE6\x97\xA5\"";
    case 27: case 36: case 50: case 57:
        return "yyyy\"\xE5\xB9\xB4\"m\"\xE6\x9C\x88\"";
    }
    return NULL;
}

/* What the date format code shows for a date and a second of the day: y, m, d,
 * h, s tokens (m after h or before s is minutes), "quoted" and \escaped text and
 * other characters as they are, [brackets] skipped, up to the first ';'. -1 for
 * what this does not render (weekdays, AM/PM, fractions of a second, an era):
 * the caller falls back to ISO. */
static int fmt_code(const char *code, int y, int mo, int d, int sod, char *out, size_t cap)
{
    sk_buf b;
    sk_buf_init(&b);
    int rc = -1, prev = 0; /* prev: the last token letter */
    for (const char *p = code; *p && *p != ';'; ) {
        char c = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        if (*p == '"') {
            const char *q = strchr(p + 1, '"');
            if (!q)
                goto done;
            sk_buf_put(&b, p + 1, (size_t)(q - p - 1));
            p = q + 1;
        } else if (*p == '\\' && p[1]) {
            sk_buf_put(&b, p + 1, 1);
            p += 2;
        } else if ((*p == '_' || *p == '*') && p[1]) {
            p += 2; /* a space as wide as a character; a fill */
        } else if (*p == '[') {
            const char *q = strchr(p, ']');
            if (!q)
                goto done;
            p = q + 1;
        } else if (c == 'y' || c == 'm' || c == 'd' || c == 'h' || c == 's') {
            size_t n = 0;
            while (p[n] && (p[n] | 32) == c)
                n++;
            int v;
            if (c == 'm') {
                const char *q = p + n;
                while (*q && !strchr("yYmMdDhHsS;", *q))
                    q++;
                int minutes = prev == 'h' || (*q | 32) == 's';
                v = minutes ? sod / 60 % 60 : mo;
            } else {
                v = c == 'y' ? (n <= 2 ? y % 100 : y) : c == 'd' ? d : c == 'h' ? sod / 3600 : sod % 60;
            }
            if (c == 'd' && n > 2)
                goto done; /* a weekday */
            sk_buf_printf(&b, c == 'y' && n > 2 ? "%04d" : n >= 2 ? "%02d" : "%d", v);
            prev = c;
            p += n;
        } else if (c == 'a' || c == 'e' || c == 'g' || c == 'b' || c == '0' || c == '#' || c == '@') {
            goto done;
        } else {
            sk_buf_put(&b, p, 1);
            p++;
        }
    }
    if (b.len < cap) {
        memcpy(out, b.data ? b.data : "", b.len);
        out[b.len] = '\0';
        rc = 0;
    }
done:
    sk_buf_free(&b);
    return rc;
}

typedef struct styles_sax {
    sax S;
    int in_fmts, in_xfs;
    unsigned char low[164];  /* kind + 1 of formats redefined with ids < 164 */
    const char *lowcode[164]; /* their codes when shown with 年月日 (arena) */
    sk_map custom;           /* kind + 1 of custom formats, by decimal id */
    sk_map codes;            /* the codes of custom formats shown with 年月日, by decimal id (arena) */
    sk_vec xfs;
    sk_vec xfcodes;
} styles_sax;

static int styles_start(sax *S, const char *name, int na, const xmlChar **a)
{
    styles_sax *h = (styles_sax *)S;
    char id[32];
    if (!strcmp(name, "numFmts")) {
        h->in_fmts = 1;
    } else if (!strcmp(name, "cellXfs")) {
        h->in_xfs = 1;
    } else if (h->in_fmts && !strcmp(name, "numFmt")) {
        char *code = attr_dup(na, a, "formatCode", NULL);
        attr(na, a, "numFmtId", NULL, id, sizeof id);
        long n = strtol(id, NULL, 10);
        uintptr_t kind = (uintptr_t)(code ? code_kind(code) : 0) + 1;
        const char *cjk = kind > 1 && (kind - 1) & K_DATE && has_cjk(code) ? mem_strdup(S->x->L->mem, code) : NULL;
        free(code);
        if (n >= 0 && n < 164) {
            h->low[n] = (unsigned char)kind;
            h->lowcode[n] = cjk;
        } else {
            sk_map_put(&h->custom, id, (void *)kind);
            if (cjk)
                sk_map_put(&h->codes, id, (void *)cjk);
        }
    } else if (h->in_xfs && !strcmp(name, "xf")) {
        if (h->xfs.len >= 65536)
            return part_fail(S->x, S->part, 0, "more than 65536 cell styles");
        if (!attr(na, a, "numFmtId", NULL, id, sizeof id))
            strcpy(id, "0");
        long n = strtol(id, NULL, 10);
        uintptr_t k = n >= 0 && n < 164 ? h->low[n] : (uintptr_t)sk_map_get(&h->custom, id);
        sk_vec_push(&h->xfs, (void *)(k ? k - 1 : (uintptr_t)builtin_kind(n)));
        const char *code = n >= 0 && n < 164 ? (k ? h->lowcode[n] : builtin_cjk(n)) : sk_map_get(&h->codes, id);
        sk_vec_push(&h->xfcodes, (void *)code);
    }
    return 0;
}

static int styles_end(sax *S, const char *name)
{
    styles_sax *h = (styles_sax *)S;
    if (!strcmp(name, "numFmts"))
        h->in_fmts = 0; /* dxfs (conditional formats) hold numFmts of their own */
    else if (!strcmp(name, "cellXfs"))
        h->in_xfs = 0;
    return 0;
}

static int load_styles(xlsx *x, const char *part)
{
    styles_sax h = { .S = { .start = styles_start, .end = styles_end } };
    sk_map_init(&h.custom);
    sk_map_init(&h.codes);
    int rc = sax_parse(x, part, 0, &h.S);
    if (rc >= 0) {
        x->nxf = h.xfs.len;
        x->xf_kind = mem_alloc(x->L->mem, h.xfs.len + 1);
        x->xf_code = mem_calloc(x->L->mem, h.xfs.len + 1, sizeof *x->xf_code);
        for (size_t i = 0; i < h.xfs.len; i++) {
            x->xf_kind[i] = (unsigned char)(uintptr_t)h.xfs.items[i];
            x->xf_code[i] = h.xfcodes.items[i];
        }
    }
    sk_vec_free(&h.xfs);
    sk_vec_free(&h.xfcodes);
    sk_map_free(&h.custom);
    sk_map_free(&h.codes);
    return rc < 0 ? -1 : 0;
}

/* Shortest decimal text with at most 15 significant digits (what Excel shows
 * in a General cell), positional for 1e-10 <= |v| < 1e21. */
static void fmt_number(double v, char *out, size_t cap)
{
    char e[48], dig[20];
    size_t nd = 0;
    if (v == 0 || !isfinite(v)) { /* -0 prints as 0; a workbook holds no inf or NaN */
        snprintf(out, cap, "%s", v == 0 ? "0" : "#NUM!");
        return;
    }
    snprintf(e, sizeof e, "%.14e", v);
    const char *p = e + (e[0] == '-');
    for (; *p && *p != 'e'; p++)
        if (*p != '.')
            dig[nd++] = *p;
    int x = atoi(p + 1);
    while (nd > 1 && dig[nd - 1] == '0')
        nd--;
    if (x < -10 || x >= 21) {
        snprintf(out, cap, "%.15g", v);
        return;
    }
    char *o = out;
    if (v < 0)
        *o++ = '-';
    if (x < 0) {
        *o++ = '0';
        *o++ = '.';
        for (int i = 0; i < -x - 1; i++)
            *o++ = '0';
        memcpy(o, dig, nd);
        o += nd;
    } else {
        for (int i = 0; i <= x; i++)
            *o++ = (size_t)i < nd ? dig[i] : '0';
        if (nd > (size_t)x + 1) {
            *o++ = '.';
            memcpy(o, dig + x + 1, nd - (size_t)x - 1);
            o += nd - (size_t)x - 1;
        }
    }
    *o = '\0';
}

/* Civil date of a day count from 1970-01-01 (H. Hinnant's algorithm). */
static void civil(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A date serial as text; -1 when v is no date (negative, past 9999-12-31). */
static int fmt_serial(double v, int kind, const char *code, int date1904, char *out, size_t cap)
{
    if (!(v >= 0 && v < 2958466))
        return -1;
    long long secs = llround(v * 86400.0);
    long long day = secs / 86400;
    int sod = (int)(secs % 86400), y, m, d;
    if (date1904) {
        civil(day - 24107, &y, &m, &d);
    } else if (day == 60) { /* Lotus 1-2-3 took 1900 for a leap year; Excel kept it */
        y = 1900, m = 2, d = 29;
    } else if (day == 0) {  /* what Excel shows for serial 0 */
        y = 1900, m = 1, d = 0;
    } else {
        civil(day - (day < 60 ? 25568 : 25569), &y, &m, &d);
    }
    if (code && fmt_code(code, y, m, d, sod, out, cap) == 0)
        return 0; /* kept as Excel shows it: 2019年4月1日 */
    if (!(kind & K_DATE) && (kind & K_SECS))
        snprintf(out, cap, "%02d:%02d:%02d", sod / 3600, sod / 60 % 60, sod % 60);
    else if (!(kind & K_DATE))
        snprintf(out, cap, "%02d:%02d", sod / 3600, sod / 60 % 60);
    else if ((kind & K_TIME) && sod) /* a date-time at midnight is a date (exports store dates so) */
        snprintf(out, cap, "%04d-%02d-%02d %02d:%02d", y, m, d, sod / 3600, sod / 60 % 60);
    else
        snprintf(out, cap, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* "A1" -> column 1, row 1; -1 when malformed or past XFD1048576. */
static int parse_ref(const char *s, size_t *col, int *row)
{
    size_t c = 0;
    long r = 0;
    if (!(*s >= 'A' && *s <= 'Z'))
        return -1;
    for (; *s >= 'A' && *s <= 'Z'; s++)
        if ((c = c * 26 + (size_t)(*s - 'A' + 1)) > SK_RECORDS_MAX_COLUMNS)
            return -1;
    if (!(*s >= '1' && *s <= '9'))
        return -1;
    for (; *s >= '0' && *s <= '9'; s++)
        if ((r = r * 10 + (*s - '0')) > 1048576)
            return -1;
    if (*s)
        return -1;
    *col = c;
    *row = (int)r;
    return 0;
}

typedef struct cell {
    char type[16];
    long style;
    sk_buf v, is;   /* <v> text, inline string text */
} cell;

/* -?[1-9][0-9]{0,14} or 0: already the text fmt_number would give. */
static int plain_integer(const char *s)
{
    size_t n = 0;
    int neg = *s == '-';
    s += neg;
    if (s[0] == '0')
        return !s[1] && !neg;
    for (; s[n] >= '0' && s[n] <= '9'; n++)
        ;
    return n && n <= 15 && !s[n];
}

static int cell_text(xlsx *x, cell *c, int row, size_t col, char **out)
{
    const char *t = c->type, *v = c->v.data ? c->v.data : "";
    sk_records_mem *m = x->L->mem;
    char num[64];
    *out = NULL;
    if (c->is.len > SK_RECORDS_MAX_VALUE || c->v.len > SK_RECORDS_MAX_VALUE)
        return table_fail(x->t, row, col, "the cell holds %zu bytes; a value may hold at most %u MiB",
                          c->is.len > c->v.len ? c->is.len : c->v.len, SK_RECORDS_MAX_VALUE >> 20);
    if (!strcmp(t, "inlineStr")) {
        *out = ooxml_text(m, c->is.data ? c->is.data : "", c->is.len);
        return 0;
    }
    if (!c->v.len)
        return 0;
    if (!strcmp(t, "s")) {
        char *end;
        unsigned long i = strtoul(v, &end, 10);
        if (*end || end == v || i >= x->sst.len)
            return table_fail(x->t, row, col, "shared string %s does not exist", v);
        *out = x->sst.items[i];
        /* a shared string is stored once but printed in every cell using it */
        if ((x->text += x->sst_len[i]) > SK_RECORDS_MAX_TEXT)
            return table_fail(x->t, row, col,
                              "the cells' values add up to more than %u MiB (shared string %lu is used in many "
                              "cells?); split the workbook",
                              SK_RECORDS_MAX_TEXT >> 20, i);
    } else if (!strcmp(t, "str") || !strcmp(t, "e")) {
        *out = ooxml_text(m, v, c->v.len);
    } else if (!strcmp(t, "b")) {
        *out = mem_strdup(m, strcmp(v, "1") ? "FALSE" : "TRUE");
    } else if (!strcmp(t, "d")) { /* ISO 8601 date cell: 2024-01-05T09:30:00Z */
        const char *tm = strchr(v, 'T');
        if (!tm || sk_str_starts_with(tm, "T00:00:00") || !strcmp(tm, "T00:00"))
            *out = mem_strndup(m, v, tm ? (size_t)(tm - v) : c->v.len);
        else {
            snprintf(num, sizeof num, "%.*s %.5s", (int)(tm - v < 20 ? tm - v : 20), v, tm + 1);
            *out = mem_strdup(m, num);
        }
    } else {
        int kind = c->style >= 0 && (size_t)c->style < x->nxf ? x->xf_kind[c->style] : 0;
        if (!kind && plain_integer(v)) { /* most numbers in office data: counts, phones, ids */
            *out = mem_strndup(m, v, c->v.len);
            return 0;
        }
        char *end;
        double d = strtod(v, &end);
        if (*end || end == v) {
            *out = mem_strndup(m, v, c->v.len);
            return 0;
        }
        const char *code = c->style >= 0 && (size_t)c->style < x->nxf ? x->xf_code[c->style] : NULL;
        if (!kind || fmt_serial(d, kind, code, x->date1904, num, sizeof num) < 0)
            fmt_number(d, num, sizeof num);
        *out = mem_strdup(m, num);
    }
    return 0;
}

typedef struct sheet_sax {
    sax S;
    int row, in_c, in_is, in_rph;
    size_t col, ncells, capcells, total;
    char **cells;           /* cells[i]: column i+1 of the current row */
    cell c;
} sheet_sax;

static int sheet_start(sax *S, const char *name, int na, const xmlChar **a)
{
    sheet_sax *h = (sheet_sax *)S;
    xlsx *x = S->x;
    char buf[32];
    if (!strcmp(name, "c")) {
        int r;
        if (++h->total > SK_RECORDS_MAX_CELLS)
            return table_fail(x->t, h->row, 0, "more than %d cells; split the workbook", SK_RECORDS_MAX_CELLS);
        if (attr(na, a, "r", NULL, buf, sizeof buf)) {
            if (parse_ref(buf, &h->col, &r) < 0)
                return table_fail(x->t, h->row, 0, "bad cell reference '%s' (columns end at XFD)", buf);
        } else if (++h->col > SK_RECORDS_MAX_COLUMNS) {
            return table_fail(x->t, h->row, 0, "more than %d columns", SK_RECORDS_MAX_COLUMNS);
        }
        attr(na, a, "t", NULL, h->c.type, sizeof h->c.type);
        h->c.style = attr(na, a, "s", NULL, buf, sizeof buf) ? strtol(buf, NULL, 10) : 0;
        sk_buf_clear(&h->c.v);
        sk_buf_clear(&h->c.is);
        h->in_c = 1;
        if (h->col > h->capcells) {
            size_t cap = h->capcells ? h->capcells : 16;
            while (cap < h->col)
                cap *= 2;
            h->cells = sk_realloc(h->cells, cap * sizeof *h->cells);
            memset(h->cells + h->capcells, 0, (cap - h->capcells) * sizeof *h->cells);
            h->capcells = cap;
        }
    } else if (h->in_c && !strcmp(name, "v")) {
        S->capture = &h->c.v;
    } else if (!strcmp(name, "row")) {
        h->row = attr(na, a, "r", NULL, buf, sizeof buf) ? atoi(buf) : h->row + 1;
        if (h->row < 1 || h->row > 1048576)
            return part_fail(x, S->part, 0, "row number %s out of range", buf);
        h->col = 0;
    } else if (h->in_c && !strcmp(name, "is")) {
        h->in_is = 1;
    } else if (h->in_is && !strcmp(name, "rPh")) {
        h->in_rph = 1;
    } else if (h->in_is && !h->in_rph && !strcmp(name, "t")) {
        S->capture = &h->c.is;
    }
    return 0;
}

static int sheet_end(sax *S, const char *name)
{
    sheet_sax *h = (sheet_sax *)S;
    if (!strcmp(name, "c")) {
        char *text;
        h->in_c = h->in_is = h->in_rph = 0;
        S->capture = NULL;
        if (cell_text(S->x, &h->c, h->row, h->col, &text) < 0)
            return -1;
        if (text) {
            h->cells[h->col - 1] = text;
            if (h->col > h->ncells)
                h->ncells = h->col;
        }
    } else if (!strcmp(name, "v") || !strcmp(name, "t")) {
        S->capture = NULL;
    } else if (!strcmp(name, "row")) {
        if (table_add_row(S->x->t, h->cells, h->ncells, h->row) < 0)
            return -1;
        if (h->ncells)
            memset(h->cells, 0, h->ncells * sizeof *h->cells);
        h->ncells = 0;
    } else if (!strcmp(name, "rPh")) {
        h->in_rph = 0;
    } else if (!strcmp(name, "is")) {
        h->in_is = 0;
    }
    return 0;
}

static int load_sheet(xlsx *x, const char *part)
{
    sheet_sax h = { .S = { .start = sheet_start, .end = sheet_end } };
    int rc = sax_parse(x, part, 1, &h.S);
    free(h.cells);
    sk_buf_free(&h.c.v);
    sk_buf_free(&h.c.is);
    if (rc < 0)
        return -1;
    if (!x->t->cols) {
        if (x->t->preamble.len)
            return no_header(x->t, 1);
        sk_err_at(x->L->err, x->L->path, 0, 0, "sheet %s: no header row (the sheet is empty)", x->t->sheet);
        return -1;
    }
    return 0;
}

#define REL_NS "relationships" /* transitional and strict OOXML both end so */

typedef struct sheet_ref {
    char *name, *rid;
} sheet_ref;

typedef struct book_sax {
    sax S;
    sk_vec sheets;          /* sheet_ref, in tab order */
    int date1904;
} book_sax;

static int book_start(sax *S, const char *name, int na, const xmlChar **a)
{
    book_sax *h = (book_sax *)S;
    char buf[16];
    if (!strcmp(name, "sheet")) {
        sheet_ref *s = sk_calloc(1, sizeof *s);
        sk_vec_push(&h->sheets, s);
        s->name = attr_dup(na, a, "name", NULL);
        s->rid = attr_dup(na, a, "id", REL_NS);
        if (!s->name || !s->rid)
            return part_fail(S->x, S->part, 0, "a sheet without a name or r:id");
    } else if (!strcmp(name, "workbookPr")) {
        h->date1904 = attr(na, a, "date1904", NULL, buf, sizeof buf) && (!strcmp(buf, "1") || !strcmp(buf, "true"));
    }
    return 0;
}

typedef struct rels_sax {
    sax S;
    const char *rid;        /* the chosen sheet's */
    char *sheet, *sst, *styles;
} rels_sax;

/* Part path of a relationship target: relative to xl/ unless absolute. */
static char *part_path(const char *target)
{
    return target[0] == '/' ? sk_strdup(target + 1) : sk_asprintf("xl/%s", target);
}

static int rels_start(sax *S, const char *name, int na, const xmlChar **a)
{
    rels_sax *h = (rels_sax *)S;
    char id[256], type[512], target[1024];
    if (strcmp(name, "Relationship") || !attr(na, a, "Target", NULL, target, sizeof target))
        return 0;
    attr(na, a, "Id", NULL, id, sizeof id);
    attr(na, a, "Type", NULL, type, sizeof type);
    if (!strcmp(id, h->rid) && !h->sheet)
        h->sheet = part_path(target);
    else if (sk_str_ends_with(type, "/sharedStrings") && !h->sst)
        h->sst = part_path(target);
    else if (sk_str_ends_with(type, "/styles") && !h->styles)
        h->styles = part_path(target);
    return 0;
}

static int load_xlsx(loader *L, table *t)
{
    int rc = -1;
    xlsx x = { .L = L, .t = t };
    book_sax book = { .S = { .start = book_start } };
    rels_sax rels = { .S = { .start = rels_start } };
    sheet_ref *chosen = NULL;

    if (sk_zip_open(&x.zip, L->path, "an XLSX workbook", L->err) < 0)
        goto done;
    if (sax_parse(&x, "xl/workbook.xml", 1, &book.S) < 0)
        goto done;
    x.date1904 = book.date1904;
    for (size_t i = 0; i < book.sheets.len && !chosen; i++)
        if (!L->o->sheet || !strcmp(((sheet_ref *)book.sheets.items[i])->name, L->o->sheet))
            chosen = book.sheets.items[i];
    if (!chosen && !book.sheets.len) {
        sk_err_at(L->err, L->path, 0, 0, "the workbook has no sheets");
        goto done;
    }
    if (!chosen) {
        sk_buf names;
        sk_buf_init(&names);
        for (size_t i = 0; i < book.sheets.len; i++)
            sk_buf_printf(&names, "%s%s", i ? ", " : "", ((sheet_ref *)book.sheets.items[i])->name);
        sk_err_at(L->err, L->path, 0, 0, "no sheet named '%s' (the sheets are: %s)", L->o->sheet, names.data);
        sk_buf_free(&names);
        goto done;
    }
    t->sheet = mem_strdup(L->mem, chosen->name);
    t->sheets = mem_alloc(L->mem, book.sheets.len * sizeof *t->sheets);
    for (size_t i = 0; i < book.sheets.len; i++)
        t->sheets[i] = mem_strdup(L->mem, ((sheet_ref *)book.sheets.items[i])->name);
    t->nsheets = book.sheets.len;
    rels.rid = chosen->rid;
    if (sax_parse(&x, "xl/_rels/workbook.xml.rels", 1, &rels.S) < 0)
        goto done;
    if (!rels.sheet) {
        sk_err_at(L->err, L->path, 0, 0, "xl/_rels/workbook.xml.rels: no part for sheet %s (%s)", t->sheet,
                  rels.rid);
        goto done;
    }
    if (load_sst(&x, rels.sst ? rels.sst : "xl/sharedStrings.xml") < 0 ||
        load_styles(&x, rels.styles ? rels.styles : "xl/styles.xml") < 0 || load_sheet(&x, rels.sheet) < 0)
        goto done;
    rc = 0;
done:
    for (size_t i = 0; i < book.sheets.len; i++) {
        sheet_ref *s = book.sheets.items[i];
        free(s->name);
        free(s->rid);
        free(s);
    }
    sk_vec_free(&book.sheets);
    sk_vec_free(&x.sst);
    free(x.sst_len);
    free(rels.sheet);
    free(rels.sst);
    free(rels.styles);
    sk_zip_close(x.zip);
    return rc;
}

/* ---- XLS (Excel 97-2003, BIFF), through libfreexl ---- */

static int load_xls(loader *L, table *t)
{
    int rc = -1;
    const void *h = NULL;
    unsigned int nsheets = 0, rows = 0, mode = 0;
    unsigned short cols = 0, chosen = 0;
    int found = 0;
    char **cells = NULL;
    struct stat st;
    sk_buf names;
    sk_buf_init(&names);

    if (stat(L->path, &st) < 0) {
        sk_err_at(L->err, L->path, 0, 0, "cannot read: %s", strerror(errno));
        goto done;
    }
    if ((unsigned long long)st.st_size > SK_RECORDS_MAX_FILE) {
        sk_err_at(L->err, L->path, 0, 0, "larger than %u MiB", SK_RECORDS_MAX_FILE >> 20);
        goto done;
    }
    int e = freexl_open(L->path, &h);
    if (e != FREEXL_OK) {
        /* exports named .xls are often an HTML table or text: say what to do */
        char head[512];
        size_t n = 0;
        FILE *fp = fopen(L->path, "rb");
        if (fp) {
            n = fread(head, 1, sizeof head - 1, fp);
            fclose(fp);
        }
        head[n] = '\0';
        const char *p = head;
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || !strncmp(p, "\xEF\xBB\xBF", 3))
            p += *p == '\xEF' ? 3 : 1;
        const char *hint = n && *p == '<' ? ": an HTML table named .xls; open it in Excel or LibreOffice and save it as .xlsx"
                           : n && !memchr(head, '\0', n) ? ": a text file named .xls; if it is a table, rename it to .csv"
                           : "";
        sk_err_at(L->err, L->path, 0, 0, "not an Excel 97-2003 workbook (.xls) that can be read (libfreexl error %d)%s",
                  e, hint);
        goto done;
    }
    unsigned int pw = 0;
    if (freexl_get_info(h, FREEXL_BIFF_PASSWORD, &pw) == FREEXL_OK && pw == FREEXL_BIFF_OBFUSCATED) {
        sk_err_at(L->err, L->path, 0, 0, "the workbook is protected by a password; save it without one");
        goto done;
    }
    if (freexl_get_info(h, FREEXL_BIFF_SHEET_COUNT, &nsheets) != FREEXL_OK || !nsheets) {
        sk_err_at(L->err, L->path, 0, 0, "the workbook has no sheets");
        goto done;
    }
    freexl_get_info(h, FREEXL_BIFF_DATEMODE, &mode);
    t->sheets = mem_alloc(L->mem, nsheets * sizeof *t->sheets);
    for (unsigned short i = 0; i < nsheets; i++) {
        const char *name = NULL;
        if (freexl_get_worksheet_name(h, i, &name) != FREEXL_OK || !name)
            name = "";
        t->sheets[i] = mem_strdup(L->mem, name);
        sk_buf_printf(&names, "%s%s", i ? ", " : "", name);
        if (!found && (!L->o->sheet || !strcmp(name, L->o->sheet))) {
            chosen = i;
            found = 1;
        }
    }
    t->nsheets = nsheets;
    if (!found) {
        sk_err_at(L->err, L->path, 0, 0, "no sheet named '%s' (the sheets are: %s)", L->o->sheet, names.data);
        goto done;
    }
    t->sheet = t->sheets[chosen];
    if (freexl_select_active_worksheet(h, chosen) != FREEXL_OK ||
        freexl_worksheet_dimensions(h, &rows, &cols) != FREEXL_OK) {
        sk_err_at(L->err, L->path, 0, 0, "sheet %s cannot be read", t->sheet);
        goto done;
    }
    if (cols && (unsigned long long)rows * cols > SK_RECORDS_MAX_CELLS) {
        sk_err_at(L->err, L->path, 0, 0, "sheet %s: more than %d cells", t->sheet, SK_RECORDS_MAX_CELLS);
        goto done;
    }
    cells = sk_calloc(cols ? cols : 1, sizeof *cells);
    for (unsigned int r = 0; r < rows; r++) {
        for (unsigned short c = 0; c < cols; c++) {
            FreeXL_CellValue v;
            char num[64];
            const char *text = NULL;
            cells[c] = NULL;
            if (freexl_get_cell_value(h, r, c, &v) != FREEXL_OK) {
                table_fail(t, (int)r + 1, (size_t)c + 1, "cannot be read");
                goto done;
            }
            switch (v.type) {
            case FREEXL_CELL_INT:
                snprintf(num, sizeof num, "%d", v.value.int_value);
                text = num;
                break;
            case FREEXL_CELL_DOUBLE:
                fmt_number(v.value.double_value, num, sizeof num);
                text = num;
                break;
            case FREEXL_CELL_DATETIME: /* "YYYY-MM-DD HH:MM:SS": minutes, as XLSX; midnight is a date */
                if (v.value.text_value && strlen(v.value.text_value) >= 16) {
                    int midnight = !strcmp(v.value.text_value + 10, " 00:00:00");
                    snprintf(num, sizeof num, "%.*s", midnight ? 10 : 16, v.value.text_value);
                    text = num;
                } else {
                    text = v.value.text_value;
                }
                break;
            case FREEXL_CELL_TIME: /* "HH:MM:SS": seconds only when there are any */
                if (v.value.text_value && strlen(v.value.text_value) == 8 && !strcmp(v.value.text_value + 5, ":00")) {
                    snprintf(num, sizeof num, "%.5s", v.value.text_value);
                    text = num;
                } else {
                    text = v.value.text_value;
                }
                break;
            case FREEXL_CELL_TEXT: case FREEXL_CELL_SST_TEXT: case FREEXL_CELL_DATE:
                text = v.value.text_value;
                break;
            default:
                break;
            }
            if (!text)
                continue;
            size_t n = strlen(text);
            if (sk_utf8_validate(text, n) != (size_t)-1) {
                table_fail(t, (int)r + 1, (size_t)c + 1, "text that is not valid in the workbook's encoding");
                goto done;
            }
            cells[c] = mem_strndup(L->mem, text, n);
        }
        if (table_add_row(t, cells, cols, (int)r + 1) < 0)
            goto done;
    }
    rc = 0;
done:
    free(cells);
    sk_buf_free(&names);
    if (h)
        freexl_close(h);
    return rc;
}

/* ---- JSON and YAML ---- */

typedef struct name_ent {
    char *s;
    size_t stamp;   /* last record that used the name: duplicates found in O(1) */
    int in_cols;
} name_ent;

typedef struct tree {
    loader *L;
    sk_map names;   /* interned field names -> name_ent (arena) */
    size_t stamp;
} tree;

typedef struct field {
    name_ent *name;
    const sk_yaml_node *node;
} field;

typedef struct fields {
    field *f;
    size_t n, cap;
    size_t stamp;
} fields;

static int tree_fail(tree *T, const sk_yaml_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int tree_fail(tree *T, const sk_yaml_node *n, const char *fmt, ...)
{
    char what[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    sk_err_at(T->L->err, T->L->path, n->line, n->col, "line %d: %s", n->line, what);
    return -1;
}

static name_ent *intern(tree *T, const char *s)
{
    name_ent *e = sk_map_get(&T->names, s);
    if (!e) {
        e = mem_calloc(T->L->mem, 1, sizeof *e);
        e->s = mem_strdup(T->L->mem, s);
        sk_map_put(&T->names, s, e);
    }
    return e;
}

/* Collects a mapping's fields, flattening nested mappings into dotted names. */
static int collect(tree *T, const sk_yaml_node *map, const char *prefix, fields *F)
{
    for (size_t i = 0; i + 1 < map->n; i += 2) {
        const sk_yaml_node *k = map->items[i], *v = map->items[i + 1];
        if (!*k->value)
            return tree_fail(T, k, "empty field name");
        char *full = prefix ? sk_asprintf("%s.%s", prefix, k->value) : NULL;
        const char *name = full ? full : k->value;
        int rc = 0;
        if (v->type == SK_YAML_MAP) {
            rc = collect(T, v, name, F);
        } else {
            name_ent *e = intern(T, name);
            if (e->stamp == F->stamp)
                rc = tree_fail(T, k, "field '%s' is given twice in one record", name);
            else if (F->n >= SK_RECORDS_MAX_COLUMNS)
                rc = tree_fail(T, k, "more than %d fields in one record", SK_RECORDS_MAX_COLUMNS);
            else {
                e->stamp = F->stamp;
                if (F->n == F->cap) {
                    F->cap = F->cap ? F->cap * 2 : 16;
                    F->f = sk_realloc(F->f, F->cap * sizeof *F->f);
                }
                F->f[F->n++] = (field){ e, v };
            }
        }
        free(full);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int tree_record(tree *T, const sk_yaml_node *map, sk_record **out);

static int tree_list(tree *T, const char *name, const sk_yaml_node *seq, sk_value *val)
{
    val->list = mem_calloc(T->L->mem, seq->n ? seq->n : 1, sizeof *val->list);
    for (size_t j = 0; j < seq->n; j++) {
        const sk_yaml_node *it = seq->items[j];
        if (it->type != SK_YAML_MAP)
            return tree_fail(T, it, "item %zu of '%s' is %s; a list holds one mapping per row", j + 1, name,
                             sk_yaml_is_null(it) ? "empty" : sk_yaml_type_name(it->type));
        if (tree_record(T, it, &val->list[j]) < 0)
            return -1;
    }
    val->nlist = seq->n;
    return 0;
}

static int tree_record(tree *T, const sk_yaml_node *map, sk_record **out)
{
    int rc = -1;
    fields F = { .stamp = ++T->stamp };
    if (collect(T, map, NULL, &F) < 0)
        goto done;
    sk_record *r = mem_calloc(T->L->mem, 1, sizeof *r);
    r->n = F.n;
    r->row = map->line;
    r->names = mem_alloc(T->L->mem, (F.n ? F.n : 1) * sizeof *r->names);
    r->values = mem_calloc(T->L->mem, F.n ? F.n : 1, sizeof *r->values);
    /* lists after the whole mapping is read: their records reuse the stamps */
    for (size_t i = 0; i < F.n; i++) {
        const sk_yaml_node *v = F.f[i].node;
        r->names[i] = F.f[i].name->s;
        if (v->type == SK_YAML_SEQ) {
            if (tree_list(T, r->names[i], v, &r->values[i]) < 0)
                goto done;
        } else if (!sk_yaml_is_null(v)) {
            r->values[i].text = mem_strdup(T->L->mem, v->value);
        }
    }
    *out = r;
    rc = 0;
done:
    free(F.f);
    return rc;
}

static int load_tree(loader *L, table *t)
{
    int rc = -1;
    char *data = NULL;
    size_t len = 0;
    sk_yaml_node *root = NULL;
    sk_vec cols = { 0 };
    tree T = { .L = L };
    sk_map_init(&T.names);

    if (sk_fs_read(&data, &len, L->path, SK_RECORDS_MAX_FILE, L->err) < 0)
        goto done;
    const char *text = data;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
        text += 3, len -= 3;
    size_t bad = sk_utf8_validate(text, len);
    const char *nul = memchr(text, '\0', len);
    if (bad != (size_t)-1 || nul) {
        size_t at = bad != (size_t)-1 && (!nul || bad < (size_t)(nul - text)) ? bad : (size_t)(nul - text);
        int line = 1;
        size_t ls = 0;
        for (size_t i = 0; i < at; i++)
            if (text[i] == '\n')
                line++, ls = i + 1;
        int col = (int)sk_utf8_count(text + ls, at - ls) + 1;
        sk_err_at(L->err, L->path, line, col, "line %d, column %d: %s (the file must be UTF-8)", line, col,
                  text[at] ? "invalid UTF-8" : "a NUL byte");
        goto done;
    }
    if (L->json && len != strspn(text, " \t\r\n")) { /* an empty file: the shape's message below */
        /* the YAML reader takes JSON as flow syntax and would word its errors as
         * YAML's; a strict JSON pass first says where the JSON went wrong */
        sk_json *j = NULL;
        sk_err je;
        sk_err_clear(&je);
        if (sk_json_parse(&j, text, len, &je) < 0) {
            const char *m = je.msg, *c = strstr(m, ": ");
            if (je.line > 0 && c && !strncmp(m, "line ", 5))
                m = c + 2;
            sk_err_at(L->err, L->path, je.line, je.col, "line %d, column %d: invalid JSON: %s", je.line, je.col, m);
            goto done;
        }
        sk_json_free(j);
    }
    if (sk_yaml_load(&root, text, len, 1, L->path, L->err) < 0) {
        char *m = sk_asprintf("line %d, column %d: %s", L->err ? L->err->line : 0, L->err ? L->err->col : 0,
                              L->err ? L->err->msg : "");
        if (L->err)
            sk_err_at(L->err, L->path, L->err->line, L->err->col, "%s", m);
        free(m);
        goto done;
    }
    const sk_yaml_node *list = root;
    if (root && root->type == SK_YAML_MAP && root->n == 2 && root->items[1]->type == SK_YAML_SEQ)
        list = root->items[1];
    if (!root || list->type != SK_YAML_SEQ) {
        int line = root ? root->line : 1;
        sk_err_at(L->err, L->path, line, 0, "line %d: expected a list of records ([{...}, ...]), or a "
                  "mapping with one key holding that list ({\"records\": [...]})", line);
        goto done;
    }
    t->row0 = list->line;
    for (size_t i = 0; i < list->n; i++) {
        const sk_yaml_node *it = list->items[i];
        sk_record *r;
        if (it->type != SK_YAML_MAP) {
            tree_fail(&T, it, "record %zu is %s, not a mapping of field names to values", i + 1,
                      sk_yaml_is_null(it) ? "empty" : sk_yaml_type_name(it->type));
            goto done;
        }
        if (tree_record(&T, it, &r) < 0)
            goto done;
        sk_vec_push(&t->recs, r);
        for (size_t j = 0; j < r->n; j++) {
            name_ent *e = sk_map_get(&T.names, r->names[j]);
            if (!e->in_cols) {
                e->in_cols = 1;
                sk_vec_push(&cols, e->s);
            }
        }
    }
    t->cols = (char **)mem_vec(L->mem, &cols);
    t->ncols = cols.len;
    rc = 0;
done:
    sk_vec_free(&cols);
    sk_map_free(&T.names);
    sk_yaml_free(root);
    free(data);
    return rc;
}

/* ---- entry points ---- */

static const char *format_of(const char *path)
{
    static const char *ext[][2] = { { ".csv", "csv" },   { ".xlsx", "xlsx" }, { ".xls", "xls" }, { ".json", "json" },
                                    { ".yaml", "yaml" }, { ".yml", "yaml" } };
    size_t n = strlen(path);
    for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
        size_t k = strlen(ext[i][0]);
        if (n > k && !strcasecmp(path + n - k, ext[i][0]))
            return ext[i][1];
    }
    return NULL;
}

int sk_records_load(sk_dataset **out, const char *path, const sk_records_opts *o, sk_err *err)
{
    static const sk_records_opts defaults;
    int rc = -1;
    loader L = { .path = path, .o = o ? o : &defaults, .err = err };
    table t = { .L = &L };
    const char *fmt = L.o->format ? L.o->format : format_of(path);

    L.mem = sk_calloc(1, sizeof *L.mem);
    L.empty = mem_strdup(L.mem, "");
    if (L.o->rows_list && !*L.o->rows_list) {
        sk_err_at(err, path, 0, 0, "the rows list needs a field name");
        goto done;
    }
    if (!fmt) {
        sk_err_at(err, path, 0, 0, "unknown data format (use a .csv, .xlsx, .xls, .json, .yaml or .yml file)");
        goto done;
    }
    if (!strcasecmp(fmt, "csv"))
        rc = load_csv(&L, &t);
    else if (!strcasecmp(fmt, "xlsx"))
        rc = load_xlsx(&L, &t);
    else if (!strcasecmp(fmt, "xls"))
        rc = load_xls(&L, &t);
    else if (!strcasecmp(fmt, "json") || !strcasecmp(fmt, "yaml") || !strcasecmp(fmt, "yml")) {
        L.json = !strcasecmp(fmt, "json");
        rc = load_tree(&L, &t);
    }
    else
        sk_err_at(err, path, 0, 0, "unknown data format '%s' (use csv, xlsx, xls, json or yaml)", fmt);
    if (rc < 0)
        goto done;

    sk_dataset *d = mem_calloc(L.mem, 1, sizeof *d);
    d->path = mem_strdup(L.mem, path);
    d->preamble = (char **)mem_vec(L.mem, &t.preamble);
    d->npreamble = t.preamble.len;
    d->columns = t.cols;
    d->ncolumns = t.ncols;
    d->sheet = t.sheet;
    d->sheets = t.sheets;
    d->nsheets = t.nsheets;
    if (L.o->rows_list) {
        sk_record *r = mem_calloc(L.mem, 1, sizeof *r);
        r->names = mem_alloc(L.mem, sizeof *r->names);
        r->names[0] = mem_strdup(L.mem, L.o->rows_list);
        r->values = mem_calloc(L.mem, 1, sizeof *r->values);
        r->values[0].list = (sk_record **)mem_vec(L.mem, &t.recs);
        r->values[0].nlist = t.recs.len;
        r->n = 1;
        r->row = t.row0 ? t.row0 : 1;
        d->recs = mem_alloc(L.mem, sizeof *d->recs);
        d->recs[0] = r;
        d->n = 1;
    } else {
        d->recs = (sk_record **)mem_vec(L.mem, &t.recs);
        d->n = t.recs.len;
    }
    d->mem = L.mem;
    L.mem = NULL;
    *out = d;
    rc = 0;
done:
    sk_vec_free(&t.recs);
    sk_vec_free(&t.preamble);
    mem_free(L.mem);
    return rc;
}

/* ---- a CSV table read as a stream ---- */

struct sk_records_stream {
    loader L;
    table t;
    csvsrc s;
    sk_records_opts o;
    sk_records_mem *rows;   /* the window's records (L.mem while reading) */
    size_t first;           /* the index of t.recs' first record */
    int open;
    int failed;
    sk_err err;
    sk_record empty;        /* given after a failure */
};

/* (Re)opens the file; the second time the rows up to the header are skipped and
 * the header read first is kept (its names may have been renamed since). */
static int stream_reopen(sk_records_stream *st)
{
    if (st->open)
        csvsrc_free(&st->s);
    st->open = 0;
    st->t.recs.len = 0;
    st->first = 0;
    mem_reset(st->rows);
    int rc = csvsrc_open(&st->s, &st->L, &st->t, 1);
    st->open = 1; /* csvsrc_free undoes a part open too */
    return rc;
}

/* Moves the window to hold record i: 1, or 0 past the end, -1 on an error. */
static int stream_seek(sk_records_stream *st, size_t i)
{
    if (st->failed)
        return -1;
    if (i < st->first && stream_reopen(st) < 0)
        goto fail;
    while (i >= st->first + st->t.recs.len) {
        if (st->s.done)
            return 0;
        st->first += st->t.recs.len;
        st->t.recs.len = 0;
        mem_reset(st->rows);
        if (csvsrc_pump(&st->s) < 0)
            goto fail;
    }
    return 1;
fail:
    st->failed = 1;
    return -1;
}

static void stream_free(sk_records_stream *st)
{
    if (!st)
        return;
    if (st->open)
        csvsrc_free(&st->s);
    sk_vec_free(&st->t.recs);
    sk_vec_free(&st->t.preamble);
    mem_free(st->rows);
    free(st);
}

int sk_records_open(sk_dataset **out, const char *path, const sk_records_opts *o, sk_err *err)
{
    static const sk_records_opts defaults;
    const sk_records_opts *oo = o ? o : &defaults;
    const char *fmt = oo->format ? oo->format : format_of(path);
    if (!fmt || strcasecmp(fmt, "csv") || oo->rows_list)
        return sk_records_load(out, path, o, err); /* read whole */
    sk_records_stream *st = sk_calloc(1, sizeof *st);
    st->o = *oo;
    st->L = (loader){ .path = path, .o = &st->o, .err = &st->err };
    st->t.L = &st->L;
    sk_records_mem *head = st->L.mem = sk_calloc(1, sizeof *head);
    st->L.empty = mem_strdup(head, "");
    st->rows = sk_calloc(1, sizeof *st->rows);
    sk_err_clear(&st->err);
    /* the header (and a first record) into the arena that stays */
    int orc = csvsrc_open(&st->s, &st->L, &st->t, 1);
    st->open = 1;
    if (orc < 0)
        goto fail;
    while (!st->t.cols && !st->s.done)
        if (csvsrc_pump(&st->s) < 0)
            goto fail;
    if (!st->t.cols && csvsrc_pump(&st->s) < 0) /* says there is no header */
        goto fail;
    st->L.mem = st->rows;
    st->t.skip_through = st->t.row0;
    st->o.encoding = st->s.c.enc; /* decided once (auto reads the whole file) */
    /* every record once: errors now, before anything is written, and the count */
    size_t n = 0;
    while (!st->s.done || n < st->first + st->t.recs.len) {
        int r = stream_seek(st, n);
        if (r < 0)
            goto fail;
        if (r == 0)
            break;
        n = st->first + st->t.recs.len;
    }
    sk_dataset *d = mem_calloc(head, 1, sizeof *d);
    d->path = mem_strdup(head, path);
    d->preamble = (char **)mem_vec(head, &st->t.preamble);
    d->npreamble = st->t.preamble.len;
    d->columns = st->t.cols;
    d->ncolumns = st->t.ncols;
    d->n = n;
    d->mem = head;
    d->stream = st;
    *out = d;
    return 0;
fail:
    *err = st->err;
    mem_free(head);
    if (st->L.mem != head)
        st->L.mem = NULL;
    stream_free(st);
    return -1;
}

const sk_record *sk_records_at(const sk_dataset *d, size_t i)
{
    sk_records_stream *st = d->stream;
    if (!st)
        return d->recs[i];
    if (stream_seek(st, i) <= 0) {
        st->failed = 1;
        st->empty.names = d->columns;
        st->empty.row = 0;
        return &st->empty; /* no values: every field missing */
    }
    return st->t.recs.items[i - st->first];
}

int sk_records_failed(const sk_dataset *d, sk_err *err)
{
    sk_records_stream *st = d->stream;
    if (!st || !st->failed)
        return 0;
    *err = st->err;
    if (!err->msg[0])
        sk_err_at(err, d->path, 0, 0, "changed while it was read (fewer records than before)");
    return -1;
}

void sk_records_free(sk_dataset *d)
{
    if (!d)
        return;
    sk_records_stream *st = d->stream;
    mem_free(d->mem); /* d itself lives in the arena */
    stream_free(st);
}

static size_t rename_in(sk_record *const *recs, size_t n, const char *from, char *to)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        sk_record *r = recs[i];
        for (size_t j = 0; j < r->n; j++) {
            if (r->names[j] != to && !strcmp(r->names[j], from)) {
                r->names[j] = to; /* the records of a table share one names array */
                count++;
            } else if (r->names[j] == to) {
                count++;
            }
            if (r->values[j].list)
                count += rename_in(r->values[j].list, r->values[j].nlist, from, to);
        }
    }
    return count;
}

size_t sk_records_rename(sk_dataset *d, const char *from, const char *to)
{
    char *copy = mem_strdup(d->mem, to);
    int found = 0;
    for (size_t i = 0; i < d->ncolumns; i++)
        if (!strcmp(d->columns[i], from)) {
            d->columns[i] = copy;
            found = 1;
        }
    if (d->stream) /* its records, read later, have the header's names */
        return found ? d->n : 0;
    return rename_in(d->recs, d->n, from, copy);
}

const sk_value *sk_records_get(const sk_record *r, const char *name)
{
    if (!r || !name)
        return NULL;
    for (size_t i = 0; i < r->n; i++)
        if (!strcmp(r->names[i], name))
            return &r->values[i];
    return NULL;
}
