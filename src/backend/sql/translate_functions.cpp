// Scalar function calls and summarize aggregates. Each translation here reproduces the KQL
// function exactly on both dialects (through kql_* helpers where SQL differs); a function that
// is missing here, or an argument shape not handled, is rejected by name.
#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "backend/sql/function_call.h"
#include "backend/sql/pg_regex.h"
#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

namespace {

bool is_string_like(KType t) { return t == KType::String || t == KType::Guid; }

}  // namespace

bool Translator::is_aggregate(std::string_view n) const {
  static const char* kAggs[] = {"count",
                                "countif",
                                "sum",
                                "sumif",
                                "avg",
                                "avgif",
                                "min",
                                "max",
                                "minif",
                                "maxif",
                                "dcount",
                                "dcountif",
                                "make_set",
                                "make_set_if",
                                "make_list",
                                "make_list_if",
                                "take_any",
                                "any",
                                "arg_max",
                                "arg_min",
                                "percentile",
                                "percentiles",
                                "stdev",
                                "variance",
                                "makeset",
                                "makelist",
                                "hll",
                                "tdigest",
                                "make_bag",
                                "stdevif",
                                "varianceif",
                                "percentilesw",
                                "make_list_with_nulls",
                                "count_distinct",
                                "count_distinctif",
                                "binary_all_and",
                                "binary_all_or",
                                "binary_all_xor",
                                "buildschema",
                                "take_anyif",
                                "anyif",
                                "covariance",
                                "variancep",
                                "stdevp",
                                "make_bag_if",
                                "covariancep",
                                "covarianceif",
                                "make_dictionary"};
  for (auto* a : kAggs)
    if (n == a) return true;
  return false;
}

std::optional<SqlExpr> Translator::aggregate(const Call* c, const RowCtx& row,
                                             const ScopePtr& scope) {
  const std::string& f = c->callee;
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
  if (f == "count") {
    if (!nargs(0, 1)) return std::nullopt;
    if (c->args.empty() || c->args[0]->kind == NodeKind::Star)
      return SqlExpr{"COUNT(*)", KType::Long};
    // count(x): the reference documents count() only, and Kusto.Language types the argument
    // as a predicate (count_x is its column); whether that counts true rows or non-null ones
    // is not said, so it is refused with the two documented spellings.
    fail(codes::kUnsupportedFunction, "unsupported-function", c->callee_span,
         "count() with an argument is not documented (Kusto.Language reads it as a predicate); "
         "write count() or countif(predicate)");
    return std::nullopt;
  }
  if (f == "countif") {
    if (!nargs(1, 1)) return std::nullopt;
    auto p = pred(0);
    if (!p) return std::nullopt;
    return SqlExpr{"COUNT(CASE WHEN " + p->sql + " THEN 1 END)", KType::Long};
  }
  if (f == "sum" || f == "sumif" || f == "avg" || f == "avgif") {
    bool cond = f.back() == 'f';
    if (!nargs(cond ? 2 : 1, cond ? 2 : 1)) return std::nullopt;
    auto x = arg(0);
    if (!x) return std::nullopt;
    std::string v = x->sql;
    if (cond) {
      auto p = pred(1);
      if (!p) return std::nullopt;
      v = "CASE WHEN " + p->sql + " THEN " + v + " END";
    }
    if (!is_numeric(x->type) && x->type != KType::TimeSpan) {
      fail(codes::kUntypedExpression, "untranslatable-types", c->args[0]->span,
           f + "() of a " + ktype_name(x->type) + " value");
      return std::nullopt;
    }
    if (f.starts_with("sum")) {
      KType t = x->type == KType::Int ? KType::Long : x->type;
      return SqlExpr{d_.sum(v, t), t};
    }
    if (x->type == KType::TimeSpan) {
      fail(codes::kUntypedExpression, "untranslatable-types", c->span,
           "avg() of timespans is not translated");
      return std::nullopt;
    }
    return SqlExpr{"AVG(" + d_.cast(v, KType::Real) + ")", KType::Real};
  }
  if (f == "min" || f == "max" || f == "minif" || f == "maxif") {
    bool cond = f.size() == 5;
    if (!nargs(cond ? 2 : 1, cond ? 2 : 1)) return std::nullopt;
    auto x = arg(0);
    if (!x) return std::nullopt;
    if (x->type == KType::Dynamic || x->type == KType::Bool) {
      fail(codes::kUntypedExpression, "untranslatable-types", c->args[0]->span,
           f + "() of a " + std::string(ktype_name(x->type)) + " value is not translated");
      return std::nullopt;
    }
    std::string v = x->sql;
    // KQL min/max skip nulls; for strings the empty string stands for null.
    if (is_string_like(x->type)) v = "NULLIF(" + v + ", '')";
    if (cond) {
      auto p = pred(1);
      if (!p) return std::nullopt;
      v = "CASE WHEN " + p->sql + " THEN " + v + " END";
    }
    std::string agg = (f.starts_with("min") ? "MIN(" : "MAX(") +
                      (is_string_like(x->type) ? d_.ordinal(v) : v) + ")";
    if (is_string_like(x->type)) agg = "COALESCE(" + agg + ", '')";
    return SqlExpr{agg, x->type};
  }
  if (f == "make_set" || f == "make_list" || f == "make_set_if" || f == "make_list_if" ||
      f == "makeset" || f == "makelist") {
    bool cond = f.ends_with("_if");
    if (!nargs(cond ? 2 : 1, cond ? 3 : 2)) return std::nullopt;
    auto x = arg(0);
    if (!x) return std::nullopt;
    size_t max_arg = cond ? 2 : 1;
    std::optional<SqlExpr> limit;
    if (c->args.size() > max_arg) {
      limit = arg(max_arg);
      if (!limit) return std::nullopt;
      if (!is_integral(limit->type)) {
        fail(codes::kUntypedExpression, "untranslatable-types", c->args[max_arg]->span,
             "the size limit of " + f + "() must be a whole number");
        return std::nullopt;
      }
    }
    std::string v = d_.to_dynamic(x->sql, x->type);
    if (cond) {
      auto p = pred(1);
      if (!p) return std::nullopt;
      v = "CASE WHEN " + p->sql + " THEN " + v + " END";
    }
    bool distinct = f.find("set") != std::string::npos;
    std::string agg = d_.make_list(v, distinct, row.order);
    // Over its size limit KQL keeps an arbitrary subset of the values; the first ones are one
    // of the results KQL may give (as take_any's pick is).
    if (limit) agg = helper("kql_limit") + "(" + agg + ", " + limit->sql + ")";
    return SqlExpr{agg, KType::Dynamic};
  }
  if (f == "take_any" || f == "any" || f == "take_anyif" || f == "anyif") {
    const bool cond = f.ends_with("if");
    if (!nargs(cond ? 2 : 1, cond ? 2 : 1)) return std::nullopt;
    if (c->args[0]->kind == NodeKind::Star) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
           "take_any(*) is not translated");
      return std::nullopt;
    }
    auto x = arg(0);
    if (!x) return std::nullopt;
    if (x->type == KType::Dynamic || x->type == KType::Bool) {
      fail(codes::kUntypedExpression, "untranslatable-types", c->span,
           "take_any() of dynamic or bool values is not translated");
      return std::nullopt;
    }
    // KQL picks an arbitrary value; the smallest non-null one is a deterministic valid pick
    // (take_anyif: among the rows where the predicate holds).
    std::string v = is_string_like(x->type) ? d_.ordinal("NULLIF(" + x->sql + ", '')") : x->sql;
    if (cond) {
      auto p = pred(1);
      if (!p) return std::nullopt;
      v = "CASE WHEN " + p->sql + " THEN " + v + " END";
    }
    std::string agg = "MIN(" + v + ")";
    if (is_string_like(x->type)) agg = "COALESCE(" + agg + ", '')";
    return SqlExpr{agg, x->type};
  }
  if (f == "count_distinct" || f == "count_distinctif" || f == "dcount" || f == "dcountif") {
    // count_distinct is exact. dcount is a HyperLogLog estimate that Kusto documents as a
    // perfect count up to 1000 distinct values at accuracy 1 (the default) and 8000 at
    // accuracy 2: the translation counts exactly and fails the query beyond that bound
    // rather than return a number KQL would not.
    const bool cond = f.ends_with("if");
    const bool estimate = f.starts_with("dcount");
    const size_t n_args = estimate ? (cond ? 3 : 2) : (cond ? 2 : 1);
    if (!nargs(cond ? 2 : 1, n_args)) return std::nullopt;
    int64_t exact_up_to = 1000;
    if (estimate && c->args.size() == n_args) {
      const Expr* acc = c->args.back();
      auto* l = acc->kind == NodeKind::Literal ? static_cast<const Literal*>(acc) : nullptr;
      if (!l || (l->value != "1" && l->value != "2")) {
        fail(codes::kApproximateAggregate, "approximate-aggregate", acc->span,
             f + "() is exact only up to a documented number of distinct values at accuracy 1 "
                 "(1000) or 2 (8000); other accuracy levels have no exact range");
        return std::nullopt;
      }
      if (l->value == "2") exact_up_to = 8000;
    }
    auto x = arg(0);
    if (!x) return std::nullopt;
    if (x->type == KType::Dynamic) {
      fail(codes::kUntypedExpression, "untranslatable-types", c->args[0]->span,
           f + "() of dynamic values is not translated");
      return std::nullopt;
    }
    // Strings are never null in KQL: the empty string is one more value.
    std::string v = is_string_like(x->type) ? "COALESCE(" + x->sql + ", '')" : x->sql;
    if (cond) {
      auto p = pred(1);
      if (!p) return std::nullopt;
      v = "CASE WHEN " + p->sql + " THEN " + v + " END";
    }
    std::string count = "COUNT(DISTINCT " + v + ")";
    if (estimate)
      count = helper("kql_exact_up_to") + "(" + count + ", " + std::to_string(exact_up_to) + ", " +
              lit(f + "()") + ")";
    return SqlExpr{count, KType::Long};
  }
  if (f == "percentile" || f == "percentiles" || f == "hll" || f == "tdigest" ||
      f == "percentilesw") {
    fail(codes::kApproximateAggregate, "approximate-aggregate", c->callee_span,
         f + "() is an estimate in KQL (HyperLogLog / t-digest); an exact SQL count or percentile "
             "would silently differ on large inputs");
    return std::nullopt;
  }
  // Statistical, bitwise and property-bag aggregates: functions/math_aggregates.cpp.
  if (auto r = math_aggregate(c, row, scope)) return *r;
  fail(codes::kUnsupportedFunction, "unsupported-function", c->callee_span,
       "aggregate " + f + "() is not translated to SQL");
  return std::nullopt;
}

namespace {
// Deprecated names the KQL reference lists as aliases of a current function (same parameters,
// same result; e.g. parse_json's page: "Deprecated aliases: parsejson(), toobject(),
// todynamic()"). Only exact aliases: `replace` (another parameter order than replace_regex) and
// the argmax/makeset aggregates (other result column names) are not here.
const char* exact_alias_target(const std::string& f) {
  static const std::unordered_map<std::string, const char*> kAliases = {
      {"parsejson", "parse_json"},
      {"toobject", "todynamic"},
      {"notempty", "isnotempty"},
      {"notnull", "isnotnull"},
      {"extractall", "extract_all"},
      {"arraylength", "array_length"},
      {"pack_dictionary", "bag_pack"},
      {"extractjson", "extract_json"},
      {"columnifexists", "column_ifexists"},
      {"make_string", "unicode_codepoints_to_string"},
      {"to_utf8", "unicode_codepoints_from_string"},
  };
  auto it = kAliases.find(f);
  return it == kAliases.end() ? nullptr : it->second;
}
}  // namespace

std::optional<std::string> Translator::regex_pattern(const Expr* pattern, const SqlExpr& value,
                                                     bool positions, const Scope* scope) {
  if (d_.kind() != DialectKind::Postgres) return value.sql;
  const Expr* x = pattern;
  while (x->kind == NodeKind::Paren) x = static_cast<const Paren*>(x)->inner;
  const Literal* l = x->kind == NodeKind::Literal ? static_cast<const Literal*>(x) : nullptr;
  if (!l && x->kind == NodeKind::Name && scope)
    if (const Binding* b = scope->find(static_cast<const Name*>(x)->name)) l = b->literal;
  if (!l || l->literal_kind != LiteralKind::String) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", pattern->span,
         "on PostgreSQL a regular expression must be a literal: it is checked against RE2's "
         "meaning (Kusto's) and rewritten for PostgreSQL's own regex dialect");
    return std::nullopt;
  }
  std::string why;
  auto are = re2_to_postgres(l->value, positions, why);
  if (!are) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", pattern->span,
         "this regular expression would match differently on PostgreSQL than in Kusto (RE2): " +
             why);
    return std::nullopt;
  }
  return lit(*are);
}

std::optional<SqlExpr> Translator::call(const Call* c, const RowCtx& row, const ScopePtr& scope) {
  const std::string& f = c->callee;
  if (auto* b = scope->find(f); b && b->kind == Binding::Kind::Function)
    return call_scalar_function(*b, c, row, scope);
  if (const char* target = exact_alias_target(f)) {
    Call current = *c;
    current.callee = target;
    return call(&current, row, scope);
  }
  if (is_aggregate(f) && agg_capture) {
    AggCapture* cap = agg_capture;
    agg_capture = nullptr;  // no aggregate inside an aggregate
    auto v = aggregate(c, *cap->row, scope);
    agg_capture = cap;
    if (!v) return std::nullopt;
    std::string h = "__agg" + std::to_string(cap->hidden.size());
    cap->hidden.push_back({h, *v});
    return SqlExpr{col(cap->alias, h), v->type};
  }
  if (is_aggregate(f)) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
         f + "() is an aggregate; it is translated only directly inside summarize");
    return std::nullopt;
  }
  if (is_window_function(f)) return window_call(c, row, scope);
  auto unsupported = [&](std::string why = "") -> std::optional<SqlExpr> {
    fail(codes::kUnsupportedFunction, "unsupported-function", c->callee_span,
         "function " + f + "() is not translated to SQL" + (why.empty() ? "" : ": " + why));
    return std::nullopt;
  };
  auto nargs = [&](size_t lo, size_t hi) {
    if (c->args.size() < lo || c->args.size() > hi) {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", c->span,
           f + "() called with " + std::to_string(c->args.size()) + " arguments");
      return false;
    }
    return true;
  };
  std::vector<SqlExpr> a;
  auto eval_args = [&]() {
    for (auto* x : c->args) {
      if (x->kind == NodeKind::NamedArgument) {
        fail(codes::kUnsupportedSyntax, "unsupported-construct", x->span,
             "named arguments are not translated");
        return false;
      }
      auto v = expr(x, row, scope);
      if (!v) return false;
      a.push_back(*v);
    }
    return true;
  };
  auto H = [&](const char* h) { return helper(h); };
  auto type_err = [&](size_t i, const char* want) -> std::optional<SqlExpr> {
    fail(codes::kUntypedExpression, "untranslatable-types", c->args[i]->span,
         f + "() expects " + want + ", found " + ktype_name(a[i].type));
    return std::nullopt;
  };
  auto str_arg = [&](size_t i) -> std::optional<SqlExpr> {
    auto s = as_string(a[i]);
    if (!s) type_err(i, "a string");
    return s;
  };

  // --- tabular-to-scalar ---
  if (f == "toscalar") {
    if (!nargs(1, 1)) return std::nullopt;
    auto rel = tabular(c->args[0], scope);
    if (!rel) return std::nullopt;
    if (rel->cols.empty()) return unsupported("empty result");
    std::string al = alias();
    return SqlExpr{"(SELECT " + col(al, rel->cols[0].name) + " FROM (" + rel->sql + ") AS " + al +
                       (rel->ordered ? " ORDER BY " + col(al, "__ord") : "") + " LIMIT 1)",
                   rel->cols[0].type};
  }
  if (f == "column_names_of") {
    // The column names of a tabular expression: known statically, a dynamic array literal.
    if (!nargs(1, 1)) return std::nullopt;
    if (!is_tabular(c->args[0], scope)) return unsupported("the argument must be a table");
    auto rel = tabular(c->args[0], scope);
    if (!rel) return std::nullopt;
    nlohmann::json names = nlohmann::json::array();
    for (auto& rc : rel->cols) names.push_back(rc.name);
    return SqlExpr{d_.dynamic_literal(names.dump()), KType::Dynamic};
  }
  // --- time ---
  if (f == "now") {
    if (!nargs(0, 1)) return std::nullopt;
    if (!eval_args()) return std::nullopt;
    if (!a.empty() && a[0].type != KType::TimeSpan) return type_err(0, "a timespan");
    return SqlExpr{a.empty() ? now_sql() : "(" + now_sql() + " + " + a[0].sql + ")",
                   KType::DateTime};
  }
  if (f == "ago") {
    if (!nargs(1, 1) || !eval_args()) return std::nullopt;
    if (a[0].type != KType::TimeSpan) return type_err(0, "a timespan");
    return SqlExpr{"(" + now_sql() + " - " + a[0].sql + ")", KType::DateTime};
  }
  if (f == "column_ifexists") {
    // Decided statically: the row either has the column or it does not.
    if (!nargs(2, 2)) return std::nullopt;
    auto* lit_name =
        c->args[0]->kind == NodeKind::Literal ? static_cast<const Literal*>(c->args[0]) : nullptr;
    if (c->args[0]->kind == NodeKind::Name) {
      // A let or function parameter bound to a string literal (the fl_* library functions).
      const std::string& n = static_cast<const Name*>(c->args[0])->name;
      bool is_column = row.cols && std::any_of(row.cols->begin(), row.cols->end(),
                                               [&](auto& rc) { return rc.name == n; });
      if (auto* b = scope->find(n); b && !is_column && b->kind == Binding::Kind::Scalar)
        lit_name = b->literal;
    }
    if (!lit_name || lit_name->literal_kind != LiteralKind::String)
      return unsupported("the column name must be a string literal");
    if (row.cols)
      for (auto& col_ : *row.cols)
        if (col_.name == lit_name->value) return SqlExpr{col(row.alias, col_.name), col_.type};
    return expr(c->args[1], row, scope);
  }
  if (f == "extract" && c->args.size() == 4 && c->args[3]->kind == NodeKind::TypeofExpr) {
    // extract(regex, group, text, typeof(T)) is T's conversion of the 3-argument result.
    static const std::map<std::string, std::string> kConvert = {
        {"int", "toint"},           {"long", "tolong"},         {"real", "toreal"},
        {"double", "toreal"},       {"datetime", "todatetime"}, {"date", "todatetime"},
        {"timespan", "totimespan"}, {"time", "totimespan"},     {"bool", "tobool"},
        {"boolean", "tobool"},      {"string", "tostring"},     {"guid", "toguid"}};
    auto it = kConvert.find(static_cast<const TypeofExpr*>(c->args[3])->type);
    if (it == kConvert.end()) return unsupported("conversion to this type is not translated");
    Call text = *c;
    text.args.pop_back();
    Call conv = *c;
    conv.callee = it->second;
    conv.args = {&text};
    return call(&conv, row, scope);
  }
  // extract_json's optional typeof(T) names a type, not a value: the family reads it from the
  // call node, and only the other arguments are translated.
  if (f == "extract_json" && c->args.size() == 3 && c->args[2]->kind == NodeKind::TypeofExpr) {
    Call values = *c;
    values.args.pop_back();
    for (auto* x : values.args) {
      auto v = expr(x, row, scope);
      if (!v) return std::nullopt;
      a.push_back(*v);
    }
    FunctionCall fc(*this, c, std::move(a));
    fc.row = &row;
    return find_sql_function(f)(fc);
  }
  if (!eval_args()) return std::nullopt;
  if (FunctionTranslation family_fn = find_sql_function(f)) {
    FunctionCall fc(*this, c, std::move(a));
    fc.row = &row;
    return family_fn(fc);
  }
  const size_t n = a.size();

  if (f == "not") {
    if (!nargs(1, 1)) return std::nullopt;
    auto b = as_bool(a[0], c->args[0]);
    if (!b) return std::nullopt;
    return SqlExpr{"(NOT " + b->sql + ")", KType::Bool};
  }
  if (f == "tostring") {
    if (!nargs(1, 1)) return std::nullopt;
    auto s = as_string(a[0]);
    if (!s) return type_err(0, "a scalar");
    return s;
  }
  if (f == "tolong" || f == "toint" || f == "toreal" || f == "todouble" || f == "tobool" ||
      f == "toboolean") {
    if (!nargs(1, 1)) return std::nullopt;
    bool to_int = f == "tolong" || f == "toint";
    bool to_bool = f == "tobool" || f == "toboolean";
    KType t = to_bool  ? KType::Bool
              : to_int ? (f == "toint" ? KType::Int : KType::Long)
                       : KType::Real;
    KType at = a[0].type;
    if (at == t || (to_int && is_integral(at))) return SqlExpr{a[0].sql, t};
    if (!to_bool && (is_integral(at) || at == KType::Real) && !to_int)
      return SqlExpr{d_.cast(a[0].sql, KType::Real), t};
    if (to_int && (at == KType::DateTime || at == KType::TimeSpan)) return SqlExpr{a[0].sql, t};
    if (to_bool && is_numeric(at)) return SqlExpr{"(" + a[0].sql + " <> 0)", t};
    if (at == KType::Bool && !to_bool)
      return SqlExpr{"(CASE WHEN " + a[0].sql + " THEN 1 WHEN NOT " + a[0].sql + " THEN 0 END)", t};
    if (at == KType::String || at == KType::Dynamic || at == KType::Real) {
      std::string dyn = d_.to_dynamic(a[0].sql, at);
      const char* h = to_bool ? "kql_dyn_tobool" : to_int ? "kql_dyn_tolong" : "kql_dyn_toreal";
      return SqlExpr{H(h) + "(" + dyn + ")", t};
    }
    return type_err(0, "a convertible value");
  }
  if (f == "todatetime" || f == "totimespan" || f == "totime") {
    if (!nargs(1, 1)) return std::nullopt;
    KType t = f == "todatetime" ? KType::DateTime : KType::TimeSpan;
    if (a[0].type == t) return a[0];
    if (a[0].type == KType::String)
      return SqlExpr{
          H(t == KType::DateTime ? "kql_todatetime" : "kql_totimespan") + "(" + a[0].sql + ")", t};
    if (a[0].type == KType::Dynamic)
      return SqlExpr{H(t == KType::DateTime ? "kql_dyn_todatetime" : "kql_dyn_totimespan") + "(" +
                         a[0].sql + ")",
                     t};
    if (is_integral(a[0].type)) return SqlExpr{a[0].sql, t};  // ticks
    return type_err(0, "a string or dynamic value");
  }
  if (f == "todynamic" || f == "parse_json") {
    if (!nargs(1, 1)) return std::nullopt;
    if (a[0].type == KType::Dynamic) return a[0];
    if (a[0].type == KType::String)
      return SqlExpr{H("kql_parse_json") + "(" + a[0].sql + ")", KType::Dynamic};
    return SqlExpr{d_.to_dynamic(a[0].sql, a[0].type), KType::Dynamic};
  }
  // --- strings ---
  if (f == "strlen") {
    if (!nargs(1, 1)) return std::nullopt;
    auto s = str_arg(0);
    if (!s) return std::nullopt;
    return SqlExpr{H("kql_strlen") + "(" + s->sql + ")", KType::Long};
  }
  if (f == "tolower" || f == "toupper") {
    if (!nargs(1, 1)) return std::nullopt;
    auto s = str_arg(0);
    if (!s) return std::nullopt;
    return SqlExpr{H(f == "tolower" ? "kql_tolower" : "kql_toupper") + "(" + s->sql + ")",
                   KType::String};
  }
  if (f == "strcat" || f == "strcat_delim") {
    bool delim = f == "strcat_delim";
    if (n < (delim ? 2u : 1u)) return unsupported("too few arguments");
    std::string out;
    for (size_t i = 0; i < n; ++i) {
      auto s = str_arg(i);
      if (!s) return std::nullopt;
      if (delim && i == 0) continue;
      if (!out.empty()) out += " || ";
      if (delim && i > 1) out += as_string(a[0])->sql + " || ";
      out += s->sql;
    }
    return SqlExpr{"(" + (out.empty() ? "''" : out) + ")", KType::String};
  }
  if (f == "trim" || f == "trim_start" || f == "trim_end") {
    if (!nargs(2, 2)) return std::nullopt;
    auto re = str_arg(0), s = str_arg(1);
    if (!re || !s) return std::nullopt;
    auto pattern = regex_pattern(c->args[0], *re, true, scope.get());
    if (!pattern) return std::nullopt;
    // KQL trims repeated matches of the regex at the start and/or end. An ARE's leading options
    // must stay in front.
    std::string flags = "''";
    if (d_.kind() == DialectKind::Postgres &&
        (pattern->rfind("'(?i)", 0) == 0 || pattern->rfind("'(?w)", 0) == 0 ||
         pattern->rfind("'(?iw)", 0) == 0)) {
      size_t close = pattern->find(')');
      flags = pattern->substr(0, close + 1) + "'";
      *pattern = "'" + pattern->substr(close + 1);
    }
    std::string out = s->sql;
    if (f != "trim_end")
      out = H("kql_replace_regex") + "(" + out + ", " + flags + " || '^(?:' || " + *pattern +
            " || ')+', '')";
    if (f != "trim_start")
      out = H("kql_replace_regex") + "(" + out + ", " + flags + " || '(?:' || " + *pattern +
            " || ')+$', '')";
    return SqlExpr{out, KType::String};
  }
  if (f == "reverse") {
    if (!nargs(1, 1)) return std::nullopt;
    auto s = str_arg(0);
    if (!s) return std::nullopt;
    return SqlExpr{H("kql_reverse") + "(" + s->sql + ")", KType::String};
  }
  if (f == "strcat_array") {
    if (!nargs(2, 2)) return std::nullopt;
    auto d = str_arg(1);
    if (!d) return std::nullopt;
    if (a[0].type != KType::Dynamic) return type_err(0, "a dynamic array");
    return SqlExpr{H("kql_strcat_array") + "(" + a[0].sql + ", " + d->sql + ")", KType::String};
  }
  if (f == "substring") {
    if (!nargs(2, 3)) return std::nullopt;
    auto s = str_arg(0);
    if (!s) return std::nullopt;
    if (!is_integral(a[1].type) || (n == 3 && !is_integral(a[2].type))) return type_err(1, "longs");
    // KQL clamps a negative start to 0; SQL substr counts from 1.
    // PostgreSQL's substr takes integers, not the bigints KQL's longs are stored as.
    auto as_int = [&](const std::string& x) {
      return d_.kind() == DialectKind::Postgres ? "CAST(" + x + " AS integer)" : x;
    };
    std::string start =
        as_int("(CASE WHEN " + a[1].sql + " < 0 THEN 0 ELSE " + a[1].sql + " END + 1)");
    if (n == 2) return SqlExpr{"substr(" + s->sql + ", " + start + ")", KType::String};
    return SqlExpr{"substr(" + s->sql + ", " + start + ", " +
                       as_int("CASE WHEN " + a[2].sql + " < 0 THEN 0 ELSE " + a[2].sql + " END") +
                       ")",
                   KType::String};
  }
  if (f == "replace_string") {
    if (!nargs(3, 3)) return std::nullopt;
    auto s = str_arg(0), x = str_arg(1), y = str_arg(2);
    if (!s || !x || !y) return std::nullopt;
    return SqlExpr{"(CASE WHEN " + x->sql + " = '' THEN " + s->sql + " ELSE replace(" + s->sql +
                       ", " + x->sql + ", " + y->sql + ") END)",
                   KType::String};
  }
  if (f == "replace_regex") {
    if (!nargs(3, 3)) return std::nullopt;
    auto s = str_arg(0), p = str_arg(1), r = str_arg(2);
    if (!s || !p || !r) return std::nullopt;
    auto pattern = regex_pattern(c->args[1], *p, true, scope.get());
    if (!pattern) return std::nullopt;
    // The rewrite's escapes: \1..\9 (a group) and \\ (a backslash) mean the same to RE2 and
    // PostgreSQL; other backslashes do not (PostgreSQL's \& is the whole match, RE2 refuses it).
    const Expr* rw = c->args[2];
    while (rw->kind == NodeKind::Paren) rw = static_cast<const Paren*>(rw)->inner;
    if (rw->kind == NodeKind::Literal &&
        static_cast<const Literal*>(rw)->literal_kind == LiteralKind::String) {
      const std::string& text = static_cast<const Literal*>(rw)->value;
      for (size_t k = 0; k < text.size(); ++k) {
        if (text[k] != '\\') continue;
        if (k + 1 < text.size() &&
            (std::isdigit(static_cast<unsigned char>(text[k + 1])) || text[k + 1] == '\\')) {
          ++k;
          continue;
        }
        return unsupported("the rewrite holds a backslash that is not \\1..\\9 or \\\\");
      }
    } else if (d_.kind() == DialectKind::Postgres) {
      return unsupported("on PostgreSQL the rewrite must be a literal (its escapes are checked)");
    }
    return SqlExpr{H("kql_replace_regex") + "(" + s->sql + ", " + *pattern + ", " + r->sql + ")",
                   KType::String};
  }
  if (f == "extract") {
    if (!nargs(3, 3)) return std::nullopt;
    auto p = str_arg(0), s = str_arg(2);
    if (!p || !s) return std::nullopt;
    if (!is_integral(a[1].type)) return type_err(1, "a long");
    auto pattern = regex_pattern(c->args[0], *p, true, scope.get());
    if (!pattern) return std::nullopt;
    return SqlExpr{H("kql_extract") + "(" + *pattern + ", " + a[1].sql + ", " + s->sql + ")",
                   KType::String};
  }
  if (f == "indexof") {
    if (!nargs(2, 2)) return std::nullopt;
    auto s = str_arg(0), x = str_arg(1);
    if (!s || !x) return std::nullopt;
    std::string pos = d_.kind() == DialectKind::Postgres ? "strpos(" + s->sql + ", " + x->sql + ")"
                                                         : "instr(" + s->sql + ", " + x->sql + ")";
    return SqlExpr{"(" + pos + " - 1)", KType::Long};
  }
  if (f == "split") {
    if (!nargs(2, 3)) return std::nullopt;
    auto s = str_arg(0), x = str_arg(1);
    if (!s || !x) return std::nullopt;
    std::string arr = H("kql_split") + "(" + s->sql + ", " + x->sql + ")";
    if (n == 3) {
      if (!is_integral(a[2].type)) return type_err(2, "a long");
      // split(s, d, i) is a one-element array, or empty when i is out of range.
      std::string el = H("kql_dyn_at") + "(" + arr + ", " + a[2].sql + ")";
      std::string one = d_.kind() == DialectKind::Postgres ? "jsonb_build_array(" + el + ")"
                                                           : "json_array(json(" + el + "))";
      return SqlExpr{"(CASE WHEN " + el + " IS NULL THEN " + d_.dynamic_literal("[]") + " ELSE " +
                         one + " END)",
                     KType::Dynamic};
    }
    return SqlExpr{arr, KType::Dynamic};
  }
  if (f == "isempty" || f == "isnotempty") {
    if (!nargs(1, 1)) return std::nullopt;
    std::string test =
        is_string_like(a[0].type)     ? "(" + a[0].sql + " IS NULL OR " + a[0].sql + " = '')"
        : a[0].type == KType::Dynamic ? "(" + H("kql_dyn_tostring") + "(" + a[0].sql + ") = '')"
                                      : "(" + a[0].sql + " IS NULL)";
    return SqlExpr{f == "isempty" ? test : "(NOT " + test + ")", KType::Bool};
  }
  if (f == "isnull" || f == "isnotnull") {
    if (!nargs(1, 1)) return std::nullopt;
    // Strings are never null in KQL.
    if (is_string_like(a[0].type)) return SqlExpr{d_.bool_literal(f == "isnotnull"), KType::Bool};
    std::string test =
        a[0].type == KType::Dynamic
            ? "(" + a[0].sql + " IS NULL OR " + d_.cast(a[0].sql, KType::String) + " = 'null')"
            : "(" + a[0].sql + " IS NULL)";
    return SqlExpr{f == "isnull" ? test : "(NOT " + test + ")", KType::Bool};
  }
  // --- conditionals ---
  if (f == "iff" || f == "iif" || f == "case") {
    bool is_case = f == "case";
    if (is_case ? (n < 3 || n % 2 == 0) : n != 3) return unsupported("wrong number of arguments");
    KType t = a[n - 1].type;
    for (size_t i = 1; i < n; i += 2) {
      size_t vi = is_case ? i : 1;
      if (t == KType::Unknown) t = a[vi].type;
    }
    std::string out = "(CASE";
    for (size_t i = 0; i + 1 < n; i += 2) {
      auto p = as_bool(a[i], c->args[i]);
      if (!p) return std::nullopt;
      KType vt = a[i + 1].type;
      if (vt != t && !(is_numeric(vt) && is_numeric(t)) && vt != KType::Unknown)
        return type_err(i + 1, ktype_name(t));
      if (is_numeric(vt) && is_numeric(t) && vt != t) t = KType::Real;
      out += " WHEN " + p->sql + " THEN " + a[i + 1].sql;
      if (!is_case) break;
    }
    out += " ELSE " + a[n - 1].sql + " END)";
    return SqlExpr{out, t};
  }
  if (f == "coalesce") {
    if (n < 2) return unsupported("too few arguments");
    KType t = a[0].type;
    std::string out = "(CASE";
    for (size_t i = 0; i + 1 < n; ++i) {
      if (a[i].type != t) return type_err(i, ktype_name(t));
      // KQL coalesce skips empty strings too: a string is "null" when empty.
      out += " WHEN " + a[i].sql + (is_string_like(t) ? " <> ''" : " IS NOT NULL") + " THEN " +
             a[i].sql;
    }
    out += " ELSE " + a[n - 1].sql + " END)";
    return SqlExpr{out, t};
  }
  // --- numbers ---
  if (f == "bin" || f == "floor") {
    if (!nargs(2, 2)) return std::nullopt;
    KType vt = a[0].type, st = a[1].type;
    if ((vt == KType::DateTime && st == KType::TimeSpan) ||
        (vt == KType::TimeSpan && st == KType::TimeSpan) || (is_integral(vt) && is_integral(st))) {
      // floor to a multiple of the bin size, exact on integers and ticks (negative values too).
      std::string x = a[0].sql, s = a[1].sql;
      return SqlExpr{"(CASE WHEN " + s + " > 0 THEN " + x + " - (((" + x + ") % (" + s + ")) + (" +
                         s + ")) % (" + s + ") END)",
                     vt == KType::Int ? KType::Long : vt};
    }
    if (is_numeric(vt) && is_numeric(st))
      return SqlExpr{H("kql_bin_real") + "(" + a[0].sql + ", " + a[1].sql + ")", KType::Real};
    return type_err(0, "a number, datetime or timespan with a matching bin size");
  }
  if (f == "bin_at") {
    if (!nargs(3, 3)) return std::nullopt;
    KType vt = a[0].type, st = a[1].type, at = a[2].type;
    bool ticks = (vt == KType::DateTime && st == KType::TimeSpan && at == KType::DateTime) ||
                 (vt == KType::TimeSpan && st == KType::TimeSpan && at == KType::TimeSpan) ||
                 (is_integral(vt) && is_integral(st) && is_integral(at));
    if (!ticks && is_numeric(vt) && is_numeric(st) && is_numeric(at)) {
      // Reals: at + bin(x - at, s), in doubles (bin_at(6.5, 2.5, 7) == 4.5).
      std::string x = d_.cast(a[0].sql, KType::Real), anchor = d_.cast(a[2].sql, KType::Real);
      return SqlExpr{"(" + anchor + " + " + H("kql_bin_real") + "(" + x + " - " + anchor + ", " +
                         d_.cast(a[1].sql, KType::Real) + "))",
                     KType::Real};
    }
    if (!ticks)
      return type_err(0, "longs, datetimes or timespans with matching bin size and anchor");
    // bin_at(x, s, at) = at + bin(x - at, s), exact on integers and ticks.
    std::string x = "(" + a[0].sql + " - " + a[2].sql + ")", s = a[1].sql;
    return SqlExpr{"(CASE WHEN " + s + " > 0 THEN " + a[2].sql + " + " + x + " - (((" + x +
                       ") % (" + s + ")) + (" + s + ")) % (" + s + ") END)",
                   vt == KType::Int ? KType::Long : vt};
  }
  if (f == "abs") {
    if (!nargs(1, 1)) return std::nullopt;
    if (!is_numeric(a[0].type) && a[0].type != KType::TimeSpan) return type_err(0, "a number");
    return SqlExpr{"abs(" + a[0].sql + ")", a[0].type};
  }
  // ceiling of a whole number is that number, typed long as Kusto.Language types it.
  if (f == "ceiling" && n == 1 && is_integral(a[0].type))
    return SqlExpr{d_.cast(a[0].sql, KType::Long), KType::Long};
  if (f == "sqrt" || f == "exp" || f == "exp2" || f == "exp10" || f == "log" || f == "log2" ||
      f == "log10" || f == "pow" || f == "sin" || f == "cos" || f == "tan" || f == "asin" ||
      f == "acos" || f == "atan" || f == "atan2" || f == "ceiling" || f == "cot") {
    size_t want = (f == "pow" || f == "atan2") ? 2 : 1;
    if (!nargs(want, want)) return std::nullopt;
    std::string s = H("kql_math") + "(" + lit(f);
    for (size_t i = 0; i < n; ++i) {
      if (!is_numeric(a[i].type)) return type_err(i, "a number");
      s += ", " + d_.cast(a[i].sql, KType::Real);
    }
    return SqlExpr{s + ")", KType::Real};
  }
  if (f == "min_of" || f == "max_of") {
    if (n < 2) return unsupported("too few arguments");
    KType t = a[0].type;
    for (size_t i = 0; i < n; ++i)
      if (!(a[i].type == t || (is_numeric(a[i].type) && is_numeric(t))) ||
          a[i].type == KType::Dynamic || is_string_like(a[i].type))
        return type_err(i, "numbers, datetimes or timespans of one type");
    for (auto& x : a)
      if (x.type == KType::Real) t = KType::Real;
    // min_of/max_of ignore nulls, as PostgreSQL's LEAST/GREATEST do; SQLite's multi-argument
    // MIN/MAX return null instead, so build it from COALESCE there.
    bool mx = f == "max_of";
    if (d_.kind() == DialectKind::Postgres) {
      std::string s = mx ? "GREATEST(" : "LEAST(";
      for (size_t i = 0; i < n; ++i) s += (i ? ", " : "") + a[i].sql;
      return SqlExpr{s + ")", t};
    }
    std::string s = mx ? "MAX(" : "MIN(";
    for (size_t i = 0; i < n; ++i) {
      std::string others = "COALESCE(";
      for (size_t j = 0; j < n; ++j) others += a[(i + j) % n].sql + ", ";
      others += "NULL)";
      s += (i ? ", " : "") + others;
    }
    return SqlExpr{s + ")", t};
  }
  // --- datetime parts ---
  static const std::pair<const char*, const char*> kParts[] = {
      {"getyear", "year"},   {"getmonth", "month"},      {"dayofmonth", "day"},
      {"hourofday", "hour"}, {"dayofyear", "dayofyear"}, {"dayofweek", "dayofweek"}};
  for (auto& [fn, part] : kParts) {
    if (f != fn) continue;
    if (!nargs(1, 1)) return std::nullopt;
    if (a[0].type != KType::DateTime) return type_err(0, "a datetime");
    KType t = f == "dayofweek"                    ? KType::TimeSpan
              : f == "getyear" || f == "getmonth" ? KType::Int
                                                  : KType::Int;
    return SqlExpr{H("kql_datepart") + "(" + lit(part) + ", " + a[0].sql + ")", t};
  }
  if (f == "datetime_part") {
    if (!nargs(2, 2)) return std::nullopt;
    auto* pl =
        c->args[0]->kind == NodeKind::Literal ? static_cast<const Literal*>(c->args[0]) : nullptr;
    if (!pl || pl->literal_kind != LiteralKind::String)
      return unsupported("the part must be a string literal");
    std::string part = pl->value;
    std::transform(part.begin(), part.end(), part.begin(), ::tolower);
    static const char* kOk[] = {"year",        "quarter",     "month",     "day",
                                "dayofyear",   "hour",        "minute",    "second",
                                "millisecond", "microsecond", "nanosecond"};
    bool ok = false;
    for (auto* p : kOk) ok |= part == p;
    if (!ok) return unsupported("part '" + part + "'");
    if (a[1].type != KType::DateTime) return type_err(1, "a datetime");
    return SqlExpr{H("kql_datepart") + "(" + lit(part) + ", " + a[1].sql + ")", KType::Int};
  }
  for (const char* unit : {"day", "week", "month", "year"}) {
    bool start = f == std::string("startof") + unit, end = f == std::string("endof") + unit;
    if (!start && !end) continue;
    if (!nargs(1, 2)) return std::nullopt;
    if (a[0].type != KType::DateTime) return type_err(0, "a datetime");
    std::string off = n == 2 ? a[1].sql : "0";
    if (n == 2 && !is_integral(a[1].type)) return type_err(1, "a long");
    return SqlExpr{H(start ? "kql_startof" : "kql_endof") + "(" + lit(unit) + ", " + a[0].sql +
                       ", " + off + ")",
                   KType::DateTime};
  }
  if (f == "make_datetime") {
    if (n < 3 || n > 6) return unsupported("wrong number of arguments");
    std::string s = H("kql_make_datetime") + "(";
    for (size_t i = 0; i < n; ++i) {
      if (!is_numeric(a[i].type)) return type_err(i, "a number");
      s += (i ? ", " : "") + (i == 5 ? d_.cast(a[i].sql, KType::Real) : a[i].sql);
    }
    return SqlExpr{s + ")", KType::DateTime};
  }
  // --- dynamic ---
  if (f == "array_length") {
    if (!nargs(1, 1)) return std::nullopt;
    if (a[0].type != KType::Dynamic) return type_err(0, "a dynamic value");
    return SqlExpr{H("kql_array_length") + "(" + a[0].sql + ")", KType::Long};
  }
  if (f == "pack_array") {
    std::string s;
    for (size_t i = 0; i < n; ++i) {
      std::string v = d_.to_dynamic(a[i].sql, a[i].type);
      if (d_.kind() == DialectKind::Sqlite) v = "json(COALESCE(" + v + ", 'null'))";
      s += (i ? ", " : "") + v;
    }
    return SqlExpr{
        (d_.kind() == DialectKind::Postgres ? "jsonb_build_array(" : "json_array(") + s + ")",
        KType::Dynamic};
  }
  if (f == "pack" || f == "bag_pack") {
    if (n % 2) return unsupported("needs key/value pairs");
    std::string s;
    for (size_t i = 0; i < n; i += 2) {
      if (!is_string_like(a[i].type)) return type_err(i, "a string key");
      std::string v = d_.to_dynamic(a[i + 1].sql, a[i + 1].type);
      if (d_.kind() == DialectKind::Sqlite) v = "json(COALESCE(" + v + ", 'null'))";
      s += (i ? ", " : "") + a[i].sql + ", " + v;
    }
    return SqlExpr{
        (d_.kind() == DialectKind::Postgres ? "jsonb_build_object(" : "json_object(") + s + ")",
        KType::Dynamic};
  }
  if (f == "range" && n == 3 && a[0].type == KType::DateTime && a[1].type == KType::DateTime &&
      a[2].type == KType::TimeSpan)
    return SqlExpr{H("kql_range_dt") + "(" + a[0].sql + ", " + a[1].sql + ", " + a[2].sql + ")",
                   KType::Dynamic};
  if (f == "range") {
    if (!nargs(2, 3)) return std::nullopt;
    for (size_t i = 0; i < n; ++i)
      if (!is_numeric(a[i].type)) return unsupported("range() over non-numbers");
    std::string step = n == 3 ? a[2].sql : "1";
    // A real start or step makes every element a real. SQLite's kql_range sees that from its
    // values' storage class; PostgreSQL's doubles do not carry it, so it gets its own helper.
    bool real = a[0].type == KType::Real || (n == 3 && a[2].type == KType::Real);
    const char* fn = real && d_.kind() == DialectKind::Postgres ? "kql_range_real" : "kql_range";
    return SqlExpr{H(fn) + "(" + a[0].sql + ", " + a[1].sql + ", " + step + ")", KType::Dynamic};
  }
  // bag_has_key, set_has_element, array_index_of: functions/dynamic.cpp
  return unsupported();
}

}  // namespace kql::sql
