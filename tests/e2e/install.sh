# make install into a staging DESTDIR: the tools run from there without the source
# tree (templates are embedded), the library comes with a working pkg-config file,
# and the man pages are installed. stdimport, from the install, brings back as source
# the DOCX the installed stdgen wrote, and that source is clean for stdcheck.
set -eu
PY=/usr/bin/python3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
make -s -C "$ROOT" BUILD="$BUILD" install PREFIX=/usr/local DESTDIR="$stage" >/dev/null
bin=$stage/usr/local/bin
for t in stdcheck stdgen stdform stddiff stdimport stdlsp stdnew; do
    [ -x "$bin/$t" ] || { echo "missing $bin/$t"; exit 1; }
    [ -e "$stage/usr/local/share/bash-completion/completions/$t" ] || { echo "no completion for $t"; exit 1; }
    [ -f "$stage/usr/local/share/man/man1/$t.1" ] || { echo "no man page for $t"; exit 1; }
done
# the installed stdnew writes a standard the installed stdcheck passes
(cd "$stage" && mkdir new && "$bin/stdnew" -C new -t GB/T 测试标准 >/dev/null && "$bin/stdcheck" -q new) ||
    { echo "installed stdnew failed"; exit 1; }
# the installed stdlsp answers initialize
printf 'Content-Length: 58\r\n\r\n{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}' |
    "$bin/stdlsp" | grep -q '"serverInfo":{"name":"stdlsp"' || { echo "installed stdlsp does not answer"; exit 1; }
# run the installed stdcheck away from the source tree
cp -r "$ROOT/standards" "$stage/std"
(cd "$stage" && "$bin/stdcheck" std >/dev/null) || { echo "installed stdcheck failed on the corpus"; exit 1; }
# the installed stdgen carries its templates: no source tree needed
(cd "$stage" && "$bin/stdgen" -q -o gen std/TS-09-shuangbaodao.md) || { echo "installed stdgen failed"; exit 1; }
ls "$stage"/gen/*.docx >/dev/null || { echo "installed stdgen wrote nothing"; exit 1; }
# the installed stdimport: the DOCX back as source, away from the source tree, into
# the system in the original's place (named by the system's file pattern: TS-09.md);
# the system checks as clean as before
cp -r "$stage/std" "$stage/sys2" && rm "$stage/sys2/TS-09-shuangbaodao.md"
(cd "$stage" && "$bin/stdimport" -q -o sys2 gen/*.docx) || { echo "installed stdimport failed"; exit 1; }
[ -f "$stage/sys2/TS-09.md" ] || { echo "installed stdimport did not write sys2/TS-09.md"; ls "$stage/sys2"; exit 1; }
grep -qx '# 1 范围' "$stage/sys2/TS-09.md" || { echo "installed stdimport: no 1 范围 in what it wrote"; exit 1; }
(cd "$stage" && "$bin/stdcheck" -q sys2 >/dev/null) ||
    { echo "installed stdcheck finds errors in what the installed stdimport wrote"; "$bin/stdcheck" -q "$stage/sys2"; exit 1; }
# the installed stdform: a form of the system, and its own shipped one (embedded)
(cd "$stage" && "$bin/stdform" --system std blank report-card -q -o forms && [ -f forms/report-card-blank.docx ]) ||
    { echo "installed stdform failed"; exit 1; }
(cd "$stage" && "$bin/stdform" --system std blank sign-in -q -o forms && [ -f forms/sign-in-blank.docx ]) ||
    { echo "installed stdform lacks its shipped forms"; exit 1; }
[ -f "$stage/usr/local/lib/libstdkit.a" ] || { echo "no libstdkit.a"; exit 1; }
pc=$stage/usr/local/lib/pkgconfig/stdkit.pc
grep -q '^Libs: -L${libdir} -lstdkit' "$pc" || { echo "bad stdkit.pc"; exit 1; }
# only the public header is installed
[ "$(cd "$stage/usr/local/include" && find . -type f)" = ./stdkit.h ] || { echo "headers installed besides stdkit.h"; exit 1; }
# a program built against the installed library through pkg-config, without
# --static: it loads a standard, checks it, reads the diagnostics and writes a DOCX
cat > "$stage/t.c" <<'C'
#include <stdkit.h>
#include <stdio.h>
#include <string.h>
int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    sk_diags *d = sk_diag_new();
    sk_doc *doc = NULL;
    sk_err err;
    if (sk_model_load(&doc, argv[1], SK_MODEL_FOREWORD, d, &err) < 0) {
        fprintf(stderr, "%s: %s\n", err.file, err.msg);
        return 2;
    }
    sk_check_doc(doc, NULL, d);
    printf("%s|%s|%zu|%zu\n", STDKIT_VERSION, sk_doc_meta(doc, "number"), sk_diag_len(d), sk_diag_count(d, SK_ERROR));
    for (size_t i = 0; i < sk_diag_len(d); i++) {
        sk_diag_info di;
        if (sk_diag_get(d, i, &di) == 0)
            printf("%s:%d:%d: %s\n", di.file, di.line, di.col, di.code);
    }
    int rc = sk_docx_write(doc, argv[2], &err);
    if (rc < 0)
        fprintf(stderr, "%s: %s\n", err.file, err.msg);
    sk_doc_free(doc);
    sk_diag_delete(d);
    return rc < 0 ? 1 : 0;
}
C
flags=$(PKG_CONFIG_PATH=$stage/usr/local/lib/pkgconfig pkg-config --define-variable=prefix="$stage/usr/local" --cflags --libs stdkit)
# a library built with the sanitizers (make asan) needs them at link time too
san=
nm "$stage/usr/local/lib/libstdkit.a" 2>/dev/null | grep -q ' U __asan_' && san="-fsanitize=address,undefined"
cc -std=c11 -Wall -Wextra -Werror -pedantic $san -o "$stage/t" "$stage/t.c" $flags || { echo "the API program does not build"; exit 1; }
# a standard with one planted defect (a clause number that skips): the program sees
# exactly the diagnostic stdcheck prints, and writes a DOCX that LibreOffice-free
# checks can open (a zip with word/document.xml)
sed 's/^## 4\.2 /## 4.3 /' "$ROOT/standards/TS-04-wujiax-huodongri.md" > "$stage/std/TS-04-gap.md"
grep -q '^## 4\.3 ' "$stage/std/TS-04-gap.md" || { echo "could not plant the defect"; exit 1; }
out=$("$stage/t" "$stage/std/TS-04-gap.md" "$stage/t.docx") || { echo "the API program failed: $out"; exit 1; }
want=$("$bin/stdcheck" --no-system --format json "$stage/std/TS-04-gap.md" | "$PY" -c '
import json, sys
for d in json.load(sys.stdin):
    print("%s:%d:%d: %s" % (d["file"], d["line"], d["column"], d["code"]))')
got=$(printf '%s\n' "$out" | tail -n +2)
[ "$(printf '%s\n' "$out" | head -1 | cut -d'|' -f1,2,4)" = "$(sed -n 's/^#define STDKIT_VERSION "\(.*\)"/\1/p' "$ROOT/lib/stdkit.h")|SJDJ/TS 04—2019|1" ] ||
    { echo "API program: $out"; exit 1; }
[ "$got" = "$want" ] || { echo "API diagnostics differ from stdcheck's:"; diff <(echo "$want") <(echo "$got"); exit 1; }
unzip -l "$stage/t.docx" | grep -q 'word/document.xml' || { echo "the API program's DOCX has no document.xml"; exit 1; }
for m in stdcheck.1 stdgen.1 stdform.1 stddiff.1 stdimport.1 stdkit-format.5; do
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
got=$(PATH=$bin:$PATH bash -c '. "$1"; COMP_WORDS=(stddiff -f fo); COMP_CWORD=2; _stddiff; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$got" = foreword ] || { echo "completion of 'stddiff -f fo': '$got'"; exit 1; }
got=$(PATH=$bin:$PATH bash -c '. "$1"; COMP_WORDS=(stddiff --exit); COMP_CWORD=1; _stddiff; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$got" = --exit-code ] || { echo "completion of 'stddiff --exit': '$got'"; exit 1; }
# the installed stddiff, away from the source tree
cp "$ROOT/tests/fixtures/editions/"*.md "$stage/"
(cd "$stage" && "$bin/stddiff" -q -f foreword TS-04-2019.md TS-04-2024.md | grep -q '（见2019年版的8.2）') ||
    { echo "installed stddiff failed"; exit 1; }
comp=$stage/usr/local/share/bash-completion/completions/stdimport
[ -e "$comp" ] || { echo "bash completion of stdimport not installed"; exit 1; }
got=$(PATH=$bin:$PATH bash -c '. "$1"; COMP_WORDS=(stdimport --ch); COMP_CWORD=1; _stdimport; echo "${COMPREPLY[*]}"' _ "$comp")
[ "$got" = --check ] || { echo "completion of 'stdimport --ch': '$got'"; exit 1; }
# make uninstall with the same PREFIX and DESTDIR removes every file install put there
make -s -C "$ROOT" BUILD="$BUILD" uninstall PREFIX=/usr/local DESTDIR="$stage" >/dev/null
left=$(cd "$stage/usr/local" && find . -type f -o -type l)
[ -z "$left" ] || { echo "left after make uninstall:"; echo "$left"; exit 1; }
