// SQLite side of function family 'geo_sphere' (backend/sql/functions/geo_sphere.cpp translates
// the calls and holds the PostgreSQL twins, which take the same double steps in the same order).
#include <cmath>
#include <optional>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

constexpr double kEarthRadius = 6371010;  // S2Earth::RadiusMeters
constexpr double kDegree = M_PI / 180.0;  // 0.017453292519943295

bool valid(double lon, double lat) { return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90; }

// Meters between the points on the sphere (haversine), or nullopt for null/invalid coordinates.
std::optional<double> distance(sqlite3_value** a) {
  for (int i = 0; i < 4; ++i)
    if (is_null(a[i])) return std::nullopt;
  double lon1 = sqlite3_value_double(a[0]), lat1 = sqlite3_value_double(a[1]),
         lon2 = sqlite3_value_double(a[2]), lat2 = sqlite3_value_double(a[3]);
  if (!valid(lon1, lat1) || !valid(lon2, lat2)) return std::nullopt;
  double p1 = lat1 * kDegree, p2 = lat2 * kDegree;
  double sdp = std::sin((lat2 - lat1) * kDegree / 2), sdl = std::sin((lon2 - lon1) * kDegree / 2);
  double h = sdp * sdp + std::cos(p1) * std::cos(p2) * sdl * sdl;
  if (h > 1) h = 1;
  return 2 * std::asin(std::sqrt(h)) * kEarthRadius;
}

// kql_geo_distance(lon1, lat1, lon2, lat2)
void geo_distance(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto d = distance(a);
  if (!d) return sqlite3_result_null(ctx);
  sqlite3_result_double(ctx, *d);
}

// kql_geo_in_circle(lon, lat, center_lon, center_lat, radius): null for a radius that is not
// positive.
void geo_in_circle(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[4])) return sqlite3_result_null(ctx);
  double radius = sqlite3_value_double(a[4]);
  if (!(radius > 0)) return sqlite3_result_null(ctx);
  auto d = distance(a);
  if (!d) return sqlite3_result_null(ctx);
  result_bool(ctx, *d <= radius);
}

}  // namespace

std::span<const SqliteScalar> sqlite_geo_sphere_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_geo_distance", 4, geo_distance},
      {"kql_geo_in_circle", 5, geo_in_circle},
  };
  return kFunctions;
}

}  // namespace kql::run
