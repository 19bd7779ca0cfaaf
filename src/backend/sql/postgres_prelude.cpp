// The PostgreSQL side of the kql_* helper functions (the SQLite side is run/sqlite_functions).
// Each is created in pg_temp, so a translated script runs on a stock server and leaves nothing
// behind. Both sides must agree; tests/sql runs the same queries on both and compares.
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "backend/sql/dialect.h"
#include "backend/sql/functions/families.h"

namespace kql::sql {

std::string postgres_prelude() {
  std::string out = R"SQL(SET TIME ZONE 'UTC';
-- Fail the query where KQL raises an error (typed for the expression they stand in).
CREATE OR REPLACE FUNCTION pg_temp.kql_fail_long(msg text) RETURNS bigint LANGUAGE plpgsql VOLATILE AS
$$ BEGIN RAISE EXCEPTION '%', msg; END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_fail_real(msg text) RETURNS double precision LANGUAGE plpgsql VOLATILE AS
$$ BEGIN RAISE EXCEPTION '%', msg; END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_fail_bool(msg text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS
$$ BEGIN RAISE EXCEPTION '%', msg; END $$;
-- Case mapping follows the server's LC_CTYPE: with the C ctype PostgreSQL leaves every
-- non-ASCII letter as it is, and KQL's case-insensitive operators would silently stop matching
-- "É" against "é". Such a server fails the query instead (a constant test PostgreSQL folds).
-- Letters of cased scripts beyond the ones SQLite's twin maps (run/text_fold.cpp, the same
-- list of blocks) fail the query on both engines.
CREATE OR REPLACE FUNCTION pg_temp.kql_upper(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN s ~ '[\u0180-\u02AF\u0370-\u0390\u03AA-\u03B0\u03CA-\u03FF\u0460-\u052F\u0530-\u058F\u10A0-\u10FF\u13A0-\u13FF\u1C80-\u1CBF\u1E00-\u1FFF\u2160-\u218F\u24B6-\u24E9\u2C00-\u2D2F\uA640-\uA69F\uA720-\uA7FF\uAB70-\uABBF\uFF21-\uFF5A\U00010400-\U000104FF\U00010C80-\U00010CFF\U000118A0-\U000118FF\U00016E40-\U00016E9F\U0001E900-\U0001E95F]' THEN CAST(pg_temp.kql_fail_long(
     'case mapping of letters outside ASCII, Latin-1, Latin Extended-A and the basic Greek and Cyrillic alphabets is not reproduced') AS text)
     WHEN upper('éжα') = 'ÉЖΑ' THEN upper(s) ELSE CAST(pg_temp.kql_fail_long(
     'this PostgreSQL server''s LC_CTYPE does not map the case of non-ASCII letters; KQL''s case-insensitive operators need a UTF-8 ctype') AS text) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_lower(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN s ~ '[\u0180-\u02AF\u0370-\u0390\u03AA-\u03B0\u03CA-\u03FF\u0460-\u052F\u0530-\u058F\u10A0-\u10FF\u13A0-\u13FF\u1C80-\u1CBF\u1E00-\u1FFF\u2160-\u218F\u24B6-\u24E9\u2C00-\u2D2F\uA640-\uA69F\uA720-\uA7FF\uAB70-\uABBF\uFF21-\uFF5A\U00010400-\U000104FF\U00010C80-\U00010CFF\U000118A0-\U000118FF\U00016E40-\U00016E9F\U0001E900-\U0001E95F]' THEN CAST(pg_temp.kql_fail_long(
     'case mapping of letters outside ASCII, Latin-1, Latin Extended-A and the basic Greek and Cyrillic alphabets is not reproduced') AS text)
     WHEN lower('ÉЖΑ') = 'éжα' THEN lower(s) ELSE CAST(pg_temp.kql_fail_long(
     'this PostgreSQL server''s LC_CTYPE does not map the case of non-ASCII letters; tolower() needs a UTF-8 ctype') AS text) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_contains(h text, n text, cs int) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN cs = 1 THEN strpos(coalesce(h,''), coalesce(n,'')) > 0
          ELSE strpos(pg_temp.kql_upper(coalesce(h,'')), pg_temp.kql_upper(coalesce(n,''))) > 0 END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_startswith(h text, n text, cs int) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN cs = 1 THEN starts_with(coalesce(h,''), coalesce(n,''))
          ELSE starts_with(pg_temp.kql_upper(coalesce(h,'')), pg_temp.kql_upper(coalesce(n,''))) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_endswith(h text, n text, cs int) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN cs = 1 THEN right(coalesce(h,''), char_length(coalesce(n,''))) = coalesce(n,'')
          ELSE pg_temp.kql_upper(right(coalesce(h,''), char_length(coalesce(n,'')))) = pg_temp.kql_upper(coalesce(n,'')) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_eq_ci(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_upper(coalesce(a,'')) = pg_temp.kql_upper(coalesce(b,'')) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_re_escape(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT regexp_replace(s, '([.^$*+?()\[\]{}|\\/-])', '\\\1', 'g') $$;
-- Term matching: a match counts only where it does not extend a longer term (letters, digits,
-- any non-ASCII character), exactly as run/text_fold.cpp decides.
CREATE OR REPLACE FUNCTION pg_temp.kql_has(h text, n text, cs int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE p text; BEGIN
  IF coalesce(n,'') = '' THEN RETURN true; END IF;
  IF cs <> 1 THEN h := pg_temp.kql_upper(h); n := pg_temp.kql_upper(n); END IF;
  p := (CASE WHEN n ~ '^[0-9A-Za-z\u0080-\uffff]' THEN '(^|[^0-9A-Za-z\u0080-\uffff])' ELSE '' END)
       || pg_temp.kql_re_escape(n)
       || (CASE WHEN n ~ '[0-9A-Za-z\u0080-\uffff]$' THEN '($|[^0-9A-Za-z\u0080-\uffff])' ELSE '' END);
  RETURN coalesce(h,'') ~ p;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_hasprefix(h text, n text, cs int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE p text; BEGIN
  IF coalesce(n,'') = '' THEN RETURN true; END IF;
  IF cs <> 1 THEN h := pg_temp.kql_upper(h); n := pg_temp.kql_upper(n); END IF;
  p := (CASE WHEN n ~ '^[0-9A-Za-z\u0080-\uffff]' THEN '(^|[^0-9A-Za-z\u0080-\uffff])' ELSE '' END)
       || pg_temp.kql_re_escape(n);
  RETURN coalesce(h,'') ~ p;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_hassuffix(h text, n text, cs int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE p text; BEGIN
  IF coalesce(n,'') = '' THEN RETURN true; END IF;
  IF cs <> 1 THEN h := pg_temp.kql_upper(h); n := pg_temp.kql_upper(n); END IF;
  p := pg_temp.kql_re_escape(n)
       || (CASE WHEN n ~ '[0-9A-Za-z\u0080-\uffff]$' THEN '($|[^0-9A-Za-z\u0080-\uffff])' ELSE '' END);
  RETURN coalesce(h,'') ~ p;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_tolower(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT pg_temp.kql_lower(s) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_toupper(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT pg_temp.kql_upper(s) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_strlen(s text) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT char_length(s)::bigint $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_regex_match(t text, p text) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(t,'') ~ p $$;
-- The pattern as one more capturing group around it, its leading options ((?i)) kept in front,
-- the only place PostgreSQL accepts them.
CREATE OR REPLACE FUNCTION pg_temp.kql_group_all(p text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(substring(p from '^\(\?[a-z]+\)'), '') || '(' || regexp_replace(p, '^\(\?[a-z]+\)', '') || ')' $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_extract(p text, g bigint, t text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce((regexp_match(coalesce(t,''), pg_temp.kql_group_all(p)))[g + 1], '') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_replace_regex(t text, p text, r text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT regexp_replace(coalesce(t,''), p, r, 'g') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ts(t bigint) RETURNS timestamp LANGUAGE sql IMMUTABLE AS
$$ SELECT timestamp '0001-01-01' + (div(t, 10000000) * interval '1 second') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dt_str(t bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN t IS NULL THEN '' ELSE
     to_char(pg_temp.kql_ts(t - mod(mod(t, 10000000) + 10000000, 10000000)), 'YYYY-MM-DD"T"HH24:MI:SS')
     || '.' || lpad(mod(mod(t, 10000000) + 10000000, 10000000)::text, 7, '0') || 'Z' END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ts_str(t bigint) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE v numeric; d numeric; r numeric; s text := ''; BEGIN
  IF t IS NULL THEN RETURN ''; END IF;
  v := abs(t::numeric);
  IF t < 0 THEN s := '-'; END IF;
  d := div(v, 864000000000); r := mod(v, 864000000000);
  IF d > 0 THEN s := s || d::text || '.'; END IF;
  s := s || lpad(div(r, 36000000000)::text, 2, '0') || ':' || lpad(mod(div(r, 600000000), 60)::text, 2, '0')
         || ':' || lpad(mod(div(r, 10000000), 60)::text, 2, '0');
  IF mod(r, 10000000) <> 0 THEN s := s || '.' || lpad(mod(r, 10000000)::text, 7, '0'); END IF;
  RETURN s;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_ticks(ts timestamp) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT (extract(epoch FROM ts - timestamp '0001-01-01') * 10000000)::numeric::bigint $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_todatetime(s text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m text[]; base bigint; frac bigint := 0; off bigint := 0; BEGIN
  m := regexp_match(btrim(coalesce(s,'')),
    '^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$');
  IF m IS NULL THEN RETURN NULL; END IF;
  IF m[7] IS NOT NULL THEN
    IF length(m[7]) > 7 AND rtrim(substr(m[7], 8), '0') <> '' THEN RETURN NULL; END IF;
    frac := rpad(substr(m[7], 1, 7), 7, '0')::bigint;
  END IF;
  IF m[8] IS NOT NULL AND m[8] <> 'Z' THEN
    off := (substr(m[8], 2, 2)::bigint * 60 + right(m[8], 2)::bigint) * 600000000;
    IF left(m[8], 1) = '+' THEN off := -off; END IF;
  END IF;
  BEGIN
    base := pg_temp.kql_ticks(make_timestamp(m[1]::int, m[2]::int, m[3]::int, coalesce(m[4], '0')::int,
                                             coalesce(m[5], '0')::int, coalesce(m[6], '0')::int));
  EXCEPTION WHEN others THEN RETURN NULL;
  END;
  RETURN base + frac + off;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_totimespan(s text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m text[]; v bigint; BEGIN
  m := regexp_match(btrim(coalesce(s,'')), '^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$');
  IF m IS NULL THEN RETURN NULL; END IF;
  v := ((coalesce(m[2],'0')::bigint * 24 + m[3]::bigint) * 60 + m[4]::bigint) * 600000000
       + coalesce(m[5],'0')::bigint * 10000000 + coalesce(rpad(m[6], 7, '0'), '0')::bigint;
  IF m[1] IS NOT NULL THEN v := -v; END IF;
  RETURN v;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_datepart(part text, t bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE part
  WHEN 'year' THEN extract(year FROM pg_temp.kql_ts(t))::bigint
  WHEN 'month' THEN extract(month FROM pg_temp.kql_ts(t))::bigint
  WHEN 'day' THEN extract(day FROM pg_temp.kql_ts(t))::bigint
  WHEN 'dayofmonth' THEN extract(day FROM pg_temp.kql_ts(t))::bigint
  WHEN 'hour' THEN extract(hour FROM pg_temp.kql_ts(t))::bigint
  WHEN 'minute' THEN extract(minute FROM pg_temp.kql_ts(t))::bigint
  WHEN 'second' THEN mod(div(t, 10000000), 60)
  WHEN 'millisecond' THEN div(mod(mod(t, 10000000) + 10000000, 10000000), 10000)
  WHEN 'microsecond' THEN div(mod(mod(t, 10000000) + 10000000, 10000000), 10)
  WHEN 'nanosecond' THEN mod(mod(t, 10000000) + 10000000, 10000000) * 100
  WHEN 'quarter' THEN extract(quarter FROM pg_temp.kql_ts(t))::bigint
  WHEN 'dayofyear' THEN extract(doy FROM pg_temp.kql_ts(t))::bigint
  WHEN 'dayofweek' THEN mod(div(t, 864000000000) + 1, 7) * 864000000000
  END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_startof(unit text, t bigint, off bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE unit
  WHEN 'day' THEN (div(t, 864000000000) + off) * 864000000000
  WHEN 'week' THEN (div(t, 864000000000) - mod(div(t, 864000000000) + 1, 7) + 7 * off) * 864000000000
  WHEN 'month' THEN pg_temp.kql_ticks(date_trunc('month', pg_temp.kql_ts(t)) + off * interval '1 month')
  WHEN 'year' THEN pg_temp.kql_ticks(date_trunc('year', pg_temp.kql_ts(t)) + off * interval '1 year')
  END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_endof(unit text, t bigint, off bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_startof(unit, t, off + 1) - 1 $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_make_datetime(y bigint, mo bigint, d bigint, h bigint DEFAULT 0, mi bigint DEFAULT 0,
                                          s double precision DEFAULT 0) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE day bigint; BEGIN
  IF y < 1 OR y > 9999 THEN RETURN NULL; END IF;
  BEGIN
    day := pg_temp.kql_ticks(make_timestamp(y::int, mo::int, d::int, 0, 0, 0));
  EXCEPTION WHEN others THEN RETURN NULL;  -- a date that does not exist
  END;
  IF h < 0 OR h > 23 OR mi < 0 OR mi > 59 OR NOT (s >= 0 AND s < 60) THEN
    RAISE EXCEPTION 'make_datetime: a time of day outside hour 0-23, minute 0-59, second 0-59.9999999';
  END IF;
  RETURN day + h * 36000000000 + mi * 600000000 + floor(s * 10000000 + 0.5)::bigint;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_bin_real(x double precision, s double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN s > 0 THEN floor(x / s) * s END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_floor(x double precision) RETURNS double precision LANGUAGE sql IMMUTABLE AS
$$ SELECT floor(x) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_math(f text, x double precision, y double precision DEFAULT NULL)
RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  RETURN CASE f WHEN 'sqrt' THEN sqrt(x) WHEN 'exp' THEN exp(x) WHEN 'exp2' THEN power(2, x)
    WHEN 'exp10' THEN power(10, x) WHEN 'log' THEN ln(x) WHEN 'log2' THEN log(2, x::numeric)::double precision
    WHEN 'log10' THEN log(x) WHEN 'pow' THEN power(x, y) WHEN 'sin' THEN sin(x) WHEN 'cos' THEN cos(x)
    WHEN 'tan' THEN tan(x) WHEN 'asin' THEN asin(x) WHEN 'acos' THEN acos(x) WHEN 'atan' THEN atan(x)
    WHEN 'atan2' THEN atan2(x, y) WHEN 'ceiling' THEN ceiling(x) WHEN 'cot' THEN cot(x) END;
EXCEPTION
  -- PostgreSQL raises where IEEE doubles (Kusto, SQLite) give an infinity or zero.
  WHEN numeric_value_out_of_range THEN
    IF f IN ('exp', 'exp2', 'exp10') THEN RETURN CASE WHEN x > 0 THEN 'Infinity'::float8 ELSE 0 END; END IF;
    RAISE EXCEPTION '%(): the result is out of the range of a real', f;
  WHEN others THEN
    IF f IN ('log', 'log2', 'log10') AND x = 0 THEN RETURN '-Infinity'::float8; END IF;
    IF f = 'pow' AND x = 0 AND y < 0 THEN RETURN 'Infinity'::float8; END IF;
    RETURN NULL;  -- NaN, as SQLite, which cannot hold NaN
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_get(j jsonb, k text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'object' THEN j -> k END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_at(j jsonb, i bigint) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'array' THEN j -> i::int END $$;
-- JSON text without the spaces jsonb::text puts after ',' and ':' (KQL prints [1,2] and
-- {"a":1}, as SQLite's json does).
CREATE OR REPLACE FUNCTION pg_temp.kql_json_text(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  CASE jsonb_typeof(j)
    WHEN 'array' THEN
      RETURN '[' || coalesce((SELECT string_agg(pg_temp.kql_json_text(e), ',' ORDER BY i)
                              FROM jsonb_array_elements(j) WITH ORDINALITY AS t(e, i)), '') || ']';
    WHEN 'object' THEN
      RETURN '{' || coalesce((SELECT string_agg(to_jsonb(k)::text || ':' || pg_temp.kql_json_text(v), ',')
                              FROM jsonb_each(j) AS t(k, v)), '') || '}';
    WHEN 'number' THEN
      -- As SQLite's JSON (nlohmann) prints numbers: integers in 64 bits as written, other
      -- numbers as the shortest double text, with ".0" on whole values (12.50 -> 12.5,
      -- 1e3 -> 1000.0); jsonb alone would keep the source's digits.
      IF j::text ~ '^-?[0-9]+$' AND j::text::numeric BETWEEN -9223372036854775808 AND 18446744073709551615 THEN
        RETURN j::text;
      END IF;
      RETURN CASE WHEN j::text::float8::text ~ '[.eEnN]' THEN j::text::float8::text
                  ELSE j::text::float8::text || '.0' END;
    ELSE RETURN j::text;
  END CASE;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_tostring(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN j IS NULL OR jsonb_typeof(j) = 'null' THEN ''
               WHEN jsonb_typeof(j) = 'string' THEN j #>> '{}' ELSE pg_temp.kql_json_text(j) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_str(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'string' THEN j #>> '{}' END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_num(j jsonb) RETURNS double precision LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'number' THEN (j #>> '{}')::double precision END $$;
-- The text of a number as tolong()/toreal() read it (run/sqlite_functions.cpp, number_text):
-- 'number', 'padded' (spaces around: the query fails) or 'other' (null).
CREATE OR REPLACE FUNCTION pg_temp.kql_number_text(s text, is_real boolean) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN s ~ p THEN 'number' WHEN btrim(s, E' \t\n\r\f\v') ~ p THEN 'padded'
               WHEN is_real AND upper(s) ~ '^[+-]?(INF|INFINITY|NAN)$' THEN 'padded' ELSE 'other' END
   FROM (SELECT CASE WHEN is_real THEN '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'
                     ELSE '^[+-]?[0-9]+$' END AS p) AS pat $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_tolong(j jsonb) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE s text; kind text; BEGIN
  IF jsonb_typeof(j) = 'number' THEN RETURN trunc((j #>> '{}')::numeric)::bigint; END IF;
  IF jsonb_typeof(j) = 'boolean' THEN RETURN CASE WHEN (j #>> '{}')::boolean THEN 1 ELSE 0 END; END IF;
  IF jsonb_typeof(j) <> 'string' THEN RETURN NULL; END IF;
  s := j #>> '{}'; kind := pg_temp.kql_number_text(s, false);
  IF kind = 'padded' THEN
    RAISE EXCEPTION 'a number with spaces around it: whether Kusto converts it is not documented';
  END IF;
  IF kind = 'other' THEN RETURN NULL; END IF;
  IF s::numeric NOT BETWEEN -9223372036854775808 AND 9223372036854775807 THEN
    RAISE EXCEPTION 'a number out of the type''s range: what Kusto converts it to is not documented';
  END IF;
  RETURN s::bigint;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_toreal(j jsonb) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE s text; kind text; BEGIN
  IF jsonb_typeof(j) = 'number' THEN RETURN (j #>> '{}')::double precision; END IF;
  IF jsonb_typeof(j) = 'boolean' THEN RETURN CASE WHEN (j #>> '{}')::boolean THEN 1 ELSE 0 END; END IF;
  IF jsonb_typeof(j) <> 'string' THEN RETURN NULL; END IF;
  s := j #>> '{}'; kind := pg_temp.kql_number_text(s, true);
  IF kind = 'padded' THEN
    RAISE EXCEPTION 'a number with spaces around it, or an infinity or NaN spelled out: whether Kusto converts it is not documented';
  END IF;
  IF kind = 'other' THEN RETURN NULL; END IF;
  BEGIN
    RETURN s::double precision;
  EXCEPTION WHEN numeric_value_out_of_range THEN
    RAISE EXCEPTION 'a number out of the type''s range: what Kusto converts it to is not documented';
  END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_tobool(j jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE jsonb_typeof(j) WHEN 'boolean' THEN (j #>> '{}')::boolean
    WHEN 'number' THEN (j #>> '{}')::numeric <> 0
    WHEN 'string' THEN (CASE upper(j #>> '{}') WHEN 'TRUE' THEN true WHEN '1' THEN true
                        WHEN 'FALSE' THEN false WHEN '0' THEN false END) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_todatetime(j jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'string' THEN pg_temp.kql_todatetime(j #>> '{}') END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_totimespan(j jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'string' THEN pg_temp.kql_totimespan(j #>> '{}') END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_dyn_eq(a jsonb, b jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT a = b $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_parse_json(s text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN RETURN s::jsonb; EXCEPTION WHEN others THEN RETURN to_jsonb(s); END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_length(j jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'array' THEN jsonb_array_length(j)::bigint END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_array_contains(a jsonb, v jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(jsonb_typeof(a) = 'array' AND v IS NOT NULL AND a @> jsonb_build_array(v), false) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_split(s text, d text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN coalesce(d,'') = '' OR coalesce(s,'') = '' THEN jsonb_build_array(coalesce(s,''))
               ELSE to_jsonb(string_to_array(s, d)) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_mv_items(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE jsonb_typeof(j) WHEN 'array' THEN j
    WHEN 'object' THEN coalesce((SELECT jsonb_agg(jsonb_build_object(e.key, e.value)) FROM jsonb_each(j) e), '[]'::jsonb)
    WHEN 'null' THEN '[]'::jsonb
    ELSE (CASE WHEN j IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(j) END) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_range(a double precision, b double precision, s double precision) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce((SELECT jsonb_agg(CASE WHEN a = trunc(a) AND s = trunc(s) THEN to_jsonb(g::bigint) ELSE to_jsonb(g) END ORDER BY n)
   FROM (SELECT a + n * s AS g, n FROM generate_series(0, CASE WHEN s = 0 THEN 0 ELSE floor((b - a) / s)::bigint END) n) x
   WHERE (s > 0 AND g <= b) OR (s < 0 AND g >= b)), '[]'::jsonb) $$;
-- range() when start or step is a real: real elements even where they are whole numbers
-- (1.0, 2.0), as SQLite's twin gives them. plpgsql: kql_real_json comes later in the prelude.
CREATE OR REPLACE FUNCTION pg_temp.kql_range_real(a double precision, b double precision, s double precision) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF a IS NULL OR b IS NULL OR s IS NULL THEN RETURN NULL; END IF;
  RETURN coalesce((SELECT jsonb_agg(pg_temp.kql_real_json(g) ORDER BY n)
    FROM (SELECT a + n * s AS g, n FROM generate_series(0, CASE WHEN s = 0 THEN 0 ELSE least(floor((b - a) / s), 999999)::bigint END) n) x
    WHERE (s > 0 AND g <= b) OR (s < 0 AND g >= b)), '[]'::jsonb);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_range_dt(a bigint, b bigint, s bigint) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN a IS NULL OR b IS NULL OR s IS NULL THEN NULL
     ELSE coalesce((SELECT jsonb_agg(to_jsonb(pg_temp.kql_dt_str(a + n * s)) ORDER BY n)
       FROM generate_series(0::bigint, CASE WHEN s = 0 THEN -1 ELSE least((b - a) / s, 999999) END) n
       WHERE (s > 0 AND a + n * s <= b) OR (s < 0 AND a + n * s >= b)), '[]'::jsonb) END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_now() RETURNS bigint LANGUAGE sql STABLE AS
$$ SELECT pg_temp.kql_ticks(clock_timestamp() AT TIME ZONE 'UTC') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_real_str(x double precision) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN x IS NULL THEN '' WHEN x = 'NaN'::float8 THEN 'NaN' WHEN x = 'Infinity'::float8 THEN 'Infinity'
               WHEN x = '-Infinity'::float8 THEN '-Infinity' ELSE x::text END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_limit(j jsonb, n bigint) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) = 'array' AND jsonb_array_length(j) > n
     THEN coalesce((SELECT jsonb_agg(e.v ORDER BY e.i) FROM jsonb_array_elements(j) WITH ORDINALITY AS e(v, i)
                    WHERE e.i <= n), '[]'::jsonb)
     ELSE j END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_exact_up_to(c bigint, n bigint, what text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF c > n THEN
    RAISE EXCEPTION '% counts more than % distinct values, where KQL''s result is a HyperLogLog estimate', what, n;
  END IF;
  RETURN c;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_reverse(s text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT reverse(coalesce(s,'')) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_strcat_array(a jsonb, d text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(a) = 'array' THEN coalesce((SELECT string_agg(CASE WHEN jsonb_typeof(e.v) = 'string'
     THEN e.v #>> '{}' WHEN jsonb_typeof(e.v) = 'null' THEN '' ELSE e.v::text END, d ORDER BY e.n)
     FROM jsonb_array_elements(a) WITH ORDINALITY AS e(v, n)), '') ELSE '' END $$;
)SQL";
  for (const auto& family : function_families()) out += family.postgres_prelude();
  return out;
}

namespace {

// The prelude's statements, split at ';' outside quotes ('...', "...", $tag$...$tag$) and
// comments; each keeps the comment lines before it.
std::vector<std::string_view> split_statements(std::string_view s) {
  std::vector<std::string_view> out;
  size_t begin = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\'' || c == '"') {
      size_t end = s.find(c, i + 1);
      i = end == std::string_view::npos ? s.size() : end;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      size_t end = s.find('\n', i);
      i = end == std::string_view::npos ? s.size() : end;
    } else if (c == '$') {
      size_t tag_end = s.find('$', i + 1);
      if (tag_end == std::string_view::npos) break;
      std::string_view tag = s.substr(i, tag_end - i + 1);  // $$ or $name$
      size_t close = s.find(tag, tag_end + 1);
      i = close == std::string_view::npos ? s.size() : close + tag.size() - 1;
    } else if (c == ';') {
      size_t end = i + 1;
      if (end < s.size() && s[end] == '\n') ++end;
      out.push_back(s.substr(begin, end - begin));
      begin = end;
    }
  }
  if (begin < s.size()) out.push_back(s.substr(begin));
  return out;
}

// Every pg_temp.<name> the text mentions.
std::set<std::string> pg_temp_names(std::string_view text) {
  std::set<std::string> names;
  constexpr std::string_view kPrefix = "pg_temp.";
  for (size_t at = text.find(kPrefix); at != std::string_view::npos;
       at = text.find(kPrefix, at + 1)) {
    size_t b = at + kPrefix.size(), e = b;
    while (e < text.size() && (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_'))
      ++e;
    if (e > b) names.emplace(text.substr(b, e - b));
  }
  return names;
}

}  // namespace

// Only the statements the query needs: the helpers it calls, the helpers those call, and every
// statement that defines nothing (SET TIME ZONE). A one-line rule no longer carries the ~260
// helper definitions of every function family.
std::string postgres_prelude_for(const std::string& query) {
  static const std::string full = postgres_prelude();
  static const auto statements = split_statements(full);
  // Which statements define which name (overloads define one name several times).
  std::map<std::string, std::vector<size_t>> defines;
  // CREATE [OR REPLACE] FUNCTION|AGGREGATE pg_temp.<name>: the first pg_temp name after CREATE.
  std::vector<bool> keep(statements.size(), false);
  for (size_t i = 0; i < statements.size(); ++i) {
    size_t create = statements[i].find("CREATE ");
    size_t at = create == std::string_view::npos ? create : statements[i].find("pg_temp.", create);
    if (at == std::string_view::npos) {
      keep[i] = true;
      continue;
    }
    size_t b = at + 8, e = b;
    while (e < statements[i].size() &&
           (std::isalnum(static_cast<unsigned char>(statements[i][e])) || statements[i][e] == '_'))
      ++e;
    defines[std::string(statements[i].substr(b, e - b))].push_back(i);
  }
  std::vector<std::string> todo;
  for (const auto& n : pg_temp_names(query)) todo.push_back(n);
  std::set<std::string> seen(todo.begin(), todo.end());
  while (!todo.empty()) {
    std::string name = todo.back();
    todo.pop_back();
    auto d = defines.find(name);
    if (d == defines.end()) continue;
    for (size_t i : d->second) {
      keep[i] = true;
      for (const auto& n : pg_temp_names(statements[i]))
        if (seen.insert(n).second) todo.push_back(n);
    }
  }
  std::string out;
  for (size_t i = 0; i < statements.size(); ++i)
    if (keep[i]) out.append(statements[i]);
  return out;
}

}  // namespace kql::sql
