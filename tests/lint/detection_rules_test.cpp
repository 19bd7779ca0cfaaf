// The custom-detection rules: detection-missing-required-column, detection-forbidden-operator
// and detection-own-time-filter. They run only on queries marked as detections.
#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_detection;
using kql::lint::test::lint_text;

TEST_CASE("detection-missing-required-column: summarize drops Timestamp and ReportId") {
  auto run = lint_detection(
      "DeviceProcessEvents\n"
      "| where FileName =~ \"mshta.exe\"\n"
      "| summarize count() by DeviceName\n");
  auto found = run.of("detection-missing-required-column");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1401");
  CHECK(found[0]->severity == kql::Severity::Error);
  CHECK(run.text(*found[0]) == "summarize");
  CHECK(run.position(*found[0]).line == 3);
  CHECK(found[0]->message ==
        "the custom detection's result (DeviceName:string, count_:long) lacks Timestamp and "
        "ReportId");
}

TEST_CASE("detection-missing-required-column: no entity column") {
  auto run = lint_detection(
      "DeviceProcessEvents\n"
      "| where FileName =~ \"mshta.exe\"\n"
      "| project Timestamp, ReportId, ProcessCommandLine\n");
  auto found = run.of("detection-missing-required-column");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "project");
  CHECK(found[0]->message.find("lacks an entity column (DeviceId, DeviceName") !=
        std::string::npos);
}

TEST_CASE("detection-missing-required-column: silent when kept, open, or not a detection") {
  CHECK(lint_detection("DeviceProcessEvents\n"
                       "| where FileName =~ \"mshta.exe\"\n"
                       "| project Timestamp, ReportId, DeviceId, DeviceName, ProcessCommandLine\n")
            .of("detection-missing-required-column")
            .empty());
  CHECK(lint_detection("DeviceProcessEvents\n"
                       "| where FileName =~ \"mshta.exe\"\n"
                       "| summarize arg_max(Timestamp, *) by DeviceId\n")
            .of("detection-missing-required-column")
            .empty());
  // AlertInfo has no ReportId to keep; its entities are in AlertEvidence.
  auto alerts = lint_detection(
      "AlertInfo\n"
      "| where Severity == \"High\"\n"
      "| join kind=inner (AlertEvidence | where EntityType == \"Machine\") on AlertId\n"
      "| project Timestamp, AlertId, Title, DeviceId\n");
  CHECK(alerts.parsed);
  CHECK(alerts.of("detection-missing-required-column").empty());
  // An unknown table: the result schema is open, nothing to judge.
  CHECK(lint_detection("SomeCustomTable\n| summarize count() by Computer\n")
            .of("detection-missing-required-column")
            .empty());
  CHECK(lint_text("DeviceProcessEvents\n| summarize count() by DeviceName\n")
            .of("detection-missing-required-column")
            .empty());
}

TEST_CASE("detection-forbidden-operator: take, limit and render") {
  auto run = lint_detection(
      "DeviceProcessEvents\n"
      "| where FileName =~ \"mshta.exe\"\n"
      "| limit 100\n"
      "| render timechart\n");
  auto found = run.of("detection-forbidden-operator");
  REQUIRE(found.size() == 2);
  CHECK(found[0]->code == "KQL1402");
  CHECK(run.text(*found[0]) == "limit");
  CHECK(run.position(*found[0]).line == 3);
  CHECK(found[0]->message.rfind("'limit' in a custom detection drops matching rows", 0) == 0);
  CHECK(run.text(*found[1]) == "render");
  CHECK(run.position(*found[1]).line == 4);

  auto take = lint_detection("DeviceProcessEvents\n| take 10\n");
  REQUIRE(take.of("detection-forbidden-operator").size() == 1);
  CHECK(take.text(*take.of("detection-forbidden-operator")[0]) == "take");
}

TEST_CASE("detection-forbidden-operator: silent without them and in hunting queries") {
  CHECK(lint_detection("DeviceProcessEvents\n| where FileName =~ \"mshta.exe\"\n")
            .of("detection-forbidden-operator")
            .empty());
  CHECK(lint_text("DeviceProcessEvents\n| take 100\n").of("detection-forbidden-operator").empty());
}

TEST_CASE("detection-own-time-filter: Timestamp compared with a constant bound") {
  auto run = lint_detection(
      "DeviceProcessEvents\n"
      "| where Timestamp > ago(1h)\n"
      "| where FileName =~ \"mshta.exe\"\n");
  auto found = run.of("detection-own-time-filter");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1403");
  CHECK(run.text(*found[0]) == "Timestamp > ago(1h)");
  CHECK(run.position(*found[0]).line == 2);
  CHECK(run.position(*found[0]).column == 9);
  CHECK(found[0]->message ==
        "custom detection filters on Timestamp itself: the rule's frequency already sets its "
        "lookback");

  auto between = lint_detection(
      "let lookback = 2h;\n"
      "DeviceLogonEvents\n"
      "| where Timestamp between (ago(lookback) .. now()) and ActionType == \"LogonFailed\"\n");
  auto b = between.of("detection-own-time-filter");
  REQUIRE(b.size() == 1);
  CHECK(between.text(*b[0]) == "Timestamp between (ago(lookback) .. now())");
}

TEST_CASE("detection-own-time-filter: correlations between columns and hunting queries") {
  CHECK(lint_detection("DeviceProcessEvents\n"
                       "| where Timestamp - ProcessCreationTime < 1m\n"
                       "| where InitiatingProcessCreationTime < Timestamp\n")
            .of("detection-own-time-filter")
            .empty());
  CHECK(lint_text("DeviceProcessEvents\n| where Timestamp > ago(1h)\n")
            .of("detection-own-time-filter")
            .empty());
}
