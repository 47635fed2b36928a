/* stdimport — brings existing standards in: DOCX, ODT and other tools' Markdown
 * written as stdkit source. Arguments, messages and exit codes only; the work is
 * in libstdkit (run/stdimport.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "diag/report.h"
#include "run/stdimport.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: stdimport [options] INPUT...\n"
               "Writes existing standards as stdkit source (front matter + Markdown) that stdcheck and\n"
               "stdgen read: Word documents (DOCX from Word, WPS, LibreOffice, pandoc), ODT, and Markdown\n"
               "made by other tools. Each INPUT becomes OUTDIR/STEM.md (named by the system's file_pattern\n"
               "when it has one), its images OUTDIR/figures/STEM-N.png.\n"
               "\n"
               "  -o, --output DIR|FILE.md  write into DIR (default: .), or, for one INPUT, into FILE.md\n"
               "                            (its images then figures/FILE-N.png beside it)\n"
               "      --system DIR          the system (system.yaml) the standards go into: category, group\n"
               "                            (default: the one in or above the output directory)\n"
               "      --check               print what is recognised (front matter, clauses, tables, figures,\n"
               "                            formulas, references) and write nothing\n"
               "      --force               replace outputs that exist\n"
               "  -q, --quiet               print errors only\n"
               "  -h, --help                this help\n"
               "  -V, --version             version\n"
               "\n"
               "What could not be mapped is kept as text and reported as a note naming its paragraph.\n"
               "Exit status: 0 imported, 1 imported but the number or title was not found (fill it in),\n"
               "2 usage or I/O error, or an input that is not a readable document (nothing written for it).\n"
               "See stdimport(1).\n");
}

static void print_outline(void *ctx, const char *path, const char *text)
{
    (void)ctx;
    printf("%s:\n%s", path, text);
}

int main(int argc, char **argv)
{
    enum { O_SYSTEM = 256, O_CHECK, O_FORCE };
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' }, { "system", required_argument, NULL, O_SYSTEM },
        { "check", no_argument, NULL, O_CHECK },    { "force", no_argument, NULL, O_FORCE },
        { "quiet", no_argument, NULL, 'q' },        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },      { NULL, 0, NULL, 0 }
    };
    sk_stdimport_opts o = { 0 };
    sk_stdimport_result res;
    sk_reporter r;
    int quiet = 0, c;
    sk_err err;
    sk_err_clear(&err);
    while ((c = getopt_long(argc, argv, "o:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (!*optarg) {
                fprintf(stderr, "stdimport: -o needs a directory or a FILE.md\n");
                return 2;
            }
            o.output = optarg;
            break;
        case O_SYSTEM:
            o.system_dir = optarg;
            break;
        case O_CHECK:
            o.check = 1;
            break;
        case O_FORCE:
            o.force = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("stdimport (stdkit) %s\n", SK_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "stdimport: no input; give a DOCX, ODT or Markdown file (see --help)\n");
        return 2;
    }
    sk_report_init(&r, "stdimport", quiet);
    o.report = sk_report_cb;
    o.progress = sk_report_progress_cb;
    o.outline = print_outline;
    o.ctx = &r;
    if (sk_stdimport_run((const char *const *)argv + optind, (size_t)(argc - optind), &o, &res, &err) < 0) {
        sk_report_progress_clear(&r);
        sk_report_message(stderr, "stdimport", SK_ERROR, &err);
        return 2;
    }
    if (!quiet && !o.check)
        fprintf(stderr, "stdimport: %zu of %zu input%s imported into %s (%zu file%s written)\n", res.imported,
                res.inputs, res.inputs == 1 ? "" : "s", o.output ? o.output : ".", res.written,
                res.written == 1 ? "" : "s");
    if (res.failed)
        return 2;
    return res.incomplete ? 1 : 0;
}
