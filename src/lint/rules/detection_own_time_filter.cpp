// detection-own-time-filter: a custom detection that compares the table's time column
// (Timestamp, TimeGenerated) with a constant bound such as ago(1h) or datetime(...). The rule's
// frequency sets its lookback; an own filter can only narrow it and miss late-arriving events.
// Comparisons of Timestamp with other columns (`Timestamp - ProcessCreationTime < 1m`,
// `Timestamp between (T0 .. T0 + 5m)`) correlate events and are left alone.
#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

const ast::Expr* peel(const ast::Expr* e) {
  while (e && e->kind == ast::NodeKind::Paren) e = static_cast<const ast::Paren*>(e)->inner;
  return e;
}

bool is_ordering(ast::BinaryOp op) {
  using B = ast::BinaryOp;
  return op == B::Gt || op == B::Ge || op == B::Lt || op == B::Le;
}

class DetectionOwnTimeFilter final : public Rule {
 public:
  DetectionOwnTimeFilter() : Rule("detection-own-time-filter") {}

  void check(const LintContext& ctx) const override {
    for (const auto* stmt : ctx.tree.statements) {
      walk_tree(*stmt, [&](const ast::Node& n) {
        if (n.kind != ast::NodeKind::Operator) return;
        const auto& op = static_cast<const ast::Operator&>(n);
        if (op.op_kind != ast::OperatorKind::Where) return;
        const auto* pred = static_cast<const ast::WhereOp&>(op).predicate;
        if (!pred) return;
        walk_tree(*pred, [&](const ast::Node& e) { check_condition(ctx, e); });
      });
    }
  }

 private:
  // The table time column the expression is, by its column reference; empty when it is not.
  static std::string_view time_column(const LintContext& ctx, const ast::Expr* e) {
    e = peel(e);
    if (!e || e->kind != ast::NodeKind::Name) return {};
    for (const auto& ref : ctx.model.column_refs()) {
      if (ref.span != e->span || !ref.origin) continue;
      if (ref.name == ref.origin->time_column || ref.name == "Timestamp" ||
          ref.name == "TimeGenerated")
        return ref.name;
    }
    return {};
  }

  // A bound that does not depend on the row: no column is read inside it.
  static bool is_constant_bound(const LintContext& ctx, const ast::Expr* e) {
    if (!e) return false;
    for (const auto& ref : ctx.model.column_refs())
      if (inside(ref.span, e->span)) return false;
    return true;
  }

  void check_condition(const LintContext& ctx, const ast::Node& n) const {
    if (n.kind == ast::NodeKind::Binary) {
      const auto& b = static_cast<const ast::Binary&>(n);
      if (!is_ordering(b.op)) return;
      std::string_view col = time_column(ctx, b.left);
      const ast::Expr* bound = b.right;
      const ast::Expr* subject = b.left;
      if (col.empty()) {
        col = time_column(ctx, b.right);
        bound = b.left;
        subject = b.right;
      }
      if (col.empty() || !is_constant_bound(ctx, bound)) return;
      report(ctx, Span::cover(peel(subject)->span, bound->span), col);
    } else if (n.kind == ast::NodeKind::Between) {
      const auto& b = static_cast<const ast::Between&>(n);
      std::string_view col = time_column(ctx, b.operand);
      if (b.negated || col.empty() || !is_constant_bound(ctx, b.low) ||
          !is_constant_bound(ctx, b.high))
        return;
      report(ctx, n.span, col);
    }
  }

  void report(const LintContext& ctx, Span span, std::string_view column) const {
    auto& d = ctx.report(doc(), span,
                         "custom detection filters on " + std::string(column) +
                             " itself: the rule's frequency already sets its lookback");
    d.help =
        "remove the time filter and choose the frequency instead (hourly rules look back 4 "
        "hours, every 3 hours 12 hours, every 12 hours 48 hours, daily 30 days)";
  }
};

}  // namespace

std::unique_ptr<Rule> make_detection_own_time_filter() {
  return std::make_unique<DetectionOwnTimeFilter>();
}

}  // namespace kql::lint
