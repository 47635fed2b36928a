#include "model/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include "base/mem.h"
#include "base/libxml.h"
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/xml.h"
#include "model/directive.h"
#include "model/display.h"
#include "model/habits.h"
#include "model/number.h"
#include "text/math.h"
#include "text/zh.h"

#define MAX_BLOCK_DEPTH 32 /* lists/quotes deeper than this are not a standard; stop there */

typedef struct builder {
    sk_doc *doc;
    sk_diags *diags;
    const char *file;
    int line0;           /* body line offset: cmark line 1 = file line line0 + 1 */
    int too_deep;        /* nesting-depth reported once */
    int in_pipe_cell;    /* converting a pipe table's cell: \| in its source is a | */
    cmark_node *consumed; /* a block taken by the one before it (a figure's caption line) */
    int chapters, annexes; /* read so far: a cached parse builds the tree a chunk at a time */
    sk_colmemo col;       /* the last column asked (col_of) */
} builder;

static int col_of(builder *B, int line, int byte_col)
{
    return sk_source_col_memo(B->doc->src, &B->col, line, byte_col > 0 ? (size_t)(byte_col - 1) : 0);
}

static void push_text(builder *B, sk_inlines *l, sk_inline_type t, unsigned flags, const char *text,
                      const char *target, int line, int byte_col)
{
    sk_inline in = { 0 };
    in.type = t;
    in.flags = flags;
    in.text = sk_strdup(text ? text : "");
    in.target = target ? sk_strdup(target) : NULL;
    in.line = line;
    in.byte_col = byte_col;
    in.col = line > 0 ? col_of(B, line, byte_col) : 0;
    sk_inline_push(l, &in);
}

static int file_line(builder *B, cmark_node *n)
{
    int l = cmark_node_get_start_line(n);
    return l > 0 ? l + B->line0 : 0;
}

static int is_wide(uint32_t cp)
{
    return cp >= 0x2E80 || (cp >= 0x2000 && cp <= 0x206F && cp != 0x2014 && cp != 0x2013);
}

/* A source line break joins CJK text with nothing, other text with a space. */
static void settle_softbreaks(sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_SOFTBREAK)
            continue;
        uint32_t before = 0, after = 0;
        if (i > 0 && l->v[i - 1].text && *l->v[i - 1].text)
            before = sk_utf8_prev(l->v[i - 1].text, strlen(l->v[i - 1].text));
        if (i + 1 < l->n && l->v[i + 1].text && *l->v[i + 1].text)
            after = sk_utf8_at(l->v[i + 1].text, strlen(l->v[i + 1].text), 0);
        in->type = SK_I_TEXT;
        in->line_break = 1;
        free(in->text);
        in->text = sk_strdup((is_wide(before) && is_wide(after)) || !before || !after ? "" : " ");
    }
}

/* Splits {{name}} / {{name|default}} / {{name:kind}} / {{name:kind(args)|default}} / {{#list}} /
 * {{/list}} out of text runs. */
static int field_name_char(uint32_t cp)
{
    return cp == '_' || cp == '-' || cp == '.' || (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 'A' && cp <= 'Z') || sk_utf8_is_cjk(cp);
}

/* strstr(s, "{{") != NULL, by strchr (most runs have no brace at all) */
static int has_field_open(const char *s)
{
    for (const char *p = s; (p = strchr(p, '{')); p++)
        if (p[1] == '{')
            return 1;
    return 0;
}

static void split_fields(builder *B, sk_inlines *l)
{
    size_t first = 0;
    while (first < l->n && !(l->v[first].type == SK_I_TEXT && has_field_open(l->v[first].text)))
        first++;
    if (first == l->n)
        return; /* no field: the list stays as it is */
    sk_inlines out = { 0 };
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_TEXT || (i < first || !has_field_open(in->text))) {
            sk_inline_push(&out, in);
            continue;
        }
        const char *s = in->text, *p = s, *start = s;
        while ((p = strstr(p, "{{"))) {
            const char *q = p + 2, *name = q;
            if (*q == '#' || *q == '/')
                q++;
            size_t len = strlen(q);
            uint32_t cp;
            int k;
            while (*q && *q != '}' && *q != '|' && (k = sk_utf8_decode(q, len, &cp)) && field_name_char(cp)) {
                q += k;
                len -= (size_t)k;
            }
            const char *name_end = q, *def = NULL, *def_end = NULL, *spec = NULL, *spec_end = NULL;
            if (*q == ':' && name_end > name && *name != '#' && *name != '/') {
                /* the kind: letters, then (arguments) up to the closing parenthesis */
                spec = ++q;
                while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z'))
                    q++;
                if (*q == '(') {
                    while (*q && *q != ')' && !(q[0] == '}' && q[1] == '}'))
                        q++;
                    if (*q == ')')
                        q++;
                }
                spec_end = q;
            }
            if (*q == '|') {
                def = ++q;
                while (*q && !(q[0] == '}' && q[1] == '}'))
                    q++;
                def_end = q;
            }
            if (!(q[0] == '}' && q[1] == '}') || name_end == name || (name_end == name + 1 && (*name == '#' || *name == '/'))) {
                p += 2;
                continue;
            }
            if (p > start) {
                char *t = sk_strndup(start, (size_t)(p - start));
                push_text(B, &out, SK_I_TEXT, in->flags, t, NULL, in->line, in->byte_col + (int)(start - s));
                free(t);
            }
            char *nm = sk_strndup(name, (size_t)(name_end - name));
            char *df = def ? sk_strndup(def, (size_t)(def_end - def)) : NULL;
            push_text(B, &out, SK_I_FIELD, in->flags, nm, df, in->line, in->byte_col + (int)(p - s));
            if (spec)
                out.v[out.n - 1].spec = sk_strndup(spec, (size_t)(spec_end - spec));
            free(nm);
            free(df);
            p = start = q + 2;
        }
        if (*start)
            push_text(B, &out, SK_I_TEXT, in->flags, start, NULL, in->line, in->byte_col + (int)(start - s));
        free(in->text);
        free(in->target);
    }
    free(l->v);
    *l = out;
}

/* A stdcheck- directive in an HTML comment that starts at line:byte_col. */
static void add_directive(builder *B, const char *html, int line, int byte_col)
{
    int end_line = line;
    for (const char *q = html; *q && strncmp(q, "-->", 3); q++)
        end_line += *q == '\n';
    sk_directive_parse(&B->doc->directives, html, B->file, line, col_of(B, line, byte_col), end_line, B->diags);
}

static void split_math(builder *B, sk_inlines *l);

/* The inline nodes cmark_iter enters once and never exits (cmark-gfm's S_is_leaf). */
static int is_inline_leaf(cmark_node_type t)
{
    return t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE || t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
           t == CMARK_NODE_HTML_INLINE;
}

/* The inline siblings first.. (up to stop, not included) → flat runs (iterative:
 * cmark_iter keeps its own stack). The cmark tree is only read: a cached parse
 * (sk_markdown_read_cached) reads an unchanged chunk's tree again. */
static void convert_runs(builder *B, cmark_node *first, cmark_node *stop, sk_inlines *out)
{
    int bold = 0, italic = 0, strike = 0, sup = 0, sub = 0, und = 0;
    int in_link = 0, link_line = 0, link_col = 0;
    sk_buf link_text;
    sk_buf_init(&link_text);

    for (cmark_node *top = first; top && top != stop; top = cmark_node_next(top)) {
        /* a leaf (most runs are a lone text) is one enter event: no iterator */
        cmark_iter *it = is_inline_leaf(cmark_node_get_type(top)) ? NULL : cmark_iter_new(top);
        for (int once = 1;; once = 0) {
            cmark_node *n = top;
            int enter = 1;
            if (it) {
                cmark_event_type ev = cmark_iter_next(it);
                if (ev == CMARK_EVENT_DONE)
                    break;
                n = cmark_iter_get_node(it);
                enter = ev == CMARK_EVENT_ENTER;
            } else if (!once) {
                break;
            }
            cmark_node_type t = cmark_node_get_type(n);
            unsigned flags = (bold ? SK_F_BOLD : 0) | (italic ? SK_F_ITALIC : 0) | (strike ? SK_F_STRIKE : 0) |
                             (sup ? SK_F_SUP : 0) | (sub ? SK_F_SUB : 0) | (und ? SK_F_UNDERLINE : 0);
            int line = file_line(B, n), bcol = cmark_node_get_start_column(n);
            switch (t) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (in_link)
                    sk_buf_puts(&link_text, cmark_node_get_literal(n));
                else
                    push_text(B, out, SK_I_TEXT, flags | (t == CMARK_NODE_CODE ? SK_F_CODE : 0),
                              cmark_node_get_literal(n), NULL, line, t == CMARK_NODE_CODE ? bcol + 1 : bcol);
                break;
            case CMARK_NODE_SOFTBREAK:
                if (in_link)
                    sk_buf_putc(&link_text, ' ');
                else
                    push_text(B, out, SK_I_SOFTBREAK, flags, "", NULL, 0, 0);
                break;
            case CMARK_NODE_LINEBREAK:
                if (!in_link)
                    push_text(B, out, SK_I_LINEBREAK, flags, "", NULL, 0, 0);
                break;
            case CMARK_NODE_EMPH:
                italic += enter ? 1 : -1;
                break;
            case CMARK_NODE_STRONG:
                bold += enter ? 1 : -1;
                break;
            case CMARK_NODE_LINK:
                if (enter && !in_link) {
                    in_link = 1;
                    link_line = line;
                    link_col = bcol;
                    sk_buf_clear(&link_text);
                } else if (!enter && in_link) {
                    in_link = 0;
                    const char *url = cmark_node_get_url(n);
                    if (url && !strncmp(url, "index:", 6)) {
                        /* [词](index:) marks 词 for the 索引; [词](index:主题词) files it under 主题词 */
                        const char *t = link_text.data ? link_text.data : "";
                        push_text(B, out, SK_I_INDEX, flags, t, url[6] ? url + 6 : t, link_line, link_col);
                    } else if (url && url[0] == '#') {
                        sk_inline in = { 0 };
                        in.type = SK_I_REF;
                        in.ref_kind = SK_REF_ANCHOR;
                        in.flags = flags;
                        in.text = sk_strdup(link_text.data ? link_text.data : "");
                        in.target = sk_strdup(url + 1);
                        in.line = link_line;
                        in.byte_col = link_col;
                        in.col = col_of(B, link_line, link_col);
                        sk_inline_push(out, &in);
                    } else {
                        push_text(B, out, SK_I_LINK, flags, link_text.data ? link_text.data : url, url ? url : "",
                                  link_line, link_col);
                    }
                }
                break;
            case CMARK_NODE_IMAGE:
                /* an image inside running text: keep its description as text */
                if (!enter) {
                    sk_buf_clear(&link_text);
                }
                break;
            case CMARK_NODE_HTML_INLINE: {
                const char *h = cmark_node_get_literal(n);
                if (!strncasecmp(h, "<br", 3))
                    push_text(B, out, SK_I_LINEBREAK, flags, "", NULL, 0, 0);
                else if (!strcasecmp(h, "<sup>") || !strcasecmp(h, "</sup>"))
                    sup = h[1] != '/';
                else if (!strcasecmp(h, "<sub>") || !strcasecmp(h, "</sub>"))
                    sub = h[1] != '/';
                else if (!strcasecmp(h, "<u>") || !strcasecmp(h, "</u>"))
                    und = h[1] != '/';
                else if (!strncmp(h, "<!--", 4))
                    add_directive(B, h, line, bcol);
                else
                    push_text(B, out, SK_I_TEXT, flags, h, NULL, line, bcol);
                break;
            }
            default: {
                const char *type_str = cmark_node_get_type_string(n);
                if (type_str && !strcmp(type_str, "strikethrough"))
                    strike += enter ? 1 : -1;
                break;
            }
            }
        }
        if (it)
            cmark_iter_free(it);
    }
    sk_buf_free(&link_text);
    settle_softbreaks(out);
    split_math(B, out);
    split_fields(B, out);
}

/* cmark inline subtree of parent → flat runs. */
static void convert_inlines(builder *B, cmark_node *parent, sk_inlines *out)
{
    convert_runs(B, cmark_node_first_child(parent), NULL, out);
}

/* The runs of one source line of a paragraph: the inlines from *k up to the next soft
 * or hard break between them; *k moves past that break (NULL after the last line). */
static void line_runs(builder *B, cmark_node **k, sk_inlines *out)
{
    cmark_node *end = *k;
    while (end && cmark_node_get_type(end) != CMARK_NODE_SOFTBREAK && cmark_node_get_type(end) != CMARK_NODE_LINEBREAK)
        end = cmark_node_next(end);
    convert_runs(B, *k, end, out);
    *k = end ? cmark_node_next(end) : NULL;
}

/* Plain text of a cmark subtree (headings, captions, image descriptions). */
static char *plain_text(cmark_node *parent)
{
    /* one text (most paragraphs and headings): its literal, without an iterator */
    cmark_node *only = cmark_node_first_child(parent);
    if (only && !cmark_node_next(only) && cmark_node_get_type(only) == CMARK_NODE_TEXT &&
        !cmark_node_first_child(only))
        return sk_strdup(cmark_node_get_literal(only));
    sk_buf b;
    sk_buf_init(&b);
    cmark_iter *it = cmark_iter_new(parent);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ||
            (t == CMARK_NODE_HTML_INLINE && strncmp(cmark_node_get_literal(n), "<!--", 4)))
            sk_buf_puts(&b, cmark_node_get_literal(n));
        else if (t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK)
            sk_buf_putc(&b, ' ');
    }
    cmark_iter_free(it);
    return sk_buf_detach(&b);
}

/* The stdcheck- directives in the comments of a heading (plain_text leaves them out). */
static void heading_directives(builder *B, cmark_node *h)
{
    for (cmark_node *n = cmark_node_first_child(h); n; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE && !strncmp(cmark_node_get_literal(n), "<!--", 4))
            add_directive(B, cmark_node_get_literal(n), file_line(B, n), cmark_node_get_start_column(n));
}

/* ---------- attributes {#id form=x} ---------- */

/* Cuts a trailing "{…}" attribute block off text (in place) and applies it to n. */
static void take_attrs(builder *B, char *text, sk_node *n, int line)
{
    sk_str_trim(text);
    size_t len = strlen(text);
    if (!len || text[len - 1] != '}')
        return;
    char *open = strrchr(text, '{');
    if (!open || (open > text && open[-1] == '{') || open[1] == '{')
        return;
    /* attributes are #id, .class or key=value words */
    char *body = sk_strndup(open + 1, (size_t)(text + len - 1 - open - 1));
    int ok = 1;
    char *save = NULL;
    sk_vec words = { 0 };
    for (char *w = strtok_r(body, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (w[0] == '#' && w[1])
            sk_vec_push(&words, w);
        else if (w[0] == '.' && w[1])
            sk_vec_push(&words, w);
        else if (strchr(w, '=') && w[0] != '=')
            sk_vec_push(&words, w);
        else
            ok = 0;
    }
    if (ok && words.len) {
        for (size_t i = 0; i < words.len; i++) {
            char *w = words.items[i];
            if (w[0] == '#') {
                free(n->id);
                n->id = sk_strdup(w + 1);
            } else if (!strncmp(w, "form=", 5) && w[5]) {
                free(n->form);
                n->form = sk_strdup(w + 5);
            }
        }
        *open = '\0';
        sk_str_trim(text);
    }
    (void)B;
    (void)line;
    sk_vec_free(&words);
    free(body);
}

/* Reads a heading number ("5", "5.1.2", "A.1") at s followed by a space or the end.
 * Returns its length or 0. */
static size_t heading_number(const char *s, int allow_bare_letter)
{
    size_t i = 0;
    if (s[0] >= 'A' && s[0] <= 'Z' && (s[1] == '.' || allow_bare_letter)) {
        i = 1;
    } else {
        while (s[i] >= '0' && s[i] <= '9')
            i++;
        if (!i || i > 3)
            return 0;
    }
    while (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (s[i] == '.' && s[i + 1] == '\0')
        i++; /* "5." at the end */
    if (s[i] && !sk_zh_space(s + i))
        return 0;
    if (s[0] >= 'A' && s[0] <= 'Z' && i == 1 && !allow_bare_letter)
        return 0;
    return i;
}

/* "附录A（规范性）标题" → letter, type, title. Returns 0 when text is not an annex heading. */
static int parse_annex(builder *B, sk_node *n, const char *text, int line, int bcol)
{
    const char *p = text;
    if (strncmp(p, "附录", 6))
        return 0;
    p += 6;
    size_t k;
    while ((k = sk_zh_space(p)))
        p += k;
    if (*p >= 'A' && *p <= 'Z' && !(p[1] >= 'a' && p[1] <= 'z')) {
        n->num_written = sk_strndup(p, 1);
        n->num_line = line;
        n->num_byte_col = bcol + (int)(p - text);
        p++;
    }
    while ((k = sk_zh_space(p)))
        p += k;
    static const struct { const char *s; sk_annex_type t; } types[] = {
        { "（规范性）", SK_ANNEX_NORMATIVE }, { "(规范性)", SK_ANNEX_NORMATIVE },
        { "（资料性）", SK_ANNEX_INFORMATIVE }, { "(资料性)", SK_ANNEX_INFORMATIVE },
        { "（规范性附录）", SK_ANNEX_NORMATIVE }, { "（资料性附录）", SK_ANNEX_INFORMATIVE },
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t tl = strlen(types[i].s);
        if (!strncmp(p, types[i].s, tl)) {
            n->annex_type = types[i].t;
            n->annex_type_line = line;
            p += tl;
            break;
        }
    }
    while ((k = sk_zh_space(p)))
        p += k;
    n->title = sk_strdup(p);
    (void)B;
    return 1;
}

static sk_node *section_from_heading(builder *B, cmark_node *h, sk_node *parent, int level)
{
    sk_node *n = sk_node_new(SK_N_SECTION);
    char *text = plain_text(h);
    int line = file_line(B, h);
    cmark_node *first = cmark_node_first_child(h);
    /* byte column of the heading text: the first inline's column */
    int bcol = first ? cmark_node_get_start_column(first) : cmark_node_get_start_column(h);

    n->line = line;
    n->col = 1;
    n->level = level;
    heading_directives(B, h);
    take_attrs(B, text, n, line);

    /* leading spaces were trimmed by take_attrs/sk_str_trim; keep bcol aligned with text */
    sk_node *chapter = parent;
    while (chapter && chapter->type == SK_N_SECTION && chapter->level > 1)
        chapter = chapter->parent;
    if (level == 1 && parse_annex(B, n, text, line, bcol)) {
        n->sect = SK_S_ANNEX;
    } else {
        size_t nl = heading_number(text, 0);
        const char *title = text;
        if (nl) {
            n->num_written = sk_strndup(text, nl);
            if (sk_str_ends_with(n->num_written, "."))
                n->num_written[nl - 1] = '\0';
            n->num_line = line;
            n->num_byte_col = bcol;
            title = text + nl;
            size_t k;
            while ((k = sk_zh_space(title)))
                title += k;
        }
        n->title = sk_strdup(title);
        if (level == 1)
            n->sect = sk_display_sect_of(n->title);
        else if (chapter && chapter->type == SK_N_SECTION)
            n->sect = sk_display_sect_under(parent, n->title);
        else
            n->sect = SK_S_CLAUSE;
        if (!*n->title && n->num_written)
            n->untitled = 1;
    }
    free(text);
    return n;
}

/* ---------- blocks ---------- */

static void convert_block(builder *B, cmark_node *c, sk_node *parent, int depth);

static void convert_children(builder *B, cmark_node *c, sk_node *parent, int depth)
{
    for (cmark_node *k = cmark_node_first_child(c); k; k = cmark_node_next(k))
        if (k != B->consumed)
            convert_block(B, k, parent, depth);
}


/* A title right after a caption's number, with no space ("表A.0.2名称"): a short
 * run of text that is not a sentence (a sentence such as "表1列出了……。" is no
 * caption). */
static int title_after_number(const char *p)
{
    uint32_t cp;
    if (!sk_utf8_decode(p, strlen(p), &cp) || !sk_utf8_is_cjk(cp))
        return 0;
    return sk_utf8_count(p, strlen(p)) <= 40 && !strstr(p, "。") && !strstr(p, "；");
}

static int is_caption_text(const char *t, sk_node *n, builder *B, int line, int bcol)
{
    /* "表：标题", "表1：标题", "表 A.1　标题" */
    if (strncmp(t, "表", 3))
        return 0;
    const char *p = t + 3;
    while (*p == ' ')
        p++;
    const char *num = p;
    size_t nl = 0;
    if ((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z' && p[1] == '.')) {
        nl = heading_number(p, 0);
        if (!nl) {
            /* number directly followed by a colon: "表1：" */
            while ((p[nl] >= '0' && p[nl] <= '9') || p[nl] == '.' || (nl == 0 && p[nl] >= 'A' && p[nl] <= 'Z'))
                nl++;
        }
        p += nl;
    }
    size_t k;
    if (!strncmp(p, "：", 3))
        p += 3;
    else if (*p == ':')
        p++;
    else if (nl && (k = sk_zh_space(p)))
        p += k;
    else if (!(nl && title_after_number(p)))
        return 0;
    while ((k = sk_zh_space(p)))
        p += k;
    if (n) {
        if (nl) {
            n->num_written = sk_strndup(num, nl);
            n->num_line = line;
            n->num_byte_col = bcol + (int)(num - t);
        }
        n->caption = sk_strdup(p);
    }
    (void)B;
    return 1;
}

/* md2std's caption line (the MdToStandardWord dialect): "{表：#tbl:id} 标题" before a
 * table, as "表：标题". The id is not kept: md2std refers to it as {{tbl:id:label}},
 * which stdkit does not read, so the anchor would only be reported unused. A new
 * string, or NULL when t is not such a line. */
static char *md2std_caption(const char *t)
{
    if (strncmp(t, "{表", 4))
        return NULL;
    const char *p = t + 4;
    if (!strncmp(p, "：", 3))
        p += 3;
    else if (*p == ':')
        p++;
    else
        return NULL;
    while (*p == ' ')
        p++;
    if (*p != '#')
        return NULL;
    const char *close = strchr(p, '}');
    if (!close || close == p + 1 || memchr(p, ' ', (size_t)(close - p)) || memchr(p, '{', (size_t)(close - p)))
        return NULL;
    p = close + 1;
    size_t k;
    while ((k = sk_zh_space(p)))
        p += k;
    return sk_asprintf("表：%s", p);
}

/* "表：", "表1：", "表A.1:" — the colon form that only a caption uses. */
static int caption_has_colon(const char *t)
{
    const char *p = t + 3; /* after 表 */
    while (*p == ' ' || (*p >= '0' && *p <= '9') || *p == '.' || (*p >= 'A' && *p <= 'Z'))
        p++;
    return !strncmp(p, "：", 3) || *p == ':';
}

/* ---------- the parts around a table or figure (GB/T 1.1—2020 9.7, 9.8) ---------- */

int sk_markdown_unit_text(const char *t)
{
    size_t k;
    while ((k = sk_zh_space(t)))
        t += k;
    if (strncmp(t, "单位为", strlen("单位为")))
        return 0;
    const char *u = t + strlen("单位为");
    size_t n = strlen(u);
    while (n && (u[n - 1] == ' ' || u[n - 1] == '\t'))
        n--;
    if (n >= 3 && !memcmp(u + n - 3, "。", 3))
        n -= 3;
    if (!n || sk_utf8_count(u, n) > 24)
        return 0;
    static const char *const stops[] = { "。", "，", "；", "、", "：", NULL };
    for (const char *const *p = stops; *p; p++)
        if (memmem(u, n, *p, strlen(*p)))
            return 0;
    return 1;
}

size_t sk_markdown_key_lead(const char *t)
{
    static const char *const leads[] = { "标引序号说明", "标引序号和说明", "图中说明", "说明", NULL };
    for (const char *const *l = leads; *l; l++) {
        size_t n = strlen(*l);
        if (strncmp(t, *l, n))
            continue;
        size_t c = !strncmp(t + n, "：", 3) ? 3 : t[n] == ':' ? 1 : 0;
        if (!c)
            continue;
        const char *rest = t + n + c;
        while (*rest == ' ')
            rest++;
        /* "说明：" is a key only alone on its line, the others whatever follows */
        if (!strcmp(*l, "说明") && *rest && *rest != '\n')
            return 0;
        return n + c;
    }
    return 0;
}

/* A paragraph of the model that is a unit statement: its text, trimmed and without
 * a final "。" (malloc'd), or NULL. */
static char *unit_of(const sk_node *n)
{
    if (!n || n->type != SK_N_PARA)
        return NULL;
    for (size_t i = 0; i < n->in.n; i++)
        if (n->in.v[i].type != SK_I_TEXT || (n->in.v[i].flags & ~SK_F_BOLD))
            return NULL;
    char *t = sk_display_text(&n->in);
    sk_str_trim(t);
    if (!sk_markdown_unit_text(t)) {
        free(t);
        return NULL;
    }
    size_t len = strlen(t);
    if (len >= 3 && !strcmp(t + len - 3, "。"))
        t[len - 3] = '\0';
    return t;
}

/* A unit statement right before float n (the last block of parent) becomes n's. */
static void take_unit(sk_node *parent, sk_node *n)
{
    sk_node *p = parent->last;
    char *u = n->unit ? NULL : unit_of(p);
    if (!u)
        return;
    n->unit = u;
    n->unit_line = p->line;
    parent->last = p->prev;
    if (p->prev)
        p->prev->next = NULL;
    else
        parent->first = NULL;
    p->prev = p->parent = NULL;
    sk_node_free(p);
}

/* The cmark block after a unit statement paragraph c (so a caption may stand before
 * "单位为毫米" and its table), or c itself. */
static cmark_node *skip_unit(cmark_node *c)
{
    if (!c || cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
        return c;
    char *t = plain_text(c);
    int u = sk_markdown_unit_text(t);
    free(t);
    return u ? cmark_node_next(c) : c;
}

/* The marker a footnote of a table or figure starts with, at run r of l: a run of one
 * lowercase letter in <sup> ("<sup>a</sup> 内容"), or — when plain is set — that
 * letter and a space or U+3000 ("a　内容"). Returns the letter, or 0. */
static char footnote_mark(const sk_inlines *l, size_t r, int plain)
{
    if (r >= l->n || l->v[r].type != SK_I_TEXT || !l->v[r].text)
        return 0;
    const sk_inline *in = &l->v[r];
    const char *t = in->text;
    if ((in->flags & SK_F_SUP) && t[0] >= 'a' && t[0] <= 'z' && !t[1])
        return t[0];
    if (plain && !(in->flags & SK_F_SUP) && t[0] >= 'a' && t[0] <= 'z' && sk_zh_space(t + 1))
        return t[0];
    return 0;
}

/* Takes the marker (and the spaces after it) off the runs from r on. */
static void take_mark(builder *B, sk_inlines *l, size_t r)
{
    sk_inline *in = &l->v[r];
    size_t cut = 1;
    if (in->flags & SK_F_SUP) {
        sk_inline_clear(in);
        memmove(in, in + 1, (l->n - r - 1) * sizeof *in);
        l->n--;
        if (r >= l->n || l->v[r].type != SK_I_TEXT)
            return;
        in = &l->v[r];
        cut = 0;
    }
    size_t k;
    while ((k = sk_zh_space(in->text + cut)))
        cut += k;
    memmove(in->text, in->text + cut, strlen(in->text + cut) + 1);
    in->byte_col += (int)cut;
    if (in->line > 0)
        in->col = col_of(B, in->line, in->byte_col);
}

/* Is letter a footnote marker somewhere in table t's cells? */
static int table_marks(const sk_table *t, char letter)
{
    for (size_t r = 0; t && r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++)
            for (size_t i = 0; i < t->rows[r].cells[c].in.n; i++) {
                const sk_inline *in = &t->rows[r].cells[c].in.v[i];
                if (in->type == SK_I_TEXT && (in->flags & SK_F_SUP) && in->text[0] == letter && !in->text[1])
                    return 1;
            }
    return 0;
}

/* Can float f (a table or figure, the last block of its parent) still take a block of
 * this kind after what it holds? Its parts come in the order subfigures, key, notes,
 * footnotes. */
static int float_takes(const sk_node *f, sk_node_type kind)
{
    if (!f || (f->type != SK_N_TABLE && f->type != SK_N_FIGURE) || f->level == -1)
        return 0;
    sk_node_type last = f->last ? f->last->type : SK_N_DOC;
    switch (kind) {
    case SK_N_KEY:
        return f->type == SK_N_FIGURE && (last == SK_N_DOC || last == SK_N_SUBFIGURE);
    case SK_N_NOTE:
        return last == SK_N_DOC || last == SK_N_SUBFIGURE || last == SK_N_KEY || last == SK_N_NOTE;
    default: /* footnotes */
        return last == SK_N_DOC || last == SK_N_SUBFIGURE || last == SK_N_KEY || last == SK_N_NOTE ||
               last == SK_N_EXAMPLE || last == SK_N_FOOTNOTE;
    }
}

static int is_line_break(const sk_inline *in)
{
    return in->type == SK_I_LINEBREAK || (in->type == SK_I_TEXT && in->line_break);
}

/* A paragraph p right after a table or figure that starts with a footnote marker: its
 * footnotes (a line each that starts with a marker; other lines stay with the one
 * above), taken into the table or figure. The plain marker "a　" counts for a table
 * when a cell is marked a, for a figure (its markers are in the picture) when a is
 * the letter next in order. Returns 1 when p was taken (and freed). */
static int take_footnotes(builder *B, sk_node *parent, sk_node *p)
{
    sk_node *f = parent->last;
    if (!float_takes(f, SK_N_FOOTNOTE))
        return 0;
    int have = 0;
    for (const sk_node *k = f->first; k; k = k->next)
        have += k->type == SK_N_FOOTNOTE;
    char letter = footnote_mark(&p->in, 0, 1);
    if (!letter)
        return 0;
    if (!(p->in.v[0].flags & SK_F_SUP) &&
        !(f->type == SK_N_TABLE ? table_marks(f->table, letter) : letter == 'a' + have))
        return 0;
    sk_node *cur = NULL;
    for (size_t i = 0; i < p->in.n;) {
        size_t end = i;
        while (end < p->in.n && !is_line_break(&p->in.v[end]))
            end++;
        char l = footnote_mark(&p->in, i, 1);
        if (l && (p->in.v[i].flags & SK_F_SUP || cur == NULL || l == cur->num[0] + 1 ||
                  (f->type == SK_N_TABLE && table_marks(f->table, l)))) {
            cur = sk_node_new(SK_N_FOOTNOTE);
            cur->num[0] = l;
            cur->line = p->in.v[i].line ? p->in.v[i].line : p->line;
            cur->col = 1;
            sk_node_append(f, cur);
            size_t before = p->in.n;
            take_mark(B, &p->in, i);
            end -= before - p->in.n;
        } /* else a line that continues the footnote above */
        for (size_t k = i; k < end; k++) {
            sk_inline_push(&cur->in, &p->in.v[k]);
            memset(&p->in.v[k], 0, sizeof p->in.v[k]);
        }
        i = end + 1; /* the break (left in p, freed with it) */
    }
    sk_node_free(p);
    return 1;
}

/* Inserts a line break before each "注2：" (a numbered note label after a space or "。")
 * inside the text runs of l, so that the notes merged into one cell are a note each. */
static void break_at_labels(sk_inlines *l)
{
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type != SK_I_TEXT || !in->text)
            continue;
        for (const char *p = in->text; (p = strstr(p, "注")); p += 3) {
            const char *q = p + 3;
            while (*q >= '0' && *q <= '9')
                q++;
            if (q == p + 3 || (strncmp(q, "：", 3) && *q != ':'))
                continue;
            size_t at = (size_t)(p - in->text);
            if (!at || !(in->text[at - 1] == ' ' || (at >= 3 && !memcmp(in->text + at - 3, "。", 3))))
                continue;
            /* split: [text before][line break][the rest], then go on in the rest */
            sk_inline rest = *in, br = { 0 };
            rest.text = sk_strdup(p);
            rest.target = NULL;
            rest.byte_col = in->byte_col > 0 ? in->byte_col + (int)at : 0;
            rest.line_break = 0;
            in->text[at] = '\0';
            sk_str_trim(in->text);
            br.type = SK_I_LINEBREAK;
            br.text = sk_strdup("");
            br.line = in->line;
            sk_inline_push(l, &br); /* grow, then move the tail up by two */
            sk_inline_push(l, &rest);
            in = &l->v[i];
            sk_inline tmp_br = l->v[l->n - 2], tmp_rest = l->v[l->n - 1];
            memmove(&l->v[i + 3], &l->v[i + 1], (l->n - 2 - (i + 1)) * sizeof *l->v);
            l->v[i + 1] = tmp_br;
            l->v[i + 2] = tmp_rest;
            break; /* the rest is run i + 2: the loop comes to it */
        }
    }
}

/* The last rows of a table written with its notes or footnotes in them, as converted
 * tables are (a row whose first cell starts with 注：, 注1： or a footnote marker and
 * spans the table, or whose other cells are empty): taken out of the grid into the
 * table's notes and footnotes (表注 as the table's last row, GB/T 1.1—2020 9.8). One
 * body row at least stays in the grid. */
static void notes_from_rows(builder *B, sk_node *n)
{
    sk_table *t = n->table;
    while (t && t->ncols > 0 && t->nrows > (size_t)t->nheader + 1) {
        sk_row *row = &t->rows[t->nrows - 1];
        sk_cell *k = &row->cells[0];
        if (k->covered || row->header || row->repeat)
            break;
        int others = 0;
        for (int c = 1; c < t->ncols; c++)
            if (!row->cells[c].covered && row->cells[c].in.n) {
                char *x = sk_display_text(&row->cells[c].in);
                others |= *sk_str_trim(x) != '\0';
                free(x);
            }
        if (others)
            break;
        int num;
        char letter = footnote_mark(&k->in, 0, 1);
        sk_node *m = NULL;
        if (sk_habits_take_label(&k->in, "注", &num, NULL)) {
            break_at_labels(&k->in); /* "注1：… 注2：…" in one cell: a note each (habits) */
            m = sk_node_new(SK_N_NOTE);
            m->label_num = num;
        } else if (letter) {
            m = sk_node_new(SK_N_FOOTNOTE);
            m->num[0] = letter;
            take_mark(B, &k->in, 0);
        } else {
            break;
        }
        m->line = k->line ? k->line : row->line;
        m->col = 1;
        m->in = k->in;
        memset(&k->in, 0, sizeof k->in);
        /* the rows are taken from the last up: each goes before the ones taken already */
        m->parent = n;
        m->next = n->first;
        if (n->first)
            n->first->prev = m;
        else
            n->last = m;
        n->first = m;
        for (int c = 0; c < t->ncols; c++)
            sk_inline_list_free(&row->cells[c].in);
        free(row->cells);
        free(row->repeat);
        t->nrows--;
    }
}

static int is_table_block(cmark_node *c)
{
    if (!c)
        return 0;
    const char *ts = cmark_node_get_type_string(c);
    if (ts && !strcmp(ts, "table"))
        return 1;
    if (cmark_node_get_type(c) == CMARK_NODE_HTML_BLOCK) {
        const char *h = cmark_node_get_literal(c);
        while (h && (*h == ' ' || *h == '\n'))
            h++;
        return h && !strncasecmp(h, "<table", 6);
    }
    return 0;
}

/* Moves {{#list}} … {{/list}} markers of a row into row->repeat. */
static void take_repeat(sk_row *row, int ncols)
{
    if (ncols < 1)
        return;
    sk_inlines *first = &row->cells[0].in, *last = &row->cells[ncols - 1].in;
    if (!first->n || first->v[0].type != SK_I_FIELD || first->v[0].text[0] != '#')
        return;
    if (!last->n || last->v[last->n - 1].type != SK_I_FIELD || last->v[last->n - 1].text[0] != '/')
        return;
    if (strcmp(first->v[0].text + 1, last->v[last->n - 1].text + 1))
        return;
    row->repeat = sk_strdup(first->v[0].text + 1);
    sk_inline *e = &last->v[last->n - 1];
    free(e->text);
    free(e->target);
    last->n--;
    free(first->v[0].text);
    free(first->v[0].target);
    memmove(first->v, first->v + 1, (first->n - 1) * sizeof *first->v);
    first->n--;
}

/* The merge syntax of pipe tables (docs/format.md, "Merged cells"): a cell written
 * "||" (nothing between the pipes) continues the cell on its left, a cell "^^"
 * continues the cell above, as MultiMarkdown and markdown-it-multimd-table write
 * them. gfm_table marks such cells; here each becomes a covered position of the
 * cell it continues, whose span grows. A "^^" under a cell spanning columns
 * continues it when each further column it spans is "^^" or "||" in that row too. */
enum { MERGE_LEFT = 2, MERGE_UP = 3 };

static void merge_cells(builder *B, sk_table *t)
{
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            sk_cell *k = &t->rows[r].cells[c];
            if (k->covered != MERGE_LEFT && k->covered != MERGE_UP)
                continue;
            int mark = k->covered;
            k->covered = 0;
            /* the cell this position continues: left or up, through what is already covered */
            size_t orow = r;
            int ocol = c;
            if (mark == MERGE_LEFT) {
                while (ocol > 0 && (ocol == c || t->rows[r].cells[ocol].covered))
                    ocol--;
            } else {
                while (orow > 0 && (orow == r || t->rows[orow].cells[c].covered))
                    orow--;
            }
            sk_cell *o = &t->rows[orow].cells[ocol];
            int ok = (mark == MERGE_LEFT ? ocol < c : orow < r) && !o->covered;
            if (ok && mark == MERGE_LEFT && o->rowspan > 1)
                ok = 0; /* a cell spanning rows widens only in the row it starts */
            if (ok && mark == MERGE_UP) {
                if (ocol != c)
                    ok = 0;
                for (int dc = 1; ok && dc < o->colspan; dc++) {
                    sk_cell *x = &t->rows[r].cells[c + dc];
                    ok = x->covered == MERGE_UP || x->covered == MERGE_LEFT;
                }
            }
            if (!ok) {
                sk_diag *dg = sk_diag_emit(B->diags, SK_R_TABLE_MERGE, B->file, k->line, k->col,
                                           "'%s' has no cell to continue here (row %zu, column %d)",
                                           mark == MERGE_LEFT ? "||" : "^^", r + 1, c + 1);
                sk_diag_hint(dg, "\"||\" continues the cell on its left, \"^^\" the cell above; a cell that spans "
                                 "columns continues down when its other columns are \"^^\" or \"||\" too");
                continue;
            }
            sk_inline_list_free(&k->in);
            if (mark == MERGE_LEFT) {
                o->colspan = c - ocol + 1;
                k->covered = 1;
            } else {
                o->rowspan = (int)(r - orow) + 1;
                for (int dc = 0; dc < o->colspan; dc++) {
                    sk_cell *x = &t->rows[r].cells[c + dc];
                    sk_inline_list_free(&x->in);
                    x->covered = 1;
                }
            }
        }
}

static sk_node *gfm_table(builder *B, cmark_node *c)
{
    sk_node *n = sk_node_new(SK_N_TABLE);
    sk_table *t = sk_calloc(1, sizeof *t);
    n->table = t;
    n->line = file_line(B, c);
    t->ncols = cmark_gfm_extensions_get_table_columns(c);
    uint8_t *al = cmark_gfm_extensions_get_table_alignments(c);
    size_t nrows = 0;
    for (cmark_node *r = cmark_node_first_child(c); r; r = cmark_node_next(r))
        nrows++;
    t->rows = sk_calloc(nrows, sizeof *t->rows);
    for (cmark_node *r = cmark_node_first_child(c); r; r = cmark_node_next(r)) {
        sk_row *row = &t->rows[t->nrows++];
        row->cells = sk_calloc((size_t)(t->ncols ? t->ncols : 1), sizeof *row->cells);
        row->header = cmark_gfm_extensions_get_table_row_is_header(r);
        row->line = file_line(B, r);
        int ci = 0;
        for (cmark_node *cell = cmark_node_first_child(r); cell && ci < t->ncols; cell = cmark_node_next(cell), ci++) {
            sk_cell *k = &row->cells[ci];
            k->colspan = k->rowspan = 1;
            k->line = file_line(B, cell);
            k->col = col_of(B, k->line, cmark_node_get_start_column(cell));
            k->align = al ? (al[ci] == 'l' ? 1 : al[ci] == 'c' ? 2 : al[ci] == 'r' ? 3 : 0) : 0;
            B->in_pipe_cell = 1;
            convert_inlines(B, cell, &k->in);
            B->in_pipe_cell = 0;
            /* "||": no character between the pipes (cmark-gfm gives the cell an end before its start) */
            if (!k->in.n && cmark_node_get_end_column(cell) < cmark_node_get_start_column(cell))
                k->covered = MERGE_LEFT;
            else if (k->in.n == 1 && k->in.v[0].type == SK_I_TEXT && !strcmp(k->in.v[0].text, "^^"))
                k->covered = MERGE_UP;
        }
        for (; ci < t->ncols; ci++)
            row->cells[ci].colspan = row->cells[ci].rowspan = 1;
        if (row->header)
            t->nheader++;
        take_repeat(row, t->ncols);
    }
    merge_cells(B, t);
    return n;
}

/* HTML <table> with colspan/rowspan, through libxml2's HTML parser (no network, no DTD). */
static void html_cell_text(builder *B, xmlNode *x, sk_inlines *in, int line, unsigned flags, int depth)
{
    if (depth > MAX_BLOCK_DEPTH)
        return;
    for (xmlNode *k = x->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE) {
            /* collapse HTML white space */
            sk_buf b;
            sk_buf_init(&b);
            int sp = 0;
            for (const char *p = (const char *)k->content; p && *p; p++) {
                if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
                    sp = 1;
                } else {
                    if (sp && b.len)
                        sk_buf_putc(&b, ' ');
                    sp = 0;
                    sk_buf_putc(&b, *p);
                }
            }
            if (b.len)
                push_text(B, in, SK_I_TEXT, flags, b.data, NULL, line, 0);
            sk_buf_free(&b);
        } else if (k->type == XML_ELEMENT_NODE) {
            const char *nm = (const char *)k->name;
            unsigned f = flags;
            if (!strcasecmp(nm, "br")) {
                push_text(B, in, SK_I_LINEBREAK, flags, "", NULL, 0, 0);
                continue;
            }
            if (!strcasecmp(nm, "b") || !strcasecmp(nm, "strong"))
                f |= SK_F_BOLD;
            else if (!strcasecmp(nm, "i") || !strcasecmp(nm, "em"))
                f |= SK_F_ITALIC;
            else if (!strcasecmp(nm, "sup"))
                f |= SK_F_SUP;
            else if (!strcasecmp(nm, "sub"))
                f |= SK_F_SUB;
            else if (!strcasecmp(nm, "u"))
                f |= SK_F_UNDERLINE;
            if ((!strcasecmp(nm, "p") || !strcasecmp(nm, "div")) && in->n)
                push_text(B, in, SK_I_LINEBREAK, flags, "", NULL, 0, 0);
            html_cell_text(B, k, in, line, f, depth + 1);
        }
    }
}

static int html_int_attr(xmlNode *x, const char *name)
{
    xmlChar *v = xmlGetProp(x, BAD_CAST name);
    int n = v ? atoi((const char *)v) : 1;
    xmlFree(v);
    return n < 1 ? 1 : n > 1000 ? 1000 : n;
}

static void html_collect_rows(xmlNode *x, sk_vec *rows, int depth)
{
    for (xmlNode *k = x ? x->children : NULL; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE || depth > 4)
            continue;
        if (!strcasecmp((const char *)k->name, "tr"))
            sk_vec_push(rows, k);
        else if (!strcasecmp((const char *)k->name, "thead") || !strcasecmp((const char *)k->name, "tbody") ||
                 !strcasecmp((const char *)k->name, "tfoot"))
            html_collect_rows(k, rows, depth + 1);
    }
}

static xmlNode *find_elem(xmlNode *x, const char *name, int depth)
{
    for (xmlNode *k = x; k && depth < 8; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && !strcasecmp((const char *)k->name, name))
            return k;
        xmlNode *f = find_elem(k->children, name, depth + 1);
        if (f)
            return f;
    }
    return NULL;
}

#define MAX_TABLE_CELLS 1000000

static sk_node *html_table(builder *B, cmark_node *c)
{
    const char *html = cmark_node_get_literal(c);
    int line0 = file_line(B, c);
    sk_xml_quiet();
    htmlDocPtr hd = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                                   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                       HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT);
    sk_node *n = NULL;
    sk_vec rows = { 0 };
    if (!hd)
        goto done;
    xmlNode *tbl = find_elem(xmlDocGetRootElement(hd), "table", 0);
    if (!tbl)
        goto done;
    html_collect_rows(tbl, &rows, 0);
    /* grid size: widest row counting colspans and cells pushed right by rowspans */
    int ncols = 0;
    int *carry = NULL; /* remaining rowspan per column */
    size_t carry_n = 0;
    for (size_t r = 0; r < rows.len; r++) {
        int col = 0;
        for (xmlNode *cell = ((xmlNode *)rows.items[r])->children; cell; cell = cell->next) {
            if (cell->type != XML_ELEMENT_NODE || (strcasecmp((const char *)cell->name, "td") && strcasecmp((const char *)cell->name, "th")))
                continue;
            while ((size_t)col < carry_n && carry[col] > 0)
                col++;
            int cs = html_int_attr(cell, "colspan"), rs = html_int_attr(cell, "rowspan");
            if ((size_t)(col + cs) > carry_n) {
                carry = sk_realloc(carry, (size_t)(col + cs) * sizeof *carry);
                memset(carry + carry_n, 0, ((size_t)(col + cs) - carry_n) * sizeof *carry);
                carry_n = (size_t)(col + cs);
            }
            for (int k = 0; k < cs; k++)
                carry[col + k] = rs;
            col += cs;
        }
        if ((size_t)col < carry_n)
            col = (int)carry_n;
        if (col > ncols)
            ncols = col;
        for (size_t k = 0; k < carry_n; k++)
            if (carry[k] > 0)
                carry[k]--;
    }
    free(carry);
    if (ncols == 0 || rows.len == 0 || (size_t)ncols * rows.len > MAX_TABLE_CELLS)
        goto done;

    n = sk_node_new(SK_N_TABLE);
    n->line = line0;
    sk_table *t = sk_calloc(1, sizeof *t);
    n->table = t;
    t->html = 1;
    t->ncols = ncols;
    t->rows = sk_calloc(rows.len, sizeof *t->rows);
    t->nrows = rows.len;
    for (size_t r = 0; r < rows.len; r++) {
        t->rows[r].cells = sk_calloc((size_t)ncols, sizeof(sk_cell));
        t->rows[r].line = line0 + (int)xmlGetLineNo(rows.items[r]) - 1;
    }
    for (size_t r = 0; r < rows.len; r++) {
        sk_row *row = &t->rows[r];
        int col = 0, all_th = 1, any = 0;
        for (xmlNode *cell = ((xmlNode *)rows.items[r])->children; cell; cell = cell->next) {
            if (cell->type != XML_ELEMENT_NODE || (strcasecmp((const char *)cell->name, "td") && strcasecmp((const char *)cell->name, "th")))
                continue;
            while (col < ncols && row->cells[col].covered)
                col++;
            if (col >= ncols)
                break;
            any = 1;
            all_th &= !strcasecmp((const char *)cell->name, "th");
            int cs = html_int_attr(cell, "colspan"), rs = html_int_attr(cell, "rowspan");
            if (col + cs > ncols)
                cs = ncols - col;
            if ((size_t)rs > rows.len - r)
                rs = (int)(rows.len - r);
            sk_cell *k = &row->cells[col];
            k->colspan = cs;
            k->rowspan = rs;
            k->line = row->line;
            html_cell_text(B, cell, &k->in, row->line, 0, 0);
            split_fields(B, &k->in);
            for (int dr = 0; dr < rs; dr++)
                for (int dc = 0; dc < cs; dc++)
                    if (dr || dc) {
                        sk_cell *cv = &t->rows[r + (size_t)dr].cells[col + dc];
                        cv->covered = 1;
                        cv->colspan = cv->rowspan = 1;
                    }
            col += cs;
        }
        for (int k = 0; k < ncols; k++)
            if (!row->cells[k].colspan)
                row->cells[k].colspan = row->cells[k].rowspan = 1;
        row->header = any && all_th && (size_t)t->nheader == r;
        if (row->header)
            t->nheader++;
        take_repeat(row, ncols);
    }
done:
    sk_vec_free(&rows);
    if (hd)
        xmlFreeDoc(hd);
    return n;
}

/* ---------- figures: Markdown images, HTML <img>, caption lines ---------- */

/* The text of an HTML fragment without its tags, white space collapsed. Caller frees. */
static char *html_text(xmlNode *x, int depth)
{
    sk_buf b;
    sk_buf_init(&b);
    for (xmlNode *k = x; k && depth < 16; k = k->next) {
        if (k->type == XML_TEXT_NODE && k->content) {
            sk_buf_puts(&b, (const char *)k->content);
        } else if (k->type == XML_ELEMENT_NODE) {
            char *in = html_text(k->children, depth + 1);
            if (!strcasecmp((const char *)k->name, "br") || !strcasecmp((const char *)k->name, "p") ||
                !strcasecmp((const char *)k->name, "div"))
                sk_buf_putc(&b, ' ');
            sk_buf_puts(&b, in);
            free(in);
        }
    }
    sk_buf_puts(&b, "");
    char *s = sk_buf_detach(&b);
    for (char *p = s; *p; p++)
        if (*p == '\n' || *p == '\t' || *p == '\r')
            *p = ' ';
    return sk_str_trim(s);
}

static htmlDocPtr html_parse(const char *html)
{
    sk_xml_quiet();
    return htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
                          HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED |
                              HTML_PARSE_COMPACT);
}

/* "a) 正面" at the start of an image's description: the picture is one of a figure of
 * several (分图, GB/T 1.1—2020 9.7). Returns the length of the label ("a)", "a）" and
 * the spaces after it) with *letter, or 0. */
static size_t subfigure_label(const char *t, char *letter)
{
    if (!(t[0] >= 'a' && t[0] <= 'z'))
        return 0;
    size_t n = t[1] == ')' ? 2 : !strncmp(t + 1, "）", 3) ? 4 : 0;
    if (!n)
        return 0;
    size_t k;
    while ((k = sk_zh_space(t + n)))
        n += k;
    *letter = t[0];
    return n;
}

/* A figure's caption written as a line of its own: "图1　标题", "图 1 标题", "图A.1标题",
 * "图3" (no title). Sets *num (the number as written, NULL when none) and *title
 * (both malloc'd), or returns 0. A sentence ("图1表示……。") is no caption. */
static int figure_caption_text(const char *t, char **num, char **title)
{
    size_t k;
    while ((k = sk_zh_space(t)))
        t += k;
    if (strncmp(t, "图", 3))
        return 0;
    const char *p = t + 3;
    while (*p == ' ')
        p++;
    size_t nl = 0;
    while ((p[nl] >= '0' && p[nl] <= '9') || (p[nl] == '.' && p[nl + 1] >= '0' && p[nl + 1] <= '9') ||
           (nl == 0 && p[nl] >= 'A' && p[nl] <= 'Z' && p[1] == '.'))
        nl++;
    if (p[0] == '.' || (!nl && strncmp(p, "：", 3) && *p != ':'))
        return 0; /* a number, or "图：" (the figure numbered in order) */
    const char *rest = p + nl;
    if (*rest && !sk_zh_space(rest) && !title_after_number(rest) && strncmp(rest, "：", 3) && *rest != ':')
        return 0;
    if (!strncmp(rest, "：", 3))
        rest += 3;
    else if (*rest == ':')
        rest++;
    while ((k = sk_zh_space(rest)))
        rest += k;
    if (strstr(rest, "。") || sk_utf8_count(rest, strlen(rest)) > 60)
        return 0;
    *num = nl ? sk_strndup(p, nl) : NULL;
    *title = sk_str_trim(sk_strdup(rest));
    return 1;
}

/* Where the written number nl of a caption on file line `line` starts (a byte
 * column for --fix), found after the first "图" of the line; 0 when not found. */
static int number_col(builder *B, int line, const char *num)
{
    size_t len;
    const char *s = sk_source_line(B->doc->src, line, &len);
    const char *end = s + len, *g = s;
    while (g + 3 <= end && memcmp(g, "图", 3))
        g++;
    if (g + 3 > end)
        return 0;
    g += 3;
    for (;;) {
        if (g < end && *g == ' ')
            g++;
        else if (end - g >= 3 && !memcmp(g, "\xE3\x80\x80", 3))
            g += 3;
        else
            break;
    }
    size_t nl = strlen(num);
    return g + nl <= end && !memcmp(g, num, nl) ? (int)(g - s) + 1 : 0;
}

static void set_caption(builder *B, sk_node *n, char *num, char *title, int line)
{
    free(n->caption);
    n->caption = title;
    n->caption_line = line;
    free(n->num_written);
    n->num_written = NULL;
    int col = num ? number_col(B, line, num) : 0;
    if (num && col) {
        n->num_written = num;
        n->num_line = line;
        n->num_byte_col = col;
    } else {
        free(num);
    }
}

/* The block after a figure, when it is the figure's caption line (a paragraph, or
 * an HTML block holding only the caption): taken over (B->consumed). */
static int caption_after(builder *B, cmark_node *c, sk_node *fig)
{
    cmark_node *next = cmark_node_next(c);
    if (!next)
        return 0;
    char *text = NULL, *num = NULL, *title = NULL;
    cmark_node_type t = cmark_node_get_type(next);
    if (t == CMARK_NODE_PARAGRAPH) {
        text = plain_text(next);
    } else if (t == CMARK_NODE_HTML_BLOCK) {
        const char *h = cmark_node_get_literal(next);
        if (h && !strstr(h, "<img") && !strstr(h, "<IMG") && !strstr(h, "<table") && !strstr(h, "<!--")) {
            htmlDocPtr hd = html_parse(h);
            if (hd) {
                text = html_text(xmlDocGetRootElement(hd), 0);
                xmlFreeDoc(hd);
            }
        }
    }
    if (text && t == CMARK_NODE_PARAGRAPH) {
        char *probe = sk_strdup(text);
        sk_node tmp = { 0 };
        take_attrs(B, probe, &tmp, 0);
        if (tmp.id && figure_caption_text(probe, &num, &title)) {
            free(fig->id); /* "图：标题 {#fig-x}": the anchor is the figure's */
            fig->id = tmp.id;
            tmp.id = NULL;
            free(text);
            text = NULL;
        }
        free(tmp.id);
        free(tmp.form);
        free(probe);
    }
    int ok = title || (text && figure_caption_text(text, &num, &title));
    free(text);
    if (!ok)
        return 0;
    set_caption(B, fig, num, title, file_line(B, next));
    B->consumed = next;
    return 1;
}

/* Keeps a comment block's text for the tools that read markers from it. */
static void add_comment(builder *B, const char *html, int line)
{
    const char *p = html + 4, *end = strstr(p, "-->");
    sk_comment *c = sk_malloc(sizeof *c);
    c->line = line;
    c->text = sk_str_trim(sk_strndup(p, end ? (size_t)(end - p) : strlen(p)));
    sk_vec_push(&B->doc->comments, c);
}

static sk_node *figure_from_para(builder *B, cmark_node *c)
{
    cmark_node *img = cmark_node_first_child(c), *after = img ? cmark_node_next(img) : NULL;
    if (!img || cmark_node_get_type(img) != CMARK_NODE_IMAGE)
        return NULL;
    /* the spaces of a hard break ("![](x.png)  ") are an empty text node first */
    while (after && cmark_node_get_type(after) == CMARK_NODE_TEXT && cmark_node_next(after) &&
           !cmark_node_get_literal(after)[strspn(cmark_node_get_literal(after), " \t")])
        after = cmark_node_next(after);
    char *attrs = NULL, *cap_num = NULL, *cap_title = NULL;
    int cap_line = 0;
    if (after) {
        cmark_node_type at = cmark_node_get_type(after);
        if (at == CMARK_NODE_LINEBREAK || at == CMARK_NODE_SOFTBREAK) {
            /* "![](x.png)" and the caption on the next line of the same paragraph */
            sk_buf b;
            sk_buf_init(&b);
            for (cmark_node *k = cmark_node_next(after); k; k = cmark_node_next(k)) {
                char *s = cmark_node_get_type(k) == CMARK_NODE_TEXT ? sk_strdup(cmark_node_get_literal(k)) : plain_text(k);
                sk_buf_puts(&b, s);
                free(s);
            }
            sk_buf_puts(&b, "");
            int ok = figure_caption_text(b.data, &cap_num, &cap_title);
            cap_line = cmark_node_next(after) ? file_line(B, cmark_node_next(after)) : 0;
            sk_buf_free(&b);
            if (!ok)
                return NULL;
        } else {
            if (at != CMARK_NODE_TEXT || cmark_node_next(after))
                return NULL;
            attrs = sk_str_trim(sk_strdup(cmark_node_get_literal(after)));
            if (!(attrs[0] == '{' && sk_str_ends_with(attrs, "}"))) {
                free(attrs);
                return NULL;
            }
        }
    }
    sk_node *n = sk_node_new(SK_N_FIGURE);
    n->line = file_line(B, c);
    n->src = sk_strdup(cmark_node_get_url(img) ? cmark_node_get_url(img) : "");
    char *alt = plain_text(img);
    sk_str_trim(alt);
    const char *t = alt;
    if (!strncmp(t, "图", 3)) {
        size_t nl = heading_number(t + 3, 0);
        if (nl) {
            n->num_written = sk_strndup(t + 3, nl);
            n->num_line = n->line;
            n->num_byte_col = cmark_node_get_start_column(img) + 2 + 3;
            t += 3 + nl;
            size_t k;
            while ((k = sk_zh_space(t)))
                t += k;
        }
    }
    char letter = 0;
    size_t sl = !n->num_written ? subfigure_label(t, &letter) : 0;
    if (sl) {
        /* a picture of a figure of several: its own node under the figure (join_subfigure) */
        sk_node *sub = sk_node_new(SK_N_SUBFIGURE);
        sub->src = n->src;
        n->src = NULL;
        sub->num_written = sk_strndup(t, 1);
        sub->num_line = n->line;
        sub->num_byte_col = cmark_node_get_start_column(img) + 2 + (int)(t - alt);
        sub->caption = sk_str_trim(sk_strdup(t + sl));
        sub->caption_line = sub->line = n->line;
        sub->col = 1;
        sk_node_append(n, sub);
        t = "";
        n->level = -2; /* taking more pictures until its caption line or another block */
    }
    n->caption = sk_strdup(t);
    n->caption_line = n->line;
    free(alt);
    if (attrs) {
        char *tmp = sk_asprintf("x %s", attrs);
        take_attrs(B, tmp, n, n->line);
        free(tmp);
        free(attrs);
    }
    if (cap_title)
        set_caption(B, n, cap_num, cap_title, cap_line);
    else if (!*n->caption && !sl)
        caption_after(B, c, n);
    return n;
}

/* An HTML block holding an image (<div align="center"><img src=…></div>, <p …><img …>
 * <br><strong>图3　标题</strong></p>): a figure, its caption the block's other text or
 * the caption line after it. NULL when the block has no <img src>. */
static sk_node *html_figure(builder *B, cmark_node *c)
{
    const char *h = cmark_node_get_literal(c);
    if (!h || (!strstr(h, "<img") && !strstr(h, "<IMG")))
        return NULL;
    htmlDocPtr hd = html_parse(h);
    if (!hd)
        return NULL;
    sk_node *n = NULL;
    xmlNode *root = xmlDocGetRootElement(hd);
    xmlNode *img = root ? find_elem(root, "img", 0) : NULL;
    xmlChar *src = img ? xmlGetProp(img, (const xmlChar *)"src") : NULL;
    if (src && *src) {
        n = sk_node_new(SK_N_FIGURE);
        n->line = file_line(B, c);
        n->src = sk_strdup((const char *)src);
        n->caption = sk_strdup("");
        n->caption_line = n->line;
        char *text = html_text(root, 0), *num = NULL, *title = NULL;
        if (*text && figure_caption_text(text, &num, &title)) {
            /* the caption's line: the block's line that holds "图" */
            int line = n->line;
            const char *g = strstr(h, "图");
            for (const char *p = h; g && p < g; p++)
                line += *p == '\n';
            set_caption(B, n, num, title, line);
        } else {
            caption_after(B, c, n);
        }
        free(text);
    }
    xmlFree(src);
    xmlFreeDoc(hd);
    return n;
}

/* ---------- formulas ($$ … $$) and 式中 ---------- */

/* Source text of a block with the file position of each of its lines, so an offset in
 * the text (a TeX error) maps back to a line and column. */
typedef struct rawtext {
    sk_buf b;
    size_t *start;   /* offset in b of each line */
    int *line;       /* its file line */
    int *bcol;       /* 1-based byte column of its first byte */
    size_t n, cap;
} rawtext;

static void raw_line(rawtext *r, int line, int bcol, const char *s, size_t len)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 8;
        r->start = sk_realloc(r->start, r->cap * sizeof *r->start);
        r->line = sk_realloc(r->line, r->cap * sizeof *r->line);
        r->bcol = sk_realloc(r->bcol, r->cap * sizeof *r->bcol);
    }
    if (r->n)
        sk_buf_putc(&r->b, '\n');
    r->start[r->n] = r->b.len;
    r->line[r->n] = line;
    r->bcol[r->n] = bcol;
    r->n++;
    sk_buf_put(&r->b, s, len);
    if (!r->b.data)
        sk_buf_puts(&r->b, "");
}

static void raw_free(rawtext *r)
{
    sk_buf_free(&r->b);
    free(r->start);
    free(r->line);
    free(r->bcol);
}

static void raw_pos(const rawtext *r, size_t off, int *line, int *bcol)
{
    size_t k = 0;
    while (k + 1 < r->n && r->start[k + 1] <= off)
        k++;
    *line = r->n ? r->line[k] : 0;
    *bcol = r->n ? r->bcol[k] + (int)(off - r->start[k]) : 1;
}

/* The lines of paragraph c as written: the first from its start column, the others
 * without their indentation (and block-quote markers inside a quote). */
static void raw_para(builder *B, cmark_node *c, int in_quote, rawtext *r)
{
    int first = file_line(B, c), last = cmark_node_get_end_line(c) + B->line0;
    for (int l = first; l <= last && l > 0; l++) {
        size_t len = 0;
        const char *s = sk_source_line(B->doc->src, l, &len);
        size_t i = 0;
        if (!s)
            break;
        if (l == first) {
            i = (size_t)(cmark_node_get_start_column(c) - 1);
        } else {
            while (i < len && (s[i] == ' ' || s[i] == '\t' || (in_quote && s[i] == '>')))
                i++;
        }
        if (i > len)
            i = len;
        if (l == last && cmark_node_get_end_column(c) > 0 && (size_t)cmark_node_get_end_column(c) < len)
            len = (size_t)cmark_node_get_end_column(c);
        raw_line(r, l, (int)i + 1, s + i, len > i ? len - i : 0);
    }
}

/* Parses TeX (tex[0..len), at offset off of r) into *out; reports an error where it is. */
static sk_math *parse_tex(builder *B, const char *tex, size_t len, const rawtext *r, size_t off, const char *what)
{
    sk_math_err e;
    sk_math *m = sk_math_parse(tex, len, &e);
    if (!m) {
        int line, bcol;
        raw_pos(r, off + e.off, &line, &bcol);
        sk_diag *dg = sk_diag_emit(B->diags, SK_R_FORMULA_SYNTAX, B->file, line, col_of(B, line, bcol),
                                   "%s: %s", what, e.msg);
        sk_diag_hint(dg, "it is printed as written; stdkit-format(5) lists the TeX stdkit understands");
    }
    return m;
}

/* ---------- inline formulas $TeX$ ---------- */

/* Where an inline formula is: the opening $ at byte k of run i (source byte at), the
 * closing one at source byte close, in run j, where the text goes on at byte after. */
typedef struct mspan {
    size_t k, j, after, at, close;
} mspan;

static int plain_run(const sk_inline *in, int line)
{
    return in->type == SK_I_TEXT && !(in->flags & SK_F_CODE) && in->line == line && in->line > 0 && in->byte_col > 0;
}

/* Run r starts on line at or before source byte c. */
static int starts_by(const sk_inline *r, int line, size_t c)
{
    return r->line == line && r->byte_col > 0 && (size_t)(r->byte_col - 1) <= c;
}

/* One step of the walk that lines a run's text up with its source line: the run is the
 * source with backslash escapes undone (cmark also joins the text around them). Returns
 * the source bytes text byte x[*t] takes (2 for an escape), 0 when they part (an entity). */
static size_t src_step(const char *src, size_t slen, size_t p, char x)
{
    if (p < slen && src[p] == x)
        return 1;
    if (p + 1 < slen && src[p] == '\\' && src[p + 1] == x)
        return 2;
    return 0;
}

/* The next inline formula from byte pos of run i (source byte sp), by pandoc's
 * tex_math_dollars rules: the opening $ is followed by neither a space nor another $, the
 * closing one preceded by no space and followed by no digit ("$5 和 $10" is text); \$
 * is a dollar sign. A formula stays on one source line and holds no link or code. The
 * walk only goes forward, so a line with many $ costs its length. */
static int find_math(builder *B, const sk_inlines *l, size_t i, size_t pos, size_t sp, mspan *m)
{
    const sk_inline *in = &l->v[i];
    if (!plain_run(in, in->line) || !strchr(in->text + pos, '$'))
        return 0;
    size_t slen = 0, t = pos, p = sp, step;
    const char *src = sk_source_line(B->doc->src, in->line, &slen), *x = in->text;
    for (; src && x[t]; t++, p += step) {
        if (!(step = src_step(src, slen, p, x[t])))
            return 0;
        size_t at = p;
        if (x[t] != '$' || step == 2 || (at > 0 && src[at - 1] == '$') || at + 1 >= slen || src[at + 1] == '$' ||
            src[at + 1] == ' ' || src[at + 1] == '\t')
            continue;
        size_t c = at + 1;
        while (c < slen && src[c] != '$')
            c += src[c] == '\\' ? 2 : 1;
        if (c >= slen || src[c - 1] == ' ' || src[c - 1] == '\t' || (c + 1 < slen && src[c + 1] >= '0' && src[c + 1] <= '9'))
            continue;
        /* the run that holds the closing $: the last before it; none in between may be
         * anything but text */
        size_t j = i;
        while (j + 1 < l->n && starts_by(&l->v[j + 1], in->line, c) && plain_run(&l->v[j + 1], in->line))
            j++;
        if (j + 1 < l->n && starts_by(&l->v[j + 1], in->line, c))
            continue;
        const char *y = l->v[j].text;
        size_t tq = j == i ? t : 0, pq = j == i ? p : (size_t)(l->v[j].byte_col - 1), st;
        while (y[tq] && pq < c && (st = src_step(src, slen, pq, y[tq]))) {
            pq += st;
            tq++;
        }
        if (pq != c || y[tq] != '$')
            continue;
        *m = (mspan){ .k = t, .j = j, .after = tq + 1, .at = at, .close = c };
        return 1;
    }
    return 0;
}

/* Splits inline formulas out of the text runs of l. The TeX is taken from the source,
 * since cmark has undone backslash escapes (\, \{ \%) in the runs and may have read
 * emphasis into it ($a*b*c$). */
static void split_math(builder *B, sk_inlines *l)
{
    size_t any = 0; /* most blocks hold no $: leave their runs as they are */
    while (any < l->n && !(l->v[any].type == SK_I_TEXT && strchr(l->v[any].text, '$')))
        any++;
    if (any == l->n)
        return;
    sk_inlines out = { 0 };
    size_t i = 0, pos = 0, sp = 0; /* bytes of run i already moved to out; where they end in the source */
    mspan m;
    while (i < l->n) {
        sk_inline *in = &l->v[i];
        if (!pos)
            sp = in->byte_col > 0 ? (size_t)(in->byte_col - 1) : 0;
        if (!find_math(B, l, i, pos, sp, &m)) {
            if (!pos) {
                sk_inline_push(&out, in);
            } else {
                if (in->text[pos])
                    push_text(B, &out, SK_I_TEXT, in->flags, in->text + pos, NULL, in->line, (int)sp + 1);
                sk_inline_clear(in);
            }
            i++;
            pos = 0;
            continue;
        }
        if (m.k > pos) {
            char *t = sk_strndup(in->text + pos, m.k - pos);
            push_text(B, &out, SK_I_TEXT, in->flags, t, NULL, in->line, (int)sp + 1);
            free(t);
        }
        size_t slen = 0;
        const char *tex = sk_source_line(B->doc->src, in->line, &slen) + m.at + 1;
        size_t len = m.close - m.at - 1;
        rawtext r = { 0 };
        raw_line(&r, in->line, (int)m.at + 2, tex, len);
        char *t = sk_strndup(tex, len);
        /* in a pipe table a | is written \|: a space keeps the columns of the rest */
        for (char *b = t; B->in_pipe_cell && (b = strstr(b, "\\|")); b += 2)
            *b = ' ';
        push_text(B, &out, SK_I_MATH, in->flags, t, NULL, in->line, (int)m.at + 1);
        out.v[out.n - 1].math = parse_tex(B, t, len, &r, 0, "inline formula does not parse");
        free(t);
        raw_free(&r);
        for (size_t k = i; k < m.j; k++)
            sk_inline_clear(&l->v[k]);
        i = m.j;
        pos = m.after;
        sp = m.close + 1;
    }
    free(l->v);
    *l = out;
}

/* A written formula number "(1)", "（A.1）" at s: its length, the number in *num. */
static size_t formula_number(const char *s, const char **num, size_t *numlen)
{
    size_t open = *s == '(' ? 1 : !strncmp(s, "（", 3) ? 3 : 0;
    if (!open)
        return 0;
    size_t k = open;
    if (s[k] >= 'A' && s[k] <= 'Z' && s[k + 1] == '.')
        k += 2;
    size_t d = k;
    while (s[k] >= '0' && s[k] <= '9' && k - d < 4)
        k++;
    if (k == d)
        return 0;
    size_t close = s[k] == ')' ? 1 : !strncmp(s + k, "）", 3) ? 3 : 0;
    if (!close)
        return 0;
    *num = s + open;
    *numlen = k - open;
    return k + close;
}

/* What follows a formula's TeX: an optional number "(1)" and attributes {#eq:id}, in
 * either order. Returns 0 when anything else is there. */
static int formula_tail(builder *B, sk_node *n, const char *s, const rawtext *r, size_t off)
{
    size_t i = 0;
    for (int round = 0; round < 2; round++) {
        while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
            i++;
        const char *num;
        size_t nl, k;
        if (!n->num_written && (k = formula_number(s + i, &num, &nl))) {
            int line, bcol;
            n->num_written = sk_strndup(num, nl);
            raw_pos(r, off + (size_t)(num - s), &line, &bcol);
            n->num_line = line;
            n->num_byte_col = bcol;
            i += k;
        } else if (s[i] == '{' && !n->id) {
            const char *close = strchr(s + i, '}');
            if (!close)
                return 0;
            char *attrs = sk_asprintf("x %.*s", (int)(close + 1 - (s + i)), s + i);
            take_attrs(B, attrs, n, n->line);
            int ok = !strcmp(attrs, "x");
            free(attrs);
            if (!ok)
                return 0;
            i = (size_t)(close + 1 - s);
        }
    }
    while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')
        i++;
    return s[i] == '\0';
}

/* A display formula: a paragraph "$$ TeX $$" with an optional number and {#eq:id}. */
static sk_node *formula_from_para(builder *B, cmark_node *c, const sk_node *parent)
{
    cmark_node *fc = cmark_node_first_child(c);
    const char *lit = fc && cmark_node_get_type(fc) == CMARK_NODE_TEXT ? cmark_node_get_literal(fc) : NULL;
    if (!lit || strncmp(lit, "$$", 2))
        return NULL;
    int in_quote = 0;
    for (const sk_node *p = parent; p; p = p->parent)
        in_quote |= p->type == SK_N_QUOTE;
    rawtext r = { 0 };
    raw_para(B, c, in_quote, &r);
    const char *s = r.b.data ? r.b.data : "";
    const char *open = strstr(s, "$$");
    if (!open) {
        raw_free(&r);
        return NULL;
    }
    sk_node *n = sk_node_new(SK_N_FORMULA);
    n->line = file_line(B, c);
    const char *tex = open + 2, *close = strstr(tex, "$$");
    if (!close) {
        int line, bcol;
        raw_pos(&r, (size_t)(open - s), &line, &bcol);
        sk_diag *dg = sk_diag_emit(B->diags, SK_R_FORMULA_SYNTAX, B->file, line, col_of(B, line, bcol),
                                   "display formula has no closing $$");
        sk_diag_hint(dg, "a formula is one paragraph: $$ TeX $$, with no blank line inside");
        n->src = sk_strdup(s);
    } else if (!formula_tail(B, n, close + 2, &r, (size_t)(close + 2 - s))) {
        int line, bcol;
        raw_pos(&r, (size_t)(close + 2 - s), &line, &bcol);
        sk_diag *dg = sk_diag_emit(B->diags, SK_R_FORMULA_SYNTAX, B->file, line, col_of(B, line, bcol),
                                   "text after the formula's closing $$");
        sk_diag_hint(dg, "only a number such as (1) and {#eq:id} may follow it; the paragraph is printed as written");
        n->src = sk_strdup(s);
    } else {
        n->src = sk_strndup(tex, (size_t)(close - tex));
        n->math = parse_tex(B, tex, (size_t)(close - tex), &r, (size_t)(tex - s), "formula does not parse");
    }
    raw_free(&r);
    return n;
}

/* A fenced block ```math (info "math", optionally a number and {#eq:id}) is a formula too. */
static sk_node *formula_from_code(builder *B, cmark_node *c)
{
    const char *info = cmark_node_get_fence_info(c);
    if (!info || strncmp(info, "math", 4) || (info[4] && info[4] != ' ' && info[4] != '\t'))
        return NULL;
    const char *lit = cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "";
    sk_node *n = sk_node_new(SK_N_FORMULA);
    n->line = file_line(B, c);
    rawtext r = { 0 };
    /* the content starts on the line after the fence; report positions in it by line */
    int line = n->line + 1;
    for (const char *p = lit;;) {
        const char *nl = strchr(p, '\n');
        raw_line(&r, line++, 1, p, nl ? (size_t)(nl - p) : strlen(p));
        if (!nl || !nl[1])
            break;
        p = nl + 1;
    }
    /* the info string where it is on the fence's line (a written number is fixed there) */
    rawtext fence = { 0 };
    size_t flen = 0;
    const char *fl = sk_source_line(B->doc->src, n->line, &flen);
    const char *at = fl ? memmem(fl, flen, info, strlen(info)) : NULL;
    raw_line(&fence, n->line, at ? (int)(at - fl) + 1 : 1, info, strlen(info));
    if (!formula_tail(B, n, info + 4, &fence, 4)) {
        sk_diag *dg = sk_diag_emit(B->diags, SK_R_FORMULA_SYNTAX, B->file, n->line, 1,
                                   "only a number such as (1) and {#eq:id} may follow ```math");
        sk_diag_hint(dg, "write ```math (1) {#eq:id}");
    }
    size_t len = strlen(lit);
    while (len && (lit[len - 1] == '\n' || lit[len - 1] == ' '))
        len--;
    n->src = sk_strndup(lit, len);
    n->math = parse_tex(B, lit, len, &r, 0, "formula does not parse");
    raw_free(&fence);
    raw_free(&r);
    return n;
}

/* One 式中 entry from a line's runs (taken over): "$x$——meaning" or "x——meaning". The
 * symbol is TeX; the entry keeps the meaning's runs. An entry without "——" keeps its
 * whole text and no symbol (stdcheck: formula-where). */
static sk_node *where_entry(builder *B, sk_inlines *l, int tex)
{
    sk_node *e = sk_node_new(SK_N_WHERE_ITEM);
    settle_softbreaks(l);
    e->line = l->n ? l->v[0].line : 0;
    e->col = l->n && l->v[0].line > 0 ? l->v[0].col : 1;
    size_t i = 0;
    const char *dash = NULL;
    for (; i < l->n && !dash; i++)
        if (l->v[i].type == SK_I_TEXT && l->v[i].text)
            dash = strstr(l->v[i].text, "——");
    if (!dash) {
        e->in = *l;
        memset(l, 0, sizeof *l);
        return e;
    }
    i--;
    /* the symbol as written: the source from the first run to the dash when the line
     * has it (Markdown escapes undone by cmark would change the TeX), else the runs' text;
     * its $ … $ marks become spaces, so "$\alpha$, $\beta$" is one TeX */
    sk_buf sym;
    sk_buf_init(&sym);
    for (size_t k = 0; k < i; k++)
        sk_buf_puts(&sym, l->v[k].text ? l->v[k].text : "");
    sk_buf_put(&sym, l->v[i].text, (size_t)(dash - l->v[i].text));
    char *plain = sk_buf_detach(&sym);
    rawtext r = { 0 };
    size_t slen = 0;
    const char *src = e->line > 0 ? sk_source_line(B->doc->src, e->line, &slen) : NULL;
    size_t at = l->v[0].byte_col > 0 ? (size_t)(l->v[0].byte_col - 1) : 0;
    const char *sdash = src && at < slen ? memmem(src + at, slen - at, "——", strlen("——")) : NULL;
    if (sdash)
        raw_line(&r, e->line, (int)at + 1, src + at, (size_t)(sdash - src - at));
    else /* no position for the symbol's characters: report them at the entry */
        raw_line(&r, e->line, l->v[0].byte_col > 0 ? l->v[0].byte_col : 1, plain, strlen(plain));
    for (size_t k = 0; k < r.b.len; k++)
        if (r.b.data[k] == '$' && (k == 0 || r.b.data[k - 1] != '\\'))
            r.b.data[k] = ' ';
    size_t lead = 0, len = r.b.len;
    while (lead < len && (r.b.data[lead] == ' ' || r.b.data[lead] == '\t'))
        lead++;
    while (len > lead && (r.b.data[len - 1] == ' ' || r.b.data[len - 1] == '\t'))
        len--;
    e->src = sk_strndup(r.b.data + lead, len - lead);
    /* an inline formula of the symbol that did not parse has been reported already */
    int failed = 0;
    for (size_t k = 0; k < i; k++)
        failed |= l->v[k].type == SK_I_MATH && !l->v[k].math;
    e->math = failed || !tex ? NULL : parse_tex(B, e->src, strlen(e->src), &r, lead, "symbol does not parse");
    free(plain);
    raw_free(&r);
    /* the meaning: the rest of the dash's run and the runs after it */
    const char *rest = dash + strlen("——");
    size_t k;
    while ((k = sk_zh_space(rest)))
        rest += k;
    sk_inline *d = &l->v[i];
    d->byte_col += (int)(rest - d->text);
    if (d->line > 0)
        d->col = col_of(B, d->line, d->byte_col);
    memmove(d->text, rest, strlen(rest) + 1);
    for (size_t j = 0; j < l->n; j++) {
        if (j > i || (j == i && *d->text)) {
            sk_inline_push(&e->in, &l->v[j]);
            continue;
        }
        sk_inline_clear(&l->v[j]);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
    return e;
}

/* "式中：" (or "式中:") at the start of paragraph c: a 式中 block, its entries the lines
 * that follow in the same paragraph (or, when there are none, the list after it). */
static sk_node *where_from_para(builder *B, cmark_node *c)
{
    cmark_node *fc = cmark_node_first_child(c);
    const char *lit = fc && cmark_node_get_type(fc) == CMARK_NODE_TEXT ? cmark_node_get_literal(fc) : NULL;
    if (!lit || strncmp(lit, "式中", 6))
        return NULL;
    const char *p = lit + 6;
    while (*p == ' ')
        p++;
    if (strncmp(p, "：", 3) && *p != ':')
        return NULL;
    sk_node *w = sk_node_new(SK_N_WHERE);
    w->line = file_line(B, c);
    /* each source line of the paragraph on its own */
    cmark_node *k = fc;
    for (int first = 1; k || first; first = 0) {
        sk_inlines l = { 0 };
        line_runs(B, &k, &l);
        int num;
        if (first)
            sk_habits_take_label(&l, "式中", &num, NULL);
        char *t = sk_display_text(&l);
        int empty = !*sk_str_trim(t);
        free(t);
        if (!empty)
            sk_node_append(w, where_entry(B, &l, 1));
        sk_inline_list_free(&l);
    }
    if (!w->first)
        w->level = -1; /* waiting for the list of entries after it */
    return w;
}

/* A list right after a "式中：" without entries holds them: one entry per item (each
 * item a single paragraph). Returns 1 when it took the list over. */
/* A paragraph after a 式中 (or after its entries) that is an entry itself: the way
 * many authors write them, a paragraph each ("v1 ——车速表指示车速，单位为千米每小时（km/h）；",
 * "$$H$$ ——高度"): the symbol before the dash is short and no sentence. Each line is
 * an entry. Returns 1 when the paragraph was taken. */
/* The 式中 block, or the figure key, that the blocks after it may add entries to. */
static sk_node *open_entries(sk_node *parent)
{
    sk_node *w = parent->last;
    if (w && w->type == SK_N_WHERE)
        return w;
    if (w && w->type == SK_N_FIGURE && w->last && w->last->type == SK_N_KEY)
        return w->last;
    return NULL;
}

static int where_takes_para(builder *B, cmark_node *c, sk_node *parent)
{
    sk_node *w = open_entries(parent);
    if (!w)
        return 0;
    char *text = plain_text(c);
    if (w->type == SK_N_KEY && (!strncmp(text, "注", 3) || !strncmp(text, "示例", 6))) {
        free(text); /* the figure's notes after its key */
        return 0;
    }
    const char *dash = strstr(text, "——");
    size_t before = dash ? sk_utf8_count(text, (size_t)(dash - text)) : 0;
    int entry = dash && before > 0 && before <= 24 && !memmem(text, (size_t)(dash - text), "。", 3) &&
                !memmem(text, (size_t)(dash - text), "，", 3);
    free(text);
    if (!entry)
        return 0;
    cmark_node *k = cmark_node_first_child(c);
    while (k) {
        sk_inlines l = { 0 };
        line_runs(B, &k, &l);
        char *t = sk_display_text(&l);
        int empty = !*sk_str_trim(t);
        free(t);
        if (!empty) {
            sk_node *e = where_entry(B, &l, w->type == SK_N_WHERE);
            if (!e->line)
                e->line = file_line(B, c);
            sk_node_append(w, e);
        }
        sk_inline_list_free(&l);
    }
    w->level = 0;
    return 1;
}

static int where_takes_list(builder *B, cmark_node *c, sk_node *parent)
{
    sk_node *w = open_entries(parent);
    if (!w || w->level != -1)
        return 0;
    for (cmark_node *it = cmark_node_first_child(c); it; it = cmark_node_next(it)) {
        cmark_node *p = cmark_node_first_child(it);
        if (!p || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH || cmark_node_next(p))
            return 0;
    }
    for (cmark_node *it = cmark_node_first_child(c); it; it = cmark_node_next(it)) {
        sk_inlines l = { 0 };
        convert_inlines(B, cmark_node_first_child(it), &l);
        sk_node *e = where_entry(B, &l, w->type == SK_N_WHERE);
        if (!e->line)
            e->line = file_line(B, it);
        sk_node_append(w, e);
        sk_inline_list_free(&l);
    }
    w->level = 0;
    return 1;
}

/* An HTML block holding only a table's caption ("<div style=\"text-align: center;\">表 1
 * 名称</div>", as converters write it) right before the table: the caption, as the
 * paragraph "表1　名称" is (its written number is not kept: its column in the HTML
 * is not the text's). Returns 1 when it took c. */
static int html_caption(builder *B, cmark_node *c, sk_node *parent)
{
    const char *h = cmark_node_get_literal(c);
    if (!h || strstr(h, "<img") || strstr(h, "<IMG") || strcasestr(h, "<table") || strstr(h, "<!--") ||
        !is_table_block(skip_unit(cmark_node_next(c))))
        return 0;
    htmlDocPtr hd = html_parse(h);
    char *text = hd ? html_text(xmlDocGetRootElement(hd), 0) : NULL;
    if (hd)
        xmlFreeDoc(hd);
    int ok = text && *sk_str_trim(text) && is_caption_text(text, NULL, B, 0, 0);
    if (ok) {
        sk_node *holder = sk_node_new(SK_N_TABLE);
        int line = file_line(B, c);
        take_attrs(B, text, holder, line);
        is_caption_text(text, holder, B, line, 1);
        free(holder->num_written);
        holder->num_written = NULL;
        holder->caption_line = holder->line = line;
        holder->level = -1; /* the caption waiting for its table */
        sk_node_append(parent, holder);
    }
    free(text);
    return ok;
}

/* "标引序号说明：" right after a figure (or its subfigures): the figure's key (GB/T 1.1—2020
 * 9.7), its entries the lines after the lead in the same paragraph, or the list or the
 * "1——…" paragraphs after it (where_takes_list, where_takes_para), each "number——meaning".
 * Returns 1 when paragraph c was taken. */
static int key_from_para(builder *B, cmark_node *c, sk_node *parent)
{
    cmark_node *fc = cmark_node_first_child(c);
    const char *lit = fc && cmark_node_get_type(fc) == CMARK_NODE_TEXT ? cmark_node_get_literal(fc) : NULL;
    size_t lead = lit ? sk_markdown_key_lead(lit) : 0;
    if (!lead || !float_takes(parent->last, SK_N_KEY))
        return 0;
    sk_node *key = sk_node_new(SK_N_KEY);
    key->line = file_line(B, c);
    key->col = 1;
    size_t word = lead - (lit[lead - 1] == ':' ? 1 : 3);
    key->title = sk_asprintf("%.*s：", (int)word, lit);
    /* a line each, the lead cut off the first */
    cmark_node *k = fc;
    for (int first = 1; k || first; first = 0) {
        sk_inlines l = { 0 };
        line_runs(B, &k, &l);
        if (first && l.n && l.v[0].type == SK_I_TEXT && strlen(l.v[0].text) >= lead) {
            sk_inline *in = &l.v[0];
            size_t cut = lead;
            while (in->text[cut] == ' ')
                cut++;
            memmove(in->text, in->text + cut, strlen(in->text + cut) + 1);
            in->byte_col += (int)cut;
            if (in->line > 0)
                in->col = col_of(B, in->line, in->byte_col);
        }
        char *t = sk_display_text(&l);
        int empty = !*sk_str_trim(t);
        free(t);
        if (!empty) {
            sk_node *e = where_entry(B, &l, 0);
            if (!e->line)
                e->line = key->line;
            sk_node_append(key, e);
        }
        sk_inline_list_free(&l);
    }
    if (!key->first)
        key->level = -1; /* waiting for the entries after it */
    sk_node_append(parent->last, key);
    return 1;
}

/* A block quote whose first paragraph starts with 示例： is an example of several
 * paragraphs (GB/T 1.1—2020 9.10): the first paragraph is its text, the quote's other
 * blocks its children. So is a quote right after a "示例：" paragraph with nothing
 * after the label. Returns 1 when the quote was taken. */
static int example_from_quote(builder *B, cmark_node *c, sk_node *parent, int depth)
{
    cmark_node *first = cmark_node_first_child(c);
    sk_node *ex = NULL;
    if (parent->last && parent->last->type == SK_N_EXAMPLE && !parent->last->first) {
        char *t = sk_display_text(&parent->last->in);
        if (!*sk_str_trim(t))
            ex = parent->last; /* "示例：" then the quote */
        free(t);
    }
    if (!ex) {
        if (!first || cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH)
            return 0;
        char *t = plain_text(first);
        int starts = !strncmp(t, "示例", 6);
        free(t);
        if (!starts)
            return 0;
        sk_inlines l = { 0 };
        convert_inlines(B, first, &l);
        int num;
        char *title = NULL;
        if (!sk_habits_take_label(&l, "示例", &num, &title)) {
            sk_inline_list_free(&l);
            return 0;
        }
        ex = sk_node_new(SK_N_EXAMPLE);
        ex->label_num = num;
        ex->title = title;
        ex->in = l;
        ex->line = file_line(B, c);
        ex->col = 1;
        sk_node_append(parent, ex);
        first = cmark_node_next(first);
    } else if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
        sk_inline_list_free(&ex->in);
        convert_inlines(B, first, &ex->in);
        first = cmark_node_next(first);
    }
    for (cmark_node *k = first; k; k = cmark_node_next(k))
        if (k != B->consumed)
            convert_block(B, k, ex, depth + 1);
    return 1;
}

/* Figure n, one picture with a subfigure label, joins the figure of several before it
 * (parent's last block, still taking pictures); either takes the caption line after
 * c ("图：标题 {#id}" or "图1　标题"), which closes it. Returns 1 when n was joined (and
 * freed). */
static int join_subfigure(builder *B, cmark_node *c, sk_node *parent, sk_node *n)
{
    sk_node *g = parent->last;
    int join = g && g->type == SK_N_FIGURE && g->level == -2 && g->last && g->last->type == SK_N_SUBFIGURE;
    if (join) {
        sk_node *sub = n->first;
        n->first = n->last = NULL;
        sub->parent = NULL;
        sk_node_append(g, sub);
        if (!g->id && n->id) {
            g->id = n->id;
            n->id = NULL;
        }
        sk_node_free(n);
        n = g;
    }
    if (caption_after(B, c, n))
        n->level = 0;
    return join;
}

static void convert_block(builder *B, cmark_node *c, sk_node *parent, int depth)
{
    if (depth > MAX_BLOCK_DEPTH) {
        if (!B->too_deep)
            sk_diag_emit(B->diags, SK_R_NESTING, B->file, file_line(B, c), 1,
                         "lists or quotes nested more than %d levels deep; the rest is ignored",
                         MAX_BLOCK_DEPTH);
        B->too_deep = 1;
        return;
    }
    cmark_node_type t = cmark_node_get_type(c);
    const char *ts = cmark_node_get_type_string(c);
    int line = file_line(B, c);
    sk_node *n = NULL;

    switch (t) {
    case CMARK_NODE_PARAGRAPH: {
        if (where_takes_para(B, c, parent))
            return;
        if ((n = formula_from_para(B, c, parent)) || (n = where_from_para(B, c)))
            break;
        cmark_node *next = cmark_node_next(c);
        cmark_node *fc = cmark_node_first_child(c);
        if (fc && cmark_node_get_type(fc) == CMARK_NODE_TEXT) {
            char *txt = plain_text(c), *md2std = md2std_caption(txt);
            if (md2std) {
                free(txt);
                txt = md2std; /* its title's column is not the text's: only line numbers are kept */
            }
            int is_cap = is_caption_text(txt, NULL, B, 0, 0);
            /* "表1：标题", "单位为毫米", the table (looked for after a caption only) */
            cmark_node *after = is_cap ? skip_unit(next) : NULL;
            if (is_cap && (is_table_block(after) || caption_has_colon(txt))) {
                /* the caption is kept on the pending-caption slot of the parent */
                if (!is_table_block(after)) {
                    /* "表：…" / "表1：…" can only be a caption: report it, and keep its
                     * number out of the references */
                    sk_diag_emit(B->diags, SK_R_CAPTION_ORPHAN, B->file, line, 1,
                                 "table caption is not followed by a table");
                    free(txt);
                    return;
                } else {
                    sk_node *holder = sk_node_new(SK_N_TABLE);
                    take_attrs(B, txt, holder, line);
                    is_caption_text(txt, holder, B, line, cmark_node_get_start_column(fc));
                    holder->caption_line = line;
                    holder->line = line;
                    holder->level = -1; /* marks "caption waiting for its table" */
                    sk_node_append(parent, holder);
                    free(txt);
                    return;
                }
            }
            free(txt);
        }
        if ((n = figure_from_para(B, c)))
            break;
        if (key_from_para(B, c, parent))
            return;
        n = sk_node_new(SK_N_PARA);
        convert_inlines(B, c, &n->in);
        int num;
        char *label_title = NULL;
        if (sk_habits_take_label(&n->in, "注", &num, NULL)) {
            n->type = SK_N_NOTE;
            n->label_num = num;
        } else if (sk_habits_take_label(&n->in, "示例", &num, &label_title)) {
            n->type = SK_N_EXAMPLE;
            n->label_num = num;
            n->title = label_title; /* 示例2（说明）： */
        } else {
            n->line = line;
            if (take_footnotes(B, parent, n))
                return;
        }
        break;
    }
    case CMARK_NODE_LIST: {
        if (where_takes_list(B, c, parent))
            return;
        n = sk_node_new(SK_N_LIST);
        n->ordered = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST;
        int lvl = 1;
        for (sk_node *p = parent; p; p = p->parent)
            if (p->type == SK_N_LIST)
                lvl++;
        n->level = lvl;
        n->line = line;
        sk_node_append(parent, n);
        for (cmark_node *it = cmark_node_first_child(c); it; it = cmark_node_next(it)) {
            sk_node *item = sk_node_new(SK_N_ITEM);
            item->line = file_line(B, it);
            item->level = lvl;
            sk_node_append(n, item);
            convert_children(B, it, item, depth + 1);
        }
        return;
    }
    case CMARK_NODE_BLOCK_QUOTE:
        if (example_from_quote(B, c, parent, depth))
            return;
        n = sk_node_new(SK_N_QUOTE);
        n->line = line;
        sk_node_append(parent, n);
        convert_children(B, c, n, depth + 1);
        return;
    case CMARK_NODE_CODE_BLOCK:
        if ((n = formula_from_code(B, c)))
            break;
        n = sk_node_new(SK_N_CODE);
        n->src = sk_strdup(cmark_node_get_literal(c) ? cmark_node_get_literal(c) : "");
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        n = sk_node_new(SK_N_CUT);
        break;
    case CMARK_NODE_HTML_BLOCK: {
        const char *h = cmark_node_get_literal(c);
        const char *p = h;
        while (*p == ' ' || *p == '\n')
            p++;
        if (!strncmp(p, "<!--", 4)) {
            int at = line;
            for (const char *q = h; q < p; q++)
                at += *q == '\n';
            add_directive(B, p, at, 1);
            add_comment(B, p, at);
            return;
        }
        if ((n = html_figure(B, c)))
            break;
        if (html_caption(B, c, parent))
            return;
        if (!strncasecmp(p, "<table", 6)) {
            n = html_table(B, c);
            if (!n) {
                sk_diag_emit(B->diags, SK_R_HTML_BLOCK, B->file, line, 1, "HTML table has no rows");
                return;
            }
            notes_from_rows(B, n);
            break;
        }
        sk_diag_emit(B->diags, SK_R_HTML_BLOCK, B->file, line, 1,
                     "raw HTML block is ignored (only <table>, <img> and comments are understood)");
        return;
    }
    default:
        if (ts && !strcmp(ts, "table")) {
            n = gfm_table(B, c);
            notes_from_rows(B, n);
            break;
        }
        return;
    }
    if (!n->line)
        n->line = line;
    n->col = 1;
    /* a picture of a figure of several joins the figure before it */
    if (n->type == SK_N_FIGURE && n->level == -2 && join_subfigure(B, c, parent, n))
        return;
    /* "单位为毫米" right before a table (after its caption) or a figure is its unit statement */
    if (n->type == SK_N_TABLE || n->type == SK_N_FIGURE)
        take_unit(parent, n);
    /* a table right after its caption takes the caption over */
    if (n->type == SK_N_TABLE && parent->last && parent->last->type == SK_N_TABLE && parent->last->level == -1) {
        sk_node *holder = parent->last;
        n->caption = holder->caption;
        n->caption_line = holder->caption_line;
        n->num_written = holder->num_written;
        n->num_line = holder->num_line;
        n->num_byte_col = holder->num_byte_col;
        n->id = holder->id;
        n->line = holder->line;
        holder->caption = holder->num_written = holder->id = NULL;
        parent->last = holder->prev;
        if (holder->prev)
            holder->prev->next = NULL;
        else
            parent->first = NULL;
        sk_node_free(holder);
        take_unit(parent, n); /* "单位为毫米" before the caption */
    }
    /* notes right after a table or figure (its subfigures, its key) belong to it (GB/T 1.1 9.7, 9.8) */
    if (n->type == SK_N_NOTE && float_takes(parent->last, SK_N_NOTE)) {
        sk_node_append(parent->last, n);
        return;
    }
    if (parent->last && parent->last->type == SK_N_FIGURE && parent->last->level == -2)
        parent->last->level = 0; /* the figure of several takes no more pictures */
    sk_node_append(parent, n);
}

/* "§ text" or "§5.2.1 text": a paragraph that opens an untitled clause (无标题条). Returns
 * the byte length of the marker (§, the written number, the spaces after it) and sets
 * num and numlen to the number, or returns 0. */
static size_t untitled_mark(cmark_node *para, const char **num, size_t *numlen)
{
    cmark_node *fc = cmark_node_first_child(para);
    if (!fc || cmark_node_get_type(fc) != CMARK_NODE_TEXT)
        return 0;
    const char *t = cmark_node_get_literal(fc);
    if (!t || strncmp(t, "\xC2\xA7", 2))
        return 0;
    const char *p = t + 2;
    *num = NULL;
    *numlen = 0;
    size_t nl = (*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ? heading_number(p, 0) : 0;
    if (nl) {
        *num = p;
        *numlen = nl;
        p += nl;
    }
    size_t k, sp = 0;
    while ((k = sk_zh_space(p))) {
        p += k;
        sp++;
    }
    if (!sp && *p)
        return 0; /* "§5条" is text, not a marker */
    return (size_t)(p - t);
}

/* Takes the first mark bytes off the first text run of a paragraph. */
static void cut_prefix(sk_node *para, size_t mark)
{
    if (!para || para->type != SK_N_PARA || !para->in.n || para->in.v[0].type != SK_I_TEXT)
        return;
    sk_inline *in = &para->in.v[0];
    size_t len = strlen(in->text);
    if (mark > len)
        mark = len;
    memmove(in->text, in->text + mark, len - mark + 1);
    in->byte_col += (int)mark;
}

/* An untitled clause: a section one level below parent, holding the paragraph c
 * (without its marker) and whatever follows until the next heading or marker. */
static sk_node *untitled_clause(builder *B, cmark_node *c, sk_node *parent, size_t mark, const char *num, size_t numlen)
{
    sk_node *s = sk_node_new(SK_N_SECTION);
    cmark_node *fc = cmark_node_first_child(c);
    s->line = file_line(B, c);
    s->col = 1;
    s->level = parent->level + 1;
    s->untitled = 1;
    s->title = sk_strdup("");
    const sk_node *top = parent;
    while (top->parent && top->parent->type != SK_N_DOC)
        top = top->parent;
    s->sect = parent == top ? SK_S_CLAUSE : sk_display_sect_under(parent, NULL);
    if (num) {
        s->num_written = sk_strndup(num, numlen);
        if (sk_str_ends_with(s->num_written, "."))
            s->num_written[numlen - 1] = '\0';
        s->num_line = s->line;
        s->num_byte_col = cmark_node_get_start_column(fc) + 2;
    }
    sk_node_append(parent, s);
    convert_block(B, c, s, 0);
    cut_prefix(s->first, mark);
    return s;
}

/* ---------- clauses written as lines: bold lines and numbered paragraphs ---------- */

/* A clause number of two or more levels at s ("4.2.3", "C.3.3.2.3.1") followed by
 * the end, a space or U+3000: its byte length and *levels, or 0. */
static size_t line_clause_number(const char *s, int *levels)
{
    size_t i = 0;
    if (s[0] >= 'A' && s[0] <= 'Z' && s[1] == '.')
        i = 1;
    else
        while (s[i] >= '0' && s[i] <= '9' && i < 3)
            i++;
    if (!i)
        return 0;
    int k = 1;
    while (s[i] == '.' && s[i + 1] >= '0' && s[i + 1] <= '9') {
        i++;
        k++;
        while (s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (k < 2 || k > 6 || (s[i] && !sk_zh_space(s + i)))
        return 0;
    *levels = k;
    return i;
}

/* A clause an author wrote as a line of its own: a bold line "**C.3.3.2.3.1 总体要求**"
 * (number and title), a bold number before the clause's text "**4.2.3** 文字" (an
 * untitled clause), or a paragraph that starts with the number of a clause of the
 * chapter it stands in, "5.4.2.3 过程设计数据应……" (untitled), as printed standards
 * set them. chapter is the number the enclosing chapter has or will have (its
 * letter in an annex), so "2.5 倍" in chapter 5 stays text. Returns the levels of the
 * number with *num and *title (malloc'd; *title NULL for an untitled clause) and
 * *bold, or 0. */
static int line_clause(cmark_node *para, const char *chapter, char **num, char **title, int *bold)
{
    cmark_node *fc = cmark_node_first_child(para);
    if (!fc)
        return 0;
    int k = 0;
    if (cmark_node_get_type(fc) == CMARK_NODE_STRONG) {
        char *s = plain_text(fc);
        sk_str_trim(s);
        size_t nl = line_clause_number(s, &k);
        if (nl) {
            const char *rest = s + nl;
            size_t sp;
            while ((sp = sk_zh_space(rest)))
                rest += sp;
            *num = sk_strndup(s, nl);
            *title = *rest ? sk_strdup(rest) : NULL;
            *bold = 1;
        }
        free(s);
        return nl ? k : 0;
    }
    if (cmark_node_get_type(fc) != CMARK_NODE_TEXT || !chapter || !*chapter)
        return 0;
    const char *s = cmark_node_get_literal(fc);
    size_t nl = s ? line_clause_number(s, &k) : 0, cl = strlen(chapter);
    if (!nl || strncmp(s, chapter, cl) || s[cl] != '.')
        return 0;
    const char *rest = s + nl;
    size_t sp;
    while ((sp = sk_zh_space(rest)))
        rest += sp;
    uint32_t cp;
    if (!sk_utf8_decode(rest, strlen(rest), &cp) || !sk_utf8_is_cjk(cp))
        return 0; /* "5.2 mm …" */
    *num = sk_strndup(s, nl);
    *title = NULL;
    *bold = 0;
    return k;
}

/* The section of a clause written as a line (line_clause), under parent, with the
 * rest of the paragraph (after the number, or the bold number and title) as its
 * first paragraph. A note says it is read as a clause. */
static sk_node *clause_from_line(builder *B, cmark_node *c, sk_node *parent, char *num, char *title, int bold)
{
    sk_node *s = sk_node_new(SK_N_SECTION);
    s->line = file_line(B, c);
    s->col = 1;
    s->level = parent->level + 1;
    s->untitled = !title;
    s->title = title ? title : sk_strdup("");
    const sk_node *top = parent;
    while (top->parent && top->parent->type != SK_N_DOC)
        top = top->parent;
    s->sect = sk_display_sect_under(parent, title);
    s->num_written = num;
    s->num_line = s->line;
    s->num_byte_col = cmark_node_get_start_column(c) + (bold ? 2 : 0);
    sk_node_append(parent, s);
    sk_node *p = sk_node_new(SK_N_PARA);
    p->line = s->line;
    p->col = 1;
    convert_inlines(B, c, &p->in);
    /* drop the number (and the bold title): the leading bold runs, or the number's bytes */
    size_t drop = 0;
    if (bold) {
        while (drop < p->in.n && (p->in.v[drop].flags & SK_F_BOLD))
            drop++;
    } else if (p->in.n && p->in.v[0].type == SK_I_TEXT) {
        size_t nl = strlen(num);
        sk_inline *in = &p->in.v[0];
        memmove(in->text, in->text + nl, strlen(in->text + nl) + 1);
        in->byte_col += (int)nl;
    }
    for (size_t i = 0; i < drop; i++)
        sk_inline_clear(&p->in.v[i]);
    memmove(p->in.v, p->in.v + drop, (p->in.n - drop) * sizeof *p->in.v);
    p->in.n -= drop;
    if (p->in.n && p->in.v[0].type == SK_I_TEXT) {
        sk_inline *in = &p->in.v[0];
        size_t sp, off = 0;
        while ((sp = sk_zh_space(in->text + off)))
            off += sp;
        memmove(in->text, in->text + off, strlen(in->text + off) + 1);
        in->byte_col += (int)off;
        if (!*in->text && p->in.n == 1)
            sk_inline_list_free(&p->in);
    }
    if (p->in.n)
        sk_node_append(s, p);
    else
        sk_node_free(p);
    sk_diag *dg = sk_diag_emit(B->diags, SK_R_CLAUSE_LINE, B->file, s->line, 1, "%s %s is written as %s; it is read as a clause",
                               s->untitled ? "untitled clause" : "clause", num, bold ? "a bold line" : "a numbered paragraph");
    if (s->untitled)
        sk_diag_hint(dg, "\"§%s text\" marks an untitled clause", num);
    else
        sk_diag_hint(dg, "a heading (\"%.*s %s %s\") says the same", s->level > 6 ? 6 : s->level, "######", num, s->title);
    return s;
}

static int build(builder *B, cmark_node *md)
{
    sk_node *stack[8];
    int raw[8] = { 0 }; /* heading level as written: a skipped level is taken one deeper than its
                         * parent, but the next heading closes it by the level it was written at */
    int top = 0;
    stack[0] = B->doc->root;
    for (cmark_node *c = cmark_node_first_child(md); c; c = cmark_node_next(c)) {
        if (c == B->consumed)
            continue;
        if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && top > 0) {
            /* the number the enclosing chapter has or will have: as written, else its place */
            const sk_node *ch = stack[1];
            char chap[16] = "";
            if (ch->num_written) {
                size_t l = strnlen(ch->num_written, sizeof chap - 1);
                memcpy(chap, ch->num_written, l);
                chap[l] = '\0';
            }
            else if (ch->sect == SK_S_ANNEX)
                sk_number_annex_letter(B->annexes - 1, chap);
            else if (ch->sect >= SK_S_SCOPE && ch->sect <= SK_S_CHAPTER)
                sk_number_int(chap, sizeof chap, B->chapters);
            char *num = NULL, *title = NULL;
            int bold = 0, k = line_clause(c, chap, &num, &title, &bold);
            if (k) {
                if (raw[top] > 6)
                    top--; /* an untitled clause before this one ends here */
                while (top > 1 && stack[top]->level >= k)
                    top--;
                sk_node *s = clause_from_line(B, c, stack[top], num, title, bold);
                if (top < 7) {
                    stack[++top] = s;
                    raw[top] = s->untitled ? 7 : k;
                }
                continue;
            }
        }
        if (cmark_node_get_type(c) == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(c);
            while (top > 0 && raw[top] >= level)
                top--;
            sk_node *parent = stack[top];
            int eff = parent->type == SK_N_DOC ? 1 : parent->level + 1;
            if (level > eff) {
                int lvl = parent->type == SK_N_DOC ? 0 : parent->level;
                sk_diag_emit(B->diags, SK_R_HEADING_SKIP, B->file, file_line(B, c), 1,
                             "heading level %d follows level %d; it is taken as level %d", level, lvl, eff);
            }
            sk_node *s = section_from_heading(B, c, parent, eff);
            sk_node_append(parent, s);
            if (eff == 1 && s->sect == SK_S_ANNEX)
                B->annexes++;
            else if (eff == 1 && s->sect >= SK_S_SCOPE && s->sect <= SK_S_CHAPTER)
                B->chapters++;
            if (top < 7) {
                stack[++top] = s;
                raw[top] = level;
            }
            continue;
        }
        const char *num;
        size_t numlen, mark;
        if (cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && (mark = untitled_mark(c, &num, &numlen))) {
            if (top > 0 && raw[top] > 6)
                top--; /* the untitled clause before this one ends here */
            if (stack[top]->type == SK_N_DOC) {
                sk_diag *dg = sk_diag_emit(B->diags, SK_R_CLAUSE_TITLE, B->file, file_line(B, c), 1,
                                           "untitled clause (§) before the first heading");
                sk_diag_hint(dg, "an untitled clause belongs to the chapter or clause above it");
            } else {
                sk_node *s = untitled_clause(B, c, stack[top], mark, num, numlen);
                if (top < 7) {
                    stack[++top] = s;
                    raw[top] = 7; /* any heading closes it */
                }
                continue;
            }
        }
        convert_block(B, c, stack[top], 0);
    }
    return 0;
}

/* ---------- the table bound ---------- */

/* A line's text after the indentation and block-quote markers a table may sit under. */
static const char *table_text(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
        s++;
    return s;
}

/* Cells of a GFM delimiter row ("|---|:--:|"), or 0 when the line is not one. */
static size_t delimiter_cells(const char *s, const char *end)
{
    while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    if (s < end && *s == '|')
        s++;
    if (end > s && end[-1] == '|')
        end--;
    size_t cells = 0;
    for (const char *p = s;;) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        p += p < end && *p == ':';
        const char *dash = p;
        while (p < end && *p == '-')
            p++;
        if (p == dash)
            return 0;
        p += p < end && *p == ':';
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        cells++;
        if (p == end)
            return cells;
        if (*p++ != '|')
            return 0;
    }
}

/* cmark-gfm gives every row of a pipe table as many cells as its header, filling
 * the missing ones: a wide header over many short rows costs columns x rows cells
 * (a 16 KB file asked for 2 GB). Before anything is parsed, every table is sized
 * from its delimiter row and its row count, and the tables together may hold no
 * more cells than their text has bytes, plus one margin no real document needs: a
 * margin per table would let many small tables each take it (ten tables in 14 KB
 * made 650,000 cells, 190 MB). The table that goes over is refused at its line. */
#define TABLE_CELL_MARGIN 65536
static int check_tables(const sk_source *src, sk_err *err)
{
    double cells_all = 0, bytes_all = 0;
    for (size_t ln = src->body_line; ln + 1 <= src->nlines; ln++) {
        size_t len;
        const char *hdr = sk_source_line(src, (int)ln, &len);
        if (!memchr(hdr, '|', len))
            continue;
        size_t dlen;
        const char *dl = sk_source_line(src, (int)ln + 1, &dlen), *dend = dl + dlen;
        size_t cols = delimiter_cells(table_text(dl, dend), dend);
        if (cols < 2)
            continue;
        size_t rows = 0, bytes = len + dlen;
        size_t r = ln + 2;
        for (; r <= src->nlines; r++) {
            size_t rl;
            const char *row = sk_source_line(src, (int)r, &rl);
            const char *rt = table_text(row, row + rl);
            if (rt == row + rl)
                break; /* a blank line ends the table */
            rows++;
            bytes += rl;
        }
        double cells = (double)cols * (double)(rows + 1);
        cells_all += cells;
        bytes_all += (double)bytes;
        if (cells > (double)bytes + TABLE_CELL_MARGIN) {
            sk_err_at(err, src->path, (int)ln, 1,
                      "a table of %zu columns and %zu rows would hold %.0f cells (cmark-gfm fills every short row) "
                      "for %zu bytes of text: refused",
                      cols, rows + 1, cells, bytes);
            return -1;
        }
        if (cells_all > bytes_all + TABLE_CELL_MARGIN) {
            sk_err_at(err, src->path, (int)ln, 1,
                      "a table of %zu columns and %zu rows would bring the tables to %.0f cells (cmark-gfm fills "
                      "every short row) for %.0f bytes of table text: refused",
                      cols, rows + 1, cells_all, bytes_all);
            return -1;
        }
        ln = r - 1;
    }
    return 0;
}

/* cmark-gfm copies a link reference definition's destination and title into every
 * link that uses it ([r], [text][r]): one long definition used many times is an
 * amplification (a 1 MB file asked for 16 GB). Before the parse, every "]:" is
 * taken for a definition and sized (its destination, and a title after it, not
 * past a blank line); every ']' may be a use. When the largest definition times
 * the uses could copy more than SK_MARKDOWN_REF_COPY_MAX bytes plus 16 for each
 * byte of the text, the file is refused at that definition's line. */
static int check_refdefs(const sk_source *src, sk_err *err)
{
    const char *s = src->data + src->body_off, *end = src->data + src->len;
    size_t uses = 0, largest = 0, at = 0;
    for (const char *p = s; (p = memchr(p, ']', (size_t)(end - p))); p++) {
        uses++;
        if (p + 1 >= end || p[1] != ':')
            continue;
        const char *q = p + 2;
        int newlines = 0;
        while (q < end && (*q == ' ' || *q == '\t' || (*q == '\n' && !newlines++)))
            q++;
        const char *dest = q;
        if (q < end && *q == '<') {
            while (q < end && *q != '>' && *q != '\n')
                q++;
        } else {
            while (q < end && *q != ' ' && *q != '\t' && *q != '\n')
                q++;
        }
        const char *t = q;
        newlines = 0;
        while (t < end && (*t == ' ' || *t == '\t' || (*t == '\n' && !newlines++)))
            t++;
        if (t < end && (*t == '"' || *t == '\'' || *t == '(')) {
            char close = *t == '(' ? ')' : *t;
            for (t++; t < end && *t != close; t++)
                if (*t == '\n' && t + 1 < end && (t[1] == '\n' || (t[1] == ' ' && t + 2 < end && t[2] == '\n')))
                    break; /* a title does not cross a blank line */
            q = t;
        }
        if ((size_t)(q - dest) > largest) {
            largest = (size_t)(q - dest);
            at = (size_t)(p - src->data);
        }
    }
    double copies = (double)largest * (double)uses, limit = SK_MARKDOWN_REF_COPY_MAX + 16.0 * (double)(end - s);
    if (copies > limit) {
        int line;
        size_t bc;
        sk_source_pos(src, at, &line, &bc);
        sk_err_at(err, src->path, line, sk_source_col(src, line, bc),
                  "a link reference definition of %zu bytes with %zu possible uses would be copied into each "
                  "(%.0f MB; cmark-gfm copies it into every link): refused",
                  largest, uses, copies / 1e6);
        return -1;
    }
    return 0;
}

/* ---------- an arena for a tree read once ----------
 * sk_markdown_read parses, converts and drops each chunk's tree at once: its nodes come
 * from an arena released in one go instead of one free() per node (cmark-gfm's
 * allocation and freeing were a tenth of a large standard's time). cmark_mem's
 * functions take no context, so the arena in use is the thread's. */
typedef struct arena_blk {
    struct arena_blk *next;
    size_t used, cap;
    max_align_t data[];
} arena_blk;

static _Thread_local arena_blk *arena;

enum { ARENA_ALIGN = sizeof(max_align_t), ARENA_MIN = 1 << 20 };

static size_t arena_round(size_t n)
{
    return (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
}

/* each allocation is preceded by its size (in an aligned header), for realloc */
static void *arena_take(size_t n)
{
    if (n > ((size_t)-1 >> 1))
        abort();
    size_t need = ARENA_ALIGN + arena_round(n);
    if (!arena || arena->cap - arena->used < need) {
        size_t cap = need > ARENA_MIN ? need : ARENA_MIN;
        arena_blk *b = sk_malloc(sizeof *b + cap);
        b->next = arena;
        b->used = 0;
        b->cap = cap;
        arena = b;
    }
    char *at = (char *)arena->data + arena->used;
    arena->used += need;
    *(size_t *)at = n;
    return at + ARENA_ALIGN;
}

static void *arena_calloc(size_t n, size_t size)
{
    if (size && n > (size_t)-1 / size)
        abort();
    void *p = arena_take(n * size);
    memset(p, 0, n * size);
    return p;
}

static void *arena_realloc(void *old, size_t n)
{
    if (!old)
        return arena_take(n);
    size_t had = *(size_t *)((char *)old - ARENA_ALIGN);
    if (n <= had) {
        *(size_t *)((char *)old - ARENA_ALIGN) = n;
        return old;
    }
    /* the last allocation grows in place (cmark-gfm's buffers grow by doubling) */
    size_t had_r = arena_round(had), n_r = arena_round(n);
    if (n < ((size_t)-1 >> 1) && (char *)old + had_r == (char *)arena->data + arena->used &&
        arena->cap - arena->used >= n_r - had_r) {
        arena->used += n_r - had_r;
        *(size_t *)((char *)old - ARENA_ALIGN) = n;
        return old;
    }
    void *p = arena_take(n);
    memcpy(p, old, had);
    return p;
}

/* the rest is released with the arena; only the last allocation is given back */
static void arena_free(void *p)
{
    if (!p || !arena)
        return;
    size_t had = *(size_t *)((char *)p - ARENA_ALIGN);
    size_t had_r = arena_round(had);
    if ((char *)p + had_r == (char *)arena->data + arena->used)
        arena->used -= had_r + ARENA_ALIGN;
}

static cmark_mem arena_mem __attribute__((unused)) = { arena_calloc, arena_realloc, arena_free };

/* Under AddressSanitizer the tree keeps cmark-gfm's own allocator, so that
 * its memory is still checked node by node. */
#if SK_ASAN
#define ARENA_MEM NULL
#else
#define ARENA_MEM (&arena_mem)
#endif

static void arena_release(void)
{
    while (arena) {
        arena_blk *b = arena;
        arena = b->next;
        free(b);
    }
}

/* A parser with the extensions every read attaches; mem NULL: cmark-gfm's allocator. */
static cmark_parser *parser_new(cmark_mem *mem)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = mem ? cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem) : cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("strikethrough"));
    return p;
}

static cmark_node *parse(const char *text, size_t len)
{
    cmark_parser *p = parser_new(NULL);
    cmark_parser_feed(p, text, len);
    cmark_node *md = cmark_parser_finish(p);
    cmark_parser_free(p);
    return md;
}

/* ---------- the parse by chunk ---------- */

typedef struct chunk {
    char *text;       /* the chunk's bytes (NULL for a free slot) */
    size_t len;
    cmark_node *md;   /* its tree */
    int used;         /* taken by the read in progress */
} chunk;

struct sk_markdown_cache {
    chunk *v;
    size_t n, cap;
};

sk_markdown_cache *sk_markdown_cache_new(void)
{
    return sk_calloc(1, sizeof(sk_markdown_cache));
}

void sk_markdown_cache_free(sk_markdown_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].text);
        if (c->v[i].md)
            cmark_node_free(c->v[i].md);
    }
    free(c->v);
    free(c);
}

static int starts_ci(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(end - s) >= n && !strncasecmp(s, w, n);
}

static int has_ci(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    for (; (size_t)(end - s) >= n; s++)
        if (!strncasecmp(s, w, n))
            return 1;
    return 0;
}

/* Where the chunks of body[0..len) start: before each line "# …" (a chapter heading)
 * that no fenced code or HTML block (types 1–5) holds. 0 when the text is to be
 * parsed whole (it defines link references). */
static size_t chunk_starts(const char *body, size_t len, sk_vec *starts)
{
    char fence = 0;      /* ` or ~ of an open fence */
    size_t fence_n = 0;
    const char *html_end = NULL; /* the end condition of an open HTML block */
    const char *end = body + len;
    for (const char *l = body; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l)), *le = nl ? nl : end;
        const char *p = l;
        int ind = 0;
        while (p < le && *p == ' ' && ind < 4) {
            p++;
            ind++;
        }
        if (html_end) {
            if (has_ci(l, le, html_end))
                html_end = NULL;
        } else if (fence) {
            size_t k = 0;
            while (p + k < le && p[k] == fence)
                k++;
            const char *q = p + k;
            while (q < le && (*q == ' ' || *q == '\t'))
                q++;
            if (ind < 4 && k >= fence_n && q == le)
                fence = 0;
        } else if (ind < 4) {
            size_t k = 0;
            while (p + k < le && (p[k] == '`' || p[k] == '~') && p[k] == p[0])
                k++;
            if (k >= 3 && !(p[0] == '`' && memchr(p + k, '`', (size_t)(le - p - k)))) {
                fence = p[0];
                fence_n = k;
            } else if (p < le && *p == '<') {
                static const char *const t1[] = { "<script", "<pre", "<style", "<textarea" };
                static const char *const e1[] = { "</script>", "</pre>", "</style>", "</textarea>" };
                for (size_t i = 0; i < 4 && !html_end; i++)
                    if (starts_ci(p, le, t1[i]))
                        html_end = e1[i];
                if (!html_end && starts_ci(p, le, "<!--"))
                    html_end = "-->";
                else if (!html_end && starts_ci(p, le, "<![CDATA["))
                    html_end = "]]>";
                else if (!html_end && starts_ci(p, le, "<?"))
                    html_end = "?>";
                else if (!html_end && le - p > 2 && p[1] == '!' && ((p[2] | 0x20) >= 'a' && (p[2] | 0x20) <= 'z'))
                    html_end = ">";
                /* the end on the same line closes it at once */
                if (html_end && has_ci(p + 1, le, html_end))
                    html_end = NULL;
            } else if (p < le && *p == '[') {
                /* a link reference definition "[x]: …" reaches every chunk */
                const char *q = memchr(p, ']', (size_t)(le - p));
                if (q && q + 1 < le && q[1] == ':')
                    return 0;
            } else if (ind == 0 && l > body && *l == '#' && (l + 1 == le || l[1] == ' ' || l[1] == '\t')) {
                sk_vec_push(starts, (void *)l);
            }
        }
        l = nl ? nl + 1 : end;
    }
    return starts->len;
}

/* The cached tree of text, or a new parse of it (kept in the cache). */
static cmark_node *chunk_tree(sk_markdown_cache *c, const char *text, size_t len)
{
    for (size_t i = 0; i < c->n; i++) {
        chunk *k = &c->v[i];
        if (k->text && !k->used && k->len == len && !memcmp(k->text, text, len)) {
            k->used = 1;
            return k->md;
        }
    }
    cmark_node *md = parse(text, len);
    if (!md)
        return NULL;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 16;
        c->v = sk_realloc(c->v, c->cap * sizeof *c->v);
    }
    c->v[c->n++] = (chunk){ sk_strndup(text, len), len, md, 1 };
    return md;
}

/* The columns of the list and quote markers before the text of line [p, le): spaces,
 * tabs (to the next multiple of 4), '>', and list markers ("-", "+", "*", "1." or
 * "1)" followed by a space or tab); *cut gets the byte where SK_MARKDOWN_INDENT_MAX
 * columns are reached, *text the byte where the markers end. */
static size_t marker_cols(const char *p, const char *le, const char **cut, const char **text)
{
    size_t col = 0;
    const char *q = p;
    *cut = NULL;
    while (q < le) {
        const char *n = q;
        if (*q == ' ' || *q == '>') {
            col++;
            n = q + 1;
        } else if (*q == '\t') {
            col = (col / 4 + 1) * 4;
            n = q + 1;
        } else if ((*q == '-' || *q == '+' || *q == '*') && q + 1 < le && (q[1] == ' ' || q[1] == '\t')) {
            col++;
            n = q + 1;
        } else if (*q >= '0' && *q <= '9') {
            const char *d = q;
            while (d < le && d - q < 9 && *d >= '0' && *d <= '9')
                d++;
            if (!(d < le && (*d == '.' || *d == ')') && d + 1 < le && (d[1] == ' ' || d[1] == '\t')))
                break;
            col += (size_t)(d + 1 - q);
            n = d + 1;
        } else {
            break;
        }
        if (!*cut && col > SK_MARKDOWN_INDENT_MAX)
            *cut = q;
        q = n;
    }
    *text = q;
    return col;
}

/* cmark-gfm's time grows faster than the text with the depth of lists and quotes
 * (each line matches every open container, each new block is checked against all
 * its ancestors): 10,000 nested list items, 100 MB, took 20 s of CPU and more than
 * 60 s under load. Nesting needs markers or indentation before the text, so a line
 * whose markers take more than SK_MARKDOWN_INDENT_MAX columns is given to cmark-gfm
 * with only the first of them (the text after them kept): the nesting stays within
 * about that many levels, far past the MAX_BLOCK_DEPTH a standard can use, and the
 * parse is linear. The line numbers do not change. Returns the body to parse: the
 * source's own when no line is cut, else a copy (*owned, caller frees), and one
 * nesting-depth finding at the first line cut. */
static const char *bounded_body(const sk_source *src, sk_diags *diags, size_t *blen, char **owned)
{
    const char *body = src->data + src->body_off, *end = src->data + src->len;
    sk_buf b;
    size_t lines = 0, copied = 0;
    int first = 0;
    *owned = NULL;
    *blen = (size_t)(end - body);
    for (const char *l = body; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l)), *le = nl ? nl : end, *cut, *text;
        if (le - l > (ptrdiff_t)SK_MARKDOWN_INDENT_MAX && marker_cols(l, le, &cut, &text) > SK_MARKDOWN_INDENT_MAX) {
            if (!lines++) {
                sk_buf_init(&b);
                sk_buf_reserve(&b, (size_t)(end - body));
                size_t bc;
                sk_source_pos(src, (size_t)(l - src->data), &first, &bc);
            }
            sk_buf_put(&b, body + copied, (size_t)(cut - (body + copied)));
            copied = (size_t)(text - body);
        }
        l = nl ? nl + 1 : end;
    }
    if (!lines)
        return body;
    sk_buf_put(&b, body + copied, (size_t)(end - (body + copied)));
    sk_diag *dg = sk_diag_emit(diags, SK_R_NESTING, src->path, first, 1,
                               "%zu line%s indented more than %u columns by list and quote markers, read as "
                               "%u (deeper nesting is not kept)",
                               lines, lines == 1 ? "" : "s", SK_MARKDOWN_INDENT_MAX, SK_MARKDOWN_INDENT_MAX);
    sk_diag_hint(dg, "a standard nests lists at most a few levels; indent code with a fence, not with spaces");
    *blen = b.len;
    *owned = sk_buf_detach(&b);
    return *owned;
}

int sk_markdown_read_cached(sk_doc *doc, sk_markdown_cache *c, sk_diags *diags, sk_err *err)
{
    const sk_source *src = doc->src;
    if (check_tables(src, err) < 0 || check_refdefs(src, err) < 0)
        return -1;
    char *owned;
    size_t blen;
    const char *body = bounded_body(src, diags, &blen, &owned);
    sk_vec starts = { 0 };
    int rc = 0;
    sk_vec_push(&starts, (void *)body);
    if (!chunk_starts(body, blen, &starts)) {
        starts.len = 1; /* link references: whole */
    }
    for (size_t i = 0; i < c->n; i++)
        c->v[i].used = 0;
    int line = src->body_line, chapters = 0, annexes = 0;
    for (size_t i = 0; i < starts.len && rc == 0; i++) {
        const char *a = starts.items[i], *b = i + 1 < starts.len ? starts.items[i + 1] : body + blen;
        cmark_node *md = chunk_tree(c, a, (size_t)(b - a));
        if (!md) {
            sk_err_at(err, src->path, line, 0, "cannot be parsed as Markdown");
            rc = -1;
            break;
        }
        builder B = { .doc = doc, .diags = diags, .file = src->path, .line0 = line - 1, .chapters = chapters,
                      .annexes = annexes };
        build(&B, md);
        chapters = B.chapters;
        annexes = B.annexes;
        for (const char *p = a; (p = memchr(p, '\n', (size_t)(b - p))); p++)
            line++;
    }
    /* the chunks this text no longer has are dropped */
    size_t k = 0;
    for (size_t i = 0; i < c->n; i++) {
        if (c->v[i].used) {
            c->v[k++] = c->v[i];
        } else {
            free(c->v[i].text);
            cmark_node_free(c->v[i].md);
        }
    }
    c->n = k;
    sk_vec_free(&starts);
    free(owned);
    if (rc == 0)
        sk_habits_apply(doc); /* as the whole parse does: the habits span chunks */
    return rc;
}

int sk_markdown_read_whole(sk_doc *doc, sk_diags *diags, sk_err *err)
{
    const sk_source *src = doc->src;
    builder B = { .doc = doc, .diags = diags, .file = src->path, .line0 = src->body_line - 1 };
    if (check_tables(src, err) < 0 || check_refdefs(src, err) < 0)
        return -1;
    char *owned;
    size_t blen;
    const char *body = bounded_body(src, diags, &blen, &owned);
    cmark_node *md = parse(body, blen);
    free(owned);
    if (!md) {
        sk_err_at(err, src->path, 0, 0, "cannot be parsed as Markdown");
        return -1;
    }
    build(&B, md);
    cmark_node_free(md);
    sk_habits_apply(doc);
    return 0;
}

int sk_markdown_read(sk_doc *doc, sk_diags *diags, sk_err *err)
{
    const sk_source *src = doc->src;
    builder B = { .doc = doc, .diags = diags, .file = src->path, .line0 = src->body_line - 1 };
    if (check_tables(src, err) < 0 || check_refdefs(src, err) < 0)
        return -1;
    char *owned;
    size_t blen;
    const char *body = bounded_body(src, diags, &blen, &owned);
    /* by chunk, as the cached read (which gives the same model: test_mdcache), each
     * chunk's tree dropped once built: the tree of a large standard in one piece is
     * far larger than the caches, and is then read back from memory. Each chunk's
     * parser and tree come from the arena, released at once (under ASan: one
     * parser with cmark-gfm's allocator, each tree freed). */
    sk_vec starts = { 0 };
    int rc = 0, line = src->body_line;
    cmark_mem *mem = ARENA_MEM;
    sk_vec_push(&starts, (void *)body);
    if (!chunk_starts(body, blen, &starts))
        starts.len = 1; /* link references: whole */
    cmark_parser *p = NULL;
    for (size_t i = 0; i < starts.len; i++) {
        const char *a = starts.items[i], *b = i + 1 < starts.len ? starts.items[i + 1] : body + blen;
        if (!p)
            p = parser_new(mem);
        cmark_parser_feed(p, a, (size_t)(b - a));
        cmark_node *md = cmark_parser_finish(p); /* and the parser is ready for the next */
        if (!md) {
            sk_err_at(err, src->path, 0, 0, "cannot be parsed as Markdown");
            rc = -1;
            break;
        }
        B.line0 = line - 1;
        B.consumed = NULL;
        build(&B, md); /* cmark_iter_new allocates from the arena too */
        if (mem) {
            arena_release(); /* the parser and the tree, without a free per node */
            p = NULL;
        } else {
            cmark_node_free(md);
        }
        for (const char *q = a; (q = memchr(q, '\n', (size_t)(b - q))); q++)
            line++;
    }
    if (mem)
        arena_release();
    else if (p)
        cmark_parser_free(p);
    sk_vec_free(&starts);
    free(owned);
    if (rc < 0)
        return -1;
    sk_habits_apply(doc);
    return 0;
}
