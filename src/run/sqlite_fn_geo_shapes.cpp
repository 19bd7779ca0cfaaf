// SQLite side of function family 'geo_shapes' (backend/sql/functions/geo_shapes.cpp translates
// the calls, documents the evidence, and holds the PostgreSQL twins, which make the same checks
// in the same order and take the same double steps).
//
// Every check ends in one of three ways: the shape is fine; it breaks a documented rule, and the
// result is null (Kusto: "If the ... is invalid, the query will produce a null result"); or its
// result is not documented, and the call fails with an error naming what was met.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "run/sqlite_value.h"

namespace kql::run {

namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr double kEarthRadius = 6371010;  // S2Earth::RadiusMeters
constexpr double kDegree = M_PI / 180.0;  // 0.017453292519943295
constexpr double kPi = 3.141592653589793;
constexpr double kFourPi = 12.566370614359172;

struct Null {};  // a documented invalid input: the result is null
struct Odd {     // an input whose result is not documented: an error
  std::string why;
};

struct Pt {
  double lon, lat;
};

// The same place: equal latitude and longitude, longitudes 180 and -180, any longitude at a pole.
bool same_point(Pt a, Pt b) {
  if (a.lat != b.lat) return false;
  if (a.lat == 90 || a.lat == -90) return true;
  double d = std::fabs(a.lon - b.lon);
  return d == 0 || d == 360;
}

// sin^2 of half the central angle (the haversine), as kql_geo_distance computes it.
double haversine(Pt a, Pt b) {
  double sdp = std::sin((b.lat - a.lat) * kDegree / 2),
         sdl = std::sin((b.lon - a.lon) * kDegree / 2);
  double h = sdp * sdp + std::cos(a.lat * kDegree) * std::cos(b.lat * kDegree) * sdl * sdl;
  return h > 1 ? 1 : h;
}

struct V3 {
  double x, y, z;
};
V3 unit(Pt p) {
  double lo = p.lon * kDegree, la = p.lat * kDegree;
  return {std::cos(la) * std::cos(lo), std::cos(la) * std::sin(lo), std::sin(la)};
}
V3 cross(V3 a, V3 b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double dot(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
// -1, 0 (too close to zero to trust), 1
int sign_of(double v) { return v > 1e-14 ? 1 : v < -1e-14 ? -1 : 0; }

// A ring: closed, at least four positions, at least three distinct vertices (documented: null
// otherwise); repeated vertices, vertices on a pole, edges of 180 degrees of longitude, nearly
// antipodal edges and vertices on or next to another edge are not documented (Odd); crossing
// edges are documented as invalid (null).
void check_ring(const std::vector<Pt>& r) {
  if (r.size() < 4) throw Null{};
  if (!same_point(r.front(), r.back())) throw Null{};
  if (r.front().lon != r.back().lon)
    throw Odd{"a ring closed by another spelling of its first point"};
  size_t n = r.size() - 1;
  size_t distinct = 0;
  bool repeated = false;
  for (size_t i = 0; i < n; ++i) {
    bool seen = false;
    for (size_t j = 0; j < i; ++j) seen = seen || same_point(r[i], r[j]);
    if (seen)
      repeated = true;
    else
      ++distinct;
  }
  if (distinct < 3) throw Null{};
  if (repeated) throw Odd{"a ring with a repeated vertex"};
  for (size_t i = 0; i < n; ++i)
    if (r[i].lat == 90 || r[i].lat == -90) throw Odd{"a ring vertex on a pole"};
  for (size_t i = 0; i < n; ++i) {
    if (std::fabs(r[i + 1].lon - r[i].lon) == 180)
      throw Odd{"an edge spanning 180 degrees of longitude"};
    if (haversine(r[i], r[i + 1]) >= 0.999999999999) throw Odd{"a nearly antipodal edge"};
  }
  std::vector<V3> v, normal;
  for (size_t i = 0; i < n; ++i) v.push_back(unit(r[i]));
  for (size_t i = 0; i < n; ++i) normal.push_back(cross(v[i], v[(i + 1) % n]));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = i + 2; j < n; ++j) {
      if (i == 0 && j == n - 1) continue;  // adjacent through the closing vertex
      int s1 = sign_of(dot(normal[i], v[j])), s2 = sign_of(dot(normal[i], v[(j + 1) % n]));
      int s3 = sign_of(dot(normal[j], v[i])), s4 = sign_of(dot(normal[j], v[i + 1]));
      if (s1 != 0 && s2 != 0 && s1 == s2) continue;
      if (s3 != 0 && s4 != 0 && s3 == s4) continue;
      if (s1 == 0 || s2 == 0 || s3 == 0 || s4 == 0)
        throw Odd{"a ring vertex on or next to another edge"};
      if (s1 == s4) throw Null{};  // the edges cross
    }
}

// The area (steradians) of the smaller of the two regions a checked ring divides the sphere
// into: the sum over the edges of the signed area between the geodesic edge and the equator,
// 2 atan2(tan(dlon/2) (tan(lat1/2) + tan(lat2/2)), 1 + tan(lat1/2) tan(lat2/2)), plus 2 pi when
// the ring winds around a pole, taken modulo 4 pi into (-2 pi, 2 pi]: its magnitude. Its sign is
// negative when the smaller region lies left of the ring (counterclockwise).
double ring_area_signed(const std::vector<Pt>& r) {
  double s = 0, winding = 0;
  for (size_t i = 0; i + 1 < r.size(); ++i) {
    double d = r[i + 1].lon - r[i].lon;
    if (d > 180) d = d - 360;
    if (d < -180) d = d + 360;
    winding = winding + d;
    double t1 = std::tan(r[i].lat * kDegree / 2), t2 = std::tan(r[i + 1].lat * kDegree / 2);
    s = s + 2 * std::atan2(std::tan(d * kDegree / 2) * (t1 + t2), 1 + t1 * t2);
  }
  if (std::fabs(winding) > 180) s = s + 2 * kPi;
  // Into (-2 pi, 2 pi] (no 4 pi is added to a small area: that would cost its digits).
  while (s > 2 * kPi) s = s - kFourPi;
  while (s <= -2 * kPi) s = s + kFourPi;
  if (std::fabs(s) > 6.283185307179586 * 0.999999)
    throw Odd{"a ring dividing the sphere into two nearly equal halves"};
  return s;
}

ojson coord(double v);

// ---- GeoJSON input ----

// The object's "type" when it is one of `want`; null for another geometry type; Odd otherwise.
std::string geo_type(const json& g, std::string_view want1, std::string_view want2) {
  if (g.is_string()) throw Odd{"a string instead of a GeoJSON object"};
  if (!g.is_object()) throw Null{};
  auto t = g.find("type");
  if (t == g.end() || !t->is_string()) throw Null{};
  std::string type = t->get<std::string>();
  if (type != want1 && type != want2) {
    for (const char* other : {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                              "MultiPolygon", "GeometryCollection"})
      if (type == other) throw Null{};
    throw Odd{"GeoJSON type '" + type + "'"};
  }
  for (auto it = g.begin(); it != g.end(); ++it)
    if (it.key() != "type" && it.key() != "coordinates")
      throw Odd{"a GeoJSON member other than type and coordinates"};
  if (!g.contains("coordinates")) throw Null{};
  return type;
}

Pt json_position(const json& p) {
  if (!p.is_array() || p.size() < 2) throw Null{};
  if (p.size() > 2) throw Odd{"a position with more than two coordinates"};
  double c[2];
  for (int i = 0; i < 2; ++i) {
    if (p[i].is_string()) throw Odd{"a coordinate given as a string"};
    if (!p[i].is_number()) throw Null{};
    c[i] = p[i].get<double>();
    if (!(std::fabs(c[i]) <= 1000)) throw Null{};
  }
  if (!(c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90)) throw Null{};
  return {c[0], c[1]};
}

std::vector<Pt> json_positions(const json& c) {
  if (!c.is_array()) throw Null{};
  std::vector<Pt> out;
  for (const json& p : c) out.push_back(json_position(p));
  return out;
}

// The lines of a LineString/MultiLineString, checked.
std::vector<std::vector<Pt>> checked_lines(const json& g) {
  std::string type = geo_type(g, "LineString", "MultiLineString");
  const json& c = g["coordinates"];
  std::vector<std::vector<Pt>> lines;
  if (type == "LineString") {
    lines.push_back(json_positions(c));
  } else {
    if (!c.is_array()) throw Null{};
    if (c.empty()) throw Odd{"a MultiLineString without lines"};
    for (const json& l : c) lines.push_back(json_positions(l));
  }
  for (const auto& l : lines) {
    if (l.size() < 2) throw Null{};
    for (size_t i = 0; i + 1 < l.size(); ++i) {
      if (same_point(l[i], l[i + 1])) throw Odd{"a line with a repeated point"};
      if (haversine(l[i], l[i + 1]) >= 0.999999999999) throw Odd{"a nearly antipodal edge"};
    }
  }
  // Kusto measures the union of a multiline's lines: reproduced only when no two edges of
  // different lines lie on one great circle (where they could overlap).
  for (size_t a = 0; a < lines.size(); ++a)
    for (size_t b = a + 1; b < lines.size(); ++b)
      for (size_t i = 0; i + 1 < lines[a].size(); ++i)
        for (size_t j = 0; j + 1 < lines[b].size(); ++j) {
          V3 n1 = cross(unit(lines[a][i]), unit(lines[a][i + 1]));
          V3 n2 = cross(unit(lines[b][j]), unit(lines[b][j + 1]));
          V3 x = cross(n1, n2);
          if (std::sqrt(dot(x, x)) < 1e-9 * std::sqrt(dot(n1, n1)) * std::sqrt(dot(n2, n2)))
            throw Odd{"lines of a MultiLineString on one great circle (Kusto measures the union)"};
        }
  return lines;
}

double line_length(const json& g) {
  double total = 0;
  for (const auto& l : checked_lines(g))
    for (size_t i = 0; i + 1 < l.size(); ++i)
      total = total + 2 * std::asin(std::sqrt(haversine(l[i], l[i + 1])));
  return total * kEarthRadius;
}

// The ring of a Polygon/MultiPolygon, checked.
std::vector<Pt> checked_ring(const json& g) {
  std::string type = geo_type(g, "Polygon", "MultiPolygon");
  const json* poly = &g["coordinates"];
  if (!poly->is_array()) throw Null{};
  if (type == "MultiPolygon") {
    if (poly->empty()) throw Odd{"a MultiPolygon without polygons"};
    if (poly->size() > 1)
      throw Odd{"a MultiPolygon of several polygons (Kusto measures their union)"};
    poly = &(*poly)[0];
    if (!poly->is_array()) throw Null{};
  }
  if (poly->empty()) throw Null{};
  if (poly->size() > 1) throw Odd{"a polygon with holes"};
  std::vector<Pt> ring = json_positions((*poly)[0]);
  check_ring(ring);
  return ring;
}

double polygon_area(const json& g) {
  return std::fabs(ring_area_signed(checked_ring(g))) * kEarthRadius * kEarthRadius;
}

V3 add(V3 a, V3 b) { return {a.x + b.x, a.y + b.y, a.z + b.z}; }
double angle(V3 a, V3 b) {
  V3 c = cross(a, b);
  return std::atan2(std::sqrt(dot(c, c)), dot(a, b));
}

// S2's true centroid of an edge (S2::TrueCentroid(a, b)): toward the midpoint, of length
// 2 sin(theta / 2), the integral of the unit vector over the arc.
V3 edge_centroid(V3 a, V3 b) {
  V3 d = {a.x - b.x, a.y - b.y, a.z - b.z}, s = {a.x + b.x, a.y + b.y, a.z + b.z};
  double f = std::sqrt(dot(d, d) / dot(s, s));
  return {f * s.x, f * s.y, f * s.z};
}

// S2's true centroid of a spherical triangle (S2::TrueCentroid(a, b, c)) times its signed area.
V3 triangle_centroid(V3 a, V3 b, V3 c) {
  double aa = angle(b, c), ab = angle(c, a), ac = angle(a, b);
  double ra = aa == 0 ? 1 : aa / std::sin(aa);
  double rb = ab == 0 ? 1 : ab / std::sin(ab);
  double rc = ac == 0 ? 1 : ac / std::sin(ac);
  V3 x = {a.x, b.x - a.x, c.x - a.x}, y = {a.y, b.y - a.y, c.y - a.y},
     z = {a.z, b.z - a.z, c.z - a.z}, r = {ra, rb - ra, rc - ra};
  return {0.5 * dot(cross(y, z), r), 0.5 * dot(cross(z, x), r), 0.5 * dot(cross(x, y), r)};
}

// {"type": "Point", "coordinates": [lng, lat]} of a centroid vector (S2LatLng of the point).
ojson centroid_point(V3 c) {
  double h = std::sqrt(c.x * c.x + c.y * c.y);
  if (h <= 1e-9 * std::sqrt(c.x * c.x + c.y * c.y + c.z * c.z))
    throw Odd{"a centroid on a pole (or none)"};
  double lng = std::atan2(c.y, c.x) * 57.29577951308232,
         lat = std::atan2(c.z, h) * 57.29577951308232;
  if (180 - std::fabs(lng) < 1e-9) throw Odd{"a centroid on the antimeridian"};
  ojson g = ojson::object();
  g["type"] = "Point";
  g["coordinates"] = ojson::array({coord(lng), coord(lat)});
  return g;
}

ojson line_centroid(const json& g) {
  V3 sum = {0, 0, 0};
  for (const auto& l : checked_lines(g))
    for (size_t i = 0; i + 1 < l.size(); ++i)
      sum = add(sum, edge_centroid(unit(l[i]), unit(l[i + 1])));
  return centroid_point(sum);
}

// The fan of triangles from the first vertex, as S2Loop::GetCentroid sums them (it moves the fan's
// origin only for a vertex within 1e-5 of the antipode of the first, not reproduced); negated
// when the smaller region lies right of the ring.
ojson polygon_centroid(const json& g) {
  std::vector<Pt> r = checked_ring(g);
  double s = ring_area_signed(r);
  size_t n = r.size() - 1;
  std::vector<V3> v;
  for (size_t i = 0; i < n; ++i) v.push_back(unit(r[i]));
  for (size_t i = 1; i < n; ++i)
    if (angle(v[i], v[0]) > kPi - 1e-5) throw Odd{"a ring vertex nearly antipodal to the first"};
  V3 sum = {0, 0, 0};
  for (size_t i = 1; i + 1 < n; ++i) sum = add(sum, triangle_centroid(v[0], v[i], v[i + 1]));
  if (s > 0) sum = {-sum.x, -sum.y, -sum.z};
  return centroid_point(sum);
}

// ---- WKT ----

// Tokens: "w<word>", "n<number>", "(", ")", ",". Spaces separate tokens; other whitespace, and
// numbers other than -?d+(.d+)? in a form WKT readers accept, are not documented (Odd); any other
// character is not WKT (null).
std::vector<std::string> wkt_tokens(std::string_view s) {
  std::vector<std::string> out;
  auto digit = [&](size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; };
  auto alpha = [&](size_t i) {
    return i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'));
  };
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ') {
      ++i;
    } else if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      throw Odd{"whitespace other than spaces"};
    } else if (c == '(' || c == ')' || c == ',') {
      out.push_back(std::string(1, c));
      ++i;
    } else if (alpha(i)) {
      size_t b = i;
      while (alpha(i)) ++i;
      out.emplace_back(1, 'w');
      out.back().append(s.substr(b, i - b));
    } else if (c == '+' || c == '-' || c == '.' || digit(i)) {
      size_t b = i;
      if (c == '+' || c == '-') ++i;
      size_t m = 0;
      while (digit(i)) ++i, ++m;
      size_t int_digits = m;
      bool dot_seen = false;
      size_t frac_digits = 0;
      if (i < s.size() && s[i] == '.') {
        dot_seen = true;
        ++i;
        while (digit(i)) ++i, ++frac_digits;
      }
      if (int_digits + frac_digits == 0) throw Null{};
      bool exponent = false;
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        exponent = true;
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        if (!digit(i)) throw Null{};
        while (digit(i)) ++i;
      }
      if (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != ')' && s[i] != '\t' &&
          s[i] != '\n' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
        throw Null{};
      std::string_view tok = s.substr(b, i - b);
      if (c == '+' || exponent || int_digits == 0 || (dot_seen && frac_digits == 0))
        throw Odd{"the number '" + std::string(tok) + "'"};
      out.emplace_back(1, 'n');
      out.back().append(tok);
    } else {
      throw Null{};
    }
  }
  return out;
}

ojson coord(double v) {
  // Kusto writes its GeoJSON numbers the way its geo functions' documented outputs show them:
  // integral coordinates as integers ([1,2], [51,51]), others with their digits.
  if (v == std::trunc(v)) return ojson(static_cast<int64_t>(v));
  return ojson(v);
}

ojson points_json(const std::vector<Pt>& pts) {
  ojson a = ojson::array();
  for (Pt p : pts) a.push_back(ojson::array({coord(p.lon), coord(p.lat)}));
  return a;
}

class WktParser {
 public:
  explicit WktParser(std::vector<std::string> t) : t_(std::move(t)) {}

  ojson parse() {
    ojson g = geometry(false);
    if (i_ < t_.size()) throw Odd{"text after the geometry"};
    return g;
  }

 private:
  const std::string& at() const {
    static const std::string end;
    return i_ < t_.size() ? t_[i_] : end;
  }
  bool eat(const char* tok) {
    if (at() != tok) return false;
    ++i_;
    return true;
  }
  void need(const char* tok) {
    if (!eat(tok)) throw Null{};
  }

  Pt position() {
    std::vector<double> c;
    while (at().size() > 0 && at()[0] == 'n') {
      std::string_view num = std::string_view(at()).substr(1);  // -?d+(.d+)?, correctly rounded
      double v = 0;
      if (std::from_chars(num.data(), num.data() + num.size(), v).ec != std::errc())
        throw Odd{"a number out of the range of a real"};
      c.push_back(v);
      ++i_;
    }
    if (c.size() < 2 || c.size() > 4) throw Null{};
    if (c.size() > 2) throw Odd{"a point with more than two coordinates"};
    if (!(c[0] >= -180 && c[0] <= 180 && c[1] >= -90 && c[1] <= 90))
      throw Odd{"a coordinate out of range"};
    return {c[0], c[1]};
  }
  std::vector<Pt> points() {
    need("(");
    std::vector<Pt> out;
    do out.push_back(position());
    while (eat(","));
    need(")");
    return out;
  }
  ojson line() {
    auto pts = points();
    if (pts.size() < 2) throw Odd{"a LINESTRING of fewer than two points"};
    return points_json(pts);
  }
  ojson polygon() {
    need("(");
    ojson rings = ojson::array();
    do {
      auto ring = points();
      try {
        check_ring(ring);
      } catch (const Null&) {
        throw Odd{"a polygon ring Kusto's polygon functions call invalid"};
      }
      rings.push_back(points_json(ring));
    } while (eat(","));
    need(")");
    return rings;
  }

  ojson geometry(bool in_collection) {
    const std::string& w = at();
    if (w.empty() || w[0] != 'w') throw Null{};
    std::string word = w.substr(1), up = word;
    for (char& ch : up)
      if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    static const std::pair<const char*, const char*> kTypes[] = {
        {"POINT", "Point"},
        {"LINESTRING", "LineString"},
        {"POLYGON", "Polygon"},
        {"MULTIPOINT", "MultiPoint"},
        {"MULTILINESTRING", "MultiLineString"},
        {"MULTIPOLYGON", "MultiPolygon"},
        {"GEOMETRYCOLLECTION", "GeometryCollection"},
    };
    const char* type = nullptr;
    for (auto& [k, v] : kTypes)
      if (up == k) type = v;
    if (!type) {
      if (up == "SRID") throw Odd{"an SRID prefix"};
      throw Null{};
    }
    if (word != up) throw Odd{"a keyword not in upper case"};
    ++i_;
    if (at().size() > 0 && at()[0] == 'w') {
      std::string t = at().substr(1);
      for (char& ch : t)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
      if (t == "Z" || t == "M" || t == "ZM") throw Odd{"Z or M coordinates"};
      if (t == "EMPTY") throw Odd{"an EMPTY geometry"};
      throw Null{};
    }
    ojson g = ojson::object();
    g["type"] = type;
    if (up == "GEOMETRYCOLLECTION") {
      if (in_collection) throw Odd{"a nested GEOMETRYCOLLECTION"};
      need("(");
      ojson parts = ojson::array();
      do parts.push_back(geometry(true));
      while (eat(","));
      need(")");
      g["geometries"] = parts;
      return g;
    }
    ojson c = ojson::array();
    if (up == "POINT") {
      need("(");
      Pt p = position();
      need(")");
      c = ojson::array({coord(p.lon), coord(p.lat)});
    } else if (up == "LINESTRING") {
      c = line();
    } else if (up == "POLYGON") {
      c = polygon();
    } else if (up == "MULTIPOINT") {
      need("(");
      do {
        if (at() == "(") throw Odd{"MULTIPOINT with parenthesised points"};
        Pt p = position();
        c.push_back(ojson::array({coord(p.lon), coord(p.lat)}));
      } while (eat(","));
      need(")");
    } else if (up == "MULTILINESTRING") {
      need("(");
      do c.push_back(line());
      while (eat(","));
      need(")");
    } else {  // MULTIPOLYGON
      need("(");
      do c.push_back(polygon());
      while (eat(","));
      need(")");
    }
    g["coordinates"] = c;
    return g;
  }

  std::vector<std::string> t_;
  size_t i_ = 0;
};

void fail(sqlite3_context* ctx, const char* fn, const std::string& why) {
  std::string msg = std::string("kql: ") + fn + "(): " + why + ": Kusto's result is not documented";
  sqlite3_result_error(ctx, msg.c_str(), static_cast<int>(msg.size()));
}

// kql_geo_from_wkt(text)
void geo_from_wkt(sqlite3_context* ctx, int, sqlite3_value** a) {
  if (is_null(a[0])) return sqlite3_result_null(ctx);
  try {
    ojson g = WktParser(wkt_tokens(text_arg(a[0]))).parse();
    result_text(ctx, g.dump());
  } catch (const Null&) {
    sqlite3_result_null(ctx);
  } catch (const Odd& o) {
    fail(ctx, "geo_from_wkt", o.why);
  }
}

// kql_geo_line_length(dynamic)
void geo_line_length(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto g = json_arg(a[0]);
  if (!g) return sqlite3_result_null(ctx);
  try {
    sqlite3_result_double(ctx, line_length(*g));
  } catch (const Null&) {
    sqlite3_result_null(ctx);
  } catch (const Odd& o) {
    fail(ctx, "geo_line_length", o.why);
  }
}

// kql_geo_polygon_area(dynamic)
void geo_polygon_area(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto g = json_arg(a[0]);
  if (!g) return sqlite3_result_null(ctx);
  try {
    sqlite3_result_double(ctx, polygon_area(*g));
  } catch (const Null&) {
    sqlite3_result_null(ctx);
  } catch (const Odd& o) {
    fail(ctx, "geo_polygon_area", o.why);
  }
}

// kql_geo_line_centroid(dynamic)
void geo_line_centroid(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto g = json_arg(a[0]);
  if (!g) return sqlite3_result_null(ctx);
  try {
    result_text(ctx, line_centroid(*g).dump());
  } catch (const Null&) {
    sqlite3_result_null(ctx);
  } catch (const Odd& o) {
    fail(ctx, "geo_line_centroid", o.why);
  }
}

// kql_geo_polygon_centroid(dynamic)
void geo_polygon_centroid(sqlite3_context* ctx, int, sqlite3_value** a) {
  auto g = json_arg(a[0]);
  if (!g) return sqlite3_result_null(ctx);
  try {
    result_text(ctx, polygon_centroid(*g).dump());
  } catch (const Null&) {
    sqlite3_result_null(ctx);
  } catch (const Odd& o) {
    fail(ctx, "geo_polygon_centroid", o.why);
  }
}

}  // namespace

std::span<const SqliteScalar> sqlite_geo_shapes_functions() {
  static const SqliteScalar kFunctions[] = {
      {"kql_geo_from_wkt", 1, geo_from_wkt},
      {"kql_geo_line_length", 1, geo_line_length},
      {"kql_geo_polygon_area", 1, geo_polygon_area},
      {"kql_geo_line_centroid", 1, geo_line_centroid},
      {"kql_geo_polygon_centroid", 1, geo_polygon_centroid},
  };
  return kFunctions;
}

}  // namespace kql::run
