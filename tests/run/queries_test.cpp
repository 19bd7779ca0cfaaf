// Translates KQL queries, runs them on SQLite and on a real PostgreSQL server, and compares
// both result tables with the rows KQL returns (worked out from the KQL docs by hand).
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

namespace {

const char* kEvents =
    R"({"Timestamp":"2024-01-15T10:00:00Z","DeviceId":"d1","DeviceName":"alpha","ActionType":"ConnectionSuccess","RemoteIP":"10.0.0.1","RemotePort":443,"RemoteUrl":"www.Contoso.com","AdditionalFields":"{\"uid\":\"C1\",\"direction\":\"In\"}"}
{"Timestamp":"2024-01-15T11:00:00Z","DeviceId":"d1","DeviceName":"alpha","ActionType":"SslConnectionInspected","RemoteIP":"10.0.0.2","RemotePort":443,"RemoteUrl":"login.contoso.com","AdditionalFields":"{\"uid\":\"C2\",\"version\":\"TLSv12\",\"server_name\":\"login.contoso.com\"}"}
{"Timestamp":"2024-01-15T11:30:00Z","DeviceId":"d2","DeviceName":"beta","ActionType":"SslConnectionInspected","RemoteIP":"10.0.0.3","RemotePort":8443,"RemoteUrl":"evil.example","AdditionalFields":"{\"uid\":\"C3\",\"version\":\"TLSv13\",\"server_name\":\"evil.example\"}"}
{"Timestamp":"2024-01-14T09:00:00Z","DeviceId":"d2","DeviceName":"beta","ActionType":"ConnectionSuccess","RemoteIP":"10.0.0.4","RemotePort":80,"RemoteUrl":"","AdditionalFields":"{}"}
)";

}  // namespace

TEST_CASE("datatable, where, extend, project, sort and take") {
  expect_rows(
      R"(datatable(a:long, b:string)[1, "x", 2, "Yes", 3, "z", 4, "yesterday"]
| where b contains "YES" or a == 3
| extend c = a * 10, d = strcat(b, "!")
| project a, c, d
| sort by a
| take 2)",
      R"({"columns":[{"name":"a","type":"long"},{"name":"c","type":"long"},{"name":"d","type":"string"}],
                  "rows":[[4,40,"yesterday!"],[3,30,"z!"]]})");
}

TEST_CASE("has matches whole terms, case-insensitively; has_cs does not fold case") {
  expect_rows(
      R"(datatable(s:string)["Windows PowerShell", "powershell.exe", "NotPowerShellHere", "x-POWERSHELL-y"]
| extend h = s has "powershell", hcs = s has_cs "PowerShell", sw = s startswith "POWER", ew = s endswith ".EXE")",
      R"({"columns":[{"name":"s","type":"string"},{"name":"h","type":"bool"},{"name":"hcs","type":"bool"},
                             {"name":"sw","type":"bool"},{"name":"ew","type":"bool"}],
                  "rows":[["Windows PowerShell",true,true,false,false],["powershell.exe",true,false,true,true],
                          ["NotPowerShellHere",false,false,false,false],["x-POWERSHELL-y",true,false,false,false]]})");
}

TEST_CASE("=~, in~ and !in") {
  expect_rows(
      R"(datatable(s:string)["Admin", "guest", "ROOT"]
| extend ci = s =~ "admin", inci = s in~ ("root", "GUEST"), notin = s !in ("Admin"))",
      R"({"columns":[{"name":"s","type":"string"},{"name":"ci","type":"bool"},{"name":"inci","type":"bool"},{"name":"notin","type":"bool"}],
                  "rows":[["Admin",true,false,false],["guest",false,true,true],["ROOT",false,true,true]]})");
}

TEST_CASE("summarize count by, default names, sort descending by default") {
  expect_rows(
      R"(datatable(k:string, v:long)["a", 1, "b", 2, "a", 3, "c", 4, "a", 5, "b", 6]
| summarize count(), sum(v), countif(v > 2), make_set(k) by k
| sort by count_)",
      R"({"columns":[{"name":"k","type":"string"},{"name":"count_","type":"long"},{"name":"sum_v","type":"long"},
                             {"name":"countif_","type":"long"},{"name":"set_k","type":"dynamic"}],
                  "rows":[["a",3,9,2,["a"]],["b",2,8,1,["b"]],["c",1,4,1,["c"]]]})");
}

TEST_CASE("sort puts nulls last when descending and first when ascending") {
  expect_rows(R"(datatable(x:long)[2, long(null), 1] | sort by x)",
              R"({"columns":[{"name":"x","type":"long"}],"rows":[[2],[1],[null]]})");
  expect_rows(R"(datatable(x:long)[2, long(null), 1] | sort by x asc)",
              R"({"columns":[{"name":"x","type":"long"}],"rows":[[null],[1],[2]]})");
}

TEST_CASE("datetime arithmetic and bin at tick precision") {
  expect_rows(
      R"(print t = datetime(2024-01-15 10:20:30.1234567) + 1h + 1tick, d = datetime(2024-01-02) - datetime(2024-01-01 12:00),
      b = bin(datetime(2024-01-17 13:14:15), 7d), n = bin(-7, 5), r = 90m / 1h)",
      R"({"columns":[{"name":"t","type":"datetime"},{"name":"d","type":"timespan"},{"name":"b","type":"datetime"},
                             {"name":"n","type":"long"},{"name":"r","type":"real"}],
                  "rows":[["2024-01-15T11:20:30.1234568Z","12:00:00","2024-01-15T00:00:00.0000000Z",-10,1.5]]})");
}

TEST_CASE("ago() and now() use the reference time") {
  expect_rows(R"(print a = ago(1d), n = now())",
              R"({"columns":[{"name":"a","type":"datetime"},{"name":"n","type":"datetime"}],
                  "rows":[["2024-01-14T12:00:00.0000000Z","2024-01-15T12:00:00.0000000Z"]]})");
}

TEST_CASE("tostring of a missing dynamic member is empty, dynamic compares") {
  expect_rows(
      R"(datatable(d:dynamic)[dynamic({"a":"x","n":5}), dynamic({"b":1})]
| extend a = tostring(d.a), m = tostring(d.missing), isx = d.a == "x", big = d.n > 3, n = tolong(d["n"]))",
      R"({"columns":[{"name":"d","type":"dynamic"},{"name":"a","type":"string"},{"name":"m","type":"string"},
                             {"name":"isx","type":"bool"},{"name":"big","type":"bool"},{"name":"n","type":"long"}],
                  "rows":[[{"a":"x","n":5},"x","",true,true,5],[{"b":1},"","",false,null,null]]})");
}

TEST_CASE("null comparison semantics") {
  expect_rows(
      R"(datatable(val:int)[5, int(null)]
| extend gt = val > 3, eq = val == int(null), ne = val != int(null), ne5 = val != 5)",
      R"({"columns":[{"name":"val","type":"int"},{"name":"gt","type":"bool"},{"name":"eq","type":"bool"},
                             {"name":"ne","type":"bool"},{"name":"ne5","type":"bool"}],
                  "rows":[[5,true,false,true,false],[null,null,null,null,true]]})");
}

TEST_CASE("join kinds: inner keeps every match, innerunique dedupes the left side") {
  const char* left =
      "let L = datatable(k:string, lv:long)[\"a\", 1, \"a\", 2, \"b\", 3];\n"
      "let R = datatable(k:string, rv:long)[\"a\", 10, \"a\", 20, \"c\", 30];\n";
  expect_rows(
      std::string(left) + "L | join kind=inner R on k | sort by lv asc, rv asc",
      R"({"columns":[{"name":"k","type":"string"},{"name":"lv","type":"long"},{"name":"k1","type":"string"},{"name":"rv","type":"long"}],
                  "rows":[["a",1,"a",10],["a",1,"a",20],["a",2,"a",10],["a",2,"a",20]]})");
  // innerunique keeps one left row per key; ours is the one that sorts first (lv = 1).
  expect_rows(
      std::string(left) + "L | join R on k | sort by rv asc",
      R"({"columns":[{"name":"k","type":"string"},{"name":"lv","type":"long"},{"name":"k1","type":"string"},{"name":"rv","type":"long"}],
                  "rows":[["a",1,"a",10],["a",1,"a",20]]})");
  expect_rows(
      std::string(left) + "L | join kind=leftouter R on k | where isnull(rv) | project k, lv, k1",
      R"({"columns":[{"name":"k","type":"string"},{"name":"lv","type":"long"},{"name":"k1","type":"string"}],
                  "rows":[["b",3,""]]})");
  expect_rows(
      std::string(left) + "L | join kind=leftanti R on $left.k == $right.k",
      R"({"columns":[{"name":"k","type":"string"},{"name":"lv","type":"long"}],"rows":[["b",3]]})");
  expect_rows(
      std::string(left) + "R | join kind=rightsemi L on k | sort by lv asc",
      R"({"columns":[{"name":"k","type":"string"},{"name":"lv","type":"long"}],"rows":[["a",1],["a",2]]})");
}

TEST_CASE("lookup, union and mv-expand over range()") {
  expect_rows(
      R"(let Names = datatable(id:long, name:string)[1, "one", 2, "two"];
datatable(id:long)[2, 3] | lookup Names on id | sort by id asc)",
      R"({"columns":[{"name":"id","type":"long"},{"name":"name","type":"string"}],"rows":[[2,"two"],[3,""]]})");
  expect_rows(
      R"(union (print a = 1), (print b = "x") | project a, b)",
      R"({"columns":[{"name":"a","type":"long"},{"name":"b","type":"string"}],"rows":[[1,""],[null,"x"]]})");
  expect_rows(R"(print n = 3 | mv-expand i = range(1, n) to typeof(long) | project i)",
              R"({"columns":[{"name":"i","type":"long"}],"rows":[[1],[2],[3]]})");
}

TEST_CASE("let scalars, tables and user functions") {
  expect_rows(
      R"(let threshold = 2;
let double_it = (x:long) { x * 2 };
let Big = (T:(v:long), min:long) { T | where v >= min };
datatable(v:long)[1, 2, 3] | invoke Big(threshold) | extend w = double_it(v))",
      R"({"columns":[{"name":"v","type":"long"},{"name":"w","type":"long"}],"rows":[[2,4],[3,6]]})");
}

TEST_CASE("seed queries run on MDE events") {
  auto events = jsonl("DeviceNetworkEvents", kEvents);
  // From the seed: Zeek UID per connection, counted and sorted.
  expect_rows(
      R"(DeviceNetworkEvents
| extend AdditionalFields = todynamic(AdditionalFields)
| extend ConnectionUid = tostring(AdditionalFields.uid)
| where ConnectionUid != ""
| summarize count() by ConnectionUid
| sort by ConnectionUid asc)",
      R"({"columns":[{"name":"ConnectionUid","type":"string"},{"name":"count_","type":"long"}],
                  "rows":[["C1",1],["C2",1],["C3",1]]})",
      {events});
  expect_rows(
      R"(// SSL inspections
DeviceNetworkEvents
| where ActionType == "SslConnectionInspected"
| extend AdditionalFields = todynamic(AdditionalFields)
| extend Direction = tostring(AdditionalFields.direction)
, Version = tostring(AdditionalFields.version)
, FQDN = tostring(AdditionalFields.server_name)
| summarize count() by Version, FQDN
| sort by Version asc)",
      R"({"columns":[{"name":"Version","type":"string"},{"name":"FQDN","type":"string"},{"name":"count_","type":"long"}],
                  "rows":[["TLSv12","login.contoso.com",1],["TLSv13","evil.example",1]]})",
      {events});
  // arg_max(..., *): the latest event per device.
  expect_rows(
      R"(DeviceNetworkEvents
| summarize arg_max(Timestamp, *) by DeviceId
| project DeviceId, Timestamp, RemoteIP
| sort by DeviceId asc)",
      R"({"columns":[{"name":"DeviceId","type":"string"},{"name":"Timestamp","type":"datetime"},{"name":"RemoteIP","type":"string"}],
                  "rows":[["d1","2024-01-15T11:00:00.0000000Z","10.0.0.2"],["d2","2024-01-15T11:30:00.0000000Z","10.0.0.3"]]})",
      {events});
  expect_rows(
      R"(DeviceNetworkEvents
| where Timestamp > ago(1d) and RemoteUrl has "contoso"
| project DeviceName, RemoteUrl)",
      R"({"columns":[{"name":"DeviceName","type":"string"},{"name":"RemoteUrl","type":"string"}],
                  "rows":[["alpha","www.Contoso.com"],["alpha","login.contoso.com"]]})",
      {events});
}

TEST_CASE("untranslatable constructs are rejected by name") {
  expect_rejected("datatable(x:long)[1] | summarize dcount(x, 0)", "approximate-aggregate");
  expect_rejected("datatable(x:long)[1] | summarize percentile(x, 50)", "approximate-aggregate");
  // S2 coverings need S2RegionCoverer: no exact SQL equivalent.
  expect_rejected("datatable(x:real)[1] | extend y = geo_polygon_to_s2cells(dynamic({}), 5)",
                  "unsupported-function");
  expect_rejected("datatable(x:long)[1] | sample 1", "unsupported-operator");
  expect_rejected("NoSuchTable | take 1", "unknown-table");
  expect_rejected("datatable(x:long)[1] | extend y = z + 1", "unknown-name");
  expect_rejected("datatable(x:string)[\"a\"] | extend y = x + 1", "untranslatable-types");
}

TEST_CASE("unnamed columns take the binder's names (tostring(X) -> X, strlen(X) -> strlen_X)") {
  expect_rows(
      R"(datatable(N:long, S:string, D:dynamic)[7, "ab", dynamic({"k": 1})]
| project tostring(N), strlen(S), D.k, N + 1, abs(N - 10))",
      R"({"columns":[{"name":"N","type":"string"},{"name":"strlen_S","type":"long"},
                     {"name":"D_k","type":"dynamic"},{"name":"Column1","type":"long"},
                     {"name":"Column2","type":"long"}],
          "rows":[["7",2,1,8,3]]})");
}

TEST_CASE(
    "dcount counts exactly where Kusto's estimate is exact; make_set keeps at most its limit") {
  // The empty string is a value (KQL strings are never null).
  expect_rows(
      R"(datatable(g:string, v:string, n:long)["a", "x", 1, "a", "x", 2, "a", "", 2, "b", "y", 3]
| summarize d = dcount(v), dn = dcountif(n, n > 1), cd = count_distinct(n), s = make_set(g, 5) by g
| sort by g asc)",
      R"({"columns":[{"name":"g","type":"string"},{"name":"d","type":"long"},{"name":"dn","type":"long"},
                     {"name":"cd","type":"long"},{"name":"s","type":"dynamic"}],
          "rows":[["a",2,1,2,["a"]],["b",1,1,1,["b"]]]})");
  // Over the limit KQL keeps an arbitrary subset of that size: any subset is a valid result.
  for (auto engine : {kql::run::Engine::Sqlite, kql::run::Engine::Postgres}) {
    if (engine == kql::run::Engine::Postgres && !kqtest::PgServer::get().available()) continue;
    auto o = kqtest::run_kql(
        R"(datatable(v:long)[1, 2, 3, 2] | summarize s = make_set(v, 2), l = make_list(v, 3))",
        engine);
    REQUIRE(o.status == kql::run::RunOutcome::Status::Ok);
    const auto& row = o.result["rows"][0];
    CHECK(row[0].size() == 2);
    CHECK(row[1].size() == 3);
    for (const auto& v : row[0]) CHECK((v == 1 || v == 2 || v == 3));
    CHECK(row[0][0] != row[0][1]);
  }
}

TEST_CASE("range() over datetimes with a timespan step, expanded; render changes no row") {
  expect_rows(
      R"(print r = range(datetime(2024-01-01), datetime(2024-01-03 12:00), 1d)
| mv-expand r to typeof(datetime)
| extend empty = array_length(range(datetime(2024-01-02), datetime(2024-01-01), 1d))
| render table)",
      R"({"columns":[{"name":"r","type":"datetime"},{"name":"empty","type":"long"}],
          "rows":[["2024-01-01T00:00:00.0000000Z",0],["2024-01-02T00:00:00.0000000Z",0],
                  ["2024-01-03T00:00:00.0000000Z",0]]})");
}

TEST_CASE("range() of reals keeps real elements on both engines, whole numbers included") {
  // JSON compares 1 and 1.0 as equal: the text tostring() gives tells them apart.
  expect_rows(R"(print r = tostring(range(1.0, 3, 1)), l = tostring(range(1, 3, 1)),
      h = tostring(range(0, 1, 0.5)))",
              R"({"columns":[{"name":"r","type":"string"},{"name":"l","type":"string"},
                             {"name":"h","type":"string"}],
                  "rows":[["[1.0,2.0,3.0]","[1,2,3]","[0.0,0.5,1.0]"]]})");
}

TEST_CASE("division by zero: KQL's infinities for reals, an error for longs") {
  expect_rows(R"(print a = 1.0 / 0, b = -2 / 0.0, c = 7 / 2, d = 7.0 / 2)",
              R"({"columns":[{"name":"a","type":"real"},{"name":"b","type":"real"},
                             {"name":"c","type":"long"},{"name":"d","type":"real"}],
                  "rows":[["Infinity","-Infinity",3,3.5]]})");
  for (auto engine : {kql::run::Engine::Sqlite, kql::run::Engine::Postgres}) {
    if (engine == kql::run::Engine::Postgres && !kqtest::PgServer::get().available()) continue;
    auto o = kqtest::run_kql("datatable(x:long)[0] | extend y = 5 / x", engine);
    CHECK(o.status != kql::run::RunOutcome::Status::Ok);
    CHECK(o.error.find("division by zero") != std::string::npos);
  }
}

TEST_CASE("make_list after sort keeps the sorted order on both engines") {
  expect_rows(R"(datatable(g:string, v:long)["a", 7, "a", 5, "b", 2, "a", 9]
| sort by v asc
| summarize l = make_list(v) by g
| sort by g asc)",
              R"({"columns":[{"name":"g","type":"string"},{"name":"l","type":"dynamic"}],
                  "rows":[["a",[5,7,9]],["b",[2]]]})");
}

TEST_CASE("degrees() and radians()") {
  expect_rows(R"(print d = degrees(3.141592653589793 / 2), r = radians(180))",
              R"({"columns":[{"name":"d","type":"real"},{"name":"r","type":"real"}],
                  "rows":[[90.0,3.141592653589793]]})");
}

TEST_CASE("long arithmetic past 2^31 (PostgreSQL types bare integer literals as int4)") {
  expect_rows("print x = 100000 * 100000, y = 2147483647 + 1, z = 1s * 100000",
              R"({"rows": [[10000000000, 2147483648, "1.03:46:40"]]})");
  expect_rows("range k from 0 to 2999 step 1 | extend x = k * 3712345 | summarize max(x), count()",
              R"({"rows": [[11133322655, 3000]]})");
  expect_rows("range t from 0s to 2d step 1d",
              R"({"rows": [["00:00:00"], ["1.00:00:00"], ["2.00:00:00"]]})");
  // A let-bound number is inlined in parentheses; the literal on either side widens.
  expect_rows(
      "let ClipboardWindowSeconds = 300; print w = ClipboardWindowSeconds * 1s, "
      "v = toint(7) * 1000000000",
      R"({"rows": [["00:05:00", 7000000000]]})");
}

TEST_CASE("long pipelines run on SQLite (its parser stack held about ten nested SELECTs)") {
  std::string q = "range x from 1 to 3 step 1";
  for (int i = 0; i < 40; ++i)
    q += " | extend y" + std::to_string(i) + " = x + " + std::to_string(i) + " | where y" +
         std::to_string(i) + " > 1";
  expect_rows(q + " | summarize n = count(), s = sum(y39)", R"({"rows": [[2, 83]]})");
}

TEST_CASE("union isfuzzy: every translated leg exists, so fuzzy resolution changes nothing") {
  expect_rows(
      "union isfuzzy=true (datatable(a:long)[1]), (datatable(a:long)[2]) | summarize sum(a)",
      R"({"rows": [[3]]})");
  // A leg the backend does not know is rejected, not dropped: it may exist where the rule runs.
  expect_rejected("union isfuzzy=true (datatable(a:long)[1]), NoSuchTable", "unknown-table");
}

TEST_CASE("arg_max beside other aggregates: the keys, then each aggregate's columns in order") {
  std::string data = R"(datatable(Device:string, T:long, Cmd:string, Size:long) [
 "a", 1, "x", 10, "a", 3, "y", 20, "b", 2, "z", 5, "b", long(null), "w", 7])";
  expect_rows(
      data +
          " | summarize Events = count(), arg_max(T, Cmd), Total = sum(Size) by Device"
          " | sort by Device asc",
      R"({"columns": [{"name": "Device", "type": "string"}, {"name": "Events", "type": "long"},
                              {"name": "T", "type": "long"}, {"name": "Cmd", "type": "string"},
                              {"name": "Total", "type": "long"}],
                  "rows": [["a", 2, 3, "y", 30], ["b", 2, 2, "z", 12]]})");
  // Without by, and with `*`.
  expect_rows(data + " | summarize arg_min(T, *), n = dcount(Device)",
              R"({"rows": [[1, "a", "x", 10, 2]]})");
  // A group whose T is null on every row: Kusto's arg_max columns for it are not documented.
  expect_fails(data + R"( | union (datatable(Device:string, T:long, Cmd:string, Size:long)
                          ["c", long(null), "v", 1]) | summarize count(), arg_max(T, Cmd) by Device)",
               "no row where the first argument");
  expect_rejected(data + " | summarize arg_max(T, Cmd), arg_min(T, Size)", "unsupported-construct");
}

TEST_CASE("DeviceProcessEvents runs on SQLite although it has LogonId and LogonID") {
  // SQLite's identifiers ignore case: the table could not be created ("duplicate column name").
  auto events = jsonl("DeviceProcessEvents",
                      R"({"DeviceName":"h1","FileName":"powershell.exe","LogonId":5})");
  expect_rows(
      "DeviceProcessEvents | where FileName =~ 'PowerShell.exe' | project DeviceName, LogonId",
      R"({"rows": [["h1", 5]]})", {events});
  // On SQLite LogonID cannot be told from LogonId: rejected rather than read from the other.
  expect_rejected("DeviceProcessEvents | project LogonID", "unknown-name");
  // A result that passes the table's columns through lacks LogonID on SQLite: said, not silent.
  auto whole = run_kql("DeviceProcessEvents | take 1", kql::run::Engine::Sqlite, {events});
  REQUIRE(whole.status == kql::run::RunOutcome::Status::Ok);
  bool warned = false;
  for (auto& n : whole.names) warned |= n.rfind("column-left-out:", 0) == 0;
  CHECK(warned);
  auto named = run_kql("DeviceProcessEvents | project DeviceName, LogonId",
                       kql::run::Engine::Sqlite, {events});
  CHECK(named.names.empty());
}

TEST_CASE(
    "'\\u0000' in a string literal (hunting rules strip UTF-16 NULs from decoded PowerShell)") {
  std::string q =
      R"(print a = replace_string(strcat('a', base64_decode_tostring('AA=='), 'b'), '\u0000', ''),
      n = strlen('x\u0000y'))";
  auto s = run_kql(q, Engine::Sqlite);
  INFO(s.error);
  REQUIRE(s.status == kql::run::RunOutcome::Status::Ok);
  CHECK(s.result["rows"] == json::parse(R"([["ab", 3]])"));
  // PostgreSQL's text cannot hold U+0000: the query fails there instead of dropping the byte.
  if (PgServer::get().available()) {
    auto p = run_kql(q, Engine::Postgres);
    CHECK(p.status == kql::run::RunOutcome::Status::ExecutionError);
    CHECK(p.error.find("null character not permitted") != std::string::npos);
  }
}

TEST_CASE("x in (T | summarize make_set(y)): the arrays are flattened") {
  expect_rows(R"(let L = datatable(d:string)["a", "b"] | summarize make_set(d);
datatable(x:string)["a", "c"] | where x in (L))",
              R"({"rows": [["a"]]})");
  expect_rows(R"(let L = datatable(d:long)[1, 2] | summarize make_set(d);
datatable(x:long, s:string)[1, "A", 3, "b"]
| where x in (L) or s in~ ((datatable(d:string)["a"] | summarize make_list(d))))",
              R"({"rows": [[1, "A"]]})");
  expect_rows(R"(let L = datatable(d:string)["a"] | summarize make_set(d);
datatable(x:string)["a", "c"] | where x !in (L))",
              R"({"rows": [["c"]]})");
  // The reference flattens nested arrays too; that is not translated, so the query fails.
  expect_fails(
      "datatable(x:long)[1, 3] | where x in ((datatable(d:dynamic)[dynamic([2, [3]])] | project "
      "d))",
      "nested in an array");
}

TEST_CASE("substring on PostgreSQL takes long arguments (its substr wants integers)") {
  expect_rows(
      R"(datatable(DeviceName:string)["host.corp.example", "pc"]
| extend HostName = iff(DeviceName has '.', substring(DeviceName, 0, indexof(DeviceName, '.')), DeviceName),
         Domain = iff(DeviceName has '.', substring(DeviceName, indexof(DeviceName, '.') + 1), ""))",
      R"({"rows": [["host.corp.example", "host", "corp.example"], ["pc", "pc", ""]]})");
}

TEST_CASE("deprecated exact aliases translate as their current function") {
  expect_rows(
      R"q(print a = tostring(parsejson('{"k":"v"}').k), b = tostring(toobject('[1,2]')[1]),
      c = notempty(""), d = notnull(long(null)), e = arraylength(dynamic([1,2,3])),
      f = extractall(@"(\d+)", "a1b22"), g = pack_dictionary("x", 1))q",
      R"([["v","2",false,false,3,["1","22"],{"x":1}]])");
  expect_rows(
      R"(datatable(a:long)[1] | project x = columnifexists("a", 0), y = columnifexists("b", 7))",
      R"([[1, 7]])");
  expect_rows(R"(print a = make_string(75, 117), b = to_utf8("Ku"))", R"([["Ku", [75, 117]]])");
  // `replace` is deprecated too, but takes its arguments in another order than replace_regex:
  // it is no alias and stays as it is translated today.
  expect_rows(R"(print r = replace(@"b+", "-", "abbbc"))", R"([["a-c"]])");
}

TEST_CASE("a bool compared with the literal 0 or 1 (true is 1, false is 0)") {
  const char* events =
      R"({"DeviceId":"d1","ConfigurationId":"scid-1","IsCompliant":false,"IsApplicable":true}
{"DeviceId":"d2","ConfigurationId":"scid-1","IsCompliant":true,"IsApplicable":true}
{"DeviceId":"d3","ConfigurationId":"scid-1","IsApplicable":false}
)";
  expect_rows(R"(DeviceTvmSecureConfigurationAssessment
| where IsCompliant == 0 and IsApplicable == 1
| project DeviceId)",
              R"([["d1"]])", {jsonl("DeviceTvmSecureConfigurationAssessment", events)});
  // A null bool equals neither; != of it holds, as for any null against a value.
  expect_rows(R"(DeviceTvmSecureConfigurationAssessment
| where 1 != IsCompliant
| project DeviceId
| sort by DeviceId asc)",
              R"([["d1"], ["d3"]])", {jsonl("DeviceTvmSecureConfigurationAssessment", events)});
  expect_rows("print a = true == 1, b = false == (0), c = true != 0", R"([[true, true, true]])");
  expect_rejected("print true == 2", "untranslatable-types");
  expect_rejected("print true > 0", "untranslatable-types");
  expect_rejected("let one = 1; print true == one", "untranslatable-types");
}

TEST_CASE("has_any / has_all over a tabular expression use its first column's strings") {
  // The hunt shape: a list kept as a datatable, matched as terms.
  expect_rows(
      R"(let ServiceNames = datatable(name:string, note:string)["himds.exe", "a", "gc_arc_service.exe", "b"];
datatable(ServiceName:string)["C:\\Program Files\\HIMDS.EXE -k", "himds.exe2", "gc_arc_service.exe", "other"]
| where ServiceName has_any (ServiceNames)
| order by ServiceName asc)",
      R"([["C:\\Program Files\\HIMDS.EXE -k"], ["gc_arc_service.exe"]])");
  expect_rows(R"(let Words = datatable(w:string)["quick", "FOX"];
datatable(s:string)["the quick brown fox", "quick", "a fox, quickly"]
| where s has_all (Words))",
              R"([["the quick brown fox"]])");
  // An empty set: has_any holds for no row; has_all over no values is not documented.
  expect_rows(R"(let Words = datatable(w:string)["x"] | where w == "y";
print r = "a b" has_any (Words))",
              R"([[false]])");
  expect_fails(R"(let Words = datatable(w:string)["x"] | where w == "y";
print r = "a b" has_all (Words))",
               "not documented");
  expect_fails(R"(let Words = range i from 1 to 257 step 1 | project w = tostring(i);
print r = "1 2" has_all (Words))",
               "more than 256");
  // make_set results: has_any's reference does not say the arrays are flattened.
  expect_rejected(R"(let L = datatable(w:string)["x"] | summarize make_set(w);
print r = "x" has_any (L))",
                  "untranslatable-types", "first column holds strings");
}

TEST_CASE("dynamic literals as hunting rules write them: comments, escapes, adjacent strings") {
  // An IOC list annotated line by line, with \u escapes, verbatim and obfuscated strings.
  expect_rows(R"q(let iocs = dynamic([
    "evil.com", // C2 domain [1].
//  "disabled.com", // commented out
    '\u2000x', @"C:\Temp\a.exe", @'it''s', h"hidden"
]);
print n = array_length(iocs), a = tostring(iocs[1]), b = tostring(iocs[2]),
      c = tostring(iocs[3]), d = tostring(iocs[4]))q",
              "[[5, \"\u2000x\", \"C:\\\\Temp\\\\a.exe\", \"it's\", \"hidden\"]]");
  // Adjacent string literals are one string in KQL, inside a dynamic literal too (a missing
  // comma in an IOC list joins two entries).
  expect_rows(R"q(print a = dynamic(["a" "b", "c"]), b = "x" 'y')q", R"([[["ab", "c"], "xy"]])");
}

TEST_CASE("has_any / has_all over a dynamic array computed at run time") {
  // A let bound to pack_array, as corpus hunts keep their sensitive-group lists.
  expect_rows(R"(let SensitiveGroupName = pack_array("Domain Admins", "Enterprise Admins");
datatable(ProcessCommandLine:string)["net group \"domain admins\" bob /add", "net group users x /add",
  "net group \"Enterprise Admins\" y /add"]
| extend GroupIsSensitive = iff(ProcessCommandLine has_any (SensitiveGroupName), 1, 0)
| project GroupIsSensitive)",
              R"([[1], [0], [1]])");
  // A column of arrays: each row's own list.
  expect_rows(
      R"(datatable(s:string, terms:dynamic)["a b c", dynamic(["b", "c"]), "a b", dynamic(["b", "x"])]
| project all = s has_all (terms), any = s has_any (terms))",
      R"([[true, true], [false, true]])");
  expect_rows(R"(print r = "a b" has_any (pack_array("x", "y")))", R"([[false]])");
  expect_fails(R"(print r = "a 1" has_any (pack_array("x", 1)))", "not a string");
  expect_fails(R"(print r = "a" has_any (todynamic('{"k":"a"}')))", "not a dynamic array");
  expect_fails(R"(print r = "a" has_all (array_slice(pack_array("x"), 1, 1)))", "no values");
}

TEST_CASE("invoke of a Defender enrichment function is rejected with what it needs") {
  expect_rejected(R"(DeviceFileEvents
| where Timestamp > ago(1d)
| invoke FileProfile(SHA1, 1000))",
                  "unsupported-function", "Defender XDR enrichment function");
  expect_rejected("DeviceProcessEvents | invoke NoSuchFunction()", "unsupported-function",
                  "defined with let");
}

TEST_CASE("in~ / !in~ over a dynamic array computed at run time") {
  expect_rows(R"(let WhitelistedAccounts = pack_array("svc_backup", "SVC_Deploy", 42);
datatable(AccountName:string)["SVC_BACKUP", "svc_deploy", "alice", "42"]
| extend listed = AccountName in~ (WhitelistedAccounts), unlisted = AccountName !in~ (WhitelistedAccounts))",
              R"([["SVC_BACKUP", true, false], ["svc_deploy", true, false], ["alice", false, true],
                  ["42", false, true]])");
  expect_rows(R"(print a = "x" in~ (dynamic(null)), b = "X" in~ ("y", pack_array("x")))",
              R"([[false, true]])");
  expect_rejected(R"(print 42 in~ (pack_array("42")))", "untranslatable-types", "string operand");
}

TEST_CASE("summarize by a literal key groups by that constant, not by a column position") {
  expect_rows(R"(datatable(a:string, n:long)["x", 1, "y", 2, "x", 3]
| summarize c = count(), s = sum(n) by a, Exploitable = "Yes", k = 2
| order by a asc)",
              R"([["x", "Yes", 2, 2, 4], ["y", "Yes", 2, 1, 2]])");
  // Grouping an empty input by a constant gives no row (an aggregate without keys gives one).
  expect_rows(R"(datatable(a:string)["x"] | where a == "z" | summarize count() by k = 1)", "[]");
}

TEST_CASE("a timespan scaled by a real: exact in whole ticks, the query fails otherwise") {
  expect_rows(R"(let lookupWindow = 1min;
print a = lookupWindow / 2.0, b = 1h * 1.5, c = 2.5 * 1s, d = timespan(null) / 2.0)",
              R"([["00:00:30", "01:30:00", "00:00:02.5000000", null]])");
  expect_fails("print 1tick / 3.0", "not a whole number of ticks");
  expect_fails("print 1s / 0.0", "not a whole number of ticks");
}

TEST_CASE("datetime(year, month, day), as the endofweek() reference writes its dates") {
  expect_rows("print a = datetime(2025, 6, 14), b = datetime(2025,6,15)",
              R"([["2025-06-14T00:00:00.0000000Z", "2025-06-15T00:00:00.0000000Z"]])");
  expect_rejected("print datetime(2025, 2, 29)", "unsupported-literal");
  expect_rejected("print datetime(2025, 6, 14, 10, 0)", "unsupported-literal");
}

TEST_CASE("project-by-names: names, patterns, arrays and column_names_of, in that order") {
  expect_rows(
      R"(datatable(Name:string, Age:int, City:string, Country:string)['Peter', 39, 'New York', 'USA']
| project-by-names "City", dynamic(["Nope", "Age"]), "Na*")",
      R"({"columns": [{"name": "City", "type": "string"}, {"name": "Age", "type": "int"},
                              {"name": "Name", "type": "string"}],
                  "rows": [["New York", 39, "Peter"]]})");
  expect_rows(R"(let cols = dynamic(["Country"]);
let T = datatable(Name:string, Data:string)['Peter', 'x'];
datatable(Name:string, Data:string, Country:string)['Peter', 'x', 'USA']
| project-by-names column_names_of(T), cols)",
              R"([["Peter", "x", "USA"]])");
  expect_rejected(R"(datatable(Name:string, Age:int)['Peter', 39]
| project-by-names "Name", "N*")",
                  "unsupported-construct", "selected twice");
  expect_rejected(R"(datatable(Name:string, Age:int)['Peter', 39]
| project-by-names strcat("Na", "me"))",
                  "unsupported-construct", "known when translating");
}

TEST_CASE("take_anyif / anyif: one value among the rows where the predicate holds") {
  expect_rows(R"(datatable(x:long, s:string)[1, "a", 2, "b", 3, "a"]
| summarize r = take_anyif(s, x > 1), q = anyif(x, s == "a"), n = take_anyif(s, x > 5))",
              R"([["a", 1, ""]])");
}

TEST_CASE("text to number: canonical numbers convert, others are null, undocumented forms fail") {
  expect_rows(R"(print a = tolong("12"), b = tolong("+12"), c = toreal(".5"), d = toreal("-1.5e-3"),
                 e = toint("12a"), f = toreal("0x10"), g = tolong("1.5"))",
              R"([[12, 12, 0.5, -0.0015, null, null, null]])");
  // .NET's parsers accept surrounding spaces and spelled-out infinities; Kusto's reference does
  // not say what it does (SQLite's strtod and PostgreSQL's casts disagreed on them).
  expect_fails(R"(print todouble("  3.5 "))", "spaces");
  expect_fails(R"(print tolong(" 12"))", "spaces");
  expect_fails(R"(print toreal("inf"))", "NaN");
  expect_fails(R"(print tolong("99999999999999999999"))", "range");
  expect_fails(R"(print toreal("1e999"))", "range");
}

TEST_CASE("case-insensitive text: the same case mapping on both engines, or a failure") {
  // Latin-1/Extended-A specials map as .NET's invariant simple mapping does.
  expect_rows(R"(print a = "É" =~ "é", b = toupper("ı"), c = tolower("İ"), d = "µ" =~ "Μ",
                 e = "ſ" =~ "s", f = "Жук" has "жук")",
              R"([[true, "I", "i", true, true, true]])");
  // Cased scripts the SQLite twin does not map (PostgreSQL would): the query fails on both.
  expect_fails(R"(print "ǆ" =~ "Ǆ")", "case mapping");
  expect_fails(R"(print toupper("ά"))", "case mapping");
  expect_fails(R"(print "ＡＢ" contains "ａ")", "case mapping");
  // Case-sensitive operators need no mapping.
  expect_rows(R"(print a = "ǆ" == "ǆ", b = "ǆx" contains_cs "x")", R"([[true, true]])");
}

TEST_CASE("count() with an argument is refused: the reference documents count() only") {
  expect_rejected(R"(datatable(u:string)["a", ""] | summarize count(u))", "unsupported-function",
                  "countif");
  expect_rows(R"(datatable(u:string)["a", ""] | summarize count(), countif(isnotempty(u)))",
              R"([[2, 1]])");
}

TEST_CASE("named arg_max(t, *): the key column replaces t, as Kusto's result type has it") {
  expect_rows(R"(datatable(t:long, d:string, v:string)[1, "a", "x", 2, "a", "y"]
| summarize Last = arg_max(t, *) by d)",
              R"({"columns": [{"name": "d", "type": "string"}, {"name": "Last", "type": "long"},
                              {"name": "v", "type": "string"}],
                  "rows": [["a", 2, "y"]]})");
  expect_rows(R"(datatable(s:string, x:long)["a", 1]
| summarize any(s), take_any(x), anyif(s, x > 0), take_anyif(x, x > 0))",
              R"({"columns": [{"name": "any_s", "type": "string"}, {"name": "x", "type": "long"},
                              {"name": "anyif_s", "type": "string"}, {"name": "x1", "type": "long"}],
                  "rows": [["a", 1, "a", 1]]})");
}

TEST_CASE("join: a clashing right column takes the first suffix free on both sides") {
  // Kusto.Language's result type: (k, a, k2, a2, k1, a1).
  expect_rows(R"(let T = datatable(k:string, a:long)["x", 1];
T | join kind=inner (T | join kind=inner (T) on k) on k)",
              R"({"columns": [{"name": "k", "type": "string"}, {"name": "a", "type": "long"},
                              {"name": "k2", "type": "string"}, {"name": "a2", "type": "long"},
                              {"name": "k1", "type": "string"}, {"name": "a1", "type": "long"}],
                  "rows": [["x", 1, "x", 1, "x", 1]]})");
}
