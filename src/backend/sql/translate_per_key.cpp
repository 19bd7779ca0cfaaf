// Subqueries that run once per value of a hidden key column, computed for all keys at once:
// mv-apply (one key per input row) and partition (one key per partition value). Row-wise
// operators apply as they are; project and summarize keep the key; top ranks within it.
#include <algorithm>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<std::vector<const Operator*>> Translator::subquery_operators(const Expr* e) {
  std::vector<const Operator*> ops;
  while (e) {
    if (e->kind == NodeKind::Pipe) {
      ops.push_back(static_cast<const Pipe*>(e)->op);
      e = static_cast<const Pipe*>(e)->input;
    } else if (e->kind == NodeKind::OperatorExpr) {
      ops.push_back(static_cast<const OperatorExpr*>(e)->op);
      e = nullptr;
    } else if (e->kind == NodeKind::Paren) {
      e = static_cast<const Paren*>(e)->inner;
    } else {
      fail(codes::kUnsupportedSyntax, "unsupported-construct", e->span,
           "this subquery form is not translated");
      return std::nullopt;
    }
  }
  std::reverse(ops.begin(), ops.end());  // innermost first
  return ops;
}

std::optional<Rel> Translator::top_per_key(const Rel& in, const std::vector<Ordered*>& by,
                                           const Expr* count, const std::string& key,
                                           bool keep_order, const ScopePtr& scope) {
  std::string x = alias();
  RowCtx row{&in.cols, x};
  std::string keys;
  for (const Ordered* ob : by) {
    auto k = order_key(ob, false, row, scope);
    if (!k) return std::nullopt;
    keys += (keys.empty() ? "" : ", ") + *k;
  }
  auto n = expr(count, RowCtx{}, scope);
  if (!n) return std::nullopt;
  if (!is_integral(n->type)) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", count->span,
         "the row count must be a whole number");
    return std::nullopt;
  }
  std::string list;
  for (auto& c : in.cols)
    list += (list.empty() ? "" : ", ") + col(x, c.name) + " AS " + quote_ident(c.name);
  std::string inner = "SELECT " + list + ", ROW_NUMBER() OVER (PARTITION BY " + col(x, key) +
                      " ORDER BY " + keys + ") AS \"__rn\"";
  // Ordered output: by key, then in each key's top order.
  if (keep_order)
    inner += ", ROW_NUMBER() OVER (ORDER BY " + col(x, key) + ", " + keys + ") AS \"__ord\"";
  inner += " FROM (" + in.sql + ") AS " + x;
  std::string y = alias();
  Rel r;
  r.cols = in.cols;
  r.ordered = keep_order;
  r.sql = "SELECT " + passthrough_list(r, y) + " FROM (" + inner + ") AS " + y + " WHERE " +
          col(y, "__rn") + " <= " + n->sql;
  return r;
}

bool Translator::is_per_key_operator(OperatorKind k) {
  switch (k) {
    case OperatorKind::Where:
    case OperatorKind::Extend:
    case OperatorKind::ProjectAway:
    case OperatorKind::ProjectRename:
    case OperatorKind::ProjectReorder:
    case OperatorKind::Project:
    case OperatorKind::Summarize:
    case OperatorKind::Top:
      return true;
    default:
      return false;
  }
}

std::optional<Rel> Translator::apply_per_key(const Rel& in, const Operator* o, const Name& key,
                                             bool keep_order, const ScopePtr& scope) {
  switch (o->op_kind) {
    case OperatorKind::Project: {
      ListOp p = *static_cast<const ListOp*>(o);
      p.items.insert(p.items.begin(), const_cast<Name*>(&key));
      return apply(in, &p, scope);
    }
    case OperatorKind::Summarize: {
      SummarizeOp s = *static_cast<const SummarizeOp*>(o);
      s.by.insert(s.by.begin(), const_cast<Name*>(&key));
      return apply(in, &s, scope);
    }
    case OperatorKind::Top: {
      auto* t = static_cast<const SortOp*>(o);
      return top_per_key(in, t->by, t->count, key.name, keep_order, scope);
    }
    default:
      return apply(in, o, scope);  // row-wise: the key passes through
  }
}

}  // namespace kql::sql
