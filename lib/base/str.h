/* str — small string predicates and trimming. */
#ifndef SK_STR_H
#define SK_STR_H

int sk_str_starts_with(const char *s, const char *prefix);
int sk_str_ends_with(const char *s, const char *suffix);
/* Strips ASCII spaces/tabs and U+3000 from both ends, in place; returns s. */
char *sk_str_trim(char *s);

#endif
