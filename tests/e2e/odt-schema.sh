# Every part of every corpus ODT (content, styles, meta, settings; the manifest with
# the manifest schema) validates against the OASIS RelaxNG schema of the
# office:version the part declares (tests/schemas/odf, 1.2 and 1.3); the manifest's
# "/" entry declares the same version as the parts.
set -u
. "$ROOT/tests/e2e/docx.lib"
need xmllint libxml2-utils
need unzip
S=$ROOT/tests/schemas/odf
gen_corpus "$T/out" odt
declare -A parts manifests
i=0
for f in "$T"/out/*.odt "${EXTRA_ODT[@]}"; do
    [ -f "$f" ] || continue
    i=$((i + 1))
    d=$T/x/$i
    mkdir -p "$d"
    unzip -q "$f" -d "$d" || die "unzip $f failed"
    [ "$(unzip -Z1 "$f" | head -1)" = mimetype ] || die "$f: mimetype is not the first entry"
    for p in content.xml styles.xml meta.xml settings.xml; do
        [ -f "$d/$p" ] || die "$f lacks $p"
        v=$(xmllint --xpath 'string(/*/@*[local-name()="version"])' "$d/$p")
        [ -n "$v" ] || die "$f: $p declares no office:version"
        parts[$v]+=" $d/$p"
    done
    mv=$(xmllint --xpath 'string(//*[local-name()="file-entry"][@*[local-name()="full-path"]="/"]/@*[local-name()="version"])' \
        "$d/META-INF/manifest.xml")
    cv=$(xmllint --xpath 'string(/*/@*[local-name()="version"])' "$d/content.xml")
    [ "$mv" = "$cv" ] || die "$f: the manifest's / entry says $mv, content.xml $cv"
    manifests[$mv]+=" $d/META-INF/manifest.xml"
done
schema() { case $1 in 1.2) echo "$S/OpenDocument-v1.2-os-$2" ;; 1.3) echo "$S/OpenDocument-v1.3-$2" ;; *) die "no schema for ODF $1" ;; esac; }
fails=0
for v in "${!parts[@]}"; do
    # shellcheck disable=SC2086
    out=$(xmllint --noout --relaxng "$(schema "$v" schema.rng)" ${parts[$v]} 2>&1 | grep -v ' validates$')
    [ -z "$out" ] || { printf '%s\n' "$out" | head -20; fails=1; }
done
for v in "${!manifests[@]}"; do
    # shellcheck disable=SC2086
    out=$(xmllint --noout --relaxng "$(schema "$v" manifest-schema.rng)" ${manifests[$v]} 2>&1 | grep -v ' validates$')
    [ -z "$out" ] || { printf '%s\n' "$out" | head -20; fails=1; }
done
[ "$fails" = 0 ] || die "schema validation failed"
echo "validated every part of $i documents"
