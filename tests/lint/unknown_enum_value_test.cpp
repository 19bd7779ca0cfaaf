// unknown-enum-value: values outside an exhaustive value list, in every letter case.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("unknown-enum-value: a token elevation type Windows does not have") {
  auto run = lint_text(
      "DeviceProcessEvents\n"
      "| where Timestamp > ago(1d)\n"
      "| where ProcessTokenElevation == \"TokenElevationTypeAdmin\"\n"
      "| project Timestamp, DeviceName, FileName");
  auto found = run.of("unknown-enum-value");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1106");
  CHECK(d.severity == kql::Severity::Warning);
  CHECK(run.text(d) == "\"TokenElevationTypeAdmin\"");
  CHECK(run.position(d).line == 3);
  CHECK(run.position(d).column == 34);
  CHECK(d.message.find("DeviceProcessEvents.ProcessTokenElevation") != std::string::npos);
  CHECK(d.message.find("'TokenElevationTypeFull'") != std::string::npos);
}

TEST_CASE("unknown-enum-value: the Zeek-derived direction key through an alias") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"HttpConnectionInspected\"\n"
      "| extend Direction = tostring(todynamic(AdditionalFields).direction)\n"
      "| where Direction == \"Inbound\"");
  auto found = run.of("unknown-enum-value");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "\"Inbound\"");
}

TEST_CASE("unknown-enum-value: known values, case variants and open lists pass") {
  CHECK(
      lint_text("DeviceProcessEvents\n| where ProcessTokenElevation == \"TokenElevationTypeFull\"")
          .of("unknown-enum-value")
          .empty());
  // Another case: enum-value-case's finding, not this one.
  auto other_case =
      lint_text("DeviceProcessEvents\n| where ProcessTokenElevation == \"tokenelevationtypefull\"");
  CHECK(other_case.of("unknown-enum-value").empty());
  CHECK(other_case.of("enum-value-case").size() == 1);
  // RemoteIPType's documented list says "for example": a value outside it proves nothing.
  CHECK(lint_text("DeviceNetworkEvents\n| where RemoteIPType == \"Multicast\"")
            .of("unknown-enum-value")
            .empty());
}
