// action-type-substring: ActionType matched by substring, with a fix to the exact values.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("action-type-substring: contains is rewritten to the one value it matches") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where Timestamp > ago(7d)\n"
      "| where ActionType contains \"InboundConnection\"\n"
      "| summarize count() by RemoteIP");
  auto found = run.of("action-type-substring");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1102");
  CHECK(d.severity == kql::Severity::Warning);
  CHECK(run.text(d) == "contains \"InboundConnection\"");
  CHECK(run.position(d).line == 3);
  CHECK(run.position(d).column == 20);
  CHECK(d.message.find("'InboundConnectionAccepted'") != std::string::npos);
  CHECK(run.fixed("action-type-substring") ==
        "DeviceNetworkEvents\n"
        "| where Timestamp > ago(7d)\n"
        "| where ActionType in (\"InboundConnectionAccepted\", \"InboundConnectionAttempt\")\n"
        "| summarize count() by RemoteIP");
}

TEST_CASE("action-type-substring: a negated prefix match becomes !in") {
  auto run = lint_text("DeviceNetworkEvents\n| where ActionType !startswith \"Connection\"");
  auto found = run.of("action-type-substring");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message.find("excludes 8 ActionTypes") != std::string::npos);
  CHECK(run.fixed("action-type-substring") ==
        "DeviceNetworkEvents\n| where ActionType !in (\"ConnectionAcknowledged\", "
        "\"ConnectionAttempt\", \"ConnectionFailed\", \"ConnectionFailedAggregatedReport\", "
        "\"ConnectionFound\", \"ConnectionRequest\", \"ConnectionSuccess\", "
        "\"ConnectionSuccessAggregatedReport\")");
}

TEST_CASE("action-type-substring: exact comparisons and unknown values are not reported") {
  CHECK(lint_text("DeviceNetworkEvents\n| where ActionType in (\"InboundConnectionAccepted\")")
            .of("action-type-substring")
            .empty());
  CHECK(lint_text("DeviceNetworkEvents\n| where ActionType =~ \"inboundconnectionaccepted\"")
            .of("action-type-substring")
            .empty());
  // Nothing matches: unknown-action-type's finding, not this one.
  auto run = lint_text("DeviceNetworkEvents\n| where ActionType contains \"Clipboard\"");
  CHECK(run.of("action-type-substring").empty());
  CHECK(run.of("unknown-action-type").size() == 1);
}

TEST_CASE("action-type-substring: has_any over a list, pointed at the operator and its list") {
  // From the corpus (gh-andrem, MDE Controlled Folder Access report).
  auto run = lint_text(
      "DeviceEvents\n| where Timestamp > ago(7d)\n"
      "| where ActionType has_any ('ControlledFolderAccessViolationAudited', "
      "'ControlledFolderAccessViolationBlocked')");
  auto found = run.of("action-type-substring");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) ==
        "has_any ('ControlledFolderAccessViolationAudited', "
        "'ControlledFolderAccessViolationBlocked')");
  CHECK(run.fixed("action-type-substring") ==
        "DeviceEvents\n| where Timestamp > ago(7d)\n"
        "| where ActionType in (\"ControlledFolderAccessViolationAudited\", "
        "\"ControlledFolderAccessViolationBlocked\")");
}
