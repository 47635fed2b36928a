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

/* A helper kept running to answer requests a line at a time (LibreOffice's UNO
 * script serving conversions): its stdin and stdout are pipes we hold, its stderr
 * goes to p->errlog; it runs in its own process group, killed by sk_proc_end. */
typedef struct sk_proc_child {
    int pid;               /* 0 when not running */
    int in, out;           /* our ends: we write to in, read from out */
    sk_buf pending;        /* read past the last line handed out */
} sk_proc_child;

/* Starts p (p->input and p->limit are ignored). -1 with err when it cannot start. */
int sk_proc_spawn(sk_proc_child *c, const sk_proc *p, sk_err *err);
/* Writes line and a newline to its stdin. -1 with err when it is gone. */
int sk_proc_send(sk_proc_child *c, const char *line, sk_err *err);
/* The next line of its stdout, without the newline, into *line (caller frees).
 * Returns 1; 0 when nothing came within timeout seconds; -1 with err when it
 * closed its stdout (ended). */
int sk_proc_readline(sk_proc_child *c, char **line, double timeout, sk_err *err);
/* Closes its stdin (end-of-file: the sign to stop), waits up to grace seconds for
 * it to end, then kills its process group. Safe on a child never started. */
void sk_proc_end(sk_proc_child *c, double grace);

/* Full path of an executable named name on PATH (or name itself when it holds a
 * slash and is executable), or NULL. Caller frees. */
char *sk_proc_find(const char *name);

#endif
