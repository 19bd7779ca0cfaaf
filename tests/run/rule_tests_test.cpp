// Rule tests (docs/rule-tests.md) over the fixture rules in fixtures/run.
#include "run/rule_tests.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "schema/schema.h"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<kql::run::RuleTestCase> run_fixture(const std::string& stem,
                                                std::unique_ptr<kql::SourceFile>& keep) {
  std::string dir = std::string(KQ_SOURCE_DIR) + "/fixtures/run/";
  keep = std::make_unique<kql::SourceFile>(dir + stem + ".kql", slurp(dir + stem + ".kql"));
  kql::Query q = kql::Query::whole_file(*keep);
  kql::run::RunRequest base;
  base.schema = &kql::schema::Schema::builtin(kql::schema::Profile::Mde);
  std::string test = dir + stem + ".test.toml";
  return kql::run::run_rule_tests(q, test, slurp(test), base);
}

}  // namespace

TEST_CASE("a rule's test cases pass when its rows match") {
  std::unique_ptr<kql::SourceFile> file;
  auto cases = run_fixture("ssl-to-rare-host", file);
  REQUIRE(cases.size() == 2);
  for (auto& c : cases) {
    INFO(c.name);
    for (auto& f : c.failures) INFO(f);
    CHECK(c.passed);
  }
  CHECK(kql::run::rule_for_test_file(std::string(KQ_SOURCE_DIR) +
                                     "/fixtures/run/ssl-to-rare-host.test.toml")
            .ends_with("ssl-to-rare-host.kql"));
}

TEST_CASE("a missing row fails the case and says which") {
  std::unique_ptr<kql::SourceFile> file;
  auto cases = run_fixture("failing", file);
  REQUIRE(cases.size() == 1);
  CHECK_FALSE(cases[0].passed);
  REQUIRE(cases[0].failures.size() == 1);
  CHECK(cases[0].failures[0].find("missing row") != std::string::npos);
  CHECK(cases[0].failures[0].find("alpha") != std::string::npos);
}

TEST_CASE("a malformed test file is reported with its position") {
  kql::SourceFile f("r.kql", "print x = 1");
  kql::Query q = kql::Query::whole_file(f);
  auto cases =
      kql::run::run_rule_tests(q, "bad.test.toml", "[[case]\nname = 1", kql::run::RunRequest{});
  REQUIRE(cases.size() == 1);
  CHECK_FALSE(cases[0].passed);
  CHECK(cases[0].failures[0].rfind("bad.test.toml:1:", 0) == 0);
}
