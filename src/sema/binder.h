#pragma once
// The binder: computes the SemanticModel of one parsed query over a schema (its profile
// decides mde vs sentinel semantics). Works on partial trees from syntax errors (null
// children are skipped) and never throws.
#include "schema/schema.h"
#include "sema/semantic_model.h"
#include "syntax/ast.h"

namespace kql::sema {

SemanticModel bind(const ast::SyntaxTree& tree, const schema::Schema& schema);

}  // namespace kql::sema
