#include "base/map.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void sk_map_init(sk_map *m)
{
    m->keys = NULL;
    m->vals = NULL;
    m->cap = m->len = 0;
}

void sk_map_free(sk_map *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    sk_map_init(m);
}

static void map_grow(sk_map *m)
{
    sk_map n;
    n.cap = m->cap ? m->cap * 2 : 16;
    n.len = 0;
    n.keys = sk_calloc(n.cap, sizeof *n.keys);
    n.vals = sk_calloc(n.cap, sizeof *n.vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = hash_str(m->keys[i]) & (n.cap - 1);
        while (n.keys[j])
            j = (j + 1) & (n.cap - 1);
        n.keys[j] = m->keys[i];
        n.vals[j] = m->vals[i];
        n.len++;
    }
    free(m->keys);
    free(m->vals);
    *m = n;
}

void *sk_map_put(sk_map *m, const char *key, void *val)
{
    if ((m->len + 1) * 2 > m->cap)
        map_grow(m);
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            void *old = m->vals[j];
            m->vals[j] = val;
            return old;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = sk_strdup(key);
    m->vals[j] = val;
    m->len++;
    return NULL;
}

void *sk_map_get(const sk_map *m, const char *key)
{
    if (!m->cap)
        return NULL;
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return NULL;
}
