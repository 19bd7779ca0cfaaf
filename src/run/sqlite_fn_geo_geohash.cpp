// SQLite side of function family 'geo_geohash' (backend/sql/functions/geo_geohash.cpp translates
// the calls, documents the evidence and holds the PostgreSQL twins, which take the same steps).
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

constexpr std::string_view kBase32 = "0123456789bcdefghjkmnpqrstuvwxyz";

// kql_geohash_encode(lon, lat, accuracy): "" for null/invalid coordinates or accuracy; an error
// for a point on a cell boundary (which cell Kusto picks there is not documented).
void geohash_encode(sqlite3_context* ctx, int, sqlite3_value** a) {
  std::string empty;
  if (is_null(a[0]) || is_null(a[1]) || is_null(a[2])) return result_text(ctx, empty);
  double lon = sqlite3_value_double(a[0]), lat = sqlite3_value_double(a[1]);
  sqlite3_int64 acc = sqlite3_value_int64(a[2]);
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) || acc < 1 || acc > 18)
    return result_text(ctx, empty);
  double lo[2] = {-180, -90}, hi[2] = {180, 90}, x[2] = {lon, lat};
  std::string out;
  int v = 0;
  for (int i = 0; i < 5 * acc; ++i) {
    int k = i % 2;
    double mid = (lo[k] + hi[k]) / 2;
    if (x[k] == mid) {
      std::string msg =
          std::string("kql: geo_point_to_geohash: ") + (k == 0 ? "longitude" : "latitude") +
          " lies on a geohash cell boundary: Kusto's choice of cell is not documented";
      return sqlite3_result_error(ctx, msg.c_str(), -1);
    }
    if (x[k] > mid) {
      v = v * 2 + 1;
      lo[k] = mid;
    } else {
      v = v * 2;
      hi[k] = mid;
    }
    if (i % 5 == 4) {
      out += kBase32[v];
      v = 0;
    }
  }
  result_text(ctx, out);
}

// A decoded geohash: longitude index x of nx bits, latitude index y of ny bits.
struct Cell {
  uint64_t x = 0, y = 0;
  int nx = 0, ny = 0;
  double west() const { return static_cast<double>(x) * (360 / std::ldexp(1.0, nx)) - 180; }
  double east() const { return static_cast<double>(x + 1) * (360 / std::ldexp(1.0, nx)) - 180; }
  double south() const { return static_cast<double>(y) * (180 / std::ldexp(1.0, ny)) - 90; }
  double north() const { return static_cast<double>(y + 1) * (180 / std::ldexp(1.0, ny)) - 90; }
};

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The cell of argument 0, or nullopt (with the result set to null or an error) when it is not a
// valid geohash.
std::optional<Cell> cell_arg(sqlite3_context* ctx, sqlite3_value* arg) {
  std::string_view h = text_arg(arg);
  bool valid = !h.empty() && h.size() <= 18, upper = false;
  for (char c : h) {
    if (!valid) break;
    valid = kBase32.find(lower(c)) != std::string_view::npos;
    upper = upper || lower(c) != c;
  }
  if (!valid) {
    sqlite3_result_null(ctx);
    return std::nullopt;
  }
  if (upper) {
    std::string msg = "kql: geohash '" + std::string(h) +
                      "' has upper-case letters: Kusto's handling of them is not documented";
    sqlite3_result_error(ctx, msg.c_str(), -1);
    return std::nullopt;
  }
  Cell c;
  int k = 0;
  for (char ch : h) {
    int v = static_cast<int>(kBase32.find(ch));
    for (int j = 4; j >= 0; --j, ++k) {
      uint64_t bit = (v >> j) & 1;
      if (k % 2 == 0) {
        c.x = c.x * 2 + bit;
        ++c.nx;
      } else {
        c.y = c.y * 2 + bit;
        ++c.ny;
      }
    }
  }
  return c;
}

std::string geohash_text(uint64_t x, uint64_t y, int nx, int ny) {
  std::string s;
  int v = 0, rx = nx, ry = ny;
  for (int i = 0; i < nx + ny; ++i) {
    uint64_t bit = i % 2 == 0 ? (x >> --rx) & 1 : (y >> --ry) & 1;
    v = v * 2 + static_cast<int>(bit);
    if (i % 5 == 4) {
      s += kBase32[v];
      v = 0;
    }
  }
  return s;
}

// kql_geohash_center(geohash): {"type": "Point", "coordinates": [lon, lat]} of the cell center.
void geohash_center(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto c = cell_arg(ctx, a[0]);
  if (!c) return;
  result_json(ctx,
              json{{"type", "Point"},
                   {"coordinates", {(c->west() + c->east()) / 2, (c->south() + c->north()) / 2}}});
}

// kql_geohash_polygon(geohash): the cell as a GeoJSON polygon, ring SW, SE, NE, NW, SW.
void geohash_polygon(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto c = cell_arg(ctx, a[0]);
  if (!c) return;
  double w = c->west(), e = c->east(), s = c->south(), n = c->north();
  json ring = json::array({json::array({w, s}), json::array({e, s}), json::array({e, n}),
                           json::array({w, n}), json::array({w, s})});
  result_json(ctx, json{{"type", "Polygon"}, {"coordinates", json::array({ring})}});
}

// kql_geohash_neighbors(geohash): the 8 neighbors in the documented order SW, NW, SE, N, W, NE,
// E, S; an error for a cell on the antimeridian or at a pole (not documented).
void geohash_neighbors(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto c = cell_arg(ctx, a[0]);
  if (!c) return;
  if (c->x == 0 || c->x == (uint64_t{1} << c->nx) - 1 || c->y == 0 ||
      c->y == (uint64_t{1} << c->ny) - 1) {
    std::string msg = "kql: geo_geohash_neighbors: geohash '" + std::string(text_arg(a[0])) +
                      "' lies on the antimeridian or at a pole: Kusto's neighbors there are not "
                      "documented";
    return sqlite3_result_error(ctx, msg.c_str(), -1);
  }
  static const int kOffsets[8][2] = {{-1, -1}, {-1, 1}, {1, -1}, {0, 1},
                                     {-1, 0},  {1, 1},  {1, 0},  {0, -1}};
  json out = json::array();
  for (const auto& d : kOffsets)
    out.push_back(geohash_text(c->x + d[0], c->y + d[1], c->nx, c->ny));
  result_json(ctx, out);
}

}  // namespace

std::span<const SqliteScalar> sqlite_geo_geohash_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_geohash_encode", 3, geohash_encode},
      {"kql_geohash_center", 1, geohash_center},
      {"kql_geohash_polygon", 1, geohash_polygon},
      {"kql_geohash_neighbors", 1, geohash_neighbors},
  };
  return kFunctions;
}

}  // namespace kql::run
