#pragma once
// Helpers shared by the MDE data rules (unknown-action-type, action-type-substring,
// enum-value-case, ...): locating one value inside a literal and printing value lists.
#include <string>
#include <string_view>
#include <vector>

#include "lint/rule.h"

namespace kql::lint::mde {

// The span of the quoted `value` inside `literal` (a string literal, or a dynamic array or let
// value that lists several strings); `literal` itself when the value cannot be located.
Span value_span(const LintContext& ctx, Span literal, std::string_view value);

// `"value"` as a KQL string literal.
std::string quoted(std::string_view value);

// `A, B, C` (or `A, B, C and 4 more` past `max`), each name quoted.
std::string quoted_list(const std::vector<std::string_view>& names, size_t max = 6);

// The enumeration (value list) the subject of a comparison is compared against: a table's
// column, or an AdditionalFields key ("AdditionalFields.direction"); null when none applies.
const schema::Enumeration* enumeration_of(const LintContext& ctx, const sema::Comparison& c);

// The text of a string literal value of a comparison, or null when the value is not a string.
const std::string* string_value(const sema::Comparison::Value& v);

// The names of some ActionTypes, in order.
std::vector<std::string_view> names_of(const std::vector<const schema::ActionType*>& ats);

}  // namespace kql::lint::mde
