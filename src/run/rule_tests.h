#pragma once
// Rule tests: a rule `rules/x.kql` may ship `rules/x.test.toml` with sample events and the rows
// the rule must (and must not) return. Format and semantics: docs/rule-tests.md.
#include <string>
#include <vector>

#include "run/runner.h"
#include "source/query.h"

namespace kql::run {

struct RuleTestCase {
  std::string name;
  bool passed = false;
  std::vector<std::string> failures;  // human-readable reasons, empty when passed
};

// Parses the test file and runs each of its cases against `query` (SQLite unless `base` says
// otherwise). A malformed test file gives one failed case named "<file>" whose failure says
// where (file:line:col).
std::vector<RuleTestCase> run_rule_tests(const Query& query, const std::string& test_path,
                                         const std::string& test_text, const RunRequest& base);

// The rule file a test file belongs to: x.test.toml -> x.kql / x.yaml / x.yml / x.md, or "".
std::string rule_for_test_file(const std::string& test_path);

}  // namespace kql::run
