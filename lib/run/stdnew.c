#include "run/stdnew.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "base/fs.h"
#include "base/stamp.h"
#include "input/catalog.h"
#include "input/system.h"

#define U3000 "\xE3\x80\x80"

int sk_stdnew_type_parse(const char *s)
{
    static const struct {
        const char *word;
        sk_stdnew_type type;
    } types[] = { { "system", SK_STDNEW_SYSTEM }, { "GB", SK_STDNEW_GB }, { "GB/T", SK_STDNEW_GBT },
                  { "DB", SK_STDNEW_DB },         { "T", SK_STDNEW_T },   { "Q", SK_STDNEW_Q } };
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if (!strcmp(s, types[i].word))
            return (int)types[i].type;
    return -1;
}

/* A YAML scalar: plain when YAML reads it back as the same text, else double-quoted. */
static void yaml_str(sk_buf *b, const char *s)
{
    static const char *const words[] = { "true", "false", "null", "yes", "no", "on", "off", "~", NULL };
    int plain = *s && !strchr("-?:,[]{}#&*!|>'\"%@` ", *s) && s[strlen(s) - 1] != ' ' && !strstr(s, ": ") &&
                !strstr(s, " #") && s[strlen(s) - 1] != ':' && !(*s >= '0' && *s <= '9') && !strchr(s, '"') &&
                !strchr(s, '\\');
    for (const unsigned char *p = (const unsigned char *)s; plain && *p; p++)
        plain = *p >= 0x20;
    for (const char *const *w = words; plain && *w; w++)
        plain = strcasecmp(s, *w) != 0;
    if (plain) {
        sk_buf_puts(b, s);
        return;
    }
    sk_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            sk_buf_putc(b, '\\');
        if ((unsigned char)*s < 0x20)
            sk_buf_printf(b, "\\x%02x", (unsigned char)*s);
        else
            sk_buf_putc(b, *s);
    }
    sk_buf_putc(b, '"');
}

/* The subject of a title for the 范围 sentences: 社区议事协商规范 → 社区议事协商. */
static char *subject_of(const char *title)
{
    static const char *const kinds[] = { "规范", "要求", "标准", "指南", "规程", "规定", "准则", "办法", "制度", NULL };
    size_t n = strlen(title);
    for (const char *const *k = kinds; *k; k++) {
        size_t kl = strlen(*k);
        if (n > kl && !strcmp(title + n - kl, *k))
            return sk_strndup(title, n - kl);
    }
    return sk_strdup(title);
}

static int year_now(void)
{
    time_t t;
    sk_stamp_build(&t, time(NULL));
    struct tm tm;
    gmtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

/* A file name from a number: "T/ZSA 001.1—2024" → "T-ZSA-001.1-2024". */
static char *name_of(const char *number)
{
    sk_buf b;
    sk_buf_init(&b);
    for (const char *p = number; *p;) {
        if (!strncmp(p, "—", 3) || !strncmp(p, U3000, 3)) {
            sk_buf_putc(&b, '-');
            p += 3;
        } else if (*p == '/' || *p == ' ' || *p == ':') {
            sk_buf_putc(&b, '-');
            p++;
        } else {
            sk_buf_putc(&b, *p++);
        }
    }
    return sk_buf_detach(&b);
}

/* A title is one line of text a YAML scalar and a heading can hold. */
static int title_ok(const char *t)
{
    if (!t || !*t)
        return 0;
    for (const unsigned char *p = (const unsigned char *)t; *p; p++)
        if (*p < 0x20)
            return 0;
    return sk_utf8_validate(t, strlen(t)) == (size_t)-1;
}

static void skeleton(sk_buf *b, const char *number, const char *title, const char *category, const sk_system *sys)
{
    sk_buf_puts(b, "---\nnumber: ");
    yaml_str(b, number);
    sk_buf_puts(b, "\ntitle: ");
    yaml_str(b, title);
    sk_buf_puts(b, "\ncategory: ");
    yaml_str(b, category);
    sk_buf_puts(b, "\nstatus: draft\n");
    if (sys && sys->issuer) {
        sk_buf_puts(b, "issuer: ");
        yaml_str(b, sys->issuer);
        sk_buf_putc(b, '\n');
    }
    sk_buf_puts(b, "---\n\n");
    /* 1–3: the elements GB/T 1.1—2020 fixes, with their sentences (8.5, 8.6, 8.7) */
    char *subject = subject_of(title);
    sk_buf_printf(b, "# 1 范围\n\n本文件规定了%s的总体要求和记录。\n\n本文件适用于%s工作。\n\n", subject, subject);
    free(subject);
    sk_buf_puts(b, "# 2 规范性引用文件\n\n" SK_STDNEW_NORMREF_NONE "\n\n");
    sk_buf_puts(b, "# 3 术语和定义\n\n本文件没有需要界定的术语和定义。\n\n");
    /* one core chapter of two clauses (a clause is never alone at its level: 7.3) */
    sk_buf_puts(b, "# 4 总体要求\n\n"
                   "## 4.1 基本原则\n\n"
                   "实施本文件应遵循依法依规、务实高效的原则。\n\n"
                   "## 4.2 记录\n\n"
                   "实施过程应形成记录，记录的格式见附录A。\n\n");
    /* an informative annex, cited from the text (9.6) */
    sk_buf_puts(b, "# 附录A（资料性）记录格式 {#annex-record}\n\n"
                   "记录宜包括时间、地点、参加人员和主要内容。\n");
}

int sk_stdnew_standard(char **path, const sk_stdnew_opts *o, sk_err *err)
{
    const char *dir = o->dir ? o->dir : ".";
    char *sys_path = NULL, *number = NULL, *name = NULL, *file = NULL;
    sk_catalog *cat = NULL;
    sk_diags diags;
    sk_buf b;
    int rc = -1;
    sk_diag_init(&diags);
    sk_buf_init(&b);
    if (!title_ok(o->title)) {
        sk_err_set(err, "the title is one line of text (stdnew TITLE)");
        goto done;
    }
    int type = o->type;
    sys_path = sk_system_find(dir);
    if (type < 0)
        type = sys_path ? SK_STDNEW_SYSTEM : SK_STDNEW_GBT;
    int year = o->year > 0 ? o->year : year_now();
    const char *category = o->category;
    if (type == SK_STDNEW_SYSTEM) {
        if (!sys_path) {
            sk_err_at(err, dir, 0, 0, "no system.yaml here or above: give --type GB, GB/T, DB, T or Q, or write one "
                                      "with stdnew --system NAME");
            goto done;
        }
        if (sk_catalog_load(&cat, sys_path, &diags, err) < 0)
            goto done;
        if (!cat->sys->number_pattern) {
            sk_err_at(err, sys_path, 0, 0, "the system has no number_pattern");
            goto done;
        }
        if (!category && cat->sys->ncats == 1)
            category = cat->sys->cats[0].code;
        sk_numparts parts;
        if (o->number) {
            number = sk_strdup(o->number);
            if (sk_system_match_number(cat->sys, number, &parts) < 0) {
                sk_err_at(err, sys_path, cat->sys->number_pattern_line, 0,
                          "%s does not follow the system's number pattern %s", number, cat->sys->number_pattern);
                goto done;
            }
            if (sk_catalog_find(cat, number)) {
                sk_err_at(err, sk_catalog_find(cat, number)->path, 0, 0, "%s is the number of this standard already",
                          number);
                goto done;
            }
            if (!category && parts.category[0])
                category = parts.category;
        } else if (sk_catalog_next(&number, &parts, cat, category, year, err) < 0) {
            goto done;
        }
        if (!category && cat->sys->ncats) {
            sk_err_at(err, sys_path, 0, 0, "give the category with --category (the system has %zu)", cat->sys->ncats);
            goto done;
        }
        if (category && !sk_system_category(cat->sys, category)) {
            sk_err_at(err, sys_path, 0, 0, "category '%s' is not one of the system's", category);
            goto done;
        }
        if (o->output)
            name = sk_strdup(o->output);
        else if (cat->sys->file_pattern) {
            char *stem = sk_system_format(cat->sys->file_pattern, &parts);
            name = sk_asprintf("%s.md", stem);
            free(stem);
        } else {
            char *stem = name_of(number);
            name = sk_asprintf("%s.md", stem);
            free(stem);
        }
    } else {
        /* outside a system the number is the caller's, or a placeholder of the type's shape */
        static const char *const shape[] = { "", "GB 00000—%d", "GB/T 00000—%d", "DB41/T 0000—%d", "T/XXX 001—%d",
                                             "Q/XXX 001—%d" };
        number = o->number ? sk_strdup(o->number) : sk_asprintf(shape[type], year);
        if (!category)
            category = "通用";
        char *stem = name_of(number);
        name = o->output ? sk_strdup(o->output) : sk_asprintf("%s.md", stem);
        free(stem);
    }
    file = name[0] == '/' || !o->dir ? sk_strdup(name) : sk_fs_join(dir, name);
    skeleton(&b, number, o->title, category ? category : "", cat ? cat->sys : NULL);
    if (access(file, F_OK) == 0) {
        sk_err_at(err, file, 0, 0, "exists already: stdnew never overwrites (give another name with -o)");
        goto done;
    }
    if (sk_fs_write_new(file, b.data, b.len, file, err) < 0)
        goto done;
    *path = file;
    file = NULL;
    rc = 0;
done:
    free(file);
    free(name);
    free(number);
    sk_catalog_free(cat);
    free(sys_path);
    sk_buf_free(&b);
    sk_diag_free(&diags);
    return rc;
}

int sk_stdnew_system(char **path, const sk_stdnew_system_opts *o, sk_err *err)
{
    const char *dir = o->dir ? o->dir : ".";
    const char *code = o->code ? o->code : "STD";
    char *file = o->dir ? sk_fs_join(dir, "system.yaml") : sk_strdup("system.yaml");
    sk_buf b;
    sk_diags diags;
    sk_system *sys = NULL;
    int rc = -1;
    sk_buf_init(&b);
    sk_diag_init(&diags);
    if (!title_ok(o->name)) {
        sk_err_set(err, "the system's name is one line of text (stdnew --system NAME)");
        goto done;
    }
    for (const char *p = code; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
            sk_err_set(err, "the system's code is capital letters and digits (as in SJDJ), not '%s'", code);
            goto done;
        }
    sk_buf_puts(&b, "# The standard system, read by stdcheck, stdgen and stdform (docs/format.md).\nname: ");
    yaml_str(&b, o->name);
    sk_buf_printf(&b, "\ncode: %s\n", code);
    if (o->issuer) {
        sk_buf_puts(&b, "issuer: ");
        yaml_str(&b, o->issuer);
        sk_buf_putc(&b, '\n');
    }
    /* the cover banner of its standards: the name without 体系 ("…标准体系" → "…标准") */
    size_t nl = strlen(o->name);
    static const char tixi[] = "体系";
    sk_buf_puts(&b, "level: ");
    if (nl > sizeof tixi - 1 && !strcmp(o->name + nl - (sizeof tixi - 1), tixi)) {
        char *lv = sk_strndup(o->name, nl - (sizeof tixi - 1));
        yaml_str(&b, lv);
        free(lv);
    } else {
        yaml_str(&b, o->name);
    }
    sk_buf_printf(&b, "\n# numbers: %s/<category> <two-digit sequence>—<year>; files named <category>-<sequence>\n"
                      "number_pattern: \"%s/{category} {seq:2}—{year}\"\n"
                      "file_pattern: \"{category}-{seq:2}\"\ncategories:\n",
                  code, code);
    /* by default the three parts of a service standard system (GB/T 24421.2—2023) */
    static const char *const defaults[] = { "TY=通用基础标准", "BZ=服务保障标准", "TG=服务提供标准" };
    const char *const *cats = o->ncategories ? o->categories : defaults;
    size_t ncats = o->ncategories ? o->ncategories : 3;
    for (size_t i = 0; i < ncats; i++) {
        const char *eq = strchr(cats[i], '=');
        if (!eq || eq == cats[i] || !eq[1]) {
            sk_err_set(err, "a category is CODE=名称 (as in TS=特色标准), not '%s'", cats[i]);
            goto done;
        }
        for (const char *p = cats[i]; p < eq; p++)
            if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))) {
                sk_err_set(err, "a category code is capital letters and digits, not '%.*s'", (int)(eq - cats[i]), cats[i]);
                goto done;
            }
        for (size_t k = 0; k < i; k++)
            if (!strncmp(cats[k], cats[i], (size_t)(eq - cats[i]) + 1)) {
                sk_err_set(err, "category %.*s is given twice", (int)(eq - cats[i]), cats[i]);
                goto done;
            }
        sk_buf_printf(&b, "  - code: %.*s\n    name: ", (int)(eq - cats[i]), cats[i]);
        yaml_str(&b, eq + 1);
        sk_buf_putc(&b, '\n');
    }
    /* what we write must be a system stdkit reads without a word */
    if (sk_system_load_mem(&sys, file, b.data, b.len, &diags, err) < 0 || diags.len) {
        if (diags.len)
            sk_err_at(err, file, diags.items[0].line, diags.items[0].col, "%s", diags.items[0].msg);
        goto done;
    }
    if (access(file, F_OK) == 0) {
        sk_err_at(err, file, 0, 0, "exists already: stdnew never overwrites");
        goto done;
    }
    if (sk_fs_write_new(file, b.data, b.len, file, err) < 0)
        goto done;
    *path = file;
    file = NULL;
    rc = 0;
done:
    sk_system_free(sys);
    sk_diag_free(&diags);
    sk_buf_free(&b);
    free(file);
    return rc;
}
