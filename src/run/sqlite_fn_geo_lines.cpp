// SQLite side of function family 'geo_lines' (backend/sql/functions/geo_lines.cpp translates the
// calls, documents the evidence and holds the PostgreSQL twins, which take the same double steps
// in the same order).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using nlohmann::json;

constexpr double kEarthRadius = 6371010;  // S2Earth::RadiusMeters
constexpr double kDegree = M_PI / 180.0;  // 0.017453292519943295
constexpr double kToDegrees = 180.0 / M_PI;
constexpr double kInterpolationFraction = 0.31215691082248312;  // S2EdgeTessellator
constexpr double kScaleFactor = 0.83829992569888509;            // S2EdgeTessellator
constexpr size_t kMaxPoints = 10485760;                         // the docs' limit

struct V3 {
  double x, y, z;
};
V3 add(V3 a, V3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
V3 sub(V3 a, V3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
V3 mul(double k, V3 a) { return {k * a.x, k * a.y, k * a.z}; }
double dot(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
V3 cross(V3 a, V3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double norm(V3 a) { return std::sqrt(dot(a, a)); }
V3 normalize(V3 a) {
  double n = norm(a);
  if (n != 0) n = 1.0 / n;
  return mul(n, a);
}

struct LL {
  double lng, lat;
};
// S2LatLng::FromDegrees(lat, lng).ToPoint().
V3 to_point(LL p) {
  double phi = p.lat * kDegree, theta = p.lng * kDegree, c = std::cos(phi);
  return {std::cos(theta) * c, std::sin(theta) * c, std::sin(phi)};
}
// S2LatLng(point) in degrees.
LL to_lnglat(V3 p) {
  double lat = std::atan2(p.z, std::sqrt(p.x * p.x + p.y * p.y));
  double lng = std::atan2(p.y, p.x);
  return {lng * kToDegrees, lat * kToDegrees};
}
// S1Angle(a, b).
double angle(V3 a, V3 b) { return std::atan2(norm(cross(a, b)), dot(a, b)); }
// S2::InterpolateAtDistance(r, a, b): the tangent at A towards B from RobustCrossProd's
// (b + a) x (b - a).
V3 point_at_distance(V3 a, V3 b, double r) {
  V3 tangent = cross(cross(add(b, a), sub(b, a)), a);
  return normalize(add(mul(std::cos(r), a), mul(std::sin(r) / norm(tangent), tangent)));
}
// S2::Interpolate(t, a, b).
V3 interpolate(V3 a, V3 b, double t) {
  if (t == 0) return a;
  if (t == 1) return b;
  return point_at_distance(a, b, t * angle(a, b));
}
// S1ChordAngle(a, b).length2().
double chord2(V3 a, V3 b) {
  V3 d = sub(a, b);
  return std::min(4.0, dot(d, d));
}

// A coordinate as Kusto's geo functions write it: the shortest digits of the double, integral
// values as integers, never an exponent, no negative zero. ((x::text)::numeric)::text on
// PostgreSQL gives the same text.
void append_real(std::string& out, double v) {
  if (v == 0) v = 0;  // -0 -> 0
  // The shortest round-trip digits (to_chars without a format; libstdc++'s chars_format::fixed
  // can give one digit more), an exponent written out as plain decimal.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  std::string s(buf, r.ptr);
  auto e = s.find('e');
  if (e == std::string::npos) {
    out += s;
    return;
  }
  int exp = std::stoi(s.substr(e + 1));
  std::string mant = s.substr(0, e), sign;
  if (mant[0] == '-') {
    sign = "-";
    mant.erase(0, 1);
  }
  std::string digits;
  int point = static_cast<int>(mant.size());  // digits before the decimal point
  for (size_t i = 0; i < mant.size(); ++i) {
    if (mant[i] == '.') {
      point = static_cast<int>(i);
    } else {
      digits += mant[i];
    }
  }
  point += exp;
  if (point <= 0) {
    out += sign + "0." + std::string(-point, '0') + digits;
  } else if (point >= static_cast<int>(digits.size())) {
    out += sign + digits + std::string(point - digits.size(), '0');
  } else {
    out += sign + digits.substr(0, point) + "." + digits.substr(point);
  }
}
void append_pos(std::string& out, LL p) {
  out += '[';
  append_real(out, p.lng);
  out += ',';
  append_real(out, p.lat);
  out += ']';
}

// How reading an argument ended: fine, a documented invalid input (null) or an input whose
// result the docs leave open (error, `why`).
enum class Read { Ok, Null, Error };
struct Verdict {
  Read r = Read::Ok;
  std::string why;
};
Verdict null_v() { return {Read::Null, {}}; }
Verdict error_v(std::string why) { return {Read::Error, std::move(why)}; }

bool iequals(const std::string& a, const char* b) {
  std::string_view bv(b);
  if (a.size() != bv.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(bv[i])))
      return false;
  return true;
}

// The GeoJSON object's coordinates when its type is `want`. Null: not an object, no string type
// or coordinates, another type. Error: members other than type/coordinates, the type in another
// case, the type `open` (accepted by Kusto, result not documented here).
Verdict shape(const std::optional<json>& g, const char* want, const char* open, const char* fn,
              const json** coords) {
  if (!g || !g->is_object()) return null_v();
  auto t = g->find("type");
  auto c = g->find("coordinates");
  if (t == g->end() || c == g->end() || !t->is_string()) return null_v();
  if (g->size() != 2)
    return error_v(std::string("kql: ") + fn +
                   ": GeoJSON members other than type and coordinates: Kusto's result is not "
                   "documented");
  std::string type = t->get<std::string>();
  if (type == want) {
    *coords = &*c;
    return {};
  }
  if (iequals(type, want) || (open && iequals(type, open)))
    return error_v(std::string("kql: ") + fn + ": GeoJSON type '" + type +
                   "': Kusto's result is not documented");
  return null_v();
}

// A position array: [lng, lat] numbers in range. Null: not an array of two numbers, out of range.
// Error: altitude (more than two numbers).
Verdict positions(const json& c, const char* fn, std::vector<LL>& out) {
  if (!c.is_array()) return null_v();
  for (auto& p : c) {
    if (!p.is_array() || p.size() < 2) return null_v();
    for (auto& n : p)
      if (!n.is_number()) return null_v();
    if (p.size() > 2)
      return error_v(std::string("kql: ") + fn +
                     ": positions with altitude: Kusto's result is not documented");
    double lng = p[0].get<double>(), lat = p[1].get<double>();
    if (!(lng >= -180 && lng <= 180 && lat >= -90 && lat <= 90)) return null_v();
    out.push_back({lng, lat});
  }
  return {};
}

// Tolerance in meters -> S2EdgeTessellator's scaled tolerance as a squared chord, or nullopt when
// invalid (null, outside [0.1, 10000], as documented).
std::optional<double> tolerance_arg(sqlite3_value* v) {
  if (is_null(v)) return std::nullopt;
  double t = sqlite3_value_double(v);
  if (!(t >= 0.1 && t <= 10000)) return std::nullopt;
  double a = kScaleFactor * (t / kEarthRadius);
  double s = 2 * std::sin(0.5 * std::min(M_PI, a));
  return s * s;
}

// S2EdgeTessellator::EstimateMaxError for Plate Carree (x = lng, y = lat in degrees) as a squared
// chord.
double estimate_max_error(LL pa, LL pb) {
  V3 a = to_point(pa), b = to_point(pb);
  if (dot(a, b) < -1e-14) return INFINITY;
  double t1 = kInterpolationFraction, t2 = 1 - kInterpolationFraction;
  V3 mid1 = interpolate(a, b, t1), mid2 = interpolate(a, b, t2);
  V3 pmid1 = to_point({(1 - t1) * pa.lng + t1 * pb.lng, (1 - t1) * pa.lat + t1 * pb.lat});
  V3 pmid2 = to_point({(1 - t2) * pa.lng + t2 * pb.lng, (1 - t2) * pa.lat + t2 * pb.lat});
  return std::max(chord2(mid1, pmid1), chord2(mid2, pmid2));
}

// S2EdgeTessellator::AppendUnprojected for the planar edge pa -> pb: appends the points after pa
// (bisecting in the plane until the estimated error is within the tolerance), depth first with an
// explicit stack as the PostgreSQL twin does. False when the output passes the docs' limit.
bool tessellate(LL pa, LL pb, double tol2, std::vector<LL>& out) {
  std::vector<std::pair<LL, LL>> stack{{pa, pb}};
  while (!stack.empty()) {
    auto [a, b] = stack.back();
    stack.pop_back();
    if (estimate_max_error(a, b) <= tol2) {
      out.push_back(b);
      if (out.size() > kMaxPoints) return false;
    } else {
      LL m{0.5 * a.lng + 0.5 * b.lng, 0.5 * a.lat + 0.5 * b.lat};
      stack.push_back({m, b});
      stack.push_back({a, m});
    }
  }
  return true;
}

void fail(sqlite3_context* ctx, const std::string& why) {
  sqlite3_result_error(ctx, why.c_str(), -1);
}
// Reports a non-Ok verdict on ctx; true when it was Ok.
bool ok(sqlite3_context* ctx, const Verdict& v) {
  if (v.r == Read::Null) sqlite3_result_null(ctx);
  if (v.r == Read::Error) fail(ctx, v.why);
  return v.r == Read::Ok;
}

// Densifies a chain of planar edges into `text` (the positions, bracketed). Error: an edge
// spanning 180 degrees of longitude or more (wrapped over the antimeridian: Kusto's output
// coordinates are not documented), a repeated point, more points than the docs' limit.
Verdict densify_chain(const std::vector<LL>& pts, double tol2, const char* fn, std::string& text) {
  std::vector<LL> out{pts[0]};
  for (size_t i = 1; i < pts.size(); ++i) {
    if (pts[i].lng == pts[i - 1].lng && pts[i].lat == pts[i - 1].lat)
      return error_v(std::string("kql: ") + fn +
                     ": a repeated point: Kusto's result is not documented");
    if (std::fabs(pts[i].lng - pts[i - 1].lng) >= 180)
      return error_v(std::string("kql: ") + fn +
                     ": an edge spanning 180 degrees of longitude or more (over the "
                     "antimeridian): Kusto's result is not documented");
    if (!tessellate(pts[i - 1], pts[i], tol2, out))
      return error_v(std::string("kql: ") + fn + ": more than 10485760 points");
  }
  text += '[';
  for (size_t i = 0; i < out.size(); ++i) {
    if (i) text += ',';
    append_pos(text, out[i]);
  }
  text += ']';
  return {};
}

// preserve_crossing only changes edges over the antimeridian, which fail above; null is not
// documented.
bool crossing_arg(sqlite3_context* ctx, sqlite3_value* v, const char* fn) {
  if (!is_null(v)) return true;
  fail(ctx,
       std::string("kql: ") + fn + ": preserve_crossing is null: Kusto's result is not documented");
  return false;
}

// kql_geo_line_interpolate(line, fraction): S2Polyline::Interpolate.
void geo_line_interpolate(sqlite3_context* ctx, int, sqlite3_value** a) {
  const char* fn = "geo_line_interpolate_point";
  if (is_null(a[1])) return sqlite3_result_null(ctx);
  double fraction = sqlite3_value_double(a[1]);
  if (!(fraction >= 0 && fraction <= 1)) return sqlite3_result_null(ctx);
  const json* c = nullptr;
  auto g = json_arg(a[0]);  // owns the JSON c points into
  if (!ok(ctx, shape(g, "LineString", "MultiLineString", fn, &c))) return;
  std::vector<LL> pts;
  if (!ok(ctx, positions(*c, fn, pts))) return;
  if (pts.size() < 2) return sqlite3_result_null(ctx);
  std::vector<V3> v;
  for (auto& p : pts) v.push_back(to_point(p));
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i].x == v[i - 1].x && v[i].y == v[i - 1].y && v[i].z == v[i - 1].z)
      return fail(ctx,
                  "kql: geo_line_interpolate_point: a repeated point: Kusto's result is "
                  "not documented");
    if (dot(v[i], v[i - 1]) < -1 + 1e-12)
      return fail(ctx,
                  "kql: geo_line_interpolate_point: a (nearly) antipodal edge: Kusto's "
                  "result is not documented");
  }
  V3 result = v.back();
  if (fraction <= 0) {
    result = v[0];
  } else {
    double length = 0;
    for (size_t i = 1; i < v.size(); ++i) length += angle(v[i - 1], v[i]);
    double target = fraction * length;
    for (size_t i = 1; i < v.size(); ++i) {
      double l = angle(v[i - 1], v[i]);
      if (target < l) {
        result = point_at_distance(v[i - 1], v[i], target);
        break;
      }
      target -= l;
    }
  }
  std::string text = "{\"type\":\"Point\",\"coordinates\":";
  append_pos(text, to_lnglat(result));
  text += '}';
  result_text(ctx, text);
}

// kql_geo_line_densify(line, tolerance, preserve_crossing)
void geo_line_densify(sqlite3_context* ctx, int, sqlite3_value** a) {
  const char* fn = "geo_line_densify";
  auto tol2 = tolerance_arg(a[1]);
  if (!tol2) return sqlite3_result_null(ctx);
  const json* c = nullptr;
  auto g = json_arg(a[0]);  // owns the JSON c points into
  if (!ok(ctx, shape(g, "LineString", "MultiLineString", fn, &c))) return;
  std::vector<LL> pts;
  if (!ok(ctx, positions(*c, fn, pts))) return;
  if (pts.size() < 2) return sqlite3_result_null(ctx);
  if (!crossing_arg(ctx, a[2], fn)) return;
  std::string text = "{\"type\":\"LineString\",\"coordinates\":";
  if (!ok(ctx, densify_chain(pts, *tol2, fn, text))) return;
  text += '}';
  result_text(ctx, text);
}

// Sign of a triple product, 0 when within 1e-14 of zero (too close to call).
int sign3(V3 a, V3 b, V3 c) {
  double d = dot(cross(a, b), c);
  return d > 1e-14 ? 1 : d < -1e-14 ? -1 : 0;
}

// The ring checks geo_polygon_densify makes before densifying (see geo_lines.cpp).
Verdict check_ring(const std::vector<LL>& r, const char* fn) {
  auto err = [&](const char* what) {
    return error_v(std::string("kql: ") + fn + ": " + what + ": Kusto's result is not documented");
  };
  if (r.size() < 4) return null_v();
  if (r.front().lng != r.back().lng || r.front().lat != r.back().lat) return null_v();
  size_t n = r.size() - 1;  // vertices, without the closing one
  std::vector<std::pair<double, double>> sorted;
  for (size_t i = 0; i < n; ++i) sorted.push_back({r[i].lng, r[i].lat});
  std::sort(sorted.begin(), sorted.end());
  size_t distinct = std::unique(sorted.begin(), sorted.end()) - sorted.begin();
  if (distinct < 3) return null_v();
  if (distinct < n) return err("a repeated vertex");
  for (size_t i = 0; i < n; ++i) {
    if (r[i].lat == 90 || r[i].lat == -90) return err("a vertex on a pole");
    if (std::fabs(r[i + 1].lng - r[i].lng) >= 180)
      return err("an edge spanning 180 degrees of longitude or more");
  }
  std::vector<V3> v;
  for (size_t i = 0; i <= n; ++i) v.push_back(to_point(r[i]));
  for (size_t i = 0; i < n; ++i) {
    // Adjacent edges folding back onto each other.
    V3 A = v[i], B = v[i + 1], C = v[(i + 2) % n];
    if (sign3(A, B, C) == 0 && dot(sub(A, B), sub(C, B)) > 0) return err("edges folding back");
    for (size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;  // adjacent through the closing vertex
      V3 c = v[j], d = v[j + 1];
      int s1 = sign3(A, B, c), s2 = sign3(A, B, d), s3 = sign3(c, d, A), s4 = sign3(c, d, B);
      if (s1 * s2 > 0 || s3 * s4 > 0) continue;
      V3 p = cross(cross(A, B), cross(c, d));
      double d1 = dot(p, add(A, B)), d2 = dot(p, add(c, d));
      if ((d1 > 1e-14 && d2 < -1e-14) || (d1 < -1e-14 && d2 > 1e-14)) continue;
      return err("crossing or touching edges");
    }
  }
  return {};
}

// kql_geo_polygon_densify(polygon, tolerance, preserve_crossing)
void geo_polygon_densify(sqlite3_context* ctx, int, sqlite3_value** a) {
  const char* fn = "geo_polygon_densify";
  auto tol2 = tolerance_arg(a[1]);
  if (!tol2) return sqlite3_result_null(ctx);
  const json* c = nullptr;
  auto g = json_arg(a[0]);  // owns the JSON c points into
  if (!ok(ctx, shape(g, "Polygon", "MultiPolygon", fn, &c))) return;
  if (!c->is_array() || c->empty()) return sqlite3_result_null(ctx);
  if (c->size() > 1)
    return fail(ctx,
                "kql: geo_polygon_densify: polygons with holes: Kusto's result is not "
                "documented");
  std::vector<LL> ring;
  if (!ok(ctx, positions((*c)[0], fn, ring))) return;
  if (!ok(ctx, check_ring(ring, fn))) return;
  if (!crossing_arg(ctx, a[2], fn)) return;
  std::string text = "{\"type\":\"Polygon\",\"coordinates\":[";
  if (!ok(ctx, densify_chain(ring, *tol2, fn, text))) return;
  text += "]}";
  result_text(ctx, text);
}

}  // namespace

std::span<const SqliteScalar> sqlite_geo_lines_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_geo_line_interpolate", 2, geo_line_interpolate},
      {"kql_geo_line_densify", 3, geo_line_densify},
      {"kql_geo_polygon_densify", 3, geo_polygon_densify},
  };
  return kFunctions;
}

}  // namespace kql::run
