#!/usr/bin/env python3
"""Compares the embedded schema's tables, columns and column types (src/schema/data/*.toml,
mde profile) with the schema file Microsoft's binder runs with in the kusto-oracle tool.
Exit status 1 on any difference.

    python3 scripts/compare_schema_with_oracle.py [path/to/oracle/schemas/mde.json]
"""
import glob
import json
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "src", "schema", "data")
DEFAULT = "/work/oracle-cache/oracle/schemas/mde.json"


def main():
    with open(sys.argv[1] if len(sys.argv) > 1 else DEFAULT, encoding="utf-8") as f:
        oracle = json.load(f)["tables"]
    ours = {}
    for path in glob.glob(os.path.join(DATA, "*.toml")):
        with open(path, "rb") as f:
            for name, t in tomllib.load(f).get("tables", {}).items():
                ours[name] = {c["name"]: c["type"] for c in t["columns"]}
    diffs = [f"table only in oracle: {t}" for t in sorted(set(oracle) - set(ours))]
    diffs += [f"table only in ours: {t}" for t in sorted(set(ours) - set(oracle))]
    for name in sorted(set(oracle) & set(ours)):
        theirs = oracle[name]
        for col, ty in theirs.items():
            if ours[name].get(col) != ty:
                diffs.append(f"{name}.{col}: oracle {ty}, ours {ours[name].get(col)}")
        diffs += [f"{name}.{c}: only in ours" for c in ours[name] if c not in theirs]
    print("\n".join(diffs))
    cols = sum(len(c) for c in ours.values())
    print(f"{len(ours)} tables, {cols} columns; {len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
