/* The pieces of stdcheck's configuration: globs as .gitignore writes them, the
 * .stdcheck.yaml reader, and the suppression directives of a standard. */
#include "helpers.h"
#include "base/glob.h"
#include "check/check.h"
#include "input/checkconf.h"
#include "model/directive.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void test_glob(void **state)
{
    (void)state;
    /* a name without '/' matches in any directory */
    assert_true(sk_glob_match("*.md", "a.md"));
    assert_true(sk_glob_match("*.md", "std/sub/a.md"));
    assert_true(sk_glob_match("README*", "std/README.md"));
    assert_false(sk_glob_match("*.md", "a.mdx"));
    /* with '/': from the configuration's directory; '*' stays within one name */
    assert_true(sk_glob_match("std/*.md", "std/a.md"));
    assert_false(sk_glob_match("std/*.md", "std/sub/a.md"));
    assert_false(sk_glob_match("std/*.md", "x/std/a.md"));
    assert_true(sk_glob_match("./std/*.md", "std/a.md"));
    assert_true(sk_glob_match("/std/*.md", "std/a.md"));
    /* '**' is any number of directories, none included */
    assert_true(sk_glob_match("**/forgot.md", "forgot.md"));
    assert_true(sk_glob_match("**/forgot.md", "std/drafts/forgot.md"));
    assert_true(sk_glob_match("std/**/*.md", "std/a.md"));
    assert_true(sk_glob_match("std/**/*.md", "std/x/y/a.md"));
    assert_true(sk_glob_match("std/**", "std/x/y/a.md"));
    assert_false(sk_glob_match("std/**/*.md", "other/a.md"));
    /* "name/": a directory of that name at any depth, or from the top with more '/' */
    assert_true(sk_glob_match("drafts/", "std/drafts/forgot.md"));
    assert_true(sk_glob_match("drafts/", "drafts/x/forgot.md"));
    assert_false(sk_glob_match("drafts/", "std/drafts.md"));
    assert_true(sk_glob_match("std/drafts/", "std/drafts/a.md"));
    assert_false(sk_glob_match("std/drafts/", "x/std/drafts/a.md"));
    /* '?' is one character, a CJK one too; classes */
    assert_true(sk_glob_match("TS-0?.md", "TS-09.md"));
    assert_true(sk_glob_match("草稿?.md", "草稿一.md"));
    assert_false(sk_glob_match("草稿?.md", "草稿一二.md"));
    assert_true(sk_glob_match("TS-[0-4]*.md", "TS-03-x.md"));
    assert_false(sk_glob_match("TS-[0-4]*.md", "TS-53-x.md"));
    assert_true(sk_glob_match("TS-[!0-4]*.md", "TS-53-x.md"));
    assert_true(sk_glob_match("a[b.md", "a[b.md")); /* an open class is a character */
}

static char *write_tmp(const char *dir, const char *name, const char *text)
{
    char *p = sk_asprintf("%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static void test_config_reads_keys_and_refuses_bad_ones(void **state)
{
    (void)state;
    char tmpl[] = "/tmp/sk-conf-XXXXXX";
    char *dir = mkdtemp(tmpl);
    assert_non_null(dir);
    char *p = write_tmp(dir, ".stdcheck.yaml",
                        "disable: [anchor-unused, index-order]\n"
                        "severity:\n  verb-form: warning\n  meta-unknown: off\n"
                        "exclude: drafts/\ninclude: [\"**/*.md\"]\nfail-level: note\n");
    sk_checkconf *c = NULL;
    sk_err err;
    assert_int_equal(sk_checkconf_load(&c, p, &err), 0);
    assert_true(c->disabled[sk_rule_find("anchor-unused")]);
    assert_true(c->disabled[sk_rule_find("index-order")]);
    assert_true(c->disabled[sk_rule_find("meta-unknown")]);
    assert_false(c->disabled[sk_rule_find("verb-form")]);
    assert_int_equal(c->level[sk_rule_find("verb-form")], 1 + SK_WARNING);
    assert_int_equal(c->fail_level, SK_NOTE);
    char *in = sk_asprintf("%s/std/a.md", dir), *out = sk_asprintf("%s/std/drafts/b.md", dir),
         *txt = sk_asprintf("%s/std/a.txt", dir);
    char *sub = sk_asprintf("%s/std", dir), *drafts = sk_asprintf("%s/std/drafts", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    assert_int_equal(mkdir(drafts, 0700), 0);
    assert_false(sk_checkconf_skips(c, in));
    assert_true(sk_checkconf_skips(c, out));
    assert_true(sk_checkconf_skips(c, txt)); /* not included */
    assert_false(sk_checkconf_skips(NULL, out));
    /* found from a directory below */
    char *found = sk_checkconf_find(drafts);
    assert_non_null(found);
    assert_true(sk_str_ends_with(found, "/.stdcheck.yaml"));
    free(found);
    sk_checkconf_free(c);

    /* errors name file:line:col */
    static const struct {
        const char *text, *msg;
        int line, col;
    } bad[] = {
        { "disable: [nope]\n", "unknown check code 'nope' (stdcheck --list-checks prints them)", 1, 11 },
        { "severity:\n  verb-form: loud\n", "severity 'loud' is not error, warning, note or off", 2, 14 },
        { "severity: [verb-form]\n", "'severity' maps codes to error, warning, note or off", 1, 11 },
        { "fail-level: fatal\n", "fail-level is error, warning or note, not 'fatal'", 1, 13 },
        { "exclude: {a: b}\n", "'exclude' is a list", 1, 10 },
        { "ignore: [x]\n", "unknown key 'ignore' in the stdcheck configuration (disable, severity, include, exclude, fail-level)", 1, 1 },
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char *q = write_tmp(dir, ".stdcheck.yaml", bad[i].text);
        c = NULL;
        sk_err_clear(&err);
        assert_int_equal(sk_checkconf_load(&c, q, &err), -1);
        assert_null(c);
        assert_string_equal(err.msg, bad[i].msg);
        assert_int_equal(err.line, bad[i].line);
        assert_int_equal(err.col, bad[i].col);
        free(q);
    }
    /* a system.yaml: its stdcheck: section, and only when it has one */
    unlink(p);
    char *sys = write_tmp(dir, "system.yaml", "name: 体系\n");
    assert_null(sk_checkconf_find(drafts));
    free(sys);
    sys = write_tmp(dir, "system.yaml", "name: 体系\nstdcheck:\n  disable: [anchor-unused]\n");
    found = sk_checkconf_find(drafts);
    assert_non_null(found);
    assert_true(sk_str_ends_with(found, "/system.yaml"));
    assert_int_equal(sk_checkconf_load(&c, found, &err), 0);
    assert_true(c->disabled[sk_rule_find("anchor-unused")]);
    assert_false(c->disabled[sk_rule_find("verb-form")]);
    sk_checkconf_free(c);
    free(found);
    unlink(sys);
    rmdir(drafts);
    rmdir(sub);
    rmdir(dir);
    free(sys);
    free(p);
    free(in);
    free(out);
    free(txt);
    free(sub);
    free(drafts);
}

/* Directives as the model reads them, and what they suppress. */
static void test_directives(void **state)
{
    (void)state;
    sk_diags d;
    const char *text = FM "# 1 范围\n\n"
                          "<!-- stdcheck-disable anchor-unused, verb-form -- a reason -->\n\n"
                          "本文件规定了要求。<!-- stdcheck-disable-line -->\n\n"
                          "<!-- stdcheck-enable anchor-unused -->\n"
                          "<!-- stdcheck-disable-next-line\n     index-order -->\n\n"
                          "<!-- stdcheck-disable-file html-block -->\n"
                          "<!-- stdcheck-disble x -->\n"
                          "<!-- an ordinary comment -->\n";
    sk_doc *doc = parse_str(text, &d);
    assert_non_null(doc);
    assert_int_equal((int)doc->directives.len, 5);
    const sk_directive *r = doc->directives.items[0];
    assert_int_equal(r->kind, SK_DIRECTIVE_DISABLE);
    assert_int_equal(r->line, FM_LINES + 3);
    assert_int_equal(r->ncodes, 2);
    assert_string_equal(sk_rule_get(r->codes[1])->code, "verb-form");
    const sk_directive *l = doc->directives.items[1];
    assert_int_equal(l->kind, SK_DIRECTIVE_LINE);
    assert_true(l->all);
    assert_int_equal(l->line, FM_LINES + 5);
    assert_int_equal(l->col, 10); /* after nine CJK characters */
    const sk_directive *nl = doc->directives.items[3];
    assert_int_equal(nl->kind, SK_DIRECTIVE_NEXT_LINE);
    assert_int_equal(nl->line, FM_LINES + 8);
    assert_int_equal(nl->end_line, FM_LINES + 9); /* the comment's two lines */
    assert_int_equal(((const sk_directive *)doc->directives.items[4])->kind, SK_DIRECTIVE_FILE);
    assert_int_equal(diag_count(&d, "directive"), 1);
    assert_int_equal(d.items[diag_find(&d, "directive")].line, FM_LINES + 12);

    /* applied: findings placed by hand on the lines around the directives */
    size_t start = d.len;
    int range = FM_LINES + 4, after = FM_LINES + 7, next = FM_LINES + 10;
    sk_diag_emit(&d, SK_R_ANCHOR_UNUSED, "t.md", range, 1, "in the range");       /* suppressed */
    sk_diag_emit(&d, SK_R_ANCHOR_UNUSED, "t.md", after, 1, "after the enable");   /* kept */
    sk_diag_emit(&d, SK_R_VERB_FORM, "t.md", after, 1, "still disabled");         /* suppressed */
    sk_diag_emit(&d, SK_R_INDEX_ORDER, "t.md", next, 1, "next line");             /* suppressed */
    sk_diag_emit(&d, SK_R_INDEX_ORDER, "t.md", next + 1, 1, "line after that");   /* kept */
    sk_diag_emit(&d, SK_R_HTML_BLOCK, "t.md", 1, 1, "anywhere");                  /* suppressed */
    sk_diag_emit(&d, SK_R_HTML_BLOCK, "other.md", 1, 1, "another file");          /* kept */
    sk_check_apply_directives(doc, &d, start, 1);
    const char *kept[] = { "after the enable", "line after that", "another file" };
    size_t k = 0;
    for (size_t i = start; i < d.len; i++)
        if (d.items[i].rule != SK_R_SUPPRESS_UNUSED) {
            assert_true(k < 3);
            assert_string_equal(d.items[i].msg, kept[k++]);
        }
    assert_int_equal((int)k, 3);
    /* the -line without codes suppressed nothing: one note for it */
    assert_int_equal(diag_count(&d, "suppress-unused"), 1);
    const sk_diag *u = &d.items[diag_find(&d, "suppress-unused")];
    assert_int_equal(u->line, FM_LINES + 5);
    assert_string_equal(u->msg, "stdcheck-disable-line suppresses nothing here");
    sk_doc_free(doc);
    sk_diag_free(&d);
}

/* Findings of one code past SK_DIAG_REPEAT_MAX in a file are dropped and counted
 * in one summary finding where the first dropped one was; past SK_DIAG_EMIT_MAX
 * they are never stored; other codes keep theirs. */
static void test_repeats_capped_per_code_and_file(void **state)
{
    (void)state;
    sk_diags d;
    sk_diag_init(&d);
    sk_diag_emit(&d, SK_R_VERB_FORM, "t.md", 1, 1, "before");
    size_t start = d.len;
    for (int i = 200000; i > 0; i--) /* in reverse: the cap keeps the first by position */
        sk_diag_emit(&d, SK_R_TABLE_CELL, "t.md", i, 2, "empty cell");
    assert_int_equal((int)d.len, 1 + SK_DIAG_EMIT_MAX);
    sk_diag_emit(&d, SK_R_ANCHOR_UNUSED, "t.md", 5, 1, "one of another code");
    sk_diag_cap(&d, start);
    assert_int_equal((int)d.len, 1 + SK_DIAG_REPEAT_MAX + 1 + 1);
    sk_diag_sort(&d);
    size_t cells = 0, summaries = 0;
    for (size_t i = 0; i < d.len; i++) {
        const sk_diag *dg = &d.items[i];
        if (dg->rule != SK_R_TABLE_CELL)
            continue;
        if (strstr(dg->msg, "more findings")) {
            summaries++;
            assert_string_equal(dg->msg, "199900 more findings of this kind in this file are not shown (the first 100 are)");
            assert_int_equal(dg->line, 199101); /* the first stored one past the cap */
            assert_string_equal(dg->file, "t.md");
        } else {
            assert_int_equal(dg->line, 199001 + (int)cells);
            cells++;
        }
    }
    assert_int_equal((int)cells, SK_DIAG_REPEAT_MAX);
    assert_int_equal((int)summaries, 1);
    /* the counts start again for the next file */
    start = d.len;
    for (int i = 0; i < 150; i++)
        sk_diag_emit(&d, SK_R_TABLE_CELL, "u.md", i + 1, 1, "empty cell");
    sk_diag_cap(&d, start);
    assert_int_equal((int)(d.len - start), SK_DIAG_REPEAT_MAX + 1);
    sk_diag_free(&d);
}

/* Sorting is stable and by file, line and column, whatever the order given. */
static void test_diag_sort_stable(void **state)
{
    (void)state;
    sk_diags d;
    sk_diag_init(&d);
    for (int i = 0; i < 5000; i++)
        sk_diag_emit(&d, SK_R_VERB_FORM, i % 2 ? "b.md" : "a.md", (i * 7919) % 100, 1, "%d", i);
    sk_diag_sort(&d);
    for (size_t i = 1; i < d.len; i++) {
        const sk_diag *p = &d.items[i - 1], *q = &d.items[i];
        int c = strcmp(p->file, q->file);
        assert_true(c < 0 || (c == 0 && p->line <= q->line));
        if (c == 0 && p->line == q->line)
            assert_true(atoi(p->msg) < atoi(q->msg));
    }
    sk_diag_free(&d);
}

/* Findings emitted into streams come out in stream order after those emitted
 * before, whatever the order of emission; the counts are shared by the streams. */
static void test_diag_streams_join_in_order(void **state)
{
    (void)state;
    sk_diags d;
    sk_diag_streams S;
    sk_diag_init(&d);
    sk_diag_emit(&d, SK_R_VERB_FORM, "t.md", 1, 1, "before");
    sk_diag_stream_begin(&d, &S, 3);
    for (int i = 0; i < 40; i++) { /* interleaved: 2, 0, 1, 2, 0, 1 ... */
        int k = (i + 2) % 3;
        sk_diag_stream_to(&d, &S, k);
        sk_diag *dg = sk_diag_emit(&d, SK_R_TABLE_CELL, "t.md", 5, 1, "%d.%d", k, i);
        sk_diag_hint(dg, "hint %d", i);
    }
    sk_diag_stream_end(&d, &S);
    sk_diag_emit(&d, SK_R_VERB_FORM, "t.md", 1, 1, "after");
    assert_int_equal((int)d.len, 42);
    assert_string_equal(d.items[0].msg, "before");
    int last_k = 0, last_i = -1;
    for (size_t j = 1; j < 41; j++) {
        int k, i;
        assert_int_equal(sscanf(d.items[j].msg, "%d.%d", &k, &i), 2);
        assert_true(k > last_k || (k == last_k && i > last_i));
        assert_non_null(d.items[j].hint);
        last_k = k;
        last_i = i;
    }
    assert_string_equal(d.items[41].msg, "after");
    assert_int_equal((int)d.seen[SK_R_TABLE_CELL], 40);
    sk_diag_sort(&d); /* all at one position but "before"/"after": the order stays */
    assert_string_equal(d.items[0].msg, "before");
    assert_string_equal(d.items[1].msg, "after");
    assert_string_equal(d.items[2].msg, "0.1");
    sk_diag_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glob),
        cmocka_unit_test(test_config_reads_keys_and_refuses_bad_ones),
        cmocka_unit_test(test_directives),
        cmocka_unit_test(test_repeats_capped_per_code_and_file),
        cmocka_unit_test(test_diag_sort_stable),
        cmocka_unit_test(test_diag_streams_join_in_order),
    };
    return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
