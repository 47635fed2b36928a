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

/* The one-pass text writer (a table of byte classes, a fast path for three-byte
 * characters) keeps exactly what sk_xmlw_clean keeps: every lead byte E0-EF with
 * continuation bytes at and around the edges of the exceptions (overlong E0,
 * surrogates ED A0-BF, U+FFFE/U+FFFF), and truncated characters at the end. */
static void test_text_keeps_what_clean_keeps(void **state)
{
    (void)state;
    static const unsigned char probe[] = { 0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBD, 0xBE, 0xBF, 0xC0, 0xFF };
    size_t np = sizeof probe;
    for (unsigned lead = 0xC0; lead <= 0xFF; lead++)
        for (size_t a = 0; a < np; a++)
            for (size_t b = 0; b <= np; b++) {
                char s[8] = { 'x', (char)lead, (char)probe[a], b < np ? (char)probe[b] : 0, 'y', 0 };
                size_t n = b < np ? 5 : 3; /* b == np: the character is cut short by the end */
                size_t kept_len = 0, dropped = 0;
                char *kept = sk_xmlw_clean(s, n, &kept_len, &dropped);
                sk_xmlw *x = sk_xmlw_new_fragment();
                sk_xmlw_start(x, "t");
                sk_xmlw_text_n(x, s, n);
                sk_xmlw_end(x);
                sk_xmlw *y = sk_xmlw_new_fragment();
                sk_xmlw_start(y, "t");
                sk_xmlw_text_n(y, kept ? kept : s, kept ? kept_len : n);
                sk_xmlw_end(y);
                char *ox = NULL, *oy = NULL;
                size_t lx, ly;
                sk_err err;
                assert_int_equal(sk_xmlw_finish(x, &ox, &lx, &err), 0);
                assert_int_equal(sk_xmlw_finish(y, &oy, &ly, &err), 0);
                if (lx != ly || memcmp(ox, oy, lx))
                    fail_msg("lead %02X %02X %02X: \"%s\" but clean keeps \"%s\"", lead, probe[a],
                             b < np ? probe[b] : 0, ox, oy);
                free(ox);
                free(oy);
                free(kept);
            }
}

/* Names of every length up to 40 are copied whole into the start and end tags
 * (short names are copied in overlapping words). */
static void test_names_of_every_length(void **state)
{
    (void)state;
    const char *abc = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";
    sk_xmlw *x = sk_xmlw_new_fragment();
    char expect[4096] = "";
    size_t at = 0;
    for (size_t n = 1; n <= 40; n++) {
        char name[41];
        memcpy(name, abc, n);
        name[n] = 0;
        sk_xmlw_start_n(x, name, n);
        sk_xmlw_attr_n(x, name, n, name, n);
        sk_xmlw_text(x, "t");
        sk_xmlw_end(x);
        at += (size_t)snprintf(expect + at, sizeof expect - at, "<%s %s=\"%s\">t</%s>", name, name, name, name);
    }
    expect[at++] = '\n'; /* the document's final newline */
    size_t len;
    char *out = finish_ok(x, &len);
    assert_string_equal(out, expect);
    assert_int_equal(len, at);
    free(out);
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
        cmocka_unit_test(test_text_keeps_what_clean_keeps),
        cmocka_unit_test(test_names_of_every_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
