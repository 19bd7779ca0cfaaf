#pragma once
// `--format json`, DESIGN.md's contract:
//   {"version": 1, "files": N, "queries": N, "diagnostics": [{"file", "line", "column",
//    "end_line", "end_column", "code", "name", "severity", "message", "help"?, "fix"?}]}
// Columns count code points; end_column is exclusive. "fix" is
//   {"description", "safe", "edits": [{"line", "column", "end_line", "end_column",
//   "replacement"}]}.
#include <nlohmann/json.hpp>
#include <ostream>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/run_counts.h"

namespace kql {

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diags,
                                        const RunCounts& counts);

void write_json(std::ostream& out, const std::vector<Diagnostic>& diags, const RunCounts& counts);

}  // namespace kql
