// Function family 'geo_sphere' (see families.h): distances on Kusto's spherical Earth.
//
// Kusto measures geo distances on a sphere (the docs: "the geodetic datum used to measure
// distance on Earth is a sphere") of S2's Earth radius, 6371010 m (S2Earth::RadiusMeters). The
// central angle is the haversine one, 2 asin(sqrt(sin^2(dlat/2) + cos lat1 cos lat2
// sin^2(dlon/2))); with it geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056)
// is 1546754.3519738095, the docs' 1546754.35197381. Both databases evaluate the same double
// steps, in the same order (kql_geo_distance here on PostgreSQL, its twin in
// run/sqlite_fn_geo_sphere.cpp): degrees times the double nearest pi/180, then libm's
// sin/cos/sqrt/asin.
//
// Invalid coordinates (longitude outside [-180, 180], latitude outside [-90, 90], as documented)
// and a radius that is not positive give null.
//
// geo_azimuth is the great circle's initial bearing, atan2(sin dlon cos lat2, cos lat1 sin lat2 -
// sin lat1 cos lat2 cos dlon) in [0, 2 pi) (the docs' 3.05459939796449 for (5, 10) -> (10, -40));
// geo_angle is bearing(p2, p3) - bearing(p2, p1) in [0, 2 pi), "clockwise from the first line to
// the second" (the docs' 2.94493843406882). Equal or antipodal points and invalid coordinates give
// null, as documented; a point on a pole (no north there, not documented) is an error.
//
// Rejected by name: geo_distance_2points(..., use_spheroid) unless it is the literal false (the
// spheroid algorithm and its parameters are not documented).
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

// Arguments [0, count) as reals, or nullopt after a type error.
std::optional<std::vector<std::string>> reals(FunctionCall& f, size_t count) {
  std::vector<std::string> out;
  for (size_t i = 0; i < count; ++i) {
    KType t = f.a[i].type;
    if (!is_numeric(t) && t != KType::Unknown) {
      f.type_err(i, "a number");
      return std::nullopt;
    }
    out.push_back(f.d().cast(f.a[i].sql, KType::Real));
  }
  return out;
}

// geo_distance_2points(lon1, lat1, lon2, lat2 [, use_spheroid]): meters on the sphere.
std::optional<SqlExpr> fn_distance_2points(FunctionCall& f) {
  if (!f.nargs(4, 5)) return std::nullopt;
  if (f.n() == 5) {
    const ast::Expr* e = f.call->args[4];
    auto* l = e->kind == ast::NodeKind::Literal ? static_cast<const ast::Literal*>(e) : nullptr;
    if (!l || l->literal_kind != ast::LiteralKind::Bool || l->int_value != 0)
      return f.unsupported(
          "use_spheroid must be the literal false: Kusto's spheroid algorithm is not documented");
  }
  auto r = reals(f, 4);
  if (!r) return std::nullopt;
  auto& v = *r;
  return SqlExpr{f.helper("kql_geo_distance", {v[0], v[1], v[2], v[3]}), KType::Real};
}

// geo_point_in_circle(lon, lat, center_lon, center_lat, radius): distance <= radius.
std::optional<SqlExpr> fn_point_in_circle(FunctionCall& f) {
  if (!f.nargs(5, 5)) return std::nullopt;
  auto r = reals(f, 5);
  if (!r) return std::nullopt;
  auto& v = *r;
  return SqlExpr{f.helper("kql_geo_in_circle", {v[0], v[1], v[2], v[3], v[4]}), KType::Bool};
}

// geo_azimuth(lon1, lat1, lon2, lat2): the initial bearing of the great circle, radians.
std::optional<SqlExpr> fn_azimuth(FunctionCall& f) {
  if (!f.nargs(4, 4)) return std::nullopt;
  auto r = reals(f, 4);
  if (!r) return std::nullopt;
  auto& v = *r;
  return SqlExpr{f.helper("kql_geo_azimuth", {v[0], v[1], v[2], v[3]}), KType::Real};
}

// geo_angle(p1, p2, p3): clockwise from line [p2, p1] to line [p2, p3], radians.
std::optional<SqlExpr> fn_angle(FunctionCall& f) {
  if (!f.nargs(6, 6)) return std::nullopt;
  auto r = reals(f, 6);
  if (!r) return std::nullopt;
  auto& v = *r;
  return SqlExpr{f.helper("kql_geo_angle", {v[0], v[1], v[2], v[3], v[4], v[5]}), KType::Real};
}

}  // namespace

std::span<const SqlFunction> geo_sphere_functions() {
  static const SqlFunction kFunctions[] = {
      {"geo_distance_2points", fn_distance_2points},
      {"geo_point_in_circle", fn_point_in_circle},
      {"geo_azimuth", fn_azimuth},
      {"geo_angle", fn_angle},
  };
  return kFunctions;
}

// The same double steps as run/sqlite_fn_geo_sphere.cpp; 0.017453292519943295 is the double
// nearest pi/180 (M_PI / 180.0 in C++).
std::string_view geo_sphere_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_valid(lon float8, lat float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT lon >= -180 AND lon <= 180 AND lat >= -90 AND lat <= 90 $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_distance(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k float8 := 0.017453292519943295; p1 float8; p2 float8; sdp float8; sdl float8; h float8; BEGIN
  IF lon1 IS NULL OR lat1 IS NULL OR lon2 IS NULL OR lat2 IS NULL THEN RETURN NULL; END IF;
  IF NOT pg_temp.kql_geo_valid(lon1, lat1) OR NOT pg_temp.kql_geo_valid(lon2, lat2) THEN RETURN NULL; END IF;
  p1 := lat1 * k;
  p2 := lat2 * k;
  sdp := sin((lat2 - lat1) * k / 2);
  sdl := sin((lon2 - lon1) * k / 2);
  h := sdp * sdp + cos(p1) * cos(p2) * sdl * sdl;
  IF h > 1 THEN h := 1; END IF;
  RETURN 2 * asin(sqrt(h)) * 6371010;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_in_circle(lon float8, lat float8, clon float8, clat float8, radius float8) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE d float8; BEGIN
  IF radius IS NULL OR radius = 'NaN'::float8 OR NOT (radius > 0) THEN RETURN NULL; END IF;
  d := pg_temp.kql_geo_distance(lon, lat, clon, clat);
  IF d IS NULL THEN RETURN NULL; END IF;
  RETURN d <= radius;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_azimuth(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k float8 := 0.017453292519943295; p1 float8; p2 float8; dl float8; dlon float8; t float8; BEGIN
  IF lon1 IS NULL OR lat1 IS NULL OR lon2 IS NULL OR lat2 IS NULL THEN RETURN NULL; END IF;
  IF NOT pg_temp.kql_geo_valid(lon1, lat1) OR NOT pg_temp.kql_geo_valid(lon2, lat2) THEN RETURN NULL; END IF;
  IF lat1 = 90 OR lat1 = -90 OR lat2 = 90 OR lat2 = -90 THEN
    RAISE EXCEPTION 'kql: geo_azimuth/geo_angle at a pole: Kusto''s result is not documented';
  END IF;
  dlon := abs(lon1 - lon2);
  IF lat1 = lat2 AND (dlon = 0 OR dlon = 360) THEN RETURN NULL; END IF;
  IF lat1 = -lat2 AND dlon = 180 THEN RETURN NULL; END IF;
  p1 := lat1 * k;
  p2 := lat2 * k;
  dl := (lon2 - lon1) * k;
  t := atan2(sin(dl) * cos(p2), cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl));
  IF t < 0 THEN t := t + 6.283185307179586::float8; END IF;
  RETURN t;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_angle(lon1 float8, lat1 float8, lon2 float8, lat2 float8, lon3 float8, lat3 float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE b1 float8; b3 float8; r float8; BEGIN
  b1 := pg_temp.kql_geo_azimuth(lon2, lat2, lon1, lat1);
  IF b1 IS NULL THEN RETURN NULL; END IF;
  b3 := pg_temp.kql_geo_azimuth(lon2, lat2, lon3, lat3);
  IF b3 IS NULL THEN RETURN NULL; END IF;
  r := b3 - b1;
  IF r < 0 THEN r := r + 6.283185307179586::float8; END IF;
  RETURN r;
END $$;
)SQL";
}

}  // namespace kql::sql
