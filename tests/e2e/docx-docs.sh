# stdgen(1) renders without groff warnings, and stdgen --help and the man page
# name the same options. (The man page listing every style name is checked by
# tests/unit/test_docx.c.)
set -eu
SG=$ROOT/$BUILD/stdgen
if command -v groff >/dev/null; then
    warn=$(groff -k -man -Tutf8 -ww -z "$ROOT/docs/stdgen.1" 2>&1 | grep -v "can't break line" || true)
    [ -z "$warn" ] || { echo "groff warns: $warn"; exit 1; }
fi
if command -v man >/dev/null; then
    MANWIDTH=80 man "$ROOT/docs/stdgen.1" 2>/dev/null | grep -q 'render standards written' ||
        { echo "man ./docs/stdgen.1 does not render"; exit 1; }
fi
help=$("$SG" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
man=$(sed -n '/^\.SH OPTIONS/,/^\.SH OUTPUT/p' "$ROOT/docs/stdgen.1" | sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ "$help" = "$man" ] || { echo "--help and stdgen.1 differ:"; diff <(printf '%s\n' "$help") <(printf '%s\n' "$man"); exit 1; }
echo ok
