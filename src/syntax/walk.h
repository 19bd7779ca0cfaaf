#pragma once
// Generic traversal of the syntax tree: the direct children of any node, in source order.
// Lint rules and checks that only need "every expression below here" use this instead of
// switching over every node kind themselves.
#include <functional>

#include "syntax/ast.h"

namespace kql::ast {

// Calls `fn` for each direct child of `node` (expressions, operators, statements, default
// values of declared parameters, parse-pattern literals). Null children are skipped.
void for_each_child(const Node& node, const std::function<void(const Node&)>& fn);

// The depth of the deepest node below `node` (a lone node has depth 1). Iterative, so it is
// safe on arbitrarily deep trees.
size_t tree_depth(const Node& node);

}  // namespace kql::ast
