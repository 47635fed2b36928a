#include "diag/report.h"

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
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
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

/* SARIF artifactLocation: a relative path stays relative to %SRCROOT% (what GitHub code
 * scanning resolves against the checkout); an absolute one becomes a file:// URI.
 * Bytes a URI cannot hold are percent-encoded (UTF-8 included, as RFC 3986 asks). */
static void sarif_location(FILE *f, const char *path)
{
    sk_buf b;
    sk_buf_init(&b);
    if (path[0] == '/')
        sk_buf_puts(&b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '/' || *p == '.' || *p == '-' || *p == '_' || *p == '~' || (*p >= '0' && *p <= '9') ||
            (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            sk_buf_putc(&b, (char)*p);
        else
            sk_buf_printf(&b, "%%%02X", *p);
    }
    fputs("{\"uri\": ", f);
    sk_report_json_string(f, b.data ? b.data : "");
    if (path[0] != '/')
        fputs(", \"uriBaseId\": \"%SRCROOT%\"", f);
    fputs("}", f);
    sk_buf_free(&b);
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
        sarif_location(f, dg->file);
        if (dg->line > 0) {
            fprintf(f, ", \"region\": {\"startLine\": %d", dg->line);
            if (dg->col > 0)
                fprintf(f, ", \"startColumn\": %d", dg->col);
            fputs("}", f);
        }
        fputs("}}]}", f);
    }
    fputs(d->len ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n", f);
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
