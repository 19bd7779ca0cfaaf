// Function family 'strings' (see families.h): encoding, hashing, searching, rewriting and
// unicode functions. Every kql_* helper called here has a pg_temp definition below and a SQLite
// twin of the same meaning in run/sqlite_fn_strings.cpp. Functions whose exact Kusto behaviour
// cannot be reproduced on both engines are rejected by name, with the reason.
#include <cctype>
#include <cstring>
#include <nlohmann/json.hpp>

#include "backend/sql/dynamic_literal.h"
#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

using ast::LiteralKind;
using ast::NodeKind;

bool stringish(KType t) { return t == KType::String || t == KType::Guid; }

// Argument i as tostring() prints it, for functions that "forcibly cast" any scalar to string.
std::optional<SqlExpr> scalar_str(FunctionCall& f, size_t i) {
  if (f.a[i].type == KType::Dynamic) return f.type_err(i, "a scalar");
  return f.str_arg(i);
}
bool integral_arg(FunctionCall& f, size_t i) {
  if (is_integral(f.a[i].type)) return true;
  f.type_err(i, "a whole number");
  return false;
}

// ----- base64 ------------------------------------------------------------------------------

std::optional<SqlExpr> base64_encode_tostring(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_b64_enc", {s->sql}), KType::String};
}
std::optional<SqlExpr> base64_decode_tostring(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_b64_dec_str", {s->sql}), KType::String};
}
std::optional<SqlExpr> base64_decode_toarray(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_b64_dec_arr", {s->sql}), KType::Dynamic};
}
std::optional<SqlExpr> base64_encode_fromarray(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type != KType::Dynamic) return f.type_err(0, "a dynamic array of bytes");
  return SqlExpr{f.helper("kql_b64_from_arr", {f.a[0].sql}), KType::String};
}

// ----- hashes ------------------------------------------------------------------------------

// hash_md5 / hash_sha256 hash the UTF-8 text of the value (docs: hash_md5(datetime(2020-01-01))
// is the MD5 of "2020-01-01T00:00:00.0000000Z"). Only strings and datetimes are documented.
std::optional<SqlExpr> digest(FunctionCall& f, const char* helper) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (!stringish(f.a[0].type) && f.a[0].type != KType::DateTime)
    return f.unsupported(std::string("the bytes Kusto hashes for a ") + ktype_name(f.a[0].type) +
                         " value are not documented");
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper(helper, {s->sql}), KType::String};
}
std::optional<SqlExpr> hash_md5(FunctionCall& f) { return digest(f, "kql_md5"); }
std::optional<SqlExpr> hash_sha256(FunctionCall& f) { return digest(f, "kql_sha256"); }

// hash() and hash_xxhash64(): xxHash64 with seed 0 of a string's UTF-8 bytes, or of a
// datetime's ticks as 8 little-endian bytes (both checked against the docs' examples).
std::optional<SqlExpr> hash_xxhash64(FunctionCall& f) {
  if (!f.nargs(1, 2)) return std::nullopt;
  std::string h;
  if (f.a[0].type == KType::String)
    h = f.helper("kql_xxh64_str", {f.a[0].sql});
  else if (f.a[0].type == KType::DateTime)
    h = f.helper("kql_xxh64_i8", {f.a[0].sql});
  else
    return f.unsupported(std::string("the bytes Kusto hashes for a ") + ktype_name(f.a[0].type) +
                         " value are not documented");
  if (f.n() == 2) {
    if (!integral_arg(f, 1)) return std::nullopt;
    h = f.helper("kql_hash_mod", {h, f.a[1].sql});
  }
  return SqlExpr{h, KType::Long};
}

// ----- comparing and measuring --------------------------------------------------------------

std::optional<SqlExpr> strcmp_fn(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto x = f.str_arg(0), y = f.str_arg(1);
  if (!x || !y) return std::nullopt;
  // Ordinal comparison (bytes of UTF-8 order as code points do).
  return SqlExpr{"(CASE WHEN " + x->sql + " = " + y->sql + " THEN 0 WHEN " + f.d().ordinal(x->sql) +
                     " < " + f.d().ordinal(y->sql) + " THEN -1 ELSE 1 END)",
                 KType::Long};  // long, as Kusto.Language types strcmp()
}
std::optional<SqlExpr> string_size(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  std::string bytes = f.postgres() ? "octet_length(" + s->sql + ")::bigint"
                                   : "length(CAST(" + s->sql + " AS BLOB))";
  return SqlExpr{bytes, KType::Long};
}
std::optional<SqlExpr> tohex(FunctionCall& f) {
  if (!f.nargs(1, 2)) return std::nullopt;
  if (!integral_arg(f, 0)) return std::nullopt;
  if (f.n() == 2 && !integral_arg(f, 1)) return std::nullopt;
  // An int prints as its 32-bit two's complement, a long as 64-bit (tohex(toint(-256), 8)).
  std::string bits = f.a[0].type == KType::Int ? "32" : "64";
  return SqlExpr{f.helper("kql_tohex", {f.a[0].sql, bits, f.n() == 2 ? f.a[1].sql : "0"}),
                 KType::String};
}
std::optional<SqlExpr> toguid(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  if (f.a[0].type == KType::Guid) return f.a[0];
  if (f.a[0].type != KType::String && f.a[0].type != KType::Dynamic)
    return f.type_err(0, "a string");
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_toguid", {s->sql}), KType::Guid};
}

// ----- searching ---------------------------------------------------------------------------

// indexof(source, lookup [, start [, length [, occurrence]]]): a negative start counts from the
// end; each further occurrence is searched from one past the previous match, over `length`
// characters again (the docs' example indexof("abcdefgabcdefg", "cde", 1, 10, 2) == 9).
std::optional<SqlExpr> indexof(FunctionCall& f) {
  if (!f.nargs(2, 5)) return std::nullopt;
  auto s = scalar_str(f, 0);
  if (!s) return std::nullopt;
  auto x = scalar_str(f, 1);
  if (!x) return std::nullopt;
  std::string extra[3] = {"0", "-1", "1"};
  for (size_t i = 2; i < f.n(); ++i) {
    if (!integral_arg(f, i)) return std::nullopt;
    extra[i - 2] = f.a[i].sql;
  }
  return SqlExpr{f.helper("kql_indexof", {s->sql, x->sql, extra[0], extra[1], extra[2]}),
                 KType::Long};
}
// indexof_regex(source, regex [, start [, length [, occurrence]]]): matches don't overlap; a
// negative start, a length below -1 or an occurrence below 1 give null.
std::optional<SqlExpr> indexof_regex(FunctionCall& f) {
  if (!f.nargs(2, 5)) return std::nullopt;
  auto s = f.str_arg(0), p = f.str_arg(1);
  if (!s || !p) return std::nullopt;
  std::string extra[3] = {"0", "-1", "1"};
  for (size_t i = 2; i < f.n(); ++i) {
    if (!integral_arg(f, i)) return std::nullopt;
    extra[i - 2] = f.a[i].sql;
  }
  // The first match starts at the same place in both engines (the leftmost one that matches at
  // all); where later occurrences start depends on where the earlier ones end.
  bool first_only = f.n() < 5 || f.a[4].sql == "1";
  auto pattern = f.t.regex_pattern(f.call->args[1], *p, !first_only, nullptr);
  if (!pattern) return std::nullopt;
  return SqlExpr{f.helper("kql_indexof_regex", {s->sql, *pattern, extra[0], extra[1], extra[2]}),
                 KType::Long};
}

// True when every match of the RE2 pattern p is exactly one character, and PostgreSQL's regex
// engine picks the same characters: one literal character, an escaped punctuation character,
// or a bracket expression of literal characters and ranges. (Longer patterns are matched
// leftmost-longest by PostgreSQL but leftmost-first by RE2, so where the matches start, and
// hence their count, can differ; `.` and `\w`-style classes differ on newlines and non-ASCII.)
bool one_character_pattern(const std::string& p) {
  auto punct = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; };
  if (p.size() == 1) return !std::strchr(".^$*+?()[]{}|\\", p[0]);
  if (p.size() == 2 && p[0] == '\\') return punct(p[1]);
  if (p.size() < 3 || p.front() != '[' || p.back() != ']') return false;
  size_t i = 1;
  if (p[i] == '^') ++i;
  if (i + 1 >= p.size()) return false;  // "[]" or "[^]"
  for (; i + 1 < p.size(); ++i) {
    char c = p[i];
    if (c == '[' || c == ']') return false;  // [:alpha:] and friends, nested brackets
    if (c == '\\') {
      if (i + 2 >= p.size() || !punct(p[i + 1])) return false;  // \d, \w, \n, ...
      ++i;
    }
  }
  return true;
}

// countof(source, search [, kind]): "Plain string matches may overlap; regex matches don't"
// (the reference's examples: countof("aaaa", "aa") is 3, countof("ababa", "aba", "regex") is 1).
// Plain matches compare characters exactly. The kind must be a literal; a regex is translated
// when each match is one character (one_character_pattern). An empty search string is not
// documented: the query fails on it.
std::optional<SqlExpr> countof(FunctionCall& f) {
  if (!f.nargs(2, 3)) return std::nullopt;
  bool regex = false;
  if (f.n() == 3) {
    const ast::Literal* k = f.string_literal(2);
    if (!k || (k->value != "normal" && k->value != "regex"))
      return f.unsupported("the kind must be the literal \"normal\" or \"regex\"");
    regex = k->value == "regex";
  }
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  if (regex) {
    const ast::Literal* pl = f.string_literal(1);
    if (!pl) return f.unsupported("the regular expression must be a string literal");
    if (!one_character_pattern(pl->value))
      return f.unsupported(
          "a regex is translated only when each match is one character: where longer matches "
          "start depends on the regex engine (RE2 leftmost-first, PostgreSQL leftmost-longest)");
    return SqlExpr{f.helper("kql_countof_regex", {s->sql, f.lit(pl->value)}), KType::Long};
  }
  auto x = f.str_arg(1);
  if (!x) return std::nullopt;
  return SqlExpr{f.helper("kql_countof", {s->sql, x->sql}), KType::Long};
}

// The pattern with named groups (?P<n>...) / (?<n>...) made plain, and the capture groups'
// names by number (1-based; "" for unnamed). PostgreSQL's regex has no named groups.
struct RegexGroups {
  std::string pattern;
  std::vector<std::string> names;
};
RegexGroups regex_groups(const std::string& p) {
  RegexGroups out;
  bool in_class = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      out.pattern += p.substr(i, 2);
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out.pattern += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.pattern += c;
      if (i + 1 < p.size() && p[i + 1] == '^') out.pattern += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out.pattern += p[++i];
      continue;
    }
    if (c == '(') {
      size_t name_at = std::string::npos;
      if (p.compare(i, 4, "(?P<") == 0)
        name_at = i + 4;
      else if (p.compare(i, 3, "(?<") == 0 && i + 3 < p.size() && p[i + 3] != '=' &&
               p[i + 3] != '!')
        name_at = i + 3;
      if (name_at != std::string::npos) {
        size_t close = p.find('>', name_at);
        if (close != std::string::npos) {
          out.names.push_back(p.substr(name_at, close - name_at));
          out.pattern += '(';
          i = close;
          continue;
        }
      }
      if (i + 1 >= p.size() || p[i + 1] != '?') out.names.push_back("");
    }
    out.pattern += c;
  }
  return out;
}

// extract_all(regex, [captureGroups,] source): every match's groups. The regex must be a
// literal (its named groups are resolved here), and so must the group list.
std::optional<SqlExpr> extract_all(FunctionCall& f) {
  if (!f.nargs(2, 3)) return std::nullopt;
  const ast::Literal* pl = f.string_literal(0);
  if (!pl) return f.unsupported("the regular expression must be a string literal");
  RegexGroups rg = regex_groups(pl->value);
  nlohmann::json groups = nlohmann::json::array();
  if (f.n() == 3) {
    auto* gl = f.call->args[1]->kind == NodeKind::Literal
                   ? static_cast<const ast::Literal*>(f.call->args[1])
                   : nullptr;
    std::optional<nlohmann::json> list;
    if (gl && gl->literal_kind == LiteralKind::Dynamic) list = parse_dynamic_literal(gl->value);
    if (!list || !list->is_array())
      return f.unsupported("the capture groups must be a dynamic array literal");
    for (auto& g : *list) {
      if (g.is_number_integer()) {
        groups.push_back(g.get<int64_t>());
      } else if (g.is_string()) {
        size_t k = 0;
        while (k < rg.names.size() && rg.names[k] != g.get<std::string>()) ++k;
        if (k == rg.names.size())
          return f.unsupported("no capture group is named '" + g.get<std::string>() + "'");
        groups.push_back(static_cast<int64_t>(k + 1));
      } else {
        return f.unsupported("capture groups are numbers or names");
      }
    }
  }
  auto s = f.str_arg(f.n() - 1);
  if (!s) return std::nullopt;
  auto pattern =
      f.t.regex_pattern(f.call->args[0], SqlExpr{f.lit(rg.pattern), KType::String}, true, nullptr);
  if (!pattern) return std::nullopt;
  return SqlExpr{
      f.helper("kql_extract_all", {*pattern, f.d().dynamic_literal(groups.dump()), s->sql}),
      KType::Dynamic};
}

std::optional<SqlExpr> has_any_index(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  if (f.a[1].type != KType::Dynamic) return f.type_err(1, "a dynamic array");
  return SqlExpr{f.helper("kql_has_any_index", {s->sql, f.a[1].sql}), KType::Long};
}

// ----- rewriting ---------------------------------------------------------------------------

std::optional<SqlExpr> replace_string(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto s = f.str_arg(0), x = f.str_arg(1), y = f.str_arg(2);
  if (!s || !x || !y) return std::nullopt;
  return SqlExpr{"(CASE WHEN " + x->sql + " = '' THEN " + s->sql + " ELSE replace(" + s->sql +
                     ", " + x->sql + ", " + y->sql + ") END)",
                 KType::String};
}
// replace(regex, rewrite, text): the deprecated form of replace_regex(text, regex, rewrite).
std::optional<SqlExpr> replace_deprecated(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto p = f.str_arg(0), r = f.str_arg(1), s = f.str_arg(2);
  if (!p || !r || !s) return std::nullopt;
  return SqlExpr{f.helper("kql_replace_regex", {s->sql, p->sql, r->sql}), KType::String};
}
std::optional<SqlExpr> replace_strings(FunctionCall& f) {
  if (!f.nargs(3, 3)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  if (f.a[1].type != KType::Dynamic) return f.type_err(1, "a dynamic array");
  if (f.a[2].type != KType::Dynamic) return f.type_err(2, "a dynamic array");
  return SqlExpr{f.helper("kql_replace_strings", {s->sql, f.a[1].sql, f.a[2].sql}), KType::String};
}

// ----- unicode and CSV ---------------------------------------------------------------------

std::optional<SqlExpr> unicode_codepoints_from_string(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_codepoints_from", {s->sql}), KType::Dynamic};
}
// unicode_codepoints_to_string(v1, v2, ...): each argument a code point or an array of them.
std::optional<SqlExpr> unicode_codepoints_to_string(FunctionCall& f) {
  if (f.n() < 1) return f.unsupported("needs at least one argument");
  std::string parts;
  for (size_t i = 0; i < f.n(); ++i) {
    if (!is_integral(f.a[i].type) && f.a[i].type != KType::Dynamic)
      return f.type_err(i, "a code point or a dynamic array of code points");
    parts += (i ? ", " : "") + f.d().to_dynamic(f.a[i].sql, f.a[i].type);
  }
  return SqlExpr{f.t.helper("kql_codepoints_to") + "(" + parts + ")", KType::String};
}
std::optional<SqlExpr> parse_csv(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_parse_csv", {s->sql}), KType::Dynamic};
}

// ----- rejected by name --------------------------------------------------------------------

std::optional<SqlExpr> reject_compress(FunctionCall& f) {
  return f.unsupported(
      "PostgreSQL has no gzip/zlib (de)compression, and Kusto's exact "
      "compressed bytes (header, level) are not documented");
}
std::optional<SqlExpr> reject_sha1(FunctionCall& f) {
  return f.unsupported("PostgreSQL has no SHA-1 without the pgcrypto extension");
}
std::optional<SqlExpr> reject_hash_combine(FunctionCall& f) {
  return f.unsupported("Kusto's algorithm for combining hashes is not documented");
}
std::optional<SqlExpr> reject_parse_version(FunctionCall& f) {
  return f.unsupported("it returns a decimal, which the SQL backend does not represent");
}
// url_decode(s): percent-escapes decoded as UTF-8 bytes ("https%3a%2f%2f..." in the reference).
// '+' (a space in form encoding, itself in a URL path), a malformed escape, and bytes that are
// not UTF-8 text (or a NUL) are not documented: the query fails on them.
std::optional<SqlExpr> url_decode(FunctionCall& f) {
  if (!f.nargs(1, 1)) return std::nullopt;
  auto s = f.str_arg(0);
  if (!s) return std::nullopt;
  return SqlExpr{f.helper("kql_url_decode", {s->sql}), KType::String};
}
std::optional<SqlExpr> reject_format_bytes(FunctionCall& f) {
  return f.unsupported(
      "Kusto's rounding and trailing-zero rules for the printed size are "
      "not documented");
}

}  // namespace

std::span<const SqlFunction> string_functions() {
  static const SqlFunction kFunctions[] = {
      {"base64_encode_tostring", base64_encode_tostring},
      {"base64_encodestring", base64_encode_tostring},
      {"base64_decode_tostring", base64_decode_tostring},
      {"base64_decodestring", base64_decode_tostring},
      {"base64_decode_toarray", base64_decode_toarray},
      {"base64_encode_fromarray", base64_encode_fromarray},
      {"hash_md5", hash_md5},
      {"hash_sha256", hash_sha256},
      {"hash_sha1", reject_sha1},
      {"hash", hash_xxhash64},
      {"hash_xxhash64", hash_xxhash64},
      {"hash_combine", reject_hash_combine},
      {"hash_many", reject_hash_combine},
      {"strcmp", strcmp_fn},
      {"string_size", string_size},
      {"tohex", tohex},
      {"toguid", toguid},
      {"indexof", indexof},
      {"indexof_regex", indexof_regex},
      {"extract_all", extract_all},
      {"countof", countof},
      {"url_decode", url_decode},
      {"has_any_index", has_any_index},
      {"replace_string", replace_string},
      {"replace", replace_deprecated},
      {"replace_strings", replace_strings},
      {"unicode_codepoints_from_string", unicode_codepoints_from_string},
      {"unicode_codepoints_to_string", unicode_codepoints_to_string},
      {"parse_csv", parse_csv},
      {"parse_version", reject_parse_version},
      {"format_bytes", reject_format_bytes},
      {"gzip_compress_to_base64_string", reject_compress},
      {"gzip_decompress_from_base64_string", reject_compress},
      {"zlib_compress_to_base64_string", reject_compress},
      {"zlib_decompress_from_base64_string", reject_compress},
  };
  return kFunctions;
}

std::string_view string_functions_postgres() {
  return R"SQL(CREATE OR REPLACE FUNCTION pg_temp.kql_b64_enc(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT replace(encode(convert_to(coalesce(s,''), 'UTF8'), 'base64'), E'\n', '') $$;
-- Strict base64 as .NET decodes it: whitespace ignored, groups of four, padding only at the end.
CREATE OR REPLACE FUNCTION pg_temp.kql_b64_bytes(s text) RETURNS bytea LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN t ~ '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$' THEN decode(t, 'base64') END
   FROM (SELECT translate(coalesce(s,''), E' \t\r\n', '') AS t) x $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_b64_dec_str(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN RETURN coalesce(convert_from(pg_temp.kql_b64_bytes(s), 'UTF8'), '');
EXCEPTION WHEN others THEN RETURN ''; END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_b64_dec_arr(s text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN b IS NOT NULL THEN coalesce((SELECT jsonb_agg(get_byte(b, i) ORDER BY i)
     FROM generate_series(0, length(b) - 1) i), '[]'::jsonb) END
   FROM (SELECT pg_temp.kql_b64_bytes(s) AS b) x $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_b64_from_arr(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN jsonb_typeof(j) <> 'array' OR j IS NULL THEN ''
     WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(j) e(v) WHERE jsonb_typeof(v) <> 'number'
                  OR v::text !~ '^[0-9]{1,3}$' OR v::text::int > 255) THEN ''
     ELSE coalesce(replace(encode(decode((SELECT string_agg(lpad(to_hex(v::text::int), 2, '0'), '' ORDER BY n)
       FROM jsonb_array_elements(j) WITH ORDINALITY e(v, n)), 'hex'), 'base64'), E'\n', ''), '') END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_md5(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT md5(coalesce(s,'')) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_sha256(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT encode(sha256(convert_to(coalesce(s,''), 'UTF8')), 'hex') $$;
-- xxHash64 over bigints holding unsigned 64-bit words: products and sums wrap through numeric.
CREATE OR REPLACE FUNCTION pg_temp.kql_u64(b bigint) RETURNS numeric LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN b < 0 THEN b::numeric + 18446744073709551616 ELSE b::numeric END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_s64(n numeric) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN m >= 9223372036854775808 THEN (m - 18446744073709551616)::bigint ELSE m::bigint END
   FROM (SELECT mod(n, 18446744073709551616) AS m) x $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_mul64(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_s64(pg_temp.kql_u64(a) * pg_temp.kql_u64(b)) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_add64(a bigint, b bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_s64(pg_temp.kql_u64(a) + pg_temp.kql_u64(b)) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_shr64(a bigint, r int) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT (a >> r) & ~((-1)::bigint << (64 - r)) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_rotl64(a bigint, r int) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT (a << r) | pg_temp.kql_shr64(a, 64 - r) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xxr(acc bigint, v bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_mul64(pg_temp.kql_rotl64(pg_temp.kql_add64(acc, pg_temp.kql_mul64(v, -4417276706812531889)), 31),
                            -7046029288634856825) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xxm(acc bigint, v bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_add64(pg_temp.kql_mul64(acc # pg_temp.kql_xxr(0, v), -7046029288634856825), -8796714831421723037) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xx8(h bigint, v bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_add64(pg_temp.kql_mul64(pg_temp.kql_rotl64(h # pg_temp.kql_xxr(0, v), 27), -7046029288634856825),
                            -8796714831421723037) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xxfin(h bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  h := h # pg_temp.kql_shr64(h, 33); h := pg_temp.kql_mul64(h, -4417276706812531889);
  h := h # pg_temp.kql_shr64(h, 29); h := pg_temp.kql_mul64(h, 1609587929392839161);
  RETURN h # pg_temp.kql_shr64(h, 32);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_le64(b bytea, i int) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE v bigint := 0; BEGIN
  FOR k IN REVERSE 7..0 LOOP v := (v << 8) | get_byte(b, i + k); END LOOP;
  RETURN v;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xxh64(b bytea) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n int := length(b); i int := 0; h bigint; v1 bigint; v2 bigint; v3 bigint; v4 bigint; BEGIN
  IF n >= 32 THEN
    v1 := 6983438078262162902; v2 := -4417276706812531889; v3 := 0; v4 := 7046029288634856825;
    WHILE i + 32 <= n LOOP
      v1 := pg_temp.kql_xxr(v1, pg_temp.kql_le64(b, i)); v2 := pg_temp.kql_xxr(v2, pg_temp.kql_le64(b, i + 8));
      v3 := pg_temp.kql_xxr(v3, pg_temp.kql_le64(b, i + 16)); v4 := pg_temp.kql_xxr(v4, pg_temp.kql_le64(b, i + 24));
      i := i + 32;
    END LOOP;
    h := pg_temp.kql_add64(pg_temp.kql_add64(pg_temp.kql_rotl64(v1, 1), pg_temp.kql_rotl64(v2, 7)),
                           pg_temp.kql_add64(pg_temp.kql_rotl64(v3, 12), pg_temp.kql_rotl64(v4, 18)));
    h := pg_temp.kql_xxm(pg_temp.kql_xxm(pg_temp.kql_xxm(pg_temp.kql_xxm(h, v1), v2), v3), v4);
  ELSE
    h := 2870177450012600261;
  END IF;
  h := pg_temp.kql_add64(h, n);
  WHILE i + 8 <= n LOOP h := pg_temp.kql_xx8(h, pg_temp.kql_le64(b, i)); i := i + 8; END LOOP;
  IF i + 4 <= n THEN
    h := pg_temp.kql_add64(pg_temp.kql_mul64(pg_temp.kql_rotl64(h # pg_temp.kql_mul64(
           get_byte(b, i)::bigint | (get_byte(b, i + 1)::bigint << 8) | (get_byte(b, i + 2)::bigint << 16)
           | (get_byte(b, i + 3)::bigint << 24), -7046029288634856825), 23), -4417276706812531889), 1609587929392839161);
    i := i + 4;
  END IF;
  WHILE i < n LOOP
    h := pg_temp.kql_mul64(pg_temp.kql_rotl64(h # pg_temp.kql_mul64(get_byte(b, i), 2870177450012600261), 11),
                           -7046029288634856825);
    i := i + 1;
  END LOOP;
  RETURN pg_temp.kql_xxfin(h);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xxh64_str(s text) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_xxh64(convert_to(coalesce(s,''), 'UTF8')) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_xxh64_i8(t bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT pg_temp.kql_xxfin(pg_temp.kql_xx8(pg_temp.kql_add64(2870177450012600261, 8), t)) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_hash_mod(h bigint, m bigint) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN
  IF h IS NULL OR m IS NULL OR m <= 0 THEN RETURN NULL; END IF;
  IF h < 0 THEN RAISE EXCEPTION 'kql_hash_mod: hash(x, mod) of a negative hash is not reproduced'; END IF;
  RETURN mod(h, m);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_indexof(s text, x text, st bigint, ln bigint, occ bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint; e bigint; p bigint; idx bigint := -1; BEGIN
  IF st IS NULL OR ln IS NULL OR occ IS NULL OR occ <= 0 OR ln < -1 THEN RETURN NULL; END IF;
  s := coalesce(s, ''); x := coalesce(x, ''); n := char_length(s);
  IF st < 0 THEN st := greatest(0, n + st); END IF;
  FOR k IN 1..occ LOOP
    IF st > n THEN RETURN -1; END IF;
    e := CASE WHEN ln < 0 THEN n ELSE least(n, st + ln) END;
    p := strpos(substr(s, (st + 1)::int, (e - st)::int), x);
    IF p = 0 THEN RETURN -1; END IF;
    idx := st + p - 1; st := idx + 1;
  END LOOP;
  RETURN idx;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_indexof_regex(s text, pat text, st bigint, ln bigint, occ bigint) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE r int; BEGIN
  IF st IS NULL OR ln IS NULL OR occ IS NULL OR st < 0 OR occ <= 0 OR ln < -1 THEN RETURN NULL; END IF;
  s := coalesce(s, '');
  IF st > char_length(s) THEN RETURN -1; END IF;
  r := regexp_instr(CASE WHEN ln < 0 THEN substr(s, (st + 1)::int) ELSE substr(s, (st + 1)::int, ln::int) END,
                    pat, 1, occ::int);
  RETURN CASE WHEN r = 0 THEN -1 ELSE st + r - 1 END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_url_decode(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE b bytea := ''::bytea; i int := 1; n int; c text; BEGIN
  s := coalesce(s, ''); n := char_length(s);
  IF position('+' in s) > 0 THEN
    RAISE EXCEPTION 'url_decode: whether + stands for a space is not documented';
  END IF;
  WHILE i <= n LOOP
    c := substr(s, i, 1);
    IF c = '%' THEN
      IF substr(s, i + 1, 2) !~ '^[0-9A-Fa-f]{2}$' THEN
        RAISE EXCEPTION 'url_decode: a malformed percent escape';
      END IF;
      IF lower(substr(s, i + 1, 2)) = '00' THEN RAISE EXCEPTION 'url_decode: a NUL byte'; END IF;
      b := b || decode(substr(s, i + 1, 2), 'hex'); i := i + 3;
    ELSE
      b := b || convert_to(c, 'UTF8'); i := i + 1;
    END IF;
  END LOOP;
  RETURN convert_from(b, 'UTF8');  -- fails on bytes that are not UTF-8
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_countof(s text, x text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE n bigint := 0; p int; BEGIN
  s := coalesce(s, ''); x := coalesce(x, '');
  IF x = '' THEN RAISE EXCEPTION 'countof: the count of an empty search string is not documented'; END IF;
  LOOP
    p := strpos(s, x);
    EXIT WHEN p = 0;
    n := n + 1; s := substr(s, p + 1);
  END LOOP;
  RETURN n;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_countof_regex(s text, pat text) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT regexp_count(coalesce(s, ''), pat)::bigint $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_extract_all(pat text, groups jsonb, t text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE m text[]; ng int; cols int[]; r jsonb; out jsonb := '[]'::jsonb; BEGIN
  FOR m IN SELECT regexp_matches(coalesce(t, ''), pg_temp.kql_group_all(pat), 'g') LOOP
    ng := array_length(m, 1) - 1;
    IF jsonb_array_length(groups) > 0 THEN
      SELECT array_agg(v::text::int ORDER BY n) INTO cols FROM jsonb_array_elements(groups) WITH ORDINALITY e(v, n);
      IF EXISTS (SELECT 1 FROM unnest(cols) c WHERE c < 0 OR c > ng) THEN RETURN NULL; END IF;
    ELSIF ng = 0 THEN cols := ARRAY[0];
    ELSE SELECT array_agg(g ORDER BY g) INTO cols FROM generate_series(1, ng) g;
    END IF;
    IF array_length(cols, 1) = 1 THEN
      out := out || jsonb_build_array(coalesce(m[cols[1] + 1], ''));
    ELSE
      SELECT jsonb_agg(coalesce(m[c + 1], '') ORDER BY n) INTO r FROM unnest(cols) WITH ORDINALITY u(c, n);
      out := out || jsonb_build_array(r);
    END IF;
  END LOOP;
  RETURN CASE WHEN out = '[]'::jsonb THEN NULL ELSE out END;
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_has_any_index(t text, j jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce((SELECT min(n) - 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(j) = 'array' THEN j
     ELSE '[]'::jsonb END) WITH ORDINALITY e(v, n) WHERE pg_temp.kql_has(t, pg_temp.kql_dyn_tostring(v), 0)), -1) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_replace_strings(t text, l jsonb, r jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE ats int[] := '{}'; lens int[] := '{}'; bys text[] := '{}'; x text; rw text; p int; q int; at int;
  free boolean; out text := ''; pos int := 1; rec record; BEGIN
  t := coalesce(t, '');
  IF jsonb_typeof(l) IS DISTINCT FROM 'array' THEN RETURN t; END IF;
  FOR i IN 0..jsonb_array_length(l) - 1 LOOP
    CONTINUE WHEN jsonb_typeof(l -> i) <> 'string' OR (l ->> i) = '';
    x := l ->> i;
    rw := CASE WHEN jsonb_typeof(r) = 'array' AND jsonb_typeof(r -> i) = 'string' THEN r ->> i END;
    p := 1;
    LOOP
      q := strpos(substr(t, p), x);
      EXIT WHEN q = 0;
      at := p + q - 1;
      free := NOT EXISTS (SELECT 1 FROM unnest(ats, lens) u(a, n) WHERE at < u.a + u.n AND u.a < at + char_length(x));
      IF free THEN
        ats := ats || at; lens := lens || char_length(x); bys := bys || rw; p := at + char_length(x);
      ELSE
        p := at + 1;
      END IF;
    END LOOP;
  END LOOP;
  FOR rec IN SELECT * FROM unnest(ats, lens, bys) u(a, n, b) ORDER BY u.a LOOP
    out := out || substr(t, pos, rec.a - pos) || coalesce(rec.b, substr(t, rec.a, rec.n));
    pos := rec.a + rec.n;
  END LOOP;
  RETURN out || substr(t, pos);
END $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_tohex(v bigint, bits int, minlen bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN v IS NULL THEN '' WHEN char_length(h) < coalesce(minlen, 0) THEN lpad(h, minlen::int, '0') ELSE h END
   FROM (SELECT to_hex(CASE WHEN bits = 32 THEN v & 4294967295 ELSE v END) AS h) x $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_toguid(s text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN h ~ '^[0-9a-f]{32}$' THEN substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-' || substr(h, 13, 4)
     || '-' || substr(h, 17, 4) || '-' || substr(h, 21) ELSE '' END
   FROM (SELECT CASE WHEN coalesce(s, '') ~ '^[0-9A-Fa-f-]*$' THEN lower(replace(s, '-', '')) ELSE '' END AS h) x $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_codepoints_from(s text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS
$$ SELECT coalesce((SELECT jsonb_agg(ascii(c) ORDER BY n) FROM regexp_split_to_table(coalesce(s, ''), '')
     WITH ORDINALITY x(c, n) WHERE c <> ''), '[]'::jsonb) $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_codepoints_to(VARIADIC parts jsonb[]) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN bool_and(ok) THEN coalesce(string_agg(chr(cp::int), '' ORDER BY i, n), '') ELSE '' END
   FROM (SELECT i, n, v::text ~ '^[0-9]+$' AND v::text::numeric BETWEEN 1 AND 1114111
                AND v::text::numeric NOT BETWEEN 55296 AND 57343 AS ok,
                CASE WHEN v::text ~ '^[0-9]+$' AND v::text::numeric BETWEEN 1 AND 1114111 THEN v::text::numeric END AS cp
         FROM unnest(parts) WITH ORDINALITY p(j, i),
              LATERAL (SELECT e.v, e.n FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p.j) = 'array' THEN p.j
                         ELSE jsonb_build_array(p.j) END) WITH ORDINALITY e(v, n)) x) y $$;
CREATE OR REPLACE FUNCTION pg_temp.kql_parse_csv(t text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS
$$ DECLARE out jsonb := '[]'::jsonb; f text := ''; q boolean := false; i int := 1; n int; c text; BEGIN
  t := coalesce(t, ''); n := char_length(t);
  WHILE i <= n LOOP
    c := substr(t, i, 1);
    IF q THEN
      IF c = '"' THEN
        IF substr(t, i + 1, 1) = '"' THEN f := f || '"'; i := i + 1; ELSE q := false; END IF;
      ELSE f := f || c;
      END IF;
    ELSIF c = '"' THEN q := true;
    ELSIF c = ',' THEN out := out || to_jsonb(f); f := '';
    ELSIF c = E'\n' OR (c = E'\r' AND substr(t, i + 1, 1) = E'\n') THEN EXIT;
    ELSE f := f || c;
    END IF;
    i := i + 1;
  END LOOP;
  RETURN out || to_jsonb(f);
END $$;
)SQL";
}

}  // namespace kql::sql
