#include "lint/rules/resolution.h"

namespace kql::lint {

void add_suggestions(const LintContext& ctx, Diagnostic& d, const sema::ResolutionProblem& p) {
  if (p.suggestions.empty()) return;
  std::string help = "did you mean ";
  for (size_t i = 0; i < p.suggestions.size(); ++i) {
    if (i) help += i + 1 == p.suggestions.size() ? " or " : ", ";
    help += "'" + p.suggestions[i] + "'";
  }
  d.help = help + "?";
  // Only a fix when the span is exactly the name (a call's callee, a table or column name).
  if (p.suggestions.size() == 1 && ctx.text(p.span) == p.name) {
    Fix fix;
    fix.description = "replace '" + p.name + "' with '" + p.suggestions.front() + "'";
    fix.edits.push_back({ctx.diags.to_file(p.span), p.suggestions.front()});
    fix.safe = false;
    d.fix = std::move(fix);
  }
}

void report_problems(const LintContext& ctx, const RuleDoc& doc, sema::ProblemKind kind,
                     const std::function<std::string(const sema::ResolutionProblem&)>& message) {
  for (const auto& p : ctx.model.problems()) {
    if (p.kind != kind) continue;
    Diagnostic& d = ctx.report(doc, p.span, message(p));
    add_suggestions(ctx, d, p);
  }
}

}  // namespace kql::lint
