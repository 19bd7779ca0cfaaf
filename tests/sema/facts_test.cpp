// Facts recorded for the lint rules, on the seed blog's queries and corpus-like snippets.
#include <doctest/doctest.h>

#include <algorithm>

#include "sema_test_util.h"

using kql::test::bind_text;
using namespace kql;

namespace {

// The ActionTypes the last stage of the query is filtered to, sorted; {"*"} when unfiltered.
std::vector<std::string> last_stage_action_types(const test::Bound& b) {
  auto& stages = b.model->stages();
  REQUIRE(!stages.empty());
  auto& set = stages.back().action_types;
  if (set.all) return {"*"};
  std::vector<std::string> out;
  for (auto* a : set.values) out.push_back(a->name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("ActionType filters: ==, in, =~, contains, has, or, and, negation") {
  auto eq =
      bind_text("DeviceNetworkEvents | where ActionType == \"SslConnectionInspected\" | take 1");
  CHECK(last_stage_action_types(*eq) == std::vector<std::string>{"SslConnectionInspected"});

  auto in = bind_text(
      "DeviceNetworkEvents | where ActionType in (\"DnsConnectionInspected\", "
      "\"ConnectionSuccess\")");
  CHECK(last_stage_action_types(*in) ==
        std::vector<std::string>{"ConnectionSuccess", "DnsConnectionInspected"});

  // The seed's `contains "InboundConnection"` selects every ActionType with that substring.
  auto contains =
      bind_text("DeviceNetworkEvents | where ActionType contains \"InboundConnection\"");
  auto got = last_stage_action_types(*contains);
  CHECK(std::find(got.begin(), got.end(), "InboundConnectionAccepted") != got.end());
  CHECK(std::find(got.begin(), got.end(), "ConnectionSuccess") == got.end());
  REQUIRE(contains->model->action_type_filters().size() == 1);
  auto& f = contains->model->action_type_filters()[0];
  CHECK(f.op == "contains");
  CHECK(f.values.size() == 1);
  CHECK(f.values[0].matches.size() == got.size());

  auto ci = bind_text("DeviceNetworkEvents | where ActionType =~ \"sslconnectioninspected\"");
  CHECK(last_stage_action_types(*ci) == std::vector<std::string>{"SslConnectionInspected"});

  // A case-only mismatch with == selects nothing, and the filter records the case variant.
  auto wrong_case =
      bind_text("DeviceNetworkEvents | where ActionType == \"sslconnectioninspected\"");
  CHECK(last_stage_action_types(*wrong_case).empty());
  REQUIRE(wrong_case->model->action_type_filters().size() == 1);
  CHECK(wrong_case->model->action_type_filters()[0].values[0].matches.empty());
  CHECK(wrong_case->model->action_type_filters()[0].values[0].case_insensitive_matches.size() == 1);

  auto both = bind_text(
      "DeviceNetworkEvents | where ActionType == 'SslConnectionInspected' or ActionType == "
      "'HttpConnectionInspected' | where RemotePort == 443 and ActionType startswith 'Http'");
  CHECK(last_stage_action_types(*both) == std::vector<std::string>{"HttpConnectionInspected"});

  auto neg = bind_text("DeviceNetworkEvents | where ActionType != 'ConnectionSuccess'");
  auto all_but = last_stage_action_types(*neg);
  CHECK(std::find(all_but.begin(), all_but.end(), "ConnectionSuccess") == all_but.end());
  CHECK(all_but.size() > 5);

  auto let_list = bind_text(
      "let types = dynamic(['SslConnectionInspected', 'SshConnectionInspected']);\n"
      "DeviceNetworkEvents | where ActionType in (types)");
  CHECK(last_stage_action_types(*let_list) ==
        std::vector<std::string>{"SshConnectionInspected", "SslConnectionInspected"});

  // unrelated predicates do not restrict; the filter survives later operators
  auto other = bind_text("DeviceNetworkEvents | where RemotePort == 443 | extend X = 1");
  CHECK(last_stage_action_types(*other) == std::vector<std::string>{"*"});
  auto kept = bind_text(
      "DeviceNetworkEvents | where ActionType == 'SslConnectionInspected' | extend X = 1 | "
      "project X, ActionType");
  CHECK(last_stage_action_types(*kept) == std::vector<std::string>{"SslConnectionInspected"});
}

TEST_CASE("AdditionalFields aliases and key reads (seed queries)") {
  auto b = bind_text(
      "DeviceNetworkEvents\n"
      "| where ActionType == \"SslConnectionInspected\"\n"
      "| extend AdditionalFields = todynamic(AdditionalFields)\n"
      "| extend Direction = tostring(AdditionalFields.direction)\n"
      ", Version = tostring(AdditionalFields[\"version\"])\n"
      "| summarize count() by Version, Direction");
  CHECK(b->problems().empty());
  auto& reads = b->model->additional_field_reads();
  REQUIRE(reads.size() == 2);
  CHECK(reads[0].key == "direction");
  CHECK(reads[0].parsed);
  CHECK(b->text(reads[0].key_span) == "direction");
  CHECK(reads[1].key == "version");
  CHECK(b->text(reads[1].key_span) == "\"version\"");
  // the read's stage is filtered to SslConnectionInspected
  auto* st = b->model->stage(reads[0].stage);
  REQUIRE(st);
  CHECK(!st->action_types.all);
  CHECK(st->action_types.contains("SslConnectionInspected"));

  // an alias, parse_json inline, and the summarize-by column keeps the key it came from
  auto alias = bind_text(
      "DeviceNetworkEvents | extend AF = parse_json(AdditionalFields)\n"
      "| extend ConnectionUid = tostring(AF.uid), S = parse_json(AdditionalFields).server_name\n"
      "| distinct ConnectionUid, RemoteIP");
  auto& r2 = alias->model->additional_field_reads();
  REQUIRE(r2.size() == 2);
  CHECK(r2[0].key == "uid");
  CHECK(r2[0].via == "AF");
  CHECK(r2[1].key == "server_name");
  auto* out = alias->model->result();
  REQUIRE(out);
  REQUIRE(out->find("ConnectionUid"));
  CHECK(out->find("ConnectionUid")->af_key == "uid");
}

TEST_CASE("AdditionalFields.key without parsing: mde vs sentinel") {
  const char* q =
      "DeviceEvents | where ActionType == 'NamedPipeEvent' | extend P = AdditionalFields.PipeName";
  auto mde = bind_text(q, schema::Profile::Mde);
  REQUIRE(mde->model->additional_field_reads().size() == 1);
  CHECK_FALSE(mde->model->additional_field_reads()[0].parsed);
  CHECK(mde->problems().empty());  // a fact for additional-fields-not-parsed, not unknown-column
  auto sentinel = bind_text(q, schema::Profile::Sentinel);
  REQUIRE(sentinel->model->additional_field_reads().size() == 1);
  CHECK(sentinel->model->additional_field_reads()[0].parsed);
}

TEST_CASE("comparisons of columns and AdditionalFields keys with literals") {
  auto b = bind_text(
      "DeviceNetworkEvents | extend AF = todynamic(AdditionalFields)\n"
      "| where RemotePort == 443 and Protocol in ('Tcp', 'Udp') and tostring(AF.direction) == "
      "'In'");
  auto& cs = b->model->comparisons();
  REQUIRE(cs.size() == 3);
  CHECK(cs[0].column == "RemotePort");
  CHECK(cs[0].op == "==");
  CHECK(cs[0].values.size() == 1);
  CHECK(cs[0].values[0].literal->int_value == 443);
  CHECK(cs[1].column == "Protocol");
  CHECK(cs[1].op == "in");
  CHECK(cs[1].values.size() == 2);
  CHECK(cs[1].origin != nullptr);
  CHECK(cs[2].column.empty());
  CHECK(cs[2].af_key == "direction");
  CHECK(b->text(cs[2].values[0].span) == "'In'");
}

TEST_CASE("column references carry their origin table and stage") {
  auto b = bind_text(
      "DeviceNetworkEvents | where ActionType == 'HttpConnectionInspected' | project "
      "InitiatingProcessFileName, RemoteIP");
  bool found = false;
  for (auto& r : b->model->column_refs()) {
    if (r.name != "InitiatingProcessFileName") continue;
    found = true;
    REQUIRE(r.origin);
    CHECK(r.origin->name == "DeviceNetworkEvents");
    auto* st = b->model->stage(r.stage);
    REQUIRE(st);
    CHECK(st->action_types.contains("HttpConnectionInspected"));
    CHECK_FALSE(st->action_types.contains("ConnectionSuccess"));
  }
  CHECK(found);
}
