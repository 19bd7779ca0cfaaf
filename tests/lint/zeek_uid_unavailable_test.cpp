#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_text;

TEST_CASE("zeek-uid-unavailable: uid read on a mix of ActionTypes with and without a uid") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType in (\"ConnectionSuccess\", \"HttpConnectionInspected\")\n"
      "| extend Uid = tostring(todynamic(AdditionalFields).uid)\n");
  auto found = run.of("zeek-uid-unavailable");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1201");
  CHECK(run.text(*found[0]) == "uid");
  CHECK(run.position(*found[0]).line == 3);
  CHECK(run.position(*found[0]).column == 53);
  CHECK(found[0]->message ==
        "'uid' is read on DeviceNetworkEvents rows filtered to ConnectionSuccess, which never "
        "carry a Zeek uid; only HttpConnectionInspected do");
  CHECK(!found[0]->help.empty());
}

TEST_CASE("zeek-uid-unavailable: a filter after the read counts (seed write-up pattern)") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| extend AdditionalFields = todynamic(AdditionalFields)\n"
      "| extend ConnectionUid = tostring(AdditionalFields.uid)\n"
      "| where ActionType in (\"ConnectionSuccess\", \"ConnectionFailed\", "
      "\"SslConnectionInspected\")\n");
  auto found = run.of("zeek-uid-unavailable");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->message.find("ConnectionFailed") != std::string::npos);
  CHECK(found[0]->message.find("ConnectionSuccess") != std::string::npos);
  CHECK(found[0]->message.find("only SslConnectionInspected do") != std::string::npos);
}

TEST_CASE(
    "zeek-uid-unavailable: silent when every kept ActionType carries uid, or none is chosen") {
  // Only layer-7 inspections: every one has a uid.
  CHECK(
      lint_text("DeviceNetworkEvents\n"
                "| where ActionType in (\"HttpConnectionInspected\", \"DnsConnectionInspected\")\n"
                "| extend Uid = tostring(todynamic(AdditionalFields).uid)\n")
          .of("zeek-uid-unavailable")
          .empty());
  // A later filter narrows the rows to an ActionType with a uid.
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType in (\"ConnectionSuccess\", \"SslConnectionInspected\")\n"
                  "| extend Uid = tostring(parse_json(AdditionalFields).uid)\n"
                  "| where ActionType == \"SslConnectionInspected\"\n")
            .of("zeek-uid-unavailable")
            .empty());
  // No ActionType filter: the seed's exploration of which ActionTypes have a uid.
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| extend AdditionalFields = todynamic(AdditionalFields)\n"
                  "| extend ConnectionUid = tostring(AdditionalFields.uid)\n"
                  "| extend ConnUidPresent = iff(ConnectionUid == \"\", \"False\", \"True\")\n"
                  "| summarize count() by ActionType, ConnUidPresent\n")
            .of("zeek-uid-unavailable")
            .empty());
}
