/* stdnew — a new standard (or a new system.yaml) in one command, as a clean skeleton.
 * Arguments and exit codes only; the skeleton is written by libstdkit (run/stdnew.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag/report.h"
#include "run/stdnew.h"

static void usage(FILE *f)
{
    fputs("usage: stdnew [options] TITLE\n"
          "       stdnew --system NAME [--code CODE] [--category CODE=名称]...\n"
          "Writes the skeleton of a new standard that passes stdcheck: front matter with the system's\n"
          "next free number and a file name its pattern accepts, 1 范围, 2 规范性引用文件 and\n"
          "3 术语和定义 with their fixed sentences, one core chapter and an informative annex.\n"
          "\n"
          "  -t, --type TYPE        system (a standard of the system.yaml found above DIR: the default\n"
          "                         when there is one), GB, GB/T (the default otherwise), DB, T or Q\n"
          "  -c, --category C       the category (of the system; needed when it has several)\n"
          "      --number NUM       this number instead of the next free one (or the placeholder)\n"
          "      --year YEAR        the year of the number (default: this year, or SOURCE_DATE_EPOCH's)\n"
          "  -o, --output FILE      the file to write (default: the system's file pattern, TS-13.md)\n"
          "  -C, --dir DIR          write in DIR and look for system.yaml from there (default: .)\n"
          "      --system NAME      write DIR/system.yaml for a new system named NAME instead; then\n"
          "                         --category CODE=名称 (repeatable) gives its categories\n"
          "      --code CODE        with --system: the code its numbers start with (default STD)\n"
          "      --issuer NAME      with --system: the issuer of its standards\n"
          "  -h, --help             this help\n"
          "  -V, --version          version\n"
          "\n"
          "Prints the file written. Never overwrites a file.\n"
          "Exit status: 0 written, 2 usage error, a problem with the system, or an I/O error.\n",
          f);
}

int main(int argc, char **argv)
{
    enum { O_NUMBER = 256, O_YEAR, O_SYSTEM, O_CODE, O_ISSUER };
    static const struct option opts[] = {
        { "type", required_argument, NULL, 't' },     { "category", required_argument, NULL, 'c' },
        { "number", required_argument, NULL, O_NUMBER }, { "year", required_argument, NULL, O_YEAR },
        { "output", required_argument, NULL, 'o' },   { "dir", required_argument, NULL, 'C' },
        { "system", required_argument, NULL, O_SYSTEM }, { "code", required_argument, NULL, O_CODE },
        { "issuer", required_argument, NULL, O_ISSUER }, { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },         { NULL, 0, NULL, 0 }
    };
    sk_stdnew_opts o = { .type = -1 };
    sk_stdnew_system_opts so = { 0 };
    const char *system = NULL;
    const char **cats = calloc((size_t)argc, sizeof *cats);
    size_t ncats = 0;
    int c;
    while ((c = getopt_long(argc, argv, "t:c:o:C:hV", opts, NULL)) != -1) {
        switch (c) {
        case 't':
            if ((o.type = sk_stdnew_type_parse(optarg)) < 0) {
                fprintf(stderr, "stdnew: --type takes system, GB, GB/T, DB, T or Q, not '%s'\n", optarg);
                free(cats);
                return 2;
            }
            break;
        case 'c':
            o.category = optarg;
            cats[ncats++] = optarg;
            break;
        case O_NUMBER:
            o.number = optarg;
            break;
        case O_YEAR: {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || y < 1900 || y > 9999) {
                fprintf(stderr, "stdnew: --year takes a year such as 2025, not '%s'\n", optarg);
                free(cats);
                return 2;
            }
            o.year = (int)y;
            break;
        }
        case 'o':
            o.output = optarg;
            break;
        case 'C':
            o.dir = so.dir = optarg;
            break;
        case O_SYSTEM:
            system = optarg;
            break;
        case O_CODE:
            so.code = optarg;
            break;
        case O_ISSUER:
            so.issuer = optarg;
            break;
        case 'h':
            usage(stdout);
            free(cats);
            return 0;
        case 'V':
            printf("stdnew (stdkit) %s\n", STDKIT_VERSION);
            free(cats);
            return 0;
        default:
            usage(stderr);
            free(cats);
            return 2;
        }
    }
    sk_err err;
    sk_err_clear(&err);
    char *path = NULL;
    int rc;
    if (system) {
        if (optind < argc) {
            fprintf(stderr, "stdnew: --system NAME writes system.yaml and takes no TITLE\n");
            free(cats);
            return 2;
        }
        so.name = system;
        so.categories = cats;
        so.ncategories = ncats;
        rc = sk_stdnew_system(&path, &so, &err);
    } else {
        if (optind + 1 != argc) {
            fprintf(stderr, "stdnew: give the title of the new standard (one argument; see --help)\n");
            free(cats);
            return 2;
        }
        if (so.code || so.issuer) {
            fprintf(stderr, "stdnew: --code and --issuer go with --system\n");
            free(cats);
            return 2;
        }
        o.title = argv[optind];
        rc = sk_stdnew_standard(&path, &o, &err);
    }
    free(cats);
    if (rc < 0) {
        sk_report_message(stderr, "stdnew", SK_ERROR, &err);
        return 2;
    }
    printf("%s\n", path);
    free(path);
    return 0;
}
