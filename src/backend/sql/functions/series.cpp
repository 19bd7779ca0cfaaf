// Function family 'series' (see families.h): KQL's series_* functions over numeric arrays.
//
// The helpers (kql_series_*) follow the documented rules: element-wise functions give a null
// element for a missing or non-numeric one, and the longer of two series sets the result's
// length (the missing side is null); a number in place of a series is broadcast. The SQLite
// twins are in run/sqlite_fn_series.cpp; both raise an SQL error rather than guess where KQL's
// result is not documented or not representable (long and real elements mixed in add/subtract/
// multiply/abs/sign, NaN or infinite elements, long overflow). Reals are written into JSON so
// that they read back as reals (1.0, not 1) on both databases.
//
// series_periods_detect/validate, series_seasonal, series_decompose*, series_outliers, the
// fits, series_fft/ifft and the statistics are rejected by name: their algorithms (or their
// output records) are not reproduced exactly.
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

// Argument i as a dynamic series; a numeric scalar is allowed (broadcast) when `scalar`.
std::optional<std::string> series_arg(FunctionCall& f, size_t i, bool scalar) {
  KType t = f.a[i].type;
  if (t == KType::Dynamic) return f.a[i].sql;
  if (scalar && is_integral(t)) return f.d().to_dynamic(f.a[i].sql, KType::Long);
  if (scalar && t == KType::Real) return f.helper("kql_series_real", {f.a[i].sql});
  f.type_err(i, scalar ? "a dynamic numeric array or a number" : "a dynamic numeric array");
  return std::nullopt;
}

std::string op_name(FunctionCall& f) { return f.lit(f.name().substr(7)); }  // after "series_"

std::optional<SqlExpr> unary(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = series_arg(f, 0, false);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_series_unary", {op_name(f), *s}), KType::Dynamic};
}

std::optional<SqlExpr> binary(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  if (f.a[0].type != KType::Dynamic && f.a[1].type != KType::Dynamic)
    return f.type_err(0, "a dynamic numeric array (one of the two arguments)");
  auto s1 = series_arg(f, 0, true), s2 = series_arg(f, 1, true);
  if (!s1 || !s2) return std::nullopt;
  return SqlExpr{f.helper("kql_series_binary", {op_name(f), *s1, *s2}), KType::Dynamic};
}

std::optional<SqlExpr> reduce1(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = series_arg(f, 0, false);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_series_reduce", {op_name(f), *s}), KType::Real};
}

std::optional<SqlExpr> reduce2(FunctionCall& f) {
  if (f.name() == "series_cosine_similarity" && f.n() > 2)
    return f.unsupported("the magnitude arguments are not translated");
  if (!f.nargs(2, 2)) return std::nullopt;
  if (f.a[0].type != KType::Dynamic && f.a[1].type != KType::Dynamic)
    return f.type_err(0, "a dynamic numeric array (one of the two arguments)");
  bool scalar = f.name() == "series_dot_product";
  auto s1 = series_arg(f, 0, scalar), s2 = series_arg(f, 1, scalar);
  if (!s1 || !s2) return std::nullopt;
  return SqlExpr{f.helper("kql_series_reduce", {op_name(f), *s1, *s2}), KType::Real};
}

// A missing_value_placeholder other than null (typed or not) is not translated: KQL converts it
// to the elements' type, which is not documented precisely enough.
bool null_placeholder(FunctionCall& f, size_t i) {
  if (i >= f.n()) return true;
  auto* e = f.call->args[i];
  if (e->kind == ast::NodeKind::Literal) {
    auto* l = static_cast<const ast::Literal*>(e);
    if (l->literal_kind == ast::LiteralKind::Null) return true;
    if (l->literal_kind == ast::LiteralKind::TypedNull &&
        (l->value == "real" || l->value == "double" || l->value == "long" || l->value == "int"))
      return true;
  }
  f.unsupported("a missing_value_placeholder other than null is not translated");
  return false;
}

// A numeric constant (or null) as dynamic.
std::optional<std::string> constant_arg(FunctionCall& f, size_t i) {
  if (f.call->args[i]->kind == ast::NodeKind::Literal &&
      static_cast<const ast::Literal*>(f.call->args[i])->literal_kind == ast::LiteralKind::Null)
    return f.d().dynamic_literal("null");
  if (!is_numeric(f.a[i].type)) {
    f.type_err(i, "a numeric constant");
    return std::nullopt;
  }
  return series_arg(f, i, true);
}

std::optional<SqlExpr> fill(FunctionCall& f) {
  std::string op = f.name().substr(12);  // after "series_fill_"
  const std::string null_dyn = f.d().dynamic_literal("null");
  std::string constant = null_dyn, edges = f.d().bool_literal(true);
  if (op == "forward" || op == "backward") {
    if (!f.nargs(1, 2) || !null_placeholder(f, 1)) return std::nullopt;
  } else if (op == "const") {
    if (!f.nargs(2, 3) || !null_placeholder(f, 2)) return std::nullopt;
    auto c = constant_arg(f, 1);
    if (!c) return std::nullopt;
    constant = *c;
  } else {  // linear
    if (!f.nargs(1, 4) || !null_placeholder(f, 1)) return std::nullopt;
    if (f.n() > 2) {
      auto b = f.t.as_bool(f.a[2], f.call->args[2]);
      if (!b) return std::nullopt;
      edges = b->sql;
    }
    constant = f.postgres() ? "CAST('0.0' AS jsonb)" : "'0.0'";
    if (f.n() > 3) {
      if (f.a[3].type == KType::Real || is_integral(f.a[3].type) || f.a[3].type == KType::Unknown) {
        auto c = constant_arg(f, 3);
        if (!c) return std::nullopt;
        constant = *c;
      } else {
        return f.type_err(3, "a numeric constant");
      }
    }
  }
  if (f.a[0].type != KType::Dynamic) return f.type_err(0, "a dynamic numeric array");
  return SqlExpr{f.helper("kql_series_fill", {f.lit(op), f.a[0].sql, constant, edges}),
                 KType::Dynamic};
}

std::optional<SqlExpr> iir(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  for (size_t i = 0; i < 3; ++i)
    if (f.a[i].type != KType::Dynamic) return f.type_err(i, "a dynamic numeric array");
  return SqlExpr{f.helper("kql_series_iir", {f.a[0].sql, f.a[1].sql, f.a[2].sql}), KType::Dynamic};
}

std::optional<SqlExpr> not_reproduced(FunctionCall& f) {
  const std::string& n = f.name();
  if (n == "series_periods_detect" || n == "series_periods_validate")
    return f.unsupported("the period scoring algorithm is not documented exactly");
  if (n == "series_seasonal")
    return f.unsupported("the period detection it relies on is not documented exactly");
  if (n == "series_fir")
    return f.unsupported(
        "its values at the series' start (and centring for even filters) are not documented");
  if (n.starts_with("series_decompose") || n == "series_outliers")
    return f.unsupported("the decomposition/outlier algorithm is not documented exactly");
  return f.unsupported("not translated: its algorithm and output record are not reproduced");
}

}  // namespace

std::span<const SqlFunction> series_functions() {
  static const SqlFunction kFunctions[] = {
      {"series_abs", unary},
      {"series_acos", unary},
      {"series_asin", unary},
      {"series_atan", unary},
      {"series_ceiling", unary},
      {"series_cos", unary},
      {"series_exp", unary},
      {"series_floor", unary},
      {"series_log", unary},
      {"series_sign", unary},
      {"series_sin", unary},
      {"series_tan", unary},
      {"series_add", binary},
      {"series_subtract", binary},
      {"series_multiply", binary},
      {"series_divide", binary},
      {"series_pow", binary},
      {"series_greater", binary},
      {"series_greater_equals", binary},
      {"series_less", binary},
      {"series_less_equals", binary},
      {"series_equals", binary},
      {"series_not_equals", binary},
      {"series_sum", reduce1},
      {"series_magnitude", reduce1},
      {"series_dot_product", reduce2},
      {"series_cosine_similarity", reduce2},
      {"series_fill_forward", fill},
      {"series_fill_backward", fill},
      {"series_fill_const", fill},
      {"series_fill_linear", fill},
      {"series_iir", iir},
      {"series_periods_detect", not_reproduced},
      {"series_periods_validate", not_reproduced},
      {"series_seasonal", not_reproduced},
      {"series_decompose", not_reproduced},
      {"series_decompose_anomalies", not_reproduced},
      {"series_decompose_forecast", not_reproduced},
      {"series_outliers", not_reproduced},
      {"series_fit_line", not_reproduced},
      {"series_fit_line_dynamic", not_reproduced},
      {"series_fit_2lines", not_reproduced},
      {"series_fit_2lines_dynamic", not_reproduced},
      {"series_fit_poly", not_reproduced},
      {"series_fft", not_reproduced},
      {"series_ifft", not_reproduced},
      {"series_stats", not_reproduced},
      {"series_stats_dynamic", not_reproduced},
      {"series_pearson_correlation", not_reproduced},
      {"series_product", not_reproduced},
      {"series_fir", not_reproduced},
  };
  return kFunctions;
}

// The PostgreSQL twins of run/sqlite_fn_series.cpp. An element is a long when its JSON text has
// no fraction or exponent, a real otherwise; reals go back into jsonb through their shortest
// round-trip text with ".0" added when integral, so that they stay reals.
std::string_view series_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_series_real(x double precision) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE t text; BEGIN
  IF x IS NULL THEN RETURN 'null'::jsonb; END IF;
  IF x = 'NaN'::float8 OR x = 'Infinity'::float8 OR x = '-Infinity'::float8 THEN
    RAISE EXCEPTION 'a NaN or infinite element; KQL''s JSON form of it is not reproduced';
  END IF;
  t := ((x::text)::numeric)::text;
  IF position('.' in t) = 0 THEN t := t || '.0'; END IF;
  RETURN t::jsonb;
END $$;
-- A real as dynamic, for the dialects' to_dynamic (run/sqlite_fn_series.cpp has the twin): the
-- shortest round-trip digits with ".0" when integral, so it stays a real; NaN and infinities as
-- to_jsonb writes them (strings).
CREATE OR REPLACE FUNCTION pg_temp.kql_real_json(x double precision) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x IS NULL THEN NULL
    WHEN x = 'NaN'::float8 OR x = 'Infinity'::float8 OR x = '-Infinity'::float8 THEN to_jsonb(x)
    WHEN position('.' in ((x::text)::numeric)::text) = 0 THEN (((x::text)::numeric)::text || '.0')::jsonb
    ELSE to_jsonb((x::text)::numeric) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_kind(e jsonb) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN e IS NULL OR jsonb_typeof(e) <> 'number' THEN 0 WHEN e::text ~ '[.eE]' THEN 2 ELSE 1 END $$;
-- bit 1: has long elements, bit 2: has real elements, bit 4: has missing elements
CREATE OR REPLACE FUNCTION pg_temp.kql_series_kinds(a jsonb) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(bit_or(CASE pg_temp.kql_series_kind(e) WHEN 0 THEN 4 ELSE pg_temp.kql_series_kind(e) END), 0)
   FROM jsonb_array_elements(CASE WHEN jsonb_typeof(a) = 'array' THEN a ELSE jsonb_build_array(a) END) AS t(e) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_at(a jsonb, i int) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(a) = 'array' THEN a -> i ELSE a END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_unary(op text, a jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb[] := '{}'; e jsonb; k int; kinds int; longs boolean; d double precision; r double precision; l bigint;
BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  kinds := pg_temp.kql_series_kinds(a);
  longs := op IN ('abs', 'sign') AND kinds & 2 = 0;
  IF op IN ('abs', 'sign') AND kinds & 3 = 3 THEN
    RAISE EXCEPTION 'series_%(): the series mixes long and real elements', op;
  END IF;
  FOR e IN SELECT x FROM jsonb_array_elements(a) WITH ORDINALITY AS t(x, n) ORDER BY n LOOP
    k := pg_temp.kql_series_kind(e);
    IF k = 0 THEN out := out || 'null'::jsonb; CONTINUE; END IF;
    IF longs THEN
      l := (e::text)::bigint;
      out := out || to_jsonb(CASE op WHEN 'abs' THEN abs(l) ELSE sign(l) END);
      CONTINUE;
    END IF;
    d := (e::text)::double precision;
    IF op = 'exp' AND d < -700 THEN
      BEGIN r := exp(d); EXCEPTION WHEN numeric_value_out_of_range THEN r := 0; END;
    ELSE
      r := CASE op WHEN 'abs' THEN abs(d) WHEN 'sign' THEN sign(d) WHEN 'acos' THEN acos(d)
        WHEN 'asin' THEN asin(d) WHEN 'atan' THEN atan(d) WHEN 'cos' THEN cos(d) WHEN 'sin' THEN sin(d)
        WHEN 'tan' THEN tan(d) WHEN 'exp' THEN exp(d) WHEN 'log' THEN ln(d) WHEN 'floor' THEN floor(d)
        WHEN 'ceiling' THEN ceiling(d) END;
    END IF;
    out := out || pg_temp.kql_series_real(r);
  END LOOP;
  RETURN to_jsonb(out);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_binary(op text, a jsonb, b jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb[] := '{}'; na int; nb int; x jsonb; y jsonb; kx int; ky int; kinds int; c int;
  dx double precision; dy double precision; lx bigint; ly bigint; arith boolean;
BEGIN
  na := CASE jsonb_typeof(a) WHEN 'array' THEN jsonb_array_length(a) WHEN 'number' THEN -1 END;
  nb := CASE jsonb_typeof(b) WHEN 'array' THEN jsonb_array_length(b) WHEN 'number' THEN -1 END;
  IF na IS NULL OR nb IS NULL OR (na < 0 AND nb < 0) THEN RETURN NULL; END IF;
  arith := op IN ('add', 'subtract', 'multiply');
  kinds := pg_temp.kql_series_kinds(a) | pg_temp.kql_series_kinds(b);
  IF arith AND kinds & 3 = 3 THEN
    RAISE EXCEPTION 'series_%(): the series mix long and real elements', op;
  END IF;
  FOR i IN 0 .. greatest(na, nb, 0) - 1 LOOP
    x := pg_temp.kql_series_at(a, i); y := pg_temp.kql_series_at(b, i);
    kx := pg_temp.kql_series_kind(x); ky := pg_temp.kql_series_kind(y);
    IF kx = 0 OR ky = 0 THEN out := out || 'null'::jsonb; CONTINUE; END IF;
    IF kx = 1 AND ky = 1 AND (arith OR op NOT IN ('divide', 'pow')) THEN
      lx := (x::text)::bigint; ly := (y::text)::bigint;
      IF arith THEN
        out := out || to_jsonb(CASE op WHEN 'add' THEN lx + ly WHEN 'subtract' THEN lx - ly ELSE lx * ly END);
        CONTINUE;
      END IF;
      c := CASE WHEN lx < ly THEN -1 WHEN lx > ly THEN 1 ELSE 0 END;
    ELSE
      dx := (x::text)::double precision; dy := (y::text)::double precision;
      IF arith OR op IN ('divide', 'pow') THEN
        out := out || pg_temp.kql_series_real(CASE op WHEN 'add' THEN dx + dy WHEN 'subtract' THEN dx - dy
          WHEN 'multiply' THEN dx * dy WHEN 'divide' THEN dx / dy ELSE power(dx, dy) END);
        CONTINUE;
      END IF;
      c := CASE WHEN dx < dy THEN -1 WHEN dx > dy THEN 1 ELSE 0 END;
    END IF;
    out := out || to_jsonb(CASE op WHEN 'greater' THEN c > 0 WHEN 'greater_equals' THEN c >= 0
      WHEN 'less' THEN c < 0 WHEN 'less_equals' THEN c <= 0 WHEN 'equals' THEN c = 0 ELSE c <> 0 END);
  END LOOP;
  RETURN to_jsonb(out);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_reduce(op text, a jsonb, b jsonb DEFAULT NULL) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE acc double precision := 0; aa double precision := 0; bb double precision := 0; n int; na int; nb int;
  x jsonb; y jsonb; dx double precision; dy double precision;
BEGIN
  IF op IN ('sum', 'magnitude') THEN
    IF jsonb_typeof(a) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
    IF jsonb_array_length(a) = 0 THEN
      IF op = 'sum' THEN RAISE EXCEPTION 'series_sum() of an empty series is not reproduced'; END IF;
      RETURN NULL;
    END IF;
    FOR x IN SELECT e FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i) ORDER BY i LOOP
      IF pg_temp.kql_series_kind(x) > 0 THEN
        dx := (x::text)::double precision;
        acc := acc + CASE WHEN op = 'sum' THEN dx ELSE dx * dx END;
      END IF;
    END LOOP;
    IF op = 'magnitude' THEN acc := sqrt(acc); END IF;
  ELSE
    na := CASE jsonb_typeof(a) WHEN 'array' THEN jsonb_array_length(a) WHEN 'number' THEN -1 END;
    nb := CASE jsonb_typeof(b) WHEN 'array' THEN jsonb_array_length(b) WHEN 'number' THEN -1 END;
    IF na IS NULL OR nb IS NULL OR (na < 0 AND nb < 0) THEN RETURN NULL; END IF;
    n := CASE WHEN na < 0 THEN nb WHEN nb < 0 THEN na ELSE least(na, nb) END;
    IF n = 0 THEN RETURN NULL; END IF;
    FOR i IN 0 .. n - 1 LOOP
      x := pg_temp.kql_series_at(a, i); y := pg_temp.kql_series_at(b, i);
      IF pg_temp.kql_series_kind(x) = 0 OR pg_temp.kql_series_kind(y) = 0 THEN CONTINUE; END IF;
      dx := (x::text)::double precision; dy := (y::text)::double precision;
      acc := acc + dx * dy; aa := aa + dx * dx; bb := bb + dy * dy;
    END LOOP;
    IF op = 'cosine_similarity' THEN
      IF aa = 0 OR bb = 0 THEN RAISE EXCEPTION 'series_cosine_similarity(): a NaN or infinite result is not reproduced'; END IF;
      acc := acc / (sqrt(aa) * sqrt(bb));
    END IF;
  END IF;
  IF acc = 0 THEN acc := 0; END IF;
  RETURN acc;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_fill(op text, a jsonb, c jsonb, edges boolean) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE v jsonb[]; out jsonb[]; n int; kinds int; kc int; first int; last int; k int; longs boolean;
  x0 double precision; x1 double precision; r double precision;
BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  SELECT coalesce(array_agg(e ORDER BY i), '{}') INTO v FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i);
  n := coalesce(array_length(v, 1), 0);
  FOR i IN 1 .. n LOOP
    IF jsonb_typeof(v[i]) NOT IN ('null', 'number') THEN
      RAISE EXCEPTION 'series_fill_%(): a non-numeric element is not reproduced', op;
    END IF;
  END LOOP;
  out := v;
  IF op = 'forward' THEN
    FOR i IN 2 .. n LOOP IF jsonb_typeof(out[i]) = 'null' THEN out[i] := out[i - 1]; END IF; END LOOP;
    RETURN to_jsonb(out);
  END IF;
  IF op = 'backward' THEN
    FOR i IN REVERSE n - 1 .. 1 LOOP IF jsonb_typeof(out[i]) = 'null' THEN out[i] := out[i + 1]; END IF; END LOOP;
    RETURN to_jsonb(out);
  END IF;
  kinds := pg_temp.kql_series_kinds(a);
  kc := pg_temp.kql_series_kind(c);
  IF op = 'const' THEN
    IF kc > 0 AND kinds & 4 = 4 AND kinds & (CASE kc WHEN 1 THEN 2 ELSE 1 END) <> 0 THEN
      RAISE EXCEPTION 'series_fill_const(): the constant''s type differs from the elements'' type';
    END IF;
    FOR i IN 1 .. n LOOP
      IF jsonb_typeof(out[i]) = 'null' THEN out[i] := CASE WHEN kc > 0 THEN c ELSE 'null'::jsonb END; END IF;
    END LOOP;
    RETURN to_jsonb(out);
  END IF;
  -- linear
  IF kinds & 3 = 0 THEN
    IF kc = 0 THEN RETURN a; END IF;
    IF kc = 1 THEN RAISE EXCEPTION 'series_fill_linear(): a long constant_value is not reproduced'; END IF;
    FOR i IN 1 .. n LOOP out[i] := pg_temp.kql_series_real((c::text)::double precision); END LOOP;
    RETURN to_jsonb(out);
  END IF;
  longs := kinds & 2 = 0;
  first := 1; last := n;
  WHILE jsonb_typeof(v[first]) = 'null' LOOP first := first + 1; END LOOP;
  WHILE jsonb_typeof(v[last]) = 'null' LOOP last := last - 1; END LOOP;
  IF NOT longs THEN
    FOR i IN 1 .. n LOOP
      IF jsonb_typeof(v[i]) <> 'null' THEN out[i] := pg_temp.kql_series_real((v[i]::text)::double precision); END IF;
    END LOOP;
  END IF;
  IF edges THEN
    FOR i IN 1 .. first - 1 LOOP out[i] := out[first]; END LOOP;
    FOR i IN last + 1 .. n LOOP out[i] := out[last]; END LOOP;
  END IF;
  k := first;
  WHILE k < last LOOP
    first := k; k := k + 1;
    WHILE jsonb_typeof(v[k]) = 'null' LOOP k := k + 1; END LOOP;
    x0 := (v[first]::text)::double precision; x1 := (v[k]::text)::double precision;
    FOR m IN first + 1 .. k - 1 LOOP
      r := x0 + (x1 - x0) * (m - first)::double precision / (k - first)::double precision;
      IF longs THEN
        IF r < 0 AND r <> trunc(r) THEN
          RAISE EXCEPTION 'series_fill_linear(): a negative interpolated long is not reproduced';
        END IF;
        out[m] := to_jsonb(trunc(r)::bigint);
      ELSE
        out[m] := pg_temp.kql_series_real(r);
      END IF;
    END LOOP;
  END LOOP;
  RETURN to_jsonb(out);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_series_iir(x jsonb, b jsonb, a jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE xs double precision[]; bs double precision[]; az double precision[]; y double precision[] := '{}';
  out jsonb[] := '{}'; acc double precision;
BEGIN
  IF jsonb_typeof(x) IS DISTINCT FROM 'array' OR jsonb_typeof(b) IS DISTINCT FROM 'array'
     OR jsonb_typeof(a) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  IF (pg_temp.kql_series_kinds(x) | pg_temp.kql_series_kinds(b) | pg_temp.kql_series_kinds(a)) & 4 = 4 THEN
    RAISE EXCEPTION 'series_iir(): a missing or non-numeric element is not reproduced';
  END IF;
  SELECT coalesce(array_agg((e::text)::double precision ORDER BY i), '{}') INTO xs FROM jsonb_array_elements(x) WITH ORDINALITY AS t(e, i);
  SELECT coalesce(array_agg((e::text)::double precision ORDER BY i), '{}') INTO bs FROM jsonb_array_elements(b) WITH ORDINALITY AS t(e, i);
  SELECT coalesce(array_agg((e::text)::double precision ORDER BY i), '{}') INTO az FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i);
  IF coalesce(array_length(az, 1), 0) = 0 OR coalesce(array_length(bs, 1), 0) = 0 OR az[1] = 0 THEN
    RAISE EXCEPTION 'series_iir(): needs coefficients and a non-zero a[0]';
  END IF;
  FOR i IN 1 .. coalesce(array_length(xs, 1), 0) LOOP
    acc := 0;
    FOR k IN 0 .. least(array_length(bs, 1) - 1, i - 1) LOOP acc := acc + bs[k + 1] * xs[i - k]; END LOOP;
    FOR k IN 1 .. least(array_length(az, 1) - 1, i - 1) LOOP acc := acc - az[k + 1] * y[i - k]; END LOOP;
    y[i] := acc / az[1];
    out := out || pg_temp.kql_series_real(y[i]);
  END LOOP;
  RETURN to_jsonb(out);
END $$;
)SQL";
}

}  // namespace kql::sql
