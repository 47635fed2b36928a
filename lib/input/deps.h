/* deps — which standards depend on which, for the watch modes: a standard's own
 * number and the standard numbers its text names (a quick scan: no model is built),
 * so that when files change only they and the standards citing them (or sharing
 * their number) are checked or rendered again. */
#ifndef SK_DEPS_H
#define SK_DEPS_H

#include "base/common.h"

typedef struct sk_deps_entry {
    char *path;
    char *key;       /* its own number's code as a key (text/stdnum.h), NULL when it has none */
    sk_vec cites;    /* the code keys of the numbers its text names (char *, each once) */
} sk_deps_entry;

typedef struct sk_deps {
    sk_vec entries;  /* sk_deps_entry*, in the order added */
    sk_vec roots;    /* the inputs (char *): a directory takes in the standards created in it */
} sk_deps;

/* Starts from the inputs as given and the standard files they hold (sk_catalog_collect's). */
void sk_deps_init(sk_deps *d, const char *const *inputs, size_t ninputs, const sk_vec *files);
void sk_deps_free(sk_deps *d);

/* Files changed (written, created or removed): updates their entries (a file that is
 * gone or not a standard any more is dropped; a new standard under an input directory
 * is added) and pushes onto affected (char *, caller frees) the standards to do
 * again: the changed ones that are standards, those that cite the number of a changed
 * one as it was or as it is, and those with that number. A change of system.yaml
 * affects every standard. Returns how many were pushed. */
size_t sk_deps_change(sk_deps *d, const sk_vec *changed, sk_vec *affected);

/* Every standard known, in order (char *, caller frees). */
void sk_deps_all(const sk_deps *d, sk_vec *out);

#endif
