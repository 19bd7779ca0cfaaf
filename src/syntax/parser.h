#pragma once
// Entry point of the syntax layer: KQL text -> our SyntaxTree, with syntax diagnostics.
#include <cstddef>
#include <memory>

#include "diag/diagnostic.h"
#include "source/query.h"
#include "syntax/ast.h"

namespace kql {

struct ParseResult {
  std::unique_ptr<ast::SyntaxTree> tree;  // never null; partial when there were errors
  bool ok = true;                         // false when any syntax error was reported
};

// Parses one query. Syntax errors go to `diags` with the name `syntax-error`; the parser
// recovers so that independent errors in one query are all reported. Never throws, never
// overflows the stack (pathological nesting is reported as a diagnostic).
ParseResult parse_query(const Query& query, QueryDiagnostics& diags);

// Limits that keep parsing and every later tree walk within a normal thread stack. Deeper
// input is rejected with a syntax-error diagnostic instead of being parsed:
// brackets ( [ { nested more than kMaxNestingDepth levels (checked on tokens, before the
// recursive parser runs), and statements whose syntax tree would be deeper than kMaxTreeDepth
// nodes (e.g. thousands of chained `or`s or pipe stages); such statements are left out of the
// tree.
inline constexpr size_t kMaxNestingDepth = 200;
inline constexpr size_t kMaxTreeDepth = 2000;
// After this many syntax errors in one query, one more says so and the rest is not checked
// (a binary file would otherwise produce an error per stray byte).
inline constexpr size_t kMaxSyntaxErrors = 50;

}  // namespace kql
