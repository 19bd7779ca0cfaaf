// scan with a single step over ordered input, as a recursive CTE that walks the rows in "__ord"
// order carrying the step's state (its declared columns). Row n matches when the step's
// predicate holds for it and the state after row n-1; a matching row is output with the new
// state (the assignments, evaluated with s.x = the previous state), a row that does not match
// is dropped and leaves the state as it was. Several steps, order by / partition by, output=
// other than all, with_match_id, and declared columns a step does not assign are rejected.
#include <algorithm>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<Rel> Translator::op_scan(const Rel& in, const GenericOp* op, const ScopePtr& scope) {
  auto reject = [&](Span at, const std::string& why) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", at, "scan: " + why);
    return std::nullopt;
  };
  if (!op->params.empty()) return reject(op->params[0].name_span, "parameters are not translated");
  if (op->scan_steps.size() != 1)
    return reject(op->keyword_span, "only a scan with a single step is translated");
  const auto& step = op->scan_steps[0];
  if (!step.output.empty() && step.output != "all")
    return reject(op->keyword_span, "output=" + step.output + " is not translated");
  // `children` holds the step's predicate and assignments, and order by / partition by items.
  if (op->children.size() != 1 + step.assignments.size())
    return reject(op->keyword_span, "order by and partition by are not translated");
  if (!in.ordered) {
    fail(codes::kNondeterministic, "nondeterministic-result", op->keyword_span,
         "scan walks the rows in an order SQL does not know here; sort (or serialize a sorted "
         "input) first");
    return std::nullopt;
  }
  const bool pg = d_.kind() == DialectKind::Postgres;
  std::string src = alias(), st = alias(), s = alias();

  // The state: one column per declared name, its initial value the default (or null).
  struct Var {
    std::string name;
    KType type;
    std::string initial;
    std::optional<std::string> next;
  };
  std::vector<Var> vars;
  std::map<std::string, SqlExpr> qualified;
  for (const ColumnDecl& d : op->scan_declare) {
    auto t = ktype_from_name(d.type);
    if (!t || *t == KType::Unknown) return reject(d.type_span, "declared type " + d.type);
    if (in.find(d.name)) return reject(d.name_span, "'" + d.name + "' is also an input column");
    std::string initial = *t == KType::String ? "''" : d_.typed_null(*t);
    if (d.default_value) {
      auto v = expr(d.default_value, RowCtx{}, scope);
      if (!v) return std::nullopt;
      bool ok = v->type == *t || (is_integral(v->type) && is_integral(*t)) ||
                (is_numeric(v->type) && *t == KType::Real) || v->type == KType::Unknown;
      if (!ok) return reject(d.default_value->span, "the default is not a " + d.type);
      initial = v->sql;
    }
    vars.push_back({d.name, *t, initial, std::nullopt});
    qualified[step.name + "." + d.name] = SqlExpr{col(st, d.name), *t};
  }
  RowCtx row{&in.cols, s};
  row.qualified = &qualified;
  auto pred = expr(step.predicate, row, scope);
  if (!pred) return std::nullopt;
  auto pb = as_bool(*pred, step.predicate);
  if (!pb) return std::nullopt;
  for (const Expr* item : step.assignments) {
    auto* as = item->kind == NodeKind::Assignment ? static_cast<const Assignment*>(item) : nullptr;
    if (!as || as->names.size() != 1) return reject(item->span, "expected name = value");
    auto it = std::find_if(vars.begin(), vars.end(),
                           [&](auto& v) { return v.name == as->names[0]->name; });
    if (it == vars.end()) return reject(item->span, "'" + as->names[0]->name + "' is not declared");
    if (it->next) return reject(item->span, "'" + it->name + "' is assigned twice");
    auto v = expr(as->value, row, scope);
    if (!v) return std::nullopt;
    bool ok = v->type == it->type || (is_integral(v->type) && is_integral(it->type)) ||
              (is_numeric(v->type) && it->type == KType::Real);
    if (!ok)
      return reject(as->value->span, "the value is a " + std::string(ktype_name(v->type)) + ", '" +
                                         it->name + "' is a " + ktype_name(it->type));
    it->next = v->sql;
  }
  for (auto& v : vars)
    if (!v.next)
      return reject(op->keyword_span,
                    "'" + v.name + "' is declared but the step does not assign it");

  auto typed = [&](const std::string& sql, KType t) { return pg ? d_.cast(sql, t) : sql; };
  std::string state_cols = "\"__rn\", \"__m\"", anchor = typed("0", KType::Long) + ", 0";
  std::string step_sql;
  std::string rn_next = s + ".\"__rn\"";
  step_sql = rn_next + ", CASE WHEN " + pb->sql + " THEN 1 ELSE 0 END";
  for (auto& v : vars) {
    state_cols += ", " + quote_ident(v.name);
    anchor += ", " + typed(v.initial, v.type);
    step_sql += ", " + typed("CASE WHEN " + pb->sql + " THEN " + *v.next + " ELSE " +
                                 col(st, v.name) + " END",
                             v.type);
  }
  std::string out_list;
  Rel r;
  r.cols = in.cols;
  r.ordered = true;
  r.serialized = in.serialized;
  for (auto& c : in.cols) out_list += col(s, c.name) + " AS " + quote_ident(c.name) + ", ";
  for (auto& v : vars) {
    out_list += col(st, v.name) + " AS " + quote_ident(v.name) + ", ";
    r.cols.push_back({v.name, v.type});
  }
  out_list += col(s, "__ord") + " AS \"__ord\"";
  std::string a = alias();
  r.sql = "SELECT * FROM (WITH RECURSIVE " + src + " AS (SELECT " + a +
          ".*, ROW_NUMBER() OVER (ORDER BY " + col(a, "__ord") + ") AS \"__rn\" FROM (" + in.sql +
          ") AS " + a + "), " + st + "(" + state_cols + ") AS (SELECT " + anchor +
          " UNION ALL SELECT " + step_sql + " FROM " + st + " JOIN " + src + " AS " + s + " ON " +
          s + ".\"__rn\" = " + col(st, "__rn") + " + 1) SELECT " + out_list + " FROM " + st +
          " JOIN " + src + " AS " + s + " ON " + s + ".\"__rn\" = " + col(st, "__rn") + " WHERE " +
          col(st, "__m") + " = 1) AS " + alias();
  return r;
}

}  // namespace kql::sql
