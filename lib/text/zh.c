#include "text/zh.h"

#include <string.h>

#include "base/common.h"

/* ---------- modal verbs ---------- */

static uint32_t cp_at(const char *s, size_t len, size_t pos, size_t *k)
{
    uint32_t cp = 0;
    int n = pos < len ? sk_utf8_decode(s + pos, len - pos, &cp) : 0;
    *k = n > 0 ? (size_t)n : 1;
    return n > 0 ? cp : 0;
}

int sk_zh_cp_in(uint32_t c, const char *set)
{
    /* UTF-8 synchronises itself: a whole character found in valid UTF-8 text is one
     * of its characters, so the set is searched for c's bytes */
    if (!c || c > 0x10FFFF)
        return 0;
    char u[4];
    size_t n = (size_t)sk_utf8_encode(c, u);
    /* memmem's answer; the sets are short, so a memchr for the lead byte and a
     * compare at each find cost less than memmem's set-up */
    const char *end = set + strlen(set);
    for (const char *p = set; (p = memchr(p, u[0], (size_t)(end - p))); p++)
        if ((size_t)(end - p) >= n && !memcmp(p, u, n))
            return 1;
    return 0;
}

int sk_zh_starts_any(const char *s, size_t len, size_t pos, const char *words)
{
    const char *w = words;
    while (*w) {
        const char *bar = strchr(w, '|');
        size_t wl = bar ? (size_t)(bar - w) : strlen(w);
        if (wl && pos + wl <= len && !memcmp(s + pos, w, wl))
            return 1;
        if (!bar)
            break;
        w = bar + 1;
    }
    return 0;
}

/* Words in which 应 is not the modal verb: the character before or after makes a word. */
static const char YING_BEFORE[] = "相对反响适供答呼感效照回顺报内接策因";
static const char YING_AFTER[] = "急用聘届邀酬变收征试战援景时声答验运允承门考季力付诺";
/* 宜 in 适宜, 便宜, 事宜, 因地制宜, 宜人 … */
static const char YI_BEFORE[] = "适便事时合相机权得制";
static const char YI_AFTER[] = "人居";
/* 可 in 许可, 认可, 宁可, 无可, 即可 … (不可 is handled as a strong form) */
static const char KE_BEFORE[] = "许认宁无尚即不两非";
/* 可 + these is a permission ("可参加", "可由", "可以"); other 可X are adjectives (可靠, 可行, 可量化). */
static const char KE_VERBS[] =
    "以|参|采|选|委托|安排|邀请|调整|使用|根据|按|通过|自行|申请|先行|另行|适当|视|由|在|向|与|结合|"
    "增|减|省略|延|缩短|提前|推迟|免|同时|分|组织|开展|设|聘|作为|暂|补|直接|单独|合并|不";

/* The character after a modal and its verb that makes them a word rather than a
 * provision: "可选项", "不可解析的字符", "可读性", "可燃物" (the verb used as an
 * attribute or a noun), as against "可选用", "不可使用本文件". */
static const char ATTRIBUTE_AFTER[] = "的项性度物品值率者式型量";

/* Is the modal at s[i..i+mlen) followed by a verb of one or two characters and one of
 * ATTRIBUTE_AFTER? */
static int attributive(const char *s, size_t len, size_t i, size_t mlen)
{
    size_t p = i + mlen, k;
    for (int verb = 1; verb <= 2; verb++) {
        uint32_t c = cp_at(s, len, p, &k);
        if (!c || !sk_utf8_is_cjk(c) || sk_zh_cp_in(c, ATTRIBUTE_AFTER))
            return 0;
        p += k;
        if (sk_zh_cp_in(cp_at(s, len, p, &k), ATTRIBUTE_AFTER))
            return 1;
    }
    return 0;
}

static int modal_at(const char *s, size_t len, size_t i, uint32_t before, size_t *mlen)
{
    size_t k;
    uint32_t c = cp_at(s, len, i, &k);
    uint32_t after = cp_at(s, len, i + k, &k);
    size_t n3 = 3; /* every character we look at is 3 bytes in UTF-8 */
    if (c == 0x5FC5 && after == 0x987B) { /* 必须 */
        *mlen = 6;
        return SK_MODAL_REQUIRE | SK_MODAL_STRONG;
    }
    if (c == 0x4E0D) { /* 不: 不应, 不宜, 不必, 不得, 不可 */
        if (after == 0x5E94 && !sk_zh_starts_any(s, len, i + n3, "应急|应用|应对")) { /* 不应 */
            *mlen = 6;
            return SK_MODAL_REQUIRE;
        }
        if (after == 0x5B9C) {
            *mlen = 6;
            return SK_MODAL_RECOMMEND;
        }
        if (after == 0x5FC5 && !sk_zh_starts_any(s, len, i + n3, "必要")) { /* 不必 */
            *mlen = 6;
            return SK_MODAL_PERMIT;
        }
        if (after == 0x5F97 && !sk_zh_starts_any(s, len, i, "不得不|不得已|不得了")) { /* 不得 */
            *mlen = 6;
            return SK_MODAL_STRONG;
        }
        if (after == 0x53EF && before != 0x5FC5 && /* 不可, not 必不可少 */
            !sk_zh_starts_any(s, len, i + 6, "或缺|缺|能|抗|分|替代|避免|逆|移动|思议|估量|再生|多得|少|忽视|胜数|收拾")) {
            *mlen = 6;
            return SK_MODAL_STRONG;
        }
        return 0;
    }
    if (c == 0x7981 && after == 0x6B62) { /* 禁止 */
        *mlen = 6;
        return SK_MODAL_STRONG;
    }
    if (c == 0x5E94) { /* 应 */
        if (sk_zh_cp_in(before, YING_BEFORE) || sk_zh_cp_in(after, YING_AFTER))
            return 0;
        /* 应对 is "cope with" unless a pronoun follows ("应对其进行…") */
        if (after == 0x5BF9 && !sk_zh_starts_any(s, len, i + 6, "其|该|此|本|每|所|各|上|下|这|那|有|照|象"))
            return 0;
        /* 应有数, 应有尽有, 应交尽交 (应X尽X), 应知应会, 应到人数 */
        if (sk_zh_starts_any(s, len, i, "应有数|应有尽有|应知应会|应到人|应到、|应到和|应到实到"))
            return 0;
        if (i + 12 <= len && !memcmp(s + i + 6, "尽", 3) && !memcmp(s + i + 3, s + i + 9, 3))
            return 0;
        *mlen = (after == 0x5F53 || after == 0x8BE5) ? 6 : 3; /* 应当, 应该 */
        return SK_MODAL_REQUIRE;
    }
    if (c == 0x5B9C) { /* 宜 */
        if (sk_zh_cp_in(before, YI_BEFORE) || sk_zh_cp_in(after, YI_AFTER))
            return 0;
        *mlen = 3;
        return SK_MODAL_RECOMMEND;
    }
    if (c == 0x53EF) { /* 可 */
        if (sk_zh_cp_in(before, KE_BEFORE) || !sk_zh_starts_any(s, len, i + 3, KE_VERBS) || sk_zh_starts_any(s, len, i, "可以说"))
            return 0;
        *mlen = after == 0x4EE5 ? 6 : 3;
        return SK_MODAL_PERMIT;
    }
    return 0;
}

/* The characters a modal verb starts with: 应 宜 可 不 必 禁 (all three bytes in UTF-8). */
static int modal_start(const unsigned char *p)
{
    static const unsigned char starts[][3] = { { 0xE5, 0xBA, 0x94 }, { 0xE5, 0xAE, 0x9C }, { 0xE5, 0x8F, 0xAF },
                                               { 0xE4, 0xB8, 0x8D }, { 0xE5, 0xBF, 0x85 }, { 0xE7, 0xA6, 0x81 } };
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++)
        if (!memcmp(p, starts[k], 3))
            return 1;
    return 0;
}

int sk_zh_modal_next(sk_zh_modal_scan *sc, const char *s, size_t len, int kinds, size_t *start, size_t *mlen)
{
    for (size_t i = sc->i; i < len;) {
        const unsigned char *p = (const unsigned char *)s + i;
        size_t k = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        /* quotes start with E2 or E3, modal verbs with E4, E5 or E7 */
        if (k == 3 && i + 3 <= len && (*p == 0xE2 || *p == 0xE3 || *p == 0xE4 || *p == 0xE5 || *p == 0xE7)) {
            if (!memcmp(p, "《", 3) || !memcmp(p, "“", 3) || !memcmp(p, "「", 3)) {
                sc->quote++;
            } else if (!memcmp(p, "》", 3) || !memcmp(p, "”", 3) || !memcmp(p, "」", 3)) {
                sc->quote -= sc->quote > 0;
            } else if (!sc->quote && i >= sc->from && modal_start(p)) {
                size_t ml = 0, pk;
                uint32_t before = sc->prev == (size_t)-1 ? 0 : cp_at(s, len, sc->prev, &pk);
                int kind = modal_at(s, len, i, before, &ml);
                if ((kind & (SK_MODAL_PERMIT | SK_MODAL_STRONG)) && attributive(s, len, i, ml))
                    kind = 0; /* 可选项, 不可解析的: a word, not a provision */
                if (kind & kinds) {
                    *start = i;
                    *mlen = ml;
                    /* resume here: the scan state is the one before this character */
                    sc->i = i;
                    sc->from = i + ml;
                    return kind & kinds;
                }
            }
        }
        sc->prev = i;
        i += k;
    }
    sc->i = len;
    return 0;
}

int sk_zh_modal_find(const char *s, size_t len, size_t from, int kinds, size_t *start, size_t *mlen)
{
    sk_zh_modal_scan sc = SK_ZH_MODAL_SCAN_INIT;
    sc.from = from;
    return sk_zh_modal_next(&sc, s, len, kinds, start, mlen);
}

char *sk_zh_squeeze(const char *t)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = t; *p;) {
        if (*p == ' ' || *p == '\t' || *p == '\n') {
            p++;
        } else if (!strncmp(p, "\xE3\x80\x80", 3)) {
            p += 3;
        } else if (*p == '-' || !strncmp(p, "\xEF\xBC\x8D", 3) || !strncmp(p, "\xE2\x80\x93", 3)) {
            sk_buf_puts(&b, "—");
            p += *p == '-' ? 1 : 3;
        } else {
            sk_buf_putc(&b, *p++);
        }
    }
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

/* ---------- headings ---------- */

size_t sk_zh_space(const char *s)
{
    if (*s == ' ' || *s == '\t')
        return 1;
    if (!strncmp(s, "\xE3\x80\x80", 3))
        return 3;
    return 0;
}

size_t sk_zh_blank(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\n')
        return 1;
    if (!strncmp(s, "\xE3\x80\x80", 3))
        return 3;
    if (!strncmp(s, "\xC2\xA0", 2))
        return 2;
    return 0;
}

char *sk_zh_unspace(const char *s)
{
    sk_buf b;
    sk_buf_init(&b);
    size_t n;
    while (*s) {
        if ((n = sk_zh_blank(s)))
            s += n;
        else
            sk_buf_putc(&b, *s++);
    }
    sk_buf_puts(&b, "");
    return sk_buf_detach(&b);
}

int sk_zh_has_han(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int n = sk_utf8_decode(s + i, len - i, &cp);
        if (n <= 0)
            return 0;
        if (sk_utf8_is_cjk(cp))
            return 1;
        i += (size_t)n;
    }
    return 0;
}
