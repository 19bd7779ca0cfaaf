// KQL's window functions over a serialized row set: prev(), next(), row_number(), row_cumsum(),
// row_rank_dense(), row_rank_min(). The row order is the hidden "__ord" column, so each becomes
// an SQL window function ORDER BY "__ord" (identical on SQLite and PostgreSQL). A call is
// hoisted into a hidden column "__w_<alias>_<n>" of a layer under the extend/project's alias;
// a window whose arguments use another window's column sits one layer above it.
#include <algorithm>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

bool Translator::is_window_function(std::string_view n) {
  return n == "prev" || n == "next" || n == "row_number" || n == "row_cumsum" ||
         n == "row_rank_dense" || n == "row_rank_min" || n == "row_window_session";
}

std::string Translator::window_source(const WindowCtx& w, const std::string& in_sql) const {
  int max_depth = -1;
  for (auto& h : w.hoists) max_depth = std::max(max_depth, h.depth);
  std::string sql = in_sql;
  for (int depth = 0; depth <= max_depth; ++depth) {
    std::string list = w.alias + ".*";
    for (auto& h : w.hoists)
      if (h.depth == depth) list += ", " + h.sql + " AS " + quote_ident(h.name);
    sql = "SELECT " + list + " FROM (" + sql + ") AS " + w.alias;
  }
  return sql;
}

std::optional<SqlExpr> Translator::window_call(const Call* c, const RowCtx& row,
                                               const ScopePtr& scope) {
  const std::string& f = c->callee;
  auto reject = [&](const char* code, const char* name, const std::string& why) {
    fail(code, name, c->callee_span, f + "(): " + why);
    return std::nullopt;
  };
  WindowCtx* w = window_;
  if (f == "row_window_session")
    return reject(codes::kUnsupportedFunction, "unsupported-function",
                  "session windows are not translated to SQL");
  if (!w || !row.cols || row.alias != w->alias)
    return reject(codes::kUnsupportedSyntax, "unsupported-construct",
                  "window functions are translated only in where, extend, project or serialize "
                  "directly over a serialized row set");
  if (!w->serialized)
    return reject(codes::kUnsupportedSyntax, "unsupported-construct",
                  "the row set is not serialized (KQL needs sort, top, range or serialize "
                  "before a window function)");
  if (!w->ordered)
    return reject(codes::kNondeterministic, "nondeterministic-result",
                  "the order of the serialized rows is not defined (serialize of an unsorted "
                  "table); sort first");
  std::vector<SqlExpr> a;
  for (auto* x : c->args) {
    if (x->kind == NodeKind::NamedArgument) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", x->span,
           "named arguments are not translated");
      return std::nullopt;
    }
    auto v = expr(x, row, scope);
    if (!v) return std::nullopt;
    a.push_back(*v);
  }
  auto nargs = [&](size_t lo, size_t hi) {
    if (a.size() < lo || a.size() > hi) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
           f + "() called with " + std::to_string(a.size()) + " arguments");
      return false;
    }
    return true;
  };
  auto type_err = [&](size_t i, const char* want) {
    fail(codes::kUntypedExpression, "untranslatable-types", c->args[i]->span,
         f + "() expects " + want + ", found " + ktype_name(a[i].type));
    return std::nullopt;
  };
  // The layer a window over `sqls` can be computed in: above every hoist they use.
  auto depth_of = [&](std::initializer_list<std::string> sqls) {
    int d = 0;
    for (auto& h : w->hoists)
      for (auto& s : sqls)
        if (s.find(quote_ident(h.name)) != std::string::npos) d = std::max(d, h.depth + 1);
    return d;
  };
  auto hoist = [&](const std::string& sql, int depth) {
    std::string name = "__w_" + w->alias + "_" + std::to_string(w->hoists.size());
    w->hoists.push_back({name, sql, depth});
    return col(w->alias, name);
  };
  const std::string ord = col(w->alias, "__ord");
  const bool pg = d_.kind() == DialectKind::Postgres;
  auto distinct = [&](const std::string& x, const std::string& y) {
    return "(" + x + (pg ? " IS DISTINCT FROM " : " IS NOT ") + y + ")";
  };

  if (f == "prev" || f == "next") {
    if (!nargs(1, 3)) return std::nullopt;
    if (a[0].type == KType::Unknown) return type_err(0, "a typed value");
    std::string offset = "1";
    if (a.size() >= 2) {
      auto* l =
          c->args[1]->kind == NodeKind::Literal ? static_cast<const Literal*>(c->args[1]) : nullptr;
      if (!l || !is_integral(a[1].type))
        return reject(codes::kUnsupportedSyntax, "unsupported-construct",
                      "the offset must be an integer literal");
      offset = a[1].sql;
    }
    std::string lag = f == "prev" ? "LAG(" : "LEAD(";
    std::string sql;
    if (a.size() == 3) {
      bool same = a[2].type == a[0].type || (is_integral(a[2].type) && is_integral(a[0].type)) ||
                  (is_numeric(a[2].type) && a[0].type == KType::Real);
      if (!same) return type_err(2, (std::string("a ") + ktype_name(a[0].type)).c_str());
      std::string def = a[2].type == a[0].type ? a[2].sql : d_.cast(a[2].sql, a[0].type);
      sql = lag + a[0].sql + ", " + offset + ", " + def + ") OVER (ORDER BY " + ord + ")";
    } else {
      sql = lag + a[0].sql + ", " + offset + ") OVER (ORDER BY " + ord + ")";
    }
    std::string v = hoist(sql, depth_of({a[0].sql, a.size() == 3 ? a[2].sql : ""}));
    // A string has no null in KQL: the missing row's value is "".
    if (a[0].type == KType::String && a.size() < 3) v = "COALESCE(" + v + ", '')";
    return SqlExpr{v, a[0].type};
  }

  // The restart groups: a running count of the rows where `restart` holds.
  auto restart_group = [&](size_t i, std::string& partition, int& depth) -> bool {
    if (a.size() <= i) return true;
    auto b = as_bool(a[i], c->args[i]);
    if (!b) return false;
    depth = std::max(depth, depth_of({b->sql}));
    std::string g = hoist("SUM(CASE WHEN " + b->sql + " THEN 1 ELSE 0 END) OVER (ORDER BY " + ord +
                              " ROWS UNBOUNDED PRECEDING)",
                          depth);
    depth += 1;
    partition = "PARTITION BY " + g + " ";
    return true;
  };

  if (f == "row_number") {
    if (!nargs(0, 2)) return std::nullopt;
    std::string start = "1";
    int depth = 0;
    if (!a.empty()) {
      if (!is_integral(a[0].type)) return type_err(0, "a long");
      start = a[0].sql;
      depth = depth_of({start});
    }
    std::string partition;
    if (!restart_group(1, partition, depth)) return std::nullopt;
    std::string rn = hoist("ROW_NUMBER() OVER (" + partition + "ORDER BY " + ord + ")", depth);
    return SqlExpr{"(" + rn + " + (" + start + ") - 1)", KType::Long};
  }
  if (f == "row_cumsum") {
    if (!nargs(1, 2)) return std::nullopt;
    KType t = a[0].type;
    // The reference documents long and real terms (and int, without its result type).
    if (t == KType::Int)
      return reject(codes::kUnsupportedFunction, "unsupported-function",
                    "the result type over an int term is not documented; use tolong()");
    if (t != KType::Long && t != KType::Real) return type_err(0, "a long or real");
    int depth = depth_of({a[0].sql});
    std::string partition;
    if (!restart_group(1, partition, depth)) return std::nullopt;
    std::string sum = "SUM(" + a[0].sql + ") OVER (" + partition + "ORDER BY " + ord +
                      " ROWS UNBOUNDED PRECEDING)";
    return SqlExpr{hoist(pg ? d_.cast(sum, t) : sum, depth), t};
  }
  if (f == "row_rank_dense" || f == "row_rank_min") {
    if (!nargs(1, 2)) return std::nullopt;
    if (a[0].type == KType::Unknown || a[0].type == KType::Dynamic)
      return type_err(0, "a scalar value");
    int depth = depth_of({a[0].sql});
    std::string partition;
    if (!restart_group(1, partition, depth)) return std::nullopt;
    std::string over = "OVER (" + partition + "ORDER BY " + ord + ")";
    std::string before = hoist("LAG(" + a[0].sql + ") " + over, depth);
    std::string rn = hoist("ROW_NUMBER() " + over, depth);
    std::string change = "(" + rn + " = 1 OR " + distinct(a[0].sql, before) + ")";
    std::string running = "OVER (" + partition + "ORDER BY " + ord + " ROWS UNBOUNDED PRECEDING)";
    std::string sql = f == "row_rank_dense"
                          ? "SUM(CASE WHEN " + change + " THEN 1 ELSE 0 END) " + running
                          : "MAX(CASE WHEN " + change + " THEN " + rn + " END) " + running;
    return SqlExpr{hoist(pg ? d_.cast(sql, KType::Long) : sql, depth + 1), KType::Long};
  }
  return reject(codes::kUnsupportedFunction, "unsupported-function", "not translated to SQL");
}

}  // namespace kql::sql
