#!/usr/bin/env python3
"""Dev-only: compare kqlparse verdicts on the corpus with Microsoft's parser (the oracle cache).
usage: compare.py KQLPARSE [ORACLE_JSONL] [--show N]"""
import json, subprocess, sys

exe = sys.argv[1]
oracle_path = sys.argv[2] if len(sys.argv) > 2 and not sys.argv[2].startswith('--') else '/work/oracle-cache/corpus-syntax.jsonl'
show = int(sys.argv[sys.argv.index('--show') + 1]) if '--show' in sys.argv else 20
oracle = {}
for line in open(oracle_path):
    d = json.loads(line)
    oracle[d['file']] = d
files = sorted(oracle)
out = subprocess.run([exe, '--quiet'] + files, capture_output=True, text=True).stdout
ours = {}
msgs = {}
cur = None
for line in out.splitlines():
    if line.startswith('  '):
        msgs.setdefault(cur, []).append(line.strip())
        continue
    f, verdict = line.split('\t')[:2]
    ours[f] = verdict
    cur = f
we_reject = [f for f in files if ours.get(f) == 'error' and not oracle[f]['syntaxErrors']]
we_accept = [f for f in files if ours.get(f) != 'error' and oracle[f]['syntaxErrors']]
n = len(files)
agree = n - len(we_reject) - len(we_accept)
print(f'files={n} agree={agree} ({100.0*agree/n:.2f}%) we_reject_kusto_accepts={len(we_reject)} we_accept_kusto_rejects={len(we_accept)}')
print('--- we reject, Kusto accepts')
for f in we_reject[:show]:
    print(f, msgs.get(f, [])[:2])
print('--- we accept, Kusto rejects')
for f in we_accept[:show]:
    print(f, [x['message'] + ' @%d:%d' % (x['line'], x['col']) for x in oracle[f]['diagnostics'][:2]])
