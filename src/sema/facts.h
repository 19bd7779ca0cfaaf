#pragma once
// Facts the lint rules consume, recorded per pipeline stage by the binder.
#include <string>
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "source/span.h"
#include "syntax/ast.h"

namespace kql::sema {

// The ActionTypes of a table the rows of a stage are filtered to.
struct ActionTypeSet {
  bool all = true;  // no filter understood: every ActionType
  // The known ActionTypes still possible (meaningful when !all), in the table's order.
  std::vector<const schema::ActionType*> values;
  bool contains(std::string_view name) const;
};

// One pipeline stage: the source (a table reference, a let name, a source operator) or one
// `| operator`. Stage ids index SemanticModel::stages().
struct Stage {
  const ast::Expr* expr = nullptr;       // the Pipe / source expression
  const ast::Operator* op = nullptr;     // null for a table/let source
  int input = -1;                        // the stage feeding this one, -1 for sources
  int right = -1;                        // join/lookup: the right side's last stage
  const schema::Table* table = nullptr;  // the table whose rows flow here, if one
  ActionTypeSet action_types;            // relative to `table`
};

// `ActionType <op> literal(s)`: what each compared value matched.
struct ActionTypeFilter {
  const ast::Expr* expr = nullptr;  // the Binary / InList node
  int stage = -1;
  const schema::Table* table = nullptr;
  std::string op;  // KQL spelling: "==", "in~", "contains", ...
  struct Value {
    std::string text;
    Span span;
    std::vector<const schema::ActionType*> matches;  // ActionTypes the value selects
    std::vector<const schema::ActionType*> case_insensitive_matches;  // for == / in
  };
  std::vector<Value> values;
  bool negated = false;  // !=, !in, !contains ...
};

// A key read from AdditionalFields: `AF.key`, `AF["key"]`, `tostring(AF.key)`,
// `parse_json(AdditionalFields).key`, `AdditionalFields.key`.
struct AdditionalFieldRead {
  std::string_view key;
  Span key_span;
  const ast::Expr* expr = nullptr;  // the Member / Index node
  std::string_view via;             // the column or alias name it was read through
  bool parsed = false;              // false: read straight from the JSON string column on mde
  int stage = -1;
  const schema::Table* table = nullptr;
};

// A column (or an AdditionalFields key) compared with literal value(s).
struct Comparison {
  const ast::Expr* expr = nullptr;  // Binary, InList or Between
  int stage = -1;
  std::string_view column;  // column name; empty when the subject is an AF key
  std::string_view af_key;  // AdditionalFields key the subject reads, or the column carries
  Span subject_span;
  const schema::Table* origin = nullptr;  // the table the column comes from, if unchanged
  std::string op;                         // KQL spelling
  struct Value {
    const ast::Literal* literal = nullptr;
    Span span;
  };
  std::vector<Value> values;
};

// A reference to a column by name (for rules such as zeek-no-initiating-process).
struct ColumnRef {
  std::string_view name;
  Span span;
  int stage = -1;
  const schema::Table* origin = nullptr;
  std::string_view af_key;
};

}  // namespace kql::sema
