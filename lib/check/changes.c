#include "check/changes.h"

#include <stdlib.h>
#include <string.h>

#include "model/diff.h"
#include "model/display.h"

#define MAX_REFS 32

/* A clause an item cites: its number in this edition or, old, in the replaced one
 * ("5.2", "4" for 第4章, "A" for 附录A). */
typedef struct cref {
    int old;
    char num[32];
} cref;

typedef struct item {
    const sk_node *para;
    char *text;
    cref refs[MAX_REFS];
    int nrefs;
} item;

static const sk_node *section_numbered(const sk_doc *doc, const char *num)
{
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_SECTION && n->num[0] && !strcmp(n->num, num))
            return n;
    return NULL;
}

/* 表N or 图N of doc: the number of the clause it stands in. */
static int element_clause(const sk_doc *doc, sk_node_type type, const char *num, char out[32])
{
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == type && !strcmp(n->num, num)) {
            const sk_node *s = n->parent;
            while (s && s->type != SK_N_SECTION)
                s = s->parent;
            if (!s || !s->num[0])
                return 0;
            snprintf(out, 32, "%s", s->num);
            return 1;
        }
    return 0;
}

static int starts(const char *s, const char *w)
{
    return !strncmp(s, w, strlen(w));
}

/* One cited clause: "5.2", "第4章", "附录A", "表2". */
static void take_ref(item *it, const char *s, size_t n, int old, const sk_doc *doc, const sk_doc *prev)
{
    char buf[64];
    if (!n || n >= sizeof buf || it->nrefs == MAX_REFS)
        return;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *t = sk_str_trim(buf);
    cref *r = &it->refs[it->nrefs];
    r->old = old;
    const sk_doc *side = old ? prev : doc;
    size_t k;
    if (starts(t, "第") && (k = strlen(t)) > 6 && !strcmp(t + k - 3, "章"))
        snprintf(r->num, sizeof r->num, "%.*s", (int)(k - 6), t + 3);
    else if (starts(t, "附录"))
        snprintf(r->num, sizeof r->num, "%s", t + 6);
    else if (starts(t, "表") || starts(t, "图")) {
        if (!element_clause(side, starts(t, "表") ? SK_N_TABLE : SK_N_FIGURE, t + 3, r->num))
            snprintf(r->num, sizeof r->num, "%s", t);
    } else
        snprintf(r->num, sizeof r->num, "%s", t);
    if (r->num[0])
        it->nrefs++;
}

/* The clauses of an item's last "（见…）": groups split by "，", a group that starts
 * "20xx年版的" citing the replaced edition, its clauses split by "、", "和", "及". */
static void parse_refs(item *it, const sk_doc *doc, const sk_doc *old)
{
    const char *s = it->text, *open = NULL;
    for (const char *p = strstr(s, "（见"); p; p = strstr(p + 1, "（见"))
        open = p;
    if (!open)
        return;
    open += strlen("（见");
    const char *close = strstr(open, "）");
    if (!close)
        return;
    const char *p = open;
    while (p < close) {
        const char *g = p;
        while (g < close && !starts(g, "，") && !starts(g, "；"))
            g++;
        /* a group p..g */
        int is_old = 0;
        const char *q = p;
        const char *ban = strstr(p, "年版的");
        if (ban && ban < g) {
            is_old = 1;
            q = ban + strlen("年版的");
        }
        while (q < g) {
            const char *e = q;
            while (e < g && !starts(e, "、") && !starts(e, "和") && !starts(e, "及"))
                e++;
            take_ref(it, q, (size_t)(e - q), is_old, doc, old);
            q = e < g ? e + 3 : g;
        }
        p = g < close ? g + 3 : close;
    }
}

/* r names num or a clause above it. */
static int covers(const char *r, const char *num)
{
    size_t k = strlen(r);
    return !strcmp(r, num) || (!strncmp(r, num, k) && num[k] == '.');
}

static int related(const char *a, const char *b)
{
    return covers(a, b) || covers(b, a);
}

/* An item written as a paragraph: "a）…", "a)…", "（a）…". */
static int lettered(const char *t)
{
    if (starts(t, "（"))
        t += 3;
    if (!((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')))
        return 0;
    return t[1] == ')' || starts(t + 1, "）");
}

static void add_item(sk_vec *items, const sk_node *para, const char *text)
{
    item *it = sk_calloc(1, sizeof *it);
    it->para = para;
    it->text = sk_strdup(text);
    sk_vec_push(items, it);
}

/* The items of the list that follows the paragraph lead (or stands in it). */
static void collect_items(sk_vec *items, const sk_node *lead, const char *lead_text)
{
    const sk_node *next = lead->next;
    if (next && next->type == SK_N_LIST) {
        for (const sk_node *it = next->first; it; it = it->next)
            if (it->type == SK_N_ITEM && it->first && it->first->type == SK_N_PARA) {
                char *t = sk_display_text(&it->first->in);
                add_item(items, it->first, t);
                free(t);
            }
        return;
    }
    /* lines of the lead paragraph after "如下：" */
    const char *after = strstr(lead_text, "如下：");
    if (after) {
        char *rest = sk_strdup(after + strlen("如下："));
        char *save = NULL;
        for (char *l = strtok_r(rest, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
            if (lettered(sk_str_trim(l)))
                add_item(items, lead, l);
        free(rest);
        if (items->len)
            return;
    }
    for (const sk_node *p = next; p && p->type == SK_N_PARA; p = p->next) {
        char *t = sk_display_text(&p->in);
        int ok = lettered(t);
        if (ok)
            add_item(items, p, t);
        free(t);
        if (!ok)
            break;
    }
}

static char *ref_label(const sk_diff *d, const cref *r)
{
    char *ed = r->old ? sk_diff_edition(d) : NULL;
    char *s = sk_asprintf("%s%s%s", ed ? ed : "", ed ? "的" : "", r->num);
    free(ed);
    return s;
}

static void check_item(const sk_diff *d, const sk_doc *doc, const sk_doc *old, const item *it, int k, sk_diags *dg)
{
    const char *file = doc->src->path;
    int line = it->para->line;
    char label[8];
    snprintf(label, sizeof label, "%c)", k < 26 ? 'a' + k : '?');
    const char *oldnum = sk_meta_get(old->meta, NUMBER);
    for (int i = 0; i < it->nrefs; i++) {
        const cref *r = &it->refs[i];
        const sk_node *s = section_numbered(r->old ? old : doc, r->num);
        char *rl = ref_label(d, r);
        if (!s) {
            /* (a number this edition lacks is ref-missing already) */
            if (r->old) {
                sk_diag *g = sk_diag_emit(dg, SK_R_FOREWORD_CHANGES, file, line, 1,
                                          "item %s cites %s, which %s does not have", label, rl,
                                          oldnum ? oldnum : "the replaced edition");
                sk_diag_hint(g, "stddiff --format foreword prints the list with the numbers of both editions");
            }
            free(rl);
            continue;
        }
        int changed = 0;
        for (size_t c = 0; c < sk_diff_count(d) && !changed; c++) {
            const sk_change *ch = sk_diff_get(d, c);
            const sk_node *x = r->old ? ch->old : ch->new;
            changed = x && !ch->implied && x->num[0] && related(r->num, x->num);
        }
        if (!changed)
            sk_diag_emit(dg, SK_R_FOREWORD_CHANGES, file, line, 1, "item %s cites %s, where nothing changed against %s",
                         label, rl, oldnum ? oldnum : "the replaced edition");
        free(rl);
    }
    /* "（见X，20xx年版的Y）": Y is X now */
    const cref *nx = NULL, *oy = NULL;
    int nn = 0, no = 0;
    for (int i = 0; i < it->nrefs; i++) {
        if (it->refs[i].old)
            oy = &it->refs[i], no++;
        else
            nx = &it->refs[i], nn++;
    }
    if (nn == 1 && no == 1) {
        const sk_node *y = section_numbered(old, oy->num), *x = section_numbered(doc, nx->num);
        const sk_node *z = y ? sk_diff_counterpart(d, y) : NULL;
        if (x && z && z->num[0] && !related(z->num, nx->num)) {
            char *ed = sk_diff_edition(d);
            sk_diag *g = sk_diag_emit(dg, SK_R_FOREWORD_CHANGES, file, line, 1,
                                      "item %s cites %s and %s的%s, but %s的%s is %s in this edition", label, nx->num, ed,
                                      oy->num, ed, oy->num, z->num);
            sk_diag_hint(g, "write （见%s，%s的%s）", z->num, ed, oy->num);
            free(ed);
        }
    }
}

void sk_changes_check(const sk_doc *doc, const sk_doc *old, const sk_err *load_err, sk_diags *dg)
{
    const char *spec = sk_meta_get(doc->meta, REPLACES_SOURCE);
    const char *file = doc->src->path;
    int kline = doc->meta->line[SK_META_REPLACES_SOURCE];
    if (!spec)
        return;
    if (!old) {
        int named = load_err && load_err->file[0] && strcmp(load_err->file, spec);
        sk_diag *g = sk_diag_emit(dg, SK_R_REPLACES_SOURCE, file, kline, 1, "replaces_source '%s' cannot be read: %s%s%s",
                                  spec, named ? load_err->file : "", named ? ": " : "",
                                  load_err ? load_err->msg : "unknown error");
        sk_diag_hint(g, "give the replaced edition's file (relative to this one) or git:REVISION");
        return;
    }
    sk_diff *d = sk_diff_new(old, doc, dg);
    const sk_node *fw = sk_doc_section(doc, SK_S_FOREWORD);
    size_t technical = sk_diff_technical(d);
    const char *oldnum = sk_meta_get(old->meta, NUMBER);
    if (!fw || doc->foreword)
        goto done;
    const sk_node *lead = NULL;
    char *lead_text = NULL;
    for (const sk_node *p = fw->first; p && !lead; p = p->next) {
        if (p->type != SK_N_PARA)
            continue;
        char *t = sk_display_text(&p->in);
        if (strstr(t, "技术变化")) {
            lead = p;
            lead_text = t;
        } else {
            free(t);
        }
    }
    if (!lead) {
        if (technical) {
            sk_diag *g = sk_diag_emit(dg, SK_R_FOREWORD_CHANGES, file, fw->line, 1,
                                      "the 前言 does not list the %zu technical change%s against %s", technical,
                                      technical == 1 ? "" : "s", oldnum ? oldnum : "the replaced edition");
            sk_diag_hint(g, "stddiff --format foreword %s %s prints the sentence and the list to paste", spec, file);
        }
        goto done;
    }
    if (strstr(lead_text, "无技术变化") || strstr(lead_text, "没有技术变化")) {
        if (technical)
            sk_diag_emit(dg, SK_R_FOREWORD_CHANGES, file, lead->line, 1,
                         "the 前言 says nothing technical changed, but %zu change%s against %s %s technical", technical,
                         technical == 1 ? "" : "s", oldnum ? oldnum : "the replaced edition", technical == 1 ? "is" : "are");
        free(lead_text);
        goto done;
    }
    sk_vec items = { 0 };
    collect_items(&items, lead, lead_text);
    for (size_t i = 0; i < items.len; i++) {
        parse_refs(items.items[i], doc, old);
        check_item(d, doc, old, items.items[i], (int)i, dg);
    }
    for (size_t c = 0; c < sk_diff_count(d); c++) {
        const sk_change *ch = sk_diff_get(d, c);
        if (!ch->technical)
            continue;
        int found = 0;
        for (size_t i = 0; i < items.len && !found; i++) {
            const item *it = items.items[i];
            for (int k = 0; k < it->nrefs && !found; k++) {
                const cref *r = &it->refs[k];
                const sk_node *x = r->old ? ch->old : ch->new;
                found = x && x->num[0] && covers(r->num, x->num);
            }
        }
        if (found)
            continue;
        char *want = sk_diff_item(d, ch), *at;
        if (ch->new) {
            at = sk_diff_label(ch->new);
        } else {
            char *ed = sk_diff_edition(d), *l = sk_diff_label(ch->old);
            at = sk_asprintf("%s的%s", ed, l);
            free(ed);
            free(l);
        }
        sk_diag *g = sk_diag_emit(dg, SK_R_FOREWORD_CHANGES, file, lead->line, 1,
                                  "the 前言's list has no item for the technical change at %s", at);
        char *old_eq = ch->new ? sk_strdup("") : sk_asprintf("old=%s ", ch->old->num);
        sk_diag_hint(g, "add \"%s\", or mark the clause <!-- stddiff %seditorial --> when the change is editorial",
                     want, old_eq);
        free(old_eq);
        free(want);
        free(at);
    }
    for (size_t i = 0; i < items.len; i++) {
        item *it = items.items[i];
        free(it->text);
        free(it);
    }
    sk_vec_free(&items);
    free(lead_text);
done:
    sk_diff_free(d);
}
