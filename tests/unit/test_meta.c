#include "helpers.h"
#include "input/meta.h"

static sk_meta *meta_of(const char *text, sk_diags *d)
{
    sk_source *src = NULL;
    sk_meta *m = NULL;
    sk_diag_init(d);
    assert_int_equal(sk_source_make(&src, "m.md", text, strlen(text), d), 1);
    sk_meta_parse(&m, src, d);
    sk_source_free(src);
    return m;
}

static void test_all_keys_typed(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: SJDJ/TS 04—2019\ntitle: “5+X”党员活动日\ncategory: TS\n"
                         "group: ZZGN\nstatus: current\nreplaces: [SJDJ/TS 04—2018, SJDJ/TS 05—2018]\n"
                         "issued: 2019-06-28\neffective: 2019-07-01\ndrafters: [谢姣, 时永占]\n"
                         "drafting_units: 麦斯达夫标准化事务所\n---\n",
                         &d);
    assert_int_equal((int)d.len, 0);
    assert_string_equal(sk_meta_get(m, NUMBER), "SJDJ/TS 04—2019");
    assert_string_equal(sk_meta_get(m, TITLE), "“5+X”党员活动日");
    assert_int_equal(m->status, SK_STATUS_CURRENT);
    assert_int_equal((int)m->list[SK_META_REPLACES].n, 2);
    assert_string_equal(m->list[SK_META_REPLACES].v[1], "SJDJ/TS 05—2018");
    assert_int_equal((int)m->list[SK_META_DRAFTING_UNITS].n, 1); /* one text value = a one-item list */
    assert_int_equal(m->line[SK_META_ISSUED], 8);
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_missing_required_keys_each_reported(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\ntitle: 测试\n---\n", &d);
    /* number and status; category only when the system numbers by category (check.c) */
    assert_int_equal((int)diag_count(&d, "meta-missing"), 2);
    assert_int_equal(d.items[0].line, 1);
    assert_non_null(strstr(d.items[0].msg, "'number'"));
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_wrong_type_names_key_line(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: SJDJ/TS 01—2019\ntitle:\n  - a\n  - b\ncategory: TS\nstatus: draft\n"
                         "issued: 2019-02-30\n---\n",
                         &d);
    int i = diag_find(&d, "meta-type");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, 4); /* the list value starts on line 4 */
    assert_non_null(strstr(d.items[i].msg, "'title' must be text, not a list"));
    /* 30 February is not a date */
    assert_int_equal((int)diag_count(&d, "meta-type"), 2);
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_unknown_key_is_a_warning(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: a\ntitle: b\ncategory: TS\nstatus: draft\nauthor: x\n---\n", &d);
    assert_int_equal((int)d.len, 1);
    assert_string_equal(sk_rule_get(d.items[0].rule)->code, "meta-unknown");
    assert_int_equal(d.items[0].severity, SK_WARNING);
    assert_int_equal(d.items[0].line, 6);
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_aliases_and_anchors_refused(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: &n SJDJ/TS 01—2019\ntitle: *n\ncategory: TS\nstatus: draft\n---\n", &d);
    int i = diag_find(&d, "meta-yaml");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, 2);
    assert_non_null(strstr(d.items[i].msg, "anchors"));
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_yaml_syntax_error_has_line(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: a\ntitle: [unclosed\ncategory: TS\n---\n", &d);
    int i = diag_find(&d, "meta-yaml");
    assert_true(i >= 0);
    assert_true(d.items[i].line >= 3);
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_status_and_stage_values_checked(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: a\ntitle: b\ncategory: TS\nstatus: active\nstage: 初稿\n---\n", &d);
    assert_int_equal((int)diag_count(&d, "meta-value"), 2);
    assert_int_equal(m->status, SK_STATUS_UNKNOWN);
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_completed_needs_stage(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: a\ntitle: b\ncategory: TS\nstatus: draft\ncompleted: 2024-05-08\n---\n", &d);
    int i = diag_find(&d, "meta-missing");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, 6);
    assert_non_null(strstr(d.items[i].msg, "'stage'"));
    sk_meta_free(m);
    sk_diag_free(&d);
    m = meta_of("---\nnumber: a\ntitle: b\ncategory: TS\nstatus: draft\nstage: 送审稿\ncompleted: 2024-5-8\n---\n", &d);
    i = diag_find(&d, "meta-type");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, 7);
    assert_int_equal((int)diag_count(&d, "meta-missing"), 0);
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_duplicate_key_reported(void **state)
{
    (void)state;
    sk_diags d;
    sk_meta *m = meta_of("---\nnumber: a\ntitle: b\ntitle: c\ncategory: TS\nstatus: draft\n---\n", &d);
    int i = diag_find(&d, "meta-value");
    assert_true(i >= 0);
    assert_int_equal(d.items[i].line, 4);
    assert_string_equal(sk_meta_get(m, TITLE), "b");
    sk_meta_free(m);
    sk_diag_free(&d);
}

static void test_date_parse(void **state)
{
    (void)state;
    int y, mo, dd;
    assert_int_equal(sk_meta_date_parse("2020-02-29", &y, &mo, &dd), 0);
    assert_int_equal(sk_meta_date_parse("2019-02-29", &y, &mo, &dd), -1);
    assert_int_equal(sk_meta_date_parse("2019-6-28", &y, &mo, &dd), -1);
    assert_int_equal(sk_meta_date_parse("2019-06-28", &y, &mo, &dd), 0);
    assert_int_equal(y * 10000 + mo * 100 + dd, 20190628);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_keys_typed),
        cmocka_unit_test(test_missing_required_keys_each_reported),
        cmocka_unit_test(test_wrong_type_names_key_line),
        cmocka_unit_test(test_unknown_key_is_a_warning),
        cmocka_unit_test(test_aliases_and_anchors_refused),
        cmocka_unit_test(test_yaml_syntax_error_has_line),
        cmocka_unit_test(test_status_and_stage_values_checked),
        cmocka_unit_test(test_completed_needs_stage),
        cmocka_unit_test(test_duplicate_key_reported),
        cmocka_unit_test(test_date_parse),
    };
    return cmocka_run_group_tests_name("meta", tests, NULL, NULL);
}
