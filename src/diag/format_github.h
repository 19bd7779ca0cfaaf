#pragma once
// `--format github`: GitHub Actions workflow commands, one line per diagnostic, which the
// runner turns into annotations on the pull request:
//   ::error file=rules/x.kql,line=3,col=14,endLine=3,endColumn=23,title=KQL1003 unknown-column::msg
// Severities map to error / warning / notice. Values are escaped as the runner expects:
// '%', CR and LF everywhere, and ':' and ',' inside properties.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace kql {

void write_github(std::ostream& out, const std::vector<Diagnostic>& diags);

std::string github_escape_data(std::string_view text);
std::string github_escape_property(std::string_view text);

}  // namespace kql
