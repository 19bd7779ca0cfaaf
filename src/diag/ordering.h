#pragma once
// Deterministic output order for every format: file path, then position, then code.
// Checking runs in parallel, so the order diagnostics were produced in means nothing.
#include <vector>

#include "diag/diagnostic.h"

namespace kql {

// Strict weak ordering: file path, begin offset, end offset, code, message.
// Diagnostics without a file (run-level problems) come first.
bool diagnostic_before(const Diagnostic& a, const Diagnostic& b);

// Pointers to `diags` in output order (the vector itself is left alone).
std::vector<const Diagnostic*> in_output_order(const std::vector<Diagnostic>& diags);

void sort_diagnostics(std::vector<Diagnostic>& diags);

}  // namespace kql
