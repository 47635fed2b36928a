#include "write/office.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/proc.h"
#include "base/templates.h"

extern char **environ;

int sk_office_available(void)
{
    char *p = sk_proc_find("soffice");
    free(p);
    return p != NULL;
}

/* ---------- temporary directories ---------- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    if (flag == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

static void rm_tree(const char *dir)
{
    if (dir)
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static char *make_temp_dir(const char *parent, const char *prefix, sk_err *err)
{
    char *tpl = sk_asprintf("%s/%sXXXXXX", parent, prefix);
    if (!mkdtemp(tpl)) {
        sk_err_at(err, parent, 0, 0, "cannot create a temporary directory: %s", strerror(errno));
        free(tpl);
        return NULL;
    }
    return tpl;
}

static int write_template(const char *dir, const char *name, sk_err *err)
{
    size_t len = 0;
    const unsigned char *data = sk_templates_get(name, &len);
    if (!data) {
        sk_err_set(err, "built-in template %s is missing", name);
        return -1;
    }
    char *path = sk_fs_join(dir, name);
    int rc = sk_fs_write_atomic(path, data, len, err);
    free(path);
    return rc;
}

/* ---------- running LibreOffice ---------- */

/* environ plus FONTCONFIG_FILE=fontconf and TMPDIR=tmpdir (LibreOffice's own
 * temporary files go where ours go and are removed with them, even when it is
 * killed), without VALGRIND (soffice reads it as the name of a valgrind tool).
 * The strings stay owned by environ / own[0..1]. */
static char **child_env(const char *fontconf, const char *tmpdir, char *own[2])
{
    size_t n = 0;
    while (environ && environ[n])
        n++;
    char **env = sk_calloc(n + 3, sizeof *env);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (strncmp(environ[i], "FONTCONFIG_FILE=", 16) && strncmp(environ[i], "VALGRIND=", 9) &&
            strncmp(environ[i], "TMPDIR=", 7))
            env[k++] = environ[i];
    own[0] = sk_asprintf("FONTCONFIG_FILE=%s", fontconf);
    own[1] = sk_asprintf("TMPDIR=%s", tmpdir);
    env[k++] = own[0];
    env[k++] = own[1];
    env[k] = NULL;
    return env;
}

/* Runs argv (the lifeline on stdin, see proc.h) and frees it; -1 with err when it
 * cannot start or runs past the limit. */
static int run_child(char **argv, char **env, const char *errlog, double limit, sk_proc_result *r, sk_err *err)
{
    sk_proc p = { .argv = argv, .env = env, .errlog = errlog, .limit = limit };
    int rc = sk_proc_run(&p, r, err);
    free(argv);
    if (rc == 0 && r->timed_out) {
        sk_err_set(err, "LibreOffice did not finish within %g s (set SK_OFFICE_TIMEOUT to allow more)", limit);
        rc = -1;
    }
    return rc;
}

/* Last non-empty line of a file, for error messages ("" when none). */
static void last_line(const char *path, char out[256])
{
    char *data = NULL;
    size_t len = 0;
    sk_err e;
    out[0] = '\0';
    if (sk_fs_read(&data, &len, path, 1 << 20, &e) < 0)
        return;
    while (len && (data[len - 1] == '\n' || data[len - 1] == '\r'))
        data[--len] = '\0';
    const char *nl = memrchr(data, '\n', len);
    snprintf(out, 256, "%s", nl ? nl + 1 : data);
    free(data);
}

/* ---------- the batch ---------- */

/* file:// URL of dir/name (dir made absolute), bytes outside [A-Za-z0-9/._~-] escaped. */
static char *file_url(const char *dir, const char *name)
{
    char real[PATH_MAX];
    char *path = sk_fs_join(realpath(dir, real) ? real : dir, name);
    sk_buf b;
    sk_buf_init(&b);
    sk_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/._~-", *p))
            sk_buf_putc(&b, (char)*p);
        else
            sk_buf_printf(&b, "%%%02X", *p);
    }
    free(path);
    return sk_buf_detach(&b);
}

static char *pdf_name(const char *input)
{
    const char *slash = strrchr(input, '/');
    const char *base = slash ? slash + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *stem = sk_strndup(base, n);
    char *name = sk_asprintf("%s.pdf", stem);
    free(stem);
    return name;
}

static int skip_blank(void)
{
    const char *s = getenv("SK_PDF_SKIP_BLANK");
    return s && !strcmp(s, "1");
}

static double time_limit(size_t n)
{
    const char *s = getenv("SK_OFFICE_TIMEOUT");
    char *end = NULL;
    double v = s && *s ? strtod(s, &end) : 0;
    if (s && *s && end && !*end && v > 0)
        return v;
    return 60.0 + 10.0 * (double)n;
}

/* Pythons that may have the UNO bridge, best first (NULL-terminated, caller frees). */
static char **python_candidates(const char *soffice)
{
    char **v = sk_calloc(5, sizeof *v);
    size_t k = 0;
    const char *env = getenv("SK_OFFICE_PYTHON");
    if (env && !strcmp(env, "none"))
        return v; /* no UNO pass: a plain conversion */
    if (env && *env && (v[k] = sk_proc_find(env)))
        k++;
    char real[PATH_MAX];
    if (realpath(soffice, real)) {
        char *dir = sk_fs_dirname(real);
        char *p = sk_fs_join(dir, "python"); /* LibreOffice's own (TDF builds) */
        free(dir);
        if (access(p, X_OK) == 0)
            v[k++] = p;
        else
            free(p);
    }
    if (access("/usr/bin/python3", X_OK) == 0)
        v[k++] = sk_strdup("/usr/bin/python3"); /* Debian's python3-uno lives here */
    char *p = sk_proc_find("python3");
    if (p && (!k || strcmp(p, v[k - 1])))
        v[k++] = p;
    else
        free(p);
    return v;
}

static void free_strv(char **v)
{
    for (size_t i = 0; v && v[i]; i++)
        free(v[i]);
    free(v);
}

int sk_office_to_pdf(const char *const *inputs, size_t n, const char *outdir, int refresh_indexes, sk_err *err)
{
    char *soffice = sk_proc_find("soffice");
    char *work = NULL, *stage = NULL, *fontconf = NULL, *script = NULL, *profile = NULL, *errlog = NULL;
    char *envstr[2] = { NULL, NULL }, **env = NULL, **pythons = NULL, *childtmp = NULL;
    char **names = sk_calloc(n + 1, sizeof *names);
    int *done = sk_calloc(n + 1, sizeof *done);
    sk_proc_result r = { .status = -1 };
    int rc = -1, refreshed = 0;

    sk_buf_init(&r.out);
    if (!soffice) {
        sk_err_set(err, "LibreOffice is not installed (no soffice on PATH); PDF needs it "
                        "(Debian: apt install libreoffice-writer-nogui python3-uno fonts-noto-cjk fonts-liberation2)");
        goto done;
    }
    if (!n) {
        rc = 0;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        names[i] = pdf_name(inputs[i]);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(names[i], names[j])) {
                sk_err_at(err, inputs[i], 0, 0, "gives the same PDF name (%s) as %s", names[i], inputs[j]);
                goto done;
            }
    }
    const char *tmp = getenv("TMPDIR");
    if (!(work = make_temp_dir(tmp && *tmp ? tmp : "/tmp", "stdkit-office-", err)))
        goto done;
    if (sk_fs_mkdir_p(outdir, err) < 0 || !(stage = make_temp_dir(outdir, ".stdkit-pdf-", err)))
        goto done;
    if (write_template(work, "fonts.conf", err) < 0 || write_template(work, "topdf.py", err) < 0)
        goto done;
    fontconf = sk_fs_join(work, "fonts.conf");
    script = sk_fs_join(work, "topdf.py");
    errlog = sk_fs_join(work, "stderr.log");
    profile = file_url(work, "profile");
    childtmp = sk_fs_join(work, "tmp");
    if (sk_fs_mkdir_p(childtmp, err) < 0)
        goto done;
    env = child_env(fontconf, childtmp, envstr);
    double limit = time_limit(n);

    /* the UNO pass: one soffice started by the script */
    pythons = python_candidates(soffice);
    for (size_t p = 0; pythons[p] && !refreshed; p++) {
        char **argv = sk_calloc(n + 8, sizeof *argv);
        size_t a = 0;
        argv[a++] = pythons[p];
        argv[a++] = script;
        argv[a++] = soffice;
        argv[a++] = profile;
        argv[a++] = stage;
        argv[a++] = (char *)(refresh_indexes ? "1" : "0");
        for (size_t i = 0; i < n; i++)
            argv[a++] = (char *)inputs[i];
        if (run_child(argv, env, errlog, limit, &r, err) < 0)
            goto done;
        int reported = r.out.data && (!strncmp(r.out.data, "ok\t", 3) || !strncmp(r.out.data, "fail\t", 5));
        if (r.status == 3 || r.status == 127 || (r.status == 1 && !reported)) {
            sk_buf_free(&r.out); /* not a Python with the UNO bridge: the next one */
            continue;
        }
        if (r.status != 0 && r.status != 1) {
            char line[256];
            last_line(errlog, line);
            sk_err_set(err, "LibreOffice failed%s%s", *line ? ": " : "", line);
            goto done;
        }
        refreshed = 1;
    }
    if (!refreshed) {
        /* no Python with UNO: a plain conversion of the whole list, indexes as written */
        char **argv = sk_calloc(n + 12, sizeof *argv);
        size_t a = 0;
        char *profarg = sk_asprintf("-env:UserInstallation=%s", profile);
        argv[a++] = soffice;
        argv[a++] = profarg;
        argv[a++] = "--headless";
        argv[a++] = "--norestore";
        argv[a++] = "--nolockcheck";
        argv[a++] = "--convert-to";
        argv[a++] = skip_blank() ? "pdf:writer_pdf_Export:{\"IsSkipEmptyPages\":{\"type\":\"boolean\",\"value\":\"true\"}}"
                                 : "pdf:writer_pdf_Export:{\"IsSkipEmptyPages\":{\"type\":\"boolean\",\"value\":\"false\"}}";
        argv[a++] = "--outdir";
        argv[a++] = stage;
        for (size_t i = 0; i < n; i++)
            argv[a++] = (char *)inputs[i];
        int started = run_child(argv, env, errlog, limit, &r, err);
        free(profarg);
        if (started < 0)
            goto done;
    }

    /* what was converted: the script's report, else the files themselves */
    const char *first_fail = NULL;
    char fail_msg[512] = "";
    size_t nfail = 0;
    for (size_t i = 0; i < n; i++) {
        char *staged = sk_fs_join(stage, names[i]);
        struct stat st;
        done[i] = stat(staged, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
        free(staged);
    }
    if (refreshed && r.out.data) {
        for (char *line = r.out.data, *next; line && *line; line = next) {
            next = strchr(line, '\n');
            if (next)
                *next++ = '\0';
            if (strncmp(line, "fail\t", 5))
                continue;
            char *file = line + 5, *msg = strchr(file, '\t');
            if (msg)
                *msg++ = '\0';
            for (size_t i = 0; i < n; i++)
                if (!strcmp(inputs[i], file) && done[i] != -1) {
                    done[i] = -1;
                    if (!*fail_msg)
                        snprintf(fail_msg, sizeof fail_msg, "%s", msg ? msg : "");
                }
        }
    }
    for (size_t i = 0; i < n; i++)
        if (done[i] != 1) {
            nfail++;
            if (!first_fail)
                first_fail = inputs[i];
        }

    /* into place, one by one */
    for (size_t i = 0; i < n; i++) {
        if (done[i] != 1)
            continue;
        char *staged = sk_fs_join(stage, names[i]);
        char *final = sk_fs_join(outdir, names[i]);
        int bad = 0;
        for (size_t j = 0; j < n && !bad; j++)
            bad = sk_fs_same_file(final, inputs[j]);
        if (bad)
            sk_err_at(err, final, 0, 0, "refusing to overwrite an input file");
        else if (sk_fs_is_dir(final))
            sk_err_at(err, final, 0, 0, "is a directory; cannot write the PDF there");
        else if (rename(staged, final) < 0)
            sk_err_at(err, final, 0, 0, "cannot write: %s", strerror(errno));
        else
            bad = -1;
        free(staged);
        free(final);
        if (bad != -1)
            goto done;
    }
    if (nfail) {
        sk_err_at(err, first_fail, 0, 0, "LibreOffice could not convert it to PDF%s%s%s", *fail_msg ? " (" : "",
                  fail_msg, *fail_msg ? ")" : "");
        if (nfail > 1) {
            char more[64];
            snprintf(more, sizeof more, "; %zu documents failed", nfail);
            size_t l = strlen(err->msg);
            snprintf(err->msg + l, sizeof err->msg - l, "%s", more);
        }
        goto done;
    }
    rc = refreshed || !refresh_indexes ? 0 : 1;
done:
    sk_buf_free(&r.out);
    rm_tree(stage);
    rm_tree(work);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(done);
    free_strv(pythons);
    free(env);
    free(envstr[0]);
    free(envstr[1]);
    free(childtmp);
    free(profile);
    free(errlog);
    free(script);
    free(fontconf);
    free(stage);
    free(work);
    free(soffice);
    return rc;
}

/* ---------- a LibreOffice kept running ---------- */

typedef struct slot {
    sk_proc_child child;
    int busy;
    char *profile;  /* file:// URL */
    char *errlog;
} slot;

struct sk_office {
    char *soffice, *python, *work, *script, *fontconf, *childtmp;
    char *envstr[2];
    char **env;
    slot *s;
    int n;
    pthread_mutex_t lock;
    pthread_cond_t freed;
};

static double request_limit(void)
{
    const char *s = getenv("SK_OFFICE_TIMEOUT");
    char *end = NULL;
    double v = s && *s ? strtod(s, &end) : 0;
    return s && *s && end && !*end && v > 0 ? v : 120.0;
}

/* The first Python with the UNO bridge, or NULL. */
static char *uno_python(const char *soffice, char **env)
{
    char **pythons = python_candidates(soffice);
    char *found = NULL;
    for (size_t p = 0; pythons[p] && !found; p++) {
        char *argv[] = { pythons[p], "-c", "import uno", NULL };
        sk_proc pr = { .argv = argv, .env = env, .limit = 30 };
        sk_proc_result r;
        sk_err e;
        if (sk_proc_run(&pr, &r, &e) == 0 && r.status == 0)
            found = sk_strdup(pythons[p]);
        sk_buf_free(&r.out);
    }
    free_strv(pythons);
    return found;
}

int sk_office_open(sk_office **out, int n, sk_err *err)
{
    sk_office *o = sk_calloc(1, sizeof *o);
    const char *tmp = getenv("TMPDIR");
    if (n < 1)
        n = 1;
    pthread_mutex_init(&o->lock, NULL);
    pthread_cond_init(&o->freed, NULL);
    if (!(o->soffice = sk_proc_find("soffice"))) {
        sk_err_set(err, "LibreOffice is not installed (no soffice on PATH) "
                        "(Debian: apt install libreoffice-writer-nogui python3-uno fonts-noto-cjk fonts-liberation2)");
        goto fail;
    }
    if (!(o->work = make_temp_dir(tmp && *tmp ? tmp : "/tmp", "stdkit-office-", err)))
        goto fail;
    if (write_template(o->work, "fonts.conf", err) < 0 || write_template(o->work, "topdf.py", err) < 0)
        goto fail;
    o->fontconf = sk_fs_join(o->work, "fonts.conf");
    o->script = sk_fs_join(o->work, "topdf.py");
    o->childtmp = sk_fs_join(o->work, "tmp");
    if (sk_fs_mkdir_p(o->childtmp, err) < 0)
        goto fail;
    o->env = child_env(o->fontconf, o->childtmp, o->envstr);
    if (!(o->python = uno_python(o->soffice, o->env))) {
        sk_err_set(err, "no Python with LibreOffice's UNO bridge (Debian: apt install python3-uno)");
        goto fail;
    }
    o->n = n;
    o->s = sk_calloc((size_t)n, sizeof *o->s);
    for (int i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "profile%d", i);
        o->s[i].profile = file_url(o->work, name);
        snprintf(name, sizeof name, "stderr%d.log", i);
        o->s[i].errlog = sk_fs_join(o->work, name);
    }
    *out = o;
    return 0;
fail:
    sk_office_close(o);
    return -1;
}

void sk_office_close(sk_office *o)
{
    if (!o)
        return;
    for (int i = 0; i < o->n; i++) {
        sk_proc_end(&o->s[i].child, 30);
        free(o->s[i].profile);
        free(o->s[i].errlog);
    }
    free(o->s);
    rm_tree(o->work);
    free(o->env);
    free(o->envstr[0]);
    free(o->envstr[1]);
    free(o->childtmp);
    free(o->script);
    free(o->fontconf);
    free(o->python);
    free(o->work);
    free(o->soffice);
    pthread_cond_destroy(&o->freed);
    pthread_mutex_destroy(&o->lock);
    free(o);
}

int sk_office_acquire(sk_office *o)
{
    pthread_mutex_lock(&o->lock);
    for (;;) {
        for (int i = 0; i < o->n; i++)
            if (!o->s[i].busy) {
                o->s[i].busy = 1;
                pthread_mutex_unlock(&o->lock);
                return i;
            }
        pthread_cond_wait(&o->freed, &o->lock);
    }
}

void sk_office_release(sk_office *o, int slot)
{
    pthread_mutex_lock(&o->lock);
    o->s[slot].busy = 0;
    pthread_cond_signal(&o->freed);
    pthread_mutex_unlock(&o->lock);
}

/* Sends one request to slot's server (started when it is not running) and reads
 * its answer; -1 with err (about path) when it fails, times out or the server is
 * gone (it is started again for the next request). */
static int request(sk_office *o, int i, const char *line, const char *path, sk_err *err)
{
    slot *s = &o->s[i];
    char *answer = NULL;
    int rc = -1;
    double limit = request_limit();
    if (!s->child.pid) {
        char *argv[] = { o->python, o->script, o->soffice, s->profile, "--serve", NULL };
        sk_proc p = { .argv = argv, .env = o->env, .errlog = s->errlog };
        if (sk_proc_spawn(&s->child, &p, err) < 0)
            return -1;
        int got = sk_proc_readline(&s->child, &answer, limit, err);
        if (got <= 0 || strcmp(answer, "ready")) {
            char last[256];
            last_line(s->errlog, last);
            if (got == 0)
                sk_err_set(err, "LibreOffice did not start within %g s (set SK_OFFICE_TIMEOUT to allow more)", limit);
            else
                sk_err_set(err, "LibreOffice did not start%s%s", *last ? ": " : "", last);
            sk_proc_end(&s->child, 0);
            free(answer);
            return -1;
        }
        free(answer);
        answer = NULL;
    }
    if (sk_proc_send(&s->child, line, err) < 0)
        goto dead;
    int got = sk_proc_readline(&s->child, &answer, limit, err);
    if (got == 0) {
        sk_err_at(err, path, 0, 0, "LibreOffice did not finish within %g s (set SK_OFFICE_TIMEOUT to allow more)",
                  limit);
        goto dead;
    }
    if (got < 0)
        goto dead;
    if (!strcmp(answer, "ok"))
        rc = 0;
    else
        sk_err_at(err, path, 0, 0, "LibreOffice could not convert it (%s)",
                  !strncmp(answer, "fail\t", 5) ? answer + 5 : answer);
    free(answer);
    return rc;
dead:
    if (got != 0) {
        char last[256];
        last_line(s->errlog, last);
        sk_err_at(err, path, 0, 0, "LibreOffice failed%s%s", *last ? ": " : "", last);
    }
    sk_proc_end(&s->child, 0);
    free(answer);
    return -1;
}

int sk_office_measure(sk_office *o, int slot, const char *path, char **text, sk_err *err)
{
    char *out = sk_asprintf("%s.measure", path);
    char *line = sk_asprintf("measure\t%s\t%s", path, out);
    char *data = NULL;
    size_t len = 0;
    int rc = -1;
    if (strchr(path, '\t') || strchr(path, '\n')) {
        sk_err_at(err, path, 0, 0, "a TAB or newline in the file name");
        goto done;
    }
    if (request(o, slot, line, path, err) < 0)
        goto done;
    if (sk_fs_read(&data, &len, out, 64 << 20, err) < 0)
        goto done;
    *text = data;
    rc = 0;
done:
    unlink(out);
    free(line);
    free(out);
    return rc;
}

int sk_office_export(sk_office *o, int slot, const char *pdf, int skip_blank, sk_err *err)
{
    char *line = sk_asprintf("pdf\t%s\t%d", pdf, skip_blank ? 1 : 0);
    int rc = strchr(pdf, '\t') || strchr(pdf, '\n') ? -1 : request(o, slot, line, pdf, err);
    free(line);
    return rc;
}
