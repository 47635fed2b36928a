# pandoc reads every corpus ODT back (-f odt) and finds every heading of its source
# (chapters, clauses, 前言, annexes; term entries as text) and every table.
set -u
. "$ROOT/tests/e2e/docx.lib"
need pandoc
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
gen_corpus "$T/out" odt
"$PY" "$ROOT/tests/e2e/odt_check.py" headings "$ROOT/standards" "$T"/out/*.odt || die "pandoc does not see every heading and table"
