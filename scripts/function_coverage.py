#!/usr/bin/env python3
"""Counts function call sites in the corpus and how many name a function in the catalogue
(src/schema/data/functions.toml). Call sites are `name(` outside strings and comments, minus
operator keywords that take parentheses, type literals (datetime(...), dynamic(...)) and
functions the query defines itself with `let`.

    python3 scripts/function_coverage.py [corpus/queries] [--missing]
"""
import collections
import os
import re
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOGUE = os.path.join(HERE, "..", "src", "schema", "data", "functions.toml")
DEFAULT_CORPUS = os.path.join(HERE, "..", "..", "shared", "corpus", "queries")

# Words followed by "(" that are syntax, not calls.
NOT_CALLS = {
    "in", "has_any", "has_all", "join", "union", "lookup", "where", "and", "or", "by", "on",
    "let", "datatable", "externaldata", "external_data", "kind", "with", "materialize_", "project",
    "extend", "summarize", "evaluate", "invoke", "facet", "fork", "as", "to", "from", "step",
    "contains", "has", "startswith", "endswith", "matches", "between", "hint", "mv", "if",
    "typeof", "title", "render", "partition", "scan", "declare", "query_parameters",
    "print", "find", "search", "top", "sort", "order", "distinct", "make", "series", "graph",
    # type literals: datetime(2020-01-01), dynamic([...]), int(null) ...
    "datetime", "timespan", "dynamic", "bool", "boolean", "int", "long", "real", "double",
    "decimal", "string", "guid", "date", "time",
    # join kinds: kind=inner (...), and regex in `matches regex (...)`
    "inner", "innerunique", "leftouter", "rightouter", "fullouter", "leftanti", "rightanti",
    "leftsemi", "rightsemi", "anti", "semi", "leftantisemi", "rightantisemi", "regex",
    "true", "false", "view", "shuffle", "broadcast",  # hint.strategy=shuffle (...)
}

STRING_OR_COMMENT = re.compile(
    r'//[^\n]*|@"[^"]*"|@\'[^\']*\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|```.*?```',
    re.S)
CALL = re.compile(r'(?<![\w.$-])([A-Za-z_][A-Za-z0-9_]*)\s*\(')
LET_FN = re.compile(r'\blet\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:\(|view\s*\()')


def calls(text):
    code = STRING_OR_COMMENT.sub('""', text)
    own = set(LET_FN.findall(code))
    for m in CALL.finditer(code):
        name = m.group(1)
        if name in NOT_CALLS or name in own:
            continue
        yield name


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    corpus = args[0] if args else DEFAULT_CORPUS
    with open(CATALOGUE, "rb") as f:
        cat = tomllib.load(f)
    known = set()
    for section in cat.values():
        known.update(section.keys())
    sites = collections.Counter()
    for root, _, files in os.walk(corpus):
        for fn in files:
            with open(os.path.join(root, fn), encoding="utf-8", errors="replace") as f:
                sites.update(calls(f.read()))
    total = sum(sites.values())
    covered = sum(n for name, n in sites.items() if name in known)
    print(f"{total} call sites, {len(sites)} distinct names; catalogue ({len(known)} entries) "
          f"covers {covered} sites = {100.0 * covered / max(total, 1):.2f}%")
    if "--missing" in sys.argv:
        for name, n in sites.most_common():
            if name not in known:
                print(f"{n:6d}  {name}")


if __name__ == "__main__":
    main()
