/* markdown — a model written as stdkit source (docs/format.md): YAML front matter,
 * then the body in the canonical syntax the Markdown reader (model/markdown.h)
 * reads back into the same model: numbered headings, 附录 headings, § untitled
 * clauses, term entries, 注/示例, lists, captions and pipe tables (HTML tables for
 * merged cells or several header rows), figures, $$ formulas $$ with 式中, [](#id)
 * references, and the text escaped where Markdown would read it as syntax.
 * The inverse of model/markdown.c, used by stdimport on models built in code
 * (model/import.h); it takes a model before or after sk_model_finish. */
#ifndef SK_WRITE_MARKDOWN_H
#define SK_WRITE_MARKDOWN_H

#include "model/doc.h"

/* Appends the source of doc to b. */
void sk_markdown_write(sk_buf *b, const sk_doc *doc);

#endif
