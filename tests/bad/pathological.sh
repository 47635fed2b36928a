# The pathological suite, in the style of cmark's: inputs of about half a
# megabyte (tests/bad/pathological.py) shaped to make a path quadratic in their
# size, or a memory blow-up, take far beyond the bound: each case must finish
# within PATHO_CPU seconds of CPU time and PATHO_MB MiB of peak memory, and print
# at most PATHO_OUT bytes. Sourced by tests/run-bad, after cases.sh:
#   patho NAME EXIT 'message fragment' COMMAND ARGS...   (run in $W/patho)
# A linear path takes about a second here; the quadratic ones this suite was
# written against took 20-60 s, and the blow-ups many GB.
P=$W/patho
PATHO_CPU=${PATHO_CPU:-10} PATHO_MB=${PATHO_MB:-512} PATHO_OUT=${PATHO_OUT:-200000}
case $BUILD in
    *asan*) PATHO_CPU=$((PATHO_CPU * 4)) PATHO_MB=$((PATHO_MB * 4))
            export ASAN_OPTIONS="${ASAN_OPTIONS:-}:hard_rss_limit_mb=$PATHO_MB" ;;
esac
patho() {
    local name=$1 want=$2 frag=$3; shift 3
    local rc cpu mb bytes u s kb
    if [ "${VALGRIND:-0}" = 1 ]; then skip "patho/$name (not under valgrind)"; return; fi
    rc=$(cd "$P" && {
        case $BUILD in *asan*) ;; *) ulimit -v $((PATHO_MB * 4 * 1024)) ;; esac
        /usr/bin/time -f '%U %S %M' -o "$P/.time" timeout $((PATHO_CPU * 3)) "$@" > "$P/.out" 2>&1
        echo $?
    })
    read -r u s kb < <(tail -1 "$P/.time")
    cpu=$(echo "$u + $s" | bc); mb=$((${kb:-0} / 1024)); bytes=$(wc -c < "$P/.out")
    if [ "$rc" = 124 ]; then
        fail "patho/$name" "timed out after $((PATHO_CPU * 3)) s (quadratic?)"
    elif grep -qE 'AddressSanitizer|runtime error:|LeakSanitizer|Segmentation|out of memory' "$P/.out"; then
        fail "patho/$name" "$(head -15 "$P/.out")"
    elif [ "$rc" != "$want" ]; then
        fail "patho/$name" "exit $rc, expected $want; output: $(head -c 600 "$P/.out")"
    elif [ -n "$frag" ] && ! grep -qF -- "$frag" "$P/.out"; then
        fail "patho/$name" "message lacks '$frag'; output: $(head -c 600 "$P/.out")"
    elif [ "$(echo "$cpu > $PATHO_CPU" | bc)" = 1 ]; then
        fail "patho/$name" "took $cpu s of CPU, over $PATHO_CPU s (quadratic?)"
    elif [ "$mb" -gt "$PATHO_MB" ]; then
        fail "patho/$name" "peak memory $mb MiB, over $PATHO_MB MiB"
    elif [ "$bytes" -gt "$PATHO_OUT" ]; then
        fail "patho/$name" "printed $bytes bytes, over $PATHO_OUT"
    else
        pass
    fi
}
python3 "$ROOT/tests/bad/pathological.py" "$P" "${PATHO_SCALE:-0.5}"
O=(-q -o "$P/out")
# one long line: a column, a modal verb, a standard number recounted from the line's start
patho line-emphasis        1 '[element-missing]'          stdcheck --no-system line-emphasis.md
patho gen-line-emphasis    0 ''                           stdgen "${O[@]}" line-emphasis.md
patho line-code            1 '[element-missing]'          stdcheck --no-system line-code.md
patho line-math            1 '[element-missing]'          stdcheck --no-system line-math.md
patho gen-line-math        0 ''                           stdgen "${O[@]}" line-math.md
patho line-links           1 'more findings of this kind in this file are not shown (the first 100 are) [ref-dangling]' \
                                                          stdcheck --no-system line-links.md
patho line-modals          1 '[element-missing]'          stdcheck --no-system line-modals.md
patho line-stdnums         1 'more findings of this kind in this file are not shown' stdcheck --no-system line-stdnums.md
patho line-plainrefs       1 'more findings of this kind in this file are not shown' stdcheck --no-system line-plainrefs.md
patho gen-line-breaks      0 ''                           stdgen "${O[@]}" line-breaks.md
# nesting
patho nest-brackets        1 '[element-missing]'          stdcheck --no-system nest-brackets.md
patho nest-emphasis        1 '[element-missing]'          stdcheck --no-system nest-emphasis.md
patho gen-nest-emphasis    0 ''                           stdgen "${O[@]}" nest-emphasis.md
patho nest-lists           1 'nest-lists.md:75:1: error: ' stdcheck --no-system nest-lists.md
patho gen-nest-lists       0 ''                           stdgen "${O[@]}" nest-lists.md
patho nest-list-markers    1 'nest-list-markers.md:11:1: error: 1 line indented more than 128 columns' \
                                                          stdcheck --no-system nest-list-markers.md
patho nest-lists-max       1 'nested more than 32 levels' stdcheck --no-system nest-lists-max.md
patho gen-nest-lists-max   0 ''                           stdgen "${O[@]}" nest-lists-max.md
patho nest-quote-lines     1 'lines indented more than 128 columns' stdcheck --no-system nest-quote-lines.md
patho nest-links           1 '[element-missing]'          stdcheck --no-system nest-links.md
# wide tables: refused before cmark-gfm fills the cells
patho tables-sparse-one    2 'tables-sparse-one.md:9:1: error: a table of 4000 columns and 4001 rows would hold 16004000 cells' \
                                                          stdcheck --no-system tables-sparse-one.md
patho tables-sparse-many   2 'tables-sparse-many.md:372:1: error: a table of 180 columns and 361 rows would bring the tables to 129960 cells' \
                                                          stdcheck --no-system tables-sparse-many.md
patho gen-tables-sparse-many 1 'tables-sparse-many.md:372:1: error: a table of 180 columns' stdgen "${O[@]}" tables-sparse-many.md
patho gen-tables-long      0 ''                           stdgen "${O[@]}" tables-long.md
patho many-empty-cells     1 'more findings of this kind in this file are not shown (the first 100 are) [table-cell]' \
                                                          stdcheck --no-system many-empty-cells.md
# many references, anchors, headings
patho many-refuses         2 'many-refuses.md:11:3: error: a link reference definition of 250019 bytes' \
                                                          stdcheck --no-system many-refuses.md
patho many-refdefs         1 '[element-missing]'          stdcheck --no-system many-refdefs.md
patho gen-many-xrefs       0 ''                           stdgen "${O[@]}" many-xrefs.md
patho many-stdrefs         1 '[element-missing]'          stdcheck --no-system many-stdrefs.md
patho gen-many-stdrefs     0 ''                           stdgen "${O[@]}" many-stdrefs.md
patho many-anchors         1 '[element-missing]'          stdcheck --no-system many-anchors.md
patho gen-many-headings    0 ''                           stdgen "${O[@]}" many-headings.md
