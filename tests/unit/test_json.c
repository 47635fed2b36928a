#include "helpers.h"
#include "base/textdoc.h"
#include "text/json.h"

static sk_json *parse_ok(const char *s)
{
    sk_json *j = NULL;
    sk_err err;
    sk_err_clear(&err);
    int rc = sk_json_parse(&j, s, strlen(s), &err);
    if (rc != 0)
        fail_msg("%s: %s", s, err.msg);
    return j;
}

static void parse_fails(const char *s, size_t n, const char *msg_part)
{
    sk_json *j = NULL;
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_json_parse(&j, s, n, &err), -1);
    assert_null(j);
    if (!strstr(err.msg, msg_part))
        fail_msg("'%.*s': '%s' lacks '%s'", (int)n, s, err.msg, msg_part);
}

static void test_json_reads_an_lsp_message(void **state)
{
    (void)state;
    sk_json *j = parse_ok("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"textDocument/hover\","
                          "\"params\":{\"position\":{\"line\":3,\"character\":12},\"x\":[true,false,null,-1.5e2]}}");
    assert_int_equal(j->type, SK_JSON_OBJECT);
    assert_string_equal(sk_json_str(sk_json_get(j, "method")), "textDocument/hover");
    long long v;
    assert_int_equal(sk_json_int(sk_json_get(j, "id"), &v), 0);
    assert_int_equal(v, 7);
    assert_int_equal(sk_json_int(sk_json_path(j, "params", "position", "character", NULL), &v), 0);
    assert_int_equal(v, 12);
    const sk_json *x = sk_json_path(j, "params", "x", NULL);
    assert_int_equal(x->type, SK_JSON_ARRAY);
    assert_int_equal((int)x->n, 4);
    assert_int_equal(x->items[0]->type, SK_JSON_TRUE);
    assert_int_equal(x->items[2]->type, SK_JSON_NULL);
    assert_true(x->items[3]->num == -150.0);
    assert_int_equal(sk_json_int(x->items[3], &v), 0); /* -150 is whole */
    assert_null(sk_json_get(j, "nothing"));
    assert_null(sk_json_path(j, "params", "x", "y", NULL));
    sk_json_free(j);
}

static void test_json_strings_escapes_and_surrogates(void **state)
{
    (void)state;
    sk_json *j = parse_ok("[\"a\\\"b\\\\c\\/d\\n\\t\", \"\\u4e2d\\u6587\", \"\\ud83d\\ude00\", \"\\u0000x\", \"中文😀\"]");
    assert_string_equal(j->items[0]->str, "a\"b\\c/d\n\t");
    assert_string_equal(j->items[1]->str, "中文");
    assert_string_equal(j->items[2]->str, "😀");
    assert_int_equal((int)j->items[3]->len, 2); /* \u0000 kept */
    assert_int_equal(j->items[3]->str[0], 0);
    assert_string_equal(j->items[4]->str, "中文😀");
    sk_json_free(j);
}

static void test_json_refuses_what_rfc8259_refuses(void **state)
{
    (void)state;
    parse_fails("{\"a\":1,}", 8, "trailing comma");
    parse_fails("[1,2,]", 6, "trailing comma");
    parse_fails("{'a':1}", 7, "expected a string key");
    parse_fails("[01]", 4, "leading zeros");
    parse_fails("[1.]", 4, "decimal point");
    parse_fails("[\"\\ud800\"]", 10, "without its low surrogate");
    parse_fails("[\"\\udc00\"]", 10, "lone low surrogate");
    parse_fails("[\"a\tb\"]", 7, "control character");
    parse_fails("[\"\xC3\x28\"]", 6, "invalid UTF-8");
    parse_fails("[\"\\x\"]", 6, "invalid escape");
    parse_fails("{\"a\" 1}", 7, "expected ':'");
    parse_fails("[1] x", 5, "text after the value");
    parse_fails("", 0, "expected a value");
    parse_fails("[tru]", 5, "unexpected character");
    parse_fails("/* c */ 1", 9, "unexpected character");
    parse_fails("{\"a\":\n [1,", 10, "line 2, column 5: expected a value");
    parse_fails("[1", 2, "line 1, column 1: array not closed");
    /* the place: line and column of the fault */
    sk_json *j = NULL;
    sk_err err;
    assert_int_equal(sk_json_parse(&j, "{\n  \"a\": tru\n}", 14, &err), -1);
    assert_string_equal(err.msg, "line 2, column 8: unexpected character");
}

static void test_json_depth_is_bounded(void **state)
{
    (void)state;
    char deep[SK_JSON_MAX_DEPTH * 2 + 8];
    size_t n = 0;
    for (int i = 0; i < SK_JSON_MAX_DEPTH + 1; i++)
        deep[n++] = '[';
    parse_fails(deep, n, "nested more than");
    /* at the limit it parses */
    n = 0;
    for (int i = 0; i < SK_JSON_MAX_DEPTH; i++)
        deep[n++] = '[';
    for (int i = 0; i < SK_JSON_MAX_DEPTH; i++)
        deep[n++] = ']';
    sk_json *j = NULL;
    sk_err err;
    assert_int_equal(sk_json_parse(&j, deep, n, &err), 0);
    sk_json_free(j);
}

static void test_json_writer_round_trips(void **state)
{
    (void)state;
    sk_buf b;
    sk_buf_init(&b);
    sk_json_writer w;
    sk_json_w_init(&w, &b);
    sk_json_w_obj(&w);
    sk_json_w_key(&w, "s");
    sk_json_w_str(&w, "引号\"\\\n\x01 ok");
    sk_json_w_key(&w, "bad");
    sk_json_w_strn(&w, "a\xFF" "b", 3);
    sk_json_w_key(&w, "n");
    sk_json_w_int(&w, -42);
    sk_json_w_key(&w, "a");
    sk_json_w_arr(&w);
    sk_json_w_bool(&w, 1);
    sk_json_w_null(&w);
    sk_json_w_obj(&w);
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    sk_json_w_end(&w);
    assert_string_equal(b.data, "{\"s\":\"引号\\\"\\\\\\n\\u0001 ok\",\"bad\":\"a\xEF\xBF\xBD" "b\",\"n\":-42,"
                                "\"a\":[true,null,{}]}");
    sk_json *j = parse_ok(b.data);
    assert_string_equal(sk_json_str(sk_json_get(j, "s")), "引号\"\\\n\x01 ok");
    /* an id echoed as it came */
    sk_json *id = parse_ok("\"7\"");
    sk_buf_clear(&b);
    sk_json_w_init(&w, &b);
    sk_json_w_value(&w, id);
    sk_json_w_value(&w, sk_json_get(j, "n"));
    assert_string_equal(b.data, "\"7\",-42");
    sk_json_free(id);
    sk_json_free(j);
    sk_buf_free(&b);
}

/* ---- textdoc: positions in the three encodings, edits ---- */

static void test_textdoc_positions_in_utf16_and_code_points(void **state)
{
    (void)state;
    sk_textdoc t;
    sk_textdoc_init(&t);
    const char *s = "a😀b\r\n中文\rx\n";
    sk_textdoc_set(&t, s, strlen(s));
    assert_int_equal((int)t.nlines, 4); /* CRLF, CR, LF, and the empty last line */
    size_t len;
    const char *l = sk_textdoc_line(&t, 0, &len);
    assert_int_equal((int)len, 6);
    assert_memory_equal(l, "a😀b", 6);
    /* "b" is at UTF-16 3, code point 2, byte 5 */
    assert_int_equal((int)sk_textdoc_offset(&t, 0, 3, SK_TEXTDOC_UTF16), 5);
    assert_int_equal((int)sk_textdoc_offset(&t, 0, 2, SK_TEXTDOC_UTF32), 5);
    assert_int_equal((int)sk_textdoc_offset(&t, 0, 5, SK_TEXTDOC_UTF8), 5);
    /* inside the surrogate pair: the character's start */
    assert_int_equal((int)sk_textdoc_offset(&t, 0, 2, SK_TEXTDOC_UTF16), 1);
    /* past the end of a line: its end (before the CRLF); past the last line: the end */
    assert_int_equal((int)sk_textdoc_offset(&t, 0, 99, SK_TEXTDOC_UTF16), 6);
    assert_int_equal((int)sk_textdoc_offset(&t, 9, 0, SK_TEXTDOC_UTF16), (int)strlen(s));
    size_t line, ch;
    sk_textdoc_position(&t, 5, SK_TEXTDOC_UTF16, &line, &ch);
    assert_int_equal((int)line, 0);
    assert_int_equal((int)ch, 3);
    sk_textdoc_position(&t, 8 + 3, SK_TEXTDOC_UTF32, &line, &ch); /* 文 on line 1 */
    assert_int_equal((int)line, 1);
    assert_int_equal((int)ch, 1);
    sk_textdoc_position(&t, 8 + 7, SK_TEXTDOC_UTF16, &line, &ch); /* x after the lone CR */
    assert_int_equal((int)line, 2);
    assert_int_equal((int)ch, 0);
    sk_textdoc_free(&t);
}

static void test_textdoc_edits_keep_the_lines(void **state)
{
    (void)state;
    sk_textdoc t;
    sk_textdoc_init(&t);
    sk_textdoc_set(&t, "一\n二\n三", strlen("一\n二\n三"));
    /* replace 二 by two lines */
    size_t a = sk_textdoc_offset(&t, 1, 0, SK_TEXTDOC_UTF16), b = sk_textdoc_offset(&t, 1, 1, SK_TEXTDOC_UTF16);
    sk_textdoc_edit(&t, a, b, "甲\n乙", strlen("甲\n乙"));
    assert_string_equal(t.data, "一\n甲\n乙\n三");
    assert_int_equal((int)t.nlines, 4);
    size_t len;
    const char *l = sk_textdoc_line(&t, 3, &len);
    assert_memory_equal(l, "三", len);
    /* a CR left at the end of a line joins the LF typed after it: one line end */
    sk_textdoc_set(&t, "a\rb", 3);
    assert_int_equal((int)t.nlines, 2);
    sk_textdoc_edit(&t, 2, 2, "\n", 1);
    assert_string_equal(t.data, "a\r\nb");
    assert_int_equal((int)t.nlines, 2);
    /* out-of-range edits are clamped */
    sk_textdoc_edit(&t, 100, 200, "!", 1);
    assert_string_equal(t.data, "a\r\nb!");
    sk_textdoc_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_reads_an_lsp_message),
        cmocka_unit_test(test_json_strings_escapes_and_surrogates),
        cmocka_unit_test(test_json_refuses_what_rfc8259_refuses),
        cmocka_unit_test(test_json_depth_is_bounded),
        cmocka_unit_test(test_json_writer_round_trips),
        cmocka_unit_test(test_textdoc_positions_in_utf16_and_code_points),
        cmocka_unit_test(test_textdoc_edits_keep_the_lines),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
