# The module structure holds (scripts/layering on the objects just built: no
# cycle, every dependency down the stages, every export named sk_<module>_), and
# the check fails when one of the dependencies the architecture work removed
# comes back: the inline <-> node cycle (inline.c asked node.c for the label a
# reference shows, while node.c frees a node's runs through inline.c), the
# Markdown reader measuring
# with the layout's field widths (the model using the layout, as doc.c used
# front.c), and an export not named after its module.
set -u
. "$ROOT/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
die() { echo "$*"; exit 1; }
L=$ROOT/$BUILD/lib
out=$(python3 "$ROOT/scripts/layering" "$L") || die "scripts/layering fails on the build: $out"
printf '%s\n' "$out" | grep -q '^layering: [0-9]* modules, [0-9]* dependencies between them, no cycle' ||
    die "unexpected summary: $out"
CFLAGS="-std=c11 -D_GNU_SOURCE -I$ROOT/lib -I$ROOT/$BUILD $(pkg-config --cflags libxml-2.0 libcmark-gfm)"
# rebuild one module of a copy of the build with a line added, and run the check on it
again() {
    local module=$1 extra=$2
    rm -rf "$T/lib"
    cp -r "$L" "$T/lib"
    { cat "$ROOT/lib/$module.c"; printf '%s\n' "$extra"; } > "$T/probe.c"
    cc $CFLAGS -c -o "$T/lib/$module.o" "$T/probe.c" || die "cannot compile the probe for $module"
    python3 "$ROOT/scripts/layering" "$T/lib"
}
out=$(again model/inline 'const sk_node *sk_inline_probe(const sk_node *n) { return sk_node_top(n); }') &&
    die "an inline <-> node cycle passed: $out"
printf '%s\n' "$out" | grep -q '^layering: cycle between model/inline, model/node:' || die "cycle not named: $out"
printf '%s\n' "$out" | grep -q 'model/inline -> model/node (sk_node_top)' || die "cycle's step not named: $out"
out=$(again model/markdown '#include "layout/fill.h"
int sk_markdown_probe(const char *name) { return sk_fill_field_width(name); }') && die "model -> layout passed: $out"
printf '%s\n' "$out" | grep -q 'model/markdown uses layout/fill (sk_fill_field_width): the layout stage comes after it' ||
    die "upward dependency not named: $out"
out=$(again check/gbt 'int sk_rules_probe(void) { return 0; }') && die "a misnamed export passed: $out"
printf '%s\n' "$out" | grep -q 'check/gbt exports names not starting sk_gbt_: sk_rules_probe' || die "naming not reported: $out"
echo "layering holds; a cycle, an upward dependency and a misnamed export each fail it"
