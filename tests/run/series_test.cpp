// series_* functions on SQLite and PostgreSQL: the rows are Microsoft's docs examples (or follow
// from the documented rules), compared strictly so that reals stay reals (1.0, not 1) in JSON.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;
using kql::run::Engine;

namespace {

const char* kRange =
    "range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 "
    "| project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)";

}  // namespace

TEST_CASE("series arithmetic: docs examples (longs stay longs, divide and pow are reals)") {
  expect_rows(std::string(kRange) + " | extend r = series_add(s1, s2)",
              R"({"rows":[[[1,2,4],[4,2,1],[5,4,5]],[[2,4,8],[8,4,2],[10,8,10]],
                            [[3,6,12],[12,6,3],[15,12,15]]]})");
  expect_rows(std::string(kRange) + " | extend r = series_multiply(s1, s2) | project r",
              R"({"rows":[[[4,4,4]],[[16,16,16]],[[36,36,36]]]})");
  expect_rows(std::string(kRange) + " | extend r = series_subtract(s1, s2) | project r",
              R"({"rows":[[[-3,0,3]],[[-6,0,6]],[[-9,0,9]]]})");
  expect_rows(std::string(kRange) + " | extend s1_divide_s2 = series_divide(s1, s2)",
              R"({"columns":[{"name":"s1","type":"dynamic"},{"name":"s2","type":"dynamic"},
                               {"name":"s1_divide_s2","type":"dynamic"}],
                    "rows":[[[1,2,4],[4,2,1],[0.25,1.0,4.0]],[[2,4,8],[8,4,2],[0.25,1.0,4.0]],
                            [[3,6,12],[12,6,3],[0.25,1.0,4.0]]]})");
  expect_rows(
      "print x = dynamic([1, 2, 3, 4]), y=dynamic([1, 2, 3, 0.5]) | extend x_pow_y = "
      "series_pow(x, y) | project x_pow_y",
      R"({"rows":[[[1.0,4.0,27.0,2.0]]]})");
}

TEST_CASE("series comparisons: docs examples") {
  const std::string p = "print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1]) | project ";
  expect_rows(p + "r = series_equals(s1, s2)", R"({"rows":[[[false,true,false]]]})");
  expect_rows(p + "r = series_not_equals(s1, s2)", R"({"rows":[[[true,false,true]]]})");
  expect_rows(p + "r = series_greater(s1, s2)", R"({"rows":[[[false,false,true]]]})");
  expect_rows(p + "r = series_greater_equals(s1, s2)", R"({"rows":[[[false,true,true]]]})");
  expect_rows(p + "r = series_less(s1, s2)", R"({"rows":[[[true,false,false]]]})");
  expect_rows(p + "r = series_less_equals(s1, s2)", R"({"rows":[[[true,true,false]]]})");
}

TEST_CASE("series: missing elements, unequal lengths and a broadcast scalar") {
  // Any non-numeric or non-existing element (arrays of different sizes) yields null.
  expect_rows(R"(print r = series_add(dynamic([1, null, "a", 4]), dynamic([10, 20, 30])))",
              R"({"rows":[[[11,null,null,null]]]})");
  expect_rows(R"(print r = series_less(dynamic([1, 5]), dynamic([2, 2, 2])))",
              R"({"rows":[[[true,false,null]]]})");
  expect_rows(
      R"(print r = series_multiply(dynamic([1, 2, 3]), 2), g = series_greater(3, dynamic([1, 5])))",
      R"({"rows":[[[2,4,6],[true,false]]]})");
  expect_rows(R"(print r = series_multiply(dynamic([1.5, 2.0]), 2.0))",
              R"({"rows":[[[3.0,4.0]]]})");
  // long and real elements mixed: KQL's result type is not documented -> an error, not a guess
  expect_fails(R"(print r = series_add(dynamic([1, 2]), dynamic([0.5, 1])))");
  expect_fails(R"(print r = series_divide(dynamic([1]), dynamic([0])))");
}

TEST_CASE("series element-wise math: docs examples") {
  expect_rows("print s = dynamic([1,2,3]) | extend s_log = series_log(s) | project s_log",
              R"({"rows":[[[0.0,0.6931471805599453,1.0986122886681098]]]})");
  expect_rows(
      "print s = dynamic([-1.5,1,2.5]) | extend s_floor = series_floor(s) | project s_floor",
      R"({"rows":[[[-2.0,1.0,2.0]]]})");
  expect_rows("print arr = dynamic([-1,0,1]) | project c = series_cos(arr), s = series_sin(arr)",
              R"({"rows":[[[0.5403023058681398,1.0,0.5403023058681398],
                             [-0.8414709848078965,0.0,0.8414709848078965]]]})");
  expect_rows("print arr = dynamic([-1,0,1]) | project a = series_acos(arr), t = series_atan(arr)",
              R"({"rows":[[[3.141592653589793,1.5707963267948966,0.0],
                             [-0.7853981633974483,0.0,0.7853981633974483]]]})");
  expect_rows("print arr = dynamic([-6, 0, 8]) | project arr_sign = series_sign(arr)",
              R"({"rows":[[[-1,0,1]]]})");
  expect_rows("print arr = dynamic([-6.5, 0.0, 8.2]) | project arr_abs = series_abs(arr)",
              R"({"rows":[[[6.5,0.0,8.2]]]})");
}

TEST_CASE("series_sum, series_magnitude, series_dot_product, series_cosine_similarity") {
  expect_rows("print arr=dynamic([1,2,3,4]) | extend series_sum=series_sum(arr)",
              R"({"columns":[{"name":"arr","type":"dynamic"},{"name":"series_sum","type":"real"}],
                    "rows":[[[1,2,3,4],10.0]]})");
  expect_rows("print arr=dynamic([1,2,3,4]) | project m = series_magnitude(arr)",
              R"({"rows":[[5.477225575051661]]})");
  expect_rows(std::string(kRange) + " | project d = series_dot_product(s1, s2)",
              R"({"rows":[[12.0],[48.0],[108.0]]})");
  expect_rows(
      "range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 "
      "| project s1 = pack_array(x,y,z), s2 = x | project d = series_dot_product(s1, s2)",
      R"({"rows":[[7.0],[28.0],[63.0]]})");
  expect_rows(R"(print d = series_dot_product(dynamic([]), dynamic([1])))", R"({"rows":[[null]]})");
  expect_rows(
      R"(datatable(s1:dynamic, s2:dynamic)
[dynamic([0.1,0.2,0.1,0.2]), dynamic([0.11,0.2,0.11,0.21]), dynamic([0.1,0.2,0.1,0.2]), dynamic([1,2,3,4])]
| extend c = series_cosine_similarity(s1, s2)
| project ok = abs(c - 0.99935343825504) < 1e-14 or abs(c - 0.923760430703401) < 1e-15)",
      R"({"rows":[[true],[true]]})");
}

TEST_CASE("series_fill_*: docs examples") {
  expect_rows(
      "let data = datatable(arr: dynamic)[dynamic([111, null, 36, 41, null, null, 16, 61, 33, "
      "null, null])]; data | project fill_backward = series_fill_backward(arr)",
      R"({"rows":[[[111,36,36,41,16,16,16,61,33,null,null]]]})");
  expect_rows(
      "let data = datatable(arr: dynamic)[dynamic([null, null, 36, 41, null, null, 16, 61, 33, "
      "null, null])]; data | project fill_forward = series_fill_forward(arr)",
      R"({"rows":[[[null,null,36,41,41,41,16,61,33,33,33]]]})");
  expect_rows(
      "print arr = dynamic([null, 1, null, 2]) | project c = series_fill_const(arr, 0), "
      "r = series_fill_const(dynamic([null, 1.5]), 0.0)",
      R"({"rows":[[[0,1,0,2],[0.0,1.5]]]})");
  // Longs are cut (73.5 -> 73, 32.667 -> 32 in the docs); reals interpolate; edges optional.
  expect_rows(
      R"(let data = datatable(arr: dynamic)
[dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]),
 dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]),
 dynamic([null, null, null, null])];
data
| project without_args = series_fill_linear(arr),
    wo_edges = series_fill_linear(arr, double(null), false),
    with_const = series_fill_linear(arr, double(null), true, 3.14159))",
      R"({"rows":[
  [[111.0,111.0,73.5,36.0,41.0,32.666666666666664,24.333333333333332,16.0,61.0,33.0,33.0,33.0],
   [null,111.0,73.5,36.0,41.0,32.666666666666664,24.333333333333332,16.0,61.0,33.0,null,null],
   [111.0,111.0,73.5,36.0,41.0,32.666666666666664,24.333333333333332,16.0,61.0,33.0,33.0,33.0]],
  [[111,111,73,36,41,32,24,16,61,33,33,33],[null,111,73,36,41,32,24,16,61,33,null,null],
   [111,111,73,36,41,32,24,16,61,33,33,33]],
  [[0.0,0.0,0.0,0.0],[0.0,0.0,0.0,0.0],[3.14159,3.14159,3.14159,3.14159]]]})");
  expect_rejected("print r = series_fill_forward(dynamic([1, -1]), -1)", "unsupported-function");
}

TEST_CASE("reals keep every digit and their kind in dynamic values on both databases") {
  expect_rows(
      "print p = pack_array(1.0, 0.1 + 0.2), m = series_multiply(dynamic([1.0, 2.0]), 1.0 / 3)",
      R"({"rows":[[[1.0,0.30000000000000004],[0.3333333333333333,0.6666666666666666]]]})");
  expect_rows(
      "print e = series_exp(dynamic([-1000.0, 0.0])), t = series_tan(dynamic([0.0])), "
      "c = series_ceiling(dynamic([1.5, 2.0]))",
      R"({"rows":[[[0.0,1.0],[0.0],[2.0,2.0]]]})");
}

TEST_CASE("series_iir: the docs' cumulative sum") {
  expect_rows("print y = series_iir(dynamic([1.0, 2.0, 3.0, 4.0]), dynamic([1]), dynamic([1,-1]))",
              R"({"rows":[[[1.0,3.0,6.0,10.0]]]})");
}

TEST_CASE("series algorithms we cannot reproduce exactly are rejected by name") {
  expect_rejected("print r = series_periods_detect(dynamic([1,2,1,2]), 0.0, 50.0, 2)",
                  "unsupported-function");
  expect_rejected("print r = series_seasonal(dynamic([1,2,1,2]))", "unsupported-function");
  expect_rejected("print r = series_decompose(dynamic([1,2,1,2]))", "unsupported-function");
  expect_rejected("print r = series_fit_line(dynamic([1,2,1,2]))", "unsupported-function");
}
