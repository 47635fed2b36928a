/* stdgen — renders standards as print-ready documents laid out per GB/T 1.1—2020.
 * Arguments, messages and exit codes only; the work is in libstdkit (gen.c). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/stdgen.h"
#include "run/watch.h"
#include "base/common.h"
#include "base/mem.h"
#include "diag/report.h"
#include "write/format.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: stdgen [options] PATH...\n"
            "       stdgen --system [options] [DIR]\n"
            "Renders standards (Markdown + front matter) as documents laid out per GB/T 1.1—2020:\n"
            "cover, 目次, 前言, clauses, annexes, headers and page numbers.\n"
            "PATH is a standard's .md file or a directory of standards (searched recursively).\n"
            "Each standard becomes OUTDIR/NUMBER-slug.FORMAT, e.g. SJDJ-TS-09-2019-双报到的六步工作法.docx.\n"
            "With --system, the documents of the standard system in DIR (default: .) instead:\n"
            "the 标准体系表 (结构图, 明细表, 统计表, citations, 编制说明) as CODE-标准体系表.FORMAT and\n"
            "the 结构图 as Graphviz DOT (and PNG when dot is installed).\n"
            "With --amendment, each standard's 修改单 instead (NUMBER-slug-第N号修改单.FORMAT), worded from\n"
            "the text before the amendment (its source:, or --old) or from the amendment's changes:.\n"
            "With --explanation or --comment-table, each standard's papers of the drafting cycle\n"
            "instead: its 编制说明 (NUMBER-slug-编制说明.FORMAT, with the sections its authors wrote in\n"
            "STEM.explanation.md) and its 征求意见汇总处理表 (from STEM.comments.yaml, see stdcomment).\n"
            "\n"
            "  -o, --output DIR|FILE     write into DIR (default: out); with one standard, a name\n"
            "                            ending in .docx, .odt or .pdf names the file (and the format)\n"
            "  -f, --format LIST         comma-separated formats (default: docx; known: %s;\n"
            "                            pdf through LibreOffice; csv: the 明细表, with --system)\n"
            "      --reference-doc FILE  take the styles of this DOCX or ODT, matched by style name\n"
            "                            (twice: one DOCX and one ODT)\n"
            "      --pages MODE          where the 目次 page numbers come from: office (LibreOffice lays\n"
            "                            each document out; tables continued as 表N（续）), estimate, or\n"
            "                            auto (office when LibreOffice is installed; the default, or $SK_PAGES)\n"
            "      --skip-blank-pages    PDF: leave out the blank pages before a part that starts on a\n"
            "                            right-hand page (for the screen; kept by default, for duplex)\n"
            "      --system[=DIR]        the system documents of the system in DIR (or PATH, or .)\n"
            "      --system-dir DIR      where system.yaml is (default: in or above PATH)\n"
            "      --amendment[=N]       the 修改单 of amendment N (default: the last one listed)\n"
            "      --old SOURCE          with --amendment: the text before it, a file or git:REV\n"
            "      --explanation         the 编制说明 of each standard\n"
            "      --comment-table       the 征求意见汇总处理表 of each standard (A4 across)\n"
            "      --line-numbers        the standard with line numbers, for reviewers (the circulated draft)\n"
            "      --watch               render, then render again each time a standard or system.yaml\n"
            "                            changes: the changed standards and those citing them (Ctrl-C stops)\n"
            "  -q, --quiet               print errors only\n"
            "  -h, --help                this help\n"
            "  -V, --version             version\n"
            "\n"
            "Exit status: 0 all rendered, 1 a standard could not be rendered, 2 usage or I/O error.\n"
            "Output is reproducible (SOURCE_DATE_EPOCH sets the time stamps) and written atomically.\n"
            "See stdgen(1).\n",
            sk_format_names(SK_STDGEN_FORMATS));
}

/* --watch: one round renders what changed, as one run of stdgen would. */
typedef struct watching {
    sk_stdgen_opts *o;
    sk_reporter *r;
    const char *const *paths; /* with --system: the system, rendered whole each round */
    size_t npaths;
    int quiet;
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
    sk_stdgen_result res;
    sk_err e;
    sk_err_clear(&e);
    if (round > 0 && !W->quiet)
        fprintf(stderr, "stdgen: %s%s changed: rendering %zu standard%s\n",
                changed->len ? (const char *)changed->items[0] : "a file", changed->len > 1 ? " and others" : "",
                W->o->system_docs ? total : files->len, (W->o->system_docs ? total : files->len) == 1 ? "" : "s");
    int rc = W->o->system_docs ? sk_stdgen_run(W->paths, W->npaths, W->o, &res, &e)
                               : sk_stdgen_run((const char *const *)files->items, files->len, W->o, &res, &e);
    if (rc < 0) {
        sk_report_progress_clear(W->r);
        sk_report_message(stderr, "stdgen", SK_ERROR, &e); /* a file gone mid-save: the watch goes on */
    } else if (!W->quiet) {
        fprintf(stderr, "stdgen: %zu of %zu standard%s rendered into %s\n", res.standards - res.failed, res.standards,
                res.standards == 1 ? "" : "s", W->o->outdir ? W->o->outdir : "out");
    }
    fprintf(stderr, "stdgen: watching %zu standard%s for changes (Ctrl-C stops)\n", total, total == 1 ? "" : "s");
    fflush(stderr);
    return 0;
}

int main(int argc, char **argv)
{
    enum { O_REF = 256, O_SYSTEM, O_SYSTEM_DIR, O_AMENDMENT, O_OLD, O_WATCH, O_EXPLANATION, O_COMMENT_TABLE, O_LINE_NUMBERS,
           O_PAGES, O_SKIP_BLANK };
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' },    { "format", required_argument, NULL, 'f' },
        { "reference-doc", required_argument, NULL, O_REF }, { "system", optional_argument, NULL, O_SYSTEM },
        { "system-dir", required_argument, NULL, O_SYSTEM_DIR },
        { "amendment", optional_argument, NULL, O_AMENDMENT }, { "old", required_argument, NULL, O_OLD },
        { "watch", no_argument, NULL, O_WATCH },
        { "explanation", no_argument, NULL, O_EXPLANATION }, { "comment-table", no_argument, NULL, O_COMMENT_TABLE },
        { "line-numbers", no_argument, NULL, O_LINE_NUMBERS },
        { "pages", required_argument, NULL, O_PAGES },   { "skip-blank-pages", no_argument, NULL, O_SKIP_BLANK },
        { "quiet", no_argument, NULL, 'q' },           { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },         { NULL, 0, NULL, 0 }
    };
    sk_stdgen_opts o = { 0 };
    const char *pages = getenv("SK_PAGES");
    int formats_given = 0;
    const char *system_arg = NULL;
    sk_stdgen_result res;
    sk_reporter r;
    int quiet = 0, watch = 0;
    sk_err err;
    int c;

    sk_err_clear(&err);
    /* a model is freed and the next one built at once: keep the heap (and back
     * it with huge pages) rather than fault it in again for every standard */
    sk_mem_tune(24u << 20);
    while ((c = getopt_long(argc, argv, "o:f:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            o.outdir = optarg;
            break;
        case 'f':
            if (sk_format_parse(optarg, SK_STDGEN_FORMATS, &o.formats, &err) < 0) {
                fprintf(stderr, "stdgen: %s\n", err.msg);
                return 2;
            }
            formats_given = 1;
            break;
        case O_REF:
            if (o.reference_doc[1]) {
                fprintf(stderr, "stdgen: --reference-doc at most twice (one DOCX, one ODT)\n");
                return 2;
            }
            o.reference_doc[o.reference_doc[0] ? 1 : 0] = optarg;
            break;
        case O_SYSTEM:
            o.system_docs = 1;
            system_arg = optarg; /* --system=DIR */
            break;
        case O_SYSTEM_DIR:
            o.system_dir = optarg;
            break;
        case O_PAGES:
            pages = optarg;
            break;
        case O_SKIP_BLANK:
            o.skip_blank = 1;
            break;
        case O_AMENDMENT: {
            char *end = NULL;
            long n = optarg ? strtol(optarg, &end, 10) : -1;
            if (optarg && (!*optarg || *end || n < 1 || n > 999)) {
                fprintf(stderr, "stdgen: --amendment=N takes the amendment's number (1, 2 …), not '%s'\n", optarg);
                return 2;
            }
            o.amendment = (int)n;
            break;
        }
        case O_OLD:
            o.amendment_source = optarg;
            break;
        case O_WATCH:
            watch = 1;
            break;
        case O_EXPLANATION:
            o.papers |= SK_STDGEN_EXPLANATION;
            break;
        case O_COMMENT_TABLE:
            o.papers |= SK_STDGEN_COMMENT_TABLE;
            break;
        case O_LINE_NUMBERS:
            o.line_numbers = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("stdgen (stdkit) %s\n", SK_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    const char *const *paths = (const char *const *)argv + optind;
    size_t npaths = (size_t)(argc - optind);
    const char *here[] = { system_arg ? system_arg : o.system_dir ? o.system_dir : "." };
    if (o.amendment && o.system_docs) {
        fprintf(stderr, "stdgen: --amendment and --system: one or the other\n");
        return 2;
    }
    if (o.amendment_source && !o.amendment) {
        fprintf(stderr, "stdgen: --old goes with --amendment\n");
        return 2;
    }
    if (o.amendment && (o.formats & SK_FORMAT_CSV)) {
        fprintf(stderr, "stdgen: a 修改单 is written as docx, odt or pdf\n");
        return 2;
    }
    if (o.papers && o.system_docs) {
        fprintf(stderr, "stdgen: --explanation/--comment-table and --system: one or the other\n");
        return 2;
    }
    if (o.line_numbers && (o.papers || o.system_docs)) {
        fprintf(stderr, "stdgen: --line-numbers goes with the standards themselves (the circulated draft)\n");
        return 2;
    }
    if (o.papers && (o.formats & SK_FORMAT_CSV)) {
        fprintf(stderr, "stdgen: the 编制说明 and the 汇总处理表 are written as docx, odt or pdf\n");
        return 2;
    }
    if (o.papers && o.amendment) {
        fprintf(stderr, "stdgen: --amendment and --explanation/--comment-table: one or the other\n");
        return 2;
    }
    if (o.system_docs && system_arg && npaths) {
        fprintf(stderr, "stdgen: --system=DIR and a PATH: give the system's directory once\n");
        return 2;
    }
    if (o.system_docs && !npaths) { /* stdgen --system [DIR] */
        paths = here;
        npaths = 1;
    }
    if (!npaths) {
        fprintf(stderr, "stdgen: no input; give a standard's .md file or a directory (see --help)\n");
        return 2;
    }
    if (o.outdir && !*o.outdir) {
        fprintf(stderr, "stdgen: -o needs a directory name\n");
        return 2;
    }
    if (pages && *pages) {
        if (!strcmp(pages, "auto"))
            o.pages = SK_PAGES_AUTO;
        else if (!strcmp(pages, "office"))
            o.pages = SK_PAGES_OFFICE;
        else if (!strcmp(pages, "estimate"))
            o.pages = SK_PAGES_ESTIMATE;
        else {
            fprintf(stderr, "stdgen: --pages takes auto, office or estimate, not '%s'\n", pages);
            return 2;
        }
    }
    /* -o FILE.docx: one standard's file, as pandoc's -o */
    unsigned named = o.outdir ? sk_format_of_name(o.outdir, SK_FORMAT_DOCX | SK_FORMAT_ODT | SK_FORMAT_PDF) : 0;
    if (named) {
        if (formats_given && o.formats != named) {
            fprintf(stderr, "stdgen: -o %s names a .%s file, and --format asks for %s\n", o.outdir,
                    sk_format_ext(named), sk_format_names(o.formats));
            return 2;
        }
        if (o.system_docs || npaths != 1) {
            fprintf(stderr, "stdgen: -o %s names one file: give one standard (with several, -o names a directory)\n",
                    o.outdir);
            return 2;
        }
        o.formats = named;
        o.output_file = o.outdir;
        o.outdir = NULL;
    }
    sk_report_init(&r, "stdgen", quiet);
    o.report = sk_report_cb;
    o.progress = sk_report_progress_cb;
    o.ctx = &r;

    if (watch) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        watching W = { &o, &r, paths, npaths, quiet };
        if (sk_watch_run(paths, npaths, o.system_dir, 100, watch_round, &W, &stop, &err) < 0) {
            sk_report_progress_clear(&r);
            sk_report_message(stderr, "stdgen", SK_ERROR, &err);
            return 2;
        }
        return 0;
    }
    if (sk_stdgen_run(paths, npaths, &o, &res, &err) < 0) {
        sk_report_progress_clear(&r);
        sk_report_message(stderr, "stdgen", SK_ERROR, &err);
        return 2;
    }
    if (!quiet && o.system_docs)
        fprintf(stderr, "stdgen: the system documents of %zu standard%s written into %s (%zu file%s)\n", res.standards,
                res.standards == 1 ? "" : "s", o.outdir ? o.outdir : "out", res.written, res.written == 1 ? "" : "s");
    else if (!quiet && o.amendment)
        fprintf(stderr, "stdgen: the 修改单 of %zu of %zu standard%s written into %s\n", res.standards - res.failed,
                res.standards, res.standards == 1 ? "" : "s", o.outdir ? o.outdir : "out");
    else if (!quiet && o.papers)
        fprintf(stderr, "stdgen: the %s of %zu of %zu standard%s written into %s\n",
                o.papers == SK_STDGEN_EXPLANATION ? "编制说明" : o.papers == SK_STDGEN_COMMENT_TABLE ? "征求意见汇总处理表"
                                                                                                : "编制说明 and 汇总处理表",
                res.standards - res.failed, res.standards, res.standards == 1 ? "" : "s", o.outdir ? o.outdir : "out");
    else if (!quiet)
        fprintf(stderr, "stdgen: %zu of %zu standard%s rendered into %s\n", res.standards - res.failed,
                res.standards, res.standards == 1 ? "" : "s",
                o.output_file ? o.output_file : o.outdir ? o.outdir : "out");
    return res.failed ? 1 : 0;
}
