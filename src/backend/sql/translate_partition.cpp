// partition [hint.*=...] by Column ( subquery ): the subquery runs over each partition's rows
// (one partition per distinct value of Column) and the results are concatenated, in no
// documented order. Translated when every subquery operator can be computed for all partitions
// at once, keyed by a hidden copy "__pk" of the partition column: row-wise operators (where,
// extend, project, project-away/-rename/-reorder) as they are, summarize with "__pk" added to
// its by-keys, top N by / sort by .. | take N as a ROW_NUMBER() window partitioned by "__pk".
// The subquery's input is not serialized (prev()/next() would otherwise see the neighbouring
// partitions), and its result has no order. Other operators, sort without take, the { }
// form (a whole query per partition) are rejected.
#include <algorithm>

#include "backend/sql/translator.h"

namespace kql::sql {

using namespace ast;

std::optional<Rel> Translator::op_partition(const Rel& in, const GenericOp* op,
                                            const ScopePtr& scope) {
  auto reject = [&](Span at, const std::string& why) {
    fail(codes::kUnsupportedSyntax, "unsupported-construct", at, "partition: " + why);
    return std::nullopt;
  };
  std::string strategy;
  for (auto& p : op->params) {
    std::string name = p.name, value = p.value;
    std::transform(name.begin(), name.end(), name.begin(), ::tolower);
    std::transform(value.begin(), value.end(), value.begin(), ::tolower);
    if (name == "hint.strategy")
      strategy = value;
    else if (!name.starts_with("hint."))
      return reject(p.name_span, "parameter " + p.name + " is not translated");
  }
  // The legacy strategy (the default) fails beyond 64 partitions: a limit not reproduced here.
  if (strategy != "native" && strategy != "shuffle")
    return reject(op->keyword_span,
                  "only hint.strategy=native or shuffle is translated (the default legacy "
                  "strategy fails beyond 64 partitions)");
  if (op->children.size() != 1 || op->subqueries.size() != 1)
    return reject(op->keyword_span, "only `partition by Column ( subquery )` is translated");
  const Expr* key = op->children[0];
  if (key->kind != NodeKind::Name || !in.find(static_cast<const Name*>(key)->name))
    return reject(key->span, "the partition key must be a column of the input");
  const std::string key_name = static_cast<const Name*>(key)->name;
  if (in.find(key_name)->type == KType::Dynamic || in.find(key_name)->type == KType::Unknown)
    return reject(key->span, "a dynamic partition key is not translated");
  const std::string pk = "__pk";

  std::vector<const Operator*> ops;
  for (const Expr* e = op->subqueries[0]; e;) {
    if (e->kind == NodeKind::Pipe) {
      ops.push_back(static_cast<const Pipe*>(e)->op);
      e = static_cast<const Pipe*>(e)->input;
    } else if (e->kind == NodeKind::OperatorExpr) {
      ops.push_back(static_cast<const OperatorExpr*>(e)->op);
      e = nullptr;
    } else if (e->kind == NodeKind::Paren) {
      e = static_cast<const Paren*>(e)->inner;
    } else {
      return reject(e->span, "the { query } form is not translated");
    }
  }
  std::reverse(ops.begin(), ops.end());

  // the input with the hidden key, neither ordered nor serialized
  std::string a = alias();
  Rel cur;
  cur.cols = in.cols;
  cur.cols.push_back({pk, in.find(key_name)->type});
  std::string list;
  for (auto& c : in.cols)
    list += (list.empty() ? "" : ", ") + col(a, c.name) + " AS " + quote_ident(c.name);
  list += ", " + col(a, key_name) + " AS " + quote_ident(pk);
  cur.sql = "SELECT " + list + " FROM (" + in.sql + ") AS " + a;

  Name pk_name;
  pk_name.name = pk;
  pk_name.span = op->span;
  auto top = [&](const Rel& r, const std::vector<Ordered*>& by, const Expr* count,
                 Span at) -> std::optional<Rel> {
    std::string x = alias();
    RowCtx row{&r.cols, x};
    std::string keys;
    for (const Ordered* ob : by) {
      auto k = order_key(ob, false, row, scope);
      if (!k) return std::nullopt;
      keys += (keys.empty() ? "" : ", ") + *k;
    }
    auto n = expr(count, RowCtx{}, scope);
    if (!n) return std::nullopt;
    if (!is_integral(n->type)) return reject(at, "the row count must be a whole number");
    std::string sel;
    for (auto& c : r.cols)
      sel += (sel.empty() ? "" : ", ") + col(x, c.name) + " AS " + quote_ident(c.name);
    std::string inner = "SELECT " + sel + ", ROW_NUMBER() OVER (PARTITION BY " + col(x, pk) +
                        " ORDER BY " + keys + ") AS \"__rn\" FROM (" + r.sql + ") AS " + x;
    std::string y = alias();
    Rel out;
    out.cols = r.cols;
    out.sql = "SELECT " + passthrough_list(out, y) + " FROM (" + inner + ") AS " + y + " WHERE " +
              col(y, "__rn") + " <= " + n->sql;
    return out;
  };
  for (size_t i = 0; i < ops.size(); ++i) {
    const Operator* o = ops[i];
    std::optional<Rel> next;
    switch (o->op_kind) {
      case OperatorKind::Where:
      case OperatorKind::Extend:
      case OperatorKind::ProjectAway:
      case OperatorKind::ProjectRename:
      case OperatorKind::ProjectReorder:
        next = apply(cur, o, scope);
        break;
      case OperatorKind::Project: {
        ListOp p = *static_cast<const ListOp*>(o);
        p.items.insert(p.items.begin(), &pk_name);
        next = apply(cur, &p, scope);
        break;
      }
      case OperatorKind::Summarize: {
        SummarizeOp s = *static_cast<const SummarizeOp*>(o);
        s.by.insert(s.by.begin(), &pk_name);
        next = apply(cur, &s, scope);
        break;
      }
      case OperatorKind::Top: {
        auto* t = static_cast<const SortOp*>(o);
        next = top(cur, t->by, t->count, o->keyword_span);
        break;
      }
      case OperatorKind::Sort: {
        // sort by .. | take N: the first N rows of each partition in that order
        auto* t = static_cast<const SortOp*>(o);
        if (i + 1 >= ops.size() || ops[i + 1]->op_kind != OperatorKind::Take ||
            !ops[i + 1]->params.empty())
          return reject(o->keyword_span,
                        "sort is translated only when take follows it (the result has no order)");
        next = top(cur, t->by, static_cast<const TakeOp*>(ops[i + 1])->count, o->keyword_span);
        ++i;
        break;
      }
      default:
        return reject(o->keyword_span, std::string("subquery operator ") +
                                           operator_name(o->op_kind) + " is not translated");
    }
    if (!next) return std::nullopt;
    if (!next->find(pk)) return reject(o->keyword_span, "the subquery dropped the partition key");
    cur = *next;
    cur.ordered = false;
    cur.serialized = false;
  }
  std::string b = alias();
  Rel r;
  list.clear();
  for (auto& c : cur.cols) {
    if (c.name == pk) continue;
    r.cols.push_back(c);
    list += (list.empty() ? "" : ", ") + col(b, c.name) + " AS " + quote_ident(c.name);
  }
  if (list.empty()) return reject(op->keyword_span, "a result without columns is not translated");
  r.sql = "SELECT " + list + " FROM (" + cur.sql + ") AS " + b;
  return r;
}

}  // namespace kql::sql
