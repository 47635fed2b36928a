/* stdnew — the driver behind stdnew: a new standard as a clean skeleton (front
 * matter with the system's next free number and a file name its pattern accepts,
 * chapters 1–3 with their fixed sentences, one core chapter, one annex), and a new
 * system.yaml with its categories. What it writes passes stdcheck. */
#ifndef SK_STDNEW_H
#define SK_STDNEW_H

#include "base/common.h"

/* The fixed sentences of GB/T 1.1—2020 a skeleton (and an editor's code action)
 * writes: the lead-in of 规范性引用文件 (8.6.2) and its sentence when there is
 * nothing to list, the lead-in of 术语和定义 (8.7.2). */
#define SK_STDNEW_NORMREF_LEADIN                                                                             \
    "下列文件中的内容通过文中的规范性引用而构成本文件必不可少的条款。其中，注日期的引用文件，仅该日期对应的版本适用于本文件；" \
    "不注日期的引用文件，其最新版本（包括所有的修改单）适用于本文件。"
#define SK_STDNEW_NORMREF_NONE "本文件没有规范性引用文件。"
#define SK_STDNEW_TERMS_LEADIN "下列术语和定义适用于本文件。"

/* The kinds of standard stdnew writes: their number prefix and cover banner come
 * from the number (docs/format.md, "Cover"). */
typedef enum {
    SK_STDNEW_SYSTEM, /* a standard of the system found above the directory */
    SK_STDNEW_GB,
    SK_STDNEW_GBT,
    SK_STDNEW_DB,
    SK_STDNEW_T,
    SK_STDNEW_Q
} sk_stdnew_type;

typedef struct sk_stdnew_opts {
    int type;                 /* sk_stdnew_type; -1: SYSTEM when a system.yaml is found, else GBT */
    const char *title;        /* the title (required) */
    const char *category;     /* the category: of the system (required when it has several), else any */
    const char *number;       /* the number to give, or NULL: the system's next free one, or a placeholder */
    const char *dir;          /* where the standard is written and system.yaml looked for (NULL: ".") */
    const char *output;       /* the file to write, or NULL: the system's file pattern ("TS-13.md"), else "new-standard.md" */
    int year;                 /* the year of the number (0: this year, or SOURCE_DATE_EPOCH's) */
} sk_stdnew_opts;

/* Writes the skeleton of a new standard; *path gets the file written (caller frees).
 * Never overwrites a file. -1 with err (no title, a category the system lacks, a
 * file that exists, an I/O error). */
int sk_stdnew_standard(char **path, const sk_stdnew_opts *o, sk_err *err);

/* Parses a --type word ("GB", "GB/T", "DB", "T", "Q", "system"): the type, or -1. */
int sk_stdnew_type_parse(const char *s);

typedef struct sk_stdnew_system_opts {
    const char *name;         /* the system's name (required) */
    const char *code;         /* its code, the prefix of its numbers (NULL: "STD") */
    const char *issuer;       /* NULL: none */
    const char *const *categories; /* "CODE=名称" each; none: the three of GB/T 24421.2 */
    size_t ncategories;
    const char *dir;          /* where system.yaml is written (NULL: ".") */
} sk_stdnew_system_opts;

/* Writes DIR/system.yaml; *path gets its name. Never overwrites. -1 with err. */
int sk_stdnew_system(char **path, const sk_stdnew_system_opts *o, sk_err *err);

#endif
