# stdkit-format(5) renders without groff warnings, and it and docs/format.md name
# every front-matter key of lib/input/meta.h (SK_META_KEYS) and every element heading.
set -u
. "$ROOT/tests/e2e/docx.lib"
page=$ROOT/docs/stdkit-format.5
if command -v groff >/dev/null; then
    warn=$(groff -k -man -Tutf8 -ww -z "$page" 2>&1 | grep -v "can't break line" || true)
    [ -z "$warn" ] || die "groff warns: $warn"
fi
if command -v man >/dev/null; then
    MANWIDTH=80 man "$page" 2>/dev/null | grep -q "the source format of stdkit" || die "man ./docs/stdkit-format.5 does not render"
fi
keys=$(sed -n '/#define SK_META_KEYS/,/^$/p' "$ROOT/lib/input/meta.h" | grep -o 'X([A-Z_]*, "[a-z_]*"' | sed 's/.*"\(.*\)"/\1/')
[ -n "$keys" ] || die "no keys found in lib/input/meta.h"
for k in $keys; do
    grep -q "\\b$k\\b" "$page" || die "stdkit-format.5 does not name the key $k"
    grep -q "^$k:\|^  *$k:\|\`$k\`" "$ROOT/docs/format.md" || die "docs/format.md does not name the key $k"
done
for w in '§' '参考文献' '索引' '许用' '不推荐用' '来源' '符号和缩略语' '引言' 'index:' '式中' 'eq:' 'sqrt' \
         '单位为毫米' '<sup>a</sup>' '标引序号说明' 'a) 正面' '> 示例' '本文件没有规范性引用文件'; do
    grep -q "$w" "$page" || die "stdkit-format.5 does not describe $w"
    grep -q "$w" "$ROOT/docs/format.md" || die "docs/format.md does not describe $w"
done
echo "stdkit-format(5) renders and names $(printf '%s\n' $keys | wc -l) keys"
