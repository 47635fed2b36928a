# A merged batch of a form with QR codes (report-card's 扫码登记) is written as it
# is made, like any other form: 3,000 records (held whole, 47 MiB; streamed, 17)
# stay under a peak of 32 MiB, and the package is whole: one image per record,
# each listed once in the relationships (written after document.xml, once every
# image is known), every picture's r:embed among them, the last record's code
# readable. Not under valgrind or the sanitizers (their memory is not ours).
set -u
. "$ROOT/tests/e2e/stdform.lib"
case "$BUILD" in *asan*) skip_test "peak memory is not measured under the sanitizers" ;; esac
[ "${VALGRIND:-0}" = 1 ] && skip_test "peak memory is not measured under valgrind"
[ -x /usr/bin/time ] || skip_test "/usr/bin/time (Debian time) is not installed"
N=3000
"$PY" - "$DATA/members.csv" "$T/q.csv" "$N" <<'PY'
import csv, sys
src, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
base = list(csv.DictReader(open(src, encoding='utf-8')))
with open(out, 'w', encoding='utf-8', newline='') as f:
    wr = None
    for i in range(n):
        r = dict(base[i % len(base)])
        r['name'] += str(i + 1)
        r.update(card_no='SJ2024-%05d' % (i + 1), unit_contact='王主任', unit_phone='0371-68900001',
                 issue_date='2024-03-01', community_contact='李书记', community_phone='0371-68910001',
                 receipt_date='2024-03-10', report_url='https://dj.example.cn/report/%07d' % (i + 1))
        if wr is None:
            wr = csv.DictWriter(f, fieldnames=list(r))
            wr.writeheader()
        wr.writerow(r)
PY
(cd "$ROOT" && /usr/bin/time -f '%M' -o "$T/rss" "$SF" fill report-card --data "$T/q.csv" --merge -q -o "$T/out") ||
    die "the merged run failed"
kb=$(tail -1 "$T/rss")
[ "$kb" -lt $((32 * 1024)) ] || die "peak memory $((kb / 1024)) MiB for $N records with QR codes merged, over 32 MiB (held whole?)"
"$PY" - "$T/out/report-card.docx" "$N" <<'PY' || die "the streamed package is not whole"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
n = int(sys.argv[2])
assert z.testzip() is None
names = z.namelist()
media = [x for x in names if x.startswith('word/media/')]
assert len(media) == n, '%d images for %d records' % (len(media), n)
assert names.index('word/_rels/document.xml.rels') > names.index('word/document.xml')
rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', z.read('word/_rels/document.xml.rels').decode()))
ids = re.findall(r'Id="(rId\d+)"', z.read('word/_rels/document.xml.rels').decode())
assert len(ids) == len(set(ids)), 'a relationship id given twice'
embeds = re.findall(r'r:embed="(rId\d+)"', z.read('word/document.xml').decode())
assert len(embeds) == n and len(set(embeds)) == n, '%d pictures' % len(embeds)
for e in embeds:
    assert 'word/' + rels[e] in names, e + ' points at no part'
open(sys.argv[1] + '.last.png', 'wb').write(z.read('word/' + rels[embeds[-1]]))
PY
if command -v zbarimg >/dev/null; then
    got=$(zbarimg -q --raw "$T/out/report-card.docx.last.png" 2>/dev/null | head -1)
    [ "$got" = "https://dj.example.cn/report/$(printf %07d $N)" ] || die "the last QR code reads '$got'"
fi
echo "$N records with QR codes merged in a peak of $((kb / 1024)) MiB"

# CSV records are read as a stream (twice: checked, then written), never held:
# 100,000 records (held, 95 MiB) checked and a shard of them written, merged and
# one file per record, each under a peak of 32 MiB; names stay deduplicated over
# all the records; a bad record at the end is reported at its line and nothing is
# written.
"$PY" - "$T/fb.csv" 100000 <<'PY'
import sys
cols = ['notice_no', 'unit_party_org', 'name', 'period', 'community', 'post', 'service_count', 'service_hours',
        'period_points', 'total_points', 'pledge_status', 'evaluation', 'community_opinion', 'unit_opinion',
        'community_party_org', 'community_contact', 'notice_date']
with open(sys.argv[1], 'w', encoding='utf-8') as f:
    f.write(','.join(cols) + '\n')
    for i in range(int(sys.argv[2])):
        f.write('FK%07d,教育局党委,张%d,2024Q1,金华社区,宣讲员,%d,%d,%d,%d,良好,满意,同意,同意,金华社区党委,李书记,2024-03-31\n'
                % (i + 1, i + 1, i % 9 + 1, i % 30 + 2, i % 20, i % 90))
PY
peak() { # peak NAME ARGS...: runs stdform fill feedback-notice, fails past 32 MiB
    local name=$1
    shift
    (cd "$ROOT" && /usr/bin/time -f '%M' -o "$T/rss" "$SF" fill feedback-notice --data "$T/fb.csv" -q "$@") ||
        die "$name: the run failed"
    kb=$(tail -1 "$T/rss")
    [ "$kb" -lt $((32 * 1024)) ] || die "$name: peak memory $((kb / 1024)) MiB for 100,000 records, over 32 MiB (held whole?)"
}
peak "a shard of one" --shard 1/100000 -o "$T/one"
peak "a merged shard" --merge --shard 7/1000 -o "$T/merged"
"$PY" "$CHECK" --text FK0000007 --text FK0099007 100 "$T/merged/feedback-notice-7-of-1000.docx" ||
    die "the merged shard lacks its records"
peak "a shard of files" --each '{{period}}' --shard 1/1000 -o "$T/each"
[ "$(ls "$T/each" | wc -l)" = 100 ] || die "not 100 files: $(ls "$T/each" | head)"
# every record named, in order: records 1, 1001 … of one period are 2024Q1, 2024Q1-1001 …
for f in 2024Q1 2024Q1-1001 2024Q1-99001; do
    [ -f "$T/each/$f.docx" ] || die "no $f.docx among: $(ls "$T/each" | head -3)"
done
printf 'FK9999999,教育局党委,张,2024Q1,金华社区,宣讲员,1,2,3,4,良好,满意,同意,同意,金华社区党委,李书记,2024-03-31,extra\n' >> "$T/fb.csv"
out=$(cd "$ROOT" && "$SF" fill feedback-notice --data "$T/fb.csv" --merge -q -o "$T/bad" 2>&1) && die "a bad last record was accepted"
printf '%s' "$out" | grep -q 'fb.csv:100002:18: error: .*a value right of the last named column' ||
    die "the bad record is not reported at its line: $out"
[ ! -e "$T/bad" ] || [ -z "$(ls -A "$T/bad")" ] || die "something was written for data with a bad record: $(ls -A "$T/bad")"
echo "100,000 CSV records read as a stream, each run under 32 MiB"
