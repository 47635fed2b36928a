# stdcheck --watch and stdgen --watch on a copy of the shipped system: after the first
# round, a standard saved as editors save it (a new file renamed over the old one) is
# checked again together with exactly the standards that cite its number; a file
# written in place likewise; a new standard alone; a change of system.yaml checks
# everything; SIGINT stops with status 0. stdgen renders again only the changed
# standard and its citers (the others' files are not rewritten), with the change in.
set -eu
command -v python3 >/dev/null || { echo "python3 is not installed"; exit 77; }
SC=$ROOT/$BUILD/stdcheck GEN=$ROOT/$BUILD/stdgen NEW=$ROOT/$BUILD/stdnew
W=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$W"' EXIT
cp -r "$ROOT/standards" "$W/sys"
# wait_rounds FILE N: until FILE holds N "watching" lines (30 s at most)
wait_rounds() {
    for _ in $(seq 300); do
        [ "$(grep -c 'for changes (Ctrl-C stops)' "$1" 2>/dev/null || true)" -ge "$2" ] && return 0
        sleep 0.1
    done
    echo "no round $2 in $1:"; cat "$1"; return 1
}
# citers CODE: how many standards of the copy cite CODE besides its own file
citers() { grep -l -- "$1" "$W"/sys/[A-Z][A-Z]-*.md | grep -v -- "$2" | wc -l; }
save() { # save FILE PYTHON-EXPR: rewrite FILE as an editor does (write a temporary, rename it over)
    python3 - "$1" "$2" <<'PY'
import os, sys
p, expr = sys.argv[1], sys.argv[2]
s = open(p, encoding="utf-8").read()
s = eval(expr, {"s": s})
open(p + ".new", "w", encoding="utf-8").write(s)
os.rename(p + ".new", p)
PY
}

cd "$W"
"$SC" --watch sys >"$W/out" 2>"$W/err" &
pid=$!
wait_rounds "$W/err" 1
grep -q "^stdcheck: watching 22 standards for changes" "$W/err" || { cat "$W/err"; exit 1; }
[ ! -s "$W/out" ] || { echo "the shipped system is not clean:"; cat "$W/out"; exit 1; }
# round 1: TS-04 renumbered by mistake, saved by rename
save sys/TS-04-wujiax-huodongri.md 's.replace("## 4.3 基本要求", "## 4.4 基本要求")'
wait_rounds "$W/err" 2
n=$((1 + $(citers "SJDJ/TS 04" TS-04-)))
grep -q "^stdcheck: sys/TS-04-wujiax-huodongri.md changed: checking $n standards$" "$W/err" ||
    { echo "round 1 (want $n standards):"; cat "$W/err"; exit 1; }
grep -q '^sys/TS-04-wujiax-huodongri.md:97:4: error: clause number 4.4 skips a number' "$W/out" || { cat "$W/out"; exit 1; }
# round 2: TS-03's title written in place: its citers now differ from its title
python3 -c "
p='sys/TS-03-zhendi-jianshe.md'; s=open(p,encoding='utf-8').read()
open(p,'w',encoding='utf-8').write(s.replace('title: 阵地建设标准','title: 阵地建设规范',1))"
wait_rounds "$W/err" 3
n=$((1 + $(citers "SJDJ/TS 03" TS-03-)))
grep -q "^stdcheck: sys/TS-03-zhendi-jianshe.md changed: checking $n standards$" "$W/err" ||
    { echo "round 2 (want $n):"; cat "$W/err"; exit 1; }
[ "$(grep -c 'but its title is "阵地建设规范" \[normref-title\]' "$W/out")" = "$(citers 'SJDJ/TS 03—2019　阵地建设标准' TS-03-)" ] ||
    { echo "normref-title in every citer:"; cat "$W/out"; exit 1; }
# round 3: a new standard, cited by nobody
"$NEW" -C sys -c TS 新标准 >/dev/null
wait_rounds "$W/err" 4
grep -q "^stdcheck: sys/TS-13.md changed: checking 1 standard$" "$W/err" || { cat "$W/err"; exit 1; }
tail -1 "$W/err" | grep -q "watching 23 standards" || { cat "$W/err"; exit 1; }
# round 4: system.yaml changed: everything
echo "# touched" >> sys/system.yaml
wait_rounds "$W/err" 5
grep -q "^stdcheck: sys/system.yaml changed: checking 23 standards$" "$W/err" || { cat "$W/err"; exit 1; }
kill -INT "$pid"
set +e; wait "$pid"; rc=$?; set -e
pid=
[ $rc = 0 ] || { echo "stdcheck --watch exited $rc on SIGINT"; exit 1; }
# --watch with --fix is refused
set +e; "$SC" --watch --fix sys 2>/dev/null; rc=$?; set -e
[ $rc = 2 ] || { echo "--watch --fix exited $rc"; exit 1; }

# stdgen --watch
rm -rf sys && cp -r "$ROOT/standards" sys
"$GEN" --watch -o gen sys >"$W/gout" 2>"$W/gerr" &
pid=$!
wait_rounds "$W/gerr" 1
grep -q "^stdgen: 22 of 22 standards rendered into gen$" "$W/gerr" || { cat "$W/gerr"; exit 1; }
touch -d "2020-01-01" gen/*.docx
save sys/TS-04-wujiax-huodongri.md 's.replace("## 4.3 基本要求", "## 4.3 基本工作要求")'
wait_rounds "$W/gerr" 2
n=$((1 + $(citers "SJDJ/TS 04" TS-04-)))
grep -q "^stdgen: sys/TS-04-wujiax-huodongri.md changed: rendering $n standards$" "$W/gerr" &&
    grep -q "^stdgen: $n of $n standards rendered into gen$" "$W/gerr" || { cat "$W/gerr"; exit 1; }
# the rendered files: TS-04 and its citers are new, the rest untouched
fresh=$(find gen -name '*.docx' -newermt '2020-01-02' | wc -l)
[ "$fresh" = "$n" ] || { echo "$fresh files rewritten, want $n"; ls -l gen; exit 1; }
unzip -p gen/SJDJ-TS-04-2019-*.docx word/document.xml | grep -q "基本工作要求" || { echo "TS-04.docx lacks the change"; exit 1; }
kill -INT "$pid"
set +e; wait "$pid"; rc=$?; set -e
pid=
[ $rc = 0 ] || { echo "stdgen --watch exited $rc on SIGINT"; exit 1; }
echo ok
