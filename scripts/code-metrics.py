#!/usr/bin/env python3
"""Code-shape figures for a checkout (`python3 scripts/code-metrics.py [ROOT]`, default: this one).

Prints the Rust files under src/ longer than 700 lines and the five longest, the functions longer
than 80 lines (from the `fn` line to its closing brace at the same indent) and the five longest,
and the Rust tests (#[test] / #[tokio::test]) per layer of src/ plus tests/. Text-based: a rough
measure for comparing two checkouts, not a parser.
"""
import re,sys,glob,os,collections
root=os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), ".."))
files=[(sum(1 for _ in open(p)),p[len(root)+1:]) for p in glob.glob(root+'/src/**/*.rs',recursive=True)]
files.sort(reverse=True)
print('files>700:',[f for f in files if f[0]>700]); print('top5 files:',files[:5])
res=[]
for p in glob.glob(root+'/src/**/*.rs',recursive=True):
    L=open(p).read().split('\n')
    for i,l in enumerate(L):
        m=re.match(r'^(\s*)(pub(\([a-z]+\))? )?(async )?(unsafe )?fn ([a-zA-Z0-9_]+)',l)
        if not m: continue
        k=i
        while k<len(L) and '{' not in L[k] and not L[k].rstrip().endswith(';'): k+=1
        if k<len(L) and '{' not in L[k]: continue
        ind=m.group(1); j=i
        while j<len(L) and L[j]!=ind+'}': j+=1
        res.append((j-i+1,p[len(root)+1:],m.group(6)))
res.sort(reverse=True)
print('fns>80:',[r for r in res if r[0]>80]); print('top5 fns:',res[:5])
c=collections.Counter()
for p in glob.glob(root+'/src/**/*.rs',recursive=True):
    n=len(re.findall(r'#\[(tokio::)?test', open(p).read()))
    rel=p[len(root)+5:]; layer=rel.split('/')[0].replace('.rs','')
    c[layer]+=n
for p in glob.glob(root+'/tests/**/*.rs',recursive=True):
    c['tests/integration']+=len(re.findall(r'#\[(tokio::)?test', open(p).read()))
print('tests per layer:',dict(sorted(c.items())), 'total', sum(c.values()))
