// parse and parse-where (kind=simple, the default). Kusto turns the pattern into a regular
// expression (`*` -> `.*?`, a string column -> `(.*?)`, or `(.*)` when it ends the pattern, a
// long -> digits) matched from the start of the text by RE2. The kql_parse helper walks the
// same pattern the same way on both engines (run/sqlite_fn_parse.cpp, functions/parse.cpp)
// and returns the captures; typed columns are converted here. Strict matching: when a typed
// column does not convert, the whole parse fails (every column empty / null).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<Rel> Translator::op_parse(const Rel& in, const ParseOp* op, const ScopePtr& scope) {
  const bool where = op->op_kind == OperatorKind::ParseWhere;
  const char* opname = where ? "parse-where" : "parse";
  for (auto& p : op->params) {
    std::string v = p.value;
    std::transform(v.begin(), v.end(), v.begin(), ::tolower);
    if (p.name == "kind" && v == "simple") continue;
    if (p.name == "kind" && v == "regex") {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", p.value_span,
           std::string(opname) +
               " kind=regex is not translated: Kusto matches with RE2 (leftmost-first), "
               "PostgreSQL's regular expressions assign capture groups by POSIX rules, and the "
               "regular expression Kusto builds for typed columns is not documented");
      return std::nullopt;
    }
    if (p.name == "kind" && v == "relaxed") {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", p.value_span,
           std::string(opname) +
               " kind=relaxed is not translated: how it matches a typed column partially is "
               "not documented");
      return std::nullopt;
    }
    fail(codes::kUnsupportedSyntax, "unsupported-construct", p.name_span,
         std::string(opname) + " parameter " + p.name + " is not translated");
    return std::nullopt;
  }
  struct Column {
    std::string name;
    KType type;
    size_t capture;  // index in the helper's result
  };
  std::vector<Column> columns;
  nlohmann::json spec = nlohmann::json::array();
  for (size_t i = 0; i < op->parts.size(); ++i) {
    const ParsePart& part = op->parts[i];
    if (part.is_star) {
      spec.push_back({"*"});
      continue;
    }
    if (part.is_literal) {
      if (!part.literal->value.empty()) spec.push_back({"l", part.literal->value});
      continue;
    }
    const bool last = i + 1 == op->parts.size();
    std::string kind;
    KType t = KType::String;
    if (!part.type.empty()) {
      auto kt = ktype_from_name(part.type);
      if (!kt) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", part.column_span,
             "unknown type " + part.type);
        return std::nullopt;
      }
      t = *kt;
    }
    switch (t) {
      case KType::String:
        kind = last ? "S" : "s";
        break;
      case KType::Long:
      case KType::Int:
        kind = "n";
        break;
      case KType::DateTime:
        // Kusto's datetime conversion accepts more text forms (US dates, RFC 822 ...) than
        // the translation's ISO 8601 parser: a datetime it reads would fail the whole parse.
        fail(codes::kUnsupportedSyntax, "unsupported-construct", part.column_span,
             std::string(opname) +
                 " into a datetime column is not translated: Kusto reads more datetime forms "
                 "than the translation (ISO 8601 only), and a failed column fails the row");
        return std::nullopt;
      default:
        fail(codes::kUnsupportedSyntax, "unsupported-construct", part.column_span,
             std::string(opname) + " into a " + part.type +
                 " column is not translated: the pattern Kusto matches for that type is not "
                 "documented");
        return std::nullopt;
    }
    if (in.find(part.column) || std::any_of(columns.begin(), columns.end(),
                                            [&](auto& c) { return c.name == part.column; })) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", part.column_span,
           std::string(opname) + " into the existing column '" + part.column +
               "' is not translated");
      return std::nullopt;
    }
    columns.push_back({part.column, t, columns.size()});
    spec.push_back({kind});
  }
  if (columns.empty()) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", op->span,
         std::string(opname) + " without a column is not translated");
    return std::nullopt;
  }
  std::string a = alias(), b = alias(), c = alias();
  RowCtx row{&in.cols, a};
  auto src = expr(op->source, row, scope);
  if (!src) return std::nullopt;
  auto text = as_string(*src);
  if (!text) {
    fail(codes::kUntypedExpression, "untranslatable-types", op->source->span,
         std::string(opname) + " needs a value convertible to a string");
    return std::nullopt;
  }
  const bool pg = d_.kind() == DialectKind::Postgres;
  std::string l1 = "SELECT " + passthrough_list(in, a) + ", " + helper("kql_parse") + "(" +
                   text->sql + ", " + d_.dynamic_literal(spec.dump()) + ") AS \"__m\" FROM (" +
                   in.sql + ") AS " + a;
  std::string l2 = "SELECT " + passthrough_list(in, b) + ", " + col(b, "__m") + " AS \"__m\"";
  std::string ok = col(c, "__m") + " IS NOT NULL";
  for (auto& k : columns) {
    std::string m = col(b, "__m"), n = std::to_string(k.capture);
    std::string cap = pg ? "(" + m + " ->> " + n + ")" : "json_extract(" + m + ", '$[" + n + "]')";
    std::string v = cap;
    if (k.type == KType::Long || k.type == KType::Int)
      v = helper("kql_dyn_tolong") + "(" + d_.to_dynamic(cap, KType::String) + ")";
    std::string pn = "__p" + n;
    l2 += ", " + v + " AS " + quote_ident(pn);
    if (k.type != KType::String) ok += " AND " + col(c, pn) + " IS NOT NULL";
  }
  l2 += " FROM (" + l1 + ") AS " + b;
  Rel r;
  r.cols = in.cols;
  r.ordered = in.ordered;
  r.serialized = in.serialized;
  std::string list;
  for (auto& cl : in.cols)
    list += (list.empty() ? "" : ", ") + col(c, cl.name) + " AS " + quote_ident(cl.name);
  for (auto& k : columns) {
    std::string v = col(c, "__p" + std::to_string(k.capture));
    std::string failed = k.type == KType::String ? "''" : d_.typed_null(k.type);
    if (where)
      v = k.type == KType::String ? "COALESCE(" + v + ", '')" : v;
    else
      v = "CASE WHEN " + ok + " THEN " + (k.type == KType::String ? "COALESCE(" + v + ", '')" : v) +
          " ELSE " + failed + " END";
    list += (list.empty() ? "" : ", ") + v + " AS " + quote_ident(k.name);
    r.cols.push_back({k.name, k.type});
  }
  if (in.ordered) list += ", " + col(c, "__ord") + " AS \"__ord\"";
  r.sql = "SELECT " + list + " FROM (" + l2 + ") AS " + c + (where ? " WHERE " + ok : "");
  return r;
}

}  // namespace kql::sql
