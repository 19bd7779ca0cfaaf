// wrong-argument-count: a built-in or user function called with an arity it does not accept.
#include "lint/rules/resolution.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

std::string expected_count(const sema::ResolutionProblem& p) {
  auto args = [](int n) { return std::to_string(n) + (n == 1 ? " argument" : " arguments"); };
  if (p.max_args < 0) return "at least " + args(p.min_args);
  if (p.min_args == p.max_args) return args(p.min_args);
  return std::to_string(p.min_args) + " to " + args(p.max_args);
}

class WrongArgumentCount final : public Rule {
 public:
  WrongArgumentCount() : Rule("wrong-argument-count") {}
  void check(const LintContext& ctx) const override {
    report_problems(ctx, doc(), sema::ProblemKind::WrongArgumentCount, [](const auto& p) {
      return "'" + p.name + "' takes " + expected_count(p) + " but is given " +
             std::to_string(p.actual_args);
    });
  }
};

}  // namespace

std::unique_ptr<Rule> make_wrong_argument_count() { return std::make_unique<WrongArgumentCount>(); }

}  // namespace kql::lint
