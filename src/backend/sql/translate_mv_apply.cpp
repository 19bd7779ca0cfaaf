// mv-apply: every input row is expanded (as mv-expand does) into a subtable, the subquery
// runs on each subtable, and each result row gets the row's columns that were not expanded
// and that the subquery's result does not have.
// In SQL the subtables are one relation keyed by a hidden row id "__rid": the subquery's
// row-wise operators (where, extend, project) carry the key, summarize groups by it as well,
// and top ranks within it; any other subquery operator is rejected.
#include <algorithm>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<Rel> Translator::op_mv_apply(const Rel& in, const MvApplyOp* op,
                                           const ScopePtr& scope) {
  auto reject = [&](Span at, const std::string& why) -> std::optional<Rel> {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", at, "mv-apply " + why);
    return std::nullopt;
  };
  if (op->context_id) return reject(op->span, "with context_id is not translated");
  if (!op->subquery) return reject(op->span, "without a subquery is not translated");
  const std::string rid = "__rid";
  if (in.find(rid)) return reject(op->span, "over a column named __rid is not translated");
  // 1. the row id
  std::string a = alias();
  Rel keyed = in;
  keyed.cols.push_back({rid, KType::Long});
  // The relation is read twice (expanded, and to join the kept columns back), so the ids
  // must not depend on the engine's scan order: rows are numbered in KQL order when there is
  // one, else in the order of all their values (rows that tie are identical, so either id
  // gives the same result).
  std::string order;
  if (in.ordered) {
    order = col(a, "__ord");
  } else {
    for (auto& c : in.cols) order += (order.empty() ? "" : ", ") + col(a, c.name);
  }
  keyed.sql = "SELECT " + passthrough_list(in, a) + ", ROW_NUMBER() OVER (" +
              (order.empty() ? std::string() : "ORDER BY " + order) + ") AS " + quote_ident(rid) +
              " FROM (" + in.sql + ") AS " + a;
  // 2. the expansion
  MvExpandOp expand;
  expand.span = op->span;
  expand.keyword_span = op->keyword_span;
  expand.params = op->params;
  expand.items = op->items;
  expand.limit = op->limit;
  auto expanded = op_mv_expand(keyed, &expand, scope);
  if (!expanded) return std::nullopt;
  // The subtables hold every column (the row's and the expanded ones); the row's columns that
  // were not expanded and that the subquery's result lacks are added back after it.
  std::vector<SqlColumn> kept;  // input columns not replaced by an expanded one
  for (auto& c : in.cols) {
    bool replaced = false;
    for (auto& item : op->items) {
      const Expr* e = item.expr;
      std::string name = e->kind == NodeKind::Assignment
                             ? static_cast<const Assignment*>(e)->names[0]->name
                             : default_name(e);
      replaced |= name == c.name;
    }
    if (!replaced) kept.push_back(c);
  }
  Rel sub = *expanded;
  // 3. the subquery's operators, innermost first, each over all rows keyed by the row id
  auto ops = subquery_operators(op->subquery);
  if (!ops) return std::nullopt;
  Rel cur = sub;
  Name rid_name;
  rid_name.name = rid;
  rid_name.span = op->span;
  for (const Operator* o : *ops) {
    if (!is_per_key_operator(o->op_kind))
      return reject(o->keyword_span, std::string("subquery operator ") + operator_name(o->op_kind) +
                                         " is not translated");
    std::optional<Rel> next = apply_per_key(cur, o, rid_name, true, scope);
    if (!next) return std::nullopt;
    if (!next->find(rid)) return reject(o->keyword_span, "subquery operator dropped the row key");
    cur = *next;
  }
  // 4. the row's columns the result lacks, then the result
  std::string k = alias(), s = alias();
  Rel r;
  std::string list;
  for (auto& c : kept) {
    if (cur.find(c.name)) continue;
    r.cols.push_back(c);
    list += (list.empty() ? "" : ", ") + col(k, c.name) + " AS " + quote_ident(c.name);
  }
  for (auto& c : cur.cols) {
    if (c.name == rid) continue;
    r.cols.push_back(c);
    list += (list.empty() ? "" : ", ") + col(s, c.name) + " AS " + quote_ident(c.name);
  }
  if (list.empty()) return reject(op->span, "without result columns is not translated");
  r.sql = "SELECT " + list + " FROM (" + keyed.sql + ") AS " + k + " JOIN (" + cur.sql + ") AS " +
          s + " ON " + col(k, rid) + " = " + col(s, rid);
  return r;
}

}  // namespace kql::sql
