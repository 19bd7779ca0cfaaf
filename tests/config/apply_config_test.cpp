// select / ignore / [severity] / per-file-ignores applied to findings.
#include "config/apply_config.h"

#include <doctest/doctest.h>

#include "config/load_config.h"
#include "config_test_support.h"

using namespace kql;
using namespace kql::test;

namespace {

std::unique_ptr<Config> config_from(const std::string& toml) {
  std::vector<Diagnostic> diags;
  LoadedConfig loaded = parse_config("/repo/kqlint.toml", toml, known_rules(), diags);
  REQUIRE(loaded.ok);
  return std::move(loaded.config);
}

std::vector<std::string> names_of(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const auto& d : diags) out.push_back(d.name + ":" + severity_name(d.severity));
  return out;
}

}  // namespace

TEST_CASE("the full fixture config applied to a file's findings") {
  std::vector<Diagnostic> load_diags;
  LoadedConfig loaded = load_config(config_fixture("full.kqlint.toml"), known_rules(), load_diags);
  REQUIRE(loaded.ok);
  const Config& c = *loaded.config;
  SourceFile rule(config_fixture("hunting/network.kql").string(), "DeviceNetworkEvents\n");
  SourceFile legacy(config_fixture("legacy/old/network.kql").string(), "DeviceNetworkEvents\n");
  SourceFile notes(config_fixture("docs/NOTES.md").string(), "x\n");

  std::vector<Diagnostic> diags = {
      finding(&rule, 0, "KQL0001", "syntax-error", Severity::Error),        // protected
      finding(&rule, 1, "KQL1003", "unknown-column", Severity::Error),      // ignored by code
      finding(&rule, 2, "KQL1006", "unknown-action-type"),                  // -> error
      finding(&rule, 3, "KQL1010", "enum-value-case"),                      // KQL10 -> info
      finding(&rule, 4, "KQL1020", "join-without-kind"),                    // ignored by name
      finding(&rule, 5, "KQL1030", "missing-time-filter"),                  // off
      finding(&rule, 6, "KQL1101", "zeek-uid-unavailable"),                 // selected by prefix
      finding(&rule, 7, "KQL2001", "sql-untranslatable", Severity::Error),  // not selected
      finding(&legacy, 0, "KQL1021", "deprecated-function"),                // per-file ignore
      finding(&legacy, 1, "KQL1101", "zeek-uid-unavailable"),               // kept
      finding(&notes, 0, "KQL1101", "zeek-uid-unavailable"),                // *.md ignores all
  };
  apply_config(diags, c);
  CHECK(names_of(diags) ==
        std::vector<std::string>{"syntax-error:error", "unknown-action-type:error",
                                 "enum-value-case:info", "zeek-uid-unavailable:warning",
                                 "zeek-uid-unavailable:warning"});
  CHECK(diags[4].file == &legacy);
}

TEST_CASE("the most specific selector wins, ignore wins a tie") {
  auto c = config_from("select = [\"KQL1003\"]\nignore = [\"KQL1\"]\n");
  CHECK(rule_enabled(*c, "KQL1003", "unknown-column", "/repo/a.kql"));
  CHECK_FALSE(rule_enabled(*c, "KQL1004", "type-mismatch", "/repo/a.kql"));
  auto tie = config_from("select = [\"KQL1\"]\nignore = [\"KQL1\"]\n");
  CHECK_FALSE(rule_enabled(*tie, "KQL1003", "unknown-column", "/repo/a.kql"));
  auto narrow = config_from("ignore = [\"zeek\"]\nselect = [\"zeek-uid-unavailable\"]\n");
  CHECK(rule_enabled(*narrow, "KQL1101", "zeek-uid-unavailable", "/repo/a.kql"));
  CHECK_FALSE(rule_enabled(*narrow, "KQL1102", "zeek-uid-without-localip", "/repo/a.kql"));
  auto defaults = config_from("");
  CHECK(rule_enabled(*defaults, "KQL1102", "zeek-uid-without-localip", "/repo/a.kql"));
}

TEST_CASE("severity overrides: the most specific entry decides") {
  auto c =
      config_from("[severity]\nKQL1 = \"info\"\nenum-value-case = \"error\"\nzeek = \"off\"\n");
  CHECK(effective_severity(*c, "KQL1010", "enum-value-case", Severity::Warning) == Severity::Error);
  CHECK(effective_severity(*c, "KQL1003", "unknown-column", Severity::Error) == Severity::Info);
  CHECK(!effective_severity(*c, "KQL1101", "zeek-uid-unavailable", Severity::Warning).has_value());
  CHECK(effective_severity(*c, "KQL0001", "syntax-error", Severity::Error) == Severity::Error);
}

TEST_CASE("fail-on decides which findings fail the run") {
  Diagnostic warning = finding(nullptr, 0, "KQL1010", "enum-value-case", Severity::Warning);
  Diagnostic error = finding(nullptr, 0, "KQL1003", "unknown-column", Severity::Error);
  Diagnostic info = finding(nullptr, 0, "KQL1030", "missing-time-filter", Severity::Info);
  CHECK(fails_run(error, Severity::Error));
  CHECK_FALSE(fails_run(warning, Severity::Error));
  CHECK(fails_run(warning, Severity::Warning));
  CHECK_FALSE(fails_run(info, Severity::Warning));
}
