#include "model/directive.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *word;
    sk_directive_kind kind;
} kinds[] = {
    { "disable-next-line", SK_DIRECTIVE_NEXT_LINE },
    { "disable-line", SK_DIRECTIVE_LINE },
    { "disable-file", SK_DIRECTIVE_FILE },
    { "disable", SK_DIRECTIVE_DISABLE },
    { "enable", SK_DIRECTIVE_ENABLE },
};

static int is_word_end(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0';
}

void sk_directive_parse(sk_vec *out, const char *comment, const char *file, int line, int col, int end_line,
                        sk_diags *d)
{
    const char *p = comment + 4; /* after "<!--" */
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (strncmp(p, "stdcheck-", 9))
        return;
    const char *end = strstr(p, "-->");
    char *body = sk_strndup(p + 9, end ? (size_t)(end - p - 9) : strlen(p + 9));
    size_t k = 0, nk = sizeof kinds / sizeof *kinds;
    for (; k < nk; k++) {
        size_t n = strlen(kinds[k].word);
        if (!strncmp(body, kinds[k].word, n) && is_word_end(body[n]))
            break;
    }
    if (k == nk) {
        size_t n = strcspn(body, " \t\r\n");
        sk_diag *dg = sk_diag_emit(d, SK_R_DIRECTIVE, file, line, col, "unknown directive 'stdcheck-%.*s'", (int)n, body);
        sk_diag_hint(dg, "the directives are stdcheck-disable, -enable, -disable-line, -disable-next-line and "
                         "-disable-file, each followed by the codes it concerns");
        free(body);
        return;
    }
    sk_directive *dir = sk_calloc(1, sizeof *dir);
    dir->kind = kinds[k].kind;
    dir->line = line;
    dir->col = col;
    dir->end_line = end_line > line ? end_line : line;
    char *save = NULL;
    int named = 0;
    /* an eslint-style "-- reason" ends the codes */
    char *reason = strstr(body, " -- ");
    if (reason)
        *reason = '\0';
    for (char *w = strtok_r(body + strlen(kinds[k].word), " \t\r\n,", &save); w; w = strtok_r(NULL, " \t\r\n,", &save)) {
        int r = sk_rule_find(w);
        named++;
        if (r < 0) {
            sk_diag *dg = sk_diag_emit(d, SK_R_DIRECTIVE, file, line, col, "stdcheck-%s names unknown code '%s'",
                                       kinds[k].word, w);
            sk_diag_hint(dg, "stdcheck --list-checks prints every code");
        } else if (dir->ncodes < (int)(sizeof dir->codes / sizeof *dir->codes)) {
            dir->codes[dir->ncodes++] = r;
        }
    }
    dir->all = named == 0;
    if (named && !dir->ncodes) /* only unknown codes, each reported: nothing to suppress */
        free(dir);
    else
        sk_vec_push(out, dir);
    free(body);
}

void sk_directive_list_free(sk_vec *v)
{
    for (size_t i = 0; i < v->len; i++)
        free(v->items[i]);
    sk_vec_free(v);
}
