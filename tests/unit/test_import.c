/* stdimport's round trip: every standard of the shipped system and every fixture,
 * written by stdgen's DOCX writer, read back by the DOCX reader, recognised
 * (model/import), written as source (write/markdown) and read again, gives the
 * same model as the original: the same text, numbers, titles, captions, terms,
 * notes, lists, tables, formulas (compared as StarMath) and references resolving
 * to the same targets. What cannot come back is set aside alike in both models
 * before they are compared, and said here:
 *   - how a number or reference was written (num_written, [](#id) or "见5.2", the
 *     anchor names): the document shows the number, not how it was typed;
 *   - a form annex's fields and repeat rows ({{name}}, {{#list}}): a blank form
 *     prints empty cells and blank rows; form annexes are compared by title only;
 *   - column widths, and whether a table without spans was written as HTML;
 *   - source line breaks inside a paragraph (printed as nothing or a space). */
#include "helpers.h"

#include <dirent.h>
#include <stdio.h>
#include <unistd.h>

#include "base/fs.h"
#include "input/catalog.h"
#include "input/ooxml.h"
#include "input/system.h"
#include "model/dump.h"
#include "model/build.h"
#include "model/import.h"
#include "model/imstyle.h"
#include "text/math.h"
#include "write/docx.h"
#include "write/markdown.h"

static void merge_text(sk_inlines *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type == SK_I_FIELD || (in->type == SK_I_TEXT && !*in->text)) {
            sk_inline_clear(in);
            continue;
        }
        if (in->type == SK_I_SOFTBREAK) {
            free(in->text);
            in->text = sk_strdup("");
            in->type = SK_I_TEXT;
        }
        if (in->type == SK_I_STDREF || in->type == SK_I_INDEX) { /* 索引 marks print as their text */
            in->type = SK_I_TEXT;
            free(in->target);
            in->target = NULL;
        }
        if (in->type == SK_I_MATH) { /* inline formulas: as StarMath */
            sk_math_err me;
            sk_math *m = sk_math_parse(in->text, strlen(in->text), &me);
            if (m) {
                free(in->text);
                in->text = sk_math_starmath(m);
                sk_math_free(m);
            }
            sk_math_free(in->math);
            in->math = NULL;
        }
        if (w && l->v[w - 1].type == SK_I_TEXT && in->type == SK_I_TEXT && l->v[w - 1].flags == in->flags) {
            char *j = sk_asprintf("%s%s", l->v[w - 1].text, in->text);
            free(l->v[w - 1].text);
            l->v[w - 1].text = j;
            sk_inline_clear(in);
            continue;
        }
        l->v[w++] = *in;
    }
    l->n = w;
    for (size_t i = 0; i < l->n; i++) {
        sk_inline *in = &l->v[i];
        if (in->type == SK_I_REF) {
            free(in->text);
            free(in->target);
            in->text = in->target = NULL;
            in->ref_kind = SK_REF_ANCHOR;
        }
        if (in->type == SK_I_TEXT) {
            /* spaces are what a source line break or a cell's edge leaves */
            char *s = in->text, *d = s;
            for (; *s; s++)
                if (*s != ' ')
                    *d++ = *s;
            *d = '\0';
        }
    }
}

static void normalise(sk_doc *doc)
{
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        free(n->num_written);
        n->num_written = NULL;
        free(n->id);
        n->id = NULL;
        merge_text(&n->in);
        if (n->type == SK_N_FORMULA || n->type == SK_N_WHERE_ITEM) {
            char *sm = n->math ? sk_math_starmath(n->math) : NULL;
            free(n->src);
            n->src = sm;
        }
        if (n->table) {
            n->table->html = 0;
            free(n->table->width);
            n->table->width = NULL;
            for (size_t r = 0; r < n->table->nrows; r++) {
                free(n->table->rows[r].repeat);
                n->table->rows[r].repeat = NULL;
                for (int c = 0; c < n->table->ncols; c++)
                    merge_text(&n->table->rows[r].cells[c].in);
            }
        }
        if (n->form) {
            /* a form annex: printed blank, compared by its title */
            free(n->form);
            n->form = NULL;
            while (n->first) {
                sk_node *k = n->first;
                n->first = k->next;
                k->parent = k->next = k->prev = NULL;
                sk_node_free(k);
            }
            n->last = NULL;
        }
    }
    for (size_t i = 0; i < doc->refs.len; i++)
        ((sk_inline *)doc->refs.items[i])->line = 0;
}

/* The dump without the standards' cited list (its positions and blocks) and the
 * lines that name form annexes' contents. */
static char *dump_of(sk_doc *doc, int with_system)
{
    /* with a written 前言 these fields reach no document */
    int written_fw = sk_doc_section(doc, SK_S_FOREWORD) != NULL;
    /* a draft's cover prints blanks for the dates (layout/cover.h): the planned ones
     * stay in its front matter and reach no document */
    const char *stage = sk_meta_get(doc->meta, STAGE);
    int draft = stage && *stage && strcmp(stage, "发布稿");
    sk_buf b;
    sk_buf_init(&b);
    normalise(doc);
    sk_dump_doc(&b, doc, 0);
    /* the meta keys that do not reach a document */
    sk_buf out;
    sk_buf_init(&out);
    for (char *line = strtok(b.data, "\n"); line; line = strtok(NULL, "\n")) {
        if (!with_system && !strncmp(line, "meta category", 13))
            continue;
        if (written_fw && (!strncmp(line, "meta proposer", 13) || !strncmp(line, "meta owner", 10) ||
                           !strncmp(line, "meta drafting_units", 19) || !strncmp(line, "meta drafters", 13)))
            continue;
        if (draft && (!strncmp(line, "meta issued=", 12) || !strncmp(line, "meta effective=", 15)))
            continue;
        if (!strncmp(line, "meta replaced_by", 16) || !strncmp(line, "meta group", 10) || !strncmp(line, "stdref", 6))
            continue;
        if (!strncmp(line, "anchors=", 8)) { /* ids are given to what is referred to */
            const char *r = strstr(line, "refs=");
            sk_buf_printf(&out, "%.*s\n", r ? (int)strcspn(r, " ") : 0, r ? r : "");
            continue;
        }
        sk_buf_printf(&out, "%s\n", line);
    }
    sk_buf_free(&b);
    return sk_buf_detach(&out);
}

static int round_trip(const char *path, const sk_system *sys, const char *tmp)
{
    sk_diags d;
    sk_diag_init(&d);
    sk_err err;
    sk_err_clear(&err);
    sk_doc *orig = NULL, *back = NULL;
    assert_int_equal(sk_model_load(&orig, path, SK_MODEL_FOREWORD, &d, &err), 0);
    char *docx = sk_asprintf("%s/rt.docx", tmp);
    unlink(docx);
    assert_int_equal(sk_docx_write(orig, docx, &err), 0);
    sk_flow flow;
    assert_int_equal(sk_ooxml_read(&flow, docx, &err), 0);
    sk_doc *built = NULL;
    sk_import_result res;
    sk_import_opts io = { .sys = sys, .figdir = "figures", .stem = "x" };
    sk_import_build(&built, &res, &flow, docx, &io);
    sk_buf md;
    sk_buf_init(&md);
    sk_markdown_write(&md, built);
    sk_source *src = NULL;
    /* the source sits where the original did: its figures resolve alike */
    assert_int_equal(sk_source_make(&src, path, md.data, md.len, &d), 1);
    assert_int_equal(sk_model_build(&back, src, SK_MODEL_FOREWORD, &d, &err), 0);
    /* figures: the import names them figures/x-N; compare with the original's order */
    size_t fi = 0;
    for (sk_node *n = back->root; n; n = sk_node_walk_next(back->root, n, 1))
        if (n->type == SK_N_FIGURE) {
            sk_node *o = orig->root;
            size_t k = 0;
            for (; o; o = sk_node_walk_next(orig->root, o, 1))
                if (o->type == SK_N_FIGURE && k++ == fi)
                    break;
            if (o) {
                free(n->src);
                n->src = sk_strdup(o->src);
            }
            fi++;
        }
    /* form annexes: the DOCX does not say which annex is a form; the original does */
    {
        sk_node *o = orig->root->first, *k = back->root->first;
        for (; o && k; o = o->next, k = k->next) {
            while (o && o->sect != SK_S_ANNEX)
                o = o->next;
            while (k && k->sect != SK_S_ANNEX)
                k = k->next;
            if (!o || !k)
                break;
            if (o->form && !k->form)
                k->form = sk_strdup(o->form);
        }
    }
    /* a draft's cover prints XXXX-XX-XX for its dates (GB/T 1.1—2020: not fixed before
     * publication): the DOCX has none to read; the original has them */
    if (sk_meta_get(orig->meta, STAGE) || orig->meta->status == SK_STATUS_DRAFT) {
        static const sk_meta_key dates[] = { SK_META_ISSUED, SK_META_EFFECTIVE };
        for (size_t i = 0; i < 2; i++) {
            assert_null(back->meta->str[dates[i]]);
            if (orig->meta->str[dates[i]])
                sk_build_meta(back, dates[i], orig->meta->str[dates[i]]);
        }
    }
    char *a = dump_of(orig, sys != NULL), *b = dump_of(back, sys != NULL);
    int same = !strcmp(a, b);
    if (!same) {
        char *fa = sk_asprintf("%s/orig.dump", tmp), *fb = sk_asprintf("%s/back.dump", tmp);
        sk_fs_write_atomic(fa, a, strlen(a), &err);
        sk_fs_write_atomic(fb, b, strlen(b), &err);
        char *cmd = sk_asprintf("diff %s %s | head -20 >&2; cp %s/rt.docx /tmp/stdimport-rt-failed.docx", fa, fb,
                                tmp);
        fprintf(stderr, "round trip differs: %s\n", path);
        if (system(cmd) < 0)
            fprintf(stderr, "(diff failed)\n");
        fprintf(stderr, "--- source written:\n%.3000s\n", md.data);
        free(cmd);
        free(fa);
        free(fb);
    }
    free(a);
    free(b);
    sk_buf_free(&md);
    sk_doc_free(back);
    sk_doc_free(built);
    sk_import_result_free(&res);
    sk_flow_free(&flow);
    sk_doc_free(orig);
    sk_diag_free(&d);
    unlink(docx);
    free(docx);
    return same;
}

static void corpus(const char *dir, const char *sysdir, int *n, int *bad, const char *tmp)
{
    sk_system *sys = NULL;
    if (sysdir) {
        char *sp = sk_fs_join(sysdir, "system.yaml");
        sk_diags d;
        sk_diag_init(&d);
        sk_err err;
        if (sk_system_load(&sys, sp, &d, &err) < 0)
            sys = NULL;
        sk_diag_free(&d);
        free(sp);
    }
    DIR *dd = opendir(dir);
    assert_non_null(dd);
    struct dirent *e;
    sk_vec names = { 0 };
    while ((e = readdir(dd)))
        if (sk_str_ends_with(e->d_name, ".md") && strcmp(e->d_name, "README.md") &&
            !sk_str_ends_with(e->d_name, SK_CATALOG_EXPLANATION)) /* a companion, not a standard */
            sk_vec_push(&names, sk_fs_join(dir, e->d_name));
    closedir(dd);
    for (size_t i = 0; i < names.len; i++) {
        (*n)++;
        if (!round_trip(names.items[i], sys, tmp))
            (*bad)++;
        free(names.items[i]);
    }
    sk_vec_free(&names);
    if (sys)
        sk_system_free(sys);
}

static void test_round_trip_corpus(void **state)
{
    (void)state;
    char tmp[] = "/tmp/stdimport-rt-XXXXXX";
    assert_non_null(mkdtemp(tmp));
    int n = 0, bad = 0;
    corpus("standards", "standards", &n, &bad, tmp);
    corpus("tests/fixtures/group-standard", NULL, &n, &bad, tmp);
    corpus("tests/fixtures/formulas", NULL, &n, &bad, tmp);
    char *cmd = sk_asprintf("rm -rf %s", tmp);
    if (system(cmd) < 0)
        fprintf(stderr, "cannot remove %s\n", tmp);
    free(cmd);
    fprintf(stderr, "round trip: %d of %d standards give the same model\n", n - bad, n);
    assert_true(n >= 24);
    assert_int_equal(bad, 0);
}

/* sk_markdown_write of a model read from Markdown reads back as the same model, for
 * the parts around tables and figures (units, notes, footnotes, keys, subfigures) and
 * examples of several paragraphs (issue 16's constructs). */
static void test_markdown_write_reads_back(void **state)
{
    (void)state;
    static const char *const files[] = {
        "tests/fixtures/floats/floats.md",          "tests/cases/structure/footnote-ok.md",
        "tests/cases/structure/figure-key-ok.md",   "tests/cases/structure/subfigure-ok.md",
        "tests/cases/structure/unit-statement-ok.md", "tests/cases/structure/note-number-row-ok.md",
        "tests/cases/structure/provision-in-info-example-ok.md",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        sk_diags d;
        sk_diag_init(&d);
        sk_err err;
        sk_err_clear(&err);
        sk_doc *orig = NULL, *back = NULL;
        assert_int_equal(sk_model_load(&orig, files[i], 0, &d, &err), 0);
        sk_buf md;
        sk_buf_init(&md);
        sk_markdown_write(&md, orig);
        sk_source *src = NULL;
        assert_int_equal(sk_source_make(&src, files[i], md.data, md.len, &d), 1);
        assert_int_equal(sk_model_build(&back, src, 0, &d, &err), 0);
        sk_buf a, b;
        sk_buf_init(&a);
        sk_buf_init(&b);
        sk_dump_doc(&a, orig, 0);
        sk_dump_doc(&b, back, 0);
        sk_buf_puts(&a, "");
        sk_buf_puts(&b, "");
        /* an HTML table the writer can write as a pipe table (its notes row now notes) */
        for (char *p = a.data; (p = strstr(p, " html\n"));)
            memmove(p, p + 5, strlen(p + 5) + 1);
        if (strcmp(a.data, b.data)) {
            size_t k = 0;
            while (a.data[k] && a.data[k] == b.data[k])
                k++;
            size_t from = k > 300 ? k - 300 : 0;
            fail_msg("%s: written and read back differs at byte %zu:\nread:  %.500s\nback:  %.500s\n--- written:\n%.3000s",
                     files[i], k, a.data + from, b.data + from, md.data);
        }
        sk_buf_free(&a);
        sk_buf_free(&b);
        sk_buf_free(&md);
        sk_doc_free(back);
        sk_doc_free(orig);
        sk_diag_free(&d);
    }
}

/* docs/import.md's table of style names is the table the import uses: every row
 * of model/imstyle as a line of the page, and no other row in that table. */
static void test_style_table_documented(void **state)
{
    (void)state;
    char *page = NULL;
    size_t len = 0;
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_fs_read(&page, &len, "docs/import.md", 1 << 20, &err), 0);
    const char *start = strstr(page, "| style name | role |");
    assert_non_null(start);
    const char *end = strstr(start, "\n\n");
    assert_non_null(end);
    size_t rows = 0;
    for (const char *p = start; p < end; p++)
        rows += *p == '\n';
    const char *name;
    char meaning[96];
    size_t i = 0;
    for (; sk_imstyle_row(i, &name, meaning, sizeof meaning); i++) {
        char *line = sk_asprintf("\n| %s | %s |\n", name, meaning);
        const char *at = strstr(start, line);
        if (!at || at > end)
            fail_msg("docs/import.md lacks the row %s", line);
        free(line);
    }
    assert_int_equal(rows - 1, i); /* the header and its rule are two lines; the last row ends at end */
    /* and a name of the table gives its role */
    int level, ordered;
    assert_int_equal(sk_imstyle_role("标准文件_二级条标题", &level, &ordered), SK_IMR_HEADING);
    assert_int_equal(level, 3);
    assert_int_equal(sk_imstyle_role("Heading 4", &level, &ordered), SK_IMR_HEADING);
    assert_int_equal(level, 4);
    assert_int_equal(sk_imstyle_role("toc 2", &level, &ordered), SK_IMR_TOC);
    free(page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_corpus),
        cmocka_unit_test(test_markdown_write_reads_back),
        cmocka_unit_test(test_style_table_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
