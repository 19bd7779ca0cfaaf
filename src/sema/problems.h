#pragma once
// Resolution problems the binder finds. They are data, not diagnostic text: the lint layer
// turns them into unknown-table, unknown-column, unknown-function, wrong-argument-count and
// type-mismatch diagnostics with its own wording and severity.
#include <string>
#include <string_view>
#include <vector>

#include "sema/row_schema.h"
#include "source/span.h"

namespace kql::sema {

enum class ProblemKind : uint8_t {
  UnknownTable,
  UnknownColumn,
  UnknownFunction,
  WrongArgumentCount,
  TypeMismatch,
};
std::string_view problem_kind_name(ProblemKind k);  // "unknown-table", ...

struct ResolutionProblem {
  ResolutionProblem() = default;
  ResolutionProblem(ProblemKind k, Span s, std::string n) : kind(k), span(s), name(std::move(n)) {}
  ProblemKind kind = ProblemKind::UnknownColumn;
  Span span;         // the offending name, call or operand
  std::string name;  // the unresolved name, the called function, or the operator text
  // Did-you-mean candidates, best first (case-only differences first).
  std::vector<std::string> suggestions;
  // Where the name was looked up: "DeviceNetworkEvents" (the input table), "the input of
  // project", "tables", "functions" ... for messages such as "no column X in Y".
  std::string context;
  // WrongArgumentCount: the accepted range (max -1 = no upper bound) and the actual count.
  int min_args = 0, max_args = 0, actual_args = 0;
  // TypeMismatch: the operand types involved and what was expected, as KQL type names
  // ("string", "long", ...; expected may list alternatives, e.g. "string or dynamic").
  std::vector<Type> operand_types;
  std::string expected;
  // TypeMismatch: true when Microsoft's Kusto.Language binder rejects it too; false for the
  // comparisons it accepts but that never match at run time (`RemotePort == "80"`).
  bool strict = true;
  // UnknownTable: the table is a leg of `union isfuzzy=true`, which Kusto skips when missing,
  // so the query still runs; the leg just yields no rows on this platform.
  bool in_fuzzy_union = false;
};

}  // namespace kql::sema
