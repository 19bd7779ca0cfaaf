// Output row schemas of each operator, checked against what Microsoft's binder prints
// (`kqlcheck.js -r`) for the same queries.
#include <doctest/doctest.h>

#include "sema_test_util.h"

using kql::test::bind_text;

namespace {
const char* kT = "datatable(A:string, B:long, Timestamp:datetime, D:dynamic, R:real)[]";
std::string rows(const std::string& ops) {
  return bind_text(std::string(kT) + " | " + ops)->result();
}
}  // namespace

TEST_CASE("extend adds, shadows in place and names unnamed expressions") {
  CHECK(rows("extend X = 1, B = 'x'") ==
        "(A:string, B:string, Timestamp:datetime, D:dynamic, R:real, X:long)");
  CHECK(rows("extend tolower(A), strlen(A), D.x, D['y']") ==
        "(A:string, B:long, Timestamp:datetime, D:dynamic, R:real, Column1:string, strlen_A:long, "
        "D_x:dynamic, D_y:dynamic)");
}

TEST_CASE("project and its variants") {
  CHECK(
      rows("project tolower(A), B+1, D.x.z, A, bin(Timestamp, 1d), todatetime(D.q)") ==
      "(Column1:string, Column2:long, D_x_z:dynamic, A:string, Timestamp:datetime, D_q:datetime)");
  CHECK(rows("project-away A, D") == "(B:long, Timestamp:datetime, R:real)");
  CHECK(rows("project-away T*") == "(A:string, B:long, D:dynamic, R:real)");
  CHECK(rows("project-keep T*, R") == "(Timestamp:datetime, R:real)");
  CHECK(rows("project-rename X = A") ==
        "(X:string, B:long, Timestamp:datetime, D:dynamic, R:real)");
  CHECK(rows("project-reorder R, D") ==
        "(R:real, D:dynamic, A:string, B:long, Timestamp:datetime)");
}

TEST_CASE("summarize output names") {
  CHECK(rows("summarize count(), countif(B>1), dcount(A), sum(B), avg(B), make_set(A), "
             "make_list(A), min(B), max(B), take_any(A), any(A), dcountif(A, B>1), "
             "percentile(B, 50), percentiles(B, 50, 90), make_set_if(A, B>1), make_bag(D), "
             "arg_max(B, A), count_distinct(A) by bin(Timestamp,1h)") ==
        "(Timestamp:datetime, count_:long, countif_:long, dcount_A:long, sum_B:long, "
        "avg_B:real, set_A:dynamic, list_A:dynamic, min_B:long, max_B:long, A:string, "
        "any_A:string, dcountif_A:long, percentile_B_50:long, percentile_B_501:long, "
        "percentile_B_90:long, set_A1:dynamic, bag_D:dynamic, B:long, A1:string, "
        "count_distinct_A:long)");
  CHECK(rows("summarize dcount(tostring(A)), max(B+1), count(), count() by tolower(A), B % 2") ==
        "(Column1:string, Column2:long, dcount_A:long, max_:long, count_:long, count_1:long)");
  // The legacy count(X) is named after its argument (Microsoft's binder: count_RemoteUrl)
  CHECK(rows("summarize count(A) by B") == "(B:long, count_A:long)");
  CHECK(rows("summarize arg_max(Timestamp, *) by A") ==
        "(A:string, Timestamp:datetime, B:long, D:dynamic, R:real)");
  CHECK(rows("summarize N=count() by X=A") == "(X:string, N:long)");
  CHECK(rows("summarize max(B) by max_B=A") == "(max_B:string, max_B1:long)");
}

TEST_CASE("distinct, count, take, sort, top keep or replace the schema") {
  CHECK(rows("distinct A, B") == "(A:string, B:long)");
  CHECK(rows("count") == "(Count:long)");
  CHECK(rows("take 5 | sort by B | top 3 by R") ==
        "(A:string, B:long, Timestamp:datetime, D:dynamic, R:real)");
}

TEST_CASE("join kinds and the renaming of clashing right columns") {
  auto inner = bind_text(
      "DeviceNetworkEvents | summarize count() by bin(Timestamp,1h), ActionType "
      "| join kind=inner (DeviceInfo | project Timestamp, DeviceId) on $left.ActionType == "
      "$right.DeviceId");
  CHECK(
      inner->result() ==
      "(Timestamp:datetime, ActionType:string, count_:long, Timestamp1:datetime, DeviceId:string)");
  CHECK(inner->problems().empty());
  CHECK(
      bind_text("DeviceInfo | project DeviceId, A=1 | join kind=leftanti (DeviceInfo) on DeviceId")
          ->result() == "(DeviceId:string, A:long)");
  CHECK(bind_text("DeviceInfo | project DeviceId, A=1 | join kind=rightsemi (DeviceInfo "
                  "| project DeviceId, OSBuild) on DeviceId")
            ->result() == "(DeviceId:string, OSBuild:long)");
  CHECK(bind_text("DeviceInfo | project DeviceId, A=1 | lookup (DeviceInfo | project DeviceId, "
                  "OSBuild) on DeviceId")
            ->result() == "(DeviceId:string, A:long, OSBuild:long)");
}

TEST_CASE("union, mv-expand, parse, print, range, datatable") {
  CHECK(bind_text("union withsource=T (print a=1), (print b='x')")->result() ==
        "(T:string, a:long, b:string)");
  CHECK(rows("mv-expand D to typeof(string), X = split(A, ',')") ==
        "(A:string, B:long, Timestamp:datetime, D:string, R:real, X:dynamic)");
  CHECK(rows("parse A with 'x=' X:long ' y=' Y") ==
        "(A:string, B:long, Timestamp:datetime, D:dynamic, R:real, X:long, Y:string)");
  CHECK(bind_text("print 1, x = 'a'")->result() == "(print_0:long, x:string)");
  CHECK(bind_text("range i from 1 to 10 step 1")->result() == "(i:long)");
}

TEST_CASE("let tabular values, materialize and user functions with parameters") {
  auto b = bind_text(
      "let base = (){ DeviceInfo | extend F = todynamic(AdditionalFields) | project DeviceId, F "
      "};\n"
      "let m = materialize(base());\n"
      "let f = (T:(*), n:int = 5) { T | take n | extend K = n };\n"
      "f(m) | project DeviceId, K, F");
  CHECK(b->result() == "(DeviceId:string, K:int, F:dynamic)");
  CHECK(b->problems().empty());
}

TEST_CASE("unmodelled operators give open schemas, so no unknown column follows") {
  auto b = bind_text("DeviceInfo | evaluate bag_unpack(todynamic(AdditionalFields)) | project Foo");
  CHECK(b->problems().empty());
}
