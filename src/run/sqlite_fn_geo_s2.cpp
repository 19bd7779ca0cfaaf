// SQLite side of function family 'geo_s2' (backend/sql/functions/geo_s2.cpp translates the calls,
// documents the evidence and holds the PostgreSQL twins, which take the same double steps in the
// same order): S2 cell tokens, centers, polygons and neighbors.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

constexpr int kMaxLevel = 30;
constexpr int kLimitIJ = 1 << kMaxLevel;          // leaf cells per face side
constexpr double kDegree = M_PI / 180.0;          // 0.017453292519943295
constexpr double kToDegrees = 180.0 / M_PI;       // 57.29577951308232
constexpr double kOneThird = 1.0 / 3.0;           // S2's (1/3.)
constexpr double kIJScale = 1.0 / kLimitIJ;       // S2 IJtoSTMin
constexpr double kSiTiScale = 1.0 / (1LL << 31);  // S2 SiTitoST
constexpr double kWrapLimit = 1.0 + DBL_EPSILON;  // S2 FromFaceIJWrap's kLimit

// S2's Hilbert curve tables (s2coords.cc): position of sub-cell ij (= 2*ibit + jbit) for each
// orientation, the inverse, and the orientation change per position (bit 1 swap, bit 2 invert).
constexpr int kIJtoPos[4][4] = {{0, 1, 3, 2}, {0, 3, 1, 2}, {2, 3, 1, 0}, {2, 1, 3, 0}};
constexpr int kPosToIJ[4][4] = {{0, 1, 3, 2}, {0, 2, 3, 1}, {3, 2, 0, 1}, {3, 1, 0, 2}};
constexpr int kPosToOrientation[4] = {1, 0, 0, 3};

// The quadratic projection (s2coords.h).
double uv_to_st(double u) {
  return u >= 0 ? 0.5 * std::sqrt(1 + 3 * u) : 1 - 0.5 * std::sqrt(1 - 3 * u);
}
double st_to_uv(double s) {
  return s >= 0.5 ? kOneThird * (4 * s * s - 1) : kOneThird * (1 - 4 * (1 - s) * (1 - s));
}
// S2's STtoIJ, lround(kLimitIJ * s - 0.5) clamped: kLimitIJ * s - 0.5 is exact for s in [0, 1],
// so this is floor(kLimitIJ * s) clamped (what the PostgreSQL twin computes).
int st_to_ij(double s) {
  double f = std::floor(kLimitIJ * s);
  if (f < 0) return 0;
  if (f > kLimitIJ - 1) return kLimitIJ - 1;
  return static_cast<int>(f);
}

struct Xyz {
  double x, y, z;
};
Xyz face_uv_to_xyz(int face, double u, double v) {
  switch (face) {
    case 0:
      return {1, u, v};
    case 1:
      return {-u, 1, v};
    case 2:
      return {-u, -v, 1};
    case 3:
      return {-1, -v, -u};
    case 4:
      return {v, -1, -u};
    default:
      return {v, u, -1};
  }
}
// The face whose axis is the largest absolute component (ties as S2's LargestAbsComponent), and
// (u, v) on it.
int xyz_to_face_uv(const Xyz& p, double& u, double& v) {
  double ax = std::fabs(p.x), ay = std::fabs(p.y), az = std::fabs(p.z);
  int face = ax > ay ? (ax > az ? 0 : 2) : (ay > az ? 1 : 2);
  double c = face == 0 ? p.x : face == 1 ? p.y : p.z;
  if (c < 0) face += 3;
  switch (face) {
    case 0:
      u = p.y / p.x;
      v = p.z / p.x;
      break;
    case 1:
      u = -p.x / p.y;
      v = p.z / p.y;
      break;
    case 2:
      u = -p.x / p.z;
      v = -p.y / p.z;
      break;
    case 3:
      u = p.z / p.x;
      v = p.y / p.x;
      break;
    case 4:
      u = p.z / p.y;
      v = -p.x / p.y;
      break;
    default:
      u = -p.y / p.z;
      v = -p.x / p.z;
      break;
  }
  return face;
}

// The cell id of leaf (i, j) on `face`, cut to `level` (S2CellId::FromFaceIJ(...).parent(level)).
uint64_t cell_id(int face, int i, int j, int level) {
  uint64_t pos = 0;
  int orientation = face & 1;
  for (int k = 1; k <= level; ++k) {
    int bit = kMaxLevel - k;
    int ij = (((i >> bit) & 1) << 1) | ((j >> bit) & 1);
    int p = kIJtoPos[orientation][ij];
    pos = (pos << 2) | static_cast<uint64_t>(p);
    orientation ^= kPosToOrientation[p];
  }
  uint64_t id = static_cast<uint64_t>(face) << 61;
  if (level > 0) id |= pos << (61 - 2 * level);
  return id | (uint64_t{1} << (60 - 2 * level));
}

// S2CellId::FromFaceIJWrap: leaf (i, j) just beyond the face, reprojected onto the next face.
uint64_t cell_id_wrap(int face, long long i, long long j, int level) {
  i = std::max(-1LL, std::min<long long>(kLimitIJ, i));
  j = std::max(-1LL, std::min<long long>(kLimitIJ, j));
  double u = std::max(-kWrapLimit, std::min(kWrapLimit, kIJScale * (2 * (i - kLimitIJ / 2) + 1)));
  double v = std::max(-kWrapLimit, std::min(kWrapLimit, kIJScale * (2 * (j - kLimitIJ / 2) + 1)));
  double nu, nv;
  int nface = xyz_to_face_uv(face_uv_to_xyz(face, u, v), nu, nv);
  return cell_id(nface, st_to_ij(0.5 * (nu + 1)), st_to_ij(0.5 * (nv + 1)), level);
}

std::string token_of(uint64_t id) {
  static const char* kHex = "0123456789abcdef";
  std::string s;
  for (int shift = 60; shift >= 0; shift -= 4) s += kHex[(id >> shift) & 15];
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s.empty() ? "X" : s;
}

// A decoded cell: face, level and the leaf coordinates (i, j) of its lower-left corner.
struct Cell {
  int face, level, i, j;
  int size() const { return 1 << (kMaxLevel - level); }
};

// S2CellId::FromToken plus is_valid: 1 to 16 hex digits (either case), face 0..5, the lowest set
// bit at an even position. Anything else is an invalid token (nullopt).
std::optional<Cell> parse_token(std::string_view t) {
  if (t.empty() || t.size() > 16) return std::nullopt;
  uint64_t id = 0;
  int shift = 60;
  for (char c : t) {
    uint64_t d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return std::nullopt;
    id |= d << shift;
    shift -= 4;
  }
  if (id == 0 || (id >> 61) > 5) return std::nullopt;
  uint64_t lsb = id & (~id + 1);
  if ((lsb & 0x1555555555555555ULL) == 0) return std::nullopt;
  int lsb_bit = 0;
  while (!((lsb >> lsb_bit) & 1)) ++lsb_bit;
  Cell c{static_cast<int>(id >> 61), kMaxLevel - lsb_bit / 2, 0, 0};
  int orientation = c.face & 1;
  for (int k = 1; k <= c.level; ++k) {
    int p = static_cast<int>((id >> (61 - 2 * k)) & 3);
    int ij = kPosToIJ[orientation][p];
    c.i = (c.i << 1) | (ij >> 1);
    c.j = (c.j << 1) | (ij & 1);
    orientation ^= kPosToOrientation[p];
  }
  c.i <<= kMaxLevel - c.level;
  c.j <<= kMaxLevel - c.level;
  return c;
}

// (u, v) on `face` -> normalized point (S2's Normalize: times 1 / norm) -> [lon, lat] in degrees,
// as S2LatLng (lat = atan2(z, sqrt(x^2 + y^2)), lng = atan2(y, x)).
json lon_lat(int face, double u, double v) {
  Xyz p = face_uv_to_xyz(face, u, v);
  double n = std::sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
  double r = 1.0 / n;
  double x = p.x * r, y = p.y * r, z = p.z * r;
  double lng = kToDegrees * std::atan2(y, x);
  double lat = kToDegrees * std::atan2(z, std::sqrt(x * x + y * y));
  return json::array({lng == 0 ? 0.0 : lng, lat == 0 ? 0.0 : lat});
}

// kql_s2_point_to_cell(lon, lat, level): the token, or "" for null/invalid coordinates or level.
void s2_point_to_cell(sqlite3_context* ctx, int, sqlite3_value** a) {
  for (int k = 0; k < 3; ++k)
    if (is_null(a[k])) return result_text(ctx, "");
  double lon = sqlite3_value_double(a[0]), lat = sqlite3_value_double(a[1]);
  sqlite3_int64 level = sqlite3_value_int64(a[2]);
  if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90) || level < 0 || level > kMaxLevel)
    return result_text(ctx, "");
  double phi = lat * kDegree, theta = lon * kDegree;
  double cosphi = std::cos(phi);
  Xyz p{std::cos(theta) * cosphi, std::sin(theta) * cosphi, std::sin(phi)};
  double u, v;
  int face = xyz_to_face_uv(p, u, v);
  int i = st_to_ij(uv_to_st(u)), j = st_to_ij(uv_to_st(v));
  result_text(ctx, token_of(cell_id(face, i, j, static_cast<int>(level))));
}

// kql_s2_cell_center(token): GeoJSON point of the cell center (S2CellId::ToPoint), or NULL.
void s2_cell_center(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto c = parse_token(text_arg(a[0]));
  if (!c) return sqlite3_result_null(ctx);
  long long si = 2LL * c->i + c->size(), ti = 2LL * c->j + c->size();
  json point = {{"type", "Point"},
                {"coordinates", lon_lat(c->face, st_to_uv(kSiTiScale * static_cast<double>(si)),
                                        st_to_uv(kSiTiScale * static_cast<double>(ti)))}};
  result_json(ctx, point);
}

// kql_s2_cell_polygon(token): GeoJSON polygon of the cell's vertices in S2Cell::GetVertex order
// (u0,v0), (u1,v0), (u1,v1), (u0,v1), closed with the first; or NULL.
void s2_cell_polygon(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto c = parse_token(text_arg(a[0]));
  if (!c) return sqlite3_result_null(ctx);
  double u0 = st_to_uv(kIJScale * c->i), u1 = st_to_uv(kIJScale * (c->i + c->size()));
  double v0 = st_to_uv(kIJScale * c->j), v1 = st_to_uv(kIJScale * (c->j + c->size()));
  json ring = json::array({lon_lat(c->face, u0, v0), lon_lat(c->face, u1, v0),
                           lon_lat(c->face, u1, v1), lon_lat(c->face, u0, v1)});
  ring.push_back(ring[0]);
  json polygon = {{"type", "Polygon"}, {"coordinates", json::array({ring})}};
  result_json(ctx, polygon);
}

// The neighbor offsets (di, dj) in the cell's face coordinates, in the order of Kusto's
// documented example (see geo_s2.cpp): SE, NW, SW, W, E, S, N, NE for a face-4 cell.
constexpr int kNeighborOffsets[8][2] = {{1, 1}, {-1, -1}, {1, -1}, {0, -1},
                                        {0, 1}, {1, 0},   {-1, 0}, {-1, 1}};

// kql_s2_cell_neighbors(token): the array of the cell's 8 edge and corner neighbor tokens, or
// NULL. A cell at a corner of the cube (S2 finds only 7 distinct neighbors there) is an error.
void s2_cell_neighbors(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto c = parse_token(text_arg(a[0]));
  if (!c) return sqlite3_result_null(ctx);
  long long size = c->size();
  json out = json::array();
  for (const auto& off : kNeighborOffsets) {
    long long i = c->i + off[0] * size, j = c->j + off[1] * size;
    bool i_in = i >= 0 && i < kLimitIJ, j_in = j >= 0 && j < kLimitIJ;
    if (!i_in && !j_in)
      return sqlite3_result_error(
          ctx,
          "kql: geo_s2cell_neighbors of a cell at a cube corner: Kusto's result is not documented",
          -1);
    bool same_face = i_in && j_in;
    uint64_t id = same_face ? cell_id(c->face, static_cast<int>(i), static_cast<int>(j), c->level)
                            : cell_id_wrap(c->face, i, j, c->level);
    out.push_back(token_of(id));
  }
  result_json(ctx, out);
}

}  // namespace

std::span<const SqliteScalar> sqlite_geo_s2_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_s2_point_to_cell", 3, s2_point_to_cell},
      {"kql_s2_cell_center", 1, s2_cell_center},
      {"kql_s2_cell_polygon", 1, s2_cell_polygon},
      {"kql_s2_cell_neighbors", 1, s2_cell_neighbors},
  };
  return kFunctions;
}

}  // namespace kql::run
