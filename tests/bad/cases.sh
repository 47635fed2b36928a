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
