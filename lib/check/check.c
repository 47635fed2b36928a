#include "check/check.h"

#include "model/assets.h"
#include "model/directive.h"
#include "model/form.h"
#include "check/forms.h"
#include "base/fs.h"
#include "check/refs.h"
#include "check/gbt.h"
#include "text/stdnum.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

static void check_meta_against_system(const sk_doc *doc, const sk_system *sys, sk_diags *d)
{
    const sk_meta *m = doc->meta;
    const char *file = doc->src->path;
    const char *num = m->str[SK_META_NUMBER], *cat = m->str[SK_META_CATEGORY], *grp = m->str[SK_META_GROUP];
    int uses_cat = sk_system_uses_category(sys);
    if (!cat && uses_cat && !m->line[SK_META_CATEGORY]) {
        sk_diag *dg = sk_diag_emit(d, SK_R_META_MISSING, file, doc->src->fm_line > 1 ? doc->src->fm_line - 1 : 1, 1,
                                   "front matter has no 'category'");
        sk_diag_hint(dg, "the system's numbers carry a category (%s): give its code, e.g. category: %s",
                     sys->number_pattern ? sys->number_pattern : sys->file_pattern,
                     sys->ncats ? sys->cats[0].code : "TS");
    }
    if (cat && !sk_system_category(sys, cat)) {
        sk_diag *dg = sk_diag_emit(d, SK_R_CATEGORY_UNKNOWN, file, m->line[SK_META_CATEGORY], 1,
                                   "category '%s' is not defined in %s", cat, sys->path);
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < sys->ncats; i++)
            sk_buf_printf(&b, "%s%s (%s)", i ? ", " : "", sys->cats[i].code, sys->cats[i].name);
        sk_diag_hint(dg, "known categories: %s", b.data ? b.data : "none");
        sk_buf_free(&b);
    }
    if (grp && sys->ngroups && !sk_system_group(sys, grp)) {
        sk_diag *dg = sk_diag_emit(d, SK_R_GROUP_UNKNOWN, file, m->line[SK_META_GROUP], 1,
                                   "group '%s' is not defined in %s", grp, sys->path);
        sk_buf b;
        sk_buf_init(&b);
        for (size_t i = 0; i < sys->ngroups; i++)
            sk_buf_printf(&b, "%s%s (%s)", i ? ", " : "", sys->groups[i].code, sys->groups[i].name);
        sk_diag_hint(dg, "known groups: %s", b.data ? b.data : "none");
        sk_buf_free(&b);
    }
    sk_numparts parts;
    if (num && sys->number_pattern) {
        if (sk_system_match_number(sys, num, &parts) < 0) {
            sk_diag *dg = sk_diag_emit(d, SK_R_NUMBER_PATTERN, file, m->line[SK_META_NUMBER], 1,
                                       "number '%s' does not follow the system's pattern '%s'", num,
                                       sys->number_pattern);
            sk_diag_hint(dg, "the year is joined by an em dash (U+2014 —), as in GB/T 1.1—2020");
        } else if (cat && uses_cat && parts.category[0] && sk_system_category(sys, cat) &&
                   strcmp(parts.category, cat)) {
            sk_diag_emit(d, SK_R_NUMBER_PATTERN, file, m->line[SK_META_NUMBER], 1,
                         "number '%s' is in category %s, but the front matter says category %s", num,
                         parts.category, cat);
        }
    }
}

/* The year in a standard number ("…—2019"), or -1. */
static int number_year(const char *num)
{
    sk_stdnum m;
    if (sk_stdnum_find(num, strlen(num), 0, &m) == 0 && m.year >= 0)
        return m.year;
    const char *dash = strstr(num, "—");
    return dash && strlen(dash + 3) == 4 ? atoi(dash + 3) : -1;
}

/* issued and effective dates against each other and against the number */
static void check_dates(const sk_doc *doc, sk_diags *d)
{
    const sk_meta *m = doc->meta;
    const char *file = doc->src->path, *num = m->str[SK_META_NUMBER];
    const char *is = m->str[SK_META_ISSUED], *ef = m->str[SK_META_EFFECTIVE];
    int iy, im, id, ey, em, ed;
    int issued_ok = is && sk_meta_date_parse(is, &iy, &im, &id) == 0;
    if (issued_ok && num) {
        int y = number_year(num);
        if (y >= 0 && y != iy) {
            sk_diag *dg = sk_diag_emit(d, SK_R_ISSUED_YEAR, file, m->line[SK_META_ISSUED], 1,
                                       "issued %s, but the number %s carries the year %d", is, num, y);
            sk_diag_hint(dg, "the year in a standard number is the year of issue");
        }
    }
    if (issued_ok && ef && sk_meta_date_parse(ef, &ey, &em, &ed) == 0 &&
        (ey < iy || (ey == iy && (em < im || (em == im && ed < id))))) {
        sk_diag *dg = sk_diag_emit(d, SK_R_EFFECTIVE_DATE, file, m->line[SK_META_EFFECTIVE], 1,
                                   "effective %s is before the date of issue %s", ef, is);
        sk_diag_hint(dg, "a standard takes effect on or after the day it is issued");
    }
}

/* A title that starts as a spreadsheet formula does (=, +, -, @, a tab or a carriage
 * return: OWASP's list for CSV injection): stdgen's system CSV neutralises it, but
 * any other tool that copies the title into a spreadsheet would run it. */
static void check_title_formula(const sk_doc *doc, sk_diags *d)
{
    static const int keys[] = { SK_META_TITLE, SK_META_PART_TITLE, SK_META_TITLE_EN, SK_META_PART_TITLE_EN };
    static const char *const names[] = { "title", "part_title", "title_en", "part_title_en" };
    const sk_meta *m = doc->meta;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        const char *t = m->str[keys[k]];
        if (!t || !*t || !strchr("=+-@\t\r", *t))
            continue;
        char c[3] = { *t, 0, 0 };
        const char *shown = *t == '\t' ? "a tab" : *t == '\r' ? "a carriage return" : c;
        sk_diag *dg = sk_diag_emit(d, SK_R_TITLE_FORMULA, doc->src->path, m->line[keys[k]], 1,
                                   "'%s' starts with %s%s%s: a spreadsheet would take it for a formula", names[k],
                                   strlen(shown) == 1 ? "'" : "", shown, strlen(shown) == 1 ? "'" : "");
        sk_diag_hint(dg, "start the title with its first word (stdgen's system CSV writes it as text, other tools may not)");
    }
}

/* Base name of path. */
static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void check_file_name(const sk_doc *doc, const sk_system *sys, sk_diags *d)
{
    const sk_meta *m = doc->meta;
    sk_numparts parts;
    if (!sys->file_pattern || !m->str[SK_META_NUMBER] || sk_system_match_number(sys, m->str[SK_META_NUMBER], &parts) < 0)
        return;
    char *want = sk_system_format(sys->file_pattern, &parts);
    const char *base = base_name(doc->src->path);
    size_t n = strlen(want);
    if (strncmp(base, want, n) || (base[n] && base[n] != '-' && base[n] != '_' && base[n] != '.')) {
        sk_diag *dg = sk_diag_emit(d, SK_R_FILE_NAME, doc->src->path, m->line[SK_META_NUMBER], 1,
                                   "the file of %s is named %s; the system's file pattern wants it to start with %s",
                                   m->str[SK_META_NUMBER], base, want);
        sk_diag_hint(dg, "rename the file to %s-….md, or correct the number", want);
    }
    free(want);
}

static int same_path(const char *a, const char *b)
{
    return !strcmp(a, b) || sk_fs_same_file(a, b);
}

static void check_number_unique(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *d)
{
    const char *num = doc->meta->str[SK_META_NUMBER];
    const sk_vec *v = num ? sk_catalog_index_number(ix, num) : NULL;
    for (size_t i = 0; v && i < v->len; i++) {
        const sk_entry *e = v->items[i];
        if (same_path(e->path, doc->src->path))
            continue;
        const char *other = strncmp(e->path, "./", 2) ? e->path : e->path + 2;
        sk_diag *dg = sk_diag_emit(d, SK_R_NUMBER_DUP, doc->src->path, doc->meta->line[SK_META_NUMBER], 1,
                                   "%s is also the number of %s", num, other);
        sk_diag_hint(dg, "every standard of a system has its own number");
        return;
    }
}

static const sk_entry *find_number(const sk_catalog_index *ix, const char *number)
{
    const sk_vec *v = sk_catalog_index_number(ix, number);
    return v && v->len ? v->items[0] : NULL;
}

/* replaces / replaced_by name standards of the system, and the replaces chain ends. */
static void check_replaces(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *d)
{
    const sk_meta *m = doc->meta;
    const char *file = doc->src->path, *self = m->str[SK_META_NUMBER];
    const sk_strlist *rep = &m->list[SK_META_REPLACES];
    for (size_t i = 0; i < rep->n; i++)
        if (!find_number(ix, rep->v[i])) {
            sk_diag *dg = sk_diag_emit(d, SK_R_REPLACES_UNKNOWN, file, m->line[SK_META_REPLACES], 1,
                                       "replaces %s, which is not a standard of the system", rep->v[i]);
            sk_diag_hint(dg, "keep the replaced edition in the system with status: withdrawn, or correct the number");
        }
    const char *by = m->str[SK_META_REPLACED_BY];
    if (by && !find_number(ix, by)) {
        sk_diag *dg = sk_diag_emit(d, SK_R_REPLACES_UNKNOWN, file, m->line[SK_META_REPLACED_BY], 1,
                                   "replaced_by %s, which is not a standard of the system", by);
        sk_diag_hint(dg, "correct the number, or add the new edition to the system");
    }
    if (!self || !rep->n)
        return;
    /* follow replaces from this standard (breadth first); coming back to it is a cycle */
    sk_vec queue = { 0 };
    sk_map seen;
    sk_map_init(&seen);
    for (size_t i = 0; i < rep->n; i++)
        sk_vec_push(&queue, rep->v[i]);
    int cycle = 0;
    for (size_t q = 0; q < queue.len && !cycle; q++) {
        const char *num = queue.items[q];
        if (!strcmp(num, self)) {
            cycle = 1;
            break;
        }
        if (sk_map_get(&seen, num))
            continue;
        sk_map_put(&seen, num, (void *)num);
        const sk_entry *e = find_number(ix, num);
        for (size_t k = 0; e && e->meta && k < e->meta->list[SK_META_REPLACES].n; k++)
            sk_vec_push(&queue, e->meta->list[SK_META_REPLACES].v[k]);
    }
    if (cycle) {
        sk_diag *dg = sk_diag_emit(d, SK_R_REPLACES_CYCLE, file, m->line[SK_META_REPLACES], 1,
                                   "the replaces chain of %s leads back to %s", self, self);
        sk_diag_hint(dg, "a standard replaces only older editions; remove the replaces entry that closes the circle");
    }
    sk_vec_free(&queue);
    sk_map_free(&seen);
}

/* A standard checked without a system: its own number still has the shape every
 * standard number has (PREFIX NUMBER—YEAR), which the cover prints as written. A
 * draft's placeholder (GB/T XXXXX—XXXX) is left alone. */
static void check_number_shape(const sk_doc *doc, sk_diags *d)
{
    const sk_meta *m = doc->meta;
    const char *num = m->str[SK_META_NUMBER];
    if (!num || !*num || strpbrk(num, "Xx") || strstr(num, "×"))
        return;
    size_t len = strlen(num);
    sk_stdnum sn;
    size_t end = sk_stdnum_match(num, len, 0, &sn);
    const char *why = NULL;
    if (!end || end != len)
        why = "it is not PREFIX NUMBER—YEAR (as in T/ZZCA 003—2024)";
    else if (sn.year < 0)
        why = "it has no year (a standard's own number is dated: …—2024)";
    else if (!sn.dash_ok)
        why = "the year is not joined by an em dash (U+2014 —)";
    else if (len - sn.code_end != strlen("—") + 4)
        why = "the year is not four digits";
    if (why) {
        sk_diag *dg = sk_diag_emit(d, SK_R_NUMBER_PATTERN, doc->src->path, m->line[SK_META_NUMBER], 1,
                                   "number '%s' is not shaped as a standard number: %s", num, why);
        sk_diag_hint(dg, "the cover prints the number as written; GB/T 1.1—2020 joins the year with —");
    }
}

/* What stdgen would refuse to write: figures it cannot load, tables Word cannot open. */
static void check_renderable(const sk_doc *doc, sk_diags *d)
{
    /* one walk for both (streams: the figures' findings first, as two walks gave) */
    sk_diag_streams S;
    char *dir = sk_fs_dirname(doc->src->path);
    sk_diag_stream_begin(d, &S, 2);
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        sk_diag_stream_to(d, &S, 0);
        sk_assets_check_node(doc, n, dir, d);
        if (n->type == SK_N_TABLE && n->table && n->table->ncols > SK_TABLE_MAX_COLS) {
            sk_diag_stream_to(d, &S, 1);
            sk_diag *dg = sk_diag_emit(d, SK_R_TABLE_WIDTH, doc->src->path, n->line, 1,
                                       "表%s has %d columns; Word opens tables of at most %d",
                                       n->num, n->table->ncols, SK_TABLE_MAX_COLS);
            sk_diag_hint(dg, "split the table, or turn it (rows for columns)");
        }
    }
    sk_diag_stream_end(d, &S);
    free(dir);
}

void sk_check_doc(const sk_doc *doc, const sk_catalog_index *ix, sk_diags *d)
{
    const sk_catalog *cat = ix ? ix->cat : NULL;
    sk_gbt_check(doc, d);
    sk_forms_check(doc, d);
    sk_refs_check(doc, cat && cat->sys ? ix : NULL, d);
    check_dates(doc, d);
    check_title_formula(doc, d);
    check_renderable(doc, d);
    if (!cat || !cat->sys)
        check_number_shape(doc, d);
    if (cat && cat->sys) {
        check_meta_against_system(doc, cat->sys, d);
        check_file_name(doc, cat->sys, d);
        check_number_unique(doc, ix, d);
        check_replaces(doc, ix, d);
    }
}

/* ---------- suppression directives (model/directive.h) ---------- */

typedef struct directives {
    const char *file;
    sk_directive **v;   /* in source order */
    size_t n;
} directives;

/* Bit of dir that concerns rule (1 << k for codes[k], 1 for a directive on every
 * code), 0 when it does not. */
static unsigned concerns(const sk_directive *dir, int rule)
{
    if (dir->all)
        return 1;
    for (int k = 0; k < dir->ncodes; k++)
        if (dir->codes[k] == rule)
            return 1u << k;
    return 0;
}

static int by_position(const void *a, const void *b)
{
    const sk_directive *x = *(sk_directive *const *)a, *y = *(sk_directive *const *)b;
    return x->line != y->line ? (x->line > y->line) - (x->line < y->line) : (x->col > y->col) - (x->col < y->col);
}

static int not_suppressed(const sk_diag *dg, void *ctx)
{
    directives *D = ctx;
    if (strcmp(dg->file, D->file) || dg->rule == SK_R_DIRECTIVE)
        return 1;
    sk_directive *by = NULL;
    unsigned bit = 0;
    for (size_t i = 0; i < D->n && !by; i++) {
        sk_directive *dir = D->v[i];
        unsigned b = concerns(dir, (int)dg->rule);
        if (b && (dir->kind == SK_DIRECTIVE_FILE ||
                  (dir->kind == SK_DIRECTIVE_LINE && dg->line >= dir->line && dg->line <= dir->end_line) ||
                  (dir->kind == SK_DIRECTIVE_NEXT_LINE && dg->line == dir->end_line + 1))) {
            by = dir;
            bit = b;
        }
    }
    /* ranges: the last disable or enable before the finding that names its code decides */
    if (!by) {
        for (size_t i = 0; i < D->n && dg->line > 0; i++) {
            sk_directive *dir = D->v[i];
            if (dir->line > dg->line)
                break;
            unsigned b = concerns(dir, (int)dg->rule);
            if (b && dir->kind == SK_DIRECTIVE_DISABLE) {
                by = dir;
                bit = b;
            } else if (b && dir->kind == SK_DIRECTIVE_ENABLE) {
                by = NULL;
            }
        }
    }
    if (!by)
        return 1;
    by->used |= bit;
    return 0;
}

/* Checks that run only against a system: a directive for them is not unused when
 * the standard was checked alone. */
static int needs_system(int rule)
{
    switch (rule) {
    case SK_R_STDREF_UNKNOWN: case SK_R_STDREF_YEAR: case SK_R_STDREF_WITHDRAWN: case SK_R_NORMREF_TITLE:
    case SK_R_NUMBER_PATTERN: case SK_R_CATEGORY_UNKNOWN: case SK_R_GROUP_UNKNOWN: case SK_R_NUMBER_DUP:
    case SK_R_FILE_NAME: case SK_R_REPLACES_UNKNOWN: case SK_R_REPLACES_CYCLE: case SK_R_FORM_DUP:
        return 1;
    default:
        return 0;
    }
}

static const char *kind_word(sk_directive_kind k)
{
    switch (k) {
    case SK_DIRECTIVE_LINE: return "disable-line";
    case SK_DIRECTIVE_NEXT_LINE: return "disable-next-line";
    case SK_DIRECTIVE_FILE: return "disable-file";
    case SK_DIRECTIVE_ENABLE: return "enable";
    default: return "disable";
    }
}

void sk_check_apply_directives(const sk_doc *doc, sk_diags *d, size_t start, int with_system)
{
    if (!doc->directives.len)
        return;
    directives D = { .file = doc->src->path, .n = doc->directives.len };
    D.v = sk_malloc(D.n * sizeof *D.v);
    memcpy(D.v, doc->directives.items, D.n * sizeof *D.v);
    qsort(D.v, D.n, sizeof *D.v, by_position);
    for (size_t i = 0; i < D.n; i++)
        D.v[i]->used = 0;
    sk_diag_filter(d, start, not_suppressed, &D);
    for (size_t i = 0; i < D.n; i++) {
        const sk_directive *dir = D.v[i];
        if (dir->kind == SK_DIRECTIVE_ENABLE)
            continue;
        if (dir->all && !dir->used) {
            sk_diag *dg = sk_diag_emit(d, SK_R_SUPPRESS_UNUSED, D.file, dir->line, dir->col,
                                       "stdcheck-%s suppresses nothing here", kind_word(dir->kind));
            sk_diag_hint(dg, "remove the comment");
        }
        for (int k = 0; !dir->all && k < dir->ncodes; k++) {
            int r = dir->codes[k];
            if ((dir->used & (1u << k)) || d->disabled[r] || d->conf_disabled[r] || (!with_system && needs_system(r)))
                continue;
            sk_diag *dg = sk_diag_emit(d, SK_R_SUPPRESS_UNUSED, D.file, dir->line, dir->col,
                                       "stdcheck-%s %s suppresses nothing here", kind_word(dir->kind),
                                       sk_rule_get((sk_rule_id)r)->code);
            sk_diag_hint(dg, "the finding it was written for is gone: remove the code from the comment");
        }
    }
    free(D.v);
}

/* The form IDs of a system's standards: id → sk_vec of form_at*, read (a line scan,
 * no parse) the first time a standard with a form is checked against the system. */
typedef struct form_at {
    const char *path;
    int line;
} form_at;

static sk_map *form_index_new(const sk_catalog *cat)
{
    sk_map *m = sk_malloc(sizeof *m);
    sk_map_init(m);
    for (size_t i = 0; i < cat->n; i++) {
        sk_vec decls = { 0 };
        if (sk_form_scan(cat->v[i].path, &decls) < 0)
            continue;
        for (size_t k = 0; k < decls.len; k++) {
            const sk_form_decl *dc = decls.items[k];
            sk_vec *v = sk_map_get(m, dc->id);
            if (!v) {
                v = sk_calloc(1, sizeof *v);
                sk_map_put(m, dc->id, v);
            }
            form_at *at = sk_malloc(sizeof *at);
            at->path = cat->v[i].path;
            at->line = dc->line;
            sk_vec_push(v, at);
        }
        sk_form_decls_free(&decls);
    }
    return m;
}

void sk_check_form_index_free(sk_map *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i] && m->vals[i]) {
            sk_vec *v = m->vals[i];
            for (size_t k = 0; k < v->len; k++)
                free(v->items[k]);
            sk_vec_free(v);
            free(v);
        }
    sk_map_free(m);
    free(m);
}

/* A form ID another standard of the system uses too. */
void sk_check_form_ids(const sk_doc *doc, sk_map **index, const sk_catalog *cat, sk_diags *d)
{
    for (size_t i = 0; i < doc->forms.len; i++) {
        const sk_node *n = doc->forms.items[i];
        if (n->type != SK_N_SECTION || n->sect != SK_S_ANNEX)
            continue;
        if (!*index)
            *index = form_index_new(cat);
        const sk_vec *v = sk_map_get(*index, n->form);
        for (size_t k = 0; v && k < v->len; k++) {
            const form_at *at = v->items[k];
            if (same_path(at->path, doc->src->path))
                continue;
            const char *other = strncmp(at->path, "./", 2) ? at->path : at->path + 2;
            sk_diag *dg = sk_diag_emit(d, SK_R_FORM_DUP, doc->src->path, n->line, 1,
                                       "form ID '%s' is also used by %s:%d", n->form, other, at->line);
            sk_diag_hint(dg, "every form of a system has its own ID (stdform finds forms by it)");
            break;
        }
    }
}
