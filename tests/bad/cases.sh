# Bad input for stdcheck (see tests/run-bad for the format).
bad missing-file        2 'nope.md: error: cannot read: No such file'            stdcheck nope.md
bad empty-directory     2 'no standards here'                      stdcheck empty-dir
bad dir-without-stds    2 'no standards here'                      stdcheck nostd
bad directory-as-file   2 'no standards here'                      stdcheck adir.md
bad invalid-utf8        1 'invalid-utf8.md:9:7: error: invalid UTF-8 byte 0xFF' stdcheck --no-system invalid-utf8.md
bad utf16               1 'utf16.md:1:1: error: file is UTF-16'    stdcheck --no-system utf16.md
bad nul-byte            1 'nul.md:9:3: error: file contains a NUL byte' stdcheck --no-system nul.md
bad bom-crlf            1 "bom-crlf.md:9:2: error: link to '#nope'" stdcheck --no-system bom-crlf.md
bad unterminated-fm     1 'unterminated.md:1:1: error: front matter opened' stdcheck --no-system unterminated.md
bad fm-not-mapping      1 'front matter must be a mapping'         stdcheck --no-system fm-list.md
bad yaml-alias          1 'anchors (&name) are not allowed'        stdcheck --no-system alias.md
bad empty-file          1 'empty.md:1:1: error: no front matter'   stdcheck --no-system empty.md
bad binary-garbage      1 'garbage.md:'                            stdcheck --no-system garbage.md
bad deep-quotes         1 'nested more than 32 levels'             stdcheck --no-system deep-quote.md
bad deep-lists          1 'nested more than 32 levels'             stdcheck --no-system deep-list.md
bad big-file            1 '[element-missing]'                                     stdcheck --no-system big.md
bad wide-table          1 '[element-missing]'                                     stdcheck --no-system wide-table.md
bad unknown-option      2 'unrecognized option'                    stdcheck --bogus x.md
bad no-arguments        2 'no input'                               stdcheck

# Bad input for stdgen: nothing half-written, inputs and earlier outputs untouched.
bad gen-missing-figure  1 "gen-nofig.md:11:1: error: figure 'missing.png': cannot open" stdgen -o gen-o1 gen-nofig.md
expect gen-no-partial-output '[ -z "$(ls -A gen-o1)" ]'
bad gen-gif-figure      1 'not a PNG or JPEG image (it is a GIF)' stdgen -o gen-o1 gen-gif.md
bad gen-truncated-png   1 'truncated PNG'                          stdgen -o gen-o1 gen-trunc.md
expect gen-still-empty  '[ -z "$(ls -A gen-o1)" ]'
bad gen-control-chars   0 '1 character that XML cannot hold'       stdgen -o gen-o2 gen-ctrl.md
bad gen-wide-table      1 'Word opens tables of at most 63'        stdgen -o gen-o1 wide-table.md
bad gen-deep-lists      0 ''                                       stdgen -q -o gen-o3 deep-list.md
bad gen-deep-quotes     0 ''                                       stdgen -q -o gen-o3 deep-quote.md
bad gen-big-file        0 ''                                       stdgen -q -o gen-o3 big.md
bad gen-invalid-utf8    1 'invalid-utf8.md:9:7: error: invalid UTF-8 byte 0xFF' stdgen -o gen-o1 invalid-utf8.md
bad gen-unknown-format  2 "unknown format 'rtf' (known: docx, odt, pdf)" stdgen --format rtf gen-ok.md
bad gen-unknown-option  2 'unrecognized option'                    stdgen --bogus gen-ok.md
bad gen-no-arguments    2 'no input'                               stdgen
bad gen-missing-input   2 'nope.md: error: cannot read'            stdgen -o gen-o1 nope.md
bad gen-output-is-input 2 'refusing to overwrite an input file'    stdgen -o gen-in "gen-in/SJDJ-TS-01-2019-测试.docx"
expect gen-input-kept   'cmp -s gen-ok.md "gen-in/SJDJ-TS-01-2019-测试.docx" && [ "$(ls -A gen-in | wc -l)" = 1 ]'
bad gen-output-is-file  2 'gen-ok.md: error: not a directory'      stdgen -o gen-ok.md gen-ok.md
bad gen-same-output     1 'was already written from'               stdgen -o gen-o4 gen-dup
if [ "$(id -u)" != 0 ]; then
    bad gen-readonly-dir 2 'gen-ro: error: output directory is not writable' stdgen -o gen-ro gen-ok.md
elif command -v setpriv >/dev/null; then
    bad gen-readonly-dir 2 'gen-ro: error: output directory is not writable' \
        setpriv --reuid=65534 --regid=65534 --clear-groups stdgen -o gen-ro gen-ok.md
fi
expect gen-readonly-empty '[ -z "$(ls -A gen-ro)" ]'
# an existing output is left as it was when a later run of the same standard fails
bad gen-first-run       0 ''                                       stdgen -q -o gen-keep gen-ok.md
expect gen-keep-copy    'cp "gen-keep/SJDJ-TS-01-2019-测试.docx" gen-keep.orig'
bad gen-later-failure   1 "figure 'missing.png'"                   stdgen -o gen-keep gen-nofig.md
expect gen-output-kept  'cmp -s gen-keep.orig "gen-keep/SJDJ-TS-01-2019-测试.docx" && [ "$(ls -A gen-keep | wc -l)" = 1 ]'
# --reference-doc
bad gen-ref-ok          0 ''                                       stdgen -q --reference-doc gen-keep.orig -o gen-o5 gen-ok.md
bad gen-ref-missing     2 'nope.docx: error: cannot open'          stdgen --reference-doc nope.docx -o gen-o1 gen-ok.md
bad gen-ref-not-zip     2 'not a ZIP package'                      stdgen --reference-doc gen-notzip.docx -o gen-o1 gen-ok.md
bad gen-ref-no-styles   2 'has no word/styles.xml or styles.xml'   stdgen --reference-doc gen-ref-nostyles.docx -o gen-o1 gen-ok.md
bad gen-ref-doctype     2 'word/styles.xml has a DOCTYPE'          stdgen --reference-doc gen-ref-doctype.docx -o gen-o1 gen-ok.md
bad gen-ref-huge-part   2 'the limit is 64 MiB'                    stdgen --reference-doc gen-ref-huge.docx -o gen-o1 gen-ok.md
bad gen-ref-entries     2 'entries; the limit is 10000'            stdgen --reference-doc gen-ref-many.docx -o gen-o1 gen-ok.md
bad gen-ref-is-output   2 'refusing to overwrite an input file'    stdgen --reference-doc "gen-keep/SJDJ-TS-01-2019-测试.docx" -o gen-keep gen-ok.md
expect gen-ref-kept     'cmp -s gen-keep.orig "gen-keep/SJDJ-TS-01-2019-测试.docx"'
expect gen-no-stray-temp '[ -z "$(ls -A gen-o1 gen-keep | grep tmp)" ]'
# ODT and PDF
bad gen-odt-ok          0 ''                                       stdgen -q -f docx,odt -o gen-o7 gen-ok.md
expect gen-odt-both     '[ -f "gen-o7/SJDJ-TS-01-2019-测试.docx" ] && [ -f "gen-o7/SJDJ-TS-01-2019-测试.odt" ]'
bad gen-ref-odt-ok      0 ''                                       stdgen -q -f odt --reference-doc "gen-o7/SJDJ-TS-01-2019-测试.odt" -o gen-o8 gen-ok.md
bad gen-ref-two-kinds   0 ''                                       stdgen -q -f docx,odt --reference-doc "gen-o7/SJDJ-TS-01-2019-测试.odt" --reference-doc gen-keep.orig -o gen-o8 gen-ok.md
bad gen-ref-two-odt     2 'a second ODT reference document'        stdgen -f odt --reference-doc "gen-o7/SJDJ-TS-01-2019-测试.odt" --reference-doc "gen-o7/SJDJ-TS-01-2019-测试.odt" -o gen-o8 gen-ok.md
bad gen-ref-three       2 '--reference-doc at most twice'          stdgen --reference-doc a --reference-doc b --reference-doc c gen-ok.md
bad gen-ref-odt-docx    0 'the DOCX files use the built-in styles' stdgen -f docx --reference-doc "gen-o7/SJDJ-TS-01-2019-测试.odt" -o gen-o8 gen-ok.md
bad gen-ref-odt-doctype 2 'styles.xml has a DOCTYPE'               stdgen -f odt --reference-doc gen-ref-doctype.odt -o gen-o1 gen-ok.md
bad gen-ref-odt-badroot 2 'no office:document-styles root'         stdgen -f odt --reference-doc gen-ref-badroot.odt -o gen-o1 gen-ok.md
bad gen-pdf-no-soffice  2 'soffice is not on PATH'                 env "PATH=$W/nobin" "$BIN/stdgen" -f pdf -o gen-o1 gen-ok.md
expect gen-pdf-nothing  '[ -z "$(ls -A gen-o1)" ]'
