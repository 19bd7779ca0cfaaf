// detection-forbidden-operator: take, limit and render in a custom detection. A detection
// alerts on every row it returns, so take/limit drop matches arbitrarily, and render has no
// meaning in a scheduled rule.
#include <algorithm>

#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

class DetectionForbiddenOperator final : public Rule {
 public:
  DetectionForbiddenOperator() : Rule("detection-forbidden-operator") {}

  void check(const LintContext& ctx) const override {
    // The walk meets a pipeline's last operator first: report in source order.
    std::vector<const ast::Operator*> found;
    for (const auto* stmt : ctx.tree.statements) {
      walk_tree(*stmt, [&](const ast::Node& n) {
        if (n.kind != ast::NodeKind::Operator) return;
        const auto& op = static_cast<const ast::Operator&>(n);
        if (op.op_kind == ast::OperatorKind::Take || op.op_kind == ast::OperatorKind::Render)
          found.push_back(&op);
      });
    }
    std::sort(found.begin(), found.end(), [](const ast::Operator* a, const ast::Operator* b) {
      return a->keyword_span.begin < b->keyword_span.begin;
    });
    for (const ast::Operator* op : found) report(ctx, *op);
  }

 private:
  void report(const LintContext& ctx, const ast::Operator& op) const {
    // `limit` parses as take: name the keyword as written.
    std::string keyword(ctx.text(op.keyword_span));
    if (op.op_kind == ast::OperatorKind::Take) {
      auto& d = ctx.report(doc(), op.keyword_span,
                           "'" + keyword +
                               "' in a custom detection drops matching rows arbitrarily: the "
                               "rule alerts only on the rows it keeps");
      d.help =
          "remove '" + keyword + "'; to limit alerts, narrow the filter or summarize per entity";
    } else {
      auto& d = ctx.report(doc(), op.keyword_span,
                           "'render' in a custom detection: a scheduled rule produces alerts, "
                           "not charts");
      d.help = "remove the render step from the detection (keep it in a hunting copy)";
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_detection_forbidden_operator() {
  return std::make_unique<DetectionForbiddenOperator>();
}

}  // namespace kql::lint
