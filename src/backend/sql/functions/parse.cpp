// The parse operator's matcher on PostgreSQL (translate_parse.cpp builds the pattern; the
// SQLite twin kql_parse is in run/sqlite_fn_parse.cpp). No scalar functions: the family only
// carries the pg_temp helpers.
#include "backend/sql/functions/families.h"

namespace kql::sql {

std::span<const SqlFunction> parse_functions() { return {}; }

// kql_parse(text, pattern): the same backtracking walk as the SQLite twin, on code points
// (PostgreSQL's own regular expressions assign capture groups by POSIX rules, not RE2's
// leftmost-first ones, so they are not used). Element kinds: l literal, * lazy skip, s lazy
// capture, S greedy capture, n integer capture (-?[0-9]+, longest first); i, G and m as in
// the SQLite twin; '.' stops at a newline unless the flag element ["f", "s"] is given; no end
// anchor.
std::string_view parse_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_parse_folded(t text, pos int, lit text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  j int;
  c text;
  tc text;
BEGIN
  FOR j IN 1 .. length(lit) LOOP
    c := lower(substr(lit, j, 1));
    tc := substr(t, pos + j - 1, 1);
    IF tc = '' THEN RETURN false; END IF;
    IF ascii(tc) BETWEEN 65 AND 90 THEN tc := chr(ascii(tc) + 32); END IF;
    CONTINUE WHEN tc = c OR (c = 'k' AND tc = U&'\212A') OR (c = 's' AND tc = U&'\017F');
    RETURN false;
  END LOOP;
  RETURN true;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_parse_at(t text, k text[], v text[], i int, pos int, dotall boolean)
RETURNS text[] LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  n int := coalesce(array_length(k, 1), 0);
  len int := length(t);
  lim int;
  e int;
  st int;
  d int;
  r text[];
BEGIN
  IF i > n THEN RETURN ARRAY[]::text[]; END IF;
  IF k[i] = 'l' THEN
    IF substr(t, pos, length(v[i])) = v[i] THEN
      RETURN pg_temp.kql_parse_at(t, k, v, i + 1, pos + length(v[i]), dotall);
    END IF;
    RETURN NULL;
  END IF;
  IF k[i] = 'i' THEN
    IF pg_temp.kql_parse_folded(t, pos, v[i]) THEN
      RETURN pg_temp.kql_parse_at(t, k, v, i + 1, pos + length(v[i]), dotall);
    END IF;
    RETURN NULL;
  END IF;
  lim := CASE WHEN dotall THEN 0 ELSE strpos(substr(t, pos), E'\n') END;
  lim := CASE WHEN lim = 0 THEN len + 1 ELSE pos + lim - 1 END;
  IF k[i] = '*' OR k[i] = 's' THEN
    FOR e IN pos .. lim LOOP
      r := pg_temp.kql_parse_at(t, k, v, i + 1, e, dotall);
      IF r IS NOT NULL THEN
        IF k[i] = '*' THEN RETURN r; END IF;
        RETURN array_prepend(substr(t, pos, e - pos), r);
      END IF;
    END LOOP;
    RETURN NULL;
  ELSIF k[i] = 'S' OR k[i] = 'G' THEN
    FOR e IN REVERSE lim .. pos LOOP
      r := pg_temp.kql_parse_at(t, k, v, i + 1, e, dotall);
      IF r IS NOT NULL THEN
        IF k[i] = 'G' THEN RETURN r; END IF;
        RETURN array_prepend(substr(t, pos, e - pos), r);
      END IF;
    END LOOP;
    RETURN NULL;
  ELSIF k[i] = 'n' OR k[i] = 'm' THEN
    st := pos;
    IF substr(t, pos, 1) = '-' THEN st := pos + 1; END IF;
    d := 0;
    WHILE st + d <= len AND ascii(substr(t, st + d, 1)) BETWEEN 48 AND 57 LOOP d := d + 1; END LOOP;
    IF k[i] = 'n' THEN
      FOR e IN REVERSE st + d .. st + 1 LOOP
        r := pg_temp.kql_parse_at(t, k, v, i + 1, e, dotall);
        IF r IS NOT NULL THEN RETURN array_prepend(substr(t, pos, e - pos), r); END IF;
      END LOOP;
    ELSE
      FOR e IN st + 1 .. st + d LOOP
        r := pg_temp.kql_parse_at(t, k, v, i + 1, e, dotall);
        IF r IS NOT NULL THEN RETURN array_prepend(substr(t, pos, e - pos), r); END IF;
      END LOOP;
    END IF;
    RETURN NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_parse(t text, spec jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT to_jsonb(pg_temp.kql_parse_at(coalesce(t, ''),
     ARRAY(SELECT x.e ->> 0 FROM jsonb_array_elements(spec) WITH ORDINALITY AS x(e, o) WHERE x.e ->> 0 <> 'f' ORDER BY x.o),
     ARRAY(SELECT coalesce(x.e ->> 1, '') FROM jsonb_array_elements(spec) WITH ORDINALITY AS x(e, o) WHERE x.e ->> 0 <> 'f' ORDER BY x.o),
     1, 1,
     EXISTS (SELECT 1 FROM jsonb_array_elements(spec) AS x(e) WHERE x.e ->> 0 = 'f' AND strpos(x.e ->> 1, 's') > 0))) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_kv_space(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT c IN (' ', E'\t', E'\n', E'\r', E'\v', E'\f') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_kv_trim(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT btrim(s, E' \t\n\r\v\f') $$;
-- One field of parse-kv from position pos: (the delimiter found or '' at the end, the field,
-- the position after the delimiter). Same rules as read_field in run/sqlite_fn_parse.cpp.
CREATE OR REPLACE FUNCTION pg_temp.kql_kv_field(t text, pos int, stops text[], spec jsonb,
  OUT delim text, OUT field text, OUT next int) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  len int := length(t);
  p int := pos;
  i int;
  d text;
  q jsonb;
  e jsonb;
  v text;
  quoted text;
  closed boolean;
  esc boolean;
  raw text := '';
  at_stop boolean;
BEGIN
  LOOP
    EXIT WHEN p > len OR NOT pg_temp.kql_kv_space(substr(t, p, 1));
    at_stop := false;
    FOREACH d IN ARRAY stops LOOP
      IF substr(t, p, length(d)) = d THEN at_stop := true; END IF;
    END LOOP;
    EXIT WHEN at_stop;
    p := p + 1;
  END LOOP;
  FOR q IN SELECT x FROM jsonb_array_elements(spec -> 'q') AS x LOOP
    CONTINUE WHEN substr(t, p, length(q ->> 0)) <> (q ->> 0);
    i := p + length(q ->> 0);
    v := '';
    closed := false;
    WHILE i <= len LOOP
      esc := false;
      FOR e IN SELECT x FROM jsonb_array_elements(spec -> 'e') AS x LOOP
        IF substr(t, i, length(e #>> '{}')) = (e #>> '{}') AND i + length(e #>> '{}') <= len THEN
          i := i + length(e #>> '{}');
          esc := true;
          EXIT;
        END IF;
      END LOOP;
      IF NOT esc AND substr(t, i, length(q ->> 1)) = (q ->> 1) THEN
        i := i + length(q ->> 1);
        closed := true;
        EXIT;
      END IF;
      v := v || substr(t, i, 1);
      i := i + 1;
    END LOOP;
    IF closed THEN
      quoted := v;
      p := i;
    END IF;
    EXIT;
  END LOOP;
  WHILE p <= len LOOP
    FOREACH d IN ARRAY stops LOOP
      IF substr(t, p, length(d)) = d THEN
        delim := d;
        field := coalesce(quoted, pg_temp.kql_kv_trim(raw));
        next := p + length(d);
        RETURN;
      END IF;
    END LOOP;
    raw := raw || substr(t, p, 1);
    p := p + 1;
  END LOOP;
  delim := '';
  field := coalesce(quoted, pg_temp.kql_kv_trim(raw));
  next := len + 2;
END $$;
-- kql_parse_kv(text, spec): the values of spec's keys as a jsonb array (null where missing).
CREATE OR REPLACE FUNCTION pg_temp.kql_parse_kv(t text, spec jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  s text := coalesce(t, '');
  pos int := 1;
  keys text[] := ARRAY(SELECT x FROM jsonb_array_elements_text(spec -> 'keys') WITH ORDINALITY AS y(x, o) ORDER BY o);
  vals text[] := array_fill(NULL::text, ARRAY[coalesce(array_length(keys, 1), 0)]);
  k record;
  v record;
  n int;
BEGIN
  WHILE pos <= length(s) + 1 LOOP
    SELECT * INTO k FROM pg_temp.kql_kv_field(s, pos, ARRAY[spec ->> 'k', spec ->> 'p'], spec);
    pos := k.next;
    CONTINUE WHEN k.delim IS DISTINCT FROM (spec ->> 'k');
    SELECT * INTO v FROM pg_temp.kql_kv_field(s, pos, ARRAY[spec ->> 'p'], spec);
    pos := v.next;
    FOR n IN 1 .. coalesce(array_length(keys, 1), 0) LOOP
      IF keys[n] = k.field AND vals[n] IS NULL THEN vals[n] := v.field; END IF;
    END LOOP;
  END LOOP;
  RETURN (SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY o), '[]'::jsonb) FROM unnest(vals) WITH ORDINALITY AS y(x, o));
END $$;
)SQL";
}

}  // namespace kql::sql
