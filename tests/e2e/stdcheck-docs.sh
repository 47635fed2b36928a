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
. "$ROOT/tests/lib.sh"
check_man stdcheck.1 'check *standards *written' EXIT "$SC" || exit 1
echo ok
