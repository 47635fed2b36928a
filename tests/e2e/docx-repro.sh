# Reproducible output: the same input gives the same bytes, whatever the time
# zone; SOURCE_DATE_EPOCH sets the ZIP time stamps and dcterms:modified; without
# it the stamps are fixed (2020-01-01) and dcterms:created is the issue date.
set -u
. "$ROOT/tests/e2e/docx.lib"
need zipinfo unzip
unset SOURCE_DATE_EPOCH
gen_corpus "$T/a"
TZ=Asia/Shanghai gen_corpus "$T/b"
SOURCE_DATE_EPOCH=1700000000 TZ=UTC gen_corpus "$T/c"
SOURCE_DATE_EPOCH=1700000000 TZ=America/New_York gen_corpus "$T/d"
for f in "$T"/a/*.docx; do
    b=$(basename "$f")
    cmp -s "$f" "$T/b/$b" || die "$b differs between two runs (TZ changed)"
    cmp -s "$T/c/$b" "$T/d/$b" || die "$b differs between two runs with SOURCE_DATE_EPOCH"
    cmp -s "$f" "$T/c/$b" && die "$b ignores SOURCE_DATE_EPOCH"
done
f=$(ls "$T"/a/SJDJ-TS-09-*.docx)
b=$(basename "$f")
zipinfo -T "$f" | awk '$1 ~ /^-/ && $7 != "20200101.000000" { bad = 1 } END { exit bad }' ||
    die "ZIP time stamps are not the fixed date: $(zipinfo -T "$f" | sed -n 3p)"
zipinfo -T "$T/c/$b" | awk '$1 ~ /^-/ && $7 != "20231114.221320" { bad = 1 } END { exit bad }' ||
    die "ZIP time stamps do not follow SOURCE_DATE_EPOCH: $(zipinfo -T "$T/c/$b" | sed -n 3p)"
unzip -p "$f" docProps/core.xml | grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2019-06-28T00:00:00Z<' ||
    die "dcterms:created is not the issue date"
unzip -p "$T/c/$b" docProps/core.xml | grep -q '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z<' ||
    die "dcterms:modified does not follow SOURCE_DATE_EPOCH"
echo "reproducible"
