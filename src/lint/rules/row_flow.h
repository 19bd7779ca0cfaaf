#pragma once
// Helpers shared by the Zeek and detection rules: which ActionTypes the rows of a pipeline
// stage finally keep, and which syntax and facts lie inside a span.
//
// A filter may come after the operator a rule looks at (`extend Uid = ... | where ActionType
// == "X"`), so the ActionTypes that matter are those of the last stage the rows reach while
// they stay the same table's rows in one straight pipeline (no second consumer of a let).
#include <string_view>
#include <vector>

#include "schema/schema.h"
#include "sema/semantic_model.h"
#include "syntax/ast.h"

namespace kql::lint {

class RowFlow {
 public:
  explicit RowFlow(const sema::SemanticModel& model);

  // The ActionTypes of the rows flowing through `stage`, narrowed by every later filter of
  // the same straight pipeline. Null when the stage is unknown.
  const sema::ActionTypeSet* final_action_types(int stage) const;
  // True when, between the pipeline's source and `stage`, a join or lookup brings in rows of
  // `table` from its right side (a column of `table` may then come from either side).
  bool joins_in(int stage, const schema::Table* table) const;

 private:
  const sema::SemanticModel& model_;
  std::vector<std::vector<int>> consumers_;  // stage id -> stages whose input it is
};

// Zeek-derived network inspections: the schema gives them a Zeek log or an L7 Zeek layer.
bool is_zeek_derived(const schema::ActionType& at);

// "A, B and 2 more" for messages.
std::string list_names(const std::vector<const schema::ActionType*>& ats, size_t max = 4);

inline bool inside(Span inner, Span outer) {
  return inner.begin >= outer.begin && inner.end <= outer.end;
}

// Every node below (and including) `root`, depth first, iteratively.
template <class Fn>
void walk_tree(const ast::Node& root, Fn&& fn);

}  // namespace kql::lint

#include "syntax/walk.h"

namespace kql::lint {

template <class Fn>
void walk_tree(const ast::Node& root, Fn&& fn) {
  std::vector<const ast::Node*> stack{&root};  // iterative: trees can be deep
  while (!stack.empty()) {
    const ast::Node* n = stack.back();
    stack.pop_back();
    fn(*n);
    ast::for_each_child(*n, [&](const ast::Node& c) { stack.push_back(&c); });
  }
}

}  // namespace kql::lint
