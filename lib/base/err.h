/* err — error context filled by a failing call (libgit2 style): the library never
 * prints and never exits; the caller decides what to say. */
#ifndef SK_ERR_H
#define SK_ERR_H

#include "stdkit.h" /* sk_err is public */

void sk_err_clear(sk_err *err);
/* Sets err->msg from a format; file/line are left as they are. NULL err is allowed. */
void sk_err_set(sk_err *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sk_err_at(sk_err *err, const char *file, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif
