/* System documents: the 体系表 model, its numbering, the CSV and the DOT. */
#include "layout/grid.h"
#include "model/display.h"
#include "base/fs.h"
#include "helpers.h"

#include <stdio.h>
#include <unistd.h>

#include "run/sysdoc.h"
#include "input/system.h"

static const char SYSTEM[] = "name: 测试体系\nname_en: Standard system for testing\ncode: CS\nissuer: 测试局\n"
                             "level: 测试标准\nnumber_pattern: \"CS/{category} {seq:2}—{year}\"\n"
                             "categories:\n  - code: AA\n    name: 基础\n    expected: 3\n"
                             "  - code: BB\n    name: 专项\n    description: 专项工作\n"
                             "groups:\n  - code: G1\n    name: 一组\n  - code: G2\n    name: 二组\n";

typedef struct fixture {
    char dir[64];
    sk_system *sys;
    sk_vec files;
} fixture;

static void add_std(fixture *f, const char *name, const char *number, const char *cat, const char *group,
                    const char *status, const char *extra, const char *body)
{
    char *path = sk_fs_join(f->dir, name);
    char *text = sk_asprintf("---\nnumber: %s\ntitle: 标准%s\ncategory: %s\n%s%s%sstatus: %s\neffective: 2020-01-02\n%s---\n"
                             "# 范围\n\n本文件规定了测试。\n\n# 规范性引用文件\n\n%s\n",
                             number, name, cat, group ? "group: " : "", group ? group : "", group ? "\n" : "", status,
                             extra ? extra : "", body ? body : "本文件没有规范性引用文件。");
    sk_err err;
    assert_int_equal(sk_fs_write_atomic(path, text, strlen(text), &err), 0);
    sk_vec_push(&f->files, path);
    free(text);
}

static void setup_system(fixture *f, const char *yaml)
{
    memset(f, 0, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/sk-sysdoc-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    char *path = sk_fs_join(f->dir, "system.yaml");
    sk_diags d;
    sk_err err;
    sk_diag_init(&d);
    assert_int_equal(sk_fs_write_atomic(path, yaml, strlen(yaml), &err), 0);
    assert_int_equal(sk_system_load(&f->sys, path, &d, &err), 0);
    assert_int_equal((int)d.len, 0);
    sk_diag_free(&d);
    free(path);
    /* out of number order, across categories and groups */
    add_std(f, "b1.md", "CS/BB 01—2020", "BB", "G2", "current", NULL, NULL);
    add_std(f, "a3.md", "CS/AA 03—2020", "AA", "G1", "draft", "stage: 送审稿\n", NULL);
    add_std(f, "a1.md", "CS/AA 01—2020", "AA", "G2", "withdrawn", "replaced_by: CS/AA 03—2020\n", NULL);
    add_std(f, "a2.md", "CS/AA 02—2020", "AA", NULL, "current", "replaces: [CS/AA 09—2010, CS/AA 08—2011]\n",
            "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。\n\n- CS/AA 03—2020　标准a3\n\n"
            "# 要求\n\n参照CS/BB 01—2020的做法。\n");
}

static void teardown(fixture *f)
{
    for (size_t i = 0; i < f->files.len; i++) {
        unlink(f->files.items[i]);
        free(f->files.items[i]);
    }
    sk_vec_free(&f->files);
    char *path = sk_fs_join(f->dir, "system.yaml");
    unlink(path);
    free(path);
    rmdir(f->dir);
    sk_system_free(f->sys);
}

static sk_sysdoc *build(fixture *f)
{
    sk_sysdoc *s = NULL;
    sk_err err;
    sk_err_clear(&err);
    if (sk_sysdoc_build(&s, f->sys, (const char *const *)f->files.items, f->files.len, 0, NULL, NULL, &err) < 0)
        fail_msg("sk_sysdoc_build: %s", err.msg);
    return s;
}

/* Row r (1-based) of the CSV, as one line. */
static char *csv_line(const sk_sysdoc *s, int r)
{
    const char *p = s->csv + 3; /* after the BOM */
    for (int i = 0; i < r && p; i++) {
        p = strstr(p, "\r\n");
        if (p)
            p += 2;
    }
    assert_non_null(p);
    const char *e = strstr(p, "\r\n");
    return sk_strndup(p, e ? (size_t)(e - p) : strlen(p));
}

static void assert_row(const sk_sysdoc *s, int r, const char *want)
{
    char *line = csv_line(s, r);
    assert_string_equal(line, want);
    free(line);
}

static void test_rows_follow_the_boxes_with_table_numbers(void **state)
{
    (void)state;
    fixture f;
    setup_system(&f, SYSTEM);
    sk_sysdoc *s = build(&f);
    assert_int_equal((int)s->standards, 4);
    assert_memory_equal(s->csv, "\xEF\xBB\xBF序号,标准体系表编号,标准名称,标准编号,宜定级别,实施日期,国际、国外标准号及采用关系,被代替标准号或作废,备注\r\n", 160);
    /* AA: without a group in the category's box 100, then G1 (101), G2 (102); BB: G2 (202) */
    assert_row(s, 1, "1,100-01,标准a2.md,CS/AA 02—2020,企业标准,2020-01-02,—,CS/AA 09—2010、CS/AA 08—2011,现行");
    assert_row(s, 2, "2,101-01,标准a3.md,CS/AA 03—2020,企业标准,—,—,—,制定中（送审稿）");
    assert_row(s, 3, "3,102-01,标准a1.md,CS/AA 01—2020,企业标准,2020-01-02,—,作废,废止，被CS/AA 03—2020代替");
    assert_row(s, 4, "4,202-01,标准b1.md,CS/BB 01—2020,企业标准,2020-01-02,—,—,现行");
    assert_string_equal(s->stem, "CS");
    char *n = sk_sysdoc_name(s, "标准体系表", "docx");
    assert_string_equal(n, "CS-标准体系表.docx");
    free(n);
    sk_sysdoc_free(s);
    teardown(&f);
}

static void test_boxes_and_table_number_are_configurable(void **state)
{
    (void)state;
    fixture f;
    char *yaml = sk_asprintf("%stable_number: \"{category}.{box}.{seq}\"\n", SYSTEM);
    /* category BB in box 500, group G2 at +7 */
    char *y2 = sk_strdup(yaml);
    char *p = strstr(y2, "    name: 专项\n");
    assert_non_null(p);
    char *yaml2 = sk_asprintf("%.*s    box: 500\n%s", (int)(p - y2), y2, p);
    char *q = strstr(yaml2, "    name: 二组\n");
    char *yaml3 = sk_asprintf("%.*s    name: 二组\n    box: 7\n%s", (int)(q - yaml2), yaml2, q + strlen("    name: 二组\n"));
    setup_system(&f, yaml3);
    assert_int_equal(f.sys->cats[1].box, 500);
    assert_int_equal(f.sys->groups[1].box, 7);
    sk_sysdoc *s = build(&f);
    assert_row(s, 3, "3,AA.107.1,标准a1.md,CS/AA 01—2020,企业标准,2020-01-02,—,作废,废止，被CS/AA 03—2020代替");
    assert_row(s, 4, "4,BB.507.1,标准b1.md,CS/BB 01—2020,企业标准,2020-01-02,—,—,现行");
    sk_sysdoc_free(s);
    teardown(&f);
    free(yaml);
    free(y2);
    free(yaml2);
    free(yaml3);
}

static void test_bad_table_number_and_box_are_reported(void **state)
{
    (void)state;
    sk_system *sys = NULL;
    sk_diags d;
    sk_err err;
    sk_diag_init(&d);
    char *yaml = sk_asprintf("%stable_number: \"{box}-{nope}\"\n", SYSTEM);
    assert_int_equal(sk_system_load_mem(&sys, "system.yaml", yaml, strlen(yaml), &d, &err), -1);
    assert_true(d.len >= 1);
    assert_non_null(strstr(d.items[0].msg, "table_number: unknown placeholder at '{nope}'"));
    sk_diag_free(&d);
    free(yaml);
    sk_diag_init(&d);
    const char *bad = "name: x\nnumber_pattern: \"X {seq}\"\ncategories:\n  - code: A\n    name: a\n    box: zero\n";
    sk_system_load_mem(&sys, "system.yaml", bad, strlen(bad), &d, &err);
    assert_true(d.len >= 1);
    assert_non_null(strstr(d.items[0].msg, "'box' must be a whole number above 0, not 'zero'"));
    sk_diag_free(&d);
    sk_system_free(sys);
}

static void test_document_model(void **state)
{
    (void)state;
    fixture f;
    setup_system(&f, SYSTEM);
    sk_sysdoc *s = build(&f);
    sk_doc *doc = s->doc;
    /* a standard's layout: 前言, chapters 1-7, the 编制说明 annex */
    assert_int_equal(doc->root->first->sect, SK_S_FOREWORD);
    assert_string_equal(sk_meta_get(doc->meta, NUMBER), "CS 标准体系表");
    assert_string_equal(sk_meta_get(doc->meta, TITLE), "测试体系表");
    assert_string_equal(sk_meta_get(doc->meta, TITLE_EN), "Standard system table for testing");
    assert_string_equal(sk_meta_get(doc->meta, EFFECTIVE), "2020-01-02");
    sk_node *list = sk_map_get(&doc->anchors, "tab-list");
    assert_non_null(list);
    assert_int_equal(list->table->ncols, 9);
    /* nine columns: the writers put the 明细表 on landscape pages; the other tables stay portrait */
    assert_true(list->table->landscape && sk_grid_landscape(list->table, 1));
    assert_false(((sk_node *)sk_map_get(&doc->anchors, "tab-stats"))->table->landscape);
    assert_int_equal((int)list->table->nrows, 5);
    /* without dot, the 结构图 is a table with merged cells: 表1, so the 明细表 is 表2 */
    sk_node *st = sk_map_get(&doc->anchors, "tab-structure");
    assert_non_null(st);
    assert_string_equal(st->num, "1");
    assert_string_equal(list->num, "2");
    assert_int_equal(st->table->rows[1].cells[0].rowspan, 4);
    assert_null(s->png);
    /* statistics: 3 expected in AA, 2 existing (the withdrawn one does not count) */
    sk_node *stats = sk_map_get(&doc->anchors, "tab-stats");
    char *t = sk_display_text(&stats->table->rows[1].cells[2].in);
    assert_string_equal(t, "3");
    free(t);
    t = sk_display_text(&stats->table->rows[1].cells[3].in);
    assert_string_equal(t, "2");
    free(t);
    t = sk_display_text(&stats->table->rows[1].cells[4].in);
    assert_string_equal(t, "67");
    free(t);
    /* the citations: a2 cites a3 normatively (chapter 2) and b1 informatively */
    sk_node *x = sk_map_get(&doc->anchors, "tab-xref");
    assert_non_null(x);
    assert_int_equal(x->table->ncols, 3); /* 序号 and the two cited */
    t = sk_display_text(&x->table->rows[1].cells[1].in);
    assert_string_equal(t, "●");
    free(t);
    t = sk_display_text(&x->table->rows[1].cells[2].in);
    assert_string_equal(t, "○");
    free(t);
    assert_true(x->table->width[0] > 0.059 && x->table->width[0] < 0.061);
    /* the standards left out of the matrix are named in a note */
    const sk_node *note = x->first;
    while (note && note->type != SK_N_NOTE)
        note = note->next;
    assert_non_null(note);
    note = note->next;
    assert_true(note && note->type == SK_N_NOTE);
    t = sk_display_text(&note->in);
    assert_string_equal(t, "表中只列引用或被引用的标准：序号1、3的标准未被体系内的其他标准引用（无列），"
                           "序号2、3、4的标准不引用体系内的其他标准（无行）。");
    free(t);
    /* … the others being the matrix's: columns 2 and 4, row 1 */
    static const int at[][2] = { { 0, 1 }, { 0, 2 }, { 1, 0 } };
    static const char *const want[] = { "2", "4", "1" };
    for (int k = 0; k < 3; k++) {
        t = sk_display_text(&x->table->rows[at[k][0]].cells[at[k][1]].in);
        assert_string_equal(t, want[k]);
        free(t);
    }
    /* the 编制说明 annex */
    assert_non_null(sk_map_get(&doc->anchors, "annex-notes"));
    sk_sysdoc_free(s);
    teardown(&f);
}

static void test_dot(void **state)
{
    (void)state;
    fixture f;
    setup_system(&f, SYSTEM);
    sk_sysdoc *s = build(&f);
    assert_true(sk_str_starts_with(s->dot, "digraph "));
    assert_non_null(strstr(s->dot, "c0 [label=\"100\\n基础\"];"));
    assert_non_null(strstr(s->dot, "g1_1 [label=\"202\\n二组\"];"));
    assert_non_null(strstr(s->dot, "label=\"101-01  CS/AA 03—2020\\l标准a3.md\\l\""));
    assert_null(strstr(s->dot, "g1_0")); /* BB has no standard in G1: no box */
    sk_sysdoc_free(s);
    teardown(&f);
}

/* A title with Markdown's and CSV's special characters is text: quoted in the CSV,
 * as written in the table (the model is built in code: nothing is escaped). */
static void test_titles_are_text(void **state)
{
    (void)state;
    fixture f;
    setup_system(&f, SYSTEM);
    add_std(&f, "q.md", "CS/BB 02—2020", "BB", "G2", "current", NULL, NULL);
    char *path = f.files.items[f.files.len - 1];
    char *text = NULL;
    size_t len;
    sk_err err;
    assert_int_equal(sk_fs_read(&text, &len, path, 1 << 20, &err), 0);
    char *fixed = sk_asprintf("---\nnumber: CS/BB 02—2020\ntitle: 'a|b, \"c\"'\ncategory: BB\ngroup: G2\nstatus: current\n---\n%s",
                              strstr(text, "# 范围"));
    assert_int_equal(sk_fs_write_atomic(path, fixed, strlen(fixed), &err), 0);
    sk_sysdoc *s = build(&f);
    assert_row(s, 5, "5,202-02,\"a|b, \"\"c\"\"\",CS/BB 02—2020,企业标准,—,—,—,现行");
    sk_node *list = sk_map_get(&s->doc->anchors, "tab-list");
    char *cell = sk_display_text(&list->table->rows[5].cells[2].in);
    assert_string_equal(cell, "a|b, \"c\"");
    free(cell);
    sk_sysdoc_free(s);
    free(text);
    free(fixed);
    teardown(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows_follow_the_boxes_with_table_numbers),
        cmocka_unit_test(test_boxes_and_table_number_are_configurable),
        cmocka_unit_test(test_bad_table_number_and_box_are_reported),
        cmocka_unit_test(test_document_model),
        cmocka_unit_test(test_dot),
        cmocka_unit_test(test_titles_are_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
