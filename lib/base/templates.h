/* templates — the built-in reference documents (templates/ in the source tree),
 * embedded at build time by scripts/embed.c. */
#ifndef SK_TEMPLATES_H
#define SK_TEMPLATES_H

#include <stddef.h>

/* Data of templates/NAME (e.g. "docx/styles.xml"), NUL-terminated; NULL if absent. */
const unsigned char *sk_templates_get(const char *name, size_t *len);
/* i-th template name, or NULL past the end. */
const char *sk_templates_name(size_t i);

#endif
