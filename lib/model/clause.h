/* clause — where in a standard a reviewer's comment is, named so that the name
 * survives renumbering. A comment is on a clause: a section (前言, a chapter, a
 * clause, an untitled clause, a term entry, an annex, 参考文献 …) or a table,
 * figure or formula. Its number changes when a clause is added before it; its
 * path does not: the names from the top of the document down to it,
 *     [“5+X”党员活动日的内容, 固定内容]                  5.1
 *     [活动流程, "§活动结束后，支部应在3个工作日内"]      6.2.3 (untitled)
 *     [活动流程, "表：活动记录要素"]                     表2
 * a section's name being its title, an untitled clause's "§" and the first
 * SK_CLAUSE_QUOTE characters of its text, a table's "表：" and its caption (图：
 * and 公式： likewise; an uncaptioned one its first text); a name that occurs
 * twice among the clauses of one parent gets "#2", "#3" … on the later ones, in
 * document order. The consultation record (input/consult.h) keeps the path; the
 * 汇总处理表 prints the clause's number of the day. */
#ifndef SK_CLAUSE_H
#define SK_CLAUSE_H

#include "model/doc.h"

#define SK_CLAUSE_QUOTE 16

/* The clause a node is in: n itself when it is a section, table, figure or
 * formula, else its nearest such ancestor; NULL for the document root. */
const sk_node *sk_clause_of(const sk_node *n);

/* Every clause of a document with its path, computed once. */
typedef struct sk_clause_index sk_clause_index;
sk_clause_index *sk_clause_index_new(const sk_doc *doc);
void sk_clause_index_free(sk_clause_index *ix);

/* The path of clause n (as sk_clause_of gives it) into out (emptied first; left
 * empty when n is not a clause of the index's document). */
void sk_clause_path(sk_strlist *out, const sk_clause_index *ix, const sk_node *n);

/* The clause whose path is path: exactly; else, when no clause has that path, the
 * one clause whose own name is the path's last element (the clause moved under
 * another parent or its parent was retitled: *moved is then 1, else 0). NULL when
 * neither finds exactly one. moved may be NULL. */
const sk_node *sk_clause_find(const sk_clause_index *ix, const sk_strlist *path, int *moved);

/* The clause a 章条编号 as reviewers write it names: "5.2", "5.2.", "第5章", "5",
 * "附录A", "A.1", "表1", "表 A.1", "图2", "公式(1)", "公式（1）", "3.4" (a term
 * entry), "前言", "引言", "参考文献", "索引"; full-width digits and letters, spaces
 * and a trailing "条" are accepted. NULL when none has it. */
const sk_node *sk_clause_by_label(const sk_doc *doc, const char *label);

/* The 章条编号 of a clause as the 汇总处理表 prints it: "5.2", "第5章", "附录A",
 * "A.1", "表1", "图2", "公式（1）", "3.4", "前言", "参考文献". Caller frees. */
char *sk_clause_label(const sk_node *n);

#endif
