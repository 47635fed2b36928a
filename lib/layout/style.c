#include "layout/style.h"

#include <stdlib.h>
#include <strings.h>

#include "base/common.h"

static const sk_style_info table[SK_ST_COUNT] = {
#define X(role, kind, name, docx, odt, purpose) { SK_STK_##kind, name, docx, odt, purpose },
    SK_STYLE_ROLES(X)
#undef X
};

const sk_style_info *sk_style_get(sk_style_role r)
{
    return (unsigned)r < SK_ST_COUNT ? &table[r] : NULL;
}

int sk_style_outline(sk_style_role r)
{
    if (r >= SK_ST_HEADING1 && r <= SK_ST_HEADING6)
        return 1 + (int)(r - SK_ST_HEADING1);
    return r == SK_ST_FOREWORD_TITLE || r == SK_ST_ANNEX_TITLE || r == SK_ST_BIBLIO_TITLE;
}

int sk_style_find(const char *name)
{
    for (int i = 0; i < SK_ST_COUNT; i++)
        if (!strcasecmp(table[i].name, name))
            return i;
    return -1;
}

void sk_style_ids_init(sk_style_ids *s)
{
    for (int i = 0; i < SK_ST_COUNT; i++) {
        s->id[i] = table[i].docx_id;
        s->own[i] = NULL;
    }
}

void sk_style_ids_init_odt(sk_style_ids *s)
{
    for (int i = 0; i < SK_ST_COUNT; i++) {
        s->id[i] = table[i].odt_name;
        s->own[i] = NULL;
    }
}

void sk_style_ids_set(sk_style_ids *s, sk_style_role r, const char *id)
{
    free(s->own[r]);
    s->own[r] = sk_strdup(id);
    s->id[r] = s->own[r];
}

void sk_style_ids_free(sk_style_ids *s)
{
    for (int i = 0; i < SK_ST_COUNT; i++) {
        free(s->own[i]);
        s->own[i] = NULL;
        s->id[i] = table[i].docx_id;
    }
}
