#include "write/markdown.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/yaml.h"

#define U3000 "\xE3\x80\x80"

/* ---------- front matter ---------- */

static void front_matter(sk_buf *b, const sk_meta *m)
{
    sk_buf_puts(b, "---\n");
    for (int k = 0; k < SK_META_NKEYS; k++) {
        const char *name = sk_meta_key_name((sk_meta_key)k);
        if (k == SK_META_AMENDMENTS) {
            if (!m->namend)
                continue;
            sk_buf_printf(b, "%s:\n", name);
            for (size_t i = 0; i < m->namend; i++) {
                sk_buf_printf(b, "  - number: %s\n    date: %s\n", m->amend[i].number, m->amend[i].date);
                if (m->amend[i].summary) {
                    sk_buf_puts(b, "    summary: ");
                    sk_yaml_scalar(b, m->amend[i].summary);
                    sk_buf_putc(b, '\n');
                }
            }
            continue;
        }
        const sk_strlist *l = &m->list[k];
        if (l->n) {
            if (l->n == 1 && k == SK_META_REPLACES) {
                sk_buf_printf(b, "%s: ", name);
                sk_yaml_scalar(b, l->v[0]);
                sk_buf_putc(b, '\n');
                continue;
            }
            sk_buf_printf(b, "%s:\n", name);
            for (size_t i = 0; i < l->n; i++) {
                sk_buf_puts(b, "  - ");
                sk_yaml_scalar(b, l->v[i]);
                sk_buf_putc(b, '\n');
            }
            continue;
        }
        const char *v = m->str[k];
        if (!v)
            continue;
        sk_buf_printf(b, "%s: ", name);
        if (k == SK_META_ISSUED || k == SK_META_EFFECTIVE || k == SK_META_COMPLETED || k == SK_META_PART)
            sk_buf_puts(b, v);
        else
            sk_yaml_scalar(b, v);
        sk_buf_putc(b, '\n');
    }
    sk_buf_puts(b, "---\n");
}

/* ---------- text ---------- */

/* ctx: where the text stands, for what must be escaped. */
enum { IN_PARA = 0, IN_CELL = 1, IN_HTML = 2, IN_HEADING = 3 };

static void text(sk_buf *b, const char *s, int where)
{
    for (const char *p = s; *p; p++) {
        char c = *p;
        if (where == IN_HTML) {
            if (c == '<')
                sk_buf_puts(b, "&lt;");
            else if (c == '>')
                sk_buf_puts(b, "&gt;");
            else if (c == '&')
                sk_buf_puts(b, "&amp;");
            else if (c == '\n')
                sk_buf_puts(b, "<br>");
            else if (c == '$' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']')
                sk_buf_printf(b, "&#%d;", c);
            else
                sk_buf_putc(b, c);
            continue;
        }
        if (c == '\n') {
            sk_buf_puts(b, where == IN_CELL ? "<br>" : "\\\n");
            continue;
        }
        if (strchr("\\`*_[]<>$~|{}", c) || (c == '!' && p[1] == '['))
            sk_buf_putc(b, '\\');
        sk_buf_putc(b, c);
    }
}

/* What starts a paragraph that Markdown would read as a block: escaped. */
static void line_start_guard(sk_buf *b, size_t start)
{
    if (!b->data || b->len <= start)
        return; /* nothing written (an empty buffer has no data at all) */
    const char *s = b->data + start;
    size_t n = b->len - start;
    int esc = 0;
    if (strchr("#+-=>", s[0]) && (n == 1 || s[1] == ' ' || s[1] == '\t' || s[0] == '#' || s[0] == '=' ||
                                  (s[0] == '-' && s[1] == '-')))
        esc = 1;
    size_t i = 0;
    while (i < n && isdigit((unsigned char)s[i]) && i < 9)
        i++;
    if (i && i < n && (s[i] == '.' || s[i] == ')') && (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t')) {
        /* "1. " or "1) ": escape the dot */
        sk_buf tmp;
        sk_buf_init(&tmp);
        sk_buf_put(&tmp, s, i);
        sk_buf_putc(&tmp, '\\');
        sk_buf_puts(&tmp, s + i);
        b->len = start;
        b->data[start] = '\0';
        sk_buf_puts(b, tmp.data);
        sk_buf_free(&tmp);
        return;
    }
    if (!strncmp(s, "\xC2\xA7", 2)) { /* § would open an untitled clause */
        sk_buf tmp;
        sk_buf_init(&tmp);
        sk_buf_puts(&tmp, "&#167;");
        sk_buf_puts(&tmp, s + 2);
        b->len = start;
        b->data[start] = '\0';
        sk_buf_puts(b, tmp.data);
        sk_buf_free(&tmp);
        return;
    }
    if (esc) {
        sk_buf tmp;
        sk_buf_init(&tmp);
        sk_buf_putc(&tmp, '\\');
        sk_buf_puts(&tmp, s);
        b->len = start;
        b->data[start] = '\0';
        sk_buf_puts(b, tmp.data);
        sk_buf_free(&tmp);
    }
}

static void marks(sk_buf *b, unsigned flags, int open)
{
    if (open) {
        if (flags & SK_F_CODE)
            return;
        if (flags & SK_F_BOLD)
            sk_buf_puts(b, "**");
        if (flags & SK_F_ITALIC)
            sk_buf_puts(b, "*");
        if (flags & SK_F_STRIKE)
            sk_buf_puts(b, "~~");
        if (flags & SK_F_SUP)
            sk_buf_puts(b, "<sup>");
        if (flags & SK_F_SUB)
            sk_buf_puts(b, "<sub>");
        if (flags & SK_F_UNDERLINE)
            sk_buf_puts(b, "<u>");
    } else {
        if (flags & SK_F_CODE)
            return;
        if (flags & SK_F_UNDERLINE)
            sk_buf_puts(b, "</u>");
        if (flags & SK_F_SUB)
            sk_buf_puts(b, "</sub>");
        if (flags & SK_F_SUP)
            sk_buf_puts(b, "</sup>");
        if (flags & SK_F_STRIKE)
            sk_buf_puts(b, "~~");
        if (flags & SK_F_ITALIC)
            sk_buf_puts(b, "*");
        if (flags & SK_F_BOLD)
            sk_buf_puts(b, "**");
    }
}

static void code_span(sk_buf *b, const char *s)
{
    int ticks = strstr(s, "`") ? 2 : 1;
    for (int i = 0; i < ticks; i++)
        sk_buf_putc(b, '`');
    if (ticks > 1)
        sk_buf_putc(b, ' ');
    sk_buf_puts(b, s);
    if (ticks > 1)
        sk_buf_putc(b, ' ');
    for (int i = 0; i < ticks; i++)
        sk_buf_putc(b, '`');
}

static void inlines(sk_buf *b, const sk_inlines *l, int where)
{
    for (size_t i = 0; i < l->n; i++) {
        const sk_inline *in = &l->v[i];
        const char *t = in->text ? in->text : "";
        switch (in->type) {
        case SK_I_TEXT:
        case SK_I_STDREF:
            if (in->flags & SK_F_CODE && where != IN_HTML) {
                code_span(b, t);
                break;
            }
            if (where == IN_HTML) {
                text(b, t, where);
                break;
            }
            {
                /* emphasis marks hug the text: spaces stay outside */
                const char *s = t, *e = t + strlen(t);
                while (*s == ' ')
                    s++;
                while (e > s && e[-1] == ' ')
                    e--;
                char *mid = sk_strndup(s, (size_t)(e - s));
                if (in->flags && !*mid) {
                    text(b, t, where);
                } else {
                    for (const char *p = t; p < s; p++)
                        sk_buf_putc(b, ' ');
                    marks(b, in->flags, 1);
                    text(b, mid, where);
                    marks(b, in->flags, 0);
                    for (const char *p = e; *p; p++)
                        sk_buf_putc(b, ' ');
                }
                free(mid);
            }
            break;
        case SK_I_SOFTBREAK:
            sk_buf_puts(b, where == IN_PARA ? "\n" : " ");
            break;
        case SK_I_LINEBREAK:
            sk_buf_puts(b, where == IN_PARA ? "\\\n" : "<br>");
            break;
        case SK_I_REF:
            if (in->ref_kind == SK_REF_ANCHOR && in->target && where != IN_HTML) {
                sk_buf_putc(b, '[');
                text(b, t, where);
                sk_buf_printf(b, "](#%s)", in->target);
            } else {
                text(b, t, where);
            }
            break;
        case SK_I_LINK:
            if (where == IN_HTML) {
                text(b, t, where);
                break;
            }
            marks(b, in->flags, 1);
            sk_buf_putc(b, '[');
            text(b, t, where);
            sk_buf_puts(b, "](<");
            sk_buf_puts(b, in->target ? in->target : "");
            sk_buf_puts(b, ">)");
            marks(b, in->flags, 0);
            break;
        case SK_I_FIELD:
            sk_buf_printf(b, "{{%s%s%s}}", t, in->target ? (where == IN_CELL ? "\\|" : "|") : "",
                          in->target ? in->target : "");
            break;
        case SK_I_INDEX:
            sk_buf_putc(b, '[');
            text(b, t, where);
            sk_buf_printf(b, "](index:%s)", in->target && strcmp(in->target, t) ? in->target : "");
            break;
        case SK_I_MATH: {
            char *tex = sk_strdup(t);
            sk_str_trim(tex);
            if (where == IN_HTML) {
                text(b, tex, where);
            } else if (*tex) {
                sk_buf_putc(b, '$');
                for (const char *p = tex; *p; p++) {
                    if (*p == '|' && where == IN_CELL)
                        sk_buf_putc(b, '\\');
                    sk_buf_putc(b, *p == '\n' ? ' ' : *p);
                }
                sk_buf_putc(b, '$');
            }
            free(tex);
            break;
        }
        }
    }
}

static void para_line(sk_buf *b, const char *prefix, const sk_inlines *l)
{
    size_t start = b->len;
    if (prefix)
        sk_buf_puts(b, prefix);
    inlines(b, l, IN_PARA);
    if (!prefix)
        line_start_guard(b, start);
    sk_buf_putc(b, '\n');
}

/* ---------- blocks ---------- */

static void blocks(sk_buf *b, const sk_node *first, int indent);

static void pad(sk_buf *b, int indent)
{
    for (int i = 0; i < indent; i++)
        sk_buf_putc(b, ' ');
}

/* Writes the lines of a block written into tmp, each indented (a list item's content). */
static void indented(sk_buf *b, const char *s, int indent, const char *first_prefix)
{
    int first = 1;
    while (*s) {
        const char *e = strchr(s, '\n');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        if (first && first_prefix)
            sk_buf_puts(b, first_prefix);
        else if (n)
            pad(b, indent);
        sk_buf_put(b, s, n);
        sk_buf_putc(b, '\n');
        first = 0;
        s += n + (e ? 1 : 0);
    }
}

static void attrs(sk_buf *b, const sk_node *n)
{
    if (n->id || n->form) {
        sk_buf_puts(b, " {");
        if (n->id)
            sk_buf_printf(b, "#%s", n->id);
        if (n->form)
            sk_buf_printf(b, "%sform=%s", n->id ? " " : "", n->form);
        sk_buf_putc(b, '}');
    }
}

static void list(sk_buf *b, const sk_node *l)
{
    int k = 1;
    for (const sk_node *it = l->first; it; it = it->next, k++) {
        char marker[16];
        if (l->ordered)
            snprintf(marker, sizeof marker, "%d. ", k);
        else
            snprintf(marker, sizeof marker, "- ");
        int indent = (int)strlen(marker);
        sk_buf tmp;
        sk_buf_init(&tmp);
        blocks(&tmp, it->first, 0);
        /* blocks separate with blank lines; an item's first paragraph stays tight */
        indented(b, tmp.data ? tmp.data : "\n", indent, marker);
        sk_buf_free(&tmp);
    }
}

static int simple_table(const sk_table *t)
{
    if (t->nheader > 1)
        return 0;
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const sk_cell *k = &t->rows[r].cells[c];
            if (k->covered || k->colspan > 1 || k->rowspan > 1)
                return 0;
        }
    return t->nrows > 0 && t->ncols > 0;
}

static void table(sk_buf *b, const sk_node *n)
{
    const sk_table *t = n->table;
    if (n->caption || n->num_written) {
        sk_buf_printf(b, "表%s：", n->num_written ? n->num_written : "");
        text(b, n->caption ? n->caption : "", IN_PARA);
        attrs(b, n);
        sk_buf_puts(b, "\n\n");
    }
    if (n->unit) /* between the caption and the table (GB/T 1.1—2020 9.8) */
        sk_buf_printf(b, "%s\n\n", n->unit);
    if (simple_table(t)) {
        for (size_t r = 0; r < t->nrows; r++) {
            sk_buf_putc(b, '|');
            for (int c = 0; c < t->ncols; c++) {
                sk_buf_putc(b, ' ');
                inlines(b, &t->rows[r].cells[c].in, IN_CELL);
                sk_buf_puts(b, " |");
            }
            sk_buf_putc(b, '\n');
            if (r == 0) {
                sk_buf_putc(b, '|');
                for (int c = 0; c < t->ncols; c++) {
                    int a = t->rows[0].cells[c].align;
                    sk_buf_puts(b, a == 1 ? ":---|" : a == 2 ? ":---:|" : a == 3 ? "---:|" : "---|");
                }
                sk_buf_putc(b, '\n');
            }
        }
    } else {
        sk_buf_puts(b, "<table>\n");
        for (size_t r = 0; r < t->nrows; r++) {
            const sk_row *row = &t->rows[r];
            sk_buf_puts(b, "<tr>");
            for (int c = 0; c < t->ncols; c++) {
                const sk_cell *k = &row->cells[c];
                if (k->covered)
                    continue;
                const char *tag = row->header ? "th" : "td";
                sk_buf_printf(b, "<%s", tag);
                if (k->colspan > 1)
                    sk_buf_printf(b, " colspan=\"%d\"", k->colspan);
                if (k->rowspan > 1)
                    sk_buf_printf(b, " rowspan=\"%d\"", k->rowspan);
                sk_buf_putc(b, '>');
                inlines(b, &k->in, IN_HTML);
                sk_buf_printf(b, "</%s>", tag);
            }
            sk_buf_puts(b, "</tr>\n");
        }
        sk_buf_puts(b, "</table>\n");
    }
    for (const sk_node *k = n->first; k; k = k->next) {
        sk_buf_putc(b, '\n');
        blocks(b, k, -1);
    }
}

static void formula(sk_buf *b, const sk_node *n)
{
    char *tex = sk_strdup(n->src ? n->src : "");
    for (char *p = tex; *p; p++)
        if (*p == '\n')
            *p = ' ';
    sk_str_trim(tex);
    int fenced = tex[0] == '-' || tex[0] == '+' || tex[0] == '>' || strstr(tex, "$$");
    if (fenced) {
        sk_buf_puts(b, "```math");
        if (n->num_written)
            sk_buf_printf(b, " (%s)", n->num_written);
        attrs(b, n);
        sk_buf_printf(b, "\n%s\n```\n", tex);
    } else {
        sk_buf_printf(b, "$$ %s $$", tex);
        if (n->num_written)
            sk_buf_printf(b, " (%s)", n->num_written);
        attrs(b, n);
        sk_buf_putc(b, '\n');
    }
    free(tex);
}

static void where(sk_buf *b, const sk_node *n)
{
    sk_buf_puts(b, "式中：\n\n");
    for (const sk_node *k = n->first; k; k = k->next) {
        sk_buf_puts(b, "- ");
        if (k->src)
            sk_buf_printf(b, "$%s$——", k->src);
        inlines(b, &k->in, IN_PARA);
        sk_buf_putc(b, '\n');
    }
}

static void heading(sk_buf *b, const sk_node *n)
{
    int level = n->level < 1 ? 1 : n->level > 6 ? 6 : n->level;
    for (int i = 0; i < level; i++)
        sk_buf_putc(b, '#');
    sk_buf_putc(b, ' ');
    if (n->sect == SK_S_ANNEX) {
        sk_buf_printf(b, "附录%s%s", n->num_written ? n->num_written : "",
                      n->annex_type == SK_ANNEX_NORMATIVE ? "（规范性）"
                      : n->annex_type == SK_ANNEX_INFORMATIVE ? "（资料性）" : "");
        text(b, n->title ? n->title : "", IN_HEADING);
    } else {
        if (n->num_written)
            sk_buf_printf(b, "%s ", n->num_written);
        text(b, n->title ? n->title : "", IN_HEADING);
    }
    attrs(b, n);
    sk_buf_putc(b, '\n');
}

static void section(sk_buf *b, const sk_node *n)
{
    const sk_node *body = n->first;
    if (n->untitled && n->sect != SK_S_ANNEX && body && body->type == SK_N_PARA) {
        char prefix[48];
        snprintf(prefix, sizeof prefix, "\xC2\xA7%s ", n->num_written ? n->num_written : "");
        para_line(b, prefix, &body->in);
        body = body->next;
    } else {
        heading(b, n);
    }
    for (const sk_node *k = body; k; k = k->next) {
        sk_buf_putc(b, '\n');
        blocks(b, k, -1);
    }
}

/* The Markdown in tmp, each line behind "> ". */
static void quoted(sk_buf *b, const sk_buf *tmp)
{
    for (const char *s = tmp->data ? tmp->data : ""; *s;) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        sk_buf_puts(b, len ? "> " : ">");
        sk_buf_put(b, s, len);
        sk_buf_putc(b, '\n');
        s += len + (e ? 1 : 0);
    }
}

static void picture(sk_buf *b, const char *label, const char *caption, const char *src, const char *id)
{
    sk_buf_puts(b, "![");
    if (label)
        sk_buf_printf(b, "%s) ", label);
    text(b, caption ? caption : "", IN_PARA);
    sk_buf_printf(b, "](%s)", src ? src : "");
    if (id)
        sk_buf_printf(b, "{#%s}", id);
    sk_buf_putc(b, '\n');
}

/* A figure with its parts, as docs/format.md writes them: the unit statement, the
 * picture (or the pictures a), b) … and the caption line after them), then its key,
 * notes and footnotes. */
static void figure(sk_buf *b, const sk_node *n)
{
    if (n->unit)
        sk_buf_printf(b, "%s\n\n", n->unit);
    if (n->src) {
        picture(b, NULL, n->caption, n->src, n->id);
    } else {
        int first = 1;
        for (const sk_node *k = n->first; k; k = k->next) {
            if (k->type != SK_N_SUBFIGURE)
                continue;
            if (!first)
                sk_buf_putc(b, '\n');
            first = 0;
            picture(b, k->num_written ? k->num_written : k->num, k->caption, k->src, NULL);
        }
        if (n->caption || n->id) {
            sk_buf_puts(b, "\n图：");
            text(b, n->caption ? n->caption : "", IN_PARA);
            attrs(b, n);
            sk_buf_putc(b, '\n');
        }
    }
    for (const sk_node *k = n->first; k; k = k->next) {
        if (k->type == SK_N_SUBFIGURE)
            continue;
        sk_buf_putc(b, '\n');
        blocks(b, k, -1);
    }
}

/* Writes first and its siblings (indent -1: first alone), blank lines between. */
static void blocks(sk_buf *b, const sk_node *first, int indent)
{
    for (const sk_node *n = first; n; n = indent < 0 ? NULL : n->next) {
        if (indent >= 0 && n != first)
            sk_buf_putc(b, '\n');
        switch (n->type) {
        case SK_N_SECTION:
            section(b, n);
            break;
        case SK_N_PARA:
            para_line(b, NULL, &n->in);
            break;
        case SK_N_NOTE:
        case SK_N_EXAMPLE: {
            if (n->type == SK_N_EXAMPLE && n->first) {
                /* an example of several paragraphs: a block quote opening with 示例： */
                sk_node one = *n;
                sk_buf tmp;
                sk_buf_init(&tmp);
                one.first = one.last = NULL;
                one.next = NULL;
                blocks(&tmp, &one, -1);
                for (const sk_node *k = n->first; k; k = k->next) {
                    sk_buf_putc(&tmp, '\n');
                    blocks(&tmp, k, -1);
                }
                quoted(b, &tmp);
                sk_buf_free(&tmp);
                break;
            }
            char prefix[32];
            const char *w = n->type == SK_N_NOTE ? "注" : "示例";
            if (n->label_num)
                snprintf(prefix, sizeof prefix, "%s%d：", w, n->label_num);
            else
                snprintf(prefix, sizeof prefix, "%s：", w);
            para_line(b, prefix, &n->in);
            for (const sk_node *k = n->first; k; k = k->next) {
                sk_buf_putc(b, '\n');
                blocks(b, k, -1);
            }
            break;
        }
        case SK_N_LIST:
            list(b, n);
            break;
        case SK_N_ITEM:
            blocks(b, n->first, 0);
            break;
        case SK_N_TABLE:
            table(b, n);
            break;
        case SK_N_FIGURE:
            figure(b, n);
            break;
        case SK_N_SUBFIGURE: /* under its figure (figure); alone, a picture */
            picture(b, n->num_written ? n->num_written : n->num, n->caption, n->src, NULL);
            break;
        case SK_N_FOOTNOTE: {
            char prefix[48];
            snprintf(prefix, sizeof prefix, "<sup>%s</sup> ", n->num);
            para_line(b, prefix, &n->in);
            break;
        }
        case SK_N_KEY: /* the lead, then an entry a line of the same paragraph */
            text(b, n->title ? n->title : "标引序号说明：", IN_PARA);
            for (const sk_node *k = n->first; k; k = k->next) {
                sk_buf_putc(b, '\n');
                if (k->src)
                    sk_buf_printf(b, "%s——", k->src);
                inlines(b, &k->in, IN_PARA);
            }
            sk_buf_putc(b, '\n');
            break;
        case SK_N_CODE:
            sk_buf_printf(b, "```\n%s%s```\n", n->src ? n->src : "",
                          n->src && *n->src && !sk_str_ends_with(n->src, "\n") ? "\n" : "");
            break;
        case SK_N_QUOTE: {
            sk_buf tmp;
            sk_buf_init(&tmp);
            blocks(&tmp, n->first, 0);
            quoted(b, &tmp);
            sk_buf_free(&tmp);
            break;
        }
        case SK_N_CUT:
            sk_buf_puts(b, "***\n");
            break;
        case SK_N_FORMULA:
            formula(b, n);
            break;
        case SK_N_WHERE:
            where(b, n);
            break;
        case SK_N_WHERE_ITEM:
        case SK_N_DOC:
            break;
        }
    }
}

void sk_markdown_write(sk_buf *b, const sk_doc *doc)
{
    front_matter(b, doc->meta);
    for (const sk_node *n = doc->root->first; n; n = n->next) {
        sk_buf_putc(b, '\n');
        blocks(b, n, -1);
    }
}
