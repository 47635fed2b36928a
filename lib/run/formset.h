/* formset — the forms of a system (every standard that declares one, parsed
 * through the model pipeline) and the extra forms shipped with stdkit
 * (the .md files of templates/forms/, embedded at build time). */
#ifndef SK_FORMSET_H
#define SK_FORMSET_H

#include "model/form.h"
#include "base/common.h"

/* The forms of a system and the shipped ones. */
typedef struct sk_formset {
    sk_form **v;        /* system forms in file order, then the shipped forms */
    size_t n;
    sk_vec docs;        /* sk_doc* owned */
    sk_system *sys;     /* NULL when no system.yaml was found */
    char *where;        /* the directory or file the forms came from, or NULL */
} sk_formset;

/* Loads the forms under path: a directory (a system: every standard in it), a
 * standard's .md file, or NULL: the system.yaml found in the current directory or
 * above it, else standards/system.yaml. Only files that declare a form (form=) are
 * parsed, and with only (a form ID) only those that declare that one. The shipped
 * forms are always added. -1 with err for a missing path or an unreadable file. */
int sk_formset_load(sk_formset **out, const char *path, const char *only, sk_err *err);
void sk_formset_free(sk_formset *s);
/* The form spec names: ID, or STANDARD#ID where STANDARD is the standard's number,
 * its file's base name (with or without .md) or "stdkit" for a shipped form. A form
 * of the system hides a shipped form of the same ID. NULL with err when there is
 * none, or when the ID is in several standards (err lists them). */
const sk_form *sk_formset_find(const sk_formset *s, const char *spec, sk_err *err);

#endif
