# Every JSON and SARIF output of the whole case suite parses strictly: the bytes are
# UTF-8 (no character cut in two by an excerpt, no invalid byte let through), the
# text is JSON by the RFC (no NaN, no duplicate keys, nothing after the value), the
# diagnostics are the ones the text output prints (the cases' .expect files), and each SARIF log validates
# against the SARIF 2.1.0 schema. The cases are run as tests/run-cases runs them.
set -eu
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || { echo "python3-jsonschema is not installed (scripts/install-deps)"; exit 77; }
/usr/bin/python3 - "$ROOT" "$ROOT/$BUILD/stdcheck" <<'PY'
import glob, json, os, subprocess, sys
import jsonschema

root, sc = sys.argv[1], sys.argv[2]
schema = json.load(open(os.path.join(root, 'tests/schemas/sarif-schema-2.1.0.json')))
cls = jsonschema.validators.validator_for(schema)
validator = cls(schema)

def no_dups(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError('duplicate key in %r' % keys)
    return dict(pairs)

def no_constant(c):
    raise ValueError('%s is not JSON' % c)

def strict(data, what):
    text = data.decode('utf-8')  # strict: raises on any invalid byte
    return json.loads(text, object_pairs_hook=no_dups, parse_constant=no_constant)

targets = []
for d in sorted(glob.glob(os.path.join(root, 'tests/cases/*/'))):
    for md in sorted(glob.glob(os.path.join(d, '*.md'))):
        targets.append((d, os.path.basename(md), os.path.basename(md)[:-3], True))
    for s in sorted(glob.glob(os.path.join(d, '*/system.yaml'))):
        name = os.path.basename(os.path.dirname(s))
        targets.append((d, name, name, False))

failures, runs, results = [], 0, 0
for d, target, base, alone in targets:
    args = []
    if os.path.exists(os.path.join(d, base + '.args')):
        args = open(os.path.join(d, base + '.args')).read().split()
    if alone:
        args = ['--no-system'] + args
    where = os.path.relpath(os.path.join(d, target), root)
    exp = os.path.join(d, base + '.expect')  # the text output, as tests/run-cases holds it
    out = {'text': open(exp, 'rb').read() if os.path.exists(exp) else b''}
    for fmt in ('json', 'sarif'):
        p = subprocess.run([sc, '--color', 'never', '--format', fmt] + args + [target], cwd=d,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out[fmt] = p.stdout
        runs += 1
    try:
        out['text'].decode('utf-8')
        diags = strict(out['json'], 'json')
        assert isinstance(diags, list), 'JSON is not a list'
        lines = [l for l in out['text'].decode('utf-8').split('\n') if l and not l.startswith('  hint: ')]
        assert len(diags) == len(lines), '%d JSON diagnostics, %d text lines' % (len(diags), len(lines))
        for o, l in zip(diags, lines):
            assert l.endswith('[%s]' % o['code']) and (' %s ' % o['message']) in l, (o, l)
        log = strict(out['sarif'], 'sarif')
        errs = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
        assert not errs, 'SARIF: %s at %s' % (errs[0].message, list(errs[0].path))
        res = log['runs'][0]['results']
        assert len(res) == len(diags), '%d SARIF results, %d JSON diagnostics' % (len(res), len(diags))
        for r, o in zip(res, diags):
            assert r['ruleId'] == o['code'] and r['message']['text'].startswith(o['message']), (r, o)
        results += len(diags)
    except Exception as e:  # report every case, not only the first
        failures.append('%s: %s: %s' % (where, type(e).__name__, e))
for f in failures:
    print(f)
if failures:
    sys.exit(1)
print('%d targets, %d runs, %d diagnostics: all JSON and SARIF strictly valid' % (len(targets), runs, results))
PY
