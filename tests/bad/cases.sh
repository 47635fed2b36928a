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
bad sparse-table        2 'sparse-table.md:9:1: error: a table of 4000 columns and 4001 rows would hold 16004000 cells' stdcheck --no-system sparse-table.md
bad fifo-as-standard    2 'fifo.md: error: is a FIFO, not a regular file'  stdcheck --no-system fifo.md
# --fix: through a symbolic link to the file it names, mode kept; never over hard
# links; never over an edit saved while it ran; "fixed" only for what was written
bad fix-symlink         1 'stdcheck: fixed 16 numbers in 1 file'   stdcheck --no-system --fix fix-link/link.md
expect fix-symlink-kept '[ -L fix-link/link.md ] && cmp -s fix-link/target.md "$ROOT/tests/fix/renumber.fixed" && [ "$(stat -c %a fix-link/target.md)" = 640 ]'
bad fix-hardlink        2 'fix-link/hard.md: error: has 2 hard links; --fix would leave the other names on the old text' \
                                                                   stdcheck --no-system --fix fix-link/hard.md
expect fix-hardlink-kept 'cmp -s fix-link/hard.md "$ROOT/tests/fix/renumber.md" && [ "$(stat -c %h fix-link/hard2.md)" = 2 ]'
bad fix-concurrent-edit 2 'fix-race.md: error: changed while stdcheck was fixing it; nothing written' \
                                                                   bash fix-race.sh "$BIN/stdcheck" --no-system --fix fix-race.md
expect fix-edit-kept    'cmp -s fix-race.md fix-race.b && [ -z "$(ls | grep "fix-race.md.tmp")" ]'
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    bad fix-write-error 2 'fix-ro/std.md: error: cannot create: Permission denied' \
        setpriv --reuid=65534 --regid=65534 --clear-groups stdcheck --no-system --fix fix-ro/std.md
    if printf '%s' "$last_out" | grep -q 'stdcheck: fixed'; then fail "bad/fix-write-error-says-fixed" "$last_out"; else pass; fi
    expect fix-ro-kept  'cmp -s fix-ro/std.md "$ROOT/tests/fix/renumber.md"'
fi
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
bad gen-sparse-table    1 'sparse-table.md:9:1: error: a table of 4000 columns' stdgen -o gen-o1 sparse-table.md
expect gen-sparse-nothing '[ -z "$(ls -A gen-o1)" ]'
bad gen-deep-lists      0 ''                                       stdgen -q -o gen-o3 deep-list.md
bad gen-deep-quotes     0 ''                                       stdgen -q -o gen-o3 deep-quote.md
bad gen-big-file        0 ''                                       stdgen -q -o gen-o3 big.md
bad gen-invalid-utf8    1 'invalid-utf8.md:9:7: error: invalid UTF-8 byte 0xFF' stdgen -o gen-o1 invalid-utf8.md
bad gen-unknown-format  2 "unknown format 'rtf' (known: docx, odt, pdf, csv)" stdgen --format rtf gen-ok.md
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
bad gen-ref-not-zip     2 'gen-notzip.docx: error: not a DOCX or ODT (not a zip archive' stdgen --reference-doc gen-notzip.docx -o gen-o1 gen-ok.md
bad gen-ref-no-styles   2 'has no word/styles.xml or styles.xml'   stdgen --reference-doc gen-ref-nostyles.docx -o gen-o1 gen-ok.md
bad gen-ref-doctype     2 'word/styles.xml has a DOCTYPE'          stdgen --reference-doc gen-ref-doctype.docx -o gen-o1 gen-ok.md
bad gen-ref-huge-part   2 'word/styles.xml: 269484124 bytes uncompressed, over the 256 MiB limit (a zip bomb?)' stdgen --reference-doc gen-ref-huge.docx -o gen-o1 gen-ok.md
bad gen-ref-entries     2 '100001 zip entries, over the limit of 100000 (refused)' stdgen --reference-doc gen-ref-many.docx -o gen-o1 gen-ok.md
bad gen-ref-dup-part    2 'not a DOCX or ODT: the zip archive names a part twice (refused)' stdgen --reference-doc gen-ref-dup.docx -o gen-o1 gen-ok.md
bad gen-ref-is-output   2 'refusing to overwrite an input file'    stdgen --reference-doc "gen-keep/SJDJ-TS-01-2019-测试.docx" -o gen-keep gen-ok.md
expect gen-ref-kept     'cmp -s gen-keep.orig "gen-keep/SJDJ-TS-01-2019-测试.docx"'
expect gen-no-stray-temp '[ -z "$(ls -A gen-o1 gen-keep | grep tmp)" ]'
# a killed run's temporary files: the next run never meets its own name (random),
# and removes what a run with its PID (PID 1 in a container) or a dead one left
T='SJDJ-TS-01-2019-测试.docx'
if [ "$(id -u)" = 0 ] && unshare --pid --fork true 2>/dev/null; then
    bad gen-stale-pid1  0 ''                                       unshare --pid --fork "$BIN/stdgen" -q -o gen-stale gen-ok.md
    expect gen-stale-removed '[ -f "gen-stale/$T" ] && [ "$(ls gen-stale | sort | tr "\n" " ")" = "$T draft.docx.tmp1 notes.tmp1.txt " ]'
fi
bad gen-stale-live      0 ''                                       stdgen -q -o gen-stale2 gen-ok.md
expect gen-stale-live-kept '[ -f "gen-stale2/$T" ] && [ "$(ls gen-stale2 | sort | tr "\n" " ")" = "$T $T.tmp1-AbCdEfGh $T.tmp1.0 draft.docx.tmp1 notes.tmp1.txt " ]'
# a system CSV holds titles as text, never a live formula (OWASP: a quoted field
# with a leading apostrophe); stdcheck warns at the title (issue 17.7)
bad gen-csv-formula     0 ''                                       stdgen -q --system -f csv -o csv-out csv-sys
expect gen-csv-as-text  '/usr/bin/python3 csv-text.py'
bad check-title-formula 0 "JB-01-mubiao-guanli.md:3:1: warning: 'title' starts with '=': a spreadsheet would take it for a formula [title-formula]" \
                                                                   stdcheck csv-sys/JB-01-mubiao-guanli.md
# a system of 70 standards, 70 cited: the citations as a list, every format written
bad gen-system-70       0 ''                                       stdgen -q --system -f docx,odt,csv -o big-out big-sys
expect gen-system-70-all 'for f in 标准体系结构图.dot 标准体系表.docx 标准体系表.odt 标准明细表.csv; do [ -f "big-out/BX-$f" ] || exit 1; done && /usr/bin/python3 big-xref.py'
# libxml2's own messages never reach stderr; a reference with 550,000 styles is refused
bad gen-ref-encoding    2 'ref-encoding.docx: error: word/styles.xml is not well-formed XML' \
                                                                   stdgen --reference-doc ref-encoding.docx -o gen-o1 gen-ok.md
if printf '%s' "$last_out" | grep -q 'encoding error\|I/O error'; then fail "bad/gen-ref-encoding-quiet" "$last_out"; else pass; fi
bad gen-ref-styles      2 'ref-styles.docx: error: word/styles.xml holds more than 10000 <w:style> elements; refusing to read it' \
                                                                   stdgen --reference-doc ref-styles.docx -o gen-o1 gen-ok.md
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

# Bad data for stdform: nothing written on an error, inputs and earlier outputs untouched.
SYS=(--system "$ROOT/standards")
CARD=(--set card_no= --set unit_contact= --set unit_phone= --set issue_date= --set community_contact= --set community_phone= --set receipt_date= --set report_url=)
bad form-first-run      0 ''                                       stdform "${SYS[@]}" fill report-card --data members.csv -q --merge -o form-keep "${CARD[@]}"
expect form-keep-copy   'cp form-keep/report-card.docx form-keep.orig'
bad form-missing-column 1 "TS-09-shuangbaodao.md:274:4: error: no column 'card_no' in members.csv" \
                                                                   stdform "${SYS[@]}" fill report-card --data members.csv --merge -o form-keep
expect form-kept        'cmp -s form-keep.orig form-keep/report-card.docx && [ "$(ls -A form-keep | wc -l)" = 1 ]'
bad form-missing-list   1 "no column 'activities' in members.csv for the repeat rows" \
                                                                   stdform "${SYS[@]}" fill star-register --data members.csv -o form-o1
bad form-nothing-summary 1 'nothing written: 20 of 20 records with errors' \
                                                                   stdform "${SYS[@]}" fill report-card --data members.csv -o form-o1
expect form-o1-empty    '[ ! -e form-o1 ] || [ -z "$(ls -A form-o1)" ]'
bad form-bad-encoding   1 'form-badenc.csv: error: line 3, column 2 (unit): invalid UTF-8 (byte 0xFF)' \
                                                                   stdform "${SYS[@]}" fill report-card --data form-badenc.csv -o form-o1
bad form-gbk-as-utf8    1 'invalid UTF-8'                          stdform "${SYS[@]}" fill report-card --data form-gbk.csv --encoding UTF-8 -o form-o1
bad form-gbk-detected   1 "no column 'card_no' in form-gbk.csv"    stdform "${SYS[@]}" fill report-card --data form-gbk.csv -o form-o1
bad form-corrupt-xlsx   1 'corrupt.xlsx: error: not an XLSX workbook' stdform "${SYS[@]}" fill report-card --data corrupt.xlsx -o form-o1
# one value used in many fields or records: bounded at load and at the fill, nothing written
bad form-amp-value      1 'amp-value.xlsx: error: xl/sharedStrings.xml: shared string 0 holds 1500000 bytes; a value may hold at most 1 MiB' \
                                                                   stdform "${SYS[@]}" fill report-card --data amp-value.xlsx -o form-amp "${CARD[@]}"
bad form-amp-field      1 'amp-field.csv: error: line 2, column 1 (name): the field holds 1100000 bytes; a value may hold at most 1 MiB' \
                                                                   stdform "${SYS[@]}" fill report-card --data amp-field.csv -o form-amp "${CARD[@]}"
bad form-amp-record     2 "amp-record.xlsx:2: error: this record's values would put more than 16 MiB of text into one copy of the form" \
                                                                   stdform "${SYS[@]}" fill report-card --data amp-record.xlsx --merge -o form-amp "${CARD[@]}"
bad form-amp-run        1 "amp-run.xlsx: error: sheet S, cell M411: the cells' values add up to more than 256 MiB" \
                                                                   stdform "${SYS[@]}" fill report-card --data amp-run.xlsx --merge -o form-amp "${CARD[@]}"
expect form-amp-nothing '[ -z "$(ls -A form-amp 2>/dev/null)" ]'
bad form-sheet-encoding 1 'sheet-encoding.xlsx: error: xl/worksheets/sheet1.xml' \
                                                                   stdform "${SYS[@]}" fill report-card --data sheet-encoding.xlsx -o form-o1
if printf '%s' "$last_out" | grep -q 'encoding error\|I/O error'; then fail "bad/form-sheet-encoding-quiet" "$last_out"; else pass; fi
bad form-no-records     1 'form-empty.csv: error: no records'      stdform "${SYS[@]}" fill report-card --data form-empty.csv -o form-o1
bad form-json-comma     1 'form-comma.json:2:15: error: invalid JSON: trailing comma' \
                                                                   stdform "${SYS[@]}" fill report-card --data form-comma.json -o form-o1
bad form-second-sheet   1 'form-second-sheet.xlsx: error: no records in sheet 说明 (the sheets are: 说明, 名单; give --sheet NAME)' \
                                                                   stdform "${SYS[@]}" fill report-card --data form-second-sheet.xlsx -o form-o1
bad form-map-no-field   2 "stdform: --map '姓名=nmae': the form report-card has no field 'nmae'" \
                                                                   stdform "${SYS[@]}" fill report-card --data members.csv -o form-o1 --map 姓名=nmae
bad form-map-no-column  2 "stdform: --map '电话=phone': no column '电话' in members.csv (the columns are: name, gender," \
                                                                   stdform "${SYS[@]}" fill report-card --data members.csv -o form-o1 --map 电话=phone
bad form-map-shape      2 "stdform: --map 'phone': want COLUMN=FIELD" stdform "${SYS[@]}" fill report-card --data members.csv -o form-o1 --map phone
bad form-map-blank      2 "stdform: --map does not go with blank"  stdform "${SYS[@]}" blank report-card -o form-o1 --map a=b
bad form-template-rows  2 "stdform: error: --rows nope: the form sign-in has no repeat rows 'nope' (it has: attendees)" \
                                                                   stdform "${SYS[@]}" template sign-in --rows nope -o form-t.csv
bad form-template-ext   2 'form-t.txt: error: a data template is an .xlsx or a .csv file' \
                                                                   stdform "${SYS[@]}" template sign-in -o form-t.txt
expect form-template-none '[ ! -e form-t.csv ] && [ ! -e form-t.txt ]'
bad form-template-over  2 'members.csv: error: exists; a data template is never written over' \
                                                                   stdform "${SYS[@]}" template report-card -o members.csv
expect form-template-kept 'cmp -s members.csv "$ROOT/tests/data/members.csv"'
bad form-template-data  2 '--data does not go with template'       stdform "${SYS[@]}" template report-card -o form-t.xlsx --data members.csv
expect form-o1-still-empty '[ ! -e form-o1 ] || [ -z "$(ls -A form-o1)" ]'
expect form-o1-still-empty '[ ! -e form-o1 ] || [ -z "$(ls -A form-o1)" ]'
# markup is escaped, control characters are dropped with a warning naming the record and field
bad form-markup         0 "form-markup.csv:2: warning: record 1, field 'unit': 3 characters that XML cannot hold" \
                                                                   stdform "${SYS[@]}" fill report-card --data form-markup.csv -o form-o2 --set card_no= --set community_party_org= --set address= --set gender= --set birth_date= --set join_date= --set position= --set phone= --set speciality= --set service_intention= --set unit_party_org= --set unit_contact= --set unit_phone= --set issue_date= --set report_date= --set post= --set community_contact= --set community_phone= --set receipt_date= --set report_url=
expect form-escaped     'unzip -p form-o2/report-card-1.docx word/document.xml | grep -q "a&lt;&amp;]]&gt;b" && unzip -p form-o2/report-card-1.docx word/document.xml | grep -q ">xyzw<"'
# names from the data stay inside -o DIR
bad form-hostile-names  0 ''                                       stdform "${SYS[@]}" fill report-card --data form-names.csv -q -o form-o3 --each '{{name}}' "${CARD[@]}" --set community_party_org= --set address= --set gender= --set birth_date= --set join_date= --set position= --set phone= --set speciality= --set service_intention= --set unit_party_org= --set report_date= --set post=
expect form-names-inside '[ "$(ls form-o3 | sort | tr "\n" " ")" = "_.._x.docx _CON.docx _tmp_form-evil.docx record-4.docx 张三-2.docx 张三.docx " ] && [ ! -e /tmp/form-evil.docx ] && [ ! -e x.docx ] && [ ! -e ../x.docx ]'
bad form-pattern-dots   0 ''                                       stdform "${SYS[@]}" fill report-card --data form-names.csv -q -o form-o4 --each '../../{{unit}}' "${CARD[@]}" --set community_party_org= --set address= --set gender= --set birth_date= --set join_date= --set position= --set phone= --set speciality= --set service_intention= --set unit_party_org= --set report_date= --set post=
expect form-pattern-inside '[ "$(ls form-o4 | wc -l)" = 6 ] && [ -f "form-o4/_.._甲.docx" ] && [ -z "$(ls .. | grep 甲)" ]'
bad form-pattern-field  2 "--each '{{nmae}}': no field 'nmae'"     stdform "${SYS[@]}" fill report-card --data members.csv -o form-o5 --each '{{nmae}}' "${CARD[@]}"
# --keep-going writes the good records and names the bad one's row
bad form-list-as-text   1 "form-list-text.json:2: error: record 2: 'activities' is text" \
                                                                   stdform "${SYS[@]}" fill star-register --data form-list-text.json -o form-o6 --set unit= --set community= --set report_date= --set post= --set phone= --set year= --set pledge= --set total_hours= --set total_points= --set star_level= --set publicity_date= --set community_party_org= --set reviewer= --set sign_date=
expect form-o6-empty    '[ ! -e form-o6 ] || [ -z "$(ls -A form-o6)" ]'
bad form-keep-going     1 "record 2: 'activities' is text"         stdform "${SYS[@]}" fill star-register --data form-list-text.json --keep-going -o form-o6 --set unit= --set community= --set report_date= --set post= --set phone= --set year= --set pledge= --set total_hours= --set total_points= --set star_level= --set publicity_date= --set community_party_org= --set reviewer= --set sign_date=
expect form-good-written '[ "$(ls form-o6 | tr "\n" " ")" = "star-register-1.docx star-register-3.docx " ]'
# usage
bad form-bad-shard      2 "--shard '0/3': want K/N"                stdform "${SYS[@]}" fill report-card --data members.csv --shard 0/3
bad form-bad-shard2     2 "--shard '4/3': want K/N"                stdform "${SYS[@]}" fill report-card --data members.csv --shard 4/3
bad form-bad-shard3     2 "--shard 'x': want K/N"                  stdform "${SYS[@]}" fill report-card --data members.csv --shard x
bad form-unknown-form   2 "no form 'nope'"                         stdform "${SYS[@]}" fill nope --data members.csv
bad form-no-system      2 'no system.yaml here or above'           stdform fill report-card --data members.csv
bad form-missing-data   2 'nope.csv: error: cannot read'           stdform "${SYS[@]}" fill report-card --data nope.csv
bad form-no-data        2 'fill needs --data FILE'                 stdform "${SYS[@]}" fill report-card
bad form-each-merge     2 '--each and --merge do not go together'  stdform "${SYS[@]}" fill report-card --data members.csv --merge --each x
bad form-set-syntax     2 "--set 'card_no': want NAME=VALUE"       stdform "${SYS[@]}" fill report-card --data members.csv --set card_no
bad form-wrong-command  2 "--data does not go with list"           stdform "${SYS[@]}" list --data members.csv
bad form-bad-copies     2 "--copies '0'"                           stdform "${SYS[@]}" blank report-card --copies 0
bad form-unknown-format 2 "unknown format 'rtf'"                   stdform "${SYS[@]}" blank report-card --format rtf
bad form-no-command     2 'no command'                             stdform
bad form-output-is-input 2 'refusing to overwrite an input file'   stdform "${SYS[@]}" fill report-card --data members.csv --merge -o form-link "${CARD[@]}"
expect form-input-kept  'cmp -s members.csv "$ROOT/tests/data/members.csv"'
bad form-pdf-no-soffice 2 'needs LibreOffice'                      env "PATH=$W/nobin" "$BIN/stdform" "${SYS[@]}" blank report-card -f pdf -o form-o7
expect form-pdf-nothing '[ ! -e form-o7 ] || [ -z "$(ls -A form-o7)" ]'
expect form-no-stray-temp '[ -z "$(ls -A form-keep form-o2 form-o3 form-o4 form-o6 | grep "\.tmp[0-9]")" ]'
# --system
bad gen-system-no-yaml  2 'none in or above'                       stdgen --system -o gen-o1 gen-dup
bad gen-csv-alone       2 'csv is a format of the system documents' stdgen -f csv -o gen-o1 gen-ok.md
bad gen-system-twice    2 'give the system'"'"'s directory once'     stdgen --system=gen-dup -o gen-o1 gen-dup
bad form-too-wide       1 "TS-01-wide.md:13:1: error: table A.1 has 70 columns; Word opens tables of at most 63" \
                                                                   stdform --system form-wide blank wide -o form-o8
bad form-missing-figure 1 "figure 'missing.png': cannot open"      stdform --system form-nofig blank fig -o form-o8
expect form-o8-empty    '[ ! -e form-o8 ] || [ -z "$(ls -A form-o8)" ]'

# The rest of issue 9's list: deeper nesting, a 100 MB line, unreadable input, no
# front matter for stdgen, a full disk, 10,000 zip entries, XXE through the CLI.
bad deep-100k           1 'nested more than 32 levels'             stdcheck --no-system deep100k.md
bad gen-deep-100k       0 ''                                       stdgen -q -o gen-o6 deep100k.md
bad line-100mb          1 '[scope-wording]'                        stdcheck --no-system line100m.md
bad gen-line-100mb      0 ''                                       stdgen -q -o gen-o6 line100m.md
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    bad unreadable-file 2 'unreadable.md: error: cannot open: Permission denied' \
        setpriv --reuid=65534 --regid=65534 --clear-groups stdcheck --no-system unreadable.md
elif [ "$(id -u)" != 0 ]; then
    bad unreadable-file 2 'unreadable.md: error: cannot open: Permission denied' stdcheck --no-system unreadable.md
fi
bad gen-no-front-matter 1 'gen-nofm.md:1:1: error: no front matter' stdgen -o gen-o10 gen-nofm.md
expect gen-nofm-nothing  '[ -z "$(ls -A gen-o10 2>/dev/null)" ]'
# disk full: a tiny tmpfs, when we may mount one (root); the output never half-exists
if [ "$(id -u)" = 0 ] && mkdir -p "$W/full" && mount -t tmpfs -o size=16k tmpfs "$W/full" 2>/dev/null; then
    bad gen-disk-full   2 'No space left on device'                stdgen -o full TS-09.md
    expect gen-disk-full-clean '[ -z "$(ls -A full)" ]'
    # leave 4 KiB: too little for any form document
    expect fill-the-disk '{ dd if=/dev/zero of=full/filler bs=1k count=12 2>/dev/null; true; }'
    bad form-disk-full  2 'No space left on device'                stdform "${SYS[@]}" blank star-register -o full
    expect form-disk-full-clean '[ "$(ls -A full)" = filler ]'
    umount "$W/full"
fi
bad form-many-entries   1 "no column 'card_no' in many-entries.xlsx" stdform "${SYS[@]}" fill report-card --data many-entries.xlsx -o form-o9
bad form-xlsx-xxe       1 'DOCTYPE'                                stdform "${SYS[@]}" fill report-card --data xxe.xlsx -o form-o9
expect form-xxe-nothing '[ -z "$(ls -A form-o9 2>/dev/null)" ]'
