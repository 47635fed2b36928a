/* The Markdown parse by chunk (sk_markdown_read_cached, the language server's) gives
 * the model and the diagnostics the whole parse gives: on every standard, case and
 * fixture of the tree, on texts that defeat the cut (fences, HTML blocks, link
 * references holding a "# " line), and after edits that change, add and remove
 * chapters while the cache is reused. */
#include <dirent.h>
#include <sys/stat.h>

#include "helpers.h"
#include "base/fs.h"
#include "check/check.h"
#include "model/dump.h"
#include "model/markdown.h"

/* A model of src with the body read in one piece (sk_model_build_cached's steps
 * around sk_markdown_read_whole). */
static int build_whole(sk_doc **out, sk_source *src, sk_diags *d, sk_err *err)
{
    sk_doc *doc = sk_calloc(1, sizeof *doc);
    doc->src = src;
    doc->root = sk_node_new(SK_N_DOC);
    sk_map_init(&doc->anchors);
    sk_meta_parse(&doc->meta, src, d);
    if (sk_markdown_read_whole(doc, d, err) < 0) {
        doc->src = NULL;
        sk_doc_free(doc);
        return -1;
    }
    sk_model_finish(doc, 0, d);
    *out = doc;
    return 0;
}

/* The model dump (with positions) and the diagnostics, one way or another: the
 * cache given, sk_markdown_read (by chunk, no cache) when NULL, the body in one
 * piece when whole. */
static char *model_of_as(const char *text, size_t len, sk_markdown_cache *cache, int whole)
{
    sk_diags d;
    sk_diag_init(&d);
    sk_source *src = NULL;
    sk_buf b;
    sk_buf_init(&b);
    if (sk_source_make(&src, "t.md", text, len, &d) == 1) {
        sk_doc *doc = NULL;
        sk_err err;
        int rc = whole ? build_whole(&doc, src, &d, &err) : sk_model_build_cached(&doc, src, 0, cache, &d, &err);
        if (rc == 0) {
            sk_check_doc(doc, NULL, &d);
            sk_dump_doc(&b, doc, SK_DUMP_POSITIONS);
            sk_doc_free(doc);
        } else {
            sk_buf_printf(&b, "error: %s\n", err.msg);
            sk_source_free(src);
        }
    }
    for (size_t i = 0; i < d.len; i++)
        sk_buf_printf(&b, "%d:%d %s %s\n", d.items[i].line, d.items[i].col, sk_rule_get(d.items[i].rule)->code,
                      d.items[i].msg);
    sk_diag_free(&d);
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

static char *model_of(const char *text, size_t len, sk_markdown_cache *cache)
{
    return model_of_as(text, len, cache, !cache);
}

static void same(const char *what, const char *text, size_t len, sk_markdown_cache *cache)
{
    char *chunked = model_of_as(text, len, NULL, 0), *one = model_of(text, len, NULL);
    if (strcmp(one, chunked))
        fail_msg("%s: sk_markdown_read (by chunk) differs from the parse in one piece", what);
    free(chunked);
    free(one);
    char *whole = model_of(text, len, NULL), *cut = model_of(text, len, cache);
    if (strcmp(whole, cut)) {
        size_t i = 0;
        while (whole[i] && whole[i] == cut[i])
            i++;
        size_t from = i > 200 ? i - 200 : 0;
        fail_msg("%s: the parse by chunk differs at byte %zu:\nwhole: %.400s\ncut:   %.400s", what, i, whole + from,
                 cut + from);
    }
    free(whole);
    free(cut);
}

static void walk(const char *dir, sk_vec *out, int depth)
{
    DIR *d = opendir(dir);
    if (!d || depth > 6) {
        if (d)
            closedir(d);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char *p = sk_fs_join(dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(p, out, depth + 1);
            free(p);
        } else if (sk_str_ends_with(p, ".md")) {
            sk_vec_push(out, p);
        } else {
            free(p);
        }
    }
    closedir(d);
}

static void test_mdcache_corpus_models_are_the_same(void **state)
{
    (void)state;
    sk_vec files = { 0 };
    walk("standards", &files, 0);
    walk("tests/cases", &files, 0);
    walk("tests/fixtures", &files, 0);
    walk("tests/fix", &files, 0);
    assert_true(files.len > 200);
    sk_markdown_cache *cache = sk_markdown_cache_new();
    for (size_t i = 0; i < files.len; i++) {
        char *text;
        size_t len;
        sk_err err;
        if (sk_fs_read(&text, &len, files.items[i], 1 << 24, &err) == 0) {
            same(files.items[i], text, len, cache);
            /* again, every chunk now from the cache: a read must leave the trees as it found them */
            same(files.items[i], text, len, cache);
            free(text);
        }
        free(files.items[i]);
    }
    sk_vec_free(&files);
    sk_markdown_cache_free(cache);
}

#define FM "---\nnumber: SJDJ/TS 01—2019\ntitle: 测试标准\ncategory: TS\nstatus: draft\n---\n"

static void test_mdcache_texts_that_defeat_the_cut(void **state)
{
    (void)state;
    static const char *const texts[] = {
        /* "# " lines inside a fence, an HTML comment, a <pre> block: not chapters */
        FM "# 1 范围\n\n本文件规定了a。\n\n```\n# 2 不是标题\n```\n\n# 2 规范性引用文件\n\n本文件没有规范性引用文件。\n",
        FM "# 1 范围\n\n~~~~\n# 代码\n~~~\n# 仍是代码\n~~~~\n\n# 2 章\n",
        FM "# 1 范围\n\n<!--\n# 2 注释里\n-->\n\n# 2 规范性引用文件\n",
        FM "# 1 范围\n\n<pre>\n# 2 pre\n</pre>\n\n# 2 规范性引用文件\n",
        FM "# 1 范围\n\n<?php\n# 2\n?>\n# 3 x\n",
        /* a link reference defined in one chapter and used in another */
        FM "# 1 范围\n\n见[甲]。\n\n# 2 规范性引用文件\n\n[甲]: #t\n",
        /* lists, quotes, tables and captions ended by a chapter heading */
        FM "# 1 范围\n\n- 甲\n- 乙\n# 2 章\n\n> 引用\n# 3 章\n\n表：标题\n\n| a | b |\n|---|---|\n| 1 | 2 |\n# 4 章\n\n表：悬空\n# 5 章\n",
        /* headings that are not chapters: "#x", "  # ", "##" */
        FM "# 1 范围\n\n#不是\n  # 缩进\n## 1.1 条\n\n### 1.1.1 条\n# 2 章\n",
        /* no front matter, CRLF, a body without chapters, an empty body */
        "# 1 范围\r\n\r\n正文\r\n# 2 章\r\n", FM, FM "正文\n", FM "# 1 范围",
        /* unnumbered chapters (md2std) with clause lines: a chunk knows its chapter's place */
        FM "# 范围\n\n本文件规定了a。\n\n# 规范性引用文件\n\n本文件没有规范性引用文件。\n\n# 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n# 要求\n\n4.1 第一条内容。\n\n4.2 第二条内容。\n\n# 附录 规范性 表格\n\nA.1 第一条。\n\nA.2 第二条。\n",
    };
    sk_markdown_cache *cache = sk_markdown_cache_new();
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char what[32];
        snprintf(what, sizeof what, "text %zu", i);
        same(what, texts[i], strlen(texts[i]), cache);
    }
    sk_markdown_cache_free(cache);
}

/* Edits as a consultant makes them, the cache kept across them: the model after each
 * is the model of the edited text. */
static void test_mdcache_follows_edits(void **state)
{
    (void)state;
    char *text;
    size_t len;
    sk_err err;
    assert_int_equal(sk_fs_read(&text, &len, "standards/TS-04-wujiax-huodongri.md", 1 << 24, &err), 0);
    sk_markdown_cache *cache = sk_markdown_cache_new();
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_put(&b, text, len);
    unsigned seed = 7;
    static const char *const inserts[] = { "见6.1.2", "\n# 11 新章\n\n内容。\n", "。", "\n\n```\n# 代码\n", "\n```\n",
                                           "表1", "\n## 9.3 新条\n\n", "附录A", "# ", "\n<!--\n", "-->\n" };
    for (int round = 0; round < 60; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t at = (seed >> 8) % b.len;
        while (at > 0 && ((unsigned char)b.data[at] & 0xC0) == 0x80)
            at--;
        if (round % 3 == 2) {
            /* delete up to the next line end */
            const char *nl = memchr(b.data + at, '\n', b.len - at);
            size_t n = nl ? (size_t)(nl - b.data) - at : b.len - at;
            memmove(b.data + at, b.data + at + n, b.len - at - n + 1);
            b.len -= n;
        } else {
            const char *ins = inserts[(seed >> 16) % (sizeof inserts / sizeof *inserts)];
            size_t n = strlen(ins);
            sk_buf_reserve(&b, n);
            memmove(b.data + at + n, b.data + at, b.len - at + 1);
            memcpy(b.data + at, ins, n);
            b.len += n;
        }
        char what[32];
        snprintf(what, sizeof what, "edit %d", round);
        same(what, b.data, b.len, cache);
    }
    sk_buf_free(&b);
    sk_markdown_cache_free(cache);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mdcache_corpus_models_are_the_same),
        cmocka_unit_test(test_mdcache_texts_that_defeat_the_cut),
        cmocka_unit_test(test_mdcache_follows_edits),
    };
    return cmocka_run_group_tests_name("mdcache", tests, NULL, NULL);
}
