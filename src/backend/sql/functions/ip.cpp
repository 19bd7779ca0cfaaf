// Function family 'ip' (see families.h): IPv4/IPv6 parsing, formatting, comparison, ranges,
// private networks and IPv4 text search (has_ipv4 and friends).
//
// Every call goes to a kql_ip* helper that reads the address text strictly; the rules (what is a
// clear address, what is a failed conversion, which forms raise an error because Kusto's reading
// of them is not documented) are written down at the top of run/sqlite_fn_ip.cpp, the SQLite
// twin of the PostgreSQL functions below. Several IPv4 arguments of has_any_ipv4(_prefix) and
// ipv4/ipv6_is_in_any_range arrive packed into one dynamic array.
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

std::optional<std::string> text(FunctionCall& f, size_t i) {
  auto s = f.str_arg(i);
  if (!s) return std::nullopt;
  return s->sql;
}

// An optional prefix argument (a long), or `dflt` when it is absent.
std::optional<std::string> prefix(FunctionCall& f, size_t i, int dflt) {
  if (i >= f.n()) return std::to_string(dflt);
  KType t = f.a[i].type;
  if (!is_integral(t) && t != KType::Unknown) {
    f.type_err(i, "an integer prefix");
    return std::nullopt;
  }
  return f.d().cast(f.a[i].sql, KType::Long);
}

// Arguments from..n-1 as one dynamic array of strings (one dynamic argument is passed as is).
std::optional<std::string> packed(FunctionCall& f, size_t from) {
  if (f.n() == from + 1 && f.a[from].type == KType::Dynamic) return f.a[from].sql;
  std::string items;
  for (size_t i = from; i < f.n(); ++i) {
    if (f.a[i].type == KType::Dynamic) {
      f.unsupported("a dynamic array mixed with other arguments is not translated");
      return std::nullopt;
    }
    auto s = text(f, i);
    if (!s) return std::nullopt;
    items += (i > from ? ", " : "") + *s;
  }
  return (f.postgres() ? "jsonb_build_array(" : "json_array(") + items + ")";
}

std::optional<SqlExpr> parse_v4(FunctionCall& f) {
  bool mask = f.name() == "parse_ipv4_mask";
  if (!f.nargs(mask ? 2 : 1, mask ? 2 : 1)) return std::nullopt;
  auto s = text(f, 0);
  auto p = prefix(f, 1, 32);
  if (!s || !p) return std::nullopt;
  return SqlExpr{f.helper("kql_ipv4_parse", {*s, *p}), KType::Long};
}

std::optional<SqlExpr> format_v4(FunctionCall& f) {
  if (!f.nargs(1, 2)) return std::nullopt;
  std::string s = f.d().typed_null(KType::String), n = f.d().typed_null(KType::Long);
  if (is_integral(f.a[0].type)) {
    n = f.d().cast(f.a[0].sql, KType::Long);
  } else if (f.a[0].type == KType::String) {
    s = f.a[0].sql;
  } else {
    return f.type_err(0, "a string or a long");
  }
  auto p = prefix(f, 1, 32);
  if (!p) return std::nullopt;
  std::string mask = f.d().bool_literal(f.name() == "format_ipv4_mask");
  return SqlExpr{f.helper("kql_ipv4_format", {s, n, *p, mask}), KType::String};
}

std::optional<SqlExpr> compare(FunctionCall& f) {
  if (!f.nargs(2, 3)) return std::nullopt;
  bool v6 = f.name().starts_with("ipv6");
  auto a = text(f, 0), b = text(f, 1);
  auto p = prefix(f, 2, v6 ? 128 : 32);
  if (!a || !b || !p) return std::nullopt;
  std::string c = f.helper(v6 ? "kql_ipv6_compare" : "kql_ipv4_compare", {*a, *b, *p});
  if (f.name().ends_with("_is_match")) return SqlExpr{"(" + c + " = 0)", KType::Bool};
  return SqlExpr{c, KType::Long};
}

std::optional<SqlExpr> in_range(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  bool v6 = f.name().starts_with("ipv6");
  auto a = text(f, 0), b = text(f, 1);
  if (!a || !b) return std::nullopt;
  return SqlExpr{f.helper(v6 ? "kql_ipv6_in_range" : "kql_ipv4_in_range", {*a, *b}), KType::Bool};
}

std::optional<SqlExpr> in_any_range(FunctionCall& f) {
  if (f.n() < 2) return f.unsupported("expects an address and at least one range");
  bool v6 = f.name().starts_with("ipv6");
  auto a = text(f, 0);
  auto r = packed(f, 1);
  if (!a || !r) return std::nullopt;
  return SqlExpr{f.helper(v6 ? "kql_ipv6_in_any_range" : "kql_ipv4_in_any_range", {*a, *r}),
                 KType::Bool};
}

std::optional<SqlExpr> one_v4(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto a = text(f, 0);
  if (!a) return std::nullopt;
  if (f.name() == "ipv4_is_private")
    return SqlExpr{f.helper("kql_ipv4_is_private", {*a}), KType::Bool};
  return SqlExpr{f.helper("kql_ipv4_netmask_suffix", {*a}), KType::Long};
}

std::optional<SqlExpr> parse_v6(FunctionCall& f) {
  bool mask = f.name() == "parse_ipv6_mask";
  if (!f.nargs(mask ? 2 : 1, mask ? 2 : 1)) return std::nullopt;
  auto s = text(f, 0);
  auto p = prefix(f, 1, 128);
  if (!s || !p) return std::nullopt;
  return SqlExpr{f.helper("kql_ipv6_parse", {*s, *p}), KType::String};
}

std::optional<SqlExpr> has_v4(FunctionCall& f) {
  bool any = f.name().starts_with("has_any");
  if (any ? f.n() < 2 : !f.nargs(2, 2))
    return any ? f.unsupported("expects a text and at least one address") : std::nullopt;
  auto src = text(f, 0);
  auto needles = packed(f, 1);
  if (!src || !needles) return std::nullopt;
  std::string pfx = f.d().bool_literal(f.name().ends_with("_prefix"));
  return SqlExpr{f.helper("kql_has_ipv4", {*src, *needles, pfx}), KType::Bool};
}

}  // namespace

std::span<const SqlFunction> ip_functions() {
  static const SqlFunction kFunctions[] = {
      {"parse_ipv4", parse_v4},       {"parse_ipv4_mask", parse_v4},
      {"format_ipv4", format_v4},     {"format_ipv4_mask", format_v4},
      {"ipv4_compare", compare},      {"ipv4_is_match", compare},
      {"ipv4_is_in_range", in_range}, {"ipv4_is_in_any_range", in_any_range},
      {"ipv4_is_private", one_v4},    {"ipv4_netmask_suffix", one_v4},
      {"parse_ipv6", parse_v6},       {"parse_ipv6_mask", parse_v6},
      {"ipv6_compare", compare},      {"ipv6_is_match", compare},
      {"ipv6_is_in_range", in_range}, {"ipv6_is_in_any_range", in_any_range},
      {"has_ipv4", has_v4},           {"has_ipv4_prefix", has_v4},
      {"has_any_ipv4", has_v4},       {"has_any_ipv4_prefix", has_v4},
  };
  return kFunctions;
}

// The PostgreSQL twins of run/sqlite_fn_ip.cpp, statement for statement. An IPv4 address is
// {value, prefix, has_prefix} as bigint[]; an IPv6 address is {128 bits as '0'/'1' text,
// prefix, has_prefix} as text[].
std::string_view ip_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_undoc(what text, s text) RETURNS void LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  RAISE EXCEPTION 'kql: % (''%''): Kusto''s result for this form is not documented', what, s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_numeric_like(s text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT btrim(s, E' \t\r\n') ~ '^[0-9./]*[0-9][0-9./]*$' $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip4_mask(p int) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN p = 0 THEN 0::bigint ELSE (4294967295::bigint >> (32 - p)) << (32 - p) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_quad(s text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE v bigint := 0; lz boolean := false; p text; BEGIN
  IF s !~ '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$' THEN RETURN -1; END IF;
  FOREACH p IN ARRAY string_to_array(s, '.') LOOP
    IF length(p) > 3 THEN RETURN -2; END IF;
    IF p::int > 255 THEN RETURN -2; END IF;
    IF length(p) > 1 AND left(p, 1) = '0' THEN lz := true; END IF;
    v := v * 256 + p::int;
  END LOOP;
  IF lz THEN PERFORM pg_temp.kql_ip_undoc('an IPv4 part with a leading zero', s); END IF;
  RETURN v;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_prefix_check(p text, mx int, whole text) RETURNS int LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF length(p) > 1 AND left(p, 1) = '0' THEN PERFORM pg_temp.kql_ip_undoc('a prefix with a leading zero', whole); END IF;
  IF length(p) > 3 THEN PERFORM pg_temp.kql_ip_undoc('a prefix out of range', whole); END IF;
  IF p::int > mx THEN PERFORM pg_temp.kql_ip_undoc('a prefix out of range', whole); END IF;
  RETURN p::int;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_port_check(s text) RETURNS void LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF s ~ '^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+:[0-9]+$' THEN
    PERFORM pg_temp.kql_ip_undoc('an IPv4 address with a port', s);
  END IF;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip4(s text) RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE slash int; q bigint; suf text; BEGIN
  s := coalesce(s, '');
  PERFORM pg_temp.kql_ip_port_check(s);
  slash := position('/' in s);
  q := pg_temp.kql_ip_quad(CASE WHEN slash = 0 THEN s ELSE left(s, slash - 1) END);
  IF q = -1 THEN
    IF pg_temp.kql_ip_numeric_like(s) THEN
      PERFORM pg_temp.kql_ip_undoc('IPv4 text that is not four decimal parts', s);
    END IF;
    RETURN NULL;
  END IF;
  IF q = -2 THEN RETURN NULL; END IF;
  IF slash = 0 THEN RETURN ARRAY[q, 32, 0]; END IF;
  suf := substr(s, slash + 1);
  IF suf !~ '^[0-9]+$' THEN
    IF pg_temp.kql_ip_numeric_like(s) THEN
      PERFORM pg_temp.kql_ip_undoc('IPv4 text with this prefix', s);
    END IF;
    RETURN NULL;
  END IF;
  RETURN ARRAY[q, pg_temp.kql_ip_prefix_check(suf, 32, s), 1];
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip6(s text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE slash int; addr text; v4 bigint[]; pfx int := 128; hasp boolean := false; suf text;
  dbl int; head text[] := '{}'; tail text[] := '{}'; hw int[] := '{}'; tw int[] := '{}';
  words int[]; dotted boolean := false; g text; i int; q bigint; bits text := ''; zero80 boolean;
  tail_last boolean;
BEGIN
  s := coalesce(s, '');
  PERFORM pg_temp.kql_ip_port_check(s);
  slash := position('/' in s);
  addr := CASE WHEN slash = 0 THEN s ELSE left(s, slash - 1) END;
  IF position(':' in addr) = 0 THEN
    v4 := pg_temp.kql_ip4(s);
    IF v4 IS NULL THEN RETURN NULL; END IF;
    RETURN ARRAY[repeat('0', 80) || repeat('1', 16) || v4[1]::bit(32)::text, (96 + v4[2])::text,
                 v4[3]::text];
  END IF;
  IF translate(s, E'%[] \t\r\n', '') <> s THEN
    PERFORM pg_temp.kql_ip_undoc('IPv6 text with a zone, brackets or white space', s);
  END IF;
  IF slash > 0 THEN
    suf := substr(s, slash + 1);
    IF suf !~ '^[0-9]+$' THEN RETURN NULL; END IF;
    pfx := pg_temp.kql_ip_prefix_check(suf, 128, s);
    hasp := true;
  END IF;
  dbl := position('::' in addr);
  IF dbl > 0 AND position('::' in substr(addr, dbl + 1)) > 0 THEN RETURN NULL; END IF;
  IF dbl = 0 THEN
    head := string_to_array(addr, ':');
  ELSE
    IF dbl > 1 THEN head := string_to_array(left(addr, dbl - 1), ':'); END IF;
    IF dbl + 1 < length(addr) THEN tail := string_to_array(substr(addr, dbl + 2), ':'); END IF;
  END IF;
  tail_last := cardinality(tail) > 0;
  FOR i IN 1 .. cardinality(head) LOOP
    g := head[i];
    IF NOT tail_last AND dbl = 0 AND i = cardinality(head) AND position('.' in g) > 0 THEN
      q := pg_temp.kql_ip_quad(g);
      IF q < 0 THEN RETURN NULL; END IF;
      hw := hw || (q >> 16)::int || (q & 65535)::int;
      dotted := true;
      CONTINUE;
    END IF;
    IF g !~ '^[0-9A-Fa-f]{1,4}$' THEN RETURN NULL; END IF;
    hw := hw || ('x' || lpad(g, 8, '0'))::bit(32)::int;
  END LOOP;
  FOR i IN 1 .. cardinality(tail) LOOP
    g := tail[i];
    IF i = cardinality(tail) AND position('.' in g) > 0 THEN
      q := pg_temp.kql_ip_quad(g);
      IF q < 0 THEN RETURN NULL; END IF;
      tw := tw || (q >> 16)::int || (q & 65535)::int;
      dotted := true;
      CONTINUE;
    END IF;
    IF g !~ '^[0-9A-Fa-f]{1,4}$' THEN RETURN NULL; END IF;
    tw := tw || ('x' || lpad(g, 8, '0'))::bit(32)::int;
  END LOOP;
  IF (dbl = 0 AND cardinality(hw) + cardinality(tw) <> 8)
     OR (dbl > 0 AND cardinality(hw) + cardinality(tw) > 7) THEN
    RETURN NULL;
  END IF;
  words := hw || array_fill(0, ARRAY[8 - cardinality(hw) - cardinality(tw)]) || tw;
  zero80 := words[1] = 0 AND words[2] = 0 AND words[3] = 0 AND words[4] = 0 AND words[5] = 0;
  IF dotted THEN
    IF zero80 AND (words[6] = 0 OR words[6] = 65535) THEN
      words[6] := 65535;
      IF hasp THEN
        IF pfx > 32 THEN
          PERFORM pg_temp.kql_ip_undoc('a prefix over 32 on IPv6 text ending in IPv4', s);
        END IF;
        pfx := pfx + 96;
      END IF;
    ELSIF hasp THEN
      PERFORM pg_temp.kql_ip_undoc('a prefix on IPv6 text ending in IPv4', s);
    END IF;
  ELSIF hasp AND pfx <= 32 AND zero80 AND words[6] = 65535 THEN
    PERFORM pg_temp.kql_ip_undoc('a prefix up to 32 on an IPv4-mapped IPv6 address', s);
  END IF;
  FOR i IN 1 .. 8 LOOP bits := bits || words[i]::bit(16)::text; END LOOP;
  RETURN ARRAY[bits, pfx::text, CASE WHEN hasp THEN '1' ELSE '0' END];
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip6_masked(b text, p int) RETURNS bit(128) LANGUAGE sql IMMUTABLE AS
$$ SELECT b::bit(128) & (repeat('1', p) || repeat('0', 128 - p))::bit(128) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_prefix_arg(p bigint, mx int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF p < 0 OR p > mx THEN PERFORM pg_temp.kql_ip_undoc('a prefix argument out of range', p::text); END IF;
  RETURN p::int;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_strings(j jsonb, what text) RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE res text[] := '{}'; e jsonb; BEGIN
  IF j IS NULL OR jsonb_typeof(j) <> 'array' THEN
    PERFORM pg_temp.kql_ip_undoc(what, coalesce(j::text, 'null'));
  END IF;
  FOR e IN SELECT value FROM jsonb_array_elements(j) LOOP
    IF jsonb_typeof(e) <> 'string' THEN PERFORM pg_temp.kql_ip_undoc(what, e::text); END IF;
    res := res || (e #>> '{}');
  END LOOP;
  RETURN res;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_parse(s text, p bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE pp int := pg_temp.kql_ip_prefix_arg(p, 32); ip bigint[] := pg_temp.kql_ip4(s); BEGIN
  IF ip IS NULL OR pp IS NULL THEN RETURN NULL; END IF;
  RETURN ip[1] & pg_temp.kql_ip4_mask(least(pp, ip[2]::int));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_format(s text, n bigint, p bigint, with_mask boolean) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE ip bigint[]; pp int; v bigint; BEGIN
  IF s IS NOT NULL THEN
    ip := pg_temp.kql_ip4(s);
  ELSIF n IS NOT NULL THEN
    IF n < 0 OR n > 4294967295 THEN PERFORM pg_temp.kql_ip_undoc('a number outside 0..2^32-1', n::text); END IF;
    ip := ARRAY[n, 32, 0];
  END IF;
  IF p > 32 THEN PERFORM pg_temp.kql_ip_undoc('a prefix argument over 32', p::text); END IF;
  IF ip IS NULL OR p IS NULL OR p < 0 THEN RETURN ''; END IF;
  pp := least(p::int, ip[2]::int);
  v := ip[1] & pg_temp.kql_ip4_mask(pp);
  RETURN (v >> 24)::text || '.' || ((v >> 16) & 255)::text || '.' || ((v >> 8) & 255)::text || '.'
         || (v & 255)::text || CASE WHEN with_mask THEN '/' || pp::text ELSE '' END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_compare(a text, b text, p bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE pp int := pg_temp.kql_ip_prefix_arg(p, 32); x bigint[] := pg_temp.kql_ip4(a);
  y bigint[] := pg_temp.kql_ip4(b); m bigint; BEGIN
  IF x IS NULL OR y IS NULL OR pp IS NULL THEN RETURN NULL; END IF;
  m := pg_temp.kql_ip4_mask(least(pp, x[2]::int, y[2]::int));
  RETURN sign((x[1] & m) - (y[1] & m));
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip4_in_range(ip bigint[], ip_text text, r bigint[]) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m bigint := pg_temp.kql_ip4_mask(r[2]::int); BEGIN
  IF ip[3] = 1 AND ip[2] <> 32 THEN
    PERFORM pg_temp.kql_ip_undoc('an address with a prefix tested against a range', ip_text);
  END IF;
  RETURN (ip[1] & m) = (r[1] & m);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_in_range(a text, b text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE x bigint[] := pg_temp.kql_ip4(a); y bigint[] := pg_temp.kql_ip4(b); BEGIN
  IF x IS NULL OR y IS NULL THEN RETURN NULL; END IF;
  RETURN pg_temp.kql_ip4_in_range(x, coalesce(a, ''), y);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_in_any_range(a text, ranges jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE rs text[] := pg_temp.kql_ip_strings(ranges, 'ranges that are not an array of strings');
  x bigint[] := pg_temp.kql_ip4(a); y bigint[]; r text; hit boolean := false; BEGIN
  IF x IS NULL THEN RETURN NULL; END IF;
  FOREACH r IN ARRAY rs LOOP
    y := pg_temp.kql_ip4(r);
    IF y IS NULL THEN PERFORM pg_temp.kql_ip_undoc('an invalid range among the ranges', r); END IF;
    hit := pg_temp.kql_ip4_in_range(x, coalesce(a, ''), y) OR hit;
  END LOOP;
  RETURN hit;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_is_private(a text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE x bigint[] := pg_temp.kql_ip4(a); base bigint; lst bigint; blk bigint[];
  inside boolean := false; overlap boolean := false; bl bigint; BEGIN
  IF x IS NULL THEN RETURN NULL; END IF;
  base := x[1] & pg_temp.kql_ip4_mask(x[2]::int);
  lst := base | (4294967295 - pg_temp.kql_ip4_mask(x[2]::int));
  FOREACH blk SLICE 1 IN ARRAY ARRAY[[167772160, 8], [2886729728, 12], [3232235520, 16]]::bigint[] LOOP
    bl := blk[1] | (4294967295 - pg_temp.kql_ip4_mask(blk[2]::int));
    IF base >= blk[1] AND lst <= bl THEN inside := true; END IF;
    IF base <= bl AND lst >= blk[1] THEN overlap := true; END IF;
  END LOOP;
  IF overlap AND NOT inside THEN
    PERFORM pg_temp.kql_ip_undoc('a network straddling a private range', coalesce(a, ''));
  END IF;
  RETURN inside;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv4_netmask_suffix(a text) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT (pg_temp.kql_ip4(a))[2] $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv6_parse(s text, p bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE pp int := pg_temp.kql_ip_prefix_arg(p, 128); ip text[] := pg_temp.kql_ip6(s); b bit(128); BEGIN
  IF ip IS NULL OR pp IS NULL THEN RETURN ''; END IF;
  b := pg_temp.kql_ip6_masked(ip[1], least(pp, ip[2]::int));
  RETURN (SELECT string_agg(lpad(to_hex(substring(b from i * 16 + 1 for 16)::bit(16)::int), 4, '0'), ':' ORDER BY i)
          FROM generate_series(0, 7) AS i);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv6_compare(a text, b text, p bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE pp int := pg_temp.kql_ip_prefix_arg(p, 128); x text[] := pg_temp.kql_ip6(a);
  y text[] := pg_temp.kql_ip6(b); m int; bx bit(128); by_ bit(128); BEGIN
  IF x IS NULL OR y IS NULL OR pp IS NULL THEN RETURN NULL; END IF;
  m := least(pp, x[2]::int, y[2]::int);
  bx := pg_temp.kql_ip6_masked(x[1], m);
  by_ := pg_temp.kql_ip6_masked(y[1], m);
  RETURN CASE WHEN bx < by_ THEN -1 WHEN bx > by_ THEN 1 ELSE 0 END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip6_in_range(ip text[], ip_text text, r text[]) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF ip[3] = '1' AND ip[2] <> '128' THEN
    PERFORM pg_temp.kql_ip_undoc('an address with a prefix tested against a range', ip_text);
  END IF;
  RETURN pg_temp.kql_ip6_masked(ip[1], r[2]::int) = pg_temp.kql_ip6_masked(r[1], r[2]::int);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv6_in_range(a text, b text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE x text[] := pg_temp.kql_ip6(a); y text[] := pg_temp.kql_ip6(b); BEGIN
  IF x IS NULL OR y IS NULL THEN RETURN NULL; END IF;
  RETURN pg_temp.kql_ip6_in_range(x, coalesce(a, ''), y);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ipv6_in_any_range(a text, ranges jsonb) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE rs text[] := pg_temp.kql_ip_strings(ranges, 'ranges that are not an array of strings');
  x text[] := pg_temp.kql_ip6(a); y text[]; r text; hit boolean := false; BEGIN
  IF x IS NULL THEN RETURN NULL; END IF;
  FOREACH r IN ARRAY rs LOOP
    y := pg_temp.kql_ip6(r);
    IF y IS NULL THEN PERFORM pg_temp.kql_ip_undoc('an invalid range among the ranges', r); END IF;
    hit := pg_temp.kql_ip6_in_range(x, coalesce(a, ''), y) OR hit;
  END LOOP;
  RETURN hit;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip4_needle(s text, pfx boolean) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE parts text[] := string_to_array(s, '.'); is_full boolean; shape boolean; n int; i int;
  lz boolean := false; BEGIN
  is_full := cardinality(parts) = 4 AND parts[4] <> '';
  shape := is_full OR (pfx AND cardinality(parts) BETWEEN 2 AND 4 AND parts[cardinality(parts)] = '');
  n := CASE WHEN is_full THEN 4 ELSE cardinality(parts) - 1 END;
  IF shape THEN
    FOR i IN 1 .. n LOOP
      IF parts[i] !~ '^[0-9]+$' THEN shape := false; END IF;
    END LOOP;
  END IF;
  IF NOT shape THEN
    IF translate(s, E' \t\r\n/', '') <> s THEN
      PERFORM pg_temp.kql_ip_undoc('an address with white space or a prefix', s);
    END IF;
    RETURN NULL;
  END IF;
  FOR i IN 1 .. n LOOP
    IF length(parts[i]) > 3 THEN RETURN NULL; END IF;
    IF length(parts[i]) > 1 AND left(parts[i], 1) = '0' THEN lz := true; END IF;
    IF parts[i]::int > 255 THEN RETURN NULL; END IF;
  END LOOP;
  IF lz THEN PERFORM pg_temp.kql_ip_undoc('an IPv4 part with a leading zero', s); END IF;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ip_neighbour(c text) RETURNS int LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN c IS NULL OR c = '' THEN 0 WHEN c ~ '^[A-Za-z]$' THEN 1
               WHEN c = '_' OR ascii(c) > 127 THEN 2 ELSE 0 END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_has_ipv4(src text, needles jsonb, pfx boolean) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE ns text[] := '{}'; x text; n int; i int := 1; j int; parts text[]; bef int; aft int;
  w int; k int; ok boolean; lz boolean; v bigint; addr text; undecided boolean := false; ch text[]; BEGIN
  FOREACH x IN ARRAY pg_temp.kql_ip_strings(needles, 'addresses that are not an array of strings') LOOP
    x := pg_temp.kql_ip4_needle(x, pfx);
    IF x IS NOT NULL THEN ns := ns || x; END IF;
  END LOOP;
  src := coalesce(src, '');
  IF cardinality(ns) = 0 OR src !~ '[0-9]\.[0-9]' THEN RETURN false; END IF;
  ch := string_to_array(src, NULL);
  n := cardinality(ch);
  WHILE i <= n LOOP
    IF ch[i] !~ '[0-9.]' THEN i := i + 1; CONTINUE; END IF;
    j := i;
    WHILE j <= n AND ch[j] ~ '[0-9.]' LOOP j := j + 1; END LOOP;
    parts := string_to_array(array_to_string(ch[i:j - 1], ''), '.');
    bef := pg_temp.kql_ip_neighbour(CASE WHEN i > 1 THEN ch[i - 1] END);
    aft := pg_temp.kql_ip_neighbour(CASE WHEN j <= n THEN ch[j] END);
    FOR w IN 1 .. cardinality(parts) - 3 LOOP
      CONTINUE WHEN (w = 1 AND bef = 1) OR (w + 3 = cardinality(parts) AND aft = 1);
      ok := true; lz := false; v := 0;
      FOR k IN w .. w + 3 LOOP
        IF parts[k] !~ '^[0-9]{1,3}$' THEN
          ok := false;
        ELSE
          IF length(parts[k]) > 1 AND left(parts[k], 1) = '0' THEN lz := true; END IF;
          IF parts[k]::int > 255 THEN ok := false; ELSE v := v * 256 + parts[k]::int; END IF;
        END IF;
      END LOOP;
      CONTINUE WHEN NOT ok;
      addr := (v >> 24)::text || '.' || ((v >> 16) & 255)::text || '.' || ((v >> 8) & 255)::text
              || '.' || (v & 255)::text;
      CONTINUE WHEN NOT EXISTS (SELECT 1 FROM unnest(ns) AS nd
                                WHERE CASE WHEN right(nd, 1) = '.' THEN left(addr, length(nd)) = nd
                                           ELSE addr = nd END);
      IF w = 1 AND w + 3 = cardinality(parts) AND NOT lz AND bef = 0 AND aft = 0 THEN RETURN true; END IF;
      undecided := true;
    END LOOP;
    i := j;
  END LOOP;
  IF undecided THEN
    PERFORM pg_temp.kql_ip_undoc('an address in the text that is not clearly delimited', src);
  END IF;
  RETURN false;
END $$;
)SQL";
}

}  // namespace kql::sql
