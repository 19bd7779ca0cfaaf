#pragma once
// Entry point of the syntax layer: KQL text -> our SyntaxTree, with syntax diagnostics.
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

}  // namespace kql
