#include "model/display.h"
#include "model/foreword.h"
#include "layout/grid.h"
#include "layout/style.h"
#include "helpers.h"
#include "layout/index.h"

#include "gbt.h"
#include "text/pinyin.h"
#include "text/stdnum.h"

static const char STD[] = FM
    "# 前言\n"                                        /* 7 */
    "\n"
    "本文件按照GB/T 1.1—2020的规定起草。\n"              /* 9 */
    "\n"
    "# 1 范围\n"                                      /* 11 */
    "\n"
    "本文件规定了活动。\n"
    "\n"
    "# 2 规范性引用文件\n"                              /* 15 */
    "\n"
    "本文件没有规范性引用文件。\n"
    "\n"
    "# 3 术语和定义\n"                                 /* 19 */
    "\n"
    "下列术语和定义适用于本文件。\n"
    "\n"
    "## 3.1 党员活动日 {#t-day}\n"                      /* 23 */
    "\n"
    "party member activity day\n"
    "\n"
    "每月固定一天。\n"
    "\n"
    "# 4 活动内容 {#content}\n"                          /* 29 */
    "\n"
    "## 4.1 固定内容\n"                                 /* 31 */
    "\n"
    "见[](#t-day)，按附录A填写表1和\n"                   /* 33 */
    "表2。\n"
    "\n"
    "表：活动记录 {#tab-a}\n"                            /* 36 */
    "\n"
    "| 日期 | 主题 |\n"                                  /* 38 */
    "|---|---|\n"
    "| {{#items}}{{date}} | {{topic\\|无}}{{/items}} |\n"  /* 40: \\| inside a pipe table */
    "\n"
    "注1：第一条注。\n"                                  /* 42 */
    "\n"
    "注2：第二条注。\n"
    "\n"
    "## 4.2 自选内容\n"                                 /* 46 */
    "\n"
    "- 学习；\n"
    "  - 讨论；\n"
    "- 服务。\n"
    "\n"
    "示例：一次活动。\n"                                 /* 52 */
    "\n"
    "表：第二表\n"
    "\n"
    "<table><tr><th colspan=\"2\">合并</th><th>c</th></tr>\n"
    "<tr><td rowspan=\"2\">a</td><td>b</td><td>x</td></tr>\n"
    "<tr><td>y</td><td>z</td></tr></table>\n"
    "\n"
    "# 附录A（规范性）记录表 {#annex-a form=record}\n"     /* 60 */
    "\n"
    "![运行图](fig.png){#fig-a}\n"                       /* 62 */
    "\n"
    "{{name}}同志：\n";

/* A model that cannot be built leaves the source to the caller (who frees it once:
 * under ASan a second free or a leak fails the test). The failure is real: a wide
 * header over many short rows, refused before cmark-gfm fills its cells. */
static void test_model_build_failure_leaves_the_source_to_the_caller(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 1 范围\n\n|");
    for (int i = 0; i < 3000; i++)
        sk_buf_puts(&b, "a|");
    sk_buf_puts(&b, "\n|");
    for (int i = 0; i < 3000; i++)
        sk_buf_puts(&b, "-|");
    sk_buf_puts(&b, "\n");
    for (int i = 0; i < 3000; i++)
        sk_buf_puts(&b, "|\n");
    sk_diags d;
    sk_diag_init(&d);
    sk_source *src = NULL;
    assert_int_equal(sk_source_make(&src, "t.md", b.data, b.len, &d), 1);
    sk_doc *doc = (sk_doc *)&b; /* untouched on failure */
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_model_build(&doc, src, SK_MODEL_FOREWORD, &d, &err), -1);
    assert_ptr_equal(doc, (sk_doc *)&b);
    assert_string_equal(err.file, "t.md");
    assert_int_equal(err.line, FM_LINES + 3);
    assert_non_null(strstr(err.msg, "a table of 3000 columns and 3001 rows"));
    assert_string_equal(src->path, "t.md"); /* still ours */
    sk_source_free(src);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

/* The same rows under a narrow header are an ordinary table. */
static void test_model_build_takes_a_long_narrow_table(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 1 范围\n\n| a | b |\n|---|---|\n");
    for (int i = 0; i < 3000; i++)
        sk_buf_puts(&b, "| 1 |\n");
    sk_diags d;
    sk_doc *doc = parse_str(b.data, &d);
    assert_non_null(doc);
    const sk_node *t = first_of(doc, SK_N_TABLE);
    assert_non_null(t);
    assert_int_equal((int)t->table->nrows, 3001);
    sk_doc_free(doc);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

/* The pipe-table merge marks: "||" continues the cell on its left, "^^" the cell above. */
static void test_pipe_table_merge_marks(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围\n\n| a | b | c |\n|---|---|---|\n| x || y |\n| ^^ || z |\n| p | q | r |\n", &d);
    sk_node *t = first_of(doc, SK_N_TABLE);
    const sk_table *tb = t->table;
    assert_int_equal(tb->rows[1].cells[0].colspan, 2);
    assert_int_equal(tb->rows[1].cells[0].rowspan, 2);
    assert_true(tb->rows[1].cells[1].covered);
    assert_true(tb->rows[2].cells[0].covered);
    assert_true(tb->rows[2].cells[1].covered);
    assert_int_equal(tb->rows[2].cells[2].in.n, 1);
    assert_false(tb->rows[3].cells[0].covered);
    assert_int_equal(diag_count(&d, "table-merge"), 0);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_sections_kinds_and_numbers(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(STD, &d);
    assert_non_null(doc);
    sk_node *fw = nth_section(doc, 0);
    assert_int_equal(fw->sect, SK_S_FOREWORD);
    assert_string_equal(fw->num, "");
    assert_int_equal(nth_section(doc, 1)->sect, SK_S_SCOPE);
    assert_int_equal(nth_section(doc, 2)->sect, SK_S_NORMREF);
    sk_node *terms = nth_section(doc, 3);
    assert_int_equal(terms->sect, SK_S_TERMS);
    sk_node *term = nth_section(doc, 4);
    assert_int_equal(term->sect, SK_S_TERM);
    assert_string_equal(term->num, "3.1");
    assert_string_equal(term->title, "党员活动日");
    assert_string_equal(term->id, "t-day");
    sk_node *ch4 = nth_section(doc, 5);
    assert_int_equal(ch4->sect, SK_S_CHAPTER);
    assert_string_equal(ch4->num, "4");
    assert_string_equal(ch4->num_written, "4");
    assert_int_equal(ch4->line, 29);
    char *h = sk_display_heading(nth_section(doc, 6));
    assert_string_equal(h, "4.1\xE3\x80\x80固定内容");
    free(h);
    sk_node *annex = nth_section(doc, 8);
    assert_int_equal(annex->sect, SK_S_ANNEX);
    assert_string_equal(annex->num, "A");
    assert_int_equal(annex->annex_type, SK_ANNEX_NORMATIVE);
    assert_string_equal(annex->title, "记录表");
    assert_string_equal(annex->form, "record");
    char *label = sk_display_label(annex);
    assert_string_equal(label, "附录A");
    free(label);
    assert_int_equal((int)doc->forms.len, 1);
    assert_int_equal((int)d.len, 0);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_tables_captions_rows_and_spans(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(STD, &d);
    sk_node *t = first_of(doc, SK_N_TABLE);
    assert_string_equal(t->caption, "活动记录");
    assert_string_equal(t->id, "tab-a");
    assert_string_equal(t->num, "1");
    assert_int_equal(t->line, 36);
    assert_int_equal(t->table->ncols, 2);
    assert_int_equal(t->table->nheader, 1);
    /* repeat row markers moved to the row; fields stay in the cells */
    sk_row *r = &t->table->rows[1];
    assert_string_equal(r->repeat, "items");
    assert_int_equal(r->cells[0].in.v[0].type, SK_I_FIELD);
    assert_string_equal(r->cells[0].in.v[0].text, "date");
    assert_string_equal(r->cells[1].in.v[0].text, "topic");
    assert_string_equal(r->cells[1].in.v[0].target, "无");
    /* table notes are inside the table, numbered 1 and 2 */
    assert_int_equal(t->first->type, SK_N_NOTE);
    assert_int_equal(t->first->label_num, 1);
    assert_int_equal(t->first->label_assigned, 1);
    assert_int_equal(t->last->label_assigned, 2);
    /* HTML table: colspan/rowspan become covered cells on a full grid */
    sk_node *t2 = t->next;
    while (t2 && t2->type != SK_N_TABLE)
        t2 = t2->next;
    assert_null(t2); /* the second table is in 4.2, not 4.1 */
    t2 = nth_section(doc, 7)->last;
    assert_int_equal(t2->type, SK_N_TABLE);
    assert_string_equal(t2->num, "2");
    assert_int_equal(t2->table->ncols, 3);
    assert_int_equal((int)t2->table->nrows, 3);
    assert_int_equal(t2->table->nheader, 1);
    assert_int_equal(t2->table->rows[0].cells[0].colspan, 2);
    assert_true(t2->table->rows[0].cells[1].covered);
    assert_int_equal(t2->table->rows[1].cells[0].rowspan, 2);
    assert_true(t2->table->rows[2].cells[0].covered);
    char *z = sk_display_text(&t2->table->rows[2].cells[2].in);
    assert_string_equal(z, "z");
    free(z);
    assert_null(t2->table->width); /* the model fixes no widths: the layout measures them */
    double w[3], sum = 0;
    assert_int_equal(t2->table->ncols, 3);
    sk_grid_widths(t2->table, w);
    for (int c = 0; c < t2->table->ncols; c++)
        sum += w[c];
    assert_true(sum > 0.999 && sum < 1.001);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_references_resolve_to_nodes(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(STD, &d);
    /* 见[](#t-day), 附录A, 表1, 表2 */
    assert_int_equal((int)doc->refs.len, 4);
    sk_inline *r0 = doc->refs.items[0];
    assert_int_equal(r0->ref_kind, SK_REF_ANCHOR);
    assert_int_equal(r0->node->sect, SK_S_TERM);
    char *t = sk_display_ref(r0);
    assert_string_equal(t, "3.1");
    free(t);
    assert_int_equal(r0->line, 33);
    assert_int_equal(r0->col, 2);
    sk_inline *r1 = doc->refs.items[1];
    assert_int_equal(r1->ref_kind, SK_REF_ANNEX);
    assert_int_equal(r1->node->sect, SK_S_ANNEX);
    assert_int_equal(r1->col, 14);
    sk_inline *r3 = doc->refs.items[3];
    assert_int_equal(r3->ref_kind, SK_REF_TABLE);
    assert_string_equal(r3->node->num, "2");
    assert_int_equal(r3->line, 34); /* on the continuation line */
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_lists_notes_examples_figures(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(STD, &d);
    sk_node *l = first_of(doc, SK_N_LIST);
    assert_int_equal(l->level, 1);
    assert_false(l->ordered);
    sk_node *inner = l->first->last;
    assert_int_equal(inner->type, SK_N_LIST);
    assert_int_equal(inner->level, 2);
    sk_node *ex = first_of(doc, SK_N_EXAMPLE);
    assert_int_equal(ex->label_assigned, 0);
    char *txt = sk_display_text(&ex->in);
    assert_string_equal(txt, "一次活动。");
    free(txt);
    sk_node *fig = first_of(doc, SK_N_FIGURE);
    assert_string_equal(fig->caption, "运行图");
    assert_string_equal(fig->src, "fig.png");
    assert_string_equal(fig->id, "fig-a");
    assert_string_equal(fig->num, "A.1");
    char *lab = sk_display_label(fig);
    assert_string_equal(lab, "图A.1");
    free(lab);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_softbreak_joins_cjk_without_space(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围\n\n第一行\n第二行 and\nEnglish\n", &d);
    sk_node *p = first_of(doc, SK_N_PARA);
    char *t = sk_display_text(&p->in);
    assert_string_equal(t, "第一行第二行 and English");
    free(t);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_fields_with_defaults_in_text(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 附录A（规范性）表 {form=x}\n\n{{name}}同志于{{date|____年__月__日}}报到。{{not a field}}\n", &d);
    sk_node *p = first_of(doc, SK_N_PARA);
    assert_int_equal((int)p->in.n, 4);
    assert_int_equal(p->in.v[0].type, SK_I_FIELD);
    assert_string_equal(p->in.v[0].text, "name");
    assert_string_equal(p->in.v[2].target, "____年__月__日");
    assert_int_equal(p->in.v[3].type, SK_I_TEXT);
    assert_string_equal(p->in.v[3].text, "报到。{{not a field}}");
    sk_doc_free(doc);
    sk_diag_free(&d);
}

/* Inline formulas: pandoc's $ rules, the TeX from the source (escapes and emphasis
 * as written), in paragraphs, list items and cells; a bad one reported where it is. */
static void test_inline_formulas_split_from_text(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围\n\n"
                               "面积$S$不少于$60\\,\\mathrm{m}^2$，且$a*b*c$与$\\{x\\}$，费用$5 和 $10，价格\\$x\\$。\n\n" /* 9 */
                               "- 温度$T_{\\max}$不大于$\\frac{1}{2}$。\n\n"                                                        /* 11 */
                               "| 量 | 值 |\n|---|---|\n| 高 | $h \\geq 1.5$ |\n| 模 | $\\|x\\|$ |\n\n"                           /* 13-16 */
                               "坏的$\\foo$公式，`$code$`不是。\n",                                                                /* 18 */
                            &d);
    sk_node *p = first_of(doc, SK_N_PARA);
    static const struct { sk_inline_type t; const char *text; int bcol; } want[] = {
        { SK_I_TEXT, "面积", 1 }, { SK_I_MATH, "S", 7 }, { SK_I_TEXT, "不少于", 10 },
        { SK_I_MATH, "60\\,\\mathrm{m}^2", 19 }, { SK_I_TEXT, "，且", 37 }, { SK_I_MATH, "a*b*c", 43 },
        { SK_I_TEXT, "与", 50 }, { SK_I_MATH, "\\{x\\}", 53 }, { SK_I_TEXT, "，费用$5 和 $10，价格$x$。", 60 },
    };
    assert_int_equal((int)p->in.n, (int)(sizeof want / sizeof want[0]));
    for (size_t i = 0; i < p->in.n; i++) {
        assert_int_equal(p->in.v[i].type, want[i].t);
        assert_string_equal(p->in.v[i].text, want[i].text);
        assert_int_equal(p->in.v[i].line, 9);
        assert_int_equal(p->in.v[i].byte_col, want[i].bcol);
        if (want[i].t == SK_I_MATH)
            assert_non_null(p->in.v[i].math);
    }
    char *t = sk_display_text(&p->in);
    assert_string_equal(t, "面积$S$不少于$60\\,\\mathrm{m}^2$，且$a*b*c$与$\\{x\\}$，费用$5 和 $10，价格$x$。");
    free(t);
    /* a list item and a cell */
    sk_node *it = first_of(doc, SK_N_ITEM);
    assert_int_equal(it->first->in.v[1].type, SK_I_MATH);
    assert_string_equal(it->first->in.v[1].text, "T_{\\max}");
    assert_int_equal(it->first->in.v[3].type, SK_I_MATH);
    sk_node *tab = first_of(doc, SK_N_TABLE);
    assert_int_equal(tab->table->rows[1].cells[1].in.v[0].type, SK_I_MATH);
    assert_string_equal(tab->table->rows[1].cells[1].in.v[0].text, "h \\geq 1.5");
    /* in a pipe table \| is a | (|x|, not the norm \|) */
    assert_int_equal(tab->table->rows[2].cells[1].in.v[0].type, SK_I_MATH);
    assert_string_equal(tab->table->rows[2].cells[1].in.v[0].text, " |x |");
    assert_non_null(tab->table->rows[2].cells[1].in.v[0].math);
    /* \foo: reported at its column (in code points), printed as written; code spans keep $ */
    int i = diag_find(&d, "formula-syntax");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, 18);
    assert_int_equal(d.items[i].col, 4);
    assert_int_equal((int)diag_count(&d, "formula-syntax"), 1);
    sk_node *bad = p->next->next->next;
    assert_int_equal(bad->type, SK_N_PARA);
    assert_int_equal(bad->in.v[1].type, SK_I_MATH);
    assert_null(bad->in.v[1].math);
    assert_int_equal(bad->in.v[3].type, SK_I_TEXT);
    assert_string_equal(bad->in.v[3].text, "$code$");
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_written_numbers_checked_once_per_break(void **state)
{
    (void)state;
    sk_diags d;
    /* 1.1, 1.3, 1.4: one gap reported at 1.3, not again at 1.4 */
    sk_doc *doc = parse_str(FM "# 1 内容\n\n## 1.1 甲\n\n## 1.3 乙\n\n## 1.4 丙\n\n### 1.4.1 丁\n\n### 1.4.1 戊\n", &d);
    assert_int_equal((int)d.len, 2);
    assert_string_equal(sk_rule_get(d.items[0].rule)->code, "num-gap");
    assert_int_equal(d.items[0].line, FM_LINES + 5);
    assert_int_equal(d.items[0].col, 4);
    assert_string_equal(sk_rule_get(d.items[1].rule)->code, "num-repeat");
    assert_int_equal(d.items[1].line, FM_LINES + 11);
    /* the model numbers by position whatever was written */
    assert_string_equal(nth_section(doc, 2)->num, "1.2");
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_plain_references_skip_quantities_and_standard_numbers(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围\n\n每次1.5小时，按GB/T 1.1—2020和SJDJ/TS 03—2019执行，2019年起实施，代表1名。\n", &d);
    assert_int_equal((int)doc->refs.len, 0);
    assert_int_equal((int)doc->stdrefs.len, 2);
    sk_stdref *s = doc->stdrefs.items[1];
    assert_string_equal(s->number, "SJDJ/TS 03—2019");
    assert_string_equal(s->code, "SJDJ/TS 03");
    assert_int_equal(s->year, 2019);
    assert_true(s->normative);
    assert_int_equal((int)d.len, 0);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_heading_skip_and_lone_clause(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 5 内容\n\n### 深\n", &d);
    assert_int_equal(diag_find(&d, "heading-skip"), 0);
    assert_true(diag_find(&d, "lone-clause") >= 0);
    assert_string_equal(nth_section(doc, 1)->num, "1.1");
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_dangling_anchor_and_duplicate_anchor(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 1 范围 {#a}\n\n见[条款](#b)。\n\n# 2 其他 {#a}\n\n正文。\n", &d);
    int i = diag_find(&d, "ref-dangling");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, FM_LINES + 3);
    assert_int_equal(d.items[i].col, 2);
    i = diag_find(&d, "anchor-dup");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, FM_LINES + 5);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_field_cells_measure_as_their_blanks(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 附录A（规范性）表 {form=x}\n\n表：登记\n\n| 序号 | 社区 |\n|---|---|\n"
                               "| {{#items}}{{seq}} | {{community_party_org}}{{/items}} |\n", &d);
    sk_node *t = first_of(doc, SK_N_TABLE);
    /* 序号 (4 units) vs {{seq}} (2 汉字 = 4); 社区 (4) vs an organisation blank (7 汉字 = 14):
     * both fit on one line, so the widths go by the lines (92 twips a unit, 230 of padding) */
    double w[2];
    sk_grid_widths(t->table, w);
    assert_true(w[0] > 0.28 && w[0] < 0.29);
    assert_true(w[1] > 0.71 && w[1] < 0.72);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_columns_keep_their_words_whole(void **state)
{
    (void)state;
    sk_diags d;
    /* a long text beside a date, a phone number, a standard's number and a short header */
    sk_doc *doc = parse_str(FM "# 范围\n\n表：清单\n\n| 序号 | 说明 | 日期 | 电话 | 标准 | 服务时长（小时） |\n"
                               "|---|---|---|---|---|---|\n"
                               "| 1 | 这是一段很长很长的说明文字，它会折成好几行，但不应该把旁边各列的编号、日期和电话挤断。"
                               "这是一段很长很长的说明文字，它会折成好几行。 | 2019-07-01 | 13803710001 | SJDJ/JB 02—2019 | 2 |\n",
                            &d);
    sk_node *t = first_of(doc, SK_N_TABLE);
    double w[6];
    sk_grid_widths(t->table, w);
    /* each at least its word: 10, 11 and 15 half-width units, 序号 and the 8-汉字 header whole */
    assert_true(w[0] * SK_TEXT_W_TW >= 4 * 92 + 230);
    assert_true(w[2] * SK_TEXT_W_TW >= 10 * 92 + 230);
    assert_true(w[3] * SK_TEXT_W_TW >= 11 * 92 + 230);
    assert_true(w[4] * SK_TEXT_W_TW >= 15 * 92 + 230);
    assert_true(w[5] * SK_TEXT_W_TW >= 16 * 92 + 230);
    /* the long text takes what is left */
    assert_true(w[1] > w[2] && w[1] > w[4]);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

static void test_untitled_clauses_are_numbered_with_their_siblings(void **state)
{
    (void)state;
    sk_diags d;
    char *md = sk_asprintf("%s%s", GBT_FM("T/ZSA 1.1—2024", ""), GBT_BODY);
    sk_doc *doc = parse_str(md, &d);
    assert_non_null(doc);
    /* § paragraphs under 4.1.1: two untitled clauses, their text without the marker */
    const sk_node *pos = NULL;
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_SECTION && !strcmp(n->num, "4.1.1"))
            pos = n;
    assert_non_null(pos);
    const sk_node *a = pos->first, *b = a->next;
    assert_true(a->untitled && b->untitled);
    assert_string_equal(a->num, "4.1.1.1");
    assert_string_equal(b->num, "4.1.1.2");
    assert_string_equal(a->first->in.v[0].text, "站点应设在首层。");
    assert_int_equal(a->level, 4);
    /* "4.1.1.2" in 4.1.2 resolves to the untitled clause; 参考文献[2] to the second entry */
    int clause = 0, bib = 0;
    for (size_t i = 0; i < doc->refs.len; i++) {
        const sk_inline *r = doc->refs.items[i];
        clause += r->node == b;
        bib += r->ref_kind == SK_REF_BIBLIO && r->node && r->node->type == SK_N_ITEM && !strcmp(r->node->num, "2");
    }
    assert_int_equal(clause, 1);
    assert_int_equal(bib, 1);
    /* the term entry's parts */
    const sk_node *term = NULL;
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        if (n->type == SK_N_SECTION && n->sect == SK_S_TERM)
            term = n;
    static const sk_term_part want[] = { SK_TP_EN, SK_TP_ADMITTED, SK_TP_DEPRECATED, SK_TP_SYMBOL, SK_TP_DEFINITION };
    const sk_node *k = term->first;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++, k = k->next)
        assert_int_equal(k->term_part, want[i]);
    assert_string_equal(term->first->next->in.v[0].text, "服务小站");
    assert_int_equal(term->last->term_part, SK_TP_SOURCE);
    assert_int_equal(d.len, 0);
    sk_doc_free(doc);
    sk_diag_free(&d);
    free(md);
}

static void test_index_entries_by_pinyin_with_model_numbers(void **state)
{
    (void)state;
    assert_int_equal(sk_pinyin_letter("啊"), 'A');
    assert_int_equal(sk_pinyin_letter("扶手"), 'F');
    assert_int_equal(sk_pinyin_letter("座"), 'Z');
    assert_int_equal(sk_pinyin_letter("gis"), 'G');
    assert_int_equal(sk_pinyin_letter("1号"), 0);
    char *a = sk_pinyin_key("服务"), *b = sk_pinyin_key("扶手"), *c = sk_pinyin_key("AED");
    assert_true(strcmp(b, a) < 0); /* fu shou < fu wu */
    assert_true(strcmp(c, a) < 0); /* Latin first */
    free(a);
    free(b);
    free(c);
    sk_diags d;
    char *md = sk_asprintf("%s%s", GBT_FM("T/ZSA 1.1—2024", ""), GBT_BODY);
    sk_doc *doc = parse_str(md, &d);
    sk_index ix;
    sk_index_build(&ix, doc);
    static const char *const order[] = { "扶手", "服务小站", "服务站点", "靠近公园" };
    static const char *const nums[] = { "4.2", "3.1", "3.1", "4.1.1.2" };
    assert_int_equal(ix.n, 4);
    for (size_t i = 0; i < ix.n; i++) {
        assert_string_equal(ix.v[i].text, order[i]);
        char *l = sk_index_label(ix.v[i].targets[0]);
        assert_string_equal(l, nums[i]);
        free(l);
    }
    char g[16];
    sk_index_group(&ix.v[3], g);
    assert_string_equal(g, "K");
    sk_index_free(&ix);
    sk_doc_free(doc);
    sk_diag_free(&d);
    free(md);
}

static void test_parts_and_amendments_in_front_matter(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str("---\nnumber: GB/T 1.1—2020\ntitle: 标准化工作导则\ntitle_en: Directives for standardization\n"
                            "part: 1\npart_title: 标准化文件的结构和起草规则\npart_title_en: Rules for drafting\n"
                            "category: TS\nstatus: current\namendments:\n  - number: 1\n    date: 2022-03-01\n"
                            "    summary: 修改了8.3\n  - {number: 2, date: 2023-01-05}\n---\n",
                            &d);
    assert_int_equal(d.len, 0);
    char *t = sk_meta_title(doc->meta), *e = sk_meta_title_en(doc->meta);
    assert_string_equal(t, "标准化工作导则　第1部分：标准化文件的结构和起草规则");
    assert_string_equal(e, "Directives for standardization—Part 1: Rules for drafting");
    free(t);
    free(e);
    assert_int_equal(doc->meta->namend, 2);
    assert_string_equal(doc->meta->amend[1].date, "2023-01-05");
    /* the generated 前言 records them */
    sk_foreword_build(doc);
    int found = 0;
    for (const sk_node *p = doc->root->first->first; p; p = p->next)
        found += !strcmp(p->in.v[0].text, "本文件的第1号修改单于2022年3月1日发布，已纳入本文件，修改内容为：修改了8.3。");
    assert_int_equal(found, 1);
    sk_doc_free(doc);
    sk_diag_free(&d);
    /* wrong: a part whose number has no .N, an amendment out of order */
    doc = parse_str("---\nnumber: GB/T 1—2020\ntitle: 导则\npart: 1\npart_title: 结构\ncategory: TS\nstatus: current\n"
                    "amendments:\n  - {number: 2, date: 2022-03-01}\n---\n",
                    &d);
    assert_int_equal(diag_count(&d, "meta-value"), 2);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

/* The lead-ins written for the author (SK_MODEL_LEADINS): one rule for chapter 2,
 * chapter 3 and 符号和缩略语; a sentence the author wrote is left alone, and without
 * the flag nothing is written. */
static const char LEADS[] = FM
    "# 1 范围\n\n本文件规定了活动。\n\n"
    "# 2 规范性引用文件\n\n- GB/T 2260　中华人民共和国行政区划代码\n\n"
    "# 3 术语和定义\n\n"
    "## 3.1 活动室\n\nactivity room\n\n活动的场所。\n\n"
    "# 4 符号和缩略语\n\n- CPC：中国共产党\n\n"
    "# 5 要求\n\n活动室应符合GB/T 2260的规定。\n";

static char *first_text(const sk_doc *doc, sk_sect s)
{
    const sk_node *ch = sk_doc_section(doc, s);
    return ch && ch->first && ch->first->type == SK_N_PARA ? sk_display_text(&ch->first->in) : NULL;
}

static void test_leadins_written_for_the_author(void **state)
{
    (void)state;
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&src, "t.md", LEADS, strlen(LEADS), &d), 1);
    assert_int_equal(sk_model_build(&doc, src, SK_MODEL_LEADINS, &d, NULL), 0);
    static const struct { sk_sect s; const char *want; } w[] = {
        { SK_S_NORMREF, SK_LEADIN_NORMREF }, { SK_S_TERMS, SK_LEADIN_TERMS },
        { SK_S_SYMBOLS, SK_LEADIN_SYMBOLS_ABBREVS }, { SK_S_SCOPE, "本文件规定了活动。" } };
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        char *t = first_text(doc, w[i].s);
        assert_non_null(t);
        assert_string_equal(t, w[i].want);
        free(t);
    }
    /* once written, there is nothing left to write */
    assert_null(sk_foreword_leadin(sk_doc_section(doc, SK_S_TERMS)));
    assert_int_equal(sk_foreword_leadins(doc), 0);
    sk_doc_free(doc);
    sk_diag_free(&d);

    /* stdcheck's model: the author's text only */
    doc = parse_str(LEADS, &d);
    char *t = first_text(doc, SK_S_NORMREF);
    assert_null(t);
    assert_string_equal(sk_foreword_leadin(sk_doc_section(doc, SK_S_SYMBOLS)), SK_LEADIN_SYMBOLS_ABBREVS);
    sk_doc_free(doc);
    sk_diag_free(&d);

    /* empty chapters 2 and 3 get their "没有" sentence; an empty 缩略语 chapter nothing */
    doc = parse_str(FM "# 1 范围\n\n本文件规定了活动。\n\n# 2 规范性引用文件\n\n# 3 术语和定义\n\n# 4 缩略语\n\n# 5 要求\n\n应开放。\n", &d);
    assert_string_equal(sk_foreword_leadin(sk_doc_section(doc, SK_S_NORMREF)), SK_LEADIN_NORMREF_NONE);
    assert_string_equal(sk_foreword_leadin(sk_doc_section(doc, SK_S_TERMS)), SK_LEADIN_TERMS_NONE);
    assert_null(sk_foreword_leadin(sk_doc_section(doc, SK_S_SYMBOLS)));
    assert_int_equal(sk_foreword_leadins(doc), 2);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

/* Numbers of bodies outside China: parts with "-", the year after ":", a JIS division
 * letter, a chain of adopting bodies; a Chinese number with "-" keeps its bad dash. */
static void test_foreign_standard_numbers(void **state)
{
    (void)state;
    static const struct { const char *text, *code; int year, dash_ok; } w[] = {
        { "应符合ISO 3160-2:2015的规定", "ISO 3160-2", 2015, 1 },
        { "按JIS S 6006:2007", "JIS S 6006", 2007, 1 },
        { "见EN 71-3:2019。", "EN 71-3", 2019, 1 },
        { "按BS EN ISO 9001:2015", "BS EN ISO 9001", 2015, 1 },
        { "IEC 61000-4-2:2008", "IEC 61000-4-2", 2008, 1 },
        { "ISO/IEC 17025:2017", "ISO/IEC 17025", 2017, 1 },
        { "ISO 9001-2015", "ISO 9001", 2015, 0 },
        { "按GB/T 1.1-2020起草", "GB/T 1.1", 2020, 0 },
        { "GB/T 2260—2007", "GB/T 2260", 2007, 1 },
    };
    for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
        sk_stdnum m;
        size_t len = strlen(w[i].text);
        assert_int_equal(sk_stdnum_find(w[i].text, len, 0, &m), 0);
        char *code = sk_strndup(w[i].text + m.start, m.code_end - m.start);
        assert_string_equal(code, w[i].code);
        assert_int_equal(m.year, w[i].year);
        assert_int_equal(m.dash_ok, w[i].dash_ok);
        free(code);
    }
}

/* A wide header over many short rows: cmark-gfm would fill every missing cell.
 * Each table is in bounds alone; together they are refused, at the table that
 * goes over, before anything is parsed. */
static void test_many_sparse_tables_refused_together(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 1 范围\n\n");
    for (int t = 0; t < 10; t++) {
        sk_buf_putc(&b, '|');
        for (int c = 0; c < 180; c++)
            sk_buf_puts(&b, "a|");
        sk_buf_puts(&b, "\n|");
        for (int c = 0; c < 180; c++)
            sk_buf_puts(&b, "-|");
        sk_buf_puts(&b, "\n");
        for (int r = 0; r < 360; r++)
            sk_buf_puts(&b, "x\n");
        sk_buf_puts(&b, "\n");
    }
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_err err = { 0 };
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&src, "t.md", b.data, b.len, &d), 1);
    assert_int_equal(sk_model_build(&doc, src, 0, &d, &err), -1);
    assert_null(doc);
    assert_string_equal(err.file, "t.md");
    assert_int_equal(err.line, FM_LINES + 3 + 363); /* the second table */
    assert_non_null(strstr(err.msg, "a table of 180 columns and 361 rows would bring the tables to 129960 cells"));
    sk_source_free(src);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

/* Real tables, many of them, stay well inside the bound. */
static void test_many_full_tables_accepted(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 1 范围\n\n");
    for (int t = 0; t < 2000; t++)
        sk_buf_puts(&b, "| 项目 | 要求 | 备注 |\n|---|---|---|\n| a | b | c |\n| d | e | f |\n\n");
    sk_diags d;
    sk_doc *doc = parse_str(b.data, &d);
    assert_non_null(doc);
    size_t tables = 0;
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        tables += n->type == SK_N_TABLE;
    assert_int_equal((int)tables, 2000);
    sk_doc_free(doc);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

/* One long reference definition used by many links: cmark-gfm would copy it into
 * each. Refused before the parse, at the definition; a definition used as real
 * text uses one stays. */
static void test_reference_definition_copies_bounded(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 1 范围\n\n[r]: http://example.com/");
    for (int i = 0; i < 20000; i++)
        sk_buf_putc(&b, 'x');
    sk_buf_puts(&b, " \"题\"\n\n本文件");
    for (int i = 0; i < 2000; i++)
        sk_buf_puts(&b, "[r]");
    sk_buf_puts(&b, "\n");
    sk_diags d;
    sk_source *src = NULL;
    sk_doc *doc = NULL;
    sk_err err = { 0 };
    sk_diag_init(&d);
    assert_int_equal(sk_source_make(&src, "t.md", b.data, b.len, &d), 1);
    assert_int_equal(sk_model_build(&doc, src, 0, &d, &err), -1);
    assert_int_equal(err.line, FM_LINES + 3);
    assert_non_null(strstr(err.msg, "a link reference definition of 20024 bytes with 2001 possible uses"));
    sk_source_free(src);
    sk_diag_free(&d);
    sk_buf_free(&b);

    doc = parse_str(FM "# 1 范围\n\n本文件见[r]和[规定][r]。\n\n[r]: http://example.com/a \"题\"\n", &d);
    assert_non_null(doc);
    size_t links = 0;
    for (sk_node *n = doc->root; n; n = sk_node_walk_next(doc->root, n, 1))
        for (size_t i = 0; i < n->in.n; i++)
            if (n->in.v[i].type == SK_I_LINK) {
                assert_string_equal(n->in.v[i].target, "http://example.com/a");
                links++;
            }
    assert_int_equal((int)links, 2);
    sk_doc_free(doc);
    sk_diag_free(&d);
}

/* Nesting deeper than a standard can use: a line whose list and quote markers take
 * more than SK_MARKDOWN_INDENT_MAX columns is parsed with only that many (cmark-gfm
 * would take time growing faster than the text), with one nesting-depth finding at
 * the first such line; lines within the bound are read as written. */
static void test_deep_marker_prefix_bounded(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, FM "# 1 范围\n\n");
    for (int i = 0; i < 200; i++) /* line FM_LINES + 3 + i */
        sk_buf_printf(&b, "%*s- x\n", i * 2, "");
    sk_diags d;
    sk_doc *doc = parse_str(b.data, &d);
    assert_non_null(doc);
    int n = 0;
    for (size_t i = 0; i < d.len; i++)
        if (d.items[i].rule == SK_R_NESTING) {
            n++;
            if (strstr(d.items[i].msg, "indented")) {
                /* 2 x 64 spaces and "- " is the first line past 128 columns */
                assert_int_equal(d.items[i].line, FM_LINES + 3 + 64);
                assert_string_equal(d.items[i].msg, "136 lines indented more than 128 columns by list and quote "
                                                    "markers, read as 128 (deeper nesting is not kept)");
            } else {
                assert_int_equal(d.items[i].line, FM_LINES + 3 + 32);
            }
        }
    assert_int_equal(n, 2);
    sk_doc_free(doc);
    sk_diag_free(&d);
    sk_buf_free(&b);

    /* a code line indented within the bound keeps its spaces; past it, it loses them */
    sk_buf_init(&b);
    sk_buf_printf(&b, FM "# 1 范围\n\n```\n%*sa\n```\n\n```\n%*sb\n```\n", 120, "", 140, "");
    doc = parse_str(b.data, &d);
    assert_non_null(doc);
    const char *code[2] = { 0 };
    int k = 0;
    for (sk_node *nd = doc->root; nd; nd = sk_node_walk_next(doc->root, nd, 1))
        if (nd->type == SK_N_CODE && k < 2)
            code[k++] = nd->src;
    assert_int_equal(k, 2);
    assert_int_equal((int)strspn(code[0], " "), 120);
    assert_int_equal((int)strspn(code[1], " "), 128);
    int at = diag_find(&d, "nesting-depth");
    assert_true(at >= 0);
    assert_int_equal(d.items[at].line, FM_LINES + 3 + 5);
    sk_doc_free(doc);
    sk_diag_free(&d);
    sk_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_build_failure_leaves_the_source_to_the_caller),
        cmocka_unit_test(test_model_build_takes_a_long_narrow_table),
        cmocka_unit_test(test_pipe_table_merge_marks),
        cmocka_unit_test(test_sections_kinds_and_numbers),
        cmocka_unit_test(test_untitled_clauses_are_numbered_with_their_siblings),
        cmocka_unit_test(test_index_entries_by_pinyin_with_model_numbers),
        cmocka_unit_test(test_parts_and_amendments_in_front_matter),
        cmocka_unit_test(test_tables_captions_rows_and_spans),
        cmocka_unit_test(test_references_resolve_to_nodes),
        cmocka_unit_test(test_lists_notes_examples_figures),
        cmocka_unit_test(test_softbreak_joins_cjk_without_space),
        cmocka_unit_test(test_fields_with_defaults_in_text),
        cmocka_unit_test(test_inline_formulas_split_from_text),
        cmocka_unit_test(test_written_numbers_checked_once_per_break),
        cmocka_unit_test(test_plain_references_skip_quantities_and_standard_numbers),
        cmocka_unit_test(test_heading_skip_and_lone_clause),
        cmocka_unit_test(test_dangling_anchor_and_duplicate_anchor),
        cmocka_unit_test(test_field_cells_measure_as_their_blanks),
        cmocka_unit_test(test_columns_keep_their_words_whole),
        cmocka_unit_test(test_leadins_written_for_the_author),
        cmocka_unit_test(test_foreign_standard_numbers),
        cmocka_unit_test(test_many_sparse_tables_refused_together),
        cmocka_unit_test(test_many_full_tables_accepted),
        cmocka_unit_test(test_reference_definition_copies_bounded),
        cmocka_unit_test(test_deep_marker_prefix_bounded),
    };
    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
