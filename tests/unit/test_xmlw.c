/* xmlw writes the bytes libxml2's xmlTextWriter wrote for the same calls (the
 * expected strings below are xmlTextWriter's output, captured before xmlw wrote
 * directly), so the documents stay byte for byte what they were. */
#include "helpers.h"

#include "base/xmlw.h"

static char *finish_ok(sk_xmlw *x, size_t *len)
{
    char *out = NULL;
    sk_err err;
    sk_err_clear(&err);
    if (sk_xmlw_finish(x, &out, len, &err) != 0)
        fail_msg("sk_xmlw_finish: %s", err.msg);
    return out;
}

#define DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static void test_escaping_matches_xmltextwriter(void **state)
{
    (void)state;
    sk_xmlw *x = sk_xmlw_new();
    sk_xmlw_start(x, "r");
    sk_xmlw_attr(x, "x", "中文é\n\t\r>");
    sk_xmlw_text(x, "a<b>&\"\r\n\t中");
    sk_xmlw_start(x, "c");
    sk_xmlw_end(x);
    sk_xmlw_text(x, "]]>");
    size_t len;
    char *out = finish_ok(x, &len);
    assert_string_equal(out, DECL "<r x=\"中文é&#10;&#9;&#13;&gt;\">a&lt;b&gt;&amp;&quot;&#13;\n\t中<c/>]]&gt;</r>\n");
    free(out);
}

static void test_empty_elements_and_leaves(void **state)
{
    (void)state;
    sk_xmlw *x = sk_xmlw_new();
    sk_xmlw_start(x, "w:e3");
    sk_xmlw_attr_int(x, "w:n", 49751);
    sk_xmlw_leaf(x, "w:leaf", "k", "v&<\"", NULL);
    sk_xmlw_val(x, "w:e0", "w:val", "");
    size_t len;
    char *out = finish_ok(x, &len); /* closes w:e3 */
    assert_string_equal(out, DECL "<w:e3 w:n=\"49751\"><w:leaf k=\"v&amp;&lt;&quot;\"/><w:e0 w:val=\"\"/></w:e3>\n");
    free(out);
}

static void test_dropped_characters_leave_the_tag_open(void **state)
{
    (void)state;
    sk_xmlw *x = sk_xmlw_new();
    sk_xmlw_start(x, "r");
    sk_xmlw_text(x, "\x01\xEF\xBF\xBE"); /* nothing XML can hold: still an empty element */
    sk_xmlw_attr(x, "a", "1");
    sk_xmlw_text_n(x, "ok\x02!", 4);
    assert_int_equal(sk_xmlw_dropped(x), 3);
    size_t len;
    char *out = finish_ok(x, &len);
    assert_string_equal(out, DECL "<r a=\"1\">ok!</r>\n");
    free(out);
}

static void test_misuse_is_latched(void **state)
{
    (void)state;
    sk_xmlw *x = sk_xmlw_new();
    sk_xmlw_start(x, "r");
    sk_xmlw_text(x, "t");
    sk_xmlw_attr(x, "late", "1"); /* after content */
    sk_xmlw_start(x, "ignored");
    assert_true(sk_xmlw_failed(x));
    char *out = NULL;
    size_t len = 0;
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_xmlw_finish(x, &out, &len, &err), -1);
    assert_null(out);
    assert_non_null(strstr(err.msg, "attribute"));

    x = sk_xmlw_new();
    sk_xmlw_end(x);
    assert_true(sk_xmlw_failed(x));
    sk_xmlw_free(x);
}

static void test_drained_pieces_add_up_to_the_document(void **state)
{
    (void)state;
    sk_xmlw *whole = sk_xmlw_new(), *x = sk_xmlw_new();
    sk_buf got;
    sk_buf_init(&got);
    char piece[7];
    sk_err err;
    sk_err_clear(&err);
    for (sk_xmlw *w = whole; w; w = w == whole ? x : NULL) {
        sk_xmlw_start(w, "w:body");
        for (int i = 0; i < 50; i++) {
            sk_xmlw_start(w, "w:p");
            sk_xmlw_attr_int(w, "n", i);
            sk_xmlw_text(w, "段落<&>");
            sk_xmlw_end(w);
            if (w == x) /* hand out some of it while writing: the rest stays in order */
                sk_buf_put(&got, piece, sk_xmlw_drain(x, piece, sizeof piece));
        }
    }
    assert_int_equal(sk_xmlw_end_document(x, &err), 0);
    while (sk_xmlw_pending(x))
        sk_buf_put(&got, piece, sk_xmlw_drain(x, piece, sizeof piece));
    sk_xmlw_free(x);
    size_t len;
    char *want = finish_ok(whole, &len);
    assert_int_equal(got.len, len);
    assert_memory_equal(got.data, want, len);
    free(want);
    sk_buf_free(&got);
}

/* A fragment written apart goes into the document where it is taken, its dropped
 * characters counted; one left open makes the document fail. */
static void test_fragments_are_taken_whole(void **state)
{
    (void)state;
    sk_xmlw *x = sk_xmlw_new(), *a = sk_xmlw_new_fragment(), *b = sk_xmlw_new_fragment();
    sk_xmlw_start(x, "office:text");
    sk_xmlw_start(a, "p");
    sk_xmlw_text(a, "one\x01");
    sk_xmlw_end(a);
    sk_xmlw_leaf(a, "q", "k", "v", NULL);
    assert_int_equal(sk_xmlw_size(b), 0);
    sk_xmlw_take(x, b); /* empty: nothing, the start tag stays open */
    sk_xmlw_take(x, a);
    size_t len;
    assert_int_equal(sk_xmlw_dropped(x), 1);
    char *out = finish_ok(x, &len);
    assert_string_equal(out, DECL "<office:text><p>one</p><q k=\"v\"/></office:text>\n");
    free(out);

    x = sk_xmlw_new();
    a = sk_xmlw_new_fragment();
    sk_xmlw_start(x, "r");
    sk_xmlw_start(a, "open");
    sk_xmlw_take(x, a);
    assert_true(sk_xmlw_failed(x));
    sk_xmlw_free(x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escaping_matches_xmltextwriter),
        cmocka_unit_test(test_empty_elements_and_leaves),
        cmocka_unit_test(test_dropped_characters_leave_the_tag_open),
        cmocka_unit_test(test_misuse_is_latched),
        cmocka_unit_test(test_drained_pieces_add_up_to_the_document),
        cmocka_unit_test(test_fragments_are_taken_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
