// The 'geo_lines' family on SQLite and PostgreSQL: geo_line_interpolate_point (S2Polyline::
// Interpolate on the sphere) and geo_line_densify / geo_polygon_densify (S2EdgeTessellator over
// Plate Carree). Rows are Microsoft's docs examples, reproduced to the last printed digit, and the
// edge cases the docs leave open (errors, never guesses).
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

namespace {
const char* kCentralParkLine =
    R"(dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]}))";
}

TEST_CASE("geo_line_interpolate_point: docs examples") {
  expect_rows(
      R"(let line = dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]});
print point = geo_line_interpolate_point(line, 0.25);)",
      R"({"columns": [{"name": "point", "type": "dynamic"}],
          "rows": [[{"type": "Point", "coordinates": [-73.96176404321828, 40.79143668725723]}]]})");
  expect_rows(std::string("let line = ") + kCentralParkLine +
                  ";\nprint point = geo_line_interpolate_point(line, 0.9)\n"
                  "| project lng = point.coordinates[0]",
              R"([[-73.96556545832799]])");
  expect_rows(
      R"(print is_bad_line = isnull(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[1, 1]]}), 0.5)))",
      R"([[true]])");
}

TEST_CASE("geo_line_interpolate_point: ends, null and invalid input") {
  // Fraction 0 is the first vertex (through S2's point, back to degrees); 1 the last.
  expect_rows(
      R"(print p = tostring(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[10,0]]}), 0).coordinates))",
      R"([["[0,0]"]])");
  expect_rows(
      R"(print p = tostring(geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[10,0]]}), 0.5).coordinates))",
      R"([["[5,0]"]])");
  // The docs: "If the line or fraction value is invalid, the query produces a null result".
  for (
      const char* q : {
          R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[10,0]]}), 1.5))",
          R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[10,0]]}), -0.1))",
          R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[10,0]]}), real(null)))",
          R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[300,0]]}), 0.5))",
          R"(print p = geo_line_interpolate_point(dynamic({"type":"Point","coordinates":[0,0]}), 0.5))",
          R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],["a",0]]}), 0.5))",
          R"(print p = geo_line_interpolate_point(dynamic(null), 0.5))",
      })
    expect_rows(q, R"([[null]])");
}

TEST_CASE("geo_line_interpolate_point: undocumented inputs fail") {
  expect_fails(
      R"(print p = geo_line_interpolate_point(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]}), 0.5))",
      "not documented");
  expect_fails(
      R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[0,0],[1,1]]}), 0.5))",
      "repeated point");
  expect_fails(
      R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[180,0]]}), 0.5))",
      "antipodal");
  expect_fails(
      R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0,5],[1,1,5]]}), 0.5))",
      "altitude");
  expect_fails(
      R"(print p = geo_line_interpolate_point(dynamic({"type":"linestring","coordinates":[[0,0],[1,1]]}), 0.5))",
      "not documented");
}

TEST_CASE("geo_line_densify: docs examples") {
  expect_rows(
      R"(print densified_line = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[-73.949247, 40.796860],[-73.973017, 40.764323]]})).coordinates))",
      R"([["[[-73.949247,40.79686],[-73.973017,40.764323]]"]])");
  expect_rows(
      R"(print densified_line = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]})).coordinates))",
      R"([["[[50,50],[50.125,50.125],[50.25,50.25],[50.375,50.375],[50.5,50.5],[50.625,50.625],[50.75,50.75],[50.875,50.875],[51,51]]"]])");
  expect_rows(
      R"(print densified_line = geo_line_densify(dynamic({"type":"LineString","coordinates":[[300,1],[1,1]]})))",
      R"([[null]])");
  expect_rows(
      R"(print densified_line = geo_line_densify(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), 0))",
      R"([[null]])");
}

TEST_CASE("geo_line_densify: the whole shape") {
  expect_rows(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]}), 10000))",
      R"({"columns": [{"name": "d", "type": "dynamic"}],
          "rows": [[{"type": "LineString", "coordinates": [[50, 50], [51, 51]]}]]})");
}

TEST_CASE("geo_line_densify: tolerance and invalid input") {
  // A larger tolerance needs fewer pieces; the bounds 0.1 and 10000 are valid.
  expect_rows(
      R"(print d = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]}), 10000).coordinates))",
      R"([["[[50,50],[51,51]]"]])");
  expect_rows(
      R"(print n = array_length(geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]}), 0.1).coordinates))",
      R"([[65]])");
  // Tiny coordinates and negative zero (written without an exponent, as 0).
  expect_rows(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[1e-20, -0.0], [1.5e-7, 1]]}), 10000).coordinates)",
      R"([[[[1e-20, 0], [1.5e-7, 1]]]])");
  expect_rows(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), 10001))",
      R"([[null]])");
  expect_rows(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[1,1],[2,2]]}), real(null)))",
      R"([[null]])");
  expect_rows(R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[1,1]]})))",
              R"([[null]])");
  expect_rows(
      R"(print d = geo_line_densify(dynamic({"type":"Polygon","coordinates":[[1,1],[2,2]]})))",
      R"([[null]])");
  // preserve_crossing false is the default.
  expect_rows(
      R"(print d = tostring(geo_line_densify(dynamic({"type":"LineString","coordinates":[[50, 50], [51, 51]]}), 10000, true).coordinates))",
      R"([["[[50,50],[51,51]]"]])");
}

TEST_CASE("geo_line_densify: undocumented inputs fail") {
  expect_fails(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[179,0],[-179,0]]})))",
      "antimeridian");
  expect_fails(
      R"(print d = geo_line_densify(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]})))",
      "not documented");
  expect_fails(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[0,0],[0,0]]})))",
      "repeated point");
  expect_fails(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 10, bool(null)))",
      "preserve_crossing");
  expect_fails(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]],"bbox":[0,0,1,1]})))",
      "members");
}

TEST_CASE("geo_polygon_densify: docs examples") {
  expect_rows(
      R"(print densified_polygon = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[-73.958244,40.800719],[-73.949146,40.79695],[-73.973093,40.764226],[-73.982062,40.768159],[-73.958244,40.800719]]]})).coordinates))",
      R"([["[[[-73.958244,40.800719],[-73.949146,40.79695],[-73.973093,40.764226],[-73.982062,40.768159],[-73.958244,40.800719]]]"]])");
  expect_rows(
      R"(print densified_polygon = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]})).coordinates))",
      R"([["[[[10,10],[10.25,10],[10.5,10],[10.75,10],[11,10],[11,11],[10.75,11],[10.5,11],[10.25,11],[10,11],[10,10]]]"]])");
  expect_rows(
      R"(print densified_polygon = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,900],[11,10],[11,11],[10,11],[10,10]]]})))",
      R"([[null]])");
  expect_rows(
      R"(print densified_polygon = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11],[10,10]]]}), 0))",
      R"([[null]])");
}

TEST_CASE("geo_polygon_densify: invalid rings are null, undocumented ones fail") {
  // Not closed, too few positions, fewer than three distinct vertices: invalid, as documented.
  for (
      const char* q : {
          R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[11,11],[10,11]]]})))",
          R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[10,10]]]})))",
          R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,10],[10,10],[0,0]]]})))",
          R"(print p = geo_polygon_densify(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]})))",
      })
    expect_rows(q, R"([[null]])");
  // A clockwise ring keeps its order (the docs' Central Park ring is clockwise too).
  expect_rows(
      R"(print p = tostring(geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[10,11],[11,11],[11,10],[10,10]]]})).coordinates))",
      R"([["[[[10,10],[10,11],[10.25,11],[10.5,11],[10.75,11],[11,11],[11,10],[10.75,10],[10.5,10],[10.25,10],[10,10]]]"]])");
  // Crossing (a bow tie), holes, MultiPolygon, a pole vertex, a repeated vertex.
  expect_fails(
      R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[10,10],[11,10],[10,11],[11,11],[10,10]]]})))",
      "not documented");
  expect_fails(
      R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[1,1],[1,2],[2,2],[2,1],[1,1]]]})))",
      "holes");
  expect_fails(
      R"(print p = geo_polygon_densify(dynamic({"type":"MultiPolygon","coordinates":[[[[0,0],[10,0],[10,10],[0,0]]]]})))",
      "not documented");
  expect_fails(
      R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,90],[0,0]]]})))",
      "pole");
  expect_fails(
      R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[10,0],[5,-5],[0,0]]]})))",
      "repeated vertex");
  // A vertex on another edge (touching) and an edge folding back.
  expect_fails(
      R"(print p = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[5,0],[5,5],[0,0]]]})))",
      "not documented");
}

TEST_CASE("geo_lines: rejected by name") {
  expect_rejected(
      R"(print p = geo_line_interpolate_point(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 0.5, false))",
      "unsupported-construct");
  expect_rejected("print d = geo_line_densify('x')", "untranslatable-types");
  expect_rejected(
      R"(print d = geo_polygon_densify(dynamic({"type":"Polygon","coordinates":[]}), 'a'))",
      "untranslatable-types");
  expect_rejected(
      R"(print d = geo_line_densify(dynamic({"type":"LineString","coordinates":[]}), 10, 1))",
      "untranslatable-types");
}
