# stdnew: the skeleton of a new standard passes stdcheck for every type; in a copy of
# the shipped system the next free numbers are SJDJ/TS 13 and SJDJ/JB 11 with file
# names its pattern accepts, and the whole system stays clean; --system writes a
# system.yaml that stdcheck and stdnew use; nothing is ever overwritten; usage errors
# exit 2; --help matches the man page.
set -eu
NEW=$ROOT/$BUILD/stdnew SC=$ROOT/$BUILD/stdcheck
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export SOURCE_DATE_EPOCH=1735689600 # 2025-01-01
cp -r "$ROOT/standards" "$W/sys"
out=$("$NEW" -C "$W/sys" -c TS 社区议事协商规范)
[ "$out" = "$W/sys/TS-13.md" ] || { echo "stdnew -c TS wrote '$out'"; exit 1; }
grep -qx 'number: SJDJ/TS 13—2025' "$W/sys/TS-13.md" || { echo "TS-13.md:"; head -8 "$W/sys/TS-13.md"; exit 1; }
grep -qx 'title: 社区议事协商规范' "$W/sys/TS-13.md" || { echo "no title"; exit 1; }
grep -qx '本文件规定了社区议事协商的总体要求和记录。' "$W/sys/TS-13.md" || { echo "no scope sentence"; exit 1; }
out=$(cd "$W/sys" && "$NEW" -c JB 党员教育培训规范)
[ "$out" = "JB-11.md" ] || { echo "stdnew -c JB wrote '$out'"; exit 1; }
grep -qx 'number: SJDJ/JB 11—2025' "$W/sys/JB-11.md" || { echo "JB-11.md:"; head -8 "$W/sys/JB-11.md"; exit 1; }
# the system with both new standards is clean (file names, numbers, the skeletons)
"$SC" -q "$W/sys" || { echo "stdcheck on the system with the new standards:"; "$SC" "$W/sys"; exit 1; }
[ -z "$("$SC" "$W/sys/TS-13.md" "$W/sys/JB-11.md" 2>&1)" ] || { "$SC" "$W/sys/TS-13.md" "$W/sys/JB-11.md"; exit 1; }
# the next one goes on; a given number that is taken is refused
out=$("$NEW" -C "$W/sys" -c TS 第二个)
[ "$out" = "$W/sys/TS-14.md" ] || { echo "the next TS is '$out'"; exit 1; }
if "$NEW" -C "$W/sys" --number "SJDJ/TS 13—2025" -o x.md 重号 2>"$W/err"; then echo "a taken number was accepted"; exit 1; fi
grep -q "is the number of this standard already" "$W/err" || { cat "$W/err"; exit 1; }
# never over a file
cp "$W/sys/TS-13.md" "$W/ts13"
if "$NEW" -C "$W/sys" -o TS-13.md -c TS 覆盖 2>"$W/err"; then echo "overwrote TS-13.md"; exit 1; fi
cmp -s "$W/ts13" "$W/sys/TS-13.md" || { echo "TS-13.md changed"; exit 1; }
grep -q "exists already" "$W/err" || { cat "$W/err"; exit 1; }
# a category the system lacks; no category in a system of several
if "$NEW" -C "$W/sys" -c XX 错 2>"$W/err"; then echo "category XX accepted"; exit 1; fi
grep -q "category 'XX' is not one of them" "$W/err" || { cat "$W/err"; exit 1; }
if "$NEW" -C "$W/sys" 无类别 2>/dev/null; then echo "no category accepted"; exit 1; fi
# every type outside a system: the placeholder number, the file after it, clean
mkdir "$W/alone"
for t in GB GB/T DB T Q; do
    out=$("$NEW" -C "$W/alone" -t "$t" "养老服务站点建设规范") || { echo "--type $t failed"; exit 1; }
    case $t in
        GB) want=GB-00000-2025.md num='GB 00000—2025' ;;
        GB/T) want=GB-T-00000-2025.md num='GB/T 00000—2025' ;;
        DB) want=DB41-T-0000-2025.md num='DB41/T 0000—2025' ;;
        T) want=T-XXX-001-2025.md num='T/XXX 001—2025' ;;
        Q) want=Q-XXX-001-2025.md num='Q/XXX 001—2025' ;;
    esac
    [ "$out" = "$W/alone/$want" ] || { echo "--type $t wrote '$out', want $want"; exit 1; }
    grep -qx "number: $num" "$out" || { echo "--type $t:"; head -6 "$out"; exit 1; }
    [ -z "$("$SC" --no-system "$out" 2>&1)" ] || { echo "--type $t is not clean:"; "$SC" --no-system "$out"; exit 1; }
done
out=$("$NEW" -C "$W/alone" -t T --number "T/ZSA 002—2025" -c 养老 社区助餐服务规范)
[ "$out" = "$W/alone/T-ZSA-002-2025.md" ] && grep -qx 'category: 养老' "$out" || { echo "--number: $out"; exit 1; }
# a new system: system.yaml, then standards in its categories, all clean
mkdir "$W/new"
out=$("$NEW" -C "$W/new" --system 某街道社区服务标准体系 --code JDFW --issuer 某街道办事处 \
      --category "TY=通用基础标准" --category "TG=服务提供标准")
[ "$out" = "$W/new/system.yaml" ] || { echo "--system wrote '$out'"; exit 1; }
grep -qx 'level: 某街道社区服务标准' "$W/new/system.yaml" || { cat "$W/new/system.yaml"; exit 1; }
[ "$("$NEW" -C "$W/new" -c TY 社区服务通用要求)" = "$W/new/TY-01.md" ] || exit 1
[ "$("$NEW" -C "$W/new" -c TY 社区服务术语)" = "$W/new/TY-02.md" ] || exit 1
[ "$("$NEW" -C "$W/new" -c TG 社区助餐服务规范)" = "$W/new/TG-01.md" ] || exit 1
grep -qx 'number: JDFW/TG 01—2025' "$W/new/TG-01.md" && grep -qx 'issuer: 某街道办事处' "$W/new/TG-01.md" \
    || { head -8 "$W/new/TG-01.md"; exit 1; }
[ -z "$("$SC" "$W/new" 2>&1)" ] || { echo "the new system is not clean:"; "$SC" "$W/new"; exit 1; }
# the default categories
mkdir "$W/def"
"$NEW" -C "$W/def" --system 服务标准体系 >/dev/null
for c in TY BZ TG; do grep -q "code: $c" "$W/def/system.yaml" || { cat "$W/def/system.yaml"; exit 1; }; done
if "$NEW" -C "$W/def" --system 再来 2>/dev/null; then echo "system.yaml overwritten"; exit 1; fi
# usage errors: exit 2
for args in "" "--type X t" "--system n t" "--code A t" "--year 12 t" "--system n --category bad"; do
    set +e; "$NEW" -C "$W/def" $args >/dev/null 2>&1; rc=$?; set -e
    [ $rc = 2 ] || { echo "stdnew $args exited $rc"; exit 1; }
done
. "$ROOT/tests/lib.sh"
check_man stdnew.1 'start a new standard' EXIT "$NEW" || exit 1
echo ok
