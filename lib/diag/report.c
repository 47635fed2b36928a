#include "diag/report.h"

#include "base/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sk_report_text(const sk_diags *d, FILE *f, int color)
{
    static const char *sev_color[] = { "\033[1;36m", "\033[1;35m", "\033[1;31m" };
    for (size_t i = 0; i < d->len; i++) {
        const sk_diag *dg = &d->items[i];
        if (color)
            fputs("\033[1m", f);
        fputs(dg->file, f);
        if (dg->line > 0) {
            fprintf(f, ":%d", dg->line);
            if (dg->col > 0)
                fprintf(f, ":%d", dg->col);
        }
        fputs(":", f);
        if (color)
            fputs("\033[0m", f);
        fprintf(f, " %s%s:%s %s [%s]\n", color ? sev_color[dg->severity] : "",
                sk_rule_severity_name(dg->severity), color ? "\033[0m" : "", dg->msg,
                sk_rule_get(dg->rule)->code);
        if (dg->hint)
            fprintf(f, "  %shint:%s %s\n", color ? "\033[1;32m" : "", color ? "\033[0m" : "", dg->hint);
    }
}

void sk_report_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    size_t n = strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 0x80) { /* a file name need not be UTF-8: JSON text is */
            uint32_t cp;
            int l = sk_utf8_decode((const char *)p, n - (size_t)(p - (const unsigned char *)s), &cp);
            if (l)
                fwrite(p, 1, (size_t)l, f);
            else
                fputs("\\ufffd", f);
            p += l ? l - 1 : 0;
            continue;
        }
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void sk_report_json(const sk_diags *d, FILE *f)
{
    fputs("[", f);
    for (size_t i = 0; i < d->len; i++) {
        const sk_diag *dg = &d->items[i];
        fputs(i ? ",\n " : "\n ", f);
        fputs("{\"code\": ", f);
        sk_report_json_string(f, sk_rule_get(dg->rule)->code);
        fprintf(f, ", \"severity\": \"%s\", \"file\": ", sk_rule_severity_name(dg->severity));
        sk_report_json_string(f, dg->file);
        fprintf(f, ", \"line\": %d, \"column\": %d, \"message\": ", dg->line, dg->col);
        sk_report_json_string(f, dg->msg);
        fputs(", \"hint\": ", f);
        if (dg->hint)
            sk_report_json_string(f, dg->hint);
        else
            fputs("null", f);
        fputs("}", f);
    }
    fputs(d->len ? "\n]\n" : "]\n", f);
}

/* path made absolute (against the current directory) and cleaned of "." and ".."
 * lexically, so files that do not exist (a --stdin-filename) resolve too. */
static char *absolute(const char *path)
{
    sk_buf b;
    sk_buf_init(&b);
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        sk_buf_puts(&b, cwd ? cwd : "");
        free(cwd);
    }
    sk_buf_putc(&b, '/');
    sk_buf_puts(&b, path);
    char *in = sk_buf_detach(&b), *out = sk_malloc(strlen(in) + 2);
    size_t n = 0;
    for (char *seg = in; *seg;) {
        char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 2 && !strncmp(seg, "..", 2)) {
            while (n && out[n - 1] != '/')
                n--;
            if (n)
                n--;
        } else if (len && !(len == 1 && seg[0] == '.')) {
            out[n++] = '/';
            memcpy(out + n, seg, len);
            n += len;
        }
        seg += len + (end ? 1 : 0);
        if (!end)
            break;
    }
    if (!n)
        out[n++] = '/';
    out[n] = 0;
    free(in);
    return out;
}

static void put_uri(sk_buf *b, const char *path)
{
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '/' || *p == '.' || *p == '-' || *p == '_' || *p == '~' || (*p >= '0' && *p <= '9') ||
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            sk_buf_putc(b, (char)*p);
        else
            sk_buf_printf(b, "%%%02X", *p);
    }
}

/* SARIF artifactLocation: relative to %SRCROOT% (the root, what GitHub code
 * scanning resolves against the checkout) when the file is under root; else a
 * file:// URI. Without a root, a relative path stays as written. Bytes a URI cannot
 * hold are percent-encoded (UTF-8 included, as RFC 3986 asks). */
static void sarif_location(FILE *f, const char *path, const char *root)
{
    sk_buf b;
    sk_buf_init(&b);
    char *abs = root || path[0] == '/' ? absolute(path) : NULL;
    size_t rl = root ? strlen(root) : 0;
    int rel = !abs || (root && !strncmp(abs, root, rl) && abs[rl] == '/');
    if (!abs)
        put_uri(&b, path);
    else if (rel)
        put_uri(&b, abs + rl + 1);
    else {
        sk_buf_puts(&b, "file://");
        put_uri(&b, abs);
    }
    fputs("{\"uri\": ", f);
    sk_report_json_string(f, b.data ? b.data : "");
    if (rel)
        fputs(", \"uriBaseId\": \"%SRCROOT%\"", f);
    fputs("}", f);
    sk_buf_free(&b);
    free(abs);
}

#define SK_INFO_URI "https://github.com/stdkit/stdkit"
#define SK_CHECKS_URI SK_INFO_URI "/blob/main/docs/checks.md#"

/* The rule's description with its GB/T 1.1—2020 clause. Caller frees. */
static char *rule_full(const sk_rule *r)
{
    return r->clause[0] ? sk_asprintf("%s (GB/T 1.1—2020, %s%s).", r->summary,
                                      strncmp(r->clause, "Annex", 5) ? "clause " : "", r->clause)
                        : sk_asprintf("%s.", r->summary);
}

void sk_report_sarif(const sk_diags *d, FILE *f, const char *tool_version)
{
    sk_sarif_run run = { .version = tool_version };
    sk_report_sarif_run(d, f, &run);
}

char *sk_report_sarif_root(void)
{
    char *dir = getcwd(NULL, 0);
    for (char *d = dir ? sk_strdup(dir) : NULL; d;) {
        char *git = sk_fs_join(d, ".git");
        int found = access(git, F_OK) == 0;
        free(git);
        if (found) {
            free(dir);
            return d;
        }
        if (!strcmp(d, "/")) {
            free(d);
            break;
        }
        char *up = sk_fs_dirname(d);
        free(d);
        d = up;
    }
    return dir;
}

void sk_report_sarif_run(const sk_diags *d, FILE *f, const sk_sarif_run *run)
{
    const char *tool_version = run->version;
    char *root = run->root ? absolute(run->root) : NULL;
    if (root && !strcmp(root, "/"))
        root[0] = 0;
    static const char *level[] = { "note", "warning", "error" };
    fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
          "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"tool\": {\"driver\": {\n"
          "      \"name\": \"stdcheck\",\n      \"informationUri\": \"" SK_INFO_URI "\",\n", f);
    fprintf(f, "      \"version\": \"%s\",\n      \"semanticVersion\": \"%s\",\n      \"rules\": [",
            tool_version, tool_version);
    for (int i = 0; i < SK_R_COUNT; i++) {
        const sk_rule *r = sk_rule_get(i);
        fputs(i ? ",\n        " : "\n        ", f);
        fputs("{\"id\": ", f);
        sk_report_json_string(f, r->code);
        fputs(", \"name\": ", f);
        sk_report_json_string(f, r->code);
        fputs(", \"shortDescription\": {\"text\": ", f);
        sk_report_json_string(f, r->summary);
        char *full = rule_full(r);
        fputs("}, \"fullDescription\": {\"text\": ", f);
        sk_report_json_string(f, full);
        char *help = sk_asprintf("%s docs/checks.md#%s explains the check with a wrong and a right example; "
                                 "disable it with --disable %s or <!-- stdcheck-disable %s --> in the file.",
                                 full, r->code, r->code, r->code);
        char *md = sk_asprintf("%s\n\nSee [docs/checks.md](" SK_CHECKS_URI "%s) for a wrong and a right "
                               "example. Disable with `--disable %s` or `<!-- stdcheck-disable %s -->`.",
                               full, r->code, r->code, r->code);
        fputs("}, \"help\": {\"text\": ", f);
        sk_report_json_string(f, help);
        fputs(", \"markdown\": ", f);
        sk_report_json_string(f, md);
        fprintf(f, "}, \"helpUri\": \"" SK_CHECKS_URI "%s\"", r->code);
        fprintf(f, ", \"defaultConfiguration\": {\"level\": \"%s\"}", level[r->severity]);
        fputs(r->clause[0] ? ", \"properties\": {\"tags\": [\"standards\", \"gb-t-1.1\"]}}"
                           : ", \"properties\": {\"tags\": [\"standards\"]}}", f);
        free(full);
        free(help);
        free(md);
    }
    fputs("\n      ]\n    }},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [", f);
    for (size_t i = 0; i < d->len; i++) {
        const sk_diag *dg = &d->items[i];
        fputs(i ? ",\n      " : "\n      ", f);
        fputs("{\"ruleId\": ", f);
        sk_report_json_string(f, sk_rule_get(dg->rule)->code);
        fprintf(f, ", \"ruleIndex\": %d, \"level\": \"%s\", \"message\": {\"text\": ", (int)dg->rule,
                level[dg->severity]);
        if (dg->hint) {
            char *m = sk_asprintf("%s (hint: %s)", dg->msg, dg->hint);
            sk_report_json_string(f, m);
            free(m);
        } else {
            sk_report_json_string(f, dg->msg);
        }
        fputs("}, \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", f);
        sarif_location(f, dg->file, root);
        if (dg->line > 0) {
            fprintf(f, ", \"region\": {\"startLine\": %d", dg->line);
            if (dg->col > 0)
                fprintf(f, ", \"startColumn\": %d", dg->col);
            fputs("}", f);
        }
        fputs("}}]}", f);
    }
    fputs(d->len ? "\n    ]" : "]", f);
    /* the invocation: whether the run went through, and why not */
    fprintf(f, ",\n    \"invocations\": [{\"executionSuccessful\": %s", run->failure ? "false" : "true");
    if (run->failure) {
        const sk_err *e = run->failure;
        fputs(", \"toolExecutionNotifications\": [{\"level\": \"error\", \"message\": {\"text\": ", f);
        sk_report_json_string(f, e->msg);
        fputs("}", f);
        if (e->file[0]) {
            fputs(", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": ", f);
            sarif_location(f, e->file, root);
            if (e->line > 0)
                fprintf(f, ", \"region\": {\"startLine\": %d}", e->line);
            fputs("}}]", f);
        }
        fputs("}]", f);
    }
    fputs("}]", f);
    if (root) {
        sk_buf b;
        sk_buf_init(&b);
        sk_buf_puts(&b, "file://");
        put_uri(&b, root);
        sk_buf_putc(&b, '/');
        fputs(",\n    \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": ", f);
        sk_report_json_string(f, b.data);
        fputs("}}", f);
        sk_buf_free(&b);
    }
    fputs("\n  }]\n}\n", f);
    free(root);
}

/* GitHub Actions workflow commands escape these in messages, and ':' and ',' too in
 * property values. */
static void github_escaped(FILE *f, const char *s, int property)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", f);
        else if (*s == '\r')
            fputs("%0D", f);
        else if (*s == '\n')
            fputs("%0A", f);
        else if (property && *s == ':')
            fputs("%3A", f);
        else if (property && *s == ',')
            fputs("%2C", f);
        else
            fputc(*s, f);
    }
}

void sk_report_github(const sk_diags *d, FILE *f)
{
    static const char *level[] = { "notice", "warning", "error" };
    for (size_t i = 0; i < d->len; i++) {
        const sk_diag *dg = &d->items[i];
        fprintf(f, "::%s file=", level[dg->severity]);
        github_escaped(f, strncmp(dg->file, "./", 2) ? dg->file : dg->file + 2, 1);
        if (dg->line > 0)
            fprintf(f, ",line=%d", dg->line);
        if (dg->line > 0 && dg->col > 0)
            fprintf(f, ",col=%d", dg->col);
        fputs(",title=", f);
        github_escaped(f, sk_rule_get(dg->rule)->code, 1);
        fputs("::", f);
        github_escaped(f, dg->msg, 0);
        if (dg->hint) {
            fputs(" (hint: ", f);
            github_escaped(f, dg->hint, 0);
            fputs(")", f);
        }
        fputs("\n", f);
    }
}

static void xml_escaped(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                fputc(' ', f); /* XML 1.0 cannot hold other control characters */
            else
                fputc(*s, f);
        }
    }
}

void sk_report_junit(const sk_diags *d, const sk_vec *files, FILE *f)
{
    size_t failures = 0;
    for (size_t i = 0; i < d->len; i++)
        failures += d->items[i].severity != SK_NOTE;
    /* one suite per file checked, one test case per finding; a clean file is one
     * passing case, so a clean run still counts its files */
    size_t tests = 0;
    for (size_t k = 0; k < files->len; k++) {
        size_t here = 0;
        for (size_t i = 0; i < d->len; i++)
            here += !strcmp(d->items[i].file, files->items[k]);
        tests += here ? here : 1;
    }
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"stdcheck\" tests=\"%zu\" "
               "failures=\"%zu\">\n", tests, failures);
    for (size_t k = 0; k < files->len; k++) {
        const char *file = files->items[k];
        size_t here = 0, fail = 0;
        for (size_t i = 0; i < d->len; i++)
            if (!strcmp(d->items[i].file, file)) {
                here++;
                fail += d->items[i].severity != SK_NOTE;
            }
        fputs("  <testsuite name=\"", f);
        xml_escaped(f, file);
        fprintf(f, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", here ? here : 1, fail);
        if (!here) {
            fputs("    <testcase classname=\"", f);
            xml_escaped(f, file);
            fputs("\" name=\"stdcheck\"/>\n", f);
        }
        for (size_t i = 0; i < d->len; i++) {
            const sk_diag *dg = &d->items[i];
            if (strcmp(dg->file, file))
                continue;
            const char *code = sk_rule_get(dg->rule)->code;
            int fails = dg->severity != SK_NOTE;
            fputs("    <testcase classname=\"", f);
            xml_escaped(f, file);
            fprintf(f, "\" name=\"%d:%d %s\">\n      ", dg->line, dg->col, code);
            if (fails) {
                fputs("<failure message=\"", f);
                xml_escaped(f, dg->msg);
                fprintf(f, "\" type=\"%s\">", code);
            } else {
                fputs("<system-out>", f); /* a note fails nothing */
            }
            xml_escaped(f, file);
            fprintf(f, ":%d:%d: %s: ", dg->line, dg->col, sk_rule_severity_name(dg->severity));
            xml_escaped(f, dg->msg);
            fprintf(f, " [%s]", code);
            if (dg->hint) {
                fputs("\n  hint: ", f);
                xml_escaped(f, dg->hint);
            }
            fprintf(f, "</%s>\n    </testcase>\n", fails ? "failure" : "system-out");
        }
        fputs("  </testsuite>\n", f);
    }
    fputs("</testsuites>\n", f);
}

/* ---------- the drivers' messages ---------- */

void sk_report_message(FILE *f, const char *tool, sk_severity sev, const sk_err *e)
{
    const char *what = sk_rule_severity_name(sev);
    if (e->file[0] && e->line > 0 && e->col > 0)
        fprintf(f, "%s:%d:%d: %s: %s\n", e->file, e->line, e->col, what, e->msg);
    else if (e->file[0] && e->line > 0)
        fprintf(f, "%s:%d: %s: %s\n", e->file, e->line, what, e->msg);
    else if (e->file[0])
        fprintf(f, "%s: %s: %s\n", e->file, what, e->msg);
    else
        fprintf(f, "%s: %s: %s\n", tool, what, e->msg);
}

void sk_report_init(sk_reporter *r, const char *tool, int quiet)
{
    memset(r, 0, sizeof *r);
    r->tool = tool;
    r->quiet = quiet;
    r->tty = !quiet && isatty(STDERR_FILENO);
}

void sk_report_progress_clear(sk_reporter *r)
{
    if (r->shown) {
        fputs("\r\033[K", stderr);
        r->shown = 0;
    }
}

void sk_report_cb(void *ctx, sk_severity sev, const sk_err *err)
{
    sk_reporter *r = ctx;
    if (sev == SK_ERROR)
        r->errors++;
    else if (sev == SK_WARNING)
        r->warnings++;
    if (sev != SK_ERROR && r->quiet)
        return;
    sk_report_progress_clear(r);
    sk_report_message(stderr, r->tool, sev, err);
}

void sk_report_progress_cb(void *ctx, size_t done, size_t total, const char *what)
{
    sk_reporter *r = ctx;
    if (!r->tty || total < 2)
        return;
    if (!what && done >= total) {
        sk_report_progress_clear(r);
        return;
    }
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - r->last.tv_sec) * 1000 + (now.tv_nsec - r->last.tv_nsec) / 1000000;
    if (done < total && r->shown && ms < 100)
        return;
    r->last = now;
    char bar[31];
    size_t fill = total ? done * 30 / total : 30;
    for (size_t i = 0; i < 30; i++)
        bar[i] = i < fill ? '#' : '.';
    bar[30] = '\0';
    const char *base = what ? strrchr(what, '/') : NULL;
    fprintf(stderr, "\r\033[K[%s] %zu/%zu%s%s", bar, done, total, what ? " " : "", what ? (base ? base + 1 : what) : "");
    fflush(stderr);
    r->shown = 1;
}

void sk_report_counts(FILE *f, const char *tool, const sk_diags *d)
{
    size_t ne = sk_diag_count(d, SK_ERROR), nw = sk_diag_count(d, SK_WARNING) - ne, nn = d->len - ne - nw;
    if (d->len)
        fprintf(f, "%s: %zu error%s, %zu warning%s, %zu note%s\n", tool, ne, ne == 1 ? "" : "s", nw,
                nw == 1 ? "" : "s", nn, nn == 1 ? "" : "s");
}

int sk_report_color(const char *when, int isatty)
{
    int no_color = getenv("NO_COLOR") != NULL;
    if (!strcmp(when, "always"))
        return !no_color;
    if (!strcmp(when, "never"))
        return 0;
    if (!strcmp(when, "auto"))
        return isatty && !no_color;
    return -1;
}
