// The 'geo_shapes' family on SQLite and PostgreSQL: geo_from_wkt, geo_line_length and
// geo_polygon_area. Rows are Microsoft's docs examples (exact doubles where the docs print a
// rounded real) plus the documented null cases and the undocumented inputs that must fail.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

TEST_CASE("geo_from_wkt: docs examples") {
  expect_rows(R"(print point = geo_from_wkt('POINT (1 2)'))",
              R"({"columns": [{"name": "point", "type": "dynamic"}],
                  "rows": [[{"type": "Point", "coordinates": [1, 2]}]]})");
  expect_rows(R"(print line = geo_from_wkt('LINESTRING (1 2, 3 4)'))",
              R"([[{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]])");
  expect_rows(R"(print polygon = geo_from_wkt('POLYGON ((0 0, 2 0, 2 2, 0 0))'))",
              R"([[{"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 0]]]}]])");
  expect_rows(R"(print multipoint = geo_from_wkt('MULTIPOINT (1 1, 2 2, 3 3)'))",
              R"([[{"type": "MultiPoint", "coordinates": [[1, 1], [2, 2], [3, 3]]}]])");
  expect_rows(R"(print multiline = geo_from_wkt('MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))'))",
              R"([[{"type": "MultiLineString",
            "coordinates": [[[1, 1], [2, 2], [3, 3]], [[4, 4], [5, 5]]]}]])");
  expect_rows(
      R"(print multipolygon = geo_from_wkt('MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))'))",
      R"([[{"type": "MultiPolygon",
            "coordinates": [[[[0, 0], [2, 0], [2, 2], [0, 0]]],
                            [[[10, 10], [12, 10], [12, 12], [10, 10]]]]}]])");
  expect_rows(
      R"(print geometry_collection = geo_from_wkt('GEOMETRYCOLLECTION (POINT (1 1),LINESTRING (2 2, 3 3, 4 4),POLYGON ((10 10, 12 10, 12 12, 10 10)))'))",
      R"([[{"type": "GeometryCollection", "geometries": [
            {"type": "Point", "coordinates": [1, 1]},
            {"type": "LineString", "coordinates": [[2, 2], [3, 3], [4, 4]]},
            {"type": "Polygon", "coordinates": [[[10, 10], [12, 10], [12, 12], [10, 10]]]}]}]])");
  expect_rows(R"(print result = isnull(geo_from_wkt('LINESTRING')))", R"([[true]])");
}

TEST_CASE("geo_from_wkt: numbers, spacing, null and undocumented input") {
  // Integral coordinates are integers, others keep the double's digits; spaces are optional
  // around parentheses and commas.
  expect_rows(R"(print p = geo_from_wkt('POINT(1.5 -2.25)'))",
              R"([[{"type": "Point", "coordinates": [1.5, -2.25]}]])");
  expect_rows(R"(print p = geo_from_wkt('  POINT (0.1 0.30000000000000004)  '))",
              R"([[{"type": "Point", "coordinates": [0.1, 0.30000000000000004]}]])");
  expect_rows(R"(print p = geo_from_wkt('POINT (1.0 -0)'))",
              R"([[{"type": "Point", "coordinates": [1, 0]}]])");
  expect_rows(R"(print p = geo_from_wkt('LINESTRING(1 2,3 4)'))",
              R"([[{"type": "LineString", "coordinates": [[1, 2], [3, 4]]}]])");
  expect_rows(
      R"(print p = geo_from_wkt('POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))'))",
      R"([[{"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
                                               [[2, 2], [2, 4], [4, 4], [4, 2], [2, 2]]]}]])");
  // Not WKT, or not a supported geometry: null.
  for (const char* wkt : {"", "   ", "POINT (1)", "POINT (1 2, 3 4)", "LINESTRING (1 2, 3 4",
                          "POINT 1 2", "CIRCULARSTRING (1 2, 3 4, 5 6)", "POINT (1 2 3 4 5)",
                          "POINT (1 x)", "POINT (1 2", "SRID=4326;POINT (1 2)", "POINT (1-2)"})
    expect_rows(std::string("print r = geo_from_wkt('") + wkt + "')", R"([[null]])");
  expect_rows("print r = geo_from_wkt(\"\")", R"([[null]])");
  // WKT whose Kusto result is not documented.
  expect_fails(R"(print r = geo_from_wkt('point (1 2)'))", "a keyword not in upper case");
  expect_fails(R"(print r = geo_from_wkt('POINT Z (1 2 3)'))", "Z or M coordinates");
  expect_fails(R"(print r = geo_from_wkt('POINT (1 2 3)'))", "more than two coordinates");
  expect_fails(R"(print r = geo_from_wkt('POINT EMPTY'))", "EMPTY");
  expect_fails(R"(print r = geo_from_wkt('POINT (1e5 2)'))", "the number '1e5'");
  expect_fails(R"(print r = geo_from_wkt('POINT (1. 2)'))", "the number '1.'");
  expect_fails(R"(print r = geo_from_wkt('POINT (200 1)'))", "out of range");
  expect_fails(R"(print r = geo_from_wkt('POINT (1 2) x'))", "text after the geometry");
  expect_fails(R"(print r = geo_from_wkt('POINT\t(1 2)'))", "whitespace other than spaces");
  expect_fails(R"(print r = geo_from_wkt('MULTIPOINT ((1 1), (2 2))'))", "parenthesised");
  expect_fails(R"(print r = geo_from_wkt('LINESTRING (1 2)'))", "fewer than two points");
  expect_fails(R"(print r = geo_from_wkt('POLYGON ((0 0, 2 0, 2 2, 0 1))'))", "polygon ring");
  expect_fails(R"(print r = geo_from_wkt('POLYGON ((0 0, 2 0, 0 2, 2 2, 0 0))'))", "polygon ring");
  expect_fails(
      R"(print r = geo_from_wkt('GEOMETRYCOLLECTION (POINT (1 1), GEOMETRYCOLLECTION (POINT (1 1)))'))",
      "nested GEOMETRYCOLLECTION");
  // A column of WKT strings, one null result among them.
  expect_rows(R"(datatable(w:string) ['POINT (3 4)', 'nonsense']
| extend g = geo_from_wkt(w) | project isnull(g), g.coordinates[0])",
              R"([[false, 3], [true, null]])");
}

TEST_CASE("geo_line_length: docs examples and documented nulls") {
  expect_rows(
      R"(let line = dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334]]});
print length = geo_line_length(line))",
      R"({"columns": [{"name": "length", "type": "real"}], "rows": [[4922.480169920726]]})");
  expect_rows(
      R"(let line = dynamic({"type":"MultiLineString","coordinates":[[[-73.95798683166502,40.800556090021466],[-73.98193359375,40.76819171855746]],[[-73.94940376281738,40.79691751000055],[-73.97317886352539,40.76435634049001]]]});
print length = geo_line_length(line))",
      R"([[8262.243397537544]])");
  expect_rows(
      R"(print is_bad_line = isnull(geo_line_length(dynamic({"type":"LineString","coordinates":[[1, 1]]}))))",
      R"([[true]])");
  for (const char* g : {
           R"({"type":"LineString","coordinates":[[1,1],[2,200]]})",   // latitude out of range
           R"({"type":"LineString","coordinates":[[1,1],[2]]})",       // a short position
           R"({"type":"LineString","coordinates":[[1,1],[2,null]]})",  // not a number
           R"({"type":"LineString","coordinates":[]})",                // no points
           R"({"type":"LineString","coordinates":5})",                 // not an array
           R"({"type":"LineString"})",                                 // no coordinates
           R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]})",  // not a line
           R"({"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[1,1]]]})",
           R"([1,2])",
           R"(null)",
       })
    expect_rows(std::string("print r = geo_line_length(dynamic(") + g + "))", R"([[null]])");
  // One line in a MultiLineString; lines on different great circles add up.
  expect_rows(
      R"(print r = geo_line_length(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,1]]]})))",
      R"([[157249.6280925079]])");
  expect_rows(
      R"(print r = geo_line_length(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[5,5],[6,7]]]})))",
      R"([[405615.0261221349]])");
}

TEST_CASE("geo_line_length: undocumented input fails") {
  auto fails = [](const char* g, const char* why) {
    expect_fails(std::string("print r = geo_line_length(dynamic(") + g + "))", why);
  };
  fails(R"({"type":"LineString","coordinates":[[1,1],[2,2]],"bbox":[1]})", "member other than");
  fails(R"({"type":"LineString","coordinates":[[1,1],[1,1]]})", "repeated point");
  fails(R"({"type":"LineString","coordinates":[[180,1],[-180,1]]})", "repeated point");
  fails(R"({"type":"LineString","coordinates":[[0,0],[180,0]]})", "nearly antipodal");
  fails(R"({"type":"LineString","coordinates":[[1,1],[2,"2"]]})", "as a string");
  fails(R"({"type":"LineString","coordinates":[[1,1],[2,2,3]]})", "more than two coordinates");
  fails(R"({"type":"linestring","coordinates":[[1,1],[2,2]]})", "GeoJSON type 'linestring'");
  fails(R"({"type":"MultiLineString","coordinates":[]})", "without lines");
  // Kusto measures the union of the lines: overlapping lines are not reproduced.
  fails(R"({"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[5,0],[6,0]]]})",
        "one great circle");
  fails(R"({"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[1,1],[0,0]]]})",
        "one great circle");
  fails(R"("abc")", "a string instead of a GeoJSON object");
  expect_rejected("print r = geo_line_length('LINESTRING (1 2, 3 4)')", "untranslatable-types");
}

TEST_CASE("geo_polygon_area: docs examples, documented nulls, undocumented input") {
  expect_rows(
      R"(let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
print area = geo_polygon_area(central_park))",
      R"({"columns": [{"name": "area", "type": "real"}], "rows": [[3475207.2834668974]]})");
  expect_rows(
      R"(print isnull(geo_polygon_area(dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]}))))",
      R"([[true]])");
  // Either orientation is the smaller region; across the antimeridian; around the north pole
  // (the smaller region is the one holding the pole).
  expect_rows(
      R"(print r = geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]})))",
      R"([[1233204703525.309]])");
  expect_rows(
      R"(print r = geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[0,0],[0,10],[10,10],[10,0],[0,0]]]})))",
      R"([[1233204703525.309]])");
  expect_rows(
      R"(print r = geo_polygon_area(dynamic({"type":"MultiPolygon","coordinates":[[[[0,0],[10,0],[10,10],[0,10],[0,0]]]]})))",
      R"([[1233204703525.309]])");
  expect_rows(
      R"(print r = geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[170,10],[-170,10],[-170,20],[170,20],[170,10]]]})))",
      R"([[2404954363966.705]])");
  expect_rows(
      R"(print r = geo_polygon_area(dynamic({"type":"Polygon","coordinates":[[[-180,80],[-150,80],[-120,80],[-90,80],[-60,80],[-30,80],[0,80],[30,80],[60,80],[90,80],[120,80],[150,80],[-180,80]]]})))",
      R"([[3703650053950.7456]])");
  for (const char* g : {
           R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[0,10],[10,10],[0,0]]]})",  // crossing
           R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10]]]})",  // not closed
           R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[0,0]]]})",  // three positions
           R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[180,0]]]})",
           R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,95],[0,0]]]})",
           R"({"type":"Polygon","coordinates":[]})",
           R"({"type":"LineString","coordinates":[[0,0],[1,1]]})",
       })
    expect_rows(std::string("print r = geo_polygon_area(dynamic(") + g + "))", R"([[null]])");
  auto fails = [](const char* g, const char* why) {
    expect_fails(std::string("print r = geo_polygon_area(dynamic(") + g + "))", why);
  };
  fails(R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[10,0],[0,10],[0,0]]]})",
        "repeated vertex");
  fails(R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[5,0],[0,10],[0,0]]]})",
        "on or next to another edge");
  fails(R"({"type":"Polygon","coordinates":[[[0,0],[90,0],[0,90],[0,0]]]})", "on a pole");
  fails(
      R"({"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]})",
      "holes");
  fails(
      R"({"type":"MultiPolygon","coordinates":[[[[0,0],[10,0],[10,10],[0,10],[0,0]]],[[[20,0],[30,0],[30,10],[20,0]]]]})",
      "their union");
  fails(R"({"type":"MultiPolygon","coordinates":[]})", "without polygons");
}

TEST_CASE("geo_line_centroid: docs examples, nulls, undocumented input") {
  expect_rows(
      R"(let line = dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]});
print centroid = geo_line_centroid(line);)",
      R"({"columns": [{"name": "centroid", "type": "dynamic"}],
          "rows": [[{"type": "Point", "coordinates": [-73.965567057230942, 40.782453249627416]}]]})");
  expect_rows(
      R"(let line = dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]});
print centroid = geo_line_centroid(line)
| project lng = centroid.coordinates[0])",
      R"([[-73.96606756268372]])");
  expect_rows(
      R"(print is_bad_line = isnull(geo_line_centroid(dynamic({"type":"LineString","coordinates":[[1, 1]]}))))",
      R"([[true]])");
  // Integral coordinates are integers, as in geo_from_wkt.
  expect_rows(
      R"(print c = geo_line_centroid(dynamic({"type":"LineString","coordinates":[[0,0],[90,0],[0,0]]})))",
      R"([[{"type": "Point", "coordinates": [45, 0]}]])");
  expect_rows(
      R"(print c = geo_line_centroid(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[5,5],[6,7]]]})))",
      R"([[{"type": "Point", "coordinates": [3.5548255438429472, 3.8717882467900657]}]])");
  expect_fails(
      R"(print c = geo_line_centroid(dynamic({"type":"LineString","coordinates":[[170,0],[-170,0]]})))",
      "a centroid on the antimeridian");
  expect_fails(
      R"(print c = geo_line_centroid(dynamic({"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[5,0],[6,0]]]})))",
      "one great circle");
}

TEST_CASE("geo_polygon_centroid: docs examples, nulls, undocumented input") {
  const char* park =
      R"(let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
)";
  expect_rows(std::string(park) + "print centroid = geo_polygon_centroid(central_park)",
              R"({"columns": [{"name": "centroid", "type": "dynamic"}],
                  "rows": [[{"type": "Point",
                             "coordinates": [-73.965735689907618, 40.782550538057812]}]]})");
  expect_rows(std::string(park) +
                  "print centroid = geo_polygon_centroid(central_park) | project lng = "
                  "centroid.coordinates[0]",
              R"([[-73.965735689907618]])");
  expect_rows(
      R"(print isnull(geo_polygon_centroid(dynamic({"type": "Polygon","coordinates": [[[0,0],[10,10],[10,10],[0,0]]]}))))",
      R"([[true]])");
  // Either orientation: the smaller region.
  expect_rows(
      R"(print c = geo_polygon_centroid(dynamic({"type":"Polygon","coordinates":[[[0,0],[0,10],[10,10],[10,0],[0,0]]]})))",
      R"([[{"type": "Point", "coordinates": [5.000000000000015, 5.005958633534427]}]])");
  expect_rows(
      R"(print c = geo_polygon_centroid(dynamic({"type":"MultiPolygon","coordinates":[[[[171,10],[-170,10],[-170,20],[171,20],[171,10]]]]})))",
      R"([[{"type": "Point", "coordinates": [-179.5, 15.156775815647938]}]])");
  // The docs' union of two overlapping polygons is not reproduced.
  expect_fails(
      R"(print c = geo_polygon_centroid(dynamic({"type":"MultiPolygon","coordinates":[[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]],[[[-73.94262313842773,40.775991804565585],[-73.98107528686523,40.791849155467695],[-73.99600982666016,40.77092185281977],[-73.96150588989258,40.75609977566361],[-73.94262313842773,40.775991804565585]]]]})))",
      "their union");
  expect_fails(
      R"(print c = geo_polygon_centroid(dynamic({"type":"Polygon","coordinates":[[[-180,80],[-150,80],[-120,80],[-90,80],[-60,80],[-30,80],[0,80],[30,80],[60,80],[90,80],[120,80],[150,80],[-180,80]]]})))",
      "a centroid on a pole");
  expect_rejected("print c = geo_polygon_centroid('POLYGON ((0 0, 1 0, 1 1, 0 0))')",
                  "untranslatable-types");
}
