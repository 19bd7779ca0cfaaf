#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::Severity;
using kql::lint::test::lint_text;

TEST_CASE("unknown-table: an error outside a fuzzy union") {
  auto run = lint_text("union DeviceInfo, SigninLogs\n| take 1\n");
  auto found = run.of("unknown-table");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == Severity::Error);
  CHECK(run.text(*found[0]) == "SigninLogs");
  CHECK(found[0]->message.find("fuzzy") == std::string::npos);
}

TEST_CASE("unknown-table: a missing leg of union isfuzzy=true is a warning") {
  // Sentinel hunting queries union Sentinel-only tables fuzzily; Kusto skips the missing
  // ones and the query runs, so the leg only yields no rows on Defender XDR.
  auto run = lint_text(
      "union isfuzzy=true\n"
      "  (DeviceProcessEvents | where FileName =~ \"ntdsutil.exe\"),\n"
      "  (SecurityEvent | where EventID == 4688)\n"
      "| take 10\n");
  auto found = run.of("unknown-table");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == Severity::Warning);
  CHECK(run.text(*found[0]) == "SecurityEvent");
  CHECK(run.position(*found[0]).line == 3);
  CHECK(found[0]->message.find("yields no rows") != std::string::npos);
  // Nothing else in the query is an error either (the leg's columns are not checked).
  for (const auto& d : run.all) CHECK(d.severity != Severity::Error);
}

TEST_CASE("unknown-table: a table the lets of a fuzzy union leg read stays an error") {
  // Only the union's own legs are skipped by Kusto; a let bound outside the union is not.
  auto run = lint_text(
      "let Logons = SigninLogs | where ResultType == 0;\n"
      "union isfuzzy=true Logons, DeviceLogonEvents\n");
  auto found = run.of("unknown-table");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == Severity::Error);
  CHECK(run.position(*found[0]).line == 1);
}
