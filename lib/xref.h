/* xref — finds references in running text (plain-text "见5.2", "表3", "附录B", other
 * standards' numbers) and resolves every reference of a standard to its target. */
#ifndef SK_XREF_H
#define SK_XREF_H

#include "catalog.h"
#include "doc.h"

/* Splits text runs into TEXT / REF / STDREF runs, resolves anchors and plain-text
 * references, and fills doc->refs and doc->stdrefs. Unresolved references are reported. */
void sk_xref_resolve(sk_doc *doc, sk_diags *diags);

/* A system's catalog indexed for lookups by number and by code (the number without
 * its year), so checking N standards stays linear in N. */
typedef struct sk_catindex {
    const sk_catalog *cat;
    sk_map by_number;    /* number → sk_vec of const sk_entry* (two when a number repeats) */
    sk_map by_code;      /* code without spaces → sk_vec of const sk_entry* */
    sk_map replaced;     /* number → number of the entry whose replaces names it */
} sk_catindex;

sk_catindex *sk_catindex_new(const sk_catalog *cat);
void sk_catindex_free(sk_catindex *ix);
/* Entries with this number (NULL when none). */
const sk_vec *sk_catindex_number(const sk_catindex *ix, const char *number);

/* Checks the references of a parsed standard: annexes referred to and in order,
 * anchors used, other standards' numbers (em dash, dated when a part is cited,
 * listed in chapter 2 when cited normatively, chapter 2 entries cited and in order)
 * and, with a system, cited standards that exist in it, in that year and not
 * withdrawn. ix may be NULL. */
void sk_xref_check(const sk_doc *doc, const sk_catindex *ix, sk_diags *d);

/* A standard number found in text. */
typedef struct sk_stdnum {
    size_t start, end;   /* byte range in the text */
    size_t code_end;     /* end of the part without the year */
    int year;            /* -1 when undated */
    int dash_ok;         /* year joined by U+2014 (or ':' for ISO/IEC) */
} sk_stdnum;

/* Finds the first standard number in s[from..len). Returns 0 and fills m, or -1. */
int sk_stdnum_find(const char *s, size_t len, size_t from, sk_stdnum *m);

#endif
