/* stdlsp — the language server: stdcheck's checks, go to definition, references,
 * hover, rename, completion and more in any LSP client, over stdin and stdout.
 * Arguments and exit codes only; the server lives in libstdkit (run/stdlsp.h). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag/report.h"
#include "run/stdlsp.h"

static void usage(FILE *f)
{
    fputs("usage: stdlsp [options]\n"
          "A Language Server Protocol server for standards (Markdown + front matter), over stdin and\n"
          "stdout: an editor starts it and talks JSON-RPC with it.\n"
          "\n"
          "      --debounce MS      check a changed text MS milliseconds after the last change (default 100)\n"
          "      --no-system        check files alone, without their system.yaml\n"
          "      --log FILE         write a trace of the messages and checks to FILE\n"
          "      --stdio            talk over stdin and stdout (the default, accepted for clients that pass it)\n"
          "  -h, --help             this help\n"
          "  -V, --version          version\n"
          "\n"
          "Exit status: 0 after the client's shutdown and exit, 1 when it exits without shutdown\n"
          "or goes away, 2 for a usage or I/O error.\n"
          "Editors: see editors/ and the README (VS Code, Neovim, any LSP client).\n",
          f);
}

static void log_line(void *ctx, const char *line)
{
    FILE *f = ctx;
    fprintf(f, "%s\n", line);
    fflush(f);
}

int main(int argc, char **argv)
{
    enum { O_DEBOUNCE = 256, O_NOSYS, O_LOG, O_STDIO };
    static const struct option opts[] = {
        { "debounce", required_argument, NULL, O_DEBOUNCE }, { "no-system", no_argument, NULL, O_NOSYS },
        { "log", required_argument, NULL, O_LOG },           { "stdio", no_argument, NULL, O_STDIO },
        { "help", no_argument, NULL, 'h' },                  { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 }
    };
    sk_stdlsp_opts o = { .in = STDIN_FILENO, .out = STDOUT_FILENO, .debounce_ms = -1 };
    const char *log_path = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "hV", opts, NULL)) != -1) {
        switch (c) {
        case O_DEBOUNCE: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 10000) {
                fprintf(stderr, "stdlsp: --debounce takes milliseconds from 0 to 10000, not '%s'\n", optarg);
                return 2;
            }
            o.debounce_ms = (int)v;
            break;
        }
        case O_NOSYS:
            o.no_system = 1;
            break;
        case O_LOG:
            log_path = optarg;
            break;
        case O_STDIO:
            break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("stdlsp (stdkit) %s\n", STDKIT_VERSION);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "stdlsp: takes no file arguments (the editor sends the files); see --help\n");
        return 2;
    }
    FILE *log = NULL;
    if (log_path) {
        if (!(log = fopen(log_path, "a"))) {
            perror(log_path);
            return 2;
        }
        o.log = log_line;
        o.log_ctx = log;
    }
    signal(SIGPIPE, SIG_IGN); /* a client that goes away is a write error, not a signal */
    int status = 1;
    sk_err err;
    sk_err_clear(&err);
    int rc = sk_stdlsp_run(&o, &status, &err);
    if (log)
        fclose(log);
    if (rc < 0) {
        sk_report_message(stderr, "stdlsp", SK_ERROR, &err);
        return 2;
    }
    return status;
}
