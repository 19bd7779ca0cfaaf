// make-series (no by-list, from/to/step) on SQLite and PostgreSQL. Expected rows are the KQL
// docs' examples (make-series-operator.md) unless a comment says otherwise.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

using kql::run::Engine;

namespace {

const char* kData = R"(let data=datatable(timestamp:datetime, metric: real)
[
  datetime(2016-12-31T06:00), 50,
  datetime(2017-01-01), 4,
  datetime(2017-01-02), 3,
  datetime(2017-01-03), 4,
  datetime(2017-01-03T03:00), 6,
  datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13,
  datetime(2017-01-06), 4,
  datetime(2017-01-07), 3,
  datetime(2017-01-08), 8,
  datetime(2017-01-08T21:00), 8,
  datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11,
  datetime(2017-01-10T05:00), 5,
];
let interval = 1d;
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
)";

}  // namespace

TEST_CASE("make-series: avg per day with the default 0 in empty bins (docs example)") {
  expect_rows(
      std::string(kData) +
          "data | make-series avg(metric) on timestamp from stime to etime step interval",
      R"({"columns":[{"name":"avg_metric","type":"dynamic"},{"name":"timestamp","type":"dynamic"}],
          "rows":[[[4.0,3.0,5.0,0.0,10.5,4.0,3.0,8.0,6.5],
                   ["2017-01-01T00:00:00.0000000Z","2017-01-02T00:00:00.0000000Z",
                    "2017-01-03T00:00:00.0000000Z","2017-01-04T00:00:00.0000000Z",
                    "2017-01-05T00:00:00.0000000Z","2017-01-06T00:00:00.0000000Z",
                    "2017-01-07T00:00:00.0000000Z","2017-01-08T00:00:00.0000000Z",
                    "2017-01-09T00:00:00.0000000Z"]]]})");
}

TEST_CASE("make-series: named series, a constant series and default= (docs example)") {
  expect_rows(R"(let startDate = datetime(2025-01-06);
let endDate = datetime(2025-02-09);
let data = datatable(Time: datetime, Value: int, other:int)
[
    datetime(2025-01-07), 10, 11,
    datetime(2025-01-16), 20, 21,
    datetime(2025-02-01), 30, 5
];
data
| make-series Value=sum(Value), other=-1 default=-2 on Time from startDate to endDate step 7d
| mv-expand Value, Time, other
| extend Time=todatetime(Time), Value=toint(Value), other=toint(other)
| project-reorder Time, Value, other)",
              R"({"rows":[["2025-01-06T00:00:00.0000000Z",10,-1],
                          ["2025-01-13T00:00:00.0000000Z",20,-1],
                          ["2025-01-20T00:00:00.0000000Z",0,-2],
                          ["2025-01-27T00:00:00.0000000Z",30,-1],
                          ["2025-02-03T00:00:00.0000000Z",0,-2]]})");
}

TEST_CASE("make-series: an empty input gives no row; kind=nonempty gives the defaults") {
  // The docs: kind=nonempty "produces a default result when the input of make-series is empty".
  const std::string q = std::string(kData) + "data | where metric > 100 | make-series ";
  expect_rows(q + "count() on timestamp from stime to etime step 3d", R"({"rows":[]})");
  expect_rows(q + "kind=nonempty count() on timestamp from stime to etime step 3d",
              R"({"rows":[[[0,0,0],["2017-01-01T00:00:00.0000000Z",
                  "2017-01-04T00:00:00.0000000Z","2017-01-07T00:00:00.0000000Z"]]]})");
}

TEST_CASE("make-series: rejected forms") {
  const std::string q = std::string(kData) + "data | extend k = 1 | make-series ";
  expect_rejected(q + "avg(metric) on timestamp from stime to etime step 1d by k",
                  "unsupported-construct");
  expect_rejected(q + "avg(metric) on timestamp step 1d", "unsupported-construct");
  expect_rejected(q + "avg(metric) on timestamp in range(stime, etime, 1d)",
                  "unsupported-construct");
  expect_rejected(q + "make_list(metric) on timestamp from stime to etime step 1d",
                  "unsupported-construct");
}

// partition: expected rows worked out by hand from the docs' definition (the union of the
// subquery's results over each partition's rows); the result has no order, so each query
// ends with a sort.
TEST_CASE("partition: top N, sort | take, summarize and row-wise operators per partition") {
  const std::string t = R"(datatable(k:string, x:long, y:string)
["a", 1, "p", "a", 5, "q", "a", 3, "r", "b", 7, "s", "b", 2, "t", "c", 4, "u"]
)";
  expect_rows(t + "| partition hint.strategy=native by k (top 2 by x) | sort by k asc, x asc",
              R"({"rows":[["a",3,"r"],["a",5,"q"],["b",2,"t"],["b",7,"s"],["c",4,"u"]]})");
  expect_rows(t + "| partition hint.strategy=shuffle by k (where x > 1 | sort by x asc | take 1 "
                  "| project y, z = x * 10) | sort by y asc",
              R"({"rows":[["r",30],["t",20],["u",40]]})");
  expect_rows(t + "| partition hint.strategy=native by k (summarize n = count(), s = sum(x)) "
                  "| sort by n asc",
              R"({"columns":[{"name":"n","type":"long"},{"name":"s","type":"long"}],
                  "rows":[[1,4],[2,9],[3,9]]})");
}

TEST_CASE("partition: rejected forms") {
  const std::string t = "datatable(k:string, x:long)[\"a\", 1] | partition ";
  // the default (legacy) strategy fails beyond 64 partitions
  expect_rejected(t + "by k (top 1 by x)", "unsupported-construct");
  // prev() would see the other partitions' rows
  expect_rejected(t + "hint.strategy=native by k (sort by x | extend p = prev(x))",
                  "unsupported-construct");
  expect_rejected(t + "hint.strategy=native by k (take 1)", "unsupported-construct");
  expect_rejected(t + "hint.strategy=native by k (project-away k, x)", "unsupported-construct");
}

TEST_CASE("partition and make-series: more rejected forms") {
  expect_rejected(std::string(kData) +
                      "data | make-series timestamp = count() on timestamp from stime to etime "
                      "step 1d",
                  "unsupported-construct");
  expect_rejected(
      "datatable(k:dynamic, x:long)[dynamic(1), 1] | partition hint.strategy=native by k "
      "(top 1 by x)",
      "unsupported-construct");
}
