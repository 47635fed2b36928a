#include "input/meta.h"

#include <stdlib.h>
#include <string.h>

#include "text/yaml.h"

enum ktype { STR, LIST, DATE, STATUS, STAGE, PART, AMEND };

static const struct {
    const char *name;
    enum ktype type;
    int required;
} keys[SK_META_NKEYS] = {
#define X(id, name, type, req) { name, type, req },
    SK_META_KEYS(X)
#undef X
};

const char *sk_meta_key_name(sk_meta_key k)
{
    return keys[k].name;
}

void sk_meta_strlist_push(sk_strlist *l, const char *s)
{
    l->v = sk_realloc(l->v, (l->n + 1) * sizeof *l->v);
    l->v[l->n++] = sk_strdup(s);
}

void sk_meta_strlist_free(sk_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

int sk_meta_date_parse(const char *s, int *y, int *m, int *d)
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return -1;
    int Y = atoi(s), M = atoi(s + 5), D = atoi(s + 8);
    if (Y < 1900 || M < 1 || M > 12 || D < 1 || D > mdays[M - 1])
        return -1;
    if (M == 2 && D == 29 && !((Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0))
        return -1;
    *y = Y;
    *m = M;
    *d = D;
    return 0;
}

static int find_key(const char *name)
{
    for (int i = 0; i < SK_META_NKEYS; i++)
        if (strcmp(keys[i].name, name) == 0)
            return i;
    return -1;
}

/* amendments: a list of {number, date, summary} mappings. */
static void set_amendments(sk_meta *m, const sk_yaml_node *v, const char *file, sk_diags *d)
{
    if (v->type != SK_YAML_SEQ) {
        sk_diag_emit(d, SK_R_META_TYPE, file, v->line, v->col,
                     "'amendments' must be a list of {number, date, summary}, not %s", sk_yaml_type_name(v->type));
        return;
    }
    for (size_t i = 0; i < v->n; i++) {
        const sk_yaml_node *it = v->items[i];
        if (it->type != SK_YAML_MAP) {
            sk_diag_emit(d, SK_R_META_TYPE, file, it->line, it->col,
                         "an amendment is a mapping {number: 1, date: YYYY-MM-DD, summary: …}, not %s",
                         sk_yaml_type_name(it->type));
            continue;
        }
        sk_amend a = { .line = it->line };
        int ok = 1;
        for (size_t j = 0; j + 1 < it->n; j += 2) {
            const sk_yaml_node *k = it->items[j], *val = it->items[j + 1];
            if (k->type != SK_YAML_SCALAR)
                continue;
            if (!strcmp(k->value, "changes")) {
                if (val->type != SK_YAML_SEQ) {
                    sk_diag_emit(d, SK_R_META_TYPE, file, val->line, val->col,
                                 "amendment 'changes' must be a list of text (one item of the 修改单 each)");
                    ok = 0;
                    continue;
                }
                for (size_t q = 0; q < val->n; q++) {
                    if (val->items[q]->type != SK_YAML_SCALAR || sk_yaml_is_null(val->items[q])) {
                        sk_diag_emit(d, SK_R_META_TYPE, file, val->items[q]->line, val->items[q]->col,
                                     "an item of amendment 'changes' must be text");
                        ok = 0;
                        continue;
                    }
                    sk_meta_strlist_push(&a.changes, val->items[q]->value);
                }
                continue;
            }
            char **slot = !strcmp(k->value, "number") ? &a.number : !strcmp(k->value, "date") ? &a.date
                        : !strcmp(k->value, "summary") ? &a.summary : !strcmp(k->value, "effective") ? &a.effective
                        : !strcmp(k->value, "source") ? &a.source : NULL;
            if (!slot) {
                sk_diag_emit(d, SK_R_META_UNKNOWN, file, k->line, k->col,
                             "unknown amendment key '%s' (number, date, effective, summary, source, changes)",
                             k->value);
                continue;
            }
            if (val->type != SK_YAML_SCALAR || sk_yaml_is_null(val)) {
                sk_diag_emit(d, SK_R_META_TYPE, file, val->line, val->col, "amendment '%s' must be text", k->value);
                ok = 0;
                continue;
            }
            free(*slot);
            *slot = sk_str_trim(sk_strdup(val->value));
        }
        int y, mo, dd;
        const char *bad = NULL;
        for (const char *p = a.number; p && *p; p++)
            if (*p < '0' || *p > '9')
                bad = "number";
        if (!a.number || !*a.number)
            bad = "number";
        if (bad) {
            sk_diag_emit(d, SK_R_META_TYPE, file, it->line, it->col,
                         "an amendment needs its number as a whole number (number: 1 for 第1号修改单)");
            ok = 0;
        }
        if (!a.date || sk_meta_date_parse(a.date, &y, &mo, &dd) < 0) {
            sk_diag_emit(d, SK_R_META_TYPE, file, it->line, it->col,
                         "an amendment needs its date written YYYY-MM-DD%s%s%s", a.date ? ", not '" : "",
                         a.date ? a.date : "", a.date ? "'" : "");
            ok = 0;
        }
        if (a.effective && sk_meta_date_parse(a.effective, &y, &mo, &dd) < 0) {
            sk_diag_emit(d, SK_R_META_TYPE, file, it->line, it->col,
                         "an amendment's effective date is written YYYY-MM-DD, not '%s'", a.effective);
            ok = 0;
        } else if (ok && a.effective && strcmp(a.effective, a.date) < 0) {
            sk_diag_emit(d, SK_R_META_VALUE, file, it->line, it->col,
                         "amendment %s takes effect on %s, before its date %s", a.number, a.effective, a.date);
        }
        if (ok && m->namend && atoi(a.number) != atoi(m->amend[m->namend - 1].number) + 1)
            sk_diag_emit(d, SK_R_META_VALUE, file, it->line, it->col,
                         "amendment %s follows amendment %s: they are numbered 1, 2 … in order", a.number,
                         m->amend[m->namend - 1].number);
        else if (ok && !m->namend && atoi(a.number) != 1)
            sk_diag_emit(d, SK_R_META_VALUE, file, it->line, it->col, "the first amendment is number 1, not %s",
                         a.number);
        if (ok && m->namend && strcmp(a.date, m->amend[m->namend - 1].date) < 0)
            sk_diag_emit(d, SK_R_META_VALUE, file, it->line, it->col,
                         "amendment %s is dated %s, before amendment %s (%s)", a.number, a.date,
                         m->amend[m->namend - 1].number, m->amend[m->namend - 1].date);
        if (!ok) {
            free(a.number);
            free(a.date);
            free(a.summary);
            free(a.effective);
            free(a.source);
            sk_meta_strlist_free(&a.changes);
            continue;
        }
        m->amend = sk_realloc(m->amend, (m->namend + 1) * sizeof *m->amend);
        m->amend[m->namend++] = a;
    }
}

static void set_value(sk_meta *m, int k, const sk_yaml_node *v, const char *file, sk_diags *d)
{
    m->line[k] = v->line;
    if (sk_yaml_is_null(v)) {
        if (keys[k].required)
            sk_diag_emit(d, SK_R_META_MISSING, file, v->line, v->col, "'%s' has no value", keys[k].name);
        return;
    }
    if (keys[k].type == AMEND) {
        set_amendments(m, v, file, d);
        return;
    }
    if (keys[k].type == LIST) {
        if (v->type == SK_YAML_SCALAR) {
            sk_meta_strlist_push(&m->list[k], v->value);
        } else if (v->type == SK_YAML_SEQ) {
            for (size_t i = 0; i < v->n; i++) {
                if (v->items[i]->type != SK_YAML_SCALAR) {
                    sk_diag_emit(d, SK_R_META_TYPE, file, v->items[i]->line, v->items[i]->col,
                                 "'%s' items must be text, not %s", keys[k].name,
                                 sk_yaml_type_name(v->items[i]->type));
                    continue;
                }
                sk_meta_strlist_push(&m->list[k], v->items[i]->value);
            }
        } else {
            sk_diag_emit(d, SK_R_META_TYPE, file, v->line, v->col,
                         "'%s' must be text or a list of text, not a mapping", keys[k].name);
        }
        return;
    }
    if (v->type != SK_YAML_SCALAR) {
        sk_diag_emit(d, SK_R_META_TYPE, file, v->line, v->col, "'%s' must be text, not %s",
                     keys[k].name, sk_yaml_type_name(v->type));
        return;
    }
    m->str[k] = sk_strdup(v->value);
    sk_str_trim(m->str[k]);
    int y, mo, dd;
    switch (keys[k].type) {
    case DATE:
        if (sk_meta_date_parse(m->str[k], &y, &mo, &dd) < 0)
            sk_diag_emit(d, SK_R_META_TYPE, file, v->line, v->col,
                         "'%s' must be a date written YYYY-MM-DD, not '%s'", keys[k].name, m->str[k]);
        break;
    case STATUS:
        if (!strcmp(m->str[k], "draft"))
            m->status = SK_STATUS_DRAFT;
        else if (!strcmp(m->str[k], "current"))
            m->status = SK_STATUS_CURRENT;
        else if (!strcmp(m->str[k], "withdrawn"))
            m->status = SK_STATUS_WITHDRAWN;
        else
            sk_diag_emit(d, SK_R_META_VALUE, file, v->line, v->col,
                         "'status' must be draft, current or withdrawn, not '%s'", m->str[k]);
        break;
    case PART: {
        const char *p = m->str[k];
        int ok = *p >= '1' && *p <= '9';
        for (; ok && *p; p++)
            ok = *p >= '0' && *p <= '9';
        if (!ok)
            sk_diag_emit(d, SK_R_META_VALUE, file, v->line, v->col,
                         "'part' is the part's number (1, 2 …), not '%s'", m->str[k]);
        break;
    }
    case STAGE:
        if (strcmp(m->str[k], "征求意见稿") && strcmp(m->str[k], "送审稿") && strcmp(m->str[k], "报批稿"))
            sk_diag_emit(d, SK_R_META_VALUE, file, v->line, v->col,
                         "'stage' must be 征求意见稿, 送审稿 or 报批稿, not '%s'", m->str[k]);
        break;
    default:
        if (!*m->str[k] && keys[k].required)
            sk_diag_emit(d, SK_R_META_VALUE, file, v->line, v->col, "'%s' is empty", keys[k].name);
        break;
    }
}

/* The completion date is printed under a draft's stage; without a stage it would be lost. */
static void check_completed(const sk_meta *m, const char *file, sk_diags *d)
{
    if (m->str[SK_META_COMPLETED] && !m->str[SK_META_STAGE])
        sk_diag_emit(d, SK_R_META_MISSING, file, m->line[SK_META_COMPLETED], 1,
                     "'completed' is given but not 'stage' (only a draft's cover carries its completion date)");
}

/* A part (part: 1) has a part title, and its number is the document's with ".1": GB/T 1.1—2020. */
static void check_part(const sk_meta *m, const char *file, sk_diags *d)
{
    const char *part = m->str[SK_META_PART], *num = m->str[SK_META_NUMBER];
    if (m->str[SK_META_PART_TITLE] && !part)
        sk_diag_emit(d, SK_R_META_MISSING, file, m->line[SK_META_PART_TITLE], 1,
                     "'part_title' is given but not 'part' (the part's number)");
    if (!part || !*part)
        return;
    if (!m->str[SK_META_PART_TITLE] || !*m->str[SK_META_PART_TITLE])
        sk_diag_emit(d, SK_R_META_MISSING, file, m->line[SK_META_PART], 1,
                     "'part' is given but not 'part_title' (the title of part %s)", part);
    if (!num)
        return;
    const char *dash = strstr(num, "—");
    size_t end = dash ? (size_t)(dash - num) : strlen(num), pl = strlen(part);
    while (end && num[end - 1] == ' ')
        end--;
    if (end <= pl || strncmp(num + end - pl, part, pl) || num[end - pl - 1] != '.') {
        sk_diag *dg = sk_diag_emit(d, SK_R_META_VALUE, file, m->line[SK_META_PART], 1,
                                   "part %s of a standard is numbered with .%s (GB/T 1.1—2020 is part 1 of GB/T 1), "
                                   "but the number is %s", part, part, num);
        sk_diag_hint(dg, "write the part's number after a dot: %.*s.%s…", (int)end, num, part);
    }
}

char *sk_meta_title(const sk_meta *m)
{
    const char *t = m->str[SK_META_TITLE] ? m->str[SK_META_TITLE] : "";
    const char *part = m->str[SK_META_PART], *pt = m->str[SK_META_PART_TITLE];
    if (part && *part && pt && *pt)
        return sk_asprintf("%s\xE3\x80\x80第%s部分：%s", t, part, pt);
    return sk_strdup(t);
}

char *sk_meta_title_en(const sk_meta *m)
{
    const char *t = m->str[SK_META_TITLE_EN], *part = m->str[SK_META_PART], *pt = m->str[SK_META_PART_TITLE_EN];
    if (!t || !*t)
        return NULL;
    if (part && *part && pt && *pt)
        return sk_asprintf("%s\xE2\x80\x94Part %s: %s", t, part, pt);
    return sk_strdup(t);
}

void sk_meta_parse(sk_meta **out, const sk_source *src, sk_diags *d)
{
    sk_meta *m = sk_calloc(1, sizeof *m);
    sk_yaml_node *root = NULL;
    sk_err err;

    *out = m;
    if (!src->has_fm) {
        sk_diag_emit(d, SK_R_FRONT_MATTER, src->path, 1, 1,
                     "no front matter: a standard starts with a '---' line, its YAML keys, and '---'");
        return;
    }
    sk_err_clear(&err);
    if (sk_yaml_load(&root, src->data + src->fm_off, src->fm_len, src->fm_line, src->path, &err) < 0) {
        sk_diag_emit(d, SK_R_META_YAML, src->path, err.line, err.col, "%s", err.msg);
        return;
    }
    if (!root || root->type != SK_YAML_MAP) {
        sk_diag_emit(d, SK_R_META_YAML, src->path, root ? root->line : src->fm_line, root ? root->col : 1,
                     "front matter must be a mapping of keys (number:, title:, …), not %s",
                     root ? sk_yaml_type_name(root->type) : "empty");
        goto done;
    }
    for (size_t i = 0; i + 1 < root->n; i += 2) {
        const sk_yaml_node *k = root->items[i], *v = root->items[i + 1];
        int key = find_key(k->value);
        if (key < 0) {
            sk_diag *dg = sk_diag_emit(d, SK_R_META_UNKNOWN, src->path, k->line, k->col,
                                       "unknown front-matter key '%s'", k->value);
            sk_diag_hint(dg, "known keys are listed in docs/format.md");
            continue;
        }
        if (m->line[key]) {
            sk_diag_emit(d, SK_R_META_VALUE, src->path, k->line, k->col,
                         "'%s' is given twice (first on line %d)", k->value, m->line[key]);
            continue;
        }
        set_value(m, key, v, src->path, d);
    }
    for (int k = 0; k < SK_META_NKEYS; k++)
        if (keys[k].required && !m->line[k])
            sk_diag_emit(d, SK_R_META_MISSING, src->path, src->fm_line - 1, 1,
                         "front matter has no '%s'", keys[k].name);
    check_part(m, src->path, d);
    check_completed(m, src->path, d);
done:
    sk_yaml_free(root);
}

void sk_meta_free(sk_meta *m)
{
    if (!m)
        return;
    for (int k = 0; k < SK_META_NKEYS; k++) {
        free(m->str[k]);
        sk_meta_strlist_free(&m->list[k]);
    }
    for (size_t i = 0; i < m->namend; i++) {
        free(m->amend[i].number);
        free(m->amend[i].date);
        free(m->amend[i].summary);
        free(m->amend[i].effective);
        free(m->amend[i].source);
        sk_meta_strlist_free(&m->amend[i].changes);
    }
    free(m->amend);
    free(m);
}

char *sk_meta_strlist_join(const sk_strlist *l, const char *sep)
{
    sk_buf b;
    sk_buf_init(&b);
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            sk_buf_puts(&b, sep);
        sk_buf_puts(&b, l->v[i]);
    }
    return sk_buf_detach(&b);
}
