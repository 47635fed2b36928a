/* The layout's shortcuts give what the long way gives: a table measured once, the
 * references and headings the 目次 estimate keeps, the map by address, labels. */
#include "model/display.h"
#include "layout/grid.h"
#include "layout/labels.h"
#include "layout/style.h"
#include "layout/toc.h"
#include "helpers.h"

static void test_toc_map_sets_gets_and_grows(void **state)
{
    (void)state;
    sk_toc_map m = { 0 };
    static int v[1000];
    assert_null(sk_toc_map_get(&m, &v[0]));
    for (int i = 0; i < 1000; i++)
        sk_toc_map_put(&m, &v[i], &v[999 - i]);
    sk_toc_map_put(&m, &v[7], &v[7]); /* the last put wins */
    sk_toc_map_put(&m, NULL, &v[0]);  /* no NULL key */
    assert_int_equal(m.len, 1000);
    for (int i = 0; i < 1000; i++)
        assert_ptr_equal(sk_toc_map_get(&m, &v[i]), i == 7 ? &v[7] : &v[999 - i]);
    assert_null(sk_toc_map_get(&m, NULL));
    assert_null(sk_toc_map_get(&m, (char *)&v[999] + 1));
    sk_toc_map_free(&m);
    assert_null(sk_toc_map_get(&m, &v[0]));
}

/* Tables with what a cell's measure looks at: 汉字, Latin words, a number after a
 * space, '—' and '–' (no break), Hangul (ED lead), two- and four-byte characters, a
 * line break, a short header. */
#define TABLES                                                                                                 \
    FM "# 范围\n\n表：甲\n\n| 序号 | 说明 | 标准 |\n|---|---|---|\n"                                            \
       "| 1 | 这是一段说明文字，它会折成好几行。<br>second line of it | SJDJ/JB 02—2019 |\n"                       \
       "| 2 | 한국어 text – and more words | GB/T 1.1—2020 ab cd 12 |\n"                                      \
       "| 3 | Привет × 5° क 😀 … ① | x |\n\n"                                                                 \
       "表：乙\n\n| 名称 | 内容 | 备注 |\n|---|---|---|\n"                                                      \
       "| 一 | 很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长 | x |\n"

static void test_a_measure_gives_the_widths_of_measuring_again(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(TABLES, &d);
    assert_non_null(doc);
    const sk_node *a = first_of(doc, SK_N_TABLE), *b = a->next;
    while (b && b->type != SK_N_TABLE)
        b = b->next;
    assert_non_null(b);
    for (int which = 0; which < 2; which++) {
        const sk_table *t = which ? b->table : a->table;
        sk_grid_measure m;
        sk_grid_measure_init(&m, t, t->nheader);
        double w1[3], w2[3], w3[3];
        sk_grid_widths_for(t, t->nheader, SK_TEXT_W_TW, w1);
        sk_grid_widths_measured(t, t->nheader, SK_TEXT_W_TW, &m, w2);
        assert_memory_equal(w1, w2, sizeof w1);
        sk_grid_widths_for(t, t->nheader, SK_TEXT_W_LAND_TW, w1);
        sk_grid_widths_measured(t, t->nheader, SK_TEXT_W_LAND_TW, &m, w2);
        assert_memory_equal(w1, w2, sizeof w1);
        assert_int_equal(sk_grid_landscape(t, t->nheader), sk_grid_landscape_measured(t, t->nheader, &m));
        /* a measure of another table, or with other header rows, is not taken */
        const sk_table *o = which ? a->table : b->table;
        sk_grid_widths_measured(o, o->nheader, SK_TEXT_W_TW, &m, w2);
        sk_grid_widths_for(o, o->nheader, SK_TEXT_W_TW, w3);
        assert_memory_equal(w2, w3, sizeof w2);
        sk_grid g1, g2;
        sk_grid_init_for(&g1, t, 1);
        sk_grid_init_measured(&g2, t, 1, &m);
        assert_int_equal(g1.landscape, g2.landscape);
        assert_int_equal(g1.text_w, g2.text_w);
        assert_memory_equal(g1.width, g2.width, 3 * sizeof *g1.width);
        sk_grid_free(&g1);
        sk_grid_free(&g2);
        sk_grid_measure_free(&m);
    }
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_the_toc_keeps_what_it_measured(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(TABLES "\n见表1和第1章。\n\n## 子条\n\n文字。\n", &d);
    assert_non_null(doc);
    sk_toc t;
    sk_toc_build(&t, doc, NULL);
    const sk_node *tab = first_of(doc, SK_N_TABLE);
    const sk_grid_measure *m = sk_toc_measure(&t, tab->table);
    assert_non_null(m);
    assert_ptr_equal(m->t, tab->table);
    assert_null(sk_toc_measure(&t, NULL));
    assert_null(sk_toc_measure(NULL, tab->table));
    int refs = 0;
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        for (size_t i = 0; n->type == SK_N_PARA && i < n->in.n; i++)
            if (n->in.v[i].type == SK_I_REF) {
                char *want = sk_display_ref(&n->in.v[i]);
                const char *got = sk_toc_ref(&t, &n->in.v[i]);
                assert_non_null(got);
                assert_string_equal(got, want);
                free(want);
                refs++;
            }
    assert_true(refs >= 1);
    assert_null(sk_toc_ref(NULL, NULL));
    sk_toc_free(&t);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_item_markers_in_a_buffer(void **state)
{
    (void)state;
    sk_diags d;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 范围\n\n");
    for (int i = 0; i < 30; i++)
        sk_buf_printf(&b, "%d. 项\n", i + 1);
    sk_buf_puts(&b, "\n文字。\n\n- 甲\n- 乙\n");
    sk_doc *doc = parse_str(b.data, &d);
    sk_buf_free(&b);
    assert_non_null(doc);
    int items = 0;
    for (const sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (n->type != SK_N_ITEM)
            continue;
        char buf[SK_LABELS_MARKER_SIZE], *want = sk_labels_item_marker(n);
        assert_string_equal(sk_labels_item_marker_in(n, buf), want);
        if (items == 0)
            assert_string_equal(want, "a)");
        if (items == 26)
            assert_string_equal(want, "aa)");
        if (items == 30)
            assert_string_equal(want, "——");
        free(want);
        items++;
    }
    assert_int_equal(items, 32);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_page_labels(void **state)
{
    (void)state;
    char out[16];
    sk_toc_page_label(12, 0, out);
    assert_string_equal(out, "12");
    sk_toc_page_label(0, 0, out);
    assert_string_equal(out, "0");
    sk_toc_page_label(-3, 0, out);
    assert_string_equal(out, "-3");
    sk_toc_page_label(2147483647, 0, out);
    assert_string_equal(out, "2147483647");
    sk_toc_page_label(4, 1, out);
    assert_string_equal(out, "IV");
    sk_toc_page_label(4000, 1, out);
    assert_string_equal(out, "4000");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_toc_map_sets_gets_and_grows),
        cmocka_unit_test(test_a_measure_gives_the_widths_of_measuring_again),
        cmocka_unit_test(test_the_toc_keeps_what_it_measured),
        cmocka_unit_test(test_item_markers_in_a_buffer),
        cmocka_unit_test(test_page_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
