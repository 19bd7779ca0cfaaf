// User schema extension files: custom tables, extra ActionTypes and keys, functions, errors.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "schema/schema.h"

using namespace kql::schema;

namespace {
std::string fixture(const char* name) {
  return std::string(KQ_SOURCE_DIR) + "/fixtures/schema/" + name;
}
}  // namespace

TEST_CASE("an extension adds a custom table, an ActionType, keys and a function") {
  Schema s(Profile::Mde);
  auto diags = s.load_extension(fixture("custom_table.toml"));
  for (const auto& d : diags) MESSAGE(d.message);
  REQUIRE(diags.empty());

  const Table* mine = s.find_table("MyProxyLogs");
  REQUIRE(mine);
  CHECK(mine->custom);
  CHECK(mine->columns.size() == 4);
  CHECK(mine->find_column("BytesSent")->type == Type::Long);
  CHECK(mine->find_column("Extra")->description == "vendor fields");
  CHECK(mine->find_action_type("ProxyAllowed"));
  auto names = s.table_names();
  CHECK(std::find(names.begin(), names.end(), "MyProxyLogs") != names.end());
  CHECK(names.size() == 63);

  const Table* dne = s.find_table("DeviceNetworkEvents");
  REQUIRE(dne);
  CHECK(dne->action_types.size() == 23);
  const ActionType* custom = dne->find_action_type("MyCustomInspected");
  REQUIRE(custom);
  CHECK(custom->find_field("sensor_id"));
  const ActionType* ssl = dne->find_action_type("SslConnectionInspected");
  CHECK(ssl->find_field("ja4"));
  CHECK(ssl->find_field("server_name"));  // built-in keys kept

  const UserFunction* f = s.find_user_function("SuspiciousHosts");
  REQUIRE(f);
  REQUIRE(f->params.size() == 2);
  CHECK(f->params[0].first == "since");
  CHECK(f->params[0].second == Type::TimeSpan);
  CHECK(f->params[1].second == Type::Unknown);  // tabular
  CHECK(f->body.find("distinct DeviceName") != std::string::npos);

  // The shared built-in schema is untouched.
  const Schema& builtin = Schema::builtin(Profile::Mde);
  CHECK(builtin.find_table("MyProxyLogs") == nullptr);
  CHECK(builtin.find_table("DeviceNetworkEvents")->find_action_type("MyCustomInspected") ==
        nullptr);
}

TEST_CASE("a malformed extension reports every problem at its line and column") {
  Schema s(Profile::Mde);
  auto diags = s.load_extension(fixture("malformed.toml"));
  REQUIRE(diags.size() >= 4);
  auto find = [&](std::string_view needle) -> const kql::Diagnostic* {
    for (const auto& d : diags) {
      if (d.message.find(needle) != std::string::npos) return &d;
    }
    return nullptr;
  };
  for (const auto& d : diags) {
    CHECK(d.code == "KQL0900");
    CHECK(d.name == "schema-extension-error");
    REQUIRE(d.file);
  }
  const auto* typo = find("unknown key `colums`");
  REQUIRE(typo);
  CHECK(typo->file->position(typo->range.begin).line == 2);
  CHECK(typo->file->position(typo->range.begin).column == 1);
  const auto* bad_type = find("unknown type `datetim`");
  REQUIRE(bad_type);
  CHECK(bad_type->file->position(bad_type->range.begin).line == 6);
  const auto* not_table = find("a column must be a table");
  REQUIRE(not_table);
  CHECK(not_table->file->position(not_table->range.begin).line == 7);
  CHECK(not_table->file->position(not_table->range.begin).column == 3);
  const auto* clash = find("`DeviceNetworkEvents.RemotePort` is already int");
  REQUIRE(clash);
  CHECK(clash->file->position(clash->range.begin).line == 11);
  CHECK(clash->file->position(clash->range.begin).column == 13);
  // Nothing from a file with errors is applied.
  CHECK(s.find_table("OtherTable") == nullptr);
}

TEST_CASE("a TOML syntax error is one diagnostic with its position") {
  Schema s(Profile::Mde);
  auto diags = s.load_extension(fixture("syntax_error.toml"));
  REQUIRE(diags.size() == 1);
  REQUIRE(diags[0].file);
  CHECK(diags[0].file->position(diags[0].range.begin).line >= 2);
  CHECK(s.find_table("T") == nullptr);
}

TEST_CASE("a missing extension file is reported, not thrown") {
  Schema s(Profile::Mde);
  auto diags = s.load_extension(fixture("does_not_exist.toml"));
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].message.find("cannot read") != std::string::npos);
}

TEST_CASE("extensions follow the profile: Sentinel copy of a custom table") {
  Schema s(Profile::Sentinel);
  auto diags = s.load_extension_text("inline.toml", R"(
[tables.Custom_CL]
columns = [ { name = "TimeGenerated", type = "datetime" }, { name = "Raw", type = "string" } ]
)");
  REQUIRE(diags.empty());
  REQUIRE(s.find_table("Custom_CL"));
  CHECK(s.find_table("Custom_CL")->find_column("Raw")->type == Type::String);
}
