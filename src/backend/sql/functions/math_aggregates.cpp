// Summarize aggregates of the 'math' family: stdev/stdevp/stdevif, variance/variancep/
// varianceif, covariance/covariancep/covarianceif, binary_all_and/or/xor and make_bag/make_bag_if.
//
// The statistics are kql_* aggregates defined alike on both databases (run/sqlite_fn_math.cpp and
// the pg_temp aggregates in functions/math.cpp): Welford's update in doubles, null values
// skipped. A sample statistic of fewer than two values (or a population one of none) raises an
// SQL error: Kusto's result for it is not documented. make_bag keeps a repeated key's first value
// (KQL picks an arbitrary one).
#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<std::optional<SqlExpr>> Translator::math_aggregate(const Call* c, const RowCtx& row,
                                                                 const ScopePtr& scope) {
  const std::string& f = c->callee;
  const bool pg = d_.kind() == DialectKind::Postgres;
  const std::optional<SqlExpr> failed;
  auto nargs = [&](size_t lo, size_t hi) {
    if (c->args.size() < lo || c->args.size() > hi) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
           f + "() called with " + std::to_string(c->args.size()) + " arguments");
      return false;
    }
    return true;
  };
  auto arg = [&](size_t i) { return expr(c->args[i], row, scope); };
  auto pred = [&](size_t i) -> std::optional<SqlExpr> {
    auto p = arg(i);
    if (!p) return std::nullopt;
    return as_bool(*p, c->args[i]);
  };
  auto type_err = [&](size_t i, const SqlExpr& x, const char* want) {
    fail(codes::kUntypedExpression, "untranslatable-types", c->args[i]->span,
         f + "() expects " + want + ", found " + ktype_name(x.type));
  };
  // A numeric argument as a double (timespans and decimals are not translated).
  auto real_arg = [&](size_t i) -> std::optional<std::string> {
    auto x = arg(i);
    if (!x) return std::nullopt;
    if (!is_numeric(x->type) || x->type == KType::Decimal) {
      type_err(i, *x, "a number");
      return std::nullopt;
    }
    return d_.cast(x->sql, KType::Real);
  };
  auto when = [&](const std::string& p, const std::string& v) {
    return "CASE WHEN " + p + " THEN " + v + " END";
  };

  if (f == "stdev" || f == "stdevp" || f == "stdevif" || f == "variance" || f == "variancep" ||
      f == "varianceif") {
    bool cond = f.ends_with("if");
    if (!nargs(cond ? 2 : 1, cond ? 2 : 1)) return failed;
    auto v = real_arg(0);
    if (!v) return failed;
    std::string x = *v;
    if (cond) {
      auto p = pred(1);
      if (!p) return failed;
      x = when(p->sql, x);
    }
    std::string h = cond ? (f.starts_with("stdev") ? "kql_stdev" : "kql_variance") : "kql_" + f;
    return SqlExpr{helper(h) + "(" + x + ")", KType::Real};
  }
  if (f == "covariance" || f == "covariancep" || f == "covarianceif") {
    bool cond = f == "covarianceif";
    if (!nargs(cond ? 3 : 2, cond ? 3 : 2)) return failed;
    auto x = real_arg(0), y = real_arg(1);
    if (!x || !y) return failed;
    std::string xs = *x, ys = *y;
    if (cond) {
      auto p = pred(2);
      if (!p) return failed;
      xs = when(p->sql, xs);
      ys = when(p->sql, ys);
    }
    std::string h = f == "covariancep" ? "kql_covariancep" : "kql_covariance";
    return SqlExpr{helper(h) + "(" + xs + ", " + ys + ")", KType::Real};
  }
  if (f == "binary_all_and" || f == "binary_all_or" || f == "binary_all_xor") {
    if (!nargs(1, 1)) return failed;
    auto x = arg(0);
    if (!x) return failed;
    if (!is_integral(x->type)) {
      type_err(0, *x, "a long");
      return failed;
    }
    std::string v = d_.cast(x->sql, KType::Long);
    std::string op = f.substr(11);  // and / or / xor
    if (pg) return SqlExpr{"bit_" + op + "(" + v + ")", KType::Long};
    return SqlExpr{"kql_" + f + "(" + v + ")", KType::Long};
  }
  if (f == "make_bag" || f == "make_bag_if" || f == "make_dictionary") {
    if (f == "make_dictionary")  // its default size limit (128 keys) is not reproduced
    {
      fail(codes::kUnsupportedFunction, "unsupported-function", c->callee_span,
           "aggregate make_dictionary() is not translated to SQL: its 128-key limit keeps an "
           "arbitrary subset; use make_bag()");
      return failed;
    }
    bool cond = f == "make_bag_if";
    if (!nargs(cond ? 2 : 1, cond ? 3 : 2)) return failed;
    size_t max_arg = cond ? 2 : 1;
    if (c->args.size() > max_arg) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->args[max_arg]->span,
           "the size limit of " + f + "() keeps an arbitrary subset; it is not translated");
      return failed;
    }
    auto x = arg(0);
    if (!x) return failed;
    if (x->type != KType::Dynamic) {
      type_err(0, *x, "a dynamic property bag");
      return failed;
    }
    std::string v = x->sql;
    if (cond) {
      auto p = pred(1);
      if (!p) return failed;
      v = when(p->sql, v);
    }
    return SqlExpr{helper("kql_make_bag") + "(" + v + ")", KType::Dynamic};
  }
  return std::nullopt;
}

}  // namespace kql::sql
