#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_text;

TEST_CASE("join-without-kind: reported on the keyword with a fix writing the default") {
  const std::string q =
      "DeviceProcessEvents\n"
      "| where FileName =~ \"rundll32.exe\"\n"
      "| join (DeviceNetworkEvents | where RemotePort == 445) on DeviceId\n";
  auto run = lint_text(q);
  auto found = run.of("join-without-kind");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1301");
  CHECK(run.text(*found[0]) == "join");
  CHECK(run.position(*found[0]).line == 3);
  CHECK(run.position(*found[0]).column == 3);
  CHECK(found[0]->message.find("innerunique") != std::string::npos);
  CHECK(found[0]->help.find("kind=inner") != std::string::npos);
  REQUIRE(found[0]->fix.has_value());
  CHECK(found[0]->fix->safe);
  CHECK(run.fixed("join-without-kind") ==
        "DeviceProcessEvents\n"
        "| where FileName =~ \"rundll32.exe\"\n"
        "| join kind=innerunique (DeviceNetworkEvents | where RemotePort == 445) on DeviceId\n");
  // The fixed query is clean.
  CHECK(lint_text(run.fixed("join-without-kind")).of("join-without-kind").empty());
}

TEST_CASE("join-without-kind: every join in lets and subqueries, hints kept") {
  auto run = lint_text(
      "let procs = DeviceProcessEvents | join hint.strategy=shuffle (DeviceFileEvents) on "
      "DeviceId;\n"
      "procs | join kind=leftouter (DeviceInfo) on DeviceId\n");
  auto found = run.of("join-without-kind");
  REQUIRE(found.size() == 1);
  CHECK(run.position(*found[0]).line == 1);
  CHECK(run.fixed("join-without-kind").find("join kind=innerunique hint.strategy=shuffle") !=
        std::string::npos);
}

TEST_CASE("join-without-kind: silent with an explicit kind, and on lookup") {
  CHECK(lint_text("DeviceProcessEvents\n| join kind=inner (DeviceNetworkEvents) on DeviceId\n")
            .of("join-without-kind")
            .empty());
  CHECK(lint_text("DeviceProcessEvents\n| lookup (DeviceInfo | project DeviceId, OSPlatform) on "
                  "DeviceId\n")
            .of("join-without-kind")
            .empty());
}
