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

// The initial bearing (radians, clockwise from true north, in [0, 2 pi)) from point 1 to point 2,
// or nullopt for null/invalid coordinates, equal points and antipodal points (documented as
// null). A point on a pole has no north: Kusto's result is not documented, so it is an error.
enum class Bearing { Ok, Null, Pole };
Bearing bearing(double lon1, double lat1, double lon2, double lat2, double& out) {
  if (!valid(lon1, lat1) || !valid(lon2, lat2)) return Bearing::Null;
  if (lat1 == 90 || lat1 == -90 || lat2 == 90 || lat2 == -90) return Bearing::Pole;
  double dlon = std::fabs(lon1 - lon2);
  if (lat1 == lat2 && (dlon == 0 || dlon == 360)) return Bearing::Null;  // the same point
  if (lat1 == -lat2 && dlon == 180) return Bearing::Null;                // antipodal
  double p1 = lat1 * kDegree, p2 = lat2 * kDegree, dl = (lon2 - lon1) * kDegree;
  double t = std::atan2(std::sin(dl) * std::cos(p2),
                        std::cos(p1) * std::sin(p2) - std::sin(p1) * std::cos(p2) * std::cos(dl));
  if (t < 0) t += 2 * M_PI;
  out = t;
  return Bearing::Ok;
}

// Reads arguments [from, from + 4) as two points and reports null/error on ctx; true when `out`
// holds the bearing.
bool bearing_arg(sqlite3_context* ctx, sqlite3_value** a, int from, double& out) {
  for (int i = from; i < from + 4; ++i)
    if (is_null(a[i])) {
      sqlite3_result_null(ctx);
      return false;
    }
  Bearing b = bearing(sqlite3_value_double(a[from]), sqlite3_value_double(a[from + 1]),
                      sqlite3_value_double(a[from + 2]), sqlite3_value_double(a[from + 3]), out);
  if (b == Bearing::Null) sqlite3_result_null(ctx);
  if (b == Bearing::Pole)
    sqlite3_result_error(
        ctx, "kql: geo_azimuth/geo_angle at a pole: Kusto's result is not documented", -1);
  return b == Bearing::Ok;
}

// kql_geo_azimuth(lon1, lat1, lon2, lat2)
void geo_azimuth(sqlite3_context* ctx, int, sqlite3_value** a) {
  double t;
  if (bearing_arg(ctx, a, 0, t)) sqlite3_result_double(ctx, t);
}

// kql_geo_angle(lon1, lat1, lon2, lat2, lon3, lat3): clockwise from line [p2, p1] to [p2, p3],
// i.e. bearing(p2, p3) - bearing(p2, p1), in [0, 2 pi).
void geo_angle(sqlite3_context* ctx, int, sqlite3_value** a) {
  sqlite3_value* first[4] = {a[2], a[3], a[0], a[1]};
  double b1, b3;
  if (!bearing_arg(ctx, first, 0, b1)) return;
  if (!bearing_arg(ctx, a, 2, b3)) return;
  double r = b3 - b1;
  if (r < 0) r += 2 * M_PI;
  sqlite3_result_double(ctx, r);
}

}  // namespace

std::span<const SqliteScalar> sqlite_geo_sphere_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_geo_distance", 4, geo_distance},
      {"kql_geo_in_circle", 5, geo_in_circle},
      {"kql_geo_azimuth", 4, geo_azimuth},
      {"kql_geo_angle", 6, geo_angle},
  };
  return kFunctions;
}

}  // namespace kql::run
