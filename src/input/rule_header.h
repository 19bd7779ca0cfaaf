#pragma once
// The metadata header of a .kql rule file: leading `// key: value` comment lines
// (docs/rule-format.md).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kql {

using Metadata = std::vector<std::pair<std::string, std::string>>;

// Reads the header at the start of `text` (a BOM must already be skipped). Keys are lower-cased;
// a comment line indented by two or more spaces after `//` continues the previous value; other
// comment lines are prose and ignored. The header ends at the first line that is not a comment
// or blank.
Metadata parse_rule_header(std::string_view text);

}  // namespace kql
