// The embedded MDE schema: lookups, types, ActionTypes, AdditionalFields, profiles.
#include "schema/schema.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace kql::schema;

namespace {
bool has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

TEST_CASE("all 62 typed MDE tables are embedded") {
  const Schema& s = Schema::builtin(Profile::Mde);
  auto names = s.table_names();
  CHECK(names.size() == 62);
  CHECK(has(names, "DeviceNetworkEvents"));
  CHECK(has(names, "IdentityLogonEvents"));
  CHECK(has(names, "EmailEvents"));
  CHECK(std::is_sorted(names.begin(), names.end()));
  for (const auto& n : names) {
    const Table* t = s.find_table(n);
    REQUIRE_MESSAGE(t != nullptr, n);
    CHECK_MESSAGE(!t->columns.empty(), n);
    for (const Column& c : t->columns) CHECK_MESSAGE(c.type != Type::Unknown, n, ".", c.name);
  }
}

TEST_CASE("table and column lookup is case-sensitive and typed") {
  const Schema& s = Schema::builtin(Profile::Mde);
  const Table* dne = s.find_table("DeviceNetworkEvents");
  REQUIRE(dne);
  CHECK(s.find_table("devicenetworkevents") == nullptr);
  CHECK(s.find_table("NoSuchTable") == nullptr);
  CHECK(dne->time_column == "Timestamp");
  REQUIRE(dne->find_column("RemotePort"));
  CHECK(dne->find_column("RemotePort")->type == Type::Int);
  CHECK(dne->find_column("Timestamp")->type == Type::DateTime);
  CHECK(dne->find_column("ReportId")->type == Type::Long);
  CHECK(dne->find_column("AdditionalFields")->type == Type::String);  // JSON text in MDE
  CHECK(dne->find_column("remoteport") == nullptr);
  CHECK(dne->find_column("TimeGenerated") == nullptr);
  CHECK(dne->find_column("RemotePort")->sources == std::vector<std::string>{"KQLA"});
  const Table* info = s.find_table("DeviceInfo");
  REQUIRE(info);
  CHECK(info->find_column("IsInternetFacing")->type == Type::Bool);
}

TEST_CASE("ActionTypes of DeviceNetworkEvents") {
  const Table* dne = Schema::builtin(Profile::Mde).find_table("DeviceNetworkEvents");
  REQUIRE(dne);
  CHECK(dne->action_types.size() == 22);
  CHECK_FALSE(dne->action_types_open_ended);
  const ActionType* ok = dne->find_action_type("ConnectionSuccess");
  REQUIRE(ok);
  CHECK(ok->description.find("successfully established") != std::string::npos);
  CHECK(has(ok->sources, "XKNOW"));
  CHECK(ok->zeek_log.empty());
  CHECK(dne->find_action_type("InboundConnectionAccepted"));
  CHECK(dne->find_action_type("connectionsuccess") == nullptr);
  const ActionType* http = dne->find_action_type("HttpConnectionInspected");
  REQUIRE(http);
  CHECK(http->zeek_log == "http.log");
  // CloudAppEvents ActionTypes are audit operation names: an open list.
  const Table* cloud = Schema::builtin(Profile::Mde).find_table("CloudAppEvents");
  REQUIRE(cloud);
  CHECK(cloud->action_types_open_ended);
}

TEST_CASE("AdditionalFields keys of SslConnectionInspected") {
  const ActionType* ssl = Schema::builtin(Profile::Mde)
                              .find_table("DeviceNetworkEvents")
                              ->find_action_type("SslConnectionInspected");
  REQUIRE(ssl);
  CHECK(ssl->zeek_log == "ssl.log");
  const AdditionalField* sni = ssl->find_field("server_name");
  REQUIRE(sni);
  CHECK(sni->json_type == "string");
  CHECK(sni->zeek_field == "server_name");
  const AdditionalField* est = ssl->find_field("established");
  REQUIRE(est);
  CHECK(est->json_type == "bool");
  // "direction" is an MDE addition, not a Zeek ssl.log field.
  REQUIRE(ssl->find_field("direction"));
  CHECK(ssl->find_field("direction")->zeek_field.empty());
  REQUIRE(ssl->find_field("uid"));
  CHECK(ssl->find_field("uid")->status == "zeek_field_only");
  // HTTP-only keys are not TLS keys.
  CHECK(ssl->find_field("user_agent") == nullptr);
  CHECK(ssl->find_field("method") == nullptr);
}

TEST_CASE("enumerations: case-sensitive values with case variants") {
  const Schema& s = Schema::builtin(Profile::Mde);
  const Enumeration* proto = s.find_enumeration("DeviceNetworkEvents", "Protocol");
  REQUIRE(proto);
  CHECK(proto->case_sensitive);
  CHECK(proto->contains("Tcp"));
  CHECK_FALSE(proto->contains("TCP"));
  REQUIRE(proto->case_variant("TCP"));
  CHECK(*proto->case_variant("TCP") == "Tcp");
  CHECK_FALSE(proto->case_variant("Tcp"));
  const Enumeration* ipt = s.find_enumeration("DeviceNetworkEvents", "RemoteIPType");
  REQUIRE(ipt);
  CHECK(*ipt->case_variant("public") == "Public");
  CHECK(has(ipt->documented, "FourToSixMapping"));
  CHECK(has(ipt->sources, "DD_DNE"));
  // Integrity levels occur as both "System" and "SYSTEM" in data.
  const Enumeration* il = s.find_enumeration("DeviceProcessEvents", "ProcessIntegrityLevel");
  REQUIRE(il);
  CHECK_FALSE(il->case_sensitive);
  const Enumeration* sig =
      s.find_enumeration("DeviceNetworkEvents", "AdditionalFields.SignatureName");
  REQUIRE(sig);
  CHECK(sig->deprecated.at("HTTPS_Client") == "SslConnectionInspected");
}

TEST_CASE("caveats and sources keep their ids") {
  const Schema& s = Schema::builtin(Profile::Mde);
  CHECK(s.caveats().size() == 15);
  const Caveat* c = s.find_caveat("zeek_no_process");
  REQUIRE(c);
  CHECK(has(c->sources, "BLOG_ZEEK"));
  const Table* dne = s.find_table("DeviceNetworkEvents");
  CHECK(has(dne->caveat_ids, "zeek_no_process"));
  REQUIRE(s.find_source("DD_DNE"));
  CHECK(s.find_source("DD_DNE")->locator.find("devicenetworkevents") != std::string::npos);
}

TEST_CASE("Sentinel profile differences") {
  const Schema& mde = Schema::builtin(Profile::Mde);
  const Schema& sen = Schema::builtin(Profile::Sentinel);
  const Table* dne = sen.find_table("DeviceNetworkEvents");
  REQUIRE(dne);
  CHECK(dne->time_column == "TimeGenerated");
  REQUIRE(dne->find_column("TimeGenerated"));
  CHECK(dne->find_column("TimeGenerated")->type == Type::DateTime);
  CHECK(dne->find_column("Timestamp"));  // streamed tables keep it
  CHECK(dne->find_column("TenantId"));
  CHECK(dne->find_column("SourceSystem"));
  CHECK(dne->find_column("Type"));
  CHECK(dne->find_column("AdditionalFields")->type == Type::Dynamic);
  CHECK(dne->find_column("LogonID") == nullptr);  // XDR only
  CHECK(mde.find_table("DeviceNetworkEvents")->find_column("LogonID"));
  CHECK(mde.find_table("DeviceNetworkEvents")->find_column("TenantId") == nullptr);
  // ActionTypes are the same data in both.
  CHECK(dne->find_action_type("SslConnectionInspected"));
  // Tables Log Analytics does not have.
  CHECK(mde.find_table("ExposureGraphNodes"));
  CHECK(sen.find_table("ExposureGraphNodes") == nullptr);
  CHECK(sen.table_names().size() == 44);
}

TEST_CASE("type names round-trip") {
  for (Type t : {Type::Bool, Type::Int, Type::Long, Type::Real, Type::Decimal, Type::String,
                 Type::DateTime, Type::TimeSpan, Type::Dynamic, Type::Guid}) {
    CHECK(parse_type(type_name(t)) == t);
  }
  CHECK(parse_type("double") == Type::Real);
  CHECK(parse_type("boolean") == Type::Bool);
  CHECK_FALSE(parse_type("String").has_value());
  CHECK(parse_profile("sentinel") == Profile::Sentinel);
  CHECK_FALSE(parse_profile("splunk").has_value());
}

TEST_CASE("did you mean") {
  auto names = Schema::builtin(Profile::Mde).table_names();
  auto d = did_you_mean("devicenetworkevents", names);
  REQUIRE_FALSE(d.empty());
  CHECK(d.front() == "DeviceNetworkEvents");
  d = did_you_mean("DeviceNetworkEvent", names);
  REQUIRE_FALSE(d.empty());
  CHECK(d.front() == "DeviceNetworkEvents");
  CHECK(did_you_mean("Banana", names).empty());
  std::vector<std::string_view> cols{"RemotePort", "RemoteIP", "LocalPort"};
  d = did_you_mean("RemotePrt", cols);
  REQUIRE(d.size() >= 1);
  CHECK(d.front() == "RemotePort");
}

TEST_CASE("legacy table names say what replaced them") {
  const Schema& s = Schema::builtin(Profile::Mde);
  CHECK(s.find_table("AADSignInEventsBeta") == nullptr);
  const LegacyTable* l = s.find_legacy_table("AADSignInEventsBeta");
  REQUIRE(l);
  CHECK(l->replaced_by == "EntraIdSignInEvents");
  REQUIRE(s.find_table(l->replaced_by));
  REQUIRE(s.find_legacy_table("AADSpnSignInEventsBeta"));
  CHECK(s.find_legacy_table("AADSpnSignInEventsBeta")->replaced_by == "EntraIdSpnSignInEvents");
  CHECK(s.find_legacy_table("DeviceEvents") == nullptr);
}
