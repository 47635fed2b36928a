#include "model/habits.h"

#include <stdlib.h>
#include <string.h>

#include "text/stdnum.h"
#include "text/zh.h"

/* ---------- labels: 注： 注1： 示例： 示例2： 示例2（说明）： ---------- */

/* Length of the label at t (word, number, bracketed title when titled, colon,
 * spaces), with *num and the title's byte range; 0 when t has no such label. */
static size_t label_len(const char *t, const char *word, int titled, int *num, size_t *tb, size_t *te)
{
    size_t wl = strlen(word);
    if (strncmp(t, word, wl))
        return 0;
    const char *p = t + wl;
    while (*p == ' ')
        p++;
    int n = 0;
    while (*p >= '0' && *p <= '9' && n < 1000)
        n = n * 10 + (*p++ - '0');
    while (*p == ' ')
        p++;
    *tb = *te = 0;
    if (titled && (!strncmp(p, "（", 3) || *p == '(')) {
        const char *close = !strncmp(p, "（", 3) ? strstr(p, "）") : strchr(p, ')');
        size_t cl = close && !strncmp(close, "）", 3) ? 3 : 1;
        if (close && close - p < 90 && (!strncmp(close + cl, "：", 3) || close[cl] == ':')) {
            *tb = (size_t)(p - t);
            *te = (size_t)(close + cl - t);
            p = close + cl;
        }
    }
    if (!strncmp(p, "：", 3))
        p += 3;
    else if (*p == ':')
        p++;
    else
        return 0;
    size_t k;
    while ((k = sk_zh_space(p)))
        p += k;
    *num = n;
    return (size_t)(p - t);
}

int sk_habits_take_label(sk_inlines *in, const char *word, int *num, char **title)
{
    if (title)
        *title = NULL;
    if (!in->n || in->v[0].type != SK_I_TEXT)
        return 0;
    char *t = in->v[0].text;
    size_t tb, te, cut = label_len(t, word, title != NULL, num, &tb, &te);
    if (!cut)
        return 0;
    if (title && te > tb)
        *title = sk_strndup(t + tb, te - tb);
    in->v[0].byte_col += (int)cut;
    memmove(t, t + cut, strlen(t + cut) + 1);
    return 1;
}

/* ---------- a paragraph's lines ---------- */

static int is_break(const sk_inline *in)
{
    return in->type == SK_I_LINEBREAK || (in->type == SK_I_TEXT && in->line_break);
}

/* Index of the first run of each line of l (a line starts after each soft or
 * hard break); returns the number of lines. Caller frees *starts. */
static size_t line_starts(const sk_inlines *l, size_t **starts)
{
    size_t n = 1;
    for (size_t i = 0; i < l->n; i++)
        n += is_break(&l->v[i]);
    size_t *s = sk_malloc(n * sizeof *s);
    s[0] = 0;
    for (size_t i = 0, k = 1; i < l->n; i++)
        if (is_break(&l->v[i]))
            s[k++] = i + 1;
    *starts = s;
    return n;
}

/* The text line k starts with (its first run, spaces skipped), or "". */
static const char *text_at(const sk_inlines *l, size_t run)
{
    if (run >= l->n || l->v[run].type != SK_I_TEXT || !l->v[run].text)
        return "";
    const char *t = l->v[run].text;
    size_t k;
    while ((k = sk_zh_space(t)))
        t += k;
    return t;
}

/* Moves the runs [a, b) of from onto to (the break at a - 1 is left behind). */
static void move_runs(sk_inlines *to, sk_inlines *from, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        sk_inline_push(to, &from->v[i]);
        memset(&from->v[i], 0, sizeof from->v[i]);
    }
}

/* Cuts l at run index at: the runs from at on move to a new list (returned), the
 * break before at is freed. */
static sk_inlines cut_at(sk_inlines *l, size_t at)
{
    sk_inlines rest = { 0 };
    move_runs(&rest, l, at, l->n);
    size_t end = at;
    if (end && is_break(&l->v[end - 1])) {
        sk_inline_clear(&l->v[end - 1]);
        end--;
    }
    l->n = end;
    return rest;
}

/* ---------- 规范性引用文件 and 参考文献 entries written as paragraphs ---------- */

/* An entry of chapter 2: a standard's number, then (after any space, a tab or
 * U+3000, or none before 汉字) its title; "GB/T 4208  外壳防护等级（IP代码）". */
static int is_normref_line(const char *t)
{
    sk_stdnum m;
    size_t len = strlen(t);
    return sk_stdnum_match(t, len, 0, &m) && m.start == 0 && m.end < len;
}

/* An entry of 参考文献: "[1] …", "［1］…", or a standard's number and title. */
static int is_biblio_line(const char *t)
{
    if (*t == '[' || !strncmp(t, "［", 3)) {
        const char *p = t + (*t == '[' ? 1 : 3), *d = p;
        while (*d >= '0' && *d <= '9')
            d++;
        return d > p && (*d == ']' || !strncmp(d, "］", 3));
    }
    return is_normref_line(t);
}

/* Inserts n after prev in prev's parent. */
static void insert_after(sk_node *prev, sk_node *n)
{
    n->parent = prev->parent;
    n->prev = prev;
    n->next = prev->next;
    if (prev->next)
        prev->next->prev = n;
    else
        prev->parent->last = n;
    prev->next = n;
}

static void unlink_node(sk_node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else
        n->parent->first = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        n->parent->last = n->prev;
    n->parent = n->prev = n->next = NULL;
}

/* The paragraphs of a 规范性引用文件 or 参考文献 element whose lines are entries
 * become the items of a list (the list an author would write; printed the same),
 * consecutive entries in one list; a paragraph whose first lines are a lead-in
 * keeps them and is cut where the entries start. A paragraph that is not all
 * entries from some line on is left as it is. */
static void entries_of(sk_node *sec, int (*is_entry)(const char *))
{
    sk_node *list = NULL;
    for (sk_node *k = sec->first, *next; k; k = next) {
        next = k->next;
        if (k->type == SK_N_LIST && !k->ordered) {
            list = k;
            continue;
        }
        if (k->type != SK_N_PARA) {
            list = NULL;
            continue;
        }
        size_t *st = NULL, n = line_starts(&k->in, &st), first = n;
        for (size_t i = 0; i < n && first == n; i++)
            if (is_entry(text_at(&k->in, st[i])))
                first = i;
        int all = first < n;
        for (size_t i = first; i < n && all; i++)
            all = is_entry(text_at(&k->in, st[i])) || st[i] >= k->in.n || is_break(&k->in.v[st[i]]);
        if (!all) {
            free(st);
            list = NULL;
            continue;
        }
        /* the items, from the last line back, so the run indexes stay valid */
        sk_node **items = sk_calloc(n, sizeof *items);
        for (size_t i = n; i-- > first;) {
            sk_inlines line = cut_at(&k->in, st[i]);
            if (!line.n) {
                free(line.v);
                continue;
            }
            sk_node *item = sk_node_new(SK_N_ITEM), *p = sk_node_new(SK_N_PARA);
            item->level = 1;
            item->line = p->line = line.v[0].line ? line.v[0].line : k->line;
            p->col = 1;
            p->in = line;
            sk_node_append(item, p);
            items[i] = item;
        }
        free(st);
        if (first > 0 || !list) {
            list = sk_node_new(SK_N_LIST);
            list->level = 1;
            list->line = k->line;
            insert_after(k, list);
        }
        for (size_t i = first; i < n; i++)
            if (items[i])
                sk_node_append(list, items[i]);
        free(items);
        if (first == 0) {
            unlink_node(k);
            sk_node_free(k);
        }
        next = list->next;
    }
}

/* ---------- notes and examples written as lines of one paragraph ---------- */

/* "注1：…" and then "注2：…" on the next line of the same paragraph are two notes
 * (examples alike); the lines that start with no label stay with the one above. */
static void split_labels(sk_node *n, const char *word)
{
    size_t *st = NULL, count = line_starts(&n->in, &st);
    for (size_t i = count; i-- > 1;) {
        int num = 0, titled = n->type == SK_N_EXAMPLE;
        size_t tb, te;
        if (st[i] >= n->in.n || n->in.v[st[i]].type != SK_I_TEXT ||
            !label_len(n->in.v[st[i]].text, word, titled, &num, &tb, &te))
            continue;
        sk_inlines line = cut_at(&n->in, st[i]);
        char *title = NULL;
        sk_habits_take_label(&line, word, &num, titled ? &title : NULL);
        sk_node *m = sk_node_new(n->type);
        m->label_num = num;
        m->title = title;
        m->line = line.n && line.v[0].line ? line.v[0].line : n->line;
        m->col = 1;
        m->in = line;
        insert_after(n, m);
    }
    free(st);
}

/* ---------- lists typed as "a)" / "1)" lines ---------- */

/* A typed list marker at the start of t: a letter or a number, then ")" or "）",
 * then spaces. Returns its length in bytes (0 for none), with *letter and *ord
 * (0 for a or 1). */
static size_t typed_marker(const char *t, int *letter, int *ord)
{
    size_t i = 0;
    int v = 0;
    if (t[0] >= 'a' && t[0] <= 'z') {
        *letter = 1;
        v = t[0] - 'a';
        i = 1;
    } else {
        *letter = 0;
        while (t[i] >= '0' && t[i] <= '9' && i < 3)
            v = v * 10 + (t[i++] - '0');
        if (!i || v < 1)
            return 0;
        v--;
    }
    if (t[i] == ')')
        i++;
    else if (!strncmp(t + i, "）", 3))
        i += 3;
    else
        return 0;
    size_t k, sp = 0;
    while ((k = sk_zh_space(t + i + sp)))
        sp += k;
    if (!t[i + sp] || (!sp && *letter && ((unsigned char)t[i] < 0x80))) /* "a)b" is no item */
        return 0;
    *ord = v;
    return i + sp;
}

typedef struct typed_list {
    sk_node *list;        /* the open level-1 list, or NULL */
    int letter;           /* its markers are letters */
    int next;             /* the ordinal its next item has */
    sk_node *sub;         /* the open level-2 list in its last item */
    int sub_next;
} typed_list;

static sk_node *new_list(int level, int line)
{
    sk_node *l = sk_node_new(SK_N_LIST);
    l->ordered = 1;
    l->level = level;
    l->line = line;
    return l;
}

/* Whether the markers of lines [first, n) continue T as a list would: letters in
 * order, numbers in order within a letter item (a nested list) or on their own. */
static int continues(const typed_list *T, const int *letter, const int *ord, const size_t *mlen, size_t first,
                     size_t n)
{
    typed_list t = *T;
    for (size_t i = first; i < n; i++) {
        if (!mlen[i])
            continue; /* a wrapped line of the item above */
        if (!t.list) {
            if (ord[i])
                return 0;
            t.list = (sk_node *)1;
            t.letter = letter[i];
            t.next = 1;
            t.sub = NULL;
        } else if (letter[i] == t.letter && ord[i] == t.next) {
            t.next++;
            t.sub = NULL;
        } else if (t.letter && !letter[i] && ord[i] == (t.sub ? t.sub_next : 0)) {
            t.sub = (sk_node *)1;
            t.sub_next = ord[i] + 1;
        } else {
            return 0;
        }
    }
    return 1;
}

/* Paragraphs whose lines are typed "a) …" / "b) …" (one paragraph or several, a
 * lead-in line first or not, "1) …" under a letter as its nested list) become the
 * ordered list GB/T 1.1 prints with those markers. A line without a marker stays
 * with the item above it (a wrapped line). */
/* Lists and items one level deeper (a list moved under an item). */
static void deepen(sk_node *list)
{
    for (sk_node *n = list; n; n = sk_node_walk_next(list, n, 1))
        if (n->type == SK_N_LIST || n->type == SK_N_ITEM)
            n->level++;
}

static void typed_lists(sk_node *sec)
{
    typed_list T = { 0 };
    for (sk_node *k = sec->first, *next; k; k = next) {
        next = k->next;
        /* "1) …" lines right after "b) …": CommonMark already made them a list (and
         * took a following "c) …" line into its last item); it is b)'s nested list */
        if (k->type == SK_N_LIST && k->ordered && k->level == 1 && T.list && T.letter && !T.sub) {
            unlink_node(k);
            deepen(k);
            sk_node_append(T.list->last, k);
            T.sub = k;
            sk_node *last = k->last ? k->last->last : NULL;
            if (last && last->type == SK_N_PARA) {
                /* the letter lines CommonMark folded into the last item go back to the
                 * list (c), d) … in order; lines between them are their wrapped lines) */
                size_t *st = NULL, n = line_starts(&last->in, &st), *ml = sk_calloc(n, sizeof *ml);
                int want = T.next, ok = 1, any = 0;
                for (size_t i = 1; i < n && ok; i++) {
                    int letter, ord;
                    const char *t = text_at(&last->in, st[i]);
                    if ((ml[i] = typed_marker(t, &letter, &ord))) {
                        ok = letter && ord == want++;
                        ml[i] += (size_t)(t - last->in.v[st[i]].text);
                        any = 1;
                    }
                }
                sk_node **items = sk_calloc(n, sizeof *items);
                for (size_t i = n; ok && any && i-- > 1;) {
                    if (!ml[i])
                        continue;
                    sk_inlines line = cut_at(&last->in, st[i]);
                    sk_inline *r = &line.v[0];
                    memmove(r->text, r->text + ml[i], strlen(r->text + ml[i]) + 1);
                    r->byte_col += (int)ml[i];
                    sk_node *item = sk_node_new(SK_N_ITEM), *p = sk_node_new(SK_N_PARA);
                    item->line = p->line = r->line ? r->line : last->line;
                    item->level = 1;
                    p->col = 1;
                    p->in = line;
                    sk_node_append(item, p);
                    items[i] = item;
                }
                for (size_t i = 1; i < n; i++)
                    if (items[i]) {
                        sk_node_append(T.list, items[i]);
                        T.next++;
                        T.sub = NULL;
                    }
                free(items);
                free(ml);
                free(st);
            }
            continue;
        }
        if (k->type == SK_N_SECTION) {
            typed_lists(k);
            T.list = NULL;
            continue;
        }
        if (k->type != SK_N_PARA) {
            T.list = NULL;
            continue;
        }
        size_t *st = NULL, n = line_starts(&k->in, &st), first = n;
        size_t *mlen = sk_calloc(n, sizeof *mlen);
        int *letter = sk_calloc(n, sizeof *letter), *ord = sk_calloc(n, sizeof *ord);
        for (size_t i = 0; i < n; i++) {
            const char *t = text_at(&k->in, st[i]);
            mlen[i] = typed_marker(t, &letter[i], &ord[i]);
            if (mlen[i]) /* with the spaces text_at skipped */
                mlen[i] += (size_t)(t - k->in.v[st[i]].text);
            if (mlen[i] && first == n)
                first = i;
        }
        /* the list above goes on only when this paragraph is all items */
        typed_list fresh = { 0 };
        if (first > 0 || !continues(&T, letter, ord, mlen, first, n))
            T = fresh;
        if (first == n || !continues(&T, letter, ord, mlen, first, n)) {
            T.list = NULL;
            goto next_para;
        }
        sk_node **items = sk_calloc(n, sizeof *items);
        for (size_t i = n; i-- > first;) { /* from the last line back: the run indexes stay valid */
            if (!mlen[i])
                continue;
            sk_inlines line = cut_at(&k->in, st[i]);
            sk_inline *r = &line.v[0];
            memmove(r->text, r->text + mlen[i], strlen(r->text + mlen[i]) + 1);
            r->byte_col += (int)mlen[i];
            sk_node *item = sk_node_new(SK_N_ITEM), *p = sk_node_new(SK_N_PARA);
            item->line = p->line = r->line ? r->line : k->line;
            p->col = 1;
            p->in = line;
            sk_node_append(item, p);
            items[i] = item;
        }
        for (size_t i = first; i < n; i++) {
            if (!items[i])
                continue;
            if (!T.list) {
                T.list = new_list(1, items[i]->line);
                T.letter = letter[i];
                T.next = 0;
                insert_after(k, T.list);
            }
            if (letter[i] == T.letter && ord[i] == T.next) {
                items[i]->level = 1;
                sk_node_append(T.list, items[i]);
                T.next++;
                T.sub = NULL;
            } else { /* a number under a letter */
                if (!T.sub) {
                    T.sub = new_list(2, items[i]->line);
                    T.sub_next = 0;
                    sk_node_append(T.list->last, T.sub);
                }
                items[i]->level = 2;
                sk_node_append(T.sub, items[i]);
                T.sub_next++;
            }
        }
        free(items);
        if (first == 0) {
            unlink_node(k);
            sk_node_free(k);
        }
        next = T.list->next;
    next_para:
        free(st);
        free(mlen);
        free(letter);
        free(ord);
    }
}

void sk_habits_apply(sk_doc *doc)
{
    typed_lists(doc->root);
    for (sk_node *s = doc->root->first; s; s = s->next) {
        if (s->type != SK_N_SECTION)
            continue;
        if (s->sect == SK_S_NORMREF)
            entries_of(s, is_normref_line);
        else if (s->sect == SK_S_BIBLIO)
            entries_of(s, is_biblio_line);
    }
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_NOTE)
            split_labels(n, "注");
        else if (n->type == SK_N_EXAMPLE)
            split_labels(n, "示例");
}
