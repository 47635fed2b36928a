# stdcheck --fix on copies of the broken standards in tests/fix/: the result equals
# NAME.fixed byte for byte (CRLF and BOM kept), a second run changes nothing, the
# fixed file has no numbering diagnostics left, --fix --dry-run prints a unified
# diff that patch(1) applies and changes nothing itself, and a file whose numbers
# the model cannot place byte for byte is refused and left untouched.
set -eu
SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cp -r "$ROOT/tests/fix/figures" "$W/"  # the figures the standards show
NUMBERING='num-mismatch|num-gap|num-repeat|num-depth|annex-letter|table-number|figure-number'
for src in "$ROOT"/tests/fix/*.md; do
    name=$(basename "$src" .md)
    [ -f "$ROOT/tests/fix/$name.fixed" ] || continue
    cp "$src" "$W/$name.md"
    cd "$W"
    # the broken copy has numbering findings
    "$SC" --no-system "$name.md" 2>/dev/null | grep -Eq "\[($NUMBERING)\]" || { echo "$name: no numbering finding before --fix"; exit 1; }
    # dry run: a diff on stdout, the file unchanged, and the diff applies
    "$SC" --no-system --fix --dry-run "$name.md" > "$name.diff" 2>/dev/null
    cmp -s "$src" "$name.md" || { echo "$name: --dry-run changed the file"; exit 1; }
    head -1 "$name.diff" | grep -q "^--- $name.md$" || { echo "$name: no unified diff header"; head -3 "$name.diff"; exit 1; }
    grep -q '^@@ -[0-9]*,[0-9]* +[0-9]*,[0-9]* @@$' "$name.diff" || { echo "$name: no hunk header"; exit 1; }
    cp "$name.md" "$name.patched"
    patch -s -o "$name.patched.out" "$name.patched" < "$name.diff" || { echo "$name: the dry-run diff does not apply"; exit 1; }
    cmp "$name.patched.out" "$ROOT/tests/fix/$name.fixed" || { echo "$name: the dry-run diff gives other bytes than --fix"; exit 1; }
    # fix: byte for byte the expected file, clean of numbering findings
    out=$("$SC" --no-system --fix "$name.md" 2>&1) || { echo "$name: findings left after --fix: $out"; exit 1; }
    cmp "$name.md" "$ROOT/tests/fix/$name.fixed" || { echo "$name: fixed file differs from $name.fixed"; exit 1; }
    if "$SC" --no-system "$name.md" 2>/dev/null | grep -Eq "\[($NUMBERING)\]"; then echo "$name: numbering findings after --fix"; exit 1; fi
    # idempotent
    cp "$name.md" "$name.once"
    "$SC" --no-system --fix "$name.md" >/dev/null 2>&1
    cmp -s "$name.md" "$name.once" || { echo "$name: a second --fix changed the file"; exit 1; }
    [ -z "$("$SC" --no-system --fix --dry-run "$name.md" 2>/dev/null)" ] || { echo "$name: dry run after --fix is not empty"; exit 1; }
    cd "$ROOT"
done
# line ends and BOM survive
head -c 3 "$ROOT/tests/fix/crlf-bom.fixed" | cmp -s - <(printf '\357\273\277') || { echo "crlf-bom.fixed lost its BOM"; exit 1; }
[ "$(grep -c $'\r$' "$ROOT/tests/fix/crlf-bom.fixed")" = "$(wc -l < "$ROOT/tests/fix/crlf-bom.fixed")" ] || { echo "crlf-bom.fixed lost CRLF"; exit 1; }
# the file mode is kept
cp "$ROOT/tests/fix/renumber.md" "$W/mode.md"; chmod 600 "$W/mode.md"
"$SC" --no-system --fix "$W/mode.md" >/dev/null 2>&1
[ "$(stat -c %a "$W/mode.md")" = 600 ] || { echo "--fix changed the file mode"; exit 1; }
# a stale position is refused: exit 2, message, file untouched
cp "$ROOT/tests/fix/stale.md" "$W/stale.md"
set +e
msg=$("$SC" --no-system --fix "$W/stale.md" 2>&1); rc=$?
set -e
[ $rc -eq 2 ] || { echo "stale: exit $rc, expected 2"; exit 1; }
printf '%s' "$msg" | grep -q 'cannot fix: expected' || { echo "stale: no message: $msg"; exit 1; }
cmp -s "$W/stale.md" "$ROOT/tests/fix/stale.md" || { echo "stale: file changed"; exit 1; }
ls "$W" | grep -q '\.tmp' && { echo "a temporary file was left behind"; exit 1; }
echo ok
