// Resolution problems with did-you-mean suggestions, and what must not be reported.
#include <doctest/doctest.h>

#include "sema_test_util.h"

using kql::test::bind_text;
using Problems = std::vector<std::string>;

TEST_CASE("unknown table, column and function with suggestions") {
  CHECK(bind_text("DeviceNetworkEvent | take 1")->problems() ==
        Problems{"unknown-table DeviceNetworkEvent -> DeviceNetworkEvents"});
  CHECK(bind_text("DeviceNetworkEvents | where RemoteIp == '1.2.3.4'")->problems() ==
        Problems{"unknown-column RemoteIp -> RemoteIP"});
  CHECK(bind_text("DeviceNetworkEvents | extend x = tolowr(RemoteUrl)")->problems() ==
        Problems{"unknown-function tolowr -> tolower"});
  // no cascade after an unknown table: its schema is open
  CHECK(bind_text("NoSuchTable | where Foo == 1 | project Bar")->problems() ==
        Problems{"unknown-table NoSuchTable"});
}

TEST_CASE("problems carry their span and context") {
  auto b = bind_text("DeviceInfo\n| project DeviceNmae");
  REQUIRE(b->model->problems().size() == 1);
  auto& p = b->model->problems()[0];
  CHECK(b->text(p.span) == "DeviceNmae");
  CHECK(p.context == "DeviceInfo");
  CHECK(p.suggestions.front() == "DeviceName");
}

TEST_CASE("wrong argument count") {
  auto b = bind_text("DeviceInfo | extend x = strlen(DeviceName, 1)");
  REQUIRE(b->model->problems().size() == 1);
  auto& p = b->model->problems()[0];
  CHECK(p.kind == kql::sema::ProblemKind::WrongArgumentCount);
  CHECK(p.actual_args == 2);
  CHECK(p.max_args == 1);
  auto user = bind_text("let f = (a:string, b:long = 1) { strlen(a) + b };\nprint f()");
  REQUIRE(user->model->problems().size() == 1);
  CHECK(user->model->problems()[0].kind == kql::sema::ProblemKind::WrongArgumentCount);
}

TEST_CASE("type mismatches: strict ones Microsoft's binder rejects, and == across types") {
  auto port = bind_text("DeviceNetworkEvents | where RemotePort == \"80\"");
  REQUIRE(port->model->problems().size() == 1);
  CHECK(port->model->problems()[0].kind == kql::sema::ProblemKind::TypeMismatch);
  CHECK_FALSE(port->model->problems()[0].strict);
  auto has = bind_text("DeviceNetworkEvents | where RemotePort has '80'");
  REQUIRE(has->model->problems().size() == 1);
  CHECK(has->model->problems()[0].strict);
  auto ts = bind_text("DeviceNetworkEvents | where Timestamp > '2020-01-01'");
  REQUIRE(ts->model->problems().size() == 1);
  CHECK(ts->model->problems()[0].strict);
  CHECK(bind_text("DeviceNetworkEvents | where Timestamp > ago(1d) and RemotePort in (80, 443)")
            ->problems()
            .empty());
  auto arg = bind_text("DeviceNetworkEvents | where Timestamp > ago('1d')");
  REQUIRE(arg->model->problems().size() == 1);
  CHECK(arg->model->problems()[0].expected == "timespan");
}

TEST_CASE("names that resolve: lets, parameters, join sides, fuzzy unions, search") {
  CHECK(bind_text("let n = 5;\nlet T = DeviceInfo | take n;\nT | where OSBuild > n")
            ->problems()
            .empty());
  CHECK(bind_text("DeviceInfo | join kind=inner (DeviceNetworkEvents) on $left.DeviceId == "
                  "$right.DeviceId | project DeviceId1")
            ->problems()
            .empty());
  {
    // A fuzzy union's missing leg is recorded but marked: Kusto skips it, the query runs.
    auto fuzzy = bind_text("union isfuzzy=true DeviceInfo, SigninLogs | take 1");
    REQUIRE(fuzzy->model->problems().size() == 1);
    const auto& leg = fuzzy->model->problems()[0];
    CHECK(leg.kind == kql::sema::ProblemKind::UnknownTable);
    CHECK(leg.name == "SigninLogs");
    CHECK(leg.in_fuzzy_union);
    CHECK(fuzzy->text(leg.span) == "SigninLogs");
    auto strict = bind_text("union DeviceInfo, SigninLogs | take 1");
    REQUIRE(strict->model->problems().size() == 1);
    CHECK_FALSE(strict->model->problems()[0].in_fuzzy_union);
  }
  CHECK(bind_text("DeviceInfo | join (DeviceInfo) on $left.DeviceId == $right.DeviceIdd")
            ->problems() == Problems{"unknown-column DeviceIdd -> DeviceId"});
  CHECK(bind_text("search in (DeviceInfo) 'x' | where TimeGenerated > ago(1d)")->problems() ==
        Problems{"unknown-column TimeGenerated -> Timestamp"});
}

TEST_CASE("arithmetic Microsoft's binder accepts is no type mismatch") {
  // RareDNSLookupWithDataTransfer: `let avgCalc = starttime/1h` with starttime a datetime
  auto div = bind_text("print a = datetime(2020-01-01) / 1h, b = 2h / 1h");
  CHECK(div->problems().empty());
  CHECK(div->result() == "(a:real, b:real)");
  CHECK(bind_text("print a = 1h / datetime(2020-01-01)")->problems().size() == 1);
}

TEST_CASE("partial trees from syntax errors do not crash") {
  const char* broken[] = {
      "DeviceInfo | where",
      "DeviceInfo | summarize by",
      "DeviceInfo | join (",
      "let x = ;",
      "DeviceInfo | extend = 1",
      "| project",
      "DeviceInfo | mv-apply x on (",
      "((((",
      "DeviceInfo | where x == (DeviceInfo | project",
      "let f = (T:(*)) { T | ; f(DeviceInfo)",
  };
  for (const char* q : broken) {
    CAPTURE(q);
    auto b = bind_text(q);
    CHECK(b->model != nullptr);
  }
}
