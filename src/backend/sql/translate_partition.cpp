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

  auto sub_ops = subquery_operators(op->subqueries[0]);
  if (!sub_ops) return std::nullopt;
  const std::vector<const Operator*>& ops = *sub_ops;

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
  for (size_t i = 0; i < ops.size(); ++i) {
    const Operator* o = ops[i];
    std::optional<Rel> next;
    if (o->op_kind == OperatorKind::Sort) {
      // sort by .. | take N: the first N rows of each partition in that order
      auto* t = static_cast<const SortOp*>(o);
      if (i + 1 >= ops.size() || ops[i + 1]->op_kind != OperatorKind::Take ||
          !ops[i + 1]->params.empty())
        return reject(o->keyword_span,
                      "sort is translated only when take follows it (the result has no order)");
      next =
          top_per_key(cur, t->by, static_cast<const TakeOp*>(ops[i + 1])->count, pk, false, scope);
      ++i;
    } else if (is_per_key_operator(o->op_kind)) {
      next = apply_per_key(cur, o, pk_name, false, scope);
    } else {
      return reject(o->keyword_span, std::string("subquery operator ") + operator_name(o->op_kind) +
                                         " is not translated");
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
