/* proc — running a helper program (LibreOffice through office.c, Graphviz's dot
 * through sysdoc.c) with a time limit: in its own process group, stdout captured,
 * stderr into a file, the whole group killed past the limit and when the program
 * ends (so nothing it started outlives it). Its stdin is a pipe that is never
 * written to and is closed when we are done, or when we die: a helper can take
 * end-of-file there as the sign to stop. */
#ifndef SK_PROC_H
#define SK_PROC_H

#include <stdio.h>
#include <stddef.h>

#include "base/common.h"

typedef struct sk_proc {
    char *const *argv;     /* argv[0] is a path */
    char *const *env;      /* NULL: ours */
    const char *input;     /* written to stdin first (then end-of-file), or NULL: the lifeline pipe */
    size_t input_len;
    const char *errlog;    /* stderr goes here (NULL: /dev/null) */
    double limit;          /* seconds */
} sk_proc;

typedef struct sk_proc_result {
    int status;            /* exit status; -1 when killed (timed_out) or ended by a signal */
    int timed_out;
    sk_buf out;            /* its stdout */
} sk_proc_result;

/* Runs p to its end or its time limit. -1 with err when it cannot be started
 * (res->out is empty then); 0 otherwise, whatever its exit status. Free res->out. */
int sk_proc_run(const sk_proc *p, sk_proc_result *res, sk_err *err);

/* Full path of an executable named name on PATH (or name itself when it holds a
 * slash and is executable), or NULL. Caller frees. */
char *sk_proc_find(const char *name);

#endif
