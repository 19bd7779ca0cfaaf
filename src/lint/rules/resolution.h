#pragma once
// Shared by the five rules that report the binder's resolution problems (unknown-table,
// unknown-column, unknown-function, wrong-argument-count, type-mismatch): each rule picks its
// kind of problem and words the message; the did-you-mean help and fix are built here once.
#include <functional>
#include <string>

#include "lint/rule.h"
#include "sema/problems.h"

namespace kql::lint {

// Reports every problem of `kind` in the model with `message(problem)`; adds "did you mean"
// help and, when there is exactly one suggestion, an unsafe fix replacing the name with it
// (unsafe: only the author knows which name was meant).
void report_problems(const LintContext& ctx, const RuleDoc& doc, sema::ProblemKind kind,
                     const std::function<std::string(const sema::ResolutionProblem&)>& message);

// Adds the did-you-mean help and fix of `p` to `d`.
void add_suggestions(const LintContext& ctx, Diagnostic& d, const sema::ResolutionProblem& p);

}  // namespace kql::lint
