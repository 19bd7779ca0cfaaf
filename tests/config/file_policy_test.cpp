// Suppressions first, then the config: the order apply_file_policy promises.
#include "config/file_policy.h"

#include <doctest/doctest.h>

#include "config/load_config.h"
#include "config_test_support.h"

using namespace kql;
using namespace kql::test;

TEST_CASE("a suppression of a rule the config ignores is used; its warnings obey the config") {
  SourceFile f("/repo/rules/a.kql",
               "T\n// kqlint-disable-next-line join-without-kind\n| join (U) on K\n"
               "// kqlint-disable-next-line enum-value-case\n| where P == \"TCP\"\n");
  std::vector<Diagnostic> load;
  LoadedConfig ignoring =
      parse_config("/repo/kqlint.toml", "ignore = [\"join-without-kind\"]\n", known_rules(), load);
  REQUIRE(ignoring.ok);
  auto findings = [&] {
    return std::vector<Diagnostic>{
        finding(&f, f.line_start(3) + 2, "KQL1020", "join-without-kind")};
  };
  std::vector<Diagnostic> diags = findings();
  apply_file_policy(f, {Query::whole_file(f)}, diags, *ignoring.config, known_rules());
  REQUIRE(diags.size() == 1);  // the join finding is suppressed; enum-value-case's is stale
  CHECK(diags[0].name == "unused-suppression");
  CHECK(f.position(diags[0].range.begin).line == 4);

  LoadedConfig quiet = parse_config(
      "/repo/kqlint.toml", "[severity]\nunused-suppression = \"off\"\n", known_rules(), load);
  diags = findings();
  apply_file_policy(f, {Query::whole_file(f)}, diags, *quiet.config, known_rules());
  CHECK(diags.empty());
}

TEST_CASE("other files' diagnostics are left alone, in order") {
  SourceFile a("/repo/a.kql", "T\n");
  SourceFile b("/repo/b.kql", "U\n");
  std::vector<Diagnostic> load;
  LoadedConfig c = parse_config("/repo/kqlint.toml", "ignore = [\"KQL1\"]\n", known_rules(), load);
  std::vector<Diagnostic> diags = {finding(&b, 0, "KQL1003", "unknown-column"),
                                   finding(&a, 0, "KQL1003", "unknown-column"),
                                   finding(&b, 1, "KQL1010", "enum-value-case"),
                                   finding(&a, 1, "KQL0001", "syntax-error", Severity::Error)};
  apply_file_policy(a, {Query::whole_file(a)}, diags, *c.config, known_rules());
  REQUIRE(diags.size() == 3);
  CHECK(diags[0].file == &b);
  CHECK(diags[1].file == &b);
  CHECK(diags[1].name == "enum-value-case");
  CHECK(diags[2].name == "syntax-error");
}
