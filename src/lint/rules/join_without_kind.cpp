// join-without-kind: a join without `kind=` runs as innerunique (KQL's default flavor), which
// keeps one arbitrary row per key of the left side. The safe fix writes the default out, so the
// behaviour is unchanged and visible; the help says that kind=inner is probably what was meant.
#include "lint/rules/row_flow.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

class JoinWithoutKind final : public Rule {
 public:
  JoinWithoutKind() : Rule("join-without-kind") {}

  void check(const LintContext& ctx) const override {
    for (const auto* stmt : ctx.tree.statements) {
      walk_tree(*stmt, [&](const ast::Node& n) {
        if (n.kind != ast::NodeKind::Operator) return;
        const auto& op = static_cast<const ast::Operator&>(n);
        if (op.op_kind != ast::OperatorKind::Join || op.param("kind")) return;
        auto& d = ctx.report(doc(), op.keyword_span,
                             "join without kind= is innerunique: it keeps only one row per join "
                             "key of the left side before joining");
        d.help =
            "say which join you mean: kind=inner keeps every matching pair (most likely what "
            "was meant); the fix writes kind=innerunique, today's behaviour, explicitly";
        Fix fix;
        fix.description = "write the default flavor explicitly: kind=innerunique";
        Span after{op.keyword_span.end, op.keyword_span.end};
        fix.edits.push_back({ctx.diags.to_file(after), " kind=innerunique"});
        d.fix = std::move(fix);
      });
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_join_without_kind() { return std::make_unique<JoinWithoutKind>(); }

}  // namespace kql::lint
