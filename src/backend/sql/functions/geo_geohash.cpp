// Function family 'geo_geohash' (see families.h): geohash cells (geo_point_to_geohash,
// geo_geohash_to_central_point, geo_geohash_neighbors, geo_geohash_to_polygon).
//
// A geohash of n characters is 5n bits over the base-32 alphabet
// "0123456789bcdefghjkmnpqrstuvwxyz", longitude and latitude bits interleaved starting with
// longitude: ceil(5n / 2) bisections of [-180, 180] and floor(5n / 2) of [-90, 90]. This
// reproduces every documented value: (-80.195829, 25.802215, 8) is dhwfz15h, (139.806115,
// 35.554128, 12) xn76m27ty9g4, the three Seattle points c23n8/c23n8/c23n9 (default accuracy 5);
// dr5ru is the box [-74.00390625, -73.9599609375] x [40.7373046875, 40.78125]; the center of
// sunny is (42.47314453125, 23.70849609375) and that of sv8wzvy7 (34.80245590209961,
// 32.15620994567871). Cell bounds are x * (360 / 2^nx) - 180 and y * (180 / 2^ny) - 90 and the
// center their midpoint: all exact in doubles (at most 50 significant bits), so both databases
// give the same values.
//
// Documented rules:
//   - geo_point_to_geohash: accuracy in [1, 18], default 5; coordinates outside [-180, 180] x
//     [-90, 90] or an invalid (also null) accuracy give the empty string (docs: (200, 1, 8) and
//     (1, 1, int(null)) both print an empty cell). A null coordinate is invalid too: "".
//   - the three others take a geohash of 1 to 18 characters; an invalid one gives null (docs:
//     "a"). GeoJSON shapes: {"type": "Point", "coordinates": [lon, lat]} and {"type": "Polygon",
//     "coordinates": [[SW, SE, NE, NW, SW]]} (the docs' ring for dr5ru), numbers as reals.
//   - geo_geohash_neighbors: an array of the 8 neighbor cells of the same length. Its order is
//     documented by one example only, sunny -> [sunnt, sunpj, sunnx, sunpn, sunnv, sunpp, sunnz,
//     sunnw], i.e. SW, NW, SE, N, W, NE, E, S. No simple rule (sorted text, hash buckets,
//     S2 cell order) explains it, so this is taken as Kusto's fixed direction order and used for
//     every cell.
//
// Undocumented cases raise an error at run time on both databases rather than guess:
//   - a point exactly on a cell boundary at the requested accuracy (e.g. longitude 0 or
//     latitude 0): whether Kusto puts it in the cell above (>=) or below (>) is not documented
//     (implementations differ); -180/180 and -90/90 are unambiguous and allowed;
//   - a geohash with upper-case letters that would be valid in lower case (Kusto's case
//     handling is not documented); one that is invalid either way is null;
//   - geo_geohash_neighbors of a cell on the antimeridian or touching a pole (wrapping around
//     and the cells "beyond" a pole are not documented).
//
// Rejected at translation: an accuracy that is not an int/long, a geohash that is not a string.
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

std::optional<std::string> real_arg(FunctionCall& f, size_t i) {
  KType t = f.a[i].type;
  if (!is_numeric(t) && t != KType::Unknown) {
    f.type_err(i, "a number");
    return std::nullopt;
  }
  return f.d().cast(f.a[i].sql, KType::Real);
}

std::optional<std::string> geohash_arg(FunctionCall& f) {
  if (f.a[0].type != KType::String) {
    f.type_err(0, "a string");
    return std::nullopt;
  }
  return f.a[0].sql;
}

// geo_point_to_geohash(lon, lat [, accuracy]): the geohash string, "" when invalid.
std::optional<SqlExpr> fn_point_to_geohash(FunctionCall& f) {
  if (!f.nargs(2, 3)) return std::nullopt;
  auto lon = real_arg(f, 0);
  if (!lon) return std::nullopt;
  auto lat = real_arg(f, 1);
  if (!lat) return std::nullopt;
  std::string acc = "5";
  if (f.n() == 3) {
    if (!is_integral(f.a[2].type)) return f.type_err(2, "an int");
    acc = f.d().cast(f.a[2].sql, KType::Long);
  }
  return SqlExpr{f.helper("kql_geohash_encode", {*lon, *lat, acc}), KType::String};
}

std::optional<SqlExpr> geohash_fn(FunctionCall& f, std::string_view helper) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto h = geohash_arg(f);
  if (!h) return std::nullopt;
  return SqlExpr{f.helper(helper, {*h}), KType::Dynamic};
}

// geo_geohash_to_central_point(geohash): a GeoJSON point, null when invalid.
std::optional<SqlExpr> fn_central_point(FunctionCall& f) {
  return geohash_fn(f, "kql_geohash_center");
}

// geo_geohash_neighbors(geohash): the 8 neighbors, null when invalid.
std::optional<SqlExpr> fn_neighbors(FunctionCall& f) {
  return geohash_fn(f, "kql_geohash_neighbors");
}

// geo_geohash_to_polygon(geohash): a GeoJSON polygon, null when invalid.
std::optional<SqlExpr> fn_to_polygon(FunctionCall& f) {
  return geohash_fn(f, "kql_geohash_polygon");
}

}  // namespace

std::span<const SqlFunction> geo_geohash_functions() {
  static const SqlFunction kFunctions[] = {
      {"geo_point_to_geohash", fn_point_to_geohash},
      {"geo_geohash_to_central_point", fn_central_point},
      {"geo_geohash_neighbors", fn_neighbors},
      {"geo_geohash_to_polygon", fn_to_polygon},
  };
  return kFunctions;
}

// The same steps as run/sqlite_fn_geo_geohash.cpp. Reals in the GeoJSON go through
// pg_temp.kql_real_json (functions/series.cpp), which writes them as SQLite's twin does.
std::string_view geo_geohash_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_geohash_encode(lon float8, lat float8, acc bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE b32 text := '0123456789bcdefghjkmnpqrstuvwxyz'; lo1 float8 := -180; hi1 float8 := 180;
  lo2 float8 := -90; hi2 float8 := 90; mid float8; v int := 0; s text := ''; BEGIN
  IF lon IS NULL OR lat IS NULL OR acc IS NULL THEN RETURN ''; END IF;
  IF NOT (lon >= -180 AND lon <= 180 AND lat >= -90 AND lat <= 90) OR lon = 'NaN'::float8
     OR lat = 'NaN'::float8 OR acc < 1 OR acc > 18 THEN RETURN ''; END IF;
  FOR i IN 0 .. 5 * acc - 1 LOOP
    IF i % 2 = 0 THEN
      mid := (lo1 + hi1) / 2;
      IF lon = mid THEN
        RAISE EXCEPTION 'kql: geo_point_to_geohash: longitude % lies on a geohash cell boundary: Kusto''s choice of cell is not documented', lon;
      END IF;
      IF lon > mid THEN v := v * 2 + 1; lo1 := mid; ELSE v := v * 2; hi1 := mid; END IF;
    ELSE
      mid := (lo2 + hi2) / 2;
      IF lat = mid THEN
        RAISE EXCEPTION 'kql: geo_point_to_geohash: latitude % lies on a geohash cell boundary: Kusto''s choice of cell is not documented', lat;
      END IF;
      IF lat > mid THEN v := v * 2 + 1; lo2 := mid; ELSE v := v * 2; hi2 := mid; END IF;
    END IF;
    IF i % 5 = 4 THEN s := s || substr(b32, v + 1, 1); v := 0; END IF;
  END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geohash_cell(h text, OUT x bigint, OUT y bigint, OUT nx int, OUT ny int) LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE b32 text := '0123456789bcdefghjkmnpqrstuvwxyz'; v int; k int := 0; BEGIN
  h := coalesce(h, '');
  IF length(h) < 1 OR length(h) > 18 THEN RETURN; END IF;
  FOR i IN 1 .. length(h) LOOP
    IF strpos(b32, lower(substr(h, i, 1))) = 0 THEN RETURN; END IF;
  END LOOP;
  IF h <> lower(h) THEN
    RAISE EXCEPTION 'kql: geohash ''%'' has upper-case letters: Kusto''s handling of them is not documented', h;
  END IF;
  x := 0; y := 0; nx := 0; ny := 0;
  FOR i IN 1 .. length(h) LOOP
    v := strpos(b32, substr(h, i, 1)) - 1;
    FOR j IN REVERSE 4 .. 0 LOOP
      IF k % 2 = 0 THEN x := x * 2 + ((v >> j) & 1); nx := nx + 1;
      ELSE y := y * 2 + ((v >> j) & 1); ny := ny + 1; END IF;
      k := k + 1;
    END LOOP;
  END LOOP;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geohash_text(x bigint, y bigint, nx int, ny int) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE b32 text := '0123456789bcdefghjkmnpqrstuvwxyz'; v int := 0; s text := ''; rx int := nx; ry int := ny; BEGIN
  FOR i IN 0 .. nx + ny - 1 LOOP
    IF i % 2 = 0 THEN rx := rx - 1; v := v * 2 + ((x >> rx) & 1)::int;
    ELSE ry := ry - 1; v := v * 2 + ((y >> ry) & 1)::int; END IF;
    IF i % 5 = 4 THEN s := s || substr(b32, v + 1, 1); v := 0; END IF;
  END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geohash_center(h text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c record; w float8; hh float8; BEGIN
  SELECT * INTO c FROM pg_temp.kql_geohash_cell(h);
  IF c.x IS NULL THEN RETURN NULL; END IF;
  w := 360 / power(2::float8, c.nx);
  hh := 180 / power(2::float8, c.ny);
  RETURN jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array(
    pg_temp.kql_real_json(((c.x * w - 180) + ((c.x + 1) * w - 180)) / 2),
    pg_temp.kql_real_json(((c.y * hh - 90) + ((c.y + 1) * hh - 90)) / 2)));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geohash_polygon(h text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c record; w float8; hh float8; x0 jsonb; x1 jsonb; y0 jsonb; y1 jsonb; BEGIN
  SELECT * INTO c FROM pg_temp.kql_geohash_cell(h);
  IF c.x IS NULL THEN RETURN NULL; END IF;
  w := 360 / power(2::float8, c.nx);
  hh := 180 / power(2::float8, c.ny);
  x0 := pg_temp.kql_real_json(c.x * w - 180);
  x1 := pg_temp.kql_real_json((c.x + 1) * w - 180);
  y0 := pg_temp.kql_real_json(c.y * hh - 90);
  y1 := pg_temp.kql_real_json((c.y + 1) * hh - 90);
  RETURN jsonb_build_object('type', 'Polygon', 'coordinates', jsonb_build_array(jsonb_build_array(
    jsonb_build_array(x0, y0), jsonb_build_array(x1, y0), jsonb_build_array(x1, y1),
    jsonb_build_array(x0, y1), jsonb_build_array(x0, y0))));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_geohash_neighbors(h text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE c record; BEGIN
  SELECT * INTO c FROM pg_temp.kql_geohash_cell(h);
  IF c.x IS NULL THEN RETURN NULL; END IF;
  IF c.x = 0 OR c.x = (1::bigint << c.nx) - 1 OR c.y = 0 OR c.y = (1::bigint << c.ny) - 1 THEN
    RAISE EXCEPTION 'kql: geo_geohash_neighbors: geohash ''%'' lies on the antimeridian or at a pole: Kusto''s neighbors there are not documented', h;
  END IF;
  RETURN jsonb_build_array(
    pg_temp.kql_geohash_text(c.x - 1, c.y - 1, c.nx, c.ny), pg_temp.kql_geohash_text(c.x - 1, c.y + 1, c.nx, c.ny),
    pg_temp.kql_geohash_text(c.x + 1, c.y - 1, c.nx, c.ny), pg_temp.kql_geohash_text(c.x, c.y + 1, c.nx, c.ny),
    pg_temp.kql_geohash_text(c.x - 1, c.y, c.nx, c.ny), pg_temp.kql_geohash_text(c.x + 1, c.y + 1, c.nx, c.ny),
    pg_temp.kql_geohash_text(c.x + 1, c.y, c.nx, c.ny), pg_temp.kql_geohash_text(c.x, c.y - 1, c.nx, c.ny));
END $$;
)SQL";
}

}  // namespace kql::sql
