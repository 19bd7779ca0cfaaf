// missing-time-filter (hunting queries only): a table with a time column read without any
// filter on that column. The check follows the rows of each table reference through the
// binder's stages (pipes, let names, materialize, join/lookup right sides, union members) and
// is satisfied by a where that compares the time column (Timestamp on mde, TimeGenerated on
// sentinel) or ingestion_time() anywhere downstream: `> ago(7d)`, `between (...)`, a let-bound
// lookback, a datetime.
#include <unordered_map>

#include "lint/rules/rules.h"
#include "syntax/walk.h"

namespace kql::lint {
namespace {

const ast::Expr* peel(const ast::Expr* e) {
  while (e && e->kind == ast::NodeKind::Paren) e = static_cast<const ast::Paren*>(e)->inner;
  return e;
}

bool is_time_operand(const ast::Expr* e, std::string_view time_column) {
  e = peel(e);
  if (!e) return false;
  if (e->kind == ast::NodeKind::Name) {
    // The other platform's time column counts too: a query written for Sentinel that filters
    // on TimeGenerated means to filter on time (unknown-column tells it the name is wrong).
    const std::string& n = static_cast<const ast::Name*>(e)->name;
    return n == time_column || n == "Timestamp" || n == "TimeGenerated";
  }
  if (e->kind == ast::NodeKind::Call)
    return static_cast<const ast::Call*>(e)->callee == "ingestion_time";
  return false;
}

// Whether a predicate compares the time column (or ingestion_time()) with anything.
bool filters_time(const ast::Expr* predicate, std::string_view time_column) {
  std::vector<const ast::Node*> stack{predicate};
  while (!stack.empty()) {
    const ast::Node* n = stack.back();
    stack.pop_back();
    if (!n) continue;
    if (n->kind == ast::NodeKind::Binary) {
      auto* b = static_cast<const ast::Binary*>(n);
      bool comparison = b->op == ast::BinaryOp::Lt || b->op == ast::BinaryOp::Le ||
                        b->op == ast::BinaryOp::Gt || b->op == ast::BinaryOp::Ge ||
                        b->op == ast::BinaryOp::Eq;
      if (comparison &&
          (is_time_operand(b->left, time_column) || is_time_operand(b->right, time_column)))
        return true;
    } else if (n->kind == ast::NodeKind::Between) {
      auto* b = static_cast<const ast::Between*>(n);
      if (!b->negated && is_time_operand(b->operand, time_column)) return true;
    }
    ast::for_each_child(*n, [&](const ast::Node& c) { stack.push_back(&c); });
  }
  return false;
}

class MissingTimeFilter final : public Rule {
 public:
  MissingTimeFilter() : Rule("missing-time-filter") {}

  void check(const LintContext& ctx) const override {
    const auto& stages = ctx.model.stages();
    // Where each stage's rows go next.
    std::vector<std::vector<int>> next(stages.size());
    std::unordered_map<const ast::Expr*, int> stage_by_expr;
    for (int i = 0; i < (int)stages.size(); ++i) {
      const sema::Stage& s = stages[i];
      if (s.input >= 0) next[s.input].push_back(i);
      if (s.right >= 0) next[s.right].push_back(i);
      if (s.expr) stage_by_expr[s.expr] = i;
    }
    for (int i = 0; i < (int)stages.size(); ++i) {
      const sema::Stage& s = stages[i];
      if (!s.op) continue;
      const std::vector<ast::Expr*>* members = nullptr;
      if (s.op->op_kind == ast::OperatorKind::Union)
        members = &static_cast<const ast::UnionOp*>(s.op)->tables;
      else if (s.op->op_kind == ast::OperatorKind::Search ||
               s.op->op_kind == ast::OperatorKind::Find)
        members = &static_cast<const ast::SearchOp*>(s.op)->tables;
      if (!members) continue;
      for (const ast::Expr* member : *members) {
        auto it = stage_by_expr.find(peel(member));
        if (it != stage_by_expr.end() && it->second != i) next[it->second].push_back(i);
      }
    }
    for (int i = 0; i < (int)stages.size(); ++i) {
      const sema::Stage& s = stages[i];
      if (s.op || s.input >= 0 || !s.table || !s.expr || s.expr->kind != ast::NodeKind::Name)
        continue;
      const sema::Symbol* sym = ctx.model.symbol_of(s.expr);
      if (!sym || sym->kind != sema::Symbol::Kind::Table) continue;
      const std::string& time_column = s.table->time_column;
      if (time_column.empty() || !s.table->has_column(time_column)) continue;
      if (s.table->group == "tvm") continue;  // assessment snapshots, not event streams
      if (filtered_downstream(stages, next, i, time_column)) continue;
      auto& d = ctx.report(doc(), s.expr->span,
                           s.table->name + " is read without a filter on " + time_column +
                               ", so the query scans its whole retention window");
      d.help = "filter on time right after the table: `" + s.table->name + " | where " +
               time_column + " > ago(7d)`";
    }
  }

 private:
  static bool filtered_downstream(const std::vector<sema::Stage>& stages,
                                  const std::vector<std::vector<int>>& next, int from,
                                  std::string_view time_column) {
    std::vector<bool> visited(stages.size(), false);
    std::vector<int> todo{from};
    while (!todo.empty()) {
      int id = todo.back();
      todo.pop_back();
      if (visited[id]) continue;
      visited[id] = true;
      const ast::Operator* op = stages[id].op;
      const ast::Expr* predicate = nullptr;
      if (op && op->op_kind == ast::OperatorKind::Where)
        predicate = static_cast<const ast::WhereOp*>(op)->predicate;
      else if (op &&
               (op->op_kind == ast::OperatorKind::Search || op->op_kind == ast::OperatorKind::Find))
        predicate = static_cast<const ast::SearchOp*>(op)->predicate;
      if (predicate && filters_time(predicate, time_column)) return true;
      for (int n : next[id]) todo.push_back(n);
    }
    return false;
  }
};

}  // namespace

std::unique_ptr<Rule> make_missing_time_filter() { return std::make_unique<MissingTimeFilter>(); }

}  // namespace kql::lint
