# make install into a staging DESTDIR: the tools run from there without the source
# tree (templates are embedded), the library comes with a working pkg-config file,
# and the man pages are installed.
set -eu
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
make -s -C "$ROOT" BUILD="$BUILD" install PREFIX=/usr/local DESTDIR="$stage" >/dev/null
bin=$stage/usr/local/bin
for t in stdcheck stdgen stdform; do
    [ -x "$bin/$t" ] || { echo "missing $bin/$t"; exit 1; }
done
# run the installed stdcheck away from the source tree
cp -r "$ROOT/standards" "$stage/std"
(cd "$stage" && "$bin/stdcheck" std >/dev/null) || { echo "installed stdcheck failed on the corpus"; exit 1; }
# the installed stdgen carries its templates: no source tree needed
(cd "$stage" && "$bin/stdgen" -q -o gen std/TS-09-shuangbaodao.md) || { echo "installed stdgen failed"; exit 1; }
ls "$stage"/gen/*.docx >/dev/null || { echo "installed stdgen wrote nothing"; exit 1; }
# the installed stdform: a form of the system, and its own shipped one (embedded)
(cd "$stage" && "$bin/stdform" --system std blank report-card -q -o forms && [ -f forms/report-card-blank.docx ]) ||
    { echo "installed stdform failed"; exit 1; }
(cd "$stage" && "$bin/stdform" --system std blank sign-in -q -o forms && [ -f forms/sign-in-blank.docx ]) ||
    { echo "installed stdform lacks its shipped forms"; exit 1; }
[ -f "$stage/usr/local/lib/libstdkit.a" ] || { echo "no libstdkit.a"; exit 1; }
pc=$stage/usr/local/lib/pkgconfig/stdkit.pc
grep -q '^Libs: -L${libdir} -lstdkit' "$pc" || { echo "bad stdkit.pc"; exit 1; }
# a program built against the installed library through pkg-config
cat > "$stage/t.c" <<'C'
#include <stdkit/util.h>
#include <stdio.h>
int main(void) { printf("%s\n", SK_VERSION); return 0; }
C
cc -o "$stage/t" "$stage/t.c" \
    $(PKG_CONFIG_PATH=$stage/usr/local/lib/pkgconfig pkg-config --define-variable=prefix="$stage/usr/local" --cflags --libs stdkit)
"$stage/t" | grep -q '^[0-9]' || { echo "program linked against the installed library failed"; exit 1; }
for m in stdcheck.1 stdgen.1 stdform.1 stdkit-format.5; do
    if [ -f "$ROOT/docs/$m" ]; then
        [ -f "$stage/usr/local/share/man/man${m##*.}/$m" ] || { echo "man page $m not installed"; exit 1; }
        MANPATH=$stage/usr/local/share/man man -P cat "${m%.*}" >/dev/null 2>&1 || { echo "man ${m%.*} does not render from the install"; exit 1; }
    fi
done
# bash completion: installed, loads, and completes subcommands, options and form IDs
comp=$stage/usr/local/share/bash-completion/completions/stdform
[ -f "$comp" ] || { echo "bash completion not installed"; exit 1; }
got=$(cd "$stage" && PATH=$bin:$PATH bash -c '. "$1"; COMP_WORDS=(stdform fi); COMP_CWORD=1; _stdform; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$got" = fill ] || { echo "completion of 'stdform fi': '$got'"; exit 1; }
got=$(cd "$ROOT" && PATH=$bin:$PATH bash -c '. "$1"; COMP_WORDS=(stdform fill report); COMP_CWORD=2; _stdform; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$got" = report-card ] || { echo "completion of a form ID: '$got'"; exit 1; }
got=$(PATH=$bin:$PATH bash -c '. "$1"; COMP_WORDS=(stdcheck --fail); COMP_CWORD=1; _stdcheck; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$got" = --fail-level ] || { echo "completion of 'stdcheck --fail': '$got'"; exit 1; }
