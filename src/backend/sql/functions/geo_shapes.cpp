// Function family 'geo_shapes' (see families.h): WKT to GeoJSON, line length and centroid,
// polygon area and centroid.
//
// Every call is one kql_* helper (SQLite twins in run/sqlite_fn_geo_shapes.cpp, the PostgreSQL
// ones below) making the same checks in the same order with the same double steps. A check ends
// in one of three ways: fine; a documented invalid input, whose result is null; or an input whose
// result the docs leave open, which raises an error naming it (never a guess).
//
// geo_from_wkt(wkt): the docs' examples (POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING,
// MULTIPOLYGON, GEOMETRYCOLLECTION) give {"type": <GeoJSON name>, "coordinates": ...} (a
// collection: "geometries"), and "If the input WKT string is invalid or unsupported, the query
// produces a null result" (geo_from_wkt("LINESTRING") is null). Coordinates are written as
// Kusto's geo functions write them in their documented outputs: integral values as integers
// ([1,2]; geo_line_densify's [51,51]), others with the digits of the double. Null: text that no
// WKT reading accepts (keywords in any case, any whitespace, Z/M, EMPTY, exponents) and unknown
// geometry types. Not documented, so an error: keywords not in upper case, whitespace other than
// spaces, Z/M coordinates, EMPTY, numbers other than -?d+(.d+)?, MULTIPOINT ((x y)), nested
// collections, text after the geometry, coordinates out of [-180, 180] x [-90, 90], a LINESTRING
// of one point, and polygon rings geo_polygon_area would call invalid.
//
// geo_line_length(line): the docs' 4922.48016992081 and 8262.24339753741 are reproduced to
// 2e-14 by summing the edges' central angles (haversine, as geo_distance_2points) times S2's
// Earth radius 6371010 m (S2's atan2(|a x b|, a . b) agrees to 1e-13). Null, as documented: not a
// LineString/MultiLineString (another GeoJSON geometry, a non-object), a line of fewer than two
// points, a coordinate out of range or not a number. Error: a repeated point, a nearly antipodal
// edge, positions with altitude, members other than type/coordinates, and a MultiLineString two
// of whose lines have edges on one great circle: Kusto measures "the total length of lines
// union", which is the sum unless lines overlap.
//
// geo_polygon_area(polygon): the docs' 3475207.28346606 is reproduced to 3e-13 by the exact
// spherical-excess sum over the edges, 2 atan2(tan(dlon/2) (tan(lat1/2) + tan(lat2/2)), 1 +
// tan(lat1/2) tan(lat2/2)) (the signed area between the geodesic edge and the equator), plus 2 pi
// when the ring winds around a pole, taken into (-2 pi, 2 pi] (adding 4 pi to a small area would
// cost its digits): its magnitude is the smaller of the two regions ("The smaller of
// the two regions will be chosen"), times R^2. Null, as documented: fewer than four positions, a
// ring not closed, fewer than three distinct vertices (the docs' [[0,0],[10,10],[10,10],[0,0]]),
// crossing edges, invalid coordinates, not a Polygon/MultiPolygon. Error: holes, a MultiPolygon
// of several polygons (Kusto measures their union, which overlapping polygons make smaller than
// the sum: the docs' two-polygon example is 10889971.53 where the sum is 12875071.58), repeated
// vertices among three or more distinct ones, vertices on a pole, edges spanning 180 degrees of
// longitude or nearly antipodal, a vertex on or within 1e-14 of another edge, a ring splitting the
// sphere into nearly equal halves.
//
// geo_line_centroid(line) and geo_polygon_centroid(polygon): S2's true centroids (s2centroids.cc,
// S2Polyline/S2Loop::GetCentroid): the sum over the edges of the edge's centroid vector (toward
// its midpoint, of length 2 sin(theta/2)), or over the fan of triangles from the first vertex of
// S2::TrueCentroid(v0, vi, vi+1) (negated when the smaller region lies right of the ring), then
// S2LatLng's atan2(y, x) and atan2(z, sqrt(x^2 + y^2)) in degrees. This reproduces every digit of
// the docs' [-73.965567057230942, 40.782453249627416], -73.9660675626837 and
// [-73.965735689907618, 40.782550538057812]. The shapes are checked as for length and area (the
// same nulls and errors); a centroid on a pole or on the antimeridian (where the longitude turns on
// the last bits), a vertex nearly antipodal to the first (S2 moves the fan's origin) and the docs'
// union of two overlapping polygons are errors.
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

std::optional<SqlExpr> fn_from_wkt(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_geo_from_wkt", {s->sql}), KType::Dynamic};
}

std::optional<SqlExpr> dynamic_shape(FunctionCall& f, const char* helper, KType result) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type != KType::Dynamic) return f.type_err(0, "a dynamic GeoJSON shape");
  return SqlExpr{f.helper(helper, {f.a[0].sql}), result};
}

std::optional<SqlExpr> fn_line_length(FunctionCall& f) {
  return dynamic_shape(f, "kql_geo_line_length", KType::Real);
}

std::optional<SqlExpr> fn_line_centroid(FunctionCall& f) {
  return dynamic_shape(f, "kql_geo_line_centroid", KType::Dynamic);
}

std::optional<SqlExpr> fn_polygon_centroid(FunctionCall& f) {
  return dynamic_shape(f, "kql_geo_polygon_centroid", KType::Dynamic);
}

std::optional<SqlExpr> fn_polygon_area(FunctionCall& f) {
  return dynamic_shape(f, "kql_geo_polygon_area", KType::Real);
}

}  // namespace

std::span<const SqlFunction> geo_shapes_functions() {
  static const SqlFunction kFunctions[] = {
      {"geo_from_wkt", fn_from_wkt},
      {"geo_line_length", fn_line_length},
      {"geo_polygon_area", fn_polygon_area},
      {"geo_line_centroid", fn_line_centroid},
      {"geo_polygon_centroid", fn_polygon_centroid},
  };
  return kFunctions;
}

// The twins of run/sqlite_fn_geo_shapes.cpp, check for check. A documented null travels as the
// SQLSTATE KQNUL, caught by the five entry points; kql_gs_odd raises the error. Internal helpers
// are named kql_gs_* and kql_wkt_* (no clash with other families' pg_temp functions).
std::string_view geo_shapes_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_null() RETURNS void LANGUAGE plpgsql VOLATILE AS
$$ BEGIN RAISE SQLSTATE 'KQNUL'; END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_odd(fn text, why text) RETURNS void LANGUAGE plpgsql VOLATILE AS
$$ BEGIN RAISE EXCEPTION 'kql: %(): %: Kusto''s result is not documented', fn, why; END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_same(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT lat1 = lat2 AND (lat1 = 90 OR lat1 = -90 OR abs(lon1 - lon2) = 0 OR abs(lon1 - lon2) = 360) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_hav(lon1 float8, lat1 float8, lon2 float8, lat2 float8) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k float8 := 0.017453292519943295; sdp float8; sdl float8; h float8; BEGIN
  sdp := sin((lat2 - lat1) * k / 2);
  sdl := sin((lon2 - lon1) * k / 2);
  h := sdp * sdp + cos(lat1 * k) * cos(lat2 * k) * sdl * sdl;
  IF h > 1 THEN h := 1; END IF;
  RETURN h;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_unit(lon float8, lat float8) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k float8 := 0.017453292519943295; lo float8 := lon * k; la float8 := lat * k; BEGIN
  RETURN ARRAY[cos(la) * cos(lo), cos(la) * sin(lo), sin(la)];
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_cross(a float8[], b float8[]) RETURNS float8[] LANGUAGE sql IMMUTABLE AS
$$ SELECT ARRAY[a[2] * b[3] - a[3] * b[2], a[3] * b[1] - a[1] * b[3], a[1] * b[2] - a[2] * b[1]] $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_dot(a float8[], b float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT a[1] * b[1] + a[2] * b[2] + a[3] * b[3] $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_sign(x float8) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x > 1e-14::float8 THEN 1 WHEN x < -1e-14::float8 THEN -1 ELSE 0 END $$;
-- p: a ring's positions, flat (lon1, lat1, lon2, lat2, ...)
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_ring_check(p float8[], fn text) RETURNS void LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m int := coalesce(array_length(p, 1), 0) / 2; n int; cnt int := 0; repeated boolean := false; seen boolean;
  vx float8[] := '{}'; vy float8[] := '{}'; vz float8[] := '{}'; nx float8[] := '{}'; ny float8[] := '{}'; nz float8[] := '{}';
  k float8 := 0.017453292519943295; lo float8; la float8; jn int; s1 int; s2 int; s3 int; s4 int; BEGIN
  IF m < 4 THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF NOT pg_temp.kql_gs_same(p[1], p[2], p[2 * m - 1], p[2 * m]) THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF p[1] <> p[2 * m - 1] THEN PERFORM pg_temp.kql_gs_odd(fn, 'a ring closed by another spelling of its first point'); END IF;
  n := m - 1;
  FOR i IN 1..n LOOP
    seen := false;
    FOR j IN 1..i - 1 LOOP
      seen := seen OR pg_temp.kql_gs_same(p[2 * i - 1], p[2 * i], p[2 * j - 1], p[2 * j]);
    END LOOP;
    IF seen THEN repeated := true; ELSE cnt := cnt + 1; END IF;
  END LOOP;
  IF cnt < 3 THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF repeated THEN PERFORM pg_temp.kql_gs_odd(fn, 'a ring with a repeated vertex'); END IF;
  FOR i IN 1..n LOOP
    IF p[2 * i] = 90 OR p[2 * i] = -90 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a ring vertex on a pole'); END IF;
  END LOOP;
  FOR i IN 1..n LOOP
    IF abs(p[2 * i + 1] - p[2 * i - 1]) = 180 THEN
      PERFORM pg_temp.kql_gs_odd(fn, 'an edge spanning 180 degrees of longitude');
    END IF;
    IF pg_temp.kql_gs_hav(p[2 * i - 1], p[2 * i], p[2 * i + 1], p[2 * i + 2]) >= 0.999999999999::float8 THEN
      PERFORM pg_temp.kql_gs_odd(fn, 'a nearly antipodal edge');
    END IF;
  END LOOP;
  FOR i IN 1..n LOOP
    lo := p[2 * i - 1] * k;
    la := p[2 * i] * k;
    vx[i] := cos(la) * cos(lo);
    vy[i] := cos(la) * sin(lo);
    vz[i] := sin(la);
  END LOOP;
  FOR i IN 1..n LOOP
    jn := i % n + 1;
    nx[i] := vy[i] * vz[jn] - vz[i] * vy[jn];
    ny[i] := vz[i] * vx[jn] - vx[i] * vz[jn];
    nz[i] := vx[i] * vy[jn] - vy[i] * vx[jn];
  END LOOP;
  FOR i IN 1..n LOOP
    FOR j IN i + 2..n LOOP
      CONTINUE WHEN i = 1 AND j = n;
      jn := j % n + 1;
      s1 := pg_temp.kql_gs_sign(nx[i] * vx[j] + ny[i] * vy[j] + nz[i] * vz[j]);
      s2 := pg_temp.kql_gs_sign(nx[i] * vx[jn] + ny[i] * vy[jn] + nz[i] * vz[jn]);
      s3 := pg_temp.kql_gs_sign(nx[j] * vx[i] + ny[j] * vy[i] + nz[j] * vz[i]);
      s4 := pg_temp.kql_gs_sign(nx[j] * vx[i + 1] + ny[j] * vy[i + 1] + nz[j] * vz[i + 1]);
      CONTINUE WHEN s1 <> 0 AND s2 <> 0 AND s1 = s2;
      CONTINUE WHEN s3 <> 0 AND s4 <> 0 AND s3 = s4;
      IF s1 = 0 OR s2 = 0 OR s3 = 0 OR s4 = 0 THEN
        PERFORM pg_temp.kql_gs_odd(fn, 'a ring vertex on or next to another edge');
      END IF;
      IF s1 = s4 THEN PERFORM pg_temp.kql_gs_null(); END IF;
    END LOOP;
  END LOOP;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_ring_area(p float8[], fn text) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m int := coalesce(array_length(p, 1), 0) / 2; k float8 := 0.017453292519943295; s float8 := 0; w float8 := 0;
  d float8; t1 float8; t2 float8; pi_ float8 := 3.141592653589793; four_pi float8 := 12.566370614359172; BEGIN
  FOR i IN 1..m - 1 LOOP
    d := p[2 * i + 1] - p[2 * i - 1];
    IF d > 180 THEN d := d - 360; END IF;
    IF d < -180 THEN d := d + 360; END IF;
    w := w + d;
    t1 := tan(p[2 * i] * k / 2);
    t2 := tan(p[2 * i + 2] * k / 2);
    s := s + 2 * atan2(tan(d * k / 2) * (t1 + t2), 1 + t1 * t2);
  END LOOP;
  IF abs(w) > 180 THEN s := s + 2 * pi_; END IF;
  WHILE s > 2 * pi_ LOOP s := s - four_pi; END LOOP;
  WHILE s <= -2 * pi_ LOOP s := s + four_pi; END LOOP;
  IF abs(s) > 6.283185307179586::float8 * 0.999999::float8 THEN
    PERFORM pg_temp.kql_gs_odd(fn, 'a ring dividing the sphere into two nearly equal halves');
  END IF;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_type(g jsonb, want1 text, want2 text, fn text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE t text; BEGIN
  IF jsonb_typeof(g) = 'string' THEN PERFORM pg_temp.kql_gs_odd(fn, 'a string instead of a GeoJSON object'); END IF;
  IF jsonb_typeof(g) <> 'object' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF jsonb_typeof(g -> 'type') IS DISTINCT FROM 'string' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  t := g ->> 'type';
  IF t <> want1 AND t <> want2 THEN
    IF t IN ('Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection') THEN
      PERFORM pg_temp.kql_gs_null();
    END IF;
    PERFORM pg_temp.kql_gs_odd(fn, 'GeoJSON type ''' || t || '''');
  END IF;
  IF EXISTS (SELECT 1 FROM jsonb_object_keys(g) AS o(key) WHERE o.key NOT IN ('type', 'coordinates')) THEN
    PERFORM pg_temp.kql_gs_odd(fn, 'a GeoJSON member other than type and coordinates');
  END IF;
  IF NOT g ? 'coordinates' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  RETURN t;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_json_pt(e jsonb, fn text) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c float8[] := '{}'; x jsonb; BEGIN
  IF jsonb_typeof(e) IS DISTINCT FROM 'array' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF jsonb_array_length(e) < 2 THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF jsonb_array_length(e) > 2 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a position with more than two coordinates'); END IF;
  FOR i IN 0..1 LOOP
    x := e -> i;
    IF jsonb_typeof(x) = 'string' THEN PERFORM pg_temp.kql_gs_odd(fn, 'a coordinate given as a string'); END IF;
    IF jsonb_typeof(x) <> 'number' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    IF abs((x #>> '{}')::numeric) > 1000 THEN PERFORM pg_temp.kql_gs_null(); END IF;
    c := c || (x #>> '{}')::float8;
  END LOOP;
  IF NOT (c[1] >= -180 AND c[1] <= 180 AND c[2] >= -90 AND c[2] <= 90) THEN PERFORM pg_temp.kql_gs_null(); END IF;
  RETURN c;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_json_pts(c jsonb, fn text) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out float8[] := '{}'; BEGIN
  IF jsonb_typeof(c) IS DISTINCT FROM 'array' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  FOR i IN 0..jsonb_array_length(c) - 1 LOOP
    out := out || pg_temp.kql_gs_json_pt(c -> i, fn);
  END LOOP;
  RETURN out;
END $$;
-- A LineString/MultiLineString checked: ARRAY[length] or, with centroid, the centroid vector.
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_line_measure(g jsonb, fn text, centroid boolean) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE t text; c jsonb; q float8[]; pts float8[] := '{}'; starts int[] := '{}'; cnt int[] := '{}';
  nl int; a int; b int; total float8 := 0; n1 float8[]; n2 float8[]; x float8[]; u float8[]; w float8[]; d float8[]; sm float8[];
  f float8; cx float8 := 0; cy float8 := 0; cz float8 := 0; BEGIN
  t := pg_temp.kql_gs_type(g, 'LineString', 'MultiLineString', fn);
  c := g -> 'coordinates';
  IF t = 'LineString' THEN
    pts := pg_temp.kql_gs_json_pts(c, fn);
    starts := ARRAY[0];
    cnt := ARRAY[coalesce(array_length(pts, 1), 0) / 2];
  ELSE
    IF jsonb_typeof(c) <> 'array' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    IF jsonb_array_length(c) = 0 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a MultiLineString without lines'); END IF;
    FOR li IN 0..jsonb_array_length(c) - 1 LOOP
      q := pg_temp.kql_gs_json_pts(c -> li, fn);
      starts := starts || coalesce(array_length(pts, 1), 0) / 2;
      cnt := cnt || coalesce(array_length(q, 1), 0) / 2;
      pts := pts || q;
    END LOOP;
  END IF;
  nl := array_length(cnt, 1);
  FOR li IN 1..nl LOOP
    IF cnt[li] < 2 THEN PERFORM pg_temp.kql_gs_null(); END IF;
    FOR i IN 0..cnt[li] - 2 LOOP
      a := starts[li] + i;
      IF pg_temp.kql_gs_same(pts[2 * a + 1], pts[2 * a + 2], pts[2 * a + 3], pts[2 * a + 4]) THEN
        PERFORM pg_temp.kql_gs_odd(fn, 'a line with a repeated point');
      END IF;
      IF pg_temp.kql_gs_hav(pts[2 * a + 1], pts[2 * a + 2], pts[2 * a + 3], pts[2 * a + 4]) >= 0.999999999999::float8 THEN
        PERFORM pg_temp.kql_gs_odd(fn, 'a nearly antipodal edge');
      END IF;
    END LOOP;
  END LOOP;
  FOR la IN 1..nl LOOP
    FOR lb IN la + 1..nl LOOP
      FOR i IN 0..cnt[la] - 2 LOOP
        FOR j IN 0..cnt[lb] - 2 LOOP
          a := starts[la] + i;
          b := starts[lb] + j;
          n1 := pg_temp.kql_gs_cross(pg_temp.kql_gs_unit(pts[2 * a + 1], pts[2 * a + 2]), pg_temp.kql_gs_unit(pts[2 * a + 3], pts[2 * a + 4]));
          n2 := pg_temp.kql_gs_cross(pg_temp.kql_gs_unit(pts[2 * b + 1], pts[2 * b + 2]), pg_temp.kql_gs_unit(pts[2 * b + 3], pts[2 * b + 4]));
          x := pg_temp.kql_gs_cross(n1, n2);
          IF sqrt(pg_temp.kql_gs_dot(x, x)) < 1e-9::float8 * sqrt(pg_temp.kql_gs_dot(n1, n1)) * sqrt(pg_temp.kql_gs_dot(n2, n2)) THEN
            PERFORM pg_temp.kql_gs_odd(fn, 'lines of a MultiLineString on one great circle (Kusto measures the union)');
          END IF;
        END LOOP;
      END LOOP;
    END LOOP;
  END LOOP;
  FOR li IN 1..nl LOOP
    FOR i IN 0..cnt[li] - 2 LOOP
      a := starts[li] + i;
      IF centroid THEN
        u := pg_temp.kql_gs_unit(pts[2 * a + 1], pts[2 * a + 2]);
        w := pg_temp.kql_gs_unit(pts[2 * a + 3], pts[2 * a + 4]);
        d := ARRAY[u[1] - w[1], u[2] - w[2], u[3] - w[3]];
        sm := ARRAY[u[1] + w[1], u[2] + w[2], u[3] + w[3]];
        f := sqrt(pg_temp.kql_gs_dot(d, d) / pg_temp.kql_gs_dot(sm, sm));
        cx := cx + f * sm[1];
        cy := cy + f * sm[2];
        cz := cz + f * sm[3];
      ELSE
        total := total + 2 * asin(sqrt(pg_temp.kql_gs_hav(pts[2 * a + 1], pts[2 * a + 2], pts[2 * a + 3], pts[2 * a + 4])));
      END IF;
    END LOOP;
  END LOOP;
  IF centroid THEN RETURN ARRAY[cx, cy, cz]; END IF;
  RETURN ARRAY[total * 6371010];
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_line_length(g jsonb) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF g IS NULL THEN RETURN NULL; END IF;
  RETURN (pg_temp.kql_gs_line_measure(g, 'geo_line_length', false))[1];
EXCEPTION WHEN SQLSTATE 'KQNUL' THEN RETURN NULL;
END $$;
-- {"type": "Point", "coordinates": [lng, lat]} of a centroid vector
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_centroid_point(c float8[], fn text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE h float8; lng float8; lat float8; BEGIN
  h := sqrt(c[1] * c[1] + c[2] * c[2]);
  IF h <= 1e-9::float8 * sqrt(c[1] * c[1] + c[2] * c[2] + c[3] * c[3]) THEN
    PERFORM pg_temp.kql_gs_odd(fn, 'a centroid on a pole (or none)');
  END IF;
  lng := atan2(c[2], c[1]) * 57.29577951308232::float8;
  lat := atan2(c[3], h) * 57.29577951308232::float8;
  IF 180 - abs(lng) < 1e-9::float8 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a centroid on the antimeridian'); END IF;
  RETURN jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(pg_temp.kql_gs_num(lng), pg_temp.kql_gs_num(lat)));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_line_centroid(g jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_line_centroid'; BEGIN
  IF g IS NULL THEN RETURN NULL; END IF;
  RETURN pg_temp.kql_gs_centroid_point(pg_temp.kql_gs_line_measure(g, fn, true), fn);
EXCEPTION WHEN SQLSTATE 'KQNUL' THEN RETURN NULL;
END $$;
-- The ring of a Polygon/MultiPolygon, checked (flat positions).
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_checked_ring(g jsonb, fn text) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE t text; poly jsonb; ring float8[]; BEGIN
  t := pg_temp.kql_gs_type(g, 'Polygon', 'MultiPolygon', fn);
  poly := g -> 'coordinates';
  IF jsonb_typeof(poly) <> 'array' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF t = 'MultiPolygon' THEN
    IF jsonb_array_length(poly) = 0 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a MultiPolygon without polygons'); END IF;
    IF jsonb_array_length(poly) > 1 THEN
      PERFORM pg_temp.kql_gs_odd(fn, 'a MultiPolygon of several polygons (Kusto measures their union)');
    END IF;
    poly := poly -> 0;
    IF jsonb_typeof(poly) <> 'array' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  END IF;
  IF jsonb_array_length(poly) = 0 THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF jsonb_array_length(poly) > 1 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a polygon with holes'); END IF;
  ring := pg_temp.kql_gs_json_pts(poly -> 0, fn);
  PERFORM pg_temp.kql_gs_ring_check(ring, fn);
  RETURN ring;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_polygon_area(g jsonb) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_polygon_area'; BEGIN
  IF g IS NULL THEN RETURN NULL; END IF;
  RETURN abs(pg_temp.kql_gs_ring_area(pg_temp.kql_gs_checked_ring(g, fn), fn)) * 6371010 * 6371010;
EXCEPTION WHEN SQLSTATE 'KQNUL' THEN RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_angle(a float8[], b float8[]) RETURNS float8 LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c float8[] := pg_temp.kql_gs_cross(a, b); BEGIN
  RETURN atan2(sqrt(pg_temp.kql_gs_dot(c, c)), pg_temp.kql_gs_dot(a, b));
END $$;
-- S2::TrueCentroid(a, b, c), the triangle's centroid times its signed area
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_tri_centroid(a float8[], b float8[], c float8[]) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE aa float8 := pg_temp.kql_gs_angle(b, c); ab float8 := pg_temp.kql_gs_angle(c, a); ac float8 := pg_temp.kql_gs_angle(a, b);
  ra float8; rb float8; rc float8; x float8[]; y float8[]; z float8[]; r float8[]; BEGIN
  ra := CASE WHEN aa = 0 THEN 1 ELSE aa / sin(aa) END;
  rb := CASE WHEN ab = 0 THEN 1 ELSE ab / sin(ab) END;
  rc := CASE WHEN ac = 0 THEN 1 ELSE ac / sin(ac) END;
  x := ARRAY[a[1], b[1] - a[1], c[1] - a[1]];
  y := ARRAY[a[2], b[2] - a[2], c[2] - a[2]];
  z := ARRAY[a[3], b[3] - a[3], c[3] - a[3]];
  r := ARRAY[ra, rb - ra, rc - ra];
  RETURN ARRAY[0.5::float8 * pg_temp.kql_gs_dot(pg_temp.kql_gs_cross(y, z), r),
               0.5::float8 * pg_temp.kql_gs_dot(pg_temp.kql_gs_cross(z, x), r),
               0.5::float8 * pg_temp.kql_gs_dot(pg_temp.kql_gs_cross(x, y), r)];
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_polygon_centroid(g jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_polygon_centroid'; ring float8[]; s float8; n int; v0 float8[]; t float8[]; sm float8[] := ARRAY[0, 0, 0]::float8[]; BEGIN
  IF g IS NULL THEN RETURN NULL; END IF;
  ring := pg_temp.kql_gs_checked_ring(g, fn);
  s := pg_temp.kql_gs_ring_area(ring, fn);
  n := array_length(ring, 1) / 2 - 1;
  v0 := pg_temp.kql_gs_unit(ring[1], ring[2]);
  FOR i IN 2..n LOOP
    IF pg_temp.kql_gs_angle(pg_temp.kql_gs_unit(ring[2 * i - 1], ring[2 * i]), v0) > 3.141592653589793::float8 - 1e-5::float8 THEN
      PERFORM pg_temp.kql_gs_odd(fn, 'a ring vertex nearly antipodal to the first');
    END IF;
  END LOOP;
  FOR i IN 2..n - 1 LOOP
    t := pg_temp.kql_gs_tri_centroid(v0, pg_temp.kql_gs_unit(ring[2 * i - 1], ring[2 * i]), pg_temp.kql_gs_unit(ring[2 * i + 1], ring[2 * i + 2]));
    sm := ARRAY[sm[1] + t[1], sm[2] + t[2], sm[3] + t[3]];
  END LOOP;
  IF s > 0 THEN sm := ARRAY[-sm[1], -sm[2], -sm[3]]; END IF;
  RETURN pg_temp.kql_gs_centroid_point(sm, fn);
EXCEPTION WHEN SQLSTATE 'KQNUL' THEN RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_ws(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT c IN (chr(9), chr(10), chr(11), chr(12), chr(13)) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_digit(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT c <> '' AND ascii(c) BETWEEN 48 AND 57 $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_alpha(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT c <> '' AND (ascii(c) BETWEEN 65 AND 90 OR ascii(c) BETWEEN 97 AND 122) $$;
-- Tokens: 'w<word>', 'n<number>', '(', ')', ','
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_tokens(s text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_from_wkt'; out text[] := '{}'; i int := 1; n int := length(s); c text; b int;
  idig int; fdig int; dot_seen boolean; expo boolean; tok text; BEGIN
  WHILE i <= n LOOP
    c := substr(s, i, 1);
    IF c = ' ' THEN
      i := i + 1;
    ELSIF pg_temp.kql_wkt_ws(c) THEN
      PERFORM pg_temp.kql_gs_odd(fn, 'whitespace other than spaces');
    ELSIF c IN ('(', ')', ',') THEN
      out := out || c;
      i := i + 1;
    ELSIF pg_temp.kql_wkt_alpha(c) THEN
      b := i;
      WHILE pg_temp.kql_wkt_alpha(substr(s, i, 1)) LOOP i := i + 1; END LOOP;
      out := out || ('w' || substr(s, b, i - b));
    ELSIF c IN ('+', '-', '.') OR pg_temp.kql_wkt_digit(c) THEN
      b := i;
      IF c IN ('+', '-') THEN i := i + 1; END IF;
      idig := 0;
      WHILE pg_temp.kql_wkt_digit(substr(s, i, 1)) LOOP i := i + 1; idig := idig + 1; END LOOP;
      dot_seen := false;
      fdig := 0;
      IF substr(s, i, 1) = '.' THEN
        dot_seen := true;
        i := i + 1;
        WHILE pg_temp.kql_wkt_digit(substr(s, i, 1)) LOOP i := i + 1; fdig := fdig + 1; END LOOP;
      END IF;
      IF idig + fdig = 0 THEN PERFORM pg_temp.kql_gs_null(); END IF;
      expo := false;
      IF substr(s, i, 1) IN ('e', 'E') THEN
        expo := true;
        i := i + 1;
        IF substr(s, i, 1) IN ('+', '-') THEN i := i + 1; END IF;
        IF NOT pg_temp.kql_wkt_digit(substr(s, i, 1)) THEN PERFORM pg_temp.kql_gs_null(); END IF;
        WHILE pg_temp.kql_wkt_digit(substr(s, i, 1)) LOOP i := i + 1; END LOOP;
      END IF;
      IF i <= n AND NOT (substr(s, i, 1) IN (' ', ',', ')') OR pg_temp.kql_wkt_ws(substr(s, i, 1))) THEN
        PERFORM pg_temp.kql_gs_null();
      END IF;
      tok := substr(s, b, i - b);
      IF c = '+' OR expo OR idig = 0 OR (dot_seen AND fdig = 0) THEN
        PERFORM pg_temp.kql_gs_odd(fn, 'the number ''' || tok || '''');
      END IF;
      out := out || ('n' || tok);
    ELSE
      PERFORM pg_temp.kql_gs_null();
    END IF;
  END LOOP;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_num(v float8) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v = trunc(v) THEN to_jsonb(v::bigint) ELSE to_jsonb((v::text)::numeric) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_gs_pts_json(p float8[]) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb := '[]'; BEGIN
  FOR i IN 1..coalesce(array_length(p, 1), 0) / 2 LOOP
    out := out || jsonb_build_array(jsonb_build_array(pg_temp.kql_gs_num(p[2 * i - 1]), pg_temp.kql_gs_num(p[2 * i])));
  END LOOP;
  RETURN out;
END $$;
-- The numbers from token i as one position: ARRAY[next token, lon, lat]
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_pos(t text[], i int) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_from_wkt'; c float8[] := '{}'; BEGIN
  WHILE left(coalesce(t[i], ''), 1) = 'n' LOOP
    c := c || substr(t[i], 2)::float8;
    i := i + 1;
  END LOOP;
  IF coalesce(array_length(c, 1), 0) < 2 OR array_length(c, 1) > 4 THEN PERFORM pg_temp.kql_gs_null(); END IF;
  IF array_length(c, 1) > 2 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a point with more than two coordinates'); END IF;
  IF NOT (c[1] >= -180 AND c[1] <= 180 AND c[2] >= -90 AND c[2] <= 90) THEN PERFORM pg_temp.kql_gs_odd(fn, 'a coordinate out of range'); END IF;
  RETURN ARRAY[i::float8, c[1], c[2]];
END $$;
-- '(' position (',' position)* ')' from token i: ARRAY[next token, lon1, lat1, lon2, lat2, ...]
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_pts(t text[], i int, multipoint boolean) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_from_wkt'; out float8[] := '{}'; c float8[]; BEGIN
  IF coalesce(t[i], '') <> '(' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  i := i + 1;
  LOOP
    IF multipoint AND coalesce(t[i], '') = '(' THEN PERFORM pg_temp.kql_gs_odd(fn, 'MULTIPOINT with parenthesised points'); END IF;
    c := pg_temp.kql_wkt_pos(t, i);
    i := c[1]::int;
    out := out || c[2:3];
    EXIT WHEN coalesce(t[i], '') <> ',';
    i := i + 1;
  END LOOP;
  IF coalesce(t[i], '') <> ')' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  RETURN ARRAY[(i + 1)::float8] || out;
END $$;
-- The geometry at token i: jsonb [next token, geometry]
CREATE OR REPLACE FUNCTION pg_temp.kql_wkt_geom(t text[], i int, in_collection boolean) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE fn text := 'geo_from_wkt'; w text := coalesce(t[i], ''); word text; up text; ty text; x text; c jsonb := '[]'; r float8[];
  rings jsonb; sub jsonb; parts jsonb; BEGIN
  IF left(w, 1) <> 'w' THEN PERFORM pg_temp.kql_gs_null(); END IF;
  word := substr(w, 2);
  up := upper(word);
  ty := CASE up WHEN 'POINT' THEN 'Point' WHEN 'LINESTRING' THEN 'LineString' WHEN 'POLYGON' THEN 'Polygon'
    WHEN 'MULTIPOINT' THEN 'MultiPoint' WHEN 'MULTILINESTRING' THEN 'MultiLineString' WHEN 'MULTIPOLYGON' THEN 'MultiPolygon'
    WHEN 'GEOMETRYCOLLECTION' THEN 'GeometryCollection' END;
  IF ty IS NULL THEN
    IF up = 'SRID' THEN PERFORM pg_temp.kql_gs_odd(fn, 'an SRID prefix'); END IF;
    PERFORM pg_temp.kql_gs_null();
  END IF;
  IF word <> up THEN PERFORM pg_temp.kql_gs_odd(fn, 'a keyword not in upper case'); END IF;
  i := i + 1;
  IF left(coalesce(t[i], ''), 1) = 'w' THEN
    x := upper(substr(t[i], 2));
    IF x IN ('Z', 'M', 'ZM') THEN PERFORM pg_temp.kql_gs_odd(fn, 'Z or M coordinates'); END IF;
    IF x = 'EMPTY' THEN PERFORM pg_temp.kql_gs_odd(fn, 'an EMPTY geometry'); END IF;
    PERFORM pg_temp.kql_gs_null();
  END IF;
  IF up = 'GEOMETRYCOLLECTION' THEN
    IF in_collection THEN PERFORM pg_temp.kql_gs_odd(fn, 'a nested GEOMETRYCOLLECTION'); END IF;
    IF coalesce(t[i], '') <> '(' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    i := i + 1;
    parts := '[]';
    LOOP
      sub := pg_temp.kql_wkt_geom(t, i, true);
      i := (sub ->> 0)::int;
      parts := parts || jsonb_build_array(sub -> 1);
      EXIT WHEN coalesce(t[i], '') <> ',';
      i := i + 1;
    END LOOP;
    IF coalesce(t[i], '') <> ')' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    RETURN jsonb_build_array(i + 1, jsonb_build_object('type', ty, 'geometries', parts));
  END IF;
  IF up = 'POINT' THEN
    IF coalesce(t[i], '') <> '(' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    r := pg_temp.kql_wkt_pos(t, i + 1);
    i := r[1]::int;
    IF coalesce(t[i], '') <> ')' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    i := i + 1;
    c := jsonb_build_array(pg_temp.kql_gs_num(r[2]), pg_temp.kql_gs_num(r[3]));
  ELSIF up IN ('LINESTRING', 'MULTIPOINT') THEN
    r := pg_temp.kql_wkt_pts(t, i, up = 'MULTIPOINT');
    IF up = 'LINESTRING' AND array_length(r, 1) < 5 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a LINESTRING of fewer than two points'); END IF;
    i := r[1]::int;
    c := pg_temp.kql_gs_pts_json(r[2:]);
  ELSIF up = 'MULTILINESTRING' THEN
    IF coalesce(t[i], '') <> '(' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    i := i + 1;
    LOOP
      r := pg_temp.kql_wkt_pts(t, i, false);
      IF array_length(r, 1) < 5 THEN PERFORM pg_temp.kql_gs_odd(fn, 'a LINESTRING of fewer than two points'); END IF;
      i := r[1]::int;
      c := c || jsonb_build_array(pg_temp.kql_gs_pts_json(r[2:]));
      EXIT WHEN coalesce(t[i], '') <> ',';
      i := i + 1;
    END LOOP;
    IF coalesce(t[i], '') <> ')' THEN PERFORM pg_temp.kql_gs_null(); END IF;
    i := i + 1;
  ELSE  -- POLYGON, MULTIPOLYGON
    IF up = 'MULTIPOLYGON' THEN
      IF coalesce(t[i], '') <> '(' THEN PERFORM pg_temp.kql_gs_null(); END IF;
      i := i + 1;
    END IF;
    LOOP
      IF coalesce(t[i], '') <> '(' THEN PERFORM pg_temp.kql_gs_null(); END IF;
      i := i + 1;
      rings := '[]';
      LOOP
        r := pg_temp.kql_wkt_pts(t, i, false);
        BEGIN
          PERFORM pg_temp.kql_gs_ring_check(r[2:], fn);
        EXCEPTION WHEN SQLSTATE 'KQNUL' THEN
          PERFORM pg_temp.kql_gs_odd(fn, 'a polygon ring Kusto''s polygon functions call invalid');
        END;
        i := r[1]::int;
        rings := rings || jsonb_build_array(pg_temp.kql_gs_pts_json(r[2:]));
        EXIT WHEN coalesce(t[i], '') <> ',';
        i := i + 1;
      END LOOP;
      IF coalesce(t[i], '') <> ')' THEN PERFORM pg_temp.kql_gs_null(); END IF;
      i := i + 1;
      IF up = 'POLYGON' THEN c := rings; EXIT; END IF;
      c := c || jsonb_build_array(rings);
      EXIT WHEN coalesce(t[i], '') <> ',';
      i := i + 1;
    END LOOP;
    IF up = 'MULTIPOLYGON' THEN
      IF coalesce(t[i], '') <> ')' THEN PERFORM pg_temp.kql_gs_null(); END IF;
      i := i + 1;
    END IF;
  END IF;
  RETURN jsonb_build_array(i, jsonb_build_object('type', ty, 'coordinates', c));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geo_from_wkt(s text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE t text[]; r jsonb; BEGIN
  IF s IS NULL THEN RETURN NULL; END IF;
  BEGIN
    t := pg_temp.kql_wkt_tokens(s);
    r := pg_temp.kql_wkt_geom(t, 1, false);
    IF (r ->> 0)::int <= coalesce(array_length(t, 1), 0) THEN
      PERFORM pg_temp.kql_gs_odd('geo_from_wkt', 'text after the geometry');
    END IF;
    RETURN r -> 1;
  EXCEPTION WHEN SQLSTATE 'KQNUL' THEN RETURN NULL;
  END;
END $$;
)SQL";
}

}  // namespace kql::sql
