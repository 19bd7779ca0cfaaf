#pragma once
// Codes of the diagnostics the config and suppression layers report, and their catalogue
// entries (for `kqlint rules` and SARIF's rule list).
#include <vector>

#include "diag/rule_descriptor.h"

namespace kql {

namespace config_codes {
// Input-level (KQL00xx: never filtered, see rule_selector.h).
inline constexpr const char* kConfigError = "KQL0010";       // config-error, error: exit 2
inline constexpr const char* kUnknownConfigKey = "KQL0011";  // unknown-config-key, warning
inline constexpr const char* kUnknownRuleName = "KQL0012";   // unknown-rule-name, warning
// Lint-level: may be ignored like any rule.
inline constexpr const char* kUnusedSuppression = "KQL1900";   // unused-suppression, warning
inline constexpr const char* kInvalidSuppression = "KQL1901";  // invalid-suppression, warning
}  // namespace config_codes

// Descriptors for the five codes above.
const std::vector<RuleDescriptor>& config_rule_descriptors();

}  // namespace kql
