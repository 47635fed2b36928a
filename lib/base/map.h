/* map — string-keyed hash map (open addressing). */
#ifndef SK_MAP_H
#define SK_MAP_H

#include <stddef.h>

/* String-keyed hash map (open addressing); keys are copied, values borrowed. */
typedef struct sk_map {
    char **keys;
    void **vals;
    size_t cap, len;
} sk_map;

void sk_map_init(sk_map *m);
void sk_map_free(sk_map *m);
/* Sets key to val; returns the previous value or NULL. */
void *sk_map_put(sk_map *m, const char *key, void *val);
void *sk_map_get(const sk_map *m, const char *key);

#endif
