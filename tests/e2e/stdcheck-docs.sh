# docs/checks.md and the CHECKS section of docs/stdcheck.1 are what
# scripts/gen-checks-doc makes from the rule table and the case suite (not stale),
# list every code, the man page renders, and stdcheck --help and the man page
# name the same options.
set -eu
SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
python3 "$ROOT/scripts/gen-checks-doc" --stdcheck "$SC" --out "$W"
for f in checks.md stdcheck.1; do
    cmp -s "$W/$f" "$ROOT/docs/$f" || { echo "docs/$f is stale: run scripts/gen-checks-doc"; diff "$ROOT/docs/$f" "$W/$f" | head -20; exit 1; }
done
for code in $("$SC" --list-checks | awk '{print $1}'); do
    grep -q "^## $code\$" "$ROOT/docs/checks.md" || { echo "docs/checks.md lacks $code"; exit 1; }
    grep -q "^\.B $(printf '%s' "$code" | sed 's/-/\\\\-/g')\$" "$ROOT/docs/stdcheck.1" || { echo "docs/stdcheck.1 lacks $code"; exit 1; }
done
if command -v groff >/dev/null; then
    warn=$(groff -k -man -Tutf8 -ww -z "$ROOT/docs/stdcheck.1" 2>&1 | grep -v "can't break line" || true)
    [ -z "$warn" ] || { echo "groff warns: $warn"; exit 1; }
fi
if command -v man >/dev/null; then
    MANWIDTH=80 man "$ROOT/docs/stdcheck.1" 2>/dev/null | grep -q 'check *standards *written' || { echo "man ./docs/stdcheck.1 does not render"; exit 1; }
fi
# options: --help against the man page's OPTIONS section
help=$("$SC" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
man=$(sed -n '/^\.SH OPTIONS/,/^\.SH EXIT/p' "$ROOT/docs/stdcheck.1" | sed 's/\\-/-/g' | grep -o -- '--[a-z][a-z-]*' | sort -u)
[ "$help" = "$man" ] || { echo "--help and stdcheck.1 differ:"; diff <(printf '%s\n' "$help") <(printf '%s\n' "$man"); exit 1; }
echo ok
