#include "model/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/str.h"
#include "model/display.h"

void sk_number_annex_letter(int n, char out[4])
{
    if (n < 26) {
        out[0] = (char)('A' + n);
        out[1] = '\0';
    } else {
        out[0] = (char)('A' + (n / 26 - 1) % 26);
        out[1] = (char)('A' + n % 26);
        out[2] = '\0';
    }
}

/* k in decimal at out; returns the length, NUL not counted. */
static size_t int_dec(char out[24], int k)
{
    if (k >= 0)
        return (size_t)sk_str_udec(out, (unsigned long long)k);
    out[0] = '-';
    return 1 + (size_t)sk_str_udec(out + 1, 0ULL - (unsigned long long)(long long)k);
}

void sk_number_int(char *out, size_t size, int k)
{
    char d[24];
    size_t n = int_dec(d, k);
    n = n < size - 1 ? n : size - 1;
    memcpy(out, d, n);
    out[n] = '\0';
}

/* prefix.k into a node's number, cut to 31 bytes as snprintf would (numbers are at
 * most 6 short segments, so 32 bytes hold them) */
static void num_join(char out[32], const char *prefix, int k)
{
    char d[24];
    size_t dl = int_dec(d, k), n = 0;
    for (; prefix[n] && n < 31; n++)
        out[n] = prefix[n];
    if (n < 31)
        out[n++] = '.';
    for (size_t i = 0; i < dl && n < 31; i++)
        out[n++] = d[i];
    out[n] = '\0';
}

static int count_segments(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += *s == '.';
    return n;
}

/* Last dot-separated segment as an integer (letters count A=1). */
static int last_segment(const char *s)
{
    const char *dot = strrchr(s, '.');
    const char *p = dot ? dot + 1 : s;
    if (*p >= 'A' && *p <= 'Z')
        return *p - 'A' + 1;
    return atoi(p);
}

static size_t prefix_len(const char *s)
{
    const char *dot = strrchr(s, '.');
    return dot ? (size_t)(dot - s) : 0;
}

typedef struct numctx {
    sk_doc *doc;
    sk_diags *d;
} numctx;

/* The number the author had in mind for n: as written, else as assigned. */
static const char *intended(const sk_node *n)
{
    return n->num_written ? n->num_written : n->num;
}

/* Checks a written section number. Only the first break in a sequence is reported:
 * a heading consistent with its written predecessor and parent is not, so one
 * missing clause gives one diagnostic, not one per following heading. */
static void check_written(numctx *C, sk_node *n, const sk_node *prev, const sk_node *parent)
{
    const char *w = n->num_written;
    if (!w || !strcmp(w, n->num))
        return;
    const char *file = C->doc->src->path;
    int col = sk_source_col(C->doc->src, n->num_line, (size_t)(n->num_byte_col > 0 ? n->num_byte_col - 1 : 0));
    sk_diag *dg = NULL;
    const char *what = n->sect == SK_S_TERM ? "term" : n->level == 1 ? "chapter" : "clause";

    if (count_segments(w) != count_segments(n->num)) {
        dg = sk_diag_emit(C->d, SK_R_NUM_DEPTH, file, n->num_line, col,
                          "%s number %s has %d level%s, but the heading is at level %d: expected %s", what, w,
                          count_segments(w), count_segments(w) > 1 ? "s" : "", count_segments(n->num), n->num);
    } else {
        /* parent part must match the parent's intended number */
        size_t pl = prefix_len(w);
        const char *pw = parent && parent->type == SK_N_SECTION ? intended(parent) : "";
        int parent_ok = pl == 0 || (strlen(pw) == pl && !strncmp(w, pw, pl));
        int want = prev ? last_segment(intended(prev)) + 1 : 1;
        int got = last_segment(w);
        if (parent_ok && got == want)
            return; /* consistent with what precedes it: the break was reported earlier */
        if (!parent_ok)
            dg = sk_diag_emit(C->d, SK_R_NUM_MISMATCH, file, n->num_line, col,
                              "%s number %s does not belong under %s: expected %s", what, w,
                              pw[0] ? pw : "this heading", n->num);
        else if (prev && got == last_segment(intended(prev)))
            dg = sk_diag_emit(C->d, SK_R_NUM_REPEAT, file, n->num_line, col,
                              "%s number %s repeats the previous %s (line %d): expected %s", what, w, what,
                              prev->line, n->num);
        else if (got > want)
            dg = sk_diag_emit(C->d, SK_R_NUM_GAP, file, n->num_line, col,
                              "%s number %s skips %s: expected %s", what, w,
                              prev ? "a number after the previous one" : "the first number", n->num);
        else
            dg = sk_diag_emit(C->d, SK_R_NUM_MISMATCH, file, n->num_line, col,
                              "%s number %s is out of sequence: expected %s", what, w, n->num);
    }
    sk_diag_hint(dg, "write %s (stdcheck --fix renumbers headings and the references to them)", n->num);
}

static void number_sections(numctx *C, sk_node *parent)
{
    sk_node *prev = NULL;
    int k = 0, nclauses = 0;
    sk_node *only = NULL;
    for (sk_node *n = parent->first; n; n = n->next) {
        if (n->type != SK_N_SECTION)
            continue;
        k++;
        if (parent->sect != SK_S_INTRO && !parent->num[0])
            n->num[0] = '\0'; /* inside 前言, 参考文献, 索引: unnumbered */
        else if (parent->sect == SK_S_INTRO)
            num_join(n->num, "0", k);
        else
            num_join(n->num, parent->num, k);
        if (n->num[0])
            check_written(C, n, prev, parent);
        if (n->sect == SK_S_CLAUSE) {
            nclauses++;
            only = n;
        }
        prev = n;
        number_sections(C, n);
    }
    if (nclauses == 1 && only->num[0]) {
        char *label = parent->level == 1 ? sk_display_label(parent) : sk_strdup(parent->num);
        sk_diag *dg = sk_diag_emit(C->d, SK_R_LONE_CLAUSE, C->doc->src->path, only->line, 1,
                                   "%s is the only clause in %s; a level is divided only into two or more clauses",
                                   only->num, label);
        sk_diag_hint(dg, "merge it into %s or add a sibling clause", label);
        free(label);
    }
}

static void number_top(numctx *C)
{
    int ch = 0, an = 0;
    sk_node *prev_ch = NULL, *prev_an = NULL;
    for (sk_node *n = C->doc->root->first; n; n = n->next) {
        if (n->type != SK_N_SECTION)
            continue;
        switch (n->sect) {
        case SK_S_FOREWORD:
        case SK_S_INTRO:
        case SK_S_BIBLIO:
        case SK_S_INDEX:
            n->num[0] = '\0';
            if (n->num_written) {
                int col = sk_source_col(C->doc->src, n->num_line, (size_t)(n->num_byte_col - 1));
                sk_diag_emit(C->d, SK_R_NUM_MISMATCH, C->doc->src->path, n->num_line, col,
                             "%s is not numbered; remove the number %s", n->title, n->num_written);
            }
            break;
        case SK_S_ANNEX: {
            sk_number_annex_letter(an++, n->num);
            if (n->num_written && strcmp(n->num_written, n->num)) {
                int col = sk_source_col(C->doc->src, n->num_line, (size_t)(n->num_byte_col - 1));
                int want = prev_an ? last_segment(intended(prev_an)) + 1 : 1;
                if (last_segment(n->num_written) != want) {
                    sk_diag *dg = sk_diag_emit(C->d, SK_R_ANNEX_LETTER, C->doc->src->path, n->num_line, col,
                                               "annex letter %s is out of order: this is annex %s",
                                               n->num_written, n->num);
                    sk_diag_hint(dg, "write 附录%s (stdcheck --fix relabels annexes and the references to them)",
                                 n->num);
                }
            }
            prev_an = n;
            break;
        }
        default:
            sk_number_int(n->num, sizeof n->num, ++ch);
            check_written(C, n, prev_ch, NULL);
            prev_ch = n;
            break;
        }
        number_sections(C, n);
    }
}

/* Top-level annex a node belongs to, or NULL. */
static const sk_node *annex_of(const sk_node *n)
{
    const sk_node *top = sk_node_top(n);
    return top && top->sect == SK_S_ANNEX ? top : NULL;
}

static void check_caption_num(numctx *C, sk_node *n, const sk_node *prev, sk_rule_id rule, const char *kind)
{
    if (!n->num_written || !strcmp(n->num_written, n->num))
        return;
    /* consistent with the previous written number in the same series: reported there */
    if (prev && count_segments(n->num_written) == count_segments(n->num) &&
        prefix_len(n->num_written) == prefix_len(n->num) &&
        !strncmp(n->num_written, n->num, prefix_len(n->num)) &&
        last_segment(n->num_written) == last_segment(intended(prev)) + 1)
        return;
    int col = sk_source_col(C->doc->src, n->num_line, (size_t)(n->num_byte_col > 0 ? n->num_byte_col - 1 : 0));
    const char *how = prev && !strcmp(n->num_written, intended(prev)) ? "repeats the previous one" : "is out of sequence";
    sk_diag *dg = sk_diag_emit(C->d, rule, C->doc->src->path, n->num_line, col, "%s%s %s: this is %s%s", kind,
                               n->num_written, how, kind, n->num);
    sk_diag_hint(dg, "%s are numbered continuously (%s1, %s2 …; %sA.1 in annex A); --fix renumbers them",
                 rule == SK_R_TABLE_NUMBER ? "tables" : "figures", kind, kind, kind);
}

/* Notes and examples: "注：" alone in their container, "注1：" … when several. */
static void number_labels(sk_node *container)
{
    int notes = 0, examples = 0, in = 0, ie = 0;
    for (sk_node *k = container->first; k; k = k->next) {
        notes += k->type == SK_N_NOTE;
        examples += k->type == SK_N_EXAMPLE;
    }
    for (sk_node *k = container->first; k; k = k->next) {
        if (k->type == SK_N_NOTE)
            k->label_assigned = notes > 1 ? ++in : 0;
        else if (k->type == SK_N_EXAMPLE)
            k->label_assigned = examples > 1 ? ++ie : 0;
    }
}

/* "A.0.2" for the second table of annex A: the numbering of standards whose annexes
 * number their tables as if they stood in a chapter 0 (the engineering
 * standards' 表A.0.2). It is the same sequence: taken as written. */
static int zero_form(const char *written, const char *letter, int k)
{
    if (!written)
        return 0;
    size_t n = strlen(letter);
    char tail[16];
    snprintf(tail, sizeof tail, ".0.%d", k);
    return !strncmp(written, letter, n) && !strcmp(written + n, tail);
}

static void number_floats(numctx *C)
{
    sk_node *root = C->doc->root;
    const sk_node *cur_annex = NULL;
    int nt = 0, nf = 0;
    sk_node *prev_t = NULL, *prev_f = NULL;
    for (sk_node *n = root; n; n = sk_node_walk_next(root, n, 1)) {
        if (n->type == SK_N_SECTION || n->type == SK_N_TABLE || n->type == SK_N_FIGURE || n->type == SK_N_DOC ||
            n->type == SK_N_ITEM || n->type == SK_N_QUOTE)
            number_labels(n);
        if (n->type != SK_N_TABLE && n->type != SK_N_FIGURE)
            continue; /* formulas: sk_number_formulas, once the citations are known */
        const sk_node *an = annex_of(n);
        if (an != cur_annex) {
            cur_annex = an;
            nt = nf = 0;
            prev_t = prev_f = NULL;
        }
        int k = n->type == SK_N_TABLE ? ++nt : ++nf;
        if (an)
            num_join(n->num, an->num, k);
        else
            sk_number_int(n->num, sizeof n->num, k);
        if (an && zero_form(n->num_written, an->num, k))
            snprintf(n->num, sizeof n->num, "%s", n->num_written); /* 表A.0.2: kept as written */
        if (n->type == SK_N_TABLE) {
            check_caption_num(C, n, prev_t, SK_R_TABLE_NUMBER, "表");
            prev_t = n;
            C->doc->ntables++;
        } else if (n->type == SK_N_FIGURE) {
            check_caption_num(C, n, prev_f, SK_R_FIGURE_NUMBER, "图");
            prev_f = n;
            C->doc->nfigures++;
            char letter = 'a'; /* its pictures a), b) … (the written letters: check/gbt) */
            for (sk_node *k = n->first; k; k = k->next)
                if (k->type == SK_N_SUBFIGURE && letter <= 'z')
                    snprintf(k->num, sizeof k->num, "%c", letter++);
        }
    }
}

/* Entries of 参考文献, [1], [2] … in order; a written "[n]" is checked. */
static void number_biblio(numctx *C)
{
    const sk_node *bib = sk_doc_section(C->doc, SK_S_BIBLIO);
    int k = 0;
    const sk_node *prev = NULL;
    for (const sk_node *l = bib ? bib->first : NULL; l; l = l->next) {
        if (l->type != SK_N_LIST)
            continue;
        for (sk_node *it = l->first; it; it = it->next) {
            sk_number_int(it->num, sizeof it->num, ++k);
            if (it->num_written && strcmp(it->num_written, it->num) &&
                !(prev && atoi(it->num_written) == atoi(intended(prev)) + 1)) {
                int col = sk_source_col(C->doc->src, it->num_line, (size_t)(it->num_byte_col - 1));
                sk_diag *dg = sk_diag_emit(C->d, SK_R_BIBLIO_NUMBER, C->doc->src->path, it->num_line, col,
                                           "bibliography entry [%s] is the %d%s entry: expected [%s]",
                                           it->num_written, k, k == 1 ? "st" : k == 2 ? "nd" : k == 3 ? "rd" : "th",
                                           it->num);
                sk_diag_hint(dg, "entries are numbered [1], [2] … in order (or leave the numbers out); --fix "
                                 "renumbers them and the citations 参考文献[n]");
            }
            prev = it;
        }
    }
}

void sk_number_assign(sk_doc *doc, sk_diags *diags)
{
    numctx C = { doc, diags };
    number_top(&C);
    number_floats(&C);
    number_biblio(&C);
}

/* ---------- formulas ---------- */

/* "（2）" as printed, for messages. */
static void paren_num(char out[48], const char *num)
{
    snprintf(out, 48, "\xEF\xBC\x88%s\xEF\xBC\x89", num);
}

static void check_formula_num(numctx *C, const sk_node *n, const sk_node *prev)
{
    char w[48], want[48];
    const char *file = C->doc->src->path;
    int col = sk_source_col(C->doc->src, n->num_line, (size_t)(n->num_byte_col > 0 ? n->num_byte_col - 1 : 0));
    paren_num(w, n->num_written);
    if (!n->num[0]) {
        sk_diag *dg = sk_diag_emit(C->d, SK_R_FORMULA_NUMBER, file, n->num_line, col,
                                   "formula numbered %s, but nothing cites it: GB/T 1.1 numbers a formula only "
                                   "when the text refers to it",
                                   w);
        sk_diag_hint(dg, "cite it (公式%s, or [](#eq:id) with {#eq:id} on the formula) or remove the number", w);
        return;
    }
    if (!strcmp(n->num_written, n->num))
        return;
    /* consistent with the previous written number: the break was reported there */
    if (prev && prefix_len(n->num_written) == prefix_len(n->num) &&
        !strncmp(n->num_written, n->num, prefix_len(n->num)) &&
        last_segment(n->num_written) == last_segment(intended(prev)) + 1)
        return;
    paren_num(want, n->num);
    sk_diag *dg = sk_diag_emit(C->d, SK_R_FORMULA_NUMBER, file, n->num_line, col,
                               "formula %s is out of sequence: this is formula %s", w, want);
    sk_diag_hint(dg, "cited formulas are numbered continuously ((1), (2) …; (A.1) in annex A); --fix "
                     "renumbers them and the references 公式(n)");
}

/* Numbers the formulas (fs: all of them, in document order) for which keep(n) is
 * true, (1), (2) … and (A.1) … per annex; the others get none. Returns how many
 * were numbered. */
static int number_formula_set(const sk_vec *fs, int (*keep)(const sk_node *n, const sk_map *cited),
                              const sk_map *cited)
{
    const sk_node *cur_annex = NULL;
    int k = 0, numbered = 0;
    for (size_t i = 0; i < fs->len; i++) {
        sk_node *n = fs->items[i];
        const sk_node *an = annex_of(n);
        if (an != cur_annex) {
            cur_annex = an;
            k = 0;
        }
        n->num[0] = '\0';
        if (!keep(n, cited))
            continue;
        numbered++;
        if (an)
            num_join(n->num, an->num, ++k);
        else
            sk_number_int(n->num, sizeof n->num, ++k);
    }
    return numbered;
}

/* The formulas an author means to refer to: with an anchor or a written number. */
static int is_candidate(const sk_node *n, const sk_map *cited)
{
    (void)cited;
    return n->id || n->num_written;
}

static int is_any(const sk_node *n, const sk_map *cited)
{
    (void)n;
    (void)cited;
    return 1;
}

static int is_cited(const sk_node *n, const sk_map *cited)
{
    char key[32];
    snprintf(key, sizeof key, "%p", (const void *)n);
    return sk_map_get(cited, key) != NULL;
}

void sk_number_formulas(sk_doc *doc, sk_diags *diags)
{
    numctx C = { doc, diags };
    sk_map cited, by_num;
    sk_vec fs = { 0 };
    char key[32];
    sk_map_init(&cited);
    sk_map_init(&by_num);
    /* the formulas, found in one walk (each pass below reads only them) */
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_FORMULA)
            sk_vec_push(&fs, n);
    /* "公式（2）" naming no written number means the second formula the author means
     * to refer to (one with an anchor or a number): count those first */
    int candidates = number_formula_set(&fs, is_candidate, NULL);
    /* none has either, as when a printed standard is typed in without the numbers at
     * the right margin: then 式（N） is the N-th formula */
    if (!candidates)
        number_formula_set(&fs, is_any, NULL);
    /* a reference 公式（N） is to the first formula numbered N (a map of them: a walk
     * per reference was quadratic) */
    for (size_t i = 0; i < fs.len; i++) {
        sk_node *n = fs.items[i];
        if (n->num[0] && !sk_map_get(&by_num, n->num))
            sk_map_put(&by_num, n->num, n);
    }
    for (size_t i = 0; i < doc->refs.len; i++) {
        sk_inline *in = doc->refs.items[i];
        if (in->ref_kind != SK_REF_FORMULA || in->node || !in->target)
            continue;
        in->node = sk_map_get(&by_num, in->target);
    }
    for (size_t i = 0; i < doc->refs.len; i++) {
        const sk_inline *in = doc->refs.items[i];
        if (in->node && in->node->type == SK_N_FORMULA) {
            snprintf(key, sizeof key, "%p", (void *)in->node);
            sk_map_put(&cited, key, in->node);
        }
    }
    /* the numbers: the cited formulas only */
    number_formula_set(&fs, is_cited, &cited);
    int all = 0;
    const sk_node *prev = NULL, *cur_annex = NULL;
    for (size_t i = 0; i < fs.len; i++) {
        sk_node *n = fs.items[i];
        all++;
        if (annex_of(n) != cur_annex) {
            cur_annex = annex_of(n);
            prev = NULL;
        }
        if (n->num_written)
            check_formula_num(&C, n, prev);
        if (n->num[0])
            prev = n;
    }
    for (size_t i = 0; i < doc->refs.len; i++) {
        sk_inline *in = doc->refs.items[i];
        if (in->node || in->ref_kind != SK_REF_FORMULA)
            continue;
        sk_diag *dg;
        if (!all)
            dg = sk_diag_emit(diags, SK_R_REF_MISSING, doc->src->path, in->line, in->col,
                              "reference to %s, but this standard has no formula", in->text);
        else if (!candidates) /* counted in order, all of them */
            dg = sk_diag_emit(diags, SK_R_REF_MISSING, doc->src->path, in->line, in->col,
                              "reference to %s, but this standard has %d formula%s", in->text, all,
                              all == 1 ? "" : "s");
        else
            dg = sk_diag_emit(diags, SK_R_REF_MISSING, doc->src->path, in->line, in->col,
                              "reference to %s, but no formula has that number: a formula is counted when it has "
                              "an anchor {#eq:…} or a written number, and %d of the %d here have",
                              in->text, candidates, all);
        sk_diag_hint(dg, "give the formula an anchor ($$ … $$ {#eq:id}) and link to it with [](#eq:id), or write "
                         "its number after it: $$ … $$ (%s)",
                     in->target);
    }
    sk_map_free(&cited);
    sk_map_free(&by_num);
    sk_vec_free(&fs);
}
