/* stdform — the forms that standards define in their annexes, printed blank or
 * filled in batch from CSV, XLSX, XLS, JSON or YAML. Arguments, messages and exit codes
 * only; the work is in libstdkit (form.c, data.c and the writers). */
#include <errno.h>
#include <getopt.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "diag/report.h"
#include "input/records.h"
#include "model/form.h"
#include "run/formset.h"
#include "run/stdform.h"
#include "base/common.h"
#include "write/format.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: stdform [--system DIR] list [PATH] [--fields FORM]\n"
            "       stdform [--system DIR] blank FORM [-o DIR] [--format LIST] [--copies N]\n"
            "       stdform [--system DIR] fill FORM --data FILE [options]\n"
            "       stdform [--system DIR] template FORM [-o FILE.xlsx|FILE.csv] [--rows NAME]\n"
            "Prints the forms that standards define in their annexes (an annex whose heading\n"
            "carries form=ID), blank or filled from data, one file per record or one merged file.\n"
            "FORM is a form ID, or STANDARD#ID when several standards use the ID (STANDARD: the\n"
            "number, or the file name without .md).\n"
            "\n"
            "  list [PATH]               every form: ID, standard, annex, field count, title\n"
            "      --fields FORM         the fields of FORM with the line each is first used on\n"
            "  blank FORM                the form with every field blank: OUTDIR/FORM-blank.EXT\n"
            "      --copies N            N copies, each on its own page (default 1)\n"
            "  fill FORM --data FILE     the form filled from FILE (.csv .xlsx .xls .json .yaml .yml)\n"
            "      --rows NAME           the whole table is the list NAME of one record (summary forms)\n"
            "      --sheet NAME          XLSX, XLS: the sheet (default: the first)\n"
            "      --encoding ENC        CSV: UTF-8, GB18030 or GBK (default: detected)\n"
            "      --each PATTERN        one file per record named by PATTERN, e.g. '{{name}}-{{unit}}'\n"
            "                            ({{_n}}: the record's number; default '{{_form}}-{{_n}}')\n"
            "      --merge               one file, OUTDIR/FORM.EXT, every record on its own page(s)\n"
            "      --shard K/N           only records K, K+N, K+2N … (split a batch over machines)\n"
            "      --set NAME=VALUE      the field NAME is VALUE in every record (repeatable)\n"
            "      --map COLUMN=FIELD    the data's column COLUMN is the field FIELD (repeatable;\n"
            "                            columns named by a field's label, e.g. 姓名, match by themselves)\n"
            "      --keep-going          write the good records when some are bad (exit status 1)\n"
            "  template FORM             the data template of FORM: a header row of its fields' labels\n"
            "                            and names (XLSX: a drop-down of options for choices; default\n"
            "                            FORM-template.xlsx); with --rows NAME, the rows of the list NAME\n"
            "  -o, --output DIR          write into DIR (default: out)\n"
            "  -f, --format LIST         comma-separated formats (default: docx; known: %s)\n"
            "      --system DIR          the system's directory (default: where system.yaml is, in\n"
            "                            the current directory or above, else standards/)\n"
            "  -q, --quiet               print errors only\n"
            "  -h, --help                this help\n"
            "  -V, --version             version\n"
            "\n"
            "Exit status: 0 done, 1 bad data (nothing written unless --keep-going) or a form that\n"
            "cannot be printed, 2 usage or I/O error, or an unknown form. Output is reproducible and\n"
            "written atomically. See stdform(1).\n",
            sk_format_names(SK_STDFORM_FORMATS));
}

static int parse_count(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || *s == '-' || v < 1 || v > 100000)
        return -1;
    *out = (size_t)v;
    return 0;
}

int main(int argc, char **argv)
{
    enum {
        O_SYSTEM = 256, O_FIELDS, O_COPIES, O_DATA, O_ROWS, O_SHEET, O_ENCODING, O_EACH, O_MERGE, O_SHARD, O_SET,
        O_KEEP_GOING, O_MAP, O_LAST
    };
    static const struct option opts[] = {
        { "output", required_argument, NULL, 'o' },     { "format", required_argument, NULL, 'f' },
        { "system", required_argument, NULL, O_SYSTEM }, { "fields", required_argument, NULL, O_FIELDS },
        { "copies", required_argument, NULL, O_COPIES }, { "data", required_argument, NULL, O_DATA },
        { "rows", required_argument, NULL, O_ROWS },     { "sheet", required_argument, NULL, O_SHEET },
        { "encoding", required_argument, NULL, O_ENCODING }, { "each", required_argument, NULL, O_EACH },
        { "merge", no_argument, NULL, O_MERGE },         { "shard", required_argument, NULL, O_SHARD },
        { "set", required_argument, NULL, O_SET },       { "keep-going", no_argument, NULL, O_KEEP_GOING },
        { "map", required_argument, NULL, O_MAP },
        { "quiet", no_argument, NULL, 'q' },             { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },           { NULL, 0, NULL, 0 }
    };
    /* which subcommand takes which option: l(ist) b(lank) f(ill) t(emplate) */
    static const struct { int opt; const char *cmds; } only[] = {
        { O_FIELDS, "l" }, { O_COPIES, "b" }, { O_DATA, "f" }, { O_ROWS, "ft" }, { O_SHEET, "f" }, { O_ENCODING, "f" },
        { O_EACH, "f" },   { O_MERGE, "f" },  { O_SHARD, "f" }, { O_SET, "f" }, { O_KEEP_GOING, "f" }, { O_MAP, "f" },
        { 'o', "bft" },    { 'f', "bf" },
    };
    sk_stdform_opts o = { 0 };
    sk_records_opts dopt = { 0 };
    const char *system_dir = NULL, *fields_of = NULL, *data = NULL;
    sk_vec sets = { 0 }, maps = { 0 };
    int seen[O_LAST] = { 0 };
    sk_reporter r;
    int quiet = 0;
    sk_err err;
    int c, rc = 2;

    sk_err_clear(&err);
    /* no local time is ever shown; a fixed zone spares the ZIP writer's DOS-time conversions a
     * look at /etc/localtime for every file of a batch */
    setenv("TZ", "UTC0", 1);
#ifdef __GLIBC__
    /* a file per record allocates and frees the same buffers thousands of times:
     * keep the heap rather than hand it back to the kernel each time */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 8 << 20);
#endif
    while ((c = getopt_long(argc, argv, "o:f:qhV", opts, NULL)) != -1) {
        if (c >= 0 && c < O_LAST)
            seen[c] = 1;
        switch (c) {
        case 'o':
            o.outdir = optarg;
            break;
        case 'f':
            if (sk_format_parse(optarg, SK_STDFORM_FORMATS, &o.formats, &err) < 0) {
                fprintf(stderr, "stdform: %s\n", err.msg);
                goto out;
            }
            break;
        case O_SYSTEM: system_dir = optarg; break;
        case O_FIELDS: fields_of = optarg; break;
        case O_COPIES:
            if (parse_count(optarg, &o.copies) < 0) {
                fprintf(stderr, "stdform: --copies '%s': want a number from 1 to 100000\n", optarg);
                goto out;
            }
            break;
        case O_DATA: data = optarg; break;
        case O_ROWS: dopt.rows_list = optarg; break;
        case O_SHEET: dopt.sheet = optarg; break;
        case O_ENCODING: dopt.encoding = optarg; break;
        case O_EACH: o.each = optarg; break;
        case O_MERGE: o.merge = 1; break;
        case O_SHARD:
            if (sk_stdform_shard_parse(optarg, &o.shard_k, &o.shard_n, &err) < 0) {
                fprintf(stderr, "stdform: %s\n", err.msg);
                goto out;
            }
            break;
        case O_SET: {
            const char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg) {
                fprintf(stderr, "stdform: --set '%s': want NAME=VALUE\n", optarg);
                goto out;
            }
            sk_vec_push(&sets, optarg);
            break;
        }
        case O_KEEP_GOING: o.keep_going = 1; break;
        case O_MAP: {
            const char *eq = strrchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1]) {
                fprintf(stderr, "stdform: --map '%s': want COLUMN=FIELD\n", optarg);
                goto out;
            }
            sk_vec_push(&maps, optarg);
            break;
        }
        case 'q': quiet = 1; break;
        case 'h':
            usage(stdout);
            rc = 0;
            goto out;
        case 'V':
            printf("stdform (stdkit) %s\n", SK_VERSION);
            rc = 0;
            goto out;
        default:
            usage(stderr);
            goto out;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "stdform: no command; give list, blank FORM, fill FORM or template FORM (see --help)\n");
        goto out;
    }
    const char *cmd = argv[optind++];
    char k = !strcmp(cmd, "list") ? 'l' : !strcmp(cmd, "blank") ? 'b' : !strcmp(cmd, "fill") ? 'f'
             : !strcmp(cmd, "template") ? 't' : 0;
    if (!k) {
        fprintf(stderr, "stdform: unknown command '%s'; give list, blank FORM, fill FORM or template FORM (see --help)\n",
                cmd);
        goto out;
    }
    for (size_t i = 0; i < sizeof only / sizeof only[0]; i++)
        if (seen[only[i].opt] && !strchr(only[i].cmds, k)) {
            const char *name = "";
            for (size_t j = 0; opts[j].name; j++)
                if (opts[j].val == only[i].opt)
                    name = opts[j].name;
            fprintf(stderr, "stdform: --%s does not go with %s (see --help)\n", name, cmd);
            goto out;
        }
    const char *path = system_dir;
    const char *spec = NULL;
    if (k == 'l') {
        if (optind < argc)
            path = argv[optind++];
    } else if (optind < argc) {
        spec = argv[optind++];
    } else {
        fprintf(stderr, "stdform: %s needs a FORM (stdform list shows them)\n", cmd);
        goto out;
    }
    if (optind < argc) {
        fprintf(stderr, "stdform: unexpected argument '%s' (see --help)\n", argv[optind]);
        goto out;
    }
    if (k == 'f' && !data) {
        fprintf(stderr, "stdform: fill needs --data FILE (CSV, XLSX, XLS, JSON or YAML)\n");
        goto out;
    }
    if (o.merge && o.each) {
        fprintf(stderr, "stdform: --each and --merge do not go together\n");
        goto out;
    }
    if (o.outdir && !*o.outdir) {
        fprintf(stderr, "stdform: -o needs a directory name\n");
        goto out;
    }
    sk_report_init(&r, "stdform", quiet);
    o.report = sk_report_cb;
    o.progress = sk_report_progress_cb;
    o.ctx = &r;
    o.sets = (const char *const *)sets.items;
    o.nsets = sets.len;
    o.maps = (const char *const *)maps.items;
    o.nmaps = maps.len;

    sk_formset *fs = NULL;
    const char *want = k == 'l' ? fields_of : spec; /* only the standards that declare it are parsed */
    if (want && strrchr(want, '#'))
        want = strrchr(want, '#') + 1;
    if (sk_formset_load(&fs, path, want, &err) < 0) {
        sk_report_message(stderr, "stdform", SK_ERROR, &err);
        goto out;
    }
    if (k == 'l') {
        if (!fs->where && !quiet)
            fprintf(stderr, "stdform: warning: no system.yaml here or above, nor standards/: only stdkit's own "
                            "forms (give --system DIR)\n");
        rc = sk_stdform_list(stdout, fs, fields_of, &err) < 0 ? 2 : 0;
        if (rc)
            sk_report_message(stderr, "stdform", SK_ERROR, &err);
        sk_formset_free(fs);
        goto out;
    }
    const sk_form *f = sk_formset_find(fs, spec, &err);
    if (!f) {
        sk_report_message(stderr, "stdform", SK_ERROR, &err);
        sk_formset_free(fs);
        goto out;
    }
    sk_stdform_result res = { 0 };
    const char *outdir = o.outdir ? o.outdir : "out";
    if (k == 't') {
        char *def = sk_asprintf("%s-template.xlsx", f->id);
        const char *file = o.outdir ? o.outdir : def;
        if (sk_stdform_template(f, dopt.rows_list, file, &o, &err) < 0) {
            sk_report_message(stderr, "stdform", SK_ERROR, &err);
        } else {
            rc = 0;
            if (!quiet)
                fprintf(stderr, "stdform: data template of %s written to %s\n", f->id, file);
        }
        free(def);
        sk_formset_free(fs);
        goto out;
    }
    if (k == 'b') {
        if (sk_stdform_blank(f, &o, &res, &err) < 0) {
            sk_report_progress_clear(&r);
            sk_report_message(stderr, "stdform", SK_ERROR, &err);
        } else {
            rc = res.errors ? 1 : 0;
            if (!quiet && res.written)
                fprintf(stderr, "stdform: blank %s written into %s\n", f->id, outdir);
        }
        sk_formset_free(fs);
        goto out;
    }
    if (access(data, R_OK) < 0) {
        fprintf(stderr, "%s: error: cannot read: %s\n", data, strerror(errno));
        sk_formset_free(fs);
        goto out;
    }
    sk_dataset *ds = NULL;
    if (sk_records_open(&ds, data, &dopt, &err) < 0) {
        /* the message starts with the place: file:line:col when it is a line and a
         * column, as the message says them (CSV, JSON, YAML), else the message's words */
        char pre[64];
        snprintf(pre, sizeof pre, "line %d, column %d: ", err.line, err.col);
        size_t np = strlen(pre);
        if (err.line > 0 && err.col > 0 && !strncmp(err.msg, pre, np))
            memmove(err.msg, err.msg + np, strlen(err.msg + np) + 1);
        else
            err.line = err.col = 0;
        sk_report_message(stderr, "stdform", SK_ERROR, &err);
        rc = 1; /* the data is bad */
        sk_formset_free(fs);
        goto out;
    }
    o.inputs = (const char *const *)&data;
    o.ninputs = 1;
    if (sk_stdform_match(f, ds, &o, &res, &err) < 0) {
        fprintf(stderr, "stdform: %s\n", err.msg);
    } else if (sk_stdform_fill(f, ds, &o, &res, &err) < 0) {
        sk_report_progress_clear(&r);
        sk_report_message(stderr, "stdform", SK_ERROR, &err);
    } else {
        sk_report_progress_clear(&r);
        rc = res.errors || res.bad ? 1 : 0;
        if (!quiet && res.written)
            fprintf(stderr, "stdform: %zu of %zu record%s of %s written into %s (%zu file%s)\n",
                    res.records - res.bad, res.records, res.records == 1 ? "" : "s", f->id, outdir, res.written,
                    res.written == 1 ? "" : "s");
    }
    sk_records_free(ds);
    sk_formset_free(fs);
out:
    sk_vec_free(&sets);
    sk_vec_free(&maps);
    return rc;
}
