// unknown-additional-field: AdditionalFields keys the filtered ActionTypes never carry.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("unknown-additional-field: an HTTP key read on TLS inspections") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where Timestamp > ago(1d)\n"
      "| where ActionType == \"SslConnectionInspected\"\n"
      "| extend AF = todynamic(AdditionalFields)\n"
      "| where tostring(AF.user_agent) has \"curl\"");
  auto found = run.of("unknown-additional-field");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1103");
  CHECK(run.text(d) == "user_agent");
  CHECK(run.position(d).line == 5);
  CHECK(run.position(d).column == 21);
  CHECK(d.message.find("'SslConnectionInspected'") != std::string::npos);
  CHECK(d.help.find("'HttpConnectionInspected'") != std::string::npos);  // who carries it
}

TEST_CASE("unknown-additional-field: bracketed keys through parse_json") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"DnsConnectionInspected\"\n"
      "| extend Host = tostring(parse_json(AdditionalFields)[\"server_name\"])");
  auto found = run.of("unknown-additional-field");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "\"server_name\"");
  CHECK(found[0]->help.find("'SslConnectionInspected'") != std::string::npos);
}

TEST_CASE("unknown-additional-field: carried keys, unfiltered stages and thin evidence pass") {
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"HttpConnectionInspected\"\n"
                  "| extend AF = todynamic(AdditionalFields)\n"
                  "| where tostring(AF.user_agent) has \"curl\"")
            .of("unknown-additional-field")
            .empty());
  // No ActionType filter: the key may come from any ActionType.
  CHECK(lint_text("DeviceNetworkEvents\n| extend UA = tostring(todynamic(AdditionalFields).nokey)")
            .of("unknown-additional-field")
            .empty());
  // DeviceEvents key lists come from public queries only: a missing key proves nothing.
  CHECK(lint_text("DeviceEvents\n| where ActionType == \"AntivirusDetection\"\n"
                  "| extend X = tostring(parse_json(AdditionalFields).SomeUnlistedKey)")
            .of("unknown-additional-field")
            .empty());
}
