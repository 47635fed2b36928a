/* meta — a standard's front matter, typed and validated. */
#ifndef SK_META_H
#define SK_META_H

#include "diag/diag.h"
#include "input/source.h"

typedef enum { SK_STATUS_UNKNOWN, SK_STATUS_DRAFT, SK_STATUS_CURRENT, SK_STATUS_WITHDRAWN } sk_status;

typedef struct sk_strlist {
    char **v;
    size_t n;
} sk_strlist;

/* Keys, in the order docs/format.md lists them. */
#define SK_META_KEYS(X)                                              \
    X(NUMBER, "number", STR, 1) X(TITLE, "title", STR, 1)            \
    X(TITLE_EN, "title_en", STR, 0) X(CATEGORY, "category", STR, 0)  \
    X(GROUP, "group", STR, 0) X(STATUS, "status", STATUS, 1)         \
    X(REPLACES, "replaces", LIST, 0) X(REPLACES_SOURCE, "replaces_source", STR, 0) \
    X(REPLACED_BY, "replaced_by", STR, 0)                            \
    X(ICS, "ics", STR, 0) X(CCS, "ccs", STR, 0) X(STAGE, "stage", STAGE, 0) \
    X(COMPLETED, "completed", DATE, 0)                               \
    X(ISSUED, "issued", DATE, 0) X(EFFECTIVE, "effective", DATE, 0)  \
    X(ISSUER, "issuer", STR, 0) X(PROPOSER, "proposer", STR, 0)      \
    X(OWNER, "owner", STR, 0) X(DRAFTING_UNITS, "drafting_units", LIST, 0) \
    X(DRAFTERS, "drafters", LIST, 0) X(PART, "part", PART, 0)        \
    X(PART_TITLE, "part_title", STR, 0) X(PART_TITLE_EN, "part_title_en", STR, 0) \
    X(AMENDMENTS, "amendments", AMEND, 0)

typedef enum {
#define X(id, name, type, req) SK_META_##id,
    SK_META_KEYS(X)
#undef X
    SK_META_NKEYS
} sk_meta_key;

/* One amendment (修改单) of the standard: amendments: [{number: 1, date: 2022-03-01, summary: …}]. */
typedef struct sk_amend {
    char *number;    /* "1" (第1号修改单) */
    char *date;      /* YYYY-MM-DD: approved and issued */
    char *summary;   /* what it changed; may be NULL */
    char *effective; /* YYYY-MM-DD: in force from (NULL: from date) */
    char *source;    /* the text before it: a file or git:REV (NULL: none given) */
    sk_strlist changes; /* the items of the 修改单 as written ("将5.2中的……修改为……"), when given */
    int line;
} sk_amend;

typedef struct sk_meta {
    char *str[SK_META_NKEYS];   /* text keys (and the raw text of enum/date keys) */
    sk_strlist list[SK_META_NKEYS]; /* list keys (a single text value becomes a one-item list) */
    int line[SK_META_NKEYS];    /* line of each key; 0 when absent */
    sk_status status;
    sk_amend *amend;            /* amendments, in the order written */
    size_t namend;
} sk_meta;

/* Parses src's front matter. It cannot fail: it always gives a meta (empty when
 * there is no front matter or it is not YAML), and every problem is a diagnostic. */
void sk_meta_parse(sk_meta **out, const sk_source *src, sk_diags *diags);
void sk_meta_free(sk_meta *m);
const char *sk_meta_key_name(sk_meta_key k);
/* Shorthands */
#define sk_meta_get(m, key) ((m)->str[SK_META_##key])
void sk_meta_strlist_free(sk_strlist *l);
void sk_meta_strlist_push(sk_strlist *l, const char *s);
/* The items joined with sep ("" for none). Caller frees. */
char *sk_meta_strlist_join(const sk_strlist *l, const char *sep);

/* The title as printed on the cover and the first body page: title, or for a part of a
 * multi-part standard "title　第N部分：part_title" (U+3000 between the elements). Caller frees. */
char *sk_meta_title(const sk_meta *m);
/* The English title likewise: "title_en—Part N: part_title_en". NULL when there is none. Caller frees. */
char *sk_meta_title_en(const sk_meta *m);

/* Parses "YYYY-MM-DD"; returns 0 and fills y/m/d when valid. */
int sk_meta_date_parse(const char *s, int *y, int *m, int *d);

#endif
