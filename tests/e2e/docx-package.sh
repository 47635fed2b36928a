# Package structure of every corpus DOCX: [Content_Types].xml covers every part,
# no relationship dangles, ids (relationships, bookmarks, drawings) are unique,
# links and styles resolve, fields balance, core properties carry the number.
set -u
. "$ROOT/tests/e2e/docx.lib"
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
gen_corpus "$T/out"
"$PY" "$CHECK" package "$T"/out/*.docx || die "package checks failed"
