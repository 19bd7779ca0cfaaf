#!/usr/bin/env python3
"""Cross-checks the function catalogue (src/schema/data/functions.toml) against Microsoft's
Kusto.Language binder (the kusto-oracle tool): every scalar and aggregate name must be known,
a call with the catalogue's minimum argument count must not be an arity error, and calls with
one argument fewer / one more than the catalogue allows must be.

    python3 scripts/check_functions.py [path/to/oracle/dir]

Prints one line per disagreement and a summary. Plugins, tabular and MDE-only functions are
not checked (the oracle's schema declares MDE functions itself).
"""
import json
import os
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGUE = os.path.join(HERE, "..", "src", "schema", "data", "functions.toml")
DEFAULT_ORACLE = "/work/oracle-cache/oracle"

LITERAL = {
    "bool": "true", "int": "int(1)", "long": "1", "real": "1.5", "decimal": "decimal(1)",
    "string": '"a"', "datetime": "datetime(2020-01-01)", "timespan": "1d",
    "dynamic": 'parse_json("[1]")', "guid": "guid(00000000-0000-0000-0000-000000000000)",
    "any": "1", "numeric": "1", "numeric-or-time": "1", "string-like": '"a"', "table": "(print 1)",
    "lambda": "(x) { x }",
}
# (dynamic is passed as parse_json(...), not a literal, so the binder does not check whether
# the value is an array or a bag.)
ARITY_CODES = {"KS119", "KS120", "KS121"}  # "expects N arguments" and friends
UNKNOWN_CODES = {"KS211"}


# Arguments that must be a column, or one of a fixed set of words.
BY_NAME = {"column": "x", "period": '"day"', "part": '"day"'}


def literal_for(spec, lits):
    name = spec.split(":")[0] if ":" in spec else ""
    if name in BY_NAME:
        return BY_NAME[name]
    s = spec.rstrip(".").rstrip("?").split(":")[-1]
    if s.startswith("arg") and s[3:].isdigit():
        i = int(s[3:]) - 1
        return lits[i] if i < len(lits) else "1"
    return LITERAL.get(s, "1")


def arg_list(args, n):
    lits = []
    for i in range(n):
        spec = args[min(i, len(args) - 1)] if args else "any"
        lits.append(literal_for(spec, lits))
    return ", ".join(lits)


def arity(args):
    lo, hi, opt = 0, 0, False
    for i, a in enumerate(args):
        variadic = a.endswith("...")
        a = a[:-3] if variadic else a
        optional = a.endswith("?")
        if variadic:
            hi = None
            if not optional:
                lo = i + 1
        else:
            hi = i + 1
            if not optional and not opt:
                lo = i + 1
        opt = opt or optional
    return lo, hi


def query(kind, name, args, n):
    call = f"{name}({arg_list(args, n)})"
    if kind == "aggregate":
        return f"datatable(x:long)[1] | summarize {call}"
    return f"datatable(x:long)[1] | serialize | extend r = {call}"


def main():
    oracle = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_ORACLE
    with open(CATALOGUE, "rb") as f:
        cat = tomllib.load(f)
    cases = []  # (id, name, expectation, query)
    for kind in ("scalar", "aggregate"):
        for name, fn in cat.get(kind, {}).items():
            if fn.get("summary", "").startswith("graph-match only") or name == "toscalar":
                continue  # valid only inside graph-match / takes a tabular expression
            args = fn.get("args", [])
            lo, hi = arity(args)
            cases.append((f"{name}#min", name, "ok", query(kind, name, args, lo)))
            if lo > 0:
                cases.append((f"{name}#under", name, "arity", query(kind, name, args, lo - 1)))
            if hi is not None:
                cases.append((f"{name}#over", name, "arity", query(kind, name, args, hi + 1)))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as tmp:
        for cid, _, _, q in cases:
            tmp.write(json.dumps({"id": cid, "query": q}) + "\n")
    out = subprocess.run(["node", "kqlcheck.js", "-n", "0", "--no-schema", tmp.name], cwd=oracle,
                         capture_output=True, text=True).stdout
    os.unlink(tmp.name)
    by_id = {}
    for line in out.splitlines():
        r = json.loads(line)
        by_id[r.get("id")] = r
    bad = 0
    for cid, name, expect, q in cases:
        r = by_id.get(cid)
        if r is None:
            print(f"no result for {cid}")
            bad += 1
            continue
        codes = {d["code"] for d in r.get("diagnostics", [])}
        msgs = "; ".join(d["message"] for d in r.get("diagnostics", []))
        if codes & UNKNOWN_CODES:
            if expect == "ok":
                print(f"UNKNOWN  {name}: {q}")
                bad += 1
        elif expect == "ok" and codes & ARITY_CODES:
            print(f"ARITY    {cid}: {q} -> {msgs}")
            bad += 1
        elif expect == "ok" and r.get("semanticErrors", 0) + r.get("syntaxErrors", 0):
            # Literals of the catalogue's argument types must be accepted.
            print(f"TYPES    {cid}: {q} -> {msgs}")
            bad += 1
        elif expect == "arity" and not (codes & ARITY_CODES or "not compatible with arguments" in msgs):
            # (overloaded functions report a wrong count as "not compatible with arguments")
            print(f"ACCEPTED {cid}: {q} -> {msgs or 'no error'}")
            bad += 1
    print(f"{len(cases)} checks, {bad} disagreements")


if __name__ == "__main__":
    main()
