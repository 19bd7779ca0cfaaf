#pragma once
// KQL's string predicates evaluated on known values, so that the binder can tell which
// ActionTypes `ActionType has "x"`, `contains`, `startswith` ... select.
#include <optional>
#include <string_view>

#include "syntax/ast.h"

namespace kql::sema {

bool equals_ci(std::string_view a, std::string_view b);

// Whether `haystack <op> needle` holds, for the string operators of ast::BinaryOp (the
// negated forms answer for the positive operator; the caller negates). nullopt for
// operators not evaluated here (like, regex, non-string operators).
std::optional<bool> string_predicate(ast::BinaryOp op, std::string_view haystack,
                                     std::string_view needle);
// Whether the operator is a `!` form (!contains, !has, !=, !~ ...).
bool is_negated(ast::BinaryOp op);

}  // namespace kql::sema
