// The rule catalogue is documentation users read (`kqlint rules`, SARIF): every entry must be
// complete and consistent.
#include "lint/catalogue.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>

using namespace kql::lint;

TEST_CASE("every rule doc is complete, with a unique code and name") {
  const auto& docs = catalogue();
  REQUIRE(docs.size() >= 20);
  std::set<std::string> codes, names;
  const std::regex code_re("KQL[0-9]{4}"), name_re("[a-z]+(-[a-z0-9]+)*");
  for (const auto& d : docs) {
    CAPTURE(d.name);
    CHECK(std::regex_match(d.code, code_re));
    CHECK(std::regex_match(d.name, name_re));
    CHECK(codes.insert(d.code).second);
    CHECK(names.insert(d.name).second);
    CHECK(!d.summary.empty());
    CHECK(!d.rationale.empty());
    CHECK(!d.evidence.empty());
    CHECK(!d.bad.empty());
    CHECK(!d.good.empty());
    CHECK(d.bad != d.good);
    CHECK_FALSE((d.detection_only && d.hunting_only));
  }
}

TEST_CASE("the doc file of each rule is named after the rule") {
  namespace fs = std::filesystem;
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(fs::path(KQ_SOURCE_DIR) / "src/lint/docs"))
    files.insert(e.path().stem().string());
  for (const auto& d : catalogue()) CHECK_MESSAGE(files.count(d.name), d.name);
  CHECK(files.size() == catalogue().size());
}

TEST_CASE("rules are found by name and by code") {
  const RuleDoc* by_name = find_rule("enum-value-case");
  REQUIRE(by_name != nullptr);
  CHECK(find_rule(by_name->code) == by_name);
  CHECK(by_name->severity == kql::Severity::Error);
  CHECK(by_name->fixable);
  CHECK(find_rule("no-such-rule") == nullptr);
}
