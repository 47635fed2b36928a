# Every stdform command of README.md and of stdform(1)'s EXAMPLES runs as written
# (paths relative to the source tree; only the output directory is redirected, and
# GNU parallel's form is run shard by shard) and writes what it says.
set -u
. "$ROOT/tests/e2e/stdform.lib"
cmds=$T/cmds
# README: the lines of ```sh blocks that start with stdform, continuations joined
awk '/^```sh/{on=1; next} /^```/{on=0} on' "$ROOT/README.md" | sed -e :a -e '/\\$/N; s/\\\n//; ta' |
    grep '^stdform ' | sed 's/ *#.*$//' > "$cmds"
# the man page: the .nf blocks of EXAMPLES, troff escapes undone
sed -n '/^\.SH EXAMPLES/,/^\.SH EXIT/p' "$ROOT/docs/stdform.1" | sed -n '/^\.nf/,/^\.fi/p' |
    grep -v '^\.' | sed -e 's/\\-/-/g' -e "s/\\\\(aq/'/g" -e 's/\\e$/\\/' | sed -e :a -e '/\\$/N; s/\\\n//; ta' |
    sed -e 's/^ *- run: //' -e 's/\${{ matrix.shard }}/1/' -e 's/^parallel \(.*\){}\/4 ::: .*/\1 1\/4/' |
    grep '^stdform ' >> "$cmds"
n=0
while IFS= read -r line; do
    n=$((n + 1))
    out=$T/ex$n
    case $line in
        "stdform template "*) mkdir -p "$out"; line=${line//out\/forms\//$out/} ;; # -o names a file there
        *) line=${line//out\/forms\//$out} ;;
    esac
    line=${line//-o out /-o $out }
    (cd "$ROOT" && eval "set -- ${line#stdform }" && run_tool "$SF" -q "$@") >"$T/log" 2>&1 ||
        die "example $n failed: $line: $(cat "$T/log")"
    case $line in *" list"*) ;; *) [ -n "$(ls -A "$out" 2>/dev/null)" ] || die "example $n wrote nothing: $line" ;; esac
done < "$cmds"
[ "$n" -ge 24 ] || die "only $n examples found"
echo "$n README and man page examples of stdform ran"
