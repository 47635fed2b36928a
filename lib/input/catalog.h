/* catalog — the standards of a system: which files they are (directories expanded)
 * and their front matter, for checks and documents that span standards. */
#ifndef SK_CATALOG_H
#define SK_CATALOG_H

#include "input/meta.h"
#include "input/system.h"

typedef struct sk_entry {
    char *path;
    sk_meta *meta;   /* NULL when the file could not be read */
} sk_entry;

typedef struct sk_catalog {
    sk_system *sys;  /* NULL when no system.yaml was found */
    sk_entry *v;
    size_t n;
} sk_catalog;

/* Expands paths into standard files: a directory gives its *.md files that start
 * with front matter (recursively, sorted by path); a file is taken as it is.
 * When unmarked is not NULL it gets the .md files of those directories that have
 * headings but no front matter (README, CHANGELOG … excepted): standards whose
 * front matter was forgotten, for the caller to report. -1 with err for a missing
 * path or a directory with neither. */
int sk_catalog_collect(sk_vec *out, sk_vec *unmarked, const char *const *paths, size_t n, sk_err *err);

/* Loads system.yaml at sys_path and the front matter of every standard in its
 * directory. Problems go to diags only when report is set (they are reported
 * again when the files themselves are checked). */
int sk_catalog_load(sk_catalog **out, const char *sys_path, sk_diags *diags, sk_err *err);
void sk_catalog_free(sk_catalog *c);
/* Entry whose number is number (exact), or NULL. */
const sk_entry *sk_catalog_find(const sk_catalog *c, const char *number);

void sk_catalog_paths_free(sk_vec *v);

/* The next free number of the system in category (NULL: the pattern has no
 * {category}) for year: one more than the highest sequence number any standard of
 * the category has, in any year. *parts gets its parts. -1 with err when the
 * system has no number pattern with {seq}, or category is not one of its
 * categories. Caller frees *out. */
int sk_catalog_next(char **out, sk_numparts *parts, const sk_catalog *c, const char *category, int year, sk_err *err);

/* A system's catalog indexed for lookups by number and by code (the number without
 * its year), so checking N standards stays linear in N. */
typedef struct sk_catalog_index {
    const sk_catalog *cat;
    sk_map by_number;    /* number → sk_vec of const sk_entry* (two when a number repeats) */
    sk_map by_code;      /* code without spaces → sk_vec of const sk_entry* */
    sk_map replaced;     /* number → number of the entry whose replaces names it */
} sk_catalog_index;

sk_catalog_index *sk_catalog_index_new(const sk_catalog *cat);
void sk_catalog_index_free(sk_catalog_index *ix);
/* Entries with this number (NULL when none). */
const sk_vec *sk_catalog_index_number(const sk_catalog_index *ix, const char *number);

#endif
