#include <doctest/doctest.h>

#include "lint_harness.h"

using kql::lint::test::lint_text;

TEST_CASE("http-inspection-over-tls: HttpConnectionInspected on port 443") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"HttpConnectionInspected\" and RemotePort == 443\n");
  auto found = run.of("http-inspection-over-tls");
  REQUIRE(found.size() == 1);
  CHECK(found[0]->code == "KQL1203");
  CHECK(run.text(*found[0]) == "443");
  CHECK(run.position(*found[0]).line == 2);
  CHECK(run.position(*found[0]).column == 67);
  CHECK(found[0]->message ==
        "RemotePort == 443 never matches HttpConnectionInspected events: Defender's Zeek sensor "
        "does not decrypt TLS, so HTTP inspections are cleartext HTTP only");
  CHECK(found[0]->help.find("SslConnectionInspected") != std::string::npos);
}

TEST_CASE("http-inspection-over-tls: an https URL, and a port filter before the ActionType one") {
  auto url = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"HttpConnectionInspected\"\n"
      "| where RemoteUrl startswith \"https://\"\n");
  auto found = url.of("http-inspection-over-tls");
  REQUIRE(found.size() == 1);
  CHECK(url.text(*found[0]) == "\"https://\"");

  auto ports = lint_text(
      "DeviceNetworkEvents\n"
      "| where RemotePort in (80, 443)\n"
      "| where ActionType == \"HttpConnectionInspected\"\n");
  auto p = ports.of("http-inspection-over-tls");
  REQUIRE(p.size() == 1);
  CHECK(ports.text(*p[0]) == "443");
  CHECK(ports.position(*p[0]).line == 2);
}

TEST_CASE("http-inspection-over-tls: silent for TLS inspections, port 80 and other rows") {
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"SslConnectionInspected\" and RemotePort == 443\n")
            .of("http-inspection-over-tls")
            .empty());
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"HttpConnectionInspected\" and RemotePort == 80\n")
            .of("http-inspection-over-tls")
            .empty());
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"HttpConnectionInspected\" and RemotePort != 443\n")
            .of("http-inspection-over-tls")
            .empty());
  // ConnectionSuccess on 443 is real: the comparison is not dead for the whole filter.
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType in (\"HttpConnectionInspected\", \"ConnectionSuccess\")\n"
                  "| where RemotePort == 443\n")
            .of("http-inspection-over-tls")
            .empty());
  // A cleartext URI may carry an https link in its query string.
  CHECK(lint_text("DeviceNetworkEvents\n"
                  "| where ActionType == \"HttpConnectionInspected\"\n"
                  "| where tostring(todynamic(AdditionalFields).uri) contains \"https\"\n")
            .of("http-inspection-over-tls")
            .empty());
}
