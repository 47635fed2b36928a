# Package structure of every corpus ODT: mimetype first and stored, a manifest that
# lists exactly the parts, styles and master pages that resolve, bookmarks that
# pair, links that land, table rows that cover every column, meta.xml with the number.
set -u
. "$ROOT/tests/e2e/docx.lib"
[ -x "$PY" ] || skip_test "/usr/bin/python3 is not installed"
gen_corpus "$T/out" odt
"$PY" "$ROOT/tests/e2e/odt_check.py" package "$T"/out/*.odt || die "package checks failed"
