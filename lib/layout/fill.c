#include "layout/fill.h"

#include <string.h>

int sk_fill_pages(const sk_form_copies *fc)
{
    return fc->n < 1 ? 1 : fc->n > 100000 ? 100000 : (int)fc->n;
}

int sk_fill_field_width(const char *name)
{
    /* by the last word of the name: community_party_org → org */
    static const struct { const char *word; int width; } widths[] = {
        { "date", 6 }, { "time", 5 }, { "year", 3 }, { "count", 3 }, { "seq", 2 }, { "no", 5 },
        { "phone", 6 }, { "signature", 5 }, { "address", 12 }, { "name", 4 }, { "contact", 4 },
        { "org", 7 }, { "unit", 7 }, { "community", 7 }, { "hours", 4 }, { "points", 3 },
    };
    const char *us = strrchr(name, '_');
    const char *word = us ? us + 1 : name;
    for (size_t i = 0; i < sizeof widths / sizeof widths[0]; i++)
        if (!strcmp(word, widths[i].word))
            return widths[i].width;
    return 6;
}
