/* lspfeat — the language features of stdlsp, one function a request: each reads
 * the request's params, answers from the document's model (model/locate.h) and
 * sends the response, or a JSON-RPC error for params it cannot use. */
#ifndef SK_LSPFEAT_H
#define SK_LSPFEAT_H

#include "run/lsp.h"

/* textDocument/definition: from a reference ([](#id), 见5.2, 第6章, 表A.1, 图2, 附录B,
 * 公式（3）, 参考文献[1]), a term, or a cited standard of the system (its file). */
void sk_lspfeat_definition(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/references: every place citing the clause, table, figure, annex,
 * formula, term or standard (in every standard of the system) at the position. */
void sk_lspfeat_references(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/hover: the target's number, title and first lines; a cited
 * standard's number, title and status. */
void sk_lspfeat_hover(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/prepareRename and rename: an anchor id everywhere; a written number
 * renamed to the one it is assigned renumbers the whole standard (stdcheck --fix). */
void sk_lspfeat_prepare_rename(sk_lsp *S, const sk_json *id, const sk_json *params);
void sk_lspfeat_rename(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/completion: numbers after 见/表/图/附录/公式（/第, anchors after
 * ](#, the system's standard numbers, front-matter keys and values. */
void sk_lspfeat_completion(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/documentSymbol: the outline with numbers (and the tables and figures). */
void sk_lspfeat_symbols(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/foldingRange: the front matter and every section. */
void sk_lspfeat_folding(sk_lsp *S, const sk_json *id, const sk_json *params);
/* textDocument/codeAction: renumber (stdcheck --fix), add a cited standard to
 * chapter 2, join a year with an em dash, turn typed a) b) lines into a list. */
void sk_lspfeat_code_action(sk_lsp *S, const sk_json *id, const sk_json *params);

#endif
