/* import — the structure of a foreign document recognised: a flow (input/flow.h,
 * read from DOCX or ODT) becomes a model built in code (build.h), as the Markdown
 * reader would have made it from the same standard written by hand. What is
 * recognised, and from what (docs/import.md has the style-name table):
 *   - the cover: number, titles, ICS/CCS, dates, issuer, replaces, stage → front
 *     matter; the 目次 is dropped (it is generated); a 前言 that is the fixed text
 *     stdgen generates is dropped (its fields go to the front matter), any other is kept;
 *   - headings: outline levels, heading styles (Heading N and the GB/T template
 *     names), list numbering (the number Word shows), numbers typed in the text;
 *     the level is the number's depth when there is one; untitled clauses; annexes
 *     (附录A / （规范性） / title, in one paragraph or three);
 *   - terms, notes, examples, lists, 规范性引用文件 and 参考文献 entries, tables
 *     (caption above, header rows, merged cells), figures (caption below),
 *     formulas and 式中, bookmarks and links to them (→ [](#id)), links;
 *   - anything else is kept as text, and a note names its paragraph.
 * Nothing here runs a pass: the caller writes the model (write/markdown.h) or
 * finishes it (model.h). */
#ifndef SK_IMPORT_H
#define SK_IMPORT_H

#include "input/flow.h"
#include "input/system.h"
#include "model/doc.h"

typedef struct sk_import_opts {
    const sk_system *sys;   /* the system the standard goes into (category, group), or NULL */
    const char *figdir;     /* where figures go, relative to the source ("figures") */
    const char *stem;       /* the figures' names start with it ("TS-04": figures/TS-04-1.png) */
} sk_import_opts;

/* A figure of the model and the image of the flow it shows. */
typedef struct sk_import_figure {
    char *src;              /* as the model's figure has it: "figures/TS-04-1.png" */
    int image;              /* index in the flow's images */
} sk_import_figure;

typedef struct sk_import_result {
    sk_import_figure *figs;
    size_t nfigs;
    sk_vec notes;           /* char*: "paragraph N: what was not mapped, and what was done" */
    int foreword_dropped;   /* the 前言 was stdgen's fixed text */
} sk_import_result;

/* Builds the model of flow f (the model's source is named path). Always gives a
 * model; what could not be mapped is in res->notes. Free the result with
 * sk_import_result_free and the model with sk_doc_free. */
void sk_import_build(sk_doc **out, sk_import_result *res, const sk_flow *f, const char *path,
                     const sk_import_opts *o);
void sk_import_result_free(sk_import_result *res);

#endif
