/* stdcomment — reviewers' comments on a draft brought into the standard's
 * consultation record, each tied to its clause. Arguments, messages and exit
 * codes only; the work is in libstdkit (run/stdcomment.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "diag/report.h"
#include "run/stdcomment.h"

static void usage(FILE *f)
{
    fputs("usage: stdcomment import STANDARD FILE... [options]\n"
          "       stdcomment list STANDARD\n"
          "Brings reviewers' comments on a draft into the standard's consultation record,\n"
          "STEM.comments.yaml beside STEM.md, each tied to its clause by a path of titles that\n"
          "survives renumbering; stdgen prints the record as the 征求意见汇总处理表 and in the 编制说明.\n"
          "\n"
          "  import STANDARD FILE...   add the comments of each FILE to the record (made when missing):\n"
          "                            .docx  the review comments Word or WPS left in a DOCX stdgen wrote\n"
          "                            .csv .xlsx  a comment form (章条编号, 意见内容, 修改建议, 提出单位 …)\n"
          "                            .yaml  comments written by hand, in the record's own shape\n"
          "                            a comment already imported from the same place is not added again\n"
          "      --unit NAME           the 提出单位 of the comments (default: the form's column or its\n"
          "                            单位名称 line; in a DOCX the comment's author)\n"
          "      --draft FILE          the text the comments were made on, when the standard has changed\n"
          "                            since (default: the standard as it is)\n"
          "      --sheet NAME          XLSX: the sheet (default: the first)\n"
          "      --encoding ENC        CSV: UTF-8, GB18030 or GBK (default: detected)\n"
          "  -n, --dry-run             print the entries that would be added, change nothing\n"
          "  list STANDARD             the comments in the order of the text, with today's 章条编号 and\n"
          "                            their handling, then the counts\n"
          "  -q, --quiet               print errors only\n"
          "  -h, --help                this help\n"
          "  -V, --version             version\n"
          "\n"
          "Exit status: 0 done, 1 comments imported without their clause, 2 usage or I/O error, or a\n"
          "file or record that cannot be read (nothing written). See stdcomment(1).\n",
          f);
}

int main(int argc, char **argv)
{
    enum { O_UNIT = 256, O_DRAFT, O_SHEET, O_ENCODING };
    static const struct option opts[] = {
        { "unit", required_argument, NULL, O_UNIT },         { "draft", required_argument, NULL, O_DRAFT },
        { "sheet", required_argument, NULL, O_SHEET },       { "encoding", required_argument, NULL, O_ENCODING },
        { "dry-run", no_argument, NULL, 'n' },               { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },                  { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    sk_stdcomment_opts o = { .out = stdout };
    sk_reporter r;
    int quiet = 0, c;
    sk_err err;
    sk_err_clear(&err);
    while ((c = getopt_long(argc, argv, "nqhV", opts, NULL)) != -1) {
        switch (c) {
        case O_UNIT:
            if (!*optarg) {
                fprintf(stderr, "stdcomment: --unit needs the unit's name\n");
                return 2;
            }
            o.unit = optarg;
            break;
        case O_DRAFT: o.draft = optarg; break;
        case O_SHEET: o.sheet = optarg; break;
        case O_ENCODING: o.encoding = optarg; break;
        case 'n': o.dry_run = 1; break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("stdcomment (stdkit) %s\n", SK_VERSION); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "stdcomment: no command; give import STANDARD FILE... or list STANDARD (see --help)\n");
        return 2;
    }
    const char *cmd = argv[optind++];
    if (strcmp(cmd, "import") && strcmp(cmd, "list")) {
        fprintf(stderr, "stdcomment: unknown command '%s'; give import or list (see --help)\n", cmd);
        return 2;
    }
    if (optind >= argc) {
        fprintf(stderr, "stdcomment: %s needs the standard's .md file\n", cmd);
        return 2;
    }
    const char *standard = argv[optind++];
    sk_report_init(&r, "stdcomment", quiet);
    if (!strcmp(cmd, "list")) {
        if (optind < argc || o.unit || o.draft || o.sheet || o.encoding || o.dry_run) {
            fprintf(stderr, "stdcomment: list takes the standard only\n");
            return 2;
        }
        if (sk_stdcomment_list(stdout, standard, &err) < 0) {
            sk_report_message(stderr, "stdcomment", SK_ERROR, &err);
            return 2;
        }
        return 0;
    }
    if (optind >= argc) {
        fprintf(stderr, "stdcomment: import needs the files with the comments (.docx, .csv, .xlsx, .yaml)\n");
        return 2;
    }
    o.report = sk_report_cb;
    o.ctx = &r;
    sk_stdcomment_result res;
    if (sk_stdcomment_import(standard, (const char *const *)argv + optind, (size_t)(argc - optind), &o, &res,
                             &err) < 0) {
        sk_report_message(stderr, "stdcomment", SK_ERROR, &err);
        return 2;
    }
    if (!quiet) {
        fprintf(stderr, "stdcomment: %zu comment%s %s %s", res.added, res.added == 1 ? "" : "s",
                o.dry_run ? "would be added to" : "added to", res.record);
        if (res.known)
            fprintf(stderr, " (%zu already there)", res.known);
        if (res.replies)
            fprintf(stderr, "; %zu repl%s to comments left out", res.replies, res.replies == 1 ? "y" : "ies");
        fputc('\n', stderr);
    }
    return res.unplaced ? 1 : 0;
}
