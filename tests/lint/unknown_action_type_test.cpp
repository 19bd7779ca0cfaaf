// unknown-action-type: ActionType values no ActionType of the table matches.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("unknown-action-type: a misspelled ActionType, with did-you-mean") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where Timestamp > ago(1d)\n"
      "| where ActionType == \"ConnectionSucess\" and RemotePort == 445\n"
      "| project Timestamp, DeviceName, RemoteIP");
  auto found = run.of("unknown-action-type");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1101");
  CHECK(d.severity == kql::Severity::Error);
  CHECK(run.text(d) == "\"ConnectionSucess\"");
  CHECK(run.position(d).line == 3);
  CHECK(run.position(d).column == 23);
  CHECK(d.message.find("'ConnectionSucess' is not an ActionType of DeviceNetworkEvents") !=
        std::string::npos);
  CHECK(d.help.find("'ConnectionSuccess'") != std::string::npos);
  CHECK_FALSE(d.fix.has_value());  // a guess is not a safe fix
}

TEST_CASE("unknown-action-type: a value of another table is named as such") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType in (\"ConnectionSuccess\", \"ProcessCreated\")\n"
      "| summarize count() by DeviceName");
  auto found = run.of("unknown-action-type");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "\"ProcessCreated\"");
  REQUIRE(!found[0]->notes.empty());
  CHECK(found[0]->notes[0].message.find("DeviceProcessEvents") != std::string::npos);
}

TEST_CASE("unknown-action-type: a case-only difference with == gets a fix") {
  auto run = lint_text("DeviceProcessEvents\n| where ActionType == \"processcreated\"");
  auto found = run.of("unknown-action-type");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message.find("spelled 'ProcessCreated'") != std::string::npos);
  REQUIRE(found[0]->fix.has_value());
  CHECK(run.fixed("unknown-action-type") ==
        "DeviceProcessEvents\n| where ActionType == \"ProcessCreated\"");
}

TEST_CASE("unknown-action-type: a substring that matches nothing, in a let-bound list") {
  auto run = lint_text(
      "let Watched = dynamic([\"AsrOfficeChildProcessBlocked\", \"AsrNoSuchRule\"]);\n"
      "DeviceEvents\n| where ActionType in (Watched)");
  auto found = run.of("unknown-action-type");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "\"AsrNoSuchRule\"");  // the value inside the list, not the list
  CHECK(run.position(*found[0]).line == 1);
}

TEST_CASE("unknown-action-type: real ActionTypes, case-insensitive matches and open tables pass") {
  // From the corpus (bert-janp, PowerShellExecutionsFromClipboard): a real DeviceEvents value.
  auto ok = lint_text(
      "let clipboardEvents = DeviceEvents\n"
      "    | where ActionType contains \"GetClipboardData\";\n"
      "clipboardEvents | summarize by DeviceName");
  CHECK(ok.of("unknown-action-type").empty());
  CHECK(lint_text("DeviceProcessEvents | where ActionType =~ \"processcreated\"")
            .of("unknown-action-type")
            .empty());
  // CloudAppEvents' ActionType list is known to be incomplete: nothing is judged there.
  CHECK(lint_text("CloudAppEvents | where ActionType == \"SomethingNew\"")
            .of("unknown-action-type")
            .empty());
}

TEST_CASE("unknown-action-type: values only public queries use are a warning, not an error") {
  // From the corpus (microsoft-m365d-hunting, SAM-Name-Changes-CVE-2021-42278).
  auto run = lint_text(
      "IdentityDirectoryEvents\n| where Timestamp > ago(1d)\n"
      "| where ActionType == \"SAM Account Name changed\"");
  auto found = run.of("unknown-action-type");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == kql::Severity::Warning);
  CHECK(found[0]->message.find("no Microsoft source confirms") != std::string::npos);
}

TEST_CASE("unknown-action-type: the only value is an error, a dead alternative a warning") {
  // Alone, the dead value makes the whole filter, and so the rule, match nothing.
  auto alone = lint_text("DeviceNetworkEvents\n| where ActionType in (\"ConnecitonFound\")");
  REQUIRE(alone.of("unknown-action-type").size() == 1);
  CHECK(alone.of("unknown-action-type")[0]->severity == kql::Severity::Error);
  // Beside values that match, only that alternative is lost (a real bug still worth a warning).
  auto in_list = lint_text(
      "DeviceNetworkEvents\n| where ActionType in (\"ConnectionSuccess\", \"ConnecitonFound\")");
  auto found = in_list.of("unknown-action-type");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->severity == kql::Severity::Warning);
  CHECK(found[0]->message.find("this alternative never matches (the others still do)") !=
        std::string::npos);
  // The same through `or`, also with the live filter on the other side of an `and`.
  auto in_or = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"DnsQueryResponse\" or (ActionType == \"ConnectionSuccess\" and "
      "RemotePort == 53)");
  REQUIRE(in_or.of("unknown-action-type").size() == 1);
  CHECK(in_or.of("unknown-action-type")[0]->severity == kql::Severity::Warning);
  // Two dead alternatives make a dead filter again: an error each.
  auto both_dead = lint_text(
      "DeviceNetworkEvents\n| where ActionType == \"HttpPost\" or ActionType == \"FailedLogin\"");
  auto dead = both_dead.of("unknown-action-type");
  REQUIRE(dead.size() == 2);
  CHECK(dead[0]->severity == kql::Severity::Error);
  CHECK(dead[1]->severity == kql::Severity::Error);
  // An `and` is not an alternative: the dead value still filters everything out.
  auto conj = lint_text(
      "DeviceNetworkEvents\n| where ActionType == \"ConnectionSuccess\" and ActionType != "
      "\"x\" and ActionType == \"Scan\"");
  auto scan = conj.of("unknown-action-type");
  REQUIRE(!scan.empty());
  CHECK(scan.back()->severity == kql::Severity::Error);
}
