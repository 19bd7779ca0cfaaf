// The parse operator's matcher on PostgreSQL (translate_parse.cpp builds the pattern; the
// SQLite twin kql_parse is in run/sqlite_fn_parse.cpp). No scalar functions: the family only
// carries the pg_temp helpers.
#include "backend/sql/functions/families.h"

namespace kql::sql {

std::span<const SqlFunction> parse_functions() { return {}; }

// kql_parse(text, pattern): the same backtracking walk as the SQLite twin, on code points
// (PostgreSQL's own regular expressions assign capture groups by POSIX rules, not RE2's
// leftmost-first ones, so they are not used). Element kinds: l literal, * lazy skip, s lazy
// capture, S greedy capture, n integer capture (-?[0-9]+, longest first); '.' stops at a
// newline; no end anchor.
std::string_view parse_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_parse_at(t text, k text[], v text[], i int, pos int) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE AS $$
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
      RETURN pg_temp.kql_parse_at(t, k, v, i + 1, pos + length(v[i]));
    END IF;
    RETURN NULL;
  END IF;
  lim := strpos(substr(t, pos), E'\n');
  lim := CASE WHEN lim = 0 THEN len + 1 ELSE pos + lim - 1 END;
  IF k[i] = '*' OR k[i] = 's' THEN
    FOR e IN pos .. lim LOOP
      r := pg_temp.kql_parse_at(t, k, v, i + 1, e);
      IF r IS NOT NULL THEN
        IF k[i] = '*' THEN RETURN r; END IF;
        RETURN array_prepend(substr(t, pos, e - pos), r);
      END IF;
    END LOOP;
    RETURN NULL;
  ELSIF k[i] = 'S' THEN
    FOR e IN REVERSE lim .. pos LOOP
      r := pg_temp.kql_parse_at(t, k, v, i + 1, e);
      IF r IS NOT NULL THEN RETURN array_prepend(substr(t, pos, e - pos), r); END IF;
    END LOOP;
    RETURN NULL;
  ELSIF k[i] = 'n' THEN
    st := pos;
    IF substr(t, pos, 1) = '-' THEN st := pos + 1; END IF;
    d := 0;
    WHILE st + d <= len AND ascii(substr(t, st + d, 1)) BETWEEN 48 AND 57 LOOP d := d + 1; END LOOP;
    FOR e IN REVERSE st + d .. st + 1 LOOP
      r := pg_temp.kql_parse_at(t, k, v, i + 1, e);
      IF r IS NOT NULL THEN RETURN array_prepend(substr(t, pos, e - pos), r); END IF;
    END LOOP;
    RETURN NULL;
  END IF;
  RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_parse(t text, spec jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT to_jsonb(pg_temp.kql_parse_at(coalesce(t, ''),
     ARRAY(SELECT x.e ->> 0 FROM jsonb_array_elements(spec) WITH ORDINALITY AS x(e, o) ORDER BY x.o),
     ARRAY(SELECT coalesce(x.e ->> 1, '') FROM jsonb_array_elements(spec) WITH ORDINALITY AS x(e, o) ORDER BY x.o),
     1, 1)) $$;
)SQL";
}

}  // namespace kql::sql
