#pragma once
// How config and suppressions name rules. A selector is
//   - a rule's code ("KQL1003", any case) or name ("unknown-column"): that rule;
//   - a code prefix ("KQL10"): every rule whose code starts with it;
//   - a name prefix ending at a '-' boundary ("zeek" or "zeek-"): "zeek-uid-unavailable", ...;
//   - "all": every rule.
// When several selectors match, the most specific wins (an exact rule beats any prefix, a
// longer prefix beats a shorter one), so `select = ["KQL1003"]` with `ignore = ["KQL1"]`
// keeps KQL1003. Between select and ignore a tie goes to ignore; between [severity] entries
// the later one wins.
#include <string_view>
#include <vector>

#include "diag/rule_descriptor.h"

namespace kql {

// 0 when `selector` does not match the rule, otherwise how specific the match is.
int selector_specificity(std::string_view selector, std::string_view code, std::string_view name);

// True when the selector matches at least one of `rules` (or is "all").
bool selector_is_known(std::string_view selector, const std::vector<RuleDescriptor>& rules);

// Diagnostics about the input itself (reading, syntax, config: codes KQL00xx) are never
// turned off by select/ignore/severity or suppressed: without them a file would silently
// go unchecked.
bool is_protected_code(std::string_view code);

}  // namespace kql
