# The shipped system is clean, and a copy broken in three standards (a clause
# number, a dangling [](#x), a repeated 表 number) gives exactly those three
# diagnostics at the right file:line:col, exit 1, on the system and file by file.
set -eu
SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
cd "$ROOT"
out=$("$SC" standards/ 2>&1) || { echo "stdcheck standards/ failed: $out"; exit 1; }
[ -z "$out" ] || { echo "stdcheck standards/ printed: $out"; exit 1; }
out=$("$SC" --fail-level note standards/ 2>&1) || { echo "notes on the corpus: $out"; exit 1; }

cp -r standards "$W/"
cd "$W"
sed -i 's/^## 6.3 优化服务/## 6.4 优化服务/' standards/TS-03-zhendi-jianshe.md
sed -i 's/^党员活动日开展情况应按表2的内容进行评价，/党员活动日开展情况应按表2的内容进行评价，评价方法见[](#x)，/' standards/TS-04-wujiax-huodongri.md
sed -i 's/^表D.2：志愿服务积分记录/表D.1：志愿服务积分记录/' standards/TS-09-shuangbaodao.md
want="standards/TS-03-zhendi-jianshe.md:185:4: error: clause number 6.4 skips a number after the previous one: expected 6.3 [num-gap]
  hint: write 6.3 (stdcheck --fix renumbers headings and the references to them)
standards/TS-04-wujiax-huodongri.md:254:27: error: link to '#x', but no heading, table or figure has that anchor [ref-dangling]
  hint: add {#x} to the target, or fix the link
standards/TS-09-shuangbaodao.md:363:2: error: 表D.1 repeats the previous one: this is 表D.2 [table-number]
  hint: tables are numbered continuously (表1, 表2 …; 表A.1 in annex A); --fix renumbers them"
set +e
got=$("$SC" --color never standards 2>/dev/null); rc=$?
set -e
[ $rc -eq 1 ] || { echo "exit $rc on the broken system"; exit 1; }
[ "$got" = "$want" ] || { echo "diagnostics differ:"; diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"); exit 1; }
# file by file (system found above the file), each exits 1 with its own line
for f in TS-03-zhendi-jianshe TS-04-wujiax-huodongri TS-09-shuangbaodao; do
    set +e
    "$SC" "standards/$f.md" >/dev/null 2>&1; rc=$?
    set -e
    got=$("$SC" --color never "standards/$f.md" 2>/dev/null | grep -v '^  hint' || true)
    [ $rc -eq 1 ] || { echo "$f: exit $rc"; exit 1; }
    [ "$got" = "$(printf '%s\n' "$want" | grep "^standards/$f.md:")" ] || { echo "$f: got $got"; exit 1; }
done
# --fix repairs the numbering; the dangling link stays (it is not a number)
"$SC" --fix standards >/dev/null 2>&1 || true
got=$("$SC" --color never standards 2>/dev/null | grep -v '^  hint' || true)
[ "$got" = "standards/TS-04-wujiax-huodongri.md:254:27: error: link to '#x', but no heading, table or figure has that anchor [ref-dangling]" ] ||
    { echo "after --fix: $got"; exit 1; }
echo ok
