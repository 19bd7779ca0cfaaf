// missing-time-filter: hunting queries that read an event table without a time filter.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("missing-time-filter: a table read with no Timestamp filter") {
  auto run = lint_text(
      "DeviceProcessEvents\n"
      "| where FileName =~ \"rundll32.exe\"\n"
      "| project Timestamp, DeviceName, ProcessCommandLine");
  auto found = run.of("missing-time-filter");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1107");
  CHECK(d.severity == kql::Severity::Info);
  CHECK(run.text(d) == "DeviceProcessEvents");
  CHECK(run.position(d).line == 1);
  CHECK(d.message.find("without a filter on Timestamp") != std::string::npos);
}

TEST_CASE("missing-time-filter: the unfiltered side of a join is reported, the other not") {
  // Adapted from the corpus (bert-janp, PowerShellExecutionsFromClipboard).
  auto run = lint_text(
      "let clipboardEvents = DeviceEvents\n"
      "    | where Timestamp > ago(1d)\n"
      "    | where ActionType == \"GetClipboardData\";\n"
      "let powershellEvents = DeviceProcessEvents\n"
      "    | where FileName contains \"powershell.exe\";\n"
      "clipboardEvents\n"
      "| join kind=inner (powershellEvents) on DeviceName");
  auto found = run.of("missing-time-filter");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "DeviceProcessEvents");
  CHECK(run.position(*found[0]).line == 4);
}

TEST_CASE("missing-time-filter: filters via let lookbacks, between, later stages and unions") {
  CHECK(lint_text("let lookback = 7d;\nDeviceLogonEvents\n| where Timestamp > ago(lookback)")
            .of("missing-time-filter")
            .empty());
  CHECK(lint_text("DeviceFileEvents\n| where FileName endswith \".ps1\"\n"
                  "| where Timestamp between (ago(2d) .. now())")
            .of("missing-time-filter")
            .empty());
  CHECK(lint_text("let T = DeviceFileEvents | project Timestamp, FileName;\n"
                  "T | where Timestamp > ago(1d)")
            .of("missing-time-filter")
            .empty());
  CHECK(lint_text("union DeviceProcessEvents, DeviceFileEvents\n| where Timestamp > ago(1d)")
            .of("missing-time-filter")
            .empty());
  // Tables without a time column (snapshots) are not event tables.
  CHECK(lint_text("DeviceTvmSoftwareInventory\n| where SoftwareName has \"chrome\"")
            .of("missing-time-filter")
            .empty());
  // Off for custom detections: their schedule sets the lookback.
  CHECK(lint_detection("DeviceProcessEvents\n| where FileName =~ \"rundll32.exe\"")
            .of("missing-time-filter")
            .empty());
}

TEST_CASE("missing-time-filter: sentinel's time column is TimeGenerated") {
  kql::lint::LintSettings sentinel;
  sentinel.profile = kql::schema::Profile::Sentinel;
  CHECK(lint_text("DeviceProcessEvents\n| where TimeGenerated > ago(1d)", sentinel)
            .of("missing-time-filter")
            .empty());
  CHECK(lint_text("DeviceProcessEvents\n| where FileName == \"a.exe\"", sentinel)
            .of("missing-time-filter")
            .size() == 1);
}

TEST_CASE("missing-time-filter: search predicates, Sentinel-style filters and TVM snapshots") {
  // From the corpus (alexverboon-mdatp, URLHaus search).
  CHECK(lint_text("search in (DeviceNetworkEvents, DeviceFileEvents, DeviceEvents)\n"
                  "Timestamp > ago(8h)\n| where RemoteUrl has \"example\"")
            .of("missing-time-filter")
            .empty());
  CHECK(lint_text("DeviceProcessEvents\n| where TimeGenerated > ago(30d)")
            .of("missing-time-filter")
            .empty());
  CHECK(lint_text("DeviceTvmSecureConfigurationAssessment\n| where IsApplicable == 1")
            .of("missing-time-filter")
            .empty());
}
