// Function family 'dynamic' (see families.h): arrays, sets and property bags.
//
// Every function calls one kql_* helper (SQLite twins in run/sqlite_fn_dynamic.cpp, the
// PostgreSQL ones below), which follows the documented rules. Where the docs leave the result
// open and the two databases could not agree with Kusto by construction, the helper raises an
// SQL error rather than guess:
//   - array_sort_*: the relative order of elements that compare equal (stability is not
//     documented) when they or their companions differ; the order among bools, arrays and bags;
//     the descending order of mixed types; strings that may stand for datetimes, timespans or
//     guids (our dynamic values hold those as strings, which KQL orders differently).
//   - array_split with indices out of the array or out of order; bag_set_key through a member
//     that is not a bag; bag_merge of something that is not a bag; jaccard_index of two empty
//     sets; dynamic_to_json of reals (KQL's spelling of them), of null, and of bags whose keys'
//     ordinal and case-insensitive orders differ (which one KQL uses is not documented).
// bag_keys returns the keys sorted ordinally: KQL documents their order as undetermined.
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

bool is_string_like(KType t) { return t == KType::String || t == KType::Guid; }

// Argument i, which must be dynamic.
std::optional<std::string> dyn(FunctionCall& f, size_t i, const char* want = "a dynamic array") {
  if (f.a[i].type != KType::Dynamic) {
    f.type_err(i, want);
    return std::nullopt;
  }
  return f.a[i].sql;
}

// Argument i, which must be a whole number.
std::optional<std::string> whole(FunctionCall& f, size_t i) {
  if (!is_integral(f.a[i].type)) {
    f.type_err(i, "a long");
    return std::nullopt;
  }
  return f.a[i].sql;
}

// Any value as dynamic, a null value staying null (not the "" kql_dt_str gives for it).
std::string as_dynamic(FunctionCall& f, const SqlExpr& e) {
  if (e.type == KType::Dynamic) return e.sql;
  if (is_string_like(e.type)) return f.d().to_dynamic("COALESCE(" + e.sql + ", '')", e.type);
  return "(CASE WHEN " + e.sql + " IS NULL THEN NULL ELSE " + f.d().to_dynamic(e.sql, e.type) +
         " END)";
}

// A JSON array of dynamic values (SQL NULL becomes JSON null).
std::string pack(FunctionCall& f, const std::vector<std::string>& values) {
  std::string s;
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) s += ", ";
    s += f.postgres() ? values[i] : "json(COALESCE(" + values[i] + ", 'null'))";
  }
  return (f.postgres() ? "jsonb_build_array(" : "json_array(") + s + ")";
}

// Arguments [from, n) as a JSON array; each must be dynamic.
std::optional<std::string> pack_args(FunctionCall& f, size_t from, size_t to) {
  std::vector<std::string> v;
  for (size_t i = from; i < to; ++i) {
    auto x = dyn(f, i);
    if (!x) return std::nullopt;
    v.push_back(*x);
  }
  return pack(f, v);
}

std::optional<SqlExpr> array_sort(FunctionCall& f) {
  const bool asc = f.name() == "array_sort_asc";
  if (f.n() < 1) return f.unsupported("needs an array");
  size_t arrays = f.n();
  std::string nulls_last = f.d().bool_literal(true);
  if (f.a.back().type == KType::Bool) {
    if (f.n() < 2) return f.type_err(0, "a dynamic array");
    nulls_last = f.a.back().sql;
    --arrays;
  }
  if (arrays > 1 && f.t.indexed_call != f.call)
    return f.unsupported(
        "sorting several arrays gives several columns; translated only when one of them is "
        "picked by index (" +
        f.name() + "(a, b)[1])");
  auto p = pack_args(f, 0, arrays);
  if (!p) return std::nullopt;
  std::string all = f.helper("kql_array_sort", {*p, f.d().bool_literal(asc), nulls_last});
  if (arrays > 1) return SqlExpr{all, KType::Dynamic};
  return SqlExpr{f.helper("kql_dyn_at", {all, "0"}), KType::Dynamic};
}

std::optional<SqlExpr> array_slice(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto a = dyn(f, 0);
  auto s = whole(f, 1);
  auto e = whole(f, 2);
  if (!a || !s || !e) return std::nullopt;
  return SqlExpr{f.helper("kql_array_slice", {*a, *s, *e}), KType::Dynamic};
}

std::optional<SqlExpr> array_shift(FunctionCall& f) {
  if (!f.nargs(2, 3)) return std::nullopt;
  auto a = dyn(f, 0);
  auto k = whole(f, 1);
  if (!a || !k) return std::nullopt;
  std::string fill = f.n() == 3 ? as_dynamic(f, f.a[2]) : f.d().typed_null(KType::Dynamic);
  std::string by = f.name() == "array_shift_left" ? *k : "(-(" + *k + "))";
  return SqlExpr{f.helper("kql_array_shift", {*a, by, fill}), KType::Dynamic};
}

std::optional<SqlExpr> array_rotate(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto a = dyn(f, 0);
  auto k = whole(f, 1);
  if (!a || !k) return std::nullopt;
  std::string by = f.name() == "array_rotate_left" ? *k : "(-(" + *k + "))";
  return SqlExpr{f.helper("kql_array_rotate", {*a, by}), KType::Dynamic};
}

std::optional<SqlExpr> array_split(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto a = dyn(f, 0);
  if (!a) return std::nullopt;
  std::string idx;
  if (is_integral(f.a[1].type))
    idx = as_dynamic(f, SqlExpr{f.a[1].sql, KType::Long});
  else if (f.a[1].type == KType::Dynamic)
    idx = f.a[1].sql;
  else
    return f.type_err(1, "a long or a dynamic array of longs");
  return SqlExpr{f.helper("kql_array_split", {*a, idx}), KType::Dynamic};
}

std::optional<SqlExpr> array_sum(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto a = dyn(f, 0);
  if (!a) return std::nullopt;
  return SqlExpr{f.helper("kql_array_sum", {*a}), KType::Real};
}

std::optional<SqlExpr> array_reverse(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto a = dyn(f, 0);
  if (!a) return std::nullopt;
  return SqlExpr{f.helper("kql_array_reverse", {*a}), KType::Dynamic};
}

std::optional<SqlExpr> array_concat(FunctionCall& f) {
  if (f.n() < 1) return f.unsupported("needs an array");
  auto p = pack_args(f, 0, f.n());
  if (!p) return std::nullopt;
  return SqlExpr{f.helper("kql_array_concat", {*p}), KType::Dynamic};
}

std::optional<SqlExpr> array_iff(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto c = dyn(f, 0);
  if (!c) return std::nullopt;
  return SqlExpr{f.helper("kql_array_iff", {*c, as_dynamic(f, f.a[1]), as_dynamic(f, f.a[2])}),
                 KType::Dynamic};
}

// The value looked up by array_index_of / set_has_element, as dynamic.
std::optional<std::string> lookup_value(FunctionCall& f, size_t i, bool strict) {
  KType t = f.a[i].type;
  if (t == KType::Dynamic || t == KType::Unknown) {
    f.type_err(i, "a scalar value");
    return std::nullopt;
  }
  if (strict && (t == KType::DateTime || t == KType::TimeSpan || t == KType::Guid)) {
    f.unsupported(std::string("a ") + ktype_name(t) +
                  " value: dynamic arrays hold those as strings here, so a string element with "
                  "the same text would match where KQL finds none");
    return std::nullopt;
  }
  return as_dynamic(f, f.a[i]);
}

std::optional<SqlExpr> array_index_of(FunctionCall& f) {
  if (!f.nargs(2, 5)) return std::nullopt;
  auto a = dyn(f, 0);
  if (!a) return std::nullopt;
  auto v = lookup_value(f, 1, true);
  if (!v) return std::nullopt;
  std::string args[3] = {"0", "-1", "1"};
  for (size_t i = 2; i < f.n(); ++i) {
    auto x = whole(f, i);
    if (!x) return std::nullopt;
    args[i - 2] = *x;
  }
  return SqlExpr{f.helper("kql_array_index_of", {*a, *v, args[0], args[1], args[2]}), KType::Long};
}

std::optional<SqlExpr> set_has_element(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto a = dyn(f, 0);
  if (!a) return std::nullopt;
  auto v = lookup_value(f, 1, false);
  if (!v) return std::nullopt;
  return SqlExpr{"COALESCE(" + f.helper("kql_array_index_of", {*a, *v, "0", "-1", "1"}) +
                     " >= 0, " + f.d().bool_literal(false) + ")",
                 KType::Bool};
}

std::optional<SqlExpr> bag_keys(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto b = dyn(f, 0, "a dynamic property bag");
  if (!b) return std::nullopt;
  return SqlExpr{f.helper("kql_bag_keys", {*b}), KType::Dynamic};
}

std::optional<SqlExpr> bag_has_key(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto b = dyn(f, 0, "a dynamic property bag");
  if (!b) return std::nullopt;
  if (!is_string_like(f.a[1].type)) return f.type_err(1, "a string key");
  return SqlExpr{f.helper("kql_bag_has_key", {*b, "COALESCE(" + f.a[1].sql + ", '')"}),
                 KType::Bool};
}

std::optional<SqlExpr> bag_remove_keys(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto b = dyn(f, 0, "a dynamic property bag");
  auto k = dyn(f, 1, "a dynamic array of keys");
  if (!b || !k) return std::nullopt;
  return SqlExpr{f.helper("kql_bag_remove_keys", {*b, *k}), KType::Dynamic};
}

std::optional<SqlExpr> bag_set_key(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto b = dyn(f, 0, "a dynamic property bag");
  if (!b) return std::nullopt;
  if (!is_string_like(f.a[1].type)) return f.type_err(1, "a string key");
  return SqlExpr{
      f.helper("kql_bag_set_key", {*b, "COALESCE(" + f.a[1].sql + ", '')", as_dynamic(f, f.a[2])}),
      KType::Dynamic};
}

std::optional<SqlExpr> bag_merge(FunctionCall& f) {
  if (!f.nargs(2, 64)) return std::nullopt;
  auto p = pack_args(f, 0, f.n());
  if (!p) return std::nullopt;
  return SqlExpr{f.helper("kql_bag_merge", {*p}), KType::Dynamic};
}

std::optional<SqlExpr> bag_zip(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto k = dyn(f, 0, "a dynamic array of keys");
  auto v = dyn(f, 1, "a dynamic array of values");
  if (!k || !v) return std::nullopt;
  return SqlExpr{f.helper("kql_bag_zip", {*k, *v}), KType::Dynamic};
}

std::optional<SqlExpr> set_op(FunctionCall& f) {
  if (!f.nargs(2, 64)) return std::nullopt;
  auto p = pack_args(f, 0, f.n());
  if (!p) return std::nullopt;
  return SqlExpr{f.helper("kql_set_op", {f.lit(f.name().substr(4)), *p}), KType::Dynamic};
}

std::optional<SqlExpr> jaccard_index(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto x = dyn(f, 0), y = dyn(f, 1);
  if (!x || !y) return std::nullopt;
  return SqlExpr{f.helper("kql_jaccard", {*x, *y}), KType::Real};
}

std::optional<SqlExpr> zip(FunctionCall& f) {
  if (!f.nargs(2, 16)) return std::nullopt;
  auto p = pack_args(f, 0, f.n());
  if (!p) return std::nullopt;
  return SqlExpr{f.helper("kql_zip", {*p}), KType::Dynamic};
}

std::optional<SqlExpr> dynamic_to_json(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto x = dyn(f, 0, "a dynamic value");
  if (!x) return std::nullopt;
  return SqlExpr{f.helper("kql_dynamic_to_json", {*x}), KType::String};
}

// pack_all([ignore_null_empty]): the row's columns as a property bag (in chunks: PostgreSQL
// takes at most 100 arguments per call).
std::optional<SqlExpr> pack_all(FunctionCall& f) {
  if (!f.nargs(0, 1)) return std::nullopt;
  if (f.n() == 1 && f.a[0].type != KType::Bool) return f.type_err(0, "a bool");
  if (!f.row || !f.row->cols) return f.unsupported("no input row here");
  std::vector<std::string> chunks;
  std::string cur;
  size_t in_chunk = 0;
  auto flush = [&] {
    if (!in_chunk) return;
    chunks.push_back((f.postgres() ? "jsonb_build_object(" : "json_object(") + cur + ")");
    cur.clear();
    in_chunk = 0;
  };
  for (const auto& c : *f.row->cols) {
    SqlExpr v{f.t.col(f.row->alias, c.name), c.type};
    std::string d = as_dynamic(f, v);
    if (!f.postgres()) d = "json(COALESCE(" + d + ", 'null'))";
    cur += (in_chunk ? ", " : "") + f.lit(c.name) + ", " + d;
    if (++in_chunk == 40) flush();
  }
  flush();
  std::string bag;
  if (chunks.empty())
    bag = f.d().dynamic_literal("{}");
  else if (chunks.size() == 1)
    bag = chunks[0];
  else if (f.postgres()) {
    bag = "(" + chunks[0];
    for (size_t i = 1; i < chunks.size(); ++i) bag += " || " + chunks[i];
    bag += ")";
  } else {
    bag = f.helper("kql_bag_merge", {pack(f, chunks)});
  }
  if (f.n() == 1)
    bag = "(CASE WHEN " + f.a[0].sql + " THEN " + f.helper("kql_bag_strip", {bag}) + " ELSE " +
          bag + " END)";
  return SqlExpr{bag, KType::Dynamic};
}

}  // namespace

std::span<const SqlFunction> dynamic_functions() {
  static const SqlFunction kFunctions[] = {
      {"array_sort_asc", array_sort},
      {"array_sort_desc", array_sort},
      {"array_slice", array_slice},
      {"array_shift_left", array_shift},
      {"array_shift_right", array_shift},
      {"array_rotate_left", array_rotate},
      {"array_rotate_right", array_rotate},
      {"array_split", array_split},
      {"array_sum", array_sum},
      {"array_concat", array_concat},
      {"array_reverse", array_reverse},
      {"array_iff", array_iff},
      {"array_iif", array_iff},
      {"array_index_of", array_index_of},
      {"set_has_element", set_has_element},
      {"bag_keys", bag_keys},
      {"bag_has_key", bag_has_key},
      {"bag_remove_keys", bag_remove_keys},
      {"bag_set_key", bag_set_key},
      {"bag_merge", bag_merge},
      {"bag_zip", bag_zip},
      {"set_union", set_op},
      {"set_intersect", set_op},
      {"set_difference", set_op},
      {"jaccard_index", jaccard_index},
      {"zip", zip},
      {"dynamic_to_json", dynamic_to_json},
      {"pack_all", pack_all},
  };
  return kFunctions;
}

std::string_view dynamic_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_array_sort(p jsonb, asc_ boolean, nl boolean) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k jsonb; n int; numbers int; strings int; dts int; tss int; guids int; others int; f text; ord int[];
  a1 jsonb; a2 jsonb; arr jsonb; tie boolean; BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'array' OR jsonb_array_length(p) = 0 THEN RETURN NULL; END IF;
  nl := coalesce(nl, true);
  k := p -> 0;
  IF jsonb_typeof(k) <> 'array' THEN
    RETURN (SELECT jsonb_agg('null'::jsonb) FROM jsonb_array_elements(p));
  END IF;
  n := jsonb_array_length(k);
  f := CASE WHEN asc_ THEN 'array_sort_asc()' ELSE 'array_sort_desc()' END;
  SELECT count(*) FILTER (WHERE jsonb_typeof(e) = 'number'),
         count(*) FILTER (WHERE jsonb_typeof(e) = 'string'),
         count(*) FILTER (WHERE jsonb_typeof(e) = 'string'
           AND e #>> '{}' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{7}Z$'),
         count(*) FILTER (WHERE jsonb_typeof(e) = 'string'
           AND e #>> '{}' ~ '^-?([0-9]+\.)?[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{7})?$'),
         count(*) FILTER (WHERE jsonb_typeof(e) = 'string'
           AND e #>> '{}' ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
         count(DISTINCT e::text) FILTER (WHERE jsonb_typeof(e) IN ('boolean', 'array', 'object'))
    INTO numbers, strings, dts, tss, guids, others FROM jsonb_array_elements(k) e;
  IF others > 1 THEN
    RAISE EXCEPTION '%: the order of bool, array and property-bag elements is not documented', f;
  END IF;
  IF NOT asc_ AND (CASE WHEN numbers > 0 THEN 1 ELSE 0 END) + (CASE WHEN strings > 0 THEN 1 ELSE 0 END)
                  + (CASE WHEN others > 0 THEN 1 ELSE 0 END) > 1 THEN
    RAISE EXCEPTION '%: the descending order of elements of different types is not documented', f;
  END IF;
  IF tss > 0 AND (numbers > 0 OR strings > 1) THEN
    RAISE EXCEPTION '%: a string that may be a timespan is not ordered like one', f;
  END IF;
  IF dts > 0 AND (numbers > 0 OR strings > dts) THEN
    RAISE EXCEPTION '%: a string that may be a datetime is not ordered like one', f;
  END IF;
  IF guids > 0 AND strings > 1 THEN
    RAISE EXCEPTION '%: a string that may be a guid is not ordered like one', f;
  END IF;
  SELECT array_agg(o ORDER BY
      CASE WHEN jsonb_typeof(e) = 'null' THEN (CASE WHEN nl THEN 1 ELSE -1 END) ELSE 0 END,
      CASE WHEN asc_ THEN g ELSE -g END,
      CASE WHEN asc_ THEN num END ASC, CASE WHEN NOT asc_ THEN num END DESC,
      (CASE WHEN asc_ THEN s END) COLLATE "C" ASC, (CASE WHEN NOT asc_ THEN s END) COLLATE "C" DESC,
      o)
    INTO ord
    FROM (SELECT e, o::int AS o, CASE jsonb_typeof(e) WHEN 'number' THEN 0 WHEN 'string' THEN 1 ELSE 2 END AS g,
                 CASE WHEN jsonb_typeof(e) = 'number' THEN (e #>> '{}')::numeric END AS num,
                 CASE WHEN jsonb_typeof(e) = 'string' THEN e #>> '{}' END AS s
            FROM jsonb_array_elements(k) WITH ORDINALITY AS t(e, o)) x;
  FOR i IN 2 .. n LOOP
    a1 := k -> (ord[i - 1] - 1); a2 := k -> (ord[i] - 1);
    tie := CASE WHEN jsonb_typeof(a1) = 'null' OR jsonb_typeof(a2) = 'null'
                  THEN jsonb_typeof(a1) = jsonb_typeof(a2)
                WHEN jsonb_typeof(a1) = 'number' AND jsonb_typeof(a2) = 'number'
                  THEN (a1 #>> '{}')::numeric = (a2 #>> '{}')::numeric
                WHEN jsonb_typeof(a1) = 'string' AND jsonb_typeof(a2) = 'string' THEN a1 = a2
                ELSE jsonb_typeof(a1) IN ('boolean', 'array', 'object')
                     AND jsonb_typeof(a2) IN ('boolean', 'array', 'object') END;
    IF tie THEN
      FOR arr IN SELECT value FROM jsonb_array_elements(p) LOOP
        IF jsonb_typeof(arr) = 'array' THEN
          IF jsonb_array_length(arr) = n AND (arr -> (ord[i - 1] - 1))::text <> (arr -> (ord[i] - 1))::text THEN
            RAISE EXCEPTION '%: equal elements with different values or companions; the order KQL gives them is not documented', f;
          END IF;
        END IF;
      END LOOP;
    END IF;
  END LOOP;
  RETURN (SELECT jsonb_agg(CASE WHEN jsonb_typeof(t.a) <> 'array' THEN 'null'::jsonb
                                WHEN jsonb_array_length(t.a) <> n THEN 'null'::jsonb
                                ELSE (SELECT coalesce(jsonb_agg(t.a -> (u.o - 1) ORDER BY u.pos), '[]'::jsonb)
                                        FROM unnest(ord) WITH ORDINALITY AS u(o, pos)) END ORDER BY t.i)
            FROM jsonb_array_elements(p) WITH ORDINALITY AS t(a, i));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_slice(a jsonb, s bigint, e bigint) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint; BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' OR s IS NULL OR e IS NULL THEN RETURN NULL; END IF;
  n := jsonb_array_length(a);
  IF s < 0 THEN s := s + n; END IF;
  IF e < 0 THEN e := e + n; END IF;
  s := greatest(s, 0); e := least(e, n - 1);
  RETURN coalesce((SELECT jsonb_agg(a -> i::int ORDER BY i) FROM generate_series(s, e) i), '[]'::jsonb);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_shift(a jsonb, k bigint, fill jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint; BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' OR k IS NULL THEN RETURN NULL; END IF;
  n := jsonb_array_length(a);
  RETURN coalesce((SELECT jsonb_agg(CASE WHEN (k >= 0 AND k < n - i) OR (k < 0 AND -k <= i) THEN a -> (i + k)::int
                                         ELSE coalesce(fill, 'null'::jsonb) END ORDER BY i)
                     FROM generate_series(0, n - 1) i), '[]'::jsonb);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_rotate(a jsonb, k bigint) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint; r bigint; BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' OR k IS NULL THEN RETURN NULL; END IF;
  n := jsonb_array_length(a);
  IF n = 0 THEN RETURN '[]'::jsonb; END IF;
  r := ((k % n) + n) % n;
  RETURN (SELECT jsonb_agg(a -> ((i + r) % n)::int ORDER BY i) FROM generate_series(0, n - 1) i);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_split(a jsonb, idx jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE list jsonb; n bigint; prev bigint := 0; i bigint; x jsonb; out jsonb := '[]'::jsonb; BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' OR idx IS NULL THEN RETURN NULL; END IF;
  list := CASE WHEN jsonb_typeof(idx) = 'array' THEN idx ELSE jsonb_build_array(idx) END;
  n := jsonb_array_length(a);
  FOR x IN SELECT value FROM jsonb_array_elements(list) LOOP
    IF jsonb_typeof(x) <> 'number' OR (x #>> '{}') !~ '^-?[0-9]+$' THEN RETURN NULL; END IF;
    i := (x #>> '{}')::bigint;
    IF i < 0 THEN i := i + n; END IF;
    IF i < prev OR i > n THEN
      RAISE EXCEPTION 'array_split(): indices outside the array or out of order are not reproduced';
    END IF;
    out := out || jsonb_build_array(coalesce((SELECT jsonb_agg(a -> j::int ORDER BY j) FROM generate_series(prev, i - 1) j), '[]'::jsonb));
    prev := i;
  END LOOP;
  RETURN out || jsonb_build_array(coalesce((SELECT jsonb_agg(a -> j::int ORDER BY j) FROM generate_series(prev, n - 1) j), '[]'::jsonb));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_reverse(a jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(a) = 'array' THEN
     coalesce((SELECT jsonb_agg(e ORDER BY i DESC) FROM jsonb_array_elements(a) WITH ORDINALITY AS t(e, i)), '[]'::jsonb) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_sum(a jsonb) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE s double precision := 0; e jsonb; BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(a) LOOP
    IF jsonb_typeof(e) <> 'number' THEN RETURN NULL; END IF;
    s := s + (e #>> '{}')::double precision;
  END LOOP;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_concat(p jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) e WHERE jsonb_typeof(e) <> 'array') THEN RETURN NULL; END IF;
  RETURN coalesce((SELECT jsonb_agg(x.v ORDER BY t.i, x.j)
                     FROM jsonb_array_elements(p) WITH ORDINALITY AS t(arr, i),
                          jsonb_array_elements(t.arr) WITH ORDINALITY AS x(v, j)), '[]'::jsonb);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_iff(c jsonb, t jsonb, f jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF jsonb_typeof(c) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  RETURN coalesce((SELECT jsonb_agg(CASE WHEN b IS NULL THEN 'null'::jsonb
      WHEN b THEN (CASE WHEN jsonb_typeof(t) = 'array' THEN coalesce(t -> (i - 1)::int, 'null'::jsonb) ELSE coalesce(t, 'null'::jsonb) END)
      ELSE (CASE WHEN jsonb_typeof(f) = 'array' THEN coalesce(f -> (i - 1)::int, 'null'::jsonb) ELSE coalesce(f, 'null'::jsonb) END)
      END ORDER BY i)
    FROM (SELECT i, CASE jsonb_typeof(e) WHEN 'boolean' THEN (e #>> '{}')::boolean
                      WHEN 'number' THEN (e #>> '{}')::double precision <> 0 END AS b
            FROM jsonb_array_elements(c) WITH ORDINALITY AS x(e, i)) y), '[]'::jsonb);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_index_of(a jsonb, v jsonb, st bigint, len bigint, occ bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint; e bigint; i bigint; BEGIN
  IF jsonb_typeof(a) IS DISTINCT FROM 'array' OR st IS NULL OR len IS NULL OR occ IS NULL THEN RETURN NULL; END IF;
  IF len < -1 OR occ < 1 THEN RETURN NULL; END IF;
  n := jsonb_array_length(a);
  IF st < 0 THEN st := greatest(st + n, 0); END IF;
  e := CASE WHEN len = -1 THEN n ELSE least(n, st + len) END;
  IF v IS NULL OR jsonb_typeof(v) = 'null' THEN RETURN -1; END IF;
  FOR i IN SELECT generate_series(st, e - 1) LOOP
    IF a -> i::int = v THEN
      occ := occ - 1;
      IF occ = 0 THEN RETURN i; END IF;
    END IF;
  END LOOP;
  RETURN -1;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_keys(b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(b) = 'object' THEN
     coalesce((SELECT jsonb_agg(k ORDER BY k COLLATE "C") FROM jsonb_object_keys(b) k), '[]'::jsonb) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_path(key text, f text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out text[] := '{}'; i int := 2; j int; q text; c int; name text; BEGIN
  IF key IS NULL OR key = '' OR left(key, 1) <> '$' THEN RETURN ARRAY[coalesce(key, '')]; END IF;
  WHILE i <= length(key) LOOP
    IF substr(key, i, 1) = '.' THEN
      j := i + 1;
      WHILE j <= length(key) AND substr(key, j, 1) NOT IN ('.', '[') LOOP j := j + 1; END LOOP;
      name := substr(key, i + 1, j - i - 1);
      IF name = '' OR name = '*' THEN RAISE EXCEPTION '%: this JSONPath form is not translated', f; END IF;
      out := out || name;
      i := j;
    ELSIF substr(key, i, 1) = '[' AND substr(key, i + 1, 1) IN ('''', '"') THEN
      q := substr(key, i + 1, 1);
      c := strpos(substr(key, i + 2), q);
      IF c = 0 OR substr(key, i + 2 + c, 1) <> ']' THEN
        RAISE EXCEPTION '%: this JSONPath form is not translated', f;
      END IF;
      out := out || substr(key, i + 2, c - 1);
      i := i + 3 + c;
    ELSE
      RAISE EXCEPTION '%: this JSONPath form is not translated', f;
    END IF;
  END LOOP;
  IF cardinality(out) = 0 THEN RAISE EXCEPTION '%: this JSONPath form is not translated', f; END IF;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_has_key(b jsonb, key text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE p text[]; cur jsonb; k text; BEGIN
  IF jsonb_typeof(b) IS DISTINCT FROM 'object' THEN RETURN false; END IF;
  p := pg_temp.kql_bag_path(key, 'bag_has_key()');
  cur := b;
  FOREACH k IN ARRAY p LOOP
    IF jsonb_typeof(cur) <> 'object' THEN RETURN false; END IF;
    IF NOT (cur ? k) THEN RETURN false; END IF;
    cur := cur -> k;
  END LOOP;
  RETURN true;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_remove_keys(b jsonb, keys jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k jsonb; p text[]; cur jsonb; BEGIN
  IF jsonb_typeof(b) IS DISTINCT FROM 'object' OR jsonb_typeof(keys) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  FOR k IN SELECT value FROM jsonb_array_elements(keys) LOOP
    IF jsonb_typeof(k) <> 'string' THEN
      RAISE EXCEPTION 'bag_remove_keys(): a key that is not a string is not reproduced';
    END IF;
    p := pg_temp.kql_bag_path(k #>> '{}', 'bag_remove_keys()');
    cur := b;
    FOR i IN 1 .. cardinality(p) - 1 LOOP
      cur := CASE WHEN jsonb_typeof(cur) = 'object' THEN cur -> p[i] END;
    END LOOP;
    IF jsonb_typeof(cur) = 'object' THEN b := b #- p; END IF;
  END LOOP;
  RETURN b;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_set_key(b jsonb, key text, v jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE p text[]; cur jsonb; nxt jsonb; BEGIN
  IF jsonb_typeof(b) IS DISTINCT FROM 'object' THEN RETURN NULL; END IF;
  p := pg_temp.kql_bag_path(key, 'bag_set_key()');
  cur := b;
  FOR i IN 1 .. cardinality(p) - 1 LOOP
    nxt := cur -> p[i];
    IF nxt IS NULL THEN
      b := jsonb_set(b, p[1:i], '{}'::jsonb, true);
      nxt := '{}'::jsonb;
    ELSIF jsonb_typeof(nxt) <> 'object' THEN
      RAISE EXCEPTION 'bag_set_key(): a member on the key''s path is not a property bag';
    END IF;
    cur := nxt;
  END LOOP;
  RETURN jsonb_set(b, p, coalesce(v, 'null'::jsonb), true);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_merge(p jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb := '{}'::jsonb; b jsonb; BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  FOR b IN SELECT value FROM jsonb_array_elements(p) LOOP
    IF jsonb_typeof(b) = 'null' THEN CONTINUE; END IF;
    IF jsonb_typeof(b) <> 'object' THEN
      RAISE EXCEPTION 'bag_merge(): an argument that is not a property bag is not reproduced';
    END IF;
    out := b || out;
  END LOOP;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_zip(k jsonb, v jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb := '{}'::jsonb; key jsonb; i bigint; val jsonb; BEGIN
  IF jsonb_typeof(k) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  FOR key, i IN SELECT e, o - 1 FROM jsonb_array_elements(k) WITH ORDINALITY AS t(e, o) ORDER BY o LOOP
    IF jsonb_typeof(key) <> 'string' THEN CONTINUE; END IF;
    val := CASE WHEN jsonb_typeof(v) = 'array' THEN coalesce(v -> i::int, 'null'::jsonb) ELSE 'null'::jsonb END;
    IF out ? (key #>> '{}') THEN
      IF out -> (key #>> '{}') <> val THEN
        RAISE EXCEPTION 'bag_zip(): a key repeated with different values is not reproduced';
      END IF;
    ELSE
      out := out || jsonb_build_object(key #>> '{}', val);
    END IF;
  END LOOP;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bag_strip(b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(b) = 'object' THEN
     coalesce((SELECT jsonb_object_agg(key, value) FROM jsonb_each(b)
                WHERE jsonb_typeof(value) <> 'null' AND value <> '""'::jsonb), '{}'::jsonb) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_set_op(op text, p jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb := '[]'::jsonb; e jsonb; keep boolean; inside boolean; BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'array' OR jsonb_array_length(p) = 0 THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) x WHERE jsonb_typeof(x) <> 'array') THEN RETURN NULL; END IF;
  IF op = 'union' THEN
    FOR e IN SELECT x.v FROM jsonb_array_elements(p) WITH ORDINALITY AS t(arr, i),
                             jsonb_array_elements(t.arr) WITH ORDINALITY AS x(v, j) ORDER BY t.i, x.j LOOP
      IF NOT EXISTS (SELECT 1 FROM jsonb_array_elements(out) o WHERE o = e) THEN out := out || jsonb_build_array(e); END IF;
    END LOOP;
  ELSE
    FOR e IN SELECT x.v FROM jsonb_array_elements(p -> 0) WITH ORDINALITY AS x(v, j) ORDER BY x.j LOOP
      keep := true;
      FOR i IN 1 .. jsonb_array_length(p) - 1 LOOP
        inside := EXISTS (SELECT 1 FROM jsonb_array_elements(p -> i) o WHERE o = e);
        keep := CASE WHEN op = 'intersect' THEN inside ELSE NOT inside END;
        EXIT WHEN NOT keep;
      END LOOP;
      IF keep AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(out) o WHERE o = e) THEN
        out := out || jsonb_build_array(e);
      END IF;
    END LOOP;
  END IF;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_jaccard(x jsonb, y jsonb) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE u jsonb; nboth bigint; BEGIN
  IF jsonb_typeof(x) IS DISTINCT FROM 'array' OR jsonb_typeof(y) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  u := pg_temp.kql_set_op('union', jsonb_build_array(x, y));
  IF jsonb_array_length(u) = 0 THEN RAISE EXCEPTION 'jaccard_index() of two empty sets is not reproduced'; END IF;
  SELECT count(*) INTO nboth FROM jsonb_array_elements(u) e
   WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(x) o WHERE o = e)
     AND EXISTS (SELECT 1 FROM jsonb_array_elements(y) o WHERE o = e);
  RETURN nboth::double precision / jsonb_array_length(u)::double precision;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_zip(p jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint; BEGIN
  IF jsonb_typeof(p) IS DISTINCT FROM 'array' THEN RETURN NULL; END IF;
  IF EXISTS (SELECT 1 FROM jsonb_array_elements(p) x WHERE jsonb_typeof(x) <> 'array') THEN RETURN NULL; END IF;
  SELECT coalesce(max(jsonb_array_length(x)), 0) INTO n FROM jsonb_array_elements(p) x;
  RETURN coalesce((SELECT jsonb_agg((SELECT jsonb_agg(coalesce(t.arr -> g.i::int, 'null'::jsonb) ORDER BY t.k)
                                       FROM jsonb_array_elements(p) WITH ORDINALITY AS t(arr, k)) ORDER BY g.i)
                     FROM generate_series(0, n - 1) AS g(i)), '[]'::jsonb);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dynamic_to_json(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF j IS NULL OR jsonb_typeof(j) = 'null' THEN
    RAISE EXCEPTION 'dynamic_to_json() of null is not reproduced';
  END IF;
  IF jsonb_typeof(j) = 'object' THEN
    IF (SELECT array_agg(k ORDER BY k COLLATE "C") FROM jsonb_object_keys(j) k) IS DISTINCT FROM
       (SELECT array_agg(k ORDER BY translate(k, 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') COLLATE "C",
                                    k COLLATE "C") FROM jsonb_object_keys(j) k) THEN
      RAISE EXCEPTION 'dynamic_to_json(): keys whose ordinal and case-insensitive orders differ';
    END IF;
    RETURN '{' || coalesce((SELECT string_agg(to_json(k)::text || ':' ||
                                              (CASE WHEN jsonb_typeof(j -> k) = 'null' THEN 'null'
                                                    ELSE pg_temp.kql_dynamic_to_json(j -> k) END), ',' ORDER BY k COLLATE "C")
                              FROM jsonb_object_keys(j) k), '') || '}';
  END IF;
  IF jsonb_typeof(j) = 'array' THEN
    RETURN '[' || coalesce((SELECT string_agg(CASE WHEN jsonb_typeof(e) = 'null' THEN 'null'
                                                   ELSE pg_temp.kql_dynamic_to_json(e) END, ',' ORDER BY i)
                              FROM jsonb_array_elements(j) WITH ORDINALITY AS t(e, i)), '') || ']';
  END IF;
  IF jsonb_typeof(j) = 'number' AND j::text ~ '[.eE]' THEN
    RAISE EXCEPTION 'dynamic_to_json(): KQL''s text for real numbers is not reproduced';
  END IF;
  RETURN j::text;
END $$;
)SQL";
}

}  // namespace kql::sql
