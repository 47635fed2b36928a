# Every WordprocessingML part of every corpus DOCX validates against the ECMA-376
# transitional schemas (tests/schemas/ooxml), and so do [Content_Types].xml, every
# .rels and docProps/app.xml.
set -u
. "$ROOT/tests/e2e/docx.lib"
need xmllint libxml2-utils
need unzip
S=$ROOT/tests/schemas/ooxml
gen_corpus "$T/out"
wml=() ct=() rels=() app=()
i=0
for f in "$T"/out/*.docx; do
    i=$((i + 1))
    d=$T/x/$i
    mkdir -p "$d"
    unzip -q "$f" -d "$d" || die "unzip $f failed"
    for p in "$d"/word/document.xml "$d"/word/styles.xml "$d"/word/settings.xml "$d"/word/fontTable.xml \
             "$d"/word/header*.xml "$d"/word/footer*.xml "$d"/word/numbering.xml; do
        [ -f "$p" ] && wml+=("$p")
    done
    ct+=("$d/[Content_Types].xml")
    rels+=("$d/_rels/.rels" "$d"/word/_rels/*.rels)
    app+=("$d/docProps/app.xml")
    [ -f "$d/word/document.xml" ] && [ -f "$d/word/header1.xml" ] && [ -f "$d/word/footer1.xml" ] ||
        die "$f lacks document, header or footer parts"
done
fails=0
check() {
    local xsd=$1; shift
    local out
    out=$(xmllint --noout --schema "$S/$xsd" "$@" 2>&1 | grep -v ' validates$')
    if [ -n "$out" ]; then
        printf '%s\n' "$out" | head -20
        fails=1
    fi
}
check wml.xsd "${wml[@]}"
check opc-contentTypes.xsd "${ct[@]}"
check opc-relationships.xsd "${rels[@]}"
check shared-documentPropertiesExtended.xsd "${app[@]}"
[ "$fails" = 0 ] || die "schema validation failed"
echo "validated ${#wml[@]} WordprocessingML parts of $i documents"
