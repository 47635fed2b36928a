/* stdcheck — validates standards: numbering, references, GB/T 1.1 structure, the system.
 * Arguments and exit codes only; the checks live in libstdkit. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag/diag.h"
#include "diag/report.h"
#include "run/stdcheck.h"
#include "run/watch.h"
#include "base/common.h"

static void usage(FILE *f)
{
    fputs("usage: stdcheck [options] PATH...\n"
          "Checks standards (Markdown + front matter) against GB/T 1.1—2020 and their system.\n"
          "PATH is a standard's .md file or a directory of standards (searched recursively).\n"
          "\n"
          "PATH - reads one standard from standard input.\n"
          "\n"
          "  -f, --format FMT       text (default), json, sarif, github (workflow annotations) or junit\n"
          "      --fail-level LVL   exit 1 when a finding is at least error (default), warning or note\n"
          "      --disable CODES    skip these checks (comma-separated codes; repeatable)\n"
          "      --config FILE      the configuration (default: .stdcheck.yaml, or system.yaml's stdcheck:\n"
          "                         section, in the file's directory or above)\n"
          "      --no-config        use no configuration file\n"
          "      --stdin-filename NAME  the name of the standard read from -: used in diagnostics and\n"
          "                         to find its system.yaml and configuration\n"
          "      --sarif-root DIR   SARIF URIs relative to DIR (default: the git top level, else .)\n"
          "      --system DIR       the system's directory (default: where system.yaml is, above PATH)\n"
          "      --no-system        check files alone, without system-level checks\n"
          "      --fix              rewrite heading, annex, table and figure numbers to the assigned\n"
          "                         ones, and the plain-text references to them, in place (with -:\n"
          "                         the fixed text on standard output, the findings on standard error)\n"
          "      --dry-run          with --fix: print the changes as a unified diff, change nothing\n"
          "      --watch            check, then check again each time a standard or system.yaml changes:\n"
          "                         the changed standards and those citing them (Ctrl-C stops)\n"
          "      --list-checks      print every check code with its severity and GB/T 1.1 clause\n"
          "      --color WHEN       auto (default), always or never; NO_COLOR disables colour\n"
          "  -q, --quiet            print errors only, and no summary\n"
          "  -h, --help             this help\n"
          "  -V, --version          version\n"
          "\n"
          "Exit status: 0 clean, 1 findings at or above the fail level, 2 usage or I/O error.\n"
          "In a file: <!-- stdcheck-disable CODE --> … <!-- stdcheck-enable CODE -->, or\n"
          "<!-- stdcheck-disable-line CODE -->, -disable-next-line, -disable-file.\n"
          "Every code is explained in docs/checks.md and stdcheck(1).\n",
          f);
}

static int disable_codes(sk_diags *d, const char *list)
{
    char *copy = sk_strdup(list), *save = NULL;
    int rc = 0;
    for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
        int r = sk_rule_find(w);
        if (r < 0) {
            fprintf(stderr, "stdcheck: unknown check code '%s' (see --list-checks)\n", w);
            rc = -1;
        } else {
            d->disabled[r] = 1;
        }
    }
    free(copy);
    return rc;
}

/* --watch: what every round prints, as one run of stdcheck would. */
typedef struct watching {
    sk_stdcheck_opts *o;
    const sk_diags *tmpl; /* the --disable codes */
    sk_diag_format fmt;
    int quiet, color;
} watching;

static volatile sig_atomic_t stop;
static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

static int watch_round(void *ctx, int round, const sk_vec *files, const sk_vec *changed, size_t total, sk_err *err)
{
    (void)err;
    watching *W = ctx;
    sk_diags d;
    sk_diag_init(&d);
    memcpy(d.disabled, W->tmpl->disabled, sizeof d.disabled);
    if (round > 0)
        fprintf(stderr, "stdcheck: %s%s changed: checking %zu standard%s\n",
                changed->len ? (const char *)changed->items[0] : "a file", changed->len > 1 ? " and others" : "",
                files->len, files->len == 1 ? "" : "s");
    sk_err e;
    sk_err_clear(&e);
    int ran = sk_stdcheck_run((const char *const *)files->items, files->len, W->o, &d, &e);
    for (size_t i = 0; i < W->o->checked.len; i++) /* each round says what it checked */
        free(W->o->checked.items[i]);
    W->o->checked.len = 0;
    if (ran < 0) {
        sk_report_message(stderr, "stdcheck", SK_ERROR, &e); /* a file gone mid-save: the watch goes on */
    } else {
        sk_diag_sort(&d);
        if (W->quiet)
            sk_diag_keep(&d, SK_ERROR);
        if (W->fmt == SK_FMT_JSON)
            sk_report_json(&d, stdout);
        else if (W->fmt == SK_FMT_SARIF)
            sk_report_sarif(&d, stdout, SK_VERSION);
        else
            sk_report_text(&d, stdout, W->color);
        fflush(stdout);
        if (!W->quiet && W->fmt == SK_FMT_TEXT)
            sk_report_counts(stderr, "stdcheck", &d);
    }
    fprintf(stderr, "stdcheck: watching %zu standard%s for changes (Ctrl-C stops)\n", total, total == 1 ? "" : "s");
    fflush(stderr);
    sk_diag_free(&d);
    return 0;
}

static void list_checks(void)
{
    for (int i = 0; i < SK_R_COUNT; i++) {
        const sk_rule *r = sk_rule_get((sk_rule_id)i);
        printf("%-20s %-8s %-6s %s\n", r->code, sk_rule_severity_name(r->severity), r->clause[0] ? r->clause : "-",
               r->summary);
    }
}

int main(int argc, char **argv)
{
    enum { O_FAIL = 256, O_DISABLE, O_SYSTEM, O_NOSYS, O_LIST, O_COLOR, O_FIX, O_DRY, O_CONFIG, O_NOCONFIG,
           O_STDIN_NAME, O_SARIF_ROOT, O_WATCH };
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' }, { "fail-level", required_argument, NULL, O_FAIL },
        { "disable", required_argument, NULL, O_DISABLE }, { "system", required_argument, NULL, O_SYSTEM },
        { "no-system", no_argument, NULL, O_NOSYS }, { "list-checks", no_argument, NULL, O_LIST },
        { "color", required_argument, NULL, O_COLOR }, { "colour", required_argument, NULL, O_COLOR },
        { "fix", no_argument, NULL, O_FIX }, { "dry-run", no_argument, NULL, O_DRY },
        { "config", required_argument, NULL, O_CONFIG }, { "no-config", no_argument, NULL, O_NOCONFIG },
        { "stdin-filename", required_argument, NULL, O_STDIN_NAME },
        { "sarif-root", required_argument, NULL, O_SARIF_ROOT }, { "watch", no_argument, NULL, O_WATCH },
        { "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' }, { NULL, 0, NULL, 0 }
    };
    sk_diags d;
    sk_stdcheck_opts o = { .fail_level = -1 };
    sk_diag_format fmt = SK_FMT_TEXT;
    const char *sarif_root = NULL;
    int quiet = 0, color = -1, watch = 0, c;
    sk_err err;

    sk_diag_init(&d);
    sk_err_clear(&err);
    while ((c = getopt_long(argc, argv, "f:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "text"))
                fmt = SK_FMT_TEXT;
            else if (!strcmp(optarg, "json"))
                fmt = SK_FMT_JSON;
            else if (!strcmp(optarg, "sarif"))
                fmt = SK_FMT_SARIF;
            else if (!strcmp(optarg, "github"))
                fmt = SK_FMT_GITHUB;
            else if (!strcmp(optarg, "junit"))
                fmt = SK_FMT_JUNIT;
            else {
                fprintf(stderr, "stdcheck: unknown format '%s' (text, json, sarif, github or junit)\n", optarg);
                return 2;
            }
            break;
        case O_FAIL: {
            sk_severity fail;
            if (sk_rule_severity_parse(optarg, &fail) < 0) {
                fprintf(stderr, "stdcheck: --fail-level takes error, warning or note, not '%s'\n", optarg);
                return 2;
            }
            o.fail_level = (int)fail;
            break;
        }
        case O_CONFIG:
            o.config = optarg;
            break;
        case O_NOCONFIG:
            o.no_config = 1;
            break;
        case O_STDIN_NAME:
            o.stdin_name = optarg;
            break;
        case O_SARIF_ROOT:
            sarif_root = optarg;
            break;
        case O_DISABLE:
            if (disable_codes(&d, optarg) < 0)
                return 2;
            break;
        case O_SYSTEM:
            o.system_dir = optarg;
            break;
        case O_NOSYS:
            o.no_system = 1;
            break;
        case O_FIX:
            o.fix = 1;
            break;
        case O_DRY:
            o.dry_run = 1;
            break;
        case O_WATCH:
            watch = 1;
            break;
        case O_LIST:
            list_checks();
            return 0;
        case O_COLOR:
            if ((color = sk_report_color(optarg, isatty(STDOUT_FILENO))) < 0) {
                fprintf(stderr, "stdcheck: --color takes auto, always or never\n");
                return 2;
            }
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("stdcheck (stdkit) %s\n", SK_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "stdcheck: no input; give a standard's .md file or a directory (see --help)\n");
        return 2;
    }
    if (color < 0)
        color = sk_report_color("auto", isatty(STDOUT_FILENO));

    if (o.dry_run && !o.fix) {
        fprintf(stderr, "stdcheck: --dry-run goes with --fix\n");
        return 2;
    }
    if (o.config && o.no_config) {
        fprintf(stderr, "stdcheck: --config and --no-config exclude each other\n");
        return 2;
    }
    if (watch) {
        if (o.fix) {
            fprintf(stderr, "stdcheck: --watch does not go with --fix (fixing writes the files it watches)\n");
            return 2;
        }
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        watching W = { &o, &d, fmt, quiet, color };
        int r = sk_watch_run((const char *const *)argv + optind, (size_t)(argc - optind),
                             o.no_system ? NULL : o.system_dir, 100, watch_round, &W, &stop, &err);
        sk_diag_free(&d);
        sk_vec_free(&o.checked);
        if (r < 0) {
            sk_report_message(stderr, "stdcheck", SK_ERROR, &err);
            return 2;
        }
        return 0;
    }
    sk_buf diff, fixed_in;
    sk_buf_init(&diff);
    sk_buf_init(&fixed_in);
    o.diff = &diff;
    o.stdin_fixed = &fixed_in;
    size_t nfiles = (size_t)(argc - optind);
    int run = sk_stdcheck_run((const char *const *)argv + optind, nfiles, &o, &d, &err);
    /* --fix --dry-run, and --fix on standard input: the text is the output;
     * diagnostics (of the fixed text) go to stderr */
    int text_out = o.dry_run || (o.fix && o.stdin_fixed->len);
    FILE *report = text_out ? stderr : stdout;
    if (diff.len)
        fwrite(diff.data, 1, diff.len, stdout);
    if (o.fix && fixed_in.len)
        fwrite(fixed_in.data, 1, fixed_in.len, stdout);
    sk_buf_free(&diff);
    sk_buf_free(&fixed_in);
    if (o.fix && !quiet && o.fixed_files)
        fprintf(stderr, "stdcheck: %s %d number%s in %d file%s\n", o.dry_run ? "would fix" : "fixed", o.edits,
                o.edits == 1 ? "" : "s", o.fixed_files, o.fixed_files == 1 ? "" : "s");
    char *root = fmt == SK_FMT_SARIF ? (sarif_root ? sk_strdup(sarif_root) : sk_report_sarif_root()) : NULL;
    sk_sarif_run sarif = { .version = SK_VERSION, .root = root, .failure = run < 0 ? &err : NULL };
    int rc;
    if (run < 0) {
        sk_report_message(stderr, "stdcheck", SK_ERROR, &err);
        /* a CI upload still gets a log saying the run failed */
        if (fmt == SK_FMT_SARIF) {
            sk_diag_free(&d);
            sk_report_sarif_run(&d, report, &sarif);
        }
        rc = 2;
        goto done;
    }
    sk_diag_sort(&d);
    if (quiet)
        sk_diag_keep(&d, SK_ERROR);
    if (fmt == SK_FMT_JSON)
        sk_report_json(&d, report);
    else if (fmt == SK_FMT_SARIF)
        sk_report_sarif_run(&d, report, &sarif);
    else if (fmt == SK_FMT_GITHUB)
        sk_report_github(&d, report);
    else if (fmt == SK_FMT_JUNIT)
        sk_report_junit(&d, &o.checked, report);
    else
        sk_report_text(&d, report, color && (report == stdout || isatty(STDERR_FILENO)));

    if (!quiet && fmt == SK_FMT_TEXT)
        sk_report_counts(stderr, "stdcheck", &d);
    rc = sk_diag_count(&d, (sk_severity)o.fail_level) ? 1 : 0;
done:
    free(root);
    for (size_t i = 0; i < o.checked.len; i++)
        free(o.checked.items[i]);
    sk_vec_free(&o.checked);
    sk_diag_free(&d);
    return rc;
}
