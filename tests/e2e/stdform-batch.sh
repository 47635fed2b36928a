# A batch of forms: shards run side by side (as GNU parallel would) write exactly
# the files of the whole run, byte for byte; output is reproducible and follows
# SOURCE_DATE_EPOCH; a merged shard holds its records; the progress bar shows on a
# TTY and not with -q.
set -u
. "$ROOT/tests/e2e/stdform.lib"
mapfile -t sets < <(missing_sets report-card "$DATA/members.csv" | tr ' ' '\n')
fill() { sf fill report-card --data "$DATA/members.csv" -q "${sets[@]}" "$@"; }
fill -o "$T/all" --each '{{name}}' || die "the whole run failed"
pids=()
for k in 1 2 3; do
    fill -o "$T/shards" --each '{{name}}' --shard $k/3 & pids+=($!)
done
for p in "${pids[@]}"; do wait "$p" || die "a shard failed"; done
diff <(ls "$T/all") <(ls "$T/shards") >/dev/null || die "the shards wrote other files than the whole run: $(diff <(ls "$T/all") <(ls "$T/shards"))"
for f in "$T"/all/*.docx; do
    cmp -s "$f" "$T/shards/$(basename "$f")" || die "$(basename "$f") differs between the shard and the whole run"
done
[ "$(ls "$T/all" | wc -l)" = 20 ] || die "not 20 files"
# merged shards: records 1, 4 … 19 (7), 2 … 20 (7), 3 … 18 (6)
for k in 1 2 3; do fill -o "$T/merged" --merge --shard $k/3 || die "merged shard $k failed"; done
"$PY" "$CHECK" --text 张建国 --text 赵丽娜 --text 林志远 7 "$T/merged/report-card-1-of-3.docx" || die "shard 1 of 3"
"$PY" "$CHECK" --text 李秀兰 --text 刘洋 --text 罗晓琳 7 "$T/merged/report-card-2-of-3.docx" || die "shard 2 of 3"
"$PY" "$CHECK" --text 王志强 --text 高雪 6 "$T/merged/report-card-3-of-3.docx" || die "shard 3 of 3"
# reproducible, and dated by SOURCE_DATE_EPOCH
fill -o "$T/again" --each '{{name}}' || die "the second run failed"
for f in "$T"/all/*.docx; do cmp -s "$f" "$T/again/$(basename "$f")" || die "$(basename "$f") is not reproducible"; done
SOURCE_DATE_EPOCH=1700000000 fill -o "$T/sde" --merge || die "SOURCE_DATE_EPOCH run failed"
SOURCE_DATE_EPOCH=1700000000 fill -o "$T/sde2" --merge || die "SOURCE_DATE_EPOCH run failed"
cmp -s "$T/sde/report-card.docx" "$T/sde2/report-card.docx" || die "merged output not reproducible"
unzip -p "$T/sde/report-card.docx" docProps/core.xml | grep -q '2023-11-14T22:13:20Z' || die "core.xml does not carry SOURCE_DATE_EPOCH"
# the progress bar: on a terminal, not with -q (script(1) gives the terminal)
if command -v script >/dev/null; then
    out=$(cd "$ROOT" && script -qec "$SF fill report-card --data $DATA/members.csv ${sets[*]} -o $T/tty" /dev/null 2>&1)
    printf '%s' "$out" | grep -q '\[#*\.*\] [0-9]*/20' || die "no progress bar on a terminal: $out"
    out=$(cd "$ROOT" && script -qec "$SF fill report-card --data $DATA/members.csv ${sets[*]} -q -o $T/tty2" /dev/null 2>&1)
    [ -z "$out" ] || die "-q printed: $out"
fi
echo "shards, reproducibility and progress checked"
