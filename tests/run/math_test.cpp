// The 'math' family on SQLite and PostgreSQL: numbers, bits, datetimes and the statistical,
// bitwise and property-bag aggregates. Rows are Microsoft's docs examples (where the docs print
// a rounded real, the exact double is asserted: sqrt(2.5) for the docs' 1.58113883008419).
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

TEST_CASE("sign, around and the binary_* functions: docs examples") {
  expect_rows("print s1 = sign(-42), s2 = sign(0), s3 = sign(11.2)", R"({"rows":[[-1,0,1.0]]})");
  expect_rows(
      "range dt from datetime(2021-01-01 01:00) to datetime(2021-01-01 02:00) step 1min "
      "| where around(dt, datetime(2021-01-01 01:30), 1min)",
      R"({"rows":[["2021-01-01T01:29:00.0000000Z"],["2021-01-01T01:30:00.0000000Z"],
                  ["2021-01-01T01:31:00.0000000Z"]]})");
  expect_rows("range x from 1 to 5 step 1 | where around(x, 3, 1) | summarize count()",
              R"({"rows":[[3]]})");
  expect_rows(
      "print a = binary_and(6, 3), o = binary_or(5, 3), x = binary_xor(1, 1), n = binary_not(100),"
      " l = binary_shift_left(1, 2), r = binary_shift_right(1, 2), x2 = binary_xor(-1, 5),"
      " neg = binary_shift_right(-16, 2), wrap = binary_shift_left(1, 65)",
      R"({"rows":[[2,7,0,-101,4,0,-6,-4,2]]})");
}

TEST_CASE("datetime_add, datetime_diff, datetime_part: docs examples") {
  expect_rows(
      "print year = datetime_add('year',1,make_datetime(2017,1,1)), quarter = "
      "datetime_add('quarter',1,make_datetime(2017,1,1)), month = "
      "datetime_add('month',1,make_datetime(2017,1,1)), week = "
      "datetime_add('week',1,make_datetime(2017,1,1)), day = "
      "datetime_add('day',1,make_datetime(2017,1,1)), hour = "
      "datetime_add('hour',1,make_datetime(2017,1,1)), minute = "
      "datetime_add('minute',1,make_datetime(2017,1,1)), second = "
      "datetime_add('second',1,make_datetime(2017,1,1))",
      R"({"rows":[["2018-01-01T00:00:00.0000000Z","2017-04-01T00:00:00.0000000Z",
                   "2017-02-01T00:00:00.0000000Z","2017-01-08T00:00:00.0000000Z",
                   "2017-01-02T00:00:00.0000000Z","2017-01-01T01:00:00.0000000Z",
                   "2017-01-01T00:01:00.0000000Z","2017-01-01T00:00:01.0000000Z"]]})");
  expect_rows(
      "print  year = datetime_add('year',-5,make_datetime(2017,1,1)), quarter = "
      "datetime_add('quarter',12,make_datetime(2017,1,1)), month = "
      "datetime_add('month',-15,make_datetime(2017,1,1)), week = "
      "datetime_add('week',100,make_datetime(2017,1,1))",
      R"({"rows":[["2012-01-01T00:00:00.0000000Z","2020-01-01T00:00:00.0000000Z",
                   "2015-10-01T00:00:00.0000000Z","2018-12-02T00:00:00.0000000Z"]]})");
  // Months clamp the day (as .NET's AddMonths); out of 0001..9999 is null.
  expect_rows(
      "print a = datetime_add('month', 1, datetime(2016-01-31)), b = datetime_add('Year', 1, "
      "datetime(2016-02-29 10:00:00.1234567)), c = datetime_add('day', -1, datetime(0001-01-01)), "
      "d = datetime_add('millisecond', 5, datetime(2020-01-01))",
      R"({"rows":[["2016-02-29T00:00:00.0000000Z","2017-02-28T10:00:00.1234567Z",null,
                   "2020-01-01T00:00:00.0050000Z"]]})");
  expect_rows(
      "print year = datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)), quarter = "
      "datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)), month = "
      "datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)), week = "
      "datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)), day = "
      "datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)), hour = "
      "datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)), minute = "
      "datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)), "
      "second = datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 "
      "23:00:00.900)), millisecond = datetime_diff('millisecond',datetime(2017-10-30 "
      "23:00:00.200100),datetime(2017-10-30 23:00:00.100900)), microsecond = "
      "datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 "
      "23:00:00.1008009)), nanosecond = datetime_diff('nanosecond',datetime(2017-10-30 "
      "23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))",
      R"({"rows":[[17,2,13,5,29,2,5,10,100,100,-700]]})");
  expect_rows(
      "let dt = datetime(2017-10-30 01:02:03.7654321); print year = datetime_part('year', dt), "
      "quarter = datetime_part('quarter', dt), month = datetime_part('month', dt), weekOfYear = "
      "datetime_part('week_of_year', dt), day = datetime_part('day', dt), dayOfYear = "
      "datetime_part('dayOfYear', dt), hour = datetime_part('hour', dt), minute = "
      "datetime_part('minute', dt), second = datetime_part('second', dt), millisecond = "
      "datetime_part('millisecond', dt), microsecond = datetime_part('microsecond', dt), "
      "nanosecond = datetime_part('nanosecond', dt)",
      R"({"rows":[[2017,4,10,44,30,303,1,2,3,765,765432,765432100]]})");
  // ISO 8601 weeks around the turn of the year.
  expect_rows(
      "print a = week_of_year(datetime(2020-12-31)), b = week_of_year(datetime(2020-06-15)), "
      "c = week_of_year(datetime(1970-01-01)), d = week_of_year(datetime(2000-01-01))",
      R"({"rows":[[53,25,1,52]]})");
  expect_rows(
      "print w1 = week_of_year(datetime(2021-01-01)), w2 = week_of_year(datetime(2020-12-31)), "
      "w3 = week_of_year(datetime(2021-01-04)), w4 = week_of_year(datetime(2018-12-31)), "
      "m = monthofyear(datetime('2015-12-14'))",
      R"({"rows":[[53,53,1,1,12]]})");
}

TEST_CASE("unixtime_*_todatetime and format_datetime: docs examples") {
  expect_rows(
      "print a = unixtime_microseconds_todatetime(1546300800000000), b = "
      "unixtime_seconds_todatetime(1546300800), c = "
      "unixtime_milliseconds_todatetime(1546300800123), d = "
      "unixtime_nanoseconds_todatetime(1546300800123456789), e = "
      "unixtime_seconds_todatetime(-62135596801)",
      R"({"rows":[["2019-01-01T00:00:00.0000000Z","2019-01-01T00:00:00.0000000Z",
                   "2019-01-01T00:00:00.1230000Z","2019-01-01T00:00:00.1234567Z",null]]})");
  expect_rows(
      "let dt = datetime(2017-01-29 09:00:05); print v1=format_datetime(dt,'yy-MM-dd "
      "[HH:mm:ss]'), v2=format_datetime(dt, 'yyyy-M-dd [H:mm:ss]'), v3=format_datetime(dt, "
      "'yy-MM-dd [hh:mm:ss tt]')",
      R"({"rows":[["17-01-29 [09:00:05]","2017-1-29 [9:00:05]","17-01-29 [09:00:05 AM]"]]})");
  // The element table's own examples.
  expect_rows(
      "print a = format_datetime(datetime(2009-06-15T13:45:30.6175425), 'h hh H HH tt fff "
      "FFFFFFF'), b = format_datetime(datetime(2009-06-15T13:45:30.0001150), "
      "'fffffff,FFFFFFF,F'), c = format_datetime(datetime(0900-01-01), 'y yy yyyy')",
      R"({"rows":[["1 01 13 13 PM 617 6175425","0001150,000115,","0 00 0900"]]})");
}

TEST_CASE("format_timespan: docs example; a negative timespan is an error, not a guess") {
  expect_rows(
      "let t = time(29.09:00:05.12345); print v1=format_timespan(t, 'dd.hh:mm:ss:FF'), "
      "v2=format_timespan(t, 'ddd.h:mm:ss [fffffff]'), v3=format_timespan(1000d, 'd-H-m-s')",
      R"({"rows":[["29.09:00:05:12","029.9:00:05 [1234500]","1000-0-0-0"]]})");
  expect_fails("print format_timespan(-1d, 'd')");
}

TEST_CASE("assert(): docs examples (a false constant condition fails the query)") {
  const std::string fn =
      "let checkLength = (len:long, s:string) { assert(len > 0, \"Length must be greater than "
      "zero\") and strlen(s) > len }; datatable(input:string) ['123', '4567'] ";
  expect_rows(fn + "| where checkLength(len=3, input)", R"({"rows":[["4567"]]})");
  expect_fails(fn + "| where checkLength(len=long(-1), input)");
  expect_rejected("datatable(x:long) [1] | where assert(x > 0, 'm')", "unsupported-function");
}

TEST_CASE("stdev, variance, covariance and their -p / -if forms: docs examples") {
  expect_rows("range x from 1 to 5 step 1 | summarize make_list(x), stdev(x)",
              R"({"columns":[{"name":"list_x","type":"dynamic"},{"name":"stdev_x","type":"real"}],
                  "rows":[[[1,2,3,4,5],1.5811388300841898]]})");
  expect_rows("range x from 1 to 5 step 1 | summarize stdevp(x), variance(x), variancep(x)",
              R"({"rows":[[1.4142135623730951,2.5,2.0]]})");
  expect_rows(
      "range x from 1 to 100 step 1 | summarize stdevif(x, x % 2 == 0), varianceif(x, x % "
      "2 == 0)",
      R"({"rows":[[29.154759474226502,850.0]]})");
  expect_rows(
      "datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0] "
      "| summarize covariancep(x, y), covariance(x, y)",
      R"({"columns":[{"name":"covariancep_x_y","type":"real"},
                     {"name":"covariance_x_y","type":"real"}],"rows":[[16.4,20.5]]})");
  expect_rows(
      "range x from 1 to 100 step 1 | extend y = iff(x % 2 == 0, x * 2, x * 3) "
      "| summarize covarianceif(x, y, x % 3 == 0)",
      R"({"columns":[{"name":"covarianceif_x_y","type":"real"}],"rows":[[2142.0]]})");
  // Per group, nulls skipped.
  expect_rows(
      "datatable(k:string, x:long) ['a', 1, 'a', 3, 'a', long(null), 'b', 10, 'b', 20] "
      "| summarize v = variance(x) by k | order by k asc",
      R"({"rows":[["a",2.0],["b",50.0]]})");
  // One value: Kusto's sample statistic of it is not documented.
  expect_fails("print x = 1 | summarize stdev(x)");
  expect_fails("datatable(x:long) [1, 2] | where x > 5 | summarize variancep(x)");
}

TEST_CASE("binary_all_* and make_bag / make_bag_if: docs examples") {
  expect_rows(
      "datatable(num:long) [0x88888008, 0x42000000, 0x00767000, 0x00000005] "
      "| summarize r = binary_all_or(num)",
      R"({"rows":[[3405705229]]})");  // 0xCAFEF00D
  expect_rows(
      "datatable(num:long) [0x44404440, 0x1E1E1E1E, 0x90ABBA09, 0x000B105A] "
      "| summarize r = binary_all_xor(num)",
      R"({"rows":[[3405705229]]})");
  expect_rows(
      "datatable(num:long) [0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF] "
      "| summarize r = binary_all_and(num)",
      R"({"rows":[[3405705229]]})");
  expect_rows(
      "let T = datatable(prop:string, value:string) [\"prop01\", \"val_a\", \"prop02\", "
      "\"val_b\", \"prop03\", \"val_c\"]; T | extend p = bag_pack(prop, value) "
      "| summarize dict=make_bag(p)",
      R"({"rows":[[{"prop01":"val_a","prop02":"val_b","prop03":"val_c"}]]})");
  expect_rows(
      "let T = datatable(prop:string, value:string, predicate:bool) [\"prop01\", \"val_a\", true,"
      " \"prop02\", \"val_b\", false, \"prop03\", \"val_c\", true]; T "
      "| extend p = bag_pack(prop, value) | summarize dict=make_bag_if(p, predicate)",
      R"({"rows":[[{"prop01":"val_a","prop03":"val_c"}]]})");
}

TEST_CASE("math functions whose KQL result is not reproduced are rejected by name") {
  expect_rejected("print isnan(1.0)", "unsupported-function");
  expect_rejected("print isinf(1.0)", "unsupported-function");
  expect_rejected("print isfinite(1.0)", "unsupported-function");
  expect_rejected("print beta_pdf(0.5, 10.0, 20.0)", "unsupported-function");
  expect_rejected("print gamma(3)", "unsupported-function");
  expect_rejected("print convert_length(1.2, 'Meter', 'Foot')", "unsupported-function");
  expect_rejected("print erfc(1.0)", "unsupported-function");
  expect_rejected("print todecimal('123.45678')", "unsupported-function");
  expect_rejected(
      "range t from datetime(2017-01-01) to datetime(2017-01-02) step 1h "
      "| summarize count() by bin_auto(t)",
      "unsupported-function");
  expect_rejected("print datetime_add('nanosecond', 1, datetime(2017-01-01))",
                  "unsupported-function");
  expect_rejected("print datetime_part('weekofyear', datetime(2017-01-01))",
                  "unsupported-function");
  expect_rejected("print format_datetime(datetime(2017-01-01), 'MMM')", "unsupported-function");
  expect_rejected("print format_datetime(datetime(2017-01-01), 'yyyy-MM-ddTHH')",
                  "unsupported-function");
  expect_rejected("print format_datetime(datetime(2017-01-01), 'ss.FFF')", "unsupported-function");
  expect_rejected("print unixtime_seconds_todatetime(1.5)", "unsupported-function");
}

TEST_CASE("make_timespan: the documented forms; parts outside the documented ranges fail") {
  // The reference's example, and the forms a corpus beacon hunt uses.
  expect_rows(R"(print a = make_timespan(1,12,30,55.123), b = make_timespan(0,0,0.001),
                 c = make_timespan(2, 30), d = make_timespan(23, 59, 59.9999999),
                 e = make_timespan(1, 2, 3), f = make_timespan(long(null), 1))",
              R"([["1.12:30:55.1230000", "00:00:00.0010000", "02:30:00", "23:59:59.9999999",
                  "01:02:03", null]])");
  expect_rows(R"(print n = toint((1d - 1s) / make_timespan(0,0,0.001)))", R"([[86399000]])");
  expect_fails("print make_timespan(24, 0)", "hour 0-23");
  expect_fails("print make_timespan(0, 60, 0)", "minute 0-59");
  expect_fails("print make_timespan(0, 0, 60.0)", "second");
  expect_fails("print make_timespan(-1, 0, 0, 0)", "day >= 0");
  expect_fails("print make_timespan(0, 0, 0.00000001)", "finer than a tick");
  expect_rejected("print make_timespan(1.5, 0)", "untranslatable-types");
}

TEST_CASE("make_datetime: null for a date that does not exist; the time of day is checked") {
  expect_rows(R"(print a = make_datetime(2017,10,01), b = make_datetime(2024,2,29,23,59,59.5),
                 c = make_datetime(2023,2,29), d = make_datetime(2024,4,31), e = make_datetime(0,1,1),
                 f = make_datetime(10000,1,1), g = make_datetime(2024,13,1))",
              R"([["2017-10-01T00:00:00.0000000Z", "2024-02-29T23:59:59.5000000Z", null, null,
                  null, null, null]])");
  expect_fails("print make_datetime(2024,1,1,24,0,0)", "time of day");
  expect_fails("print make_datetime(2024,1,1,0,60,0)", "time of day");
  expect_fails("print make_datetime(2024,1,1,0,0,60)", "time of day");
}

TEST_CASE("round(): the reference's examples; undocumented midpoints fail") {
  expect_rows(R"(print a = round(2.98765, 3), b = round(2.15, 1), c = round(2.15),
                 d = round(-50.55, -2), e = round(21.5, -1), f = round(real(null), 1),
                 g = round(-21.5), h = round(0.4999))",
              R"([[2.988, 2.2, 2.0, -100.0, 20.0, null, -22.0, 0.0]])");
  // To even or away from zero: 22.5 and 2.5 differ between the two rules.
  expect_fails("print round(22.5)", "midpoint");
  expect_fails("print round(0.125, 2)", "midpoint");
  // 1.005 is 1.00499999999999989... in a double: near a midpoint, where scaling in decimals
  // would give another answer.
  expect_fails("print round(1.005, 2)", "midpoint");
  expect_rejected("print round(12, 1)", "untranslatable-types");
  expect_rejected("let p = 1; print round(1.5, p)", "unsupported-function", "literal");
}

TEST_CASE("math at the edges of doubles: the infinities and zeros IEEE gives, on both engines") {
  expect_rows(
      R"(print a = log(0.0), b = log10(0.0), c = log(-1.0), d = exp(1000.0), e = exp(-1000.0),
                 f = pow(0.0, -1.0), g = tolong(-2.9))",
      R"([["-Infinity", "-Infinity", null, "Infinity", 0.0, "Infinity", -2]])");
  expect_fails("print tolong(1e19)");
}

TEST_CASE(
    "result types as Kusto.Language types them: sign() real, ceiling(long) long, strcmp long") {
  expect_rows(R"(print s = sign(-42), c = ceiling(0), d = ceiling(0.5), r = strcmp("a", "b"))",
              R"({"columns": [{"name": "s", "type": "real"}, {"name": "c", "type": "long"},
                              {"name": "d", "type": "real"}, {"name": "r", "type": "long"}],
                  "rows": [[-1.0, 0, 1.0, -1]]})");
}
