/* str — small string predicates and trimming. */
#ifndef SK_STR_H
#define SK_STR_H

int sk_str_starts_with(const char *s, const char *prefix);
int sk_str_ends_with(const char *s, const char *suffix);
/* Strips ASCII spaces/tabs and U+3000 from both ends, in place; returns s. */
char *sk_str_trim(char *s);
/* v in decimal into out, NUL-terminated, without snprintf (hot paths: every
 * number attribute of a document); returns the number of digits. */
int sk_str_udec(char out[21], unsigned long long v);

#endif
