#pragma once
// Diagnostic codes of the Zeek backend (KQL4xxx). Every construct the backend cannot
// translate exactly is reported with one of these and the span of the construct; the CLI
// exits 3 when any error-severity one is present.
#include <string_view>

namespace kql::zeek {

struct Code {
  std::string_view code;
  std::string_view name;
};

namespace codes {
inline constexpr Code kUnsupportedTable{"KQL4001", "zeek-unsupported-table"};
inline constexpr Code kUnmappedActionType{"KQL4002", "zeek-unmapped-action-type"};
inline constexpr Code kNoActionTypeFilter{"KQL4003", "zeek-no-action-type-filter"};
inline constexpr Code kUnsupportedOperator{"KQL4004", "zeek-unsupported-operator"};
inline constexpr Code kUnsupportedColumn{"KQL4005", "zeek-unsupported-column"};
inline constexpr Code kUnknownField{"KQL4006", "zeek-unknown-field"};
inline constexpr Code kFieldNeedsPackage{"KQL4007", "zeek-field-needs-package"};
inline constexpr Code kUnsupportedFieldType{"KQL4008", "zeek-unsupported-field-type"};
inline constexpr Code kUnsupportedFunction{"KQL4009", "zeek-unsupported-function"};
inline constexpr Code kUnsupportedExpression{"KQL4010", "zeek-unsupported-expression"};
inline constexpr Code kInexactCaseFolding{"KQL4011", "zeek-inexact-case-folding"};
inline constexpr Code kRegexNotExpressible{"KQL4012", "zeek-regex-not-expressible"};
inline constexpr Code kTermNeedle{"KQL4013", "zeek-term-needle"};
inline constexpr Code kUnsupportedTimeFilter{"KQL4014", "zeek-unsupported-time-filter"};
inline constexpr Code kUnsupportedAggregation{"KQL4015", "zeek-unsupported-aggregation"};
inline constexpr Code kAggregationWithoutWindow{"KQL4016", "zeek-aggregation-without-window"};
inline constexpr Code kColumnDropped{"KQL4017", "zeek-column-dropped"};  // a warning
inline constexpr Code kUnsupportedStatement{"KQL4018", "zeek-unsupported-statement"};
}  // namespace codes

}  // namespace kql::zeek
