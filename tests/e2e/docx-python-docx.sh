# python-docx opens every corpus DOCX and sees the named styles (so a
# --reference-doc can restyle them), three sections and the core properties.
set -u
. "$ROOT/tests/e2e/docx.lib"
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
"$PY" -c 'import docx' 2>/dev/null || skip_test "python-docx is not installed (Debian: python3-docx)"
gen_corpus "$T/out"
"$PY" "$CHECK" styles "$T"/out/*.docx || die "python-docx checks failed"
