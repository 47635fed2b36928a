/* fswatch — waiting for files to change (Linux inotify): directories are watched,
 * not files, so an editor that saves by writing a new file and renaming it over the
 * old one (vim, VS Code, most) is seen like one that writes in place. */
#ifndef SK_FSWATCH_H
#define SK_FSWATCH_H

#include <signal.h>

#include "base/common.h"

typedef struct sk_fswatch sk_fswatch;

int sk_fswatch_new(sk_fswatch **out, sk_err *err);
void sk_fswatch_free(sk_fswatch *w);
/* Watches dir and (recursive) the directories under it, and those created later.
 * -1 with err when dir cannot be watched. */
int sk_fswatch_add(sk_fswatch *w, const char *dir, int recursive, sk_err *err);

/* Waits until a file in a watched directory is written, created, moved in or out, or
 * removed, then until settle_ms pass without another change (an editor's save is a
 * burst of events), and pushes the paths that changed onto changed (char *, caller
 * frees; each once, in the order first seen). Returns the number of paths; 0 when
 * *stop became set (a signal handler sets it; the wait wakes up within 200 ms), or
 * after timeout_ms without a change (-1: no limit); -1 with err on a read error. */
int sk_fswatch_wait(sk_fswatch *w, int settle_ms, int timeout_ms, volatile sig_atomic_t *stop, sk_vec *changed,
                    sk_err *err);

#endif
