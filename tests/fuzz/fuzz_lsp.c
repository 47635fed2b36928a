/* libFuzzer target: bytes a client sends to the language server. The input is the
 * whole stream stdlsp reads on its stdin (Content-Length frames of JSON-RPC, or
 * anything else); the server must answer, and end at the end of the input, without
 * a crash, a leak or a hang. Its answers go to /dev/null. */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <unistd.h>

#include "run/stdlsp.h"
#include "tmpfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_scratch(".lsp", data, size);
    int in = open(path, O_RDONLY), out = open("/dev/null", O_WRONLY);
    if (in < 0 || out < 0)
        abort();
    sk_stdlsp_opts o = { .in = in, .out = out, .debounce_ms = 0, .no_system = 1 };
    int status;
    sk_err err;
    sk_stdlsp_run(&o, &status, &err);
    close(in);
    close(out);
    return 0;
}
