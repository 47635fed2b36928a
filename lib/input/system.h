/* system — the standard system manifest (system.yaml): name, issuer, categories,
 * functional groups and the pattern of the system's own standard numbers. */
#ifndef SK_SYSTEM_H
#define SK_SYSTEM_H

#include "diag/diag.h"

typedef struct sk_category {
    char *code, *name, *description;
    int expected; /* planned number of standards (0 = not stated) */
    int box;      /* its box number in the 标准体系结构图 (0 = not stated: 100, 200 … in order) */
    int line;
} sk_category;

typedef struct sk_group {
    char *code, *name;
    int box;      /* added to a category's box for the group's box (0 = not stated: 1, 2 … in order) */
    int line;
} sk_group;

typedef struct sk_system {
    char *path;  /* the system.yaml file */
    char *dir;   /* its directory */
    char *name, *name_en, *code, *issuer, *level, *number_pattern, *file_pattern;
    char *table_number; /* 体系表编号 pattern ({box} {seq:N} {category} {group}); NULL: "{box}-{seq:2}" */
    int number_pattern_line, file_pattern_line, table_number_line;
    sk_category *cats;
    size_t ncats;
    sk_group *groups;
    size_t ngroups;
} sk_system;

/* Parts of a number that matched the system's pattern. */
typedef struct sk_numparts {
    char category[32];
    int seq;      /* -1 when the pattern has no {seq} */
    int year;     /* -1 when the pattern has no {year} */
    char group[32]; /* table numbers only: the group code */
    int box;        /* table numbers only: the box in the 标准体系结构图 */
} sk_numparts;

/* Loads and validates path. Problems with the content go to diags (and make it return -1
 * when the system is unusable); a missing or unreadable file is -1 with err set. */
int sk_system_load(sk_system **out, const char *path, sk_diags *diags, sk_err *err);
/* Same from text already in memory (path names it in messages). */
int sk_system_load_mem(sk_system **out, const char *path, const char *text, size_t len, sk_diags *diags,
                       sk_err *err);
void sk_system_free(sk_system *sys);

/* The system's numbers (or file names) carry a category: {category} in a pattern.
 * Then categories: is required and so is each standard's category; otherwise (a
 * single-sequence series such as "T/ZZCA {seq:3}—{year}") both are optional. */
int sk_system_uses_category(const sk_system *s);
const sk_category *sk_system_category(const sk_system *sys, const char *code);
const sk_group *sk_system_group(const sk_system *sys, const char *code);
/* 0 when number matches the pattern (parts filled), -1 otherwise. */
int sk_system_match_number(const sk_system *sys, const char *number, sk_numparts *parts);
/* Expands a pattern ({category} {seq:N} {year}; {box} {group} in table numbers) for
 * the given parts. Caller frees. */
char *sk_system_format(const char *pattern, const sk_numparts *parts);
/* Looks for system.yaml in dir and its parents; returns its path (caller frees) or NULL. */
char *sk_system_find(const char *start_dir);

#endif
