/* stdnum — standard numbers in text: "GB/T 1.1—2020", "SJDJ/TS 03—2019", "ISO 9001:2015",
 * "T/CAS 115—2023": where they are, their code, their year and its dash. */
#ifndef SK_STDNUM_H
#define SK_STDNUM_H

#include <stddef.h>

/* A standard number found in text. */
typedef struct sk_stdnum {
    size_t start, end;   /* byte range in the text */
    size_t code_end;     /* end of the part without the year */
    int year;            /* -1 when undated */
    int dash_ok;         /* year joined by U+2014 (or ':' for ISO/IEC) */
} sk_stdnum;

/* Finds the first standard number in s[from..len). Returns 0 and fills m, or -1. */
int sk_stdnum_find(const char *s, size_t len, size_t from, sk_stdnum *m);
/* Matches a standard number starting exactly at s[i]: PREFIX ["/" X]… [space]
 * DIGITS[.DIGITS…] [dash YEAR]. PREFIX is 2+ capitals (optionally followed by
 * digits: DB41), or a capital with a "/" part (T/CAS, Q/SJ); an unknown prefix
 * without "/" needs a year. Returns the end offset (and fills m), or 0. */
size_t sk_stdnum_match(const char *s, size_t len, size_t i, sk_stdnum *m);
/* The code of a number, without its year ("SJDJ/TS 03" of "SJDJ/TS 03—2019");
 * *year gets the year or -1. Caller frees. */
char *sk_stdnum_code(const char *number, int *year);
/* A code as a lookup key: spaces (ASCII and U+3000) removed. Caller frees. */
char *sk_stdnum_key(const char *code);

#endif
