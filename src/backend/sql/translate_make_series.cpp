// make-series without `by`: `T | make-series [Name =] Agg [default = D], ... on Axis from S to
// E step P`. The documented output is one row holding, per aggregate, a dynamic array with one
// element per bin S, S+P, ... (< E) -- the aggregate over the rows of that bin, or D (default 0,
// of the aggregate's type) where the bin has no row -- and the axis column: the array of bin
// starts. An empty input yields no row (`kind=nonempty` documents the default row for it).
// Translated as: a GROUP BY of the in-range rows on their bin number, left-joined to the bin
// numbers (a recursive CTE), and folded into JSON arrays in bin order.
// Rejected: `by` (which groups appear when a group's rows all fall outside the range is not
// documented), a missing from/to (bins then depend on each series' data), axes other than
// datetime/timespan, aggregates other than the numeric ones below.
#include <algorithm>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

namespace {
const char* const kSeriesAggregates[] = {"avg",   "avgif", "count", "countif", "max",
                                         "maxif", "min",   "minif", "sum",     "sumif"};

// `-1`, `2.5`: a constant written in place of an aggregate (the docs' example
// `other=-1 default=-2` gives the constant in the bins that have rows).
bool is_series_type(KType t) { return t == KType::Int || t == KType::Long || t == KType::Real; }

bool is_numeric_constant(const Expr* e) {
  if (e->kind == NodeKind::Unary) return is_numeric_constant(static_cast<const Unary*>(e)->operand);
  if (e->kind != NodeKind::Literal) return false;
  auto k = static_cast<const Literal*>(e)->literal_kind;
  return k == LiteralKind::Int || k == LiteralKind::Long || k == LiteralKind::Real;
}

std::string series_aggregate_name(const Call* c) {
  if (c->callee == "count" || c->callee == "countif" || c->args.empty()) return c->callee + "_";
  return c->callee + "_" + default_name(c->args[0]);
}
}  // namespace

std::optional<Rel> Translator::op_make_series(const Rel& in, const GenericOp* op,
                                              const ScopePtr& scope) {
  auto reject = [&](Span at, const std::string& why) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", at, "make-series: " + why);
    return std::nullopt;
  };
  bool nonempty = false;
  for (auto& p : op->params) {
    std::string name = p.name, value = p.value;
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::transform(value.begin(), value.end(), value.begin(), ::tolower);
    if (name == "kind" && value == "nonempty")
      nonempty = true;
    else if (!name.starts_with("hint."))
      return reject(p.name_span, "parameter " + p.name + " is not translated");
  }
  if (!op->series_by.empty())
    return reject(op->series_by[0]->span,
                  "by is not translated: which groups appear when all of a group's rows fall "
                  "outside the range is not documented");
  if (op->series_in_range)
    return reject(op->keyword_span,
                  "the `in range(start, stop, step)` form is not translated (whether stop is "
                  "inclusive is not documented)");
  if (!op->series_axis || !op->series_step || op->series_aggregates.empty())
    return reject(op->keyword_span, "incomplete make-series");
  if (!op->series_from || !op->series_to)
    return reject(op->series_axis->span,
                  "from and to are required (without them the bins depend on each series' data)");

  std::string a = alias();
  RowCtx row{&in.cols, a};
  const std::vector<SqlColumn> no_cols;
  RowCtx scalar_row{&no_cols, alias()};  // from/to/step/default: no column may be named
  auto axis = expr(op->series_axis, row, scope);
  if (!axis) return std::nullopt;
  if (axis->type != KType::DateTime && axis->type != KType::TimeSpan)
    return reject(op->series_axis->span, "only a datetime or timespan axis is translated");
  std::string axis_name = default_name(op->series_axis);
  if (axis_name.empty()) return reject(op->series_axis->span, "the axis must be a column");
  auto from = expr(op->series_from, scalar_row, scope);
  if (!from) return std::nullopt;
  auto to = expr(op->series_to, scalar_row, scope);
  if (!to) return std::nullopt;
  auto step = expr(op->series_step, scalar_row, scope);
  if (!step) return std::nullopt;
  if (from->type != axis->type || to->type != axis->type)
    return reject(op->series_from->span, "from and to must have the axis' type");
  if (step->type != KType::TimeSpan)
    return reject(op->series_step->span, "step must be a timespan");
  const std::string S = "(" + from->sql + ")", E = "(" + to->sql + ")", P = "(" + step->sql + ")";
  const std::string bin = "((" + axis->sql + " - " + S + ") / " + P + ")";

  Rel r;
  struct Series {
    std::string name;
    KType type;
    std::string value_sql;    // in the grouped SELECT
    std::string default_dyn;  // dynamic SQL
  };
  std::vector<Series> series;
  for (auto& sa : op->series_aggregates) {
    std::string name;
    const Expr* value = sa.aggregate;
    if (value->kind == NodeKind::Assignment) {
      auto* as = static_cast<const Assignment*>(value);
      if (as->names.size() != 1) return reject(value->span, "tuple assignment is not translated");
      name = as->names[0]->name;
      value = as->value;
    }
    std::optional<SqlExpr> v;
    if (value->kind == NodeKind::Call &&
        std::find(std::begin(kSeriesAggregates), std::end(kSeriesAggregates),
                  static_cast<const Call*>(value)->callee) != std::end(kSeriesAggregates)) {
      v = aggregate(static_cast<const Call*>(value), row, scope);
      if (!v) return std::nullopt;
      if (name.empty()) name = series_aggregate_name(static_cast<const Call*>(value));
    } else if (is_numeric_constant(value)) {
      if (name.empty()) return reject(value->span, "an unnamed constant series is not translated");
      v = expr(value, scalar_row, scope);
      if (!v) return std::nullopt;
    } else {
      return reject(value->span,
                    "only avg/count/max/min/sum (and their -if forms) are translated as series");
    }
    if (!is_series_type(v->type)) return reject(value->span, "the series' values must be numeric");
    std::string dflt = d_.cast("0", v->type);
    if (sa.default_value) {
      auto dv = expr(sa.default_value, scalar_row, scope);
      if (!dv) return std::nullopt;
      if (!is_series_type(dv->type) && dv->type != KType::Unknown)
        return reject(sa.default_value->span, "the default must be a number");
      dflt = d_.cast(dv->sql, v->type);
    }
    name = unique_name(name, r.cols);
    r.cols.push_back({name, KType::Dynamic});
    series.push_back({name, v->type, v->sql, d_.to_dynamic(dflt, v->type)});
  }
  if (r.find(axis_name))
    return reject(op->series_axis->span, "a series named like the axis column is not translated");

  const bool pg = d_.kind() == DialectKind::Postgres;
  std::string g = alias(), b = alias(), s = alias(), e = alias();
  // per-bin aggregates of the rows in range
  std::string grouped = "SELECT " + bin + " AS \"__bin\"";
  for (size_t i = 0; i < series.size(); ++i)
    grouped += ", " + series[i].value_sql + " AS \"__m" + std::to_string(i) + "\"";
  grouped += " FROM (" + in.sql + ") AS " + a + " WHERE " + axis->sql + " >= " + S + " AND " +
             axis->sql + " < " + E + " GROUP BY " + bin;
  // bin numbers 0 .. n-1 (Kusto's arrays stop at 2^20 values)
  std::string bins = "WITH RECURSIVE \"__b\"(\"i\") AS (SELECT 0 WHERE " + S + " < " + E + " AND " +
                     P + " > 0 UNION ALL SELECT \"i\" + 1 FROM \"__b\" WHERE " + S +
                     " + (\"i\" + 1) * " + P + " < " + E +
                     " AND \"i\" < 1048575) SELECT \"i\" FROM \"__b\"";
  std::string per_bin = "SELECT " + b + ".\"i\" AS \"i\"";
  for (size_t i = 0; i < series.size(); ++i) {
    std::string m = g + ".\"__m" + std::to_string(i) + "\"";
    per_bin += ", CASE WHEN " + g + ".\"__bin\" IS NULL THEN " + series[i].default_dyn + " ELSE " +
               d_.to_dynamic(m, series[i].type) + " END AS \"__v" + std::to_string(i) + "\"";
  }
  per_bin += ", " + d_.to_dynamic(S + " + " + b + ".\"i\" * " + P, axis->type) + " AS \"__x\"";
  per_bin += " FROM (" + bins + ") AS " + b + " LEFT JOIN (" + grouped + ") AS " + g + " ON " + g +
             ".\"__bin\" = " + b + ".\"i\" ORDER BY " + b + ".\"i\"";
  auto array = [&](const std::string& v) {
    if (pg)
      return "COALESCE(jsonb_agg(" + s + "." + v + " ORDER BY " + s +
             ".\"i\"), CAST('[]' AS jsonb))";
    return "json_group_array(json(" + s + "." + v + "))";
  };
  std::string list;
  for (size_t i = 0; i < series.size(); ++i)
    list += array("\"__v" + std::to_string(i) + "\"") + " AS " + quote_ident(series[i].name) + ", ";
  list += array("\"__x\"") + " AS " + quote_ident(axis_name);
  r.cols.push_back({axis_name, KType::Dynamic});
  r.sql = "SELECT " + list + " FROM (" + per_bin + ") AS " + s;
  if (!nonempty)
    r.sql = "SELECT * FROM (" + r.sql + ") AS " + alias() + " WHERE EXISTS (SELECT 1 FROM (" +
            in.sql + ") AS " + e + ")";
  return r;
}

}  // namespace kql::sql
