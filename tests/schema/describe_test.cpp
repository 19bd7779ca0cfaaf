// Text of `kqlint schema [TABLE]`.
#include "schema/describe.h"

#include <doctest/doctest.h>

#include <string>

using namespace kql::schema;

TEST_CASE("the table list names every table with its counts") {
  auto text = describe(Schema::builtin(Profile::Mde));
  REQUIRE(text);
  CHECK(text->starts_with("62 tables (mde profile)\n"));
  CHECK(text->find("DeviceNetworkEvents") != std::string::npos);
  CHECK(text->find(" 46 columns, 22 ActionTypes") != std::string::npos);
  CHECK(text->find("CloudAppEvents") != std::string::npos);
  CHECK(text->find("(open-ended)") != std::string::npos);
  auto sentinel = describe(Schema::builtin(Profile::Sentinel));
  REQUIRE(sentinel);
  CHECK(sentinel->starts_with("44 tables (sentinel profile)\n"));
}

TEST_CASE("one table: columns, ActionTypes with their AdditionalFields keys, caveats") {
  auto text = describe(Schema::builtin(Profile::Mde), "DeviceNetworkEvents");
  REQUIRE(text);
  CHECK(text->starts_with("DeviceNetworkEvents (mde profile, time column Timestamp)\n"));
  CHECK(text->find("columns (46):") != std::string::npos);
  CHECK(text->find("RemotePort  ") != std::string::npos);
  CHECK(text->find("Protocol ") != std::string::npos);
  CHECK(text->find("values: Tcp, Udp") != std::string::npos);
  CHECK(text->find("ActionTypes (22):") != std::string::npos);
  CHECK(text->find("  SslConnectionInspected  (Zeek ssl.log)") != std::string::npos);
  CHECK(text->find("      AdditionalFields.server_name: string") != std::string::npos);
  CHECK(text->find("zeek_no_process:") != std::string::npos);

  auto sentinel = describe(Schema::builtin(Profile::Sentinel), "DeviceNetworkEvents");
  REQUIRE(sentinel);
  CHECK(sentinel->find("time column TimeGenerated") != std::string::npos);
  CHECK(sentinel->find("TenantId") != std::string::npos);
}

TEST_CASE("an unknown table yields nothing for the caller to report") {
  CHECK_FALSE(describe(Schema::builtin(Profile::Mde), "DeviceNetworkEvent").has_value());
  CHECK_FALSE(describe(Schema::builtin(Profile::Sentinel), "ExposureGraphNodes").has_value());
}

TEST_CASE("custom tables from an extension are described too") {
  Schema s(Profile::Mde);
  REQUIRE(s.load_extension_text("x.toml",
                                "[tables.Mine]\ncolumns = [ { name = \"A\", type = \"long\" } ]\n")
              .empty());
  auto list = describe(s);
  REQUIRE(list);
  CHECK(list->starts_with("63 tables"));
  CHECK(list->find("Mine") != std::string::npos);
  auto one = describe(s, "Mine");
  REQUIRE(one);
  CHECK(one->starts_with("Mine [custom] (mde profile)"));
  CHECK(one->find("  A  long") != std::string::npos);
}
