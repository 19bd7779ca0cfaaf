// enum-value-case: case-sensitive comparisons with a value that exists only in another case.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("enum-value-case: Protocol == \"TCP\" is fixed to \"Tcp\"") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where Timestamp > ago(1d)\n"
      "| where RemotePort == 3389 and Protocol == \"TCP\"\n"
      "| summarize count() by DeviceName");
  auto found = run.of("enum-value-case");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1105");
  CHECK(d.severity == kql::Severity::Error);
  CHECK(run.text(d) == "\"TCP\"");
  CHECK(run.position(d).line == 3);
  CHECK(run.position(d).column == 44);
  CHECK(d.message.find("Defender writes 'Tcp'") != std::string::npos);
  CHECK(run.fixed("enum-value-case") ==
        "DeviceNetworkEvents\n"
        "| where Timestamp > ago(1d)\n"
        "| where RemotePort == 3389 and Protocol == \"Tcp\"\n"
        "| summarize count() by DeviceName");
}

TEST_CASE("enum-value-case: each wrong value of an in-list") {
  auto run = lint_text(
      "DeviceNetworkEvents\n| where RemoteIPType in (\"public\", \"Private\", \"LOOPBACK\")");
  auto found = run.of("enum-value-case");
  REQUIRE(found.size() == 2);
  CHECK(run.text(*found[0]) == "\"public\"");
  CHECK(run.text(*found[1]) == "\"LOOPBACK\"");
  CHECK(run.fixed("enum-value-case") ==
        "DeviceNetworkEvents\n| where RemoteIPType in (\"Public\", \"Private\", \"Loopback\")");
}

TEST_CASE("enum-value-case: right case, case-insensitive operators and mixed-case lists pass") {
  CHECK(
      lint_text("DeviceNetworkEvents\n| where Protocol == \"Tcp\"").of("enum-value-case").empty());
  CHECK(
      lint_text("DeviceNetworkEvents\n| where Protocol =~ \"TCP\"").of("enum-value-case").empty());
  CHECK(lint_text("DeviceNetworkEvents\n| where RemoteIPType in~ (\"public\")")
            .of("enum-value-case")
            .empty());
  // Integrity levels occur as "System" and "SYSTEM": the list is case-insensitive.
  CHECK(lint_text("DeviceProcessEvents\n| where ProcessIntegrityLevel == \"SYSTEM\"")
            .of("enum-value-case")
            .empty());
}
