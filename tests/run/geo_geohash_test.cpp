// The 'geo_geohash' family on SQLite and PostgreSQL: geohash encoding, cell centers, polygons and
// neighbors. Rows are Microsoft's docs examples plus the documented null/empty cases and the
// undocumented ones that fail at run time.
#include <doctest/doctest.h>

#include "harness.h"

using namespace kqtest;

TEST_CASE("geo_point_to_geohash: docs examples") {
  expect_rows("print geohash = geo_point_to_geohash(-80.195829, 25.802215, 8)",
              R"({"columns": [{"name": "geohash", "type": "string"}], "rows": [["dhwfz15h"]]})");
  expect_rows("print geohash = geo_point_to_geohash(139.806115, 35.554128, 12)",
              R"([["xn76m27ty9g4"]])");
  expect_rows(R"(datatable(location_id:string, longitude:real, latitude:real)
[
  "A", double(-122.303404), 47.570482,
  "B", double(-122.304745), 47.567052,
  "C", double(-122.278156), 47.566936,
]
| summarize count = count(), locations = make_list(location_id)
            by geohash = geo_point_to_geohash(longitude, latitude)
| order by geohash asc)",
              R"([["c23n8", 2, ["A", "B"]], ["c23n9", 1, ["C"]]])");
}

TEST_CASE("geo_point_to_geohash: invalid input gives the empty string") {
  // The docs: invalid coordinate (200, 1, 8) and invalid accuracy int(null) print "".
  expect_rows("print geohash = geo_point_to_geohash(200, 1, 8)", R"([[""]])");
  expect_rows("print geohash = geo_point_to_geohash(1, 1, int(null))", R"([[""]])");
  expect_rows("print g = geo_point_to_geohash(1, 91)", R"([[""]])");
  expect_rows("print g = geo_point_to_geohash(real(null), 1)", R"([[""]])");
  // Accuracy outside [1, 18].
  expect_rows("print g = geo_point_to_geohash(1, 1, 0)", R"([[""]])");
  expect_rows("print g = geo_point_to_geohash(1, 1, 19)", R"([[""]])");
  expect_rows("print g = strlen(geo_point_to_geohash(1, 1, 18)), h = geo_point_to_geohash(1, 1, 1)",
              R"([[18, "s"]])");
  // The corners of the world are unambiguous.
  expect_rows(
      "print a = geo_point_to_geohash(-180, -90, 3), b = geo_point_to_geohash(180, 90, 3), "
      "c = geo_point_to_geohash(long(-180), 90, 2)",
      R"([["000", "zzz", "bp"]])");
}

TEST_CASE("geo_point_to_geohash: a point on a cell boundary fails (tie rule not documented)") {
  expect_fails("print g = geo_point_to_geohash(0, 10)", "cell boundary");
  expect_fails("print g = geo_point_to_geohash(10, 0)", "cell boundary");
  // 42.47314453125 is a boundary from accuracy 6 on, not before.
  expect_rows("print g = geo_point_to_geohash(42.47314453125, 23.70849609375)", R"([["sunny"]])");
  expect_fails("print g = geo_point_to_geohash(42.47314453125, 23.70849609375, 6)",
               "cell boundary");
}

TEST_CASE("geo_geohash_to_central_point: docs examples") {
  expect_rows(R"(print point = geo_geohash_to_central_point("sunny")
| extend coordinates = point.coordinates
| extend longitude = coordinates[0], latitude = coordinates[1])",
              R"({"columns": [{"name": "point", "type": "dynamic"},
                              {"name": "coordinates", "type": "dynamic"},
                              {"name": "longitude", "type": "dynamic"},
                              {"name": "latitude", "type": "dynamic"}],
                  "rows": [[{"type": "Point", "coordinates": [42.47314453125, 23.70849609375]},
                            [42.47314453125, 23.70849609375], 42.47314453125, 23.70849609375]]})");
  expect_rows(R"(print geohash = geo_geohash_to_central_point("a"))", R"([[null]])");
  expect_rows(R"(print p = geo_geohash_to_central_point("sv8wzvy7"))",
              R"([[{"type": "Point", "coordinates": [34.80245590209961, 32.15620994567871]}]])");
}

TEST_CASE("geohash validity: length 1..18 of the base-32 alphabet, else null") {
  expect_rows(R"(print a = isnull(geo_geohash_to_polygon("")),
                       b = isnull(geo_geohash_to_polygon("0123456789bcdefghjk")),
                       c = isnull(geo_geohash_to_polygon("dr5rl")),
                       d = isnull(geo_geohash_neighbors("a")),
                       e = isnull(geo_geohash_to_central_point("0123456789bcdefghj")),
                       f = isnull(geo_geohash_to_polygon(" dr5ru")),
                       g = isnull(geo_geohash_to_polygon("DR5RA")),
                       h = isnull(geo_geohash_to_polygon(tostring(dynamic(null)))))",
              R"([[true, true, true, true, false, true, true, true]])");
  // Upper case that would be valid in lower case: Kusto's handling is not documented.
  expect_fails(R"(print p = geo_geohash_to_polygon("DR5RU"))", "upper-case");
}

TEST_CASE("geo_geohash_to_polygon: docs examples") {
  expect_rows(R"(print GeohashPolygon = geo_geohash_to_polygon("dr5ru"))",
              R"({"columns": [{"name": "GeohashPolygon", "type": "dynamic"}],
                  "rows": [[{"type": "Polygon", "coordinates": [[[-74.00390625, 40.7373046875],
                    [-73.9599609375, 40.7373046875], [-73.9599609375, 40.78125],
                    [-74.00390625, 40.78125], [-74.00390625, 40.7373046875]]]}]]})");
  expect_rows(R"(print GeohashPolygon = geo_geohash_to_polygon("a"))", R"([[null]])");
  expect_rows(R"(datatable(lng:real, lat:real)
[
    -73.975212, 40.789608,
    -73.916869, 40.818314,
    -73.989148, 40.743273,
]
| project geohash = geo_point_to_geohash(lng, lat, 5)
| project geohash, geohash_polygon = geo_geohash_to_polygon(geohash))",
              R"([["dr72h", {"type": "Polygon", "coordinates": [[[-74.00390625, 40.78125],
                    [-73.9599609375, 40.78125], [-73.9599609375, 40.8251953125],
                    [-74.00390625, 40.8251953125], [-74.00390625, 40.78125]]]}],
                  ["dr72j", {"type": "Polygon", "coordinates": [[[-73.9599609375, 40.78125],
                    [-73.916015625, 40.78125], [-73.916015625, 40.8251953125],
                    [-73.9599609375, 40.8251953125], [-73.9599609375, 40.78125]]]}],
                  ["dr5ru", {"type": "Polygon", "coordinates": [[[-74.00390625, 40.7373046875],
                    [-73.9599609375, 40.7373046875], [-73.9599609375, 40.78125],
                    [-74.00390625, 40.78125], [-74.00390625, 40.7373046875]]]}]])");
  // Whole-degree corners of a 1-character cell.
  expect_rows(R"(print p = geo_geohash_to_polygon("s"))",
              R"([[{"type": "Polygon", "coordinates": [[[0.0, 0.0], [45.0, 0.0], [45.0, 45.0],
                    [0.0, 45.0], [0.0, 0.0]]]}]])");
  // ... which stay reals in the text.
  expect_rows(R"(print p = tostring(geo_geohash_to_polygon("s").coordinates))",
              R"([["[[[0.0,0.0],[45.0,0.0],[45.0,45.0],[0.0,45.0],[0.0,0.0]]]"]])");
}

TEST_CASE("geo_geohash_neighbors: docs examples, the documented order") {
  expect_rows("print neighbors = geo_geohash_neighbors('sunny')",
              R"({"columns": [{"name": "neighbors", "type": "dynamic"}],
                  "rows": [[["sunnt", "sunpj", "sunnx", "sunpn", "sunnv", "sunpp", "sunnz",
                             "sunnw"]]]})");
  expect_rows(R"(let geohash = 'sunny';
print cells = array_concat(pack_array(geohash), geo_geohash_neighbors(geohash)))",
              R"([[["sunny", "sunnt", "sunpj", "sunnx", "sunpn", "sunnv", "sunpp", "sunnz",
                    "sunnw"]]])");
  expect_rows("print invalid = isnull(geo_geohash_neighbors('a'))", R"([[true]])");
  // Neighbors across a character boundary: the same directions on an 18-character cell.
  expect_rows("print n = geo_geohash_neighbors('s00000000000000000')",
              R"([[["7zzzzzzzzzzzzzzzzz", "ebpbpbpbpbpbpbpbpc", "kpbpbpbpbpbpbpbpbr",
                    "s00000000000000001", "ebpbpbpbpbpbpbpbpb", "s00000000000000003",
                    "s00000000000000002", "kpbpbpbpbpbpbpbpbp"]]])");
}

TEST_CASE("geo_geohash_neighbors: antimeridian and poles fail (not documented)") {
  expect_fails("print n = geo_geohash_neighbors('0')", "antimeridian or at a pole");
  expect_fails("print n = geo_geohash_neighbors('zz')", "antimeridian or at a pole");
  expect_fails("print n = geo_geohash_neighbors('8')", "antimeridian or at a pole");
  expect_fails("print n = geo_geohash_neighbors('u')", "antimeridian or at a pole");
  expect_rows("print n = array_length(geo_geohash_neighbors('s'))", R"([[8]])");
}

TEST_CASE("geo_geohash: rejected by type") {
  expect_rejected("print g = geo_point_to_geohash(1, 2, 3.5)", "untranslatable-types");
  expect_rejected("print g = geo_point_to_geohash('a', 2)", "untranslatable-types");
  expect_rejected("print g = geo_geohash_to_polygon(5)", "untranslatable-types");
  expect_rejected("print g = geo_geohash_neighbors(dynamic('sunny'))", "untranslatable-types");
}
