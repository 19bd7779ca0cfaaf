// Function family 'punycode' (see families.h): punycode_from_string / punycode_to_string (RFC
// 3492 Punycode of a whole string) and punycode_domain_to_string / punycode_domain_from_string
// (the same per label of a domain, with the "xn--" prefix).
//
// Evidence (the KQL reference):
//   - punycode_from_string('académie-française') is acadmie-franaise-npb1a and
//     punycode_from_string('艺术') cqv902d, without "xn--"; punycode_to_string decodes
//     'acadmie-franaise-npb1a' back. Both are RFC 3492 (sections 6.2, 6.3) exactly, digits
//     written in lower case; the decoder takes digits in either case, as RFC 3492 requires. "An
//     empty result if encoding/decoding failed": input that is not Punycode (a character that is
//     no digit, a non-ASCII character, a truncated number) gives "".
//   - punycode_domain_to_string('Lê Lợi。Thuận Thiên。com') is 'xn--L Li-gpa4517b.xn--Thun
//     Thin-s4a7194f.com', 'Riðill｡Skáldskaparmál｡org' 'xn--Riill-jta.xn--Skldskaparml-dbbj.org'
//     and "Kaledvoulc'h.Artorījos.edu" "Kaledvoulc'h.xn--Artorjos-ejb.edu": labels split on the
//     IDNA separators (U+3002 and U+FF61 seen; RFC 3490 section 3.1 lists them with '.' and
//     U+FF0E), joined with '.', ASCII labels kept, the others "xn--" + RFC 3492. Upper case,
//     spaces and apostrophes are kept: Kusto applies neither case mapping, nor UTS46/nameprep
//     mapping, nor the STD3 rules.
//   - punycode_domain_from_string("xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com") is
//     "Rúyì.Jīngū.Bàng.com": the xn-- labels decoded (case kept), the others copied; "" when a
//     label fails to decode (the docs' "empty result if decoding failed").
//
// Undocumented, an error at run time on both databases rather than a guess:
//   - whether an IDNA implementation would normalize (NFC) a label: the domain functions accept
//     non-ASCII characters only from blocks where NFC cannot change a label (Latin-1 and Latin
//     Extended-A/B, Latin Extended Additional, Cyrillic and kana without their combining marks,
//     CJK Unified Ideographs, Hangul syllables; the docs' examples are all there);
//   - characters beyond U+FFFF (a .NET implementation may encode UTF-16 units instead of code
//     points) and decoded UTF-16 surrogates;
//   - numbers past 2^31 - 1 (implementations overflow at different widths);
//   - in the domain functions: empty labels, labels longer than 63 characters, an upper-case ACE
//     prefix ("XN--"), non-ASCII input to punycode_domain_from_string, and xn-- labels that
//     decode to ASCII only or are not the encoding of their decoded text (IDNA's round-trip
//     check).
//
// Rejected at translation: an argument that is not a string.
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

std::optional<SqlExpr> one_string(FunctionCall& f, std::string_view helper) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type != KType::String) return f.type_err(0, "a string");
  return SqlExpr{f.helper(helper, {f.a[0].sql}), KType::String};
}

std::optional<SqlExpr> fn_from_string(FunctionCall& f) {
  return one_string(f, "kql_punycode_from");
}
std::optional<SqlExpr> fn_to_string(FunctionCall& f) { return one_string(f, "kql_punycode_to"); }
std::optional<SqlExpr> fn_domain_to_string(FunctionCall& f) {
  return one_string(f, "kql_punycode_domain_to");
}
std::optional<SqlExpr> fn_domain_from_string(FunctionCall& f) {
  return one_string(f, "kql_punycode_domain_from");
}

}  // namespace

std::span<const SqlFunction> punycode_functions() {
  static const SqlFunction kFunctions[] = {
      {"punycode_from_string", fn_from_string},
      {"punycode_to_string", fn_to_string},
      {"punycode_domain_to_string", fn_domain_to_string},
      {"punycode_domain_from_string", fn_domain_from_string},
  };
  return kFunctions;
}

// The same steps, in the same order, as run/sqlite_fn_punycode.cpp (bigint arithmetic; the
// database is UTF-8, so ascii() and chr() are code points).
std::string_view punycode_functions_postgres() {
  return R"SQL(
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_fail(f text, why text) RETURNS void LANGUAGE plpgsql VOLATILE AS
$$ BEGIN RAISE EXCEPTION 'kql: %: %', f, CASE why
  WHEN 'overflow' THEN 'the computation passes 2^31 - 1, where implementations of RFC 3492 overflow at different widths'
  WHEN 'bmp' THEN 'characters beyond U+FFFF: whether Kusto encodes them as code points or as UTF-16 units is not documented'
  WHEN 'surrogate' THEN 'the decoded text holds a UTF-16 surrogate, which is not a character'
  WHEN 'nfc' THEN 'a character outside Latin, Cyrillic, kana, CJK and Hangul syllables: whether Kusto applies IDNA normalization to it is not documented'
  WHEN 'empty' THEN 'an empty label: whether Kusto fails or keeps it is not documented'
  WHEN 'long' THEN 'a label longer than 63 characters: Kusto''s handling is not documented'
  WHEN 'nonascii' THEN 'a domain with non-ASCII characters: Kusto''s handling of them is not documented'
  WHEN 'prefix' THEN 'an upper-case ACE prefix: Kusto''s handling is not documented'
  WHEN 'ascii' THEN 'an xn-- label that decodes to ASCII only: Kusto''s handling is not documented'
  ELSE 'an xn-- label that is not the encoding of its decoded text: Kusto''s handling is not documented' END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_cps(s text) RETURNS int[] LANGUAGE sql IMMUTABLE AS
$$ SELECT ARRAY(SELECT ascii(substr(coalesce(s, ''), g, 1)) FROM generate_series(1, length(coalesce(s, ''))) AS g ORDER BY g) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_text(cps int[]) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(string_agg(chr(x), '' ORDER BY o), '') FROM unnest(cps) WITH ORDINALITY AS u(x, o) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_adapt(delta bigint, numpoints bigint, first boolean) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE k bigint := 0; BEGIN
  IF first THEN delta := delta / 700; ELSE delta := delta / 2; END IF;
  delta := delta + delta / numpoints;
  WHILE delta > 455 LOOP delta := delta / 35; k := k + 36; END LOOP;
  RETURN k + (36 * delta) / (delta + 38);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_encode(cps int[], f text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE a text := 'abcdefghijklmnopqrstuvwxyz0123456789'; out text := ''; n bigint := 128; delta bigint := 0;
  bias bigint := 72; h bigint; b bigint; m bigint; q bigint; k bigint; t bigint; c int; len int := cardinality(cps); BEGIN
  FOREACH c IN ARRAY cps LOOP
    IF c > 65535 THEN PERFORM pg_temp.kql_puny_fail(f, 'bmp'); END IF;
    IF c < 128 THEN out := out || chr(c); END IF;
  END LOOP;
  b := length(out); h := b;
  IF b > 0 THEN out := out || '-'; END IF;
  WHILE h < len LOOP
    SELECT min(x) INTO m FROM unnest(cps) AS x WHERE x >= n;
    delta := delta + (m - n) * (h + 1);
    IF delta > 2147483647 THEN PERFORM pg_temp.kql_puny_fail(f, 'overflow'); END IF;
    n := m;
    FOREACH c IN ARRAY cps LOOP
      IF c < n THEN
        delta := delta + 1;
        IF delta > 2147483647 THEN PERFORM pg_temp.kql_puny_fail(f, 'overflow'); END IF;
      END IF;
      IF c = n THEN
        q := delta; k := 36;
        LOOP
          t := CASE WHEN k <= bias THEN 1 WHEN k >= bias + 26 THEN 26 ELSE k - bias END;
          EXIT WHEN q < t;
          out := out || substr(a, (t + (q - t) % (36 - t))::int + 1, 1);
          q := (q - t) / (36 - t);
          k := k + 36;
        END LOOP;
        out := out || substr(a, q::int + 1, 1);
        bias := pg_temp.kql_puny_adapt(delta, h + 1, h = b);
        delta := 0; h := h + 1;
      END IF;
    END LOOP;
    delta := delta + 1; n := n + 1;
  END LOOP;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_decode(s text, f text) RETURNS int[] LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out int[] := '{}'; n bigint := 128; i bigint := 0; bias bigint := 72; b int := 0; pos int := 1; len int;
  oldi bigint; w bigint; k bigint; t bigint; dg bigint; c int; m bigint; BEGIN
  s := coalesce(s, '');
  len := length(s);
  FOR j IN 1 .. len LOOP IF substr(s, j, 1) = '-' THEN b := j; END IF; END LOOP;
  IF b > 1 THEN
    FOR j IN 1 .. b - 1 LOOP
      c := ascii(substr(s, j, 1));
      IF c >= 128 THEN RETURN NULL; END IF;
      out := out || c;
    END LOOP;
    pos := b + 1;
  END IF;
  WHILE pos <= len LOOP
    oldi := i; w := 1; k := 36;
    LOOP
      IF pos > len THEN RETURN NULL; END IF;
      c := ascii(substr(s, pos, 1)); pos := pos + 1;
      dg := CASE WHEN c BETWEEN 48 AND 57 THEN c - 22 WHEN c BETWEEN 65 AND 90 THEN c - 65
                 WHEN c BETWEEN 97 AND 122 THEN c - 97 ELSE -1 END;
      IF dg < 0 THEN RETURN NULL; END IF;
      i := i + dg * w;
      IF i > 2147483647 THEN PERFORM pg_temp.kql_puny_fail(f, 'overflow'); END IF;
      t := CASE WHEN k <= bias THEN 1 WHEN k >= bias + 26 THEN 26 ELSE k - bias END;
      EXIT WHEN dg < t;
      w := w * (36 - t);
      IF w > 2147483647 THEN PERFORM pg_temp.kql_puny_fail(f, 'overflow'); END IF;
      k := k + 36;
    END LOOP;
    m := cardinality(out) + 1;
    bias := pg_temp.kql_puny_adapt(i - oldi, m, oldi = 0);
    n := n + i / m;
    i := i % m;
    IF n > 65535 THEN PERFORM pg_temp.kql_puny_fail(f, 'bmp'); END IF;
    IF n BETWEEN 55296 AND 57343 THEN PERFORM pg_temp.kql_puny_fail(f, 'surrogate'); END IF;
    out := out[1:i::int] || n::int || out[i::int + 1:];
    i := i + 1;
  END LOOP;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_puny_check(cps int[], f text) RETURNS void LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF EXISTS (SELECT 1 FROM unnest(cps) AS x WHERE NOT (x < 128 OR x BETWEEN 160 AND 591 OR x BETWEEN 7680 AND 7935
      OR x BETWEEN 1024 AND 1154 OR x BETWEEN 1162 AND 1279 OR x BETWEEN 12353 AND 12438
      OR x BETWEEN 12443 AND 12543 OR x BETWEEN 19968 AND 40959 OR x BETWEEN 44032 AND 55203)) THEN
    PERFORM pg_temp.kql_puny_fail(f, 'nfc');
  END IF;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_punycode_from(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_puny_encode(pg_temp.kql_puny_cps(s), 'punycode_from_string') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_punycode_to(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce(pg_temp.kql_puny_text(pg_temp.kql_puny_decode(s, 'punycode_to_string')), '') $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_punycode_domain_to(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE f text := 'punycode_domain_to_string'; cps int[]; label int[] := '{}'; out text := ''; ace text;
  c int; first boolean := true; BEGIN
  cps := pg_temp.kql_puny_cps(s);
  IF cardinality(cps) = 0 THEN RETURN ''; END IF;
  FOR j IN 1 .. cardinality(cps) + 1 LOOP
    IF j <= cardinality(cps) THEN
      c := cps[j];
      IF c NOT IN (46, 12290, 65294, 65377) THEN label := label || c; CONTINUE; END IF;
    END IF;
    IF cardinality(label) = 0 THEN PERFORM pg_temp.kql_puny_fail(f, 'empty'); END IF;
    IF (SELECT bool_and(x < 128) FROM unnest(label) AS x) THEN
      ace := pg_temp.kql_puny_text(label);
    ELSE
      PERFORM pg_temp.kql_puny_check(label, f);
      ace := 'xn--' || pg_temp.kql_puny_encode(label, f);
    END IF;
    IF length(ace) > 63 THEN PERFORM pg_temp.kql_puny_fail(f, 'long'); END IF;
    out := out || CASE WHEN first THEN '' ELSE '.' END || ace;
    first := false;
    label := '{}';
  END LOOP;
  RETURN out;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_punycode_domain_from(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE f text := 'punycode_domain_from_string'; lab text; out text := ''; d int[]; first boolean := true; BEGIN
  s := coalesce(s, '');
  IF s = '' THEN RETURN ''; END IF;
  IF octet_length(s) <> length(s) THEN PERFORM pg_temp.kql_puny_fail(f, 'nonascii'); END IF;
  FOREACH lab IN ARRAY string_to_array(s, '.') LOOP
    IF lab = '' THEN PERFORM pg_temp.kql_puny_fail(f, 'empty'); END IF;
    IF length(lab) > 63 THEN PERFORM pg_temp.kql_puny_fail(f, 'long'); END IF;
    IF lower(substr(lab, 1, 4)) = 'xn--' THEN
      IF substr(lab, 1, 4) <> 'xn--' THEN PERFORM pg_temp.kql_puny_fail(f, 'prefix'); END IF;
      d := pg_temp.kql_puny_decode(substr(lab, 5), f);
      IF d IS NULL THEN RETURN ''; END IF;
      IF (SELECT coalesce(bool_and(x < 128), true) FROM unnest(d) AS x) THEN
        PERFORM pg_temp.kql_puny_fail(f, 'ascii');
      END IF;
      PERFORM pg_temp.kql_puny_check(d, f);
      IF lower(pg_temp.kql_puny_encode(d, f)) <> lower(substr(lab, 5)) THEN
        PERFORM pg_temp.kql_puny_fail(f, 'roundtrip');
      END IF;
      lab := pg_temp.kql_puny_text(d);
    END IF;
    out := out || CASE WHEN first THEN '' ELSE '.' END || lab;
    first := false;
  END LOOP;
  RETURN out;
END $$;
)SQL";
}

}  // namespace kql::sql
