#pragma once
// The function families of the SQL backend, one file each under functions/. Each returns its
// table of scalar functions and the pg_temp definitions of the kql_* helpers it calls on
// PostgreSQL (their SQLite twins are in run/sqlite_fn_<family>.cpp).
#include <span>
#include <string_view>

#include "backend/sql/function_call.h"

namespace kql::sql {

struct FunctionFamily {
  std::string_view name;
  std::span<const SqlFunction> (*functions)();
  std::string_view (*postgres_prelude)();
};

std::span<const FunctionFamily> function_families();

// functions/strings.cpp: string, encoding, hashing and unicode functions
std::span<const SqlFunction> string_functions();
std::string_view string_functions_postgres();
// functions/ip.cpp: IPv4/IPv6 parsing, comparison, ranges and prefixes
std::span<const SqlFunction> ip_functions();
std::string_view ip_functions_postgres();
// functions/dynamic.cpp: arrays, sets and property bags
std::span<const SqlFunction> dynamic_functions();
std::string_view dynamic_functions_postgres();
// functions/series.cpp: series_* functions over numeric arrays
std::span<const SqlFunction> series_functions();
std::string_view series_functions_postgres();
// functions/math.cpp: math, conversion and datetime functions
std::span<const SqlFunction> math_functions();
std::string_view math_functions_postgres();
// functions/geo_sphere.cpp: distances on the spherical Earth (geo_distance_2points, ...)
std::span<const SqlFunction> geo_sphere_functions();
std::string_view geo_sphere_functions_postgres();
// functions/geo_shapes.cpp: WKT to GeoJSON; line length, polygon area and their centroids
std::span<const SqlFunction> geo_shapes_functions();
std::string_view geo_shapes_functions_postgres();
// functions/geo_s2.cpp: S2 cells (geo_point_to_s2cell, geo_s2cell_neighbors, ...)
std::span<const SqlFunction> geo_s2_functions();
std::string_view geo_s2_functions_postgres();
// functions/geo_geohash.cpp: geohash cells (geo_point_to_geohash, geo_geohash_neighbors, ...)
std::span<const SqlFunction> geo_geohash_functions();
std::string_view geo_geohash_functions_postgres();
// functions/punycode.cpp: RFC 3492 Punycode of strings and domain labels
std::span<const SqlFunction> punycode_functions();
std::string_view punycode_functions_postgres();
// functions/geo_lines.cpp: points along lines, densified lines and polygons
std::span<const SqlFunction> geo_lines_functions();
std::string_view geo_lines_functions_postgres();
// functions/json_text.cpp: extract_json over JSON text
std::span<const SqlFunction> json_text_functions();
std::string_view json_text_functions_postgres();
// functions/parse.cpp: no functions; the pg_temp matcher of the parse operator
std::span<const SqlFunction> parse_functions();
std::string_view parse_functions_postgres();

}  // namespace kql::sql
