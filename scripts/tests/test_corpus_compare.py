"""Unit tests of the corpus comparison figures and of kqlint JSON grouping (no tools run)."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import corpus_compare as cc  # noqa: E402
import kqoracle  # noqa: E402


def oracle_row(*diags, syntax=0):
    return {"file": "x", "kind": "Query", "syntaxErrors": syntax, "diagnostics": list(diags)}


def odiag(code, line, phase="semantic", severity="Error", msg="m"):
    return {"phase": phase, "code": code, "severity": severity, "message": msg, "line": line,
            "col": 1}


def kdiag(name, line, severity="error", file="a.kql"):
    return {"file": file, "line": line, "column": 3, "end_line": line, "end_column": 4,
            "code": "KQL0000", "name": name, "severity": severity, "message": "m"}


class SyntaxComparison(unittest.TestCase):
    def test_counts_each_direction_and_ignores_warnings(self):
        rows = {
            "ok.kql": oracle_row(),
            "both_reject.kql": oracle_row(odiag("KS005", 2, "syntax"), syntax=1),
            "we_reject.kql": oracle_row(),
            "we_accept.kql": oracle_row(odiag("KS006", 4, "syntax", msg="Missing expression"),
                                        syntax=1),
            "warned.kql": oracle_row(),
        }
        ours = {"both_reject.kql": [kdiag("syntax-error", 2)],
                "we_reject.kql": [kdiag("syntax-error", 7)],
                "warned.kql": [kdiag("join-without-kind", 1, "warning")]}
        res = cc.compare_syntax(rows, ours)
        self.assertEqual((res["queries"], res["oracle_accepts"], res["oracle_rejects"]), (5, 3, 2))
        self.assertEqual([r["file"] for r in res["false_rejects"]], ["we_reject.kql"])
        self.assertEqual([r["file"] for r in res["false_accepts"]], ["we_accept.kql"])
        self.assertEqual(res["false_accepts"][0]["oracle"], "4:1 KS006: Missing expression")
        self.assertEqual(res["agree"], 3)
        self.assertAlmostEqual(res["agreement_pct"], 60.0)

    def test_oracle_crash_is_not_judged(self):
        res = cc.compare_syntax({"c.kql": {"file": "c.kql", "crash": "boom"}}, {})
        self.assertEqual(res["queries"], 0)
        self.assertEqual(len(res["unjudged"]), 1)


class BinderComparison(unittest.TestCase):
    def test_clean_queries_and_unknown_names_on_the_same_line(self):
        rows = {
            "clean.kql": oracle_row(),
            "clean_but_we_err.kql": oracle_row(),
            "unknown.kql": oracle_row(odiag("KS204", 1), odiag("KS142", 3), odiag("KS142", 3)),
            "broken.kql": oracle_row(odiag("KS005", 1, "syntax"), odiag("KS142", 2), syntax=1),
        }
        # both parsers reject broken.kql, on different lines: not a kqlint-only error
        ours = {
            "clean_but_we_err.kql": [kdiag("type-mismatch", 2)],
            # line 1 found; line 3 flagged with another rule on the wrong line
            "unknown.kql": [kdiag("unknown-table", 1), kdiag("unknown-column", 4)],
            "broken.kql": [kdiag("syntax-error", 5), kdiag("type-mismatch", 6)],
        }
        res = cc.compare_binder(rows, ours)
        self.assertEqual((res["clean_queries"], res["clean_ok"]), (2, 1))
        self.assertEqual(res["clean_failures"][0]["file"], "clean_but_we_err.kql")
        # two distinct lines in unknown.kql; broken.kql does not parse and is left out
        self.assertEqual((res["unknown_lines"], res["unknown_hit"]), (2, 1))
        self.assertEqual(res["unknown_missed"][0]["oracle"].split(" ")[0], "3:1")
        self.assertEqual(sorted((k["file"], k["name"]) for k in res["kqlint_only"]),
                         [("broken.kql", "type-mismatch"),
                          ("clean_but_we_err.kql", "type-mismatch"),
                          ("unknown.kql", "unknown-column")])

    def test_markdown_lists_every_kqlint_only_error(self):
        rows = {"a.kql": oracle_row()}
        res = cc.compare_binder(rows, {"a.kql": [kdiag("unknown-column", 2)]})
        md = cc.binder_markdown(res, 99.5, 95, "hdr")
        self.assertIn("| a.kql | 2:3 unknown-column: m |", md)
        self.assertIn("0.00%", md)


class KqlintJson(unittest.TestCase):
    def test_groups_by_corpus_relative_file_and_rejects_strangers(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "src"))
            for name in ("src/a.kql", "src/b.kql", "notes.md"):
                open(os.path.join(d, name), "w").close()
            files = kqoracle.corpus_files(d)
            self.assertEqual(files, ["src/a.kql", "src/b.kql"])
            doc = {"version": 1, "diagnostics": [kdiag("x", 5, file=os.path.join(d, "src/a.kql")),
                                                 kdiag("y", 2, file=os.path.join(d, "src/a.kql"))]}
            by_file = kqoracle.diagnostics_by_file(doc, d, files)
            self.assertEqual([k["line"] for k in by_file["src/a.kql"]], [2, 5])
            self.assertEqual(by_file["src/b.kql"], [])
            run_level = dict(kdiag("unknown-rule-in-config", 0), file=None)
            self.assertEqual(kqoracle.diagnostics_by_file({"diagnostics": [run_level]}, d,
                                                          files)["src/a.kql"], [])
            with self.assertRaises(kqoracle.ToolError):
                kqoracle.diagnostics_by_file({"diagnostics": [kdiag("x", 1, file="/elsewhere.kql")]},
                                             d, files)
            with self.assertRaises(kqoracle.ToolError):
                kqoracle.diagnostics_by_file({"files": 2}, d, files)

    def test_cache_key_follows_content(self):
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "q.kql")
            with open(p, "w") as f:
                f.write("T | take 1")
            k1 = kqoracle.content_hash(d, ["q.kql"], "v1")
            self.assertEqual(k1, kqoracle.content_hash(d, ["q.kql"], "v1"))
            self.assertNotEqual(k1, kqoracle.content_hash(d, ["q.kql"], "v2"))
            with open(p, "w") as f:
                f.write("T | take 2")
            self.assertNotEqual(k1, kqoracle.content_hash(d, ["q.kql"], "v1"))


if __name__ == "__main__":
    unittest.main()
