# stdform(1) renders without groff warnings, stdform --help and the man page name the
# same options, and the page documents every format --help names.
set -eu
. "$ROOT/tests/lib.sh"
SF=$ROOT/$BUILD/stdform
check_man stdform.1 'print the forms that standards define' VALUES "$SF" || exit 1
for f in $("$SF" --help | sed -n 's/.*known: \([a-z, ]*\)).*/\1/p' | tr ',' ' '); do
    grep -q "^\.B $f\$\|^\.BR $f " "$ROOT/docs/stdform.1" || { echo "stdform.1 does not document --format $f"; exit 1; }
done
echo ok
