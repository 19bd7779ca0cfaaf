// Function family 'json_text' (see families.h): extract_json() over JSON text, as MDE hunting
// rules read AdditionalFields with it (`extractjson("$.Command", AdditionalFields,
// typeof(string))`; extractjson is the documented equivalent, translated as an alias).
//
// The reference says extract_json "gets a specified element out of a JSON text using a path
// expression" and "optionally converts the extracted string" to the requested type. What follows
// from that, and what this translation does:
//   - the path must be a literal of `$`, `.name`, `['name']` and `[index]` steps (JSONPath);
//     wildcards, filters and slices are rejected by name;
//   - a missing element gives the empty string, or null for the other types: the extracted
//     "string" is absent, and converting nothing gives the type's null either way;
//   - a JSON string element is its value; converted with the KQL conversion of a string
//     (tolong("30") and so on);
//   - a JSON number converts to real, and to long/int when written as a whole number; a JSON
//     true/false to bool. Everything else - the text Kusto extracts for a number, bool, null,
//     object or array when a string is wanted, numbers with a fraction or an exponent for
//     long/int - is not documented, and the query fails there, as it does on a source that is
//     not valid JSON and on an object that holds the wanted key twice.
// SQLite reads the text with json_valid/json_type/json_extract, PostgreSQL with the json type
// (not jsonb, which would rewrite numbers such as 1e2 before they are checked).
#include <cctype>

#include "backend/sql/functions/families.h"

namespace kql::sql {

namespace {

// One JSONPath step: a member name or an array index.
struct Step {
  bool index = false;
  std::string name;
  long long at = 0;
};

// The steps of `$`, `.name`, `['name']`, `["name"]` and `[index]`, or nullopt.
std::optional<std::vector<Step>> parse_path(const std::string& p) {
  if (p.empty() || p[0] != '$') return std::nullopt;
  std::vector<Step> steps;
  size_t i = 1;
  while (i < p.size()) {
    if (p[i] == '.') {
      size_t start = ++i;
      while (i < p.size() && (std::isalnum(static_cast<unsigned char>(p[i])) || p[i] == '_' ||
                              static_cast<unsigned char>(p[i]) >= 0x80))
        ++i;
      if (i == start) return std::nullopt;  // `..`, `.*`
      steps.push_back({false, p.substr(start, i - start), 0});
    } else if (p[i] == '[') {
      ++i;
      if (i < p.size() && (p[i] == '\'' || p[i] == '"')) {
        char q = p[i++];
        size_t close = p.find(q, i);
        if (close == std::string::npos || close + 1 >= p.size() || p[close + 1] != ']')
          return std::nullopt;
        std::string name = p.substr(i, close - i);
        if (name.find('\\') != std::string::npos) return std::nullopt;
        steps.push_back({false, name, 0});
        i = close + 2;
      } else {
        size_t start = i;
        while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i]))) ++i;
        if (i == start || i - start > 9 || i >= p.size() || p[i] != ']') return std::nullopt;
        steps.push_back({true, "", std::stoll(p.substr(start, i - start))});
        ++i;
      }
    } else {
      return std::nullopt;
    }
  }
  return steps;
}

// SQLite's path text for json_type/json_extract: $."name"[0] (names quoted, so dots and
// brackets in them stay part of the name).
std::string sqlite_path(const std::vector<Step>& steps) {
  std::string out = "$";
  for (auto& s : steps) {
    if (s.index) {
      out += '[';
      out += std::to_string(s.at);
      out += ']';
    } else {
      if (s.name.find('"') != std::string::npos) return "";
      out += ".\"";
      out += s.name;
      out += '"';
    }
  }
  return out;
}

// The translator passes the two value arguments; a third, typeof(T), stays on the call node.
std::optional<SqlExpr> extract_json(FunctionCall& f) {
  if (!f.nargs(2, 2)) return std::nullopt;
  const ast::Literal* pl = f.string_literal(0);
  if (!pl) return f.unsupported("the JSONPath must be a string literal");
  auto steps = parse_path(pl->value);
  std::string spath = steps ? sqlite_path(*steps) : "";
  if (!steps || spath.empty())
    return f.unsupported("only JSONPaths of $, .name, ['name'] and [index] steps are translated");
  KType want = KType::String;
  if (f.call->args.size() == 3) {
    const ast::Expr* t = f.call->args[2];
    if (t->kind != ast::NodeKind::TypeofExpr) return f.unsupported("the type must be typeof(...)");
    const std::string& name = static_cast<const ast::TypeofExpr*>(t)->type;
    if (name == "string")
      want = KType::String;
    else if (name == "long")
      want = KType::Long;
    else if (name == "int")
      want = KType::Int;
    else if (name == "real" || name == "double")
      want = KType::Real;
    else if (name == "bool" || name == "boolean")
      want = KType::Bool;
    else if (name == "datetime" || name == "date")
      want = KType::DateTime;
    else
      return f.unsupported("conversion to " + name + " is not translated");
  }
  auto src = f.str_arg(1);
  if (!src) return std::nullopt;
  const bool pg = f.postgres();
  const Dialect& d = f.d();

  // The element (json on PostgreSQL, its SQL value on SQLite), its JSON kind, its text, and
  // whether an object on the way holds the wanted key twice (SQLite reads the first, PostgreSQL
  // the last, Kusto's choice is not documented: the query fails).
  std::string elem, kind, text, is_whole, valid, duplicate = "(0";
  if (pg) {
    elem = "CAST(" + src->sql + " AS json)";
    for (auto& s : *steps) {
      if (!s.index)
        duplicate += " + (CASE WHEN json_typeof(" + elem +
                     ") = 'object' THEN (SELECT count(*) FROM json_each(" + elem +
                     ") AS kv WHERE kv.key = " + f.lit(s.name) + ") ELSE 0 END > 1)::int";
      elem = "(" + elem + " -> " + (s.index ? std::to_string(s.at) : f.lit(s.name)) + ")";
    }
    kind = "json_typeof(" + elem + ")";  // string number boolean null object array, or NULL
    text = "(" + elem + " #>> '{}')";
    is_whole = "(CAST(" + elem + " AS text) ~ '^-?[0-9]+$')";
    valid = "TRUE";  // the cast fails the query on text that is not JSON
  } else {
    std::vector<Step> parent;
    for (auto& s : *steps) {
      if (!s.index)
        duplicate += " + ((SELECT count(*) FROM json_each(" + src->sql + ", " +
                     f.lit(sqlite_path(parent)) + ") AS kv WHERE json_type(" + src->sql + ", " +
                     f.lit(sqlite_path(parent)) + ") = 'object' AND kv.key = " + f.lit(s.name) +
                     ") > 1)";
      parent.push_back(s);
    }
    std::string p = f.lit(spath);
    kind = "(CASE json_type(" + src->sql + ", " + p +
           ") WHEN 'text' THEN 'string' WHEN 'integer' THEN 'number' WHEN 'real' THEN 'number' "
           "WHEN 'true' THEN 'boolean' WHEN 'false' THEN 'boolean' ELSE json_type(" +
           src->sql + ", " + p + ") END)";
    text = "json_extract(" + src->sql + ", " + p + ")";
    is_whole = "(json_type(" + src->sql + ", " + p + ") = 'integer')";
    valid = "json_valid(" + src->sql + ")";
  }
  auto fail = [&](const std::string& why) {
    std::string msg = f.lit("extract_json: " + why);
    if (want == KType::Bool) return f.helper("kql_fail_bool", {msg});
    if (want == KType::Real) return f.helper("kql_fail_real", {msg});
    return d.cast(f.helper("kql_fail_long", {msg}), want);
  };
  const std::string not_json = fail("the source is not JSON text");
  const std::string undocumented =
      fail("the extracted text of this element, or its conversion, is not documented");
  auto from_string = [&](const std::string& s) -> std::string {
    switch (want) {
      case KType::String:
        return s;
      case KType::Long:
      case KType::Int:
        return f.helper("kql_dyn_tolong", {d.to_dynamic(s, KType::String)});
      case KType::Real:
        return f.helper("kql_dyn_toreal", {d.to_dynamic(s, KType::String)});
      case KType::Bool:
        return f.helper("kql_dyn_tobool", {d.to_dynamic(s, KType::String)});
      default:
        return f.helper("kql_todatetime", {s});
    }
  };
  std::string number;  // a JSON number converted, where documented
  if (want == KType::Real) number = d.cast(text, KType::Real);
  if (want == KType::Long || want == KType::Int)
    number = "(CASE WHEN " + is_whole + " THEN " + d.cast(text, KType::Long) + " ELSE " +
             undocumented + " END)";
  duplicate += ") > 0";
  std::string sql = "(CASE WHEN NOT " + valid + " THEN " + not_json + " WHEN " + duplicate +
                    " THEN " + fail("an object holds the wanted key more than once") + " WHEN " +
                    kind + " IS NULL THEN " + (want == KType::String ? "''" : d.typed_null(want)) +
                    " WHEN " + kind + " = 'string' THEN " + from_string(text);
  if (!number.empty()) sql += " WHEN " + kind + " = 'number' THEN " + number;
  if (want == KType::Bool)
    sql += " WHEN " + kind + " = 'boolean' THEN " +
           (pg ? "CAST(" + text + " AS boolean)" : "(" + text + " <> 0)");
  sql += " ELSE " + undocumented + " END)";
  return SqlExpr{sql, want};
}

}  // namespace

std::span<const SqlFunction> json_text_functions() {
  static const SqlFunction kFunctions[] = {
      {"extract_json", extract_json},
  };
  return kFunctions;
}

// No helpers of its own: the SQL json functions, kql_fail_long and the kql_dyn_* conversions.
std::string_view json_text_functions_postgres() { return ""; }

}  // namespace kql::sql
