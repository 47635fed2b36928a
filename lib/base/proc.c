#include "base/proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/fs.h"

extern char **environ;

char *sk_proc_find(const char *name)
{
    if (strchr(name, '/'))
        return access(name, X_OK) == 0 ? sk_strdup(name) : NULL;
    const char *path = getenv("PATH");
    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    char *copy = sk_strdup(path), *save = NULL, *found = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found; dir = strtok_r(NULL, ":", &save)) {
        char *p = sk_fs_join(*dir ? dir : ".", name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0)
            found = p;
        else
            free(p);
    }
    free(copy);
    return found;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void close_pair(int fd[2])
{
    if (fd[0] >= 0)
        close(fd[0]);
    if (fd[1] >= 0)
        close(fd[1]);
}

/* p's program started in a process group of its own, its stdin and stdout the
 * pipes *in and *out (the parent keeps in[1] and out[0]), stderr p->errlog or
 * /dev/null. Returns its pid, or -1 with err set and no descriptor left open. */
static pid_t start(const sk_proc *p, int in[2], int out[2], sk_err *err)
{
    if (pipe2(out, O_CLOEXEC) < 0 || pipe2(in, O_CLOEXEC) < 0) {
        sk_err_set(err, "cannot create a pipe: %s", strerror(errno));
        close_pair(out);
        close_pair(in);
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        sk_err_set(err, "cannot start %s: %s", p->argv[0], strerror(errno));
        close_pair(out);
        close_pair(in);
        return -1;
    }
    if (pid == 0) {
        /* async-signal-safe calls only until exec */
        setpgid(0, 0);
        int log = open(p->errlog ? p->errlog : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
        dup2(in[0], 0);
        dup2(out[1], 1);
        if (log >= 0)
            dup2(log, 2);
        execve(p->argv[0], p->argv, p->env ? p->env : environ);
        _exit(127);
    }
    setpgid(pid, pid); /* either side may win the race; both set the same group */
    close(out[1]);
    close(in[0]);
    return pid;
}

int sk_proc_run(const sk_proc *p, sk_proc_result *r, sk_err *err)
{
    int out[2] = { -1, -1 }, in[2] = { -1, -1 };
    memset(r, 0, sizeof *r);
    r->status = -1;
    sk_buf_init(&r->out);
    pid_t pid = start(p, in, out, err);
    if (pid < 0)
        return -1;
    if (p->input)
        fcntl(in[1], F_SETFL, O_NONBLOCK);
    size_t sent = 0;
    int wfd = p->input ? in[1] : -1; /* without input: the lifeline, held open */
    if (p->input && !p->input_len) {
        close(wfd);
        in[1] = wfd = -1;
    }
    double deadline = now_s() + p->limit;
    for (int reading = 1; reading;) {
        double left = deadline - now_s();
        if (left <= 0) {
            r->timed_out = 1;
            break;
        }
        struct pollfd fds[2] = { { out[0], POLLIN, 0 }, { wfd, POLLOUT, 0 } };
        int k = poll(fds, wfd >= 0 ? 2 : 1, left > 1 ? 1000 : (int)(left * 1000) + 1);
        if (k < 0 && errno != EINTR)
            break;
        if (k <= 0)
            continue;
        if (wfd >= 0 && fds[1].revents) {
            ssize_t n = write(wfd, p->input + sent, p->input_len - sent);
            if (n > 0)
                sent += (size_t)n;
            if ((n < 0 && errno != EAGAIN && errno != EINTR) || sent == p->input_len) {
                close(wfd); /* all of it, or the reader is gone: end-of-file */
                in[1] = wfd = -1;
            }
        }
        if (fds[0].revents) {
            char buf[8192];
            ssize_t got = read(out[0], buf, sizeof buf);
            if (got > 0)
                sk_buf_put(&r->out, buf, (size_t)got);
            else if (got == 0 || errno != EINTR)
                reading = 0;
        }
    }
    close(out[0]);
    int st = 0;
    for (;;) {
        pid_t w = waitpid(pid, &st, WNOHANG);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            st = -1;
            break;
        }
        if (r->timed_out || now_s() > deadline) {
            r->timed_out = 1;
            kill(-pid, SIGKILL);
            waitpid(pid, &st, 0);
            break;
        }
        struct timespec ts = { 0, 20 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    if (in[1] >= 0)
        close(in[1]);
    kill(-pid, SIGKILL); /* whatever it left running in its group */
    r->status = !r->timed_out && st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return 0;
}

int sk_proc_spawn(sk_proc_child *c, const sk_proc *p, sk_err *err)
{
    int out[2] = { -1, -1 }, in[2] = { -1, -1 };
    memset(c, 0, sizeof *c);
    c->in = c->out = -1;
    sk_buf_init(&c->pending);
    pid_t pid = start(p, in, out, err);
    if (pid < 0)
        return -1;
    c->pid = (int)pid;
    c->in = in[1];
    c->out = out[0];
    return 0;
}

int sk_proc_send(sk_proc_child *c, const char *line, sk_err *err)
{
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, line);
    sk_buf_putc(&b, '\n');
    size_t sent = 0;
    int rc = 0;
    while (sent < b.len) {
        ssize_t n = c->in >= 0 ? write(c->in, b.data + sent, b.len - sent) : -1;
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            sk_err_set(err, "the helper program is gone");
            rc = -1;
            break;
        }
        sent += (size_t)n;
    }
    sk_buf_free(&b);
    return rc;
}

int sk_proc_readline(sk_proc_child *c, char **line, double timeout, sk_err *err)
{
    double deadline = now_s() + timeout;
    for (;;) {
        char *nl = c->pending.len ? memchr(c->pending.data, '\n', c->pending.len) : NULL;
        if (nl) {
            size_t n = (size_t)(nl - c->pending.data);
            *line = sk_strndup(c->pending.data, n);
            memmove(c->pending.data, nl + 1, c->pending.len - n - 1);
            c->pending.len -= n + 1;
            return 1;
        }
        double left = deadline - now_s();
        if (left <= 0)
            return 0;
        if (c->out < 0) {
            sk_err_set(err, "the helper program ended");
            return -1;
        }
        struct pollfd fd = { c->out, POLLIN, 0 };
        int k = poll(&fd, 1, left > 1 ? 1000 : (int)(left * 1000) + 1);
        if (k < 0 && errno != EINTR) {
            sk_err_set(err, "cannot read from the helper program: %s", strerror(errno));
            return -1;
        }
        if (k <= 0)
            continue;
        char buf[8192];
        ssize_t got = read(c->out, buf, sizeof buf);
        if (got > 0) {
            sk_buf_put(&c->pending, buf, (size_t)got);
        } else if (got == 0 || errno != EINTR) {
            close(c->out);
            c->out = -1;
            sk_err_set(err, "the helper program ended");
            return -1;
        }
    }
}

void sk_proc_end(sk_proc_child *c, double grace)
{
    if (c->in >= 0)
        close(c->in);
    c->in = -1;
    if (c->pid > 0) {
        pid_t pid = (pid_t)c->pid;
        double deadline = now_s() + grace;
        int st;
        for (;;) {
            pid_t w = waitpid(pid, &st, WNOHANG);
            if (w == pid || (w < 0 && errno != EINTR))
                break;
            if (now_s() > deadline) {
                kill(-pid, SIGKILL);
                waitpid(pid, &st, 0);
                break;
            }
            struct timespec ts = { 0, 20 * 1000 * 1000 };
            nanosleep(&ts, NULL);
        }
        kill(-pid, SIGKILL); /* whatever it left running in its group */
    }
    c->pid = 0;
    if (c->out >= 0)
        close(c->out);
    c->out = -1;
    sk_buf_free(&c->pending);
}
