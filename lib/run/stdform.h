/* stdform — the driver behind stdform: printing a form blank or filled from data,
 * one file per record or one merged file.
 * The forms come from a formset (formset.h); what a form is, from form.h.
 *
 * Everything here is independent of the output format: validation of a dataset
 * against a form before anything is written, the choice of records (--shard),
 * the values the writers' sk_fill callbacks (fill.h) answer, the names of
 * per-record files and the atomic writing of a batch. A writer only supplies its
 * form entry point (docx.h's sk_docx_build_form) through a row of stdform.c's table.
 *
 * The value of a field, first found:
 *   1. --set NAME=VALUE (every record);
 *   2. inside a repeat row: NAME of the list element (present but empty stops here);
 *   3. NAME of the record;
 *   4. inside a repeat row, "seq": the element's number (1, 2, 3 …);
 * then the field's default ({{name|默认}}), else a blank. An empty value prints as
 * a blank (or the default). A repeat list with no elements prints
 * SK_FILL_BLANK_ROWS blank rows, as the blank form does, to be filled in by hand.
 * Characters XML cannot hold are dropped by the writer; validation warns about
 * them naming the record and the field. */
#ifndef SK_STDFORM_H
#define SK_STDFORM_H

#include <stddef.h>

#include "diag/report.h"
#include "input/records.h"
#include "diag/diag.h"
#include "model/form.h"
#include "base/zip.h"
#include "run/formset.h"
#include "write/format.h"

/* The formats a form is written as (write/format.h's bits). */
#define SK_STDFORM_FORMATS (SK_FORMAT_DOCX | SK_FORMAT_ODT | SK_FORMAT_PDF)

typedef struct sk_stdform_opts {
    const char *outdir;          /* default "out" */
    unsigned formats;            /* SK_FORMAT_* bits; 0 means DOCX */
    const char *const *sets;     /* "NAME=VALUE" (--set), nsets of them */
    size_t nsets;
    const char *const *maps;     /* "COLUMN=FIELD" (--map), nmaps of them */
    size_t nmaps;
    int merge;                   /* one document for all records */
    const char *each;            /* per-record file name pattern; NULL: "FORMID-N" */
    size_t shard_k, shard_n;     /* records K, K+N, K+2N … (1-based K); shard_n 0: all */
    size_t copies;               /* blank: copies in the document (0 means 1) */
    int keep_going;              /* write the good records when some are bad */
    const char *const *inputs;   /* files an output must never replace (data file …) */
    size_t ninputs;
    /* Every problem: err has the file and line when known. */
    sk_report_fn report;
    /* After each record rendered (done of total). */
    sk_progress_fn progress;
    void *ctx;
} sk_stdform_opts;

typedef struct sk_stdform_result {
    size_t records;   /* records chosen (the shard) */
    size_t written;   /* files written */
    size_t bad;       /* records not written for bad data */
    size_t errors;    /* data errors reported (exit status 1) */
    size_t warnings;
} sk_stdform_result;

/* Matches the columns of d to the fields of f, before sk_stdform_fill (office data
 * has its own headers: 姓名, 联系电话). In order, for each column that is no field's
 * name already:
 *   1. --map COLUMN=FIELD (o->maps) renames it;
 *   2. a header "标签（name）" or "标签 (name)" whose name in brackets is a field
 *      (what `stdform template` writes) is that field;
 *   3. a header whose label key (sk_form_label_key) is the key of one field's label
 *      (form.h's label; fields inside repeat rows too) is that field; when several
 *      fields have the label, the one labelled in a table (the form's data table,
 *      not a line's 联系电话：) if only one is, else none (a warning: give --map).
 * A column is never renamed onto a name another column has. One note lists the
 * matches ("columns matched to fields: 姓名 → name, …"); warnings count into res.
 * -1 with err when a --map is not COLUMN=FIELD, names no column of d or no field of
 * f (a usage error), else 0. */
int sk_stdform_match(const sk_form *f, sk_dataset *d, const sk_stdform_opts *o, sk_stdform_result *res, sk_err *err);

/* stdform template: the data template of f, written atomically to path (.xlsx or
 * .csv, by its extension, any case): one header row with a column per field outside
 * repeat rows (rows_list NAME: per field of the rows of that list, the table that
 * --rows NAME reads), headed "label（name）" (name alone when the field has no
 * label), which sk_stdform_match reads back as that field. XLSX: the sheet 数据 with
 * that row (cells formatted as text, so 007 and phone numbers stay as typed), a sheet
 * 选项 with the options of each choice field in its own column, offered in the
 * field's column as a drop-down, and a sheet 说明 saying for each column its field,
 * label, kind and the form's line. CSV: UTF-8 with a BOM and CRLF (Excel reads it
 * as UTF-8); no options. -1 with err: an unknown rows_list (naming the lists), a
 * path that is no .xlsx or .csv, a path that exists (a template may have been
 * filled in: it is never written over), one of o->inputs, I/O. */
int sk_stdform_template(const sk_form *f, const char *rows_list, const char *path, const sk_stdform_opts *o,
                        sk_err *err);

/* Parses "K/N" (1 <= K <= N). -1 with err otherwise. */
int sk_stdform_shard_parse(const char *s, size_t *k, size_t *n, sk_err *err);
/* True when record i (0-based) belongs to shard K of N (n 0: every record). */
int sk_stdform_in_shard(size_t i, size_t k, size_t n);

/* Checks d against f with o's --set values, before anything is written: a field
 * with no column, no --set and no default is an error at the field's file:line
 * naming the column; a repeat list that is text in a record, or a text field that
 * is a list, is an error naming the record's row (bad[i] set, when bad is not
 * NULL); columns the form does not use and values with characters XML cannot
 * hold are warnings. Only records of the shard are looked at. Reports through
 * o->report and counts into res. Returns the number of errors. */
size_t sk_stdform_validate(const sk_form *f, const sk_dataset *d, const sk_stdform_opts *o, unsigned char *bad,
                        sk_stdform_result *res);

/* A file name stem made safe (see sk_stdform_fill): no '/', '\\' or characters
 * Windows forbids (each becomes '_'), no control characters, no leading dots,
 * dashes or spaces, no trailing dots or spaces, not a reserved device name (CON,
 * NUL, COM1 … get a leading '_'), at most SK_STDFORM_NAME_MAX bytes of valid UTF-8;
 * empty → "record-N" (N = record, 1-based). Caller frees. */
#define SK_STDFORM_NAME_MAX 200
/* The text a fill may put into the forms: into one copy (a record), and into all
 * the documents of one run: 256 MiB, or RATIO times the size of the data file when
 * that is more (a million records of a large table are no amplification; a small
 * file whose long value is used in many fields or records is). Data that would pass
 * either is refused with the record's file and row; nothing is written. */
#define SK_STDFORM_COPY_TEXT_MAX (16u << 20)
#define SK_STDFORM_RUN_TEXT_MAX (256u << 20)
#define SK_STDFORM_RUN_TEXT_RATIO 8
size_t sk_stdform_run_max(const sk_dataset *d);
char *sk_stdform_safe_name(const char *s, size_t record);

/* The expanded and safe file stems of records 0..d->n-1 for pattern ({{name}} →
 * the record's value; {{_n}} → its number; {{_form}} → the form ID), made unique
 * case-insensitively by adding -2, -3 …, over the whole dataset so shards never
 * clash. NULL pattern: "FORMID-N". -1 with err for a pattern field the data and
 * --set do not have. */
int sk_stdform_names(const sk_form *f, const sk_dataset *d, const char *pattern, const sk_stdform_opts *o, char ***out,
                  sk_err *err);
void sk_stdform_names_free(char **names, size_t n);

/* The bytes (*out, malloc'd) of one document of format (one SK_FORM_* bit but
 * PDF) holding records recs[0..n) of d, each on its own page(s); d NULL: n blank
 * copies. -1 with err. */
int sk_stdform_render(char **out, size_t *len, const sk_form *f, const sk_dataset *d, const size_t *recs, size_t n,
                   unsigned format, const sk_stdform_opts *o, sk_err *err);

/* stdform blank: o->copies blank copies in one document per format, named
 * OUTDIR/FORMID-blank.EXT. A form that cannot be printed (a missing figure, a
 * table wider than the format opens) is reported and counted in res->errors;
 * -1 with err on I/O errors. */
int sk_stdform_blank(const sk_form *f, const sk_stdform_opts *o, sk_stdform_result *res, sk_err *err);

/* stdform fill: validates (nothing is written on an error unless o->keep_going,
 * which writes the good records and reports each bad one with its row), then
 * writes, per format, OUTDIR/FORMID.EXT (o->merge; FORMID-K-of-N.EXT for a shard)
 * or one OUTDIR/STEM.EXT per record (sk_stdform_names). Every file of the batch is
 * rendered to a temporary name first and renamed into place once all are
 * rendered: a failure leaves no partial output and earlier files as they were.
 * Never writes over o->inputs, the form's standard or a directory. Returns 0
 * (data errors, and a form that cannot be printed, are reported and counted in
 * res: the caller exits 1), or -1 with err on usage and I/O errors. */
int sk_stdform_fill(const sk_form *f, const sk_dataset *d, const sk_stdform_opts *o, sk_stdform_result *res, sk_err *err);

/* stdform list: every form of s (ID, standard, annex letter, field count, title)
 * in aligned columns on out; with fields_of (a form spec), that form's fields with
 * the line each is first used on. -1 with err when fields_of names no form. */
int sk_stdform_list(FILE *out, const sk_formset *s, const char *fields_of, sk_err *err);

#endif
