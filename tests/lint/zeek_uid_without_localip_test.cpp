#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_text;

TEST_CASE("zeek-uid-without-localip: summarize by a uid column") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| extend AdditionalFields = todynamic(AdditionalFields)\n"
      "| extend ConnectionUid = tostring(AdditionalFields.uid)\n"
      "| summarize count() by ConnectionUid\n"
      "| sort by count_ desc\n");
  auto found = run.of("zeek-uid-without-localip");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1202");
  CHECK(run.text(*found[0]) == "ConnectionUid");
  CHECK(run.position(*found[0]).line == 4);
  CHECK(run.position(*found[0]).column == 24);
  CHECK(found[0]->message ==
        "summarize groups by 'ConnectionUid', the Zeek connection uid, without LocalIP: the same "
        "uid repeats across unrelated hosts and connections");
  CHECK(found[0]->help.find("ConnectionUid, LocalIP") != std::string::npos);
}

TEST_CASE("zeek-uid-without-localip: join and distinct keyed on uid") {
  auto join = lint_text(
      "let http = DeviceNetworkEvents\n"
      "| where ActionType == \"HttpConnectionInspected\"\n"
      "| extend Uid = tostring(todynamic(AdditionalFields).uid);\n"
      "DeviceNetworkEvents\n"
      "| where ActionType == \"SslConnectionInspected\"\n"
      "| extend Uid = tostring(todynamic(AdditionalFields).uid)\n"
      "| join kind=inner (http) on Uid\n");
  auto found = join.of("zeek-uid-without-localip");
  REQUIRE(found.size() == 1);
  CHECK(join.position(*found[0]).line == 7);
  CHECK(found[0]->message.rfind("join joins on 'Uid'", 0) == 0);

  auto distinct = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"DnsConnectionInspected\"\n"
      "| distinct tostring(todynamic(AdditionalFields).uid), RemoteIP\n");
  auto d = distinct.of("zeek-uid-without-localip");
  REQUIRE(d.size() == 1);
  CHECK(distinct.text(*d[0]) == "uid");
}

TEST_CASE("zeek-uid-without-localip: silent with LocalIP among the keys or without uid") {
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| extend ConnectionUid = tostring(todynamic(AdditionalFields).uid)\n"
                  "| distinct ConnectionUid, LocalIP, RemoteIP\n")
            .of("zeek-uid-without-localip")
            .empty());
  CHECK(lint_text("let http = DeviceNetworkEvents\n"
                  "| extend Uid = tostring(todynamic(AdditionalFields).uid);\n"
                  "DeviceNetworkEvents\n"
                  "| extend Uid = tostring(todynamic(AdditionalFields).uid)\n"
                  "| join kind=inner (http) on Uid, $left.LocalIP == $right.LocalIP\n")
            .of("zeek-uid-without-localip")
            .empty());
  CHECK(lint_text("DeviceNetworkEvents\n| summarize count() by RemoteIP, DeviceId\n")
            .of("zeek-uid-without-localip")
            .empty());
}
