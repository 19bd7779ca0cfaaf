// unknown-column: a column that neither the table nor an earlier stage provides. The binder
// knows each stage's row schema, so the message names where the name was looked up.
#include "lint/rules/resolution.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

class UnknownColumn final : public Rule {
 public:
  UnknownColumn() : Rule("unknown-column") {}
  void check(const LintContext& ctx) const override {
    report_problems(ctx, doc(), sema::ProblemKind::UnknownColumn, [](const auto& p) {
      if (p.context.empty()) return "unknown name '" + p.name + "'";
      if (p.context == "the names in scope") return "'" + p.name + "' is not a name in scope";
      return "no column '" + p.name + "' in " + p.context;
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_column() { return std::make_unique<UnknownColumn>(); }

}  // namespace kql::lint
