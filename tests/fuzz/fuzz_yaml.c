/* libFuzzer target: YAML/JSON text → tree (front matter, system.yaml and data files
 * all go through this loader). Aliases must be refused, depth bounded. */
#include <stddef.h>
#include <stdint.h>

#include "text/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sk_yaml_node *root = NULL;
    sk_err err;
    if (sk_yaml_load(&root, (const char *)data, size, 1, "fuzz.yaml", &err) == 0)
        sk_yaml_free(root);
    return 0;
}
