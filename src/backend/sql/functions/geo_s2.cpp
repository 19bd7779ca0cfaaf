// Function family 'geo_s2' (see families.h): S2 cells (geo_point_to_s2cell, geo_s2cell_to_
// central_point, geo_s2cell_to_polygon, geo_s2cell_neighbors).
//
// Kusto's S2 cells are Google's S2 geometry library's S2CellId (the docs link s2geometry.io); every
// step below is S2's (s2coords.h, s2cell_id.cc, s2cell.cc, s2latlng.cc):
// - a point: S2LatLng::FromDegrees -> ToPoint, (cos lng cos lat, sin lng cos lat, sin lat) with
//   degrees times the double nearest pi/180;
// - face = the axis of the largest absolute coordinate (+3 when negative), (u, v) by S2's
//   ValidFaceXYZtoUV; the quadratic projection UVtoST (0.5 sqrt(1 + 3u), or 1 - 0.5 sqrt(1 - 3u))
//   and STtoUV ((1/3.)(4s^2 - 1), or (1/3.)(1 - 4(1-s)^2)); STtoIJ = lround(2^30 s - 0.5) clamped
//   to [0, 2^30 - 1], which equals floor(2^30 s) because 2^30 s - 0.5 is exact (newer S2 rounds
//   ties to even there; that differs only for a point exactly on an odd level-30 boundary);
// - the Hilbert position, 2 bits per level from kIJtoPos/kPosToOrientation with the face's
//   orientation (face & 1) to start; id = face << 61 | position | the level's trailing 1 bit;
// - token = the id in hex without trailing zeros ("X" for 0); parsing is S2CellId::FromToken
//   (1..16 hex digits, either case) and is_valid (face <= 5, lowest set bit at an even position);
//   an invalid token gives null, as documented ("a" -> null).
// - centre = S2CellId::ToPoint (the cell's centre in (s, t), normalized by S2's Normalize, times
//   1 / norm), vertices = S2Cell::GetVertex(0..3), (u0,v0) (u1,v0) (u1,v1) (u0,v1), normalized, the
//   ring closed with the first; lat = atan2(z, sqrt(x^2 + y^2)), lng = atan2(y, x), degrees =
//   (180 / pi) times radians.
// Checked against the docs: (-80.195829, 25.802215, 8) -> "88d9b"; (10.1234, 53) and
// (10.3579, 53) -> "47b1d", (10.6842, 53) -> "47ae3" at level 8; the three level-10 points of
// the polygon page -> 89c2f7, 89c2f5, 89c259; geo_s2cell_to_polygon("89c259") gives the docs'
// vertices to the last printed digit, in the docs' order; geo_s2cell_to_central_point("1234567")
// is [9.86830731850408, 27.468392925827605] (the docs print ...604, one ulp away: their atan2;
// without the normalization the longitude would be ...081, so Kusto normalizes as S2 does).
//
// Invalid coordinates or level (outside [0, 30]) and nulls give "" from geo_point_to_s2cell (the
// docs' "empty result" for (300, 1, 8), (1, 1, 35) and level int(null)).
//
// geo_s2cell_neighbors: the 8 cells around the cell at its level; across a face edge a neighbor
// is S2's FromFaceIJWrap of the leaf just beyond the edge. The ORDER is not S2's
// AppendAllNeighbors order (NW SW W E N S NE SE for the docs' face-4 cell 89c259) and no S2 or
// hash-container order we tried reproduces it; the docs' single example gives, in the cell's (i, j)
// face coordinates, (+1,+1) (-1,-1) (+1,-1) (0,-1) (0,+1) (+1,0) (-1,0) (-1,+1), and that is the
// order used for every cell. A cell at one of the cube's 8 corners (S2 finds 7 distinct
// neighbors there, Kusto's answer is not documented) is a run-time error.
//
// PostgreSQL: the same double steps in PL/pgSQL; the 64-bit id is a bigint holding the unsigned
// bits in two's complement (faces 4 and 5 are negative), built and read only with bit operators,
// written with to_hex (which prints the 64 unsigned bits) and read through bit(64).
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

// geo_point_to_s2cell(lon, lat [, level]): the token string.
std::optional<SqlExpr> fn_point_to_s2cell(FunctionCall& f) {
  if (!f.nargs(2, 3)) return std::nullopt;
  for (size_t i = 0; i < 2; ++i)
    if (!is_numeric(f.a[i].type) && f.a[i].type != KType::Unknown) return f.type_err(i, "a number");
  std::string level = "11";
  if (f.n() == 3) {
    KType t = f.a[2].type;
    if (!is_integral(t) && t != KType::Unknown) return f.type_err(2, "an int");
    level = f.d().cast(f.a[2].sql, KType::Long);
  }
  return SqlExpr{f.helper("kql_s2_point_to_cell", {f.d().cast(f.a[0].sql, KType::Real),
                                                   f.d().cast(f.a[1].sql, KType::Real), level}),
                 KType::String};
}

// The one-token functions: a string argument, a dynamic result.
std::optional<SqlExpr> token_fn(FunctionCall& f, std::string_view helper) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type != KType::String && f.a[0].type != KType::Unknown)
    return f.type_err(0, "a string");
  return SqlExpr{f.helper(helper, {f.a[0].sql}), KType::Dynamic};
}
std::optional<SqlExpr> fn_central_point(FunctionCall& f) {
  return token_fn(f, "kql_s2_cell_center");
}
std::optional<SqlExpr> fn_polygon(FunctionCall& f) { return token_fn(f, "kql_s2_cell_polygon"); }
std::optional<SqlExpr> fn_neighbors(FunctionCall& f) {
  return token_fn(f, "kql_s2_cell_neighbors");
}

}  // namespace

std::span<const SqlFunction> geo_s2_functions() {
  static const SqlFunction kFunctions[] = {
      {"geo_point_to_s2cell", fn_point_to_s2cell},
      {"geo_s2cell_to_central_point", fn_central_point},
      {"geo_s2cell_to_polygon", fn_polygon},
      {"geo_s2cell_neighbors", fn_neighbors},
  };
  return kFunctions;
}

// The same double steps as run/sqlite_fn_geo_s2.cpp. Operators <<, >>, & and | share one
// precedence level in PostgreSQL, hence the parentheses.
std::string_view geo_s2_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_uv_to_st(u float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN u >= 0 THEN 0.5::float8 * sqrt(1 + 3 * u) ELSE 1 - 0.5::float8 * sqrt(1 - 3 * u) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_st_to_uv(s float8) RETURNS float8 LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN s >= 0.5::float8 THEN (1::float8 / 3::float8) * (4 * s * s - 1)
    ELSE (1::float8 / 3::float8) * (1 - 4 * (1 - s) * (1 - s)) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_st_to_ij(s float8) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT greatest(0::float8, least(1073741823::float8, floor(1073741824::float8 * s)))::bigint $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_xyz(face int, u float8, v float8, OUT x float8, OUT y float8, OUT z float8) LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  CASE face
    WHEN 0 THEN x := 1; y := u; z := v;
    WHEN 1 THEN x := -u; y := 1; z := v;
    WHEN 2 THEN x := -u; y := -v; z := 1;
    WHEN 3 THEN x := -1; y := -v; z := -u;
    WHEN 4 THEN x := v; y := -1; z := -u;
    ELSE x := v; y := u; z := -1;
  END CASE;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_face_uv(x float8, y float8, z float8, OUT face int, OUT u float8, OUT v float8) LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE ax float8 := abs(x); ay float8 := abs(y); az float8 := abs(z); c float8; BEGIN
  IF ax > ay THEN face := CASE WHEN ax > az THEN 0 ELSE 2 END;
  ELSE face := CASE WHEN ay > az THEN 1 ELSE 2 END; END IF;
  c := CASE face WHEN 0 THEN x WHEN 1 THEN y ELSE z END;
  IF c < 0 THEN face := face + 3; END IF;
  CASE face
    WHEN 0 THEN u := y / x; v := z / x;
    WHEN 1 THEN u := -x / y; v := z / y;
    WHEN 2 THEN u := -x / z; v := -y / z;
    WHEN 3 THEN u := z / x; v := y / x;
    WHEN 4 THEN u := z / y; v := -x / y;
    ELSE u := -y / z; v := -x / z;
  END CASE;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_id(face int, i bigint, j bigint, lvl int) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE ij_to_pos int[] := '{{0,1,3,2},{0,3,1,2},{2,3,1,0},{2,1,3,0}}';
  pos_to_or int[] := '{1,0,0,3}'; o int := face & 1; p int; b int; pos bigint := 0; id bigint; BEGIN
  FOR k IN 1..lvl LOOP
    b := 30 - k;
    p := ij_to_pos[o + 1][(((((i >> b) & 1) << 1) | ((j >> b) & 1)) + 1)::int];
    pos := (pos << 2) | p;
    o := o # pos_to_or[p + 1];
  END LOOP;
  id := (face::bigint << 61);
  IF lvl > 0 THEN id := id | (pos << (61 - 2 * lvl)); END IF;
  RETURN id | (1::bigint << (60 - 2 * lvl));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_token(id bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(nullif(rtrim(lpad(to_hex(id), 16, '0'), '0'), ''), 'X') $$;
-- A token's face, level and lower-left leaf (i, j); all null when the token is not a valid cell.
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_parse(t text, OUT face int, OUT lvl int, OUT i bigint, OUT j bigint) LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE pos_to_ij int[] := '{{0,1,3,2},{0,2,3,1},{3,2,0,1},{3,1,0,2}}';
  pos_to_or int[] := '{1,0,0,3}'; id bigint; lsb bigint; b int := 0; o int; p int; ij int; BEGIN
  IF t IS NULL OR t !~ '^[0-9a-fA-F]{1,16}$' THEN RETURN; END IF;
  id := ('x' || rpad(lower(t), 16, '0'))::bit(64)::bigint;
  IF id = 0 OR id = -9223372036854775808 OR ((id >> 61) & 7) > 5 THEN RETURN; END IF;
  lsb := id & (-id);
  IF (lsb & 1537228672809129301) = 0 THEN RETURN; END IF;
  WHILE ((lsb >> b) & 1) = 0 LOOP b := b + 1; END LOOP;
  face := ((id >> 61) & 7)::int;
  lvl := 30 - b / 2;
  i := 0; j := 0; o := face & 1;
  FOR k IN 1..lvl LOOP
    p := ((id >> (61 - 2 * k)) & 3)::int;
    ij := pos_to_ij[o + 1][p + 1];
    i := (i << 1) | (ij >> 1);
    j := (j << 1) | (ij & 1);
    o := o # pos_to_or[p + 1];
  END LOOP;
  i := i << (30 - lvl);
  j := j << (30 - lvl);
END $$;
-- A coordinate as a jsonb real: shortest round-trip digits, ".0" when integral, no negative zero.
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_real(x float8) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN position('.' in t) = 0 THEN (t || '.0')::jsonb ELSE t::jsonb END
   FROM (SELECT (((CASE WHEN x = 0 THEN 0::float8 ELSE x END)::text)::numeric)::text AS t) s $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_lon_lat(face int, u float8, v float8) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE p record; n float8; r float8; x float8; y float8; z float8; k float8 := 180::float8 / pi(); BEGIN
  p := pg_temp.kql_s2_xyz(face, u, v);
  n := sqrt(p.x * p.x + p.y * p.y + p.z * p.z);
  r := 1::float8 / n;
  x := p.x * r; y := p.y * r; z := p.z * r;
  RETURN jsonb_build_array(pg_temp.kql_s2_real(k * atan2(y, x)),
                           pg_temp.kql_s2_real(k * atan2(z, sqrt(x * x + y * y))));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_point_to_cell(lon float8, lat float8, lvl bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE d float8 := 0.017453292519943295; phi float8; theta float8; cosphi float8; fuv record; BEGIN
  IF lon IS NULL OR lat IS NULL OR lvl IS NULL THEN RETURN ''; END IF;
  IF NOT (lon >= -180 AND lon <= 180 AND lat >= -90 AND lat <= 90) OR lvl < 0 OR lvl > 30 THEN RETURN ''; END IF;
  phi := lat * d;
  theta := lon * d;
  cosphi := cos(phi);
  fuv := pg_temp.kql_s2_face_uv(cos(theta) * cosphi, sin(theta) * cosphi, sin(phi));
  RETURN pg_temp.kql_s2_token(pg_temp.kql_s2_id(fuv.face,
    pg_temp.kql_s2_st_to_ij(pg_temp.kql_s2_uv_to_st(fuv.u)),
    pg_temp.kql_s2_st_to_ij(pg_temp.kql_s2_uv_to_st(fuv.v)), lvl::int));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_cell_center(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c record; size bigint; sc float8 := 2147483648::float8; BEGIN
  c := pg_temp.kql_s2_parse(t);
  IF c.face IS NULL THEN RETURN NULL; END IF;
  size := 1::bigint << (30 - c.lvl);
  RETURN jsonb_build_object('type', 'Point', 'coordinates', pg_temp.kql_s2_lon_lat(c.face,
    pg_temp.kql_s2_st_to_uv((2 * c.i + size)::float8 / sc),
    pg_temp.kql_s2_st_to_uv((2 * c.j + size)::float8 / sc)));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_cell_polygon(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c record; size bigint; sc float8 := 1073741824::float8; u0 float8; u1 float8; v0 float8; v1 float8; first jsonb; BEGIN
  c := pg_temp.kql_s2_parse(t);
  IF c.face IS NULL THEN RETURN NULL; END IF;
  size := 1::bigint << (30 - c.lvl);
  u0 := pg_temp.kql_s2_st_to_uv(c.i::float8 / sc);
  u1 := pg_temp.kql_s2_st_to_uv((c.i + size)::float8 / sc);
  v0 := pg_temp.kql_s2_st_to_uv(c.j::float8 / sc);
  v1 := pg_temp.kql_s2_st_to_uv((c.j + size)::float8 / sc);
  first := pg_temp.kql_s2_lon_lat(c.face, u0, v0);
  RETURN jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(first,
    pg_temp.kql_s2_lon_lat(c.face, u1, v0), pg_temp.kql_s2_lon_lat(c.face, u1, v1),
    pg_temp.kql_s2_lon_lat(c.face, u0, v1), first)));
END $$;
-- S2CellId::FromFaceIJWrap: the leaf just beyond the face edge, reprojected onto the next face.
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_id_wrap(face int, i bigint, j bigint, lvl int) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE lim float8 := 1.0000000000000002::float8; sc float8 := 1073741824::float8; u float8; v float8; p record; fuv record; BEGIN
  i := greatest(-1, least(1073741824, i));
  j := greatest(-1, least(1073741824, j));
  u := greatest(-lim, least(lim, (2 * (i - 536870912) + 1)::float8 / sc));
  v := greatest(-lim, least(lim, (2 * (j - 536870912) + 1)::float8 / sc));
  p := pg_temp.kql_s2_xyz(face, u, v);
  fuv := pg_temp.kql_s2_face_uv(p.x, p.y, p.z);
  RETURN pg_temp.kql_s2_id(fuv.face, pg_temp.kql_s2_st_to_ij(0.5::float8 * (fuv.u + 1)),
                           pg_temp.kql_s2_st_to_ij(0.5::float8 * (fuv.v + 1)), lvl);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s2_cell_neighbors(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c record; size bigint; di int[] := '{1,-1,1,0,0,1,-1,-1}'; dj int[] := '{1,-1,-1,-1,1,0,0,1}';
  i bigint; j bigint; i_in boolean; j_in boolean; id bigint; res jsonb := '[]'::jsonb; BEGIN
  c := pg_temp.kql_s2_parse(t);
  IF c.face IS NULL THEN RETURN NULL; END IF;
  size := 1::bigint << (30 - c.lvl);
  FOR k IN 1..8 LOOP
    i := c.i + di[k] * size;
    j := c.j + dj[k] * size;
    i_in := i >= 0 AND i < 1073741824;
    j_in := j >= 0 AND j < 1073741824;
    IF NOT i_in AND NOT j_in THEN
      RAISE EXCEPTION 'kql: geo_s2cell_neighbors of a cell at a cube corner: Kusto''s result is not documented';
    END IF;
    IF i_in AND j_in THEN id := pg_temp.kql_s2_id(c.face, i, j, c.lvl);
    ELSE id := pg_temp.kql_s2_id_wrap(c.face, i, j, c.lvl); END IF;
    res := res || jsonb_build_array(pg_temp.kql_s2_token(id));
  END LOOP;
  RETURN res;
END $$;
)SQL";
}

}  // namespace kql::sql
