/* model — the one pipeline that turns a standard's source into a finished model
 * (doc.h), the only place the passes run, in this order:
 *   1. front matter: meta.h, into doc->meta;
 *   2. the body: cmark-gfm's tree converted into ours (markdown.h);
 *   then sk_model_finish, on a tree read from Markdown or built in code:
 *   3. captions: a table caption without its table is reported and dropped (and a
 *      figure of several the reader left open is closed);
 *   4. terms: the parts of each term entry (English equivalent, 许用, 不推荐用, 符号,
 *      definition, [来源]);
 *   5. bibliography: the numbers written on 参考文献 entries ("[3] ") taken off;
 *   6. anchors: every {#id} registered (a duplicate is reported), form annexes listed;
 *   7. numbering: every number assigned and the written ones checked (number.h);
 *   8. references: found in running text and resolved (xref.h);
 *   9. formulas: the cited ones numbered, "公式（n）" resolved (number.h);
 *  10. with SK_MODEL_FOREWORD, the 前言 generated from the front matter when the
 *      source has none (the documents a writer prints have it; stdcheck checks
 *      what the author wrote);
 *  11. with SK_MODEL_LEADINS, the fixed lead-in of chapter 2, chapter 3 and
 *      符号和缩略语 written where the author wrote none (foreword.h).
 * Checks and writers take a finished model and never run a pass themselves. */
#ifndef SK_MODEL_H
#define SK_MODEL_H

#include "model/doc.h"
#include "model/markdown.h"

/* SK_MODEL_FOREWORD and sk_model_load are public (stdkit.h). */
#include "stdkit.h"

/* Builds the model of src. On success *out owns src (sk_doc_free frees both); on
 * failure (-1, err set) *out is untouched and src is still the caller's.
 * Problems with the text itself are diagnostics in diags, not failures. */
int sk_model_build(sk_doc **out, sk_source *src, unsigned flags, sk_diags *diags, sk_err *err);
/* The same, with the Markdown parse kept in cache for the next build of a changed
 * text (markdown.h): the model is the one sk_model_build gives. */
int sk_model_build_cached(sk_doc **out, sk_source *src, unsigned flags, sk_markdown_cache *cache, sk_diags *diags,
                          sk_err *err);

/* sk_model_load: the source read from path (input/source.h), then sk_model_build.
 * -1 with err when the file cannot be read (err from the read) or cannot be a
 * standard (err names the first error diagnostic the read added to diags). */
int sk_model_load(sk_doc **out, const char *path, unsigned flags, sk_diags *diags, sk_err *err);

/* Passes 3-11 on a tree (sk_doc_new + nodes built in code, or read by markdown.h). */
void sk_model_finish(sk_doc *doc, unsigned flags, sk_diags *diags);

#endif
