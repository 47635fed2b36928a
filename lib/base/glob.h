/* glob — path patterns as .gitignore and linters' include/exclude lists write them:
 * '*' within one directory name, '?' one character, [abc] a class, '**' any number
 * of directories; a pattern without '/' matches the file's name in any directory,
 * and "name/" a directory of that name at any depth. */
#ifndef SK_GLOB_H
#define SK_GLOB_H

/* 1 when path (relative, '/'-separated) matches pattern, 0 otherwise. */
int sk_glob_match(const char *pattern, const char *path);

#endif
