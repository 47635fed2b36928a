/* stdform's library side: the forms of the shipped system, validation of data
 * against a form, file names, shards, and the documents (XPath over the
 * word/document.xml of the rendered package). */
#include "layout/fill.h"
#include "check/forms.h"
#include "run/formset.h"
#include "helpers.h"
#include "run/stdform.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <stdio.h>
#include <unistd.h>

#include "input/records.h"
#include "model/form.h"
#include "base/zip.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define TS09 "standards/TS-09-shuangbaodao.md"

/* ---------- fixtures ---------- */

static sk_formset *corpus;

static int load_corpus(void **state)
{
    (void)state;
    sk_err err;
    sk_err_clear(&err);
    if (sk_formset_load(&corpus, "standards", NULL, &err) != 0) {
        fprintf(stderr, "sk_formset_load: %s\n", err.msg);
        return -1;
    }
    return 0;
}

static int free_corpus(void **state)
{
    (void)state;
    sk_formset_free(corpus);
    return 0;
}

static const sk_form *form(const char *id)
{
    sk_err err;
    sk_err_clear(&err);
    const sk_form *f = sk_formset_find(corpus, id, &err);
    if (!f)
        fail_msg("no form %s: %s", id, err.msg);
    return f;
}

/* A data file with these bytes (the extension decides the format). */
static char *data_file(const char *ext, const char *text)
{
    char *path = sk_asprintf("/tmp/stdform-test-XXXXXX.%s", ext);
    int fd = mkstemps(path, (int)strlen(ext) + 1);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static sk_dataset *load(const char *path, const char *rows)
{
    sk_dataset *d = NULL;
    sk_err err;
    sk_err_clear(&err);
    sk_records_opts o = { .rows_list = rows };
    if (sk_records_load(&d, path, &o, &err) != 0)
        fail_msg("sk_records_load %s: %s", path, err.msg);
    return d;
}

/* What validation reported. */
typedef struct reports {
    sk_err e[64];
    sk_severity level[64];
    size_t n;
} reports;

static void on_report(void *ctx, sk_severity level, const sk_err *e)
{
    reports *r = ctx;
    if (r->n < 64) {
        r->e[r->n] = *e;
        r->level[r->n++] = level;
    }
}

static const sk_err *report_with(const reports *r, sk_severity level, const char *fragment)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->level[i] == level && strstr(r->e[i].msg, fragment))
            return &r->e[i];
    return NULL;
}

/* The report-card fields members.csv lacks, blank for every record. */
static const char *const card_sets[] = { "card_no=", "unit_contact=", "unit_phone=", "issue_date=", "report_url=",
                                         "community_contact=", "community_phone=", "receipt_date=" };

/* ---------- word/document.xml of a rendered document ---------- */

typedef struct xdoc {
    xmlDocPtr xml;
    xmlXPathContextPtr xp;
} xdoc;

/* Part part of the document of format rendered: 1, or 0 when it has no such part. */
static int render_part(xdoc *x, const sk_form *f, const sk_dataset *d, const size_t *recs, size_t n,
                       const sk_stdform_opts *o, unsigned format, const char *part)
{
    char *bytes = NULL, *xml = NULL;
    size_t len = 0, xlen = 0;
    sk_err err;
    sk_err_clear(&err);
    if (sk_stdform_render(&bytes, &len, f, d, recs, n, format, o, &err) != 0)
        fail_msg("sk_stdform_render: %s", err.msg);
    char *path = data_file(format == SK_FORMAT_ODT ? "odt" : "docx", "");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, len, fp), len);
    fclose(fp);
    sk_zip_reader *rd = NULL;
    assert_int_equal(sk_zip_open(&rd, path, "a document", &err), 0);
    int found = sk_zip_read(rd, part, &xml, &xlen, &err);
    sk_zip_close(rd);
    unlink(path);
    free(path);
    free(bytes);
    if (found != 1)
        return 0;
    x->xml = xmlReadMemory(xml, (int)xlen, part, NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    free(xml);
    assert_non_null(x->xml);
    x->xp = xmlXPathNewContext(x->xml);
    xmlXPathRegisterNs(x->xp, BAD_CAST "w", BAD_CAST NS_W);
    xmlXPathRegisterNs(x->xp, BAD_CAST "r", BAD_CAST "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
    xmlXPathRegisterNs(x->xp, BAD_CAST "style", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:style:1.0");
    xmlXPathRegisterNs(x->xp, BAD_CAST "text", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:text:1.0");
    xmlXPathRegisterNs(x->xp, BAD_CAST "office", BAD_CAST "urn:oasis:names:tc:opendocument:xmlns:office:1.0");
    return 1;
}

static void render(xdoc *x, const sk_form *f, const sk_dataset *d, const size_t *recs, size_t n, const sk_stdform_opts *o)
{
    char *bytes = NULL, *xml = NULL;
    size_t len = 0, xlen = 0;
    sk_err err;
    sk_err_clear(&err);
    if (sk_stdform_render(&bytes, &len, f, d, recs, n, SK_FORMAT_DOCX, o, &err) != 0)
        fail_msg("sk_stdform_render: %s", err.msg);
    /* through a file, as a reader opens it */
    char *path = data_file("docx", "");
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, len, fp), len);
    fclose(fp);
    sk_zip_reader *rd = NULL;
    assert_int_equal(sk_zip_open(&rd, path, "a DOCX", &err), 0);
    assert_int_equal(sk_zip_read(rd, "word/document.xml", &xml, &xlen, &err), 1);
    sk_zip_close(rd);
    unlink(path);
    free(path);
    free(bytes);
    x->xml = xmlReadMemory(xml, (int)xlen, "document.xml", NULL, XML_PARSE_NONET | XML_PARSE_HUGE);
    free(xml);
    assert_non_null(x->xml);
    x->xp = xmlXPathNewContext(x->xml);
    xmlXPathRegisterNs(x->xp, BAD_CAST "w", BAD_CAST NS_W);
}

static void xdone(xdoc *x)
{
    xmlXPathFreeContext(x->xp);
    xmlFreeDoc(x->xml);
}

static double num(xdoc *x, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x->xp);
    if (!o)
        fail_msg("bad XPath: %s", expr);
    double v = xmlXPathCastToNumber(o);
    xmlXPathFreeObject(o);
    return v;
}

static char *str(xdoc *x, const char *expr)
{
    xmlXPathObjectPtr o = xmlXPathEvalExpression(BAD_CAST expr, x->xp);
    if (!o)
        fail_msg("bad XPath: %s", expr);
    xmlChar *s = xmlXPathCastToString(o);
    char *r = sk_strdup((const char *)s);
    xmlFree(s);
    xmlXPathFreeObject(o);
    return r;
}

static void assert_text(xdoc *x, const char *expr, const char *want)
{
    char *t = str(x, expr);
    if (strcmp(t, want))
        fail_msg("%s is \"%s\", want \"%s\"", expr, t, want);
    free(t);
}

/* ---------- the model ---------- */

static void test_report_card_fields_in_order_with_lines(void **state)
{
    (void)state;
    const sk_form *f = form("report-card");
    static const struct { const char *name; int line; } want[] = {
        { "card_no", 274 },         { "community_party_org", 276 }, { "name", 278 },
        { "address", 278 },         { "gender", 282 },              { "birth_date", 284 },
        { "join_date", 284 },       { "unit", 285 },                { "position", 285 },
        { "phone", 286 },           { "speciality", 286 },          { "service_intention", 287 },
        { "unit_party_org", 289 },  { "unit_contact", 289 },        { "unit_phone", 289 },
        { "report_url", 291 },      { "issue_date", 291 },          { "report_date", 301 },         { "post", 301 },
        { "community_contact", 303 }, { "community_phone", 303 },   { "receipt_date", 305 },
    };
    assert_string_equal(f->number, "SJDJ/TS 09—2019");
    assert_string_equal(f->letter, "B");
    assert_string_equal(f->title, "在职党员社区党组织报到证和回执单");
    assert_string_equal(f->path, TS09);
    assert_int_equal(f->line, 270);
    assert_int_equal(f->nfields, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < f->nfields; i++) {
        assert_string_equal(f->fields[i].name, want[i].name);
        assert_int_equal(f->fields[i].line, want[i].line);
        assert_null(f->fields[i].list);
    }
    assert_int_equal(f->fields[0].col, 4); /* 编号：{{card_no}} */
}

static void test_repeat_list_and_its_fields(void **state)
{
    (void)state;
    const sk_form *f = form("star-register");
    const sk_form_field *l = sk_form_field_get(f, NULL, "activities");
    assert_non_null(l);
    assert_true(l->is_list);
    assert_int_equal(l->line, 367);
    static const char *const inner[] = { "seq", "date", "activity", "hours", "points", "confirmer" };
    for (size_t i = 0; i < 6; i++) {
        const sk_form_field *x = sk_form_field_get(f, "activities", inner[i]);
        assert_non_null(x);
        assert_string_equal(x->list, "activities");
        assert_int_equal(x->line, 367);
    }
    assert_null(sk_form_field_get(f, NULL, "confirmer")); /* only inside the rows */
    const sk_form *a = form("joint-agreement");
    const sk_form_field *pc = sk_form_field_get(a, NULL, "project_count");
    assert_non_null(pc);
    assert_string_equal(pc->def, "1"); /* {{project_count|1}} */
}

static void test_find_by_standard_and_unknown(void **state)
{
    (void)state;
    sk_err err;
    sk_err_clear(&err);
    assert_ptr_equal(sk_formset_find(corpus, "TS-09-shuangbaodao#report-card", &err), form("report-card"));
    assert_ptr_equal(sk_formset_find(corpus, "SJDJ/TS 09—2019#report-card", &err), form("report-card"));
    assert_null(sk_formset_find(corpus, "SJDJ/TS 04—2019#report-card", &err));
    assert_null(sk_formset_find(corpus, "no-such-form", &err));
    assert_non_null(strstr(err.msg, "no form 'no-such-form'"));
    const sk_form *s = sk_formset_find(corpus, "stdkit#sign-in", &err);
    assert_non_null(s);
    assert_true(s->shipped);
}

/* ---------- validation ---------- */

static void test_missing_column_names_column_and_form_line(void **state)
{
    (void)state;
    sk_dataset *d = load("tests/data/members.csv", NULL);
    reports r = { .n = 0 };
    sk_stdform_opts o = { .report = on_report, .ctx = &r };
    sk_stdform_result res = { 0 };
    unsigned char bad[32] = { 0 };
    size_t errors = sk_stdform_validate(form("report-card"), d, &o, bad, &res);
    assert_int_equal(errors, 8); /* card_no … receipt_date, report_url */
    const sk_err *e = report_with(&r, SK_ERROR, "'card_no'");
    assert_non_null(e);
    assert_string_equal(e->file, TS09);
    assert_int_equal(e->line, 274);
    assert_non_null(strstr(e->msg, "members.csv"));
    /* the column may be named as the form labels the field, when that label is its alone */
    assert_non_null(strstr(e->msg, "add the column, named card_no or as the form labels it, 编号, or give --set"));
    e = report_with(&r, SK_ERROR, "'unit_phone'");
    assert_non_null(e);
    assert_null(strstr(e->msg, "labels it")); /* 联系电话 is the phone's label too */
    assert_non_null(report_with(&r, SK_WARNING, "does not use: community, year"));
    assert_true(bad[0] && bad[19]); /* a missing column spoils every record */

    /* --set supplies them: clean, and the records are good */
    r.n = 0;
    memset(&res, 0, sizeof res);
    o.sets = card_sets;
    o.nsets = sizeof card_sets / sizeof card_sets[0];
    assert_int_equal(sk_stdform_validate(form("report-card"), d, &o, bad, &res), 0);
    assert_false(bad[0]);
    sk_records_free(d);
}

static const char *label_of(const sk_form *f, const char *list, const char *name)
{
    const sk_form_field *x = sk_form_field_get(f, list, name);
    assert_non_null(x);
    return x->label ? x->label : "(none)";
}

static void test_labels_from_cells_headers_and_colons(void **state)
{
    (void)state;
    const sk_form *f = form("report-card");
    assert_string_equal(label_of(f, NULL, "name"), "姓名");          /* the cell left of it */
    assert_string_equal(label_of(f, NULL, "join_date"), "入党时间");
    assert_string_equal(label_of(f, NULL, "card_no"), "编号");       /* 编号：{{card_no}} */
    assert_string_equal(label_of(f, NULL, "unit_contact"), "联系人"); /* after 　　 on a line */
    assert_string_equal(label_of(f, NULL, "unit_party_org"), "驻地单位党组织（盖章）");
    assert_string_equal(label_of(f, NULL, "report_date"), "(none)"); /* in a sentence: no label */
    assert_true(sk_form_field_get(f, NULL, "phone")->label_in_table);
    assert_false(sk_form_field_get(f, NULL, "unit_phone")->label_in_table);
    const sk_form *s = form("sign-in");
    assert_string_equal(label_of(s, "attendees", "name"), "姓名");   /* the header over the repeat row */
    assert_string_equal(label_of(s, NULL, "meeting"), "会议名称");
    char *k = sk_form_label_key(" 驻地单位党组织 (盖章)： ");
    assert_string_equal(k, "驻地单位党组织");
    free(k);
    k = sk_form_label_key("出生　年月:");
    assert_string_equal(k, "出生年月");
    free(k);
}

static void test_match_columns_by_label_map_and_brackets(void **state)
{
    (void)state;
    /* a UTF-8 CSV with a BOM, as Excel's "CSV UTF-8" saves it */
    char *p = data_file("csv", "\xEF\xBB\xBF编号,姓名 ,性别,出生年月,入党时间,工作单位,职务,联系电话,联系人,"
                               "居住地址（现住址）,开具日期（issue_date）,备注\r\n"
                               "SJBD-1,张三,男,1975-06,1998-07-01,教育局,科员,13800000000,刘伟,金华小区,2024-03-01,\r\n");
    sk_dataset *d = load(p, NULL);
    reports r = { .n = 0 };
    sk_stdform_opts o = { .report = on_report, .ctx = &r };
    sk_stdform_result res = { 0 };
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_stdform_match(form("report-card"), d, &o, &res, &err), 0);
    const sk_err *note = report_with(&r, SK_NOTE, "columns matched to fields: 编号 → card_no, 姓名 → name");
    assert_non_null(note);
    assert_non_null(strstr(note->msg, "联系电话 → phone"));           /* the one labelled in the table */
    assert_non_null(strstr(note->msg, "居住地址（现住址） → address")); /* brackets ignored */
    assert_non_null(strstr(note->msg, "开具日期（issue_date） → issue_date"));
    /* 联系人 labels unit_contact and community_contact, neither in a table */
    assert_non_null(report_with(&r, SK_WARNING, "column '联系人' is the label of several fields "
                                                "(unit_contact, community_contact): give --map '联系人=FIELD'"));
    assert_string_equal(d->columns[1], "name");
    assert_string_equal(sk_records_get(d->recs[0], "name")->text, "张三");
    assert_string_equal(sk_records_get(d->recs[0], "phone")->text, "13800000000");
    assert_string_equal(d->columns[11], "备注"); /* no field's label: left as it is */
    sk_records_free(d);

    /* --map decides what labels cannot */
    d = load(p, NULL);
    const char *maps[] = { "联系人=unit_contact" };
    r.n = 0;
    o.maps = maps;
    o.nmaps = 1;
    assert_int_equal(sk_stdform_match(form("report-card"), d, &o, &res, &err), 0);
    assert_string_equal(sk_records_get(d->recs[0], "unit_contact")->text, "刘伟");
    assert_null(report_with(&r, SK_WARNING, "several fields"));
    const char *bad_field[] = { "联系人=nope" };
    o.maps = bad_field;
    assert_int_equal(sk_stdform_match(form("report-card"), d, &o, &res, &err), -1);
    assert_string_equal(err.msg, "--map '联系人=nope': the form report-card has no field 'nope' "
                                 "(stdform list --fields report-card shows them)");
    const char *bad_col[] = { "电话=phone" };
    o.maps = bad_col;
    assert_int_equal(sk_stdform_match(form("report-card"), d, &o, &res, &err), -1);
    assert_non_null(strstr(err.msg, "--map '电话=phone': no column '电话' in "));
    sk_records_free(d);
    unlink(p);
    free(p);

    /* the rows of a summary table: labels of the fields inside repeat rows */
    p = data_file("csv", "序号,姓名,单位,职务\n1,张三,教育局,科员\n2,李四,医院,护士\n");
    d = load(p, "attendees");
    r.n = 0;
    o.maps = NULL;
    o.nmaps = 0;
    assert_int_equal(sk_stdform_match(form("sign-in"), d, &o, &res, &err), 0);
    assert_non_null(report_with(&r, SK_NOTE, "序号 → seq, 姓名 → name, 单位 → unit, 职务 → position"));
    const sk_value *rows = sk_records_get(d->recs[0], "attendees");
    assert_int_equal(rows->nlist, 2);
    assert_string_equal(sk_records_get(rows->list[1], "name")->text, "李四");
    sk_records_free(d);
    unlink(p);
    free(p);
}

/* A list form that may run over pages: （续） on continued pages, 第 N 页 共 M 页 on
 * every page, in both writers; not in a merged batch, not on a form without lists. */
static void test_page_marks_of_a_list_form(void **state)
{
    (void)state;
    sk_stdform_opts o = { 0 };
    xdoc x;
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 1, &o, SK_FORMAT_DOCX, "word/document.xml"));
    assert_int_equal(num(&x, "count(//w:sectPr)"), 1);
    assert_int_equal(num(&x, "count(//w:sectPr/w:titlePg)"), 1);
    assert_text(&x, "string(//w:sectPr/w:headerReference[@w:type='default']/@r:id)", "rId9001");
    assert_text(&x, "string(//w:sectPr/w:headerReference[@w:type='first']/@r:id)", "rId9002");
    assert_int_equal(num(&x, "count(//w:sectPr/w:footerReference[@r:id='rId9003'])"), 3);
    xdone(&x);
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 1, &o, SK_FORMAT_DOCX, "word/header4.xml"));
    assert_text(&x, "string(//w:p)", "会议签到表（续）");
    xdone(&x);
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 1, &o, SK_FORMAT_DOCX, "word/header5.xml"));
    assert_text(&x, "string(//w:p)", "");
    xdone(&x);
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 1, &o, SK_FORMAT_DOCX, "word/footer4.xml"));
    assert_text(&x, "string(//w:p)", "第 1 页　共 1 页");
    assert_text(&x, "string(//w:fldSimple[1]/@w:instr)", " PAGE ");
    assert_text(&x, "string(//w:fldSimple[2]/@w:instr)", " NUMPAGES ");
    xdone(&x);
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 1, &o, SK_FORMAT_DOCX, "word/_rels/document.xml.rels"));
    xmlXPathRegisterNs(x.xp, BAD_CAST "pr", BAD_CAST "http://schemas.openxmlformats.org/package/2006/relationships");
    assert_text(&x, "string(//pr:Relationship[@Id='rId9003']/@Target)", "footer4.xml");
    xdone(&x);
    /* ODT: the first page's master has the footer and leads to the continued pages' */
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 1, &o, SK_FORMAT_ODT, "styles.xml"));
    assert_text(&x, "string(//style:master-page[@style:name='Form']/@style:next-style-name)", "FormCont");
    assert_int_equal(num(&x, "count(//style:master-page[@style:name='Form']/style:header)"), 0);
    assert_text(&x, "string(//style:master-page[@style:name='FormCont']/style:header/text:p)", "会议签到表（续）");
    assert_int_equal(num(&x, "count(//style:master-page[@style:name='FormCont']/style:footer/text:p/text:page-count)"), 1);
    assert_text(&x, "string(//style:master-page[@style:name='Form']/style:footer/text:p)", "第 1 页　共 1 页");
    xdone(&x);
    /* a merged batch of copies (the count would be the batch's) and a form without lists: none */
    assert_true(render_part(&x, form("sign-in"), NULL, NULL, 2, &o, SK_FORMAT_DOCX, "word/document.xml"));
    assert_int_equal(num(&x, "count(//w:sectPr/w:headerReference | //w:sectPr/w:titlePg)"), 0);
    xdone(&x);
    assert_false(render_part(&x, form("sign-in"), NULL, NULL, 2, &o, SK_FORMAT_DOCX, "word/footer4.xml"));
    assert_true(render_part(&x, form("report-card"), NULL, NULL, 1, &o, SK_FORMAT_ODT, "styles.xml"));
    assert_int_equal(num(&x, "count(//style:master-page[@style:name='FormCont'])"), 0);
    xdone(&x);
}

static void test_list_given_as_text_is_an_error_of_its_record(void **state)
{
    (void)state;
    char *path = data_file("csv", "name,activities\n张三,\n李四,打扫卫生\n");
    sk_dataset *d = load(path, NULL);
    reports r = { .n = 0 };
    sk_stdform_opts o = { .report = on_report, .ctx = &r };
    sk_stdform_result res = { 0 };
    unsigned char bad[4] = { 0 };
    sk_stdform_validate(form("star-register"), d, &o, bad, &res);
    const sk_err *e = report_with(&r, SK_ERROR, "record 2: 'activities' is text");
    assert_non_null(e);
    assert_int_equal(e->line, 3); /* the CSV line of 李四 */
    assert_null(report_with(&r, SK_ERROR, "record 1:")); /* an empty cell is an empty list */
    assert_true(bad[1]);
    sk_records_free(d);
    unlink(path);
    free(path);
}

/* ---------- names and shards ---------- */

static void test_safe_names(void **state)
{
    (void)state;
    char long_name[400];
    memset(long_name, 0, sizeof long_name);
    for (int i = 0; i < 100; i++)
        memcpy(long_name + 3 * i, "名", 3); /* 300 bytes */
    static const struct { const char *in, *out; } table[] = {
        { "../../x", "_.._x" },
        { "/etc/passwd", "_etc_passwd" },
        { "a\\b:c*d?e\"f<g>h|i", "a_b_c_d_e_f_g_h_i" },
        { "CON", "_CON" },
        { "nul.txt", "_nul.txt" },
        { "com1", "_com1" },
        { "COM10", "COM10" },
        { "a\x01" "b\x1f" "c\x7f", "abc" },
        { "x\xE2\x80\xAEy", "xy" },  /* U+202E reverses the text that follows */
        { "...hidden", "hidden" },
        { "--rm -rf", "rm -rf" },
        { "name. . ", "name" },
        { "", "record-7" },
        { "..", "record-7" },
        { "张三-上街区教育局", "张三-上街区教育局" },
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        char *s = sk_stdform_safe_name(table[i].in, 7);
        if (strcmp(s, table[i].out))
            fail_msg("sk_stdform_safe_name(\"%s\") = \"%s\", want \"%s\"", table[i].in, s, table[i].out);
        free(s);
    }
    char *s = sk_stdform_safe_name(long_name, 1);
    assert_true(strlen(s) <= SK_STDFORM_NAME_MAX);
    assert_int_equal(strlen(s) % 3, 0); /* whole characters */
    assert_int_equal(sk_utf8_validate(s, strlen(s)), (size_t)-1);
    free(s);
}

static void test_names_unique_over_the_whole_dataset(void **state)
{
    (void)state;
    char *path = data_file("csv", "name,unit\n张三,甲\n张三,甲\nZhang,乙\nzhang,乙\n../../x,丙\n,丁\n/abs,戊\n");
    sk_dataset *d = load(path, NULL);
    char **names = NULL;
    sk_err err;
    sk_err_clear(&err);
    sk_stdform_opts o = { .shard_k = 2, .shard_n = 3 }; /* the names do not depend on the shard */
    assert_int_equal(sk_stdform_names(form("report-card"), d, "{{name}}", &o, &names, &err), 0);
    static const char *const want[] = { "张三", "张三-2", "Zhang", "zhang-2", "_.._x", "record-6", "_abs" };
    for (size_t i = 0; i < 7; i++)
        assert_string_equal(names[i], want[i]);
    sk_stdform_names_free(names, d->n);
    assert_int_equal(sk_stdform_names(form("report-card"), d, "{{_n}}-{{unit}}", &o, &names, &err), 0);
    assert_string_equal(names[0], "1-甲");
    sk_stdform_names_free(names, d->n);
    assert_int_equal(sk_stdform_names(form("report-card"), d, NULL, &o, &names, &err), 0);
    assert_string_equal(names[6], "report-card-7");
    sk_stdform_names_free(names, d->n);
    assert_int_equal(sk_stdform_names(form("report-card"), d, "{{nmae}}", &o, &names, &err), -1);
    assert_non_null(strstr(err.msg, "no field 'nmae'"));
    sk_records_free(d);
    unlink(path);
    free(path);
}

/* Names a case-insensitive or normalising file system (SMB, exFAT, NTFS, APFS)
 * takes for one never overwrite each other: Unicode case folding and NFC. */
static void test_names_unique_under_case_folding_and_nfc(void **state)
{
    (void)state;
    char *path = data_file("csv", "name,unit\nStraße,甲\nSTRASSE,甲\n\xC3\x89mile,乙\nE\xCC\x81mile,乙\n\xC3\xA9MILE,乙\n"
                                  "ΣΊΣΥΦΟΣ,丙\nσίσυφος,丙\nx,丁\nX,丁\nx-2,丁\nX,丁\n");
    sk_dataset *d = load(path, NULL);
    char **names = NULL;
    sk_err err;
    sk_err_clear(&err);
    sk_stdform_opts o = { 0 };
    assert_int_equal(sk_stdform_names(form("report-card"), d, "{{name}}", &o, &names, &err), 0);
    static const char *const want[] = { "Straße", "STRASSE-2", "\xC3\x89mile", "E\xCC\x81mile-2", "\xC3\xA9MILE-3",
                                        "ΣΊΣΥΦΟΣ", "σίσυφος-2", "x", "X-2", "x-2-2", "X-3" };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        assert_string_equal(names[i], want[i]);
    sk_stdform_names_free(names, d->n);
    sk_records_free(d);
    unlink(path);
    free(path);
}

static void test_shards_cover_every_record_once(void **state)
{
    (void)state;
    size_t k, n;
    sk_err err;
    sk_err_clear(&err);
    assert_int_equal(sk_stdform_shard_parse("2/4", &k, &n, &err), 0);
    assert_int_equal(k, 2);
    assert_int_equal(n, 4);
    static const char *const bad[] = { "0/4", "5/4", "4", "/4", "2/", "a/b", "2/0", "-1/4", "1/4x", "" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(sk_stdform_shard_parse(bad[i], &k, &n, &err), -1);
    assert_non_null(strstr(err.msg, "K/N"));
    /* records 1, 5, 9 … are shard 1 of 4 (1-based), and every record is in exactly one */
    assert_true(sk_stdform_in_shard(0, 1, 4));
    assert_true(sk_stdform_in_shard(4, 1, 4));
    assert_true(sk_stdform_in_shard(1, 2, 4));
    assert_false(sk_stdform_in_shard(1, 1, 4));
    for (size_t i = 0; i < 50; i++) {
        int hits = 0;
        for (size_t s = 1; s <= 3; s++)
            hits += sk_stdform_in_shard(i, s, 3);
        assert_int_equal(hits, 1);
        assert_true(sk_stdform_in_shard(i, 1, 0));
    }
}

/* ---------- documents ---------- */

static void test_merged_has_a_page_break_between_records(void **state)
{
    (void)state;
    sk_dataset *d = load("tests/data/members.csv", NULL);
    sk_stdform_opts o = { .sets = card_sets, .nsets = sizeof card_sets / sizeof card_sets[0] };
    size_t recs[] = { 0, 1, 2, 3, 4 };
    xdoc x;
    render(&x, form("report-card"), d, recs, 5, &o);
    /* a form prints as a form: no 附录 lines; the title of each of its two parts per
     * record; all copies but the first start a page, the first switches it off */
    assert_int_equal(num(&x, "count(//w:p[w:pPr/w:pStyle/@w:val='GBAnnexTitle'])"), 0);
    assert_int_equal(num(&x, "count(//w:p[w:pPr/w:pStyle/@w:val='GBFormTitle'])"), 10);
    assert_int_equal(num(&x, "count(//w:p[w:pPr/w:pStyle/@w:val='GBFormTitle'][w:r/w:t='在职党员报到回执单'])"), 5);
    assert_int_equal(num(&x, "count(//w:pageBreakBefore[not(@w:val)] | //w:br[@w:type='page'])"), 4);
    assert_int_equal(num(&x, "count(//w:pageBreakBefore[@w:val='0'])"), 1);
    assert_int_equal(num(&x, "count(/w:document/w:body/w:p[1]/w:pPr/w:pageBreakBefore[@w:val='0'])"), 1);
    /* the cut line of each copy, and the records in order */
    assert_int_equal(num(&x, "count(//w:p[w:pPr/w:pStyle/@w:val='GBCutLine'])"), 5);
    char *t = str(&x, "string(/w:document/w:body)");
    const char *a = strstr(t, "张建国"), *b = strstr(t, "李秀兰"), *e = strstr(t, "刘洋");
    assert_true(a && b && e && a < b && b < e);
    free(t);
    /* a single section: no header, footer or page number */
    assert_int_equal(num(&x, "count(//w:sectPr)"), 1);
    assert_int_equal(num(&x, "count(//w:headerReference | //w:footerReference | //w:pgNumType)"), 0);
    xdone(&x);
    sk_records_free(d);
}

static void test_blank_copies(void **state)
{
    (void)state;
    sk_stdform_opts o = { 0 };
    xdoc x;
    render(&x, form("report-card"), NULL, NULL, 3, &o);
    assert_int_equal(num(&x, "count(//w:pageBreakBefore[not(@w:val)])"), 2);
    /* blank fields: underlined no-break spaces in running text, nothing in cells */
    assert_true(num(&x, "count(//w:r[w:rPr/w:rStyle/@w:val='GBFormField'])") > 0);
    assert_text(&x, "string(//w:tbl[1]/w:tr[1]/w:tc[2])", "");
    xdone(&x);
}

static void test_repeat_rows_one_per_element(void **state)
{
    (void)state;
    sk_dataset *d = load("tests/data/members.json", NULL);
    static const char *const sets[] = { "community_party_org=", "reviewer=", "sign_date=", "pledge=",
                                        "publicity_date=" };
    sk_stdform_opts o = { .sets = sets, .nsets = 5 };
    size_t recs[] = { 2 }; /* 王志强: four activities */
    xdoc x;
    render(&x, form("star-register"), d, recs, 1, &o);
    /* 表D.2: the header row and one row per activity */
    const char *tbl = "//w:tbl[2]";
    char expr[160];
    snprintf(expr, sizeof expr, "count(%s/w:tr)", tbl);
    assert_true(num(&x, expr) > 1 + 4); /* and blank rows to the foot of the page */
    snprintf(expr, sizeof expr, "count(%s/w:tr[position() > 5][normalize-space(.) != ''])", tbl);
    assert_int_equal(num(&x, expr), 0);
    const sk_value *acts = sk_records_get(d->recs[2], "activities");
    assert_non_null(acts);
    assert_int_equal(acts->nlist, 4);
    for (size_t i = 0; i < 4; i++) {
        snprintf(expr, sizeof expr, "string(%s/w:tr[%zu]/w:tc[3])", tbl, i + 2);
        assert_text(&x, expr, sk_records_get(acts->list[i], "activity")->text);
        snprintf(expr, sizeof expr, "string(%s/w:tr[%zu]/w:tc[1])", tbl, i + 2);
        assert_text(&x, expr, sk_records_get(acts->list[i], "seq")->text);
    }
    xdone(&x);
    sk_records_free(d);

    /* no elements: the blank rows of the blank form; seq numbers rows when the data has none */
    char *path = data_file("json", "[{\"name\": \"张三\", \"activities\": []},"
                                   " {\"name\": \"李四\", \"activities\": [{\"date\": \"6月1日\"}, {\"date\": \"6月2日\"}]}]");
    d = load(path, NULL);
    static const char *const more[] = { "community_party_org=", "reviewer=", "sign_date=", "pledge=",
                                        "publicity_date=", "unit=", "community=", "report_date=", "post=",
                                        "phone=", "year=", "total_hours=", "total_points=", "star_level=" };
    o.sets = more;
    o.nsets = sizeof more / sizeof more[0];
    size_t both[] = { 0, 1 };
    render(&x, form("star-register"), d, both, 2, &o);
    /* the blank rows fill the page: as many as the blank form's, more than the list's two */
    assert_true(num(&x, "count(//w:tbl[2]/w:tr)") >= 1 + SK_FILL_BLANK_ROWS);
    assert_true(num(&x, "count(//w:tbl[5]/w:tr)") > 1 + 2); /* the second copy's 表D.2 */
    assert_int_equal(num(&x, "count(//w:tbl[5]/w:tr[position() > 3][normalize-space(.) != ''])"), 0);
    assert_text(&x, "string(//w:tbl[5]/w:tr[3]/w:tc[1])", "2");
    assert_text(&x, "string(//w:tbl[5]/w:tr[3]/w:tc[2])", "6月2日");
    xdone(&x);
    sk_records_free(d);
    unlink(path);
    free(path);
}

static void test_values_escaped_and_control_characters_dropped(void **state)
{
    (void)state;
    /* CSV keeps control characters (and U+FFFE) as written; XML cannot hold them */
    char *path = data_file("csv", "name,unit\n\"a<&]]>b\",\"x\x01y\x1f" "z\xEF\xBF\xBEw\"\n");
    sk_dataset *d = load(path, NULL);
    reports r = { .n = 0 };
    sk_stdform_opts o = { .sets = card_sets, .nsets = sizeof card_sets / sizeof card_sets[0], .report = on_report,
                       .ctx = &r };
    static const char *const rest[] = { "card_no=",         "unit_contact=",    "unit_phone=",    "issue_date=",
                                        "community_contact=", "community_phone=", "receipt_date=", "community_party_org=",
                                        "address=",         "gender=",          "birth_date=",    "join_date=",
                                        "position=",        "phone=",           "speciality=",    "service_intention=",
                                        "unit_party_org=",  "report_date=",     "post=",       "report_url=" };
    o.sets = rest;
    o.nsets = sizeof rest / sizeof rest[0];
    sk_stdform_result res = { 0 };
    assert_int_equal(sk_stdform_validate(form("report-card"), d, &o, NULL, &res), 0);
    const sk_err *w = report_with(&r, SK_WARNING, "record 1, field 'unit': 3 characters that XML cannot hold");
    assert_non_null(w);
    assert_int_equal(w->line, 2);
    size_t recs[] = { 0 };
    xdoc x;
    render(&x, form("report-card"), d, recs, 1, &o);
    assert_text(&x, "string(//w:tbl[1]/w:tr[1]/w:tc[2])", "a<&]]>b");
    assert_text(&x, "string(//w:tbl[1]/w:tr[3]/w:tc[2])", "xyzw");
    xdone(&x);
    sk_records_free(d);
    unlink(path);
    free(path);
}

/* ---------- stdcheck ---------- */

static void test_check_reports_each_problem(void **state)
{
    (void)state;
    sk_diags d;
    sk_doc *doc = parse_str(FM "# 范围\n\n见{{outside}}。\n\n"
                               "# 附录A（规范性）表 {#a form=x}\n\n{{ok}}，{{bad name}}，{{}}，{{open\n\n"
                               "| 甲 | 乙 |\n|---|---|\n| {{#m}}{{a}} | {{b}}{{/n}} |\n\n"
                               "# 附录B（规范性）表二 {#b form=x}\n\n无字段。\n",
                            &d);
    assert_non_null(doc);
    sk_diag_free(&d);
    sk_diag_init(&d);
    sk_forms_check(doc, &d);
    assert_int_equal(diag_count(&d, "form-field-outside"), 1);
    assert_int_equal(diag_count(&d, "form-field-syntax"), 3);
    assert_int_equal(diag_count(&d, "form-repeat"), 2);
    assert_int_equal(diag_count(&d, "form-dup"), 1);
    assert_int_equal(diag_count(&d, "form-empty"), 1);
    int i = diag_find(&d, "form-field-outside");
    assert_int_equal(d.items[i].line, FM_LINES + 3);
    assert_int_equal(d.items[i].col, 2);
    sk_diag_free(&d);
    sk_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_card_fields_in_order_with_lines),
        cmocka_unit_test(test_repeat_list_and_its_fields),
        cmocka_unit_test(test_find_by_standard_and_unknown),
        cmocka_unit_test(test_missing_column_names_column_and_form_line),
        cmocka_unit_test(test_list_given_as_text_is_an_error_of_its_record),
        cmocka_unit_test(test_safe_names),
        cmocka_unit_test(test_names_unique_over_the_whole_dataset),
        cmocka_unit_test(test_names_unique_under_case_folding_and_nfc),
        cmocka_unit_test(test_shards_cover_every_record_once),
        cmocka_unit_test(test_merged_has_a_page_break_between_records),
        cmocka_unit_test(test_blank_copies),
        cmocka_unit_test(test_repeat_rows_one_per_element),
        cmocka_unit_test(test_values_escaped_and_control_characters_dropped),
        cmocka_unit_test(test_check_reports_each_problem),
        cmocka_unit_test(test_labels_from_cells_headers_and_colons),
        cmocka_unit_test(test_page_marks_of_a_list_form),
        cmocka_unit_test(test_match_columns_by_label_map_and_brackets),
    };
    return cmocka_run_group_tests(tests, load_corpus, free_corpus);
}
