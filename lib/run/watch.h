/* watch — the watch mode of stdcheck and stdgen: do every standard under the
 * inputs once, then wait for files to change (base/fswatch.h) and do again only the
 * standards that changed and those that depend on them (input/deps.h: they cite a
 * changed number, or share it; everything when system.yaml changes). */
#ifndef SK_WATCH_H
#define SK_WATCH_H

#include <signal.h>

#include "base/common.h"

/* One round: files are the standards to do (round 0: all of them), changed the
 * standards (and system.yaml) whose change caused it (empty in round 0), total the
 * number of standards watched. -1 with err stops the watch. */
typedef int (*sk_watch_fn)(void *ctx, int round, const sk_vec *files, const sk_vec *changed, size_t total, sk_err *err);

/* Runs rounds until *stop is set (by a signal handler): 0 then. system_dir is the
 * directory of the system.yaml to watch (NULL: the one above the first input).
 * -1 with err when an input is missing or cannot be watched, or a round fails. */
int sk_watch_run(const char *const *paths, size_t n, const char *system_dir, int settle_ms, sk_watch_fn fn, void *ctx,
                 volatile sig_atomic_t *stop, sk_err *err);

#endif
