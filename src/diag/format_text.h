#pragma once
// Compiler-style text output:
//   rules/x.kql:3:14: warning[KQL1010 enum-value-case]: message
//     3 | | where Protocol == "TCP"
//       |                   ^~~~~
//   help: ...
//   fix: replace "TCP" with "Tcp"
//     3 | | where Protocol == "Tcp"
// followed by one summary line ("2 errors, 1 warning in 3 files (14 queries)").
#include <ostream>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/run_counts.h"

namespace kql {

struct TextOptions {
  bool color = false;
  bool summary = true;  // print the final summary line
};

void write_text(std::ostream& out, const std::vector<Diagnostic>& diags, const RunCounts& counts,
                const TextOptions& options);

// Just the summary line, without a newline: "2 errors, 1 warning in 3 files (14 queries)".
std::string summary_line(const std::vector<Diagnostic>& diags, const RunCounts& counts);

}  // namespace kql
