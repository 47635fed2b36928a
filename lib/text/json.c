#include "text/json.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------- reading ---------- */

typedef struct reader {
    const char *s;
    size_t len, pos;
    sk_err *err;
} reader;

/* Line and column (code points, 1-based) of byte offset pos, for messages. */
static void where(const reader *R, size_t pos, int *line, int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < pos && i < R->len; i++) {
        unsigned char ch = (unsigned char)R->s[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static int fail(reader *R, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(reader *R, size_t pos, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line, col;
    where(R, pos, &line, &col);
    sk_err_set(R->err, "line %d, column %d: %s", line, col, msg);
    if (R->err) {
        R->err->line = line;
        R->err->col = col;
    }
    return -1;
}

static void skip_ws(reader *R)
{
    while (R->pos < R->len) {
        char c = R->s[R->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        R->pos++;
    }
}

static sk_json *node(sk_json_type t)
{
    sk_json *j = sk_calloc(1, sizeof *j);
    j->type = t;
    return j;
}

static void add_item(sk_json *parent, sk_json *child, size_t *cap)
{
    if (parent->n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        parent->items = sk_realloc(parent->items, *cap * sizeof *parent->items);
    }
    parent->items[parent->n++] = child;
}

static int hex4(const char *s, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static int read_string(reader *R, sk_json **out)
{
    size_t start = R->pos++; /* the opening quote */
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_reserve(&b, 16);
    for (;;) {
        /* copy the run up to the next quote, backslash or control character at once */
        size_t run = R->pos;
        while (run < R->len) {
            unsigned char c = (unsigned char)R->s[run];
            if (c == '"' || c == '\\' || c < 0x20)
                break;
            if (c >= 0x80) {
                uint32_t cp;
                int n = sk_utf8_decode(R->s + run, R->len - run, &cp);
                if (!n) {
                    sk_buf_free(&b);
                    return fail(R, run, "invalid UTF-8 in a string");
                }
                run += (size_t)n;
            } else {
                run++;
            }
        }
        sk_buf_put(&b, R->s + R->pos, run - R->pos);
        R->pos = run;
        if (R->pos >= R->len) {
            sk_buf_free(&b);
            return fail(R, start, "string not closed");
        }
        unsigned char c = (unsigned char)R->s[R->pos];
        if (c == '"') {
            R->pos++;
            break;
        }
        if (c < 0x20) {
            sk_buf_free(&b);
            return fail(R, R->pos, "control character U+%04X in a string (write it as \\u%04X)", c, c);
        }
        /* a backslash */
        if (R->pos + 1 >= R->len) {
            sk_buf_free(&b);
            return fail(R, start, "string not closed");
        }
        char e = R->s[R->pos + 1];
        const char *simple = strchr("\"\\/bfnrt", e);
        if (e && simple) {
            static const char map[] = "\"\\/\b\f\n\r\t";
            sk_buf_putc(&b, map[simple - "\"\\/bfnrt"]);
            R->pos += 2;
            continue;
        }
        if (e != 'u') {
            sk_buf_free(&b);
            return fail(R, R->pos, "invalid escape '\\%c' in a string", e >= 0x20 && e < 0x7F ? e : '?');
        }
        uint32_t cp;
        if (R->pos + 6 > R->len || hex4(R->s + R->pos + 2, &cp) < 0) {
            sk_buf_free(&b);
            return fail(R, R->pos, "\\u is not followed by four hexadecimal digits");
        }
        size_t esc = R->pos;
        R->pos += 6;
        if (cp >= 0xDC00 && cp <= 0xDFFF) {
            sk_buf_free(&b);
            return fail(R, esc, "lone low surrogate \\u%04X", cp);
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            uint32_t lo;
            if (R->pos + 6 > R->len || R->s[R->pos] != '\\' || R->s[R->pos + 1] != 'u' ||
                hex4(R->s + R->pos + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF) {
                sk_buf_free(&b);
                return fail(R, esc, "high surrogate \\u%04X without its low surrogate", cp);
            }
            R->pos += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        char u[4];
        sk_buf_put(&b, u, (size_t)sk_utf8_encode(cp, u));
    }
    sk_json *j = node(SK_JSON_STRING);
    j->len = b.len;
    j->str = sk_buf_detach(&b);
    *out = j;
    return 0;
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int read_number(reader *R, sk_json **out)
{
    size_t p = R->pos, start = p;
    if (p < R->len && R->s[p] == '-')
        p++;
    if (p >= R->len || !is_digit(R->s[p]))
        return fail(R, start, "invalid number");
    if (R->s[p] == '0') {
        p++;
        if (p < R->len && is_digit(R->s[p]))
            return fail(R, start, "a number has no leading zeros");
    } else {
        while (p < R->len && is_digit(R->s[p]))
            p++;
    }
    if (p < R->len && R->s[p] == '.') {
        p++;
        if (p >= R->len || !is_digit(R->s[p]))
            return fail(R, start, "invalid number: no digit after the decimal point");
        while (p < R->len && is_digit(R->s[p]))
            p++;
    }
    if (p < R->len && (R->s[p] == 'e' || R->s[p] == 'E')) {
        p++;
        if (p < R->len && (R->s[p] == '+' || R->s[p] == '-'))
            p++;
        if (p >= R->len || !is_digit(R->s[p]))
            return fail(R, start, "invalid number: no digit in the exponent");
        while (p < R->len && is_digit(R->s[p]))
            p++;
    }
    if (p - start > 64)
        return fail(R, start, "number of more than 64 characters");
    sk_json *j = node(SK_JSON_NUMBER);
    j->str = sk_strndup(R->s + start, p - start);
    j->len = p - start;
    j->num = strtod(j->str, NULL);
    R->pos = p;
    *out = j;
    return 0;
}

static int read_value(reader *R, sk_json **out, int depth);

static int read_container(reader *R, sk_json **out, int depth)
{
    int obj = R->s[R->pos] == '{';
    size_t open = R->pos++;
    if (depth >= SK_JSON_MAX_DEPTH)
        return fail(R, open, "nested more than %d levels deep", SK_JSON_MAX_DEPTH);
    sk_json *j = node(obj ? SK_JSON_OBJECT : SK_JSON_ARRAY);
    size_t cap = 0;
    skip_ws(R);
    if (R->pos < R->len && R->s[R->pos] == (obj ? '}' : ']')) {
        R->pos++;
        *out = j;
        return 0;
    }
    for (;;) {
        skip_ws(R);
        sk_json *v = NULL;
        if (obj) {
            if (R->pos >= R->len || R->s[R->pos] != '"') {
                sk_json_free(j);
                return fail(R, R->pos, R->pos < R->len ? "expected a string key" : "object not closed");
            }
            if (read_string(R, &v) < 0) {
                sk_json_free(j);
                return -1;
            }
            add_item(j, v, &cap);
            skip_ws(R);
            if (R->pos >= R->len || R->s[R->pos] != ':') {
                sk_json_free(j);
                return fail(R, R->pos, "expected ':' after an object key");
            }
            R->pos++;
            skip_ws(R);
        }
        if (read_value(R, &v, depth + 1) < 0) {
            sk_json_free(j);
            return -1;
        }
        add_item(j, v, &cap);
        skip_ws(R);
        if (R->pos >= R->len) {
            sk_json_free(j);
            return fail(R, open, obj ? "object not closed" : "array not closed");
        }
        char c = R->s[R->pos];
        if (c == ',') {
            R->pos++;
            skip_ws(R);
            if (R->pos < R->len && (R->s[R->pos] == '}' || R->s[R->pos] == ']')) {
                sk_json_free(j);
                return fail(R, R->pos, "trailing comma");
            }
            continue;
        }
        if (c == (obj ? '}' : ']')) {
            R->pos++;
            break;
        }
        sk_json_free(j);
        return fail(R, R->pos, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    *out = j;
    return 0;
}

static int read_word(reader *R, const char *w, sk_json_type t, sk_json **out)
{
    size_t n = strlen(w);
    if (R->len - R->pos < n || memcmp(R->s + R->pos, w, n))
        return fail(R, R->pos, "unexpected character");
    R->pos += n;
    *out = node(t);
    return 0;
}

static int read_value(reader *R, sk_json **out, int depth)
{
    skip_ws(R);
    if (R->pos >= R->len)
        return fail(R, R->pos, "expected a value");
    char c = R->s[R->pos];
    switch (c) {
    case '{':
    case '[':
        return read_container(R, out, depth);
    case '"':
        return read_string(R, out);
    case 't':
        return read_word(R, "true", SK_JSON_TRUE, out);
    case 'f':
        return read_word(R, "false", SK_JSON_FALSE, out);
    case 'n':
        return read_word(R, "null", SK_JSON_NULL, out);
    default:
        if (c == '-' || is_digit(c))
            return read_number(R, out);
        return fail(R, R->pos, "unexpected character");
    }
}

int sk_json_parse(sk_json **out, const char *text, size_t len, sk_err *err)
{
    reader R = { .s = text, .len = len, .err = err };
    sk_json *j = NULL;
    if (read_value(&R, &j, 0) < 0)
        return -1;
    skip_ws(&R);
    if (R.pos < R.len) {
        sk_json_free(j);
        return fail(&R, R.pos, "text after the value");
    }
    *out = j;
    return 0;
}

/* Frees without recursion: children are moved onto a work list. */
void sk_json_free(sk_json *j)
{
    if (!j)
        return;
    sk_vec work = { 0 };
    sk_vec_push(&work, j);
    while (work.len) {
        sk_json *n = work.items[--work.len];
        for (size_t i = 0; i < n->n; i++)
            sk_vec_push(&work, n->items[i]);
        free(n->items);
        free(n->str);
        free(n);
    }
    sk_vec_free(&work);
}

const sk_json *sk_json_get(const sk_json *obj, const char *key)
{
    if (!obj || obj->type != SK_JSON_OBJECT)
        return NULL;
    size_t kl = strlen(key);
    for (size_t i = obj->n; i >= 2; i -= 2) {
        const sk_json *k = obj->items[i - 2];
        if (k->len == kl && !memcmp(k->str, key, kl))
            return obj->items[i - 1];
    }
    return NULL;
}

const char *sk_json_str(const sk_json *j)
{
    return j && j->type == SK_JSON_STRING ? j->str : NULL;
}

int sk_json_int(const sk_json *j, long long *out)
{
    if (!j || j->type != SK_JSON_NUMBER || !isfinite(j->num) || j->num != floor(j->num) ||
        fabs(j->num) > 9007199254740992.0)
        return -1;
    *out = (long long)j->num;
    return 0;
}

const sk_json *sk_json_path(const sk_json *j, ...)
{
    va_list ap;
    va_start(ap, j);
    const char *k;
    while (j && (k = va_arg(ap, const char *)))
        j = sk_json_get(j, k);
    va_end(ap);
    return j;
}

/* ---------- writing ---------- */

void sk_json_w_init(sk_json_writer *w, sk_buf *b)
{
    memset(w, 0, sizeof *w);
    w->b = b;
    w->first[0] = 1;
}

/* Before a value: the comma between elements (not after a key). */
static void before(sk_json_writer *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (!w->first[w->depth])
        sk_buf_putc(w->b, ',');
    w->first[w->depth] = 0;
}

static void open_(sk_json_writer *w, char c)
{
    before(w);
    sk_buf_putc(w->b, c);
    if (w->depth < SK_JSON_MAX_DEPTH)
        w->depth++;
    w->first[w->depth] = 1;
    w->close[w->depth] = c == '{' ? '}' : ']';
}

void sk_json_w_obj(sk_json_writer *w) { open_(w, '{'); }
void sk_json_w_arr(sk_json_writer *w) { open_(w, '['); }

void sk_json_w_end(sk_json_writer *w)
{
    if (w->depth == 0)
        return;
    sk_buf_putc(w->b, w->close[w->depth]);
    w->depth--;
}

static void put_string(sk_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    sk_buf_reserve(b, n + 2);
    sk_buf_putc(b, '"');
    size_t i = 0;
    while (i < n) {
        size_t run = i;
        while (run < n) {
            unsigned char c = (unsigned char)s[run];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
                break;
            run++;
        }
        sk_buf_put(b, s + i, run - i);
        i = run;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            uint32_t cp;
            int k = sk_utf8_decode(s + i, n - i, &cp);
            if (k) {
                sk_buf_put(b, s + i, (size_t)k);
                i += (size_t)k;
            } else {
                sk_buf_puts(b, "\xEF\xBF\xBD");
                i++;
            }
            continue;
        }
        i++;
        switch (c) {
        case '"': sk_buf_puts(b, "\\\""); break;
        case '\\': sk_buf_puts(b, "\\\\"); break;
        case '\n': sk_buf_puts(b, "\\n"); break;
        case '\r': sk_buf_puts(b, "\\r"); break;
        case '\t': sk_buf_puts(b, "\\t"); break;
        case '\b': sk_buf_puts(b, "\\b"); break;
        case '\f': sk_buf_puts(b, "\\f"); break;
        default: {
            char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
            sk_buf_puts(b, u);
        }
        }
    }
    sk_buf_putc(b, '"');
}

void sk_json_w_key(sk_json_writer *w, const char *key)
{
    before(w);
    put_string(w->b, key, strlen(key));
    sk_buf_putc(w->b, ':');
    w->after_key = 1;
}

void sk_json_w_strn(sk_json_writer *w, const char *s, size_t n)
{
    before(w);
    put_string(w->b, s, n);
}

void sk_json_w_str(sk_json_writer *w, const char *s)
{
    if (!s) {
        sk_json_w_null(w);
        return;
    }
    sk_json_w_strn(w, s, strlen(s));
}

void sk_json_w_int(sk_json_writer *w, long long v)
{
    before(w);
    sk_buf_printf(w->b, "%lld", v);
}

void sk_json_w_bool(sk_json_writer *w, int v)
{
    before(w);
    sk_buf_puts(w->b, v ? "true" : "false");
}

void sk_json_w_null(sk_json_writer *w)
{
    before(w);
    sk_buf_puts(w->b, "null");
}

void sk_json_w_value(sk_json_writer *w, const sk_json *v)
{
    if (!v) {
        sk_json_w_null(w);
        return;
    }
    switch (v->type) {
    case SK_JSON_NULL: sk_json_w_null(w); break;
    case SK_JSON_FALSE: sk_json_w_bool(w, 0); break;
    case SK_JSON_TRUE: sk_json_w_bool(w, 1); break;
    case SK_JSON_NUMBER:
        before(w);
        sk_buf_puts(w->b, v->str);
        break;
    case SK_JSON_STRING: sk_json_w_strn(w, v->str, v->len); break;
    case SK_JSON_ARRAY:
    case SK_JSON_OBJECT:
        /* ids and echoed values are flat; deeper values are written as null rather
         * than recursing without bound */
        if (w->depth >= 32) {
            sk_json_w_null(w);
            break;
        }
        v->type == SK_JSON_ARRAY ? sk_json_w_arr(w) : sk_json_w_obj(w);
        for (size_t i = 0; i < v->n; i++) {
            if (v->type == SK_JSON_OBJECT && i % 2 == 0) {
                before(w);
                put_string(w->b, v->items[i]->str, v->items[i]->len);
                sk_buf_putc(w->b, ':');
                w->after_key = 1;
            } else {
                sk_json_w_value(w, v->items[i]);
            }
        }
        sk_json_w_end(w);
        break;
    }
}
