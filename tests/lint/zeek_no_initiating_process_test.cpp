#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_text;

TEST_CASE("zeek-no-initiating-process: process columns on Zeek inspections") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"DnsConnectionInspected\"\n"
      "| where InitiatingProcessFileName =~ \"powershell.exe\"\n");
  auto found = run.of("zeek-no-initiating-process");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1204");
  CHECK(run.text(*found[0]) == "InitiatingProcessFileName");
  CHECK(run.position(*found[0]).line == 3);
  CHECK(run.position(*found[0]).column == 9);
  CHECK(found[0]->message ==
        "InitiatingProcessFileName is empty on DnsConnectionInspected events: Defender's Zeek "
        "sensor records packets, not processes");
  CHECK(found[0]->help.find("ConnectionSuccess") != std::string::npos);
}

TEST_CASE("zeek-no-initiating-process: the ActionType filter may come later") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| project Timestamp, DeviceName, ActionType, InitiatingProcessCommandLine\n"
      "| where ActionType in (\"HttpConnectionInspected\", \"SslConnectionInspected\")\n");
  auto found = run.of("zeek-no-initiating-process");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "InitiatingProcessCommandLine");
  CHECK(found[0]->message.find("HttpConnectionInspected and SslConnectionInspected events") !=
        std::string::npos);
}

TEST_CASE("zeek-no-initiating-process: silent on connection events and mixed filters") {
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"ConnectionSuccess\"\n"
                  "| where InitiatingProcessFileName =~ \"powershell.exe\"\n")
            .of("zeek-no-initiating-process")
            .empty());
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType in (\"ConnectionSuccess\", \"DnsConnectionInspected\")\n"
                  "| project InitiatingProcessFileName\n")
            .of("zeek-no-initiating-process")
            .empty());
  // The process columns come from the right side of the join: connection events.
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"HttpConnectionInspected\"\n"
                  "| project-away InitiatingProcess*\n"
                  "| join kind=inner (DeviceNetworkEvents | where ActionType == "
                  "\"ConnectionSuccess\") on LocalIP, LocalPort\n"
                  "| project InitiatingProcessFileName\n")
            .of("zeek-no-initiating-process")
            .empty());
}
