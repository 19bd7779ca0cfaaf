// Window functions over serialized row sets (prev, next, row_number, row_cumsum, row_rank_*),
// user-function edge cases (named arguments, column_ifexists through a parameter, functions
// called by name) and union withsource= over `as` legs, on SQLite and PostgreSQL. Expected
// rows are the KQL docs' examples unless a comment says otherwise.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

using kql::run::Engine;

TEST_CASE("row_cumsum after serialize (docs example)") {
  expect_rows(R"(datatable (a:long) [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
| where a%2==0
| serialize cs=row_cumsum(a))",
              R"({"columns":[{"name":"a","type":"long"},{"name":"cs","type":"long"}],
                  "rows":[[2,2],[4,6],[6,12],[8,20],[10,30]]})");
}

TEST_CASE("row_cumsum restarts where its predicate holds (docs example)") {
  expect_rows(R"(datatable (name:string, month:int, salary:long)
[
    "Alice", 1, 1000,
    "Bob", 1, 1000,
    "Alice", 2, 2000,
    "Bob", 2, 1950,
    "Alice", 3, 1400,
    "Bob", 3, 1450,
]
| order by name asc, month asc
| extend total=row_cumsum(salary, name != prev(name)))",
              R"({"columns":[{"name":"name","type":"string"},{"name":"month","type":"int"},
                             {"name":"salary","type":"long"},{"name":"total","type":"long"}],
                  "rows":[["Alice",1,1000,1000],["Alice",2,2000,3000],["Alice",3,1400,4400],
                          ["Bob",1,1000,1000],["Bob",2,1950,2950],["Bob",3,1450,4400]]})");
  // The reference does not say what type row_cumsum of an int returns.
  expect_rejected("range x from 1 to 3 step 1 | extend c = row_cumsum(toint(x))",
                  "unsupported-function");
}

TEST_CASE("row_number restarts on prev() (docs example)") {
  expect_rows(R"(datatable (Airport:string, Airline:string, Departures:long)
[
  "TLV", "LH", 1,
  "TLV", "LY", 100,
  "SEA", "LH", 1,
  "SEA", "BA", 2,
  "SEA", "LY", 0
]
| sort by Airport asc, Departures desc
| extend Rank=row_number(1, prev(Airport) != Airport))",
              R"({"columns":[{"name":"Airport","type":"string"},{"name":"Airline","type":"string"},
                             {"name":"Departures","type":"long"},{"name":"Rank","type":"long"}],
                  "rows":[["SEA","BA",2,1],["SEA","LH",1,2],["SEA","LY",0,3],
                          ["TLV","LY",100,1],["TLV","LH",1,2]]})");
}

TEST_CASE("row_number with a start and no restart") {
  expect_rows(R"(range x from 5 to 1 step -1 | extend n = row_number(10))",
              R"({"columns":[{"name":"x","type":"long"},{"name":"n","type":"long"}],
                  "rows":[[5,10],[4,11],[3,12],[2,13],[1,14]]})");
}

TEST_CASE("row_rank_dense and row_rank_min (docs examples)") {
  // Ties among the sorted rows are in no defined order: only the ranks are compared.
  expect_rows(R"(datatable (Airport:string, Airline:string, Departures:long)
[
  "SEA", "LH", 3,
  "SEA", "LY", 100,
  "SEA", "UA", 3,
  "SEA", "BA", 2,
  "SEA", "EL", 3
]
| sort by Departures asc
| extend Rank=row_rank_dense(Departures), MinRank=row_rank_min(Departures)
| project Departures, Rank, MinRank)",
              R"({"columns":[{"name":"Departures","type":"long"},{"name":"Rank","type":"long"},
                             {"name":"MinRank","type":"long"}],
                  "rows":[[2,1,1],[3,2,2],[3,2,2],[3,2,2],[100,3,5]]})");
  expect_rows(R"(datatable (Airport:string, Airline:string, Departures:long)
[
  "SEA", "LH", 3,
  "SEA", "LY", 100,
  "SEA", "UA", 3,
  "SEA", "BA", 2,
  "SEA", "EL", 3,
  "AMS", "EL", 1,
  "AMS", "BA", 1
]
| sort by Airport desc, Departures asc
| extend Rank=row_rank_dense(Departures, prev(Airport) != Airport)
| project Airport, Departures, Rank)",
              R"({"columns":[{"name":"Airport","type":"string"},{"name":"Departures","type":"long"},
                             {"name":"Rank","type":"long"}],
                  "rows":[["SEA",2,1],["SEA",3,2],["SEA",3,2],["SEA",3,2],["SEA",100,3],
                          ["AMS",1,1],["AMS",1,1]]})");
  expect_rows(R"(datatable(Category:string, Item:string, Value:int)
[
  "A", "item1", 10,
  "A", "item2", 10,
  "A", "item3", 5,
  "A", "item4", 20,
  "B", "item2", 5,
  "B", "item1", 7
]
| sort by Category asc, Value asc
| extend rank = row_rank_min(Value, Category != prev(Category))
| project Category, Value, rank)",
              R"({"columns":[{"name":"Category","type":"string"},{"name":"Value","type":"int"},
                             {"name":"rank","type":"long"}],
                  "rows":[["A",5,1],["A",10,2],["A",10,2],["A",20,4],["B",5,1],["B",7,2]]})");
}

TEST_CASE("prev and next: offset, default, and the empty string for a missing string") {
  // From the prev()/next() reference: null (or the default) where no row is at the offset.
  expect_rows(R"(range x from 1 to 5 step 1
| extend s = tostring(x)
| extend p = prev(x), n = next(x, 2, -1), ps = prev(s), d = x - prev(x, 1, 0))",
              R"({"columns":[{"name":"x","type":"long"},{"name":"s","type":"string"},
                             {"name":"p","type":"long"},{"name":"n","type":"long"},
                             {"name":"ps","type":"string"},{"name":"d","type":"long"}],
                  "rows":[[1,"1",null,3,"",1],[2,"2",1,4,"1",1],[3,"3",2,5,"2",1],
                          [4,"4",3,-1,"3",1],[5,"5",4,-1,"4",1]]})");
}

TEST_CASE("where over serialized rows may compare a row with the previous one") {
  // prev() reference: rows whose gap to the previous row exceeds a bound.
  expect_rows(R"(datatable(t:long)[1, 2, 10, 11, 30]
| sort by t asc
| where t - prev(t) > 5)",
              R"({"columns":[{"name":"t","type":"long"}],"rows":[[10],[30]]})");
}

TEST_CASE("window functions are refused where KQL refuses them or the order is unknown") {
  // datatable's output is not serialized: Kusto rejects prev() there.
  expect_rejected("datatable(x:long)[1, 2] | extend p = prev(x)", "unsupported-construct");
  expect_rejected("datatable(x:long)[1, 2] | where prev(x) > 1", "unsupported-construct");
  // mv-expand's output is not serialized (serialize operator reference).
  expect_rejected(
      "range x from 1 to 2 step 1 | extend d = dynamic([1, 2]) | mv-expand d | "
      "extend p = prev(x)",
      "unsupported-construct");
  expect_rejected("range x from 1 to 3 step 1 | where toscalar(print prev(1)) > 1",
                  "unsupported-construct");
  // serialize after summarize: KQL numbers the rows in an order SQL does not reproduce.
  expect_rejected(
      "range x from 1 to 3 step 1 | summarize count() by x | serialize n = row_number()",
      "nondeterministic-result");
  expect_rejected(
      "range x from 1 to 3 step 1 | extend t = datetime(2024-01-01) + x * 1m | "
      "extend s = row_window_session(t, 1h, 5m)",
      "unsupported-function");
}

TEST_CASE("bin_at on reals (docs example)") {
  expect_rows("print bin_at(6.5, 2.5, 7)",
              R"({"columns":[{"name":"print_0","type":"real"}],"rows":[[4.5]]})");
}

TEST_CASE("user functions: named arguments and defaults (docs example)") {
  expect_rows(R"(let f = (a:long, b:string = "b.default", c:long = 0) {
  strcat(a, "-", b, "-", c)
};
union
  (print x=f(c=7, a=12)),
  (print x=f(12, c=7)))",
              R"({"columns":[{"name":"x","type":"string"}],
                  "rows":[["12-b.default-7"],["12-b.default-7"]]})");
  expect_rejected("let f = (a:long) { a }; print f(b=1)", "unsupported-construct");
}

TEST_CASE("column_ifexists through a function parameter bound to a literal") {
  expect_rows(R"(let pick = (T:(*), name:string) { T | extend v = column_ifexists(name, -1) };
datatable(a:long, b:long)[1, 2]
| invoke pick('b')
| extend w = column_ifexists('zz', 0))",
              R"({"columns":[{"name":"a","type":"long"},{"name":"b","type":"long"},
                             {"name":"v","type":"long"},{"name":"w","type":"long"}],
                  "rows":[[1,2,2,0]]})");
  expect_rows(R"(let pick = (T:(*), name:string) { T | extend v = column_ifexists(name, -1) };
let outer = (T:(*), n:string) { T | invoke pick(n) };
datatable(a:long)[1]
| invoke outer('nope'))",
              R"({"columns":[{"name":"a","type":"long"},{"name":"v","type":"long"}],
                  "rows":[[1,-1]]})");
}

TEST_CASE("union withsource= names legs by `as` (docs example) and views by name") {
  expect_rows(
      "union withsource=TableName (range x from 1 to 2 step 1 | as T1), "
      "(range x from 1 to 2 step 1 | as T2)\n| sort by TableName asc, x asc",
      R"({"columns":[{"name":"TableName","type":"string"},{"name":"x","type":"long"}],
          "rows":[["T1",1],["T1",2],["T2",1],["T2",2]]})");
  expect_rows(R"(let View_1 = view () { print x=1 };
let View_2 = view () { print x=2 };
union withsource=TableName View_1, View_2 | sort by x asc)",
              R"({"columns":[{"name":"TableName","type":"string"},{"name":"x","type":"long"}],
                  "rows":[["View_1",1],["View_2",2]]})");
  expect_rows(R"(let tenNumbers = () { range x from 1 to 3 step 1 };
tenNumbers | extend y = x + 7)",
              R"({"columns":[{"name":"x","type":"long"},{"name":"y","type":"long"}],
                  "rows":[[1,8],[2,9],[3,10]]})");
  expect_rejected("union withsource=T (range x from 1 to 2 step 1), (print x=1)",
                  "unsupported-construct");
}

TEST_CASE("outer union splits a column the legs type differently into name_type (docs example)") {
  expect_rows(R"(let View_1 = view () { print x=1 };
let View_2 = view () { print x=toint(2) };
let View_3 = view () { print x_long=3 };
union withsource=TableName View_1, View_2, View_3
| sort by TableName asc)",
              R"({"columns":[{"name":"TableName","type":"string"},{"name":"x_long1","type":"long"},
                             {"name":"x_int","type":"int"},{"name":"x_long","type":"long"}],
                  "rows":[["View_1",1,null,null],["View_2",null,2,null],["View_3",null,null,3]]})");
  expect_rejected("union kind=inner (print x=1), (print x=toint(2))", "untranslatable-types");
}

TEST_CASE("column_names_of a let-bound table and of a function's result (docs examples)") {
  expect_rows(R"(let T = datatable(A:string, B:int) [];
print Columns=column_names_of(T))",
              R"({"columns":[{"name":"Columns","type":"dynamic"}],"rows":[[["A","B"]]]})");
  expect_rows(R"(let MyFunction1 = () { print A="", B=1 };
print Columns=column_names_of(MyFunction1()))",
              R"({"columns":[{"name":"Columns","type":"dynamic"}],"rows":[[["A","B"]]]})");
}

TEST_CASE("scan with one step: running sums (docs examples)") {
  expect_rows(R"(range x from 1 to 5 step 1
| scan declare (cumulative_x:long=0) with
(
    step s1: true => cumulative_x = x + s1.cumulative_x;
))",
              R"({"columns":[{"name":"x","type":"long"},{"name":"cumulative_x","type":"long"}],
                  "rows":[[1,1],[2,3],[3,6],[4,10],[5,15]]})");
  expect_rows(R"(range x from 1 to 5 step 1
| extend y = 2 * x
| scan declare (cumulative_x:long=0, cumulative_y:long=0) with
(
    step s1: true => cumulative_x = iff(s1.cumulative_x >= 10, x, x + s1.cumulative_x),
                     cumulative_y = iff(s1.cumulative_y >= 10, y, y + s1.cumulative_y);
))",
              R"({"columns":[{"name":"x","type":"long"},{"name":"y","type":"long"},
                             {"name":"cumulative_x","type":"long"},{"name":"cumulative_y","type":"long"}],
                  "rows":[[1,2,1,2],[2,4,3,6],[3,6,6,12],[4,8,10,8],[5,10,5,18]]})");
}

TEST_CASE("scan forms that are not translated are refused") {
  expect_rejected(R"(range x from 1 to 5 step 1
| scan declare (a:long) with (
    step s1: x == 1 => a = x;
    step s2: x > 1 => a = s1.a;
))",
                  "unsupported-construct");
  expect_rejected(R"(datatable(x:long)[1, 2] | summarize by x
| scan declare (c:long=0) with (step s1: true => c = s1.c + x;))",
                  "nondeterministic-result");
}
