// lookback-beyond-retention: lookbacks longer than Advanced Hunting's 30 days.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("lookback-beyond-retention: ago(90d) on Timestamp") {
  auto run = lint_text(
      "DeviceLogonEvents\n"
      "| where Timestamp > ago(90d)\n"
      "| where LogonType == \"RemoteInteractive\"");
  auto found = run.of("lookback-beyond-retention");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1108");
  CHECK(d.severity == kql::Severity::Warning);
  CHECK(run.text(d) == "90d");
  CHECK(run.position(d).line == 2);
  CHECK(run.position(d).column == 25);
  CHECK(d.message.find("90 days") != std::string::npos);
}

TEST_CASE("lookback-beyond-retention: let-bound lookbacks, now() arithmetic and upper bounds") {
  auto run = lint_text(
      "let lookback = 60d;\n"
      "DeviceFileEvents\n"
      "| where Timestamp > ago(lookback)\n"
      "| where Timestamp < now() - 45d");
  auto found = run.of("lookback-beyond-retention");
  REQUIRE(found.size() == 2);
  CHECK(run.text(*found[0]) == "60d");
  CHECK(run.position(*found[0]).line == 1);
  CHECK(found[0]->message.find("60 days") != std::string::npos);
  CHECK(run.text(*found[1]) == "45d");
  CHECK(found[1]->message.find("never matches") != std::string::npos);
  auto between =
      lint_text("DeviceEvents\n| where Timestamp between (startofday(ago(31d)) .. now())");
  REQUIRE(between.of("lookback-beyond-retention").size() == 1);
  CHECK(between.text(*between.of("lookback-beyond-retention")[0]) == "31d");
}

TEST_CASE("lookback-beyond-retention: 30 days, other columns and sentinel pass") {
  CHECK(lint_text("DeviceLogonEvents\n| where Timestamp > ago(30d)")
            .of("lookback-beyond-retention")
            .empty());
  CHECK(lint_text("DeviceLogonEvents\n| where Timestamp > ago(720h)")
            .of("lookback-beyond-retention")
            .empty());
  // Not the time column: a device last seen 90 days ago is a fact about the device.
  CHECK(lint_text("DeviceInfo\n| where Timestamp > ago(1d)\n"
                  "| summarize LastSeen = max(Timestamp) by DeviceId\n"
                  "| where LastSeen < ago(90d)")
            .of("lookback-beyond-retention")
            .empty());
  kql::lint::LintSettings sentinel;
  sentinel.profile = kql::schema::Profile::Sentinel;
  CHECK(lint_text("DeviceLogonEvents\n| where TimeGenerated > ago(90d)", sentinel)
            .of("lookback-beyond-retention")
            .empty());
}
