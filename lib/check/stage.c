#include "check/stage.h"

#include <stdlib.h>
#include <string.h>

#include "model/feedback.h"
#include "model/node.h"

static const char *stage_of(const sk_doc *doc)
{
    const char *s = sk_meta_get(doc->meta, STAGE);
    return s && *s ? s : NULL;
}

/* ---------- the record ---------- */

static char *short_text(const char *s)
{
    size_t n = strlen(s ? s : ""), i = 0, chars = 0;
    while (i < n && chars < 20) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, n - i, &cp);
        i += (size_t)(k > 0 ? k : 1);
        chars++;
    }
    char *t = sk_asprintf("%.*s%s", (int)i, s ? s : "", i < n ? "……" : "");
    for (char *p = t; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return t;
}

static void check_record(const sk_doc *doc, const sk_consult *rec, sk_diags *d)
{
    const char *number = sk_meta_get(doc->meta, NUMBER), *stage = stage_of(doc);
    if (rec->standard && number && strcmp(rec->standard, number)) {
        sk_diag *dg = sk_diag_emit(d, SK_R_COMMENT_RECORD, rec->path, rec->line_standard, 1,
                                   "the consultation record is of %s, not of %s", rec->standard, number);
        if (dg)
            sk_diag_hint(dg, "a record sits beside its standard as STEM.comments.yaml; write standard: %s", number);
    }
    int handled_stage = stage && (!strcmp(stage, "送审稿") || !strcmp(stage, "报批稿") || !strcmp(stage, "发布稿"));
    int has_foreword = sk_doc_section(doc, SK_S_FOREWORD) != NULL;
    sk_feedback fb;
    sk_feedback_build(&fb, doc, rec);
    for (size_t i = 0; i < fb.n; i++) {
        const sk_feedback_row *r = &fb.v[i];
        const sk_consult_comment *c = r->c;
        int line = c->anchor_line ? c->anchor_line : c->line, col = c->anchor_line ? c->anchor_col : c->col;
        char *what = short_text(c->comment);
        sk_diag *dg = NULL;
        switch (r->status) {
        case SK_FB_LOST:
            /* the generated 前言 (stdgen's) is not in the text stdcheck reads */
            if (!strcmp(c->anchor.v[0], "前言") && !has_foreword)
                break;
            dg = sk_diag_emit(d, SK_R_COMMENT_ANCHOR, rec->path, line, col,
                              "the clause this comment was on (%s%s%s) is no longer in the standard: \"%s\"",
                              c->clause ? c->clause : "", c->clause ? " " : "", c->anchor.v[c->anchor.n - 1], what);
            if (dg)
                sk_diag_hint(dg, "point anchor: at the clause it concerns now, or write clause: 全文 without an anchor");
            break;
        case SK_FB_UNKNOWN:
            dg = sk_diag_emit(d, SK_R_COMMENT_ANCHOR, rec->path, c->line, c->col, "no clause %s in the standard: \"%s\"",
                              c->clause, what);
            if (dg)
                sk_diag_hint(dg, "write the 章条编号 as the text numbers it (5.2, 表1, 附录A), or 全文");
            break;
        case SK_FB_NUMBER:
            dg = sk_diag_emit(d, SK_R_COMMENT_ANCHOR, rec->path, c->line, c->col,
                              "this comment is tied to the number %s only: a clause added before it would move it",
                              c->clause);
            if (dg)
                sk_diag_hint(dg, "give it its anchor (the clause's titles): stdcomment import of the comment does");
            break;
        default:
            break;
        }
        if ((c->handling == SK_HANDLE_PARTLY || c->handling == SK_HANDLE_REJECTED) && (!c->reason || !*c->reason)) {
            dg = sk_diag_emit(d, SK_R_COMMENT_REASON, rec->path, c->handling_line ? c->handling_line : c->line,
                              c->handling_line ? c->handling_col : c->col,
                              "%s without the reason: \"%s\"", sk_consult_handling_name(c->handling), what);
            if (dg)
                sk_diag_hint(dg, "write reason: (the 汇总处理表 prints it with the handling)");
        }
        if (handled_stage && c->handling == SK_HANDLE_NONE) {
            dg = sk_diag_emit(d, SK_R_COMMENT_PENDING, rec->path, c->line, c->col,
                              "the comment of %s on %s is not handled, and the standard is a %s: \"%s\"",
                              c->unit ? c->unit : "?", r->label, stage, what);
            if (dg)
                sk_diag_hint(dg, "write handling: 采纳, 部分采纳 or 未采纳 (with reason:)");
        }
        free(what);
    }
    sk_feedback_free(&fb);
}

/* ---------- draft markings ---------- */

static const char *const words[] = { "征求意见稿", "送审稿", "讨论稿", "待定", "待补充", "待完善", "待确认", "待修改",
                                     "××", "XXX", "TODO", "TBD", "FIXME", "？？", "??", "【注", "【编者注", "【批注",
                                     "【待", NULL };

static void marks_in(const char *text, const char *file, int line, int col, sk_diags *d)
{
    if (!text)
        return;
    for (const char *const *w = words; *w; w++) {
        const char *p = strstr(text, *w);
        if (!p)
            continue;
        int at = col + (int)sk_utf8_count(text, (size_t)(p - text));
        sk_diag *dg = sk_diag_emit(d, SK_R_STAGE_MARKING, file, line, at, "a draft marking in the text: \"%s\"", *w);
        if (dg)
            sk_diag_hint(dg, "a 报批稿 is the text to be published: write it out or delete it");
        return; /* one a run is enough */
    }
}

typedef struct mk {
    const sk_doc *doc;
    sk_diags *d;
} mk;

static void on_inline(const sk_node *block, const sk_inline *in, void *arg)
{
    mk *M = arg;
    (void)block;
    const char *file = M->doc->src->path;
    if (in->type != SK_I_TEXT)
        return;
    if (in->flags & SK_F_STRIKE) {
        sk_diag *dg = sk_diag_emit(M->d, SK_R_STAGE_MARKING, file, in->line, in->col,
                                   "struck-out text (~~…~~) is text deleted in the draft and kept to show it");
        if (dg)
            sk_diag_hint(dg, "delete it: the 报批稿 prints what stays");
        return;
    }
    marks_in(in->text, file, in->line, in->col, M->d);
}

static void check_markings(const sk_doc *doc, sk_diags *d)
{
    const char *file = doc->src->path;
    for (const sk_node *n = doc->root->first; n; n = sk_node_walk_next(doc->root, n, 1)) {
        if (n->type == SK_N_SECTION)
            marks_in(n->title, file, n->line, 1, d);
        else if ((n->type == SK_N_TABLE || n->type == SK_N_FIGURE) && n->caption)
            marks_in(n->caption, file, n->caption_line ? n->caption_line : n->line, 1, d);
    }
    mk M = { .doc = doc, .d = d };
    sk_doc_each_inline(doc, on_inline, &M);
}

void sk_stage_check(const sk_doc *doc, const sk_consult *rec, sk_diags *d)
{
    const char *stage = stage_of(doc);
    int late = stage && (!strcmp(stage, "送审稿") || !strcmp(stage, "报批稿") || !strcmp(stage, "发布稿"));
    if (rec) {
        check_record(doc, rec, d);
    } else if (late && strcmp(stage, "发布稿") && sk_meta_get(doc->meta, NUMBER)) {
        char *want = sk_consult_path_of(doc->src->path);
        sk_diag *dg = sk_diag_emit(d, SK_R_COMMENT_PENDING, doc->src->path, doc->meta->line[SK_META_STAGE], 1,
                                   "a %s without a consultation record: the comments on the 征求意见稿 and how each "
                                   "was handled",
                                   stage);
        if (dg)
            sk_diag_hint(dg, "stdcomment import makes %s from the reviewers' DOCX or comment forms", want);
        free(want);
    }
    if (stage && (!strcmp(stage, "报批稿") || !strcmp(stage, "发布稿")))
        check_markings(doc, d);
}
