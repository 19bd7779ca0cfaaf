"""Agreement between kqlint and Microsoft's Kusto.Language on a corpus (pure functions).

Inputs are plain data: the oracle's rows ({relpath: kqlcheck.js JSON line}) and kqlint's
diagnostics ({relpath: [DESIGN.md diagnostic, ...]}), so the figures can be unit-tested
without running either tool. Outputs are dicts that render as console text or Markdown.
"""

# Binder codes that mean "this name is not a known table / column" (KS204: table, tabular
# variable or function; KS142: column, table, variable or function).
import os

UNKNOWN_NAME_CODES = ("KS204", "KS142")
# kqlint rule names that answer those.
UNKNOWN_NAME_RULES = ("unknown-table", "unknown-column")


def kq_errors(diags):
    return [d for d in diags if d.get("severity") == "error"]


def oracle_errors(row, phase=None):
    return [d for d in row.get("diagnostics", [])
            if d.get("severity") == "Error" and (phase is None or d.get("phase") == phase)]


def oracle_broken(row):
    """The oracle could not judge this input (unreadable file or an exception inside it)."""
    return "crash" in row or "inputError" in row


def describe_kq(d):
    if d is None:
        return "-"
    return f"{d.get('line')}:{d.get('column')} {d.get('name') or d.get('code')}: {d.get('message')}"


def describe_oracle(d):
    if d is None:
        return "-"
    return f"{d.get('line')}:{d.get('col')} {d.get('code')}: {d.get('message')}"


def pct(n, total):
    return 100.0 * n / total if total else 100.0


def compare_syntax(oracle_rows, kq_diags):
    """Syntax verdicts: does each side accept the query (no error-severity finding)?

    The oracle ran with --syntax-only, so all its errors are syntax errors; kqlint ran with
    --syntax-only, so any error it reports is a rejection.
    """
    false_rejects, false_accepts, unjudged = [], [], []
    accepted = rejected = 0
    for f in sorted(oracle_rows):
        row = oracle_rows[f]
        if oracle_broken(row):
            unjudged.append({"file": f, "oracle": row.get("crash") or row.get("inputError")})
            continue
        ours = kq_errors(kq_diags.get(f, []))
        theirs = oracle_errors(row, "syntax")
        if theirs:
            rejected += 1
            if not ours:
                false_accepts.append({"file": f, "oracle": describe_oracle(theirs[0]),
                                      "kqlint": describe_kq(None)})
        else:
            accepted += 1
            if ours:
                false_rejects.append({"file": f, "oracle": describe_oracle(None),
                                      "kqlint": describe_kq(ours[0])})
    judged = accepted + rejected
    disagree = len(false_rejects) + len(false_accepts)
    return {
        "queries": judged, "oracle_accepts": accepted, "oracle_rejects": rejected,
        "agree": judged - disagree, "agreement_pct": pct(judged - disagree, judged),
        "false_rejects": false_rejects, "false_accepts": false_accepts, "unjudged": unjudged,
    }


def compare_binder(oracle_rows, kq_diags, unknown_codes=UNKNOWN_NAME_CODES,
                   unknown_rules=UNKNOWN_NAME_RULES, verified_bugs=None):
    """Checker verdicts against the binder (issue 3's two figures, plus kqlint-only errors).

    clean: queries the binder accepts without any error -> share where kqlint reports no
           error-severity finding.
    unknown: (file, line) pairs where the binder reports an unknown table/column in a query
           that parses -> share where kqlint reports unknown-table/unknown-column on that line.
    kqlint_only: every kqlint error on a line where the binder reports no error (syntax errors
           in queries the oracle also fails to parse are left to the syntax comparison).
    """
    clean = clean_ok = clean_verified = 0
    clean_failures, unknown_missed, kqlint_only = [], [], []
    unknown_total = 0
    for f in sorted(oracle_rows):
        row = oracle_rows[f]
        if oracle_broken(row):
            continue
        ours = kq_errors(kq_diags.get(f, []))
        theirs = oracle_errors(row)
        if not theirs:
            clean += 1
            if ours:
                verdict = query_bug_verdict(verified_bugs, f, ours)
                clean_failures.append({"file": f, "kqlint": describe_kq(ours[0]),
                                       "count": len(ours), "verified_bug": verdict})
                if verdict:
                    clean_verified += 1
            else:
                clean_ok += 1
        if not oracle_errors(row, "syntax"):
            lines = {}
            for d in theirs:
                if d.get("code") in unknown_codes:
                    lines.setdefault(d.get("line"), d)
            for line, d in sorted(lines.items()):
                unknown_total += 1
                hit = any(k.get("line") == line and k.get("name") in unknown_rules
                          for k in kq_diags.get(f, []))
                if not hit:
                    same_line = [k for k in ours if k.get("line") == line]
                    unknown_missed.append({"file": f, "oracle": describe_oracle(d),
                                           "kqlint": describe_kq(same_line[0] if same_line
                                                                 else None)})
        oracle_lines = {d.get("line") for d in theirs}
        # Where both sides reject the syntax, the file-level verdicts agree (the syntax
        # comparison covers them); the two parsers need not pick the same line to complain.
        both_reject_syntax = bool(oracle_errors(row, "syntax"))
        for k in ours:
            if both_reject_syntax and k.get("name") == "syntax-error":
                continue
            if k.get("line") not in oracle_lines:
                kqlint_only.append({"file": f, "name": k.get("name") or k.get("code"),
                                    "kqlint": describe_kq(k)})
    return {
        "clean_queries": clean, "clean_ok": clean_ok, "clean_pct": pct(clean_ok, clean),
        # Errors checked by hand to be real bugs in the query (corpus_verdicts.tsv) do not
        # count against kqlint: Microsoft's binder does not know ActionType values.
        "clean_verified_bugs": clean_verified,
        "clean_adjusted_pct": pct(clean_ok + clean_verified, clean),
        "clean_failures": clean_failures,
        "unknown_lines": unknown_total, "unknown_hit": unknown_total - len(unknown_missed),
        "unknown_pct": pct(unknown_total - len(unknown_missed), unknown_total),
        "unknown_missed": unknown_missed, "kqlint_only": kqlint_only,
    }


def _table(rows, columns):
    out = ["| " + " | ".join(c for c, _ in columns) + " |",
           "|" + "---|" * len(columns)]
    for r in rows:
        cells = [str(r.get(k, "")).replace("|", "\\|").replace("\n", " ") for _, k in columns]
        out.append("| " + " | ".join(cells) + " |")
    return out


def syntax_markdown(res, threshold, header):
    lines = [f"# Syntax agreement with Kusto.Language", "", header, "",
             f"- queries judged: {res['queries']} (Kusto accepts {res['oracle_accepts']}, "
             f"rejects {res['oracle_rejects']})",
             f"- agreement: **{res['agreement_pct']:.2f}%** ({res['agree']}/{res['queries']}; "
             f"threshold {threshold}%)",
             f"- Kusto accepts, kqlint rejects: {len(res['false_rejects'])} "
             f"({pct(len(res['false_rejects']), res['oracle_accepts']):.2f}% of accepted)",
             f"- Kusto rejects, kqlint accepts: {len(res['false_accepts'])} "
             f"({pct(len(res['false_accepts']), res['oracle_rejects']):.2f}% of rejected)"]
    if res["unjudged"]:
        lines.append(f"- not judged (oracle could not read or crashed): {len(res['unjudged'])}")
    cols = [("file", "file"), ("Kusto.Language", "oracle"), ("kqlint", "kqlint")]
    for title, key in (("Kusto accepts, kqlint rejects", "false_rejects"),
                       ("Kusto rejects, kqlint accepts", "false_accepts")):
        lines += ["", f"## {title} ({len(res[key])})", ""]
        lines += _table(res[key], cols) if res[key] else ["none"]
    return "\n".join(lines) + "\n"


def load_verified_bugs(path):
    """corpus_verdicts.tsv: `file<TAB>rule<TAB>verdict` rows for kqlint errors on queries
    Microsoft's binder accepts that were checked by hand and are real bugs in the query."""
    bugs = {}
    if not path or not os.path.exists(path):
        return bugs
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            f, rule, verdict = line.rstrip("\n").split("\t", 2)
            bugs.setdefault(f, {})[rule] = verdict
    return bugs


def query_bug_verdict(verified_bugs, f, ours):
    """The verdict when every kqlint error on `f` is a verified query bug, else None."""
    rules = (verified_bugs or {}).get(f)
    if not rules:
        return None
    names = {k.get("name") for k in ours}
    if not names <= set(rules):
        return None
    return "; ".join(rules[n] for n in sorted(names))


def binder_markdown(res, clean_threshold, unknown_threshold, header):
    by_rule = {}
    for k in res["kqlint_only"]:
        by_rule[k["name"]] = by_rule.get(k["name"], 0) + 1
    lines = ["# Checker agreement with the Kusto.Language binder (schema mde.json)", "", header, "",
             f"- binder-clean queries with no kqlint error: **{res['clean_pct']:.2f}%** "
             f"({res['clean_ok']}/{res['clean_queries']}); "
             f"**{res['clean_adjusted_pct']:.2f}%** counting the {res['clean_verified_bugs']} "
             f"verified query bugs of scripts/corpus_verdicts.tsv as right "
             f"(threshold {clean_threshold}% on that figure)",
             f"- binder unknown table/column lines where kqlint reports unknown-table/"
             f"unknown-column on the same line: **{res['unknown_pct']:.2f}%** "
             f"({res['unknown_hit']}/{res['unknown_lines']}; threshold {unknown_threshold}%)",
             f"- kqlint errors on lines where the binder reports none: {len(res['kqlint_only'])}"]
    lines += ["", "## kqlint errors on binder-clean queries "
              f"({len(res['clean_failures'])})", ""]
    lines += (_table(res["clean_failures"], [("file", "file"), ("first kqlint error", "kqlint"),
                                             ("verified bug in the query", "verified_bug"),
                                              ("errors", "count")])
              if res["clean_failures"] else ["none"])
    lines += ["", f"## Unknown names the binder reports and kqlint misses "
              f"({len(res['unknown_missed'])})", ""]
    lines += (_table(res["unknown_missed"], [("file", "file"), ("binder", "oracle"),
                                             ("kqlint on that line", "kqlint")])
              if res["unknown_missed"] else ["none"])
    lines += ["", f"## kqlint-only errors by rule", ""]
    lines += (_table([{"rule": r, "n": n} for r, n in sorted(by_rule.items(),
                                                             key=lambda x: -x[1])],
                     [("rule", "rule"), ("errors", "n")]) if by_rule else ["none"])
    lines += ["", "## kqlint-only errors (to give a verdict each: a real bug in the query, or ours)",
              ""]
    lines += (_table(res["kqlint_only"], [("file", "file"), ("kqlint", "kqlint")])
              if res["kqlint_only"] else ["none"])
    return "\n".join(lines) + "\n"
