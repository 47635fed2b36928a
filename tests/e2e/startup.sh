# What every run of a tool loads: none of the tools names libxml2, libzip or
# libcrypto as a needed library (libxml2 is loaded when first used,
# lib/base/libxml.c; ZIP is stdkit's own, lib/base/zip.c), a run that needs no
# XML never maps libxml2, and a run that does (an HTML table in a standard, a
# reference document, an XLSX data file) loads it and works.
set -u
. "$ROOT/tests/lib.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
die() { echo "$*"; exit 1; }
for t in stdcheck stdgen stdform stddiff stdimport stdlsp stdnew stdcomment; do
    [ -x "$BIN/$t" ] || continue
    needed=$(readelf -d "$BIN/$t" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
    for lib in libxml2 libzip libcrypto libicu libstdc++; do
        case $needed in *"$lib"*) die "$t links $lib: $(printf '%s ' $needed)" ;; esac
    done
done
# the maps of a process at its end (LD_DEBUG lists what the loader opens)
loaded() { LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*' | sort -u; }
cat > "$T/plain.md" <<'MD'
---
number: T/TEST 1—2024
title: 试验标准
---
# 范围

本文件规定了试验。
MD
cd "$T" || exit 1
out=$(loaded "$BIN/stdgen" -q --pages estimate -o plain-out plain.md)
[ -s plain-out/*.docx ] || die "stdgen wrote no DOCX for plain.md"
printf '%s\n' "$out" | grep -q libxml2 && die "stdgen loaded libxml2 for a standard without XML: $out"
out=$(loaded "$BIN/stdcheck" --no-system plain.md)
printf '%s\n' "$out" | grep -q libxml2 && die "stdcheck loaded libxml2 for a standard without XML: $out"
# an HTML table goes through libxml2's HTML parser: loaded on demand, and it works
{ cat plain.md; printf '\n<table><tr><td colspan="2">合并</td></tr><tr><td>甲</td><td>乙</td></tr></table>\n'; } > html.md
out=$(loaded "$BIN/stdgen" -q --pages estimate -o html-out html.md)
printf '%s\n' "$out" | grep -q 'libxml2.so' || die "stdgen did not load libxml2 for an HTML table: $out"
unzip -p html-out/*.docx word/document.xml | grep -q 'w:gridSpan w:val="2"' || die "the HTML table lost its colspan"
# a reference document read through the ZIP reader and libxml2
"$BIN/stdgen" -q --pages estimate -o ref-out plain.md || die "stdgen failed on plain.md"
"$BIN/stdgen" -q --pages estimate --reference-doc ref-out/*.docx -o ref2-out plain.md ||
    die "stdgen --reference-doc failed"
exit 0
