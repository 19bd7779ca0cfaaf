// The Sentinel profile in the SQL backend: Sentinel's copies of the Defender tables are read
// with TimeGenerated and a dynamic AdditionalFields (`kqlint translate/run --platform sentinel`),
// while the Defender profile keeps rejecting TimeGenerated and member access on the JSON string.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

namespace {

Outcome run_on(const std::string& kql, Engine engine, kql::schema::Profile profile,
               const std::vector<kql::run::TableData>& data) {
  kql::SourceFile file("test.kql", kql);
  kql::Query q = kql::Query::whole_file(file);
  std::vector<kql::Diagnostic> diags;
  kql::run::RunRequest req;
  req.engine = engine;
  req.pg_conninfo = PgServer::get().conninfo();
  req.now_ticks = kql::sql::parse_datetime("2024-05-01T12:00:00Z");
  req.data = data;
  req.schema = &kql::schema::Schema::builtin(profile);
  req.version = "test";
  auto out = kql::run::run_query(q, diags, req);
  Outcome o;
  o.status = out.status;
  if (out.status == kql::run::RunOutcome::Status::Ok) o.result = kql::run::to_json(out.table);
  for (auto& d : diags) o.names.push_back(d.name + ": " + d.message);
  o.sql = out.translation.script;
  o.error = out.error;
  return o;
}

// Sentinel stores AdditionalFields as dynamic: an object, or (for a row whose producer wrote a
// string) a dynamic string, whose members are missing.
const char* kDnsEvents =
    R"({"TimeGenerated":"2024-05-01T10:00:00Z","DeviceName":"a","ActionType":"DnsConnectionInspected","AdditionalFields":{"query":"evil.com"}}
{"TimeGenerated":"2024-05-01T11:00:00Z","DeviceName":"b","ActionType":"DnsConnectionInspected","AdditionalFields":"{\"query\":\"x.com\"}"}
{"TimeGenerated":"2024-04-01T11:00:00Z","DeviceName":"c","ActionType":"DnsConnectionInspected","AdditionalFields":{"query":"old.com"}}
)";

const char* kDnsRule = R"(DeviceNetworkEvents
| where TimeGenerated > ago(1d)
| where ActionType == "DnsConnectionInspected"
| extend q = tostring(AdditionalFields.query)
| project DeviceName, q
| sort by DeviceName asc)";

}  // namespace

TEST_CASE("sentinel profile: TimeGenerated and dynamic AdditionalFields") {
  auto data = std::vector<kql::run::TableData>{jsonl("DeviceNetworkEvents", kDnsEvents)};
  for (auto e : {Engine::Sqlite, Engine::Postgres}) {
    if (e == Engine::Postgres && !PgServer::get().available()) continue;
    auto o = run_on(kDnsRule, e, kql::schema::Profile::Sentinel, data);
    INFO((e == Engine::Sqlite ? "sqlite" : "postgres"));
    INFO(o.sql);
    INFO(o.error);
    REQUIRE(o.status == kql::run::RunOutcome::Status::Ok);
    CHECK(o.result["rows"] == json::parse(R"([["a","evil.com"],["b",""]])"));
  }
}

TEST_CASE("mde profile: TimeGenerated is not a Defender column") {
  auto data = std::vector<kql::run::TableData>{jsonl("DeviceNetworkEvents", kDnsEvents)};
  auto o = run_on(kDnsRule, Engine::Sqlite, kql::schema::Profile::Mde, data);
  CHECK(o.status == kql::run::RunOutcome::Status::Untranslatable);
  REQUIRE(!o.names.empty());
  CHECK(o.names.front().find("TimeGenerated") != std::string::npos);
}

TEST_CASE("sentinel profile: the Log Analytics columns exist and Timestamp is kept") {
  auto data = std::vector<kql::run::TableData>{jsonl(
      "DeviceProcessEvents",
      R"({"TimeGenerated":"2024-05-01T10:00:00Z","Timestamp":"2024-05-01T09:59:59Z","DeviceName":"a","TenantId":"t1","Type":"DeviceProcessEvents"}
)")};
  for (auto e : {Engine::Sqlite, Engine::Postgres}) {
    if (e == Engine::Postgres && !PgServer::get().available()) continue;
    auto o = run_on("DeviceProcessEvents | project TenantId, Type, lag = TimeGenerated - Timestamp",
                    e, kql::schema::Profile::Sentinel, data);
    INFO(o.sql);
    INFO(o.error);
    REQUIRE(o.status == kql::run::RunOutcome::Status::Ok);
    CHECK(o.result["rows"] == json::parse(R"([["t1","DeviceProcessEvents","00:00:01"]])"));
  }
}
