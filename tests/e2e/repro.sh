# Reproducible output, DOCX and ODT: the same input gives the same bytes, whatever
# the time zone; SOURCE_DATE_EPOCH sets the ZIP time stamps and the modification
# date (dcterms:modified, dc:date); without it the stamps are fixed (2020-01-01)
# and the creation date (dcterms:created, meta:creation-date) is the issue date.
set -u
. "$ROOT/tests/e2e/docx.lib"
need zipinfo unzip
unset SOURCE_DATE_EPOCH
both() { gen_corpus "$1" docx && run_tool "$SG" -q -o "$1" -f odt "$ROOT/standards" || die "stdgen -f odt failed"; }
both "$T/a"
TZ=Asia/Shanghai both "$T/b"
SOURCE_DATE_EPOCH=1700000000 TZ=UTC both "$T/c"
SOURCE_DATE_EPOCH=1700000000 TZ=America/New_York both "$T/d"
n=0
for f in "$T"/a/*.docx "$T"/a/*.odt; do
    n=$((n + 1))
    b=$(basename "$f")
    cmp -s "$f" "$T/b/$b" || die "$b differs between two runs (TZ changed)"
    cmp -s "$T/c/$b" "$T/d/$b" || die "$b differs between two runs with SOURCE_DATE_EPOCH"
    cmp -s "$f" "$T/c/$b" && die "$b ignores SOURCE_DATE_EPOCH"
done
[ "$n" -ge 44 ] || die "only $n files"
for ext in docx odt; do
    f=$(ls "$T"/a/SJDJ-TS-09-*."$ext")
    b=$(basename "$f")
    zipinfo -T "$f" | awk '$1 ~ /^-/ && $7 != "20200101.000000" { bad = 1 } END { exit bad }' ||
        die "$b: ZIP time stamps are not the fixed date: $(zipinfo -T "$f" | sed -n 3p)"
    zipinfo -T "$T/c/$b" | awk '$1 ~ /^-/ && $7 != "20231114.221320" { bad = 1 } END { exit bad }' ||
        die "$b: ZIP time stamps do not follow SOURCE_DATE_EPOCH: $(zipinfo -T "$T/c/$b" | sed -n 3p)"
done
f=$(ls "$T"/a/SJDJ-TS-09-*.docx)
b=$(basename "$f")
unzip -p "$f" docProps/core.xml | grep -q '<dcterms:created xsi:type="dcterms:W3CDTF">2019-06-28T00:00:00Z<' ||
    die "dcterms:created is not the issue date"
unzip -p "$T/c/$b" docProps/core.xml | grep -q '<dcterms:modified xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z<' ||
    die "dcterms:modified does not follow SOURCE_DATE_EPOCH"
f=$(ls "$T"/a/SJDJ-TS-09-*.odt)
b=$(basename "$f")
unzip -p "$f" meta.xml | grep -q '<meta:creation-date>2019-06-28T00:00:00Z<' || die "meta:creation-date is not the issue date"
unzip -p "$T/c/$b" meta.xml | grep -q '<dc:date>2023-11-14T22:13:20Z<' || die "dc:date does not follow SOURCE_DATE_EPOCH"
echo "reproducible ($n files)"
