#!/usr/bin/env python3
"""Compares the binder's problems on the corpus with Microsoft's binder (oracle jsonl).

usage: corpus_compare.py OURS.jsonl ORACLE.jsonl [--show N]
Prints: queries the oracle accepts on which we report a problem (false positives, by kind),
and for oracle unknown-name errors (KS204 table/function/column names) how many we report
on the same line."""
import json, sys, collections

def load(path):
    out = {}
    for line in open(path):
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if 'file' in d:
            out[d['file']] = d
    return out

ours, oracle = load(sys.argv[1]), load(sys.argv[2])
show = int(sys.argv[sys.argv.index('--show') + 1]) if '--show' in sys.argv else 0
accepted = fp = 0
fp_kinds = collections.Counter()
examples = []
for f, o in oracle.items():
    u = ours.get(f)
    if not u or not o.get('ok'):
        continue
    accepted += 1
    bad = [p for p in u['problems'] if p['strict']]
    if bad:
        fp += 1
        for p in bad:
            fp_kinds[p['kind']] += 1
        examples.append((f, bad[:3]))
print(f"oracle-accepted queries: {accepted}; with a strict problem from us: {fp} "
      f"({100.0 * (accepted - fp) / max(accepted, 1):.2f}% clean)")
print("  by kind:", dict(fp_kinds))
for f, b in examples[:show]:
    print("  ", f.split('queries/')[-1], [(p['kind'], p['name'], p['line'], p.get('expected')) for p in b])
# recall of unknown names
want = hit = 0
miss = []
for f, o in oracle.items():
    u = ours.get(f)
    if not u or o.get('syntaxErrors'):
        continue
    for d in o['diagnostics']:
        if d['code'] not in ('KS204', 'KS142'):
            continue
        want += 1
        lines = {p['line'] for p in u['problems'] if p['kind'].startswith('unknown')}
        if d['line'] in lines:
            hit += 1
        else:
            miss.append((f, d['line'], d['message']))
print(f"oracle unknown-name errors (KS204/KS142, no syntax errors): {want}; we report on the same line: {hit} "
      f"({100.0 * hit / max(want, 1):.2f}%)")
for f, l, m in miss[:show]:
    print("   miss", f.split('queries/')[-1], l, m)
