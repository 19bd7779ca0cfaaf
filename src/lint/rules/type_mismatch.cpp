// type-mismatch: operators and functions applied to values of incompatible types. Mismatches
// that Kusto rejects are errors; comparisons that Kusto accepts but that can never be true at
// run time (`RemotePort == "80"`) are reported as warnings, since the query still runs.
#include "lint/rules/resolution.h"
#include "lint/rules/rules.h"

namespace kql::lint {
namespace {

std::string types_text(const std::vector<sema::Type>& types) {
  std::string s;
  for (size_t i = 0; i < types.size(); ++i) {
    if (i) s += i + 1 == types.size() ? " and " : ", ";
    s += std::string(schema::type_name(types[i]));
  }
  return s;
}

class TypeMismatch final : public Rule {
 public:
  TypeMismatch() : Rule("type-mismatch") {}
  void check(const LintContext& ctx) const override {
    for (const auto& p : ctx.model.problems()) {
      if (p.kind != sema::ProblemKind::TypeMismatch) continue;
      std::string message;
      if (p.operand_types.size() == 1 && !p.context.empty())
        message = "'" + p.name + "' expects " + p.expected + " for " + p.context + ", not " +
                  types_text(p.operand_types);
      else
        message = "'" + p.name + "' applied to " + types_text(p.operand_types) +
                  (p.expected.empty() ? "" : " (expects " + p.expected + ")");
      Diagnostic& d = ctx.report(doc(), p.span, message);
      if (!p.strict) {
        d.severity = Severity::Warning;
        d.message += ": Kusto runs it, but it never matches";
      }
    }
  }
};

}  // namespace

std::unique_ptr<Rule> make_type_mismatch() { return std::make_unique<TypeMismatch>(); }

}  // namespace kql::lint
