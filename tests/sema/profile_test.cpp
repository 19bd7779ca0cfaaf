// Platform profiles: mde (Timestamp, AdditionalFields a JSON string) and sentinel
// (TimeGenerated, TenantId, AdditionalFields dynamic).
#include <doctest/doctest.h>

#include "sema_test_util.h"

using kql::schema::Profile;
using kql::test::bind_text;

TEST_CASE("the time column differs between mde and sentinel") {
  const char* sentinel_rule =
      "DeviceInfo | where TimeGenerated > ago(1d) | project TenantId, DeviceName";
  CHECK(bind_text(sentinel_rule, Profile::Sentinel)->problems().empty());
  auto on_mde = bind_text(sentinel_rule, Profile::Mde);
  REQUIRE(!on_mde->model->problems().empty());
  CHECK(on_mde->model->problems()[0].name == "TimeGenerated");
  CHECK(on_mde->model->problems()[0].suggestions.front() == "Timestamp");
}

TEST_CASE("AdditionalFields is a string on mde and dynamic on sentinel") {
  const char* q = "DeviceInfo | project AdditionalFields";
  auto mde = bind_text(q, Profile::Mde);
  auto sentinel = bind_text(q, Profile::Sentinel);
  REQUIRE(mde->model->result());
  REQUIRE(sentinel->model->result());
  CHECK(mde->model->result()->find("AdditionalFields")->type == kql::schema::Type::String);
  CHECK(sentinel->model->result()->find("AdditionalFields")->type == kql::schema::Type::Dynamic);
}

TEST_CASE("expression types") {
  auto b = bind_text(
      "let cutoff = toscalar(DeviceNetworkEvents | summarize max(Timestamp));\n"
      "DeviceNetworkEvents | extend Age = cutoff - Timestamp, Half = RemotePort / 2.0, "
      "Ok = RemotePort in (80, 443), Day = startofday(Timestamp), F = "
      "todynamic(AdditionalFields).x");
  REQUIRE(b->model->result());
  auto* r = b->model->result();
  CHECK(r->find("Age")->type == kql::schema::Type::TimeSpan);
  CHECK(r->find("Half")->type == kql::schema::Type::Real);
  CHECK(r->find("Ok")->type == kql::schema::Type::Bool);
  CHECK(r->find("Day")->type == kql::schema::Type::DateTime);
  CHECK(r->find("F")->type == kql::schema::Type::Dynamic);
}

TEST_CASE("scalar user functions have their body's type") {
  auto b = bind_text(
      "let plus = (a:long, b:long = 1) { a + b };\nlet isweb = (p:int) { p in (80, 443) };\n"
      "DeviceNetworkEvents | extend N = plus(RemotePort), W = isweb(RemotePort)");
  CHECK(b->problems().empty());
  REQUIRE(b->model->result());
  CHECK(b->model->result()->find("N")->type == kql::schema::Type::Long);
  CHECK(b->model->result()->find("W")->type == kql::schema::Type::Bool);
}

TEST_CASE("unmodelled operators: make-series and top-nested keep known columns, open the rest") {
  auto b = bind_text(
      "DeviceNetworkEvents | make-series Conns = count() default = 0 on Timestamp step 1h by "
      "DeviceId | extend s = series_stats(Conns) | where Whatever > 1");
  CHECK(b->problems().empty());
  REQUIRE(b->model->result());
  CHECK(b->model->result()->open);
}
