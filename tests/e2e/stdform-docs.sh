# stdform(1) renders without groff warnings, and stdform --help and the man page
# name the same options.
set -eu
SF=$ROOT/$BUILD/stdform
if command -v groff >/dev/null; then
    warn=$(groff -k -man -Tutf8 -ww -z "$ROOT/docs/stdform.1" 2>&1 | grep -v "can't break line" || true)
    [ -z "$warn" ] || { echo "groff warns: $warn"; exit 1; }
fi
if command -v man >/dev/null; then
    MANWIDTH=80 man "$ROOT/docs/stdform.1" 2>/dev/null | grep -q 'print the forms that standards define' ||
        { echo "man ./docs/stdform.1 does not render"; exit 1; }
fi
help=$("$SF" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
man=$(sed -n '/^\.SH OPTIONS/,/^\.SH VALUES/p' "$ROOT/docs/stdform.1" | sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ "$help" = "$man" ] || { echo "--help and stdform.1 differ:"; diff <(printf '%s\n' "$help") <(printf '%s\n' "$man"); exit 1; }
# the formats --help names are the ones the man page documents
for f in $("$SF" --help | sed -n 's/.*known: \([a-z, ]*\)).*/\1/p' | tr ',' ' '); do
    grep -q "^\.B $f\$\|^\.BR $f " "$ROOT/docs/stdform.1" || { echo "stdform.1 does not document --format $f"; exit 1; }
done
echo ok
