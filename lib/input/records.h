/* records — records for form filling, read from CSV, XLSX, XLS, JSON or YAML.
 *
 * A dataset is a list of records; a record is an ordered list of named values;
 * a value is text, or a list of records (the rows of a repeating table).
 * Every string is valid UTF-8 (control characters are kept; writers strip
 * what their format cannot hold).
 *
 * Tables (CSV, XLSX, XLS)
 *   The first non-empty row is the header: its cells, trimmed, are the field
 *   names. An empty name between named columns, or a name used twice, is an
 *   error; empty header cells after the last name are ignored. Every later
 *   row is a record with one text value per column ("" for a missing cell).
 *   Rows whose cells are all empty are skipped. A non-empty cell right of the
 *   last named column is an error. Rows × columns may not pass SK_RECORDS_MAX_CELLS.
 *   CSV: RFC 4180 (quoted fields may hold commas, quotes as "" and line
 *   breaks; CRLF, LF or CR line ends). Spaces around unquoted fields are
 *   dropped. A quote inside an unquoted field, text after a closing quote or
 *   an unclosed quote is an error. Encoding: see sk_records_opts.encoding.
 *   XLSX: numbers print as the shortest text with at most 15 significant
 *   digits and no exponent (1e-10 <= |x| < 1e21); numbers styled as dates
 *   print as YYYY-MM-DD, date-times as YYYY-MM-DD HH:MM (a date-time at
 *   midnight as the date alone), times as HH:MM (or HH:MM:SS when the format
 *   shows seconds); a date format shown with 年 月 日 时 分 秒 (yyyy"年"m"月"d"日",
 *   the built-in 31 and 27) prints as Excel shows it (2024年6月1日). Date styles are the built-in
 *   formats 14-22, 27-36, 45-47, 50-58 (27-36 and 50-58 are the East Asian
 *   locales' 年月日 and 时分 formats) and custom formats with y, m, d, h or s
 *   outside quotes, brackets and escapes. Serials follow the workbook's 1900
 *   (with Lotus's 1900-02-29, serial 60) or 1904 system. Booleans print
 *   TRUE/FALSE, error cells as their code (#N/A), formulas as their cached
 *   value. Hostile files are refused: a DOCTYPE in any part, more than
 *   SK_ZIP_MAX_ENTRIES zip entries, a part over SK_ZIP_MAX_PART bytes
 *   uncompressed, more than SK_RECORDS_MAX_CELLS cells, a column past XFD.
 *
 *   XLS (Excel 97-2003, BIFF): read with libfreexl; numbers as in XLSX, dates
 *   YYYY-MM-DD (the display format is not kept), date-times YYYY-MM-DD HH:MM (a
 *   midnight one as the date), times HH:MM (HH:MM:SS with seconds). A file that
 *   is no .xls is refused saying whether it is an HTML table or text named .xls.
 *
 * Trees (JSON, YAML; JSON is checked strictly (text/json), then read as YAML flow
 * syntax: a JSON error is "line L, column C: invalid JSON: …")
 *   The top level is a list of mappings, one per record, or a mapping with a
 *   single key whose value is that list ({"records": [...]}, any key name).
 *   In a record, a scalar is text exactly as written ("007" stays "007"); null
 *   (~, null, empty) is a missing value; a list of mappings is a list value
 *   (an empty list is a list with nlist 0); a nested mapping is flattened into
 *   dotted names (address: {city: X} gives the field "address.city"). A list
 *   holding anything but mappings, an empty name or a name given twice is an
 *   error at its line.
 *
 * Errors: err->file is the data file; err->msg starts with the place, e.g.
 * "line 7, column 3 (phone): invalid UTF-8 (byte 0xB0)" (CSV: the column is
 * the field's number; quoting errors give "line 7, character 12"), "sheet Sheet1, cell C7: ..." (XLSX), "line 12: ..."
 * (JSON/YAML); err->line/err->col hold the line (CSV, JSON, YAML) or sheet
 * row (XLSX) and column. */
#ifndef SK_RECORDS_H
#define SK_RECORDS_H

#include "base/common.h"

#define SK_RECORDS_MAX_FILE (256u << 20)    /* CSV/JSON/YAML file size (sk_records_load; a
                                               streamed CSV, sk_records_open, has none) */
#define SK_RECORDS_MAX_CELLS 10000000       /* XLSX cells read; rows × columns of a CSV/XLSX table
                                               held (a streamed CSV: of its window) */
#define SK_RECORDS_MAX_COLUMNS 16384        /* columns (XLSX: A..XFD) and fields per record */
#define SK_RECORDS_MAX_VALUE (1u << 20)      /* bytes of one CSV field or XLSX cell/shared string */
#define SK_RECORDS_MAX_TEXT (256u << 20)     /* bytes of all an XLSX's cell values, a shared string
                                                counted in every cell using it */

typedef struct sk_record sk_record;

/* text == NULL && list == NULL: missing (JSON/YAML null). A list value has
 * list != NULL even when nlist == 0. */
typedef struct sk_value {
    char *text;
    sk_record **list;
    size_t nlist;
} sk_value;

struct sk_record {
    char **names;      /* field names in source order (records of a table share one array) */
    sk_value *values;  /* values[i] belongs to names[i] */
    size_t n;
    int row;           /* 1-based CSV/JSON/YAML line where the record starts, or XLSX row */
};

typedef struct sk_records_mem sk_records_mem;
typedef struct sk_records_stream sk_records_stream;

typedef struct sk_dataset {
    sk_record **recs;
    size_t n;
    char **columns;    /* field names in header order (JSON/YAML: order of first use);
                          with rows_list, the names of the rows inside the list */
    size_t ncolumns;
    char *path;
    const char *sheet;    /* XLSX: the sheet read; else NULL */
    char **sheets;        /* XLSX: every sheet of the workbook, in tab order (nsheets) */
    size_t nsheets;
    char **preamble;   /* with header_names: the rows above the header, each its non-empty
                          cells (trimmed) joined by TAB, in order */
    size_t npreamble;
    sk_records_mem *mem;  /* private: owns every record and string of the dataset */
    sk_records_stream *stream; /* private: a streamed table (sk_records_open): recs is NULL */
} sk_dataset;

typedef struct sk_records_opts {
    const char *format;    /* "csv", "xlsx", "xls", "json", "yaml"; NULL: from the extension
                              (.csv .xlsx .xls .json .yaml .yml, any case) */
    const char *encoding;  /* CSV only. NULL or "auto": UTF-8 (BOM optional) when the file is
                              UTF-8 (one damaged byte among many good sequences still counts,
                              and is reported), else GB18030 (a superset of GBK). Or "UTF-8",
                              "GB18030", "GBK". A byte sequence invalid in the encoding used is
                              an error naming its line and column. */
    const char *sheet;     /* XLSX, XLS: sheet name; NULL: the first sheet */
    const char *rows_list; /* NULL, or NAME: the dataset becomes ONE record whose only field
                              NAME is the list of all rows/records (summary forms, 汇总表) */
    const char *const *header_names; /* CSV, XLSX: NULL, or names (NULL-terminated): the header is
                              the first row one of whose cells, trimmed, is one of them; the
                              non-empty rows above it are the preamble (a form's title and
                              "单位名称：…" lines). No such row is an error. */
} sk_records_opts;

/* Loads path. o may be NULL (all defaults). On failure returns -1 with err set
 * and *out untouched; never prints. */
int sk_records_load(sk_dataset **out, const char *path, const sk_records_opts *o, sk_err *err);
/* The same, but a CSV table (without rows_list) is not held: it is read once here
 * (every error reported as sk_records_load reports it, and d->n counted), then
 * again, a window of records at a time, by sk_records_at; d->recs is NULL. Other
 * formats are loaded whole (sk_records_load). Memory stays flat in the number of
 * records. */
int sk_records_open(sk_dataset **out, const char *path, const sk_records_opts *o, sk_err *err);
/* Record i of d (i < d->n): valid until the next call for another record of a
 * streamed dataset, which reads on from the last (an earlier i reads the file
 * again from its start: go through the records in order). When the file can no
 * longer be read as it was (it changed), a record with no values is given and
 * sk_records_failed says so. */
const sk_record *sk_records_at(const sk_dataset *d, size_t i);
/* -1 with err set when a streamed dataset could not be read again; else 0. */
int sk_records_failed(const sk_dataset *d, sk_err *err);
void sk_records_free(sk_dataset *d);
/* Renames the field from to `to` in d->columns and in every record, the rows of
 * list values included (to is copied). The caller makes sure no record has a field
 * named to already. Returns the number of records (rows included) renamed. */
size_t sk_records_rename(sk_dataset *d, const char *from, const char *to);
/* Value of the field name in r, or NULL when r has no such field. */
const sk_value *sk_records_get(const sk_record *r, const char *name);

#endif
