// unknown-function: a call of a function that is neither built in, nor let-bound, nor declared
// in a schema extension.
#include "lint/rules/resolution.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

class UnknownFunction final : public Rule {
 public:
  UnknownFunction() : Rule("unknown-function") {}
  void check(const LintContext& ctx) const override {
    report_problems(ctx, doc(), sema::ProblemKind::UnknownFunction,
                    [](const auto& p) { return "unknown function '" + p.name + "'"; });
  }
};

}  // namespace

std::unique_ptr<Rule> make_unknown_function() { return std::make_unique<UnknownFunction>(); }

}  // namespace kql::lint
