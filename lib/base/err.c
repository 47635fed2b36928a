#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>

void sk_err_clear(sk_err *err)
{
    if (!err)
        return;
    err->msg[0] = err->file[0] = '\0';
    err->line = err->col = 0;
}

void sk_err_set(sk_err *err, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

void sk_err_at(sk_err *err, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    if (!err)
        return;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->col = col;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}
