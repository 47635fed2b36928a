#include "text/pinyin.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/common.h"

/* GB 2312 code of a code point (0 when it has none). */
static unsigned gb2312_of(iconv_t cd, uint32_t cp)
{
    char in[4], out[4];
    size_t il = 0;
    if (cd == (iconv_t)-1 || cp < 0x80)
        return 0;
    if (cp < 0x800) {
        in[il++] = (char)(0xC0 | (cp >> 6));
    } else {
        if (cp >= 0x10000)
            return 0;
        in[il++] = (char)(0xE0 | (cp >> 12));
        in[il++] = (char)(0x80 | ((cp >> 6) & 0x3F));
    }
    in[il++] = (char)(0x80 | (cp & 0x3F));
    char *ip = in, *op = out;
    size_t ileft = il, oleft = sizeof out;
    iconv(cd, NULL, NULL, NULL, NULL);
    if (iconv(cd, &ip, &ileft, &op, &oleft) == (size_t)-1 || sizeof out - oleft != 2)
        return 0;
    return ((unsigned)(unsigned char)out[0] << 8) | (unsigned char)out[1];
}

static int level1(unsigned gb)
{
    return gb >= 0xB0A1 && gb <= 0xD7F9;
}

char *sk_pinyin_key(const char *s)
{
    iconv_t cd = iconv_open("GB2312", "UTF-8");
    sk_buf b;
    sk_buf_init(&b);
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int k = sk_utf8_decode(s + i, len - i, &cp);
        if (!k)
            break;
        unsigned gb = gb2312_of(cd, cp);
        if (cp < 0x80) {
            char c = (char)cp;
            if (c >= 'A' && c <= 'Z')
                c = (char)(c - 'A' + 'a');
            if (c > ' ') {
                sk_buf_putc(&b, '\x01');
                sk_buf_putc(&b, c);
            }
        } else if (level1(gb)) {
            sk_buf_putc(&b, '\x02');
            sk_buf_putc(&b, (char)(gb >> 8));
            sk_buf_putc(&b, (char)(gb & 0xFF));
        } else if (gb) {
            sk_buf_putc(&b, '\x03');
            sk_buf_putc(&b, (char)(gb >> 8));
            sk_buf_putc(&b, (char)(gb & 0xFF));
        } else {
            sk_buf_putc(&b, '\x04');
            sk_buf_put(&b, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

char sk_pinyin_letter(const char *s)
{
    static const struct { unsigned from; char letter; } starts[] = {
        { 0xB0A1, 'A' }, { 0xB0C5, 'B' }, { 0xB2C1, 'C' }, { 0xB4EE, 'D' }, { 0xB6EA, 'E' }, { 0xB7A2, 'F' },
        { 0xB8C1, 'G' }, { 0xB9FE, 'H' }, { 0xBBF7, 'J' }, { 0xBFA6, 'K' }, { 0xC0AC, 'L' }, { 0xC2E8, 'M' },
        { 0xC4C3, 'N' }, { 0xC5B6, 'O' }, { 0xC5BE, 'P' }, { 0xC6DA, 'Q' }, { 0xC8BB, 'R' }, { 0xC8F6, 'S' },
        { 0xCBFA, 'T' }, { 0xCDDA, 'W' }, { 0xCEF4, 'X' }, { 0xD1B9, 'Y' }, { 0xD4D1, 'Z' },
    };
    uint32_t cp;
    size_t len = strlen(s);
    if (!len || !sk_utf8_decode(s, len, &cp))
        return 0;
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z' ? (char)(cp - 'a' + 'A') : cp >= 'A' && cp <= 'Z' ? (char)cp : 0;
    iconv_t cd = iconv_open("GB2312", "UTF-8");
    unsigned gb = gb2312_of(cd, cp);
    if (cd != (iconv_t)-1)
        iconv_close(cd);
    if (!level1(gb))
        return 0;
    char letter = 'A';
    for (size_t i = 0; i < sizeof starts / sizeof starts[0] && gb >= starts[i].from; i++)
        letter = starts[i].letter;
    return letter;
}
