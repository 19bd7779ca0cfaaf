// Inline suppressions: finding them (not inside strings), filtering, unused and invalid ones.
#include "config/suppressions.h"

#include <doctest/doctest.h>

#include "config/rule_selector.h"
#include "config_test_support.h"
#include "diag/apply_fixes.h"

using namespace kql;
using namespace kql::test;

namespace {

RuleNamePredicate known() {
  return [rules = known_rules()](std::string_view s) { return selector_is_known(s, rules); };
}

// Byte offset of the first character of a 1-based line.
uint32_t line_offset(const SourceFile& f, uint32_t line) { return f.line_start(line); }

struct Fixture {
  SourceFile file{"fixtures/config/suppressions.kql", slurp(config_fixture("suppressions.kql"))};
  Query query = Query::whole_file(file);
};

}  // namespace

TEST_CASE("directives are found in comments, never in string literals") {
  Fixture fx;
  std::vector<Suppression> found = find_suppressions(fx.query);
  REQUIRE(found.size() == 8);
  CHECK(found[0].scope == Suppression::Scope::File);
  CHECK(found[0].rules.size() == 1);
  CHECK(found[0].rules[0].selector == "missing-time-filter");
  CHECK(found[0].reason == "hunting query, run by hand over the default range");
  CHECK(found[1].target_line == 4);
  CHECK(found[1].reason == "\"TCP\" kept to show the case issue");
  // The trailing comment after a string holding "//" on line 5 covers line 6; the directive
  // text inside line 6's string is not a comment.
  CHECK(fx.file.position(found[2].comment.begin).line == 5);
  CHECK(found[2].target_line == 6);
  CHECK(found[3].target_line == 9);
  CHECK(found[3].rules.size() == 2);
  CHECK(found[3].rules[1].selector == "join-without-kind");
  CHECK(found[5].problem == "'kqlint-disable-next-line' names no rule");
  CHECK(found[6].problem.rfind("unknown directive 'kqlint-enable'", 0) == 0);
  CHECK(found[7].target_line == 0);  // nothing follows it
}

TEST_CASE("strings of every KQL form hide '//'") {
  SourceFile f("s.kql",
               "T | where a == @\"c:\\\\// kqlint-disable-file x\" and b == 'it''s // "
               "kqlint-disable-file y'\n"
               "| where c == ```\n// kqlint-disable-file z\n``` and d == \"esc\\\" // "
               "kqlint-disable-file w\"\n"
               "// kqlint-disable-file unknown-column\n");
  Query q = Query::whole_file(f);
  std::vector<Suppression> found = find_suppressions(q);
  REQUIRE(found.size() == 1);
  CHECK(found[0].rules[0].selector == "unknown-column");
}

TEST_CASE("the fixture's findings are filtered and stale directives reported") {
  Fixture fx;
  const SourceFile* f = &fx.file;
  std::vector<Diagnostic> diags = {
      finding(f, line_offset(*f, 2), "KQL1030", "missing-time-filter"),                 // file-wide
      finding(f, line_offset(*f, 4) + 19, "KQL1010", "enum-value-case"),                // next-line
      finding(f, line_offset(*f, 4) + 9, "KQL1004", "type-mismatch", Severity::Error),  // kept
      finding(f, line_offset(*f, 6) + 9, "KQL1003", "unknown-column", Severity::Error),  // trailing
      finding(f, line_offset(*f, 9) + 8, "KQL1003", "unknown-column", Severity::Error),
      finding(f, line_offset(*f, 11), "KQL0001", "syntax-error", Severity::Error),  // protected
  };
  apply_suppressions({fx.query}, diags, known());

  std::vector<std::string> got;
  for (const auto& d : diags)
    got.push_back(d.name + "@" + std::to_string(f->position(d.range.begin).line));
  CHECK(got == std::vector<std::string>{"type-mismatch@4", "syntax-error@11",
                                        "unused-suppression@8", "invalid-suppression@10",
                                        "invalid-suppression@12", "invalid-suppression@13",
                                        "unused-suppression@15"});
  const Diagnostic& partial = diags[2];
  CHECK(partial.code == "KQL1900");
  CHECK(partial.message == "kqlint-disable-next-line 'join-without-kind' suppressed nothing");
  REQUIRE(partial.fix.has_value());
  CHECK(partial.fix->description == "keep only unknown-column");
  CHECK(diags[3].message == "'no-such-rule' is not a kqlint rule; this suppresses nothing");
  CHECK(diags[6].message ==
        "kqlint-disable-next-line 'type-mismatch': no line of the query follows it");

  // The safe fixes remove the stale names and the trailing directive, nothing else.
  FixOutcome fixed = apply_fixes(fx.file, diags);
  CHECK(fixed.applied == 2);
  CHECK(fixed.text.find("// kqlint-disable-next-line unknown-column -- ") == std::string::npos);
  CHECK(fixed.text.find("// kqlint-disable-next-line unknown-column\n| where RemotePrt") !=
        std::string::npos);
  CHECK(fixed.text.find("type-mismatch") == std::string::npos);
  CHECK(fixed.text.size() + std::string("// kqlint-disable-next-line type-mismatch\n").size() +
            std::string(", join-without-kind").size() ==
        fx.file.text().size());
}

TEST_CASE("a directive in one query of a file covers findings of the whole file") {
  SourceFile f(
      "multi.kql",
      "// kqlint-disable-file join-without-kind\nT | join (U) on K\n\nV | join (W) on K\n");
  Query first = Query::whole_file(f);
  first.text = "// kqlint-disable-file join-without-kind\nT | join (U) on K";
  first.line_origins.resize(2);
  Query second;
  second.file = &f;
  second.index = 2;
  second.text = "V | join (W) on K";
  second.line_origins = {f.line_start(4)};
  std::vector<Diagnostic> diags = {
      finding(&f, f.line_start(2) + 4, "KQL1020", "join-without-kind"),
      finding(&f, f.line_start(4) + 4, "KQL1020", "join-without-kind")};
  apply_suppressions({first, second}, diags, known());
  CHECK(diags.empty());
}

TEST_CASE("a trailing directive's fix removes only the comment") {
  SourceFile f("t.kql",
               "T\n| where A == 1 // kqlint-disable-next-line enum-value-case\n| take 1\n");
  std::vector<Diagnostic> diags;
  apply_suppressions({Query::whole_file(f)}, diags, known());
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].name == "unused-suppression");
  CHECK(apply_fixes(f, diags).text == "T\n| where A == 1\n| take 1\n");
}

TEST_CASE("positions map through an indented YAML block") {
  std::string yaml =
      "name: Inbound SSH\nquery: |\n  DeviceNetworkEvents\n  // kqlint-disable-next-line "
      "enum-value-case\n"
      "  | where Protocol == \"TCP\"\n";
  SourceFile f("rule.yaml", yaml);
  Query q;
  q.file = &f;
  q.text =
      "DeviceNetworkEvents\n// kqlint-disable-next-line enum-value-case\n| where Protocol == "
      "\"TCP\"\n";
  q.line_origins = {f.line_start(3) + 2, f.line_start(4) + 2, f.line_start(5) + 2, f.line_start(6)};
  std::vector<Suppression> found = find_suppressions(q);
  REQUIRE(found.size() == 1);
  CHECK(found[0].target_line == 5);
  CHECK(f.position(found[0].comment.begin).line == 4);
  CHECK(f.position(found[0].comment.begin).column == 3);
  CHECK(f.text().substr(found[0].rules[0].range.begin, 15) == "enum-value-case");
  std::vector<Diagnostic> diags = {
      finding(&f, static_cast<uint32_t>(yaml.find("\"TCP\"")), "KQL1010", "enum-value-case")};
  apply_suppressions({q}, diags, known());
  CHECK(diags.empty());
}
