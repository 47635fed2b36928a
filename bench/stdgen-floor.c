/* stdgen-floor — the whole-process floor of `stdgen -f docx` on one standard:
 * what any tool writing that DOCX from that Markdown cannot avoid.
 *   stdgen-floor STANDARD.md PARTS.bin OUT
 * reads the Markdown, parses it with cmark-gfm and the extensions stdgen attaches
 * (table, strikethrough), reads PARTS.bin — the uncompressed parts of the DOCX stdgen
 * wrote, each as "<length>\n<bytes>" (bench/stdgen-floor makes it) — deflates every
 * part as stdgen does (raw deflate, level 6, memory level 8, parts under 2 KB
 * stored), takes the
 * CRC-32 of each (a ZIP entry must carry it) and writes the compressed bytes to OUT. No model, no layout, no XML writer, no ZIP directory:
 * stdgen's time over this program's is what its own work costs. Linked with
 * cmark-gfm and zlib only. Built and run by bench/stdgen-floor. */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define LEVEL 6
#define STORE_BELOW 2048

static char *slurp(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        perror(path);
        exit(2);
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n <= 0) {
            perror(path);
            exit(2);
        }
        got += (size_t)n;
    }
    close(fd);
    *len = got;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: stdgen-floor STANDARD.md PARTS.bin OUT\n");
        return 2;
    }
    size_t mdlen, plen;
    char *md = slurp(argv[1], &mdlen);
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("table"));
    cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension("strikethrough"));
    cmark_parser_feed(p, md, mdlen);
    cmark_node *doc = cmark_parser_finish(p);
    if (!doc)
        return 2;

    char *parts = slurp(argv[2], &plen);
    int out = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0) {
        perror(argv[3]);
        return 2;
    }
    size_t cap = 1 << 16;
    unsigned char *z = malloc(cap);
    uLong crc = 0;
    for (size_t at = 0; at < plen;) {
        char *nl = memchr(parts + at, '\n', plen - at);
        if (!nl)
            return 2;
        size_t n = strtoul(parts + at, NULL, 10);
        const unsigned char *data = (const unsigned char *)nl + 1;
        at = (size_t)(nl + 1 - parts) + n;
        crc ^= crc32(0, data, (uInt)n);
        if (n < STORE_BELOW) {
            if (write(out, data, n) != (ssize_t)n)
                return 2;
            continue;
        }
        z_stream s;
        memset(&s, 0, sizeof s);
        if (deflateInit2(&s, LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
            return 2;
        size_t bound = deflateBound(&s, n);
        if (bound > cap) {
            free(z);
            cap = bound;
            z = malloc(cap);
        }
        s.next_in = (unsigned char *)data;
        s.avail_in = (uInt)n;
        s.next_out = z;
        s.avail_out = (uInt)cap;
        if (deflate(&s, Z_FINISH) != Z_STREAM_END)
            return 2;
        if (write(out, z, s.total_out) != (ssize_t)s.total_out)
            return 2;
        deflateEnd(&s);
    }
    /* the CRCs, so that they are computed */
    if (write(out, &crc, sizeof crc) != (ssize_t)sizeof crc)
        return 2;
    return close(out) < 0 ? 2 : 0;
}
