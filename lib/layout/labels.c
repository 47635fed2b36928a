#include "layout/labels.h"

#include "layout/paging.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "model/display.h"

#define U3000 "\xE3\x80\x80"

const char *sk_labels_title(sk_sect s)
{
    switch (s) {
    case SK_S_FOREWORD: return "前" U3000 U3000 "言";
    case SK_S_INTRO: return "引" U3000 U3000 "言";
    case SK_S_BIBLIO: return "参考文献";
    case SK_S_INDEX: return "索" U3000 U3000 "引";
    default: return "";
    }
}

/* ---------- labels ---------- */

/* The n strings of part one after the other, in a new string: the labels are built
 * for every note, caption and item, and sk_asprintf formats each twice. */
static char *join(const char *const *part, size_t n)
{
    size_t len[4], all = 0;
    for (size_t i = 0; i < n; i++)
        all += len[i] = strlen(part[i]);
    char *s = sk_malloc(all + 1), *o = s;
    for (size_t i = 0; i < n; i++) {
        memcpy(o, part[i], len[i]);
        o += len[i];
    }
    *o = '\0';
    return s;
}

static int list_index(const sk_node *item)
{
    int k = 0;
    for (const sk_node *p = item->parent ? item->parent->first : item; p && p != item; p = p->next)
        k += p->type == SK_N_ITEM;
    return k;
}

static const sk_node *section_of(const sk_node *n)
{
    while (n && n->type != SK_N_SECTION)
        n = n->parent;
    return n;
}

int sk_labels_list_plain(const sk_node *list)
{
    const sk_node *s = section_of(list);
    return s && (s->sect == SK_S_NORMREF || s->sect == SK_S_SYMBOLS) && list->level == 1;
}

/* before, k (at least 0) in decimal and after, into buf */
static const char *put_num(char buf[SK_LABELS_MARKER_SIZE], char before, int k, char after)
{
    char *o = buf;
    if (before)
        *o++ = before;
    o += sk_str_udec(o, (unsigned long long)k);
    *o++ = after;
    *o = '\0';
    return buf;
}

const char *sk_labels_item_marker_in(const sk_node *item, char buf[SK_LABELS_MARKER_SIZE])
{
    const sk_node *list = item->parent;
    if (!list)
        return "";
    if (sk_labels_list_plain(list))
        return "";
    const sk_node *s = section_of(list);
    if (s && s->sect == SK_S_BIBLIO && list->level == 1) {
        if (!item->num[0])
            return put_num(buf, '[', list_index(item) + 1, ']');
        size_t n = strnlen(item->num, sizeof item->num);
        buf[0] = '[';
        memcpy(buf + 1, item->num, n);
        memcpy(buf + 1 + n, "]", 2);
        return buf;
    }
    if (!list->ordered)
        return list->level <= 1 ? "——" : "·";
    int k = list_index(item);
    if (list->level <= 1) {
        /* a) … z), then aa) … az), ba) … */
        char *o = buf;
        if (k >= 26)
            *o++ = (char)('a' + (k / 26 - 1) % 26);
        *o++ = (char)('a' + k % 26);
        *o++ = ')';
        *o = '\0';
        return buf;
    }
    return put_num(buf, 0, k + 1, ')');
}

char *sk_labels_item_marker(const sk_node *item)
{
    char buf[SK_LABELS_MARKER_SIZE];
    return sk_strdup(sk_labels_item_marker_in(item, buf));
}

char *sk_labels_note(const sk_node *n)
{
    const char *w = n->type == SK_N_EXAMPLE ? "示例" : "注";
    const char *title = n->type == SK_N_EXAMPLE && n->title ? n->title : ""; /* 示例2（说明）： */
    if (n->label_assigned > 0) {
        char d[21];
        sk_str_udec(d, (unsigned long long)n->label_assigned);
        return join((const char *const[]){ w, d, title, "：" }, 4);
    }
    if (n->label_assigned)
        return sk_asprintf("%s%d%s：", w, n->label_assigned, title);
    return join((const char *const[]){ w, title, "：" }, 3);
}

char *sk_labels_caption(const sk_node *n)
{
    char *label = sk_display_label(n);
    if (!n->caption || !*n->caption)
        return label;
    char *s = join((const char *const[]){ label, U3000, n->caption }, 3);
    free(label);
    return s;
}

char *sk_labels_caption_continued(const sk_node *n)
{
    char *label = sk_display_label(n);
    char *s = sk_asprintf("%s" SK_TABLE_CONTINUED, label);
    free(label);
    return s;
}

char *sk_labels_subfigure(const sk_node *sub)
{
    const char *letter = sub->num[0] ? sub->num : sub->num_written ? sub->num_written : "";
    if (!sub->caption || !*sub->caption)
        return sk_asprintf("%s)", letter);
    return sk_asprintf("%s)" U3000 "%s", letter, sub->caption);
}

char *sk_labels_formula_number(const sk_node *formula)
{
    return formula->num[0] ? sk_asprintf("\xEF\xBC\x88%s\xEF\xBC\x89", formula->num) : NULL;
}

void sk_labels_annex_lines(const sk_node *annex, const char *lines[3], char label[48])
{
    snprintf(label, 48, "附录%s", annex->num);
    lines[0] = label;
    lines[1] = annex->annex_type == SK_ANNEX_NORMATIVE     ? "（规范性）"
               : annex->annex_type == SK_ANNEX_INFORMATIVE ? "（资料性）"
                                                           : NULL;
    lines[2] = annex->title ? annex->title : "";
}

char *sk_labels_toc_text(const sk_node *n)
{
    switch (n->sect) {
    case SK_S_FOREWORD: return sk_strdup("前言");
    case SK_S_INTRO: return sk_strdup("引言");
    case SK_S_BIBLIO: return sk_strdup("参考文献");
    case SK_S_INDEX: return sk_strdup("索引");
    case SK_S_ANNEX: {
        const char *l[3];
        char label[48];
        sk_labels_annex_lines(n, l, label);
        return sk_asprintf("%s%s" U3000 "%s", l[0], l[1] ? l[1] : "", l[2]);
    }
    default: return sk_display_heading(n); /* the layout prints it as the heading too */
    }
}

const sk_node *sk_labels_term_en(const sk_node *term)
{
    const sk_node *p = term->first;
    if (term->sect != SK_S_TERM || !p || p->type != SK_N_PARA || p->term_part != SK_TP_EN)
        return NULL;
    return p;
}

/* ---------- header, file name ---------- */

const char *sk_labels_header(const sk_doc *doc)
{
    const char *n = sk_meta_get(doc->meta, NUMBER);
    return n ? n : "";
}

static int is_punct(uint32_t cp)
{
    if (cp < 0x80)
        return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return (cp >= 0x80 && cp <= 0xBF) || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
           (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFFF0);
}

#define SLUG_MAX_BYTES 120

/* Characters a file name takes badly: separators, path and shell metacharacters. */
static int name_sep(uint32_t cp)
{
    return cp == '/' || cp == ' ' || cp == '\t' || cp == 0x2014 || cp == 0x2013 || cp == 0x3000 || cp == '\\' ||
           cp == ':' || cp == '*' || cp == '?' || cp == '"' || cp == '<' || cp == '>' || cp == '|' || cp < 0x20;
}

/* Appends s to b: the number (slug = 0) with separators as one '-', or the slug
 * (slug = 1) without punctuation and white space, at most SLUG_MAX_BYTES. */
static void put_name_part(sk_buf *b, const char *s, int slug)
{
    size_t len = strlen(s), start = b->len;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, len - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        if (!slug && name_sep(cp)) {
            if (b->len && b->data[b->len - 1] != '-')
                sk_buf_putc(b, '-');
        } else if (!slug || (!is_punct(cp) && cp > 0x20)) {
            if (slug && b->len - start + (size_t)k > SLUG_MAX_BYTES)
                break;
            sk_buf_put(b, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
    while (!slug && b->len && b->data[b->len - 1] == '-')
        b->data[--b->len] = '\0';
}

char *sk_labels_output_name(const sk_doc *doc, const char *ext)
{
    sk_buf b;
    sk_buf_init(&b);
    const char *num = sk_meta_get(doc->meta, NUMBER), *title = sk_meta_get(doc->meta, TITLE);
    if (num && *num) {
        put_name_part(&b, num, 0);
        if (b.len && title) {
            size_t before = b.len;
            sk_buf_putc(&b, '-');
            put_name_part(&b, title, 1);
            if (b.len == before + 1)
                b.data[--b.len] = '\0'; /* no slug */
        }
    }
    if (!b.len || b.data[0] == '.' || b.data[0] == '-') {
        sk_buf_clear(&b);
        const char *p = doc->src->path, *slash = strrchr(p, '/');
        p = slash ? slash + 1 : p;
        const char *dot = strrchr(p, '.');
        sk_buf_put(&b, p, dot && dot != p ? (size_t)(dot - p) : strlen(p));
    }
    sk_buf_printf(&b, ".%s", ext);
    return sk_buf_detach(&b);
}
