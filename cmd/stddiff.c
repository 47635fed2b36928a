/* stddiff — compares two editions of a standard clause by clause. Arguments,
 * messages and exit codes only; the work is in libstdkit (run/stddiff.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/common.h"
#include "diag/report.h"
#include "run/stddiff.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: stddiff [options] OLD NEW\n"
               "       stddiff [options] --git REV NEW\n"
               "Compares two editions of a standard (Markdown + front matter) clause by clause: clauses are\n"
               "matched by anchor, title and content, so renumbering and moves are seen as such; each change\n"
               "is added, deleted, changed, moved or renumbered, and technical or editorial (GB/T 1.1—2020 8.3).\n"
               "\n"
               "  -f, --format FORMAT   text (default), json, foreword (the 前言's list of technical\n"
               "                        changes, as Markdown), docx or odt (the new edition with the\n"
               "                        changes as tracked changes; needs -o)\n"
               "  -o, --output FILE     write into FILE (default: standard output)\n"
               "      --git REV         compare NEW with NEW as it is at git revision REV\n"
               "      --author NAME     author of the tracked changes (default: stddiff)\n"
               "      --color WHEN      colour the text: auto (default), always, never\n"
               "      --exit-code       exit 1 when the editions differ\n"
               "  -q, --quiet           print errors only\n"
               "  -h, --help            this help\n"
               "  -V, --version         version\n"
               "\n"
               "An author overrides a classification with <!-- stddiff technical --> or\n"
               "<!-- stddiff editorial --> in a clause of NEW (stdkit-format(5)).\n"
               "Exit status: 0 done (with --exit-code: no difference), 1 the editions differ (--exit-code),\n"
               "2 usage or I/O error. See stddiff(1).\n");
}

int main(int argc, char **argv)
{
    enum { O_GIT = 256, O_AUTHOR, O_COLOR, O_EXIT };
    static const struct option opts[] = {
        { "format", required_argument, NULL, 'f' }, { "output", required_argument, NULL, 'o' },
        { "git", required_argument, NULL, O_GIT },  { "author", required_argument, NULL, O_AUTHOR },
        { "color", required_argument, NULL, O_COLOR }, { "colour", required_argument, NULL, O_COLOR },
        { "exit-code", no_argument, NULL, O_EXIT }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },         { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    sk_stddiff_opts o = { 0 };
    const char *git = NULL, *color = "auto";
    int quiet = 0, exit_code = 0, c;
    sk_reporter r;
    sk_err err;

    sk_err_clear(&err);
    while ((c = getopt_long(argc, argv, "f:o:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "text"))
                o.format = SK_STDDIFF_TEXT;
            else if (!strcmp(optarg, "json"))
                o.format = SK_STDDIFF_JSON;
            else if (!strcmp(optarg, "foreword"))
                o.format = SK_STDDIFF_FOREWORD;
            else if (!strcmp(optarg, "docx"))
                o.format = SK_STDDIFF_DOCX;
            else if (!strcmp(optarg, "odt"))
                o.format = SK_STDDIFF_ODT;
            else {
                fprintf(stderr, "stddiff: unknown format '%s' (text, json, foreword, docx, odt)\n", optarg);
                return 2;
            }
            break;
        case 'o':
            o.output = optarg;
            break;
        case O_GIT:
            git = optarg;
            break;
        case O_AUTHOR:
            o.author = optarg;
            break;
        case O_COLOR:
            color = optarg;
            break;
        case O_EXIT:
            exit_code = 1;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("stddiff (stdkit) %s\n", SK_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    int nargs = argc - optind;
    if (git ? nargs != 1 : nargs != 2) {
        fprintf(stderr, git ? "stddiff: --git REV takes one file, NEW (see --help)\n"
                            : "stddiff: give two editions, OLD and NEW (see --help)\n");
        return 2;
    }
    if (o.output && !*o.output) {
        fprintf(stderr, "stddiff: -o needs a file name\n");
        return 2;
    }
    int tty = isatty(1);
    int col = sk_report_color(color, tty);
    if (col < 0) {
        fprintf(stderr, "stddiff: --color takes auto, always or never, not '%s'\n", color);
        return 2;
    }
    o.color = col && !o.output;
    o.git_rev = git;
    o.old_path = git ? NULL : argv[optind];
    o.new_path = argv[optind + (git ? 0 : 1)];
    sk_report_init(&r, "stddiff", quiet);
    o.report = sk_report_cb;
    o.ctx = &r;

    sk_stddiff_result res;
    if (sk_stddiff_run(&o, &res, &err) < 0) {
        sk_report_message(stderr, "stddiff", SK_ERROR, &err);
        return 2;
    }
    if (res.out.len)
        fwrite(res.out.data, 1, res.out.len, stdout);
    if (!quiet && (o.format == SK_STDDIFF_TEXT || o.output))
        fprintf(stderr, "stddiff: %zu change%s, %zu technical%s\n", res.changes, res.changes == 1 ? "" : "s",
                res.technical, res.implied ? " (and renumberings that follow their parents')" : "");
    sk_buf_free(&res.out);
    return exit_code && (res.changes || res.implied) ? 1 : 0;
}
