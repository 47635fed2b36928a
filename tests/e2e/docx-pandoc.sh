# pandoc reads every corpus DOCX back and finds every heading of its source
# (chapters, clauses, 前言, annexes; term entries as text).
set -u
. "$ROOT/tests/e2e/docx.lib"
need pandoc
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
gen_corpus "$T/out"
"$PY" "$CHECK" headings "$ROOT/standards" "$T"/out/*.docx || die "pandoc does not see every heading"
