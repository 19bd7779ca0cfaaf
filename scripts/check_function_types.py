#!/usr/bin/env python3
"""Probes the catalogue's argument types against Microsoft's Kusto.Language binder (the
kusto-oracle tool): each typed argument of each scalar/aggregate is called with a literal of
every scalar type, and the script lists where the binder accepts a type the catalogue would
reject (a future false `type-mismatch`) and counts the reverse (the catalogue is looser).

    python3 scripts/check_function_types.py [path/to/oracle/dir]

Known, accepted differences: `long` parameters reject `real` in the binder (no narrowing; the
binder's widening rules decide, not the catalogue), a few bool flags accept numbers.
"""
import sys
import tomllib, json, subprocess, collections
cat=tomllib.load(open(__import__('os').path.join(__import__('os').path.dirname(__import__('os').path.abspath(__file__)), '..', 'src', 'schema', 'data', 'functions.toml'),'rb'))
LIT={'long':'1','real':'1.5','string':'"a"','datetime':'datetime(2020-01-01)','timespan':'1h','dynamic':'parse_json("[1]")','bool':'true','guid':'guid(00000000-0000-0000-0000-000000000000)','int':'int(1)'}
DEF={'numeric':'1','numeric-or-time':'1','dynamic':'parse_json("[1]")','bool':'true','long':'1','int':'int(1)','real':'1.5','string':'"a"','string-like':'"a"','any':'1','datetime':'datetime(2020-01-01)','timespan':'1h','guid':LIT['guid'],'decimal':'decimal(1)'}
BY_NAME={"column":"x","period":'"day"',"part":'"day"'}
def ours_accepts(spec,t):
    b=spec.rstrip('.').rstrip('?').split(':')[-1]
    if b=='any' or b.startswith('arg'): return True
    if b=='numeric': return t in ('int','long','real','decimal')
    if b=='numeric-or-time': return t in ('int','long','real','decimal','datetime','timespan')
    if b=='string-like': return t in ('string','dynamic')
    if b in ('long','int','real','decimal'): return t in ('int','long','real','decimal') if b!='int' else t in ('int','long')
    return b==t
lines=[]
for kind in ('scalar','aggregate'):
    for n,f in cat[kind].items():
        args=f.get('args',[])
        if n in ('toscalar',) or f.get('summary','').startswith('graph'): continue
        for i,a in enumerate(args):
            name=a.split(':')[0] if ':' in a else ''
            if name in BY_NAME: continue
            base=a.rstrip('.').rstrip('?').split(':')[-1]
            if base in ('any','table','lambda') or base.startswith('arg'): continue
            for t,lit in LIT.items():
                lits=[]
                for j,b in enumerate(args):
                    if j>i and (b.endswith('?') or b.endswith('...')): break
                    bn=b.split(':')[0] if ':' in b else ''
                    bb=b.rstrip('.').rstrip('?').split(':')[-1]
                    if j==i: lits.append(lit)
                    elif bn in BY_NAME: lits.append(BY_NAME[bn])
                    elif bb.startswith('arg'): lits.append(lits[int(bb[3:])-1])
                    else: lits.append(DEF.get(bb,'1'))
                call=f"{n}({', '.join(lits)})"
                q=f"datatable(x:long)[1] | summarize {call}" if kind=='aggregate' else f"datatable(x:long)[1] | serialize | extend r = {call}"
                lines.append({"id":f"{n}|{i}|{t}|{a}","query":q})
open('/tmp/kqlint_typeprobe.jsonl','w').write('\n'.join(json.dumps(l) for l in lines)+'\n')
out=subprocess.run(['node','kqlcheck.js','-n','0','--no-schema','/tmp/kqlint_typeprobe.jsonl'],cwd=(sys.argv[1] if len(sys.argv) > 1 else '/work/oracle-cache/oracle'),capture_output=True,text=True).stdout
fp=collections.defaultdict(list); fn=collections.defaultdict(list)
for l in out.splitlines():
    r=json.loads(l); n,i,t,a=r['id'].split('|',3)
    if 'ok' not in r: print('ERR', r); continue
    if r['ok'] and not ours_accepts(a,t): fp[(n,i,a)].append(t)
    if not r['ok'] and ours_accepts(a,t): fn[(n,i,a)].append(t)
print("binder accepts, catalogue would reject:")
for k,v in sorted(fp.items()): print(' ',k,v)
print("catalogue accepts, binder rejects:", len(fn))
for k,v in sorted(fn.items())[:40]: print(' ',k,v)
