// additional-fields-not-parsed: AdditionalFields read as if it were dynamic on Defender XDR.
#include <doctest/doctest.h>

#include "lint_harness.h"

using namespace kql::lint::test;

TEST_CASE("additional-fields-not-parsed: AdditionalFields.uid on the mde profile, with a fix") {
  auto run = lint_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"HttpConnectionInspected\"\n"
      "| extend Uid = tostring(AdditionalFields.uid)");
  auto found = run.of("additional-fields-not-parsed");
  REQUIRE(found.size() == 1);
  const auto& d = *found[0];
  CHECK(d.code == "KQL1104");
  CHECK(d.severity == kql::Severity::Error);
  CHECK(run.text(d) == "AdditionalFields.uid");
  CHECK(run.position(d).line == 3);
  CHECK(run.position(d).column == 25);
  CHECK(d.message.find("JSON string") != std::string::npos);
  CHECK(run.fixed("additional-fields-not-parsed") ==
        "DeviceNetworkEvents\n"
        "| where ActionType == \"HttpConnectionInspected\"\n"
        "| extend Uid = tostring(todynamic(AdditionalFields).uid)");
}

TEST_CASE("additional-fields-not-parsed: an unparsed alias and a bracketed key") {
  auto run = lint_text(
      "DeviceEvents\n| extend AF = AdditionalFields\n| where AF[\"Command\"] has \"whoami\"");
  auto found = run.of("additional-fields-not-parsed");
  REQUIRE(found.size() == 1);
  CHECK(run.text(*found[0]) == "AF[\"Command\"]");
  CHECK(run.fixed("additional-fields-not-parsed").find("todynamic(AF)[\"Command\"]") !=
        std::string::npos);
}

TEST_CASE("additional-fields-not-parsed: parsed reads and the sentinel profile pass") {
  CHECK(lint_text("DeviceNetworkEvents\n| extend Uid = tostring(todynamic(AdditionalFields).uid)")
            .of("additional-fields-not-parsed")
            .empty());
  CHECK(lint_text("DeviceEvents\n| extend AF = parse_json(AdditionalFields)\n"
                  "| where AF.Command has \"whoami\"")
            .of("additional-fields-not-parsed")
            .empty());
  kql::lint::LintSettings sentinel;
  sentinel.profile = kql::schema::Profile::Sentinel;
  CHECK(lint_text("DeviceNetworkEvents\n| extend Uid = tostring(AdditionalFields.uid)", sentinel)
            .of("additional-fields-not-parsed")
            .empty());
}

TEST_CASE("additional-fields-not-parsed: Identity tables have AdditionalFields as dynamic") {
  // From the corpus (microsoft-m365d-hunting, Active_Directory_Sensitive_Group_Modifications).
  CHECK(lint_text("IdentityDirectoryEvents\n| where ActionType == \"Group Membership changed\"\n"
                  "| extend Group = tostring(AdditionalFields['TO.GROUP'])")
            .of("additional-fields-not-parsed")
            .empty());
}
