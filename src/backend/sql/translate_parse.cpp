// parse and parse-where (kind=simple, the default, and kind=regex with plain-text delimiters
// and flags U, i, s). Kusto turns the pattern into a regular expression (`*` -> `.*?`, a
// string column -> `(.*?)`, or `(.*)` when it ends the pattern - always `(.*)` in regex mode -,
// a long -> signed digits) matched from the start of the text by RE2. The kql_parse helper walks
// the same pattern the same way on both engines (run/sqlite_fn_parse.cpp, functions/parse.cpp) and
// returns the captures; typed columns are converted here. Strict matching: when a typed column does
// not convert, the whole parse fails (every column empty / null).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<Rel> Translator::op_parse(const Rel& in, const ParseOp* op, const ScopePtr& scope) {
  const bool where = op->op_kind == OperatorKind::ParseWhere;
  const char* opname = where ? "parse-where" : "parse";
  bool regex = false, ungreedy = false, nocase = false, dot_all = false;
  const OperatorParam* flags = nullptr;
  for (auto& p : op->params) {
    std::string v = p.value;
    std::transform(v.begin(), v.end(), v.begin(), ::tolower);
    if (p.name == "kind" && v == "simple") continue;
    if (p.name == "kind" && v == "regex") {
      regex = true;
      continue;
    }
    if (p.name == "flags") {
      flags = &p;
      continue;
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
  if (flags) {
    if (!regex) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", flags->name_span,
           std::string(opname) + " flags= is translated only with kind=regex");
      return std::nullopt;
    }
    for (char f : flags->value) {
      if (f == 'U')
        ungreedy = true;
      else if (f == 'i')
        nocase = true;
      else if (f == 's')
        dot_all = true;
      else {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", flags->value_span,
             std::string(opname) + " flag '" + f + "' is not translated (U, i and s are)");
        return std::nullopt;
      }
    }
  }
  struct Column {
    std::string name;
    KType type;
    size_t capture;  // index in the helper's result
  };
  std::vector<Column> columns;
  nlohmann::json spec = nlohmann::json::array();
  if (dot_all) spec.push_back({"f", "s"});
  for (size_t i = 0; i < op->parts.size(); ++i) {
    const ParsePart& part = op->parts[i];
    if (part.is_star) {
      // kind=regex: `.*?`, which flag U makes greedy
      spec.push_back({ungreedy ? "G" : "*"});
      continue;
    }
    if (part.is_literal) {
      const std::string& v = part.literal->value;
      if (regex && v.find_first_of("\\^$.|?*+()[]{}") != std::string::npos) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", part.literal->span,
             std::string(opname) +
                 " kind=regex is translated only when its delimiters are plain text: RE2 "
                 "(Kusto) and PostgreSQL's regular expressions match differently");
        return std::nullopt;
      }
      if (nocase && std::any_of(v.begin(), v.end(), [](char c) { return c & 0x80; })) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", part.literal->span,
             std::string(opname) +
                 " flags=i is translated only for ASCII delimiters (Unicode case folding)");
        return std::nullopt;
      }
      if (!v.empty()) spec.push_back({nocase ? "i" : "l", v});
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
        // simple: `(.*?)`, the last column `(.*)`; regex: `(.*)` (the docs' examples are
        // greedy), lazy under flag U
        kind = regex ? (ungreedy ? "s" : "S") : (last ? "S" : "s");
        break;
      case KType::Long:
      case KType::Int:
        kind = ungreedy ? "m" : "n";
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

namespace kql::sql {

// parse-kv with pair_delimiter and kv_delimiter (and optional quote / escape): the text is cut
// into pairs at the pair delimiter (outside quotes), each pair at its first key/value
// delimiter; keys and values lose surrounding white space and quotes; the first appearance
// of a listed key counts. kql_parse_kv (run/sqlite_fn_parse.cpp, functions/parse.cpp)
// returns the listed keys' values, converted here to the declared types.
std::optional<Rel> Translator::op_parse_kv(const Rel& in, const GenericOp* op,
                                           const ScopePtr& scope) {
  auto reject = [&](Span at, const std::string& why) -> std::optional<Rel> {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", at, "parse-kv " + why);
    return std::nullopt;
  };
  if (op->children.empty()) return reject(op->span, "without a source is not translated");
  struct Key {
    std::string name;
    KType type;
    Span at;
  };
  std::vector<Key> keys;
  nlohmann::json spec = {{"q", nlohmann::json::array()}, {"e", nlohmann::json::array()}};
  for (size_t i = 1; i < op->children.size(); ++i) {
    const Expr* c = op->children[i];
    if (c->kind == NodeKind::Name) {
      const std::string& n = static_cast<const Name*>(c)->name;
      if (i + 1 >= op->children.size() || op->children[i + 1]->kind != NodeKind::TypeofExpr)
        return reject(c->span, "key without a type");
      const std::string& tn = static_cast<const TypeofExpr*>(op->children[++i])->type;
      auto t = ktype_from_name(tn);
      if (!t ||
          !(*t == KType::String || *t == KType::Long || *t == KType::Int || *t == KType::Real ||
            *t == KType::Bool || *t == KType::DateTime || *t == KType::TimeSpan))
        return reject(c->span, "into a " + tn + " column is not translated");
      if (in.find(n) || std::any_of(keys.begin(), keys.end(), [&](auto& k) { return k.name == n; }))
        return reject(c->span, "into the existing column '" + n + "' is not translated");
      keys.push_back({n, *t, c->span});
      continue;
    }
    if (c->kind != NodeKind::Assignment) return reject(c->span, "option is not translated");
    auto* as = static_cast<const Assignment*>(c);
    std::string name = as->names.empty() ? "" : as->names[0]->name;
    auto* l =
        as->value->kind == NodeKind::Literal ? static_cast<const Literal*>(as->value) : nullptr;
    if (name == "greedy" && l && l->literal_kind == LiteralKind::Bool && l->value == "false")
      continue;
    if (name == "greedy")
      return reject(c->span,
                    "greedy=true is not translated: where a greedy value ends (\"the "
                    "next key appearance\") is not documented precisely");
    if (name == "regex")
      return reject(c->span,
                    "with regex= is not translated: RE2 (Kusto) and PostgreSQL's "
                    "regular expressions assign capture groups differently");
    if (!l || l->literal_kind != LiteralKind::String)
      return reject(c->span, "option " + name + " needs a string literal");
    const std::string& v = l->value;
    auto code_points = [](const std::string& s) {
      std::vector<std::string> out;
      for (size_t k = 0; k < s.size();) {
        size_t n = 1;
        while (k + n < s.size() && (static_cast<unsigned char>(s[k + n]) & 0xC0) == 0x80) ++n;
        out.push_back(s.substr(k, n));
        k += n;
      }
      return out;
    };
    auto cps = code_points(v);
    if (name == "pair_delimiter" || name == "kv_delimiter") {
      if (v.empty()) return reject(c->span, "with an empty delimiter is not translated");
      spec[name == "pair_delimiter" ? "p" : "k"] = v;
    } else if (name == "quote") {
      if (cps.size() != 1 && cps.size() != 2)
        return reject(c->span, "quote must be one or two characters");
      spec["q"].push_back({cps[0], cps.back()});
    } else if (name == "escape") {
      if (cps.size() != 1) return reject(c->span, "escape must be one character");
      spec["e"].push_back(v);
    } else {
      return reject(c->span, "option " + name + " is not translated");
    }
  }
  if (!spec.contains("p") || !spec.contains("k"))
    return reject(op->keyword_span,
                  "without pair_delimiter and kv_delimiter is not translated: how it finds keys "
                  "and values between arbitrary non-alphanumeric characters is not documented "
                  "precisely");
  if (keys.empty()) return reject(op->span, "without keys is not translated");
  if (spec["p"] == spec["k"])
    return reject(op->span, "with the same pair and key/value delimiter is not translated");
  nlohmann::json names = nlohmann::json::array();
  for (auto& k : keys) names.push_back(k.name);
  spec["keys"] = names;
  std::string a = alias(), b = alias();
  RowCtx row{&in.cols, a};
  auto src = expr(op->children[0], row, scope);
  if (!src) return std::nullopt;
  auto text = as_string(*src);
  if (!text) return reject(op->children[0]->span, "needs a value convertible to a string");
  const bool pg = d_.kind() == DialectKind::Postgres;
  std::string l1 = "SELECT " + passthrough_list(in, a) + ", " + helper("kql_parse_kv") + "(" +
                   text->sql + ", " + d_.dynamic_literal(spec.dump()) + ") AS \"__m\" FROM (" +
                   in.sql + ") AS " + a;
  Rel r = in;
  std::string list;
  for (auto& cl : in.cols)
    list += (list.empty() ? "" : ", ") + col(b, cl.name) + " AS " + quote_ident(cl.name);
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string m = col(b, "__m"), n = std::to_string(i);
    std::string v = pg ? "(" + m + " ->> " + n + ")" : "json_extract(" + m + ", '$[" + n + "]')";
    switch (keys[i].type) {
      case KType::String:
        v = "COALESCE(" + v + ", '')";
        break;
      case KType::Long:
      case KType::Int:
        v = helper("kql_dyn_tolong") + "(" + d_.to_dynamic(v, KType::String) + ")";
        break;
      case KType::Real:
        v = helper("kql_dyn_toreal") + "(" + d_.to_dynamic(v, KType::String) + ")";
        break;
      case KType::Bool:
        v = helper("kql_dyn_tobool") + "(" + d_.to_dynamic(v, KType::String) + ")";
        break;
      case KType::DateTime:
        v = helper("kql_todatetime") + "(" + v + ")";
        break;
      case KType::TimeSpan:
        v = helper("kql_totimespan") + "(" + v + ")";
        break;
      default:
        break;
    }
    list += (list.empty() ? "" : ", ") + v + " AS " + quote_ident(keys[i].name);
    r.cols.push_back({keys[i].name, keys[i].type});
  }
  if (in.ordered) list += ", " + col(b, "__ord") + " AS \"__ord\"";
  r.sql = "SELECT " + list + " FROM (" + l1 + ") AS " + b;
  return r;
}

}  // namespace kql::sql
