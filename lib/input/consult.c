#include "input/consult.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/fs.h"
#include "text/yaml.h"

char *sk_consult_path_of(const char *standard)
{
    size_t n = strlen(standard);
    if (n > 3 && !strcasecmp(standard + n - 3, ".md"))
        n -= 3;
    return sk_asprintf("%.*s%s", (int)n, standard, SK_CONSULT_SUFFIX);
}

const char *sk_consult_handling_name(sk_handling h)
{
    switch (h) {
    case SK_HANDLE_ADOPTED: return "采纳";
    case SK_HANDLE_PARTLY: return "部分采纳";
    case SK_HANDLE_REJECTED: return "未采纳";
    default: return "";
    }
}

int sk_consult_is_general(const char *clause)
{
    static const char *const words[] = { "全文", "总体", "整体", "通篇", "全稿", "总体意见", "全文通篇", "封面", "目次",
                                         "标准名称", "名称", "—", "-", NULL };
    if (!clause)
        return 1;
    char *s = sk_str_trim(sk_strdup(clause));
    int hit = !*s;
    for (const char *const *w = words; *w && !hit; w++)
        hit = !strcmp(s, *w);
    free(s);
    return hit;
}

/* ---------- reading ---------- */

typedef struct rd {
    sk_consult *c;
    const char *file;
    sk_diags *d;
} rd;

static void bad(rd *R, const sk_yaml_node *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void bad(rd *R, const sk_yaml_node *n, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    sk_diag_emit(R->d, SK_R_COMMENT_RECORD, R->file, n->line, n->col, "%s", msg);
}

/* A text value: a scalar (null: absent). Returns 0 and sets *out (malloc'd, trimmed;
 * NULL for null) or -1 after a diagnostic. */
static int text_of(rd *R, const sk_yaml_node *v, const char *key, char **out)
{
    *out = NULL;
    if (v->type != SK_YAML_SCALAR) {
        bad(R, v, "'%s' is text, not %s", key, sk_yaml_type_name(v->type));
        return -1;
    }
    if (sk_yaml_is_null(v) && v->plain)
        return 0;
    *out = sk_str_trim(sk_strdup(v->value));
    return 0;
}

static void date_of(rd *R, const sk_yaml_node *v, const char *key, char **slot)
{
    char *s = NULL;
    int y, m, d;
    if (text_of(R, v, key, &s) < 0)
        return;
    if (s && sk_meta_date_parse(s, &y, &m, &d) < 0) {
        bad(R, v, "'%s' is a date written YYYY-MM-DD, not '%s'", key, s);
        free(s);
        return;
    }
    free(*slot);
    *slot = s;
}

/* A list of text (a single text is a list of one). */
static void list_of(rd *R, const sk_yaml_node *v, const char *key, sk_strlist *out)
{
    sk_meta_strlist_free(out);
    if (v->type == SK_YAML_SCALAR) {
        char *s = NULL;
        if (text_of(R, v, key, &s) == 0 && s && *s)
            sk_meta_strlist_push(out, s);
        free(s);
        return;
    }
    if (v->type != SK_YAML_SEQ) {
        bad(R, v, "'%s' is a list of text, not %s", key, sk_yaml_type_name(v->type));
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        const sk_yaml_node *it = v->items[i];
        /* a reply may be written {unit: …} like a comment */
        if (it->type == SK_YAML_MAP && sk_yaml_get(it, "unit"))
            it = sk_yaml_get(it, "unit");
        char *s = NULL;
        if (text_of(R, it, key, &s) < 0)
            continue;
        if (s && *s)
            sk_meta_strlist_push(out, s);
        else
            bad(R, it, "an item of '%s' is empty", key);
        free(s);
    }
}

static int handling_of(const char *s, sk_handling *h)
{
    static const struct { const char *word; sk_handling h; } words[] = {
        { "采纳", SK_HANDLE_ADOPTED }, { "部分采纳", SK_HANDLE_PARTLY }, { "未采纳", SK_HANDLE_REJECTED },
        { "不采纳", SK_HANDLE_REJECTED },
    };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(s, words[i].word)) {
            *h = words[i].h;
            return 0;
        }
    return -1;
}

static void read_comment(rd *R, const sk_yaml_node *m)
{
    sk_consult *c = R->c;
    if (m->type != SK_YAML_MAP) {
        bad(R, m, "a comment is a mapping (unit:, clause:, comment: …), not %s", sk_yaml_type_name(m->type));
        return;
    }
    c->v = sk_realloc(c->v, (c->n + 1) * sizeof *c->v);
    sk_consult_comment *e = &c->v[c->n++];
    memset(e, 0, sizeof *e);
    e->line = m->line;
    e->col = m->col;
    for (size_t i = 0; i + 1 < m->n; i += 2) {
        const sk_yaml_node *k = m->items[i], *v = m->items[i + 1];
        const char *key = k->value ? k->value : "";
        char **slot = !strcmp(key, "unit")       ? &e->unit
                      : !strcmp(key, "clause")   ? &e->clause
                      : !strcmp(key, "quote")    ? &e->quote
                      : !strcmp(key, "comment")  ? &e->comment
                      : !strcmp(key, "proposal") ? &e->proposal
                      : !strcmp(key, "reason")   ? &e->reason
                      : !strcmp(key, "note")     ? &e->note
                      : !strcmp(key, "author")   ? &e->author
                      : !strcmp(key, "source")   ? &e->source
                                                 : NULL;
        if (slot) {
            free(*slot);
            text_of(R, v, key, slot);
        } else if (!strcmp(key, "date")) {
            date_of(R, v, key, &e->date);
        } else if (!strcmp(key, "anchor")) {
            e->anchor_line = k->line;
            e->anchor_col = k->col;
            list_of(R, v, key, &e->anchor);
        } else if (!strcmp(key, "handling")) {
            char *s = NULL;
            e->handling_line = k->line;
            e->handling_col = k->col;
            if (text_of(R, v, key, &s) == 0 && s && *s && handling_of(s, &e->handling) < 0)
                bad(R, v, "'handling' is 采纳, 部分采纳 or 未采纳, not '%s'", s);
            free(s);
        } else {
            sk_diag *dg = sk_diag_emit(R->d, SK_R_COMMENT_KEY, R->file, k->line, k->col,
                                       "unknown key '%s' in a comment", key);
            if (dg)
                sk_diag_hint(dg, "a comment has unit, clause, anchor, quote, comment, proposal, handling, reason, "
                                 "note, author, date, source");
        }
    }
    if (!e->unit || !*e->unit)
        bad(R, m, "a comment without its unit (unit: the 提出单位)");
    if (!e->comment || !*e->comment)
        bad(R, m, "a comment without its text (comment: the 意见内容)");
}

static void read_top(rd *R, const sk_yaml_node *root)
{
    sk_consult *c = R->c;
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const sk_yaml_node *k = root->items[i], *v = root->items[i + 1];
        const char *key = k->value ? k->value : "";
        char **slot = !strcmp(key, "standard")  ? &c->standard
                      : !strcmp(key, "stage")   ? &c->stage
                      : !strcmp(key, "handler") ? &c->handler
                      : !strcmp(key, "phone")   ? &c->phone
                                                : NULL;
        if (c->key_line && !c->next_key_line)
            c->next_key_line = k->line;
        if (slot) {
            free(*slot);
            text_of(R, v, key, slot);
            if (slot == &c->standard)
                c->line_standard = k->line;
            if (slot == &c->stage) {
                c->line_stage = k->line;
                if (c->stage && strcmp(c->stage, "征求意见稿") && strcmp(c->stage, "送审稿") && strcmp(c->stage, "报批稿"))
                    bad(R, v, "'stage' is the draft the comments were made on: 征求意见稿, 送审稿 or 报批稿, not '%s'",
                        c->stage);
            }
        } else if (!strcmp(key, "circulated") || !strcmp(key, "deadline") || !strcmp(key, "date")) {
            date_of(R, v, key, !strcmp(key, "circulated") ? &c->circulated : !strcmp(key, "deadline") ? &c->deadline
                                                                                                    : &c->date);
        } else if (!strcmp(key, "sent")) {
            c->line_sent = k->line;
            if (v->type == SK_YAML_SCALAR && !sk_yaml_is_null(v)) {
                char *end = NULL;
                long n = strtol(v->value, &end, 10);
                if (!*v->value || *end || n < 0 || n > 1000000)
                    bad(R, v, "'sent' is how many units the draft was sent to (a number), or the list of them, not '%s'",
                        v->value);
                else
                    c->sent = n;
            } else if (v->type == SK_YAML_SEQ) {
                list_of(R, v, key, &c->sent_units);
                c->sent = (long)c->sent_units.n;
            } else if (!sk_yaml_is_null(v)) {
                bad(R, v, "'sent' is a number or a list of units, not %s", sk_yaml_type_name(v->type));
            }
        } else if (!strcmp(key, "replies")) {
            if (!(v->type == SK_YAML_SCALAR && sk_yaml_is_null(v)))
                list_of(R, v, key, &c->replies);
        } else if (!strcmp(key, "comments")) {
            c->key_line = k->line;
            if (v->type == SK_YAML_SEQ) {
                c->key_empty = v->n == 0;
                if (v->n) /* "- unit: …": the item's mapping starts two columns after its dash */
                    c->dash_col = v->items[0]->col > 2 ? v->items[0]->col - 2 : 1;
                for (size_t j = 0; j < v->n; j++)
                    read_comment(R, v->items[j]);
            } else if (v->type == SK_YAML_SCALAR && sk_yaml_is_null(v)) {
                c->key_empty = 1;
            } else {
                bad(R, v, "'comments' is the list of the comments, not %s", sk_yaml_type_name(v->type));
            }
        } else {
            sk_diag *dg = sk_diag_emit(R->d, SK_R_COMMENT_KEY, R->file, k->line, k->col,
                                       "unknown key '%s' in the consultation record", key);
            if (dg)
                sk_diag_hint(dg, "the record has standard, stage, circulated, deadline, sent, replies, handler, phone, "
                                 "date and comments");
        }
    }
}

int sk_consult_load(sk_consult **out, const char *path, sk_diags *d, sk_err *err)
{
    char *text = NULL;
    size_t len = 0;
    sk_yaml_node *root = NULL;
    struct stat st;
    *out = NULL;
    if (stat(path, &st) < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        sk_err_at(err, path, 0, 0, "cannot read the consultation record: %s", strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        sk_err_at(err, path, 0, 0, "the consultation record is a directory");
        return -1;
    }
    if (sk_fs_read(&text, &len, path, SK_CONSULT_MAX_FILE, err) < 0)
        return -1;
    sk_consult *c = sk_calloc(1, sizeof *c);
    c->path = sk_strdup(path);
    c->sent = -1;
    rd R = { .c = c, .file = path, .d = d };
    size_t bad_at = sk_utf8_validate(text, len);
    if (bad_at < len) {
        int line = 1;
        for (size_t i = 0; i < bad_at; i++)
            line += text[i] == '\n';
        sk_diag_emit(d, SK_R_COMMENT_RECORD, path, line, 1, "the consultation record is not UTF-8 text (byte 0x%02X)",
                     (unsigned char)text[bad_at]);
        goto done;
    }
    sk_err e;
    sk_err_clear(&e);
    if (sk_yaml_load(&root, text, len, 1, path, &e) < 0) {
        sk_diag_emit(d, SK_R_COMMENT_RECORD, path, e.line, e.col, "%s", e.msg);
        goto done;
    }
    if (!root)
        goto done; /* empty: no comments yet */
    if (root->type != SK_YAML_MAP) {
        bad(&R, root, "the consultation record is a mapping (standard:, stage:, comments: …), not %s",
            sk_yaml_type_name(root->type));
        goto done;
    }
    read_top(&R, root);
done:
    sk_yaml_free(root);
    free(text);
    *out = c;
    return 1;
}

void sk_consult_free(sk_consult *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        sk_consult_comment *e = &c->v[i];
        char **f[] = { &e->unit, &e->clause, &e->quote, &e->comment, &e->proposal, &e->reason, &e->note,
                       &e->author, &e->date, &e->source };
        for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
            free(*f[k]);
        sk_meta_strlist_free(&e->anchor);
    }
    free(c->v);
    char **f[] = { &c->path, &c->standard, &c->stage, &c->circulated, &c->deadline, &c->handler, &c->phone, &c->date };
    for (size_t k = 0; k < sizeof f / sizeof f[0]; k++)
        free(*f[k]);
    sk_meta_strlist_free(&c->sent_units);
    sk_meta_strlist_free(&c->replies);
    free(c);
}

void sk_consult_counts_of(sk_consult_counts *out, const sk_consult *c)
{
    memset(out, 0, sizeof *out);
    out->sent = c ? c->sent : -1;
    if (!c)
        return;
    sk_map units;
    sk_map_init(&units);
    for (size_t i = 0; i < c->n; i++) {
        const sk_consult_comment *e = &c->v[i];
        out->comments++;
        switch (e->handling) {
        case SK_HANDLE_ADOPTED: out->adopted++; break;
        case SK_HANDLE_PARTLY: out->partly++; break;
        case SK_HANDLE_REJECTED: out->rejected++; break;
        default: out->pending++; break;
        }
        if (e->unit && *e->unit && !sk_map_get(&units, e->unit)) {
            sk_map_put(&units, e->unit, (void *)1);
            out->with_comments++;
        }
    }
    out->replied = out->with_comments;
    for (size_t i = 0; i < c->replies.n; i++)
        if (!sk_map_get(&units, c->replies.v[i])) {
            sk_map_put(&units, c->replies.v[i], (void *)1);
            out->replied++;
        }
    sk_map_free(&units);
}

char *sk_consult_counts_text(const sk_consult_counts *k, const char *stage)
{
    char sent[32];
    if (k->sent >= 0)
        snprintf(sent, sizeof sent, "%ld", k->sent);
    else
        snprintf(sent, sizeof sent, "\xE3\x80\x80\xE3\x80\x80");
    char *s = sk_asprintf("共发送%s%s个单位，收到回函%zu个，其中有意见的%zu个，共提出意见%zu条，采纳%zu条，部分采纳%zu条，"
                          "未采纳%zu条",
                          stage && *stage ? stage : "征求意见稿", sent, k->replied, k->with_comments, k->comments,
                          k->adopted, k->partly, k->rejected);
    char *t = k->pending ? sk_asprintf("%s，尚未处理%zu条。", s, k->pending) : sk_asprintf("%s。", s);
    free(s);
    return t;
}

/* ---------- writing ---------- */

/* Whether s can stand as a plain scalar (in a flow list too, with flow). */
static int plain_ok(const char *s, int flow)
{
    size_t n = strlen(s);
    if (!n || strchr("-?:,[]{}#&*!|>'\"%@`~ ", s[0]) || s[n - 1] == ' ' || s[n - 1] == ':')
        return 0;
    if (strstr(s, ": ") || strstr(s, " #") || strpbrk(s, "\n\r\t\"\\"))
        return 0;
    if (flow && strpbrk(s, ",[]{}"))
        return 0;
    static const char *const words[] = { "true", "false", "yes", "no", "null", "on", "off", "y", "n", "~" };
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcasecmp(s, words[i]))
            return 0;
    /* a number or a date would be typed by other readers: 5.2 and 2019 stay text quoted */
    int digits = 1;
    for (const char *p = s; *p && digits; p++)
        digits = (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '+' || *p == 'e' || *p == 'E';
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20)
            return 0;
    return !digits;
}

static void quoted(sk_buf *b, const char *s)
{
    sk_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sk_buf_printf(b, "\\%c", *p);
        else if (*p == '\n')
            sk_buf_puts(b, "\\n");
        else if (*p == '\t')
            sk_buf_puts(b, "\\t");
        else if (*p == '\r')
            sk_buf_puts(b, "\\r");
        else if (*p < 0x20)
            sk_buf_printf(b, "\\x%02X", *p);
        else
            sk_buf_putc(b, (char)*p);
    }
    sk_buf_putc(b, '"');
}

/* Text of several lines as a literal block (|-) when that reads back the same. */
static int literal_ok(const char *s)
{
    if (!strchr(s, '\n') || s[0] == ' ' || s[0] == '\n')
        return 0;
    size_t n = strlen(s);
    if (s[n - 1] == '\n' || s[n - 1] == ' ')
        return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || (*p == ' ' && (p[1] == '\n')) || (*p == '\n' && p[1] == ' '))
            return 0;
    }
    return 1;
}

/* "  - key: " for the item's first key, "    key: " for the others. */
static void key_start(sk_buf *b, int indent, const char *key, int *first)
{
    if (*first) {
        sk_buf_printf(b, "%*s- ", indent - 1, "");
        *first = 0;
    } else {
        sk_buf_printf(b, "%*s", indent + 1, "");
    }
    sk_buf_printf(b, "%s: ", key);
}

static void put_key(sk_buf *b, int indent, const char *key, const char *value, int *first)
{
    if (!value || !*value)
        return;
    key_start(b, indent, key, first);
    if (plain_ok(value, 0)) {
        sk_buf_puts(b, value);
    } else if (literal_ok(value)) {
        sk_buf_puts(b, "|-");
        for (const char *p = value; p;) {
            const char *q = strchr(p, '\n');
            size_t len = q ? (size_t)(q - p) : strlen(p);
            if (len)
                sk_buf_printf(b, "\n%*s%.*s", indent + 3, "", (int)len, p);
            else
                sk_buf_putc(b, '\n');
            p = q ? q + 1 : NULL;
        }
    } else {
        quoted(b, value);
    }
    sk_buf_putc(b, '\n');
}

void sk_consult_put(sk_buf *b, const sk_consult_comment *c, int dash_col)
{
    int indent = dash_col > 0 ? dash_col : 3, first = 1;
    put_key(b, indent, "unit", c->unit, &first);
    put_key(b, indent, "clause", c->clause, &first);
    if (c->anchor.n) {
        key_start(b, indent, "anchor", &first);
        sk_buf_putc(b, '[');
        for (size_t i = 0; i < c->anchor.n; i++) {
            if (i)
                sk_buf_puts(b, ", ");
            if (plain_ok(c->anchor.v[i], 1))
                sk_buf_puts(b, c->anchor.v[i]);
            else
                quoted(b, c->anchor.v[i]);
        }
        sk_buf_puts(b, "]\n");
    }
    put_key(b, indent, "quote", c->quote, &first);
    put_key(b, indent, "comment", c->comment, &first);
    put_key(b, indent, "proposal", c->proposal, &first);
    put_key(b, indent, "handling", sk_consult_handling_name(c->handling), &first);
    put_key(b, indent, "reason", c->reason, &first);
    put_key(b, indent, "note", c->note, &first);
    put_key(b, indent, "author", c->author, &first);
    put_key(b, indent, "date", c->date, &first);
    put_key(b, indent, "source", c->source, &first);
}

char *sk_consult_head(const char *number, const char *stage)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "# 征求意见记录: the comments on the draft and how each was handled (stdcomment(1)).\n"
                    "# Fill in sent (the number of units the draft went to, or their list) and replies\n"
                    "# (units that answered without comments); write handling (采纳, 部分采纳, 未采纳)\n"
                    "# and reason for each comment.\n");
    sk_buf_puts(&b, "standard: ");
    if (number && plain_ok(number, 0))
        sk_buf_puts(&b, number);
    else
        quoted(&b, number ? number : "");
    sk_buf_printf(&b, "\nstage: %s\nsent:\nreplies: []\ncomments:\n", stage && *stage ? stage : "征求意见稿");
    return sk_buf_detach(&b);
}

/* Byte offset of the start of line (1-based) in text; len when past the end. */
static size_t line_start(const char *text, size_t len, int line)
{
    size_t i = 0;
    for (int l = 1; l < line && i < len; i++)
        if (text[i] == '\n')
            l++;
    return i;
}

static int blank_or_comment(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
        p++;
    return p == end || *p == '\n' || *p == '#';
}

char *sk_consult_append(const sk_consult *c, const char *text, size_t len, const char *items)
{
    sk_buf b;
    sk_buf_init(&b);
    if (!c->key_line) {
        sk_buf_put(&b, text, len);
        if (len && text[len - 1] != '\n')
            sk_buf_putc(&b, '\n');
        sk_buf_puts(&b, "comments:\n");
        sk_buf_puts(&b, items);
        return sk_buf_detach(&b);
    }
    size_t at;
    if (c->key_empty) {
        /* "comments: []" or "comments:" becomes "comments:" and the items follow it */
        size_t k = line_start(text, len, c->key_line), e = k;
        while (e < len && text[e] != '\n')
            e++;
        sk_buf_put(&b, text, k);
        sk_buf_puts(&b, "comments:\n");
        sk_buf_puts(&b, items);
        at = e < len ? e + 1 : len;
        sk_buf_put(&b, text + at, len - at);
        return sk_buf_detach(&b);
    }
    if (!c->next_key_line) {
        at = len;
    } else {
        /* before the blank lines and # comments that lead to the next key */
        at = line_start(text, len, c->next_key_line);
        while (at > 0) {
            size_t s = at - 1;
            while (s > 0 && text[s - 1] != '\n')
                s--;
            if (!blank_or_comment(text + s, text + at))
                break;
            at = s;
        }
    }
    sk_buf_put(&b, text, at);
    if (at && text[at - 1] != '\n')
        sk_buf_putc(&b, '\n');
    sk_buf_puts(&b, items);
    sk_buf_put(&b, text + at, len - at);
    return sk_buf_detach(&b);
}
