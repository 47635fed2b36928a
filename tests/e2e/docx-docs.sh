# stdgen(1) renders without groff warnings, and stdgen --help and the man page
# name the same options. (The man page listing every style name is checked by
# tests/unit/test_docx.c.)
set -eu
. "$ROOT/tests/lib.sh"
check_man stdgen.1 'render standards written' OUTPUT "$ROOT/$BUILD/stdgen" || exit 1
echo ok
